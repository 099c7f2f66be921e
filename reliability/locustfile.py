"""The portal's main journeys for locust (``reliability/test_load.py`` runs it headless, step by
step): an operator logged in searches movements, validates a DAE, asks for a GPS number; an ERP
submits an IE815 to the Guichet EDI; a visitor logs in. The seed (reliability/seed.py's JSON) is
read from ``RELIABILITY_SEED``, the drafts to validate from ``RELIABILITY_DRAFTS`` (one id a line).

    locust -f reliability/locustfile.py --headless -u 8 -r 8 -t 30s --host http://127.0.0.1:8796
"""

import datetime
import json
import os
import re
import uuid
import zoneinfo

from locust import FastHttpUser, between, task

SEED = json.loads(open(os.environ["RELIABILITY_SEED"]).read())  # noqa: SIM115
DRAFTS = [int(line) for line in open(os.environ["RELIABILITY_DRAFTS"]).read().split()]  # noqa: SIM115
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
CONSIGNOR = SEED["consignor"]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def plain_http(client) -> None:
    """Production cookies are ``Secure``: this HTTP test sends them anyway (TLS ends at nginx)."""
    for cookie in client.cookiejar:
        cookie.secure = False


def post(client, path: str, name: str, succeeded, **kwargs) -> bool:
    """POST ``path``, counted by locust as ``name``: a failure unless ``succeeded(response)``."""
    with client.post(path, name=name, catch_response=True, **kwargs) as response:
        if succeeded(response):
            response.success()
            return True
        response.failure(f"{name}: HTTP {response.status_code}")
        return False


def redirected(response) -> bool:
    return response.status_code == 302


def log_in(client) -> bool:
    client.cookiejar.clear()
    page = client.get("/compte/login/", name="login (form)")
    plain_http(client)
    match = TOKEN.search(page.text or "")
    if not match:
        return False
    if not post(
        client,
        "/compte/login/",
        "login",
        redirected,
        data={"csrfmiddlewaretoken": match.group(1), "login": SEED["user"], "password": SEED["password"]},
        allow_redirects=False,
    ):
        return False
    plain_http(client)
    return True


def csrf(client) -> str:
    for cookie in client.cookiejar:
        if cookie.name == "csrftoken":
            return cookie.value
    return ""


class Operator(FastHttpUser):
    weight = 6
    wait_time = between(0.5, 1.5)

    def on_start(self):
        log_in(self.client)

    @task(5)
    def search_movements(self):
        plain_http(self.client)
        self.client.get(f"/gamma/{CONSIGNOR}/mouvements/?statut=accepted", name="search movements")

    @task(2)
    def validate_dae(self):
        if not DRAFTS:
            return
        pk = DRAFTS.pop()
        plain_http(self.client)
        post(
            self.client,
            f"/gamma/{CONSIGNOR}/brouillons/{pk}/valider/",
            "validate DAE",
            lambda response: redirected(response) and response.headers.get("location", "").endswith("/emis/"),
            data={"csrfmiddlewaretoken": csrf(self.client)},
            allow_redirects=False,
        )

    @task(1)
    def gps_number(self):
        plain_http(self.client)
        moment = datetime.datetime.now(PARIS) + datetime.timedelta(minutes=30)
        post(
            self.client,
            "/gps/generer/",
            "GPS number",
            redirected,
            data={
                "csrfmiddlewaretoken": csrf(self.client),
                "nature": "DAA",
                "excise_number": CONSIGNOR,
                "vehicle_registration": "457TY24",
                "dispatch_date": f"{moment:%d/%m/%Y}",
                "dispatch_time": f"{moment:%H:%M}",
            },
            allow_redirects=False,
        )


class Erp(FastHttpUser):
    weight = 2
    wait_time = between(0.5, 1.5)

    @task
    def edi_submit(self):
        unique = uuid.uuid4().hex
        body = (
            SEED["ie815"]
            .replace(SEED["lrn_placeholder"], f"L{unique[:19]}")
            .replace(SEED["identifier_placeholder"], f"M{unique}"[:35])
            .encode()
        )
        post(
            self.client,
            "/edi/v1/messages",
            "EDI submit",
            lambda response: response.status_code == 201,
            data=body,
            headers={"Authorization": f"Bearer {SEED['edi_token']}", "Content-Type": "application/xml"},
        )


class Visitor(FastHttpUser):
    weight = 1
    wait_time = between(1, 3)

    @task
    def login(self):
        log_in(self.client)
