from django.urls import path

from www.gamma import views

app_name = "gamma"
urlpatterns = [
    path("", views.home, name="home"),
    path("<str:number>/", views.excise_home, name="excise_home"),
]
