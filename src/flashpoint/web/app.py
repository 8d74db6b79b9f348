"""The FastAPI app behind ``flashpoint serve``: a JSON API and one page.

``create_app(data_dir, store, limits)`` builds it: the shared :class:`~flashpoint.web.state.State`
(``app.state.flashpoint``), the guards (:mod:`flashpoint.web.guard`) and one router per area
(:mod:`flashpoint.web.routes`). What a request may touch on disk:

* the package's own static files (``/static/...``; Starlette refuses paths leading out of them);
* scenario YAML files directly inside ``data_dir/scenarios`` (named by their stem; a request names
  a scenario, and the name is looked up in the listing, never joined to a path);
* the event store given when the app was built (default ``data_dir/events.duckdb``).

Nothing a request sends is executed or evaluated: names are looked up in tables, numbers are
checked against the limits, and event filters reach the store as bound SQL parameters.
"""
from __future__ import annotations

import logging
import os
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles

from flashpoint.errors import FlashpointError
from flashpoint.web.guard import BodyGuard, TimeBudget, validation_error
from flashpoint.web.jobs import Limits, dumps
from flashpoint.web.record import StoreBusy
from flashpoint.web.routes import ROUTERS
from flashpoint.web.routes.pages import STATIC_DIR
from flashpoint.web.state import State

LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]", "testserver"]
log = logging.getLogger("flashpoint.web")

__all__ = ["create_app", "default_data_dir", "LOOPBACK_HOSTS", "STATIC_DIR"]


def default_data_dir() -> Path:
    """``$FLASHPOINT_WEB_DATA``, else the user's Flashpoint data directory (where the default store lives)."""
    if os.environ.get("FLASHPOINT_WEB_DATA"):
        return Path(os.environ["FLASHPOINT_WEB_DATA"]).expanduser()
    try:
        import platformdirs

        return platformdirs.user_data_path("flashpoint", appauthor=False)
    except ImportError:
        return Path.home() / ".local" / "share" / "flashpoint"


def warm(state: State) -> None:
    """Load the scenarios (skipping files that do not load), the record's tables and the event store."""
    from flashpoint.web.record import plover_types

    for name in state.catalog.names():
        state.catalog.info(name, ("path", "name"))
    plover_types()
    state.events.curated()
    try:
        state.events.page({}, 1)
    except Exception as exc:  # noqa: BLE001 - reported when the events are asked for
        log.warning("the event store did not answer at start-up: %s", exc)


def create_app(data_dir: str | os.PathLike | None = None, store=None, limits: Limits | None = None, *,
               allowed_hosts: list[str] | None = None) -> FastAPI:
    """The app. ``store``: an EventStore, a path to one, or None for ``data_dir/events.duckdb``.
    ``allowed_hosts``: Host headers accepted (default: loopback names), against DNS rebinding."""
    from flashpoint import __version__

    data_dir = Path(data_dir).expanduser() if data_dir is not None else default_data_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "scenarios").mkdir(exist_ok=True)
    limits = limits or Limits()
    state = State(data_dir, store, limits)

    @asynccontextmanager
    async def lifespan(app):
        import anyio

        await anyio.to_thread.run_sync(warm, state)   # so that the first requests do not all pay for it at once
        yield
        state.jobs.stop()
        state.events.close()

    app = FastAPI(
        title="Flashpoint", version=__version__, lifespan=lifespan,
        description=("Simulate a proxy conflict scenario under named policies, with parameter "
                     "overrides, compare them with paired runs, test the analyses' claims, hold the runs against "
                     "the scenario's record, and browse the event record. Simulations run as background jobs: "
                     "POST a request, poll `/api/jobs/{id}`, then GET its `result_url`."),
        docs_url=None, redoc_url=None, swagger_ui_oauth2_redirect_url=None,
    )
    app.state.flashpoint = state
    from starlette.middleware.gzip import GZipMiddleware

    app.add_middleware(GZipMiddleware, minimum_size=4096)   # results with charts shrink ~8x
    app.add_middleware(TimeBudget, seconds=limits.request_seconds)
    app.add_middleware(BodyGuard)
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or LOOPBACK_HOSTS)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_exception_handler(RequestValidationError, validation_error)

    @app.exception_handler(FlashpointError)
    async def _flashpoint_error(request: Request, exc: FlashpointError):
        return Response(dumps({"detail": [{"type": "value_error", "loc": ["query"], "msg": str(exc)[:500]}]}),
                        status_code=422, media_type="application/json")

    @app.exception_handler(StoreBusy)
    async def _busy(request: Request, exc: StoreBusy):
        log.warning("%s %s: %s", request.method, request.url.path, exc)
        return Response(dumps({"detail": str(exc)}), status_code=503, media_type="application/json",
                        headers={"Retry-After": "5"})

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        """Last resort: logged with its traceback; the client gets 500 without internals."""
        log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return Response(dumps({"detail": "internal error (logged by the server)"}), status_code=500,
                        media_type="application/json")

    for router in ROUTERS:
        app.include_router(router)
    return app
