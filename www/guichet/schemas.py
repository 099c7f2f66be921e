"""The official EMCS V3.23 schemas, offered for download on the Guichet EDI page: each file of
``emcs/schemas`` (the ones the portal validates against, byte for byte), and all of them in one
zip. Only those files are served: a name is looked up in the folder's listing, never joined to a
path, so nothing else of the server can be reached by a crafted name."""

import io
import re
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from emcs.xml import VERSION, schema_dir

# What a schema file is called: lower-case letters and digits, ``.xsd``.
SCHEMA_NAME = re.compile(r"^[a-z0-9]{2,16}\.xsd$")
ZIP_NAME = f"emcs-{VERSION.lower()}-schemas.zip"

# What each message is, in the portal's words (the others: the shared types and code lists).
LABELS = {
    "ie704": "Rejet d'un message, avec le détail de chaque erreur",
    "ie717": "Contrôle (rapport)",
    "ie801": "DAE validé, avec son ARC",
    "ie802": "Rappel",
    "ie803": "Notification de déroutement ou de scission",
    "ie807": "Interruption d'un mouvement",
    "ie810": "Annulation d'un DAE",
    "ie813": "Changement de destination",
    "ie815": "Projet de DAE soumis à la validation",
    "ie818": "Accusé de réception",
    "ie819": "Alerte ou refus avant la réception",
    "ie825": "Scission d'un mouvement",
    "ie829": "Notification d'export accepté",
    "ie837": "Explication d'un retard",
    "ie839": "Refus ou annulation de l'exportation",
    "ie840": "Rapport de contrôle",
    "ie871": "Explication de manquants ou d'excédents",
    "ie880": "Rapport d'événement",
    "ie881": "Rapport de contrôle (données complémentaires)",
    "ie904": "Réponse à une demande de statut",
    "ie905": "Statut d'un mouvement",
    "ie906": "Rejet d'un message pour incohérence de séquence",
    "ie917": "Rejet d'un message invalide au regard du schéma",
    "ie934": "Paquet de données",
    "types": "Types de données communs (importé par chaque message)",
    "tms": "En-tête des messages (importé par chaque message)",
    "tcl": "Listes de codes techniques (importé par chaque message)",
    "doc": "Types documentaires (importé par chaque message)",
}


@dataclass(frozen=True)
class Schema:
    name: str  # ie815.xsd
    size: int  # bytes

    @property
    def stem(self) -> str:
        return self.name.removesuffix(".xsd")

    @property
    def title(self) -> str:
        return self.stem.upper() if self.stem.startswith("ie") else self.stem

    @property
    def label(self) -> str:
        return LABELS.get(self.stem, "")

    @property
    def is_message(self) -> bool:
        return self.stem.startswith("ie")


def _files() -> dict[str, Path]:
    return {
        path.name: path
        for path in sorted(schema_dir().iterdir())
        if path.is_file() and not path.is_symlink() and SCHEMA_NAME.match(path.name)
    }


def schemas() -> list[Schema]:
    """The messages first (IE number order), then the files they import."""
    found = [Schema(name=name, size=path.stat().st_size) for name, path in _files().items()]
    return sorted(found, key=lambda schema: (not schema.is_message, schema.name))


def schema_bytes(name: str) -> bytes | None:
    """The file called ``name`` in the schema folder, or None: never another file."""
    if not SCHEMA_NAME.match(name):
        return None
    path = _files().get(name)
    return path.read_bytes() if path is not None else None


@cache
def schemas_zip() -> bytes:
    """Every schema in one zip (the files import each other: ``types.xsd``, ``tms.xsd`` …)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, path in _files().items():
            archive.writestr(f"emcs-{VERSION.lower()}/{name}", path.read_bytes())
    return buffer.getvalue()
