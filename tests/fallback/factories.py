"""Objects of the fallback procedure, by role: CID and SAU agents, incidents on GAMMA, assistance
requests at each step, individual authorisations."""

import datetime

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import roles
from fallback.models import (
    AssistanceRequest,
    AssistanceStatus,
    FallbackAuthorisation,
    Incident,
    IncidentLevel,
)
from portal.models import Teleservice
from tests.factories.accounts import UserFactory, give_totp


def staff_agent(username: str, group: str, **kwargs):
    """A staff account in one of the agents' groups (roles.CID, roles.SAU)."""
    user = UserFactory(username=username, is_staff=True, siret="", company_name="", **kwargs)
    user.groups.add(Group.objects.get_or_create(name=group)[0])
    give_totp(user)  # every staff account has TOTP (accounts.middleware)
    return user


def cid_agent(username: str = "agent.cid"):
    return staff_agent(username, roles.CID, first_name="Paul", last_name="Bernard")


def sau_agent(username: str = "agent.sau"):
    return staff_agent(username, roles.SAU, first_name="Sophie", last_name="Petit")


def teleservice(slug: str) -> Teleservice:
    """A row of the catalogue (written by portal's data migration; again after a flush)."""
    service, _ = Teleservice.objects.get_or_create(
        slug=slug,
        defaults={
            "name": slug.upper(),
            "domain": "fiscalites-indirectes",
            "description": slug,
            "access_mode": "habilitation",
        },
    )
    return service


class IncidentFactory(factory.django.DjangoModelFactory):
    """By default a red alert on GAMMA, begun an hour ago, expected to end in three hours."""

    class Meta:
        model = Incident

    teleservice = factory.LazyFunction(lambda: teleservice("gamma"))
    level = IncidentLevel.RED
    message = "GAMMA est indisponible : utilisez la procédure de secours."
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
    expected_end_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=4))
    declared_by = factory.LazyFunction(lambda: cid_agent("cid.factory"))

    class Params:
        black = factory.Trait(level=IncidentLevel.BLACK)
        orange = factory.Trait(level=IncidentLevel.ORANGE)
        green = factory.Trait(level=IncidentLevel.GREEN)
        closed = factory.Trait(closed_at=factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2)))


class AssistanceRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssistanceRequest

    requester = None  # give one
    excise_number = None  # give one
    customs_office = factory.LazyAttribute(lambda o: o.excise_number.customs_office)
    teleservice = factory.LazyFunction(lambda: teleservice("gamma"))
    problem = "L'impression du DAA échoue : « erreur 500 » depuis ce matin."
    occurred_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=2))

    class Params:
        escalated = factory.Trait(
            status=AssistanceStatus.ESCALATED,
            diagnosis="Le poste de l'opérateur ne joint pas le service : pare-feu de l'entreprise.",
            diagnosed_by=factory.LazyFunction(lambda: sau_agent("sau.factory")),
            diagnosed_at=factory.LazyFunction(timezone.now),
        )


def authorisation_for(excise_number, *, requester, agent, valid_from=None, valid_until=None) -> FallbackAuthorisation:
    """``agent``'s individual authorisation on ``requester``'s escalated request."""
    now = timezone.now()
    request = AssistanceRequestFactory(
        requester=requester, excise_number=excise_number, escalated=True, status=AssistanceStatus.AUTHORISED
    )
    return FallbackAuthorisation.objects.create(
        excise_number=excise_number,
        customs_office=excise_number.customs_office,
        request=request,
        valid_from=valid_from or now - datetime.timedelta(hours=1),
        valid_until=valid_until or now + datetime.timedelta(days=1),
        granted_by=agent,
    )
