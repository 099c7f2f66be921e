"""A rule's error on a draft is located in the IE815 it came from (``gamma.xpaths``): the XPath of
its field, and the value the message carried there, for the IE704 of the EDI channel."""

from pathlib import Path

import pytest
import time_machine
from lxml import etree

from emcs import messages, xml
from emcs.messages import ie704, ie815
from emcs.messages.groups import DocumentCertificate
from gamma import mapping, services, xpaths
from gamma.rules import RuleError, br001, br003, br012, c096, dispatch_date, r044, r045, r054, r060, r196, secours, tc29
from tests.factories.register import ExciseNumberFactory

EXAMPLES = Path(__file__).parent.parent / "emcs" / "examples"
ROOT = "/IE815/Body/SubmittedDraftOfEADESAD"


def example() -> tuple[etree._Element, ie815.IE815]:
    root = xml.parse_and_validate((EXAMPLES / "IE815.xml").read_bytes())
    return root, messages.parse(root)


def resolve(root: etree._Element, path: str) -> list:
    """Evaluate one of our XPaths (local names) in a namespaced message."""
    steps = []
    for step in path.strip("/").split("/"):
        if step.startswith("@"):
            steps.append(step)
            continue
        name, _, position = step.partition("[")
        steps.append(f"*[local-name()='{name}']" + (f"[{position}" if position else ""))
    return root.getroottree().xpath("/" + "/".join(steps))


@pytest.mark.parametrize(
    ("code", "field", "path"),
    [
        ("C047", "lines.0.alcoholic_strength", "BodyEadEsad[1]/AlcoholicStrengthByVolumeInPercentage"),
        ("R219", "lines.1.gross_mass", "BodyEadEsad[2]/GrossMass"),
        ("BR018", "lines.2.cn_code", "BodyEadEsad[3]/CnCode"),
        ("C073", "lines.0.packages.1.number_of_packages", "BodyEadEsad[1]/Package[2]/NumberOfPackages"),
        ("C045", "lines.0.wine_third_country_of_origin", "BodyEadEsad[1]/WineProduct/ThirdCountryOfOrigin"),
        ("", "lines.0.commercial_description_language", "BodyEadEsad[1]/CommercialDescription/@language"),
        ("", "lines", "BodyEadEsad"),
        (r060.CODE, r060.FIELD.format(index=3), "BodyEadEsad[4]/BodyRecordUniqueReference"),
        (br001.CODE, br001.FIELD, "EadEsadDraft/LocalReferenceNumber"),
        (dispatch_date.CODE, dispatch_date.FIELD, "EadEsadDraft/DateOfDispatch"),
        (secours.CODE, secours.FLAG_FIELD, "Attributes/DeferredSubmissionFlag"),
        (r044.CODE, r044.FIELD, "ConsignorTrader/TraderExciseNumber"),
        (r045.CODE, r045.FIELD, "ConsigneeTrader/Traderid"),
        (r045.CODE, r045.DELIVERY_FIELD, "DeliveryPlaceTrader/Traderid"),
        (br003.CODE, br003.FIELD, "PlaceOfDispatchTrader/ReferenceOfTaxWarehouse"),
        (br012.CODE, br012.FIELD, "DeliveryPlaceTrader/Traderid"),
        (r054.CODE, r054.FIELD, "HeaderEadEsad/JourneyTime"),
        (r196.CODE, r196.FIELD, "HeaderEadEsad/DestinationTypeCode"),
        (tc29.CODE, tc29.FIELD, "MovementGuarantee/GuarantorTypeCode"),
        ("C017", "guarantor_2.trader_name", "MovementGuarantee/GuarantorTrader[2]/TraderName"),
        ("C116", "consignee.language", "ConsigneeTrader/@language"),
        ("C164", "delivery_place_customs_office_code", "DeliveryPlaceCustomsOffice/ReferenceNumber"),
        ("C127", "transport_mode_complementary_information", "TransportMode/ComplementaryInformation"),
        ("", "transport_details.1.transport_unit_code", "TransportDetails[2]/TransportUnitCode"),
        ("C202", "documents.0.document_reference", "DocumentCertificate[1]/DocumentReference"),
        (
            "",
            "import_customs_declarations.0",
            "EadEsadDraft/ImportCustomsDeclaration[1]/ImportCustomsDeclarationNumber",
        ),
        (
            c096.CODE,
            c096.FIELD,
            "EadEsadDraft/ImportCustomsDeclaration[1]/ImportCustomsDeclarationNumber",
        ),
    ],
)
def test_a_rules_field_has_its_xpath_in_the_ie815(code, field, path):
    assert xpaths.xpath(field) == f"{ROOT}/{path}"


@pytest.mark.parametrize(
    "field",
    [
        "",
        "nothing",
        "lines.x.quantity",
        "lines.0.unknown",
        "consignor.nothing",
        "documents",
        "lines.0.packages.a",
        "import_customs_declarations.0.other",
    ],
)
def test_a_field_that_is_not_in_the_message_has_no_xpath(field):
    assert xpaths.xpath(field) is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("local_reference_number", "lrnie8155419875"),
        ("consignor.trader_excise_number", "XIRC649326241"),
        ("consignee.traderid", "GBWK924908680"),
        ("consignee.language", "en"),
        ("journey_time", "D01"),
        ("lines.0.quantity", "100"),
        ("lines.1.fiscal_mark_used", "0"),
        ("lines.0.packages.1.number_of_packages", "2"),
        ("lines.0.commercial_description_language", "en"),
        ("transport_details.2.transport_unit_code", "3"),
        ("import_customs_declarations.0", "lrnie8155419875"),
        ("import_customs_declarations", "lrnie8155419875"),
        ("import_customs_declarations.0.number", "lrnie8155419875"),
    ],
)
def test_each_xpath_points_at_the_element_holding_the_value_the_fault_reports(field, value):
    root, message = example()
    (fault,) = xpaths.faults([RuleError("X", field, "…")], message.body)
    found = resolve(root, fault.location)
    assert len(found) == 1
    text = found[0] if isinstance(found[0], str) else "".join(found[0].itertext())
    assert " ".join(text.split()) in (value, "100.000")  # the message writes 100.000, a Decimal is 100
    assert fault.value == value


def test_a_fault_where_the_message_has_nothing_carries_no_value():
    _root, message = example()
    (fault,) = xpaths.faults([RuleError("C047", "lines.3.alcoholic_strength", "…")], message.body)
    assert fault.location == f"{ROOT}/BodyEadEsad[4]/AlcoholicStrengthByVolumeInPercentage"
    assert fault.value is None
    (outside,) = xpaths.faults([RuleError("C047", "lines.9.quantity", "…")], message.body)
    assert outside.location == f"{ROOT}/BodyEadEsad[10]/Quantity" and outside.value is None


def test_a_drafts_line_is_the_message_line_of_its_number():
    """The draft orders its lines by number; a message may send them in any order."""
    _root, message = example()
    lines = message.body.body_ead_esads
    lines.reverse()
    count = len(lines)
    assert [line.body_record_unique_reference for line in lines] == list(range(count, 0, -1))
    assert xpaths.in_message_order("lines.0.quantity", message.body) == f"lines.{count - 1}.quantity"
    assert xpaths.in_message_order(f"lines.{count - 1}", message.body) == "lines.0"
    assert xpaths.in_message_order("lines.99.quantity", message.body) == "lines.99.quantity"
    assert xpaths.in_message_order("journey_time", message.body) == "journey_time"
    (fault,) = xpaths.faults([RuleError("C047", "lines.0.quantity", "…")], message.body)
    assert fault.location == f"{ROOT}/BodyEadEsad[{count}]/Quantity"
    (fault,) = xpaths.faults([RuleError("R219", "lines.0.quantity", "…")], message.body, draft_order=False)
    assert fault.location == f"{ROOT}/BodyEadEsad[1]/Quantity"


def test_the_ie704_of_a_draft_names_its_lrn_each_rule_and_the_value_received():
    _root, message = example()
    errors = [
        RuleError(br001.CODE, br001.FIELD, "Ce numéro de référence local est déjà utilisé."),
        RuleError(tc29.CODE, tc29.FIELD, "Type de garant inconnu."),
        RuleError("C047", "lines.0.alcoholic_strength", "Indiquez le titre alcoométrique de la ligne 1."),
    ]
    answer = xpaths.ie704_for_draft(errors, message)
    xml.validate(messages.build(answer))
    assert answer.header.correlation_identifier == "ZJZLJN8IRPA7E26T4"
    assert answer.header.message_recipient == "NDEA.XI"
    assert answer.body.attributes.local_reference_number == "lrnie8155419875"
    assert [
        (e.error_type, e.error_reason.split(" ")[0], e.original_attribute_value) for e in answer.body.functional_errors
    ] == [
        (ie704.DUPLICATE_LRN, "[BR001]", "lrnie8155419875"),
        (ie704.INCORRECT_CODE_VALUE, "[TC29]", "1"),
        (ie704.NOT_SUPPORTED_IN_THIS_POSITION, "[C047]", None),
    ]


@pytest.mark.django_db
@time_machine.travel("2025-12-01 10:00:00+01:00", tick=False)
def test_every_error_the_validation_finds_on_a_submitted_draft_is_located_in_its_message():
    """The real path of an EDI draft: the IE815 stored as a draft, every rule and form check run on
    it, each error located in the message and the IE704 valid."""
    _root, message = example()
    body = message.body
    body.header_ead_esad.journey_time = "D99"  # R054
    body.body_ead_esads[0].cn_code = "22042109"  # BR018 against E410
    body.movement_guarantee.guarantor_type_code = "5"
    body.consignee_trader.city = None  # C116
    body.transport_mode.transport_mode_code = "0"  # C127: « other » without its explanation
    body.document_certificates.append(DocumentCertificate(document_type="1"))  # C202
    body.body_ead_esads[1].packages = []  # a line without package
    movement = mapping.save_ie815(body, consignor=ExciseNumberFactory(number="FR012345E0001"))
    errors = services.movement_errors(movement)
    located = xpaths.faults(errors, body)
    assert [error.field for error, fault in zip(errors, located, strict=True) if fault.location is None] == []
    assert {(fault.code, fault.location.removeprefix(ROOT), fault.value) for fault in located} >= {
        ("R054", "/HeaderEadEsad/JourneyTime", "D99"),
        ("R045", "/ConsigneeTrader/Traderid", "GBWK924908680"),
        ("BR006", "/BodyEadEsad[2]/ExciseProductCode", "T300"),
        ("C116", "/ConsigneeTrader/City", None),
        ("C127", "/TransportMode/ComplementaryInformation", None),
        ("C202", "/DocumentCertificate[1]/DocumentReference", None),
        ("", "/BodyEadEsad[2]/Package[1]/KindOfPackages", None),
    }
    answer = xpaths.ie704_for_draft(errors, message)
    xml.validate(messages.build(answer))
    assert len(answer.body.functional_errors) == len(errors)
