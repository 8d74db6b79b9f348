"""GDELT event tables: 1.0 (58 tab-separated columns, no header; its historical files of 1979 to March 2013 have
57, without SOURCEURL) and 2.0 (61 columns).

GDELT 2.0 adds an ADM2 code to each of the three geography blocks; the
rest of the layout is the same (GDELT Event Codebook V2.0). An event becomes
``gdelt1:<GLOBALEVENTID>`` or ``gdelt2:<GLOBALEVENTID>``; its Goldstein value,
PLOVER type and quad class come from the shipped CAMEO codebook, so that
every dataset in a store uses one scale. Actors map through the theatre
dictionary by name, then by unambiguous CAMEO code; GDELT's own actor code
is kept as the record's code. The provenance keeps SOURCEURL (``sources``).
"""
from __future__ import annotations

from flashpoint.events.actors import UNKNOWN_ACTOR, resolve_actor
from flashpoint.events.codes import PLOVER_BY_ROOT
from flashpoint.events.importers import checks as c
from flashpoint.events.importers.reading import Dialect, sql_text
from flashpoint.events.importers.staging import ActorKeys, ImportFormat, Selection

_ACTOR = (
    "Code Name CountryCode KnownGroupCode EthnicCode Religion1Code Religion2Code Type1Code Type2Code Type3Code"
).split()
_EVENT = (
    "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources "
    "NumArticles AvgTone"
).split()


def _geo(prefix: str, adm2: bool) -> list[str]:
    parts = ["Type", "FullName", "CountryCode", "ADM1Code"] + (["ADM2Code"] if adm2 else []) + [
        "Lat", "Long", "FeatureID"]
    return [f"{prefix}_{p}" for p in parts]


def columns(version: int, url: bool = True) -> tuple[str, ...]:
    """GDELT's column names in file order (58 for version 1, 61 for version 2; without ``url``, as GDELT 1.0's
    historical files have them, no SOURCEURL: 57)."""
    adm2 = version == 2
    names = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    names += [f"Actor1{a}" for a in _ACTOR] + [f"Actor2{a}" for a in _ACTOR] + _EVENT
    for prefix in ("Actor1Geo", "Actor2Geo", "ActionGeo"):
        names += _geo(prefix, adm2)
    names += ["DATEADDED"] + (["SOURCEURL"] if url else [])
    return tuple(names)


GDELT1_COLUMNS = columns(1)
GDELT1_HISTORICAL_COLUMNS = columns(1, url=False)
GDELT2_COLUMNS = columns(2)
assert len(GDELT1_COLUMNS) == 58 and len(GDELT1_HISTORICAL_COLUMNS) == 57 and len(GDELT2_COLUMNS) == 61


def col(name: str) -> str:
    """GDELT's fields carry no padding: blanks are read as NULL, without trimming."""
    return c.col(name, trim=False)


def _key(name: str | None, code: str | None, attack: str | None = None) -> tuple[str | None, str | None]:
    """(actor, code) of a GDELT actor; an attack's source with no Actor1Name and no Actor1Code is `unknown`, as
    in every format (a held-out tester's had an empty source actor); another event's stays empty."""
    if attack and not name and not code:
        return UNKNOWN_ACTOR, None
    return resolve_actor(name or None, code or None)


def _selector(dataset: str):
    def select(columns: tuple[str, ...], file_name: str) -> Selection:
        event_id, sqldate, code = col("GLOBALEVENTID"), col("SQLDATE"), col("EventCode")
        date = f"TRY_STRPTIME({sqldate}, '%Y%m%d')::DATE"
        values = {
            "event_id": f"'{dataset}:' || {event_id}",
            "date": date,
            "date_precision": "'day'",
            "cameo_code": code,
            "mode": c.mode_from_cameo(code),
            "location": col("ActionGeo_FullName"),
        }
        problems = [
            c.missing(event_id, "GLOBALEVENTID"),
            c.problem(f"TRY_CAST({event_id} AS UBIGINT) IS NULL AND {event_id} IS NOT NULL", "GLOBALEVENTID",
                      "not a whole number", event_id),
            c.missing(sqldate, "SQLDATE"),
            c.bad_date(sqldate, date, "SQLDATE", "YYYYMMDD"),
            c.missing(code, "EventCode"),
        ]
        # whether the event is an attack: one with no Actor1 at all is one nobody claimed (_key)
        attack = f"left({code}, 2) IN ({', '.join(sql_text(r) for r, t in PLOVER_BY_ROOT.items() if t == 'ASSAULT')})"
        actors = ActorKeys(
            names=("name", "code", "attack"),
            source=(col("Actor1Name"), col("Actor1Code"), f"CASE WHEN {attack} THEN 'y' END"),
            target=(col("Actor2Name"), col("Actor2Code"), "NULL"),
            resolve=_key,
        )
        return Selection(values=values, checks=problems, actors=actors, code_field="EventCode",
                         texts={"sources": col("SOURCEURL")} if "SOURCEURL" in columns else {})

    return select


#: the fields the import reads (the others, tone, mentions, geography, are named in its summary); SOURCEURL, where
#: the file has it, is kept in the provenance (``sources``)
READ = ("GLOBALEVENTID", "SQLDATE", "EventCode", "ActionGeo_FullName", "Actor1Name", "Actor1Code", "Actor2Name",
        "Actor2Code", "SOURCEURL")

GDELT1 = ImportFormat(
    name="gdelt1", label="a GDELT 1.0 event table (58 tab-separated columns)",
    dialect=Dialect(delimiter="\t", quoted=False, header=False, columns=GDELT1_COLUMNS),
    id_field="GLOBALEVENTID", required=(), optional=READ, select=_selector("gdelt1"),
)
#: GDELT 1.0's historical files (1979 to March 2013, before the daily files gained SOURCEURL): the same import,
#: found by its width; ``--format gdelt1`` reads either (a held-out case's 1980s events were refused)
GDELT1_HISTORICAL = ImportFormat(
    name="gdelt1", label="a GDELT 1.0 historical event table (57 tab-separated columns)",
    dialect=Dialect(delimiter="\t", quoted=False, header=False, columns=GDELT1_HISTORICAL_COLUMNS),
    id_field="GLOBALEVENTID", required=(), optional=READ, select=_selector("gdelt1"),
)
GDELT2 = ImportFormat(
    name="gdelt2", label="a GDELT 2.0 event table (61 tab-separated columns)",
    dialect=Dialect(delimiter="\t", quoted=False, header=False, columns=GDELT2_COLUMNS),
    id_field="GLOBALEVENTID", required=(), optional=READ, select=_selector("gdelt2"),
)
