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
    """H3 and H5 with a small sensitivity analysis (3 policies) over the default parameters, plus one
    that both of H3's policies set themselves."""
    from flashpoint.analysis.claims import claims, select_claims
    from flashpoint.analysis.sensitivity import default_parameters

    names = default_parameters(scenario, select_claims(scenario, ["H3", "H5"])) + ["response.strike_prob_after_lethal"]
    return claims(scenario, runs=200, seed=5, samples=384, ids=["H3", "H5"], parameters=names, audit=False)
