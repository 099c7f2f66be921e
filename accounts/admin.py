"""Accounts in the admin. No staff member reads a secret here: password hashes only for
superusers (masked by Django), never TOTP secrets, recovery codes nor session keys."""

from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts.models import User


@admin.register(User)
class AccountAdmin(UserAdmin):
    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        # The helpdesk (SAU) reads accounts: not even the summary of the password hash.
        return [
            (name, {**options, "fields": [field for field in options["fields"] if field != "password"]})
            for name, options in fieldsets
        ]


class SecretFreeAdmin(admin.ModelAdmin):
    """Shown without the columns that hold secrets; nobody adds or edits one here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# allauth's own admins show the raw ``data`` (TOTP secret, recovery codes' seed) and session keys.
admin.site.unregister(Authenticator)
admin.site.unregister(UserSession)


@admin.register(Authenticator)
class AuthenticatorAdmin(SecretFreeAdmin):
    list_display = ("user", "type", "created_at", "last_used_at")
    list_filter = ("type",)
    search_fields = ("user__username",)
    fields = list_display
    readonly_fields = list_display


@admin.register(UserSession)
class UserSessionAdmin(SecretFreeAdmin):
    list_display = ("user", "created_at", "last_seen_at", "ip", "user_agent")
    search_fields = ("user__username", "ip")
    fields = list_display
    readonly_fields = list_display
