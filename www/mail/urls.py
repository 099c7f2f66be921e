from django.urls import path

from www.mail import views

app_name = "dev_mail"
urlpatterns = [
    path("", views.mailbox, name="mailbox"),
    path("<int:pk>/", views.message_detail, name="message"),
]
