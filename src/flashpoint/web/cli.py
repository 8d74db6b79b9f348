"""``flashpoint serve``: the web page and JSON API on a local port."""
from __future__ import annotations

import ipaddress
import os
import re
from pathlib import Path
from typing import Optional

import typer

from flashpoint.errors import FlashpointError


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _check_bind(host: str, port: int) -> None:
    """The address can be bound now: a port in use or a host that is no address of this machine is an error
    naming the option (uvicorn said '[Errno 98]' or 'Name or service not known' and exited 3)."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FlashpointError(f"--host {host!r}: not an address or a name this machine resolves ({exc.strerror})") \
            from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise FlashpointError(f"--port {port} on {host}: cannot be bound ({exc.strerror}); is another server "
                                  "using it? Give another --port") from None


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve(
        host: str = typer.Option("127.0.0.1", "--host", help="address to bind (loopback by default)"),
        port: int = typer.Option(8000, "--port", min=1, max=65535, help="port"),
        store: Optional[str] = typer.Option(None, "--store", help="event store file (default: DATA_DIR/events.duckdb)"),
        data_dir: Optional[Path] = typer.Option(None, "--data-dir", help="the app's data directory: scenarios/*.yaml "
                                                "and the default store (default: $FLASHPOINT_WEB_DATA or the user's "
                                                "Flashpoint data folder)"),
        max_runs: int = typer.Option(20_000, "--max-runs", min=1, help="runs per policy a request may ask for"),
        max_request_runs: int = typer.Option(50_000, "--max-request-runs", min=1,
                                             help="runs x policies simulated for one request"),
        max_jobs: int = typer.Option(2, "--max-jobs", min=1, help="simulation jobs running at once"),
        queue: int = typer.Option(16, "--queue", min=1, help="jobs that may wait; more get 429"),
        request_seconds: int = typer.Option(60, "--request-seconds", min=1,
                                            help="time a request may take before it gets 503"),
        allow_host: Optional[list[str]] = typer.Option(None, "--allow-host",
                                                       help="extra Host header accepted (repeatable)"),
    ) -> None:
        """Serve the page and JSON API (simulations run as background jobs; the API is described at /openapi.json)."""
        try:
            import uvicorn

            from flashpoint.web.app import LOOPBACK_HOSTS, create_app, default_data_dir
            from flashpoint.web.jobs import Limits
        except ImportError as exc:
            raise FlashpointError(f"flashpoint serve needs the web extra ({exc.name} is missing): "
                                  f"pip install 'flashpoint[web]'") from None
        from rich.console import Console

        if max_request_runs < max_runs:
            raise FlashpointError(f"--max-request-runs {max_request_runs:,} is below --max-runs {max_runs:,}: a request "
                                  "for one policy at --max-runs would be refused; give --max-request-runs at least "
                                  "--max-runs")
        if data_dir is not None and data_dir.exists() and not data_dir.is_dir():
            raise FlashpointError(f"--data-dir {data_dir}: is a file; expected a folder (one is made when it is missing)")
        if data_dir is None and os.environ.get("FLASHPOINT_WEB_DATA") and (env := default_data_dir()).exists() \
                and not env.is_dir():     # (it said only "somefile: File exists": a held-out tester)
            raise FlashpointError(f"$FLASHPOINT_WEB_DATA {env}: is a file; expected a folder (one is made when it is "
                                  "missing), or give --data-dir")
        for name in allow_host or []:     # a URL, a port or a path never matches a Host header (the check drops the
            if not re.fullmatch(r"(\*\.)?[a-z0-9.-]+|\[[0-9a-f:.]+\]", name.lower()):   # header's port): refused
                raise FlashpointError(f"--allow-host {name!r}: expected a host name without scheme, port or path "
                                      "(example.com, *.example.com); the Host header's port is not compared")
        allow_host = [name.lower() for name in allow_host or []]    # (the check compares the header in lower case)
        if store is not None:      # a store the user names is checked as the events commands check it (a held-out
            from flashpoint.events.store import check_store_file, store_option   # tester's folder or CSV served the
                                                                                  # records, said only in the JSON)
            store = store_option(store)
            if store.is_dir():
                raise FlashpointError(f"--store {store}: is a folder; the event store is a file (e.g. events.duckdb)")
            check_store_file(store, f"--store {store}")
        _check_bind(host, port)            # before the app is built: uvicorn's own message named no option
        err = Console(stderr=True)
        hosts = list(LOOPBACK_HOSTS) + list(allow_host or [])
        if not is_loopback(host):
            err.print(f"[bold yellow]warning:[/] binding {host}: anyone who can reach this address can start "
                      "simulations (there is no authentication)", highlight=False)
            hosts = ["*"] if host in ("0.0.0.0", "::") else hosts + [host]
        limits = Limits(max_runs=max_runs, max_runs_per_request=max_request_runs, max_jobs=max_jobs,
                        queue_size=queue, request_seconds=request_seconds)
        web = create_app(data_dir=data_dir, store=store, limits=limits, allowed_hosts=hosts)
        state = web.state.flashpoint
        shown = f"[{host}]" if ":" in host else host
        err.print(f"flashpoint serve: http://{shown}:{port}/  (data directory {state.data_dir}; Ctrl-C stops)",
                  highlight=False)
        uvicorn.run(web, host=host, port=port, log_level="warning", access_log=False)
