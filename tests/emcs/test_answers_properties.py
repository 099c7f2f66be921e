"""Whatever a sender does to a message — a value changed, an element dropped or doubled, the bytes
cut anywhere — the portal's refusal is a schema-valid IE917 whose every fault has a reason, and a
line and an XPath whenever the message was well-formed (Hypothesis)."""

from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from emcs import answers, messages, xml
from emcs.xml_errors_fr import translate

EXAMPLES = Path(__file__).parent / "examples"
DRAFT = (EXAMPLES / "IE815.xml").read_bytes()
LEAVES = [element for element in etree.fromstring(DRAFT).iter() if len(element) == 0]
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn")), max_size=40)


def answer_to(data: bytes):
    """The IE917 refusing ``data``, checked against its schema and read back; None if ``data`` is valid."""
    try:
        xml.parse_and_validate(data)
    except xml.InvalidMessage as error:
        answer = answers.ie917_for(error, data=data)
        root = messages.build(answer)
        xml.validate(root)
        assert messages.parse(xml.parse_and_validate(xml.to_bytes(root))) == answer
        return answer
    return None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    changes=st.lists(
        st.tuples(st.integers(0, len(LEAVES) - 1), ANY_TEXT, st.sampled_from(["set", "drop", "double"])),
        min_size=1,
        max_size=4,
    )
)
def test_a_changed_message_is_refused_with_a_located_valid_ie917(changes):
    root = etree.fromstring(DRAFT)
    leaves = [element for element in root.iter() if len(element) == 0]
    for index, value, how in changes:
        leaf = leaves[index]
        if how == "set":
            leaf.text = value
        elif how == "drop" and leaf.getparent() is not None:
            leaf.getparent().remove(leaf)
        elif leaf.getparent() is not None:
            leaf.addnext(etree.fromstring(etree.tostring(leaf)))
    answer = answer_to(etree.tostring(root, encoding="UTF-8", xml_declaration=True))
    if answer is None:
        return  # the change kept the message valid
    for xml_error in answer.body.xml_errors:
        assert xml_error.error_reason
        assert xml_error.error_line_number > 0 and xml_error.error_location.startswith("/IE815")


@settings(max_examples=60, deadline=None)
@given(cut=st.integers(0, len(DRAFT) - 1))
@example(cut=DRAFT.index(b"<tms:") + len(b"<tms:"))  # a prefix without its name: ``tms:`` read leniently
def test_a_message_cut_anywhere_is_refused_with_a_valid_ie917(cut):
    answer = answer_to(DRAFT[:cut])
    assert answer is not None and answer.body.xml_errors


@given(message=st.text(max_size=200))
def test_translating_any_text_gives_text(message):
    assert isinstance(translate(message), str)
