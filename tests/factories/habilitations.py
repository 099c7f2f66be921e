"""Personas and objects of the habilitation rules: two companies, their users, two offices."""

import datetime
from dataclasses import dataclass

import factory

from accounts.models import User
from habilitations import catalogue
from habilitations.models import Adhesion, AdhesionLine, AdhesionStatus, Delegation, DelegationKind, Habilitation
from register.models import ExciseNumber, Operator
from tests.factories.accounts import UserFactory, give_totp
from tests.factories.register import CustomsOfficeFactory, ExciseNumberFactory, OperatorFactory, _valid_siret

ALL_GAMMA = [right.code for right in catalogue.rights_of(catalogue.GAMMA)]


def company_user(operator: Operator, username: str, **kwargs) -> User:
    """An activated account attached to ``operator`` (its SIRET starts with the company's SIREN)."""
    return UserFactory(username=username, siret=_valid_siret(operator.siren, 1), company_name=operator.name, **kwargs)


def office_agent(office, username: str) -> User:
    """A customs office agent, with TOTP as every staff account (accounts.middleware)."""
    agent = UserFactory(username=username, is_staff=True, customs_office=office, siret="", company_name="")
    give_totp(agent)
    return agent


class AdhesionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Adhesion
        skip_postgeneration_save = True

    teleservice = catalogue.GAMMA
    excise_number = factory.SubFactory(ExciseNumberFactory)
    operator = factory.LazyAttribute(lambda o: o.excise_number.operator)
    customs_office = factory.LazyAttribute(lambda o: o.excise_number.customs_office)
    siren = factory.LazyAttribute(lambda o: o.operator.siren)
    company_name = factory.LazyAttribute(lambda o: o.operator.name)
    company_address = "15 avenue de la République 75010 PARIS"
    prepared_by = factory.LazyAttribute(lambda o: company_user(o.operator, f"preparateur{o.excise_number.pk}"))
    signature_waiver = True
    signed_at_place = "Paris"
    signed_on = datetime.date(2026, 11, 20)
    legal_representative = "Marie Durand"

    class Params:
        submitted = factory.Trait(status=AdhesionStatus.SUBMITTED)
        approved = factory.Trait(status=AdhesionStatus.APPROVED)

    @factory.post_generation
    def lines(self, create, extracted, **kwargs):
        """``AdhesionFactory(lines={user: [codes]})``; an approved adhesion grants them."""
        if not create or not extracted:
            return
        for user, codes in extracted.items():
            AdhesionLine.objects.create(adhesion=self, user=user, rights=list(codes))
            if self.status == AdhesionStatus.APPROVED:
                for code in codes:
                    Habilitation.objects.create(
                        user=user,
                        teleservice=self.teleservice,
                        excise_number=self.excise_number,
                        right=code,
                        adhesion=self,
                        granted_by=self.prepared_by,
                    )


@dataclass
class World:
    """Company A (the seed's SOCIETE DE DISTRIBUTION D'ALCOOLS, FR008777E0001) and company B, each
    with its office; A's adhesion to GAMMA is in force for antoineleris (all rights) and
    lucferrier (prepare and search), A's administrator is marie (correspondent + GAMMA admin)."""

    office_a: object
    office_b: object
    company_a: Operator
    company_b: Operator
    excise_a: ExciseNumber
    excise_b: ExciseNumber
    adhesion_a: Adhesion
    adhesion_b: Adhesion
    antoine: User
    luc: User
    marie: User
    newcomer_a: User
    bob: User
    agent_a: User
    agent_b: User


def build_world() -> World:
    office_a = CustomsOfficeFactory(code="FR007501", name="Bureau de Paris")
    office_b = CustomsOfficeFactory(code="FR003200", name="Bureau d'Auch")
    company_a = OperatorFactory(siren="732829320", name="SOCIETE DE DISTRIBUTION D'ALCOOLS")
    company_b = OperatorFactory(siren="353249154", name="COMPAGNIE FRANCAISE DE L ARMAGNAC")
    # As the demo's register (register/demo.py): warehousekeepers, A for spirits, wine and intermediate
    # products, B for spirits and wine, so that A's DAE of wine to B validates (R044, R045, BR004, BR013).
    excise_a = ExciseNumberFactory(
        number="FR008777E0001", operator=company_a, customs_office=office_a, product_categories=["S", "W", "I"]
    )
    excise_b = ExciseNumberFactory(
        number="FR009990F0005", operator=company_b, customs_office=office_b, product_categories=["S", "W"]
    )
    antoine = company_user(company_a, "antoineleris")
    luc = company_user(company_a, "lucferrier")
    marie = company_user(company_a, "marie")
    newcomer_a = company_user(company_a, "nouveau")
    bob = company_user(company_b, "bob")
    agent_a = office_agent(office_a, "agent.paris")
    agent_b = office_agent(office_b, "agent.auch")
    adhesion_a = AdhesionFactory(
        excise_number=excise_a,
        approved=True,
        prepared_by=marie,
        lines={
            antoine: ALL_GAMMA,
            luc: ["prepare_daa", "prepare_dsa", "search_daa", "search_dsa"],
            marie: ["search_daa"],
        },
    )
    adhesion_b = AdhesionFactory(excise_number=excise_b, approved=True, prepared_by=bob, lines={bob: ALL_GAMMA})
    Delegation.objects.create(user=marie, operator=company_a, kind=DelegationKind.CORRESPONDENT, granted_by=agent_a)
    Delegation.objects.create(
        user=marie, operator=company_a, kind=DelegationKind.TELESERVICE_ADMIN, teleservice="gamma", granted_by=agent_a
    )
    return World(
        office_a,
        office_b,
        company_a,
        company_b,
        excise_a,
        excise_b,
        adhesion_a,
        adhesion_b,
        antoine,
        luc,
        marie,
        newcomer_a,
        bob,
        agent_a,
        agent_b,
    )
