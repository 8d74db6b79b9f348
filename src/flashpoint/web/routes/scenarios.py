"""Scenarios: the listing (a file that does not load is skipped, its reason logged), one scenario, and the
declared parameters the page makes its sliders from."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from flashpoint.web import models as m
from flashpoint.web.catalog import parameters, shipped_posterior
from flashpoint.web.guard import StrictJSONRoute, budgeted
from flashpoint.web.state import State, get_state

router = APIRouter(route_class=StrictJSONRoute, tags=["scenarios"])
ScenarioName = Annotated[str, Path(max_length=64)]
Shared = Annotated[State, Depends(get_state)]


@router.get("/api/scenarios", response_model=list[m.ScenarioInfo],
            summary="Scenarios: built-in ones and YAML files in the data directory's scenarios/ folder "
                    "(files that do not load are skipped; /api/health says why)")
@budgeted
def scenarios(state: Shared):
    return [state.catalog.info(n, ("path", "name")) for n in state.catalog.names()]


@router.get("/api/scenarios/{name}", response_model=m.ScenarioInfo,
            summary="One scenario: policies, claims, indicators, schedule")
@budgeted
def scenario(name: ScenarioName, state: Shared):
    return state.catalog.info(name, ("path", "name"))


@router.get("/api/scenarios/{name}/parameters", response_model=m.Parameters,
            summary="The scenario's declared parameters (value, unit, plausible range, source) and mechanism "
                    "switches: what `overrides` may set")
@budgeted
def scenario_parameters(name: ScenarioName, state: Shared):
    sc, _, source = state.catalog.get(name, ("path", "name"))
    return {"scenario": name, **parameters(sc, shipped_posterior(name, source))}
