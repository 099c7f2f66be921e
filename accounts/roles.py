"""Staff roles and the Django-admin permissions each one holds. ``sync_staff_groups`` creates or
updates the groups (run by `load_demo`, and by `manage.py sync_staff_groups` on deployment)."""

from django.contrib.auth.models import Group, Permission

OFFICE = "Agents de bureau de douane"
CID = "Centre informatique douanier (CID)"
SAU = "Service d'assistance aux utilisateurs (SAU)"

# group -> {app_label: [model names]}: the agents may view, add and change these (never delete),
# or only view those in READ_ONLY[group]. Office agents only read the register in the admin: they
# update an operator's sheet from an adhesion (/bureau/), and moving an excise number to another
# office or operator is the CID's (audited, habilitations.services.excise_number_reassigned).
ROLE_MODELS = {
    OFFICE: {"register": ["operator", "excisenumber", "customsoffice", "legalunit", "establishment"]},
    CID: {
        "portal": ["newsitem", "agendaentry", "focusblock", "teleservice"],
        "register": ["operator", "excisenumber", "customsoffice", "legalunit", "establishment"],
    },
    SAU: {"accounts": ["user", "connectionevent"], "mail": ["outboxmessage"]},
}
READ_ONLY = {
    OFFICE: {"operator", "excisenumber", "customsoffice", "legalunit", "establishment"},
    CID: {"legalunit", "establishment"},
    SAU: {"user", "connectionevent", "outboxmessage"},
}


def sync_staff_groups() -> dict[str, Group]:
    """Each group gets exactly its permissions: one it held before and no longer should (office
    agents' former right to change the register) is taken away."""
    groups = {}
    for name, models_by_app in ROLE_MODELS.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = []
        for app_label, models in models_by_app.items():
            for model in models:
                actions = ["view"] if model in READ_ONLY[name] else ["view", "add", "change"]
                wanted += Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=[f"{a}_{model}" for a in actions]
                )
        group.permissions.set(wanted)
        groups[name] = group
    return groups
