"""The words of the sections' pages (``www.gamma.prepare``) and of the review (``www.gamma.review``):
the legends of their groups of fields, the label of a repeated group's row and of its « Ajouter » button."""

# Legends of the groups of fields of the sections' pages.
LEGENDS = {
    "movement": "Références et dates",
    "consignor": "Expéditeur",
    "office": "Bureau",
    "consignee": "Destinataire",
    "complement": "Destinataire exonéré (type de destination 5 seulement)",
    "place_of_dispatch": "Lieu d'expédition",
    "destination": "Type de destination",
    "delivery_place": "Lieu de livraison",
    "guarantee": "Type de garantie",
    "guarantor_1": "Garant (si le type de garantie en demande un)",
    "guarantor_2": "Second garant (si le type de garantie en demande deux)",
    "transport": "Organisation et mode du transport",
    "transport_arranger": "Organisateur du transport (s'il n'est ni l'expéditeur ni le destinataire)",
    "first_transporter": "Premier transporteur",
    "transport_details": "Unités de transport",
    "documents": "Documents",
    "import_customs_declarations": "Déclarations en douane d'importation (marchandises importées seulement)",
}
ROW_LABELS = {
    "transport_details": "Unité de transport",
    "documents": "Document",
    "import_customs_declarations": "Déclaration d'importation",
}
ADD_ROW_LABELS = {
    "transport_details": "Ajouter une unité de transport",
    "documents": "Ajouter un document",
    "import_customs_declarations": "Ajouter une déclaration d'importation",
}
