"""The three channels give one answer (issue 11): a draft typed in the web form, the same draft
sent as an IE815 to the Guichet EDI (``POST /edi/v1/messages``, a credential's bearer token) and
uploaded in « Déposer des messages XML » (``/gamma/<n>/depot-xml/``, a logged-in user) are all
issued an ARC, or all refused with the same multiset of (rule code, field).

Hypothesis generates the drafts around a complete DAE of company A to company B
(``gamma.demo.dae_sections``): valid ones, and ones with one to three realistic faults.

The web path runs at the use-case level, exactly what the section pages and « Valider » call
(``www/gamma/prepare.py``): ``services.draft_create``, then ``services.draft_save_section`` with
each section's data as its form posts it (the lines together, where the line pages post one each
to the same use case), then ``services.movement_validate``. The valid draft is saved first, then
each faulty value in its section, one by one: a value the form refuses is not saved, as on the
page — its errors are the web's answer for it, the draft keeps the valid value — and the draft is
then validated. The
EDI and upload paths send the draft's IE815 (``gamma.mapping.ie815_message``), with the refused
section's fault written into the message instead (the value the user typed).

Outcomes compared: an ARC; a refusal by the rule book, as a multiset of (rule code, field path),
an EDI fault's XPath turned back into the field path ``gamma.xpaths`` gives it; a value the schema
cannot carry (a quantity of zero), which the web form refuses without a rule code and the EDI
channel with an IE917, compared by element. A value breaking a rule the tables hold (R219, TC29:
``gamma.mapping.storage_errors``) is refused with every other fault of the draft, on every channel:
the web form at its section, the message's channels with the rest in one IE704.

Each channel runs in a savepoint rolled back, so each sees the same database; each example runs
in its own rolled-back transaction, with its own LRN. Dates are relative to today in Paris, so
the test holds under the frozen clocks (``PRODOUANE_TEST_CLOCK``)."""

from collections import Counter

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, event, given, settings

from edi import answers
from emcs import messages as emcs_messages
from emcs import xml as emcs_xml
from gamma import mapping, services, xpaths
from gamma import messages as gamma_messages
from gamma.rules import RuleError
from tests.edi.channels import (
    ARC,
    BEER_ONLY_NUMBER,
    EDGES,
    ISSUED_LRN,
    MUTATIONS,
    Draft,
    drafts,
    edi_answer,
    faults_of_ie704,
    in_savepoint,
    next_lrn,
    upload_answer,
    web_answer,
)
from tests.factories.register import ExciseNumberFactory
from tests.gamma.drafting import complete_dae

# --- The property ------------------------------------------------------------------------------


@pytest.fixture
def other_numbers(edi, emcs_codelists):
    """A number the register authorises for beer only, and a DAE A has issued (its LRN taken)."""
    ExciseNumberFactory(number=BEER_ONLY_NUMBER, product_categories=["B"])
    world = edi.world
    services.movement_validate(
        actor=world.antoine, movement=complete_dae(world.antoine, world.excise_a, lrn=ISSUED_LRN)
    )


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(draft=drafts())
def test_web_edi_and_upload_give_the_same_answer(edi, emcs_codelists, other_numbers, draft):
    world = edi.world
    web_client, edi_client = Client(), Client()
    web_client.force_login(world.antoine)
    with transaction.atomic():
        cache.clear()  # the credential's rate limit
        lrn = next_lrn()
        web, data = in_savepoint(lambda: web_answer(world, draft, lrn))
        by_edi = in_savepoint(lambda: edi_answer(edi_client, edi.token, data))
        by_upload = in_savepoint(lambda: upload_answer(web_client, data))
        transaction.set_rollback(True)
    event(f"{web[0]}, {len(draft.mutations)} fault(s)")
    if web == ARC and draft.mutations:
        event(f"issued despite {draft.mutations}")
    assert by_edi == web, f"EDI ≠ web for {draft.mutations}"
    assert by_upload == web, f"upload ≠ web for {draft.mutations}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_each_fault_alone_is_refused_alike_by_each_channel(client, edi, emcs_codelists, other_numbers, name):
    client.force_login(edi.world.antoine)
    draft = Draft(((name, EDGES.get(name)),))
    web, data = in_savepoint(lambda: web_answer(edi.world, draft, "PROP-UNE"))
    assert web != ARC, f"« {name} » is no fault"
    assert in_savepoint(lambda: edi_answer(Client(), edi.token, data)) == web
    assert in_savepoint(lambda: upload_answer(client, data)) == web


@pytest.mark.django_db
def test_the_valid_draft_is_issued_an_arc_by_each_channel(client, edi, emcs_codelists):
    """The property's starting point: without a fault, every channel issues the document."""
    client.force_login(edi.world.antoine)
    web, data = in_savepoint(lambda: web_answer(edi.world, Draft(()), "PROP-VALIDE"))
    assert web == ARC
    assert in_savepoint(lambda: edi_answer(Client(), edi.token, data)) == ARC
    assert in_savepoint(lambda: upload_answer(client, data)) == ARC


# --- Regressions found by the property ---------------------------------------------------------


@pytest.mark.django_db
def test_a_gross_mass_below_the_net_mass_hides_no_other_fault_on_any_channel(client, edi, emcs_codelists):
    """The message's channels refused R219 alone (found before storing the message), where the web
    form lists it with every fault of the draft; each now lists them all."""
    client.force_login(edi.world.antoine)
    draft = Draft((("gross mass below net mass", None), ("consignee not in the register", None)))
    web, data = in_savepoint(lambda: web_answer(edi.world, draft, "PROP-R219"))
    assert web[0] == "refused"
    assert {code for code, _field in web[1]} >= {"R219", "R045"}
    assert web[1][("R219", "lines.0.gross_mass")] == 1
    assert in_savepoint(lambda: edi_answer(Client(), edi.token, data)) == web
    assert in_savepoint(lambda: upload_answer(client, data)) == web


@pytest.mark.parametrize(
    ("field", "location"),
    [
        ("transport_mode_complementary_information", "TransportMode/ComplementaryInformation"),
        ("consignee_identifier", "ConsigneeTrader/Traderid"),
        ("guarantor_1.trader_name", "MovementGuarantee/GuarantorTrader[1]/TraderName"),
        ("lines.0.wine_third_country_of_origin", "BodyEadEsad[1]/WineProduct/ThirdCountryOfOrigin"),
        ("dispatch_office_code", "CompetentAuthorityDispatchOffice/ReferenceNumber"),
    ],
)
def test_an_edi_fault_is_at_the_element_the_web_form_names(field, location):
    """The EDI answer placed these faults at their group or at the body (``edi.answers`` had a
    field → XPath table of its own), where ``gamma.xpaths`` names the element: C127 at
    ``TransportMode`` for the web form's complementary information, for instance."""
    [fault] = answers.rule_faults([RuleError("C000", field, "Faute.")], root=None)
    assert fault.location == f"{xpaths.ROOT}/{location}" == xpaths.xpath(field)


@pytest.mark.django_db
def test_transport_mode_other_without_its_description_is_refused_at_the_description(client, edi, emcs_codelists):
    draft = services.draft_create(actor=edi.world.antoine, excise_number=edi.world.excise_a, kind="DAE")
    for section, values in (
        Draft((("transport mode « other » without its description", None),)).sections("PROP-C127").items()
    ):
        draft = services.draft_save_section(actor=edi.world.antoine, movement=draft, section=section, data=values)
    data = gamma_messages.serialise(mapping.ie815_message(draft))
    draft.delete()
    assert edi_answer(client, edi.token, data) == (
        "refused",
        Counter({("C127", "transport_mode_complementary_information"): 1}),
    )


@pytest.mark.django_db
def test_the_faults_of_an_ie704_are_read_as_those_of_the_problem_document(edi, emcs_codelists):
    """The EDI channel answers a refusal with a problem document until ``edi.answers`` builds its
    IE704; the property reads either the same way."""
    _web, data = in_savepoint(lambda: web_answer(edi.world, Draft(()), "PROP-IE704"))
    errors = [
        RuleError("C127", "transport_mode_complementary_information", "Décrivez le mode de transport « Autre »."),
        RuleError("BR018", "lines.0.cn_code", "Le code NC 22030001 ne correspond pas au produit W200."),
    ]
    ie704 = emcs_messages.build(xpaths.ie704_for_draft(errors, emcs_messages.parse(emcs_xml.parse(data))))
    assert faults_of_ie704(ie704) == [
        ("C127", "transport_mode_complementary_information"),
        ("BR018", "lines.0.cn_code"),
    ]
