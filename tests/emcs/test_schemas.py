"""The repository's schemas are the official EU EMCS V3.23 set, byte for byte: checked against the
committed SHA-256 manifest (a fresh clone needs nothing else), and against the shared reference
``../shared/emcs/xsd`` directly when it is there."""

import hashlib
from pathlib import Path

import pytest
from django.conf import settings
from lxml import etree

from emcs import xml

SCHEMAS = Path(settings.EMCS_SCHEMA_DIR)
REFERENCE = Path(settings.BASE_DIR).parent / "shared" / "emcs" / "xsd"
EXAMPLES = Path(__file__).parent / "examples"


def manifest() -> dict[str, str]:
    """``SHA256SUMS`` (``sha256sum`` output): file name → digest."""
    entries = {}
    for line in (SCHEMAS / "SHA256SUMS").read_text(encoding="ascii").splitlines():
        digest, name = line.split(maxsplit=1)
        entries[name.lstrip("*")] = digest
    return entries


def test_every_schema_is_the_official_file_of_the_manifest_and_of_the_shared_reference():
    ours = {path.name: path.read_bytes() for path in SCHEMAS.glob("*.xsd")}
    assert {name: hashlib.sha256(data).hexdigest() for name, data in ours.items()} == manifest()
    assert len(ours) == 28 and "tcl.xsd" in ours
    # The shared reference lies beside every checkout of this machine and of CI; a clone elsewhere
    # has the manifest only.
    if REFERENCE.is_dir():
        reference = {path.name: path.read_bytes() for path in REFERENCE.glob("*.xsd")}
        assert sorted(ours) == sorted(reference)
        assert [name for name in sorted(ours) if ours[name] != reference[name]] == []


def test_the_technical_code_lists_are_the_eu_ones_without_guarantor_type_0():
    tcl = etree.parse(str(SCHEMAS / "tcl.xsd"))
    codes = tcl.xpath(
        "//xs:simpleType[@name='GuarantorTypeCode']//xs:enumeration/@value",
        namespaces={"xs": "http://www.w3.org/2001/XMLSchema"},
    )
    assert "0" not in codes
    assert sorted(codes, key=lambda code: (len(code), code))[:5] == ["1", "2", "3", "4", "5"]
    assert len(codes) == 16


def test_a_draft_whose_guarantor_type_is_0_is_refused_by_the_schema():
    data = (EXAMPLES / "IE815.xml").read_bytes()
    assert b"<GuarantorTypeCode>1<" in data
    with pytest.raises(xml.InvalidMessage) as refusal:
        xml.parse_and_validate(data.replace(b"<GuarantorTypeCode>1<", b"<GuarantorTypeCode>0<"))
    assert any("GuarantorTypeCode" in error for error in refusal.value.errors)
