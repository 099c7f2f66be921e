from gamma.rules import c063, tc61


def test_the_submitters_side_only():
    assert c063.consignor_applies(tc61.CONSIGNOR) and not c063.consignee_applies(tc61.CONSIGNOR)
    assert c063.consignee_applies(tc61.CONSIGNEE) and not c063.consignor_applies(tc61.CONSIGNEE)
    assert c063.check(submitter_type=1, consignor_given=True, consignee_given=False) == []
    assert c063.check(submitter_type=2, consignor_given=False, consignee_given=True) == []


def test_the_other_side_does_not_apply_and_ones_own_is_required():
    errors = c063.check(submitter_type=1, consignor_given=False, consignee_given=True)
    assert [(error.code, error.field) for error in errors] == [
        ("C063", "consignor_trader"),
        ("C063", "consignee_trader"),
    ]
    assert errors[0].message == c063.CONSIGNOR_REQUIRED
    assert errors[1].message == c063.CONSIGNEE_NOT_APPLICABLE
    [error] = c063.check(submitter_type=2, consignor_given=True, consignee_given=True)
    assert error.message == c063.CONSIGNOR_NOT_APPLICABLE
