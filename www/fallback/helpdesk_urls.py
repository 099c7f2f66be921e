from django.urls import path

from www.fallback import helpdesk

app_name = "helpdesk"
urlpatterns = [
    path("", helpdesk.request_list, name="list"),
    path("nouvelle/", helpdesk.new, name="new"),
    path("<int:pk>/", helpdesk.detail, name="detail"),
    path("sau/", helpdesk.sau_queue, name="sau_queue"),
    path("sau/<int:pk>/", helpdesk.sau_detail, name="sau_detail"),
    path("sau/<int:pk>/traiter/", helpdesk.sau_handle, name="sau_handle"),
]
