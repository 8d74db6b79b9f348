"""docs/extract.md's Python section runs as written: its python blocks, in order, in one namespace (a held-out
tester's copy of the documented call failed with a bare AttributeError)."""
import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "extract.md"
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def test_the_python_examples_run(capsys):
    pytest.importorskip("spacy")
    blocks = [code for kind, code in BLOCK.findall(DOC.read_text(encoding="utf-8")) if kind == "python"]
    assert blocks, "docs/extract.md has a python example"
    namespace: dict = {"__name__": "extract_doc"}
    for n, code in enumerate(blocks):
        try:
            exec(compile(code, f"{DOC.name} python block {n}", "exec"), namespace)
        except Exception as exc:   # name the block that failed
            pytest.fail(f"python block {n} of {DOC.name} failed: {exc!r}")
    out = capsys.readouterr().out
    assert "ASSAULT" in out and "PROTEST" in out and "2019-12-29" in out
