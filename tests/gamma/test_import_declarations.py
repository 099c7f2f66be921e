"""Issue 12, item 7: the import customs declarations of imported goods (C096). Typed in the section
« Mouvement » (one row each, 9 at most), required when the origin is import and refused otherwise
at validation, shown on the review page and the movement's page; read from an IE815 and written
into the IE801, which stays valid against its schema."""

import html
from pathlib import Path

import pytest
from django.utils import timezone

from emcs import messages, xml
from emcs.messages import ie815
from gamma import mapping, services
from gamma.models import Movement, MovementStatus
from gamma.rules import c096
from identifiers import arc
from tests.factories.accounts import PASSWORD
from tests.factories.register import ExciseNumberFactory
from tests.gamma.drafting import complete_dae

pytestmark = pytest.mark.django_db

HOME = "/gamma/FR008777E0001/"
EXAMPLES = Path(__file__).parent.parent / "emcs" / "examples"
MRN_1, MRN_2 = "26FR000690I0000123", "26FR000690I0000124"


@pytest.fixture
def antoine(client, world, emcs_codelists):
    assert client.login(username=world.antoine.username, password=PASSWORD)
    return client


def text(response) -> str:
    return " ".join(html.unescape(response.content.decode()).split())


def movement_data(movement: Movement, **changes) -> dict:
    data = {
        "local_reference_number": movement.local_reference_number,
        "invoice_number": movement.invoice_number,
        "origin_type_code": str(movement.origin_type_code),
        "dispatch_date": movement.dispatch_date.isoformat(),
        "action": "enregistrer",
    }
    data.update(changes)
    return data


def imported_dae(world, *numbers: str) -> Movement:
    """A complete DAE of imported goods: office of import instead of a place of dispatch."""
    movement = complete_dae(world.antoine, world.excise_a)
    declarations = {f"import_customs_declarations-{index}-number": number for index, number in enumerate(numbers)}
    for section, data in (
        ("movement", movement_data(movement, origin_type_code="2", **declarations)),
        ("place_of_dispatch", {"dispatch_import_office_code": world.office_b.code}),
    ):
        movement = services.draft_save_section(actor=world.antoine, movement=movement, section=section, data=data)
    return movement


def test_the_numbers_are_typed_one_row_each_and_shown_again(antoine, world):
    movement = complete_dae(world.antoine, world.excise_a)
    page = text(antoine.get(f"{HOME}brouillons/{movement.pk}/mouvement/"))
    assert "Déclarations en douane d'importation (marchandises importées seulement)" in page
    assert '<label class="fr-label" for="id_import_customs_declarations-0-number">' in page.replace("> ", ">")
    assert "Numéro de la déclaration en douane d'importation" in page and "21 caractères au plus" in page

    response = antoine.post(
        f"{HOME}brouillons/{movement.pk}/mouvement/",
        movement_data(
            movement,
            origin_type_code="2",
            **{
                "import_customs_declarations-0-number": f" {MRN_1} ",
                "import_customs_declarations-1-number": "",
                "import_customs_declarations-2-number": MRN_2,
                "action": "ajouter-import_customs_declarations",
            },
        ),
    )
    assert response.status_code == 302 and response.url.endswith("mouvement/#lignes-ajoutees")
    movement.refresh_from_db()
    assert movement.import_customs_declarations == [MRN_1, MRN_2]  # blanks dropped, order kept
    page = text(antoine.get(f"{HOME}brouillons/{movement.pk}/mouvement/"))
    assert f'name="import_customs_declarations-1-number" type="text" value="{MRN_2}"' in page
    assert 'name="import_customs_declarations-0-supprimer"' in page
    assert 'name="import_customs_declarations-2-number"' in page  # a blank row to add a third

    antoine.post(
        f"{HOME}brouillons/{movement.pk}/mouvement/",
        movement_data(
            movement,
            origin_type_code="2",
            **{
                "import_customs_declarations-0-number": MRN_1,
                "import_customs_declarations-0-supprimer": "on",
                "import_customs_declarations-1-number": MRN_2,
            },
        ),
    )
    movement.refresh_from_db()
    assert movement.import_customs_declarations == [MRN_2]


def test_a_number_too_long_is_refused_at_its_field_and_nothing_is_saved(antoine, world):
    movement = complete_dae(world.antoine, world.excise_a)
    response = antoine.post(
        f"{HOME}brouillons/{movement.pk}/mouvement/",
        movement_data(movement, origin_type_code="2", **{"import_customs_declarations-0-number": "X" * 22}),
    )
    assert response.status_code == 400
    page = text(response)
    assert 'href="#id_import_customs_declarations-0-number"' in page
    assert "21 caractères au plus (vous en avez saisi 22)." in page
    movement.refresh_from_db()
    assert movement.origin_type_code == 1 and movement.import_customs_declarations == []


def test_no_more_than_nine_rows_are_offered_or_kept(world, emcs_codelists):
    movement = complete_dae(world.antoine, world.excise_a)
    data = movement_data(movement, origin_type_code="2")
    data.update({f"import_customs_declarations-{index}-number": f"IM{index}" for index in range(12)})
    movement = services.draft_save_section(actor=world.antoine, movement=movement, section="movement", data=data)
    assert movement.import_customs_declarations == [f"IM{index}" for index in range(c096.MAX_DECLARATIONS)]
    bound = services.sections.BY_KEY["movement"].bind(movement, None)
    assert len(bound.rows["import_customs_declarations"].forms) == c096.MAX_DECLARATIONS  # no blank tenth


def test_validation_asks_for_the_number_of_imported_goods_at_its_field(antoine, world):
    movement = imported_dae(world)
    with pytest.raises(services.InvalidMovement) as raised:
        services.movement_validate(actor=world.antoine, movement=movement)
    assert [(e.code, e.field) for e in raised.value.errors] == [("C096", "import_customs_declarations.0.number")]
    page = text(antoine.get(f"{HOME}brouillons/{movement.pk}/mouvement/?verifier=1"))
    assert 'id="id_import_customs_declarations-0-number-error"' in page and c096.REQUIRED in page


def test_validation_refuses_numbers_for_goods_that_are_not_imported(world, emcs_codelists):
    movement = complete_dae(world.antoine, world.excise_a)
    data = movement_data(movement, **{"import_customs_declarations-0-number": MRN_1})
    movement = services.draft_save_section(actor=world.antoine, movement=movement, section="movement", data=data)
    errors = services.movement_errors(services.prefetched(movement))
    assert [(e.code, e.field, e.message) for e in errors] == [
        ("C096", "import_customs_declarations.0.number", c096.NOT_APPLICABLE)
    ]


def test_the_review_and_the_movement_page_show_the_numbers_the_ie801_carries(antoine, world):
    movement = imported_dae(world, MRN_1, MRN_2)
    page = text(antoine.get(f"{HOME}brouillons/{movement.pk}/relire/"))
    assert 'id="erreurs"' not in page
    assert "Déclaration d'importation 1" in page and "Déclaration d'importation 2" in page
    assert f"<dt>Numéro de la déclaration en douane d'importation</dt><dd>{MRN_2}</dd>" in page

    issued = services.movement_validate(actor=world.antoine, movement=movement)
    assert issued.status != MovementStatus.DRAFT
    root = messages.build(mapping.ie801_message(issued))
    xml.validate(root, "IE801")
    assert messages.parse(root).body.ead_esad.import_customs_declaration_numbers == [MRN_1, MRN_2]
    page = text(antoine.get(f"{HOME}mouvements/{issued.pk}/"))
    assert f"<dt>Déclarations d'importation</dt><dd>{MRN_1}, {MRN_2}</dd>" in page


def test_an_ie815_with_import_declarations_gives_a_draft_and_an_ie801_carrying_them():
    data = (EXAMPLES / "IE815.xml").read_bytes()
    one = b"<ImportCustomsDeclaration>\n          <ImportCustomsDeclarationNumber>lrnie8155419875<"
    assert one in data
    two = (
        b"<ImportCustomsDeclaration><ImportCustomsDeclarationNumber>" + MRN_1.encode() + b"<"
        b"/ImportCustomsDeclarationNumber></ImportCustomsDeclaration>"
        b"<ImportCustomsDeclaration><ImportCustomsDeclarationNumber>" + MRN_2.encode() + b"<"
    )
    message = messages.parse(xml.parse_and_validate(data.replace(one, two, 1)))
    ExciseNumberFactory(number="XIRC649326241")
    draft = mapping.save_ie815(message.body)
    assert Movement.objects.get(pk=draft.pk).import_customs_declarations == [MRN_1, MRN_2]

    rebuilt = messages.build(ie815.IE815(header=message.header, body=mapping.ie815_body(draft)))
    xml.validate(rebuilt, "IE815")
    assert [node.text for node in rebuilt.iterfind(".//{*}ImportCustomsDeclarationNumber")] == [MRN_1, MRN_2]

    Movement.objects.filter(pk=draft.pk).update(
        status=MovementStatus.ACCEPTED,
        arc=arc.build(year=26, national_code="9" * 15, movement_type=arc.DUTY_SUSPENSION),
        sequence_number=1,
        validated_at=timezone.now(),
    )
    root = messages.build(mapping.ie801_message(Movement.objects.get(pk=draft.pk)))
    xml.validate(root, "IE801")
    assert [
        node.text
        for node in root.iterfind(".//{*}EadEsad/{*}ImportCustomsDeclaration/{*}ImportCustomsDeclarationNumber")
    ] == [MRN_1, MRN_2]


def test_a_template_keeps_the_origin_but_not_the_declarations_of_one_shipment(world, emcs_codelists):
    movement = imported_dae(world, MRN_1, MRN_2)
    template = services.template_from_draft(actor=world.antoine, movement=movement, name="Importations")
    assert template.data["movement"]["origin_type_code"] == "2"
    assert not [key for key in template.data["movement"] if key.startswith("import_customs_declarations")]
    new = services.prefetched(services.draft_from_template(actor=world.antoine, template=template))
    assert new.origin_type_code == 2 and new.import_customs_declarations == []


def test_a_daes_sent_with_declarations_shows_them_to_be_removed(antoine, world):
    antoine.post(f"{HOME}preparer/daes/")
    movement = Movement.objects.get()
    Movement.objects.filter(pk=movement.pk).update(import_customs_declarations=[MRN_1])  # as an upload left it
    errors = services.movement_errors(services.prefetched(movement))
    assert ("C096", c096.FIELD) in {(e.code, e.field) for e in errors}
    page = text(antoine.get(f"{HOME}brouillons/{movement.pk}/mouvement/"))
    assert f'name="import_customs_declarations-0-number" type="text" value="{MRN_1}"' in page
    movement.refresh_from_db()
    response = antoine.post(
        f"{HOME}brouillons/{movement.pk}/mouvement/",
        movement_data(
            movement,
            **{"import_customs_declarations-0-number": MRN_1, "import_customs_declarations-0-supprimer": "on"},
        ),
    )
    assert response.status_code == 302
    movement.refresh_from_db()
    assert movement.import_customs_declarations == []
    assert "import_customs_declarations" not in text(antoine.get(f"{HOME}brouillons/{movement.pk}/mouvement/"))
