"""GDELT event tables: 1.0 (58 tab-separated columns, no header) and 2.0 (61 columns).

GDELT 2.0 adds an ADM2 code to each of the three geography blocks; the
rest of the layout is the same (GDELT Event Codebook V2.0). An event becomes
``gdelt1:<GLOBALEVENTID>`` or ``gdelt2:<GLOBALEVENTID>``; its Goldstein value,
PLOVER type and quad class come from the shipped CAMEO codebook, so that
every dataset in a store uses one scale. Actors map through the theatre
dictionary by name, then by unambiguous CAMEO code; GDELT's own actor code
is kept as the record's code.
"""
from __future__ import annotations

from flashpoint.events.actors import resolve_actor
from flashpoint.events.importers import checks as c
from flashpoint.events.importers.reading import Dialect, SourceRows
from flashpoint.events.importers.staging import ImportFormat, Selection

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


def columns(version: int) -> tuple[str, ...]:
    """GDELT's column names in file order (58 for version 1, 61 for version 2)."""
    adm2 = version == 2
    names = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    names += [f"Actor1{a}" for a in _ACTOR] + [f"Actor2{a}" for a in _ACTOR] + _EVENT
    for prefix in ("Actor1Geo", "Actor2Geo", "ActionGeo"):
        names += _geo(prefix, adm2)
    names += ["DATEADDED", "SOURCEURL"]
    return tuple(names)


GDELT1_COLUMNS = columns(1)
GDELT2_COLUMNS = columns(2)
assert len(GDELT1_COLUMNS) == 58 and len(GDELT2_COLUMNS) == 61


def _selector(dataset: str):
    def select(con, source: SourceRows) -> Selection:
        s_name1, s_code1 = c.col("Actor1Name"), c.col("Actor1Code")
        s_name2, s_code2 = c.col("Actor2Name"), c.col("Actor2Code")
        c.mapping_table(
            con, "_gdelt_actors",
            f"SELECT DISTINCT {c.key(s_name1)}, {c.key(s_code1)} FROM {source.view} s "
            f"UNION SELECT DISTINCT {c.key(s_name2)}, {c.key(s_code2)} FROM {source.view} s",
            ("name", "code"), lambda name, code: resolve_actor(name or None, code or None), ("actor", "cameo"),
        )
        event_id, sqldate, code = c.col("GLOBALEVENTID"), c.col("SQLDATE"), c.col("EventCode")
        date = f"TRY_STRPTIME({sqldate}, '%Y%m%d')::DATE"
        joins = " ".join([
            c.cameo_join(code),
            f"LEFT JOIN _gdelt_actors a1 ON a1.name = {c.key(s_name1)} AND a1.code = {c.key(s_code1)}",
            f"LEFT JOIN _gdelt_actors a2 ON a2.name = {c.key(s_name2)} AND a2.code = {c.key(s_code2)}",
        ])
        fields = {
            "event_id": f"'{dataset}:' || {event_id}",
            "date": date,
            "date_precision": "'day'",
            "source_actor": "a1.actor", "target_actor": "a2.actor",
            "source_code": "a1.cameo", "target_code": "a2.cameo",
            "cameo_code": "cb.code", "cameo_root": "cb.root_code", "plover_type": "cb.plover_type",
            "quad_class": "cb.quad_class", "goldstein": "cb.goldstein",
            "mode": c.mode_from_cameo("cb.code"),
            "location": c.col("ActionGeo_FullName"),
            "provenance": c.provenance(dataset, source.path.name),
        }
        problems = [
            c.missing(event_id, "GLOBALEVENTID"),
            c.problem(f"NOT regexp_full_match({event_id}, '[0-9]+')", "GLOBALEVENTID", "not a whole number",
                      event_id),
            c.missing(sqldate, "SQLDATE"),
            c.bad_date(sqldate, date, "SQLDATE", "YYYYMMDD"),
            c.bad_cameo(code, "EventCode"),
        ]
        return Selection(fields=fields, checks=problems, joins=joins)

    return select


GDELT1 = ImportFormat(
    name="gdelt1", label="a GDELT 1.0 event table (58 tab-separated columns)",
    dialect=Dialect(delimiter="\t", quoted=False, header=False, columns=GDELT1_COLUMNS),
    id_field="GLOBALEVENTID", required=(), select=_selector("gdelt1"),
)
GDELT2 = ImportFormat(
    name="gdelt2", label="a GDELT 2.0 event table (61 tab-separated columns)",
    dialect=Dialect(delimiter="\t", quoted=False, header=False, columns=GDELT2_COLUMNS),
    id_field="GLOBALEVENTID", required=(), select=_selector("gdelt2"),
)
