"""Checks on the filters a user types (``--actor``, ``--target``, ``--type``, ``--mode``, ``--dataset``).

A filter value nobody could match is a mistake, not a question with the answer "0 events":
``--type ASSUALT``, ``--actor usaa`` or ``--dataset acledd`` is refused with the values that
exist (and the closest one), so the command line exits 2 instead of printing an empty table.
An actor may be given by its id in a record's ``actors.csv``, by a name the actor dictionary
lists for it (read as its id) or by a name stored as written (an unmapped actor), matched as the
dictionary's names are, case, accents and quotes aside (a value may so stand for several spellings).
"""
from __future__ import annotations

import difflib

from flashpoint.errors import FlashpointError
from flashpoint.events.actors import THEATRE_ACTORS, normalize_name, theatre_actor
from flashpoint.events.record import MODES


def _unknown(option: str, value: str, what: str, known: list[str], listed: int = 30) -> FlashpointError:
    close = difflib.get_close_matches(value, known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else "."    # (a held-out researcher: "actor 'kj' Known: ...")
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


def check_modes(values: list[str] | None, store=None) -> list[str] | None:
    """Attack modes: the record's, or (``store``) any other its events have (a scenario's own, imported with
    --scenario)."""
    if not values:
        return None
    known = list(MODES) if store is None or all(v in MODES for v in values) else store.modes()
    for value in values:
        if value not in known:
            raise _unknown("--mode", value, "attack mode", known)
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
        if value in stored:     # with the other spellings stored (a held-out tester's name as ACLED writes it
            out.extend(_stored_alike(value, stored) or [value])     # missed GDELT's capitals: a series of 0s)
        elif theatre_actor(value):
            out.append(theatre_actor(value))
        elif folded := _stored_alike(value, stored):
            out.extend(folded)
        else:
            raise _unknown(option, value, "actor", list(THEATRE_ACTORS) + sorted(stored - set(THEATRE_ACTORS)))
    return out


def _stored_alike(value: str, stored: set[str]) -> list[str]:
    """The stored names (kept as written) that ``value`` matches after the dictionary's folding of case, accents
    and quotes (:func:`~flashpoint.events.actors.normalize_name`): a held-out tester's name typed without its
    accents was refused with "did you mean" the accented one."""
    key = normalize_name(value)
    return sorted(name for name in stored if name not in THEATRE_ACTORS and normalize_name(name) == key)


def check_dataset(store, value: str | None, option: str = "--dataset", folders: bool = True) -> str | None:
    """A dataset of the store or a shipped record; a format's name is one too, with no rows yet (the
    dataset an import gets without --dataset). The message lists datasets only, not the formats (a
    file's format is no dataset to ask for), and says how a record folder, given here by mistake, is read;
    ``folders=False`` (the web page's requests) looks at no path: a request names a dataset, and the server's
    disk is not probed for it (a held-out student's ``dataset=/tmp/...`` was answered with whether it held
    events.csv, and its resolved path)."""
    if not value:
        return None
    from flashpoint.events.importers import FORMATS
    from flashpoint.events.shipped import shipped_records

    datasets = sorted(set(store.datasets()) | set(shipped_records()))
    if value in datasets or value in FORMATS:
        return value
    close = difflib.get_close_matches(value, datasets + list(FORMATS), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise FlashpointError(f"{option}: unknown dataset {value[:80]!r}{hint}{_record_folder_hint(value) if folders else ''} "
                          f"Known: {', '.join(datasets)} (a format's name, e.g. acled, names the events imported "
                          "in that format without --dataset)")


def _record_folder_hint(value: str) -> str:
    """What to do with a record folder (docs/records.md) given as a dataset: it is read, not stored."""
    from pathlib import Path

    from flashpoint.events.shipped import EVENTS_FILE

    try:
        folder = Path(value).expanduser()
        if folder.name == EVENTS_FILE and folder.is_file():
            folder = folder.parent
        if not (folder / EVENTS_FILE).is_file():
            return ""
        folder = folder.resolve()
    except (OSError, ValueError):
        return ""
    return (f"; {folder} is a record folder (it holds {EVENTS_FILE}), not a dataset of the store: a scenario "
            f"reads it as its record (record: {{dataset: {folder}}}), or import its events with `flashpoint "
            f"events import {folder / EVENTS_FILE} --format csv --dataset NAME` and list them with "
            "--dataset NAME.")
