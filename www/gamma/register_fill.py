"""« Compléter depuis le registre » (issue 12): a draft's consignee or place of delivery filled from
the register by its excise number, as progressive enhancement.

Without JavaScript, the button next to the number posts the section's form: the name and address
inputs take the register's values, everything else typed stays, nothing is saved until
« Enregistrer ». With JavaScript, ``static/js/register-fill.js`` asks ``register_address`` (JSON) as
the number is typed and fills the inputs still empty. Both answer exactly what the free InfoAccises
look-up publishes to anyone (``register.services.excise_number_holder_address``: the holder's name
and address, nothing more), to logged-in users only and rate-limited per user, so the register
cannot be read through faster than it already can."""

from __future__ import annotations

from http import HTTPStatus

from allauth.core.internal import ratelimit
from django.contrib import messages
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from gamma import sections
from gamma.models import Movement
from register.services import LookupRefused, excise_number_holder_address
from www.lookups.views import JSON_STATUS

RATE_ACTION = "register_fill"
THROTTLED = (
    "Trop de recherches dans le registre en peu de temps : réessayez dans une minute ou saisissez le nom et l'adresse."
)
NOT_LOGGED_IN = "Connectez-vous pour compléter un document depuis le registre."
ACTION_PREFIX = "registre-"


def _within_rate(request) -> bool:
    """One budget per user for the button and the JSON. The public ``consume`` counts no GET: the
    internal one, told to (``limit_get``), counts them (as ``www.edi.views`` does)."""
    return bool(ratelimit.consume(request, app="allauth.account", action=RATE_ACTION, limit_get=True))


def fill_role(section: sections.Section, action: str) -> str | None:
    """The trader role the posted ``action`` asks to fill from the register, if this section holds it."""
    if not action.startswith(ACTION_PREFIX):
        return None
    role = action.removeprefix(ACTION_PREFIX)
    return role if role in sections.REGISTER_FILLED and role in section.traders else ""


def fill_section(request, movement: Movement, section: sections.Section, role: str) -> tuple[sections.Bound, int]:
    """The section's form as posted, ``role``'s name and address replaced by the register's (the
    user asked, with the button); a refusal is shown at the excise number, nothing changed."""
    data = request.POST.copy()
    data.pop("action", None)
    number = data.get(f"{role}-traderid", "").strip()
    refusal = ""
    if not role:
        refusal = "Cette rubrique ne se complète pas depuis le registre."
    elif not _within_rate(request):
        refusal = THROTTLED
    else:
        try:
            holder = excise_number_holder_address(number=number)
        except LookupRefused as refused:
            refusal = refused.message
        else:
            for name, value in sections.register_values(role, holder).items():
                data[name] = value
    bound = section.bind(movement, data)
    bound.is_valid()
    if refusal:
        if not role or not bound.add_error(f"{role}.traderid", refusal):
            messages.error(request, refusal)
        return bound, HTTPStatus.BAD_REQUEST
    messages.info(
        request,
        f"Nom et adresse repris du registre pour {holder.number} : vérifiez-les, puis enregistrez la rubrique "
        "(rien n'est enregistré pour l'instant).",
    )
    return bound, HTTPStatus.OK


@require_GET
def register_address(request):
    """The name and address the register publishes for the French excise number ``?numero=``:
    ``{"number", "name", "street", "postcode", "city"}``; 404 when unknown, 400 when the number is
    wrong or foreign, 429 beyond the rate, 401 without a session (JSON, French messages)."""
    if not request.user.is_authenticated:
        return _json({"error": NOT_LOGGED_IN}, HTTPStatus.UNAUTHORIZED)
    if not _within_rate(request):
        return _json({"error": THROTTLED}, HTTPStatus.TOO_MANY_REQUESTS)
    try:
        holder = excise_number_holder_address(number=request.GET.get("numero", "")[:64])
    except LookupRefused as refusal:
        return _json({"error": refusal.message, "code": refusal.reason.value}, JSON_STATUS[refusal.reason])
    return _json(holder.as_dict(), HTTPStatus.OK)


def _json(payload: dict, status: int) -> JsonResponse:
    response = JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "private, no-store"
    return response
