"""Checks on the filters a user types (``--actor``, ``--target``, ``--type``, ``--mode``, ``--dataset``).

A filter value nobody could match is a mistake, not a question with the answer "0 events":
``--type ASSUALT``, ``--actor usaa`` or ``--dataset acledd`` is refused with the values that
exist (and the closest one), so the command line exits 2 instead of printing an empty table.
An actor may be given by its id in a record's ``actors.csv``, by a name the actor dictionary
lists for it (read as its id) or by a name stored as written (an unmapped actor).
"""
from __future__ import annotations

import difflib

from flashpoint.errors import FlashpointError
from flashpoint.events.actors import THEATRE_ACTORS, theatre_actor
from flashpoint.events.record import MODES


def _unknown(option: str, value: str, what: str, known: list[str], listed: int = 30) -> FlashpointError:
    close = difflib.get_close_matches(value, known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    shown = ", ".join(known[:listed]) + (f", ... ({len(known)} in all)" if len(known) > listed else "")
    return FlashpointError(f"{option}: unknown {what} {value[:80]!r}{hint} Known: {shown}")


def check_types(values: list[str] | None) -> list[str] | None:
    """PLOVER event types, upper-cased; each must be a type of the CAMEO codebook."""
    if not values:
        return None
    from flashpoint.events.codes import cameo_codebook

    known = sorted(set(cameo_codebook()["plover_type"].dropna()))
    out = []
    for value in values:
        upper = value.strip().upper()
        if upper not in known:
            raise _unknown("--type", value, "event type", known)
        out.append(upper)
    return out


def check_modes(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    for value in values:
        if value not in MODES:
            raise _unknown("--mode", value, "attack mode", list(MODES))
    return list(values)


def check_actors(store, values: list[str] | None, option: str) -> list[str] | None:
    """Theatre ids for the values given; a value that is neither an actor nor a stored name is refused."""
    if not values:
        return None
    stored: set[str] | None = None
    out = []
    for value in values:
        value = value.strip()
        if value in THEATRE_ACTORS:
            out.append(value)
            continue
        if stored is None:
            stored = store.actors()
        if value in stored:
            out.append(value)
        elif theatre_actor(value):
            out.append(theatre_actor(value))
        else:
            raise _unknown(option, value, "actor", list(THEATRE_ACTORS) + sorted(stored - set(THEATRE_ACTORS)))
    return out


def check_dataset(store, value: str | None) -> str | None:
    if not value:
        return None
    from flashpoint.events.importers import FORMATS

    known = sorted(set(store.datasets()) | set(FORMATS))   # a format's name is a dataset even with no rows yet
    if value not in known:
        raise _unknown("--dataset", value, "dataset", known)
    return value
