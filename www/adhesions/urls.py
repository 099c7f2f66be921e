from django.urls import path

from www.adhesions import join, views

app_name = "adhesions"
urlpatterns = [
    path("", views.adhesion_list, name="list"),
    path("nouvelle/", views.start, name="start"),
    path("<int:pk>/", views.adhesion_detail, name="detail"),
    path("<int:pk>/formulaire/", views.adhesion_form, name="form"),
    path("<int:pk>/retrait/", views.adhesion_withdraw, name="withdraw"),
    path("<int:pk>/formulaire.pdf", views.adhesion_pdf_download, name="pdf"),
    path("habilitations/", views.habilitations_home, name="habilitations"),
    path("habilitations/administrateurs/", views.appoint_admin, name="appoint_admin"),
    path("habilitations/<str:number>/", views.habilitations_number, name="habilitations_number"),
    path("rattachements/", join.claims_page, name="claims"),
    path("rejoindre/", join.join, name="join"),
    path("rejoindre/retrait/", join.join_withdraw, name="join_withdraw"),
    path("journal/", views.audit_trail, name="audit"),
]
