"""The messages exchanged with the other member states in the admin, read only: the outbox's
waiting rows and their last error, the messages received and whether they were applied."""

from django.contrib import admin

from eu.models import Exchange, SimulatedMessage


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Exchange)
class ExchangeAdmin(ReadOnlyAdmin):
    list_display = ["message_type", "direction", "member_state", "state", "attempts", "movement", "created_at"]
    list_filter = ["direction", "state", "message_type", "member_state"]
    search_fields = ["message_identifier", "movement__arc"]
    fields = [
        "direction",
        "message_type",
        "message_identifier",
        "member_state",
        "movement",
        "state",
        "attempts",
        "error",
        "created_at",
        "done_at",
    ]
    readonly_fields = fields


@admin.register(SimulatedMessage)
class SimulatedMessageAdmin(ReadOnlyAdmin):
    list_display = ["message_type", "member_state", "received_at", "answer_due_at", "answered_at"]
    list_filter = ["message_type", "member_state"]
    search_fields = ["message_identifier"]
    fields = ["message_type", "message_identifier", "member_state", "received_at", "answer_due_at", "answered_at"]
    readonly_fields = fields
