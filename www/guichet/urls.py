from django.urls import path

from www.guichet import guichet, schemas

app_name = "guichet"
urlpatterns = [
    path(f"schemas/{schemas.ZIP_NAME}", guichet.schemas_archive, name="schemas_zip"),
    path("schemas/<str:name>", guichet.schema, name="schema"),
    path("bac-a-sable/", guichet.sandbox, name="sandbox"),
]
