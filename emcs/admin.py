"""The EMCS code lists in the back office: read only, the file is their source
(``manage.py load_emcs_codelists``)."""

from django.contrib import admin

from emcs.models import CnCode, CodeListEntry, EpcCnCode, ExciseProductCode, PackageKind


class ReadOnlyAdmin(admin.ModelAdmin):
    list_per_page = 100

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CodeListEntry)
class CodeListEntryAdmin(ReadOnlyAdmin):
    list_display = ["list_code", "key", "label", "value"]
    list_filter = ["list_code"]
    search_fields = ["key", "value", "label"]


@admin.register(ExciseProductCode)
class ExciseProductCodeAdmin(ReadOnlyAdmin):
    list_display = [
        "code",
        "label",
        "category",
        "unit_of_measure",
        "alcoholic_strength_applicable",
        "degree_plato_applicable",
        "density_applicable",
    ]
    list_filter = ["category", "alcoholic_strength_applicable", "degree_plato_applicable", "density_applicable"]
    search_fields = ["code", "label", "description"]


@admin.register(CnCode)
class CnCodeAdmin(ReadOnlyAdmin):
    list_display = ["code", "label", "description"]
    search_fields = ["code", "label", "description"]


@admin.register(EpcCnCode)
class EpcCnCodeAdmin(ReadOnlyAdmin):
    list_display = ["epc", "cn"]
    list_filter = ["epc"]
    search_fields = ["cn__code", "epc__code"]
    list_select_related = ["epc", "cn"]


@admin.register(PackageKind)
class PackageKindAdmin(ReadOnlyAdmin):
    list_display = ["code", "label", "description", "countable"]
    list_filter = ["countable"]
    search_fields = ["code", "label", "description"]
