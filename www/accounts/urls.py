from django.urls import path

from www.accounts import notifications, views

app_name = "accounts"
urlpatterns = [
    path("inscription/", views.registration, name="registration"),
    path("inscription/recapitulatif/", views.registration_summary, name="registration_summary"),
    path("activation/nouveau-lien/", views.resend_activation, name="resend_activation"),
    path("activation/compte-active/", views.activated, name="activated"),
    path("activation/non-active/", views.not_activated, name="not_activated"),
    path("activation/<str:token>/", views.activate, name="activate"),
    path("", views.my_account, name="my_account"),
    path("situation/", views.situation, name="situation"),
    path("securite/", views.security, name="security"),
    path("references/", views.references, name="references"),
    path("references/entreprise/", views.change_company, name="change_company"),
    path("notifications/", notifications.notification_preferences, name="notifications"),
    path("espace-personnel/", views.personal_space, name="personal_space"),
    path("espace-personnel/acces/<str:service_name>/", views.enter_teleservice, name="enter_teleservice"),
]
