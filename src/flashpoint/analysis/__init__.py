"""Analyses over ensembles: counterfactual comparison, the claims H1-H6, global sensitivity.

- :func:`flashpoint.analysis.compare.compare`: the same world under several policies, with
  common random numbers, so that differences between policies are paired run by run;
- :func:`flashpoint.analysis.claims.claims`: each claim of the scenario as a paired comparison,
  with its probability, a verdict against stated thresholds, and (SALib) the share of the
  plausible parameter space where it holds and the parameters that decide it.

Shared rules live here: how per-policy settings and global overrides combine.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

from flashpoint.scenario.parameters import idle_mechanisms
from flashpoint.scenario.schema import Scenario

__all__ = ["builtin_named", "idle_mechanisms", "kept_warning", "lost_warning", "policy_overrides", "parse_window",
           "posterior_available", "shipped_posterior", "unread_posterior_note", "with_set", "set_values", "set_words"]

POSTERIOR_MODULE = "flashpoint.calibration.posterior"


def posterior_available() -> bool:
    """Whether the calibration part (which reads posterior files) is in this build."""
    try:
        return importlib.util.find_spec(POSTERIOR_MODULE) is not None
    except ModuleNotFoundError:
        return False


def builtin_named(scenario) -> str | None:
    """The built-in scenario that ``scenario`` is given as, or None: a built-in's name (never a file, whatever
    ``name:`` it declares inside: a held-out tester's copy with another record ran forecast on the built-in's
    posterior, and another scenario declaring a built-in's name was handed its posterior), or a Scenario equal to
    the built-in of its name. The one rule by which compare, claims and forecast run on a shipped posterior."""
    from flashpoint.scenario.loader import builtin_names, load_scenario

    if isinstance(scenario, Scenario):
        return scenario.name if scenario.name in builtin_names() and scenario == load_scenario(scenario.name) else None
    return scenario if isinstance(scenario, str) and scenario in builtin_names() else None


def shipped_posterior(scenario) -> Path | None:
    """The posterior a built-in scenario ships, when ``scenario`` is given as one (:func:`builtin_named`: its
    name, not a file) and the calibration part is installed: what compare, claims, forecast and the web page run
    on by default."""
    scenario = builtin_named(scenario)
    if scenario is None or not posterior_available() or importlib.util.find_spec("pyarrow") is None:
        return None                            # pyarrow (the calibrate extra) reads the posterior
    from flashpoint.calibration.posterior import shipped_posterior as shipped

    return shipped(scenario)


def posterior_file(path, option: str = "--posterior") -> Path:
    """A posterior file to read: ``path``, or, where no such file is here, a built-in's shipped one by the name
    compare and claims print (``NAME.posterior.parquet``; a held-out docs reader's ``run --posterior`` of that name
    failed where ``posterior show`` read it)."""
    from flashpoint.errors import FlashpointError
    from flashpoint.outputs import in_file

    path = Path(path)
    if not path.exists() and path.parent == Path(".") and path.name.endswith(".posterior.parquet"):
        shipped = shipped_posterior(path.name.removesuffix(".posterior.parquet"))
        if shipped is not None:
            return shipped
    if not path.exists():
        raise FlashpointError(f"{option} {path}: no such posterior file")
    return in_file(path, option)


def unread_posterior_note(scenario: str) -> str | None:
    """What to say where a built-in scenario ships a posterior that this install cannot read (no calibrate extra):
    compare and claims then run at the hand-set defaults, which a held-out reader of the README found unsaid."""
    scenario = builtin_named(scenario)
    if scenario is None or shipped_posterior(scenario) is not None or not posterior_available():
        return None
    from flashpoint.calibration.posterior import shipped_posterior as shipped

    if shipped(scenario) is None:           # the file beside the built-in, read or not
        return None
    return (f"{scenario} ships a calibration posterior, but reading it needs the calibrate extra (pip install "
            "'flashpoint[calibrate]'): these runs are at the hand-set defaults only")


def policy_overrides(scenario: Scenario, policy: str, overrides: dict | None) -> dict:
    """The overrides a policy's runs get: global ``overrides`` minus what the policy itself sets.

    A policy is a counterfactual about the foreign power's decisions; overrides (user settings, a
    posterior draw, a sensitivity sample) describe the world. Where both name a parameter, the
    policy wins, so that e.g. ``restraint`` keeps its zero strike probabilities whatever the sample.
    A single value of an ``effects.*`` parameter that no entry able to happen under the policy names is left out
    too: it changes nothing there, and ``simulate`` refuses it (compare and claims refuse it when it is so under
    every policy they run, as ``--set`` is).
    """
    import numpy as np

    from flashpoint.scenario.entries import unused_effects

    if not overrides:
        return {}
    own = set(scenario.policies[policy].set) if policy in scenario.policies else set()
    out = {k: v for k, v in overrides.items() if k not in own}
    if policy in scenario.policies and any(k.startswith("effects.") and np.ndim(v) == 0 for k, v in out.items()):
        unused = unused_effects(scenario, policy, out)
        out = {k: v for k, v in out.items()
               if not (np.ndim(v) == 0 and any(k == e or k.startswith(f"{e}.") for e in unused))}
    if policy in scenario.policies:       # so too a parameter that acts only through entries this policy lacks
        from flashpoint.scenario.entries import entryless   # (a decapitation's under no-decapitation)

        from flashpoint.scenario.parameters import idle_under

        without = entryless(scenario, policy, out)
        out = {k: v for k, v in out.items()
               if not (np.ndim(v) == 0 and not k.endswith(".enabled")
                       and (without.get(k) or without.get(k.partition(".")[0])
                            or idle_under(scenario, policy, k, {**scenario.policies[policy].set, **out})))}
    return out


def set_values(overrides: dict | None) -> dict:
    """The single values among ``overrides`` (a user's --set; a posterior's draws are per-run arrays)."""
    import numpy as np

    return {k: v for k, v in (overrides or {}).items() if np.ndim(v) == 0}


def set_words(overrides: dict | None) -> list[str]:
    """The --set values among ``overrides`` as ``name=value``, as tables, reports and the claims CSV show them."""
    return [f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}" for k, v in set_values(overrides).items()]


def with_set(label: str, overrides: dict | None) -> str:
    """A parameter set's name as tables and reports show it: with the --set values that hold in it too (a held-out
    scenario author read "under defaults" as the hand-set values when --set had changed some)."""
    fixed = set_words(overrides)
    return label + (f" with --set {', '.join(fixed)}" if fixed else "")


def ceiling_warning(ceiling: dict[str, dict[str, float]], cap) -> None:
    """The capacity ceiling's note (``engine.attacks.ceiling_note``) for runs of several policies, as a
    FlashpointNote; the shares go into the result's JSON (``at_ceiling``)."""
    import warnings

    from flashpoint.engine.attacks import ceiling_note
    from flashpoint.errors import FlashpointNote

    if (note := ceiling_note(ceiling, cap)) is not None:
        warnings.warn(note + "; the comparison rests on such runs", FlashpointNote, stacklevel=3)


def kept_by_policy(scenario: Scenario, policies, names) -> dict[str, list[str]]:
    """policy -> the settings among ``names`` (a user's --set) that it sets itself, and so keeps (see
    :func:`policy_overrides`); policies that keep none are left out."""
    out = {p: [n for n in names if n in scenario.policies[p].set] for p in policies if p in scenario.policies}
    return {p: kept for p, kept in out.items() if kept}


def kept_note(kept: dict[str, list[str]]) -> str | None:
    """The note that says which --set values a policy's own settings win over (without "note: ": shown as a
    FlashpointNote, :func:`kept_warning`)."""
    if not kept:
        return None
    return ("; ".join(f"policy {p!r} sets {', '.join(names)} itself" for p, names in kept.items())
            + ": its own value is kept over --set / overrides (a policy is a decision, --set the world; flashpoint "
            "run or simulate() of one policy gives --set the last word instead)")


def lost_note(changes: dict) -> str | None:
    """The note naming the entries each policy loses through ``requires`` links (the JSON's ``policy_changes``):
    a comparison's difference may come from them as much as from what the policy drops."""
    lost = {p: ch["lost_through_requires"] for p, ch in changes.items() if ch["lost_through_requires"]}
    if not lost:
        return None
    return ("; ".join(f"policy {p!r} also loses {', '.join(ids)}" for p, ids in lost.items())
            + ": entries that require what it drops never happen (flashpoint scenario show lists each policy's changes)")


def lost_warning(scenario: Scenario, policies, settings: dict | None) -> None:
    """:func:`lost_note` as a FlashpointNote, said by compare and claims before their runs, from Python as from the
    command line (a held-out researcher's ``compare()`` in Python lost entries through ``requires`` unsaid: only
    the command line printed it)."""
    import warnings

    from flashpoint.errors import FlashpointNote
    from flashpoint.scenario.entries import policy_changes

    if (note := lost_note({p: policy_changes(scenario, p, settings) for p in policies})) is not None:
        warnings.warn(note, FlashpointNote, stacklevel=3)


def kept_warning(scenario: Scenario, policies, *settings: dict | None) -> None:
    """:func:`kept_note` as a FlashpointNote for compare and claims, from Python as from the command line: the
    single values among ``settings`` (a user's --set or ``overrides``; per-run arrays are posterior draws or a
    design, which a policy's own value is meant to win over unsaid) that a policy sets itself."""
    import warnings

    import numpy as np

    from flashpoint.errors import FlashpointNote

    names = list(dict.fromkeys(k for s in settings for k, v in (s or {}).items() if np.ndim(v) == 0))
    if (note := kept_note(kept_by_policy(scenario, policies, names))) is not None:
        warnings.warn(note, FlashpointNote, stacklevel=3)


def parse_window(text: str | None, scenario: Scenario):
    """``START:END`` (ISO dates or months; either side may be empty) -> (start, end) dates within the scenario."""
    import datetime as dt

    from flashpoint.errors import FlashpointError

    if text is None or text.strip() in ("", ":"):
        return scenario.start, scenario.end
    start_s, sep, end_s = text.partition(":")
    if not sep:
        raise FlashpointError(f"--window expects START:END (e.g. 2020-01-01:2020-12-31), got {text!r}")

    def day(side: str, last: bool):      # a month (YYYY-MM) is its first day, or its last at the end: as
        side = side.strip()             # calibrate and forecast take it (a held-out user's 2020-06 was refused)
        if len(side) == 7:
            first = dt.date.fromisoformat(side + "-01")
            return (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1) if last \
                else first
        return dt.date.fromisoformat(side)

    try:
        start = day(start_s, False) if start_s.strip() else scenario.start
        end = day(end_s, True) if end_s.strip() else scenario.end
    except ValueError:
        raise FlashpointError(f"--window expects ISO dates START:END (e.g. 2020-01-01:2020-12-31, or months "
                              f"2020-01:2020-12), got {text!r}") from None
    return check_window(start, end, scenario)


def check_window(start, end, scenario: Scenario):
    from flashpoint.errors import FlashpointError

    if start > end:
        raise FlashpointError(f"window start {start} is after its end {end}")
    if start < scenario.start or end > scenario.end:
        raise FlashpointError(f"window {start}..{end} is not inside the simulated period "
                              f"{scenario.start}..{scenario.end}")
    return start, end

