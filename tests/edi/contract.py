"""The EDI contract for the fuzzers (tests/edi/test_contract_fuzz.py in the suite, reliability's
test_bad_input.py over HTTP): the OpenAPI document, with XML bodies drawn from real messages."""

from pathlib import Path

import schemathesis
import yaml
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
OPENAPI = ROOT / "edi" / "openapi.yaml"
EXAMPLES = ROOT / "tests" / "emcs" / "examples"
SEEDS = [(EXAMPLES / f"{name}.xml").read_bytes() for name in ("IE815", "IE810", "IE818", "IE837_consignor")]


@st.composite
def xml_bodies(draw) -> bytes:
    """A real message, cut, spliced with random bytes, or left as it is; or random bytes."""
    if draw(st.integers(0, 4)) == 0:
        return draw(st.binary(max_size=300))
    data = draw(st.sampled_from(SEEDS))
    start = draw(st.integers(0, len(data)))
    end = draw(st.integers(start, min(len(data), start + 200)))
    return data[:start] + draw(st.binary(max_size=40)) + data[end:]


def schema():
    """The contract as schemathesis reads it, its XML bodies from ``xml_bodies``."""
    schemathesis.openapi.media_type("application/xml", xml_bodies(), aliases=["text/xml"])
    return schemathesis.openapi.from_dict(yaml.safe_load(OPENAPI.read_bytes()))
