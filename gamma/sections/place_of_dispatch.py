"""The section « Lieu d'expédition »: the tax warehouse the goods leave, or the office of import
(C012, C208, C207)."""

from __future__ import annotations

from gamma.models import Movement, MovementTrader, TraderRole
from gamma.rules import RuleError, c012, c207, c208
from gamma.sections.base import DAE, Bound, Section, make_form
from gamma.sections.fields import ReferenceChoices, office_field
from gamma.sections.traders import save_trader, trader_form


class PlaceOfDispatchSection(Section):
    key = "place_of_dispatch"
    slug = "lieu-expedition"
    title = "Lieu d'expédition"
    # C012, C208, C207: a DAE leaves a tax warehouse, a DAES gives a name and address, imports an office.
    hint = (
        "L'entrepôt fiscal d'où partent les marchandises (DAE) ou l'adresse d'expédition (DAES) ; "
        "le bureau d'importation pour des marchandises importées."
    )
    fields = ("dispatch_import_office_code",)
    traders = (TraderRole.PLACE_OF_DISPATCH,)

    def build(self, bound: Bound, choices: ReferenceChoices) -> None:
        bound.forms["place_of_dispatch"] = trader_form(TraderRole.PLACE_OF_DISPATCH, bound.data)
        if bound.movement.kind == DAE:
            current = str(
                (bound.data or {}).get("dispatch_import_office_code")
                or bound.movement.dispatch_import_office_code
                or ""
            )
            bound.forms["office"] = make_form(
                {
                    "dispatch_import_office_code": office_field(
                        "Bureau d'importation (marchandises importées seulement)", choices, current
                    )
                },
                bound.data,
            )

    def save(self, bound: Bound) -> None:
        movement = bound.movement
        save_trader(movement, TraderRole.PLACE_OF_DISPATCH, bound.cleaned("place_of_dispatch"))
        changed = self._save_fields(movement, bound.cleaned("office"), self.fields) if "office" in bound.forms else []
        movement.save(update_fields=[*changed, "updated_at"])


def missing_place_of_dispatch(movement: Movement, traders: dict[str, MovementTrader]) -> list[RuleError]:
    """Place of dispatch (C012, C208, C207)."""
    kind, origin = movement.kind, movement.origin_type_code
    place = traders.get(TraderRole.PLACE_OF_DISPATCH)
    return [
        *c012.check(
            kind=kind,
            origin_type_code=origin,
            dispatch_import_office_code=movement.dispatch_import_office_code,
            place_of_dispatch=place,
        ),
        *c208.check(
            kind=kind,
            origin_type_code=origin,
            reference_of_tax_warehouse=place.reference_of_tax_warehouse if place else "",
        ),
        *c207.check(kind=kind, origin_type_code=origin, place_of_dispatch=place),
    ]
