from gamma.rules import reason_once


def test_each_reason_once_per_line_the_repeat_at_its_row():
    assert reason_once.check(codes=["2", "3", "0"], field="lines.1.reasons.{index}.code") == []
    (error,) = reason_once.check(codes=["2", "3", "2"], field="lines.1.reasons.{index}.code")
    assert (error.field, error.message) == ("lines.1.reasons.2.code", reason_once.TWICE)


def test_nine_reasons_at_most():
    codes = [str(n) for n in range(10)]
    (error,) = reason_once.check(codes=codes, field="r.{index}")
    assert (error.field, error.message) == ("r.9", reason_once.TOO_MANY)
