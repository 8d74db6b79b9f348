"""Checks every simulation request shares: runs within the limits, known policies, parameter overrides
(validated by ``flashpoint.scenario.parameters.resolve_settings``, the function ``flashpoint run --set`` uses),
and submitting a job (429 when the queue is full)."""
from __future__ import annotations

from fastapi import HTTPException, Response

from flashpoint.errors import FlashpointError
from flashpoint.web.catalog import invalid
from flashpoint.web.jobs import Job, QueueFull
from flashpoint.web.state import State


def check_runs(state: State, runs: int, n_policies: int, loc=("body", "runs")) -> None:
    limits = state.limits
    if runs > limits.max_runs:
        raise invalid(loc, f"runs must be at most {limits.max_runs} per policy on this server", runs)
    if runs * n_policies > limits.max_runs_per_request:
        raise invalid(loc, f"{runs} runs x {n_policies} policies = {runs * n_policies} runs; this server "
                           f"simulates at most {limits.max_runs_per_request} runs per request", runs)


def check_policy(sc, policy: str, loc: tuple) -> None:
    if policy not in sc.policies:
        raise invalid(loc, f"unknown policy {policy[:64]!r} for scenario {sc.name}; known: "
                           f"{', '.join(sc.policies)}", policy)


def check_overrides(sc, overrides: dict, policies=()) -> dict:
    """The overrides as the engine takes them; a 422 naming the first bad one (unknown name, out of range, or a
    setting that changes nothing under every one of ``policies``, as ``flashpoint run --set`` and ``compare --set``
    refuse it: ``scenario.parameters.refuse_idle_settings``; a switch that turns on a mechanism acting on nothing
    in the scenario under any of them, as Python's ``simulate`` refuses it; anything else the engine refuses as it
    compiles each policy's runs)."""
    import warnings

    from flashpoint.analysis import policy_overrides
    from flashpoint.engine import compile_world
    from flashpoint.errors import ScenarioError
    from flashpoint.scenario.checks import forces_overridden
    from flashpoint.scenario.parameters import (idle_setting, parameters, refuse_idle_settings, resolve_settings,
                                                switch_names)

    out = {}
    for name, value in overrides.items():
        try:
            out.update(resolve_settings(sc, {name: value}, "overrides"))
        except FlashpointError as exc:
            # a parameter of a switched-off mechanism is refused for that, whatever its value, as `run --set` says
            # (a held-out tester got "outside its plausible range [0.5, 0.5]", the range the file gives it when off)
            # (only for a name the scenario declares: an unknown one is unknown, a held-out tester's
            # escalation.nonexistent was called a switched-off mechanism's parameter)
            idle = next((why for policy in policies
                         if (why := idle_setting(sc, policy, {name: value}, resolve_settings(
                             sc, dict(sc.policies[policy].set), f"policy {policy!r}"), names=[name]))), None) \
                if name in parameters(sc) or name in switch_names(sc) else None
            raise invalid(("body", "overrides", name[:80]), idle or str(exc), value) from None
    try:
        # what changes nothing under every policy, as --set refuses it (the web page keeps a policy's own value; a
        # verifier's polarization_weight with politics switched off in the same overrides ran, and a switched-off
        # mechanism's parameter failed the job)
        refuse_idle_settings(sc, list(policies), out, policy_wins=True, where="overrides")
        for policy in policies:                  # a switch that turns on a mechanism acting on nothing: the engine's
            own = sc.policies[policy].set        # refusal (engine/world.py), here a 422 rather than a failed job
            applied = policy_overrides(sc, policy, out)     # what its runs get: less its own, less what is idle there
            settings = resolve_settings(sc, dict(own), f"policy {policy!r}")
            settings.update({k: v for k, v in applied.items() if k.endswith(".enabled")})
            if problem := idle_setting(sc, policy, applied, settings):
                raise ScenarioError(problem)
            if problem := forces_overridden(sc, policy, out):     # troops the schedule's moves cannot take, as
                raise ScenarioError(problem)       # --set refuses them (a held-out historian's job failed instead)
            with warnings.catch_warnings():      # and whatever else the engine refuses as it compiles the runs (a
                warnings.simplefilter("ignore")  # target's mix of modes all set to 0, which `run --set` refused and
                compile_world(sc, policy, policy_overrides(sc, policy, out), 1)   # a held-out job failed on)
    except FlashpointError as exc:
        said = str(exc).split(":")[0]
        name = next((n for n in overrides if str(exc).startswith(f"overrides: {n} ") or n.startswith(f"{said}.")),
                    None)
        loc = ("body", "overrides") + ((name[:80],) if name is not None else ())
        raise invalid(loc, str(exc), overrides.get(name) if name is not None else None) from None
    return out


def check_parameters(name: str, source: str, parameters: str | None):
    """The posterior file the runs draw from (None: the hand-set defaults); a 422 if ``posterior`` is
    asked of a scenario that ships none."""
    from flashpoint.web.catalog import shipped_posterior

    path = shipped_posterior(name, source)
    if parameters == "posterior" and path is None:
        raise invalid(("body", "parameters"), f"scenario {name} ships no posterior (or the calibration extra "
                                              "is not installed); use 'defaults'", parameters)
    return None if parameters == "defaults" else path


def submit(state: State, kind: str, params: dict, compute) -> Job:
    """Queue ``compute(job)``; ``compute(None)`` answers at once from the cache, or gives None."""
    try:
        return state.jobs.submit(kind, params, compute, lambda: compute(None))
    except QueueFull as exc:
        raise HTTPException(status_code=429, detail=str(exc), headers={"Retry-After": "5"}) from None


def job_answer(state: State, job: Job, response: Response) -> dict:
    response.status_code = 200 if job.status == "done" else 202
    response.headers["Location"] = f"/api/jobs/{job.id}"
    return job.describe(state.jobs.position(job))
