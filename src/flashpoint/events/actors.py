"""The theatre actor dictionary: names and CAMEO codes as datasets spell them -> theatre actor ids.

The dictionary is data: every shipped record carries an ``actors.csv`` (docs/records.md) with
one row per actor of its theatre: ``id``, ``cameo`` (the CAMEO actor code the record uses when a
dataset gives none), ``label``, ``aliases`` (names as datasets spell them, normalized, ``|``
between them) and ``codes`` (CAMEO actor codes that name exactly this actor). This module loads
every shipped record's table and merges them: one actor id in two records must have the same
CAMEO code (its aliases and codes are pooled, its first record's label is kept), and a name or a
code claimed by two different ids is an error, since an importer could not tell which was meant.

The importers map each name to an actor id through :data:`ALIASES`, matching after
:func:`normalize_name`. A name with no entry is kept as it is written: it is never dropped and
never guessed. A CAMEO code maps to an actor only through :data:`CODE_ACTORS` (a code shared by
several factions of one theatre names none of them). ``unknown`` (an attack nobody claimed and no
source attributed with certainty) has no CAMEO code: CAMEO has no role for "unidentified
attacker", and inventing one would put a false country or role in the record.

One dictionary serves every theatre, so a name means one actor in all of them: a force that is
part of a coalition in one record's terms keeps that id wherever its name is read.
"""
from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from flashpoint.errors import DataError

RECORDS_PACKAGE = "flashpoint.data.records"
#: the actor id of an attack nobody claimed (every record's actors.csv declares it, with no CAMEO code)
UNKNOWN_ACTOR = "unknown"
ACTOR_FILE = "actors.csv"
ACTOR_COLUMNS = ("id", "cameo", "label", "aliases", "codes")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_CAMEO = re.compile(r"^[A-Z]{3}[A-Z0-9]{0,12}$")


@dataclass(frozen=True)
class TheatreActor:
    id: str
    cameo: str | None  # the CAMEO actor code the record uses when a dataset gives none
    label: str
    records: tuple[str, ...] = field(default=(), compare=False)  # the records whose actors.csv declares it
    labels: tuple[str, ...] = field(default=(), compare=False)  # its label in each of those records, in order


@dataclass(frozen=True)
class ActorTables:
    actors: dict[str, TheatreActor]
    aliases: dict[str, str]   # normalized name -> actor id
    codes: dict[str, str]     # CAMEO actor code -> actor id


_PERIOD = re.compile(r"\s*\((?:\d{4})?\s*-\s*(?:\d{4})?\)")  # ACLED's "(2017-2021)" / "(2018-)"
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'", "\u2032": "'"})


def normalize_name(name: str) -> str:
    """The form names are matched in: case-folded, accents and ACLED's date ranges removed, spaces collapsed."""
    text = unicodedata.normalize("NFKD", str(name)).translate(_QUOTES)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _PERIOD.sub(" ", text)
    return " ".join(text.casefold().split())


def _split(text: str) -> list[str]:
    return [part.strip() for part in (text or "").split("|") if part.strip()]


def read_actor_table(text: str, where: str) -> list[dict]:
    """The rows of one actors.csv, checked; ``where`` names the file in messages."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ACTOR_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise DataError(f"{where}: lacks the column(s) {', '.join(missing)} (expected {', '.join(ACTOR_COLUMNS)})")
    rows, seen = [], set()
    for line, row in enumerate(reader, start=2):
        actor = (row["id"] or "").strip()
        if not _ID.match(actor):
            raise DataError(f"{where} line {line}: field id: {actor!r} is not an actor id (a-z, 0-9, _)")
        if actor in seen:
            raise DataError(f"{where} line {line}: field id: {actor!r} is listed twice")
        seen.add(actor)
        cameo = (row["cameo"] or "").strip()
        codes = _split(row["codes"])
        for name, value in [("cameo", cameo)] * bool(cameo) + [("codes", c) for c in codes]:
            if not _CAMEO.match(value):
                raise DataError(f"{where} line {line}: field {name}: {value!r} is not a CAMEO actor code "
                                f"(capital letters, at least three, e.g. USAMIL)")
        aliases = _split(row["aliases"])
        for alias in aliases:
            if normalize_name(alias) != alias:
                raise DataError(f"{where} line {line}: field aliases: {alias!r} is not normalized "
                                f"(write {normalize_name(alias)!r})")
        rows.append({"id": actor, "cameo": cameo or None, "label": (row["label"] or "").strip() or actor,
                     "aliases": aliases, "codes": codes, "line": line})
    return rows


def merge_actor_tables(tables: dict[str, str]) -> ActorTables:
    """One dictionary from several records' actors.csv texts ({record name: text}), checked for conflicts."""
    actors: dict[str, TheatreActor] = {}
    first: dict[str, str] = {}
    aliases: dict[str, tuple[str, str]] = {}
    codes: dict[str, tuple[str, str]] = {}
    for record, text in tables.items():
        where = f"record {record}: {ACTOR_FILE}"
        for row in read_actor_table(text, where):
            actor = row["id"]
            if actor in actors:
                known = actors[actor]
                if known.cameo != row["cameo"]:
                    raise DataError(f"{where} line {row['line']}: field cameo: actor {actor!r} is "
                                    f"{row['cameo'] or '(none)'} here but {known.cameo or '(none)'} in record "
                                    f"{first[actor]}; one actor has one CAMEO code")
                actors[actor] = TheatreActor(actor, known.cameo, known.label, known.records + (record,),
                                              known.labels + (row["label"],))
            else:
                actors[actor] = TheatreActor(actor, row["cameo"], row["label"], (record,), (row["label"],))
                first[actor] = record
            for kind, names, claimed in (("aliases", row["aliases"], aliases), ("codes", row["codes"], codes)):
                for name in names:
                    owner = claimed.get(name)
                    if owner and owner[0] != actor:
                        raise DataError(f"{where} line {row['line']}: field {kind}: {name!r} names {actor!r} here "
                                        f"but {owner[0]!r} in record {owner[1]}; a name may name one actor only")
                    claimed.setdefault(name, (actor, record))
    return ActorTables(actors, {k: v[0] for k, v in aliases.items()}, {k: v[0] for k, v in codes.items()})


def shipped_actor_texts() -> dict[str, str]:
    """{record name: actors.csv text} for every shipped record that has one, in name order."""
    folder = resources.files(RECORDS_PACKAGE)
    out = {}
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        table = path.joinpath(ACTOR_FILE) if path.is_dir() else None
        if table is not None and table.is_file():
            out[path.name] = table.read_text(encoding="utf-8")
    return out


def record_actor_ids(folder: str | Path) -> set[str]:
    """The actor ids a record folder's actors.csv declares (empty when it has none)."""
    path = Path(folder) / ACTOR_FILE
    if not path.is_file():
        return set()
    return {row["id"] for row in read_actor_table(path.read_text(encoding="utf-8"), str(path))}


_TABLES = merge_actor_tables(shipped_actor_texts())

#: Actor id -> TheatreActor, over every shipped record.
THEATRE_ACTORS: dict[str, TheatreActor] = _TABLES.actors
#: Normalized name -> theatre actor id.
ALIASES: dict[str, str] = _TABLES.aliases
#: CAMEO actor codes that name exactly one theatre actor.
CODE_ACTORS: dict[str, str] = _TABLES.codes


def theatre_actor(name: str | None, code: str | None = None) -> str | None:
    """The theatre actor id for a name (or, failing that, an unambiguous CAMEO code); None when unmapped.
    A name whose actor the code contradicts (same country, another role: GDELT names a militia by its country,
    with the country's rebel code) is not that actor: the code decides (a held-out import had militia attacks
    on foreign bases as the host government's)."""
    code = str(code).strip().upper() if code and str(code).strip() else None
    found = named_actor(name, code)
    if found:
        return found
    if code:
        return CODE_ACTORS.get(code)
    return None


def named_actor(name: str | None, code: str | None = None) -> str | None:
    """The actor id the dictionary lists ``name`` for, unless ``code`` contradicts it (:func:`theatre_actor`'s
    rule); None otherwise. The code never names an actor here."""
    code = str(code).strip().upper() if code and str(code).strip() else None
    if not name or not str(name).strip():
        return None
    found = ALIASES.get(normalize_name(name))
    return found if found and not _roles_differ(THEATRE_ACTORS[found].cameo, code) else None


#: CAMEO roles of the state, and of those who fight or oppose it: a code of one kind contradicts an actor of the other
STATE_ROLES = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
NON_STATE_ROLES = frozenset({"REB", "INS", "SEP", "UAF", "OPP", "CVL"})


def _roles_differ(known: str | None, given: str | None) -> bool:
    """Two CAMEO actor codes of one country, one of the state and one not (a government and its rebels); roles
    of one kind (a government and its army) and a code of a country alone differ from none."""
    if not known or not given or len(known) < 6 or len(given) < 6 or known[:3] != given[:3]:
        return False
    kinds = [STATE_ROLES if code[3:6] in STATE_ROLES else NON_STATE_ROLES if code[3:6] in NON_STATE_ROLES else None
             for code in (known, given)]
    return None not in kinds and kinds[0] is not kinds[1]


def resolve_actor(name: str | None, code: str | None = None) -> tuple[str | None, str | None]:
    """(actor, cameo code) for the record: the theatre id when mapped, else the name as written.

    The code is the dataset's own when it gives one, else the theatre actor's.
    Both are None only when the dataset names no actor at all.
    """
    name = str(name).strip() if name is not None and str(name).strip() else None
    code = str(code).strip().upper() if code is not None and str(code).strip() else None
    actor_id = theatre_actor(name, code)
    cameo = code or (THEATRE_ACTORS[actor_id].cameo if actor_id else None)
    return (actor_id or name or code), cameo


TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")


def attributed_actor(text: str | None) -> str | None:
    """The actor a record's ``attributed_to`` text names, None when it names none the dictionary knows.

    The whole text is tried first, then without a trailing note in brackets ("X (US officials)"),
    then its longest opening words that are a known name and are followed by a space ("X spokesman
    Y", "X statement"). Nothing else is guessed: "militias backed by X" names no one.
    """
    if not text or not str(text).strip():
        return None
    name = normalize_name(text)
    for candidate in (name, TRAILING_NOTE.sub("", name)):
        if candidate in ALIASES:
            return ALIASES[candidate]
    words = name.split(" ")
    for n in range(len(words) - 1, 0, -1):
        opening = " ".join(words[:n])
        if opening in ALIASES:
            return ALIASES[opening]
    return None


def _country_table() -> dict[str, str]:
    """Country names as datasets write them -> ISO 3166 alpha-3, from the text coder's country table."""
    from flashpoint.extract.actors import countries

    out: dict[str, str] = {}
    for country in countries():
        for name in country.names:
            out.setdefault(normalize_name(name), country.iso3)
    return out


_OF_COUNTRY = re.compile(r"\b(?:forces|government|ministry|embassy|military) of (?:the )?(.+?)\s*$")
_IN_COUNTRY = re.compile(r"\bin (?:the )?(.+?)\s*$")     # "Resistance in X": its country, not the event's
_IN_PARENS = re.compile(r"\(([^()]+)\)\s*$")


@functools.cache
def _countries() -> dict[str, str]:
    return _country_table()


@functools.cache
def _country_codes() -> frozenset[str]:
    return frozenset(_countries().values())


def country_code(country: str | None) -> str | None:
    """ISO-style three letters (the start of a CAMEO actor code) for a country name, None when unknown."""
    return _countries().get(normalize_name(country)) if country else None


def is_country_code(code: str | None) -> bool:
    """Whether ``code`` is the three letters of a country of the table (not a CAMEO group: WST, EUR, ...)."""
    return bool(code) and code in _country_codes()


def country_of(name: str | None) -> str | None:
    """The country an actor name states: "Protesters (X)", "Military Forces of X (2017-2021)", "... in X"."""
    if not name:
        return None
    text = normalize_name(name)
    for pattern in (_IN_PARENS, _OF_COUNTRY, _IN_COUNTRY):
        found = pattern.search(text)
        if found and country_code(found.group(1)):
            return country_code(found.group(1))
    return None
