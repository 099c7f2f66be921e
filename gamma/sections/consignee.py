"""The section « Destinataire »: the consignee, and the complement of an exempted consignee
(C116, C010, C084)."""

from __future__ import annotations

from emcs import codelists
from gamma.models import Movement, MovementTrader, TraderRole
from gamma.rules import RuleError, c010, c084, c116, presence
from gamma.sections.base import DAE, EMCS_KINDS, Bound, Section, address, make_form
from gamma.sections.fields import ReferenceChoices, choice_field, text
from gamma.sections.traders import save_trader, trader_form


class ConsigneeSection(Section):
    key = "consignee"
    slug = "destinataire"
    title = "Destinataire"
    # C116, C010: no consignee for an unknown destination; no excise number for an exempted consignee.
    hint = (
        "Son nom, son adresse et son numéro d'accise (sauf exportation ou destinataire exonéré) ; "
        "aucun destinataire pour une destination inconnue."
    )
    fields = ("complement_consignee_member_state", "complement_consignee_exemption_certificate")
    traders = (TraderRole.CONSIGNEE,)

    def build(self, bound: Bound, choices: ReferenceChoices) -> None:
        bound.forms["consignee"] = trader_form(TraderRole.CONSIGNEE, bound.data)
        if bound.movement.kind == DAE:
            bound.forms["complement"] = make_form(
                {
                    "complement_consignee_member_state": choice_field(
                        "État membre du destinataire exonéré", choices.list(codelists.MEMBER_STATES), searchable=True
                    ),
                    "complement_consignee_exemption_certificate": text("Numéro du certificat d'exonération", 255),
                },
                bound.data,
            )

    def save(self, bound: Bound) -> None:
        movement = bound.movement
        values = bound.cleaned("consignee")
        save_trader(movement, TraderRole.CONSIGNEE, values)
        movement.consignee_identifier = values.get("traderid") or ""
        changed = ["consignee_identifier"]
        if "complement" in bound.forms:
            changed += self._save_fields(movement, bound.cleaned("complement"), self.fields)
        movement.save(update_fields=[*changed, "updated_at"])


def missing_consignee(movement: Movement, traders: dict[str, MovementTrader]) -> list[RuleError]:
    """Consignee (C116, C010 and C084 in EMCS; a DSA always names its consignee)."""
    kind = movement.kind
    destination = movement.destination_type_code
    consignee = traders.get(TraderRole.CONSIGNEE)
    errors: list[RuleError] = []
    if kind not in EMCS_KINDS:
        errors += address("consignee", consignee, "du destinataire")
    # Before the destination type is chosen, the usual one's needs (``presence.assumed_destination``).
    assumed, note = presence.assumed_destination(kind, destination)
    errors += presence.with_note(
        c116.check(kind=kind, destination_type_code=assumed, consignee=consignee)
        + c010.check(
            kind=kind, destination_type_code=assumed, consignee_traderid=consignee.traderid if consignee else ""
        ),
        note,
    )
    errors += c084.check(
        kind=kind,
        destination_type_code=destination,
        member_state=movement.complement_consignee_member_state,
        exemption_certificate=movement.complement_consignee_exemption_certificate,
    )
    return errors
