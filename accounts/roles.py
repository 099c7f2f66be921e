"""Staff roles and the Django-admin permissions each one holds. ``sync_staff_groups`` creates or
updates the groups (run by `load_demo`, and by `manage.py sync_staff_groups` on deployment)."""

from django.contrib.auth.models import Group, Permission

OFFICE = "Agents de bureau de douane"
CID = "Centre informatique douanier (CID)"
SAU = "Service d'assistance aux utilisateurs (SAU)"

# group -> {app_label: [model names]}: the agents may view, add and change these (never delete).
ROLE_MODELS = {
    OFFICE: {"register": ["operator", "excisenumber", "customsoffice", "legalunit", "establishment"]},
    CID: {"portal": ["newsitem", "agendaentry", "focusblock", "teleservice"]},
    SAU: {"accounts": ["user", "connectionevent"], "mail": ["outboxmessage"]},
}
READ_ONLY = {"legalunit", "establishment", "connectionevent", "outboxmessage", "user"}


def sync_staff_groups() -> dict[str, Group]:
    groups = {}
    for name, models_by_app in ROLE_MODELS.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = []
        for app_label, models in models_by_app.items():
            for model in models:
                actions = ["view"] if model in READ_ONLY else ["view", "add", "change"]
                wanted += [f"{action}_{model}" for action in actions]
                group_perms = Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=[f"{a}_{model}" for a in actions]
                )
                group.permissions.add(*group_perms)
        groups[name] = group
    return groups
