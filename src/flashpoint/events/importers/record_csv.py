"""Flashpoint's own CSV: a header with the record's field names (``flashpoint events export`` writes it).

``event_id``, ``date`` and ``cameo_code`` are required; every other column
may be absent or blank. ``cameo_root``, ``plover_type``, ``quad_class`` and
``goldstein`` follow from the CAMEO code: when a file gives them they must
agree with it. Actor names map through the actor dictionary, so a file may give
an actor's id or any name its actors.csv lists; a name the dictionary does not know is kept as written
(its CAMEO code names an actor only when no name is given). A blank provenance becomes
``{"dataset": "csv", "file": ..., "row": <line>}``; a given one must be JSON
and is kept, so an exported store imports back unchanged.

Any other column is not imported, and the import names it. A record's events.csv (docs/records.md)
has seven more, its notes (``theatre``, ``summary``, ``sources``, ...): the store keeps those for the
shipped records only, and a scenario reads a record folder of one's own, notes and ``actors.csv``
included, through ``record.dataset``.
"""
from __future__ import annotations

from flashpoint.events.actors import THEATRE_ACTORS, named_actor, normalize_name, resolve_actor
from flashpoint.events.importers import checks as c
from flashpoint.events.importers.reading import Dialect
from flashpoint.events.importers.staging import ActorKeys, ImportFormat, Selection
from flashpoint.events.record import MODES, PRECISIONS, RECORD_FIELDS
from flashpoint.events.shipped import NOTE_COLUMNS

REQUIRED = ("event_id", "date", "cameo_code")
#: every other field of the record; ``select`` reads each one a header has
OPTIONAL = tuple(name for name in RECORD_FIELDS if name not in REQUIRED)


#: what the import's refusal of a mode adds: a scenario's own modes are taken with --scenario
IMPORT_MODE_HINT = " (a scenario's own modes are accepted with events import --scenario NAME|FILE)"


def select(columns: tuple[str, ...], file_name: str | None, precisions: tuple[str, ...] = PRECISIONS,
           modes: tuple[str, ...] = MODES, mode_hint: str = "", own: dict[str, str | None] | None = None) -> Selection:
    """How a row becomes a stored event, and its checks; ``precisions``: the date precisions allowed
    (a record's events.csv allows fewer: :mod:`flashpoint.events.record_check`); ``modes``: the attack
    modes allowed (a scenario's record may also use the modes the scenario declares); ``mode_hint``: words
    added to the refusal of a mode (the import's: how to allow a scenario's own); ``own``: a scenario's actor
    ids (with their CAMEO codes), kept as they are before the dictionary is asked."""
    def optional(name: str) -> str:
        return c.col(name) if name in columns else "NULL"

    raw_date, code = c.col("date"), c.col("cameo_code")
    day = f"coalesce(TRY_CAST({raw_date} AS DATE), TRY_CAST(TRY_CAST({raw_date} AS TIMESTAMP) AS DATE))"
    precision = f"coalesce({optional('date_precision')}, 'day')"
    given = optional("provenance")
    valid_json = f"coalesce(json_valid({given}), false)"
    values = {
        "event_id": c.col("event_id"),
        "date": f"CASE {precision} WHEN 'month' THEN date_trunc('month', {day})::DATE "
                f"WHEN 'year' THEN date_trunc('year', {day})::DATE ELSE {day} END",
        "date_precision": precision,
        "cameo_code": code,
        "mode": optional("mode"),
        "killed": optional("killed"),
        "wounded": optional("wounded"),
        "location": optional("location"),
        "prov_text": given,
    }
    problems = [
        c.missing(c.col("event_id"), "event_id"),
        c.missing(raw_date, "date"),
        c.bad_date(raw_date, day, "date", "YYYY-MM-DD"),
        c.bad_precision(optional("date_precision"), precisions=precisions),
        c.missing(code, "cameo_code"),
        c.bad_mode(optional("mode"), modes=modes, hint=mode_hint),
        c.bad_count(optional("killed"), "killed"),
        c.bad_count(optional("wounded"), "wounded"),
        c.problem(f"{given} IS NOT NULL AND NOT {valid_json}", "provenance", "not JSON text", given),
    ]
    # Stated CAMEO-derived fields are compared with the codebook after the scan (it needs a join).
    derived = ("cameo_root", "plover_type", "quad_class", "goldstein")
    stated = {f"_stated_{name}": optional(name) for name in derived if name in columns}
    code_checks = []
    for name, truth in {"cameo_root": "cb.root_code", "plover_type": "cb.plover_type"}.items():
        if name in columns:
            code_checks.append(c.problem(f"_stated_{name} IS NOT NULL AND _stated_{name} <> {truth}",
                                         name, "disagrees with the CAMEO code", f"_stated_{name}"))
    for name, truth in {"quad_class": "cb.quad_class", "goldstein": "cb.goldstein"}.items():
        if name in columns:
            code_checks.append(c.problem(
                f"_stated_{name} IS NOT NULL AND coalesce(abs(TRY_CAST(_stated_{name} AS DOUBLE) - {truth}) > 1e-9, "
                f"true)", name, "disagrees with the CAMEO code", f"_stated_{name}"))
    actors = ActorKeys(
        names=("name", "code"),
        source=(optional("source_actor"), optional("source_code")),
        target=(optional("target_actor"), optional("target_code")),
        resolve=_resolve if not own else lambda name, code: _resolve(name, code, own),
    )
    return Selection(values=values, checks=problems, actors=actors, code_field="cameo_code", extra=stated,
                     code_checks=code_checks)


def _resolve(name: str | None, code: str | None,
             own: dict[str, str | None] | None = None) -> tuple[str | None, str | None]:
    """A theatre id, or a name the dictionary knows, becomes its actor; any other name is kept as
    written whatever its code says, and the code decides only when no name is given. A dictionary
    name whose actor the row's code contradicts is kept as written too, by the rule the first import
    applied (:func:`~flashpoint.events.actors.theatre_actor`: GDELT's country name coded as the
    country's rebels is not its government); a held-out tester's GDELT export read back as the government.

    A store holds names its importers left unmapped (an ACLED actor coded <country>MIL by country
    and role is not therefore the actor whose code that is); reading an export of it back must not
    map them by code, or the round trip would change them.

    ``own`` (a scenario's actor ids and CAMEO codes, given with ``--scenario``): a name that is one of those ids
    (as written, or normalized) is that actor, whatever the dictionary lists the name for (a held-out analyst's
    faction id was an alias of another theatre's actor, and her events were stored under that actor).
    """
    name = name.strip() if name and name.strip() else None
    if name is None:
        return resolve_actor(None, code or None)
    code = code.strip().upper() if code and code.strip() else None
    if own:
        mine = name if name in own else normalize_name(name) if normalize_name(name) in own else None
        if mine is not None:
            return mine, code or own[mine]
    actor = name if name in THEATRE_ACTORS else named_actor(name, code)
    return actor or name, code or (THEATRE_ACTORS[actor].cameo if actor else None)


def _import_select(columns: tuple[str, ...], file_name: str | None) -> Selection:
    return select(columns, file_name, mode_hint=IMPORT_MODE_HINT)


RECORD_CSV = ImportFormat(
    name="csv", label="a Flashpoint event CSV", dialect=Dialect(delimiter=",", quoted=True, header=True),
    id_field="event_id", required=REQUIRED, select=_import_select, optional=OPTIONAL, layout=NOTE_COLUMNS,
)


def with_modes(modes, scenario: str, actors: dict[str, str | None] | None = None) -> ImportFormat:
    """The Flashpoint CSV import that also accepts ``modes`` (those a scenario declares, as a record laid beside it
    may use them: :func:`flashpoint.records.check_events`); ``scenario`` names it in the refusal of a mode;
    ``actors``: the scenario's actor ids and CAMEO codes, kept as those ids (:func:`_resolve`)."""
    import dataclasses

    allowed = (*MODES, *sorted({str(m) for m in modes} - set(MODES)))
    hint = f" (the record's modes and those scenario {scenario} declares)"
    return dataclasses.replace(RECORD_CSV, select=lambda columns, file_name: select(
        columns, file_name, modes=allowed, mode_hint=hint, own=dict(actors or {})))
