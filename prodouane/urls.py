from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from prodouane import health, metrics
from www.accounts.views import admin_login

admin.site.site_header = "Administration ProDou@ne"
admin.site.site_title = "Administration ProDou@ne"
admin.site.index_title = "Gestion du portail et du référentiel"

urlpatterns = [
    # Readiness for the load balancer and the metrics for Prometheus (issue 13; prodouane.health, .metrics).
    path("sante/pret/", health.ready, name="ready"),
    path("metrics", metrics.metrics_view, name="metrics"),
    path("", include("www.portal.urls")),
    path("guichet-edi/", include("www.guichet.urls")),
    path("formation/", include("www.training.urls")),
    path("compte/", include("www.accounts.urls")),
    path("compte/", include("allauth.urls")),
    path("services/", include("www.lookups.urls")),
    path("gamma/", include("www.gamma.urls")),
    path("adhesions/", include("www.adhesions.urls")),
    path("gps/", include("www.fallback.gps_urls")),
    path("incidents/", include("www.fallback.incident_urls")),
    path("demandes-assistance/", include("www.fallback.helpdesk_urls")),
    path("bureau/secours/", include("www.fallback.office_urls")),
    path("bureau/edi/", include("www.guichet.office_urls")),
    path("bureau/", include("www.office.urls")),
    path("edi/v1/", include("www.edi.urls")),
    # Public check page of a printed document (its QR code), no login.
    path("verifier/", include("www.verification.urls")),
    # Staff log in through the portal (rate limits, TOTP), never through the admin's own form.
    path("admin/login/", admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
]

if settings.DEV_MAILBOX:
    urlpatterns.append(path("dev/boite-mail/", include("www.mail.urls")))

# French DSFR error pages (400.html, 403.html and 404.html are found by Django's own views).
# A database error is answered with the 503 page « Service momentanément indisponible » instead.
handler500 = "prodouane.health.server_error"
