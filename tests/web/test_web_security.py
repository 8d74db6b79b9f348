"""What a request may touch: no file outside the data directory (path traversal tried every way we know),
nothing evaluated, loopback by default, strict headers, bounded bodies."""
import os
import shutil
import sys
import threading
from importlib import resources
from pathlib import Path
from urllib.parse import quote

import pytest

import flashpoint
from flashpoint.web import Limits, create_app

from .conftest import TestClient, result_of

PACKAGE_DIR = Path(flashpoint.__file__).resolve().parent
SECRET_MARK = "SECRET-SCENARIO-OUTSIDE-THE-DATA-DIR"


class FileWatch:
    """Records every path opened or listed in this process (``sys.addaudithook``) while active."""

    _installed = None

    def __init__(self):
        self.active = False
        self.paths: list[str] = []
        self.compiled: list[str] = []
        self.lock = threading.Lock()

    @classmethod
    def get(cls):
        if cls._installed is None:  # an audit hook cannot be removed: install one, switch it on and off
            cls._installed = cls()
            sys.addaudithook(cls._installed.hook)
        return cls._installed

    def hook(self, event, args):
        if not self.active:
            return
        if event in ("open", "os.listdir", "os.scandir") and args and isinstance(args[0], (str, bytes, os.PathLike)):
            with self.lock:
                self.paths.append(os.fsdecode(args[0]))
        elif event in ("compile", "exec") and args:
            src = args[0]
            if isinstance(src, (str, bytes)):
                with self.lock:
                    self.compiled.append(src.decode("utf-8", "replace") if isinstance(src, bytes) else src)

    def __enter__(self):
        self.paths.clear()
        self.compiled.clear()
        self.active = True
        return self

    def __exit__(self, *exc):
        self.active = False


@pytest.fixture(scope="module")
def layout(tmp_path_factory):
    """A data directory, and beside it (outside) a perfectly valid scenario file the app must never read."""
    root = tmp_path_factory.mktemp("traversal")
    data = root / "data"
    outside = root / "outside"
    outside.mkdir()
    builtin = resources.files("flashpoint.scenario.builtin").joinpath("iraq-2020.yaml").read_text("utf-8")
    secret = outside / "secret.yaml"
    secret.write_text(f"# {SECRET_MARK}\n" + builtin, encoding="utf-8")
    (outside / "secret.txt").write_text(SECRET_MARK)
    app = create_app(data, limits=Limits(max_runs=200, max_runs_per_request=400))
    scenarios = data / "scenarios"
    shutil.copy(secret, scenarios / "mine.yaml")                # a legitimate user scenario
    (scenarios / "linked.yaml").symlink_to(secret)              # a link leading out: never listed
    return {"root": root, "data": data, "secret": secret, "outside": outside, "app": app}


@pytest.fixture(scope="module")
def client(layout):
    with TestClient(layout["app"]) as c:
        yield c


def allowed(path: str, data: Path) -> bool:
    p = Path(path)
    if not p.is_absolute():
        return False
    p = Path(os.path.realpath(p))
    roots = [data.resolve(), PACKAGE_DIR, Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve()]
    roots += [Path(p_).resolve() for p_ in sys.path if p_ and os.path.isdir(p_)]
    return any(p == r or r in p.parents for r in roots)


SCENARIO_NAMES = [
    "../outside/secret", "../../outside/secret", "..", "../outside", "./../outside/secret",
    "..%2Foutside%2Fsecret", "....//outside/secret", "secret", "linked",
    None,  # replaced by the absolute path of the secret file
    "~/secret", "/etc/passwd", "scenarios/../../outside/secret", "mine.yaml", "MINE", "mine\x00",
    "iraq-2020/../../outside/secret", "%2e%2e/outside/secret", "..\\outside\\secret", "C:\\secret",
]


def names(layout):
    return [n if n is not None else str(layout["secret"]) for n in SCENARIO_NAMES]


def test_a_scenario_in_the_data_directory_is_usable(client):
    listed = {s["name"]: s["source"] for s in client.get("/api/scenarios").json()}
    assert listed["mine"] == "data directory" and listed["iraq-2020"] == "built-in"
    assert "linked" not in listed
    res = result_of(client, client.post("/api/run", json={"scenario": "mine", "policy": "restraint", "runs": 5}))
    assert res["runs"] == 5



def test_a_scenario_asked_for_by_the_name_inside_its_file_is_pointed_to_its_files_name(client, layout):
    # a held-out wargame designer asked the API for bosnia-1994 (the file's name:), offered as bosnia (its stem)
    text = (layout["data"] / "scenarios" / "mine.yaml").read_text(encoding="utf-8")
    (layout["data"] / "scenarios" / "kept.yaml").write_text(text.replace("\nname: iraq-2020\n", "\nname: kept-1994\n"))
    r = client.post("/api/run", json={"scenario": "kept-1994", "runs": 5})
    assert r.status_code == 422
    assert ("(a data-directory scenario goes by its file's name: 'kept' is kept.yaml, whose name is 'kept-1994')"
            in r.json()["detail"][0]["msg"])


def test_path_traversal_through_scenario_names_reads_nothing_outside(client, layout):
    client.post("/api/run", json={"scenario": "nope", "runs": 5})   # warm imports before watching
    client.get("/api/scenarios/nope")
    watch = FileWatch.get()
    listed = []
    for name in names(layout):
        with watch:
            answers = [
                client.post("/api/run", json={"scenario": name, "runs": 5}),
                client.post("/api/compare", json={"scenario": name, "policies": ["historical"], "runs": 5}),
                client.post("/api/claims", json={"scenario": name, "runs": 5}),
                client.get("/api/scenarios/" + quote(name, safe="")),
            ]
            if "\x00" not in name:
                answers.append(client.get("/api/scenarios/" + name))
        for r in answers[:3]:
            assert r.status_code == 422, (name, r.status_code, r.text)
            assert r.json()["detail"][0]["loc"] == ["body", "scenario"]
        for r in answers[3:]:
            assert r.status_code in (404, 422), (name, r.status_code)
        for r in answers:
            assert SECRET_MARK not in r.text
        opened = [p for p in watch.paths if not allowed(p, layout["data"])]
        assert not opened, (name, opened)
        # the watch works: looking a name up listed the data directory's scenarios folder (a name refused by its
        # form, such as an absolute path longer than a name may be, is refused before any listing)
        listed.append(any(os.path.realpath(p) == str((layout["data"] / "scenarios").resolve()) for p in watch.paths))
        assert not any("outside" in p and "secret" in p for p in watch.paths), (name, watch.paths)
    assert sum(listed) >= len(listed) // 2, listed


@pytest.mark.parametrize("path", [
    "/static/../../outside/secret.txt",
    "/static/%2e%2e/%2e%2e/outside/secret.txt",
    "/static/..%2f..%2foutside%2fsecret.txt",
    "/static/%2e%2e%2f%2e%2e%2fapp.py",
    "/static/..%5c..%5capp.py",
    "/static//etc/passwd",
    "/static/%2Fetc%2Fpasswd",
    "/static/....//....//app.py",
    "/static/app.js%00.html",
    "/static/../app.py",
    "/static/../../../../../../../etc/passwd",
    "/../../etc/passwd",
])
def test_path_traversal_through_static_files(client, layout, path):
    watch = FileWatch.get()
    with watch:
        r = client.get(path)
    assert r.status_code in (400, 404, 405), (path, r.status_code)
    assert SECRET_MARK not in r.text and "root:" not in r.text and "def create_app" not in r.text
    opened = [p for p in watch.paths if not allowed(p, layout["data"])]
    assert not opened, (path, opened)
    escaped = [p for p in watch.paths if Path(p).name in ("passwd", "secret.txt", "app.py")]
    assert not escaped, (path, escaped)


def test_nothing_a_request_sends_is_evaluated(client, layout, tmp_path):
    marker = tmp_path / "PWNED"
    payloads = [
        f"__import__('os').system('touch {marker}')",
        f"{{{{ __import__('os').system('touch {marker}') }}}}",
        f"$(touch {marker})",
        f"`touch {marker}`",
        f"!!python/object/apply:os.system ['touch {marker}']",
    ]
    client.get("/api/events", params={"actor": "warm"})
    watch = FileWatch.get()
    for text in payloads:
        with watch:
            rs = [
                client.post("/api/run", json={"policy": text[:64], "runs": 5}),
                client.post("/api/compare", json={"policies": ["historical", text[:64]], "runs": 5}),
                client.post("/api/claims", json={"ids": [text[:64]], "runs": 5}),
                client.get("/api/observed", params={"indicator": text[:80]}),
                client.get("/api/events", params={"actor": text[:80], "dataset": text[:80]}),
                client.get("/api/events", params={"plover_type": text[:20]}),
            ]
        assert [r.status_code for r in rs] == [422, 422, 422, 422, 422, 422], text
        assert not any(text[:20] in src for src in watch.compiled), text
    assert not marker.exists()


def test_security_headers_and_no_inline_or_eval_scripts(client):
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-eval" not in csp and "default-src 'self'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert "<script>" not in r.text  # every script is a file of this server
    assert client.get("/api/health").headers["content-security-policy"] == csp


def test_foreign_host_header_is_refused(client):
    """A page elsewhere that rebinds its DNS name to 127.0.0.1 must not reach the API."""
    assert client.get("/api/health", headers={"host": "evil.example"}).status_code == 400
    assert client.get("/api/health", headers={"host": "127.0.0.1:8000"}).status_code == 200
    assert client.get("/api/health", headers={"host": "localhost:8000"}).status_code == 200


def test_request_bodies_are_bounded(client):
    big = b'{"policies": [' + b'"historical",' * 20_000 + b'"restraint"]}'
    r = client.post("/api/compare", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_serve_binds_loopback_by_default():
    import typer
    from typer.testing import CliRunner

    from flashpoint.web.cli import is_loopback, register

    app = typer.Typer()
    register(app)

    @app.command("other")
    def other():  # a second command, so that typer keeps "serve" as a subcommand
        pass

    out = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert out.exit_code == 0
    assert "127.0.0.1" in out.output
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")


def test_flashpoint_cli_has_serve():
    from flashpoint.cli import app

    assert "serve" in {c.name for c in app.registered_commands}


def test_serve_refuses_what_it_cannot_start_with_naming_the_option(tmp_path, capsys):
    """A held-out tester: a port in use and a bad host ended with uvicorn's own message and exit 3; a data folder
    that is a file said 'File exists'; a request limit below the per-policy one was accepted."""
    import socket

    from flashpoint.cli import main

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--port", str(port), "--data-dir", str(tmp_path / "d")]) == 2
        assert f"--port {port} on 127.0.0.1: cannot be bound" in capsys.readouterr().err
    (tmp_path / "file").write_text("x")
    for args, words in ((["--host", "999.1.1.1"], "--host '999.1.1.1': not an address"),
                        (["--data-dir", str(tmp_path / "file")], "is a file; expected a folder"),
                        (["--max-runs", "100", "--max-request-runs", "50"], "--max-request-runs 50 is below"),
                        (["--store", str(tmp_path / "file")], "not an event store"),        # it served the shipped
                        (["--store", str(tmp_path)], "is a folder; the event store is a file")):   # records, unsaid
        assert main(["serve", "--port", "1", *args]) == 2
        assert words in capsys.readouterr().err
    assert not (tmp_path / "d").exists()
    # a Host name that could never match (a URL, a port: the check drops the header's port), and the environment's
    # data folder that is a file (a held-out tester's: accepted unsaid, and "somefile: File exists")
    for name in ("http://example.com:18950/", "example.com:8000", "evil.com/x y"):
        assert main(["serve", "--port", "1", "--allow-host", name]) == 2
        assert "expected a host name without scheme, port or path" in capsys.readouterr().err
    import os

    os.environ["FLASHPOINT_WEB_DATA"] = str(tmp_path / "file")
    try:
        assert main(["serve", "--port", "1"]) == 2
        assert "$FLASHPOINT_WEB_DATA" in capsys.readouterr().err
    finally:
        del os.environ["FLASHPOINT_WEB_DATA"]
