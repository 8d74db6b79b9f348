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
    return [_stored_record(state, n, state.catalog.info(n, ("path", "name"))) for n in state.catalog.names()]


@router.get("/api/scenarios/{name}", response_model=m.ScenarioInfo,
            summary="One scenario: policies, claims, indicators, schedule")
@budgeted
def scenario(name: ScenarioName, state: Shared):
    return _stored_record(state, name, state.catalog.info(name, ("path", "name")))


def _stored_record(state: State, name: str, info: dict) -> dict:
    """``info`` with ``record`` the dataset under which the store holds every event of the scenario's record folder
    (its events.csv imported under a name of one's own), if one does: the event browser starts on it (a held-out
    case imported its folder's events, and the page still started on none, saying they were not in the store)."""
    if not info["record_events"] or info["record"] is not None:
        return info
    from flashpoint.errors import FlashpointError
    from flashpoint.events.shipped import record_table, shipped_records

    sc = state.catalog.get(name, ("path", "name"))[0]
    try:
        held = state.events.datasets_holding(record_table(sc.record.dataset)["event_id"])
    except FlashpointError:          # an events.csv that does not read: the page stays on none
        return info
    held = [d for d in held if d not in shipped_records()]    # a copy of a shipped record, edited maybe, is not it
    return {**info, "record": held[0]} if held else info


@router.get("/api/scenarios/{name}/parameters", response_model=m.Parameters,
            summary="The scenario's declared parameters (value, unit, plausible range, source) and mechanism "
                    "switches: what `overrides` may set")
@budgeted
def scenario_parameters(name: ScenarioName, state: Shared):
    sc, _, source = state.catalog.get(name, ("path", "name"))
    return {"scenario": name, **parameters(sc, shipped_posterior(name, source))}
