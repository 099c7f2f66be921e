"""One validation of identifiers: every form of the portal that takes an excise number, a SIRET, a
customs office reference or an ARC answers what ``identifiers`` answers (issue 10, item 12).

The forms are found, not listed: every form class of the interface's modules (``www``, the
accounts' forms, the register's back office) and every form of every section of a GAMMA draft.
A text field named like an identifier must be one of ``identifiers.fields``' (or be handed whole to
a service that checks it with ``identifiers``: ``HANDED_TO_A_SERVICE``); each such field is then
fed valid and invalid values, ``FR12345678901`` and ``ZZ12345678901`` among them, and must give the
verdict and the French message of its identifier's module."""

import importlib
import inspect
import pkgutil
import re

import pytest
from django import forms

import www
from accounts.models import User
from gamma import sections, services
from gamma.models import MovementKind
from identifiers import arc, check_code, customs_office, excise, siren, siret, trader
from identifiers.exceptions import InvalidIdentifier
from identifiers.fields import IdentifierField, IdentifierSearchField
from register import services as register_services
from register.models import ExciseNumber
from tests.factories.gamma import MovementFactory
from tests.factories.habilitations import build_world

MODULES = ["accounts.forms", "register.admin"]
# A text field whose name says it holds one of the identifiers.
IDENTIFIER_NAME = re.compile(
    r"excise|accise|siret|siren|(^|_)arc($|_)|office|bureau|traderid|warehouse|numero|operateur"
)
# Raw text handed whole to a look-up of the register, which checks it with ``identifiers`` and whose
# refusal (invalid, foreign, unknown) is the page's answer: test_look_ups_answer_as_identifiers.
HANDED_TO_A_SERVICE = {
    ("www.lookups.forms", "SiretLookupForm", "siret"),
    ("www.lookups.forms", "ExciseNumberLookupForm", "numero"),
    ("www.lookups.forms", "VatCheckForm", "numero_tva"),
    ("www.lookups.forms", "VatFromSirenForm", "siren"),
}
# The identifier functions a field of each kind may be checked by.
CHECKS = {
    "excise_number": {excise.validate, excise.validate_seed},
    "tax_warehouse": {excise.validate, excise.validate_seed},
    "trader": {trader.validate},
    "customs_office": {customs_office.validate},
    "siret": {siret.validate},
    "siren": {siren.validate},
    "arc": {arc.validate, arc.validate_format},
    "check_code": {check_code.validate},
}
GOOD_ARC = arc.build(year=2025, national_code="ABCDEFGHIJ12345", movement_type="0")
BAD_ARC = GOOD_ARC[:20] + str((int(GOOD_ARC[20]) + 1) % 10)
REFUSED_EVERYWHERE = ["FR12345678901", "ZZ12345678901"]
SAMPLES = {
    "excise_number": ["FR008777E0001", "fr 008777 e0001", "FR009990F0005", "DE012345678AB", "FR0087", "FR008777E00011"],
    "tax_warehouse": ["FR008777E0001", "DE012345678AB", "FR00A777E0001"],
    "trader": ["FR009990F0005", "DE012345678AB", "FR40303265045", "FR 40 303 265 045", "35324915400017", "ABC"],
    "customs_office": ["FR000690", "fr 000690", "FR00069", "F1000690", "ZZ-000690"],
    "siret": ["35324915400017", "353 249 154 00017", "35324915400018", "3532491540001"],
    "siren": ["353249154", "353 249 154", "123456789"],
    "arc": [GOOD_ARC, GOOD_ARC.lower(), BAD_ARC, "25FR"],
    "check_code": ["7K2M-QX9D-4HNP-T8WB-C3RZ", "7k2mqx9d4hnpt8wbc3rz", "7K2M-QX9D", "7K2M+QX9D-4HNP-T8WB-C3R"],
}


def interface_modules() -> list[str]:
    names = [module.name for module in pkgutil.walk_packages(www.__path__, "www.")]
    return [*names, *MODULES]


def form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for name in interface_modules():
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == name:
                found.append(cls)
    return found


def required_keywords(cls) -> list[str]:
    """The keyword-only arguments without default of every ``__init__`` up the class's MRO."""
    names = []
    for klass in cls.__mro__:
        if "__init__" in vars(klass):
            for parameter in inspect.signature(vars(klass)["__init__"]).parameters.values():
                required = parameter.kind == parameter.KEYWORD_ONLY and parameter.default is parameter.empty
                if required and parameter.name not in names:
                    names.append(parameter.name)
    return names


@pytest.fixture
def context(db, emcs_codelists):
    world = build_world()
    movement = MovementFactory(validated=True, consignor=world.excise_a)
    return {
        "user": world.antoine,
        "numbers": ExciseNumber.objects.none(),
        "movement": movement,
        "accounts": User.objects.none(),
        "teleservice": "gamma",
        "choices": sections.ReferenceChoices(),
        "previous_epc": "",
        "world": world,
    }


def make(cls, context, data=None):
    keywords = {name: context[name] for name in required_keywords(cls)}
    return cls(data=data, **keywords)


def swept_forms(context):
    """(where, make(data) → bound form or section, the fields) for every form of the portal."""
    for cls in form_classes():
        form = make(cls, context)
        yield f"{cls.__module__}.{cls.__name__}", cls, form.fields


def section_forms(context):
    """Every form every section of a draft of each kind shows, lines and rows included."""
    world = context["world"]
    line = {"lines-0-excise_product_code": "W200", "lines-0-packages-0-kind_of_packages": "CT"}
    for kind in MovementKind.values:
        draft = services.prefetched(services.draft_create(actor=world.antoine, excise_number=world.excise_a, kind=kind))
        for section in sections.sections_for(kind):
            bound = section.bind(draft, {**section.current_data(draft), **line})
            for form in bound.all_forms_shown():
                yield kind, section, draft, form


def verdict(check, value):
    try:
        return True, check(value)
    except InvalidIdentifier as error:
        return False, error.message


def test_every_form_of_the_interface_is_found_and_can_be_built(context):
    classes = form_classes()
    names = {cls.__name__ for cls in classes}
    # A few from each area, so that a broken discovery cannot pass for a clean sweep.
    assert {"ChangeDestinationForm", "SearchForm", "AdhesionForm", "QueueFilterForm", "RegistrationForm"} <= names
    assert {"OfficeDocumentsFilterForm", "ExciseNumberForm", "CustomsOfficeForm", "SiretForm"} <= names
    for cls in classes:
        unknown = [name for name in required_keywords(cls) if name not in context]
        assert not unknown, f"{cls.__name__} needs {unknown}: give the sweep a value for it"
        make(cls, context)


def test_no_form_takes_an_identifier_in_a_plain_text_field(context):
    plain = []
    for where, cls, fields in swept_forms(context):
        for name, field in fields.items():
            if (cls.__module__, cls.__name__, name) in HANDED_TO_A_SERVICE:
                continue
            named = IDENTIFIER_NAME.search(name) and isinstance(field, forms.CharField)
            if named and not isinstance(field, IdentifierField) and not isinstance(field.widget, forms.HiddenInput):
                plain.append(f"{where}.{name}")
    for kind, section, _draft, form in section_forms(context):
        for name, field in form.fields.items():
            if (
                IDENTIFIER_NAME.search(name)
                and isinstance(field, forms.CharField)
                and not isinstance(field, IdentifierField)
            ):
                plain.append(f"{kind} {section.key}: {name}")
    assert plain == []


def identifier_fields_of(fields):
    return [(name, field) for name, field in fields.items() if isinstance(field, IdentifierField)]


def expectations(field):
    """(value, (valid, normalised value or French message)) as the field's identifier answers; a
    search field also takes the beginning of an identifier (letters and digits)."""
    assert field.kind in CHECKS, f"unknown kind {field.kind}"
    assert field.identifier_validate in CHECKS[field.kind]
    for value in [*REFUSED_EVERYWHERE, *SAMPLES[field.kind]]:
        part = re.sub(r"[\s.\-]+", "", value).upper()
        if isinstance(field, IdentifierSearchField) and len(part) < field.length and part.isalnum():
            yield value, (True, part)
        else:
            yield value, verdict(field.identifier_validate, value)


def test_every_identifier_field_of_the_interface_answers_as_identifiers(context):
    swept = 0
    for where, cls, fields in swept_forms(context):
        for name, field in identifier_fields_of(fields):
            for value, (valid, answer) in expectations(field):
                form = make(cls, context, data={"recherche": "1", name: value})
                form.is_valid()
                errors = form.errors.get(name, [])
                if valid:
                    assert not any(message in errors for message in identifier_messages()), (where, name, value, errors)
                    if name not in form.errors:
                        assert form.cleaned_data[name] == answer, (where, name, value)
                else:
                    assert answer in errors, (where, name, value, errors)
            swept += 1
    assert swept >= 10  # search, change of destination, adhesion, accounts, office, fallback, back office


def test_every_identifier_field_of_a_draft_answers_as_identifiers(context):
    swept = set()
    for kind, section, draft, form in section_forms(context):
        for name, field in identifier_fields_of(form.fields):
            html_name = form.add_prefix(name)
            for value, (valid, answer) in expectations(field):
                bound = section.bind(draft, {html_name: value})
                bound.is_valid()
                errors = bound.errors().get(sections.path_of(html_name), [])
                assert (answer in errors) is (not valid), (kind, html_name, value, errors)
                if valid:
                    assert errors == [], (kind, html_name, value, errors)
            swept.add(html_name)
    assert {
        "consignee-traderid",
        "delivery_place-traderid",
        "place_of_dispatch-reference_of_tax_warehouse",
        "dispatch_office_code",
        "delivery_place_customs_office_code",
        "guarantor_1-trader_excise_number",
    } <= swept


def test_the_consignee_numbers_of_the_issue_are_refused_by_the_draft_and_the_change_of_destination(context):
    """The draft's consignee and the change-of-destination page answered differently (issue 10)."""
    world = context["world"]
    draft = services.draft_create(actor=world.antoine, excise_number=world.excise_a, kind="DAE")
    movement = context["movement"]
    for value in REFUSED_EVERYWHERE:
        message = verdict(excise.validate_seed, value)[1]
        with pytest.raises(services.InvalidSection) as refused:
            services.draft_save_section(
                actor=world.antoine, movement=draft, section="consignee", data={"consignee-traderid": value}
            )
        assert refused.value.errors["consignee.traderid"] == [message]
        from www.gamma.movement_forms import ChangeDestinationForm

        form = ChangeDestinationForm(
            data={"destination_type_code": "2", "consignee_traderid": value}, movement=movement
        )
        assert not form.is_valid() and form.errors["consignee_traderid"] == [message]


@pytest.mark.parametrize("value", [*REFUSED_EVERYWHERE, "FR 0087", "DE012345678AB"])
def test_look_ups_answer_as_identifiers(db, value):
    valid, answer = verdict(excise.validate, value)
    with pytest.raises(register_services.LookupRefused) as refused:
        register_services.excise_number_info(number=value)
    if not valid:
        assert refused.value.message == answer or refused.value.reason == register_services.RefusalReason.FOREIGN


def identifier_messages() -> set[str]:
    """Every fixed French message of the identifier modules (a field must show none of them for
    a value its module accepts)."""
    messages = set()
    for module in (arc, customs_office, excise, siren, siret, trader):
        messages |= {value for name, value in vars(module).items() if name.isupper() and isinstance(value, str)}
    return {message for message in messages if " " in message}
