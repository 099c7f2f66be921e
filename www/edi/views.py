"""The Guichet EDI over HTTP (``/edi/v1/``, contract: ``edi/openapi.yaml``). Only HTTP here:
the credential (``edi.credentials.authenticate``), the rate limit per credential, the media type
and the size cap — all checked before a byte of the body is parsed — then ``edi.service.submit``.
On GET, the credential's feed (``edi.pull``: oldest first, an opaque cursor) and each message's XML.

Refusals without an EMCS message are ``application/problem+json`` documents in French."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

from allauth.core import ratelimit
from allauth.core.internal import ratelimit as ratelimit_internals
from allauth.core.internal.ratelimit import parse_rates
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from edi import answers, credentials, pull, service
from edi.models import Credential
from emcs import xml
from gamma import feed
from portal.instance import is_training

OPENAPI = Path(__file__).resolve().parent.parent.parent / "edi" / "openapi.yaml"
XML_TYPES = frozenset({"application/xml", "text/xml"})
RATE_ACTION = "edi"
MESSAGE_ID = re.compile(r"[1-9][0-9]{0,17}")  # a message's id in the feed: within a bigint, nothing else
LIMIT = re.compile(r"[0-9]{1,4}")


def _problem(status: int, detail: str, **headers: str) -> HttpResponse:
    response = HttpResponse(answers.problem(status, detail), status=status, content_type=answers.PROBLEM_CONTENT_TYPE)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _unauthorised() -> HttpResponse:
    return _problem(
        401,
        "Identifiez-vous avec l'en-tête « Authorization: Bearer <identifiant client>.<secret> » d'un identifiant "
        "EDI en vigueur (demandez-le à l'administrateur GAMMA de votre entreprise ou à votre bureau de douane).",
        WWW_Authenticate='Bearer realm="Guichet EDI"',
    )


def _authenticated(request: HttpRequest) -> Credential | None:
    return credentials.authenticate(request.headers.get("Authorization", ""))


def _retry_after() -> int:
    durations = [rate.duration for rate in parse_rates(settings.ACCOUNT_RATE_LIMITS.get(RATE_ACTION, ""))]
    return math.ceil(max(durations, default=60))


def _refused_unread(credential: Credential, status: int, detail: str, *, size: int, **headers: str) -> HttpResponse:
    """A refusal before the body is read: the evidence keeps who, when, the size and the answer."""
    response = _problem(status, detail, **headers)
    service.record_refusal(
        credential=credential,
        status=status,
        size=size,
        answer=response.content,
        content_type=answers.PROBLEM_CONTENT_TYPE,
    )
    return response


def _rate_limited(request: HttpRequest, credential: Credential) -> HttpResponse | None:
    """429 when the credential sent too many requests (one budget for reading and sending). The
    public ``consume`` counts no GET: the internal one, told to (``limit_get``), counts them."""
    if ratelimit_internals.consume(
        request, app="allauth.account", action=RATE_ACTION, key=credential.client_id, limit_get=True
    ):
        return None
    retry = _retry_after()
    return _problem(
        429,
        f"Trop de requêtes avec cet identifiant EDI. Réessayez dans {retry} secondes.",
        Retry_After=str(retry),
    )


def _bad_request(detail: str) -> HttpResponse:
    """400 for a request (not a message) the feed cannot answer: a bad cursor or limit."""
    document = {"type": "about:blank", "title": "Requête invalide", "status": 400, "detail": detail}
    return HttpResponse(json.dumps(document, ensure_ascii=False), status=400, content_type=answers.PROBLEM_CONTENT_TYPE)


def _limit(value: str | None) -> int:
    if value is None:
        return pull.DEFAULT_LIMIT
    if not LIMIT.fullmatch(value):
        raise feed.FeedError(f"Le nombre de messages demandés (limit) va de 1 à {feed.MAX_LIMIT}.")
    return int(value)


def _feed(request: HttpRequest, credential: Credential) -> HttpResponse:
    """The messages addressed to the credential's numbers after ``after``, ``limit`` at most."""
    refused = _rate_limited(request, credential)
    if refused is not None:
        return refused
    after = request.GET.get("after")
    try:
        page = pull.page(credential, after=after if after != "" else None, limit=_limit(request.GET.get("limit")))
    except feed.FeedError as error:
        return _bad_request(error.message)
    response = JsonResponse(
        {
            "messages": [
                item.as_json(url=request.build_absolute_uri(reverse("edi:message", args=[item.message.pk])))
                for item in page.entries
            ],
            "next": page.next,
        },
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "no-store"  # a company's messages: kept by no cache on the way
    if is_training():  # the « cahier de recette EDI » counts the reads of the feed
        from training.scenarios import record_feed_read

        record_feed_read(credential, len(page.entries))
    return response


def _declared_length(request: HttpRequest) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def _submit(request: HttpRequest, credential: Credential) -> HttpResponse:
    declared = _declared_length(request)
    if not ratelimit.consume(request, action=RATE_ACTION, key=credential.client_id):
        retry = _retry_after()
        return _refused_unread(
            credential,
            429,
            f"Trop de messages envoyés avec cet identifiant EDI. Réessayez dans {retry} secondes.",
            size=declared,
            Retry_After=str(retry),
        )
    media_type = request.content_type.lower() if request.content_type else ""
    if media_type not in XML_TYPES and declared:  # an empty body is refused as an empty message
        return _refused_unread(
            credential,
            415,
            "Envoyez le message XML avec l'en-tête « Content-Type: application/xml » "
            f"(reçu : « {media_type or 'aucun'} »).",
            size=declared,
        )
    cap = xml.MAX_MESSAGE_BYTES
    too_large = f"Le message dépasse la taille maximale de {cap // 1024 // 1024} Mo."
    if declared > cap:
        return _refused_unread(credential, 413, too_large, size=declared)
    data = request.read(cap + 1)  # the stream, not request.body: no copy beyond the cap
    if len(data) > cap:
        return _refused_unread(credential, 413, too_large, size=len(data))
    answer = service.submit(data, sender=credential, channel=service.EDI)
    body, content_type = answers.body_of(answer)
    response = HttpResponse(body, status=answer.status, content_type=content_type)
    if answer.replayed:
        response["Idempotent-Replayed"] = "true"
    return response


@csrf_exempt
def messages(request: HttpRequest) -> HttpResponse:
    """POST a message; GET the feed of the messages addressed to the credential's numbers."""
    credential = _authenticated(request)
    if credential is None:
        return _unauthorised()
    if request.method == "POST":
        return _submit(request, credential)
    if request.method == "GET":
        return _feed(request, credential)
    return _problem(405, "Seules les méthodes GET et POST sont prises en charge à cette adresse.", Allow="GET, POST")


@csrf_exempt
def message(request: HttpRequest, id: str) -> HttpResponse:
    """GET the XML of a message of the credential's feed; 404 for any other, whoever's it is."""
    credential = _authenticated(request)
    if credential is None:
        return _unauthorised()
    if request.method != "GET":
        return _problem(405, "Seule la méthode GET est prise en charge à cette adresse.", Allow="GET")
    refused = _rate_limited(request, credential)
    if refused is not None:
        return refused
    found = pull.message(credential, int(id)) if MESSAGE_ID.fullmatch(id) else None
    if found is None:
        return _problem(404, "Aucun message de ce numéro ne vous est adressé.")
    response = HttpResponse(bytes(found.xml), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{found.message_type}-{found.pk}.xml"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def openapi(request: HttpRequest) -> HttpResponse:
    """The contract, as written (YAML, OpenAPI 3.1)."""
    return HttpResponse(OPENAPI.read_bytes(), content_type="application/yaml; charset=utf-8")
