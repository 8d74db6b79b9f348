"""Compare and claims: several policies with common random numbers (background jobs).

Both read the same per-policy summaries (:meth:`State.policy_results`): a compare job and a
claims job started together simulate each policy they share once."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response

from flashpoint.analysis.compare import default_indicators
from flashpoint.scenario.schema import HISTORICAL
from flashpoint.web import models as m
from flashpoint.web import results as res
from flashpoint.web.catalog import invalid
from flashpoint.web.guard import StrictJSONRoute, budgeted
from flashpoint.web.routes.checks import (check_overrides, check_parameters, check_policy, check_runs, job_answer,
                                          submit)
from flashpoint.web.routes.runs import QUEUED
from flashpoint.web.state import State, get_state

router = APIRouter(route_class=StrictJSONRoute, tags=["simulations"])
Shared = Annotated[State, Depends(get_state)]


@router.post("/api/compare", response_model=m.JobInfo, status_code=202, responses=QUEUED,
             summary="Simulate several policies with common random numbers and compare them (a background job)")
@budgeted
def compare(req: m.CompareRequest, response: Response, state: Shared):
    sc, digest, source = state.catalog.get(req.scenario, ("body", "scenario"))
    # unsaid, historical and the scenario's next policy (a fixed default named one built-in's policies, refused elsewhere)
    pols = list(req.policies) if req.policies is not None else [HISTORICAL] + [p for p in sc.policies
                                                                              if p != HISTORICAL][:1]
    seen = set()
    for i, p in enumerate(pols):
        check_policy(sc, p, ("body", "policies", i))
        if p in seen:
            raise invalid(("body", "policies", i), f"policy {p!r} is listed twice", p)
        seen.add(p)
    check_runs(state, req.runs, len(pols))
    overrides = check_overrides(sc, req.overrides, pols)
    posterior = check_parameters(req.scenario, source, req.parameters)
    start = req.window_start or sc.start
    end = req.window_end or sc.end
    if not sc.start <= start <= sc.end:
        raise invalid(("body", "window_start"), f"window_start must lie within {sc.start}..{sc.end}", str(start))
    if not sc.start <= end <= sc.end:
        raise invalid(("body", "window_end"), f"window_end must lie within {sc.start}..{sc.end}", str(end))
    if end < start:
        raise invalid(("body", "window_end"), f"window_end {end} is before window_start {start}", str(end))
    window = (start.isoformat(), end.isoformat())
    needs = [(n, window) for n in default_indicators(sc)]
    params = {"scenario": req.scenario, "digest": digest, "policies": pols, "runs": req.runs, "seed": req.seed,
              "window": list(window), "overrides": req.overrides, "parameters": res.parameters_label(posterior)}

    def compute(job):
        found = state.policy_results(job, sc, digest, pols, req.runs, req.seed, needs, overrides, posterior)
        return None if found is None else res.compare_answer(sc, [found[p] for p in pols], window)

    return job_answer(state, submit(state, "compare", params, compute), response)


@router.post("/api/claims", response_model=m.JobInfo, status_code=202, responses=QUEUED,
             summary="Test the scenario's claims with paired runs: probability, interval, verdict (a background job)")
@budgeted
def claims(req: m.ClaimsRequest, response: Response, state: Shared):
    sc, digest, source = state.catalog.get(req.scenario, ("body", "scenario"))
    if not sc.claims:
        raise invalid(("body", "scenario"), f"scenario {req.scenario} declares no claims", req.scenario)
    known = [c.id for c in sc.claims]
    if req.ids is not None:
        for i, cid in enumerate(req.ids):
            if cid not in known:
                raise invalid(("body", "ids", i), f"unknown claim {cid[:64]!r}; known: {', '.join(known)}", cid)
            if cid in req.ids[:i]:          # as a policy given twice is refused, not silently collapsed
                raise invalid(("body", "ids", i), f"claim {cid!r} is given twice", cid)
    chosen, pols = res.claims_policies(sc, req.ids)
    if not chosen:
        raise invalid(("body", "ids"), "no claim chosen", req.ids)
    posterior = check_parameters(req.scenario, source, req.parameters)
    check_runs(state, req.runs, len(pols) * (2 if posterior is not None else 1))   # the defaults beside a posterior
    overrides = check_overrides(sc, req.overrides, pols)
    params = {"scenario": req.scenario, "digest": digest, "ids": [c.id for c in chosen], "runs": req.runs,
              "seed": req.seed, "overrides": req.overrides, "parameters": res.parameters_label(posterior),
              "audit": [req.trajectories, req.replicates] if req.audit else None}

    def compute(job):
        """Verdicts under the posterior come with those at the defaults beside them (as `flashpoint claims`)."""
        from flashpoint.analysis.audit import planned_runs

        sets = [posterior] + ([None] if posterior is not None else [])
        audit_runs = planned_runs(sc, chosen, trajectories=req.trajectories, replicates=req.replicates,
                                  overrides=overrides) if req.audit and job is not None else 0
        # one count over every step (it used to start again at 0 at each); None: the cache only
        stages = job and job.stages([req.runs * len(pols)] * len(sets) + ([audit_runs] if req.audit else []))
        found = []
        for p in sets:
            found.append(state.policy_results(stages, sc, digest, pols, req.runs, req.seed, [], overrides, p))
            if stages is not None:
                stages.next()
        audits = None
        if req.audit:
            audits = state.claim_audits(stages, sc, digest, chosen, req.seed, req.trajectories, req.replicates,
                                        overrides)
        if any(f is None for f in found) or (req.audit and audits is None):
            return None
        return res.claims_answer(sc, chosen, found[0], req.runs, req.seed, others=found[1:], audits=audits,
                                 audit_size=(req.trajectories, req.replicates), name=req.scenario)

    return job_answer(state, submit(state, "claims", params, compute), response)
