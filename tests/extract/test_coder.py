"""The coder on sentences written for these tests: roles, filters, codes, casualties, dates, merging."""
import json
from datetime import date

import pandas as pd
import pytest

from flashpoint.events.record import RECORD_FIELDS
from flashpoint.extract import Document, extract_events


def sides(event):
    return (event.source.code if event.source else None, event.target.code if event.target else None)


def test_instrument_subject_names_the_source(main_event):
    event = main_event("A US drone strike killed a senior Iranian commander near the airport on Friday.")
    assert sides(event) == ("USAMIL", "IRNMIL")
    assert event.plover == "ASSAULT" and event.mode == "drone" and event.cameo_code == "195"
    assert event.killed == 1
    assert event.date == date(2020, 1, 3) and event.date_precision == "day"


def test_passive_with_instrument_phrase(main_event):
    event = main_event("Two Kata'ib Hezbollah commanders were killed in an American air strike in Anbar.")
    assert sides(event) == ("USAMIL", "IRQREB")
    assert event.killed == 2 and event.mode == "airstrike" and event.location == "Anbar"


def test_the_plural_air_strikes_is_an_air_strike(main_event):
    """A held-out check: "air strikes" and "air raids" were coded 190 with no mode, the singular 195 airstrike."""
    for text in ("Israeli air strikes killed three militants on Tuesday.", "Israeli air raids killed three militants."):
        event = main_event(text)
        assert event.plover == "ASSAULT" and event.cameo_code == "195" and event.mode == "airstrike", text


def test_weapon_as_object_points_to_the_target(main_event):
    event = main_event("Militiamen fired three Katyusha rockets at a base housing American troops.")
    assert sides(event) == ("---REB", "USAMIL")
    assert event.mode == "indirect_fire" and event.cameo_code == "194"


@pytest.mark.parametrize("text", [
    "Iran did not attack the US base.",
    "The militias will attack American convoys next week.",
    "If the US strikes again, the militias could retaliate.",
    "Analysts believe Kata'ib Hezbollah attacked the embassy.",
    "The United States should withdraw its troops from Iraq.",
    "Washington plans to impose new sanctions on Tehran.",
    "Did the militias fire the rockets?",
    "Iraq is unlikely to expel the coalition.",
    "Iran failed to shoot down the drone.",
])
def test_negated_future_hypothetical_and_opinion_yield_no_event(code, text):
    assert code(text) == []


def test_threat_keeps_the_threat_not_the_attack(code):
    found = code("Asa'ib Ahl al-Haq threatened to attack US forces if they stayed.")
    assert [(e.plover, e.cameo_code) for e in found] == [("THREATEN", "138")]
    assert sides(found[0]) == ("IRQREB", "USAMIL")


@pytest.mark.parametrize("text, plover, source, target", [
    ("Security forces opened fire on protesters in Nasiriyah, killing 12.", "COERCE", "IRQMIL", "IRQOPP"),
    ("The US Treasury imposed sanctions on Iran's central bank.", "SANCTION", "USAGOV", "IRNGOV"),
    ("Turkey and Russia agreed to a ceasefire in Idlib.", "RETREAT", "TURMIL", "RUSMIL"),
    ("The Iraqi parliament voted to expel foreign troops.", "SANCTION", "IRQLEG", "---MIL"),
    ("Pompeo urged Baghdad to protect American diplomats.", "REQUEST", "USAGOV", "IRQGOV"),
    ("French and Malian officials held talks in Bamako.", "CONSULT", "FRAGOV", "MLIGOV"),
    ("The United States sent anti-tank missiles to Ukraine.", "AID", "USAGOV", "UKRGOV"),
    ("Kenyan police detained dozens of protesters in Nairobi.", "COERCE", "KENCOP", "KENOPP"),
])
def test_event_types_and_sides(main_event, text, plover, source, target):
    event = main_event(text)
    assert event is not None and event.plover == plover
    assert sides(event) == (source, target)


def test_reported_speech_keeps_the_event_and_resolves_the_pronoun(main_event):
    event = main_event("Kata'ib Hezbollah said it had fired rockets at the US embassy.")
    assert event.plover == "ASSAULT" and sides(event) == ("IRQREB", "USAGOV")


def test_noisy_translated_english(main_event):
    event = main_event("The forces of America have made bombing on the positions of Hezbollah Brigades in the Qaim.")
    assert event.plover == "ASSAULT" and sides(event) == ("USAMIL", "IRQREB")


def test_records_merge_one_event_across_articles_and_keep_every_provenance(nlp):
    docs = [
        Document("wire-1", "Rockets struck Camp Taji on Wednesday, killing two American soldiers and a British "
                 "soldier. The attack also wounded 14 people.", date(2020, 3, 12)),
        Document("wire-2", "On Wednesday a barrage of rockets hit Camp Taji and killed two US soldiers.",
                 date(2020, 3, 13)),
    ]
    records = extract_events(docs, nlp)
    assert list(records.columns) == list(RECORD_FIELDS)
    taji = records[records["plover_type"] == "ASSAULT"]
    assert len(taji) == 1
    row = taji.iloc[0]
    assert row["date"] == pd.Timestamp("2020-03-11") and row["date_precision"] == "day"
    assert row["target_code"] == "USAMIL" and row["mode"] == "indirect_fire"
    assert row["killed"] == 3 and row["wounded"] == 14
    provenance = json.loads(row["provenance"])
    assert {m["doc"] for m in provenance["mentions"]} == {"wire-1", "wire-2"}
    first = provenance["mentions"][0]
    text = docs[0].text
    assert text[first["span"][0]:first["span"][1]] == first["text"]


def test_unmerged_records_keep_one_row_per_mention(nlp):
    docs = [Document("a", "Rockets hit Camp Taji on Wednesday. Rockets hit Camp Taji on Wednesday.",
                     date(2020, 3, 12))]
    assert len(extract_events(docs, nlp, merge=False)) == 2
    assert len(extract_events(docs, nlp)) == 1


def test_an_article_telling_one_attack_twice_gives_one_record(nlp):
    text = ("A rocket attack targeted a military base hosting U.S. forces in western Iraq on Tuesday, the coalition "
            "said.\n\n\"At least 10 rockets landed on the base,\" a coalition spokesman said.\n\n"
            "Meanwhile, thousands of people took to the streets of Nasiriyah demanding jobs.")
    records = extract_events([Document("wire", text, date(2021, 3, 3))], nlp)
    statements = records[records["plover_type"] == "OTHER"]
    assert list(statements["source_code"]) == ["WSTMIL"]       # "the coalition said": a statement of its own
    records = records[records["plover_type"] != "OTHER"].reset_index(drop=True)
    assert list(records["plover_type"]) == ["ASSAULT", "PROTEST"]
    attack = records.iloc[0]
    assert attack["target_code"] == "USAMIL" and attack["date"] == pd.Timestamp("2021-03-02")
    assert len(json.loads(attack["provenance"])["mentions"]) == 2
    assert pd.isna(records.iloc[1]["target_code"])          # where they marched is not whom they marched against


def test_reported_speech_gives_the_event_and_the_statement(code):
    found = {(e.plover, e.cameo_code[:2], sides(e)) for e in code("Ukraine said Russia attacked Kharkiv overnight.")}
    assert ("OTHER", "01", ("UKRGOV", None)) in found
    assert any(plover == "ASSAULT" and s[0] == "RUSMIL" for plover, _, s in found)


def test_coordinated_subjects_give_one_event_each(code):
    found = code("Russia and Belarus began joint military exercises near the border.")
    assert sorted(e.source.code for e in found if e.plover == "MOBILIZE") == ["BLRMIL", "RUSMIL"]


def test_coordinated_objects_give_one_event_each(code):
    found = code("Israeli jets struck Hamas and Hezbollah positions overnight.")
    targets = {e.target.code for e in found if e.plover == "ASSAULT" and e.target is not None}
    assert {"PSEREB"} <= targets


@pytest.mark.parametrize("text, plover, source, target", [
    ("Rocket attack on US embassy in Baghdad.", "ASSAULT", None, "USAGOV"),
    ("Sanctions against Iran were announced by the EU on Monday.", "SANCTION", "EURIGO", "IRNGOV"),
])
def test_event_nouns_without_an_event_verb(main_event, text, plover, source, target):
    event = main_event(text)
    assert event is not None and event.plover == plover and sides(event) == (source, target)


def test_petrarch_patterns_and_phoenix_actors_reach_beyond_the_theatre(main_event):
    # "stage" (mis-lemmatised "stag") + "demonstration": PETRARCH's STAGE * DEMONSTRATION pattern
    event = main_event("Thousands of protesters staged a demonstration in Khartoum against the army.")
    assert event.plover == "PROTEST" and event.source.country == "SDN"
    # a verb only PETRARCH knows, and a person only Phoenix knows
    event = main_event("Mohamed ElBaradei lamented the raid.", "2005-03-01")
    assert event.plover == "ACCUSE" and event.source.code == "UNOIGO"


def test_an_actor_in_no_dictionary_is_kept_with_its_words(nlp):
    docs = [Document("a", "Kovalenko urged Moscow to return to the talks. Kovalenko urged Moscow again on Friday.",
                     date(2025, 6, 8))]
    records = extract_events(docs, nlp)
    requests = records[records["plover_type"] == "REQUEST"]
    assert list(requests["source_actor"]) == ["Kovalenko"] and list(requests["source_code"]) == ["------"]
    assert list(requests["target_code"]) == ["RUSGOV"]
    # a capitalised common word is no name: "Drone" is the weapon
    event = extract_events([Document("b", "Drone loaded by explosive was attacking the hangar of coalition.",
                                     date(2021, 1, 1))], nlp).iloc[0]
    assert event["source_actor"] is pd.NA or pd.isna(event["source_actor"])


# From real news the coder had not seen (US forces in Iraq, Syria and Jordan, 2023-24; M23, 2025): each
# figure was misread there. The sentences below are written for this test in the same shapes.
@pytest.mark.parametrize("text, killed, wounded", [
    ("This past Sunday, three American soldiers were killed in a drone attack.", 3, None),   # not 1 Sunday
    ("Last week, nine fighters were killed in strikes.", 9, None),
    ("The attack killed twenty-two people.", 22, None),                                     # not 2
    ("The clashes caused three fatalities and four injuries.", 3, 4),                       # not 7 killed
    ("No US troops were killed in the attack.", 0, None),                                   # a source said none
    # a held-out test on real news (Mali, Kashmir, Iraq, 2023-25) read 1 in each: the attack, not the victims
    ("Tuareg ambush in Mali leaves at least 20 Wagner PMC soldiers dead.", 20, None),   # the headline itself
    ("The bombing has left 26 visitors dead.", 26, None),
    ("A local commander and three fighters were killed when a drone hit their car.", 4, None),   # not 1
])
def test_casualty_figures_from_the_phrases_that_count_victims(nlp, text, killed, wounded):
    from flashpoint.extract.casualties import count_casualties

    assert count_casualties(next(nlp(text).sents)) == (killed, wounded)


@pytest.mark.parametrize("text", [
    "Three rockets hit the base, according to the security media cell.",
    "The militia attacked the convoy without offering additional details.",
])
def test_according_to_and_without_are_no_events_of_their_own(code, text):
    # "according to" was an accord (COOPERATE 060); "without offering" an offer (030)
    assert not [e for e in code(text) if e.plover in ("COOPERATE", "AGREE", "AID")]


def test_a_toll_belongs_to_the_event_it_is_told_of_not_to_every_event_of_the_sentence(code):
    # the strikes "in retaliation for" an attack took that attack's dead: counted twice once merged
    found = code("The United States carried out strikes on Friday in retaliation for a drone attack that "
                 "killed three US soldiers.", "2024-02-03")
    strikes = [e for e in found if e.source is not None and e.source.country == "USA"]
    attack = [e for e in found if e.target is not None and e.target.country == "USA"]
    assert strikes and all(e.killed is None for e in strikes)
    assert [e.killed for e in attack] == [3]
    # the clauses under the event's own verb, and a trailing "officials said", keep it the event's
    hit = code("Two rockets hit the base, killing two soldiers and wounding five, officials said.")
    assert [(e.killed, e.wounded) for e in hit if e.plover == "ASSAULT"] == [(2, 5)]


def test_what_an_accuser_says_the_other_did_is_not_the_accusers_deed(code):
    # "accused Rwanda of shelling Goma" also coded an assault by the accuser
    found = code("Tshisekedi accused Rwanda of shelling Goma.", "2025-01-28")
    assert [e.plover for e in found] == ["ACCUSE"]


def test_a_place_named_after_a_person_is_not_that_person(code):
    # "Ain al-Assad airbase" was Syria's government as the attack's target
    found = code("Rockets struck Ain al-Assad airbase on Monday.", "2024-01-22")
    assert found and all(e.target is None or e.target.country != "SYR" for e in found)


def test_a_news_agency_is_no_place_and_a_weekday_no_actor(code):
    # Phoenix codes Reuters MED---: read as a place named "MED", it became the sentence's location
    found = code("A drone struck a US base in Syria, Reuters reported on Thursday.", "2024-01-26")
    assert found and all(e.location != "Reuters" for e in found)
    assert all("Thursday" not in (e.target.actor if e.target else "") for e in found)


def test_small_arms_give_gunfire_when_no_other_weapon_is_named():
    """Held-out: the record's mode gunfire was never given ("opened fire", "ambushed" had no mode)."""
    from flashpoint.extract.verbs import attack_mode

    assert attack_mode({"gunmen", "opened_fire", "checkpoint"})[0] == "gunfire"
    assert attack_mode({"ambushed", "convoy"})[0] == "gunfire"
    assert attack_mode({"ambushed", "convoy", "roadside"})[0] == "ied_convoy"
    assert attack_mode({"shot", "down", "drone"})[0] == "drone"
    assert attack_mode({"car", "bomb", "gunmen"}) == (None, "1832")


def test_a_habit_in_the_present_is_no_event():
    """Held-out real news: 'Turkey regularly carries out air strikes in northern Iraq' was coded, and merged into a
    dated strike; a past event said with 'often' is still read."""
    from datetime import date

    from flashpoint.extract import extract_events
    from flashpoint.extract.reader import Document

    def coded(text):
        return len(extract_events([Document("d", text, date(2024, 1, 2))], merge=False))

    assert coded("The army regularly carries out air strikes in the north against the rebels.") == 0
    assert coded("Rebels frequently shell the town.") == 0
    assert coded("The army carried out air strikes in the north on Tuesday.") == 1
    assert coded("Militants often attacked the convoy last year.") == 1
    assert coded("The rebels regularly fire missiles at the capital.") == 0     # a noun read as the event


def test_militants_in_a_country_are_no_one_group():
    """Held-out real news: 'Turkish jets killed five militants in Duhok' had the Islamic State as its target."""
    from datetime import date

    from flashpoint.extract import extract_events
    from flashpoint.extract.reader import Document

    event = extract_events([Document("d", "Turkish jets killed five militants in Duhok on Sunday.", date(2024, 7, 28))],
                           merge=False).iloc[0]
    assert event["target_actor"] != "isis" and event["target_code"] == "IRQINS"
