import pytest
from django.core import mail

from accounts.models import ActivationToken, User
from mail.models import OutboxMessage

pytestmark = pytest.mark.django_db


def register(client, data, **overrides):
    return client.post("/compte/inscription/", {**data, **overrides})


def test_registration_creates_an_inactive_account_and_mails_its_activation_link(
    client, registration_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, registration_data)
    assert response.status_code == 302
    assert response.url == "/compte/inscription/recapitulatif/"
    user = User.objects.get()
    assert user.username == "jdupont"
    assert not user.is_active
    assert user.company_name == "COMPAGNIE FRANCAISE DE L ARMAGNAC"
    assert user.siret == "35324915400017"
    assert user.phone_number == "+33562090000"
    assert user.infos_douane is True
    assert user.check_password("une phrase de passe solide")

    [message] = mail.outbox
    assert message.to == ["jean.dupont@example.org"]
    assert "Bonjour Jean Dupont," in message.body
    assert "jdupont" not in message.body  # only the person's own name, not the identifiant
    assert "Si vous ne vous êtes pas inscrit sur ProDou@ne" in message.body
    # Only the hash of the token is stored: the link's token is not in the database.
    token = message.body.split("/compte/activation/")[1].split("/")[0]
    record = ActivationToken.objects.get()
    assert record.token_hash == ActivationToken.hash(token)
    assert token not in record.token_hash

    summary = client.get(response.url).content.decode()
    assert "Ouverture réussie de votre compte" in summary
    assert "jdupont" in summary
    assert "COMPAGNIE FRANCAISE DE L ARMAGNAC" in summary


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("username", "Jean Dupont!", "L&#x27;identifiant doit comporter de 3 à 30 caractères"),
        ("username", "jd", "L&#x27;identifiant doit comporter de 3 à 30 caractères"),
        ("password1", "court", "trop court"),
        ("password2", "autre chose entièrement", "Les deux mots de passe ne sont pas identiques."),
        ("email", "pas-une-adresse", "Saisissez une adresse de courriel valide."),
        ("siret", "35324915400018", "n&#x27;est pas valide"),
        ("siret", "12345", "14 chiffres"),
        ("siret", "73282932000074", "Aucun établissement"),
        ("phone_number", "12", "Ce numéro de téléphone n&#x27;est pas valide."),
        ("first_name", "", "Ce champ est obligatoire."),
    ],
)
def test_bad_input_is_refused_with_a_french_message_and_nothing_saved(client, registration_data, field, value, message):
    data = {**registration_data, field: value}
    if field == "password1":
        data["password2"] = value
    response = register(client, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page, page[page.find("fr-error-text") - 300 : page.find("fr-error-text") + 300]
    assert "Votre inscription n'est pas enregistrée" in page
    assert User.objects.count() == 0
    assert OutboxMessage.objects.count() == 0
    # The form is refilled with what was typed (passwords excepted).
    assert 'value="Dupont"' in page or field == "last_name"


def test_a_common_password_is_refused(client, registration_data):
    response = register(client, registration_data, password1="qwerty123456", password2="qwerty123456")
    assert "trop courant" in response.content.decode()
    assert User.objects.count() == 0


def test_a_closed_establishment_is_refused(client, registration_data, armagnac):
    armagnac.state = "C"
    armagnac.save()
    response = register(client, registration_data)
    assert "fermé" in response.content.decode()
    assert User.objects.count() == 0


def test_identifiant_is_unique_case_insensitively(client, registration_data):
    register(client, registration_data)
    response = register(client, registration_data, username="JDupont", email="autre@example.org")
    page = response.content.decode()
    assert "Cet identifiant est déjà pris" in page
    assert User.objects.count() == 1


def test_registering_an_address_that_has_an_account_says_nothing_and_tells_its_owner(
    client, registration_data, django_capture_on_commit_callbacks
):
    from django.test import Client

    register(client, registration_data)
    first_summary = client.get("/compte/inscription/recapitulatif/").content.decode()
    mail.outbox.clear()
    stranger = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = register(
            stranger,
            registration_data,
            username="autre.personne",
            email="Jean.Dupont@Example.org",
            first_name="Appelez",
            last_name="Immédiatement",
        )
    # The same answer as a new account: the registration "went through", check your mailbox.
    assert response.status_code == 302
    assert response.url == "/compte/inscription/recapitulatif/"
    summary = stranger.get(response.url).content.decode()
    assert "Ouverture réussie de votre compte" in summary
    assert "Ouverture réussie de votre compte" in first_summary
    assert "déjà" not in summary and "autre.personne" in summary
    assert User.objects.count() == 1
    # The owner, and only the owner, learns of it; nothing the stranger typed is in the mail.
    [message] = mail.outbox
    assert message.to == ["jean.dupont@example.org"]
    assert "vous avez déjà un compte" in message.subject
    assert "Votre identifiant : jdupont" in message.body
    assert "autre.personne" not in message.body and "Appelez" not in message.body


def test_registrations_are_rate_limited_per_address_and_per_ip(client, registration_data):
    from django.core.cache import cache

    answers = [
        register(client, registration_data, username=f"personne{n}", email="cible@example.org").status_code
        for n in range(3)
    ]
    assert answers == [302, 302, 302]  # one account, then two mails to its owner
    mails = OutboxMessage.objects.count()
    refused = register(client, registration_data, username="personne9", email="Cible@example.org")
    assert "Trop d\u2019inscriptions ont été demandées pour cette adresse" in refused.content.decode()
    assert OutboxMessage.objects.count() == mails
    # A mistake in the form does not use up the address's registrations.
    cache.clear()
    for _ in range(4):
        register(client, registration_data, email="nouveau@example.org", password2="pas la même phrase")
    assert register(client, registration_data, email="nouveau@example.org").status_code == 302
    # Per IP: the identifiant check cannot be used to list the accounts.
    cache.clear()
    answers = [
        register(client, registration_data, username="jdupont", email=f"p{n}@example.org").content.decode()
        for n in range(21)
    ]
    assert "Cet identifiant est déjà pris" in answers[1]
    assert "Trop d\u2019inscriptions" in answers[-1] and "déjà pris" not in answers[-1]


def test_tester_is_rate_limited_per_ip_whatever_the_address(client, registration_data):
    pages = [
        client.post(
            "/compte/inscription/", {**registration_data, "action": "test_email", "email": f"p{n}@example.org"}
        ).content.decode()
        for n in range(21)
    ]
    assert "Un courriel de test vient" in pages[0]
    assert "Trop de courriels de test" in pages[-1]
    assert OutboxMessage.objects.count() == 20


def test_tester_s_per_address_limit_ignores_case(client, registration_data):
    for _ in range(3):
        client.post("/compte/inscription/", {**registration_data, "action": "test_email", "email": "cible@example.org"})
    page = client.post(
        "/compte/inscription/", {**registration_data, "action": "test_email", "email": "CIBLE@example.org"}
    ).content.decode()
    assert "Trop de courriels de test" in page


@pytest.mark.parametrize(
    "name",
    ["Cliquez sur https://evil.example", "Appelez le 0899000000", "<b>Jean</b>", "Jean_Dupont", "x" * 61],
)
def test_a_name_that_is_not_a_name_is_refused(client, registration_data, name):
    page = register(client, registration_data, first_name=name).content.decode()
    assert "fait de lettres" in page
    assert User.objects.count() == 0


def test_real_names_are_accepted(client, registration_data):
    response = register(client, registration_data, first_name="Jean-Marie", last_name="d\u2019Artagnan de l'Isle")
    assert response.status_code == 302


def test_the_activation_mail_reduces_a_name_entered_elsewhere_to_letters(armagnac):
    from accounts import services

    user = User.objects.create(
        username="jdupont", email="j@example.org", first_name="Jean http://evil.example/x?y=1", last_name="<b>D</b>"
    )
    services.send_activation_link(user=user, base_url="http://testserver/")
    body = OutboxMessage.objects.get().body_text
    assert body.startswith("Bonjour Jean http evil example x y b D b,")
    assert "evil.example" not in body and "<b>" not in body


def test_the_database_refuses_a_second_account_with_the_same_identifiant(armagnac):
    from django.db import IntegrityError, transaction

    User.objects.create(username="jdupont", email="a@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="JDUPONT", email="b@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="other", email="A@example.org")


def test_register_account_reports_a_lost_race_on_the_right_field(armagnac, monkeypatch):
    """Two registrations racing: the loser's existence checks passed, the constraint answers."""
    from accounts import services

    services.register_account(registration=_registration(), base_url="http://testserver/")
    monkeypatch.setattr(User.objects, "filter", _no_existing_rows(User.objects.filter))
    with pytest.raises(services.AccountError) as refusal:
        services.register_account(registration=_registration(email="other@example.org"), base_url="http://testserver/")
    assert refusal.value.field == "username"
    assert User.objects.count() == 1


def test_a_lost_race_on_the_e_mail_tells_its_owner_and_says_nothing(armagnac, monkeypatch):
    from accounts import services

    services.register_account(registration=_registration(), base_url="http://testserver/")
    real_filter = User.objects.filter
    calls = []

    def existence_checks_miss(*args, **kwargs):  # the two checks before the insert see nothing
        calls.append(kwargs)
        return real_filter(pk__in=[]) if len(calls) <= 2 else real_filter(*args, **kwargs)

    monkeypatch.setattr(User.objects, "filter", existence_checks_miss)
    result = services.register_account(registration=_registration(username="autre"), base_url="http://testserver/")
    assert result is None
    assert User.objects.count() == 1
    assert OutboxMessage.objects.filter(subject__contains="vous avez déjà un compte").count() == 1


def _registration(**overrides):
    from accounts.services import Registration

    values = {
        "username": "jdupont",
        "password": "une phrase de passe solide",
        "security_level": "password",
        "first_name": "Jean",
        "last_name": "Dupont",
        "email": "jean.dupont@example.org",
        "siret": "35324915400017",
        "company_name": "COMPAGNIE FRANCAISE DE L ARMAGNAC",
    }
    values.update(overrides)
    return Registration(**values)


def _no_existing_rows(real_filter):
    def fake_filter(*args, **kwargs):
        return real_filter(pk__in=[])

    return fake_filter


def test_the_eye_shows_the_establishment_sheet_and_valider_replaces_the_number_by_the_name(client, registration_data):
    data = {**registration_data, "action": "show_siret"}
    page = client.post("/compte/inscription/", data).content.decode()
    assert "Fiche Etablissement" in page
    assert "INSEE : 35324915400017" in page
    assert "02/01/1990" in page
    assert "EAUZE" in page
    assert User.objects.count() == 0

    page = client.post("/compte/inscription/", {**registration_data, "action": "confirm_siret"}).content.decode()
    assert 'id="entreprise-rattachement">COMPAGNIE FRANCAISE DE L ARMAGNAC<' in page
    assert 'name="siret_confirmed" value="35324915400017"' in page


def test_the_eye_on_a_bad_number_shows_the_reason_next_to_the_field(client, registration_data):
    page = client.post("/compte/inscription/", {**registration_data, "action": "show_siret", "siret": "1234"})
    assert 'id="id_siret-error"' in page.content.decode()
    assert User.objects.count() == 0


def test_tester_sends_a_test_email_and_creates_no_account(
    client, registration_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post("/compte/inscription/", {**registration_data, "action": "test_email"}).content.decode()
    assert "Un courriel de test vient d&#x27;être envoyé à jean.dupont@example.org" in page
    assert [m.to for m in mail.outbox] == [["jean.dupont@example.org"]]
    assert User.objects.count() == 0


def test_tester_is_rate_limited(client, registration_data):
    pages = [
        client.post("/compte/inscription/", {**registration_data, "action": "test_email"}).content.decode()
        for _ in range(6)
    ]
    refused = [page for page in pages if "Trop de courriels de test" in page]
    assert "Un courriel de test vient" in pages[0]
    assert refused and "Trop de courriels de test" in pages[-1]
    # Refused requests send nothing: at most the 3 allowed by the per-address limit went out.
    assert OutboxMessage.objects.count() == len(pages) - len(refused) <= 3


def test_registration_enforces_csrf(registration_data):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/compte/inscription/", registration_data)
    assert response.status_code == 403
    assert User.objects.count() == 0
