"""The contract first: the OpenAPI 3.1 document served at /edi/v1/openapi.yaml is valid and names
every route of the Guichet EDI, with the answers the endpoint gives."""

import re

import pytest
import yaml
from openapi_spec_validator import OpenAPIV31SpecValidator, validate

from www.edi import urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(client) -> dict:
    response = client.get("/edi/v1/openapi.yaml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/yaml")
    return yaml.safe_load(response.content)


def test_the_served_document_is_valid_openapi_3_1(spec):
    assert spec["openapi"].startswith("3.1")
    validate(spec, cls=OpenAPIV31SpecValidator)  # raises on any error


def openapi_path(route: str) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def test_every_route_of_the_app_is_in_the_document(spec):
    routes = {openapi_path(str(pattern.pattern)) for pattern in urls.urlpatterns}
    assert routes <= set(spec["paths"]), routes - set(spec["paths"])


def test_the_answers_of_a_submission_are_all_described(spec):
    answers = spec["paths"]["/messages"]["post"]["responses"]
    assert {"201", "400", "401", "403", "409", "413", "415", "422", "429"} <= set(answers)
    assert spec["components"]["securitySchemes"]["identifiantEdi"] == {
        **spec["components"]["securitySchemes"]["identifiantEdi"],
        "type": "http",
        "scheme": "bearer",
    }


def test_the_xml_answers_are_described_as_the_emcs_messages_they_are(spec):
    answers = spec["paths"]["/messages"]["post"]["responses"]

    def xml_schema(status: str) -> dict:
        return answers[status]["content"]["application/xml"]["schema"]

    assert xml_schema("200") == {"$ref": "#/components/schemas/IE905"}
    assert xml_schema("201") == {
        "anyOf": [{"$ref": "#/components/schemas/IE801"}, {"$ref": "#/components/schemas/Acquittement"}]
    }
    assert xml_schema("400") == {"$ref": "#/components/schemas/IE917"}
    assert xml_schema("422") == {"$ref": "#/components/schemas/IE704"}
    assert "IE904" in spec["paths"]["/messages"]["post"]["description"]


@pytest.mark.parametrize("name", ["IE917", "IE704", "IE905"])
def test_each_example_answer_is_valid_against_its_schema(spec, name):
    from emcs import xml

    schema = spec["components"]["schemas"][name]
    assert schema["contentMediaType"] == "application/xml" and schema["examples"]
    for example in schema["examples"]:
        root = xml.parse_and_validate(example.encode())
        assert xml.message_type(root) == name
