"""CAMEO event codes, their Goldstein values, and the CAMEO -> PLOVER mapping.

The codebook (``data/cameo_codes.csv``) is the ICEWS version of the CAMEO
codebook with Goldstein (1992) weights, from the MIT-licensed
andybega/icews repository (data-raw/cameo-codes.csv).
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import pandas as pd

#: CAMEO root -> PLOVER event type (PLOVER codebook, Halterman et al. 2023),
#: with two code-level exceptions below where PLOVER splits a root.
PLOVER_BY_ROOT: dict[str, str] = {
    "01": "OTHER", "02": "REQUEST", "03": "AGREE", "04": "CONSULT",
    "05": "SUPPORT", "06": "COOPERATE", "07": "AID", "08": "CONCEDE",
    "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT",
    "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION",
    "17": "COERCE", "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT",
}
PLOVER_BY_CODE: dict[str, str] = {
    "0874": "RETREAT",   # retreat or surrender militarily
    "087": "RETREAT",    # de-escalate military engagement (incl. withdrawals)
    "166": "SANCTION",   # expel or withdraw
}


def quad_class(root: str) -> int:
    """CAMEO quad class of a root: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict."""
    r = int(root)
    if r <= 5:
        return 1
    if r <= 8:
        return 2
    if r <= 14:
        return 3
    return 4


def plover_type(code: str) -> str:
    for prefix in (code, code[:3]):
        if prefix in PLOVER_BY_CODE:
            return PLOVER_BY_CODE[prefix]
    return PLOVER_BY_ROOT[code[:2]]


@lru_cache(maxsize=1)
def cameo_codebook() -> pd.DataFrame:
    """The CAMEO codebook: code, root_code, name, goldstein, plover_type, quad_class (index: code)."""
    with resources.files("flashpoint.data").joinpath("cameo_codes.csv").open() as fh:
        book = pd.read_csv(fh, dtype={"code": str, "root_code": str})
    book["plover_type"] = book["code"].map(plover_type)
    book["quad_class"] = book["root_code"].map(quad_class).astype("int8")
    return book.set_index("code", drop=False)


def describe_cameo(code: str) -> dict:
    """The record fields that follow from a CAMEO code: root, PLOVER type, quad class, Goldstein."""
    book = cameo_codebook()
    if code not in book.index:
        raise KeyError(f"unknown CAMEO code {code!r}")
    row = book.loc[code]
    return {
        "cameo_code": code,
        "cameo_root": row["root_code"],
        "plover_type": row["plover_type"],
        "quad_class": int(row["quad_class"]),
        "goldstein": float(row["goldstein"]),
    }
