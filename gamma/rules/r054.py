"""R054: the journey time, ``Hnn`` in hours (24 at most) or ``Dnn`` in days (at most the maximum
journey time of the transport mode).

Official text (``emcs/spec/R054.md``): "The format of <Journey Time> is expressed in hours or in
days, with the format P99, where: "P" is a letter in ("H" = Hours or "D" = Day); "99" is a two
digits number. If P is "H" then the number is less or equal to 24; if P is "D" then the number is
less or equal to the possible values of <Maximum Journey Time> per <Transport Mode Code>."

The maximum per transport mode is R248's table (``emcs/spec/R248.md``), copied below; the code
list snapshot has no such column. Without a known transport mode, the schema's ceiling (D92)
applies. A journey time of zero (``H00``, ``D00``, which the schema's pattern lets through) is
refused as well: no movement takes no time."""

import re

from emcs import labels
from gamma.rules.base import Context, RuleError, register
from gamma.rules.draft import Draft

CODE = "R054"
FIELD = "journey_time"
MAX_HOURS = 24
SCHEMA_MAX_DAYS = 92  # JourneyTimeType: D([0-8][0-9]|9[0-2])
# R248: Maximum Journey Time per Transport Mode Code (BC67).
MAX_DAYS_BY_TRANSPORT_MODE = {
    "0": 45,  # other (multimode)
    "1": 45,  # sea
    "2": 35,  # rail
    "3": 35,  # road
    "4": 20,  # air
    "5": 30,  # postal consignment
    "7": 15,  # fixed transport installations
    "8": 35,  # inland waterway
}
_FORMAT = re.compile(r"([HD])([0-9]{2})", re.ASCII)

FORMAT = (
    "La durée du transport s'écrit H suivie de 2 chiffres (en heures, 24 au plus) ou D suivie de 2 chiffres "
    "(en jours), par exemple H12 ou D03."
)
ZERO = "La durée du transport ne peut pas être nulle."
TOO_MANY_HOURS = (
    "La durée du transport en heures ne peut pas dépasser 24 heures : au-delà, indiquez-la en jours (D02…)."
)
TOO_MANY_DAYS = "La durée du transport ne peut pas dépasser {days} jours pour le mode de transport « {mode} »."
TOO_MANY_DAYS_ANY_MODE = "La durée du transport ne peut pas dépasser 92 jours."


def max_days(transport_mode_code: str | None) -> int:
    return MAX_DAYS_BY_TRANSPORT_MODE.get(str(transport_mode_code or ""), SCHEMA_MAX_DAYS)


def check(*, journey_time: str, transport_mode_code: str | None, field: str = FIELD) -> list[RuleError]:
    if not journey_time:
        return []
    match = _FORMAT.fullmatch(journey_time.strip().upper())
    if not match:
        return [RuleError(CODE, field, FORMAT)]
    unit, number = match.group(1), int(match.group(2))
    if number == 0:
        return [RuleError(CODE, field, ZERO)]
    if unit == "H" and number > MAX_HOURS:
        return [RuleError(CODE, field, TOO_MANY_HOURS)]
    if unit == "D" and number > max_days(transport_mode_code):
        mode = str(transport_mode_code or "")
        if mode in MAX_DAYS_BY_TRANSPORT_MODE:
            message = TOO_MANY_DAYS.format(days=max_days(mode), mode=labels.label("BC67", mode) or mode)
        else:
            message = TOO_MANY_DAYS_ANY_MODE
        return [RuleError(CODE, field, message)]
    return []


@register(CODE)
def check_draft(draft: Draft, context: Context) -> list[RuleError]:
    return check(journey_time=draft.journey_time, transport_mode_code=draft.transport_mode_code)
