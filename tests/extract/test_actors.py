"""The actor dictionary: titles with date ranges, country + sector composition, patrons, places."""
import pytest

from flashpoint.events.codes import cameo_codebook
from flashpoint.extract.verbs import NOUNS, PHRASAL, VERBS


def sides(event):
    return (event.source.code if event.source else None, event.target.code if event.target else None)


@pytest.mark.parametrize("published, person", [("2019-12-20", "Qassem Soleimani"), ("2020-02-10", "Esmail Qaani")])
def test_quds_force_commander_depends_on_the_date(main_event, published, person):
    event = main_event("The Quds Force commander met Kata'ib Hezbollah leaders in Baghdad.", published)
    assert event.source.code == "IRNMIL" and event.source.actor == "iran"
    assert event.source.person == person


@pytest.mark.parametrize("published, expected, person", [
    ("2020-04-01", "IRQSPY", "Mustafa al-Kadhimi"),     # intelligence chief before he became prime minister
    ("2020-06-01", "IRQGOV", "Mustafa al-Kadhimi"),
])
def test_kadhimi_changes_role_in_may_2020(main_event, published, expected, person):
    event = main_event("Kadhimi met the US ambassador in Baghdad.", published)
    assert event.source.code == expected and event.source.person == person


@pytest.mark.parametrize("published, person", [("2020-01-10", "Adel Abdul-Mahdi"), ("2020-08-10", "Mustafa al-Kadhimi")])
def test_iraqi_prime_minister_title(main_event, published, person):
    event = main_event("The Iraqi prime minister condemned the attack on the embassy.", published)
    assert event.source.actor == "iraq_gov" and event.source.person == person


@pytest.mark.parametrize("text, source, target", [
    ("Nigerian police arrested five Boko Haram militants in Kano.", "NGACOP", "NGAINS"),
    ("Israeli warplanes bombed Hezbollah positions in southern Lebanon.", "ISRMIL", "LBNREB"),
    ("Militants attacked a police checkpoint in Peshawar.", "PAKINS", "PAKCOP"),
    ("Iran-backed militias fired rockets at the US embassy.", "IRQREB", "USAGOV"),
    ("Pro-Iran factions attacked a convoy of the coalition.", "---REB", "WSTMIL"),
    ("Hundreds of protesters stormed the Iranian consulate in Karbala.", "IRQOPP", "IRNGOV"),
    ("Trump supporters clashed with police in Washington.", "USAOPP", "USACOP"),
])
def test_country_and_sector_compose(main_event, text, source, target):
    assert sides(main_event(text)) == (source, target)


def test_theatre_ids_for_theatre_actors(main_event):
    event = main_event("Iraqi security forces arrested Kata'ib Hezbollah fighters in Baghdad.")
    assert (event.source.actor, event.target.actor) == ("isf", "kh")


def test_isis_takes_the_country_where_it_acts(main_event):
    assert main_event("ISIS militants attacked an army post in Diyala.").source.code == "IRQINS"
    assert main_event("ISIS militants attacked an army post in Raqqa.").source.code == "SYRINS"


def test_every_lexicon_code_is_in_the_codebook():
    book = cameo_codebook()
    codes = set(VERBS.values()) | set(NOUNS.values()) | (set(PHRASAL.values()) - {None})   # None: no event
    assert codes and codes <= set(book.index)
