"""The vectorized engine and the Mesa reference (benchmarks/mesa_reference) agree in distribution.

Both read the same numbers (compile_world on iraq-2020) but draw their random numbers in different
orders, so runs are compared as samples: two-sample Kolmogorov-Smirnov tests on yearly totals of
attacks on foreign forces and on the mean host consent of 2020, each at alpha = 0.01, with pinned
seeds. The last test shows the comparison has power: a Mesa ensemble with a clearly different
parameter (the decapitation's grievance shock at a third of its value) is rejected.

Seeds are pinned, so the outcome is fixed for a given engine; a change of the engine's random
stream redraws the samples, and a correct engine then fails one of these tests about 3% of the time.
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
from mesa_reference.model import Reference, run_ensemble, total  # noqa: E402

ALPHA = 0.01
ENGINE_RUNS = 200
MESA_RUNS = 200
ENGINE_SEED = 2020
MESA_SEED = 1003

# (label, engine indicator, Mesa variable, start, end, state indicator?)
COMPARISONS = [
    ("attacks 2020", "attacks_on_foreign_forces", "attacks", "2020-01-01", "2020-12-31", False),
    ("attacks 2021", "attacks_on_foreign_forces", "attacks", "2021-01-01", "2021-12-31", False),
    ("mean host consent 2020", "host_consent", "host_consent", "2020-01-01", "2020-12-31", True),
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


def test_the_reference_has_one_agent_per_actor(scenario):
    from mesa_reference.model import ProxyConflictModel, Proxy

    ref = Reference(scenario, "historical")
    model = ProxyConflictModel(ref, seed=0)
    assert len(model.agents) == len(scenario.actors) == 12
    assert [a.actor_id for a in model.agents_by_type[Proxy]] == ["kh", "aah", "badr"]
    model.step()
    assert model.day == 1 and len(model.datacollector.model_vars["attacks"]) == 1


@pytest.mark.parametrize("label,indicator,variable,start,end,state", COMPARISONS,
                         ids=[c[0] for c in COMPARISONS])
def test_engine_and_mesa_agree_in_distribution(engine, mesa, label, indicator, variable, start, end, state):
    ref, series = mesa
    e = engine.total(indicator, start, end)
    m = total(ref, series[variable], start, end, mean=state)
    result = stats.ks_2samp(e, m)
    assert result.pvalue >= ALPHA, (
        f"{label}: KS p = {result.pvalue:.4g} < {ALPHA} (engine mean {e.mean():.3f}, Mesa mean {m.mean():.3f})")


def test_a_clearly_different_model_is_rejected(engine, scenario):
    """The comparison has power: a third of the decapitation's grievance shock is detected."""
    ref = Reference(scenario, "historical", overrides={"decapitation.grievance_shock": 1.0})
    series = run_ensemble(ref, 100, seed=MESA_SEED + 1)
    e = engine.total("attacks_on_foreign_forces", "2020-01-01", "2020-12-31")
    m = total(ref, series["attacks"], "2020-01-01", "2020-12-31")
    result = stats.ks_2samp(e, m)
    assert result.pvalue < ALPHA, f"KS p = {result.pvalue:.4g}; engine mean {e.mean():.1f}, Mesa mean {m.mean():.1f}"
    assert np.mean(m) < np.mean(e)
