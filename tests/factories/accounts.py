"""Accounts, by role: a person with an activated account, an account still waiting for activation."""

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import ClaimStatus, User

PASSWORD = "une phrase de passe solide"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"utilisateur{n}")
    first_name = "Jean"
    last_name = "Dupont"
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    is_active = True
    activated_at = factory.LazyFunction(timezone.now)
    company_name = "COMPAGNIE FRANCAISE DE L ARMAGNAC"
    siret = "35324915400017"
    # The company link is confirmed by default, so tests of a company's users keep their meaning;
    # ``claim_pending`` / ``claim_refused`` for an account whose SIRET is only claimed.
    siret_status = ClaimStatus.CONFIRMED

    class Params:
        not_activated = factory.Trait(is_active=False, activated_at=None)
        claim_pending = factory.Trait(siret_status=ClaimStatus.CLAIMED)
        claim_refused = factory.Trait(siret_status=ClaimStatus.REFUSED)

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"primary": True, "verified": self.is_active}
            )
