"""Hypothesis fuzzing of the readers: any bytes give documents or a DataError naming the file, never a traceback.

Bounded (derandomized, 150 + 150 + 40 examples) so that it runs in seconds.
"""
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashpoint.errors import DataError
from flashpoint.extract.reader import read_documents

FUZZ = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20)
objects = st.fixed_dictionaries({}, optional={
    "text": st.text(max_size=200) | json_values, "published": st.text(max_size=25) | json_values,
    "id": json_values})
lines = st.one_of(
    objects.map(json.dumps).map(str.encode),
    st.binary(max_size=120),
    st.text(max_size=80).map(lambda t: t.encode("utf-8")),
    st.integers(1, 3000).map(lambda n: b"[" * n + b"]" * (n // 2)),
)


def _read(path):
    try:
        docs = read_documents([path])
    except DataError as exc:
        assert str(path.name) in str(exc)
        assert "\n" not in str(exc) or "line" in str(exc)
        return None
    for doc in docs:
        assert isinstance(doc.text, str) and isinstance(doc.id, str)
    return docs


@FUZZ
@given(st.lists(lines, max_size=6))
def test_jsonl_never_crashes(tmp_path, content):
    path = tmp_path / "fuzz.jsonl"
    path.write_bytes(b"\n".join(content))
    _read(path)


@FUZZ
@given(st.binary(max_size=3000) | st.text(max_size=3000).map(lambda t: t.encode("utf-8")))
def test_text_and_html_never_crash(tmp_path, content):
    for name in ("fuzz.txt", "fuzz.html"):
        path = tmp_path / name
        path.write_bytes(content)
        _read(path)


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400))
def test_coding_any_text_gives_valid_records(nlp, text):
    from datetime import date

    from flashpoint.events.record import RECORD_FIELDS
    from flashpoint.extract import Document, extract_events

    records = extract_events([Document("f", text, date(2020, 1, 8))], nlp)
    assert list(records.columns) == list(RECORD_FIELDS)
    assert records["date"].notna().all()


def test_fuzz_examples_are_bounded():
    pytest.importorskip("hypothesis")
