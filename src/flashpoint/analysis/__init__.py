"""Analyses over ensembles: counterfactual comparison, the claims H1-H6, global sensitivity.

- :func:`flashpoint.analysis.compare.compare`: the same world under several policies, with
  common random numbers, so that differences between policies are paired run by run;
- :func:`flashpoint.analysis.claims.claims`: each claim of the scenario as a paired comparison,
  with its probability, a verdict against stated thresholds, and (SALib) the share of the
  plausible parameter space where it holds and the parameters that decide it.

Shared rules live here: how per-policy settings and global overrides combine.
"""
from __future__ import annotations

from flashpoint.scenario.schema import Scenario

__all__ = ["policy_overrides", "parse_window"]


def policy_overrides(scenario: Scenario, policy: str, overrides: dict | None) -> dict:
    """The overrides a policy's runs get: global ``overrides`` minus what the policy itself sets.

    A policy is a counterfactual about the foreign power's decisions; overrides (user settings, a
    posterior draw, a sensitivity sample) describe the world. Where both name a parameter, the
    policy wins, so that e.g. ``restraint`` keeps its zero strike probabilities whatever the sample.
    """
    if not overrides:
        return {}
    own = set(scenario.policies[policy].set) if policy in scenario.policies else set()
    return {k: v for k, v in overrides.items() if k not in own}


def parse_window(text: str | None, scenario: Scenario):
    """``START:END`` (ISO dates; either side may be empty) -> (start, end) dates within the scenario."""
    import datetime as dt

    from flashpoint.errors import FlashpointError

    if text is None or text.strip() in ("", ":"):
        return scenario.start, scenario.end
    start_s, sep, end_s = text.partition(":")
    if not sep:
        raise FlashpointError(f"--window expects START:END (e.g. 2020-01-01:2020-12-31), got {text!r}")
    try:
        start = dt.date.fromisoformat(start_s.strip()) if start_s.strip() else scenario.start
        end = dt.date.fromisoformat(end_s.strip()) if end_s.strip() else scenario.end
    except ValueError:
        raise FlashpointError(f"--window expects ISO dates START:END (e.g. 2020-01-01:2020-12-31), "
                              f"got {text!r}") from None
    return check_window(start, end, scenario)


def check_window(start, end, scenario: Scenario):
    from flashpoint.errors import FlashpointError

    if start > end:
        raise FlashpointError(f"window start {start} is after its end {end}")
    if start < scenario.start or end > scenario.end:
        raise FlashpointError(f"window {start}..{end} is not inside the simulated period "
                              f"{scenario.start}..{scenario.end}")
    return start, end
