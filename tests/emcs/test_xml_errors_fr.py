"""libxml2's messages said in French (``emcs.xml_errors_fr``): the messages of real refusals, each
format once, and an unknown message kept in English."""

import pytest

from emcs.xml_errors_fr import translate

NS = "{urn:publicid:-:EC:DGTAXUD:EMCS:PHASE4:IE815:V3.23}"


@pytest.mark.parametrize(
    ("message", "french"),
    [
        (
            f"Element '{NS}Foo': This element is not expected. Expected is ( {NS}JourneyTime ).",
            "Élément Foo : cet élément n'est pas attendu ici ; attendu : JourneyTime.",
        ),
        (
            f"Element '{NS}Foo': This element is not expected. Expected is one of ( {NS}A, {NS}B ).",
            "Élément Foo : cet élément n'est pas attendu ici ; attendu : l'un de A, B.",
        ),
        (
            f"Element '{NS}EadEsadDraft': Missing child element(s). Expected is ( {NS}LocalReferenceNumber ).",
            "Élément EadEsadDraft : il manque un élément ; attendu : LocalReferenceNumber.",
        ),
        (
            f"Element '{NS}JourneyTime': [facet 'pattern'] The value 'X01' is not accepted by the pattern "
            "'H([01][0-9]|2[0-4])|D([0-8][0-9]|9[0-2])'.",
            "Élément JourneyTime : la valeur « X01 » n'a pas le format attendu "
            "(motif H([01][0-9]|2[0-4])|D([0-8][0-9]|9[0-2])).",
        ),
        (
            f"Element '{NS}JourneyTime': [facet 'length'] The value has a length of '0'; this differs from the "
            "allowed length of '3'.",
            "Élément JourneyTime : la valeur a 0 caractère(s) au lieu de 3.",
        ),
        (
            f"Element '{NS}ConsigneeTrader', attribute 'language': [facet 'length'] The value 'english' has a "
            "length of '7'; this differs from the allowed length of '2'.",
            "Attribut language de l'élément ConsigneeTrader : la valeur « english » a 7 caractère(s) au lieu de 2.",
        ),
        (
            f"Element '{NS}TraderName': [facet 'maxLength'] The value has a length of '200'; this exceeds the "
            "allowed maximum length of '182'.",
            "Élément TraderName : la valeur a 200 caractère(s), plus que le maximum de 182.",
        ),
        (
            f"Element '{NS}SubmissionMessageType': [facet 'enumeration'] The value '9' is not an element of the "
            "set {'1', '2', '3'}.",
            "Élément SubmissionMessageType : la valeur « 9 » ne fait pas partie des valeurs admises : 1, 2, 3.",
        ),
        (
            f"Element '{NS}Density': [facet 'minInclusive'] The value '-2' is less than the minimum value allowed "
            "('0').",
            "Élément Density : la valeur « -2 » est inférieure au minimum admis (0).",
        ),
        (
            f"Element '{NS}Quantity': [facet 'minExclusive'] The value '-1' must be greater than '0'.",
            "Élément Quantity : la valeur « -1 » doit être strictement supérieure à 0.",
        ),
        (
            f"Element '{NS}Quantity': [facet 'fractionDigits'] The value '1.1234567' has more fractional digits "
            "than are allowed ('3').",
            "Élément Quantity : la valeur « 1.1234567 » a plus de décimales que les 3 admises.",
        ),
        (
            f"Element '{NS}DateOfDispatch': 'x2025-12-05' is not a valid value of the atomic type "
            "'{urn:publicid:-:EC:DGTAXUD:EMCS:PHASE4:EMCS:V3.23}DateType'.",
            "Élément DateOfDispatch : « x2025-12-05 » n'est pas une valeur valide du type DateType.",
        ),
        (
            f"Element '{NS}Quantity': 'abc' is not a valid value of the atomic type 'xs:decimal'.",
            "Élément Quantity : « abc » n'est pas une valeur valide du type nombre décimal.",
        ),
        (
            f"Element '{NS}Header', attribute 'foo': The attribute 'foo' is not allowed.",
            "Attribut foo de l'élément Header : cet attribut n'est pas admis.",
        ),
        (
            f"Element '{NS}Attributes': Character content other than whitespace is not allowed because the "
            "content type is 'element-only'.",
            "Élément Attributes : du texte n'est pas admis ici : cet élément ne contient que des éléments.",
        ),
        (
            "Element 'IE815': No matching global declaration available for the validation root.",
            "Élément IE815 : le schéma ne définit aucun message de ce nom.",
        ),
        (
            "Premature end of data in tag SealInformation line 83",
            "Fin des données avant la fermeture de l'élément SealInformation ouvert ligne 83 (fichier tronqué ?).",
        ),
        (
            "Opening and ending tag mismatch: Header line 3 and Body",
            "La balise fermante Body ne correspond pas à l'élément Header ouvert ligne 3.",
        ),
        (
            "Start tag expected, '<' not found",
            "Balise ouvrante attendue, « < » introuvable : ce n'est pas un document XML.",
        ),
        ("Document is empty", "Le document est vide."),
        ("Extra content at the end of the document", "Contenu en trop après la fin du document."),
        ("Invalid bytes in character encoding", "Octets invalides pour l'encodage déclaré (UTF-8 par défaut)."),
        ("Invalid character: Char 0x0 out of allowed range\n", "Caractère interdit en XML (0x0)."),
        (
            "Maximum entity amplification factor exceeded, see xmlCtxtSetMaxAmplification.",
            "Les entités du document le démultiplient au-delà de la limite admise (bombe XML).",
        ),
        (
            "Excessive depth in document: 256 use XML_PARSE_HUGE option",
            "Document trop profondément imbriqué (plus de 256 niveaux).",
        ),
    ],
)
def test_libxml2_messages_are_said_in_french_without_namespaces(message, french):
    assert translate(message) == french


def test_a_message_no_pattern_knows_is_kept_in_english_without_its_namespaces():
    message = f"Element '{NS}Foo': Some message libxml2 may say one day about {NS}Bar."
    assert translate(message) == "Element 'Foo': Some message libxml2 may say one day about Bar."
    assert translate("Something else entirely") == "Something else entirely"


def test_a_portal_message_already_in_french_is_left_as_it_is():
    french = "Version EMCS non prise en charge : V3.13 reçue, V3.23 attendue."
    assert translate(french) == french
