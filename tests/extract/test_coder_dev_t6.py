"""Error classes a fifth check on real news (now a dev set) found in the coder, each on sentences written here."""
import pytest


def sides(event):
    return (event.source.code if event.source else None, event.target.code if event.target else None)


# 1. the doer named in the clause that tells the attack; and the toll not read from a name
@pytest.mark.parametrize("text, source", [
    ("Four fighters were killed when an unmanned US plane struck a compound on Friday.", "USAMIL"),
    ("Three guards were killed as Russian jets fired missiles at a depot on Tuesday.", "RUSMIL"),
])
def test_the_attack_clause_gives_the_killing_its_doer(main_event, text, source):
    event = main_event(text)
    assert event.plover == "ASSAULT" and event.source is not None and event.source.code == source


@pytest.mark.parametrize("text", [
    "HRW: at least three civilians, including a child, were killed on Monday by an air strike.",
    "KANDAHAR, Kandahar-Province — At least three civilians were killed in shelling on Monday.",
])
def test_a_name_before_the_victims_is_not_one_victim(main_event, text):
    """A bare name ("HRW:") or a dateline's place counted as one killed, before the three civilians."""
    assert main_event(text).killed == 3


def test_a_dateline_with_its_region_is_not_an_actor(code):
    events = [e for e in code("HARGEISA, Somaliland — Five soldiers were killed in an ambush on Monday.")
              if e.plover == "ASSAULT"]
    assert events and all("HARGEISA" not in (e.target.text if e.target else "") for e in events)


# 2. a war's running toll is background, not an attack
@pytest.mark.parametrize("text", [
    "The civil war has killed more than 200,000 people since it began in 2012.",
    "More than 4,000 villagers have been killed and 500,000 displaced by the six-year insurgency.",
    "The conflict has claimed thousands of lives since 2015.",
])
def test_a_war_s_toll_is_no_attack(code, text):
    assert [e for e in code(text) if e.plover == "ASSAULT"] == []


@pytest.mark.parametrize("text", [
    "The rebels have killed five soldiers in a roadside bomb attack, the army said.",
    "Air strikes have killed 40 people since Tuesday, medics said.",
])
def test_a_recent_attack_in_the_perfect_still_counts(main_event, text):
    assert main_event(text).plover == "ASSAULT"


# 3. taking control: the taker and the side it was taken from, never "control" itself
def test_regaining_control_is_taken_from_its_holder(main_event):
    event = main_event("Government troops have regained control of the river port from the rebels.")
    assert event.cameo_code == "192" and event.source is not None and event.source.sector == "MIL"
    assert event.target is not None and "control" not in event.target.text.lower()


# 4. a projectile that slams into a place attacks it
def test_a_barrage_that_slams_into_a_compound_is_an_attack(main_event):
    event = main_event("KABUL, Afghanistan — A barrage of rockets slammed into the embassy compound on Tuesday.")
    assert event.plover == "ASSAULT"


# 5. ceasefires and stand-downs
@pytest.mark.parametrize("text, cameo", [
    ("The rebels have agreed to the terms of a ceasefire proposed by the mediators.", "0871"),
    ("The rebels announced a temporary ceasefire to coincide with next month's elections.", "0871"),
    ("The commander ordered his fighters to stop fighting the army.", "087"),
    ("The militants suspended operations against the army on Sunday.", "087"),
    ("Hundreds of fighters laid down their arms on Sunday.", "0874"),
])
def test_ceasefires_and_stand_downs_are_a_retreat(code, text, cameo):
    events = [e for e in code(text) if e.plover == "RETREAT"]
    assert events and events[0].cameo_code == cameo


def test_stopping_an_attack_is_no_attack(code):
    assert [e for e in code("The commander ordered his fighters to stop fighting the army.")
            if e.plover == "ASSAULT"] == []


def test_attacks_said_to_be_frequent_are_a_habit(code):
    """"Drone attacks are frequent in the area" tells of no one attack."""
    assert [e for e in code("Drone attacks are frequent in the border area.") if e.plover == "ASSAULT"] == []

