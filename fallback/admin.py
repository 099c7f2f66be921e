"""The fallback procedure in the admin, read only: every change goes through ``fallback.services``
(rights checked, history written, e-mails queued)."""

from django.contrib import admin

from fallback.models import AssistanceRequest, FallbackAuthorisation, FallbackDocument, Incident, NumberSeries


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Incident)
class IncidentAdmin(ReadOnlyAdmin):
    list_display = ["teleservice", "level", "starts_at", "expected_end_at", "closed_at"]
    list_filter = ["level", "teleservice"]


@admin.register(AssistanceRequest)
class AssistanceRequestAdmin(ReadOnlyAdmin):
    list_display = ["pk", "excise_number", "requester", "status", "customs_office", "created_at"]
    list_filter = ["status", "customs_office"]
    search_fields = ["excise_number__number", "requester__username"]


@admin.register(FallbackAuthorisation)
class FallbackAuthorisationAdmin(ReadOnlyAdmin):
    list_display = ["excise_number", "customs_office", "valid_from", "valid_until", "granted_by"]
    search_fields = ["excise_number__number"]


@admin.register(FallbackDocument)
class FallbackDocumentAdmin(ReadOnlyAdmin):
    list_display = ["number", "excise_number", "nature", "dispatch_at", "status", "issued_by"]
    list_filter = ["status", "nature"]
    search_fields = ["number", "excise_number__number"]


@admin.register(NumberSeries)
class NumberSeriesAdmin(ReadOnlyAdmin):
    list_display = ["excise_number", "year", "last_order"]
    search_fields = ["excise_number__number"]
