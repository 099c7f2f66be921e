"""Bad input, 0 server errors: schemathesis on the EDI OpenAPI contract against gunicorn,
Hypothesis on the EMCS XML parser and on every identifier validator, and a scan of the pages
(links crawled from the entry pages, anonymous and logged in) over HTTP with hostile values in
their addresses, their GET parameters and their forms. Each test prints how many inputs it tried."""

import re
import urllib.parse

from client import Client, logged_in
from conftest import SHORT, figure
from harness import HOST, HTTP_PORT, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.edi import contract

EXAMPLES = ROOT / "tests" / "emcs" / "examples"
ALL_EXAMPLES = [path.read_bytes() for path in sorted(EXAMPLES.glob("*.xml"))]
EXAMPLES_N = 40 if SHORT else 400
# The short run (CI) draws the same examples every time (derandomize): a red CI is a bug to look at,
# never chance; the full run draws new ones each time.


schema = contract.schema()
TRIED = {"edi": 0}
EDI_STATUSES: set[int] = set()


def test_schemathesis_on_the_edi_contract_over_http(topology):
    token = topology.seed["edi_token"]
    server_errors, statuses, tried = [], set(), [0]

    def send(case) -> None:
        headers = {k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"}
        headers["Authorization"] = f"Bearer {token}"
        path = "/edi/v1" + case.formatted_path
        if case.query:
            path += "?" + urllib.parse.urlencode(case.query, doseq=True)
        body = None
        if case.method.lower() not in ("get", "head", "delete"):
            body = case.body if isinstance(case.body, bytes) else str(case.body or "").encode()
            headers["Content-Type"] = case.media_type or "application/xml"
        response = Client(timeout=60).request(case.method.upper(), path, body, headers)
        tried[0] += 1
        statuses.add(response.status)
        if response.status >= 500 or response.status == 0:
            server_errors.append((case.method, path, response.status, response.text[:200]))

    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        run = settings(
            max_examples=EXAMPLES_N,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
            derandomize=SHORT,
        )(given(case=operation.as_strategy())(send))
        run()
    figure(
        f"schemathesis on edi/openapi.yaml over HTTP: {tried[0]} requests on {len(operations)} operations, "
        f"answers {sorted(statuses)}, {len(server_errors)} server errors"
    )
    assert tried[0] >= EXAMPLES_N
    assert not server_errors, server_errors[:5]


@st.composite
def mutated_messages(draw) -> bytes:
    """Any example message of tests/emcs/examples, cut, spliced, its bytes flipped; or random bytes."""
    if draw(st.integers(0, 5)) == 0:
        return draw(st.binary(max_size=500))
    data = bytearray(draw(st.sampled_from(ALL_EXAMPLES)))
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(data)))
        end = draw(st.integers(start, min(len(data), start + 100)))
        data[start:end] = draw(st.binary(max_size=30) | st.text(max_size=20).map(str.encode))
    return bytes(data)


def test_hypothesis_on_the_emcs_xml_parser():
    from emcs import answers, messages, xml

    tried, accepted = [0], [0]

    @settings(
        max_examples=EXAMPLES_N * 5,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        derandomize=SHORT,
    )
    @given(data=mutated_messages())
    def parse(data: bytes) -> None:
        tried[0] += 1
        try:
            messages.parse(xml.parse_and_validate(data))
        except xml.InvalidMessage as error:  # a refusal, with its reasons: the IE917 is built for any
            answers.ie917_for(error, data=data)
            return
        accepted[0] += 1

    parse()
    figure(f"Hypothesis on emcs.xml.parse_and_validate: {tried[0]} messages, {accepted[0]} valid, 0 crashes")
    assert tried[0] >= EXAMPLES_N * 5


VALIDATORS = ["arc", "check_code", "customs_office", "excise", "lrn", "siren", "siret", "trader", "tva"]


def test_hypothesis_on_the_identifier_validators():
    import importlib

    from identifiers.exceptions import InvalidIdentifier

    modules = [importlib.import_module(f"identifiers.{name}") for name in VALIDATORS]
    tried = [0]
    text = st.text(max_size=40) | st.from_regex(r"[A-Z]{2}[0-9A-Z ]{0,20}", fullmatch=True)

    @settings(
        max_examples=EXAMPLES_N * 10,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        derandomize=SHORT,
    )
    @given(value=text)
    def check(value: str) -> None:
        for module in modules:
            tried[0] += 1
            try:
                module.validate(value)
            except InvalidIdentifier as error:
                assert str(error), "a refusal without a message"

    check()
    figure(f"Hypothesis on {len(modules)} identifier validators: {tried[0]} values, only InvalidIdentifier refusals")
    assert tried[0] >= EXAMPLES_N * 10 * len(modules)


HOSTILE = ["\x00", "' OR 1=1 --<script>alert(1)</script>", "9" * 40, "-1", "31/12/9999", "\U0001f377\u202e", "x" * 5000]
PATH_VALUES = ["\x00", "\U0001f377", "9" * 40, "x" * 3000, "' OR 1=1", "%", "-1", b"\xff"]
GENERIC_GET = ["page", "verifier", "next", "q", "numero", "statut"]
ENTRY_PAGES = ["/", "/compte/", "/gamma/", "/gps/", "/gps/suivi/", "/incidents/", "/adhesions/", "/guichet-edi/"]
SKIP = re.compile(r"deconnexion|logout|supprimer|valider|/admin/|tout-lu|regulariser|\.pdf|export\.csv")
MAX_PAGES = 25 if SHORT else 120


def _shape(path: str) -> str:
    """One page per kind of address: numbers and excise numbers stand for any."""
    path = urllib.parse.urlsplit(path).path
    return re.sub(r"/\d+/", "/N/", re.sub(r"FR[0-9A-Z]{11}", "EXC", path))


def test_a_scan_of_every_page_with_hostile_values_gives_no_server_error(topology):
    from django.urls import get_resolver

    from tests.test_hostile_inputs import PageParser, _form_data, _placeholder_path, _routes

    seed = topology.seed
    failures, tried = [], [0]

    def send(client, method, path, data=None):
        if method == "POST" and data is not None:
            data = {**data, "csrfmiddlewaretoken": client.csrf()}
            body = urllib.parse.urlencode(data, doseq=True)
            response = client.request(
                method,
                path,
                body,
                {"Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://{HOST}:{HTTP_PORT}/"},
            )
        else:
            response = client.request(method, path)
        tried[0] += 1
        if response.status >= 500 or response.status == 0:
            failures.append((method, path[:150], response.status))
        return response

    personas = [("anonyme", Client()), (seed["user"], logged_in(seed, 1)[0])]
    pages_seen = 0
    for _name, client in personas:
        queue, shapes, pages = list(ENTRY_PAGES), set(), []
        while queue and len(pages) < MAX_PAGES:
            path = queue.pop(0)
            if _shape(path) in shapes or SKIP.search(path):
                continue
            shapes.add(_shape(path))
            response = send(client, "GET", path)
            if response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
                continue
            parser = PageParser(f"http://{HOST}{path}")
            parser.feed(response.text)
            pages.append((path, parser.forms))
            for link in parser.links:
                parts = urllib.parse.urlsplit(link)
                if parts.netloc == HOST and parts.path.startswith("/"):
                    queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
        pages_seen += len(pages)
        for path, forms in pages:
            base = urllib.parse.urlsplit(path).path
            names = {name for form in forms if form.method == "get" for name, _ in form.fields} | set(GENERIC_GET)
            for value in HOSTILE:
                send(client, "GET", base + "?" + urllib.parse.urlencode(dict.fromkeys(names, value)))
            for form in forms:
                action = urllib.parse.urlsplit(form.action).path
                fields = [(n, v) for n, v in form.fields if n != "csrfmiddlewaretoken"]
                if form.method != "post" or not fields or SKIP.search(action):
                    continue
                for value in HOSTILE[:4]:
                    data = _form_data([(n, value) for n, _ in fields], form.buttons[0] if form.buttons else None)
                    send(client, "POST", action, data)
            segments = base.strip("/").split("/")
            for index, segment in enumerate(segments):
                if segment and (segment.isdigit() or re.fullmatch(r"FR[0-9A-Z]{11}", segment)):
                    for value in PATH_VALUES:
                        changed = [*segments[:index], urllib.parse.quote(value, safe=""), *segments[index + 1 :]]
                        send(client, "GET", "/" + "/".join(changed) + "/")
    # Every route of the site at least once, filled with placeholders, for each persona.
    routes = ["/" + r.replace("^", "").replace("$", "").replace("\\Z", "") for r in _routes(get_resolver())]
    for _name, client in personas:
        for route in routes:
            if not SKIP.search(route):
                send(client, "GET", _placeholder_path(route))
    figure(
        f"Web scan over HTTP: {pages_seen} pages crawled (anonymous and logged in), {len(routes)} routes, "
        f"{tried[0]} requests with hostile values, {len(failures)} server errors"
    )
    assert pages_seen >= 10
    assert not failures, failures[:20]
