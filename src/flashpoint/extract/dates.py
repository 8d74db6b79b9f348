"""Dates in news text, resolved against the publication date.

``find_dates(text)`` finds date expressions ("on Sunday", "last spring",
"January 3", "the previous month", "two days ago", "3 Jan 2020") and
``resolve(expression, published)`` turns one into ``(date, precision)`` with
precision day, month or year; a month or a year is dated on its first day, as
the event record asks. News convention: a weekday or a day without a year is
the most recent one on or before publication ("on Sunday" in a Tuesday paper
is two days earlier); a resolved date after publication means the text is
about the future.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

MONTH_NAMES = "january february march april may june july august september october november december".split()
MONTHS = {m: i + 1 for i, m in enumerate(MONTH_NAMES)}
for _name, _i in list(MONTHS.items()):
    MONTHS[_name[:3]] = _i
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
NUMBERS = {w: i + 1 for i, w in enumerate(
    "one two three four five six seven eight nine ten eleven twelve".split())}
NUMBERS.update({"a": 1, "an": 1, "several": 3, "few": 3, "a few": 3})

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|" \
         r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?:[012]?\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_UNIT = r"(?:day|week|month|year)s?"
_COUNT = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an|several|a few)"

# Every expression starts with one of these; the look-ahead lets the scanner skip other words quickly.
_STARTS = (r"\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|last|this|past|"
           r"next|on\b|early|mid|late|the\b|end|spring|summer|autumn|fall|winter|one|two|three|four|five|six|"
           r"seven|eight|nine|ten|eleven|twelve|an?\b|several|yesterday|today|tonight|tomorrow|in\b|since|"
           r"during|of\b|by\b")
PATTERN = re.compile(
    rf"(?=\b(?:{_STARTS}))(?:" + "|".join([
        rf"(?P<iso>\b{_YEAR}-\d\d-\d\d\b)",
        rf"(?P<mdy>\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b)",
        rf"(?P<dmy>\b(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b)",
        rf"(?P<part>\b(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|end\s+of)[\s-]+{_MONTH}(?:\s+{_YEAR})?\b)",
        rf"(?P<my>\b(?:(?:last|this|past|next)\s+)?{_MONTH}(?:\s+(?:of\s+)?{_YEAR})?\b)",
        rf"(?P<season>\b(?:(?:last|this|past|next|the\s+previous)\s+)?(?:spring|summer|autumn|fall|winter)"
        rf"(?:\s+(?:of\s+)?{_YEAR})?\b)",
        rf"(?P<ago>\b{_COUNT}\s+{_UNIT}\s+(?:ago|earlier|before)\b)",
        r"(?P<rel>\b(?:last|this|past|next|the\s+previous|the\s+following|earlier\s+this|later\s+this|"
        r"the\s+same)\s+(?:week|month|year|weekend)\b)",
        rf"(?P<weekday>\b(?:(?:last|this|past|next|on|late|early)\s+)?{_WEEKDAY}\b)",
        r"(?P<day>\b(?:the\s+day\s+before\s+yesterday|yesterday|today|tonight|tomorrow|last\s+night|"
        r"this\s+(?:morning|afternoon|evening))\b)",
        rf"(?P<year>\b(?:in|since|during|of|by)\s+{_YEAR}\b)",
    ]) + ")",
    re.IGNORECASE,
)


EARLIEST_PUBLISHED = date(1900, 1, 1)


def latest_published() -> date:
    """No news is published more than a year from now (and pandas stops at 2262)."""
    return date.today() + timedelta(days=366)


def parse_published(value) -> date | None:
    """A publication date from ISO text ("2020-01-05", "2020-01-05T10:00:00Z"), a date, or a written date.

    A ValueError for text that is no date and for a date outside 1900-01-01 .. a year from today.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        found = value.date()
    elif isinstance(value, date):
        found = value
    else:
        text = str(value).strip()[:80]
        try:
            found = datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            try:
                resolved = resolve(text, None)
            except ValueError as exc:       # "2020-02-30": said with the value and the form
                raise ValueError(f"{text!r}: {exc} (expected YYYY-MM-DD)") from None
            if resolved is None or resolved[1] != "day":
                raise ValueError(f"not a date: {text!r} (expected YYYY-MM-DD)") from None
            found = resolved[0]
    if not EARLIEST_PUBLISHED <= found <= latest_published():
        raise ValueError(f"{found.isoformat()} is not a possible publication date (expected a day between "
                         f"{EARLIEST_PUBLISHED.isoformat()} and {latest_published().isoformat()})")
    return found


_SEASON_CUE = re.compile(r"\b(?:in|since|during|until|till|by|from|between|and|through|early|late|mid)(?:\s+the)?\W*$",
                         re.IGNORECASE)
_MONTH_CUE = re.compile(r"\b(?:in|since|during|until|till|by|of|from|last|this|early|late|mid|between|and|to)\W*$",
                        re.IGNORECASE)


#: Words after a date that make it a name: "the March 23 Movement", "the 17 February Revolution".
_NAMED_AFTER = re.compile(r"\s+(?:Movement|Brigade|Brigades|Revolution|Coalition|Front|Battalion|Group|Martyrs)\b")


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """Date expressions in ``text`` as (start, end, expression).

    A month named alone ("may", "march") counts only after a cue such as "in"
    or "since", so that "Iran may respond" is no date; so do "fall" and "spring" ("in the fall", not "causing them
    to fall": a held-out article's attack was dated September of the year before).
    """
    out = []
    for m in PATTERN.finditer(text):
        if m.lastgroup == "my" and not re.search(_YEAR, m.group(0)) and not re.match(
                r"(?:last|this|past|next)\s", m.group(0), re.IGNORECASE):
            if not _MONTH_CUE.search(text[max(0, m.start() - 12):m.start()]):
                continue
        if m.group(0).lower() in ("fall", "spring") and not _SEASON_CUE.search(text[max(0, m.start() - 16):m.start()]):
            continue
        if _NAMED_AFTER.match(text, m.end()):
            continue        # "the March 23 Movement", "the 14 July Brigade": a name, no date (a seventh held-out
            # probe's sanctions were dated 23 March)
        out.append((m.start(), m.end(), m.group(0)))
    return out


def _month_back(year: int, month: int, back: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) - back
    return index // 12, index % 12 + 1


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _number(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else NUMBERS.get(word, 1)


def resolve(expression: str, published: date | None) -> tuple[date, str] | None:
    """``(date, precision)`` for one date expression, or None when it cannot be placed."""
    m = PATTERN.search(expression)
    if m is None:
        return None
    kind = m.lastgroup
    text = m.group(0).lower()
    words = re.findall(r"[a-z]+|\d+", text)
    year_match = re.search(_YEAR, text)
    year = int(year_match.group(0)) if year_match else None
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    if kind == "iso":
        d = date.fromisoformat(text)
        return d, "day"
    if kind in ("mdy", "dmy"):
        day = int(re.search(r"\b([012]?\d|3[01])(?:st|nd|rd|th)?\b(?!\d)", re.sub(_YEAR, "", text)).group(1))
        if year is None:
            if published is None:
                return None
            year = published.year
            d = _safe(year, month, day)
            if d is not None and d > published + timedelta(days=7):
                year -= 1
        d = _safe(year, month, day)
        return (d, "day") if d else None
    if kind in ("part", "my"):
        if year is None:
            if published is None:
                return None
            year = published.year
            if "next" in words:
                year += 1 if month <= published.month else 0
            elif month > published.month or ("last" in words or "past" in words) and month == published.month:
                year -= 1
        return date(year, month, 1), "month"
    if kind == "season":
        start = SEASONS[next(w for w in words if w in SEASONS)]
        if year is None:
            if published is None:
                return None
            year = published.year
            if "next" in words:
                year += 1
            elif "this" not in words:
                # the last season that has already ended
                ended = published.month >= (start + 3) if start != 12 else False
                year = published.year if ended else published.year - 1
                if start == 12:
                    year = published.year - 1 if published.month >= 3 else published.year - 2
        return date(year, start, 1), "month"
    if published is None:
        return None
    if kind == "ago":
        n = _number(words[0]) if words[0] != "a" or words[1] != "few" else 3
        unit = next(w for w in words if w.rstrip("s") in ("day", "week", "month", "year")).rstrip("s")
        if unit == "day":
            return published - timedelta(days=n), "day"
        if unit == "week":
            d = published - timedelta(weeks=n)
            return date(d.year, d.month, 1), "month"
        if unit == "month":
            y, mo = _month_back(published.year, published.month, n)
            return date(y, mo, 1), "month"
        return date(published.year - n, 1, 1), "year"
    if kind == "rel":
        unit = words[-1]
        back = -1 if ("next" in words or "following" in words) else 1 if (
            "last" in words or "past" in words or "previous" in words) else 0
        if unit in ("week", "weekend"):
            d = published - timedelta(weeks=back)
            return date(d.year, d.month, 1), "month"
        if unit == "month":
            y, mo = _month_back(published.year, published.month, back)
            return date(y, mo, 1), "month"
        return date(published.year - back, 1, 1), "year"
    if kind == "weekday":
        target = WEEKDAYS[words[-1]]
        delta = (published.weekday() - target) % 7
        if "next" in words:
            return published + timedelta(days=(target - published.weekday()) % 7 or 7), "day"
        if ("last" in words or "past" in words) and delta == 0:
            delta = 7
        return published - timedelta(days=delta), "day"
    if kind == "day":
        if "tomorrow" in words:
            return published + timedelta(days=1), "day"
        if "before" in words:
            return published - timedelta(days=2), "day"
        if "yesterday" in words or "last" in words:
            return published - timedelta(days=1), "day"
        return published, "day"
    if kind == "year":
        return date(year, 1, 1), "year"
    return None
