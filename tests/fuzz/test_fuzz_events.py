"""Fuzzed event files (corruptions of the sample files in each real layout): an import adds the file
or raises DataError naming the file, and a failed import leaves the store as it was. Bounded for CI."""
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("duckdb")

from flashpoint.errors import FlashpointError  # noqa: E402
from flashpoint.events.store import EventStore  # noqa: E402

from .mutations import mutate_event_file  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "events" / "data"
SAMPLES = {name: (DATA / name).read_bytes() for name in (
    "acled_iraq_sample.csv", "gdelt1_sample.export.CSV", "gdelt2_sample.export.CSV", "icews_sample.tab",
    "record_sample.csv")}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with EventStore(tmp_path_factory.mktemp("store") / "events.duckdb", curated=False) as events:
        yield events


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(name=st.sampled_from(sorted(SAMPLES)), seed=st.integers(0, 2**32 - 1), skip_bad=st.booleans())
def test_a_corrupted_file_imports_or_is_refused_cleanly(tmp_path_factory, store, name, seed, skip_bad):
    folder = tmp_path_factory.mktemp("file")
    path = folder / name
    path.write_bytes(mutate_event_file(SAMPLES[name], random.Random(seed)))
    before = len(store)
    try:
        counts = store.import_file(path, skip_bad=skip_bad, rejects=folder / "rejects.csv")
    except FlashpointError as exc:
        assert str(path.name) in str(exc) and len(str(exc)) < 20_000
        assert len(store) == before
        return
    assert len(store) == before + counts.imported
    assert counts.read == counts.imported + counts.already_present + counts.rejected
    if counts.rejected:
        assert skip_bad and (folder / "rejects.csv").exists()
