"""The Guichet EDI page: the schemas to download (only those files), the OpenAPI contract read for
people, the accredited providers (public facts only)."""

import io
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.urls import reverse

from habilitations.models import AdhesionStatus
from register.models import Diffusion
from tests.factories.habilitations import AdhesionFactory
from tests.factories.register import EstablishmentFactory, LegalUnitFactory, _valid_siret
from tests.portal.test_pages import page
from www.guichet import openapi, schemas

pytestmark = pytest.mark.django_db

SCHEMA_DIR = Path(settings.EMCS_SCHEMA_DIR)


def test_each_schema_file_is_offered_and_served_as_it_is(client):
    html = page(client.get(reverse("portal:edi")))
    names = sorted(path.name for path in SCHEMA_DIR.glob("*.xsd"))
    assert len(names) == 28
    for name in names:
        assert f'href="/guichet-edi/schemas/{name}"' in html
        response = client.get(f"/guichet-edi/schemas/{name}")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/xml; charset=utf-8"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response.content == (SCHEMA_DIR / name).read_bytes()
    assert "Projet de DAE soumis à la validation" in html  # ie815's line


def test_the_zip_holds_every_schema_so_that_their_imports_resolve(client):
    response = client.get(reverse("guichet:schemas_zip"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="emcs-v3.23-schemas.zip"'
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == sorted(f"emcs-v3.23/{path.name}" for path in SCHEMA_DIR.glob("*.xsd"))
    assert archive.read("emcs-v3.23/ie815.xsd") == (SCHEMA_DIR / "ie815.xsd").read_bytes()


@pytest.mark.parametrize(
    "name",
    [
        "README.md",
        "SHA256SUMS",
        "..%2Fxml.py",
        "..%2F..%2Fprodouane%2Fsettings.py",
        "IE815.xsd",
        "ie815.xsd.bak",
        "x.xsd",
    ],
)
def test_nothing_else_of_the_server_is_served(client, name):
    response = client.get(f"/guichet-edi/schemas/{name}")
    assert response.status_code == 404
    assert b"<?xml" not in response.content


def test_a_schema_is_not_posted_to(client):
    assert client.post("/guichet-edi/schemas/ie815.xsd").status_code == 405


CONTRACT = """
openapi: 3.1.0
info: {title: Guichet EDI, version: "1.0", description: Les messages EMCS V3.23.}
paths:
  /edi/v1/messages:
    post:
      summary: Envoyer un message
      requestBody: {content: {application/xml: {}}}
      responses:
        "201": {description: Accepté, content: {application/xml: {}}}
        "422": {description: Refusé (IE704), content: {application/xml: {}}}
    get:
      summary: Lire le flux
      parameters: [{name: after, in: query, description: le curseur}]
      responses:
        "200": {description: ""}
"""


def test_the_contract_is_rendered_path_by_path(client, tmp_path, monkeypatch):
    contract = tmp_path / "openapi.yaml"
    contract.write_text(CONTRACT, encoding="utf-8")
    monkeypatch.setattr(openapi, "contract_path", lambda: contract)
    html = page(client.get(reverse("portal:edi")))
    assert 'href="/edi/v1/openapi.yaml"' in html
    assert "Guichet EDI — version 1.0" in html
    for method, status, words in (
        ("POST", "201", "<p>Accepté"),
        ("POST", "422", "<p>Refusé (IE704)"),
        ("GET", "200", "—"),
    ):
        section = html[html.index(f"Réponses de {method} /edi/v1/messages") :]
        section = section[: section.index("</table>")]
        assert f'<th scope="row">{status}</th> <td class="edi-prose">{words}' in section
    assert "<code>after</code> (dans l'adresse) : le curseur" in html


def test_the_endpoint_contract_is_shown_whole(client):
    html = page(client.get(reverse("portal:edi")))
    document = yaml.safe_load(openapi.contract_path().read_text(encoding="utf-8"))
    base = document["servers"][0]["url"]
    shown = 0
    for path, item in document["paths"].items():
        for method in ("get", "post", "put", "patch", "delete"):
            if method in item:
                section = html[html.index(f"Réponses de {method.upper()} {base}{path}") :]
                section = section[: section.index("</table>")]
                for status in item[method]["responses"]:
                    assert f'<th scope="row">{status}</th>' in section, (method, path, status)
                shown += 1
    assert shown >= 2
    assert "<strong>Identifiant EDI.</strong>" in html  # the description's CommonMark, as HTML
    assert "<code>Authorization: Bearer <identifiant client>.<secret></code>" in html  # escaped, then unescaped here


def test_prose_keeps_bold_and_code_and_escapes_the_rest():
    assert str(openapi.prose("**Gras** et `<code>`\nsuite\n\n<script>x</script>")) == (
        "<p><strong>Gras</strong> et <code>&lt;code&gt;</code> suite</p><p>&lt;script&gt;x&lt;/script&gt;</p>"
    )


def test_the_reader_follows_references_and_keeps_every_answer():
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Guichet", "version": "1"},
        "servers": [{"url": "/api"}],
        "components": {
            "parameters": {"After": {"name": "after", "in": "query", "description": "curseur"}},
            "responses": {"Refused": {"description": "refusé", "content": {"application/xml": {}}}},
            "securitySchemes": {"client": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"client": []}],
        "paths": {
            "/m": {
                "get": {
                    "parameters": [{"$ref": "#/components/parameters/After"}],
                    "responses": {"200": {"description": "ok"}},
                },
                "post": {
                    "requestBody": {"content": {"application/xml": {}}},
                    "responses": {"201": {"description": "créé"}, "422": {"$ref": "#/components/responses/Refused"}},
                },
            }
        },
    }
    contract = openapi.read(document)
    get, post = contract.operations
    assert (get.method, get.path, get.parameters[0].name, get.parameters[0].where) == (
        "GET",
        "/api/m",
        "after",
        "query",
    )
    assert [(answer.status, answer.description, answer.media_types) for answer in post.answers] == [
        ("201", "créé", ()),
        ("422", "refusé", ("application/xml",)),
    ]
    assert post.request_media_types == ("application/xml",)
    assert post.security == ("client",)
    assert contract.security_schemes == (("client", "En-tête Authorization, schéma HTTP bearer"),)
    assert openapi.read({"paths": "nonsense"}).operations == ()


def test_a_contract_that_cannot_be_read_is_said_not_a_500(client, tmp_path, monkeypatch):
    broken = tmp_path / "openapi.yaml"
    broken.write_text("paths: [unclosed", encoding="utf-8")
    monkeypatch.setattr(openapi, "contract_path", lambda: broken)
    response = client.get(reverse("portal:edi"))
    assert response.status_code == 200
    assert "Le contrat n'a pas pu être lu" in page(response)


def _provider(siret_n: int, *, name: str, diffusion: str = Diffusion.PUBLIC):
    unit = LegalUnitFactory(denomination=name, diffusion=diffusion)
    return EstablishmentFactory(legal_unit=unit, siret=_valid_siret(unit.siren, siret_n), nic=f"{siret_n:04d}")


def test_the_providers_are_those_of_adhesions_in_force_with_the_edi_option(client):
    known = _provider(1, name="EDI SERVICES FRANCE")
    masked = _provider(2, name="[ND]", diffusion=Diffusion.PARTIAL)
    unknown = _valid_siret("552100554", 1)
    for siret, declared in ((known.siret, "EDI Services, 1 rue X"), (unknown, "TRANSMISSIONS DU SUD\n4 rue Y 31000")):
        AdhesionFactory(approved=True, edi_enabled=True, edi_provider_siret=siret, edi_provider_name_address=declared)
    AdhesionFactory(approved=True, edi_enabled=True, edi_provider_siret=known.siret)  # named twice, listed once
    AdhesionFactory(
        approved=True, edi_enabled=True, edi_provider_siret=masked.siret, edi_provider_name_address="Jean Secret"
    )
    waiting = _provider(3, name="EN ATTENTE")
    AdhesionFactory(status=AdhesionStatus.SUBMITTED, edi_enabled=True, edi_provider_siret=waiting.siret)
    without_option = _provider(4, name="SANS OPTION")
    AdhesionFactory(approved=True, edi_enabled=False, edi_provider_siret=without_option.siret)

    html = page(client.get(reverse("portal:edi")))
    table = html[html.index('id="prestataires-habilites"') :]
    table = table[: table.index("</table>")]
    rows = re.findall(r'<tr><th scope="row">([^<]*)</th><td>(\d+)</td></tr>', table)
    assert rows == [
        ("EDI SERVICES FRANCE", known.siret),
        ("Non diffusible", masked.siret),
        ("TRANSMISSIONS DU SUD", unknown),
    ]
    assert "1 rue X" not in html and "Jean Secret" not in html and "4 rue Y" not in html


def test_without_providers_the_page_says_so(client):
    assert "Aucun prestataire EDI n'est habilité pour le moment." in page(client.get(reverse("portal:edi")))


def test_schema_listing_ignores_other_files(tmp_path, settings):
    (tmp_path / "ie815.xsd").write_bytes(b"<x/>")
    (tmp_path / "notes.txt").write_bytes(b"secret")
    (tmp_path / "link.xsd").symlink_to(tmp_path / "notes.txt")
    settings.EMCS_SCHEMA_DIR = tmp_path
    assert [schema.name for schema in schemas.schemas()] == ["ie815.xsd"]
    assert schemas.schema_bytes("link.xsd") is None
    assert schemas.schema_bytes("ie815.xsd") == b"<x/>"


def test_the_page_says_what_the_feed_carries_the_notices_included(client):
    text = " ".join(page(client.get(reverse("portal:edi"))).split())
    assert "les messages de l'autre partie : IE810, IE813, IE818, IE819, IE837, IE871" in text
    assert "l'IE802, relance au destinataire dont l'accusé de réception est en retard" in text
    assert "l'IE803, notification de déroutement au destinataire qu'un changement de destination remplace" in text
