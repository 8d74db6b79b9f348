"""The scenario loader against hostile files: limits, aliases, repeated keys, odd bytes, and the
line lookup that cross-field checks use. Each is a ScenarioError naming file and line, quickly."""
import time

import pytest

from flashpoint.cli import main
from flashpoint.errors import ScenarioError, ScenarioFieldError
from flashpoint.scenario import loader
from flashpoint.scenario.loader import MAX_BYTES, SourceMap, load_scenario, parse_with_source, resolve

BUILTIN_TEXT = resolve("iraq-2020")[1]


def write(tmp_path, text, name="s.yaml"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def laughs(levels: int = 9) -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


START = BUILTIN_TEXT.splitlines().index("start: 2019-10-01") + 1     # the line of start:
HOSTILE = {
    "flow list 1,000 deep": ("name: " + "[" * 1000 + "]" * 1000 + "\n", 1, "nest"),   # ours or libyaml's limit
    "flow list 100 deep": ("name: " + "[" * 100 + "]" * 100 + "\n", 1, "nested more than 40"),
    "block list 300 deep": ("a:\n" + "".join("  " * i + "-\n" for i in range(1, 300)), 41, "nested more than"),
    "self-referencing alias": ("name: &r [*r]\n", 1, "inside the node it names"),
    "billion laughs": (laughs(), 5, "once aliases are expanded"),
    "repeated key": (BUILTIN_TEXT.replace("start: 2019-10-01", "start: 2019-10-01\nstart: 2019-10-02", 1), START + 1,
                     f"appears twice in one mapping (first on line {START})"),
    "NUL character": (BUILTIN_TEXT.replace("start: 2019-10-01", "start: 2019-10-01\x00", 1), START, "0x0000"),
    "latin-1 byte": (BUILTIN_TEXT.encode().replace(b"start: 2019", b"start: \xe9 2019", 1), START, "not UTF-8"),
    "5,000-digit number": (BUILTIN_TEXT + "junk: " + "1" * 5000 + "\n", BUILTIN_TEXT.count("\n") + 1,
                           "more than 40 characters"),
    "5,000-digit hex number": (BUILTIN_TEXT.replace("start: 2019-10-01", "start: 0x" + "f" * 5000, 1), START,
                               "more than 40 characters"),
    "two documents": ("name: a\n---\nname: b\n", 2, "found another document"),
    "a list, not a mapping": ("- 1\n- 2\n", 1, "expected a mapping"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_files_are_refused_quickly_with_file_and_line(tmp_path, case):
    text, line, words = HOSTILE[case]
    path = write(tmp_path, text)
    started = time.perf_counter()
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert time.perf_counter() - started < 2
    message = str(caught.value)
    assert message.startswith(f"{path}, line {line}: ") and words in message, message


def test_files_over_the_size_limit_are_refused_before_reading(tmp_path):
    path = write(tmp_path, BUILTIN_TEXT + "junk: " + "x" * MAX_BYTES + "\n")
    with pytest.raises(ScenarioError, match=rf"line {BUILTIN_TEXT.count(chr(10)) + 1}: the file passes 1 MiB here"):
        load_scenario(path)


def test_a_long_value_is_quoted_as_a_short_excerpt(tmp_path, capsys):
    path = write(tmp_path, BUILTIN_TEXT + "junk: " + "x" * 900_000 + "\n")      # under the 1 MiB cap
    assert main(["scenario", "validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"line {BUILTIN_TEXT.count(chr(10)) + 1}: field junk: Extra inputs" in err
    assert len(err) < 500 and "..." in err and "Traceback" not in err


@pytest.mark.parametrize("case", list(HOSTILE))
def test_the_command_line_exits_2_without_a_traceback(tmp_path, capsys, case):
    assert main(["scenario", "validate", str(write(tmp_path, HOSTILE[case][0]))]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err


def test_source_map_finds_the_line_of_a_location():
    text = ("name: x\nschedule:\n  - id: a\n    target: usa\n  - id: b\n    requires:\n      - a\n"
            "      - c\n    target: kh\npolicies: {historical: {set: {m.p: 1}}}\n")
    source = SourceMap("s.yaml", loader._compose(text, "s.yaml")[0])
    assert source.find(("schedule", 1, "target")) == (9, True)
    assert source.find(("schedule", 1, "requires", 1)) == (8, True)
    assert source.find(("schedule", 1)) == (5, True)
    assert source.find(("schedule", 1, "no-such-field")) == (5, False)     # the deepest part found
    assert source.find(("schedule", 10_000)) == (2, False)
    assert source.find(("policies", "historical", "set", "m.p")) == (10, True)
    assert source.line(()) == 1
    assert source.message(("schedule", 1, "target"), "unknown actor") == \
        "s.yaml, line 9: field schedule[1].target: unknown actor"


def test_source_map_of_the_builtin_scenario():
    _, source = parse_with_source(BUILTIN_TEXT, "s.yaml")
    line, exact = source.find(("schedule", 7, "target"))
    assert exact and "target: " in BUILTIN_TEXT.splitlines()[line - 1]


def test_a_field_error_from_a_validator_names_its_line(monkeypatch):
    def failing(data):
        raise ScenarioFieldError(("schedule", 9, "requires", 0), "requires an entry that requires it (a cycle)")

    monkeypatch.setattr(loader.Scenario, "model_validate", staticmethod(failing))
    with pytest.raises(ScenarioError) as caught:
        parse_with_source(BUILTIN_TEXT, "s.yaml")
    message = str(caught.value)
    assert "field schedule[9].requires[0]: requires an entry that requires it (a cycle)" in message
    line = int(message.split("line ")[1].split(":")[0])
    assert "requires: " in BUILTIN_TEXT.splitlines()[line - 1]


def test_problems_of_the_cross_checks_name_their_lines(monkeypatch):
    import flashpoint.scenario.loader as loader

    def found(scenario):
        return [(("policies", "restraint", "set"), "first"), (("mechanisms",), "second")]

    monkeypatch.setattr(loader, "cross_problems", found)
    with pytest.raises(ScenarioError) as caught:
        load_scenario("iraq-2020")
    first, second = str(caught.value).splitlines()
    assert first.startswith("iraq-2020 (built-in), line ") and first.endswith("field policies.restraint.set: first")
    assert "field mechanisms: second" in second


def test_a_field_error_without_a_file_names_the_field():
    assert str(ScenarioFieldError(("schedule", 7, "target"), "unknown actor 'x'")) == \
        "field schedule[7].target: unknown actor 'x'"


def test_the_same_answers_without_libyaml(tmp_path):
    """PyYAML built without libyaml: the loader falls back to the pure-Python parser."""
    import subprocess
    import sys

    cases = {name: str(write(tmp_path, text, f"case{k}.yaml"))
             for k, (name, (text, _, _)) in enumerate(HOSTILE.items())}
    script = (
        "import sys, json; sys.modules['yaml._yaml'] = None\n"
        "from flashpoint.scenario.loader import load_scenario, _Parser\n"
        "assert _Parser.__module__ == 'flashpoint.scenario.loader'\n"
        "load_scenario('iraq-2020')\nout = {}\n"
        f"for name, path in {cases!r}.items():\n"
        "    try:\n        load_scenario(path)\n    except Exception as exc:\n"
        "        out[name] = [type(exc).__name__, str(exc)]\n"
        "print(json.dumps(out))\n")
    import json

    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    answers = json.loads(done.stdout)
    for name, (text, line, words) in HOSTILE.items():
        kind, message = answers[name]
        assert kind == "ScenarioError" and ", line " in message, (name, message)
        if name not in ("flow list 1,000 deep", "two documents"):     # libyaml words those two differently
            assert f"line {line}: " in message and words in message, (name, message)


def test_every_pattern_of_the_schema_is_explained_in_words(tmp_path):
    """A held-out user got "String should match pattern '^([A-Z]{3}|[a-z][a-z_]*)$'" for theatre: SYRIA."""
    import json
    import re

    from flashpoint.scenario.loader import _PATTERNS
    from flashpoint.scenario.schema import Scenario

    patterns = set(re.findall(r'"pattern": "((?:[^"\\]|\\.)*)"', json.dumps(Scenario.model_json_schema())))
    assert {json.loads(f'"{p}"') for p in patterns} <= set(_PATTERNS)
    text = resolve("iraq-2020")[1].replace("theatre: IRQ", "theatre: IRAQ", 1)
    path = tmp_path / "s.yaml"
    path.write_text(text)
    with pytest.raises(ScenarioError, match=r"theatre: expected a country as its 3-letter ISO code in capitals "
                                            r"\(SYR\), or .* \(got 'IRAQ'\)"):
        load_scenario(path)


def test_a_tab_in_the_indentation_is_named(tmp_path, capsys):
    """libyaml says "found character that cannot start any token", which a held-out tester could not read as a tab."""
    path = write(tmp_path, "name: x\nactors:\n\t- id: a\n")
    assert main(["scenario", "validate", str(path)]) == 2
    assert "line 3: not valid YAML: found character that cannot start any token (a tab: YAML indents with spaces)" \
        in capsys.readouterr().err
