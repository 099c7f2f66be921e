"""No input gives a server error (issue 10, item 8): every page of the demo, for each kind of
persona, with hostile values in its address, its GET parameters and every field of its forms.

The demo (``load_demo``, plus an open red alert on GAMMA, a GPS document and an assistance request
passed to the office) is loaded once for the module. For each persona the test crawls the site from
its entry pages, following links (one page per URL pattern), then:

- GETs each page with every GET parameter name its forms use, and the generic ones read through
  ``request.GET`` (``page``, ``verifier`` …), set to each value of the corpus (all at once, then
  each field of its GET forms alone);
- POSTs each form of each page with all its fields set to each value of the corpus, then each field
  alone set to a hostile value while the others keep what the page offered;
- GETs and POSTs each page's address with each path parameter replaced by a hostile value, and every
  URL pattern of the site at least once (admin included), filled with placeholders.

Every request runs in a savepoint rolled back afterwards (and the client's cookies are restored), so
a form that succeeds changes nothing for the next request. Any status of 500 or more fails, listed
with the request and the exception. Run on SQLite and on PostgreSQL (CI runs both): PostgreSQL
refuses a NUL character in text where SQLite takes it.
"""

import datetime
import io
import re
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils import timezone

NUL = "\x00"
HUGE = "x" * 1_000_000  # a form's fields all set to it make a request of several MB (Django refuses over 2.5 MB)
NOT_UTF8 = b"\xed\xa0\x80\xff"  # an encoded lone surrogate and a stray byte
# Values typed into every parameter and field of a form at once.
CORPUS = [
    NUL,
    f"FR008777E0001{NUL}",
    "9999-12-31",
    "31/12/9999",
    "0000-00-00",
    "-1",
    "99999999999999999999999999999999",
    "\u202eFR008777E0001 \u05d0\u05d1 \u0627\u0644",  # right-to-left override, Hebrew, Arabic
    "\U0001f377\U0001f943\u200d\U0001f525",  # emoji, zero-width joiner
    "' OR 1=1 --<script>alert(1)</script>",
    NOT_UTF8,
    HUGE,
]
# Pages without a GET form get the generic parameters with these only.
SHORT_CORPUS = [NUL, NOT_UTF8, "-1", "9" * 40]
# Values typed into one field at a time, the others keeping what the page offered.
ONE_FIELD = [f"a{NUL}b", "9999-12-31", "31/12/9999"]
# Values put in place of each parameter of an address (GET), and the first two for a POST.
PATH_VALUES = [NUL, "\U0001f377", f"FR008777E0001{NUL}", "\u202e", "9" * 40, "x" * 3000, "' OR 1=1", "%", "-1", b"\xff"]
# GET parameters some views read directly (request.GET.get), besides their forms' fields.
GENERIC_GET = ["page", "verifier", "next", "domaine", "q"]

PERSONAS = [None, "antoineleris", "jdupont", "agent.bureau", "agent.cid", "agent.sau"]
ENTRY_PAGES = [
    "/",
    "/compte/",
    "/compte/espace-personnel/",
    "/gamma/",
    "/gamma/FR008777E0001/",
    "/adhesions/",
    "/adhesions/nouvelle/",
    "/bureau/",
    "/gps/",
    "/incidents/",
    "/incidents/cid/",
    "/demandes-assistance/",
    "/demandes-assistance/sau/",
    "/bureau/secours/",
]
# Never crawled nor posted: logging out ends the persona's session; the admin is Django's.
SKIPPED_URL_NAMES = {"account_logout"}
SKIPPED_PREFIXES = ("/admin/", "/static/")
MAX_PAGES = 150


# --- The demo, once for the module ------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo data in a transaction rolled back after the module's tests."""
    with django_db_blocker.unblock(), transaction.atomic():
        _load_demo()
        yield
        transaction.set_rollback(True)
    cache.clear()  # the rate limits the fuzzing used up


def _load_demo():
    from accounts.models import User
    from emcs import codelists
    from fallback import services as fallback_services
    from fallback.models import AssistanceStatus
    from habilitations import services as habilitation_services
    from register.models import ExciseNumber
    from tests.factories.register import ExciseNumberFactory
    from tests.fallback.factories import AssistanceRequestFactory, IncidentFactory

    codelists.load()
    call_command("load_demo", stdout=io.StringIO())
    codelists.forget()
    IncidentFactory(declared_by=User.objects.get(username="agent.cid"))
    antoine = User.objects.get(username="antoineleris")
    fallback_services.issue_fallback_document(
        actor=antoine,
        nature="DAA",
        excise_number="FR008777E0001",
        vehicle_registration="457TY24",
        dispatch_at=timezone.now() + datetime.timedelta(minutes=30),
    )
    number = ExciseNumber.objects.get(number="FR008777E0001")
    # A draft adhesion, so that its form (and its rows, read outside any Django form) is fuzzed.
    second = ExciseNumberFactory(number="FR008777E0002", operator=number.operator, customs_office=number.customs_office)
    habilitation_services.adhesion_start(actor=antoine, excise_number=second)
    AssistanceRequestFactory(requester=antoine, excise_number=number)
    AssistanceRequestFactory(
        requester=antoine,
        excise_number=number,
        escalated=True,
        diagnosed_by=User.objects.get(username="agent.sau"),
        status=AssistanceStatus.ESCALATED,
    )


# --- Reading pages -----------------------------------------------------------------------------


@dataclass
class Form:
    method: str
    action: str
    fields: list[tuple[str, str | None]] = field(default_factory=list)  # (name, value offered; None: unticked)
    buttons: list[tuple[str, str]] = field(default_factory=list)


class PageParser(HTMLParser):
    """The links and forms of a page (enough for this test: no nested forms, no form= attribute)."""

    def __init__(self, url: str):
        super().__init__(convert_charrefs=True)
        self.url = url
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._textarea: str | None = None
        self._options: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "a" and attrs.get("href"):
            self.links.append(urllib.parse.urljoin(self.url, attrs["href"]))
        elif tag == "form":
            action = urllib.parse.urljoin(self.url, attrs.get("action") or self.url)
            self._form = Form(method=(attrs.get("method") or "get").lower(), action=action)
            self.forms.append(self._form)
        elif self._form is None or (not attrs.get("name") and tag != "option"):
            return
        elif tag == "input":
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "image"):
                self._form.buttons.append((attrs["name"], attrs.get("value", "")))
            elif kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._form.fields.append((attrs["name"], attrs.get("value", "on")))
                else:  # not sent by a browser, but a name to fuzz
                    self._form.fields.append((attrs["name"], None))
            elif kind != "file":
                self._form.fields.append((attrs["name"], attrs.get("value", "")))
        elif tag == "button" and attrs.get("type", "submit") == "submit":
            self._form.buttons.append((attrs["name"], attrs.get("value", "")))
        elif tag == "select":
            self._select, self._options = attrs["name"], []
        elif tag == "option" and self._select is not None:
            self._options.append(attrs.get("value", ""))
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self._form.fields.append((attrs["name"], ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None and self._form is not None:
            self._form.fields.append((self._select, next((v for v in self._options if v), "")))
            self._select = None


def _local(url: str) -> str | None:
    """The path and query of a link to this site, None for another site or an anchor."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _url_name(path: str) -> str | None:
    try:
        match = resolve(urllib.parse.urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


def _without(fields, name):
    return [(n, v) for n, v in fields if n != name]


# --- Sending -----------------------------------------------------------------------------------


class Fuzzer:
    def __init__(self, client: Client, persona: str):
        self.client = client
        self.persona = persona
        self.failures: list[str] = []
        self.sent = 0

    def send(self, method: str, path: str, data=None):
        """One request in a savepoint rolled back afterwards, the client's cookies restored."""
        cookies = self.client.cookies
        self.client.cookies = type(cookies)(cookies)
        try:
            with transaction.atomic():
                response = self.client.get(path, data) if method == "get" else self.client.post(path, data or {})
                transaction.set_rollback(True)
        finally:
            self.client.cookies = cookies
        self.sent += 1
        if response.status_code >= 500:
            error = response.exc_info[1] if getattr(response, "exc_info", None) else None
            shown = {k: (v[:40] + "…" if isinstance(v, str) and len(v) > 40 else v) for k, v in (data or {}).items()}
            self.failures.append(
                f"{self.persona}: {method.upper()} {path[:200]!r} {shown} -> {response.status_code} {error!r}"
            )
        return response

    def crawl(self) -> dict[str, tuple[str, str]]:
        """One page per URL pattern: {url name: (path, html)} of the pages answering 200."""
        pages: dict[str, tuple[str, str]] = {}
        seen: set[str] = set()
        queue = list(ENTRY_PAGES) + [_placeholder_path(p) for p in _patterns() if "<" not in p]
        while queue and len(pages) < MAX_PAGES:
            path = queue.pop(0)
            name = _url_name(path)
            if name is None or name in seen or name in SKIPPED_URL_NAMES or path.startswith(SKIPPED_PREFIXES):
                continue
            seen.add(name)
            response = self.send("get", path)  # a 5xx is recorded as a failure
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                seen.discard(name)  # another address of the same pattern may be open to this persona
                continue
            html = response.content.decode()
            pages[name] = (path, html)
            parser = PageParser(f"http://testserver{path}")
            parser.feed(html)
            queue.extend(link for link in map(_local, parser.links) if link)
        return pages

    def fuzz_page(self, path: str, html: str, done_forms: set) -> None:
        parser = PageParser(f"http://testserver{path}")
        parser.feed(html)
        bare = path.split("?")[0]
        get_names = set(GENERIC_GET)
        for form in parser.forms:
            if form.method == "get" and _local(form.action) and _local(form.action).split("?")[0] == bare:
                get_names.update(name for name, _ in form.fields)
        for value in CORPUS if len(get_names) > len(GENERIC_GET) else SHORT_CORPUS:
            self.send("get", bare, dict.fromkeys(sorted(get_names), value))
        self._fuzz_forms(parser.forms, done_forms)

    def _fuzz_forms(self, forms: list[Form], done_forms: set) -> None:
        for form in forms:
            target = _local(form.action)
            if target is None or target.startswith(SKIPPED_PREFIXES) or _url_name(target) in SKIPPED_URL_NAMES:
                continue
            key = (form.method, _url_name(target), tuple(sorted({name for name, _ in form.fields})))
            if key in done_forms:
                continue
            done_forms.add(key)
            self.fuzz_form(form, target)

    def fuzz_forms_only(self, path: str, html: str, done_forms: set) -> None:
        parser = PageParser(f"http://testserver{path}")
        parser.feed(html)
        self._fuzz_forms(parser.forms, done_forms)

    def fuzz_form(self, form: Form, target: str) -> None:
        names = sorted({name for name, _ in form.fields})
        # The last button is the form's main action (« Transmettre », « Valider »), after
        # « Ajouter des lignes » and the like.
        buttons = form.buttons[-1:] or [None]
        for value in CORPUS:
            data = dict.fromkeys(names, value)
            if buttons[0]:
                data.setdefault(*buttons[0])
            self.send(form.method, target, data)
        # Each button with the values the page offered, then one hostile field at a time.
        for button in form.buttons[:-1]:
            self.send(form.method, target, _form_data(form.fields, button))
        for name in names:
            for value in ONE_FIELD:
                self.send(form.method, target, _form_data([*_without(form.fields, name), (name, value)], buttons[0]))

    def fuzz_path(self, path: str) -> None:
        """The page's address with each of its parameters replaced by a hostile value."""
        bare = path.split("?")[0]
        match = resolve(bare)
        for value in match.kwargs.values():
            text = urllib.parse.quote(str(value), safe="")
            if not text or text not in bare:
                continue
            for index, hostile in enumerate(PATH_VALUES):
                hostile_path = bare.replace(f"/{text}", "/" + urllib.parse.quote(hostile, safe=""), 1)
                self.send("get", hostile_path)
                if index < 2:
                    self.send("post", hostile_path, {"x": "1"})


def _form_data(fields, button) -> dict:
    data: dict[str, list[str]] = {}
    for name, value in fields:
        if value is not None:
            data.setdefault(name, []).append(value)
    if button:
        data.setdefault(button[0], []).append(button[1])
    return data


# --- The URL patterns --------------------------------------------------------------------------


def _patterns() -> list[str]:
    """Every route of the site as a path with its converters (``/gamma/<str:number>/``)."""
    return ["/" + route.replace("^", "").replace("$", "").replace("\\Z", "") for route in _routes(get_resolver())]


def _routes(resolver: URLResolver, prefix: str = "") -> list[str]:
    routes = []
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            routes.extend(_routes(entry, route))
        elif isinstance(entry, URLPattern):
            routes.append(route)
    return routes


PLACEHOLDERS = {"int": "1", "slug": "x", "str": "FR008777E0001", "path": "1", "uuid": "00000000-0000-0000-0000-0"}


def _placeholder_path(route: str, value: str | None = None) -> str:
    """The route with each parameter filled: a placeholder of its converter's shape, or ``value``."""

    def fill(match):
        converter = match.group(1) or "str"
        return urllib.parse.quote(value, safe="") if value is not None else PLACEHOLDERS.get(converter, "1")

    # Regular-expression routes' groups (the admin's, allauth's) count as "str".
    return re.sub(r"\(\?P<\w+>[^)]*\)|<(?:(\w+):)?\w+>", fill, route)


# --- The tests ---------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda persona: persona or "anonymous")
def test_no_hostile_input_gives_a_server_error(demo, db, persona):
    from accounts.models import User

    client = Client(raise_request_exception=False)
    public = set() if persona is None else set(Fuzzer(client, "anonymous").crawl())
    if persona:
        client.force_login(User.objects.get(username=persona))
    fuzzer = Fuzzer(client, persona or "anonymous")
    pages = fuzzer.crawl()
    assert pages, "the crawl found no page"
    done_forms: set = set()
    for name, (path, html) in pages.items():
        if name in public:
            # The anonymous test fuzzes the pages anyone sees; here only the forms a persona adds
            # to them (the header's, the home page's services).
            fuzzer.fuzz_forms_only(path, html, done_forms)
            continue
        fuzzer.fuzz_page(path, html, done_forms)
        fuzzer.fuzz_path(path)
    if persona is None:
        # Every pattern of the site, the admin's included, filled with placeholders, then a NUL.
        for route in _patterns():
            fuzzer.send("get", _placeholder_path(route))
            if "<" in route:
                fuzzer.send("get", _placeholder_path(route, NUL))
    assert not fuzzer.failures, f"{len(fuzzer.failures)} of {fuzzer.sent} requests failed:\n" + "\n".join(
        fuzzer.failures[:60]
    )


def test_the_fuzzing_reaches_the_pages_of_each_area(demo, db):
    """The crawl is not vacuous: an operator reaches GAMMA's documents, drafts, GPS and adhesions,
    an office agent its queue and companies."""
    from accounts.models import User

    reached = {}
    for persona in ("antoineleris", "agent.bureau"):
        client = Client(raise_request_exception=False)
        client.force_login(User.objects.get(username=persona))
        reached[persona] = set(Fuzzer(client, persona).crawl())
    assert {
        "gamma:movement",
        "gamma:movement_search",
        "gamma:draft",
        "gamma:draft_section",
        "gps:generate",
        "gps:follow_up",
        "gps:document",
        "adhesions:form",
        "adhesions:habilitations",
        "helpdesk:new",
    } <= reached["antoineleris"]
    assert {"office:queue", "office:adhesion", "office:company", "office:companies"} <= reached["agent.bureau"]
