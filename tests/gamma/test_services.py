"""Preparing and issuing a movement through the services: each path, the rights, every error at
once, the ARC (format, uniqueness, even under concurrent validations) and the IE801 valid
against the schema."""

import datetime
import logging
import sqlite3
import threading
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.utils import timezone

from emcs import messages, xml
from gamma import inbox, mapping, sections, selectors, services
from gamma.models import (
    Movement,
    MovementAction,
    MovementEvent,
    MovementKind,
    MovementStatus,
    MovementTemplate,
    SubmissionMessageType,
    TraderRole,
)
from identifiers import arc as arc_identifier
from tests.factories.gamma import MovementFactory
from tests.factories.habilitations import build_world
from tests.gamma.drafting import CONSIGNEE_NUMBER, complete_dae, dae_sections, wine_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def lists(emcs_codelists):
    return emcs_codelists


def save(world, movement, section, data, actor=None):
    return services.draft_save_section(actor=actor or world.antoine, movement=movement, section=section, data=data)


def codes(errors):
    return {(error.code, error.field) for error in errors}


# --- Creating a draft ----------------------------------------------------------------------------


def test_a_new_dae_takes_the_consignor_place_of_dispatch_and_office_from_the_register(world):
    movement = services.prefetched(services.draft_create(actor=world.luc, excise_number=world.excise_a, kind="DAE"))
    assert movement.is_draft and movement.kind == MovementKind.DAE and movement.created_by == world.luc
    assert movement.submission_message_type == SubmissionMessageType.STANDARD
    assert movement.dispatch_office_code == "FR007501"  # the number's customs office
    assert movement.dispatch_date == timezone.localdate()
    consignor = movement.trader(TraderRole.CONSIGNOR)
    assert consignor.trader_excise_number == "FR008777E0001"
    assert consignor.trader_name == "SOCIETE DE DISTRIBUTION D'ALCOOLS"
    assert (consignor.street_name, consignor.postcode, consignor.city) == (
        world.company_a.address,
        world.company_a.postal_code,
        world.company_a.city,
    )
    place = movement.trader(TraderRole.PLACE_OF_DISPATCH)
    assert place.reference_of_tax_warehouse == (world.excise_a.tax_warehouse_reference or "FR008777E0001")


def test_a_daes_is_submission_type_3_duty_paid_and_a_dsa_has_no_emcs_type(world):
    daes = services.draft_create(actor=world.luc, excise_number=world.excise_a, kind="DAES")
    assert (daes.submission_message_type, daes.origin_type_code) == (3, 3)
    assert daes.traders.get(role=TraderRole.PLACE_OF_DISPATCH).reference_of_tax_warehouse == ""
    dsa = services.draft_create(actor=world.luc, excise_number=world.excise_a, kind="DSA")
    assert dsa.submission_message_type is None and dsa.origin_type_code is None


def test_creating_a_draft_needs_the_prepare_right_of_its_kind_and_is_logged_otherwise(world, caplog):
    with caplog.at_level(logging.WARNING, logger="prodouane.security"):
        with pytest.raises(services.Refused, match="Préparer un DAA"):
            services.draft_create(actor=world.marie, excise_number=world.excise_a, kind="DAE")  # search only
        with pytest.raises(services.Refused, match="Préparer un DSA"):
            services.draft_create(actor=world.marie, excise_number=world.excise_a, kind="DSA")
        with pytest.raises(services.Refused):
            services.draft_create(actor=world.bob, excise_number=world.excise_a, kind="DAE")  # another company
    assert len([r for r in caplog.records if r.name == "prodouane.security"]) == 3
    assert not Movement.objects.exists()
    with pytest.raises(services.Refused, match="Nature de document inconnue"):
        services.draft_create(actor=world.antoine, excise_number=world.excise_a, kind="XYZ")


# --- Saving sections -----------------------------------------------------------------------------


def test_each_section_is_saved_and_survives_as_it_was_typed(world, lists):
    movement = complete_dae(world.luc, world.excise_a)
    movement = services.prefetched(movement)
    assert movement.local_reference_number == "LRN-0001"
    assert movement.consignee_identifier == CONSIGNEE_NUMBER
    assert movement.trader(TraderRole.DELIVERY_PLACE).trader_name == "Entrepôt d'Eauze"
    line = movement.lines.get()
    assert (line.excise_product_code, line.cn_code, line.alcoholic_strength) == ("W200", "22042109", Decimal("12.5"))
    assert line.wine_operations == ["0"] and line.wine_product_category == 3
    assert [(p.kind_of_packages, p.number_of_packages) for p in line.packages.all()] == [("CT", 84)]
    assert [(u.transport_unit_code, u.identity_of_transport_units) for u in movement.transport_details.all()] == [
        ("2", "AB-123-CD")
    ]
    # What the form shows again is what was typed (French decimal comma included).
    data = sections.BY_KEY["lines"].current_data(movement)
    assert data["lines-0-alcoholic_strength"] == "12,5" and data["lines-0-quantity"] == "750"


def test_a_section_with_wrong_values_gives_every_error_and_saves_nothing(world, lists):
    movement = services.draft_create(actor=world.luc, excise_number=world.excise_a, kind="DAE")
    with pytest.raises(services.InvalidSection) as raised:
        save(
            world,
            movement,
            "movement",
            {"local_reference_number": "X" * 23, "invoice_number": "F-1", "dispatch_date": "31/02/2026"},
        )
    assert set(raised.value.errors) == {"local_reference_number", "dispatch_date"}
    assert "22 caractères au plus" in raised.value.errors["local_reference_number"][0]
    movement.refresh_from_db()
    assert movement.invoice_number == "" and movement.dispatch_date == timezone.localdate()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"lines-0-quantity": "douze"}, "lines.0.quantity", "Saisissez un nombre"),
        ({"lines-0-quantity": "-3"}, "lines.0.quantity", "supérieur à zéro"),
        ({"lines-0-quantity": "NaN"}, "lines.0.quantity", "Saisissez un nombre"),
        ({"lines-0-alcoholic_strength": "12,555"}, "lines.0.alcoholic_strength", "2 décimale(s) au plus"),
        ({"lines-0-excise_product_code": "ZZZZ"}, "lines.0.excise_product_code", "Choisissez une valeur de la liste"),
        ({"lines-0-packages-0-kind_of_packages": "??"}, "lines.0.packages.0.kind_of_packages", "de la liste"),
        ({"lines-0-packages-0-number_of_packages": "1e99"}, "lines.0.packages.0.number_of_packages", "entier"),
        ({"lines-0-commercial_description": "a\x00b"}, "lines.0.commercial_description", ""),
        ({"lines-0-gross_mass": "10", "lines-0-net_mass": "20"}, "lines.0.gross_mass", "[R219]"),
    ],
)
def test_garbage_in_a_line_is_refused_at_its_field(world, lists, data, field, message):
    movement = services.draft_create(actor=world.luc, excise_number=world.excise_a, kind="DAE")
    with pytest.raises(services.InvalidSection) as raised:
        save(world, movement, "lines", {**wine_line(0), **data})
    assert field in raised.value.errors
    assert message in " ".join(raised.value.errors[field])
    assert not movement.lines.exists()


def test_the_cn_codes_offered_are_those_of_the_epc_and_another_epc_drops_the_old_cn_code(world, lists):
    movement = services.draft_create(actor=world.luc, excise_number=world.excise_a, kind="DAE")
    bound = sections.BY_KEY["lines"].bind(movement, {"lines-0-excise_product_code": "W200"})
    cn_codes = {value for value, _label in bound.forms["lines-0"].fields["cn_code"].widget.choices if value}
    assert "22042109" in cn_codes and "22030001" not in cn_codes  # wine, not beer
    save(world, movement, "lines", wine_line(0))
    with pytest.raises(services.InvalidSection) as raised:  # same EPC, a CN code of beer: refused
        save(world, movement, "lines", wine_line(0, cn_code="22030001"))
    assert raised.value.errors["lines.0.cn_code"] == [
        "[BR018] Le code NC 22030001 ne correspond pas au produit W200 : choisissez un code NC de ce produit."
    ]
    # « Choisir » another product: the wine's CN code no longer applies and is dropped.
    save(world, movement, "lines", {"lines-0-excise_product_code": "B000", "lines-0-cn_code": "22042109"})
    line = movement.lines.get()
    assert (line.excise_product_code, line.cn_code) == ("B000", "")


def test_the_line_form_checks_the_cn_code_with_br018_as_the_validation_and_the_edi_channel_do(world, lists):
    """The form refused a CN code outside the product's list with a message of its own and no
    code, where the IE815 of the same draft got BR018 (found by tests/edi/test_channels_agree.py);
    and it refused one for S500, which BR018 lets take any CN code."""
    movement = services.draft_create(actor=world.luc, excise_number=world.excise_a, kind="DAE")
    save(world, movement, "lines", wine_line(0, excise_product_code="S500", cn_code="22071000"))
    form = sections.BY_KEY["lines"].bind(movement, None).forms["lines-0"]
    assert form.cn_codes and "33030010" not in form.cn_codes  # a perfume: not among S500's CN codes
    save(world, movement, "lines", wine_line(0, excise_product_code="S500", cn_code="33030010"))
    assert movement.lines.get().cn_code == "33030010"


def test_fields_depending_on_the_epc_are_offered_only_when_its_flags_call_for_them(world, lists):
    movement = services.draft_create(actor=world.luc, excise_number=world.excise_a, kind="DAE")
    lines = sections.BY_KEY["lines"]

    def fields_for(epc):
        return set(lines.bind(movement, {"lines-0-excise_product_code": epc}).forms["lines-0"].fields)

    wine, beer, fuel, tobacco = fields_for("W200"), fields_for("B000"), fields_for("E430"), fields_for("T200")
    assert {"alcoholic_strength", "wine_product_category", "wine_operations"} <= wine and "density" not in wine
    assert {"alcoholic_strength", "degree_plato"} <= beer and "wine_product_category" not in beer
    assert "density" in fuel and "alcoholic_strength" not in fuel
    assert not {"alcoholic_strength", "degree_plato", "density", "wine_product_category"} & tobacco
    # A value that no longer applies is cleared when the line is saved without it.
    save(world, movement, "lines", wine_line(0))
    save(world, movement, "lines", {"lines-0-excise_product_code": "T200"})
    line = movement.lines.get()
    assert line.alcoholic_strength is None and line.wine_product_category is None and line.wine_operations == []


def test_lines_are_added_changed_one_at_a_time_and_removed_with_their_numbers_kept_in_order(world, lists):
    movement = services.draft_create(actor=world.luc, excise_number=world.excise_a, kind="DAE")
    save(world, movement, "lines", {**wine_line(0), **wine_line(1, quantity="10"), **wine_line(2, quantity="20")})
    save(
        world, movement, "lines", {"lines-1-quantity": "11", **{k: v for k, v in wine_line(1).items() if "qu" not in k}}
    )
    assert [line.quantity for line in movement.lines.all()] == [Decimal(750), Decimal(11), Decimal(20)]
    save(world, movement, "lines", {"lines-0-supprimer": "1", **wine_line(0)})
    assert [(line.body_record_unique_reference, line.quantity) for line in movement.lines.all()] == [
        (1, Decimal(11)),
        (2, Decimal(20)),
    ]


def test_blank_and_removed_rows_are_not_kept(world, lists):
    movement = services.draft_create(actor=world.luc, excise_number=world.excise_a, kind="DAE")
    save(
        world,
        movement,
        "transport",
        {
            "transport_mode_code": "3",
            "transport_details-0-transport_unit_code": "2",
            "transport_details-0-identity_of_transport_units": "AB-123-CD",
            "transport_details-1-transport_unit_code": "",
            "transport_details-2-transport_unit_code": "3",
            "transport_details-2-supprimer": "on",
            "transport_details-3-transport_unit_code": "3",
            "transport_details-3-identity_of_transport_units": "REM-42",
            "transport_details-999-transport_unit_code": "1",  # beyond the 99 rows: ignored
        },
    )
    assert list(movement.transport_details.values_list("position", "identity_of_transport_units")) == [
        (1, "AB-123-CD"),
        (2, "REM-42"),
    ]


def test_the_consignor_excise_number_cannot_be_changed_by_a_forged_post(world, lists):
    movement = services.draft_create(actor=world.luc, excise_number=world.excise_a, kind="DAE")
    save(world, movement, "consignor", {"consignor-trader_name": "NOUVEAU NOM", "consignor-trader_excise_number": "X"})
    consignor = movement.traders.get(role=TraderRole.CONSIGNOR)
    assert (consignor.trader_name, consignor.trader_excise_number) == ("NOUVEAU NOM", "FR008777E0001")


def test_editing_needs_the_prepare_right_and_a_draft(world, lists, caplog):
    dae = services.draft_create(actor=world.antoine, excise_number=world.excise_a, kind="DAE")
    with caplog.at_level(logging.WARNING, logger="prodouane.security"), pytest.raises(services.Refused):
        save(world, dae, "movement", {"local_reference_number": "X"}, actor=world.marie)
    with pytest.raises(services.Refused):
        save(world, dae, "movement", {"local_reference_number": "X"}, actor=world.bob)
    with pytest.raises(services.Refused, match="n'existe pas"):
        save(world, dae, "nothing", {})
    dsa = services.draft_create(actor=world.antoine, excise_number=world.excise_a, kind="DSA")
    with pytest.raises(services.Refused, match="n'existe pas pour un DSA"):
        save(world, dsa, "guarantee", {"guarantor_type_code": "1"})
    validated = MovementFactory(validated=True, consignor=world.excise_a)
    with pytest.raises(services.Refused, match="n'est plus un brouillon"):
        save(world, validated, "movement", {"local_reference_number": "X"})
    assert "Refused forged" not in caplog.text and "without the right prepare_daa" in caplog.text


def test_section_status_follows_what_is_filled_and_what_is_missing(world, lists):
    movement = services.prefetched(services.draft_create(actor=world.luc, excise_number=world.excise_a, kind="DAE"))

    def statuses():
        fresh = services.prefetched(movement)
        errors = services.movement_errors(fresh)
        return {section.key: sections.status(section, fresh, errors) for section in sections.sections_for("DAE")}

    assert statuses() == {
        "movement": "En cours",  # dispatch date and origin prefilled, LRN missing
        "consignor": "Complète",
        "consignee": "À compléter",
        "place_of_dispatch": "Complète",
        "destination": "À compléter",
        "guarantee": "Complète",
        "transport": "En cours",
        "lines": "À compléter",
        "documents": "Complète",  # optional
    }
    for section, data in dae_sections().items():
        save(world, movement, section, data)
    assert set(statuses().values()) == {"Complète"}


# --- Lists, deletion ---------------------------------------------------------------------------


def test_the_drafts_list_filters_by_kind_lrn_consignee_and_dispatch_date(world, lists):
    today = timezone.localdate()
    first = complete_dae(world.luc, world.excise_a, lrn="CAVE-2026-001")
    second = services.draft_create(actor=world.luc, excise_number=world.excise_a, kind="DSA")
    save(world, second, "movement", {"local_reference_number": "DSA-9", "dispatch_date": str(today.replace(day=1))})
    MovementFactory(validated=True, consignor=world.excise_a)  # not a draft
    MovementFactory(consignor=world.excise_b)  # another number's draft

    def listed(**filters):
        return set(services.draft_list(actor=world.luc, excise_number=world.excise_a, **filters))

    assert listed() == {first, second}
    assert listed(kind="DSA") == {second}
    assert listed(lrn="cave-2026") == {first}
    assert listed(consignee="ARMAGNAC") == {first} == listed(consignee="FR009990 F0005")
    assert listed(date_from=today, date_to=today) == {first} | ({second} if today.day == 1 else set())
    # Marie may only search: no draft is hers to see.
    assert not set(services.draft_list(actor=world.marie, excise_number=world.excise_a))


def test_a_draft_is_deleted_by_a_preparer_never_once_validated(world, lists, caplog):
    draft = services.draft_create(actor=world.luc, excise_number=world.excise_a, kind="DAE")
    with caplog.at_level(logging.WARNING, logger="prodouane.security"), pytest.raises(services.Refused):
        services.draft_delete(actor=world.marie, movement=draft)
    services.draft_delete(actor=world.luc, movement=draft)
    assert not Movement.objects.filter(pk=draft.pk).exists()
    validated = MovementFactory(validated=True, consignor=world.excise_a)
    with pytest.raises(services.Refused):
        services.draft_delete(actor=world.luc, movement=validated)
    assert Movement.objects.filter(pk=validated.pk).exists()


# --- Templates ----------------------------------------------------------------------------------


def test_a_template_keeps_the_draft_without_its_lrn_and_dates_and_starts_new_drafts(world, lists):
    draft = complete_dae(world.luc, world.excise_a, lines=2)
    template = services.template_from_draft(actor=world.luc, movement=draft, name="  Bordeaux  vers Eauze ")
    assert template.name == "Bordeaux vers Eauze" and template.kind == "DAE"
    assert "local_reference_number" not in template.data["movement"]
    assert "dispatch_date" not in template.data["movement"] and "invoice_number" not in template.data["movement"]
    assert "consignor" not in template.data  # taken afresh from the register

    new = services.prefetched(services.draft_from_template(actor=world.luc, template=template))
    assert new.pk != draft.pk and new.is_draft and new.local_reference_number == ""
    assert new.dispatch_date == timezone.localdate()  # today again, as for any new draft
    assert new.consignee_identifier == CONSIGNEE_NUMBER and new.destination_type_code == 1
    assert [(line.excise_product_code, line.cn_code) for line in new.lines.all()] == [("W200", "22042109")] * 2
    assert new.transport_details.count() == 1
    # Saving again under the same name replaces the template.
    services.template_from_draft(actor=world.luc, movement=new, name="Bordeaux vers Eauze")
    assert MovementTemplate.objects.count() == 1
    assert list(services.templates_visible(actor=world.luc, excise_number=world.excise_a)) == [template]
    assert not services.templates_visible(actor=world.marie, excise_number=world.excise_a).exists()


def test_templates_need_a_name_and_the_prepare_right(world, lists):
    draft = services.draft_create(actor=world.luc, excise_number=world.excise_a, kind="DAE")
    with pytest.raises(services.InvalidSection) as raised:
        services.template_from_draft(actor=world.luc, movement=draft, name="   ")
    assert raised.value.errors == {"name": ["Donnez un nom au modèle."]}
    template = services.template_from_draft(actor=world.luc, movement=draft, name="Modèle")
    with pytest.raises(services.Refused):
        services.draft_from_template(actor=world.marie, template=template)
    with pytest.raises(services.Refused):
        services.template_delete(actor=world.bob, template=template)
    services.template_delete(actor=world.luc, template=template)
    assert not MovementTemplate.objects.exists()


def test_a_template_value_the_code_lists_no_longer_accept_is_left_out(world, lists):
    draft = complete_dae(world.luc, world.excise_a)
    template = services.template_from_draft(actor=world.luc, movement=draft, name="Ancien")
    template.data["transport"]["transport_mode_code"] = "42"  # gone from BC67
    template.save()
    new = services.draft_from_template(actor=world.luc, template=template)
    assert new.transport_mode_code == "" and new.journey_time == "D02"


# --- Validation ---------------------------------------------------------------------------------


def test_validating_a_complete_dae_gives_an_arc_sequence_1_and_the_time_and_logs_it(world, lists):
    draft = complete_dae(world.antoine, world.excise_a)
    before = timezone.now()
    movement = services.movement_validate(actor=world.antoine, movement=draft)
    movement.refresh_from_db()
    assert movement.status == MovementStatus.ACCEPTED
    assert arc_identifier.validate(movement.arc) == movement.arc
    year = timezone.localdate().year % 100
    assert movement.arc[:4] == f"{year:02d}FR" and movement.arc[19] == "0"  # duty suspension
    assert not arc_identifier.is_duty_paid(movement.arc)
    assert movement.sequence_number == 1 and before <= movement.validated_at <= timezone.now()
    event = MovementEvent.objects.get(movement=movement)
    assert (event.action, event.actor, event.from_status, event.to_status, event.message_type) == (
        MovementAction.VALIDATE,
        world.antoine,
        "draft",
        "accepted",
        "IE815",
    )


def test_the_ie801_and_ie815_of_a_prepared_movement_are_valid_against_the_schema(world, lists):
    draft = complete_dae(world.antoine, world.excise_a, lines=3)
    xml.validate(messages.build(mapping.ie815_message(draft)), "IE815")
    movement = services.movement_validate(actor=world.antoine, movement=draft)
    root = messages.build(mapping.ie801_message(movement))
    xml.validate(root, "IE801")
    body = messages.parse(root).body
    assert body.excise_movement.administrative_reference_code == movement.arc
    assert body.header_ead_esad.sequence_number == 1
    assert [line.alcoholic_strength_by_volume_in_percentage for line in body.body_ead_esads] == [Decimal("12.5")] * 3


def test_a_daes_gets_a_duty_paid_arc_and_a_valid_ie801(world, lists):
    draft = services.draft_create(actor=world.antoine, excise_number=world.excise_a, kind="DAES")
    data = dae_sections()
    data["movement"]["origin_type_code"] = "3"
    data["destination"] = {"destination_type_code": "9", "delivery_place-traderid": "DE012345678AB"} | {
        "delivery_place-trader_name": "Weinhaus Berlin",
        "delivery_place-street_name": "Unter den Linden",
        "delivery_place-postcode": "10117",
        "delivery_place-city": "Berlin",
    }
    data["consignee"]["consignee-traderid"] = "DE012345678AB"
    data["guarantee"] = {"guarantor_type_code": "4"}
    for section, values in data.items():
        save(world, draft, section, values)
    movement = services.movement_validate(actor=world.antoine, movement=draft)
    assert movement.arc[19] == "P" and arc_identifier.is_duty_paid(movement.arc)
    xml.validate(messages.build(mapping.ie801_message(movement)), "IE801")


def test_a_dsa_is_issued_with_the_dsa_right(world, lists):
    draft = services.draft_create(actor=world.antoine, excise_number=world.excise_a, kind="DSA")
    data = dae_sections()
    for section in ("movement", "consignee", "lines"):
        save(world, draft, section, data[section])
    with pytest.raises(services.Refused, match="Emettre un DSA"):
        services.movement_validate(actor=world.luc, movement=draft)
    movement = services.movement_validate(actor=world.antoine, movement=draft)
    assert movement.status == MovementStatus.ACCEPTED and movement.arc[19] == "P"


def test_every_error_comes_at_once_with_its_code_and_field_and_nothing_is_saved(world, lists):
    today = timezone.localdate()
    MovementFactory(validated=True, consignor=world.excise_a, local_reference_number="DEJA-PRIS")
    draft = complete_dae(world.antoine, world.excise_a, lines=2)
    save(
        world,
        draft,
        "movement",
        {"local_reference_number": "DEJA-PRIS", "dispatch_date": str(today + datetime.timedelta(days=9))},
    )
    save(world, draft, "transport", {**dae_sections()["transport"], "journey_time": "D99"})
    lines = {**wine_line(0), **wine_line(1)}
    del lines["lines-1-alcoholic_strength"]
    lines["lines-0-packages-0-number_of_packages"] = ""
    save(world, draft, "lines", lines)
    save(world, draft, "consignee", {"consignee-traderid": CONSIGNEE_NUMBER})  # name and address removed
    with pytest.raises(services.InvalidMovement) as raised:
        services.movement_validate(actor=world.antoine, movement=draft)
    found = codes(raised.value.errors)
    assert {
        ("BR001", "local_reference_number"),
        ("DATE-EXP", "dispatch_date"),
        ("R054", "journey_time"),
        ("C047", "lines.1.alcoholic_strength"),
        ("C073", "lines.0.packages.0.number_of_packages"),
        ("C116", "consignee.trader_name"),
        ("C116", "consignee.city"),
    } <= found
    # In the task list's order: the movement's section first, the lines' after the consignee's.
    fields = [error.field for error in raised.value.errors]
    assert (
        fields.index("local_reference_number")
        < fields.index("consignee.trader_name")
        < fields.index("lines.1.alcoholic_strength")
    )
    message = next(e.message for e in raised.value.errors if e.code == "C047")
    assert message == "Le titre alcoométrique volumique (% vol.) est obligatoire pour le produit W200."
    draft.refresh_from_db()
    assert draft.is_draft and draft.arc is None and draft.validated_at is None
    assert not MovementEvent.objects.filter(movement=draft).exists()


@pytest.mark.parametrize(
    ("section", "data", "expected"),
    [
        (
            "destination",
            {"destination_type_code": "8"},
            {("C116", "consignee.trader_name"), ("C010", "consignee.traderid")},
        ),
        ("destination", {"destination_type_code": "6"}, {("C164", "delivery_place_customs_office_code")}),
        ("destination", {"destination_type_code": "5"}, {("C084", "complement_consignee_member_state")}),
        (
            "destination",
            {"destination_type_code": "4", "delivery_place-traderid": "FR009990F0005"},
            {("C074", "delivery_place.traderid"), ("C078", "delivery_place.street_name")},
        ),
        (
            "movement",
            {"origin_type_code": "2", "local_reference_number": "L"},
            {("C012", "dispatch_import_office_code"), ("C012", "place_of_dispatch.reference_of_tax_warehouse")},
        ),
        (
            "transport",
            {
                "transport_arrangement": "4",
                "transport_mode_code": "0",
                "journey_time": "H05",
                "transport_details-0-transport_unit_code": "2",
            },
            {("C102", "transport_arranger.trader_name"), ("C127", "transport_mode_complementary_information")},
        ),
        (
            "guarantee",
            {"guarantor_type_code": "23"},
            {("C101", "guarantor_1.trader_name"), ("C101", "guarantor_2.city")},
        ),
        (
            "documents",
            {"documents-0-document_reference": "REF-1"},
            {("C006", "documents.0.document_type"), ("C202", "documents.0.document_reference")},
        ),
        ("lines", wine_line(0, wine_product_category="4"), {("C045", "lines.0.wine_third_country_of_origin")}),
    ],
)
def test_the_conditions_of_the_official_rules_make_groups_required_or_not_applicable(
    world, lists, section, data, expected
):
    draft = complete_dae(world.antoine, world.excise_a)
    save(world, draft, section, data)
    errors = services.movement_errors(services.prefetched(draft))
    assert expected <= codes(errors)


def test_validation_needs_the_issue_right_and_a_draft(world, lists, caplog):
    draft = complete_dae(world.luc, world.excise_a)
    with (
        caplog.at_level(logging.WARNING, logger="prodouane.security"),
        pytest.raises(services.Refused, match="Emettre un DAA"),
    ):
        services.movement_validate(actor=world.luc, movement=draft)  # prepare, not issue
    assert "without the right issue_daa" in caplog.text
    with pytest.raises(services.Refused):
        services.movement_validate(actor=world.bob, movement=draft)
    services.movement_validate(actor=world.antoine, movement=draft)
    with pytest.raises(services.Refused, match="n'est plus un brouillon"):
        services.movement_validate(actor=world.antoine, movement=draft)


def test_an_arc_already_taken_is_drawn_again(world, lists, monkeypatch):
    first = services.movement_validate(
        actor=world.antoine, movement=complete_dae(world.antoine, world.excise_a, lrn="A")
    )
    taken = first.arc[4:19]
    draws = iter([taken, taken, "SECONDDRAW00001"])
    monkeypatch.setattr(services, "national_code", lambda: next(draws))
    second = services.movement_validate(
        actor=world.antoine, movement=complete_dae(world.antoine, world.excise_a, lrn="B")
    )
    assert second.arc[4:19] == "SECONDDRAW00001" and second.arc != first.arc


def test_the_national_code_is_15_capital_letters_or_digits_drawn_at_random():
    drawn = {services.national_code() for _ in range(200)}
    assert len(drawn) == 200
    assert all(len(code) == 15 and code.isascii() and code.isalnum() and code.upper() == code for code in drawn)


def test_the_consignee_sees_the_movement_arrive_once_validated(world, lists):
    draft = complete_dae(world.antoine, world.excise_a)
    assert not selectors.movements_received(excise_number=world.excise_b).exists()  # a draft is not sent
    movement = services.movement_validate(actor=world.antoine, movement=draft)
    assert list(selectors.movements_received(excise_number=world.excise_b)) == [movement]
    assert not selectors.movements_received(excise_number=world.excise_a).exists()
    # And in the consignee's messages (gamma.inbox): the validation of a movement addressed to it.
    [event] = inbox.events_of(excise_number=world.excise_b)
    assert (event.movement, event.action) == (movement, MovementAction.VALIDATE)


@pytest.mark.parametrize(
    ("consignee", "delivery", "complement", "state"),
    [
        ("DE012345678AB", "", "", "DE"),
        ("", "BE0123456789A", "", "BE"),  # no consignee identifier: the place of delivery's
        ("", "", "IT", "IT"),
        ("", "", "", ""),
    ],
)
def test_the_member_state_of_destination_comes_from_the_consignee_identifier(
    world, lists, consignee, delivery, complement, state
):
    draft = services.draft_create(actor=world.antoine, excise_number=world.excise_a, kind="DAE")
    save(world, draft, "consignee", {"consignee-traderid": consignee, "complement_consignee_member_state": complement})
    save(world, draft, "destination", {"delivery_place-traderid": delivery})
    assert services.destination_member_state(services.prefetched(draft)) == state


def test_a_beer_to_germany_needs_its_degree_plato(world, lists):
    """C048 through the service: the destination state (DE, from the consignee's excise number)
    taxes beer by degree Plato."""
    draft = complete_dae(world.antoine, world.excise_a)
    save(world, draft, "consignee", {**dae_sections()["consignee"], "consignee-traderid": "DE012345678AB"})
    save(world, draft, "lines", wine_line(0, excise_product_code="B000", cn_code="22030001", alcoholic_strength="5"))
    assert ("C048", "lines.0.degree_plato") in codes(services.movement_errors(services.prefetched(draft)))


# --- Concurrency ----------------------------------------------------------------------------------


def in_thread(function, *args):
    """Run ``function`` in a thread of its own (its own database connection), return its result."""
    box = {}

    def run():
        try:
            box["result"] = function(*args)
        except Exception as error:  # handed back to the caller
            box["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["result"]


@pytest.fixture
def shared_database(transactional_db, emcs_codelists, tmp_path):
    """A database every thread reaches, as the portal's is. On PostgreSQL, the test database. On
    SQLite, a file copy of it: the test database lives in memory with a shared cache, where a
    second writer fails at once (« table is locked ») instead of waiting for the lock as it does
    on the portal's file database (WAL, BEGIN IMMEDIATE); the threads then open the copy."""
    if connection.vendor != "sqlite":
        yield
        return
    path = tmp_path / "portal.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)
    # WAL set once here: twenty threads switching the file to it at their first connection
    # (the settings' init_command) raced for the lock that switch takes (« database is locked »).
    copy.execute("PRAGMA journal_mode=WAL")
    copy.close()
    settings = connections.settings[connection.alias]
    name, options = settings["NAME"], settings.get("OPTIONS", {})
    settings["NAME"] = str(path)  # connections opened from now on (the threads') use the copy
    # Twenty writers queue for SQLite's one write lock: wait for it longer than the default 5 s,
    # which a loaded machine exceeds (« database is locked »), as PostgreSQL's writers wait.
    settings["OPTIONS"] = {**options, "timeout": 120}
    yield
    settings["NAME"], settings["OPTIONS"] = name, options


def test_twenty_concurrent_validations_never_share_an_arc(shared_database, monkeypatch):
    """Twenty threads validate twenty drafts at the same moment, each first drawing the same
    national code: the database refuses all but one, the others draw again; twenty distinct ARCs."""

    def prepare():
        world = build_world()
        return world, [complete_dae(world.antoine, world.excise_a, lrn=f"PAR-{n:02d}") for n in range(20)]

    world, drafts = in_thread(prepare)
    draws = threading.local()
    real_draw = services.national_code

    def same_code_first():
        if not getattr(draws, "done", False):
            draws.done = True
            return "COLLISION000000"
        return real_draw()

    monkeypatch.setattr(services, "national_code", same_code_first)
    start = threading.Barrier(len(drafts))
    arcs, failures = [], []

    def validate(draft):
        try:
            start.wait()
            arcs.append(services.movement_validate(actor=world.antoine, movement=draft).arc)
        except Exception as error:  # reported below
            failures.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=validate, args=(draft,)) for draft in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert len(arcs) == len(set(arcs)) == 20
    assert sum(arc[4:19] == "COLLISION000000" for arc in arcs) == 1
    stored = in_thread(lambda: sorted(Movement.objects.exclude(arc=None).values_list("arc", flat=True)))
    assert stored == sorted(arcs)


def test_one_draft_validated_by_five_threads_at_once_is_issued_once(shared_database):
    def prepare():
        world = build_world()
        return world, complete_dae(world.antoine, world.excise_a)

    world, draft = in_thread(prepare)
    start = threading.Barrier(5)
    outcomes = []

    def validate():
        try:
            start.wait()
            outcomes.append(services.movement_validate(actor=world.antoine, movement=draft).arc)
        except services.Refused as refusal:
            outcomes.append(refusal.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=validate) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    issued = [outcome for outcome in outcomes if arc_identifier.is_valid(outcome)]
    assert len(outcomes) == 5 and len(issued) == 1
    assert in_thread(lambda: MovementEvent.objects.filter(movement_id=draft.pk).count()) == 1
