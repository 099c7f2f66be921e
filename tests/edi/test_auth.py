"""Who may call the Guichet EDI: a credential in force (401 otherwise, nothing kept), acting for an
excise number whose adhesion names its holder and carrying the right the message needs (403
otherwise, kept as evidence), within its rate limit (429 with Retry-After)."""

import json

import pytest
from django.test import override_settings

from edi import credentials
from edi.models import InboundMessage
from gamma.models import Movement
from habilitations import rights
from habilitations.models import Habilitation
from tests.edi.conftest import post

pytestmark = pytest.mark.django_db


def problem(response) -> dict:
    assert response["Content-Type"] == "application/problem+json"
    return json.loads(response.content)


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "Bearer ",
        "Bearer edi_0000000000000000.nope",
        "Basic ZWRpOnNlY3JldA==",
        "Bearer not-a-token",
    ],
)
def test_without_a_valid_credential_the_answer_is_401_in_french_and_nothing_is_kept(client, edi, authorization):
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization else {}
    response = client.post("/edi/v1/messages", data=b"<x/>", content_type="application/xml", **headers)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="Guichet EDI"'
    assert "Authorization: Bearer" in problem(response)["detail"]
    assert not InboundMessage.objects.exists()


def test_a_wrong_secret_of_a_real_client_id_is_401(client, edi):
    response = post(client, b"<x/>", f"{edi.credential.client_id}.{'A' * 43}")
    assert response.status_code == 401


def test_the_secret_is_stored_hashed_and_shown_once(edi):
    assert edi.issued.secret not in edi.credential.secret_sha256
    assert edi.credential.secret_sha256 == credentials.hash_secret(edi.issued.secret)
    assert len(edi.issued.secret) >= 43  # 32 random bytes


def test_a_rotated_secret_replaces_the_old_one_at_once(client, edi, ie815):
    rotated = credentials.rotate(actor=edi.world.agent_a, credential=edi.credential)
    assert rotated.credential.client_id == edi.credential.client_id
    assert post(client, ie815, edi.token).status_code == 401
    assert post(client, ie815, rotated.token).status_code == 201


def test_a_revoked_credential_is_401_and_holds_no_right(client, edi, ie815):
    credentials.revoke(actor=edi.world.agent_a, credential=edi.credential)
    assert post(client, ie815, edi.token).status_code == 401
    assert rights.rights_for(edi.credential.actor, "gamma", "FR008777E0001") == frozenset()
    with pytest.raises(credentials.CredentialError, match="révoqué"):
        credentials.rotate(actor=edi.world.agent_a, credential=edi.credential)


def test_last_used_is_recorded(client, edi, ie815):
    post(client, ie815, edi.token)
    edi.credential.refresh_from_db()
    assert edi.credential.last_used_at is not None


def test_the_channel_holds_the_union_of_the_rights_of_the_adhesions_accounts(edi):
    actor = edi.credential.actor
    held = rights.rights_by_excise_number(actor, "gamma")
    assert set(held) == {"FR008777E0001"}  # B's adhesion does not name the provider
    assert held["FR008777E0001"] == rights.rights_for(edi.world.antoine, "gamma", "FR008777E0001")
    # Taken from everyone, a right is taken from the channel.
    Habilitation.objects.filter(right="issue_daa").delete()
    assert "issue_daa" not in rights.rights_for(actor, "gamma", "FR008777E0001")
    # The channel account never logs in, nor acts for a company by itself.
    assert not actor.is_active and not actor.has_usable_password()
    assert rights.company_of(actor) is None


def test_a_number_the_credential_does_not_act_for_is_403_and_kept(client, edi, ie815):
    edi.world.adhesion_a.edi_enabled = False
    edi.world.adhesion_a.save()
    response = post(client, ie815, edi.token)
    assert response.status_code == 403
    assert problem(response)["detail"] == "Cet identifiant EDI n'agit pas pour le numéro d'accise « FR008777E0001 »."
    assert not Movement.objects.exists()
    evidence = InboundMessage.objects.get()
    assert evidence.status == 403 and bytes(evidence.data) == ie815 and bytes(evidence.answer) == response.content


def test_a_right_the_number_does_not_carry_is_403(client, edi, ie815):
    Habilitation.objects.filter(right="issue_daa").delete()
    response = post(client, ie815, edi.token)
    assert response.status_code == 403
    assert problem(response)["detail"] == (
        "Cet identifiant EDI n'a pas le droit « Emettre un DAA / DAA secours » pour le numéro d'accise FR008777E0001."
    )
    assert not Movement.objects.exists()


def test_a_403_does_not_hold_the_identifier_the_same_message_passes_once_allowed(client, edi, ie815):
    edi.world.adhesion_a.edi_enabled = False
    edi.world.adhesion_a.save()
    assert post(client, ie815, edi.token).status_code == 403
    edi.world.adhesion_a.edi_enabled = True
    edi.world.adhesion_a.save()
    assert post(client, ie815, edi.token).status_code == 201


def test_an_operators_own_credential_acts_for_its_numbers_with_the_edi_option(client, world, ie815):
    world.adhesion_a.edi_enabled = True
    world.adhesion_a.save()
    own = credentials.issue(actor=world.marie, operator=world.company_a)  # A's GAMMA administrator
    assert post(client, ie815, own.token).status_code == 201
    # B's own credential acts for B's numbers only.
    world.adhesion_b.edi_enabled = True
    world.adhesion_b.save()
    other = credentials.issue(actor=world.agent_b, operator=world.company_b)
    assert rights.rights_by_excise_number(other.credential.actor, "gamma").keys() == {"FR009990F0005"}


def test_issuing_rotating_and_revoking_need_the_right(world):
    with pytest.raises(credentials.CredentialError):
        credentials.issue(actor=world.antoine, operator=world.company_a)  # not an administrator
    with pytest.raises(credentials.CredentialError):
        credentials.issue(actor=world.agent_b, operator=world.company_a)  # another office
    with pytest.raises(credentials.CredentialError):
        credentials.issue(actor=world.agent_b, provider_siret="44306184100047")  # no adhesion of B names it
    with pytest.raises(credentials.CredentialError, match="SIRET"):
        credentials.issue(actor=world.agent_a, provider_siret="12345678901234")
    issued = credentials.issue(actor=world.marie, operator=world.company_a)
    with pytest.raises(credentials.CredentialError):
        credentials.revoke(actor=world.bob, credential=issued.credential)
    credentials.revoke(actor=world.agent_a, credential=issued.credential)  # the office in charge


def test_who_sees_which_credentials(world, edi):
    own = credentials.issue(actor=world.marie, operator=world.company_a).credential
    other = credentials.issue(actor=world.agent_b, operator=world.company_b).credential
    assert set(credentials.visible_credentials(user=world.agent_a)) == {edi.credential, own}
    assert set(credentials.visible_credentials(user=world.agent_b)) == {other}
    assert set(credentials.visible_credentials(user=world.marie)) == {own}
    assert set(credentials.visible_credentials(user=world.antoine)) == set()
    assert set(credentials.visible_credentials(user=world.bob)) == set()


@override_settings()
def test_beyond_the_rate_limit_the_answer_is_429_with_retry_after(client, edi, ie815, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "edi": "2/m/key"}
    assert post(client, b"<x/>", edi.token).status_code == 400
    assert post(client, b"<x/>", edi.token).status_code == 400
    response = post(client, ie815, edi.token)
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Réessayez dans 60 secondes" in problem(response)["detail"]
    assert not Movement.objects.exists()
    assert InboundMessage.objects.filter(status=429, data=b"").count() == 1
    # Another credential has its own count.
    other = credentials.issue(actor=edi.world.marie, operator=edi.world.company_a)
    assert post(client, ie815, other.token).status_code == 201
