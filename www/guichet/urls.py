from django.urls import path

from www.guichet import credentials, guichet, schemas, webhooks

app_name = "guichet"
urlpatterns = [
    path(f"schemas/{schemas.ZIP_NAME}", guichet.schemas_archive, name="schemas_zip"),
    path("schemas/<str:name>", guichet.schema, name="schema"),
    path("bac-a-sable/", guichet.sandbox, name="sandbox"),
    path("identifiants/", credentials.company_credentials, name="credentials"),
    path("identifiants/<int:pk>/renouveler/", credentials.company_rotate, name="credential_rotate"),
    path("identifiants/<int:pk>/revoquer/", credentials.company_revoke, name="credential_revoke"),
    path("identifiants/<int:pk>/notifications/", webhooks.company_webhook, name="credential_webhook"),
]
