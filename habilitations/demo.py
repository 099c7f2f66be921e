"""Demo adhesion of the seed (`make run`): SOCIETE DE DISTRIBUTION D'ALCOOLS adheres to GAMMA for
FR008777E0001, antoineleris holds the seven rights and lucferrier four; the office made
antoineleris the company's correspondent and GAMMA administrator. Idempotent; never in production."""

import datetime

from django.conf import settings

from habilitations import catalogue
from habilitations.models import Adhesion, AdhesionLine, AdhesionStatus, Delegation, DelegationKind, Habilitation

SEED_LINES = {
    "antoineleris": [right.code for right in catalogue.rights_of(catalogue.GAMMA)],
    "lucferrier": ["prepare_daa", "prepare_dsa", "search_daa", "search_dsa"],
}


def load(stdout) -> None:
    if settings.PRODUCTION:
        return
    from accounts.models import User
    from register.models import ExciseNumber

    number = ExciseNumber.objects.select_related("operator", "customs_office").get(number="FR008777E0001")
    agent = User.objects.get(username="agent.bureau")
    users = {user.username: user for user in User.objects.filter(username__in=SEED_LINES)}
    operator = number.operator
    adhesion, _ = Adhesion.objects.update_or_create(
        teleservice=catalogue.GAMMA,
        excise_number=number,
        status=AdhesionStatus.APPROVED,
        defaults={
            "operator": operator,
            "customs_office": number.customs_office,
            "siren": operator.siren,
            "company_name": operator.name,
            "company_address": f"{operator.address} {operator.postal_code} {operator.city}",
            "signature_waiver": True,
            "signed_at_place": "Paris",
            "signed_on": datetime.date(2009, 3, 20),
            "legal_representative": "Durand Marie",
            "prepared_by": users["antoineleris"],
            "decided_by": agent,
        },
    )
    for username, codes in SEED_LINES.items():
        user = users[username]
        AdhesionLine.objects.update_or_create(adhesion=adhesion, user=user, defaults={"rights": codes})
        for code in codes:
            Habilitation.objects.get_or_create(
                user=user,
                teleservice=catalogue.GAMMA,
                excise_number=number,
                right=code,
                defaults={"adhesion": adhesion, "granted_by": agent},
            )
    for kind, teleservice in ((DelegationKind.CORRESPONDENT, ""), (DelegationKind.TELESERVICE_ADMIN, catalogue.GAMMA)):
        Delegation.objects.get_or_create(
            user=users["antoineleris"],
            operator=operator,
            kind=kind,
            teleservice=teleservice,
            defaults={"granted_by": agent},
        )
    _waiting_request(users_model=User)
    stdout.write(
        "Adhésions GAMMA de démonstration : FR008777E0001 acceptée (antoineleris, lucferrier), "
        "FR009990F0005 transmise au bureau d'Auch (jdupont)."
    )


def _waiting_request(*, users_model) -> None:
    """jdupont's request for COMPAGNIE FRANCAISE DE L ARMAGNAC, waiting in agent.auch's queue."""
    from django.utils import timezone

    from register.models import ExciseNumber

    number = ExciseNumber.objects.select_related("operator", "customs_office").get(number="FR009990F0005")
    jdupont = users_model.objects.get(username="jdupont")
    if Adhesion.objects.filter(excise_number=number).exists():
        return
    operator = number.operator
    adhesion = Adhesion.objects.create(
        teleservice=catalogue.GAMMA,
        excise_number=number,
        operator=operator,
        customs_office=number.customs_office,
        status=AdhesionStatus.SUBMITTED,
        siren=operator.siren,
        company_name=operator.name,
        company_address=f"{operator.address} {operator.postal_code} {operator.city}",
        signature_waiver=True,
        signed_at_place="Eauze",
        signed_on=timezone.localdate(),
        legal_representative="Dupont Jean",
        prepared_by=jdupont,
        submitted_at=timezone.now(),
    )
    AdhesionLine.objects.create(adhesion=adhesion, user=jdupont, rights=SEED_LINES["antoineleris"])
