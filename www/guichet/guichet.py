"""The « Guichet EDI » page (``/guichet-edi/``): how a provider's software connects to the EDI
endpoint, the OpenAPI contract read for people, the V3.23 schemas to download, the accredited
providers, and the sandbox validator, which gives the IE917 or IE704 a message would get through
the same ``edi.service.submit`` as the endpoint, with ``dry_run``: nothing is stored."""

from allauth.core import ratelimit
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from edi import service
from habilitations import selectors as habilitation_selectors
from portal import selectors as portal_selectors
from portal.instance import is_training
from www.guichet import answers, credentials, files, openapi, schemas

ENDPOINT_PATH = "/edi/v1/messages"
CONTRACT_PATH = "/edi/v1/openapi.yaml"
SANDBOX_FIELD_TEXT = "message"
SANDBOX_FIELD_FILE = "fichier"
# A pasted message: at most this many characters (Django refuses a form field over 2.5 Mo).
SANDBOX_MAX_CHARACTERS = 2_000_000


def _context(request, **extra) -> dict:
    return {
        "title": "Guichet EDI",
        "edi_services": portal_selectors.catalogue().filter(edi=True),
        "endpoint_url": request.build_absolute_uri(ENDPOINT_PATH),
        "contract_url": CONTRACT_PATH,
        "contract": openapi.contract(),
        "schemas": schemas.schemas(),
        "schemas_zip_name": schemas.ZIP_NAME,
        "providers": habilitation_selectors.accredited_edi_providers(),
        "sandbox_max_characters": SANDBOX_MAX_CHARACTERS,
        "max_file_size": files.size_in_words(files.MAX_FILE_BYTES),
        "credentials_url": credentials.pages_url(request.user),
        "training_checklist": is_training(),
        **extra,
    }


@require_safe
def page(request):
    return render(request, "guichet/guichet.html", _context(request))


@require_safe
def schema(request, name: str):
    data = schemas.schema_bytes(name)
    if data is None:
        raise Http404("Ce schéma n'existe pas.")
    response = HttpResponse(data, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@require_safe
def schemas_archive(request):
    response = HttpResponse(schemas.schemas_zip(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{schemas.ZIP_NAME}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def sandbox(request):
    """The sandbox validator: the answer a message would get, nothing stored. For logged-in people
    (the message is judged with their rights), limited per IP address."""
    if request.method == "GET":
        return redirect(reverse("portal:edi") + "#bac-a-sable")
    context = {**_context(request), "title": "Tester un message EDI"}
    if not ratelimit.consume(request, action="edi_sandbox"):
        refusal = "Trop de messages ont été testés depuis votre adresse. Réessayez dans quelques minutes."
        return render(request, "guichet/sandbox.html", {**context, "sandbox_error": refusal}, status=429)
    try:
        data, text = _sandbox_message(request)
    except files.Refused as refusal:
        return render(request, "guichet/sandbox.html", {**context, "sandbox_error": refusal.message}, status=400)
    answer = service.submit(data, sender=request.user, channel=service.UPLOAD, dry_run=True)
    return render(
        request, "guichet/sandbox.html", {**context, "answer": answers.answer_view(answer), "sandbox_text": text}
    )


def _sandbox_message(request) -> tuple[bytes, str]:
    """The message's bytes (the file's as they are, or the pasted text in UTF-8) and the text to
    show back in the form."""
    received = files.uploaded_files(request, SANDBOX_FIELD_FILE, max_files=1)
    text = files.post_data(request).get(SANDBOX_FIELD_TEXT, "")
    if received and received[0].data:
        return received[0].data, ""
    if len(text) > SANDBOX_MAX_CHARACTERS:
        raise files.Refused("Le texte collé est trop long : déposez le message comme fichier.")
    if not text.strip():
        raise files.Refused("Collez un message XML ou choisissez son fichier, puis « Tester le message ».")
    return text.encode("utf-8"), text
