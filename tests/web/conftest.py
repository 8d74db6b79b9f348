"""Fixtures of the web tests: one app over a temporary data directory, and a helper to wait for jobs."""
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

import warnings  # noqa: E402

with warnings.catch_warnings():  # Starlette's note that it prefers httpx2 is not ours to act on
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

from flashpoint.web import Limits, create_app  # noqa: E402

#: small, so the suite stays quick; the same numbers across files share the app's cache
RUNS = 40
SEED = 3
LIMITS = Limits(max_runs=5000, max_runs_per_request=10_000, max_jobs=2, queue_size=8, max_events=200)


def wait(client, job: dict, timeout: float = 120.0) -> dict:
    """Poll a job until it has finished; return its last description."""
    deadline = time.monotonic() + timeout
    while job["status"] in ("queued", "running"):
        assert time.monotonic() < deadline, f"job {job['id']} still {job['status']} after {timeout} s"
        time.sleep(0.05)
        r = client.get(f"/api/jobs/{job['id']}")
        assert r.status_code == 200, r.text
        job = r.json()
    return job


def result_of(client, response) -> dict:
    assert response.status_code in (200, 202), response.text
    job = wait(client, response.json())
    assert job["status"] == "done", job
    r = client.get(job["result_url"])
    assert r.status_code == 200, r.text
    return r.json()


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("web-data")


@pytest.fixture(scope="session")
def app(data_dir):
    return create_app(data_dir, limits=LIMITS)


@pytest.fixture(scope="session")
def client(app):
    with TestClient(app) as c:
        yield c
