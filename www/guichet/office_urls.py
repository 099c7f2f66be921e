from django.urls import path

from www.guichet import credentials

app_name = "office_edi"
urlpatterns = [
    path("", credentials.office_credentials, name="credentials"),
    path("identifiants/<int:pk>/renouveler/", credentials.office_rotate, name="credential_rotate"),
    path("identifiants/<int:pk>/revoquer/", credentials.office_revoke, name="credential_revoke"),
]
