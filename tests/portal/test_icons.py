"""Every DSFR icon the templates name exists in the design system the portal serves: an unknown
``fr-icon-…`` class draws a plain square instead of the pictogram."""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

ICON = re.compile(r"\bfr-icon-[a-z0-9-]*[a-z0-9]\b")


def icons_defined() -> set[str]:
    defined = set()
    for name in ("dsfr/dist/dsfr.min.css", "dsfr/dist/utility/utility.min.css"):
        path = finders.find(name)
        assert path, name
        defined |= set(ICON.findall(Path(path).read_text(encoding="utf-8")))
    return defined


def icons_used() -> dict[str, list[str]]:
    used: dict[str, list[str]] = {}
    for directory in settings.TEMPLATES[0]["DIRS"]:
        for template in Path(directory).rglob("*.html"):
            for icon in ICON.findall(template.read_text(encoding="utf-8")):
                used.setdefault(icon, []).append(str(template.relative_to(directory)))
    return used


def test_every_icon_used_by_a_template_is_one_of_the_design_systems():
    used = icons_used()
    assert "fr-icon-search-line" in used  # the scan reads the templates
    unknown = {icon: where for icon, where in used.items() if icon not in icons_defined()}
    assert unknown == {}
