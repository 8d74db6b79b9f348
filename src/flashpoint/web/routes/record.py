"""The record: events (filtered, keyset-paged), the values the filters take, the scenario's sourced counts."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Optional

from fastapi import APIRouter, Depends, Query, Response

from flashpoint.ensemble import INDICATORS
from flashpoint.web import models as m
from flashpoint.web.catalog import invalid
from flashpoint.web.guard import StrictJSONRoute, budgeted
from flashpoint.web.record import MAX_OFFSET, BadCursor, BadFilter, decode_cursor, observed_rows, plover_types
from flashpoint.web.state import State, get_state

router = APIRouter(route_class=StrictJSONRoute, tags=["record"])
Shared = Annotated[State, Depends(get_state)]
Text = Annotated[Optional[str], Query(max_length=80)]


@router.get("/api/observed", response_model=dict[str, list[m.ObservedRow]],
            summary="The scenario's sourced period counts by indicator, each with its hedge, source and reliability")
@budgeted
def observed(state: Shared, scenario: Annotated[str, Query(max_length=64)] = "iraq-2020",
             indicator: Annotated[Optional[str], Query(max_length=400)] = None):    # a sum's name is long
    sc, _, _ = state.catalog.get(scenario, ("query", "scenario"))
    if indicator is not None and any(part.strip().partition(".")[0] not in INDICATORS for part in indicator.split("+")):
        raise invalid(("query", "indicator"), f"unknown indicator {indicator[:120]!r}; known: {', '.join(INDICATORS)} "
                                                f"(each alone, with its breakdowns' counts, or NAME.BREAKDOWN)",
                      indicator)
    rows = observed_rows(sc, indicator)
    if indicator is not None and not rows:       # none counted: an unknown breakdown is refused, not answered {}
        from flashpoint.scenario.checks import indicator_problems          # (held-out bad input)

        problems = [p for part in indicator.split("+") for p in indicator_problems(sc, part.strip())]
        if problems:
            raise invalid(("query", "indicator"), problems[0], indicator)
    return rows


@router.get("/api/events/facets", response_model=m.EventFacets, summary="Values the event filters take")
@budgeted
def facets(state: Shared):
    from flashpoint.events.actors import THEATRE_ACTORS
    from flashpoint.events.record import MODES

    actors = {a.id: {"id": a.id, "label": a.label, "records": list(a.records), "labels": dict(zip(a.records, a.labels))}
              for a in THEATRE_ACTORS.values()}
    declared = {r for a in THEATRE_ACTORS.values() for r in a.records}
    for dataset, names in sorted(state.events.actors_by_dataset().items()):    # an imported file's own actors (a
        if dataset not in declared:         # held-out import's were not offered: the filter listed the records')
            for name in sorted(names):      # each named as stored: the file has no actors table (a held-out case's
                actor = actors.setdefault(name, {"id": name, "label": name, "records": [], "labels": {}})   # own
                actor["records"].append(dataset)      # actor read as another case's record labels the same id)
                actor["labels"][dataset] = name
    return {"datasets": state.events.datasets(), "actors": list(actors.values()),
            "modes": list(MODES), "plover_types": plover_types()}


@router.get("/api/events", response_model=m.EventPage,
            summary="Events of the record, filtered, by date and id; page with `cursor` (each page's `next_cursor`)")
@budgeted
def events(state: Shared,
           actor: Annotated[Optional[str], Query(min_length=1, max_length=200, description=(
               "an actor id (either side), as a record's actors.csv names it"))] = None,
           source: Annotated[Optional[str], Query(min_length=1, max_length=200, description="the acting side")] = None,
           attributed: Annotated[Optional[bool], Query(description=(
               "actor and source also match the events a record attributes to the actor (claimed by it or "
               "blamed on it), whoever the stored source is (the default); false: the stored sides only. "
               "Only with actor or source (alone it would change nothing: a 422)"))] = None,
           target: Annotated[Optional[str], Query(min_length=1, max_length=200,
                                                  description="the side acted on")] = None,
           start: Annotated[Optional[dt.date], Query(description="first day (YYYY-MM-DD)")] = None,
           end: Annotated[Optional[dt.date], Query(description="last day (YYYY-MM-DD)")] = None,
           plover_type: Annotated[Optional[str], Query(min_length=1, max_length=20, description="PLOVER type, e.g. ASSAULT")] = None,
           mode: Annotated[Optional[Literal["indirect_fire", "ied_convoy", "drone", "missile", "boat", "seizure",
                                            "airstrike", "gunfire"]], Query(description="attack mode")] = None,
           dataset: Annotated[Optional[str], Query(min_length=1, max_length=80, description="dataset name")] = None,
           limit: Annotated[int, Query(ge=1, le=1_000_000_000)] = 50,   # the server's own limit below says it
           cursor: Annotated[Optional[str], Query(max_length=400, description="the previous page's next_cursor")] = None,
           offset: Annotated[int, Query(ge=0, le=1_000_000_000,
                                        description=f"rows to skip (at most {MAX_OFFSET}; deeper, use cursor)")] = 0):
    if limit > state.limits.max_events:
        raise invalid(("query", "limit"), f"limit must be at most {state.limits.max_events}", limit)
    if offset > MAX_OFFSET:
        raise invalid(("query", "offset"), f"offset is at most {MAX_OFFSET}; page deeper with cursor (each page's "
                                           "next_cursor), which costs the same at any depth", offset)
    after = None
    if cursor is not None:
        try:
            after = decode_cursor(cursor)
        except BadCursor as exc:
            raise invalid(("query", "cursor"), str(exc), cursor[:80]) from None
    if plover_type is not None and plover_type.upper() not in plover_types():
        raise invalid(("query", "plover_type"), f"unknown PLOVER type {plover_type[:20]!r}; known: "
                                                f"{', '.join(plover_types())}", plover_type)
    if start is not None and end is not None and end < start:
        raise invalid(("query", "end"), f"end {end} is before start {start}", str(end))
    if attributed is not None and not (actor or source):
        raise invalid(("query", "attributed"), "attributed applies only with actor or source (it says whether they "
                                               "also match what a record attributes to the actor); give one, or "
                                               "leave attributed out", attributed)
    filters = {k: v for k, v in dict(actor=actor or None, source=source or None, target=target or None,
                                     start=start.isoformat() if start else None,
                                     end=end.isoformat() if end else None,
                                     plover_type=plover_type.upper() if plover_type else None,
                                     mode=mode, dataset=dataset or None).items() if v is not None}
    try:
        filters = state.events.checked(filters)
    except BadFilter as exc:
        raise invalid(("query", exc.field), str(exc), filters[exc.field]) from None
    if attributed is not False and (actor or source):
        filters["attributed"] = True
    return Response(content=state.events.page(filters, limit, offset, after), media_type="application/json")
