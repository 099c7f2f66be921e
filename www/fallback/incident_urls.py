from django.urls import path

from www.fallback import incidents

app_name = "incidents"
urlpatterns = [
    path("", incidents.weather, name="weather"),
    path("cid/", incidents.manage, name="manage"),
    path("cid/declarer/", incidents.declare, name="declare"),
    path("cid/<int:pk>/", incidents.edit, name="edit"),
    path("cid/<int:pk>/cloturer/", incidents.close, name="close"),
]
