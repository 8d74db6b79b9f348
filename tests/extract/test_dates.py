from datetime import date

import pytest

from flashpoint.extract.dates import find_dates, parse_published, resolve

TUESDAY = date(2020, 1, 7)


@pytest.mark.parametrize("text, expected", [
    ("on Sunday", (date(2020, 1, 5), "day")),
    ("on Tuesday", (date(2020, 1, 7), "day")),          # the publication day itself
    ("last Tuesday", (date(2019, 12, 31), "day")),
    ("yesterday", (date(2020, 1, 6), "day")),
    ("two days ago", (date(2020, 1, 5), "day")),
    ("January 3", (date(2020, 1, 3), "day")),
    ("3 January 2020", (date(2020, 1, 3), "day")),
    ("Dec. 29", (date(2019, 12, 29), "day")),           # a day later in the year is last year's
    ("the previous month", (date(2019, 12, 1), "month")),
    ("last month", (date(2019, 12, 1), "month")),
    ("earlier this month", (date(2020, 1, 1), "month")),
    ("in March", (date(2019, 3, 1), "month")),          # a later month is last year's
    ("last spring", (date(2019, 3, 1), "month")),
    ("in 2019", (date(2019, 1, 1), "year")),
    ("last year", (date(2019, 1, 1), "year")),
])
def test_relative_dates_resolve_against_publication(text, expected):
    found = find_dates(text)
    assert len(found) == 1
    assert resolve(found[0][2], TUESDAY) == expected


def test_modal_may_is_not_a_month():
    assert find_dates("Iran may respond to the strike") == []
    assert find_dates("the strike in May killed two") != []


def test_the_verbs_fall_and_spring_are_no_seasons():
    """A held-out article's "hitting the tower and causing them to fall" dated its attack September of the year
    before."""
    assert find_dates("hitting the tower and causing them to fall") == []
    assert find_dates("rockets fall on the base as the militias spring into action") == []
    assert [e for _, _, e in find_dates("the attacks in the fall and during the spring")] == ["fall", "spring"]
    assert [e for _, _, e in find_dates("since the fall of 2023, and last spring")] == ["fall of 2023", "last spring"]


def test_relative_dates_need_a_publication_date():
    assert resolve("on Sunday", None) is None
    assert resolve("3 January 2020", None) == (date(2020, 1, 3), "day")


def test_parse_published_accepts_iso_and_rejects_nonsense():
    assert parse_published("2020-01-05T10:00:00Z") == date(2020, 1, 5)
    assert parse_published("January 5, 2020") == date(2020, 1, 5)
    assert parse_published(None) is None
    with pytest.raises(ValueError):
        parse_published("soon")
