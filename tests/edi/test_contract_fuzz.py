"""Schemathesis against the OpenAPI document: requests generated from the contract (XML bodies from
a strategy that mutates real messages) never get a server error, and every answer's status is one
the contract describes."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, settings

from tests.edi import contract

schema = contract.schema()


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_gets_a_server_error_nor_an_answer_the_contract_does_not_describe(case, edi):
    headers = {key: value for key, value in (case.headers or {}).items() if key.lower() != "authorization"}
    client = Client(HTTP_AUTHORIZATION=f"Bearer {edi.token}")
    path = "/edi/v1" + case.formatted_path
    method = case.method.lower()
    if method == "get":
        response = client.get(path, data=case.query or {}, headers=headers)
    else:
        body = case.body if isinstance(case.body, bytes) else str(case.body or "").encode()
        response = client.generic(case.method, path, data=body, content_type=case.media_type or "application/xml")
    assert response.status_code < 500, response.content[:300]
    if case.method.lower() != case.operation.method.lower():  # schemathesis tries the other methods too
        assert response.status_code in (401, 405), response.status_code
        return
    documented = case.operation.definition.raw["responses"]
    assert str(response.status_code) in documented, (response.status_code, response.content[:300])
