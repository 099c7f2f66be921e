from django.urls import path

from www.lookups import views

app_name = "lookups"
urlpatterns = [
    path("siret/", views.siret_lookup, name="siret"),
    path("siret/<str:siret>.json", views.siret_json, name="siret_json"),
    path("infoaccises/", views.infoaccises, name="infoaccises"),
    path("tva-intracom/", views.tva, name="tva"),
]
