"""libxml2's messages in French: what a trader reads in an IE917 and on the upload page.

libxml2 (through lxml) says why a message is not well-formed or not valid against its schema in
English, with the elements' namespaces in full:

    Element '{urn:…:IE815:V3.23}Foo': This element is not expected. Expected is ( {urn:…}JourneyTime ).

``translate`` leaves the namespaces out and says it in French:

    Élément Foo : cet élément n'est pas attendu ici ; attendu : JourneyTime.

Each pattern is one of libxml2's message formats (``xmlschemas.c``, ``parser.c``); a message no
pattern matches is given back in English, namespaces left out, rather than guessed."""

import re
from collections.abc import Callable

# ``{urn:publicid:…:IE815:V3.23}Quantity`` → ``Quantity`` (an enumeration's set ``{'1', '2'}`` has quotes).
_NAMESPACE = re.compile(r"\{[^{}'\s]+\}(?=[A-Za-z_*#])")
_SUBJECT = re.compile(r"Element '(?P<element>[^']+)'(?:, attribute '(?P<attribute>[^']+)')?: (?P<rest>.*)", re.S)

# XML Schema's built-in types by their French name; an EMCS type keeps its own (``DateType``).
_TYPES = {
    "xs:decimal": "nombre décimal",
    "xs:integer": "nombre entier",
    "xs:nonNegativeInteger": "nombre entier positif ou nul",
    "xs:positiveInteger": "nombre entier strictement positif",
    "xs:int": "nombre entier",
    "xs:date": "date (AAAA-MM-JJ)",
    "xs:time": "heure (hh:mm:ss)",
    "xs:dateTime": "date et heure (AAAA-MM-JJThh:mm:ss)",
    "xs:boolean": "booléen",
    "xs:token": "texte",
    "xs:string": "texte",
}
_XSD = "http://www.w3.org/2001/XMLSchema"


def _type(name: str) -> str:
    name = name.replace("{" + _XSD + "}", "xs:")
    return _TYPES.get(name, name)


def _expected(names: str) -> str:
    """``( A, B )``'s inside, namespaces already left out: ``A, B``."""
    return ", ".join(part.strip() for part in names.split(",") if part.strip())


def _set(values: str) -> str:
    """``'1', '2', '3'`` → ``1, 2, 3``."""
    return ", ".join(re.findall(r"'([^']*)'", values)) or values


# Patterns of what follows « Element 'X': » (or « Element 'X', attribute 'Y': »).
SCHEMA_MESSAGES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(r"This element is not expected\. Expected is one of \( (?P<names>.+) \)\."),
        lambda m: f"cet élément n'est pas attendu ici ; attendu : l'un de {_expected(m['names'])}.",
    ),
    (
        re.compile(r"This element is not expected\. Expected is \( (?P<names>.+) \)\."),
        lambda m: f"cet élément n'est pas attendu ici ; attendu : {_expected(m['names'])}.",
    ),
    (re.compile(r"This element is not expected\."), lambda m: "cet élément n'est pas attendu ici."),
    (
        re.compile(r"Missing child element\(s\)\. Expected is one of \( (?P<names>.+) \)\."),
        lambda m: f"il manque un élément ; attendu : l'un de {_expected(m['names'])}.",
    ),
    (
        re.compile(r"Missing child element\(s\)\. Expected is \( (?P<names>.+) \)\."),
        lambda m: f"il manque un élément ; attendu : {_expected(m['names'])}.",
    ),
    (re.compile(r"Missing child element\(s\)\."), lambda m: "il manque un élément."),
    (
        re.compile(r"\[facet 'pattern'\] The value '(?P<value>.*)' is not accepted by the pattern '(?P<pattern>.*)'\."),
        lambda m: f"la valeur « {m['value']} » n'a pas le format attendu (motif {m['pattern']}).",
    ),
    (
        re.compile(
            r"\[facet 'length'\] The value (?:'(?P<value>.*)' )?has a length of '(?P<length>\d+)'; "
            r"this differs from the allowed length of '(?P<allowed>\d+)'\."
        ),
        lambda m: f"{_the_value(m)} a {m['length']} caractère(s) au lieu de {m['allowed']}.",
    ),
    (
        re.compile(
            r"\[facet 'minLength'\] The value (?:'(?P<value>.*)' )?has a length of '(?P<length>\d+)'; "
            r"this underruns the allowed minimum length of '(?P<allowed>\d+)'\."
        ),
        lambda m: f"{_the_value(m)} a {m['length']} caractère(s), moins que le minimum de {m['allowed']}.",
    ),
    (
        re.compile(
            r"\[facet 'maxLength'\] The value (?:'(?P<value>.*)' )?has a length of '(?P<length>\d+)'; "
            r"this exceeds the allowed maximum length of '(?P<allowed>\d+)'\."
        ),
        lambda m: f"{_the_value(m)} a {m['length']} caractère(s), plus que le maximum de {m['allowed']}.",
    ),
    (
        re.compile(r"\[facet 'enumeration'\] The value '(?P<value>.*)' is not an element of the set \{(?P<set>.*)\}\."),
        lambda m: f"la valeur « {m['value']} » ne fait pas partie des valeurs admises : {_set(m['set'])}.",
    ),
    (
        re.compile(
            r"\[facet 'minInclusive'\] The value '(?P<value>.*)' is less than the minimum value allowed "
            r"\('(?P<limit>.*)'\)\."
        ),
        lambda m: f"la valeur « {m['value']} » est inférieure au minimum admis ({m['limit']}).",
    ),
    (
        re.compile(
            r"\[facet 'maxInclusive'\] The value '(?P<value>.*)' is greater than the maximum value allowed "
            r"\('(?P<limit>.*)'\)\."
        ),
        lambda m: f"la valeur « {m['value']} » est supérieure au maximum admis ({m['limit']}).",
    ),
    (
        re.compile(r"\[facet 'minExclusive'\] The value '(?P<value>.*)' must be greater than '(?P<limit>.*)'\."),
        lambda m: f"la valeur « {m['value']} » doit être strictement supérieure à {m['limit']}.",
    ),
    (
        re.compile(r"\[facet 'maxExclusive'\] The value '(?P<value>.*)' must be less than '(?P<limit>.*)'\."),
        lambda m: f"la valeur « {m['value']} » doit être strictement inférieure à {m['limit']}.",
    ),
    (
        re.compile(
            r"\[facet 'totalDigits'\] The value '(?P<value>.*)' has more digits than are allowed \('(?P<limit>\d+)'\)\."
        ),
        lambda m: f"la valeur « {m['value']} » a plus de chiffres que les {m['limit']} admis.",
    ),
    (
        re.compile(
            r"\[facet 'fractionDigits'\] The value '(?P<value>.*)' has more fractional digits than are allowed "
            r"\('(?P<limit>\d+)'\)\."
        ),
        lambda m: f"la valeur « {m['value']} » a plus de décimales que les {m['limit']} admises.",
    ),
    (
        re.compile(r"'(?P<value>.*)' is not a valid value of the atomic type '(?P<type>.*)'\."),
        lambda m: f"« {m['value']} » n'est pas une valeur valide du type {_type(m['type'])}.",
    ),
    (
        re.compile(r"'(?P<value>.*)' is not a valid value of the (?:local )?(?:atomic|union|list) type\."),
        lambda m: f"« {m['value']} » n'est pas une valeur valide pour cet élément.",
    ),
    (
        re.compile(r"'(?P<value>.*)' is not a valid value of the (?:union|list) type '(?P<type>.*)'\."),
        lambda m: f"« {m['value']} » n'est pas une valeur valide du type {_type(m['type'])}.",
    ),
    (re.compile(r"The attribute '(?P<name>.*)' is not allowed\."), lambda m: "cet attribut n'est pas admis."),
    (
        re.compile(r"The attribute '(?P<name>.*)' is required but missing\."),
        lambda m: f"l'attribut {m['name']} est obligatoire et manque.",
    ),
    (
        re.compile(
            r"Character content other than whitespace is not allowed because the content type is 'element-only'\."
        ),
        lambda m: "du texte n'est pas admis ici : cet élément ne contient que des éléments.",
    ),
    (
        re.compile(
            r"Element content is not allowed, because the "
            r"(?:content type is a simple type definition|type definition is simple)\."
        ),
        lambda m: "cet élément contient une valeur, pas d'autres éléments.",
    ),
    (
        re.compile(r"Character content is not allowed, because the content type is empty\."),
        lambda m: "cet élément doit être vide.",
    ),
    (
        re.compile(r"No matching global declaration available for the validation root\."),
        lambda m: "le schéma ne définit aucun message de ce nom.",
    ),
]

# Messages of the XML parser itself (a message that is not well-formed): no « Element 'X': ».
SYNTAX_MESSAGES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"Document is empty"), lambda m: "Le document est vide."),
    (
        re.compile(r"Start tag expected, '<' not found"),
        lambda m: "Balise ouvrante attendue, « < » introuvable : ce n'est pas un document XML.",
    ),
    (
        re.compile(r"Premature end of data in tag (?P<tag>\S+) line (?P<line>\d+)"),
        lambda m: (
            f"Fin des données avant la fermeture de l'élément {m['tag']} ouvert ligne {m['line']} (fichier tronqué ?)."
        ),
    ),
    (
        re.compile(r"Opening and ending tag mismatch: (?P<open>\S+) line (?P<line>\d+) and (?P<close>\S+)"),
        lambda m: (
            f"La balise fermante {m['close']} ne correspond pas à l'élément {m['open']} ouvert ligne {m['line']}."
        ),
    ),
    (
        re.compile(r"Couldn't find end of Start Tag (?P<tag>\S+) line (?P<line>\d+)"),
        lambda m: f"Fin de la balise ouvrante {m['tag']} (ligne {m['line']}) introuvable.",
    ),
    (re.compile(r"Extra content at the end of the document"), lambda m: "Contenu en trop après la fin du document."),
    (re.compile(r"EndTag: '</' not found"), lambda m: "Balise fermante « </ » introuvable."),
    (re.compile(r"Entity '(?P<name>.*)' not defined"), lambda m: f"Entité « {m['name']} » non définie."),
    (re.compile(r"EntityRef: expecting ';'"), lambda m: "Référence d'entité : « ; » attendu."),
    (
        re.compile(r"xmlParseEntityRef: no name"),
        lambda m: "Référence d'entité sans nom : un « & » seul s'écrit « &amp; ».",
    ),
    (
        re.compile(r"Invalid bytes in character encoding|Input is not proper UTF-8, indicate encoding !.*", re.S),
        lambda m: "Octets invalides pour l'encodage déclaré (UTF-8 par défaut).",
    ),
    (
        re.compile(r"(?:Invalid character: )?Char 0x(?P<code>[0-9A-Fa-f]+) out of allowed range"),
        lambda m: f"Caractère interdit en XML (0x{m['code']}).",
    ),
    (
        re.compile(r"PCDATA invalid Char value (?P<code>\d+)"),
        lambda m: f"Caractère interdit en XML (code {m['code']}).",
    ),
    (re.compile(r"Attribute (?P<name>\S+) redefined"), lambda m: f"L'attribut {m['name']} est donné deux fois."),
    (re.compile(r"attributes construct error"), lambda m: "Attributs mal formés."),
    (re.compile(r"AttValue: \" or ' expected"), lambda m: "Valeur d'attribut : guillemet attendu."),
    (
        re.compile(r"Specification mandates value for attribute (?P<name>\S+)"),
        lambda m: f"L'attribut {m['name']} doit avoir une valeur entre guillemets.",
    ),
    (re.compile(r"StartTag: invalid element name"), lambda m: "Balise ouvrante : nom d'élément invalide."),
    (
        re.compile(r"Namespace prefix (?P<prefix>\S+) on (?P<tag>\S+) is not defined"),
        lambda m: f"Le préfixe d'espace de noms {m['prefix']} de l'élément {m['tag']} n'est pas déclaré.",
    ),
    (re.compile(r"parsing XML declaration: '\?>' expected"), lambda m: "Déclaration XML : « ?> » attendu."),
    (re.compile(r"Blank needed here"), lambda m: "Espace attendu ici."),
    (re.compile(r"Comment not terminated.*", re.S), lambda m: "Commentaire non terminé."),
    (
        re.compile(r"Unescaped '<' not allowed in attributes values"),
        lambda m: "Un « < » dans une valeur d'attribut s'écrit « &lt; ».",
    ),
    (
        re.compile(r"Excessive depth in document: (?P<depth>\d+).*", re.S),
        lambda m: f"Document trop profondément imbriqué (plus de {m['depth']} niveaux).",
    ),
    (
        re.compile(r"Maximum entity amplification factor exceeded.*", re.S),
        lambda m: "Les entités du document le démultiplient au-delà de la limite admise (bombe XML).",
    ),
    (
        re.compile(r"Detected an entity reference loop"),
        lambda m: "Boucle de références d'entités détectée.",
    ),
]


def _the_value(match: re.Match[str]) -> str:
    value = match["value"]
    return "la valeur" if value is None else f"la valeur « {value} »"


def _first(patterns, text: str) -> str | None:
    for pattern, french in patterns:
        found = pattern.fullmatch(text)
        if found:
            return french(found)
    return None


def without_namespaces(message: str) -> str:
    return _NAMESPACE.sub("", message)


def translate(message: str) -> str:
    """libxml2's ``message`` in French; in English (namespaces left out) when it is not known."""
    text = without_namespaces(message).strip()
    subject = _SUBJECT.fullmatch(text)
    if subject:
        rest = _first(SCHEMA_MESSAGES, subject["rest"].strip())
        if rest is None:
            return text
        if subject["attribute"]:
            return f"Attribut {subject['attribute']} de l'élément {subject['element']} : {rest}"
        return f"Élément {subject['element']} : {rest}"
    return _first(SYNTAX_MESSAGES, text) or _first(SCHEMA_MESSAGES, text) or text
