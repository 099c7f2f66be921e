"""The Guichet EDI's command-line client, for EDI providers and operators (no Django needed):

    python -m edi.client submit FILE [--url URL] [--client-id ID --secret-env VAR]
    python -m edi.client pull [--after CURSOR | --cursor-file FILE] [--limit N] [--all] [--save DIR]
                              [--url URL] [--client-id ID --secret-env VAR]

``submit`` sends one EMCS message (the file's bytes, as they are) to ``POST /edi/v1/messages``
and prints the answer's XML on standard output: the IE801 or the acknowledgement when accepted,
the IE917 (schema) or IE704 (business rules) when refused. ``pull`` reads the feed
``GET /edi/v1/messages?after=CURSOR&limit=N`` (the messages addressed to the credential's excise
numbers, oldest first) and prints one line of JSON per message (id, type, arc, sequence,
excise_number, created_at, url); ``--all`` reads on, page after page, up to the last; ``--save``
writes each message's XML (``GET`` its url) in a directory, as ``<id>-<type>.xml``. The cursor to
pass next time (the page's ``next``) is printed on standard error (« curseur suivant : … »), and
kept in ``--cursor-file`` when given: read from it at the start, written once the page is read
(and its messages saved), so that a run that fails reads the same messages again, none is lost.

The credential is the client id and the secret the portal showed once when it was created:
``--client-id`` (or ``EDI_CLIENT_ID``) and the name of the environment variable holding the
secret, ``--secret-env`` (default ``EDI_SECRET``), so that the secret never appears in the
command line nor in the shell's history. They travel as ``Authorization: Bearer <id>.<secret>``.
The portal's address: ``--url`` (or ``EDI_URL``), e.g. ``https://pro.douane.gouv.fr``.

Exit codes: 0 the message is accepted (or the feed read), 1 it is refused (the answer says
why), 2 anything else (file unreadable, network, credential refused, server error)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import BinaryIO, TextIO

import httpx

MESSAGES_PATH = "/edi/v1/messages"
DEFAULT_URL = "http://127.0.0.1:8000"
DEFAULT_SECRET_ENV = "EDI_SECRET"  # noqa: S105 - the name of a variable, not a secret
MAX_FILE_BYTES = 5 * 1024 * 1024  # the endpoint refuses a larger message anyway

ACCEPTED, REFUSED, ERROR = 0, 1, 2
# Answers that judge the message itself: the answer's XML says why (IE917, IE704 …).
REFUSAL_STATUSES = frozenset({400, 403, 409, 413, 422})


class ClientError(Exception):
    """Something stopped the client before an answer could be judged (French message)."""


def _token(client_id: str, secret_env: str, environ: dict[str, str]) -> str:
    if not client_id:
        raise ClientError("Indiquez l'identifiant client : --client-id ou la variable EDI_CLIENT_ID.")
    secret = environ.get(secret_env, "")
    if not secret:
        raise ClientError(f"La variable d'environnement {secret_env} (le secret de l'identifiant EDI) est vide.")
    return f"{client_id.strip()}.{secret.strip()}"


def _client(args: argparse.Namespace, environ: dict[str, str], transport: httpx.BaseTransport | None) -> httpx.Client:
    token = _token(args.client_id or environ.get("EDI_CLIENT_ID", ""), args.secret_env, environ)
    return httpx.Client(
        base_url=(args.url or environ.get("EDI_URL") or DEFAULT_URL).rstrip("/"),
        headers={"Authorization": f"Bearer {token}", "User-Agent": "prodouane-edi-client/1"},
        timeout=args.timeout,
        transport=transport,
    )


def _say(stream: TextIO, text: str) -> None:
    stream.write(text + "\n")
    stream.flush()


def _write(stream: BinaryIO, data: bytes) -> None:
    stream.write(data)
    if data and not data.endswith(b"\n"):
        stream.write(b"\n")
    stream.flush()


def submit(args, *, environ, stdout: BinaryIO, stderr: TextIO, transport=None) -> int:
    path = Path(args.file)
    with _client(args, environ, transport) as client:
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise ClientError(f"{path} dépasse {MAX_FILE_BYTES // (1024 * 1024)} Mo : le guichet le refuserait.")
            data = path.read_bytes()
        except OSError as error:
            raise ClientError(f"Impossible de lire {path} : {error.strerror or error}.") from error
        response = client.post(MESSAGES_PATH, content=data, headers={"Content-Type": "application/xml"})
    _write(stdout, response.content)
    if response.is_success:
        _say(stderr, f"Message accepté ({response.status_code}).")
        return ACCEPTED
    if response.status_code in REFUSAL_STATUSES:
        _say(stderr, f"Message refusé ({response.status_code}) : la réponse ci-dessus en donne les motifs.")
        return REFUSED
    _say(stderr, f"Erreur du guichet ({response.status_code}).")
    return ERROR


def next_cursor(response: httpx.Response) -> str:
    """The cursor to read the feed from next time: the page's ``next``."""
    try:
        page = response.json()
    except ValueError:
        return ""
    value = page.get("next") if isinstance(page, dict) else None
    return value if isinstance(value, str) else ""


def _refused(response: httpx.Response) -> str:
    """The French reason of a refusal (the ``detail`` of its problem document), if it gives one."""
    try:
        detail = response.json().get("detail", "")
    except (ValueError, AttributeError):
        detail = ""
    return f" : {detail}" if isinstance(detail, str) and detail else "."


def _read_cursor(args) -> str:
    if args.after or not args.cursor_file:
        return args.after
    try:
        return Path(args.cursor_file).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return ""  # the first run: from the first message
    except OSError as error:
        raise ClientError(f"Impossible de lire {args.cursor_file} : {error.strerror or error}.") from error


def _keep_cursor(args, cursor: str) -> None:
    if not args.cursor_file:
        return
    path = Path(args.cursor_file)
    try:
        partial = path.with_name(path.name + ".tmp")
        partial.write_text(cursor + "\n", encoding="utf-8")
        partial.replace(path)  # whole or not at all
    except OSError as error:
        raise ClientError(f"Impossible d'écrire {path} : {error.strerror or error}.") from error


def _save(client: httpx.Client, entry: dict, directory: Path) -> None:
    # By its id on the portal the client was given, not by the ``url`` of the page: the credential
    # goes to no other address than ``--url``'s.
    response = client.get(f"{MESSAGES_PATH}/{entry['id']}")
    if not response.is_success:
        raise ClientError(f"Le message {entry['id']} n'a pas pu être lu ({response.status_code}){_refused(response)}")
    kind = "".join(character for character in str(entry.get("type", "")) if character.isalnum())[:10]
    path = directory / f"{entry['id']}-{kind or 'message'}.xml"
    try:
        path.write_bytes(response.content)
    except OSError as error:
        raise ClientError(f"Impossible d'écrire {path} : {error.strerror or error}.") from error


def pull(args, *, environ, stdout: BinaryIO, stderr: TextIO, transport=None) -> int:
    after = _read_cursor(args)
    directory = Path(args.save) if args.save else None
    if directory is not None:
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ClientError(f"Impossible de créer {directory} : {error.strerror or error}.") from error
    read = 0
    with _client(args, environ, transport) as client:
        while True:
            params = {"limit": str(args.limit)} | ({"after": after} if after else {})
            response = client.get(MESSAGES_PATH, params=params)
            if not response.is_success:
                _say(stderr, f"Lecture du flux refusée ({response.status_code}){_refused(response)}")
                return ERROR
            try:
                entries = response.json()["messages"]
            except (ValueError, KeyError, TypeError):
                entries = None
            if not isinstance(entries, list) or not all(
                isinstance(entry, dict) and type(entry.get("id")) is int for entry in entries
            ):
                raise ClientError("La réponse du guichet n'est pas une page du flux.")
            for entry in entries:
                if directory is not None:
                    _save(client, entry, directory)
                _write(stdout, json.dumps(entry, ensure_ascii=False).encode())
            read += len(entries)
            after = next_cursor(response) or after
            _keep_cursor(args, after)
            if not args.all or not entries:
                break
    _say(stderr, f"{read} message(s) lu(s).")
    if after:
        _say(stderr, f"curseur suivant : {after}")
    return ACCEPTED


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--url", help=f"adresse du portail (défaut : $EDI_URL ou {DEFAULT_URL})")
    common.add_argument("--client-id", help="identifiant client (défaut : $EDI_CLIENT_ID)")
    common.add_argument(
        "--secret-env",
        default=DEFAULT_SECRET_ENV,
        help=f"variable d'environnement qui contient le secret (défaut : {DEFAULT_SECRET_ENV})",
    )
    common.add_argument("--timeout", type=float, default=60.0, help="délai d'attente en secondes (défaut : 60)")
    main = argparse.ArgumentParser(prog="python -m edi.client", description="Client du Guichet EDI de ProDou@ne.")
    commands = main.add_subparsers(dest="command", required=True)
    send = commands.add_parser("submit", parents=[common], help="envoyer un message EMCS (IE815, IE818 …)")
    send.add_argument("file", help="le fichier XML du message")
    read = commands.add_parser("pull", parents=[common], help="lire le flux des messages reçus")
    read.add_argument("--after", default="", help="le curseur donné par la lecture précédente")
    read.add_argument(
        "--cursor-file", default="", help="fichier où le curseur est lu au départ et gardé après chaque page"
    )
    read.add_argument("--limit", type=int, default=100, help="messages par page, de 1 à 500 (défaut : 100)")
    read.add_argument("--all", action="store_true", help="lire toutes les pages jusqu'à la dernière")
    read.add_argument("--save", default="", help="répertoire où écrire le XML de chaque message")
    return main


def main(argv: list[str] | None = None, *, environ=None, stdout=None, stderr=None, transport=None) -> int:
    environ = dict(os.environ if environ is None else environ)
    stdout = stdout if stdout is not None else sys.stdout.buffer
    stderr = stderr if stderr is not None else sys.stderr
    try:
        args = parser().parse_args(argv)
    except SystemExit as exit_:
        return ERROR if exit_.code else ACCEPTED
    command = submit if args.command == "submit" else pull
    try:
        return command(args, environ=environ, stdout=stdout, stderr=stderr, transport=transport)
    except ClientError as error:
        _say(stderr, str(error))
    except httpx.HTTPError as error:
        _say(stderr, f"Le guichet n'a pas répondu : {error}.")
    return ERROR


if __name__ == "__main__":
    sys.exit(main())
