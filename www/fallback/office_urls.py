from django.urls import path

from www.fallback import office

app_name = "office_fallback"
urlpatterns = [
    path("", office.overview, name="overview"),
    path("documents.csv", office.export, name="export"),
    path("demandes/<int:pk>/", office.request_detail, name="request"),
    path("demandes/<int:pk>/autoriser/", office.grant, name="grant"),
    path("demandes/<int:pk>/refuser/", office.refuse, name="refuse"),
]
