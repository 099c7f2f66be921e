"""The trader actions after validation (gamma.actions): each over the statuses that allow it and
those that do not, by role and right; the data rules with their official codes; every message
produced valid against its schema; nothing written when refused; forged requests logged."""

import datetime
import logging
from decimal import Decimal

import pytest
from django.utils import timezone

from gamma import actions
from gamma.actions import ActionRefused, LineExplanation, Reason, ReceiptLine, TraderInput
from gamma.models import DestinationType, MovementAction, MovementEvent, MovementKind, MovementStatus, TraderRole
from habilitations.models import Habilitation
from tests.factories.gamma import MovementFactory
from tests.factories.habilitations import company_user
from tests.gamma.support import CONSIGNEE_NUMBER, CONSIGNOR_NUMBER, assert_valid, load_reason_lists, shipped

pytestmark = pytest.mark.django_db

S = MovementStatus
A = MovementAction
TODAY = timezone.localdate()
DISPATCH = TODAY - datetime.timedelta(days=2)


@pytest.fixture(autouse=True)
def _reasons(db):
    load_reason_lists()


@pytest.fixture
def movement(world):
    return shipped(world, dispatch_date=DISPATCH)


def refused_with(excinfo, text: str) -> bool:
    error = excinfo.value
    return text in error.message or any(text in m for ms in error.errors.values() for m in ms)


def consignor_call(world, movement, **kwargs):
    return {"movement": movement, "actor": world.antoine, "excise_number": CONSIGNOR_NUMBER, "today": TODAY} | kwargs


def consignee_call(world, movement, **kwargs):
    return {"movement": movement, "actor": world.bob, "excise_number": CONSIGNEE_NUMBER, "today": TODAY} | kwargs


# A valid call of each action, by the role that takes it.
def cancel(world, movement):
    return actions.movement_cancel(**consignor_call(world, movement, reason_code="1"))


def change_destination(world, movement):
    return actions.movement_change_destination(
        **consignor_call(
            world,
            movement,
            destination_type_code=DestinationType.REGISTERED_CONSIGNEE,
            consignee=TraderInput(
                traderid="FR012345E0009",
                name="CAVE DU PORT",
                street_name="Quai des Chartrons",
                postcode="33000",
                city="BORDEAUX",
            ),
        )
    )


def report_receipt(world, movement):
    return actions.movement_report_receipt(
        **consignee_call(world, movement, date_of_arrival=TODAY, global_conclusion=1)
    )


def alert(world, movement):
    return actions.movement_alert_or_reject(**consignee_call(world, movement, rejected=True, reasons=[Reason("3")]))


def explain_delay(world, movement):
    return actions.movement_explain_delay(**consignee_call(world, movement, explanation_code="4"))


def explain_shortage(world, movement):
    return actions.movement_explain_shortage(
        **consignor_call(world, movement, global_explanation="Casse constatée au chargement.")
    )


CALLS = {
    A.CANCEL: (cancel, {S.ACCEPTED}),
    A.CHANGE_DESTINATION: (change_destination, {S.ACCEPTED, S.REJECTED, S.REFUSED, S.PARTIALLY_REFUSED}),
    A.REPORT_OF_RECEIPT: (report_receipt, {S.ACCEPTED}),
    A.ALERT_OR_REJECTION: (alert, {S.ACCEPTED}),
    A.EXPLAIN_DELAY: (explain_delay, set(S) - {S.DRAFT}),
    A.EXPLAIN_SHORTAGE: (explain_shortage, {S.DELIVERED, S.REFUSED, S.PARTIALLY_REFUSED, S.DIVERTED}),
}


@pytest.mark.parametrize("status", [status for status in S if status != S.DRAFT], ids=str)
@pytest.mark.parametrize("action", list(CALLS), ids=str)
def test_each_action_over_every_status(world, action, status):
    call, allowed = CALLS[action]
    movement = shipped(world, dispatch_date=TODAY if action == A.CANCEL else DISPATCH, status=status)
    if status in allowed:
        result = call(world, movement)
        assert result.event.action == action and result.event.from_status == status
        assert result.event.actor in (world.antoine, world.bob)
        assert_valid(result.message)
    else:
        with pytest.raises(ActionRefused):
            call(world, movement)
        movement.refresh_from_db()
        assert movement.status == status
        assert not movement.events.exists()


@pytest.mark.parametrize(
    ("action", "actor_name", "number"),
    [
        (A.CANCEL, "bob", CONSIGNEE_NUMBER),  # the consignee may not cancel
        (A.CHANGE_DESTINATION, "bob", CONSIGNEE_NUMBER),
        (A.REPORT_OF_RECEIPT, "antoine", CONSIGNOR_NUMBER),  # the consignor may not report receipt
        (A.ALERT_OR_REJECTION, "antoine", CONSIGNOR_NUMBER),
    ],
)
def test_actions_are_refused_to_the_other_role(world, movement, action, actor_name, number, caplog):
    kwargs = {
        A.CANCEL: {"reason_code": "1"},
        A.CHANGE_DESTINATION: {"destination_type_code": 2},
        A.REPORT_OF_RECEIPT: {"date_of_arrival": TODAY, "global_conclusion": 1},
        A.ALERT_OR_REJECTION: {"rejected": False},
    }[action]
    function = {
        A.CANCEL: actions.movement_cancel,
        A.CHANGE_DESTINATION: actions.movement_change_destination,
        A.REPORT_OF_RECEIPT: actions.movement_report_receipt,
        A.ALERT_OR_REJECTION: actions.movement_alert_or_reject,
    }[action]
    with caplog.at_level(logging.WARNING, logger="prodouane.security"), pytest.raises(ActionRefused) as excinfo:
        function(movement=movement, actor=getattr(world, actor_name), excise_number=number, today=TODAY, **kwargs)
    assert "action réservée" in excinfo.value.message
    assert "Refused movement action" in caplog.text
    assert not movement.events.exists()


def test_a_right_not_held_is_refused_and_logged(world, movement, caplog):
    # lucferrier (company A) may prepare and search, not issue: no cancellation.
    with caplog.at_level(logging.WARNING, logger="prodouane.security"), pytest.raises(ActionRefused) as excinfo:
        actions.movement_cancel(
            movement=movement, actor=world.luc, excise_number=CONSIGNOR_NUMBER, reason_code="1", today=DISPATCH
        )
    assert "Emettre un DAA" in excinfo.value.message
    assert "lucferrier" in caplog.text
    movement.refresh_from_db()
    assert movement.status == S.ACCEPTED


def test_the_consignee_needs_the_discharge_right(world, movement):
    searcher = company_user(world.company_b, "cecile")
    Habilitation.objects.create(
        user=searcher,
        teleservice="gamma",
        excise_number=world.excise_b,
        right="search_daa",
        adhesion=world.adhesion_b,
        granted_by=world.bob,
    )
    with pytest.raises(ActionRefused) as excinfo:
        actions.movement_report_receipt(
            movement=movement,
            actor=searcher,
            excise_number=CONSIGNEE_NUMBER,
            date_of_arrival=TODAY,
            global_conclusion=1,
            today=TODAY,
        )
    assert "Apurer un DAA" in excinfo.value.message


def test_another_companys_movement_is_not_found(world, caplog):
    theirs = MovementFactory(validated=True, consignor=world.excise_b, consignee_identifier="DE00000000001")
    with caplog.at_level(logging.WARNING, logger="prodouane.security"), pytest.raises(ActionRefused) as excinfo:
        actions.movement_explain_delay(
            movement=theirs, actor=world.antoine, excise_number=CONSIGNOR_NUMBER, explanation_code="1"
        )
    assert excinfo.value.message == "Ce mouvement est introuvable."
    assert "not visible" in caplog.text
    # Acting for a number of another company does not help either.
    with pytest.raises(ActionRefused):
        actions.movement_explain_delay(
            movement=theirs, actor=world.antoine, excise_number=CONSIGNEE_NUMBER, explanation_code="1"
        )


# --- IE810 ------------------------------------------------------------------------------------


def test_cancellation_until_the_date_of_dispatch(world):
    movement = shipped(world, dispatch_date=TODAY)
    result = actions.movement_cancel(
        **consignor_call(world, movement, reason_code="0", complementary_information="Client défaillant")
    )
    movement.refresh_from_db()
    assert movement.status == S.CANCELLED
    assert result.event.message_type == "IE810"
    assert result.event.payload["cancellation"] == {
        "cancellation_reason_code": "0",
        "complementary_information": "Client défaillant",
        "complementary_information_language": "fr",
    }
    assert result.message.body.excise_movement_ead.administrative_reference_code == movement.arc
    assert_valid(result.message)


def test_no_cancellation_after_the_date_of_dispatch(world, movement):
    with pytest.raises(ActionRefused) as excinfo:
        cancel(world, movement)
    assert "date d'expédition est passée" in excinfo.value.message


def test_a_daes_is_not_cancelled(world):
    daes = shipped(world, daes=True, dispatch_date=TODAY)
    with pytest.raises(ActionRefused) as excinfo:
        cancel(world, daes)
    assert "DAES ne peut pas être annulé" in excinfo.value.message


@pytest.mark.parametrize(
    ("reason", "complement", "field", "text"),
    [
        ("0", "", "reason_complementary_information", "Précisez le motif « Autre »"),
        ("9", "", "reason_code", "Choisissez un motif"),
        ("", "", "reason_code", "Choisissez un motif"),
        ("1", "x" * 351, "reason_complementary_information", "350 caractères"),
    ],
)
def test_cancellation_reasons(world, reason, complement, field, text):
    movement = shipped(world, dispatch_date=TODAY)
    with pytest.raises(ActionRefused) as excinfo:
        actions.movement_cancel(
            **consignor_call(world, movement, reason_code=reason, complementary_information=complement)
        )
    assert any(text in message for message in excinfo.value.errors[field])
    movement.refresh_from_db()
    assert movement.status == S.ACCEPTED


# --- IE813 ------------------------------------------------------------------------------------


def test_change_of_destination_gives_a_new_consignee_and_sequence_number(world, movement):
    result = change_destination(world, movement)
    movement.refresh_from_db()
    assert movement.sequence_number == 2
    assert movement.status == S.ACCEPTED
    assert movement.consignee_identifier == "FR012345E0009"
    assert movement.destination_type_code == DestinationType.REGISTERED_CONSIGNEE
    consignee = movement.traders.get(role=TraderRole.CONSIGNEE)
    assert (consignee.traderid, consignee.trader_name) == ("FR012345E0009", "CAVE DU PORT")
    assert result.message.body.update_ead_esad.sequence_number == 2
    assert movement.validation_updated_at == result.event.at
    assert_valid(result.message)


def test_the_former_consignee_loses_the_movement(world, movement):
    change_destination(world, movement)
    movement.refresh_from_db()
    assert actions.movement_access(user=world.bob, excise_number=CONSIGNEE_NUMBER, movement=movement) is None


def test_a_refused_movement_goes_elsewhere(world, movement):
    actions.movement_report_receipt(
        **consignee_call(
            world,
            movement,
            date_of_arrival=TODAY,
            global_conclusion=3,
            lines=[ReceiptLine(1, reasons=[Reason("3", "Cartons écrasés")])],
        )
    )
    movement.refresh_from_db()
    assert movement.status == S.REFUSED
    result = change_destination(world, movement)
    assert result.event.from_status == S.REFUSED and result.event.to_status == S.ACCEPTED


def test_a_daes_returns_to_its_place_of_dispatch(world):
    daes = shipped(world, daes=True, dispatch_date=DISPATCH)
    result = actions.movement_change_destination(
        **consignor_call(world, daes, destination_type_code=DestinationType.RETURN_TO_PLACE_OF_DISPATCH)
    )
    daes.refresh_from_db()
    assert daes.destination_type_code == 11
    assert daes.consignee_identifier == CONSIGNOR_NUMBER  # the consignor will report the return's receipt
    assert result.message.body.destination_changed.new_consignee_trader.traderid == CONSIGNOR_NUMBER
    assert result.message.body.destination_changed.delivery_place_trader is None
    assert_valid(result.message)
    access = actions.movement_access(user=world.antoine, excise_number=CONSIGNOR_NUMBER, movement=daes)
    assert A.REPORT_OF_RECEIPT in access.allowed_actions(today=TODAY)
    assert A.CHANGE_DESTINATION not in access.allowed_actions(today=TODAY)  # it already returns


def test_change_to_a_tax_warehouse_names_the_place_of_delivery(world, movement):
    result = actions.movement_change_destination(
        **consignor_call(
            world,
            movement,
            destination_type_code=1,
            consignee=TraderInput("FR012345E0009", "CAVE DU PORT", "Quai des Chartrons", "12", "33000", "BORDEAUX"),
            delivery_place=TraderInput("FR012345E0010", "ENTREPOT NORD", "Rue du Chai", "", "33000", "BORDEAUX"),
            journey_time="d03",
        )
    )
    movement.refresh_from_db()
    assert movement.journey_time == "D03"
    assert movement.traders.get(role=TraderRole.DELIVERY_PLACE).traderid == "FR012345E0010"
    assert_valid(result.message)


def test_change_to_export_names_the_office(world, movement):
    result = actions.movement_change_destination(
        **consignor_call(
            world,
            movement,
            destination_type_code=6,
            consignee=TraderInput("", "IMPORT LTD", "Harbour Road", "", "BN1 1AA", "BRIGHTON"),
            delivery_office_code="fr000690",
        )
    )
    movement.refresh_from_db()
    assert movement.delivery_place_customs_office_code == "FR000690"
    assert_valid(result.message)


@pytest.mark.parametrize(
    ("kwargs", "field", "text"),
    [
        ({"destination_type_code": 9}, "destination_type_code", "R259"),
        ({"destination_type_code": "abc"}, "destination_type_code", "Choisissez un type"),
        ({"destination_type_code": 2}, "consignee_name", "Saisissez le nom"),
        (
            {"destination_type_code": 2, "consignee": TraderInput("FR12", "A", "B", "", "1", "C")},
            "consignee_traderid",
            "13 caractères",
        ),
        (
            {"destination_type_code": 1, "consignee": TraderInput("FR012345E0009", "A", "B", "", "1", "C")},
            "delivery_place_traderid",
            "entrepôt fiscal",
        ),
        (
            {"destination_type_code": 6, "consignee": TraderInput("", "A", "B", "", "1", "C")},
            "delivery_office_code",
            "bureau d'exportation",
        ),
        (
            {
                "destination_type_code": 2,
                "consignee": TraderInput("FR012345E0009", "A", "B", "", "1", "C"),
                "journey_time": "H30",
            },
            "journey_time",
            "R054",
        ),
    ],
)
def test_change_of_destination_rules(world, movement, kwargs, field, text):
    with pytest.raises(ActionRefused) as excinfo:
        actions.movement_change_destination(**consignor_call(world, movement, **kwargs))
    assert any(text in message for message in excinfo.value.errors[field]), excinfo.value.errors
    movement.refresh_from_db()
    assert movement.sequence_number == 1 and movement.consignee_identifier == CONSIGNEE_NUMBER


# --- IE818 ------------------------------------------------------------------------------------


def test_accepted_receipt_discharges_the_movement(world, movement):
    result = report_receipt(world, movement)
    movement.refresh_from_db()
    assert movement.status == S.DELIVERED
    assert result.event.payload["global_conclusion"] == 1
    assert result.event.payload["report_of_receipt_export"]["date_of_arrival_of_excise_products"] == TODAY.isoformat()
    assert result.message.body.destination_office.reference_number == world.office_b.code
    assert_valid(result.message)


def test_receipt_with_a_shortage_accepted_though_unsatisfactory(world, movement):
    result = actions.movement_report_receipt(
        **consignee_call(
            world,
            movement,
            date_of_arrival=DISPATCH,
            global_conclusion=2,
            complementary_information="Deux cartons manquants",
            lines=[ReceiptLine(1, "S", "12,5", reasons=[Reason("2")])],
        )
    )
    movement.refresh_from_db()
    assert movement.status == S.DELIVERED
    (line,) = result.message.body.body_report_of_receipt_exports
    assert (line.indicator_of_shortage_or_excess, line.observed_shortage_or_excess) == ("S", Decimal("12.500"))
    assert line.excise_product_code == "W200"
    assert result.event.payload["body_report_of_receipt_exports"][0]["observed_shortage_or_excess"] == "12.500"
    assert_valid(result.message)


def test_partial_refusal(world, movement):
    result = actions.movement_report_receipt(
        **consignee_call(
            world,
            movement,
            date_of_arrival=TODAY,
            global_conclusion=4,
            lines=[ReceiptLine(1, refused_quantity="100", reasons=[Reason("3")])],
        )
    )
    movement.refresh_from_db()
    assert movement.status == S.PARTIALLY_REFUSED
    assert_valid(result.message)


@pytest.mark.parametrize(
    ("kwargs", "field", "text"),
    [
        (
            {"global_conclusion": 1, "lines": [ReceiptLine(1, "S", "1", reasons=[Reason("2")])]},
            "global_conclusion",
            "C140",
        ),
        ({"global_conclusion": 2}, "global_conclusion", "C140"),
        ({"global_conclusion": 2, "lines": [ReceiptLine(1, "S", "1")]}, "lines.1.reasons.0.code", "C159"),
        (
            {"global_conclusion": 2, "lines": [ReceiptLine(1, "S", "0", reasons=[Reason("2")])]},
            "lines.1.observed_quantity",
            "R232",
        ),
        (
            {"global_conclusion": 4, "lines": [ReceiptLine(1, refused_quantity="0", reasons=[Reason("3")])]},
            "lines.1.refused_quantity",
            "R232",
        ),
        (
            {"global_conclusion": 2, "lines": [ReceiptLine(1, "X", "1", reasons=[Reason("2")])]},
            "lines.1.indicator",
            "manquant ou excédent",
        ),
        (
            {
                "global_conclusion": 2,
                "lines": [ReceiptLine(1, "S", "1", reasons=[Reason("2"), Reason("3"), Reason("2")])],
            },
            "lines.1.reasons.2.code",
            "déjà indiqué",
        ),
        (
            {
                "global_conclusion": 2,
                "lines": [ReceiptLine(1, "S", "1", reasons=[Reason("2"), Reason("", "sans motif")])],
            },
            "lines.1.reasons.1.code",
            "Choisissez le motif",
        ),
        (
            {
                "global_conclusion": 2,
                "lines": [
                    ReceiptLine(1, "S", "1", reasons=[Reason("2")]),
                    ReceiptLine(1, "E", "1", reasons=[Reason("1")]),
                ],
            },
            "lines.1.indicator",
            "R058",
        ),
        (
            {"global_conclusion": 4, "lines": [ReceiptLine(1, "S", "1", reasons=[Reason("2")])]},
            "global_conclusion",
            "C119",
        ),
        (
            {"global_conclusion": 2, "lines": [ReceiptLine(1, "S", "1", refused_quantity="2", reasons=[Reason("2")])]},
            "lines.1.refused_quantity",
            "C095",
        ),
        (
            {"global_conclusion": 2, "lines": [ReceiptLine(1, "S", "", reasons=[Reason("2")])]},
            "lines.1.observed_quantity",
            "C067",
        ),
        (
            {"global_conclusion": 2, "lines": [ReceiptLine(1, "S", "751", reasons=[Reason("2")])]},
            "lines.1.observed_quantity",
            "BR025",
        ),
        (
            {"global_conclusion": 2, "lines": [ReceiptLine(1, "S", "douze", reasons=[Reason("2")])]},
            "lines.1.observed_quantity",
            "nombre",
        ),
        (
            {"global_conclusion": 2, "lines": [ReceiptLine(1, "S", "1.2345", reasons=[Reason("2")])]},
            "lines.1.observed_quantity",
            "Trois",
        ),
        (
            {"global_conclusion": 2, "lines": [ReceiptLine(7, "S", "1", reasons=[Reason("2")])]},
            "lines.7.indicator",
            "n'existe pas",
        ),
        (
            {"global_conclusion": 2, "lines": [ReceiptLine(1, "S", "1", reasons=[Reason("3"), Reason("0")])]},
            "lines.1.reasons.1.complementary_information",
            "Autre",
        ),
        ({"global_conclusion": 9}, "global_conclusion", "Choisissez"),
        ({"global_conclusion": 1, "date_of_arrival": TODAY + datetime.timedelta(days=1)}, "date_of_arrival", "BR023"),
        (
            {"global_conclusion": 1, "date_of_arrival": DISPATCH - datetime.timedelta(days=1)},
            "date_of_arrival",
            "BR056",
        ),
        ({"global_conclusion": 1, "date_of_arrival": None}, "date_of_arrival", "Saisissez"),
    ],
)
def test_report_of_receipt_rules(world, movement, kwargs, field, text):
    kwargs = {"date_of_arrival": TODAY} | kwargs
    with pytest.raises(ActionRefused) as excinfo:
        actions.movement_report_receipt(**consignee_call(world, movement, **kwargs))
    assert any(text in message for message in excinfo.value.errors.get(field, [])), excinfo.value.errors
    movement.refresh_from_db()
    assert movement.status == S.ACCEPTED
    assert not MovementEvent.objects.filter(movement=movement).exists()


# --- IE819 ------------------------------------------------------------------------------------


def test_an_alert_keeps_the_movement_travelling(world, movement):
    result = actions.movement_alert_or_reject(
        **consignee_call(world, movement, rejected=False, reasons=[Reason("0", "Quantité à confirmer")])
    )
    movement.refresh_from_db()
    assert movement.status == S.ACCEPTED
    assert result.event.payload["rejected"] is False
    assert_valid(result.message)


def test_a_rejection_needs_a_reason_then_stops_the_movement(world, movement):
    with pytest.raises(ActionRefused) as excinfo:
        actions.movement_alert_or_reject(**consignee_call(world, movement, rejected=True))
    assert "C032" in excinfo.value.errors["reason_code"][0]
    result = alert(world, movement)
    movement.refresh_from_db()
    assert movement.status == S.REJECTED
    assert result.message.body.alert_or_rejection.ead_esad_rejected_flag is True
    assert_valid(result.message)


def test_an_alert_dated_in_the_future_is_refused(world, movement):
    with pytest.raises(ActionRefused) as excinfo:
        actions.movement_alert_or_reject(
            **consignee_call(world, movement, rejected=False, date=TODAY + datetime.timedelta(days=1))
        )
    assert "futur" in excinfo.value.errors["date"][0]


# --- IE837 ------------------------------------------------------------------------------------


@pytest.mark.parametrize("side", ["consignor", "consignee"])
def test_either_side_explains_a_delay(world, movement, side):
    call = consignor_call if side == "consignor" else consignee_call
    result = actions.movement_explain_delay(
        **call(world, movement, explanation_code="0", complementary_information="Route coupée")
    )
    attributes = result.message.body.attributes
    assert attributes.submitter_type == (1 if side == "consignor" else 2)
    assert attributes.submitter_identification == (CONSIGNOR_NUMBER if side == "consignor" else CONSIGNEE_NUMBER)
    assert attributes.message_role == (2 if side == "consignor" else 1)
    movement.refresh_from_db()
    assert movement.status == S.ACCEPTED
    assert_valid(result.message)


def test_a_delay_explained_as_other_needs_words(world, movement):
    with pytest.raises(ActionRefused) as excinfo:
        actions.movement_explain_delay(**consignee_call(world, movement, explanation_code="0"))
    assert "explanation_complementary_information" in excinfo.value.errors


# --- IE871 ------------------------------------------------------------------------------------


def _received_short(world, movement):
    actions.movement_report_receipt(
        **consignee_call(
            world,
            movement,
            date_of_arrival=TODAY,
            global_conclusion=2,
            lines=[ReceiptLine(1, "S", "12", reasons=[Reason("2")])],
        )
    )
    movement.refresh_from_db()


@pytest.mark.parametrize("side", ["consignor", "consignee"])
def test_explanation_of_a_shortage_by_line(world, movement, side):
    _received_short(world, movement)
    call = consignor_call if side == "consignor" else consignee_call
    result = actions.movement_explain_shortage(
        **call(world, movement, lines=[LineExplanation(1, "Deux cartons cassés au chargement", "738")])
    )
    body = result.message.body
    assert (body.consignor_trader is None) == (side == "consignee")
    assert (body.consignee_trader is None) == (side == "consignor")
    assert body.body_analyses[0].actual_quantity == Decimal("738.000")
    assert_valid(result.message)


def test_explanations_only_for_the_lines_found_short(world, movement):
    _received_short(world, movement)
    with pytest.raises(ActionRefused) as excinfo:
        actions.movement_explain_shortage(**consignor_call(world, movement, lines=[LineExplanation(2, "x")]))
    assert "BR041" in excinfo.value.errors["lines.2.explanation"][0]
    with pytest.raises(ActionRefused) as excinfo:
        actions.movement_explain_shortage(**consignor_call(world, movement))
    assert "C181" in excinfo.value.errors["global_explanation"][0]


# --- Access -------------------------------------------------------------------------------------


def test_actions_offered_follow_role_rights_and_status(world, movement):
    consignor = actions.movement_access(user=world.antoine, excise_number=CONSIGNOR_NUMBER, movement=movement)
    consignee = actions.movement_access(user=world.bob, excise_number=CONSIGNEE_NUMBER, movement=movement)
    searcher = actions.movement_access(user=world.luc, excise_number=CONSIGNOR_NUMBER, movement=movement)
    assert consignor.allowed_actions(today=TODAY) == [A.CHANGE_DESTINATION, A.EXPLAIN_DELAY]
    assert consignee.allowed_actions(today=TODAY) == [A.REPORT_OF_RECEIPT, A.ALERT_OR_REJECTION, A.EXPLAIN_DELAY]
    assert searcher.allowed_actions(today=TODAY) == []  # lucferrier may look, not act
    assert consignor.can_print and searcher.can_print


def test_a_draft_is_seen_by_its_consignor_only(world):
    draft = MovementFactory(consignor=world.excise_a, consignee_identifier=CONSIGNEE_NUMBER)
    assert actions.movement_access(user=world.antoine, excise_number=CONSIGNOR_NUMBER, movement=draft) is not None
    assert actions.movement_access(user=world.bob, excise_number=CONSIGNEE_NUMBER, movement=draft) is None
    assert not actions.movement_access(user=world.antoine, excise_number=CONSIGNOR_NUMBER, movement=draft).can_print


def test_a_dsa_needs_the_dsa_rights(world):
    dsa = shipped(world, kind=MovementKind.DSA)
    # marie holds « Rechercher DAA » only: she does not see DSAs.
    assert actions.movement_access(user=world.marie, excise_number=CONSIGNOR_NUMBER, movement=dsa) is None
    assert actions.movement_access(user=world.luc, excise_number=CONSIGNOR_NUMBER, movement=dsa) is not None
