"""The import customs declarations through the Guichet EDI (C096): an IE815 of goods from a tax
warehouse that sends one is refused in an IE704 at its XPath, with the number sent; an IE815 of
imported goods that sends none is refused at the place the number goes."""

import pytest
from lxml import etree

from gamma.models import Movement
from tests.edi.conftest import post
from tests.edi.test_answers import ROOT, answer, functional_errors

pytestmark = pytest.mark.django_db

MRN = "26FR000690I0000123"
NUMBER_PATH = f"{ROOT}/EadEsadDraft/ImportCustomsDeclaration[1]/ImportCustomsDeclarationNumber"


def changed(ie815: bytes, *, origin: str | None = None, declaration: str | None = None) -> bytes:
    message = etree.fromstring(ie815)
    [draft] = message.iter("{*}EadEsadDraft")
    namespace = etree.QName(draft).namespace
    if origin is not None:
        draft.find("{*}OriginTypeCode").text = origin
    if declaration is not None:
        group = etree.SubElement(draft, f"{{{namespace}}}ImportCustomsDeclaration")
        etree.SubElement(group, f"{{{namespace}}}ImportCustomsDeclarationNumber").text = declaration
    return etree.tostring(message, xml_declaration=True, encoding="UTF-8")


def c096_faults(response) -> list[tuple[str, str | None]]:
    assert response.status_code == 422, response.content[:500]
    errors = functional_errors(answer(response, "IE704"))
    return [(error["location"], error["value"]) for error in errors if error["reason"].startswith("[C096]")]


def test_a_declaration_for_goods_not_imported_is_refused_at_its_xpath(client, edi, ie815):
    movements = Movement.objects.count()
    response = post(client, changed(ie815, declaration=MRN), edi.token)
    assert c096_faults(response) == [(NUMBER_PATH, MRN)]
    assert Movement.objects.count() == movements


def test_imported_goods_without_their_declaration_are_refused_where_it_goes(client, edi, ie815):
    response = post(client, changed(ie815, origin="2"), edi.token)
    assert c096_faults(response) == [(NUMBER_PATH, None)]
