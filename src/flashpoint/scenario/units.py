"""The time a unit names (``attacks/day``, ``weeks``, ``per 30 days``): the one thing in a parameter's unit the
engine checks, since it reads rates per day, durations in days and a spoiler's growth per year, and the record's
series as totals over their days where the model's indicator is a rate; and what a record series' unit counts
(attacks, persons, troops, ...), held against the indicator it is laid beside."""
from __future__ import annotations

import re

#: words (and abbreviations) of a unit that name a time, and the time they name
TIMES = {"day": "day", "days": "day", "daily": "day", "week": "week", "weeks": "week", "weekly": "week",
         "wk": "week", "wks": "week", "month": "month", "months": "month", "monthly": "month", "mo": "month",
         "mos": "month", "year": "year", "years": "year", "yearly": "year", "annual": "year", "annually": "year",
         "yr": "year", "yrs": "year", "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour",
         # a held-out case's "attacks per quarter", "per annum", "per fortnight" validated and ran as per day
         "mth": "month", "mths": "month", "quarter": "quarter", "quarters": "quarter", "quarterly": "quarter",
         "qtr": "quarter", "qtrs": "quarter", "fortnight": "fortnight", "fortnights": "fortnight",
         "fortnightly": "fortnight", "annum": "year", "decade": "decade", "decades": "decade",
         "minute": "minute", "minutes": "minute", "hourly": "hour"}
_MULTIPLE = re.compile(r"(?:per|/)\s*(\d+(?:\.\d+)?)\s*([a-z]+)")


def times(unit: str) -> set[str]:
    """The times ``unit`` names: ``{"day"}`` for ``attacks/day``, ``{"30 day"}`` for ``attacks per 30 days``
    (a multiple other than one is a time of its own), an empty set for ``troops``."""
    text = unit.lower()
    out = {f"{float(n):g} {TIMES[w]}" for n, w in _MULTIPLE.findall(text) if w in TIMES and float(n) != 1}
    text = _MULTIPLE.sub(lambda m: " " if m.group(2) in TIMES and float(m.group(1)) != 1 else m.group(0), text)
    return out | {TIMES[w] for w in re.findall(r"[a-z]+", text) if w in TIMES}


_RATE = re.compile(r"(?:\bper\s+|/\s*)(?:\d+(?:\.\d+)?\s*)?([a-z]+)")
_ADVERBS = {w: TIMES[w] for w in "daily weekly monthly yearly annual annually quarterly fortnightly hourly".split()}


def rates(unit: str) -> set[str]:
    """The times ``unit`` counts per (``attacks/day``, ``per week``, ``monthly``): where a time is a rate's, not a
    word of the quantity (``a day of attacks``, ``memory_days``)."""
    text = unit.lower()
    return ({TIMES[w] for w in _RATE.findall(text) if w in TIMES}
            | {_ADVERBS[w] for w in re.findall(r"[a-z]+", text) if w in _ADVERBS})


_TIME_WORD = re.compile(r"(?:(?:per|/)\s*(\d+(?:\.\d+)?)\s*)?([a-z]+)")


def first_time(unit: str) -> str | None:
    """The first time ``unit`` names, as :func:`times` writes it (``"week"``, ``"30 day"``), or None: what the unit
    counts in, where a later one explains it ("weeks from the decision to the strike (7 days each)" counts in
    weeks, and its value was read as days because the days were named too: a held-out field audit)."""
    for n, word in _TIME_WORD.findall(unit.lower()):    # words as times() splits them: "memory_days" names days
        if word in TIMES:
            return f"{float(n):g} {TIMES[word]}" if n and float(n) != 1 else TIMES[word]
    return None


#: words of a unit that say what it counts, and the thing they count
COUNTS = {**dict.fromkeys(("attacks", "attack", "incidents", "incident"), "attacks"),
          **dict.fromkeys(("persons", "person", "people", "killed", "dead", "deaths", "wounded", "casualties",
                           "fatalities", "fatality"), "persons"),
          **dict.fromkeys(("troops", "troop", "soldiers", "personnel"), "troops"),
          **dict.fromkeys(("seats", "seat"), "seats"),
          **dict.fromkeys(("strikes", "strike", "airstrikes", "sorties", "waves"), "strikes")}


#: words that say which persons a count of persons counts: the dead or the wounded ("casualties" says neither)
HARMS = {**dict.fromkeys(("killed", "dead", "deaths", "death", "died", "fatalities", "fatality", "kia"), "the dead"),
         **dict.fromkeys(("wounded", "injured", "injuries", "injury", "wounds", "hurt", "wia"), "the wounded")}
#: words that make the wounded dead: "fatally wounded"
FATALLY = frozenset("fatally mortally".split())


def harmed(words: str) -> set[str]:
    """Which persons ``words`` (a unit, a record's name, an indicator's name) count: ``{"the dead"}`` for
    ``foreign_killed``, ``{"the wounded"}`` for ``wounded``, both for ``killed_and_wounded``; empty where they say
    neither (``casualties``)."""
    said = re.findall(r"[a-z]+", words.lower().replace("_", " "))
    out = {HARMS[w] for w in said if w in HARMS}
    return {"the dead"} if FATALLY & set(said) else out


def counted(unit: str) -> set[str]:
    """What ``unit`` counts (``{"attacks"}`` for ``attacks/day``, ``{"troops"}`` for ``thousand troops``); empty for
    a unit that names none of :data:`COUNTS` (a share, an index)."""
    return {COUNTS[w] for w in re.findall(r"[a-z]+", unit.lower()) if w in COUNTS}


#: words that scale a count ("thousand troops"): a value in them is not one in the plain unit
SCALES = frozenset({"hundred", "thousand", "million"})


def unit_words(unit: str) -> set[str]:
    """The words of ``unit`` of three letters or more, a plural's s dropped: ``{"troop", "theatre"}`` for ``troops
    in the theatre``."""
    return {w.rstrip("s") for w in re.findall(r"[a-z]{3,}", unit.lower())}


def not_in(unit: str, declared: str) -> str | None:
    """Why a series in ``unit`` cannot be read in ``declared``, a party's troops' unit, or None where it can: a
    scale the other lacks (``thousand troops`` beside ``troops``: a held-out case's 94), or a unit that counts
    nothing :data:`COUNTS` knows and shares no word with ``declared`` (``divisions`` beside ``Soviet troops``)."""
    said, held = unit_words(unit), unit_words(declared)
    if said & SCALES != held & SCALES:
        return f"one is in {' '.join(sorted(said & SCALES)) or 'ones'}, the other in " \
               f"{' '.join(sorted(held & SCALES)) or 'ones'}"
    if said and not counted(unit) and not said & held:
        return "it counts something else (no word of the one is in the other)"
    return None
