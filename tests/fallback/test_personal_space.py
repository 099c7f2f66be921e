"""Each person finds in the personal space the fallback pages they may use, and only those."""

import html

import pytest
from django.urls import reverse

LINKS = {
    "gps": "GPS — procédure de secours",
    "assistance": "Demandes d'assistance",
    "cid": "Incidents des téléservices (CID)",
    "sau": "File des demandes d'assistance (SAU)",
    "office": "Procédure de secours (bureau de douane)",
}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("bob", {"gps", "assistance"}),  # issues on FR009990F0005
        ("luc", {"assistance"}),  # prepares and searches only
        ("newcomer_a", set()),  # no habilitation
        ("agent_b", {"office"}),
        ("cid", {"cid"}),
        ("sau", {"sau"}),
    ],
)
def test_fallback_links_follow_the_rights(client, world, cid, sau, persona, expected):
    user = {"cid": cid, "sau": sau}.get(persona) or getattr(world, persona)
    client.force_login(user)
    page = html.unescape(client.get(reverse("accounts:personal_space")).content.decode())
    assert {key for key, label in LINKS.items() if label in page} == expected
