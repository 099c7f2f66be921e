from gamma import rules
from gamma.rules import br001
from tests.gamma.rules.conftest import context

USED = {("FR008777E0001", "LRN-42")}


def test_a_new_lrn_passes():
    draft = rules.Draft(consignor_excise_number="FR008777E0001", local_reference_number="LRN-43")
    assert br001.check_draft(draft, context(used=USED)) == []


def test_another_consignor_may_use_the_same_lrn():
    draft = rules.Draft(consignor_excise_number="FR009990F0005", local_reference_number="LRN-42")
    assert br001.check_draft(draft, context(used=USED)) == []


def test_an_lrn_the_consignor_already_used_is_refused():
    draft = rules.Draft(consignor_excise_number="FR008777E0001", local_reference_number="LRN-42")
    assert br001.check_draft(draft, context(used=USED)) == [
        rules.RuleError(
            "BR001",
            "local_reference_number",
            "Ce numéro de référence local (LRN) est déjà utilisé par l'expéditeur FR008777E0001 pour un autre "
            "document : choisissez-en un autre.",
        )
    ]


def test_nothing_is_asked_without_an_lrn():
    asked = []
    errors = br001.check(
        lrn="", consignor_excise_number="FR008777E0001", lrn_already_used=lambda *pair: asked.append(pair)
    )
    assert errors == []
    assert asked == []
