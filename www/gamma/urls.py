from django.urls import path

from www.gamma import inbox, movements, prepare, prevalidation, register_fill, review, upload, views

app_name = "gamma"
urlpatterns = [
    path("", views.home, name="home"),
    path("pre-validation/", prevalidation.operator_prevalidation, name="prevalidation"),
    # A trader's name and address from the register, by excise number (www/gamma/register_fill.py).
    path("registre/adresse.json", register_fill.register_address, name="register_address"),
    path("<str:number>/", views.excise_home, name="excise_home"),
    # After validation (www/gamma/movements.py): search, a movement, its copy, its actions, messages.
    path("<str:number>/mouvements/", movements.movement_search, name="movement_search"),
    path("<str:number>/mouvements/export.csv", movements.movement_search_csv, name="movement_search_csv"),
    path("<str:number>/mouvements/<int:pk>/", movements.movement_detail, name="movement"),
    path("<str:number>/mouvements/<int:pk>/document.pdf", movements.movement_pdf, name="movement_pdf"),
    path(
        "<str:number>/mouvements/<int:pk>/messages/<int:message_pk>.xml",
        movements.movement_message_xml,
        name="movement_message",
    ),
    path("<str:number>/mouvements/<int:pk>/<slug:slug>/", movements.movement_action, name="movement_action"),
    # « Messages » (www/gamma/inbox.py): the list, one message, each person's read and archived state.
    path("<str:number>/messages/", inbox.inbox_list, name="inbox"),
    path("<str:number>/messages/tout-lu/", inbox.inbox_all_read, name="inbox_all_read"),
    path("<str:number>/messages/<int:pk>/", inbox.inbox_message, name="inbox_message"),
    path("<str:number>/messages/<int:pk>/etat/", inbox.inbox_change, name="inbox_change"),
    # « Déposer des messages XML » (www/gamma/upload.py): the same service as the Guichet EDI.
    path("<str:number>/depot-xml/", upload.upload, name="upload"),
    # Preparing and issuing (www/gamma/prepare.py): drafts, their task list and sections, templates.
    path("<str:number>/preparer/<slug:kind>/", prepare.draft_new, name="draft_new"),
    path("<str:number>/brouillons/", prepare.draft_list, name="drafts"),
    path("<str:number>/brouillons/<int:pk>/", prepare.draft_detail, name="draft"),
    path("<str:number>/brouillons/<int:pk>/relire/", review.draft_review, name="draft_review"),
    path("<str:number>/brouillons/<int:pk>/valider/", prepare.draft_validate, name="draft_validate"),
    path("<str:number>/brouillons/<int:pk>/emis/", prepare.draft_issued, name="draft_issued"),
    path("<str:number>/brouillons/<int:pk>/supprimer/", prepare.draft_delete, name="draft_delete"),
    path("<str:number>/brouillons/<int:pk>/modele/", prepare.template_save, name="template_save"),
    path("<str:number>/brouillons/<int:pk>/lignes/", prepare.draft_lines, name="draft_lines"),
    path("<str:number>/brouillons/<int:pk>/lignes/<int:position>/", prepare.draft_line, name="draft_line"),
    path("<str:number>/brouillons/<int:pk>/<slug:slug>/", prepare.draft_section, name="draft_section"),
    path("<str:number>/modeles/", prepare.template_list, name="templates"),
]
