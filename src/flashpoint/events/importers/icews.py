"""ICEWS event files (tab-separated, with a header: Event ID, Event Date, Source Name, ..., CAMEO Code, Intensity, ...).

ICEWS's "Event ID" repeats across events on different days, so an event
becomes ``icews:<Event ID>:<Event Date>``. CAMEO codes lose their leading
zero when a file has passed through a spreadsheet ("42" for 042); a code
that can only be read with the zero put back is read that way. An actor's
CAMEO code is built from its country and the first sector that names a role
(a country + "Military" -> its ISO3 + MIL) when the actor dictionary does not
know the name.
"""
from __future__ import annotations

from flashpoint.events.actors import THEATRE_ACTORS, country_code, theatre_actor
from flashpoint.events.importers import checks as c
from flashpoint.events.importers.reading import Dialect
from flashpoint.events.importers.staging import ActorKeys, ImportFormat, Selection

REQUIRED = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "CAMEO Code",
    "Target Name", "Target Sectors", "Target Country",
)

#: Words in ICEWS sector lists -> CAMEO role letters, first match wins.
ROLE_BY_SECTOR: tuple[tuple[str, str], ...] = (
    ("police", "COP"), ("military", "MIL"), ("army", "MIL"), ("armed forces", "MIL"), ("air force", "MIL"),
    ("navy", "MIL"), ("insurgent", "INS"), ("rebel", "REB"), ("militia", "REB"), ("legislative", "LEG"),
    ("parliament", "LEG"), ("protest", "OPP"), ("dissident", "OPP"), ("opposition", "OPP"),
    ("government", "GOV"), ("executive", "GOV"), ("ministry", "GOV"), ("civilian", "CVL"),
)


def icews_actor(name: str, sectors: str, country: str) -> tuple[str | None, str | None]:
    """(actor, CAMEO code) of an ICEWS actor."""
    if not name:
        return None, None
    actor_id = theatre_actor(name)
    if actor_id:
        return actor_id, THEATRE_ACTORS[actor_id].cameo
    prefix = country_code(country)
    if not prefix:
        return name.strip(), None
    words = (sectors or "").lower()
    role = next((r for word, r in ROLE_BY_SECTOR if word in words), "")
    if not role and name.strip().lower() == country.strip().lower():
        role = "GOV"  # the state itself, as ICEWS names it
    return name.strip(), prefix + role


def select(columns: tuple[str, ...], file_name: str) -> Selection:
    def optional(name: str) -> str:
        return c.col(name) if name in columns else "NULL"

    raw_code = c.col("CAMEO Code")
    code = (f"(CASE WHEN length({raw_code}) = 2 OR (length({raw_code}) = 3 AND "
            f"coalesce(TRY_CAST(left({raw_code}, 2) AS INTEGER) > 20, false)) THEN '0' || {raw_code} "
            f"ELSE {raw_code} END)")
    raw_date = c.col("Event Date")
    date = f"coalesce(TRY_STRPTIME({raw_date}, '%Y-%m-%d'), TRY_STRPTIME({raw_date}, '%Y%m%d'))::DATE"
    place = ", ".join(optional(k) for k in ("City", "District", "Province", "Country"))
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
    return Selection(values=values, checks=problems, actors=actors, code_field="CAMEO Code")


ICEWS = ImportFormat(
    name="icews", label="an ICEWS event file (tab-separated with a header)",
    dialect=Dialect(delimiter="\t", quoted=False, header=True),
    id_field="Event ID", required=REQUIRED, select=select,
)
