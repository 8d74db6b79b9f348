"""The page, health, and the forecasts' evaluations (a placeholder until `flashpoint evaluate` is wired in)."""
from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Response
from fastapi.responses import FileResponse
from fastapi.routing import APIRoute

from flashpoint.web import models as m
from flashpoint.web.guard import StrictJSONRoute, budgeted
from flashpoint.web.state import State, get_state

STATIC_DIR = Path(str(resources.files("flashpoint.web").joinpath("static")))
router = APIRouter(route_class=StrictJSONRoute)
Shared = Annotated[State, Depends(get_state)]


def index():
    return FileResponse(STATIC_DIR / "index.html", media_type="text/html", headers={"Cache-Control": "no-cache"})


# the page's own query string is the view (`?scenario=…&policy=…`), read by its script, not by the server:
# a plain route, so that StrictJSONRoute's refusal of undeclared query parameters does not apply to it
router.add_api_route("/", index, methods=["GET"], include_in_schema=False, route_class_override=APIRoute)


@router.get("/favicon.ico", include_in_schema=False)
def favicon():
    return Response(status_code=204)


@router.get("/api/health", tags=["server"], summary="Liveness, limits, queue, cache, scenario files skipped")
@budgeted
def health(state: Shared) -> dict:
    from flashpoint import __version__

    limits = state.limits
    return {"status": "ok", "version": __version__,
            "limits": {k: getattr(limits, k) for k in limits.__dataclass_fields__},
            "queue": state.jobs.stats(), "cache": state.cache.stats(),
            "scenarios_skipped": state.catalog.skipped()}


@router.get("/api/evaluations", response_model=m.Evaluations, tags=["forecasts"],
            summary="Forecasts and their scores (CRPS, coverage) from `flashpoint evaluate`, where available")
def evaluations(state: Shared):
    found = list(state.evaluations)
    return {"evaluations": found, "message": "" if found else "no evaluation available"}
