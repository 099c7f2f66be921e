from gamma.rules import c162


def test_the_mode_other_is_described():
    assert c162.check(transport_mode_code="0", complementary_information="Traction animale") == []
    (error,) = c162.check(transport_mode_code="0", complementary_information="")
    assert (error.code, error.field, error.message) == ("C162", c162.FIELD, c162.REQUIRED)


def test_another_mode_or_no_new_mode_takes_no_description():
    assert c162.check(transport_mode_code="3", complementary_information="") == []
    assert c162.check(transport_mode_code="", complementary_information="") == []
    for mode in ("3", ""):
        (error,) = c162.check(transport_mode_code=mode, complementary_information="camion")
        assert (error.code, error.message) == ("C162", c162.NOT_APPLICABLE)
