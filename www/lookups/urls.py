app_name = "lookups"
urlpatterns: list = []
