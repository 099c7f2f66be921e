import os

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls made by the
# tests themselves (factories, assertions) must still be allowed there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = ["tests.browser.fixtures"]


import pytest  # noqa: E402

# PRODOUANE_TEST_CLOCK=2026-03-29T00:59:30Z runs the tests with the clock set there and ticking
# (time-machine, for the whole session of each process): dates computed near midnight in Paris,
# when Paris' date is not UTC's, or across a change of summer time (`make test-clock`). The
# browser tests are left out of such runs: Chromium keeps the real clock and would drop cookies
# that expire, by its clock, in the past.
CLOCK_VARIABLE = "PRODOUANE_TEST_CLOCK"
_travel = None


def pytest_configure(config):
    global _travel
    moment = os.environ.get(CLOCK_VARIABLE)
    if moment:
        import datetime

        import time_machine

        destination = datetime.datetime.fromisoformat(moment)
        if destination.tzinfo is None:
            raise pytest.UsageError(f"{CLOCK_VARIABLE} needs a time zone, e.g. 2026-03-29T00:59:30Z")
        _travel = time_machine.travel(destination, tick=True)
        _travel.start()


def pytest_unconfigure(config):
    global _travel
    if _travel is not None:
        _travel.stop()
        _travel = None


# The browser tests run from noon, Paris time, of the real day (the day this process started them),
# the clock ticking on from one test to the next (time-machine, in this process: the tests, the
# live server and its e-mails): no test straddles midnight in Paris, where a date the test reads
# before it would differ from the one the page shows after (it failed once, the first DAE journey
# begun at 23:59:58). The clock never goes back between tests, so what the portal counts over time
# (login attempts, rate limits) runs out as it does for real. Chromium keeps the real clock; every
# cookie the portal sets has a Max-Age, which Chromium counts from its own clock, so none is lost.
# Autouse, it is set up before any other function fixture, so the test's data is dated then too.
PARIS = "Europe/Paris"
_browser_clock = None  # (the real moment the first browser test began, noon in Paris that day)


@pytest.fixture(autouse=True)
def browser_tests_from_noon_in_paris(request):
    global _browser_clock
    if request.node.get_closest_marker("browser") is None or _travel is not None:
        yield
        return
    import datetime
    import zoneinfo

    import time_machine

    real_now = datetime.datetime.now(zoneinfo.ZoneInfo(PARIS))
    if _browser_clock is None:
        _browser_clock = (real_now, real_now.replace(hour=12, minute=0, second=0, microsecond=0))
    real_start, noon = _browser_clock
    with time_machine.travel(noon + (real_now - real_start), tick=True):
        yield


def pytest_report_header(config):
    moment = os.environ.get(CLOCK_VARIABLE)
    return [f"clock set to {moment} ({CLOCK_VARIABLE}), ticking"] if moment else []


# Reference rows written by data migrations; a transactional test (live server, browser) starts
# after a flush that erased them, so the ``reference_data`` fixture writes them again.
REFERENCE_DATA_MIGRATIONS = [
    ("portal.migrations.0002_seed_catalogue", "seed_catalogue"),
    ("register.migrations.0003_product_categories", "seed_categories"),
]


@pytest.fixture
def reference_data(transactional_db):
    from importlib import import_module

    from django.apps import apps

    for module, function in REFERENCE_DATA_MIGRATIONS:
        getattr(import_module(module), function)(apps, None)


@pytest.fixture(autouse=True)
def _staff_force_login_with_totp(monkeypatch):
    """``client.force_login`` skips the login form: for staff it also skips the TOTP code, which
    every staff page asks (accounts.middleware). So a forced staff login is one made with TOTP:
    the account gets a device if it had none and the session records the code. The tests of the
    enforcement itself log in through the login form or ``client.login`` (password only)."""
    from django.test import Client

    from tests.factories.accounts import record_totp_login

    force_login = Client.force_login

    def force_login_with_totp(self, user, backend=None):
        force_login(self, user, backend)
        if user.is_staff:
            record_totp_login(self, user)

    monkeypatch.setattr(Client, "force_login", force_login_with_totp)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is deliberately slow; tests hash with MD5 (production keeps Argon2, see settings)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _member_states_simulated_at_once(settings):
    """The other member states are the simulator's, which answers without delay (``eu``)."""
    settings.EU_GATEWAY = "simulator"
    settings.EU_SIMULATOR_DELAY_SECONDS = 0
    settings.EU_SIMULATOR_REFUSED_CONSIGNEES = []


@pytest.fixture(autouse=True)
def _codelists_read_afresh():
    """Each process keeps the code lists it read (emcs.codelists.snapshot); a test's lists are
    rolled back with it, so each test starts without them."""
    from emcs import codelists

    codelists.forget()
    yield
    codelists.forget()


@pytest.fixture
def emcs_codelists(db):
    """The EMCS code lists (EPC, CN codes, E200, packages, reasons …) loaded as ``make run`` does;
    works with the live server too (request ``live_server`` or ``transactional_db`` alongside)."""
    from emcs import codelists

    return codelists.load()
