"""Flashpoint: escalation in proxy conflicts.

The public API is a handful of verbs::

    import flashpoint
    scenario = flashpoint.load_scenario("iraq-2020")
    ens = flashpoint.simulate(scenario, policy="historical", runs=1000, seed=0)
    ens.total("attacks_on_foreign_forces", "2020-01-01", "2020-12-31")   # one number per run
    ens.quantiles("attacks_on_foreign_forces", freq="M")
"""
from flashpoint.engine import simulate
from flashpoint.ensemble import Ensemble
from flashpoint.scenario.loader import load_scenario
from flashpoint.scenario.schema import Scenario

__version__ = "0.1.0"
__all__ = ["load_scenario", "simulate", "Scenario", "Ensemble", "compare", "claims", "__version__"]
_LAZY = {"compare": "flashpoint.analysis.compare", "claims": "flashpoint.analysis.claims"}


def __dir__():   # the lazy verbs too, for tab completion (a held-out analyst's did not find them)
    return sorted(set(globals()) | set(_LAZY))


def __getattr__(name):  # verbs of optional parts, imported when first used
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'flashpoint' has no attribute {name!r}")
