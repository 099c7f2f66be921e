from django.urls import path

from www.office import dashboard, gamma, views
from www.outbox import views as outbox

app_name = "office"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("tableau-de-bord/", dashboard.dashboard, name="dashboard"),
    path("envois/", outbox.office_page, name="outbox"),
    path("envois/<str:kind>/<int:pk>/", outbox.office_detail, name="outbox_item"),
    path("adhesions/<int:pk>/", views.adhesion_detail, name="adhesion"),
    path("adhesions/<int:pk>/accepter/", views.adhesion_approve, name="adhesion_approve"),
    path("adhesions/<int:pk>/refuser/", views.adhesion_reject, name="adhesion_reject"),
    path("adhesions/<int:pk>/operateur/", views.operator_update, name="operator_update"),
    path("entreprises/", views.companies, name="companies"),
    path("entreprises/<str:siren>/", views.company_detail, name="company"),
    path("entreprises/<str:siren>/delegations/", views.delegation_grant, name="delegation_grant"),
    path("entreprises/<str:siren>/delegations/<int:pk>/retirer/", views.delegation_revoke, name="delegation_revoke"),
    path("entreprises/<str:siren>/habilitations/", views.habilitations_edit, name="habilitations"),
    path("entreprises/<str:siren>/journal/", views.company_audit, name="audit"),
    path("gamma/", gamma.movement_search, name="gamma_search"),
    path("gamma/hors-delai/", gamma.overdue, name="gamma_overdue"),
    path("gamma/<int:pk>/", gamma.movement_detail, name="gamma_movement"),
    path("gamma/<int:pk>/messages/<int:message_pk>/", gamma.movement_message_xml, name="gamma_message"),
    path("gamma/<int:pk>/<slug:slug>/", gamma.movement_action, name="gamma_action"),
]
