"""The Content-Security-Policy every page carries: only the portal's own scripts, styles, fonts
and images (data: images for the TOTP QR code), no inline script or style, no framing."""

import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in header.split(";"))}


@pytest.mark.parametrize("url", ["/", "/services/infoaccises/", "/compte/login/", "/cette-page-n-existe-pas/"])
def test_every_page_carries_the_policy(client, url):
    policy = directives(client.get(url))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"] and policy["base-uri"] == ["'self'"]


def test_no_template_needs_inline_script_or_style():
    """What the policy would block: an inline <script>, a style attribute, an on… handler."""
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\sstyle=\"|\son[a-z]+=\"", re.IGNORECASE)
    found = [
        f"{template.relative_to(directory)}: {match.group(0).strip()}"
        for directory in map(Path, settings.TEMPLATES[0]["DIRS"])
        for template in directory.rglob("*.html")
        for match in inline.finditer(template.read_text(encoding="utf-8"))
    ]
    assert found == []
