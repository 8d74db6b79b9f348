"""Error classes a second outside check (150 news sentences from seven theatres, 2026-12) found in the coder,
each on sentences written for these tests (paraphrased patterns, not the tester's sentences)."""
import pytest


def sides(event):
    return (event.source.code if event.source else None, event.target.code if event.target else None)


def assaults(code, text, published="2022-06-01"):
    return [e for e in code(text, published) if e.plover == "ASSAULT"]


@pytest.mark.parametrize("text, source, target", [
    ("Kagame told Congolese authorities to disarm the militia.", "RWAGOV", None),
    ("The attack on the convoy was pushed back by FAMa troops.", "MLIMIL", None),
    ("The Barkhane force killed twelve militants near Gao on Sunday.", "FRAMIL", None),
])
def test_names_missing_from_the_dictionary(code, text, source, target):
    events = code(text)
    assert events and sides(events[0])[0] == source


def test_a_long_country_name_after_in_places_the_sentence(code):
    """"rebels ambushed a convoy in the Democratic Republic of Congo": the name's head word is the object of
    "in" (its last word hangs on "of"), so the sector words take its country."""
    events = assaults(code, "Unidentified rebels attacked a police post in the Democratic Republic of Congo "
                            "on Monday.")
    assert events and events[0].source.code == "CODREB"


def test_allegedly_is_no_hedge(code):
    """"a drone allegedly killed two fighters": a reported deed, coded."""
    events = assaults(code, "A Russian drone allegedly killed three Ukrainian soldiers near Kharkiv on Monday.")
    assert events and sides(events[0]) == ("RUSMIL", "UKRMIL")


@pytest.mark.parametrize("text", [
    "The rebels have been fighting government troops for nine years.",
    "The junta has been waging a brutal war against the rebels for three years.",
    "Government forces carried out 25 air strikes since early 2021, the monitor said.",
    "The number of rocket attacks on the airport rose to 30 since the start of 2021.",
    "Attacks on aid convoys have largely stopped since the truce.",
    "No group has claimed the bombing, which police blamed on militants.",
    "The militia is an offshoot of a movement which launched an armed rebellion against the state in 2009.",
])
def test_background_is_no_event(code, text):
    """Lasting wars ("have been fighting ... for 11 years"), running tallies in the simple past ("carried out 30
    drone strikes since early 2023"), a summed count ("the number of attacks reached 48"), attacks that have
    stopped, an attack under a subject that names no one ("no group has claimed the attack") and a group's
    history in a relative clause ("which launched a war in 2011") were coded as attacks."""
    assert not assaults(code, text, "2022-06-01")


@pytest.mark.parametrize("text", [
    "The rebels attacked an army post on Monday, killing five soldiers.",
    "Government forces carried out 25 air strikes on Saturday, the monitor said.",
    "The EU has been training the national army since 2013.",
])
def test_single_deeds_stay_events(code, text):
    assert code(text, "2022-06-01")


@pytest.mark.parametrize("text, source", [
    ("Twelve Malian soldiers were killed following an ambush by jihadists near Gao.", "MLIINS"),
    ("Six policemen died as they fought off an attack by al-Shabaab on their post.", "SOMINS"),
    ("Two peacekeepers were wounded by gunfire believed to come from members of the M23.", "CODREB"),
])
def test_the_doer_of_an_attack_told_in_the_clause(code, text, source):
    """"were killed following coordinated attacks by militants", "died as they repelled an attack by the
    Taliban", "gunfire believed to come from members of the M23": the killing had no source."""
    events = assaults(code, text)
    assert events and events[0].source is not None and events[0].source.code == source


def test_a_country_on_a_border_is_not_the_place(code):
    """"attacked an army base at a town near the Kenya border" gave the base Kenya's country."""
    events = assaults(code, "Militants attacked a police post in a village near the Niger border.")
    assert events and events[0].target is not None and events[0].target.country != "NER"


def test_the_speakers_place_is_not_the_events_place(code):
    """"French warplanes struck militants in central Mali ..., the defence ministry in Paris said": the militants
    were coded French."""
    events = assaults(code, "British jets bombed a group of insurgents in northern Iraq on Sunday, the defence "
                            "ministry in London said.")
    assert events and events[0].target is not None and events[0].target.country == "IRQ"


def test_a_speaker_named_by_sector_takes_the_country_said_of_it(code):
    events = code("The army in Rwanda says it has seized two rebel camps near the lake.")
    assert events and events[0].source.code == "RWAMIL"


@pytest.mark.parametrize("text, mode, target", [
    ("Fighters attacked a UNIFIL helicopter near the border, wounding a pilot.", None, "UNOIGO"),
    ("Rebels hit a military aircraft on the runway, the army said.", None, None),
    ("Militants launched drones at the MINUSMA camp, wounding four.", "drone", "UNOIGO"),
])
def test_an_aircraft_struck_is_the_target_not_the_weapon(code, text, mode, target):
    """A held-out case's "they attacked a MONUSCO helicopter" was coded an airstrike on no one: the object of a
    verb of striking is what was struck; the UN's missions are the UN."""
    events = assaults(code, text)
    assert events and events[0].mode == mode
    if target is not None:
        assert events[0].target.code == target


@pytest.mark.parametrize("text, source", [
    # a victim's side killed in a fight "with X": X is the doer (a seventh outside check: six such passives had
    # no source)
    ("Four insurgents were killed in a gunfight with police in the hills on Tuesday.", "---COP"),
    ("Two rebels were killed in a clash with soldiers near the border on Friday.", "---MIL"),
    # "secessionists" are rebels (the same check's gendarmes were killed "in an attack by secessionists")
    ("Three policemen were killed in an attack by secessionists on Sunday.", "---REB"),
])
def test_the_other_side_of_a_fight_is_the_doer(code, text, source):
    events = assaults(code, text)
    assert events and events[0].source is not None and events[0].source.code == source, events


@pytest.mark.parametrize("text", [
    # tolls and tallies over a span, not a dated event (the twelfth outside check: 20 of 32 sentences with no
    # event were given one)
    "Some 40 soldiers have been killed in the province since the beginning of this year.",
    "Dozens of police officers have been killed in the region since March.",
    "More than 120 rebels were killed in the north in 2021.",
    "Over 150 attacks have struck the border districts in 2022 alone.",
    "The air force carried out more than 200 raids in the past year.",
])
def test_a_toll_over_a_span_is_no_event(code, text):
    assert assaults(code, text) == []


def test_a_dated_killing_in_a_year_named_with_its_month_is_kept(code):
    assert assaults(code, "Gunmen killed four soldiers in March 2021 near the border.", "2021-03-20")


def test_a_capital_at_the_end_of_a_longer_name_is_no_country(code):
    """"Mocimboa da Praia" (Mozambique) was read as Praia, Cape Verde's capital: the insurgents became Cape
    Verde's (the tenth and twelfth outside checks)."""
    events = assaults(code, "Insurgents attacked Vila da Praia on Sunday, killing five soldiers.")
    assert events and events[0].source.country != "CPV" and events[0].target.country != "CPV"
    # a headline's capitals (a held-out article's "Rwandan Forces Kill Terrorists in Mocimboa DA Praia")
    events = assaults(code, "Rwandan Forces Kill Terrorists in Mocimboa DA Praia")
    assert events and all("CPV" not in repr(e) and e.location != "Praia" for e in events)


@pytest.mark.parametrize("text", [
    "The conflict in Chad has been called the forgotten war because the world looked away.",
    "Analysts say the shelling of the valley did little to stop the convoys.",
    "The air campaign was dubbed the quiet war by reporters.",
])
def test_an_event_noun_named_or_judged_is_no_event(code, text):
    """A held-out student's "the war in Laos has been called the secret war" and "critics say the bombing of Laos
    did little to slow traffic" were coded attacks: what is said of a war or a bombing is no deed of its own."""
    assert not assaults(code, text)


def test_aircraft_dropping_supplies_is_aid_not_an_air_strike(code):
    """A held-out student's "planes dropped rice and ammunition to Hmong villages" was an air strike on them."""
    events = code("Transport planes dropped food and medicine to the besieged villages on Thursday.")
    assert not [e for e in events if e.plover == "ASSAULT"] and [e for e in events if e.plover == "AID"]
    assert assaults(code, "Government warplanes dropped bombs on the rebel villages on Thursday.")


def test_a_one_word_alias_that_ends_another_persons_name_is_that_person(code):
    """A held-out article's "said Somali army Col. Ahmed Hassan", then "..., said Hassan": the dictionary's
    one-word "Hassan" (Jordan's prince) made the colonel Jordan's elite. A title before the alias keeps it."""
    text = ("Two car bombs exploded at the base, said Somali army Col. Ahmed Hassan.\n\n"
            "\"That attack was repulsed,\" said Hassan.")
    assert not [e for e in code(text, "2018-04-01") if "JOR" in repr(e)]
    assert [e for e in code("Prince Hassan said on Monday that the attack was repulsed.", "1990-04-01")
            if e.source is not None and e.source.country == "JOR"]
