"""The providers' command-line client (``python -m edi.client``) against a real server (pytest-django's
live server): an IE815 accepted with its IE801 (exit 0), one refused by a rule (exit 1), a wrong
secret or a missing file (exit 2). The client runs as a provider runs it, in its own process."""

import datetime
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.utils import timezone

from edi import credentials
from emcs import xml
from gamma.models import Movement, MovementStatus
from tests.factories.habilitations import build_world
from tests.guichet.conftest import ie815_of

PROVIDER_SIRET = "44306184100047"


@pytest.fixture
def provider(transactional_db, emcs_codelists, reference_data):
    """A's adhesion names the provider, whose credential A's office issued."""
    world = build_world()
    world.adhesion_a.edi_enabled = True
    world.adhesion_a.edi_provider_siret = PROVIDER_SIRET
    world.adhesion_a.save()
    issued = credentials.issue(actor=world.agent_a, provider_siret=PROVIDER_SIRET, label="client")
    return world, issued


def run_client(*args: str, secret: str) -> subprocess.CompletedProcess:
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("DJANGO", "PRODOUANE", "EDI_"))
    }
    environment["PROVIDER_SECRET"] = secret
    return subprocess.run(  # noqa: S603 - this interpreter and fixed arguments
        [sys.executable, "-m", "edi.client", *args, "--secret-env", "PROVIDER_SECRET"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        timeout=60,
        check=False,
    )


def test_submit_an_ie815_then_a_late_one_then_with_a_wrong_secret(live_server, provider, tmp_path):
    world, issued = provider
    accepted = tmp_path / "IE815.xml"
    accepted.write_bytes(ie815_of(world, lrn="LRN-CLIENT-1"))
    options = ["--url", live_server.url, "--client-id", issued.credential.client_id]

    done = run_client("submit", str(accepted), *options, secret=issued.secret)
    assert done.returncode == 0, done.stderr.decode()
    root = xml.parse_and_validate(done.stdout)
    assert xml.message_type(root) == "IE801"
    movement = Movement.objects.get(local_reference_number="LRN-CLIENT-1")
    assert movement.status == MovementStatus.ACCEPTED and movement.arc.encode() in done.stdout
    assert "Message accepté (201)" in done.stderr.decode()

    late = tmp_path / "late.xml"
    late.write_bytes(ie815_of(world, lrn="LRN-CLIENT-2", today=timezone.localdate() - datetime.timedelta(days=10)))
    done = run_client("submit", str(late), *options, secret=issued.secret)
    assert done.returncode == 1, done.stderr.decode()
    assert "Message refusé (422)" in done.stderr.decode()
    assert b"DATE-EXP" in done.stdout
    assert not Movement.objects.filter(local_reference_number="LRN-CLIENT-2").exists()

    done = run_client("submit", str(accepted), *options, secret="not-the-secret")
    assert done.returncode == 2
    assert "Erreur du guichet (401)" in done.stderr.decode()


def test_a_missing_file_or_secret_is_an_error_said_in_french(live_server, provider, tmp_path):
    _world, issued = provider
    options = ["--url", live_server.url, "--client-id", issued.credential.client_id]
    done = run_client("submit", str(tmp_path / "absent.xml"), *options, secret=issued.secret)
    assert done.returncode == 2
    assert "Impossible de lire" in done.stderr.decode()
    done = run_client("submit", str(tmp_path / "absent.xml"), *options, secret="")
    assert done.returncode == 2
    assert "La variable d'environnement PROVIDER_SECRET" in done.stderr.decode()
