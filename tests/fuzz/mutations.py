"""Mutations of scenario and event files for the fuzz tests and ``benchmarks/fuzz_scenarios.py``.

Each scenario mutation takes the file's lines and a ``random.Random`` and returns the new lines
and the 1-based lines it touched, so a check can tell whether an error names the exact line.
A mutated file may still be valid (a value changed within its range): then no line is wrong.
"""
from __future__ import annotations

import random
import re

JUNK = ["", "-", ":", "{", "[1, 2", "x: [", "nan", "-1e9", "'", "!!python/object:os.system", "~", "value: abc",
        "  - 3", "\t", "range: [5, 1]", "date: 2020-13-45", "kind: wizard", "? complex key", "&a", "*nowhere",
        "%YAML 1.1", "---", "...", "|", ">-", "@", "`"]
EXTREMES = ["-1", "1e400", ".inf", "-.inf", ".nan", "99999999999999999999999", "0", "1.5", "-0.0", "9999-12-31",
            "0001-01-01", "2020-02-30", "null", "~", "[]", "{}", "''", "true", "!!binary aGk=",
            "!!python/object/apply:os.system ['true']", '"[/x]"', "*undefined", "0x7fffffffffffffff", "1_000",
            "2147483648", "-2147483649", "1e-320", "65536", "256", '"\\u0000"', "1" * 5000, "0x" + "f" * 5000,
            "1:" * 3000 + "1", "!!int " + "9" * 5000, "1" * 5000 + ".5", "!!set {a, b}", "!!omap [a: 1]",
            "!!timestamp 2020-01-01", "? [a, b]", "<<: 1", "!!float nan", "!!str", "!!null x"]
_VALUE = re.compile(r"^(\s*(?:-\s+)?[\w.-]+:\s+)(\S.*)$")


def _value_lines(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if _VALUE.match(line)] or [0]


def _set_value(lines, i, value):
    found = _VALUE.match(lines[i])
    lines[i] = (found.group(1) if found else lines[i] + " ") + value


def line_junk(lines, rng):
    i = rng.randrange(len(lines))
    how = rng.choice(["replace", "insert", "append", "delete"])
    junk = rng.choice(JUNK)
    if how == "replace":
        lines[i] = junk
    elif how == "insert":
        lines.insert(i, junk)
    elif how == "append":
        lines[i] += junk
    elif len(lines) > 1:
        del lines[i]
        return lines, {min(i + 1, len(lines)), max(i, 1)}
    return lines, {i + 1}


def extreme_value(lines, rng):
    i = rng.choice(_value_lines(lines))
    _set_value(lines, i, rng.choice(EXTREMES))
    return lines, {i + 1}


def deep_nesting(lines, rng):
    i = rng.choice(_value_lines(lines))
    depth = rng.choice([20, 41, 100, 1000, 20000])
    _set_value(lines, i, "[" * depth + "]" * depth if rng.random() < 0.7 else "{a: " * depth + "1" + "}" * depth)
    return lines, {i + 1}


def self_alias(lines, rng):
    i = rng.choice(_value_lines(lines))
    _set_value(lines, i, rng.choice(["&r [*r]", "&r {a: *r}", "&r [1, [2, *r]]"]))
    return lines, {i + 1}


def alias_reuse(lines, rng):
    candidates = _value_lines(lines)
    i, j = sorted(rng.sample(candidates, 2)) if len(candidates) > 1 else (0, 0)
    found = _VALUE.match(lines[i])
    if found and i != j:
        lines[i] = found.group(1) + "&m " + found.group(2)
        _set_value(lines, j, "*m")
    return lines, {j + 1}


def alias_bomb(lines, rng):
    levels = rng.choice([3, 6, 9, 12])
    bomb = ['laughs_a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for k in range(1, levels):
        prev, cur = chr(ord("a") + k - 1), chr(ord("a") + k)
        bomb.append(f"laughs_{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    start = len(lines) + 1
    return lines + bomb, set(range(start, start + len(bomb)))


def duplicate_key(lines, rng):
    i = rng.choice(_value_lines(lines))
    line = lines[i]
    stripped = line.lstrip()
    if stripped.startswith("- "):               # "- key: v" starts an entry: repeat the key inside it
        line = line[:len(line) - len(stripped)] + "  " + stripped[2:]
    lines.insert(i + 1, line)
    return lines, {i + 2}


def huge_value(lines, rng):
    size = rng.choice([10_000, 1_000_000, 3_000_000])
    if rng.random() < 0.5:
        i = rng.choice(_value_lines(lines))
        _set_value(lines, i, "x" * size)
        return lines, {i + 1}
    return lines + ["junk: " + "y" * size], {len(lines) + 1}


def many_entries(lines, rng):
    entries = [i for i, line in enumerate(lines) if line.startswith("  - {id: ")] or [0]
    i = rng.choice(entries)
    copies = rng.choice([2, 100, 5000])
    lines[i + 1:i + 1] = [lines[i]] * copies
    return lines, set(range(i + 1, i + 2 + copies))


def odd_characters(lines, rng):
    i = rng.randrange(len(lines))
    char = rng.choice(["\x00", "\x1b", "\x7f", "\ufeff", "\u202e", "\ud800", "\x85", "\u2028", "\xe9"])
    at = rng.randrange(len(lines[i]) + 1)
    lines[i] = lines[i][:at] + char + lines[i][at:]
    return lines, {i + 1}


def tabs(lines, rng):
    i = rng.choice([k for k, line in enumerate(lines) if line.startswith("  ")] or [0])
    lines[i] = "\t" + lines[i].lstrip(" ")
    return lines, {i + 1}


def truncate(lines, rng):
    i = rng.randrange(1, len(lines))
    cut = lines[i][:rng.randrange(len(lines[i]) + 1)]
    return lines[:i] + [cut], {i + 1}


SCENARIO_MUTATIONS = {f.__name__: f for f in (line_junk, extreme_value, deep_nesting, self_alias, alias_reuse,
                                               alias_bomb, duplicate_key, huge_value, many_entries, odd_characters,
                                               tabs, truncate)}


def mutate_scenario(text: str, rng: random.Random, count: int = 1, kinds=None) -> tuple[bytes, set[int], list[str]]:
    """``count`` mutations drawn by ``rng``: the file's bytes, the lines touched by the last, their names."""
    lines = text.splitlines()
    names = [rng.choice(sorted(kinds or SCENARIO_MUTATIONS)) for _ in range(count)]
    touched: set[int] = set()
    for name in names:
        lines, touched = SCENARIO_MUTATIONS[name](lines, rng)
    out = "\n".join(lines) + "\n"
    if rng.random() < 0.1:
        out = out.replace("\n", "\r\n")
    return out.encode("utf-8", "surrogatepass"), touched, names


EVENT_JUNK = ["", "\x00", "\x1b[31m", "1e9", "-1", "999999999999999999999", '"', '""', "'", ",", "\t", "\r",
              "\n", "NaN", "2020-02-30", "20201345", "0x10", "\u202e", "\xe9", "[/x]", "=cmd|' /C calc'!A0",
              "9" * 40, "x" * 3000]


def mutate_event_file(data: bytes, rng: random.Random) -> bytes:
    """One corruption of an event file's bytes: a field replaced with junk, a line cut, repeated or
    re-ended, a column dropped, a huge field, or the file truncated."""
    text = data.decode("utf-8")
    newline = "\n"
    lines = text.split(newline)
    body = [k for k in range(len(lines)) if lines[k]]
    i = rng.choice(body)
    sep = "\t" if "\t" in lines[i] else ","
    kind = rng.choice(["field", "field", "field", "cut", "repeat", "crlf", "drop_column", "huge", "truncate",
                       "bytes"])
    if kind == "field":
        fields = lines[i].split(sep)
        fields[rng.randrange(len(fields))] = rng.choice(EVENT_JUNK)
        lines[i] = sep.join(fields)
    elif kind == "cut":
        lines[i] = lines[i][:rng.randrange(len(lines[i]) + 1)]
    elif kind == "repeat":
        lines.insert(i, lines[i])
    elif kind == "crlf":
        lines[i] += "\r"
    elif kind == "drop_column":
        fields = lines[i].split(sep)
        del fields[rng.randrange(len(fields))]
        lines[i] = sep.join(fields)
    elif kind == "huge":
        fields = lines[i].split(sep)
        fields[rng.randrange(len(fields))] = "z" * rng.choice([100_000, 3_000_000])
        lines[i] = sep.join(fields)
    elif kind == "truncate":
        return newline.join(lines).encode("utf-8")[:rng.randrange(1, len(text))]
    else:
        raw = bytearray(newline.join(lines).encode("utf-8"))
        raw[rng.randrange(len(raw))] = rng.randrange(256)
        return bytes(raw)
    return newline.join(lines).encode("utf-8", "surrogatepass")
