"""A registration's SIRET is a claim (issue 10, item 6): the account is created with its link to
the company waiting for confirmation, and the summary says so."""

import pytest

from accounts.models import ClaimStatus, User

pytestmark = pytest.mark.django_db


def test_a_registration_claims_its_company_without_joining_it(client, registration_data):
    from habilitations import rights
    from tests.factories.register import OperatorFactory

    company = OperatorFactory(siren="353249154", name="COMPAGNIE FRANCAISE DE L ARMAGNAC")
    response = client.post("/compte/inscription/", registration_data)
    assert response.status_code == 302
    user = User.objects.get()
    assert user.siret == "35324915400017" and user.siret_status == ClaimStatus.CLAIMED
    assert user.siret_decided_by is None and user.siret_decided_at is None
    summary = client.get(response.url).content.decode()
    assert 'id="rattachement-a-confirmer"' in summary
    user.is_active, user.activated_at = True, user.date_joined
    assert rights.company_of(user) is None and rights.claimed_company(user) == company
