"""docs/writing-a-scenario.md runs as written: its YAML blocks, in order, make one scenario file and its
Python blocks run, in order and in one namespace, in the folder that holds it (with the repository's
tools/ beside it, as the tutorial says)."""
import os
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "writing-a-scenario.md"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def blocks():
    return [(m.group(1), m.group(2)) for m in BLOCK.finditer(DOC.read_text(encoding="utf-8"))]


def test_the_tutorial_has_runnable_blocks():
    kinds = [k for k, _ in blocks()]
    assert kinds.count("yaml") >= 6 and kinds.count("python") >= 4
    assert set(kinds) <= {"yaml", "python"}, "every code block of the tutorial is run: only yaml and python"


def test_the_tutorial_runs(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tools").symlink_to(REPO / "tools", target_is_directory=True)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")]))
    namespace: dict = {"__name__": "tutorial"}
    for n, (kind, code) in enumerate(blocks()):
        if kind == "yaml":
            with open("pocket.yaml", "a", encoding="utf-8") as f:
                f.write("\n" + code)
        else:
            try:
                exec(compile(code, f"{DOC.name} block {n}", "exec"), namespace)
            except Exception as exc:   # name the block that failed
                pytest.fail(f"python block {n} of {DOC.name} failed: {exc!r}")
    out = capsys.readouterr().out
    assert "counts inside the 90% band" in out and "P1 holds in" in out
