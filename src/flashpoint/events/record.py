"""One event record for observed and simulated events.

Every output of Flashpoint that holds events (simulated runs, imported
datasets, events extracted from text) uses exactly these columns, so that a
model run and the record can be laid side by side with no translation layer.
"""
from __future__ import annotations

import pandas as pd

#: Column name -> pandas dtype, in the order every output uses.
RECORD_FIELDS: dict[str, str] = {
    "event_id": "string",          # unique within a store or an ensemble
    "date": "datetime64[ns]",      # the day (first day of the month/year when less precise)
    "date_precision": "string",    # day | month | year
    "source_actor": "string",      # theatre actor id (actors.csv of a record) or the raw name when unmapped
    "target_actor": "string",
    "source_code": "string",       # CAMEO actor code, first three letters the country (USAMIL)
    "target_code": "string",
    "cameo_code": "string",        # CAMEO event code, 2 to 4 digits as text ("1833")
    "cameo_root": "string",        # first two digits ("18")
    "plover_type": "string",       # PLOVER event type (ASSAULT, COERCE, ...)
    "quad_class": "Int8",          # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    "goldstein": "float64",        # Goldstein (1992) conflict-cooperation value, -10..10
    "mode": "string",              # attack mode where known (MODES)
    "killed": "Int64",             # <NA> when no figure is known
    "wounded": "Int64",
    "location": "string",
    "provenance": "string",        # JSON: {"dataset", "row"} | {"doc", "sentence", "span", "text"} | {"run", "seed"}
}

PRECISIONS = ("day", "month", "year")

#: Attack modes the record knows (``mode`` is empty when none applies or it is unknown), as
#: docs/records.md defines them: rockets and mortars, a roadside bomb on a convoy, a one-way drone,
#: a ballistic or cruise missile, an explosive boat, a boarding or seizure, an airstrike, gunfire.
MODES = ("indirect_fire", "ied_convoy", "drone", "missile", "boat", "seizure", "airstrike", "gunfire")
#: How a record knows who did it (``attribution`` of events.csv): the actor or its front claimed it,
#: officials or the press attributed it, or nobody did.
ATTRIBUTIONS = ("claimed", "reported", "unknown")


def empty_record() -> pd.DataFrame:
    """An event table with no rows and the record's columns and dtypes."""
    return as_record(pd.DataFrame({name: [] for name in RECORD_FIELDS}))


def as_record(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with exactly the record's columns, in order, with their dtypes.

    Missing columns are added empty; extra columns are dropped. Dates always
    come back as ``datetime64[ns]``, whatever resolution the input had.
    """
    out = pd.DataFrame(index=frame.index)
    for name, dtype in RECORD_FIELDS.items():
        if name not in frame:
            out[name] = pd.Series(index=frame.index, dtype=dtype)
        elif dtype.startswith("datetime"):
            out[name] = pd.to_datetime(frame[name]).astype(dtype)
        else:
            out[name] = frame[name].astype(dtype)
    return out.reset_index(drop=True)
