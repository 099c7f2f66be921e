from django.urls import path

from www.fallback import helpdesk
from www.outbox import views as outbox

app_name = "helpdesk"
urlpatterns = [
    path("", helpdesk.request_list, name="list"),
    path("nouvelle/", helpdesk.new, name="new"),
    path("<int:pk>/", helpdesk.detail, name="detail"),
    path("sau/", helpdesk.sau_queue, name="sau_queue"),
    path("sau/envois/", outbox.sau_page, name="outbox"),
    path("sau/envois/<str:kind>/<int:pk>/", outbox.sau_detail, name="outbox_item"),
    path("sau/envois/<str:kind>/<int:pk>/relancer/", outbox.sau_resend, name="outbox_resend"),
    path("sau/<int:pk>/", helpdesk.sau_detail, name="sau_detail"),
    path("sau/<int:pk>/traiter/", helpdesk.sau_handle, name="sau_handle"),
]
