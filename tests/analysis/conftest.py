"""Shared, small ensembles for the analysis tests (kept small: the engine runs ~2-6 ms per run)."""
import pytest

import flashpoint


@pytest.fixture(scope="session")
def scenario():
    return flashpoint.load_scenario("iraq-2020")


@pytest.fixture(scope="session")
def comparison(scenario):
    from flashpoint.analysis.compare import compare

    return compare(scenario, ["historical", "no-decapitation", "restraint"], runs=100, seed=11)


@pytest.fixture(scope="session")
def claims_report(scenario):
    """H3 and H5 with a small sensitivity analysis (3 policies) over the default parameters, plus one that both
    of H3's policies set themselves, named twice."""
    from flashpoint.analysis.claims import claims, select_claims
    from flashpoint.analysis.sensitivity import default_parameters

    names = default_parameters(scenario, select_claims(scenario, ["H3", "H5"])) + ["response.strike_prob_after_lethal"] * 2
    return claims(scenario, runs=200, seed=5, samples=384, ids=["H3", "H5"], parameters=names, audit=False)


@pytest.fixture
def small_audit(monkeypatch):
    """The structure audit with its switch screen and its confirmation runs a tenth of their default size, for
    tests of what it reports and how it is asked for (the default size's verdicts: test_audit.py)."""
    import functools

    from flashpoint.analysis import audit, claims

    size = {"default_runs": 40, "confirm_replicates": 10}
    monkeypatch.setattr(claims, "run_audit", functools.partial(audit.audit, **size))
    monkeypatch.setattr(claims, "planned_runs", functools.partial(audit.planned_runs, **size))
