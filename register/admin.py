"""Back office of the register. SIRENE rows come from INSEE's files (``import_sirene``): read only.
The CID and superusers edit operators, their excise numbers and the customs offices; office agents
only read them (``accounts.roles``). Giving an excise number an office or an operator is written in
the audit trail with who did it (``habilitations.services.excise_number_reassigned``)."""

from django import forms
from django.contrib import admin
from django.core.paginator import Paginator
from django.db import connection
from django.utils.functional import cached_property

from habilitations import rights
from habilitations import services as habilitation_services
from identifiers import fields as identifier_fields
from register.models import CustomsOffice, Establishment, ExciseNumber, LegalUnit, Operator, ProductCategory


class EstimatedCountPaginator(Paginator):
    """Tens of millions of SIRENE rows: an unfiltered list takes PostgreSQL's estimate of the row
    count instead of counting them all at every page."""

    @cached_property
    def count(self):
        query = getattr(self.object_list, "query", None)
        if query is not None and connection.vendor == "postgresql" and not query.where:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [query.model._meta.db_table]
                )
                row = cursor.fetchone()
            if row and row[0] > 100_000:
                return row[0]
        return super().count


def _digits(term: str) -> str:
    return term.replace(" ", "").replace(".", "")


class SireneAdmin(admin.ModelAdmin):
    """Read only; a search made of 9 or 14 digits goes straight to the SIREN or SIRET (indexed)."""

    paginator = EstimatedCountPaginator
    show_full_result_count = False
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_search_results(self, request, queryset, search_term):
        number = _digits(search_term)
        if number.isdigit() and len(number) in (9, 14):
            return self.search_by_number(queryset, number), False
        return super().get_search_results(request, queryset, search_term)


@admin.register(LegalUnit)
class LegalUnitAdmin(SireneAdmin):
    list_display = ("siren", "name", "legal_category", "main_activity", "created_on", "state")
    list_filter = ("state", "diffusion")
    search_fields = ("denomination", "acronym", "last_name")
    search_help_text = "SIREN (9 chiffres), SIRET (14 chiffres), dénomination, sigle ou nom."

    @admin.display(description="nom", ordering="denomination")
    def name(self, obj):
        return obj.name

    def search_by_number(self, queryset, number):
        return queryset.filter(siren=number[:9])


@admin.register(Establishment)
class EstablishmentAdmin(SireneAdmin):
    list_display = (
        "siret",
        "signboard",
        "usual_name",
        "postal_code",
        "city",
        "main_activity",
        "is_head_office",
        "state",
    )
    list_filter = ("state", "is_head_office", "diffusion")
    search_fields = ("signboard", "usual_name")
    search_help_text = "SIRET (14 chiffres), SIREN (9 chiffres : ses établissements), enseigne ou dénomination usuelle."

    def search_by_number(self, queryset, number):
        if len(number) == 14:
            return queryset.filter(siret=number)
        return queryset.filter(legal_unit_id=number)


@admin.register(ProductCategory)
class ProductCategoryAdmin(admin.ModelAdmin):
    """EMCS code list BC66, loaded by a migration."""

    list_display = ("code", "label")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Identifier fields accept what people type (spaces, lower case) and store the normalised value.
class CustomsOfficeForm(forms.ModelForm):
    code = identifier_fields.customs_office_field("code", required=True)

    class Meta:
        model = CustomsOffice
        fields = ("code", "name", "address", "postal_code", "city", "email", "phone")


@admin.register(CustomsOffice)
class CustomsOfficeAdmin(admin.ModelAdmin):
    form = CustomsOfficeForm
    list_display = ("code", "name", "postal_code", "city", "email", "phone")
    search_fields = ("code", "name", "city")


class ExciseNumberForm(forms.ModelForm):
    number = identifier_fields.excise_number_field("numéro d'accise", foreign=False, required=True)
    tax_warehouse_reference = identifier_fields.excise_number_field("référence de l'entrepôt fiscal", foreign=False)

    class Meta:
        model = ExciseNumber
        fields = (
            "number",
            "operator",
            "status",
            "tax_warehouse_reference",
            "product_categories",
            "customs_office",
            "valid_from",
            "valid_until",
        )

    def clean(self):
        cleaned = super().clean()
        valid_from, valid_until = cleaned.get("valid_from"), cleaned.get("valid_until")
        if valid_from and valid_until and valid_until < valid_from:
            self.add_error("valid_until", "La fin de validité doit suivre le début de validité.")
        return cleaned


SCREEN_ADMIN = "administration — référentiel"
# Who holds an excise number and which office is in charge of it: CID or superuser, audited.
REASSIGNING_FIELDS = ("customs_office", "operator")


def _as_stored(excise_number: ExciseNumber) -> ExciseNumber | None:
    """The row as the database still has it, before the form's values are saved."""
    if excise_number.pk is None:
        return None
    return ExciseNumber.objects.select_related("operator", "customs_office").filter(pk=excise_number.pk).first()


def _reassigns(form) -> bool:
    return any(field in form.changed_data for field in REASSIGNING_FIELDS)


def _record_reassignment(request, excise_number: ExciseNumber, before: ExciseNumber | None) -> None:
    habilitation_services.excise_number_reassigned(
        actor=request.user, excise_number=excise_number, before=before, screen=SCREEN_ADMIN
    )


class ExciseNumberInline(admin.StackedInline):
    model = ExciseNumber
    form = ExciseNumberForm
    extra = 0
    filter_horizontal = ("product_categories",)
    autocomplete_fields = ("customs_office",)

    def get_readonly_fields(self, request, obj=None):
        if rights.may_reassign_excise_numbers(request.user):
            return self.readonly_fields
        return (*self.readonly_fields, "customs_office")


class OperatorForm(forms.ModelForm):
    siren = identifier_fields.siren_field("SIREN", required=True, help_text="9 chiffres ; les espaces sont acceptés.")

    class Meta:
        model = Operator
        fields = ("siren", "name", "address", "postal_code", "city")


@admin.register(Operator)
class OperatorAdmin(admin.ModelAdmin):
    form = OperatorForm
    list_display = ("name", "siren", "postal_code", "city", "excise_number_list")
    search_fields = ("name", "=siren", "excise_numbers__number")
    search_help_text = "Raison sociale, SIREN ou numéro d'accise."
    inlines = (ExciseNumberInline,)

    @admin.display(description="numéros d'accise")
    def excise_number_list(self, obj):
        return ", ".join(number.number for number in obj.excise_numbers.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("excise_numbers")

    def get_readonly_fields(self, request, obj=None):
        # Another SIREN gives every excise number of the operator to another company's accounts.
        if obj is None or rights.may_reassign_excise_numbers(request.user):
            return self.readonly_fields
        return (*self.readonly_fields, "siren")

    def save_model(self, request, obj, form, change):
        if not (change and "siren" in form.changed_data):
            return super().save_model(request, obj, form, change)
        numbers = list(obj.excise_numbers.all())
        before = {number.pk: _as_stored(number) for number in numbers}
        super().save_model(request, obj, form, change)
        for number in numbers:
            number.operator = obj
            _record_reassignment(request, number, before[number.pk])

    def save_formset(self, request, form, formset, change):
        if formset.model is not ExciseNumber:
            return super().save_formset(request, form, formset, change)
        moved = [inline for inline in formset.forms if inline not in formset.deleted_forms and _reassigns(inline)]
        before = {id(inline): _as_stored(inline.instance) for inline in moved}
        super().save_formset(request, form, formset, change)
        for inline in moved:
            _record_reassignment(request, inline.instance, before[id(inline)])


@admin.register(ExciseNumber)
class ExciseNumberAdmin(admin.ModelAdmin):
    form = ExciseNumberForm
    list_display = ("number", "operator", "status", "customs_office", "valid_from", "valid_until")
    list_filter = ("status", "product_categories", "customs_office")
    list_select_related = ("operator", "customs_office")
    search_fields = ("number", "operator__name", "=operator__siren")
    search_help_text = "Numéro d'accise, raison sociale ou SIREN de l'opérateur."
    filter_horizontal = ("product_categories",)
    autocomplete_fields = ("operator", "customs_office")
    date_hierarchy = "valid_from"

    def get_readonly_fields(self, request, obj=None):
        if rights.may_reassign_excise_numbers(request.user):
            return self.readonly_fields
        return (*self.readonly_fields, *REASSIGNING_FIELDS)

    def save_model(self, request, obj, form, change):
        reassigns = _reassigns(form)
        before = _as_stored(obj) if reassigns else None
        super().save_model(request, obj, form, change)
        if reassigns:
            _record_reassignment(request, obj, before)
