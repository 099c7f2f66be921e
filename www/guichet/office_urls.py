from django.urls import path

from www.guichet import credentials, webhooks

app_name = "office_edi"
urlpatterns = [
    path("", credentials.office_credentials, name="credentials"),
    path("identifiants/<int:pk>/renouveler/", credentials.office_rotate, name="credential_rotate"),
    path("identifiants/<int:pk>/revoquer/", credentials.office_revoke, name="credential_revoke"),
    path("identifiants/<int:pk>/notifications/", webhooks.office_webhook, name="credential_webhook"),
]
