"""Each recorded « before » / « after » reads as French, rights by their exact labels."""

from www.office.audit import actor_display, describe


def test_statuses_rights_and_fields_in_french():
    assert describe({"status": "submitted"}) == ["État : Transmise au bureau"]
    assert describe({"status": "approved", "habilitations": {"lucferrier": ["search_dsa", "prepare_daa"]}}) == [
        "État : Acceptée",
        "lucferrier : Préparer un DAA, Rechercher DSA",
    ]
    assert describe({"user": "luc", "rights": []}) == ["Compte : luc", "Droits : aucun droit"]
    assert describe({"name": "SDA", "postal_code": "75010", "reason": "Pièces manquantes"}) == [
        "Raison sociale : SDA",
        "Code postal : 75010",
        "Motif : Pièces manquantes",
    ]
    assert describe(None) == [] and describe({}) == []


def test_delegations():
    assert describe({"user": "marie", "kind": "correspondent", "teleservice": "", "may_appoint_admins": False}) == [
        "Compte : marie",
        "Statut : Correspondant Prodou@ne",
    ]
    assert describe({"user": "marie", "kind": "admin", "teleservice": "gamma", "may_appoint_admins": True}) == [
        "Compte : marie",
        "Statut : Administrateur téléservice",
        "Téléservice : GAMMA",
        "Peut nommer d'autres administrateurs : oui",
    ]


def test_unknown_values_are_shown_as_recorded_never_an_error():
    assert describe({"status": "archived", "rights": ["root"]}) == ["État : archived", "Droits : root"]


def test_actor_display():
    assert actor_display(None) == "ProDou@ne (traitement automatique)"
