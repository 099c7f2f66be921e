"""Issue 12, item 3, on the adhesion form: one « Transmettre » lists every fault at once — the
form's own refusals, every faulty row, the EDI details and the whole signature section — in an
error summary whose links lead to real inputs of the page; nothing is saved."""

import pytest

from habilitations import services
from habilitations.models import AdhesionStatus
from tests.adhesions.test_form import SEED_LINES, SEED_LUC, draft, form_data  # noqa: F401  (draft: fixture)
from tests.error_summary import ids_of, summary_links, summary_of, target

pytestmark = pytest.mark.django_db


def test_a_bad_row_does_not_hide_the_signature_section(world, draft):  # noqa: F811
    lines = [services.LineRequest("inconnu", "inconnu@example.org", frozenset(SEED_LUC))]
    problems = services.adhesion_problems(actor=world.luc, adhesion=draft, data={}, lines=lines, submitting=True)
    fields = [problem.field for problem in problems]
    assert fields == [
        "ligne-1-identifiant",
        "signature_waiver",
        "signed_at_place",
        "signed_on",
        "legal_representative",
    ]
    # Saving a draft does not ask for what only the submission needs.
    problems = services.adhesion_problems(actor=world.luc, adhesion=draft, data={}, lines=lines, submitting=False)
    assert [problem.field for problem in problems] == ["ligne-1-identifiant"]


def test_one_submission_lists_every_fault_each_linking_to_its_input(world, draft, as_user):  # noqa: F811
    client = as_user(world.luc)
    posted = form_data(
        "transmettre",
        [("inconnu", "inconnu@example.org", SEED_LUC), SEED_LINES[1], ("fantome", "f@example.org", SEED_LUC)],
        company_name="",
        edi_enabled="on",
        signature_waiver=None,
        signed_at_place="",
        signed_on="",
        legal_representative="",
    )
    response = client.post(f"/adhesions/{draft.pk}/formulaire/", posted)
    page = response.content.decode()
    assert response.status_code == 400
    summary = summary_of(page)
    assert summary.get("role") == "alert" and summary.get("tabindex") == "-1" and summary.get("autofocus") is not None
    links = summary_links(page)
    assert summary.xpath("string(.//h2)") == f"Votre demande n'est pas enregistrée : {len(links)} erreurs à corriger"
    anchors = [target(href)[1] for href, _text in links]
    assert anchors == [
        "id_company_name",
        "ligne-1-identifiant",
        "ligne-3-identifiant",
        "id_edi_provider_siret",
        "id_edi_software",
        "id_edi_provider_name_address",
        "id_signature_waiver",
        "id_signed_at_place",
        "id_signed_on",
        "id_legal_representative",
    ]
    assert all(target(href)[0] == "" for href, _text in links)  # links within the page
    assert set(anchors) <= ids_of(page)
    assert any(text.startswith("Ligne 3 : aucun compte") for _href, text in links)
    draft.refresh_from_db()
    assert draft.status == AdhesionStatus.DRAFT and not draft.lines.exists() and draft.legal_representative == ""

    # Fixing exactly what was listed is enough: the second « Transmettre » goes through.
    fixed = form_data("transmettre", SEED_LINES)
    response = client.post(f"/adhesions/{draft.pk}/formulaire/", fixed)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == AdhesionStatus.SUBMITTED
