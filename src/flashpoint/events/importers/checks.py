"""SQL pieces the importers share: field checks, the CAMEO codebook table, actor mapping tables.

Each check is a :class:`Check`: a SQL condition that is true for a bad
value, and the message for it, which starts with the field's name as the
source file spells it ("SQLDATE: not a date (YYYYMMDD): '2020134'").
:func:`problems_sql` joins an importer's checks into one ``_problems`` value
that is NULL for a good row; messages are only built for bad rows.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd

from flashpoint.events.codes import cameo_codebook
from flashpoint.events.importers.reading import sql_name, sql_text
from flashpoint.events.record import MODES, PRECISIONS


@dataclass(frozen=True)
class Check:
    condition: str      # SQL, true when the row is bad (NULL counts as fine)
    message: str        # SQL text expression


def problems_sql(checks: list[Check]) -> str:
    """NULL for a row that passes every check, else its messages joined by '; '."""
    if not checks:
        return "NULL"
    any_bad = " OR ".join(f"coalesce({c.condition}, false)" for c in checks)
    messages = ", ".join(f"CASE WHEN {c.condition} THEN {c.message} END" for c in checks)
    return f"CASE WHEN {any_bad} THEN concat_ws('; ', {messages}) END"


def col(name: str, alias: str = "s", trim: bool = True) -> str:
    """A source column (always text), with blanks read as NULL (and spaces around values dropped)."""
    value = f"{alias}.{sql_name(name)}"
    return f"NULLIF(trim({value}), '')" if trim else f"NULLIF({value}, '')"


def shown(expr: str) -> str:
    """The offending value, quoted and cut short, for a message."""
    return f"'''' || left({expr}, 40) || ''''"


def problem(condition: str, field: str, reason: str, value: str | None = None) -> Check:
    text = sql_text(f"{field}: {reason}")
    if value is not None:
        text = f"{text} || ': ' || {shown(value)}"
    return Check(condition, text)


def missing(value: str, field: str) -> Check:
    return problem(f"{value} IS NULL", field, "missing")


#: the years an event's date may fall in: a two-digit year ("22-03-29") read as the year 22 was stored, and every
#: later list of the store ended in a traceback (held-out bad input)
YEARS = (1900, 2100)


def bad_date(raw: str, parsed: str, field: str, expected: str) -> Check:
    """``raw`` is present but ``parsed`` (the date it should give) is NULL, or outside :data:`YEARS`."""
    return problem(f"{raw} IS NOT NULL AND ({parsed} IS NULL OR year({parsed}) NOT BETWEEN {YEARS[0]} AND {YEARS[1]})",
                   field, f"not a date ({expected})", raw)


#: The most people one event may have killed or wounded. A figure above it is taken as an error
#: (a typo, a total over many events, a number like "1e9") rather than stored as a count.
MAX_PEOPLE = 100_000


def bad_count(raw: str, field: str) -> Check:
    """A head count: blank, or a whole number from 0 to MAX_PEOPLE written in digits ("12", not "1e1")."""
    return problem(
        f"{raw} IS NOT NULL AND NOT (regexp_full_match({raw}, '[0-9]{{1,12}}(\\.0+)?') "
        f"AND coalesce(TRY_CAST({raw} AS DOUBLE) <= {MAX_PEOPLE}, false))",
        field, f"not a whole number of people from 0 to {MAX_PEOPLE:,}", raw,
    )


def bad_number(raw: str, field: str, low: float, high: float) -> Check:
    return problem(
        f"{raw} IS NOT NULL AND NOT coalesce(TRY_CAST({raw} AS DOUBLE) BETWEEN {low} AND {high}, false)",
        field, f"not a number from {low:g} to {high:g}", raw,
    )


def bad_choice(raw: str, field: str, choices: Iterable[str]) -> Check:
    choices = tuple(choices)
    listed = ", ".join(sql_text(c) for c in choices)
    return problem(f"{raw} IS NOT NULL AND {raw} NOT IN ({listed})", field, f"not one of {', '.join(choices)}", raw)


def bad_mode(raw: str, field: str = "mode", modes: Iterable[str] = MODES, hint: str = "") -> Check:
    """Not one of ``modes``; ``hint``: words after the list (how to allow others)."""
    modes = tuple(modes)
    listed = ", ".join(sql_text(m) for m in modes)
    return problem(f"{raw} IS NOT NULL AND {raw} NOT IN ({listed})", field, f"not one of {', '.join(modes)}{hint}", raw)


def bad_precision(raw: str, field: str = "date_precision", precisions: Iterable[str] = PRECISIONS) -> Check:
    return bad_choice(raw, field, precisions)


def cameo_table(con) -> str:
    """Make the temporary table ``_cameo`` (code, root_code, plover_type, quad_class, goldstein)."""
    book = cameo_codebook()[["code", "root_code", "plover_type", "quad_class", "goldstein"]]
    con.register("_cameo_frame", book.reset_index(drop=True))
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _cameo AS SELECT code::VARCHAR AS code, root_code::VARCHAR AS root_code, "
        "plover_type::VARCHAR AS plover_type, quad_class::TINYINT AS quad_class, goldstein::DOUBLE AS goldstein "
        "FROM _cameo_frame"
    )
    con.unregister("_cameo_frame")
    return "_cameo"


#: CAMEO codes read as an attack mode by themselves: artillery-type fire (194) as rockets and mortars,
#: aerial weapons (195) as an airstrike, small arms (193) as gunfire, a roadside bomb (1833) as a bomb on a
#: convoy: as the simulated events code them (engine/events.py; 193 had no mode, a verifier's). A dataset
#: that codes a faction's missiles or drones as 195 gets "airstrike": docs/events.md says so.
MODE_BY_CAMEO = {"194": "indirect_fire", "195": "airstrike", "193": "gunfire", "1833": "ied_convoy"}


def mode_from_cameo(code: str) -> str:
    cases = " ".join(f"WHEN {sql_text(k)} THEN {sql_text(v)}" for k, v in MODE_BY_CAMEO.items())
    return f"CASE {code} {cases} END"


def mapping_table(
    con, name: str, keys_sql: str, key_names: tuple[str, ...],
    resolve: Callable[..., tuple], out_names: tuple[str, ...],
) -> str:
    """A temporary table from the distinct keys a query returns, each resolved in Python once.

    Used to map actor names (tens of thousands of distinct values at most)
    for files of millions of rows without a Python loop over the rows.
    """
    keys = con.execute(keys_sql).fetchall()
    rows = [tuple(key) + tuple(resolve(*key)) for key in keys]
    frame = pd.DataFrame(rows, columns=list(key_names + out_names), dtype=object)
    for column in frame.columns:
        frame[column] = frame[column].astype("string")
    con.register(f"{name}_frame", frame)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {name}_frame")
    con.unregister(f"{name}_frame")
    return name
