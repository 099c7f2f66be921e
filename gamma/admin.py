from django.contrib import admin

from gamma.models import Movement, MovementDocument, MovementEvent, MovementLine, MovementTrader, TransportDetail


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TraderInline(ReadOnlyInline):
    model = MovementTrader
    fields = ["role", "trader_excise_number", "traderid", "vat_number", "trader_name", "postcode", "city"]


class LineInline(ReadOnlyInline):
    model = MovementLine
    fields = [
        "body_record_unique_reference",
        "excise_product_code",
        "cn_code",
        "quantity",
        "gross_mass",
        "net_mass",
        "alcoholic_strength",
        "wine_product_category",
    ]


class DocumentInline(ReadOnlyInline):
    model = MovementDocument
    fields = ["position", "document_type", "document_reference", "document_description"]


class TransportDetailInline(ReadOnlyInline):
    model = TransportDetail
    fields = ["position", "transport_unit_code", "identity_of_transport_units", "commercial_seal_identification"]


class EventInline(ReadOnlyInline):
    model = MovementEvent
    fields = ["at", "action", "from_status", "to_status", "message_type", "actor"]


@admin.register(Movement)
class MovementAdmin(admin.ModelAdmin):
    """Read-only: movements change only through the GAMMA services (rules, rights, timeline)."""

    list_display = ["__str__", "kind", "status", "consignor", "consignee_identifier", "dispatch_date", "validated_at"]
    list_filter = ["kind", "status"]
    search_fields = ["=arc", "local_reference_number", "consignor__number", "consignee_identifier"]
    date_hierarchy = "created_at"
    list_select_related = ["consignor"]
    inlines = [TraderInline, DocumentInline, LineInline, TransportDetailInline, EventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
