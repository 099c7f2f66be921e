"""A browser for the suite: cookies kept by hand over a keep-alive connection, forms posted with
their CSRF token (as bench/http_client.py), every network failure turned into a status 0."""

import http.client
import re
import threading
import time
import urllib.parse
from dataclasses import dataclass

from harness import HOST, HTTP_PORT


@dataclass
class Response:
    status: int  # 0: no answer (connection refused or cut, timeout)
    headers: dict[str, str]
    text: str


class Client:
    def __init__(self, timeout: float = 30) -> None:
        self.timeout = timeout
        self.conn = http.client.HTTPConnection(HOST, HTTP_PORT, timeout=timeout)
        self.cookies: dict[str, str] = {}
        self.last_used = time.monotonic()

    def request(self, method: str, path: str, body=None, headers: dict | None = None) -> Response:
        sent = {"Host": HOST, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = body
        if isinstance(body, dict):
            data = urllib.parse.urlencode(body)
            sent |= {"Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://{HOST}/"}
        if time.monotonic() - self.last_used > 1.0:  # gunicorn closes idle keep-alive connections
            self.conn.close()
        try:
            self.conn.request(method, path, body=data, headers=sent)
            response = self.conn.getresponse()
            text = response.read().decode(errors="replace")
        except (OSError, http.client.HTTPException) as error:
            self.conn.close()
            return Response(0, {}, repr(error))
        finally:
            self.last_used = time.monotonic()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return Response(response.status, {k.lower(): v for k, v in response.getheaders()}, text)

    def csrf(self) -> str:
        return self.cookies.get("csrftoken", "")

    def login(self, username: str, password: str, attempts: int = 5) -> bool:
        for _ in range(attempts):
            self.cookies.clear()
            page = self.request("GET", "/compte/login/")
            match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
            if page.status == 200 and match:
                response = self.request(
                    "POST",
                    "/compte/login/",
                    {"csrfmiddlewaretoken": match.group(1), "login": username, "password": password},
                )
                if response.status == 302:
                    return True
            time.sleep(0.5)
        return False


def logged_in(seed: dict, count: int) -> list[Client]:
    """``count`` browsers sharing one session (a login hashes a password: seconds on a busy machine)."""
    first = Client()
    assert first.login(seed["user"], seed["password"]), "could not log in"
    clients = [first]
    for _ in range(count - 1):
        clone = Client()
        clone.cookies = dict(first.cookies)
        clients.append(clone)
    return clients


def validate(client: Client, seed: dict, pk: int) -> tuple[bool, Response]:
    """POST the validation form of draft ``pk``: acknowledged on the 302 to its « émis » page."""
    consignor = seed["consignor"]
    response = client.request(
        "POST", f"/gamma/{consignor}/brouillons/{pk}/valider/", {"csrfmiddlewaretoken": client.csrf()}
    )
    ok = response.status == 302 and response.headers.get("location", "").endswith(
        f"/gamma/{consignor}/brouillons/{pk}/emis/"
    )
    return ok, response


def in_parallel(clients: list, items: list, send) -> list:
    """One thread per client, taking the next item until none is left; ``send(client, item)``'s
    results, in no particular order."""
    lock = threading.Lock()
    pending = list(reversed(items))
    results = []

    def run(client) -> None:
        while True:
            with lock:
                if not pending:
                    return
                item = pending.pop()
            result = send(client, item)
            with lock:
                results.append(result)

    threads = [threading.Thread(target=run, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def together(count: int, send) -> list:
    """``count`` threads released at once by a barrier, each calling ``send(index)`` once."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(index: int) -> None:
        barrier.wait()
        results[index] = send(index)

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
