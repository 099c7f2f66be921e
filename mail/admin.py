from django.contrib import admin

from mail.models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Who, what subject, where it stands: never the body, which carries activation and
    password-reset links (encrypted in the database, read only to send it)."""

    list_display = ["subject", "recipients", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject", "to"]
    fields = ["recipients", "subject", "status", "attempts", "created_at", "sent_at", "last_error"]
    readonly_fields = fields

    @admin.display(description="destinataires")
    def recipients(self, obj):
        return ", ".join(obj.to)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
