"""SECOURS: deferred submission is the regularisation of a fallback document, whose GPS number is the LRN."""

from gamma.rules import secours
from tests.gamma.rules.conftest import context

NUMBER = "26FR008777E0001000007"


def open_numbers(*pairs):
    return lambda consignor, lrn: (consignor, lrn) in pairs


def check(lrn=NUMBER, consignor="FR008777E0001", deferred=True, opened=(("FR008777E0001", NUMBER),)):
    return secours.check(
        lrn=lrn,
        consignor_excise_number=consignor,
        deferred_submission=deferred,
        fallback_number_open=open_numbers(*opened),
    )


def test_the_open_number_of_the_consignor_in_deferred_submission_passes():
    assert check() == []


def test_deferred_submission_with_any_other_lrn_is_refused_at_the_lrn():
    for lrn in ("LRN-0001", "26FR009990F0005000007", NUMBER.lower(), NUMBER + "1"):
        (error,) = check(lrn=lrn)
        assert (error.code, error.field) == ("SECOURS", "local_reference_number")
        assert "numéro de secours obtenu dans GPS pour FR008777E0001" in error.message


def test_a_number_already_regularised_or_never_issued_is_refused():
    (error,) = check(opened=())
    assert error.field == "local_reference_number"


def test_the_open_number_without_the_flag_asks_for_the_flag():
    (error,) = check(deferred=False)
    assert (error.code, error.field) == ("SECOURS", "deferred_submission")
    assert "cochez « Régularisation d'un document établi en procédure de secours »" in error.message


def test_an_ordinary_lrn_is_never_looked_up():
    def never(consignor, lrn):
        raise AssertionError("looked up")

    assert (
        secours.check(
            lrn="LRN-0001",
            consignor_excise_number="FR008777E0001",
            deferred_submission=False,
            fallback_number_open=never,
        )
        == []
    )


def test_nothing_to_say_before_the_lrn_and_the_consignor_are_known():
    assert check(lrn="") == [] and check(consignor="") == []


def test_registered_and_reading_the_context(ctx):
    from gamma import rules

    draft = rules.Draft(
        kind=rules.DAE, consignor_excise_number="FR008777E0001", local_reference_number=NUMBER, deferred_submission=True
    )
    assert rules.RULES["SECOURS"](draft, ctx)[0].code == "SECOURS"  # the default context knows no open number
    opened = context()
    opened = type(opened)(
        today=opened.today,
        reference=opened.reference,
        lrn_already_used=opened.lrn_already_used,
        fallback_number_open=open_numbers(("FR008777E0001", NUMBER)),
    )
    assert rules.RULES["SECOURS"](draft, opened) == []
