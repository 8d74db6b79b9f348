"""Error classes a check on real news found in the coder, each on sentences written for these tests."""
import pytest


def sides(event):
    return (event.source.code if event.source else None, event.target.code if event.target else None)


@pytest.mark.parametrize("text, killed", [
    ("Gunmen killed several dozen villagers in the north.", None),    # was 12: "dozen" read alone
    ("Gunmen killed a dozen villagers in the north.", 12),
    ("Gunmen killed two dozen villagers in the north.", 24),
    ("Gunmen killed dozens of villagers in the north.", None),
])
def test_dozen_counts_only_with_its_number(main_event, text, killed):
    assert main_event(text).killed == killed


def test_a_clock_time_is_no_victim(main_event):
    """"local time" hangs where a victim would; it counted as one killed."""
    event = main_event("They were killed at 9:15 p.m. local time (1815 GMT) on Sunday when a drone struck their car.")
    assert event.plover == "ASSAULT" and event.killed is None
