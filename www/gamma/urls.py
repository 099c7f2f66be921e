from django.urls import path

from www.gamma import movements, views

app_name = "gamma"
urlpatterns = [
    path("", views.home, name="home"),
    path("<str:number>/", views.excise_home, name="excise_home"),
    # After validation (www/gamma/movements.py): search, a movement, its copy, its actions, messages.
    path("<str:number>/mouvements/", movements.movement_search, name="movement_search"),
    path("<str:number>/mouvements/export.csv", movements.movement_search_csv, name="movement_search_csv"),
    path("<str:number>/mouvements/<int:pk>/", movements.movement_detail, name="movement"),
    path("<str:number>/mouvements/<int:pk>/document.pdf", movements.movement_pdf, name="movement_pdf"),
    path("<str:number>/mouvements/<int:pk>/<slug:slug>/", movements.movement_action, name="movement_action"),
    path("<str:number>/messages/", movements.movement_inbox, name="inbox"),
]
