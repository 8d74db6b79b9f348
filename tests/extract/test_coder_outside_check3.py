"""Error classes an eighth held-out set (192 sentences from twelve theatres, 2026-12) and a held-out case (Iraqi
militias against US forces, 2023-24) found in the coder, each on sentences written for these tests (the patterns,
not the testers' sentences), beside sentences of the same shape that must not change."""
import pytest


def sides(event):
    return (event.source.code if event.source else None, event.target.code if event.target else None)


def of_type(code, plover, text, published="2024-02-01"):
    return [e for e in code(text, published) if e.plover == plover]


def test_an_attack_the_parser_hangs_on_a_leading_date_is_the_doer_not_the_target(code):
    """"On 4 January 2024 a US drone strike in Baghdad killed X": the parser made the strike one object of "On" with
    the date, and the US was coded the victim of its own strike (a US death that never happened)."""
    events = of_type(code, "ASSAULT", "On 12 March 2024 a US air strike in Basra killed a Kataib Hezbollah commander.",
                     "2024-03-20")
    assert events and sides(events[0]) == ("USAMIL", "IRQREB") and events[0].killed == 1
    events = of_type(code, "ASSAULT", "On Tuesday militants fired rockets on US forces in Erbil.")
    assert events and events[0].target.code == "USAMIL"          # a target "on" stays one


def test_a_date_is_no_side(code):
    """"X announced on 30 January 2024 that ...": the date was the statement's target, an unknown actor."""
    events = code("Kataib Hezbollah said on 14 February 2024 that it was halting its attacks on US forces.",
                  "2024-02-20")
    assert events and all(e.target is None or "2024" not in e.target.text for e in events)


def test_a_typeset_apostrophe_in_a_name_reads_as_a_plain_one(code):
    """"New People’s Army" (U+2019, as typeset pages write it) was no name where "New People's Army" was."""
    for quote in ("'", "\u2019"):
        events = of_type(code, "ASSAULT", f"Fighters of the New People{quote}s Army ambushed an army patrol.")
        assert events and events[0].source.code == "PHLREB"


@pytest.mark.parametrize("text", [
    '"They made a grave error and they will pay for it," the defence minister of Israel said.',
    "The Israeli prime minister said Hezbollah would pay a heavy price for the attack.",
])
def test_another_side_made_to_pay_said_as_to_come_is_a_threat(code, text):
    """"... and it will pay for it," the prime minister said: coded a statement (010)."""
    events = of_type(code, "THREATEN", text)
    assert events and events[0].source.country == "ISR"


@pytest.mark.parametrize("text", [
    "We will pay a price for this decision, the Israeli prime minister said.",
    "The Israeli prime minister said Hezbollah paid a heavy price for the attack.",
    "The Israeli prime minister said Hezbollah will not pay for the damage.",
])
def test_a_price_of_ones_own_past_or_denied_is_no_threat(code, text):
    assert not of_type(code, "THREATEN", text)


@pytest.mark.parametrize("text", [
    "More than 60 police officers have been killed this month.",
    "The rebels have been fighting the army since the early 1990s.",
])
def test_a_toll_this_month_and_a_war_since_a_decade_are_background(code, text):
    """"More than 40 soldiers have been killed this month", "has been fighting the government since the
    mid-1980s": a running toll and a lasting war, coded attacks."""
    assert not of_type(code, "ASSAULT", text)
    assert of_type(code, "ASSAULT", "Ten police officers were killed on Monday in an ambush.")


@pytest.mark.parametrize("text", [
    "Government troops pushed the insurgents back across the river on Sunday.",
    "The army pushed rebel fighters out of the town after two days of fighting.",
    "Officials said masked gunmen opened up on an army convoy near the border.",
])
def test_forces_driven_back_or_out_and_fire_opened_up_on_a_side_are_attacks(code, text):
    """"pushed the rebels back" read as a demand (100), "pushed rebel forces out of X" as one (0234), "opened up
    on the police convoy" as nothing."""
    assert of_type(code, "ASSAULT", text)


@pytest.mark.parametrize("text", ["The ministry pushed back the deadline by a month.",
                                  "The country opened up its economy to foreign banks."])
def test_a_deadline_pushed_back_or_a_market_opened_up_is_no_attack(code, text):
    assert not of_type(code, "ASSAULT", text)


# --- a ninth held-out set (150 sentences, eleven theatres) -------------------------------------------------------

def test_a_side_battling_an_insurgency_is_a_lasting_war_not_an_attack(code):
    """"X is battling a jihadist insurgency that spread from Y in 2015" was an attack on Y's rebels, dated 2015."""
    assert not of_type(code, "ASSAULT", "The government is battling a separatist insurgency in the north.")
    assert of_type(code, "ASSAULT", "Government troops are fighting the rebels near the northern town.")


def test_a_gunfight_between_two_sides_is_an_attack_with_both(code):
    """"A gunfight erupted between security forces and assailants" was no event."""
    events = of_type(code, "ASSAULT", "A gunfight erupted between police and gunmen outside the market.")
    assert events and {e.source.sector for e in events if e.source} & {"COP", "UAF"}


def test_neutralized_fighters_are_an_attack_and_a_unit_blasted_by_a_bomb_is_a_bombing(code):
    """"neutralized" was missed; "was blasted by a roadside bomb" was criticism (111)."""
    assert of_type(code, "ASSAULT", "Soldiers neutralized four militants during a raid on their hideout.")
    bombed = of_type(code, "ASSAULT", "A police patrol was blasted by a roadside bomb near the market.")
    assert bombed and bombed[0].cameo_code.startswith("18")
    assert not of_type(code, "ASSAULT", "The minister was blasted by opposition leaders over the budget.")


def test_victims_hacked_or_beaten_to_death_are_counted(code):
    """"hacked to death at least 10 people" counted one dead."""
    events = of_type(code, "ASSAULT", "Militiamen hacked to death at least 14 villagers with machetes.")
    assert events and events[0].killed == 14


@pytest.mark.parametrize("name, code_", [("Lord's Resistance Army", "UGAREB"), ("Renamo", "MOZREB")])
def test_older_rebel_groups_have_their_country(code, name, code_):
    """The LRA was the Central African Republic's (in news of 2004-05 from northern Uganda); Renamo was no name."""
    events = of_type(code, "ASSAULT", f"{name} fighters attacked a convoy on the main road.", "2005-06-01")
    assert events and events[0].source.code == code_


def test_military_targets_struck_in_a_country_are_its_armed_side_not_its_civilians(code):
    """A held-out case: "US forces struck 85 targets in Iraq and Syria" was an attack on Iraqi civilians."""
    events = of_type(code, "ASSAULT", "On 9 February 2024 US jets struck 40 targets in Syria.", "2024-02-12")
    assert events and events[0].target.code == "SYRUAF"
    events = of_type(code, "ASSAULT", "Warplanes struck a market in northern Syria on Friday.", "2024-02-12")
    assert events and events[0].target is not None and events[0].target.sector != "UAF"


# --- a tenth held-out set (153 sentences, eleven theatres) -------------------------------------------------------

def test_a_chain_of_verbs_sharing_one_object_keeps_its_subject_the_doer(code):
    """"Ethiopian soldiers killed, wounded or captured 7,800 Eritrean troops": the first verb, with no object of its
    own, was read as a passive with no "were", the soldiers its victims."""
    events = of_type(code, "ASSAULT", "Kenyan soldiers killed, wounded or captured 600 militants.")
    assert events and all(e.source is not None and e.source.sector == "MIL" for e in events)
    events = of_type(code, "ASSAULT", "Four soldiers killed in the ambush were buried on Monday.")
    assert events and events[0].target is not None and events[0].target.sector == "MIL"


def test_an_offensive_pushed_back_is_an_attack(code):
    """"had pushed back a three-day Ethiopian offensive" was a demand (100)."""
    assert of_type(code, "ASSAULT", "The army pushed back a rebel offensive on the town.")


@pytest.mark.parametrize("text", ["The ambush took place shortly after dawn, villagers said.",
                                  "A shootout broke out near the checkpoint on Monday.",
                                  "The bombing occurred outside a busy market."])
def test_an_attack_told_to_have_happened_with_no_side_is_coded(code, text):
    """"The attack took place around 10 pm Sunday" was no event (an attack with no side named is kept)."""
    assert of_type(code, "ASSAULT", text)


@pytest.mark.parametrize("text", ["Attacks happen every week in the province.", "The raid did not take place.",
                                  "An attack could happen at any moment, officials warned."])
def test_attacks_that_happen_as_a_habit_or_not_at_all_are_no_event(code, text):
    assert not of_type(code, "ASSAULT", text)


def test_a_landmark_abroad_or_a_border_gives_no_side_its_country(code):
    """"a few hundred metres from the US embassy" made the rebels American, "an army post close to the Niger
    border" made the target Niger's army (ninth and tenth held-out sets)."""
    events = of_type(code, "ASSAULT", "A shell fired by the rebels landed 300 metres from the French embassy.")
    assert events and events[0].source is not None and events[0].source.country != "FRA"
    events = of_type(code, "ASSAULT", "Gunmen attacked a police post close to the Chad border.")
    assert events and (events[0].target is None or events[0].target.country != "TCD")
    events = of_type(code, "ASSAULT", "Gunmen attacked the French embassy in Bamako.")
    assert events and events[0].target.country == "FRA"                   # the embassy itself, attacked: France's


def test_a_plural_side_first_in_its_sentence_is_that_side_not_a_name(code):
    """"Rebels shelled the town": the parser takes the capitalized plural for a name; it was an unknown actor."""
    events = of_type(code, "ASSAULT", "Rebels shelled the border town of Gao.")
    assert events and events[0].source.sector in ("INS", "REB") and not events[0].source.unknown


@pytest.mark.parametrize("text", [
    "The separatists periodically clash with government troops along the frontier.",
    "Insurgent units seldom fight the army, preferring to target police stations in remote districts."])
def test_a_habit_told_by_any_adverb_of_frequency_and_its_participle_are_no_event(code, text):
    """"periodically clashes with Moroccan forces" and "rarely engage large units, preferring to target police
    forces" were attacks (the tenth and eighth held-out sets): only "often", "usually" and the like made a habit."""
    assert not code(text, "2024-02-01")


def test_a_deed_in_the_past_with_an_adverb_of_frequency_or_its_participle_is_still_an_event(code):
    events = of_type(code, "ASSAULT", "The guerrillas ambushed a police convoy, preferring to hit the rear vehicles.")
    assert events and events[0].source.sector in ("INS", "REB")
    assert of_type(code, "ASSAULT", "Troops occasionally clashed with rebels near the frontier on Monday.")


def test_what_hits_a_landmine_is_its_victim_not_the_attacker(code):
    """"A Benin army patrol hit a landmine, killing two soldiers" made the patrol the attacker (eleventh set)."""
    events = of_type(code, "ASSAULT", "A Ugandan army convoy hit a landmine on Monday, killing three soldiers.")
    assert events and events[0].source is None and events[0].target.code == "UGAMIL"
    assert events[0].cameo_code == "183" and events[0].killed == 3
    events = of_type(code, "ASSAULT", "Rebels hit the army convoy with a roadside bomb.")     # the doer stays
    assert events and events[0].source.sector == "REB" and events[0].target.sector == "MIL"


@pytest.mark.parametrize("text, cameo", [
    ("Police fired tear gas in the capital on Monday.", "175"),      # force at a crowd, no attack
    ("Police liquidated three militants on Sunday.", "190"),
    ("Army units closed in on the rebel stronghold on Friday.", "190"),
    ("The storming of the town took place on Friday.", "190")])
def test_verbs_and_nouns_of_force_an_eleventh_set_missed_or_misread(code, cameo, text):
    events = [e for e in code(text, "2024-02-01") if e.plover in ("ASSAULT", "COERCE")]
    assert events and events[0].cameo_code == cameo, events
    assert not code("The company liquidated its assets last year.", "2024-02-01")


def test_a_pronoun_of_a_when_clause_is_its_main_clauses_side_passive_or_plural_name(code):
    """"Ten Maoists are believed to have been killed when they attacked a police camp": no doer (eleventh set);
    "returned fire when they were ambushed": no victim."""
    events = of_type(code, "ASSAULT",
                     "Twelve Maoists are believed to have been killed when they attacked an army post.")
    assert events and events[0].source is not None and events[0].source.sector == "REB"
    events = [e for e in of_type(code, "ASSAULT", "Soldiers returned fire when they were ambushed near the town.")
              if e.source is None]
    assert events and events[0].target is not None and events[0].target.sector == "MIL"


def test_an_event_met_with_force_is_no_meeting_and_shops_shut_are_no_coercion(code):
    """"The protest was met with strong police action" was a meeting (040), "shops were shut across the city" a
    curfew (eleventh held-out set); a meeting of people and a closure by a named authority stay."""
    assert not [e for e in code("The march was met with heavy police action.", "2024-02-01") if e.plover == "CONSULT"]
    assert not code("Shops and banks were shut across the city.", "2024-02-01")
    assert of_type(code, "CONSULT", "The minister met with rebel leaders in Nairobi.")
    assert of_type(code, "COERCE", "Police closed shops in the capital on Monday.")


@pytest.mark.parametrize("text", ["Police pushed back the protesters near the parliament.",
                                  "Riot police drove the demonstrators out of the square."])
def test_a_crowd_driven_back_is_repression_not_a_demand(code, text):
    """"pushed back the protesters" was a demand (100); the armed pushed back stay an attack (190)."""
    events = of_type(code, "COERCE", text)
    assert events and events[0].cameo_code == "175" and events[0].target.sector == "OPP"
    assert of_type(code, "ASSAULT", "Troops pushed the rebels back from the town.")


def test_civilians_told_armed_are_armed_men_and_a_weapon_is_no_target(code):
    """"Dozens of people armed with machetes stormed the post" was a riot (145), "Rebels attacked with grenades
    and sniper fire" had the sniper fire as its target (twelfth held-out set)."""
    events = of_type(code, "ASSAULT", "Dozens of villagers armed with machetes stormed the police post at dawn.")
    assert events and events[0].source.sector == "UAF"
    assert of_type(code, "PROTEST", "Protesters stormed the parliament.")             # a crowd's stays a riot
    events = of_type(code, "ASSAULT", "Rebels attacked with grenades and sniper fire.")
    assert events and events[0].target is None
    events = of_type(code, "ASSAULT", "Rebels clashed with soldiers near the town.")
    assert events and events[0].target.sector == "MIL"


def test_words_of_a_twelfth_set_death_of_wounds_regions_and_a_demonym(code):
    assert not code("The corporal was treated in a military hospital until he succumbed to his injuries.", "2024-02-01")
    events = of_type(code, "ASSAULT", "Gangs from Latin America attacked a police post.")
    assert events and events[0].source.country != "USA"
    events = of_type(code, "ASSAULT", "Ecuadoran soldiers clashed with guerrillas near the border.")
    assert events and events[0].source.country == "ECU"


def test_a_thirteenth_sets_crowds_riot_gear_and_a_house_surrounded(code):
    """A thirteenth held-out set: "Iranians took to the streets over the last three days" was a seizure by Iran's
    army ("take over"), "took part in demonstrations" an accord, "used tear gas and armored vehicles" a demand,
    "surrounded X's house" a concession (PETRARCH's 080)."""
    events = of_type(code, "PROTEST", "Afghans took to the streets over the last two weeks to voice their anger.")
    assert events and events[0].source.code == "AFGCVL"
    assert of_type(code, "PROTEST", "Over 20,000 people took part in demonstrations in the capital.")
    assert of_type(code, "ASSAULT", "The militia took part in the attack on the army base.")
    events = of_type(code, "COERCE", "Police used tear gas and armored vehicles to drive protesters from the square.")
    assert events and events[0].cameo_code == "175"
    events = code("Armed troops surrounded the president's house on Tuesday.", "2024-02-01")
    assert events and events[0].cameo_code == "191"
    assert of_type(code, "ASSAULT", "The rebels took over the town on Monday.")            # still a seizure
    events = code("The Afghans rejected the proposal.", "2024-02-01")                      # a side, not its people
    assert events and events[0].source.code == "AFGGOV"


def test_a_fourteenth_sets_deaths_geography_regions_and_call_ups(code):
    """A fourteenth held-out set: a dictator who "died" was attacked, a kingdom "encircled by South Africa"
    blockaded by South Africa's army, "the central African nation of Gabon" the Central African Republic, "the
    ex-Soviet republic" the Soviet Union, reservists "called up" were asked (020)."""
    assert not of_type(code, "ASSAULT", "The longtime president died on Monday at the age of 74.")
    assert of_type(code, "ASSAULT", "Two soldiers died in the attack on the base.")       # a death told with violence
    assert of_type(code, "ASSAULT", "Three civilians died of their wounds.")
    assert not code("Lesotho is a small mountain kingdom encircled by South Africa.", "2024-02-01")
    assert of_type(code, "ASSAULT", "The town was encircled by rebel fighters.")
    events = code("Army officers in the central African nation of Gabon seized power.", "2024-02-01")
    assert events and events[0].source.country == "GAB"
    events = of_type(code, "COERCE", "Troops fired tear gas at protesters in the ex-Soviet republic's capital.")
    assert events and events[0].source.country != "SUN"
    events = code("The government called up retired soldiers and police officers.", "2024-02-01")
    assert events and events[0].cameo_code == "154"


def test_the_victim_of_a_passive_relative_clause_is_its_noun(code):
    """"Sidya Toure, who was arrested Monday as he left the scene, said ...": the arrest's victim was "who", no
    side, and the arrest was dropped (a fourteenth held-out set's)."""
    events = of_type(code, "COERCE", "The opposition leader, who was arrested on Monday, said the army had fired.")
    assert events and events[0].target.sector == "OPP"
    events = of_type(code, "ASSAULT", "The rebel commander, who was killed on Monday, had led the attack.")
    assert any(e.target is not None and e.target.sector == "REB" for e in events)


def test_a_fifteenth_sets_names_in_lower_case_and_other_countries_bodies(code):
    """A fifteenth held-out set: "schools in the kingdom" were Saudi Arabia's, "Filipino marines" the US Marines, a
    country's own "Congress" the US Congress."""
    events = code("The king ordered the closure of schools in the kingdom.", "2024-02-01")
    assert events and all(e.target is None or e.target.country != "SAU" for e in events)
    events = of_type(code, "ASSAULT", "Filipino marines clashed with the rebels.")
    assert events and events[0].source.code == "PHLMIL"
    events = code("The Ghana Youth Congress said the police had beaten students.", "2024-02-01")
    assert all(e.source is None or e.source.code != "USALEG" for e in events)
    assert of_type(code, "SANCTION", "Congress imposed new sanctions on Iran.")[0].source.code == "USALEG"
    events = of_type(code, "ASSAULT", "The american airstrike killed three soldiers.")    # a demonym in lower case
    assert events and events[0].source.country == "USA"


def test_a_comoran_island_is_in_the_comoros(code):
    """Phoenix's 202 names of the Comoros (COM---: Anjouan, Moroni) were read as no country, "COM" taken for a
    code of the media's or firms' kind, and came out as '---COM' (a fifteenth held-out set's)."""
    events = of_type(code, "ASSAULT", "Government troops invaded Anjouan on Tuesday.")
    assert events and events[0].target is not None and events[0].target.country == "COM"


def test_a_phoenix_word_inside_anothers_name_or_opening_a_sentence_names_no_one(code):
    """"The Swaziland Youth Congress said": Phoenix's one-word "youth" (a Basque group, FRAREB) took the speaker;
    "Youth activists protested" gave the protest to France."""
    events = code("The Kenya Youth Council said the police had beaten students.", "2024-02-01")
    assert all(e.source is None or e.source.country != "FRA" for e in events)
    events = of_type(code, "PROTEST", "Youth activists protested in the capital.")
    assert events and events[0].source.country != "FRA"


def test_a_side_driven_back_in_the_passive_is_attacked_or_dispersed(code):
    """"Twelve UN peacekeepers were pushed back by Turkish Cypriot forces" was a demand (0234): the rules for
    forces and crowds driven back read the object only, not the passive's subject."""
    events = of_type(code, "ASSAULT", "Twelve UN peacekeepers were pushed back by the militia's fighters.")
    assert events and events[0].cameo_code == "190"
    events = of_type(code, "COERCE", "The protesters were pushed back by riot police.")
    assert events and events[0].cameo_code == "175"


def test_over_a_span_of_time_is_no_take_over(code):
    """"protests that took place over the weekend" was a seizure (192): "over the weekend" read as "take over"."""
    events = code("Cuba blamed protests that took place over the weekend on the United States.", "2024-02-01")
    assert events and not [e for e in events if e.cameo_code.startswith("192")]
    assert of_type(code, "ASSAULT", "The rebels took over the town on Monday.")[0].cameo_code == "192"
