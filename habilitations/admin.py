from django.contrib import admin

from habilitations.models import Adhesion, AdhesionLine, AuditEvent, Delegation, Habilitation


class AdhesionLineInline(admin.TabularInline):
    model = AdhesionLine
    extra = 0
    readonly_fields = ["user", "rights"]
    can_delete = False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never edited here: every change goes through habilitations.services, which checks
    the rights and writes the audit trail."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Adhesion)
class AdhesionAdmin(ReadOnlyAdmin):
    list_display = ["excise_number", "company_name", "teleservice", "status", "customs_office", "submitted_at"]
    list_filter = ["status", "teleservice", "customs_office"]
    search_fields = ["excise_number__number", "company_name", "siren"]
    inlines = [AdhesionLineInline]


@admin.register(Habilitation)
class HabilitationAdmin(ReadOnlyAdmin):
    list_display = ["user", "teleservice", "excise_number", "right", "granted_by", "granted_at"]
    list_filter = ["teleservice", "right"]
    search_fields = ["user__username", "excise_number__number"]


@admin.register(Delegation)
class DelegationAdmin(ReadOnlyAdmin):
    list_display = ["user", "operator", "kind", "teleservice", "may_appoint_admins", "granted_by", "granted_at"]
    list_filter = ["kind", "teleservice"]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "operator", "summary", "screen"]
    list_filter = ["action"]
    search_fields = ["summary", "operator__name", "actor__username"]
