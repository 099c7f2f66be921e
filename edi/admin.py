"""The EDI notifications in the admin, read only and without their signing key (kept encrypted,
read only to sign: ``edi.webhooks``)."""

from django.contrib import admin

from edi.models import Delivery, Webhook


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Webhook)
class WebhookAdmin(ReadOnlyAdmin):
    list_display = ["credential", "url", "created_at", "secret_rotated_at"]
    search_fields = ["credential__client_id", "url"]
    fields = ["credential", "url", "created_by", "created_at", "updated_at", "secret_rotated_at"]  # never the key
    readonly_fields = fields


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ["event_id", "credential", "kind", "status", "attempts", "last_status_code", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["credential__client_id", "event_id"]
    fields = [
        "event_id",
        "credential",
        "kind",
        "feed_entry",
        "status",
        "attempts",
        "created_at",
        "next_attempt_at",
        "last_attempt_at",
        "last_status_code",
        "last_error",
        "delivered_at",
    ]
    readonly_fields = fields
