import datetime

from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.views.decorators.http import require_safe

from portal import selectors
from portal.models import Domain, internal_url
from prodouane.health import render_without_request
from www.portal.forms import CatalogueFilterForm

ACCESSIBILITY_STATEMENT_DATE = datetime.date(2026, 11, 26)


def home(request):
    return render(
        request,
        "portal/home.html",
        {
            "services": selectors.accessible_services(user=request.user),
            "focus_blocks": selectors.published_focus_blocks(),
            "news_groups": selectors.news_by_rubric(),
            "agenda": selectors.published_agenda(),
        },
    )


def presentation(request):
    return render(request, "portal/presentation.html", {"title": "Présentation du portail"})


def services(request):
    form = CatalogueFilterForm(request.GET or None)
    domain = form.cleaned_data["domaine"] if form.is_valid() else ""
    return render(
        request,
        "portal/services.html",
        {
            "title": "Services disponibles",
            "form": form,
            "domain_label": Domain(domain).label if domain else "",
            "teleservices": selectors.catalogue(domain=domain or None),
        },
    )


def assistance(request):
    return render(
        request,
        "portal/assistance.html",
        {
            "title": "Assistance en ligne",
            # Links to services other areas provide: shown only once those pages exist.
            "password_reset_url": internal_url("account_reset_password"),
            "infoaccises_url": internal_url("lookups:infoaccises"),
            "tva_url": internal_url("lookups:tva"),
        },
    )


def inscription(request):
    return render(
        request,
        "portal/inscription.html",
        {"title": "Inscription sur le portail", "register_url": internal_url("accounts:registration")},
    )


def news_list(request):
    return render(
        request, "portal/news_list.html", {"title": "Actualités des e-services", "news": selectors.published_news()}
    )


def news_detail(request, pk: int):
    item = selectors.published_news().filter(pk=pk).first()
    if item is None:
        raise Http404("Cette actualité n'existe pas ou n'est pas publiée.")
    return render(request, "portal/news_detail.html", {"title": item.title, "item": item})


def accessibility(request):
    return render(
        request,
        "portal/accessibility.html",
        {"title": "Déclaration d'accessibilité", "statement_date": ACCESSIBILITY_STATEMENT_DATE},
    )


def legal(request):
    return render(request, "portal/legal.html", {"title": "Mentions légales"})


@require_safe
def health(request):
    """For the load balancer: the application answers. No template, no database, never cached."""
    response = HttpResponse("ok", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


# --- Error pages ------------------------------------------------------------------------------
# 400, 403 and 404 are Django's own views with the templates 400.html, 403.html and 404.html.


def server_error(request):
    """The 500 page, rendered without the request's context (``prodouane.health``)."""
    return HttpResponseServerError(render_without_request("500.html"))


def csrf_failure(request, reason: str = ""):
    """A form whose CSRF check failed (session expired, form opened elsewhere, cookies blocked):
    said in French, nothing saved (settings.CSRF_FAILURE_VIEW). A GAMMA form refused because a
    login elsewhere renewed the token is kept and shown again instead (www.kept_posts)."""
    from www.kept_posts import resume_after_csrf_failure

    resumed = resume_after_csrf_failure(request, reason)
    if resumed is not None:
        return resumed
    return render(request, "errors/csrf_failure.html", status=403)
