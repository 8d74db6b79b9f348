"""One policy's run (a background job), and the jobs: status, result, per-chart CSV, cancel."""
from __future__ import annotations

import json
from typing import Annotated, Union

from fastapi import APIRouter, Depends, HTTPException, Path, Response

from flashpoint.web import models as m
from flashpoint.web import results as res
from flashpoint.web.catalog import invalid
from flashpoint.web.guard import StrictJSONRoute, budgeted
from flashpoint.web.jobs import Job
from flashpoint.web.routes.checks import (check_overrides, check_parameters, check_policy, check_runs, job_answer,
                                          submit)
from flashpoint.web.state import State, get_state

router = APIRouter(route_class=StrictJSONRoute)
JobId = Annotated[str, Path(pattern=r"^[0-9a-f]{20}$", description="20 hex digits")]
Indicator = Annotated[str, Path(max_length=80, pattern=r"^[a-z_]+(\.[a-z0-9_-]+){0,4}$")]
Shared = Annotated[State, Depends(get_state)]
QUEUED = {200: {"description": "already done (cached)", "model": m.JobInfo},
          429: {"description": "the job queue is full"}}


@router.post("/api/run", response_model=m.JobInfo, status_code=202, tags=["simulations"], responses=QUEUED,
             summary="Simulate one policy, with parameter overrides if given (a background job)")
@budgeted
def run(req: m.RunRequest, response: Response, state: Shared):
    sc, digest, source = state.catalog.get(req.scenario, ("body", "scenario"))
    check_policy(sc, req.policy, ("body", "policy"))
    check_runs(state, req.runs, 1)
    overrides = check_overrides(sc, req.overrides, [req.policy])
    posterior = check_parameters(req.scenario, source, req.parameters)
    params = {"scenario": req.scenario, "digest": digest, "policy": req.policy, "runs": req.runs,
              "seed": req.seed, "overrides": req.overrides, "parameters": res.parameters_label(posterior)}

    def compute(job):
        found = state.policy_results(job, sc, digest, [req.policy], req.runs, req.seed, [], overrides, posterior)
        return None if found is None else res.run_answer(sc, found[req.policy], overrides)

    return job_answer(state, submit(state, "run", params, compute), response)


def find(state: State, job_id: str) -> Job:
    job = state.jobs.get(job_id)
    if job is None:
        raise HTTPException(status_code=404, detail=f"no job {job_id} (finished jobs are kept for a while)")
    return job


def finished(state: State, job_id: str) -> Job:
    j = find(state, job_id)
    if j.status != "done" or j.result is None:
        raise HTTPException(status_code=409, detail=f"job {job_id} is {j.status}" + (f": {j.error}" if j.error else ""))
    return j


@router.get("/api/jobs", response_model=m.JobList, tags=["jobs"], summary="Recent jobs, queue and cache")
def jobs(state: Shared):
    return {"jobs": [j.describe(state.jobs.position(j)) for j in state.jobs.jobs()],
            "queue": state.jobs.stats(), "cache": state.cache.stats()}


@router.get("/api/jobs/{job_id}", response_model=m.JobInfo, tags=["jobs"], summary="A job's status and progress")
def job(job_id: JobId, state: Shared):
    j = find(state, job_id)
    return j.describe(state.jobs.position(j))


@router.get("/api/jobs/{job_id}/result", tags=["jobs"], summary="A finished job's result",
            responses={200: {"description": "RunResult, CompareResult or ClaimsResult by the job's kind",
                             "model": Union[m.RunResult, m.CompareResult, m.ClaimsResult]},
                       409: {"description": "the job has not finished (or failed)"}})
def job_result(job_id: JobId, state: Shared):
    return Response(content=finished(state, job_id).result, media_type="application/json",
                    headers={"Cache-Control": "private, max-age=3600"})


@router.get("/api/jobs/{job_id}/charts/{indicator}.csv", tags=["jobs"],
            summary="One chart's numbers as CSV: the band per period and policy, each sourced count with the fit",
            responses={200: {"content": {"text/csv": {}}}, 409: {"description": "the job has not finished"}})
@budgeted
def chart_csv(job_id: JobId, indicator: Indicator, state: Shared):
    from flashpoint.report.charts import spec_table

    charts = json.loads(finished(state, job_id).result).get("charts") or {}
    if indicator not in charts:
        raise invalid(("path", "indicator"), f"job {job_id} has no chart of {indicator!r}; it has: "
                                             f"{', '.join(charts) or 'none'}", indicator)
    text = spec_table(charts[indicator]).to_csv(index=False)
    return Response(content=text, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="flashpoint-{indicator}-{job_id[:8]}.csv"'})


@router.delete("/api/jobs/{job_id}", response_model=m.JobInfo, tags=["jobs"],
               summary="Cancel a job (a running one stops after its current block of runs; one that other requests share runs on until each has cancelled it)")
def cancel(job_id: JobId, state: Shared):
    j = state.jobs.cancel(job_id)
    if j is None:
        raise HTTPException(status_code=404, detail=f"no job {job_id}")
    return j.describe(state.jobs.position(j))
