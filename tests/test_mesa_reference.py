"""The vectorized engine and the Mesa reference (benchmarks/mesa_reference) agree in distribution.

Both read the same numbers (compile_world on iraq-2020); the reference restates the model's equations
and what each schedule entry means on its own, and draws its random numbers from other generators in
another order, so runs are compared as samples: two-sample Kolmogorov-Smirnov tests, each at
alpha = 0.01 with pinned seeds, on attacks on the foreign forces in 2020 and in 2021 and on the yearly
means of host consent, coalition presence, patron control and spoiler activity. The last test shows
the comparison has power: a reference with one parameter far from its value is rejected.

Seeds are pinned, so the outcome is fixed for a given engine; a change of the engine's random stream
redraws the samples, and a correct engine then fails one of the five random comparisons about 5% of
the time (patron control is deterministic under this policy: both sides must give the same value).
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

stats = pytest.importorskip("scipy.stats")
pytest.importorskip("mesa")

# appended, not prepended: benchmarks/ holds scripts (engine.py, compare.py, ...) that must not shadow modules
BENCHMARKS = str(Path(__file__).resolve().parents[1] / "benchmarks")
if BENCHMARKS not in sys.path:
    sys.path.append(BENCHMARKS)

import flashpoint  # noqa: E402
from mesa_reference import ProxyConflictModel, Reference, run_ensemble, total  # noqa: E402
from mesa_reference.agents import ForeignForce, Proxy  # noqa: E402

ALPHA = 0.01          # family-wise: each of the comparisons below is judged at ALPHA / len(COMPARISONS)
ENGINE_RUNS = 200
MESA_RUNS = 160
ENGINE_SEED = 2020
MESA_SEED = 1003

# (label, indicator, start, end, state indicator?)
COMPARISONS = [
    ("attacks 2020", "attacks_on_foreign_forces", "2020-01-01", "2020-12-31", False),
    ("attacks 2021", "attacks_on_foreign_forces", "2021-01-01", "2021-12-31", False),
    ("mean host consent 2020", "host_consent", "2020-01-01", "2020-12-31", True),
    ("mean coalition presence 2021", "coalition_presence", "2021-01-01", "2021-12-31", True),
    ("mean patron control 2020", "patron_control", "2020-01-01", "2020-12-31", True),
    ("mean spoiler activity 2021", "spoiler_activity", "2021-01-01", "2021-12-31", True),
]


@pytest.fixture(scope="module")
def scenario():
    return flashpoint.load_scenario("iraq-2020")


@pytest.fixture(scope="module")
def engine(scenario):
    return flashpoint.simulate(scenario, policy="historical", runs=ENGINE_RUNS, seed=ENGINE_SEED)


@pytest.fixture(scope="module")
def mesa(scenario):
    ref = Reference(scenario, "historical")
    return ref, run_ensemble(ref, MESA_RUNS, seed=MESA_SEED)


def test_the_reference_has_one_agent_per_actor_and_records_the_engine_outputs(scenario, engine):
    ref = Reference(scenario, "historical")
    model = ProxyConflictModel(ref, seed=0)
    assert len(model.agents) == len(scenario.actors) == 12
    assert [a.actor_id for a in model.agents_by_type[Proxy]] == ["kh", "aah", "badr"]
    assert [f.actor_id for f in model.forces] == ["usa", "coalition"]
    assert all(isinstance(f, ForeignForce) for f in model.forces)
    model.step()
    assert model.day == 1 and len(model.datacollector.model_vars["attacks"]) == 1
    # the same outputs, with the same axes, as the engine records
    series = run_ensemble(ref, 1, seed=0)
    assert set(series) == set(engine.data)
    for name, values in series.items():
        assert values.shape[1:] == engine.data[name].shape[:1] + engine.data[name].shape[2:], name


@pytest.mark.parametrize("label,indicator,start,end,state", COMPARISONS, ids=[c[0] for c in COMPARISONS])
def test_engine_and_mesa_agree_in_distribution(engine, mesa, label, indicator, start, end, state):
    ref, series = mesa
    e = engine.total(indicator, start, end)
    m = total(ref, series, indicator, start, end, mean=state)
    result = stats.ks_2samp(e, m)
    each = ALPHA / len(COMPARISONS)     # Bonferroni: 1% chance that any of the comparisons fails by chance
    assert result.pvalue >= each, (
        f"{label}: KS p = {result.pvalue:.4g} < {each:.4g} (engine mean {e.mean():.4f}, Mesa mean {m.mean():.4f})")


def test_a_clearly_different_model_is_rejected(engine, scenario):
    """The comparison has power: with M1's self-excitation at the top of its declared range (excitation per
    own attack 0.03, about nine times the fitted value) attacks in 2020 are far higher, and the KS test sees it."""
    ref = Reference(scenario, "historical", overrides={"reprisal.excitation_per_attack": 0.03})
    series = run_ensemble(ref, 80, seed=MESA_SEED + 1)
    e = engine.total("attacks_on_foreign_forces", "2020-01-01", "2020-12-31")
    m = total(ref, series, "attacks_on_foreign_forces", "2020-01-01", "2020-12-31")
    result = stats.ks_2samp(e, m)
    assert result.pvalue < ALPHA, f"KS p = {result.pvalue:.4g}; engine mean {e.mean():.1f}, Mesa mean {m.mean():.1f}"
    assert np.mean(m) > np.mean(e)
