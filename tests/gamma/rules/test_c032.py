from gamma.rules import c032
from gamma.rules.base import RuleError


def test_a_rejection_gives_a_reason():
    assert c032.check(rejected=True, reasons=0) == [
        RuleError("C032", "reason_code", "Un refus indique au moins un motif (C032).")
    ]
    assert c032.check(rejected=True, reasons=1) == []


def test_an_alert_may_give_none():
    assert c032.check(rejected=False, reasons=0) == []
