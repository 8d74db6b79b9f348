"""Target sides the outside tester's 144 sentences (2026-12-03, now a development set) showed wrong, each rule
tested on sentences written for these tests (paraphrased patterns, not the tester's sentences)."""
import pytest


def assaults(code, text):
    return [e for e in code(text) if e.plover == "ASSAULT"]


@pytest.mark.parametrize("text, place", [
    ("The army said it struck some 300 targets in northern Syria during the night.", "SYR"),
    ("The military said it had shelled positions in eastern Ukraine overnight.", "UKR"),
])
def test_the_country_struck_is_not_the_attackers(code, text, place):
    """"The military said it struck targets in Southern Lebanon" gave the Lebanese military as the attacker."""
    events = assaults(code, text)
    assert events
    assert all(e.source is None or e.source.country != place for e in events)


def test_forces_firing_on_their_own_people_keep_the_place(code):
    events = code("Security forces fired live ammunition at protesters in Khartoum, killing three.")
    assert events and all(e.source.country == "SDN" for e in events)
