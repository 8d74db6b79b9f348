"""Fuzzed scenario files (mutations of the built-in file) through ``flashpoint scenario validate``:
valid, or exit 2 with "error: FILE, line N: ..."; never a traceback, never over 10 s. Bounded for CI
(about 30 s); ``benchmarks/fuzz_scenarios.py`` runs 1,000 files and reports the shares."""
import random
import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashpoint.cli import main
from flashpoint.scenario.loader import MAX_ERRORS, resolve

from .mutations import SCENARIO_MUTATIONS, mutate_scenario

BUILTIN_TEXT = resolve("iraq-2020")[1]
#: rejections from the parameter check name no line yet (its checks move into the schema's validators)
PARAMETER_CHECK = re.compile(r"unknown parameter|expects (a|true)|missing or mis-keyed|probability names")


def validate(tmp_path_factory, data: bytes, capsys) -> tuple[int, str, float]:
    path = tmp_path_factory.mktemp("fuzz") / "scenario.yaml"
    path.write_bytes(data)
    started = time.perf_counter()
    code = main(["scenario", "validate", str(path)])
    seconds = time.perf_counter() - started
    err = capsys.readouterr().err
    if code == 2:
        assert err.startswith(f"error: {path}"), err[:300]
        # at most MAX_ERRORS messages, each clipped to 400 characters after its file, line and field
        assert "Traceback" not in err and len(err) < MAX_ERRORS * (400 + len(str(path)) + 120) + 200
        assert re.match(rf"error: {re.escape(str(path))}, line \d+: ", err) or PARAMETER_CHECK.search(err), err[:300]
    else:
        assert code == 0, err[:300]
    return code, err, seconds


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(seed=st.integers(0, 2**32 - 1), count=st.integers(1, 3))
def test_mutated_scenarios_are_valid_or_rejected_with_file_and_line(tmp_path_factory, capsys, seed, count):
    data, _, _ = mutate_scenario(BUILTIN_TEXT, random.Random(seed), count=count)
    assert validate(tmp_path_factory, data, capsys)[2] < 10


@pytest.mark.parametrize("kind", sorted(SCENARIO_MUTATIONS))
def test_every_kind_of_mutation(tmp_path_factory, capsys, kind):
    rng = random.Random(kind)
    for _ in range(3):
        data, _, _ = mutate_scenario(BUILTIN_TEXT, rng, kinds=[kind])
        assert validate(tmp_path_factory, data, capsys)[2] < 10


@pytest.mark.parametrize("kind", ["alias_bomb", "deep_nesting", "self_alias", "duplicate_key"])
def test_structural_mutations_name_the_exact_line(tmp_path_factory, capsys, kind):
    rng = random.Random(f"exact-{kind}")
    for _ in range(4):
        data, touched, _ = mutate_scenario(BUILTIN_TEXT, rng, kinds=[kind])
        code, err, _ = validate(tmp_path_factory, data, capsys)
        if code == 2:
            named = {int(n) for n in re.findall(r"line (\d+)", err.split("\n")[0])}
            assert named & touched, (err[:200], sorted(touched)[:5])
