from django.urls import path

from www.training import views

app_name = "training"
urlpatterns = [
    path("", views.company, name="company"),
    path("reinitialiser/", views.reset, name="reset"),
    path("cahier-de-recette-edi/", views.edi_checklist, name="edi_checklist"),
]
