"""The load balancer's health check: a bare « ok », without template, database or cache."""

import pytest
from django.urls import reverse

from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def test_the_health_check_answers_an_anonymous_visitor_ok_without_a_query(client, django_assert_num_queries):
    assert reverse("portal:health") == "/sante/"
    with django_assert_num_queries(0):
        response = client.get("/sante/")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Cache-Control"] == "no-store"
    assert not response.templates
    assert not response.cookies  # no session, no CSRF cookie for the load balancer


def test_the_health_check_answers_head(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.head("/sante/")
    assert response.status_code == 200


def test_the_health_check_refuses_post(client):
    assert client.post("/sante/").status_code == 405


def test_the_health_check_answers_a_signed_in_user_the_same(client):
    client.force_login(UserFactory())
    response = client.get("/sante/")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_the_health_check_is_answered_over_http_when_production_redirects_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True  # as in production; SECURE_REDIRECT_EXEMPT is the project's own
    assert client.get("/sante/").status_code == 200
    response = client.get("/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
