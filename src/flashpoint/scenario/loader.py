"""Load a scenario from a built-in name or a YAML file, with errors that name file, line and field.

The YAML is read safely: a file over :data:`MAX_BYTES`, nesting deeper than
:data:`MAX_DEPTH`, more than :data:`MAX_NODES` values once aliases are expanded
(a "billion laughs" file), an alias inside the node it names (a recursive
structure), a repeated key or a second document is refused while the file is
read, before any Python value is built, each with the file and line. Nothing
walks the user's data recursively.

Cross-field checks find the line of a value through :class:`SourceMap`: a
validator raises :class:`~flashpoint.errors.ScenarioFieldError` with the value's
location path, e.g. ``ScenarioFieldError(("schedule", 7, "requires", 0), "...")``,
and :func:`parse` reports "FILE, line N: field schedule[7].requires[0]: ...".
"""
from __future__ import annotations

import difflib
import hashlib
import reprlib
import re
import types
import typing
import warnings
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticSerializationError
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from flashpoint.errors import FlashpointNote, ScenarioError, ScenarioFieldError, field_name
from flashpoint.scenario.schema import Scenario

BUILTIN_PACKAGE = "flashpoint.scenario.builtin"

MAX_BYTES = 1024 * 1024       # the built-in scenario is 32 KB
MAX_DEPTH = 40                # nesting levels (the built-in scenario uses 6)
MAX_NODES = 50_000            # values after alias expansion (the built-in scenario has about 2,300)
EXCERPT = 80                  # characters of a value quoted in a message
MAX_ERRORS = 10               # validation errors listed, then a count
MAX_DIGITS = 40               # characters of an integer (Python refuses to convert over 4,300 digits)

_excerpt = reprlib.Repr()  # keyword arguments need Python 3.12
_excerpt.maxstring, _excerpt.maxother, _excerpt.maxlevel, _excerpt.maxlist, _excerpt.maxdict = EXCERPT, EXCERPT, 2, 4, 4


def excerpt(value) -> str:
    """A short quotation of a value for a message: at most about EXCERPT characters, then "..."."""
    text = _excerpt.repr(value)
    return text if len(text) <= EXCERPT + 5 else text[:EXCERPT] + "..."


try:  # libyaml's parser when PyYAML has it (3-4x faster); the composing below is always this module's
    from yaml._yaml import CParser as _Parser
except ImportError:  # PyYAML built without libyaml: its pure-Python reader, scanner and parser
    class _Parser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
        def __init__(self, stream):
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)


class _Loader(yaml.composer.Composer, _Parser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    """Safe YAML with limits, no repeated keys, and no implicit timestamps (dates stay text, so
    pydantic checks them field by field)."""

    def __init__(self, stream, where: str):
        _Parser.__init__(self, stream)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        self.where = where
        self._depth = 0
        self._nodes = 0
        self._open: set[str] = set()          # anchors whose node is being composed
        self._sizes: dict[str, int] = {}      # anchor -> values in its node, aliases expanded

    def _refuse(self, mark, text: str) -> ScenarioError:
        return ScenarioError(f"{self.where}, line {mark.line + 1}: {text}")

    def _grow(self, count: int, mark) -> None:
        self._nodes += count
        if self._nodes > MAX_NODES:
            raise self._refuse(mark, f"the file holds more than {MAX_NODES:,} values once aliases are expanded "
                                     "(a scenario has a few thousand); refused before building them")

    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            event = self.peek_event()
            if event.anchor in self._open:
                raise self._refuse(event.start_mark, f"alias *{event.anchor} is inside the node it names "
                                                     "(a recursive structure, which a scenario cannot be)")
            self._grow(self._sizes.get(event.anchor, 1), event.start_mark)
            return super().compose_node(parent, index)
        event = self.peek_event()
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise self._refuse(event.start_mark, f"values nested more than {MAX_DEPTH} levels deep "
                                                 "(a scenario needs about 6)")
        start, anchor = self._nodes, event.anchor
        self._grow(1, event.start_mark)
        if anchor is not None:
            self._open.add(anchor)
        node = super().compose_node(parent, index)
        if anchor is not None:
            self._open.discard(anchor)
            self._sizes[anchor] = self._nodes - start
        self._depth -= 1
        return node

    def construct_yaml_int(self, node):
        if len(node.value) > MAX_DIGITS:
            raise self._refuse(node.start_mark, f"the number {excerpt(node.value)} has more than {MAX_DIGITS} "
                                                "characters; no scenario value needs that many")
        return super().construct_yaml_int(node)

    def compose_mapping_node(self, anchor):
        node = super().compose_mapping_node(anchor)
        seen: dict[tuple, int] = {}
        for key, _ in node.value:
            if not isinstance(key, ScalarNode):
                continue
            ident = (key.tag, key.value)
            if ident in seen:
                raise self._refuse(key.start_mark, f"key {excerpt(key.value)} appears twice in one mapping "
                                                   f"(first on line {seen[ident]}); give each key once")
            seen[ident] = key.start_mark.line + 1
        return node


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}


class SourceMap:
    """Where the values of a scenario file are: ``line(("schedule", 7, "target"))`` is the line of that value.

    A location follows mapping keys (text) and list positions (integers) from the top; the
    answer is the line of the deepest part found (the key's line for a mapping entry), and the
    document's first line when nothing matches. Lookups walk down the composed YAML, one step
    per part, with no recursion.
    """

    def __init__(self, where: str, root: yaml.Node | None):
        self.where = where
        self.root = root

    def find(self, loc) -> tuple[int, bool]:
        """(line, exact): exact is True when every part of ``loc`` was found."""
        node = self.root
        if node is None:
            return 1, not tuple(loc)
        line = node.start_mark.line + 1
        for part in loc:
            if isinstance(node, MappingNode):
                match = next(((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == str(part)),
                             None)
                if match is None:
                    return line, False
                line, node = match[0].start_mark.line + 1, match[1]
            elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                return line, False
        return line, True

    def line(self, loc) -> int:
        return self.find(loc)[0]

    def message(self, loc, text: str) -> str:
        """"FILE, line N: field F: text" for the value at ``loc`` ("WHERE: field F: text" with no file)."""
        if self.root is None:
            return f"{self.where}: field {field_name(loc)}: {_clip(text)}"
        return f"{self.where}, line {self.line(loc)}: field {field_name(loc)}: {_clip(text)}"

    def error(self, exc: ScenarioFieldError) -> ScenarioError:
        """The same problems as a ScenarioError naming this file and each problem's line."""
        return ScenarioError("\n".join(self.message(loc, text) for loc, text in exc.problems))


def _clip(text: str, limit: int = 400) -> str:
    text = str(text)
    return text if len(text) <= limit else text[:limit] + "..."


def builtin_names() -> list[str]:
    folder = resources.files(BUILTIN_PACKAGE)
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


def _decode(raw: bytes, where: str) -> str:
    if len(raw) > MAX_BYTES:
        line = raw.count(b"\n", 0, MAX_BYTES) + 1
        raise ScenarioError(f"{where}, line {line}: the file passes {MAX_BYTES // (1024 * 1024)} MiB here; a scenario "
                            "file is a few tens of KB")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ScenarioError(f"{where}, line {line}: not UTF-8 text (byte {raw[exc.start]:#04x})") from None


def resolve(name_or_path: str | Path) -> tuple[str, str]:
    """Return (display name, YAML text) for a built-in scenario name or a file path."""
    text_name = str(name_or_path)
    if not text_name.strip():           # "" read as the current folder: "error: .: is a folder" (a held-out tester)
        raise ScenarioError(f"the scenario is empty ({text_name!r}): give a built-in name "
                            f"({', '.join(builtin_names())}) or a YAML file")
    if text_name in builtin_names():
        ref = resources.files(BUILTIN_PACKAGE).joinpath(f"{text_name}.yaml")
        return f"{text_name} (built-in)", _decode(ref.read_bytes(), text_name)
    shown = excerpt(text_name)[1:-1] if len(text_name) > EXCERPT else text_name
    try:
        path = Path(name_or_path)
        exists, is_dir = path.exists(), path.is_dir()
    except (OSError, ValueError) as exc:
        raise ScenarioError(f"{shown}: not a usable file name ({exc.__class__.__name__})") from None
    if not exists:
        raise ScenarioError(
            f"{shown}: no such scenario file, and not a built-in scenario (built-in: {', '.join(builtin_names())})")
    if is_dir:
        raise ScenarioError(f"{path}: is a folder; expected a scenario YAML file")
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ScenarioError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return str(path), _decode(raw, str(path))


def _compose(text: str, where: str) -> tuple[yaml.Node | None, object]:
    """The YAML node tree and the plain data it holds, within the limits."""
    if len(text) > MAX_BYTES:
        line = text.count("\n", 0, MAX_BYTES) + 1
        raise ScenarioError(f"{where}, line {line}: the text passes {MAX_BYTES // (1024 * 1024)} MiB here; a scenario "
                            "file is a few tens of KB")
    loader = None
    try:
        loader = _Loader(text, where)      # checks that every character may appear in YAML
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    except (ValueError, OverflowError, TypeError) as exc:  # a value no constructor should have let through
        raise ScenarioError(f"{where}, line 1: cannot be read as YAML values: {_clip(exc, 200)}") from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise ScenarioError(f"{where}, line {line}: not valid YAML: the character {exc.character:#06x} "
                            "may not appear in YAML text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ", line 1"
        problem = getattr(exc, "problem", None) or str(exc)
        context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and start is not None and mark is not None and start.line != mark.line:
            problem += f" ({context} on line {start.line + 1})"   # where the broken construct began
        lines = text.splitlines()
        if mark is not None and mark.line < len(lines) and lines[mark.line][mark.column:mark.column + 1] == "\t":
            problem += " (a tab: YAML indents with spaces)"        # (a held-out tester could not tell)
        raise ScenarioError(f"{where}{line}: not valid YAML: {_clip(problem, 200)}") from None
    finally:
        if loader is not None:
            loader.dispose()


def _fields_at(loc: tuple) -> list[str]:
    """The schema's field names in the mapping where the field at ``loc`` was written (none outside a model)."""
    model = Scenario
    for part in loc[:-1]:          # walk the schema's annotations down to the mapping the field is in
        model = _inner(model, part)
    model = _unwrap(model)
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return []
    return [field.alias or name for name, field in model.model_fields.items()]     # as the file writes them


def _close_field(loc: tuple) -> str | None:
    """The schema's field nearest the name at ``loc``, where one is near enough to be offered."""
    # 0.6 offered attack_targets for attacks
    close = difflib.get_close_matches(str(loc[-1]), _fields_at(loc), n=1, cutoff=0.75)
    return close[0] if close else None


def _field_hint(loc: tuple) -> str:
    """For a field the schema does not have: the nearest one it has where it was written, or those it has."""
    names = _fields_at(loc)
    if not names:
        return ""
    # no field name has a space, or begins with a digit: the rest of an unquoted text (a held-out case's unit; another's
    # "(about 132,000)" left the field "000)")
    if " " in loc[-1].strip() or loc[-1].strip()[:1].isdigit():
        return (f"; a name with spaces (or a number) is likely the rest of a text cut at a comma inside {{...}} or "
                f"after ': ': "
                f"quote that text (unit: \"a, b\"); the fields here: {', '.join(names)}")
    if loc[-1] in ("source", "target") and "from" in names:     # a relation (a held-out researcher's citation)
        return ("; a relation's ends are from: and to:, and its citation is its value's "
                f"(value: {{value: ..., unit: ..., source: ...}}); the fields here: {', '.join(names)}")
    close = _close_field(loc)
    return f"; did you mean {close!r}?" if close else f"; the fields here: {', '.join(names)}"


def _unwrap(t):
    """``t`` without ``| None`` and ``Annotated``."""
    while typing.get_origin(t) in (typing.Union, types.UnionType, typing.Annotated):
        args = [a for a in typing.get_args(t) if a is not type(None)]
        t = args[0] if args else None
    return t


def _inner(t, part):
    """The type at ``part`` (a field name, list index or mapping key) inside the annotation ``t``."""
    t = _unwrap(t)
    args = typing.get_args(t)
    if isinstance(t, type) and issubclass(t, BaseModel):
        field = t.model_fields.get(part) if isinstance(part, str) else None
        return field.annotation if field is not None else None
    if typing.get_origin(t) in (list, tuple) and args:
        return args[0]
    if typing.get_origin(t) is dict and len(args) == 2:
        return args[1]
    return None


#: what each of the schema's string patterns asks for, in words
_PATTERNS = {
    r"^[a-z][a-z0-9_]*$": "expected a name of lower-case letters, digits and _, starting with a letter",
    r"^[A-Z]{3}[A-Z]{0,6}$": "expected a CAMEO actor code: 3 to 9 capital letters, the first three the country (IRQGOV)",
    r"^M[1-9][0-9]?$": "expected a mechanism id M1, M2, ...",
    r"^effects\.[a-z][a-z0-9_]*$": "expected the name of a declared effect: effects. and its name (effects.drone_campaign)",
    r"^\d{2,4}$": "expected a CAMEO event code of 2 to 4 digits, in quotes (\"195\")",
    r"^([A-Z]{3}|[a-z][a-z_]*)$": ("expected a country as its 3-letter ISO code in capitals (SYR), or a place outside "
                                   "any country in lower case (high_seas)"),
    r"^[A-Za-z][A-Za-z0-9_.-]*$": "expected an id of letters, digits, _, . and -, starting with a letter",
    r"^[a-z0-9][a-z0-9_.-]*$": "expected a name of lower-case letters, digits, _, . and -, starting with a letter or digit",
}


#: a member of a union that pydantic names in an error's location (``value.float``, ``range.tuple[float, float]``)
MEMBER = re.compile(r"^(float|int|bool|str|(dict|list|tuple)\[.*\])$")


def member_words(tag: str) -> str:
    """What a union member asks for, in words."""
    return {"float": "a number", "int": "a whole number", "bool": "true or false", "str": "text"}.get(tag) or (
        "a mapping (key: value)" if tag.startswith("dict") else
        "a pair [low, high] of numbers" if tag == "tuple[float, float]" else
        "a list" if tag.startswith(("list", "tuple")) else tag)


def _location(error: dict) -> tuple:
    """An error's location without pydantic's validator and union tags."""
    return tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith(("function-", "union["))))


def _validation_message(exc: ValidationError, source: SourceMap) -> str:
    messages, unions = [], {}
    # a required field misspelt is one mistake, said once, as the misspelling with the name meant (a held-out case's
    # `targt:` in a policy's added entry was first "target: Field required", then "targt: ... did you mean")
    extra = [loc for loc in (_location(e) for e in exc.errors() if e["type"] == "extra_forbidden")
             if loc and isinstance(loc[-1], str)]
    meant = {loc[:-1] + (_close_field(loc),) for loc in extra}
    errors = [e for e in exc.errors() if not (e["type"] == "missing" and _location(e) in meant)]
    for error in errors[:MAX_ERRORS]:
        loc = _location(error)
        got = error.get("input")
        got_text = "" if isinstance(got, (dict, list)) or got is None else f" (got {excerpt(got)})"
        text = error["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")   # pydantic's wrappers
        member = next((i for i, p in enumerate(loc) if isinstance(p, str) and MEMBER.match(p)), None)
        if member is not None:    # one field, several types it may take: said once, in words (held-out input
            words, details = unions.setdefault(loc[:member], ([], []))    # read "value.dict[str,float]")
            words.append(member_words(loc[member]))
            details.append("".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc[member + 1:])
                           + (": " if loc[member + 1:] else "") + text + got_text)
            if len(words) == 1:
                messages.append(loc[:member])
            continue
        if error["type"] == "extra_forbidden" and loc and isinstance(loc[-1], str):
            text += _field_hint(loc)
        if error["type"] == "string_pattern_mismatch":
            text = _PATTERNS.get(error["ctx"]["pattern"], text)
        if error["type"] == "string_type" and isinstance(got, bool):     # a held-out user's `source: off`
            got_text += (": YAML reads an unquoted yes, on or true as true and no, off or false as false; quote the "
                         "text (\"off\")")
        if error["type"] == "bool_type":          # a held-out designer's `marked: "no"` was read as false
            got_text += ": write true or false, unquoted"
        if error["type"] == "literal_error" and loc[:1] == ("actors",) and loc[-1] == "kind":
            got_text += ("; a militia fighting beside the host or the foreign force has no kind of its own "
                         "(docs/ODD.md section 9)")          # (a held-out journalist's host_militia)
        messages.append(source.message(loc, text) + got_text)
    for i, m in enumerate(messages):
        if isinstance(m, tuple):
            words, details = unions[m]
            messages[i] = source.message(m, f"expected {' or '.join(dict.fromkeys(words))}: {details[0]}")
    more = len(errors) - MAX_ERRORS
    if more > 0:
        messages.append(f"... and {more} more error(s)")
    return "\n".join(messages)


def _validated(data: dict, source: SourceMap) -> Scenario:
    """pydantic's Scenario of ``data``, its problems as a ScenarioError naming each field (and line, from a file)."""
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(_validation_message(exc, source)) from None
    except ScenarioFieldError as exc:
        raise source.error(exc) from None
    except (TypeError, ValueError, OverflowError) as exc:
        line = f", line {source.line(())}" if source.root is not None else ""
        raise ScenarioError(f"{source.where}{line}: cannot be read as a scenario: {_clip(exc)}") from None


def parse_with_source(text: str, where: str) -> tuple[Scenario, SourceMap]:
    """Parse and validate scenario YAML text; also return its :class:`SourceMap` for later checks."""
    node, data = _compose(text, where)
    source = SourceMap(where, node)
    if not isinstance(data, dict):
        raise ScenarioError(f"{where}, line {source.line(())}: expected a mapping of scenario fields "
                            f"(name, actors, mechanisms, ...), found {type(data).__name__}")
    scenario, missing = _with_record_folder(_validated(data, source), source)
    # the checks read the record from its resolved folder; a record not found hides nothing else (held-out case)
    found = missing + cross_problems(scenario.model_copy(update={"record": None}) if missing else scenario)
    if found:
        raise source.error(ScenarioFieldError(None, None, problems=found[:MAX_ERRORS])) from None
    _mark_checked(scenario)
    return scenario, source


#: the digests of the scenarios that passed the checks: by content, not by object, as a frozen scenario's lists can
#: still be changed in place (a verifier's checked scenario, given a strike at an undeclared actor, ran unchecked)
_CHECKED: set[str] = set()
#: the same scenarios' digests less their end -> the latest end they passed with: a copy that differs only in an
#: earlier end is that scenario's period cut short (a forecast's origin, tools/fit_defaults.py --until)
_ENDS: dict[str, typing.Any] = {}


def checked(scenario: Scenario) -> Scenario:
    """A Scenario built in Python (``Scenario.model_validate(dict)``, ``model_copy(update=...)``) with the
    checks a file gets: pydantic checks each field alone, not how the fields refer to each other (a held-out
    wargame designer's strike at an actor no one declared ran and struck nothing). Raises ScenarioError
    naming each field; a scenario checked once is not checked again. Any other is validated first as a dict of its
    fields is (``model_copy`` does not validate: a held-out designer's ``update={"end": "1978-03-31"}`` ended in a
    TypeError, a researcher's value out of its range ran): text read as a date, a bad value or a misspelt field a
    ScenarioError naming the field; the validated scenario is the one returned where validating changed it. A
    checked scenario's period cut short (``model_copy(update={"end": ...})``, nothing else changed) is checked to
    the end it was checked with, and
    a note names the entries it leaves unsimulated; any other scenario is checked to its own end, as its file
    would be (stretching every end to the last date named let a held-out user's claim window after the period
    load, and fail only when the claim was run)."""
    where = f"scenario {scenario.name!r} (built in Python)"
    extra = {k: v for k, v in vars(scenario).items() if k not in type(scenario).model_fields}   # ("endd")
    try:                                    # None serializes without a word: checked on its own (a tester's
        typed = not _none_not_allowed(scenario)    # update={"attacks": None} ended in an AttributeError)
        given = _digest(scenario, strict=True)
    except PydanticSerializationError:      # a value not of its field's type
        typed = False
    if typed and not extra and given in _CHECKED:
        return scenario
    # each field's own checks too, as a dict of the fields gets them (model_copy runs none: a held-out researcher's
    # copy with max_daily_rate 50, past its range [1, 10], ran at 50, and a misspelt "endd" was dropped unsaid)
    validated = _validated({**scenario.model_dump(exclude_unset=True, warnings="none"), **extra},
                           SourceMap(where, None))
    made = _digest(validated)
    if not typed or made != given:     # the copy itself where validating changed nothing in it
        scenario, given = validated, made
    if given in _CHECKED:
        return scenario
    original, cut_of = scenario, _ENDS.get(_digest(scenario, end=False))
    scenario, missing = _with_record_folder(scenario, SourceMap(where, None))
    cut_of = cut_of or _ENDS.get(_digest(scenario, end=False))
    whole = scenario if cut_of is None or cut_of <= scenario.end else scenario.model_copy(update={"end": cut_of})
    found = missing + cross_problems(whole.model_copy(update={"record": None}) if missing else whole)
    if whole is not scenario:          # a cut is checked to the whole's end, its own before its start too (a
        from flashpoint.scenario.checks import period_problems   # held-out researcher's 0-day runs crashed on read)

        found = list(period_problems(scenario)) + found
    if found:
        lines = [f"{where}: field {field_name(loc)}: {_clip(text)}" for loc, text in found[:MAX_ERRORS]]
        if any(PERIOD_WORDS in text for _, text in found[:MAX_ERRORS]) and _names_after_end(scenario):
            lines.append(f"{where}: {CUT_HINT}")
        raise ScenarioError("\n".join(lines))
    late = sorted({e.id: e.date for e in scenario.every_entry if e.date > scenario.end}.items(), key=lambda x: x[1])
    if late:
        warnings.warn(f"{where} ends on {scenario.end}: {len(late)} entr{'y' if len(late) == 1 else 'ies'} dated "
                      f"after it ({late[0][0]} on {late[0][1]}{', ...' if len(late) > 1 else ''}) are not simulated",
                      FlashpointNote, stacklevel=3)
    _mark_checked(whole)        # what was checked, so that a copy of it with an earlier end is known as a cut
    _mark_checked(original)     # as given (its record folder relative) and as resolved
    _mark_checked(scenario)
    return scenario


#: the words of scenario/checks.py's messages about a date or window outside the period
PERIOD_WORDS = "the scenario's period"
CUT_HINT = ("a scenario is checked to its own end, as its file is; if the period was cut short on purpose, cut a "
            "scenario load_scenario has taken: load_scenario(...).model_copy(update={'end': ...})")


def _names_after_end(scenario: Scenario) -> bool:
    """Whether an entry, a claim's window or a pattern's window reaches past the scenario's end."""
    dates = [d for e in scenario.every_entry for d in (e.date, e.until) if d is not None]
    dates += [c.window[1] for c in scenario.claims]
    dates += [p.window[1] for p in (scenario.record.patterns if scenario.record is not None else [])]
    return any(d > scenario.end for d in dates)


def cut_from(scenario: Scenario, **update) -> Scenario:
    """``scenario`` (checked first) with ``update``, a forecast's cut (its end, and the schedule and policies less
    what it removed), marked checked: the cut leaves effects and claims that only later entries name."""
    cut = checked(scenario).model_copy(update=update)
    _mark_checked(cut)
    return cut


def _none_not_allowed(scenario: Scenario) -> bool:
    """Whether a field holds None where its type does not take it."""
    return any(getattr(scenario, name) is None and type(None) not in typing.get_args(f.annotation)
               and f.annotation is not None for name, f in type(scenario).model_fields.items())


def _digest(scenario: Scenario, end: bool = True, strict: bool = False) -> str:
    """The scenario's content as a digest; ``strict`` raises PydanticSerializationError where a field's value is not
    of its declared type (a date given as text has the digest of that date)."""
    import pydantic_core

    warn = "error" if strict else "warn"
    fields = scenario.model_dump(warnings=warn) if end else scenario.model_dump(exclude={"end"}, warnings=warn)
    # NaN and infinity written as themselves: as JSON's null, a NaN put into a checked scenario from Python had
    # the checked one's digest and ran unchecked (a held-out researcher's fades_days=nan, inf)
    return hashlib.sha256(pydantic_core.to_json(fields, inf_nan_mode="constants")).hexdigest()


def _mark_checked(scenario: Scenario) -> None:
    _CHECKED.add(_digest(scenario))
    rest = _digest(scenario, end=False)
    if rest not in _ENDS or _ENDS[rest] < scenario.end:
        _ENDS[rest] = scenario.end


#: (scenario file, record name) already noted as a shipped record's name beside a folder of that name (said once)
_SHADOWED: set = set()


def _with_record_folder(scenario: Scenario, source: SourceMap) -> tuple[Scenario, list]:
    """The scenario with ``record.dataset`` a shipped record's name or an absolute folder: a relative folder is
    looked for beside the scenario file first, then from the working directory. A record found nowhere is a
    problem at that field (returned, with the scenario unchanged); a shipped record's name with a folder of that
    name beside the file is the shipped record, with a note (an outside tester's folder was read as nothing)."""
    if scenario.record is None:
        return scenario, []
    from flashpoint.records import datasets

    name = scenario.record.dataset
    if name in datasets():
        file = Path(source.where)
        if file.is_file() and (file.parent / name / "counts.csv").is_file() and (file, name) not in _SHADOWED:
            _SHADOWED.add((file, name))
            warnings.warn(f"{source.where}: field record.dataset: {name!r} is the shipped record; the folder "
                          f"{file.parent / name} beside the scenario file is not read (write ./{name} to read it)",
                          FlashpointNote, stacklevel=4)
        return scenario, []
    try:
        path = Path(name).expanduser()
        file = Path(source.where)
        beside = [file.parent / path] if not path.is_absolute() and file.is_file() else []
        found = next((c for c in beside + [path] if (c / "counts.csv").is_file()), None)
    except (OSError, ValueError):
        found = None
    if found is None:
        return scenario, [(("record", "dataset"), (
            f"record {name!r} is not a shipped record ({', '.join(datasets())}) and no folder with a counts.csv "
            f"is there (a relative folder is looked for beside the scenario file, then in the working directory)"))]
    return scenario.model_copy(update={"record": scenario.record.model_copy(update={"dataset": str(found.resolve())})}), []


def cross_problems(scenario: Scenario) -> list[tuple[tuple, str]]:
    """How the scenario's fields refer to each other (scenario/checks.py), then what the engine reads and
    the policies set (engine/requirements.py, scenario/parameters.py): (location, message) pairs. The second
    are looked for after problems of the first too (a broken pattern hid a mode's missing casualty rate in a
    held-out case), unless the first leave too little to read them by."""
    from flashpoint.engine.requirements import NOT_READ
    from flashpoint.engine.requirements import problems as parameter_problems
    from flashpoint.scenario.checks import problems
    from flashpoint.scenario.parameters import claim_problems, policy_problems

    found = problems(scenario)
    try:
        declared = parameter_problems(scenario)
        broken = {f"{loc[1]}.{loc[3]}" if loc[0] == "mechanisms" else f"{loc[0]}.{loc[1]}"   # "response.lag_days"
                  for loc, _ in declared if len(loc) >= (4 if loc[0] == "mechanisms" else 2)
                  and loc[0] in ("attacks", "response", "forces", "effects", "mechanisms")}
        settings = [(loc, text) for loc, text in policy_problems(scenario) + claim_problems(scenario)
                    if not any(str(loc[-1]).startswith(name) for name in broken)]   # follow from those: one message
        more = [(loc, text) for loc, text in declared + settings    # not again what a check said at more length
                if not any(at == loc and said.startswith(text) for at, said in found)]  # (a held-out case's troops)
    except (KeyError, IndexError, AttributeError, TypeError, ValueError):
        if not found:
            raise
        more = []                        # the first problems broke what the second read: they are the ones to fix
    # a name nothing reads (a misspelt attribute) first, then a value beyond what the engine can take: what follows
    # from them comes after (a held-out case's typo came fifth, after four messages about the deployments it broke;
    # a held-out designer's initial_presence of 1.5 came fourth, after three)
    return sorted(dict.fromkeys(found + more), key=lambda p: (NOT_READ not in p[1], "the engine can take" not in p[1]))


def parse(text: str, where: str) -> Scenario:
    """Parse and validate scenario YAML text; ``where`` names it in error messages."""
    return parse_with_source(text, where)[0]


def load_scenario(name_or_path: str | Path | Scenario | dict) -> Scenario:
    """Load a scenario by built-in name (e.g. ``"iraq-2020"``) or from a YAML file path; a Scenario built in
    Python, or a dict of a scenario's fields, is returned once it passes the checks a file gets (:func:`checked`;
    a dict's field that cannot be read is a ScenarioError naming it, where ``Scenario.model_validate`` raises
    pydantic's ValidationError: a held-out designer's ``except ScenarioError`` missed a typo of ``fades_days``)."""
    if isinstance(name_or_path, dict):
        where = f"scenario {name_or_path.get('name', '(no name)')!r} (built in Python)"
        name_or_path = _validated(name_or_path, SourceMap(where, None))
    if isinstance(name_or_path, Scenario):
        return checked(name_or_path)
    if not isinstance(name_or_path, (str, Path)):
        raise ScenarioError(f"a scenario is a built-in name, a YAML file's path, a Scenario or a dict of its fields, "
                            f"not {type(name_or_path).__name__} {name_or_path!r}")
    where, text = resolve(name_or_path)
    return parse_with_source(text, where)[0]
