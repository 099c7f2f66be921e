from django.urls import path

from www.verification import views

app_name = "verification"
urlpatterns = [
    path("", views.home, name="home"),
    path("<str:code>/", views.check, name="check"),
]
