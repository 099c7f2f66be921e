from decimal import Decimal

from gamma import rules
from gamma.rules import r219


def test_gross_mass_at_least_net_mass_passes():
    assert r219.check(gross_mass=Decimal("1200"), net_mass=Decimal("1000"), field="f") == []
    assert r219.check(gross_mass=Decimal("1000"), net_mass=Decimal("1000.000000"), field="f") == []


def test_gross_mass_below_net_mass_is_refused(ctx):
    draft = rules.Draft(
        lines=[
            rules.Line(gross_mass=Decimal("10"), net_mass=Decimal("9")),
            rules.Line(gross_mass=Decimal("950.500000"), net_mass=Decimal("1000")),
        ]
    )
    assert r219.check_draft(draft, ctx) == [
        rules.RuleError(
            "R219",
            "lines.1.gross_mass",
            "La masse brute (950,5 kg) doit être supérieure ou égale à la masse nette (1000 kg).",
        )
    ]


def test_a_missing_mass_is_not_this_rules_business():
    assert r219.check(gross_mass=None, net_mass=Decimal("5"), field="f") == []
    assert r219.check(gross_mass=Decimal("5"), net_mass=None, field="f") == []
