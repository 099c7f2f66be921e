"""manage.py edi_credential create|rotate|revoke, in the name of an account allowed to."""

import io

import pytest
from django.core.management import CommandError, call_command

from edi.credentials import authenticate
from edi.models import Credential
from tests.edi.conftest import PROVIDER_SIRET

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("edi_credential", *args, stdout=out)
    return out.getvalue()


def token_of(output: str) -> str:
    return next(line.split(" : ", 1)[1] for line in output.splitlines() if line.startswith("Jeton"))


def test_create_rotate_revoke(world):
    world.adhesion_a.edi_provider_siret = PROVIDER_SIRET
    world.adhesion_a.save()
    token = token_of(run("create", "--provider", PROVIDER_SIRET, "--by", "agent.paris", "--label", "ERP"))
    credential = Credential.objects.get()
    assert authenticate(f"Bearer {token}") == credential and credential.label == "ERP"
    assert token.split(".")[1] not in credential.secret_sha256
    new_token = token_of(run("rotate", credential.client_id, "--by", "agent.paris"))
    assert authenticate(f"Bearer {token}") is None and authenticate(f"Bearer {new_token}") == credential
    assert "révoqué" in run("revoke", credential.client_id, "--by", "agent.paris")
    assert authenticate(f"Bearer {new_token}") is None


def test_an_operators_own_credential_by_its_administrator(world):
    token_of(run("create", "--operator", world.company_a.siren, "--by", "marie"))
    assert Credential.objects.get().operator == world.company_a


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("create", "--operator", "732829320", "--by", "antoineleris"), "pas le droit"),
        (("create", "--operator", "999999999", "--by", "marie"), "Aucun opérateur"),
        (("create", "--provider", PROVIDER_SIRET, "--by", "personne"), "Aucun compte"),
        (("revoke", "edi_0000000000000000", "--by", "marie"), "Aucun identifiant EDI"),
    ],
)
def test_refusals_are_french_errors(world, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert not Credential.objects.exists()
