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


GROUP = re.compile(r'<(ul|div) class="([^"]*\bfr-btns-group\b[^"]*)"')
INCLUDE = re.compile(r'{%\s*include\s+"([^"]+)"')


def with_includes(text: str, directory: Path) -> str:
    return INCLUDE.sub(lambda m: with_includes((directory / m.group(1)).read_text(encoding="utf-8"), directory), text)


def test_a_group_of_buttons_with_icons_says_where_the_icons_go():
    """DSFR draws an icon button of a ``fr-btns-group`` as an icon-only square, its label cut off,
    unless the group has the matching ``--icon-left`` / ``--icon-right`` modifier."""
    missing = []
    for directory in map(Path, settings.TEMPLATES[0]["DIRS"]):
        for template in directory.rglob("*.html"):
            text = template.read_text(encoding="utf-8")
            for group in GROUP.finditer(text):
                body = with_includes(text[group.end() : text.find(f"</{group.group(1)}>", group.end())], directory)
                for side in ("left", "right"):
                    if f"fr-btn--icon-{side}" in body and f"fr-btns-group--icon-{side}" not in group.group(2):
                        line = text.count("\n", 0, group.start()) + 1
                        missing.append(f"{template.relative_to(directory)}:{line} fr-btns-group--icon-{side}")
    assert missing == []
