from gamma import rules
from gamma.rules import c084


def check(destination, member_state="", certificate="", kind=rules.DAE):
    return c084.check(
        kind=kind, destination_type_code=destination, member_state=member_state, exemption_certificate=certificate
    )


def test_an_exempted_consignee_gives_its_member_state():
    assert check(5) == [
        rules.RuleError("C084", "complement_consignee_member_state", "Indiquez l'État membre du destinataire exonéré.")
    ]
    assert check(5, member_state="DE") == []
    assert check(5, member_state="DE", certificate="EX-1") == []


def test_the_complement_does_not_apply_to_another_destination():
    expected = [
        rules.RuleError(
            "C084",
            "complement_consignee_member_state",
            "Ces données ne s'appliquent qu'à un destinataire exonéré (type de destination 5) : laissez-les vides.",
        )
    ]
    assert check(1, member_state="DE") == expected
    assert check(None, certificate="EX-1") == expected
    assert check(2) == []


def test_only_a_dae_has_the_complement():
    assert check(9, member_state="DE", kind=rules.DAES) == []
    assert check(5, kind=rules.DSA) == []
