"""The public check page of a printed document (``/verifier/<code>/``), reached from the QR code
of the paper or from the form of ``/verifier/`` where the code is typed by hand. No login; what it
shows is ``gamma.verification``'s. Kept by no cache, indexed by no search engine, limited per IP
address (``ACCOUNT_RATE_LIMITS["verify"]``, setting ``RATE_LIMIT_VERIFY``); a code that is no
document's gets the same French 404 whatever the reason."""

from __future__ import annotations

import math

from allauth.core.internal import ratelimit
from allauth.core.internal.ratelimit import parse_rates
from django.conf import settings
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from gamma import verification
from identifiers import check_code
from www.verification.forms import CheckCodeForm

RATE_ACTION = "verify"
TITLE = "Vérifier un document imprimé"
THROTTLED = "Trop de vérifications depuis votre adresse en peu de temps. Réessayez dans quelques minutes."


def _private(response):
    """Neither kept by a cache nor indexed, and the code in the address given to no other site."""
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _within_rate(request) -> bool:
    """The public ``consume`` counts no GET: the internal one, told to (``limit_get``), counts them."""
    return bool(ratelimit.consume(request, app="allauth.account", action=RATE_ACTION, limit_get=True))


def _retry_after() -> int:
    durations = [rate.duration for rate in parse_rates(settings.ACCOUNT_RATE_LIMITS.get(RATE_ACTION, ""))]
    return math.ceil(min(durations, default=60))


@require_GET
def home(request):
    """The form to type the code printed under the QR code; a valid one leads to its page."""
    form = CheckCodeForm(request.GET) if "code" in request.GET else CheckCodeForm()
    if form.is_bound and form.is_valid():
        return redirect("verification:check", code=form.cleaned_data["code"])
    return _private(render(request, "verification/home.html", {"title": TITLE, "form": form}))


@require_GET
def check(request, code: str):
    if not _within_rate(request):
        response = render(request, "verification/throttled.html", {"title": TITLE, "refusal": THROTTLED}, status=429)
        response["Retry-After"] = str(_retry_after())
        return _private(response)
    checked = verification.check(code)
    if checked is None:
        form = CheckCodeForm()
        return _private(render(request, "verification/not_found.html", {"title": TITLE, "form": form}, status=404))
    context = {
        "title": TITLE,
        "checked": checked,
        "code": check_code.display(check_code.validate(code)),
        "checked_at": timezone.localtime(),
    }
    return _private(render(request, "verification/check.html", context))
