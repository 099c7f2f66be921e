"""« Rechercher DAA / DSA » beyond the first filters (issue 12, item 10): an ARC (or an LRN) finds
its document whatever its status, « non apurés uniquement » ticked or not; the transporter (part of
its name, or its identifier); the member state of destination and of dispatch, French labels, a
value outside the list refused in French; an unknown sort is the default; the sort buttons."""

import pytest
from django.test import Client
from django.utils import timezone

from gamma import search
from gamma.models import MovementStatus, TraderRole
from gamma.search import Filters
from tests.factories.gamma import MovementFactory, MovementTraderFactory
from tests.gamma.support import CONSIGNOR_NUMBER, shipped

pytestmark = pytest.mark.django_db

S = MovementStatus
SEARCH = f"/gamma/{CONSIGNOR_NUMBER}/mouvements/"


def found(world, **filters):
    rows = search.search(
        excise_number=world.excise_a,
        kinds=["DAE", "DAES", "DSA"],
        filters=Filters(**filters),
        today=timezone.localdate(),
    )
    return search.with_details(search.ids(rows))


def page(world, params=None) -> str:
    client = Client()
    client.force_login(world.antoine)
    response = client.get(SEARCH, params or {})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("status", [S.DELIVERED, S.CANCELLED, S.STOPPED])
def test_an_arc_finds_its_document_whatever_its_status(world, status):
    movement = shipped(world, status=status)
    assert found(world, arc=movement.arc) == [movement]  # « non apurés uniquement » by default
    assert found(world) == []  # without a reference, « non apurés uniquement » leaves it out
    assert found(world, lrn=movement.local_reference_number) == [movement]
    assert found(world, arc=movement.arc, status=S.ACCEPTED) == []  # an explicit status still applies
    # The page, on a first visit (« non apurés uniquement » ticked), the ARC typed with blanks.
    spaced = f" {movement.arc[:8].lower()} {movement.arc[8:]} "
    body = page(world, {"arc": spaced})
    assert "1 document correspond à vos critères" in body and movement.arc in body
    assert movement.get_status_display() in body


def test_an_arc_typed_wrong_is_refused_by_the_identifier_check(world):
    movement = shipped(world, status=S.DELIVERED)
    body = page(world, {"recherche": "1", "arc": movement.arc[:-2]})
    assert "Corrigez les critères signalés" in body and movement.arc not in body


def test_by_transporter_name_or_identifier(world):
    carried = shipped(world)
    MovementTraderFactory(
        movement=carried,
        role=TraderRole.FIRST_TRANSPORTER,
        trader_name="Transports Durand & Fils",
        vat_number="FR12345678901",
    )
    other = shipped(world)
    MovementTraderFactory(movement=other, role=TraderRole.FIRST_TRANSPORTER, trader_name="LOGISTIQUE MARTIN")
    arranged = shipped(world)  # Durand arranges this one but does not carry it
    MovementTraderFactory(movement=arranged, role=TraderRole.TRANSPORT_ARRANGER, trader_name="TRANSPORTS DURAND")
    assert found(world, transporter="durand") == [carried]
    assert found(world, transporter="fr 1234 5678 901") == [carried]
    assert found(world, transporter="Transports   DURAND") == [carried]
    assert found(world, transporter="Inconnu") == []
    body = page(world, {"recherche": "1", "transporteur": "durand"})
    assert carried.arc in body and other.arc not in body and arranged.arc not in body


def test_by_member_state_of_destination_and_of_dispatch(world):
    to_germany = MovementFactory(validated=True, consignor=world.excise_a, consignee_identifier="DE00000000001")
    to_b = shipped(world)  # FR009990F0005
    exempted = MovementFactory(
        validated=True, consignor=world.excise_a, consignee_identifier="", complement_consignee_member_state="DE"
    )
    from_b = MovementFactory(validated=True, consignor=world.excise_b, consignee_identifier=CONSIGNOR_NUMBER)
    from_italy = MovementFactory(validated=True, consignor=None, consignee_identifier=CONSIGNOR_NUMBER)
    from_italy.traders.filter(role=TraderRole.CONSIGNOR).update(trader_excise_number="IT00000000001")
    assert set(found(world, destination_country="DE")) == {to_germany, exempted}
    assert set(found(world, destination_country="FR")) == {to_b, from_b, from_italy}
    assert found(world, dispatch_country="IT") == [from_italy]
    assert set(found(world, dispatch_country="FR")) == {to_germany, to_b, exempted, from_b}
    assert found(world, dispatch_country="IT", destination_country="DE") == []
    body = page(world, {"recherche": "1", "pays_destination": "DE"})
    assert to_germany.arc in body and to_b.arc not in body
    assert '<option value="DE" selected>Allemagne (DE)</option>' in body  # French labels


@pytest.mark.parametrize("value", ["ZZ", "de", "\x00", "FR' OR 1=1", "X" * 300])
def test_a_country_outside_the_list_is_refused_in_french(world, value):
    shipped(world)
    body = page(world, {"recherche": "1", "pays_expedition": value})
    assert "Corrigez les critères signalés" in body and "Choisissez une valeur de la liste." in body


def test_the_country_lists_are_the_member_states_by_french_name():
    states = search.member_states()
    assert ("DE", "Allemagne (DE)") in states and ("EL", "Grèce (EL)") in states
    names = [label for _, label in states]
    assert names.index("Espagne (ES)") < names.index("Estonie (EE)") < names.index("Finlande (FI)")


@pytest.mark.parametrize("sort", ["'; DROP TABLE gamma_movement; --", "consignor__operator__name", "", "-"])
def test_an_unknown_sort_is_the_default(world, sort):
    movement = shipped(world)
    body = page(world, {"recherche": "1", "non_apures": "on", "tri": sort})
    assert movement.arc in body and "Corrigez" not in body
    assert '<th scope="col" aria-sort="descending"><div class="fr-cell--sort">Validé le' in body


def test_the_sort_buttons_keep_the_filters_and_go_back_to_page_one(world):
    first, second = shipped(world), shipped(world)
    body = page(world, {"recherche": "1", "tri": "arc", "page": "1", "transporteur": ""})
    assert body.index(first.arc) < body.index(second.arc)
    assert 'aria-sort="ascending"><div class="fr-cell--sort">ARC' in body
    assert 'href="?recherche=1&amp;tri=-arc&amp;transporteur="' in body
    body = page(world, {"recherche": "1", "tri": "-arc"})
    assert body.index(second.arc) < body.index(first.arc)
