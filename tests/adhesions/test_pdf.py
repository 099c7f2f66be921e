"""habilitations.pdf: the seed's form filled in, read back with pypdf."""

import io

import pytest
from pypdf import PdfReader

from habilitations.pdf import adhesion_pdf

pytestmark = pytest.mark.django_db


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_rights_table_has_one_x_per_right_granted(world):
    text = text_of(adhesion_pdf(world.adhesion_a))
    # antoineleris 7, lucferrier 4, marie 1.
    assert [line.strip() for line in text.splitlines()].count("X") == 12
    for heading in [
        "1- Informations relatives à l'entreprise signataire",
        "2- Désignation des comptes utilisateurs Prodouane à habiliter",
        "3- Mode EDI",
        "4- Dispense de signature",
        "Signature et cachet de l'entreprise",
        "Bureau de Paris (FR007501)",
    ]:
        assert heading in text, heading


def test_typed_text_is_printed_as_typed_never_as_markup(world):
    adhesion = world.adhesion_a
    adhesion.company_address = "<b>12 & 14</b> rue <Haute>"
    adhesion.edi_enabled = True
    adhesion.edi_provider_siret = "35324915400017"
    data = adhesion_pdf(adhesion)
    assert data.startswith(b"%PDF-")
    text = text_of(data)
    assert "<b>12 & 14</b> rue <Haute>" in text
    assert "35324915400017" in text
