from django.urls import path

from www.edi import views

app_name = "edi"
urlpatterns = [
    path("messages", views.messages, name="messages"),
    path("messages/<str:id>", views.message, name="message"),
    path("openapi.yaml", views.openapi, name="openapi"),
]
