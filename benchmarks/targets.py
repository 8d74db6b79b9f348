"""The one way every benchmark states a figure against its target (its anchor).

A ratio is figure / target. For a limit ("under 60 s") a ratio below 1 meets it; for a floor
("at least 150 sentences/s") a ratio of 1 or more does. The line reads the same everywhere:

    ratio to the target (3 x 10,000 runs under 60 s): 0.83 (meets it)
"""
from __future__ import annotations


def ratio(figure: float, target: float, *, floor: bool = False) -> tuple[float, bool]:
    """(figure / target, whether the figure meets the target): a limit is met strictly below it."""
    r = figure / target
    return r, (r >= 1) if floor else (r < 1)


def ratio_line(target: str, r: float, meets: bool, note: str = "") -> str:
    """``ratio to the target (TARGET): R (meets it)``; NOTE goes inside the parentheses, after "it"."""
    return f"ratio to the target ({target}): {r:.2f} ({'meets' if meets else 'misses'} it{note})"
