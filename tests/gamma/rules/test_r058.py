from gamma.rules import r058


def test_each_line_once_per_report():
    assert r058.check(references=[1, 2, 3]) == []
    (error,) = r058.check(references=[1, 2, 1])
    assert (error.code, error.field) == ("R058", "lines.1.indicator")
    assert error.message == "La ligne 1 est détaillée deux fois : regroupez ses écarts et ses motifs (R058)."
