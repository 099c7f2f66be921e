"""The checks of what a user types in GPS, each with its French message: read by the forms (the
message goes next to the field) and again by the services (a forged post meets the same rule).

Each function returns the cleaned value or raises ``FallbackError`` naming its field."""

import datetime
import re

from django.utils import timezone

from fallback.errors import FallbackError

# --- Vehicle registration (« immatriculation du moyen de transport ») ------------------------------

REGISTRATION_MIN_LENGTH = 2
REGISTRATION_MAX_LENGTH = 20
# Letters, digits, spaces and dashes; it starts and ends with a letter or a digit.
_REGISTRATION = re.compile(r"[A-Z0-9](?:[A-Z0-9 \-]*[A-Z0-9])?", re.ASCII)
REGISTRATION_EMPTY = "Saisissez l'immatriculation du moyen de transport, par exemple 457TY24 ou AB-123-CD."
REGISTRATION_CHARACTERS = (
    "L'immatriculation ne peut contenir que des lettres sans accent, des chiffres, des espaces et des tirets, "
    "par exemple 457TY24 ou AB-123-CD."
)
REGISTRATION_LENGTH = (
    f"L'immatriculation comporte de {REGISTRATION_MIN_LENGTH} à {REGISTRATION_MAX_LENGTH} caractères, "
    "par exemple 457TY24 ou AB-123-CD."
)


def vehicle_registration(value: str) -> str:
    """The registration in upper case, runs of blanks made one space."""
    registration = re.sub(r"\s+", " ", str(value or "")).strip().upper()
    if not registration:
        raise FallbackError(REGISTRATION_EMPTY, field="vehicle_registration")
    if not _REGISTRATION.fullmatch(registration):
        raise FallbackError(REGISTRATION_CHARACTERS, field="vehicle_registration")
    if not REGISTRATION_MIN_LENGTH <= len(registration) <= REGISTRATION_MAX_LENGTH:
        raise FallbackError(REGISTRATION_LENGTH, field="vehicle_registration")
    return registration


# --- Date and time of dispatch, typed jj/mm/aaaa and hh:mm --------------------------------------------

_DATE = re.compile(r"(?P<day>[0-9]{1,2})/(?P<month>[0-9]{1,2})/(?P<year>[0-9]{4})", re.ASCII)
_TIME = re.compile(r"(?P<hour>[0-9]{1,2})[:hH](?P<minute>[0-9]{2})", re.ASCII)
DATE_EMPTY = "Saisissez la date d'envoi de la marchandise au format jj/mm/aaaa, par exemple 10/04/2009."
DATE_FORMAT = "La date d'envoi s'écrit au format jj/mm/aaaa, par exemple 10/04/2009."
TIME_EMPTY = "Saisissez l'heure de départ du moyen de transport au format hh:mm, par exemple 15:02."
TIME_FORMAT = "L'heure de départ s'écrit au format hh:mm, de 00:00 à 23:59, par exemple 15:02."


def dispatch_date(value: str) -> datetime.date:
    text = str(value or "").strip()
    if not text:
        raise FallbackError(DATE_EMPTY, field="dispatch_date")
    match = _DATE.fullmatch(text)
    if not match:
        raise FallbackError(DATE_FORMAT, field="dispatch_date")
    try:
        return datetime.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        raise FallbackError(
            f"La date du {text} n'existe pas : vérifiez le jour et le mois (jj/mm/aaaa).", field="dispatch_date"
        ) from None


def dispatch_time(value: str) -> datetime.time:
    text = str(value or "").strip()
    if not text:
        raise FallbackError(TIME_EMPTY, field="dispatch_time")
    match = _TIME.fullmatch(text)
    if not match or int(match["hour"]) > 23 or int(match["minute"]) > 59:
        raise FallbackError(TIME_FORMAT, field="dispatch_time")
    return datetime.time(int(match["hour"]), int(match["minute"]))


def dispatch_moment(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """The date and time typed, read as the portal's local time (Europe/Paris)."""
    return timezone.make_aware(datetime.datetime.combine(day, time))


# --- When a number may be asked for ----------------------------------------------------------------

# A number is asked for before the goods leave: a dispatch up to a day earlier is still accepted
# (the truck left while the number was being asked for), never one further back *(assumption)*.
DISPATCH_MAX_PAST = datetime.timedelta(hours=24)
# As in GAMMA, a dispatch at most 7 days ahead.
DISPATCH_MAX_AHEAD = datetime.timedelta(days=7)


def dispatch_window(moment: datetime.datetime, *, now: datetime.datetime) -> None:
    if moment < now - DISPATCH_MAX_PAST:
        raise FallbackError(
            "La date et l'heure de départ sont passées depuis plus de 24 heures : le numéro de secours se demande "
            "avant le départ de la marchandise.",
            field="dispatch_date",
        )
    if moment > now + DISPATCH_MAX_AHEAD:
        raise FallbackError(
            "La date d'envoi est à plus de 7 jours : demandez le numéro de secours au plus tôt 7 jours avant "
            "le départ de la marchandise.",
            field="dispatch_date",
        )
