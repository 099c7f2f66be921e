from django.urls import path

from www.guichet import guichet
from www.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("presentation/", views.presentation, name="presentation"),
    path("services-disponibles/", views.services, name="services"),
    path("guichet-edi/", guichet.page, name="edi"),
    path("assistance/", views.assistance, name="assistance"),
    path("inscription/", views.inscription, name="inscription"),
    path("actualites/", views.news_list, name="news_list"),
    path("actualites/<int:pk>/", views.news_detail, name="news_detail"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("mentions-legales/", views.legal, name="legal"),
    path("sante/", views.health, name="health"),
]
