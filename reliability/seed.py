"""The data of the reliability suite, written in the private database (its environment): the test
world of company A (FR008777E0001, antoineleris with every GAMMA right) and company B
(FR009990F0005, bob, whose users are told of each DAE addressed to them: one mail per validation);
A's EDI provider credential; a red alert on GAMMA (GPS numbers may be generated); and DRAFTS DAE
drafts of three lines ready to validate (one prepared through the services, the others copied, as
bench/gamma_validate.py does). Writes what the tests need as JSON in OUT.

    python reliability/seed.py DRAFTS OUT
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prodouane.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

PROVIDER_SIRET = "44306184100047"  # tests/edi/conftest.py: a provider not in the register
LRN = "RELI-LRN-PLACEHOLDER"
IDENTIFIER = "RELI-MESSAGE-IDENTIFIER-PLACEHOLDER"


def copies(model, count: int) -> list[int]:
    from gamma.models import LinePackage, Movement, MovementLine

    traders = list(model.traders.all())
    units = list(model.transport_details.all())
    lines = [(line, list(line.packages.all())) for line in model.lines.all()]

    def copy(row, **changes):
        values = {
            f.attname: getattr(row, f.attname)
            for f in row._meta.concrete_fields
            if not f.primary_key and f.attname != "verification_code"
        }
        return type(row)(**{**values, **changes})

    pks = []
    with transaction.atomic():
        for start in range(0, count, 500):
            batch = Movement.objects.bulk_create(
                copy(model, local_reference_number=f"RELI-{n:06d}") for n in range(start, min(count, start + 500))
            )
            pks += [movement.pk for movement in batch]
            type(traders[0]).objects.bulk_create(copy(t, movement_id=m.pk) for m in batch for t in traders)
            type(units[0]).objects.bulk_create(copy(u, movement_id=m.pk) for m in batch for u in units)
            new_lines = MovementLine.objects.bulk_create(
                copy(line, movement_id=m.pk) for m in batch for line, _ in lines
            )
            LinePackage.objects.bulk_create(
                copy(package, line_id=new_line.pk)
                for new_line, (_line, packages) in zip(new_lines, [item for _ in batch for item in lines], strict=True)
                for package in packages
            )
    return pks


def main() -> None:
    from edi import credentials
    from emcs.messages import Header
    from gamma import mapping, services
    from gamma import messages as gamma_messages
    from tests.factories.accounts import PASSWORD
    from tests.factories.habilitations import build_world
    from tests.fallback.factories import IncidentFactory
    from tests.gamma.drafting import complete_dae

    count, out = int(sys.argv[1]), Path(sys.argv[2])
    world = build_world()
    world.adhesion_a.edi_enabled = True
    world.adhesion_a.edi_provider_siret = PROVIDER_SIRET
    world.adhesion_a.save()
    issued = credentials.issue(actor=world.agent_a, provider_siret=PROVIDER_SIRET, label="Fiabilité")
    IncidentFactory()  # red alert on GAMMA: the procedure of GPS is open

    draft = complete_dae(world.antoine, world.excise_a, lrn=LRN, lines=3)
    header = Header.new()
    header.message_identifier = IDENTIFIER
    template = gamma_messages.serialise(mapping.ie815_message(draft, header=header))
    draft.delete()

    model = services.prefetched(complete_dae(world.antoine, world.excise_a, lrn="RELI-MODELE", lines=3))
    assert not services.movement_errors(model), services.movement_errors(model)
    pks = copies(model, count)
    model.delete()
    out.write_text(
        json.dumps(
            {
                "consignor": world.excise_a.number,
                "consignee": world.excise_b.number,
                "user": world.antoine.username,
                "password": PASSWORD,
                "edi_token": issued.token,
                "ie815": template.decode(),
                "lrn_placeholder": LRN,
                "identifier_placeholder": IDENTIFIER,
                "drafts": pks,
            }
        )
    )


if __name__ == "__main__":
    main()
