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


def log_in(client) -> bool:
    client.cookiejar.clear()
    page = client.get("/compte/login/", name="login (form)")
    plain_http(client)
    match = TOKEN.search(page.text or "")
    if not match:
        return False
    with client.post(
        "/compte/login/",
        data={"csrfmiddlewaretoken": match.group(1), "login": SEED["user"], "password": SEED["password"]},
        name="login",
        allow_redirects=False,
        catch_response=True,
    ) as response:
        if response.status_code != 302:
            response.failure(f"login: HTTP {response.status_code}")
            return False
        response.success()
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
        with self.client.post(
            f"/gamma/{CONSIGNOR}/brouillons/{pk}/valider/",
            data={"csrfmiddlewaretoken": csrf(self.client)},
            name="validate DAE",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 302 and response.headers.get("location", "").endswith("/emis/"):
                response.success()
            else:
                response.failure(f"validate: HTTP {response.status_code}")

    @task(1)
    def gps_number(self):
        plain_http(self.client)
        moment = datetime.datetime.now(PARIS) + datetime.timedelta(minutes=30)
        with self.client.post(
            "/gps/generer/",
            data={
                "csrfmiddlewaretoken": csrf(self.client),
                "nature": "DAA",
                "excise_number": CONSIGNOR,
                "vehicle_registration": "457TY24",
                "dispatch_date": f"{moment:%d/%m/%Y}",
                "dispatch_time": f"{moment:%H:%M}",
            },
            name="GPS number",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 302:
                response.success()
            else:
                response.failure(f"GPS: HTTP {response.status_code}")


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
        with self.client.post(
            "/edi/v1/messages",
            data=body,
            headers={"Authorization": f"Bearer {SEED['edi_token']}", "Content-Type": "application/xml"},
            name="EDI submit",
            catch_response=True,
        ) as response:
            if response.status_code == 201:
                response.success()
            else:
                response.failure(f"EDI: HTTP {response.status_code}")


class Visitor(FastHttpUser):
    weight = 1
    wait_time = between(1, 3)

    @task
    def login(self):
        log_in(self.client)
