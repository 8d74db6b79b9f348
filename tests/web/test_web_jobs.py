"""Background jobs: bounded queue (429 when full), a cap on concurrent jobs, cancellation, failures,
one job per distinct request, and the bounded caches. Simulations are replaced by stand-ins here."""
import threading
import time

import numpy as np
import pytest

from flashpoint.analysis.compare import default_indicators
from flashpoint.ensemble import INDICATORS
from flashpoint.web import Limits, create_app
from flashpoint.web import results as res
from flashpoint.web.jobs import JobManager, QueueFull

from .conftest import TestClient, wait


class FakeEngine:
    """Stands in for ``summarize_policy``: optionally blocks until released, reports progress, counts calls."""

    def __init__(self, block=False, delay=0.0, fail=None):
        self.release = threading.Event()
        if not block:
            self.release.set()
        self.delay = delay
        self.fail = fail
        self.calls = 0
        self.active = 0
        self.max_active = 0
        self.lock = threading.Lock()

    def __call__(self, scenario, digest, policy, runs, seed, needs=(), progress=None, overrides=(), posterior=None):
        with self.lock:
            self.calls += 1
            self.active += 1
            self.max_active = max(self.max_active, self.active)
        try:
            t_end = time.monotonic() + self.delay
            while not self.release.is_set() or time.monotonic() < t_end:
                if progress is not None:
                    progress(runs // 2, runs)       # raises once the job is cancelled
                time.sleep(0.01)
            if self.fail:
                raise RuntimeError(self.fail)
            if progress is not None:
                progress(runs, runs)
            whole = [(n, res.whole(scenario)) for n in list(INDICATORS) + default_indicators(scenario)]
            wanted = whole + res.claim_windows(scenario) + list(needs)      # as results.summarize_policy has them
            totals = {k: np.zeros(runs) for k in wanted}
            return res.PolicyResult(scenario.name, digest, policy, runs, seed, ["2019-10"], {}, totals,
                                    overrides=tuple(overrides), parameters=res.parameters_label(posterior))
        finally:
            with self.lock:
                self.active -= 1


@pytest.fixture
def make_client(tmp_path, monkeypatch):
    opened = []

    def make(engine, **limits):
        monkeypatch.setattr(res, "summarize_policy", engine)
        client = TestClient(create_app(tmp_path / "data", limits=Limits(**limits)))
        client.__enter__()
        opened.append((client, engine))
        return client

    yield make
    for client, engine in opened:
        engine.release.set()
        client.__exit__(None, None, None)


def post(client, seed, policy="historical"):
    return client.post("/api/run", json={"policy": policy, "runs": 10, "seed": seed})


def wait_status(client, jid, status, timeout=20):
    deadline = time.monotonic() + timeout
    while True:
        job = client.get(f"/api/jobs/{jid}").json()
        if job["status"] == status:
            return job
        assert time.monotonic() < deadline, job
        time.sleep(0.02)


def test_full_queue_answers_429_and_cancel_frees_it(make_client):
    engine = FakeEngine(block=True)
    client = make_client(engine, max_jobs=1, queue_size=1)
    running = post(client, 1).json()
    wait_status(client, running["id"], "running")
    queued = post(client, 2)
    assert queued.status_code == 202 and queued.json()["status"] == "queued"
    assert queued.json()["queue_position"] == 1
    full = post(client, 3)
    assert full.status_code == 429 and "queue is full" in full.json()["detail"]
    assert full.headers["retry-after"]

    cancelled = client.delete(f"/api/jobs/{queued.json()['id']}").json()
    assert cancelled["status"] == "cancelled" and cancelled["elapsed_s"] == 0.0    # it never ran (it counted down)
    time.sleep(0.05)
    assert client.get(f"/api/jobs/{queued.json()['id']}").json()["elapsed_s"] == 0.0
    client.delete(f"/api/jobs/{running['id']}")
    job = wait_status(client, running["id"], "cancelled")
    assert job["result_url"] is None
    assert client.get(f"/api/jobs/{running['id']}/result").status_code == 409
    engine.release.set()
    again = post(client, 3)
    assert again.status_code == 202
    assert wait(client, again.json())["status"] == "done"
    # a cancelled request asked again is a fresh job
    fresh = post(client, 1)
    assert fresh.status_code in (200, 202) and fresh.json()["status"] in ("queued", "running", "done")
    assert wait(client, fresh.json())["status"] == "done"


def test_concurrent_jobs_are_capped(make_client):
    engine = FakeEngine(delay=0.15)
    client = make_client(engine, max_jobs=2, queue_size=8)
    jobs = [post(client, seed).json() for seed in range(6)]
    assert len({j["id"] for j in jobs}) == 6
    for j in jobs:
        assert wait(client, j)["status"] == "done"
    assert engine.calls == 6
    assert engine.max_active == 2


def test_identical_requests_share_one_job(make_client):
    engine = FakeEngine(delay=0.2)
    client = make_client(engine, max_jobs=2, queue_size=8)
    ids = {post(client, 5).json()["id"] for _ in range(4)}
    assert len(ids) == 1
    assert wait(client, client.get(f"/api/jobs/{ids.pop()}").json())["status"] == "done"
    assert engine.calls == 1
    done = post(client, 5)
    assert done.status_code == 200 and done.json()["status"] == "done"
    assert engine.calls == 1


def test_failed_job_reports_its_error(make_client):
    engine = FakeEngine(fail="engine exploded")
    client = make_client(engine, max_jobs=1, queue_size=2)
    job = wait(client, post(client, 8).json())
    assert job["status"] == "failed" and "engine exploded" in job["error"]
    r = client.get(f"/api/jobs/{job['id']}/result")
    assert r.status_code == 409 and "engine exploded" in r.json()["detail"]
    assert client.get("/api/health").json()["status"] == "ok"


def test_policy_cache_is_bounded_by_bytes():
    cache = res.ResultCache(max_bytes=3 * (8 * 1000 + 4096 + 200))

    def entry(seed):
        return res.PolicyResult("s", "d", "p", 1000, seed, [], {}, {("x", ("a", "b")): np.zeros(1000)})

    for seed in range(5):
        cache.put(entry(seed))
        cache.get(("s", "d", "p", 1000, 0, (), "defaults"))      # keep seed 0 recently used
    assert cache.stats()["bytes"] <= cache.max_bytes
    assert cache.get(("s", "d", "p", 1000, 0, (), "defaults")) is not None
    assert cache.get(("s", "d", "p", 1000, 1, (), "defaults")) is None
    assert cache.get(("s", "d", "p", 1000, 4, (), "defaults")) is not None
    # a window not yet kept is a miss
    assert cache.get(("s", "d", "p", 1000, 4, (), "defaults"), [("x", ("c", "d"))]) is None


def test_job_history_is_bounded():
    jm = JobManager(Limits(max_jobs=1, queue_size=4, job_history=3))
    try:
        for i in range(6):
            jm.submit("run", {"i": i}, work=lambda job: {}, immediate=lambda: {"answer": 1})
        assert len(jm.jobs()) == 3
    finally:
        jm.stop()


def test_queue_full_in_the_manager():
    gate = threading.Event()
    jm = JobManager(Limits(max_jobs=1, queue_size=1))
    try:
        jm.submit("run", {"i": 0}, work=lambda job: gate.wait(10) and {})
        deadline = time.monotonic() + 5
        while jm.get(jm.jobs()[0].id).status != "running":
            assert time.monotonic() < deadline
            time.sleep(0.01)
        jm.submit("run", {"i": 1}, work=lambda job: {})
        with pytest.raises(QueueFull):
            jm.submit("run", {"i": 2}, work=lambda job: {})
    finally:
        gate.set()
        jm.stop()


class LoggingEngine(FakeEngine):
    """A FakeEngine that records which policies it simulated, and under which parameters."""

    def __init__(self, **kw):
        super().__init__(**kw)
        self.policies = []

    def __call__(self, scenario, digest, policy, runs, seed, needs=(), progress=None, overrides=(), posterior=None):
        with self.lock:
            self.policies.append((policy, res.parameters_label(posterior)))
        return super().__call__(scenario, digest, policy, runs, seed, needs, progress, overrides, posterior)


def test_compare_and_claims_together_simulate_each_policy_once(make_client):
    """The page starts a compare job and a claims job at once; they share historical and no-decapitation."""
    engine = LoggingEngine(block=True)
    client = make_client(engine, max_jobs=2)
    body = {"policies": ["historical", "no-decapitation"], "runs": 10, "seed": 5}
    compare = client.post("/api/compare", json=body).json()
    claims = client.post("/api/claims", json={"ids": ["H1", "H2"], "runs": 10, "seed": 5}).json()
    wait_status(client, compare["id"], "running")
    wait_status(client, claims["id"], "running")
    time.sleep(0.2)
    engine.release.set()
    assert wait(client, compare)["status"] == "done" and wait(client, claims)["status"] == "done"
    # both under the shipped posterior, shared; the claims' verdicts at the defaults beside them
    posterior = "posterior (iraq-2020.posterior.parquet)"
    assert sorted(engine.policies) == [("historical", "defaults"), ("historical", posterior),
                                       ("no-decapitation", "defaults"), ("no-decapitation", posterior)]
    # overrides are part of what a policy's summary is: a new setting is a new simulation, shared again
    over = dict(body, overrides={"reprisal.excitation_per_strike": 0.05})
    assert wait(client, client.post("/api/compare", json=over).json())["status"] == "done"
    assert len(engine.policies) == 6
    # and so are the parameters: the defaults asked for are the ones the claims job simulated
    assert wait(client, client.post("/api/compare", json=dict(body, parameters="defaults")).json())["status"] == "done"
    assert len(engine.policies) == 6


def test_claims_with_the_structure_audit_replace_structural_verdicts_and_keep_the_audit(make_client, monkeypatch):
    """audit: true runs the structure audit (here a stand-in) once per scenario, seed and fixed overrides;
    a claim it finds structural says so under every parameter set."""
    import flashpoint.analysis.audit as audit_module
    from flashpoint.analysis.audit import ClaimAudit

    calls = []

    def fake_audit(sc, chosen, *, trajectories, replicates, seed, overrides, progress):
        calls.append((tuple(c.id for c in chosen), trajectories, replicates, seed))
        progress(1, 2)
        return {c.id: ClaimAudit(c.id, 10, replicates, (0.1, 2.0) if c.id == "H4" else (-1.0, 1.0),
                                 1.0 if c.id == "H4" else 0.3, 0.0 if c.id == "H4" else 0.2, (0.0, 0.0),
                                 structural=c.id == "H4", reason="one sign over the ranges")
                for c in chosen}

    monkeypatch.setattr(audit_module, "audit", fake_audit)
    client = make_client(FakeEngine())
    body = {"ids": ["H4", "H5"], "runs": 10, "seed": 5, "audit": True, "trajectories": 2, "replicates": 3}
    job = client.post("/api/claims", json=body).json()
    assert wait(client, job)["status"] == "done"
    result = client.get(client.get(f"/api/jobs/{job['id']}").json()["result_url"]).json()
    h4, h5 = result["claims"]
    assert h4["structural"] is True and h4["verdict"] == "decided by the model's structure"
    assert {v["verdict"] for v in h4["under"].values()} == {"decided by the model's structure"}
    assert h5["structural"] is False and h5["verdict"] != "decided by the model's structure"
    assert h4["sign_range"] == [0.1, 2.0] and "audit ran" in result["note"]
    # as the command line says it (a held-out analyst found the API silent on a small audit)
    assert "2 trajectories x 3 replicates, below its defaults" in result["audit_note"] in result["note"]
    assert calls == [(("H4", "H5"), 2, 3, 5)]
    # other runs or parameters: the audit is kept (it samples the declared ranges); without audit, none
    again = client.post("/api/claims", json=dict(body, runs=20, parameters="defaults")).json()
    status = wait(client, again)
    assert status["status"] == "done" and len(calls) == 1
    assert status["done"] == status["total"]          # the cached audit counted in both (it showed 120 of 180)
    plain = client.post("/api/claims", json={"ids": ["H4"], "runs": 10, "seed": 5}).json()
    assert wait(client, plain)["status"] == "done"
    got = client.get(client.get(f"/api/jobs/{plain['id']}").json()["result_url"]).json()
    assert got["claims"][0]["structural"] is None and "did not run" in got["note"]
    assert client.post("/api/claims", json=dict(body, trajectories=9)).status_code == 422


def test_a_job_every_follower_let_go_of_runs_on_for_the_next_request():
    """A reloaded page lets go of its job (its only follower: the job is to stop), then asks for it again before
    the job's next block of runs: the job runs on for it, with one follower, not cancelled under it."""
    gate = threading.Event()

    def work(job):                   # a block of runs: the cancel is seen only at its end
        gate.wait(10)
        job.progress(1, 1)
        return {}

    jm = JobManager(Limits(max_jobs=1, queue_size=2))
    try:
        job = jm.submit("run", {"i": 0}, work=work)
        deadline = time.monotonic() + 5
        while job.status != "running":
            assert time.monotonic() < deadline
            time.sleep(0.01)
        assert jm.cancel(job.id).describe()["followers"] == 0
        again = jm.submit("run", {"i": 0}, work=work)
        assert again is job and again.describe()["followers"] == 1
        gate.set()
        while job.status == "running":
            assert time.monotonic() < deadline + 5
            time.sleep(0.01)
        assert job.status == "done"
    finally:
        gate.set()
        jm.stop()


def test_a_job_two_requests_share_runs_on_until_both_cancel(make_client):
    """A held-out user cancelled in one tab, and another tab's identical run (the same job) stopped too."""
    engine = FakeEngine(block=True)
    client = make_client(engine, max_jobs=1, queue_size=4)
    first = post(client, 5).json()
    second = post(client, 5).json()                    # another tab, the same request: the same job
    assert first["id"] == second["id"]
    wait_status(client, first["id"], "running")
    assert client.get(f"/api/jobs/{first['id']}").json()["followers"] == 2
    answer = client.delete(f"/api/jobs/{first['id']}").json()
    assert answer["status"] == "running" and answer["followers"] == 1     # the page says it runs on for the other
    client.delete(f"/api/jobs/{first['id']}")
    assert wait_status(client, first["id"], "cancelled")["status"] == "cancelled"
    engine.release.set()
