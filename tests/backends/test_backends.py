"""local, processes and Ray give the same numbers to the last bit, whatever the worker count and
even when a worker dies mid-run; user errors are FlashpointErrors."""
import re
import sys
import types

import numpy as np

import pytest
from backend_faults import CrashAlways, CrashOnce, RaiseOn, slow_first
from backends_support import RUNS, SEED, fingerprint, summarize_here

from flashpoint.backends import BackendError, map_blocks
from flashpoint.backends.summary import summarize_world
from flashpoint.engine import compile_world, simulate
from flashpoint.engine.core import BLOCK_RUNS
from flashpoint.errors import FlashpointError
from flashpoint.scenario.loader import load_scenario

BACKENDS = [("processes", 1), ("processes", 2), ("ray", 2)]


@pytest.fixture(autouse=True)
def _ray_if_needed(request):
    """Tests on the ray backend share one local Ray, started once for the session."""
    callspec = getattr(request.node, "callspec", None)
    if callspec is not None and callspec.params.get("backend") == "ray":
        request.getfixturevalue("ray_local")


@pytest.fixture(scope="module")
def world():
    return compile_world(load_scenario("iraq-2020"), "historical", None, RUNS)


@pytest.mark.parametrize("backend,workers", BACKENDS)
def test_summary_identical_on_every_backend(reference, backend, workers):
    assert fingerprint(summarize_here(backend=backend, workers=workers)) == fingerprint(reference)


@pytest.mark.parametrize("backend", ["processes", "ray"])
def test_simulate_identical_on_every_backend(ensemble, backend):
    ens = simulate("iraq-2020", runs=RUNS, seed=SEED, backend=backend, workers=2)
    assert ens.data.keys() == ensemble.data.keys()
    for k in ens.data:
        assert ens.data[k].dtype == ensemble.data[k].dtype and ens.data[k].tobytes() == ensemble.data[k].tobytes(), k
    assert np.array_equal(ens.happened, ensemble.happened)


@pytest.mark.parametrize("backend", ["processes", "ray"])
def test_a_killed_worker_is_replaced_and_the_result_is_identical(reference, world, tmp_path, backend):
    marker = tmp_path / "killed"
    s = summarize_world(world, SEED, breakdowns=True, windows=[(None, None), ("2020-01-01", "2020-03-31")],
                        backend=backend, workers=2, wrap=lambda fn: CrashOnce(fn, 1, marker))
    assert marker.exists(), "the worker was not killed"
    assert fingerprint(s) == fingerprint(reference)


def test_workers_beyond_the_blocks_are_said_to_idle():
    """A held-out designer's --backend processes --workers 2 on 2,000 runs ran one block in one worker, unsaid."""
    from flashpoint.errors import FlashpointNote

    with pytest.warns(FlashpointNote, match=r"100 runs make 1 block of up to 5,000 runs, and a block is what one "
                                            r"worker simulates: 1 of the 2 workers work"):
        simulate("iraq-2020", runs=100, seed=SEED, backend="processes", workers=2)


def test_a_block_that_always_kills_its_worker_gives_up(world):
    with pytest.raises(BackendError, match="block 1: its worker process died 2 times"):
        list(map_blocks(world, SEED, CrashAlways(1), backend="processes", workers=2, max_retries=1))


@pytest.mark.parametrize("backend", ["processes", "ray"])
def test_an_error_in_a_block_reaches_the_caller_as_itself(world, backend):
    with pytest.raises(FlashpointError, match="boom in block 1"):
        list(map_blocks(world, SEED, RaiseOn(1), backend=backend, workers=2))


def test_results_come_in_block_order_whatever_finishes_first():
    world = compile_world(load_scenario("iraq-2020"), "historical", None, 6 * BLOCK_RUNS - 1)
    seen = []
    out = list(map_blocks(world, 5, slow_first, backend="processes", workers=2,
                          progress=lambda done, total: seen.append((done, total))))
    assert out == [(b, (b, 5)) for b in range(6)]
    assert seen == [(min((b + 1) * BLOCK_RUNS, world.runs), world.runs) for b in range(6)]


def test_bad_backend_options_are_user_errors(world):
    with pytest.raises(FlashpointError, match="unknown backend 'dask'; choose one of: local, processes, ray"):
        simulate("iraq-2020", runs=10, backend="dask")
    with pytest.raises(FlashpointError, match=r"address \(--address\) joins a Ray cluster"):
        list(map_blocks(world, 0, slow_first, backend="processes", address="10.0.0.1:6379"))
    with pytest.raises(FlashpointError, match="workers must be a positive integer"):
        list(map_blocks(world, 0, slow_first, backend="processes", workers=0))


def test_ray_not_installed_says_how_to_install(monkeypatch, world):
    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(FlashpointError, match=r"pip install 'flashpoint\[all\]'"):
        list(map_blocks(world, 0, slow_first, backend="ray"))


def test_unreachable_cluster_fails_fast_with_a_hint():
    from flashpoint.backends.ray_backend import connect

    fake = types.SimpleNamespace(is_initialized=lambda: False,
                                 init=lambda **kw: pytest.fail("ray.init must not be tried"))
    with pytest.raises(FlashpointError, match=r"could not connect to the Ray cluster at '127.0.0.1:9'.*ray start --head"):
        connect(fake, None, "127.0.0.1:9")


def test_cli_exits_2_on_a_bad_backend(capsys):
    from flashpoint.cli import main

    assert main(["run", "--runs", "10", "--backend", "spark"]) == 2
    assert "unknown backend 'spark'" in capsys.readouterr().err


def test_address_joins_an_existing_cluster(tmp_path, capsys):
    """`ray start --head` in another process, then `flashpoint run --backend ray --address HOST:PORT`
    (a separate process, as a user would): the same numbers as local. Token auth is switched off
    for this throwaway cluster (RAY_AUTH_MODE=disabled on both sides)."""
    import json
    import os
    import socket
    import subprocess
    import time
    from pathlib import Path

    from flashpoint.cli import main

    pytest.importorskip("ray")
    bindir = Path(sys.executable).parent
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, RAY_AUTH_MODE="disabled")
    args = ["run", "--runs", str(BLOCK_RUNS // 4), "--seed", "3", "--summary-only", "--format", "json"]
    with open(tmp_path / "head.log", "w") as log:
        head = subprocess.Popen([bindir / "ray", "start", "--head", f"--port={port}", "--num-cpus=1",
                                 "--include-dashboard=false", "--disable-usage-stats", "--block"],
                                env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 90
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert head.poll() is None and time.time() < deadline, (tmp_path / "head.log").read_text()
                time.sleep(0.5)
        done = subprocess.run([bindir / "flashpoint", *args, "--backend", "ray", "--address", f"127.0.0.1:{port}"],
                              env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
    finally:
        head.terminate()        # --block: the head drains and stops the processes it started
        head.wait(timeout=60)
    joined = json.loads(done.stdout)
    assert main(args) == 0
    here = json.loads(capsys.readouterr().out)
    assert joined.pop("backend") == "ray" and here.pop("backend") == "local"
    assert joined == here


@pytest.mark.parametrize("options, message", [
    ({"workers": 3}, "workers (--workers) sets the worker processes of backend processes or ray"),
    ({"address": "1.2.3.4"}, "address (--address) joins a Ray cluster"),
])
def test_options_of_another_backend_are_refused_on_the_local_one(options, message):
    with pytest.raises(FlashpointError, match=re.escape(message)):
        simulate("iraq-2020", runs=2, seed=0, **options)


def test_a_script_without_a_main_guard_stops_with_a_message_instead_of_hanging(tmp_path):
    """A held-out user ran the distributed guide's example as a script without `if __name__ == "__main__":`:
    each worker re-ran the script and died before reading the world sent down its start-up pipe, and the driver
    waited on that pipe for ever."""
    import subprocess

    script = tmp_path / "unguarded.py"
    script.write_text("import flashpoint\nflashpoint.simulate('iraq-2020', runs=20, backend='processes', workers=2)\n")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=240, cwd=tmp_path)
    assert done.returncode != 0
    # at once, and not as a guess at memory after three retries (a later user read "out of memory?" first)
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("flashpoint.backends.BackendError: a script that uses backend='processes' must start it "
                           "under `if __name__ == '__main__':`"), last
    assert "out of memory" not in done.stderr and done.stderr.count("Traceback") <= 1 + 2    # the driver's, a worker's each
