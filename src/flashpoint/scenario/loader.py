"""Load a scenario from a built-in name or a YAML file, with errors that name file, line and field."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml
from pydantic import ValidationError

from flashpoint.errors import ScenarioError
from flashpoint.scenario.schema import Scenario

BUILTIN_PACKAGE = "flashpoint.scenario.builtin"


class _Loader(yaml.SafeLoader):
    """Safe YAML without implicit timestamps: dates stay text, so pydantic checks them field by field."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def builtin_names() -> list[str]:
    folder = resources.files(BUILTIN_PACKAGE)
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


def resolve(name_or_path: str | Path) -> tuple[str, str]:
    """Return (display name, YAML text) for a built-in scenario name or a file path."""
    text_name = str(name_or_path)
    if text_name in builtin_names():
        ref = resources.files(BUILTIN_PACKAGE).joinpath(f"{text_name}.yaml")
        return f"{text_name} (built-in)", ref.read_text(encoding="utf-8")
    path = Path(name_or_path)
    if not path.exists():
        raise ScenarioError(
            f"{text_name}: no such scenario file, and not a built-in scenario "
            f"(built-in: {', '.join(builtin_names())})"
        )
    if path.is_dir():
        raise ScenarioError(f"{path}: is a folder; expected a scenario YAML file")
    try:
        return str(path), path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError(f"{path}: cannot be read as UTF-8 text ({exc})") from None


def _line_index(node: yaml.Node, path: tuple = (), out: dict | None = None) -> dict[tuple, int]:
    """Map every key path in a composed YAML document to its 1-based line number."""
    out = {} if out is None else out
    out.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            sub = path + (key.value,)
            out[sub] = key.start_mark.line + 1
            _line_index(value, sub, out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _line_index(item, path + (i,), out)
    return out


def _line_for(lines: dict[tuple, int], loc: tuple) -> int | None:
    loc = tuple(loc)
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return lines.get(())


def _field_name(loc: tuple) -> str:
    parts = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts) or "(top level)"


def parse(text: str, where: str) -> Scenario:
    """Parse and validate scenario YAML text; ``where`` names it in error messages."""
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ScenarioError(f"{where}{line}: not valid YAML: {problem}") from None
    if not isinstance(data, dict):
        raise ScenarioError(f"{where}: expected a mapping of scenario fields (name, actors, mechanisms, ...), "
                            f"found {type(data).__name__}")
    lines = _line_index(node) if node is not None else {}
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        messages = []
        for error in exc.errors()[:10]:
            loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith(("function-", "union["))))
            line = _line_for(lines, loc)
            at = f", line {line}" if line else ""
            got = error.get("input")
            got_text = "" if isinstance(got, (dict, list)) or got is None else f" (got {got!r})"
            messages.append(f"{where}{at}: field {_field_name(loc)}: {error['msg']}{got_text}")
        more = exc.error_count() - 10
        if more > 0:
            messages.append(f"... and {more} more error(s)")
        raise ScenarioError("\n".join(messages)) from None
    except (TypeError, ValueError, RecursionError) as exc:
        raise ScenarioError(f"{where}: cannot be read as a scenario: {exc}") from None
    report(cross_problems(scenario), lines, where)
    return scenario


def cross_problems(scenario: Scenario) -> list[tuple[tuple, str]]:
    """How the scenario's fields refer to each other, then what the engine reads (scenario/checks.py,
    engine/requirements.py)."""
    from flashpoint.engine.requirements import problems as parameter_problems
    from flashpoint.scenario.checks import problems
    from flashpoint.scenario.parameters import policy_problems

    found = problems(scenario)
    return found or (parameter_problems(scenario) + policy_problems(scenario))


def report(found: list[tuple[tuple, str]], lines: dict, where: str) -> None:
    """Raise one ScenarioError listing up to 10 problems, each at the line of its location."""
    if not found:
        return
    messages = []
    for loc, message in found[:10]:
        line = _line_for(lines, loc)
        at = f", line {line}" if line else ""
        messages.append(f"{where}{at}: field {_field_name(loc)}: {message}")
    if len(found) > 10:
        messages.append(f"... and {len(found) - 10} more problem(s)")
    raise ScenarioError("\n".join(messages))


def load_scenario(name_or_path: str | Path | Scenario) -> Scenario:
    """Load a scenario by built-in name (e.g. ``"iraq-2020"``) or from a YAML file path."""
    if isinstance(name_or_path, Scenario):
        return name_or_path
    where, text = resolve(name_or_path)
    return parse(text, where)
