"""The answers to a message received (``emcs.answers``): the IE917 of a message refused as XML says
where (line, column, XPath) and why in French; the IE704 of a message refused on business grounds
gives each fault its rule code; every answer is valid against its schema, whatever it is given."""

import datetime as dt
from pathlib import Path

import pytest

from emcs import answers, messages, xml
from emcs.messages import ie704, ie917

EXAMPLES = Path(__file__).parent / "examples"
DRAFT = (EXAMPLES / "IE815.xml").read_bytes()
AT = dt.datetime(2026, 12, 4, 9, 30, tzinfo=dt.UTC)


def refusal(data: bytes) -> xml.InvalidMessage:
    with pytest.raises(xml.InvalidMessage) as raised:
        xml.parse_and_validate(data)
    return raised.value


def valid(message):
    """The answer, written and read back through its schema."""
    root = messages.build(message)
    xml.validate(root)
    return messages.parse(xml.parse_and_validate(xml.to_bytes(root)))


def only_error(answer: ie917.IE917) -> ie917.XmlError:
    (error,) = answer.body.xml_errors
    return error


def test_a_truncated_message_is_answered_where_it_stops_and_to_whom_sent_it():
    data = DRAFT[: DRAFT.index(b"<SealInformation")] + b"<SealInfor"
    answer = valid(answers.ie917_for(refusal(data), data=data, at=AT))
    error = only_error(answer)
    last_line = data.splitlines()[-1]
    assert error.error_line_number == 83 and 0 < error.error_column_number <= len(last_line) + 1
    assert error.error_location == "/IE815/Body/SubmittedDraftOfEADESAD/BodyEadEsad/Package[2]/SealInfor"
    assert error.error_reason == "Fin de la balise ouvrante SealInfor (ligne 83) introuvable."
    # Correlated with the message received, and addressed to its sender (TR9121).
    assert answer.header.correlation_identifier == "ZJZLJN8IRPA7E26T4"
    assert answer.header.message_recipient == "NDEA.XI"
    assert answer.header.message_sender == "NDEA.FR"
    assert answer.header.date_of_preparation == dt.date(2026, 12, 4)


def test_a_message_cut_in_its_middle_says_which_element_was_left_open():
    data = DRAFT[: DRAFT.index(b"</BodyEadEsad>")]
    error = only_error(valid(answers.ie917_for(refusal(data), data=data)))
    assert error.error_reason.startswith("Fin des données avant la fermeture de l'élément")
    assert error.error_location.startswith("/IE815/Body/SubmittedDraftOfEADESAD/BodyEadEsad/")
    assert error.error_line_number > 0 and error.error_column_number > 0


@pytest.mark.parametrize(
    ("namespace", "reason"),
    [
        (b"urn:example:other", "Espace de noms non pris en charge pour le message IE815 : « urn:example:other » reçu"),
        (b"urn:publicid:-:EC:DGTAXUD:EMCS:PHASE4:IE815:V3.13", "Version EMCS non prise en charge : V3.13 reçue"),
    ],
)
def test_a_message_in_a_wrong_namespace_is_answered_at_its_root_with_the_namespace_received(namespace, reason):
    data = DRAFT.replace(b'xmlns="urn:publicid:-:EC:DGTAXUD:EMCS:PHASE4:IE815:V3.23"', b'xmlns="' + namespace + b'"')
    error = only_error(valid(answers.ie917_for(refusal(data), data=data)))
    assert (error.error_line_number, error.error_column_number, error.error_location) == (1, 1, "/IE815")
    assert error.error_reason.startswith(reason)
    assert error.original_attribute_value == namespace.decode()


def test_a_missing_element_is_answered_at_the_element_found_in_its_place():
    data = DRAFT.replace(b"<JourneyTime>D01</JourneyTime>", b"")
    error = only_error(valid(answers.ie917_for(refusal(data), data=data)))
    assert (error.error_line_number, error.error_column_number) == (52, 9)
    assert error.error_location == "/IE815/Body/SubmittedDraftOfEADESAD/HeaderEadEsad/TransportArrangement"
    assert error.error_reason == (
        "Élément TransportArrangement : cet élément n'est pas attendu ici ; attendu : JourneyTime."
    )


def test_each_schema_error_has_its_line_column_path_and_value_received():
    data = DRAFT.replace(b"<SubmissionMessageType>1<", b"<SubmissionMessageType>9<").replace(
        b'<ConsigneeTrader language="en">', b'<ConsigneeTrader language="english">'
    )
    answer = valid(answers.ie917_for(refusal(data), data=data))
    found = [
        (e.error_line_number, e.error_column_number, e.error_location, e.original_attribute_value)
        for e in answer.body.xml_errors
    ]
    assert found == [
        (13, 9, "/IE815/Body/SubmittedDraftOfEADESAD/Attributes/SubmissionMessageType", "9"),
        (15, 7, "/IE815/Body/SubmittedDraftOfEADESAD/ConsigneeTrader", "english"),
        (15, 7, "/IE815/Body/SubmittedDraftOfEADESAD/ConsigneeTrader", "english"),
    ]
    assert answer.body.xml_errors[0].error_reason == (
        "Élément SubmissionMessageType : la valeur « 9 » ne fait pas partie des valeurs admises : 1, 2, 3."
    )


def test_on_a_message_written_on_one_line_the_columns_tell_the_faults_apart():
    one_line = b"".join(line.strip() for line in DRAFT.splitlines())
    data = one_line.replace(b"<CnCode>27101231<", b"<CnCode>x<").replace(b"<CnCode>38260090<", b"<CnCode>y<")
    assert b"<CnCode>x<" in data and b"<CnCode>y<" in data and b"\n" not in data
    answer = valid(answers.ie917_for(refusal(data), data=data))
    cn_codes = [e for e in answer.body.xml_errors if e.error_location.endswith("/CnCode")]
    assert {e.error_location.split("/")[-2] for e in cn_codes} == {"BodyEadEsad[1]", "BodyEadEsad[3]"}
    columns = [e.error_column_number for e in cn_codes]
    assert all(columns) and columns[0] < columns[-1]
    assert [data[c - 1 : c + 7] for c in columns] == [b"<CnCode>"] * len(columns)


def test_a_doctype_an_oversized_or_empty_message_is_answered_without_a_location():
    bomb = b'<?xml version="1.0"?>\n<!DOCTYPE IE815 [<!ENTITY a "a">]>\n<IE815/>'
    error = only_error(valid(answers.ie917_for(refusal(bomb), data=bomb)))
    assert (error.error_line_number, error.error_column_number) == (2, 1)
    assert "DOCTYPE" in error.error_reason and error.error_location is None
    huge = b" " * (xml.MAX_MESSAGE_BYTES + 1)
    error = only_error(valid(answers.ie917_for(refusal(huge), data=huge)))
    assert (error.error_line_number, error.error_column_number) == (0, 0) and "taille maximale" in error.error_reason
    error = only_error(valid(answers.ie917_for(refusal(b""), data=b"")))
    assert error.error_reason == "Le message est vide."


def test_the_answer_stays_valid_whatever_it_is_given():
    """Reasons cut at 350 characters, 999 errors at most, an identifier too long for the header left out."""
    details = [xml.XmlError(line=n, column=1, path="/IE815", message="x" * 400, value="v" * 400) for n in range(1200)]
    answer = valid(answers.ie917_for(xml.InvalidMessage("Refusé.", details), original_message_identifier="i" * 45))
    assert len(answer.body.xml_errors) == 999
    assert len(answer.body.xml_errors[0].error_reason) == 350 and answer.body.xml_errors[0].error_reason[-1] == "…"
    assert answer.header.correlation_identifier is None
    assert answer.header.message_recipient == "NDEA.FR"
    plain = valid(answers.ie917_for(xml.InvalidMessage("Aucun schéma pour le message IE999.")))
    assert only_error(plain).error_reason == "Aucun schéma pour le message IE999."


def test_an_ie917_names_the_movement_a_follow_up_message_was_about():
    data = (EXAMPLES / "IE810.xml").read_bytes().replace(b"CancellationReasonCode>1<", b"CancellationReasonCode>99<")
    answer = valid(
        answers.ie917_for(
            refusal(data), data=data, administrative_reference_code="26FRA0000000000000017", sequence_number=1
        )
    )
    assert answer.body.attributes == ie917.Attributes(
        administrative_reference_code="26FRA0000000000000017", sequence_number=1
    )


def test_the_errors_are_still_sentences_for_the_code_that_reads_them():
    error = refusal(DRAFT.replace(b"<SubmissionMessageType>1<", b"<SubmissionMessageType>9<"))
    assert error.errors == [
        "ligne 13, colonne 9 : /IE815/Body/SubmittedDraftOfEADESAD/Attributes/SubmissionMessageType : "
        "Élément SubmissionMessageType : la valeur « 9 » ne fait pas partie des valeurs admises : 1, 2, 3."
    ]
    legacy = xml.InvalidMessage("Refusé.", ["ligne 3 : quelque chose"])
    assert legacy.errors == ["ligne 3 : quelque chose"] and legacy.details == []


def test_an_ie704_gives_each_fault_its_rule_code_location_and_value():
    faults = [
        answers.Fault(
            code="R044",
            message="Le numéro d'accise FR0AB123456789 de l'expéditeur n'est pas connu du référentiel douanier.",
            location="/IE815/Body/SubmittedDraftOfEADESAD/ConsignorTrader/TraderExciseNumber",
            value="FR0AB123456789",
        ),
        answers.Fault(
            code="BR001",
            message="Ce LRN est déjà utilisé.",
            location="/IE815/Body/SubmittedDraftOfEADESAD/EadEsadDraft/LocalReferenceNumber",
            value="LRN-1",
            error_type=ie704.DUPLICATE_LRN,
        ),
        answers.Fault(code="", message="Indiquez la date d'expédition.", value="   "),
    ]
    answer = valid(
        answers.ie704_for(
            faults, correlation_identifier="ZJZLJN8IRPA7E26T4", recipient="NDEA.XI", local_reference_number="LRN-1"
        )
    )
    assert answer.header.correlation_identifier == "ZJZLJN8IRPA7E26T4" and answer.header.message_recipient == "NDEA.XI"
    assert answer.body.attributes == ie704.Attributes(local_reference_number="LRN-1")
    assert [(e.error_type, e.error_reason[:8], e.original_attribute_value) for e in answer.body.functional_errors] == [
        (15, "[R044] L", "FR0AB123456789"),
        (91, "[BR001] ", "LRN-1"),
        (15, "Indiquez", None),
    ]
    assert answer.body.functional_errors[0].error_location.endswith("/ConsignorTrader/TraderExciseNumber")
    assert answer.body.functional_errors[2].error_location is None


def test_an_ie704_of_a_follow_up_message_names_its_movement_and_holds_999_faults_at_most():
    faults = [answers.Fault(code="R030", message="ARC invalide.", error_type=ie704.INVALID_ARC)] * 1000
    answer = valid(
        answers.ie704_for(
            faults,
            correlation_identifier="abc",
            administrative_reference_code="26FRA0000000000000017",
            sequence_number=2,
        )
    )
    assert len(answer.body.functional_errors) == 999
    assert answer.body.attributes == ie704.Attributes(
        administrative_reference_code="26FRA0000000000000017", sequence_number=2
    )
    with pytest.raises(ValueError, match="at least one fault"):
        answers.ie704_for([], correlation_identifier="abc")


def test_an_ie905_answers_a_status_request():
    request = messages.parse(xml.parse((EXAMPLES / "IE904.xml").read_bytes()))
    answer = valid(
        answers.ie905_for(
            administrative_reference_code=request.body.attributes.administrative_reference_code,
            sequence_number=request.body.attributes.sequence_number,
            status="X03",
            last_received_message_type="IE818",
            correlation_identifier=request.header.message_identifier,
            recipient=request.header.message_sender,
        )
    )
    assert answer.header.correlation_identifier == "XI42254" and answer.header.message_recipient == "NDEA.XI"
    assert (answer.body.attributes.status, answer.body.attributes.last_received_message_type) == ("X03", "IE818")


def test_the_received_header_is_read_even_from_a_broken_message_and_only_when_it_fits():
    assert answers.received_header(DRAFT[:700]) == answers.Received(
        message_identifier="ZJZLJN8IRPA7E26T4", message_sender="NDEA.XI"
    )
    assert answers.received_header(b"not xml") == answers.Received()
    assert answers.received_header(None) == answers.Received()
    odd = DRAFT.replace(b"NDEA.XI", b"SOMEONE").replace(b"ZJZLJN8IRPA7E26T4", b"z" * 45)
    assert answers.received_header(odd) == answers.Received()


HOSTILE = {
    "xxe": b'<?xml version="1.0"?>\n<!DOCTYPE IE815 [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<IE815>&x;</IE815>',
    "external dtd": b'<?xml version="1.0"?>\n<!DOCTYPE IE815 SYSTEM "http://example.com/a.dtd">\n<IE815/>',
    "billion laughs": b'<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><l>&b;</l>',
    "quadratic blow-up": b'<!DOCTYPE l [<!ENTITY a "' + b"a" * 50_000 + b'">]><l>' + b"&a;" * 2_000 + b"</l>",
    "undeclared entity": b"<IE815>&x;</IE815>",
    "too deep": b"<a>" * 5_000 + b"</a>" * 5_000,
    "not xml": b"%PDF-1.7 binary",
    "latin-1 bytes said to be UTF-8": DRAFT.replace(b"NDEA.XI", b"NDEA.\xe9I"),
    "wrong root": b'<IE999 xmlns="urn:publicid:-:EC:DGTAXUD:EMCS:PHASE4:IE999:V3.23"/>',
}


@pytest.mark.parametrize("data", HOSTILE.values(), ids=HOSTILE.keys())
def test_every_hostile_message_is_answered_by_a_valid_ie917_in_french(data):
    answer = valid(answers.ie917_for(refusal(data), data=data))
    assert answer.body.xml_errors
    for error in answer.body.xml_errors:
        assert not error.error_reason.startswith(("Element", "Premature", "Start tag", "Excessive", "Maximum")), error


def test_a_message_of_a_type_without_schema_is_answered_at_its_root():
    data = b'<?xml version="1.0"?>\n<IE999 xmlns="urn:publicid:-:EC:DGTAXUD:EMCS:PHASE4:IE999:V3.23"/>'
    error = only_error(valid(answers.ie917_for(refusal(data), data=data)))
    assert (error.error_line_number, error.error_column_number, error.error_location) == (2, 1, "/IE999")
    assert error.error_reason == "Aucun schéma pour le message IE999."


def test_a_message_in_utf_16_is_refused_before_parsing_at_its_first_line():
    """EMCS messages are UTF-8 (emcs.xml refuses any other encoding before the parser reads a byte)."""
    text = DRAFT.decode().replace("<SubmissionMessageType>1<", "<SubmissionMessageType>9<")
    data = text.replace("<IE815 xmlns=", '<?xml version="1.0" encoding="UTF-16"?>\n<IE815 xmlns=', 1).encode("utf-16")
    error = only_error(valid(answers.ie917_for(refusal(data), data=data)))
    assert (error.error_line_number, error.error_column_number) == (1, 1)
    assert "UTF-8" in error.error_reason and error.error_location is None
