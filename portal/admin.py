from django.contrib import admin

from portal.models import AgendaEntry, FocusBlock, NewsItem, Teleservice


@admin.register(Teleservice)
class TeleserviceAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "release", "access_mode", "dti", "edi", "is_online", "position"]
    list_editable = ["position"]
    list_filter = ["domain", "access_mode", "dti", "edi"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["position", "name"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "domain", "release", "description"]}),
        ("Accès", {"fields": ["access_mode", "dti", "edi", "url_name"]}),
        ("Présentation", {"fields": ["position"]}),
    ]

    @admin.display(description="en ligne sur le portail", boolean=True)
    def is_online(self, obj: Teleservice) -> bool:
        return obj.get_url() is not None


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    list_display = ["title", "rubric", "published_on", "is_published"]
    list_filter = ["rubric", "is_published"]
    search_fields = ["title", "summary", "body", "source"]
    date_hierarchy = "published_on"
    ordering = ["-published_on", "-pk"]
    fields = ["rubric", "title", "summary", "body", "source", "published_on", "is_published"]


@admin.register(AgendaEntry)
class AgendaEntryAdmin(admin.ModelAdmin):
    list_display = ["title", "period_label", "starts_on", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["title", "period_label", "text"]
    date_hierarchy = "starts_on"
    ordering = ["-starts_on", "-pk"]


@admin.register(FocusBlock)
class FocusBlockAdmin(admin.ModelAdmin):
    list_display = ["title", "link", "position", "is_published"]
    list_editable = ["position"]
    list_filter = ["is_published"]
    search_fields = ["title", "text"]
    ordering = ["position", "pk"]
