from django.urls import path

from www.fallback import gps

app_name = "gps"
urlpatterns = [
    path("", gps.home, name="home"),
    path("generer/", gps.generate, name="generate"),
    path("suivi/", gps.follow_up, name="follow_up"),
    path("documents/<str:number>/", gps.document, name="document"),
    path("documents/<str:number>/formulaire.pdf", gps.document_pdf, name="document_pdf"),
    path("documents/<str:number>/regulariser/", gps.regularise, name="regularise"),
    path("formulaire-daa-vierge.pdf", gps.blank_form, name="blank_form"),
    path("aide/", gps.help_page, name="help"),
]
