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


def test_a_weapon_named_alone_is_no_attack(code):
    """"the enemy drone" is a craft; it was coded an attack (195) with no attack word in the sentence."""
    assert [e for e in code("As the enemy drone was flying low, a friendly drone was returning to its base.")
            if e.plover == "ASSAULT"] == []


@pytest.mark.parametrize("text", ["A lone rocket targeted coalition troops near the airport on Monday.",
                                  "The rocket attack on the airport came at dawn."])
def test_a_weapon_that_strikes_is_still_an_attack(main_event, text):
    assert main_event(text).plover == "ASSAULT"


@pytest.mark.parametrize("text", [
    "(Dakar) - Chadian soldiers killed ten herders near the border, a rights group said.",
    "DAKAR (AFP) — Chadian soldiers killed ten herders near the border, a rights group said.",
])
def test_a_dateline_is_no_part_of_the_actor(main_event, text):
    """The filing city read into the first phrase made its country the attacker's ("Dakar Chadian soldiers": SEN)."""
    event = main_event(text)
    assert event.plover == "ASSAULT" and event.source.country == "TCD"


@pytest.mark.parametrize("text, first", [
    ("Hezbollah - the Iran-backed group - fired rockets.", 0),
    ("US-led forces struck the camp.", 0),
    ("NEW YORK, Aug. 1 (AP) - The council met.", 24),
    ("MOGADISHU, Feb 22, 2009 - Suicide bombers killed 11 peacekeepers.", 26),     # its year too (held-out)
    ("BAGHDAD (Reuters) - Rockets struck the embassy.", 20),
    ("LAGOS \u2014 Gunmen kidnapped twelve pupils.", 8),
    ("Lagos (AFP) \u2014 Gunmen kidnapped twelve pupils.", 14),
    ("LISBON, Portugal (AP) _ Rebels attacked a convoy.", 24),         # the wire archives' separator (a blind set)
    ("(BSS/AFP) \u2013 Israel carried out air strikes.", 12),           # a credit of two agencies (a blind set)
    ("MANILA, Philippines (UPDATED) \u2013 Gunmen killed two.", 32),  # a web edition's mark (a twelfth check)
    ("BANGKOK: A Myanmar military airstrike killed ten.", 9),         # a colon after the place (a fifteenth check)
    ("Arbil, Iraq: Turkey carried out airstrikes.", 13),              # a place and its country (a sixteenth)
    # real reports (a probe's): a place in capitals before an outlet, a place with its full date, a capital alone
    ("ERBIL (Kurdistan 24) \u2013 A Turkish drone killed two fighters.", 23),
    ("Tripoli, Sept 16, 2019 \u2013 Drone strikes killed two fighters.", 25),
    ("Sanaa: At least 31 fighters were killed in airstrikes.", 7),
    ("PKK (Kurdistan Workers Party) \u2013 The group attacked a base.", 0),     # its bracket spells the acronym
    ("United Nations, Dec 14 \u2014 Six peacekeepers were killed.", 25),   # month and day, no year (held out)
    ("On Sunday, Dec 14 \u2014 Six peacekeepers were killed.", 0),        # a date phrase, not a place
    ("BEIRUT/JERUSALEM (Reuters) -Israeli forces fired on two positions.", 28),   # twin cities (held out)
    ("Washington, 29th January 2024: At least three soldiers were killed.", 31),   # the day first (held out)
    ("Kirkuk, 29th January 2024 \u2013 Rockets hit.", 28), ("In 2024: Rockets hit.", 0),
    ("Kirkuk, Tuesday, 2019 \u2013 Rockets hit.", 0), ("Hezbollah: We fired rockets.", 0),
    ("Hezbollah, the group: It fired rockets.", 0), ("Kirkuk, Tuesday: Rockets hit.", 0),
    ("NATO: The alliance met.", 0), ("Note: Rockets hit the base.", 0),
    ("the base _ a hangar _ burned.", 0),
    # a dash with no spaces joins a compound; a name's own acronym in brackets is no agency; an actor's acronym
    # or two capitals before a dash is the actor
    ("US\u2013Iraqi forces killed five fighters.", 0),
    ("ISIS\u2014Khorasan claimed the bombing.", 0),
    ("Kataib Hezbollah (KH) \u2014 The group fired rockets.", 0),
    ("IDF \u2014 Troops raided the camp.", 0),
    ("US \u2014 Forces struck the camp.", 0),
])
def test_what_a_dateline_is(text, first):
    from flashpoint.extract import paragraphs

    assert next(paragraphs(text))[0] == first


def test_a_compound_actor_before_a_dash_stays_the_actor(main_event):
    """"US\u2013Iraqi forces" read as a dateline "US \u2013" left "Iraqi forces" as the attacker."""
    event = main_event("US\u2013Iraqi forces killed five Islamic State fighters in Anbar on Monday.")
    assert event.plover == "ASSAULT" and event.source.country == "USA"


def test_the_victims_of_a_relative_clause_are_not_its_attacker(code):
    """"the army's raid on the village of X which killed four farmers": the raid killed them; the clause hangs
    on the village, and the search for an actor in the village's words found the farmers as the attacker."""
    found = code("Rebels fired rockets in response to the Ethiopian army's raid on the village of Tarif which "
                 "killed four farmers.")
    killing = next(e for e in found if e.trigger == "killed")
    assert sides(killing) == ("ETHMIL", "---CVL") and killing.killed == 4


def test_a_relative_clause_after_a_date_belongs_to_the_attack(main_event):
    """"an attack on October 1 that injured two policemen": the clause hangs on the date; the policemen were the
    source."""
    event = main_event("The announcement followed a suicide attack on October 1 that injured two policemen.")
    assert event.plover == "ASSAULT" and event.source is None and event.target.sector == "COP"


def test_a_claim_of_responsibility_for_an_attack_is_the_claimant_s_attack(main_event):
    """It was coded the claim alone (015), losing the attack."""
    event = main_event("A Somali militia has claimed responsibility for a mortar attack on a camp housing French "
                       "troops.")
    assert event.plover == "ASSAULT" and event.cameo_code == "194" and event.mode == "indirect_fire"
    assert sides(event) == ("SOMREB", "FRAMIL")


def test_a_claim_of_responsibility_for_no_deed_stays_a_claim(main_event):
    event = main_event("The Somali government claimed responsibility for the delays.")
    assert event.cameo_code == "015"


def test_announcing_a_known_attack_does_not_make_the_announcer_its_attacker(code):
    """"announced the attack on ...": a report of a known deed; "announce" read as a light verb made the
    announcer the attacker."""
    found = code("The French president announced the attack on French soldiers that killed two.")
    attack = next(e for e in found if e.plover == "ASSAULT")
    assert sides(attack) == (None, "FRAMIL") and attack.killed == 2
    assert any(e.kind == "statement" and e.source.code == "FRAGOV" for e in found)


def test_announcing_an_offensive_is_still_one_s_own(main_event):
    event = main_event("The Ethiopian army announced an offensive against the rebels.")
    assert event.plover == "ASSAULT" and event.source.code == "ETHMIL"


def test_a_passive_without_were_names_the_victims_and_counts_them(main_event):
    """"reported three farmers killed ... in a Sudanese drone strike": the parser reads "farmers killed" as
    active; the farmers were coded the attacker and no toll was counted."""
    event = main_event("The ministry reported three farmers killed and two wounded in a Sudanese drone strike.")
    assert event.plover == "ASSAULT" and event.source.code == "SDNMIL" and event.target.sector == "CVL"
    assert (event.killed, event.wounded, event.mode) == (3, 2, "drone")


def test_an_active_killing_keeps_its_subject(main_event):
    event = main_event("Sudanese soldiers killed three farmers in a raid.")
    assert event.source.code == "SDNMIL" and event.killed == 3


def test_a_shared_object_keeps_the_killing_active(main_event):
    event = main_event("Sudanese soldiers have killed and burned dozens of villagers during operations in the north.")
    assert event.source.code == "SDNMIL"


def test_the_weapon_of_another_event_is_not_this_one_s(code):
    """"struck with rockets following a drone strike": the weapon was read from the whole sentence, the first
    listed (drone) winning."""
    found = code("The camp was struck with six rockets following a Turkish drone strike on a convoy.")
    struck = next(e for e in found if e.trigger == "struck")
    assert struck.mode == "indirect_fire" and struck.cameo_code == "194"


def test_an_attack_told_as_a_response_has_no_weapon_of_its_cause(main_event):
    event = main_event("Chadian forces carried out strikes against the rebels in response to a rocket attack on "
                       "their base.")
    assert event.plover == "ASSAULT" and event.mode is None


def test_a_death_after_an_attack_keeps_its_weapon(main_event):
    event = main_event("Two Chadian soldiers died of their wounds after a mortar attack on their base.")
    assert event.mode == "indirect_fire"


def test_the_date_and_weapon_of_an_earlier_event_are_not_this_one_s(main_event):
    """The date nearest the event word and the first weapon of the sentence belonged to the drone strike."""
    event = main_event("On March 2, two days after a drone strike on their camp on February 28, the rebels shelled "
                       "the town.", published="2024-03-04")
    assert event.trigger == "shelled" and str(event.date) == "2024-03-02" and event.mode is None


def test_a_clause_after_after_is_another_event(code):
    found = code("Rebels shelled the town on March 2 after government jets had bombed their camp.",
                 published="2024-03-04")
    shelled = next(e for e in found if e.trigger == "shelled")
    assert shelled.cameo_code == "194" and shelled.mode is None


@pytest.mark.parametrize("text", [
    "The ministry said the four soldiers slain on Monday died in a firefight with rebels.",
    "The four soldiers killed on Monday were buried in their villages.",
])
def test_a_participle_s_noun_is_its_victim_and_is_counted(main_event, text):
    """"soldiers slain on Monday", "soldiers killed on Monday": no toll was counted, nor a victim named."""
    event = main_event(text)
    assert event.plover == "ASSAULT" and event.killed == 4 and event.target.sector == "MIL"
    assert event.source is None


def test_a_firefight_is_gunfire(main_event):
    assert main_event("Two soldiers were killed in a firefight with rebels on Monday.").mode == "gunfire"


@pytest.mark.parametrize("text, source", [
    ("Two soldiers died in a Sudanese drone strike.", "SDNMIL"),
    ("Two Sudanese soldiers died in a firefight.", None),
])
def test_who_died_is_the_victim_never_the_attacker(main_event, text, source):
    event = main_event(text)
    assert event.plover == "ASSAULT" and event.killed == 2 and event.target.sector == "MIL"
    assert (event.source.code if event.source else None) == source


def test_a_role_is_held_in_the_body_named_after_in(main_event):
    """"A commander in the army's special force": the commander's side was read from "commander" alone."""
    event = main_event("A commander in the Ethiopian army's special force was killed in a rebel attack on the town.")
    assert event.target.code == "ETHMIL"


@pytest.mark.parametrize("text", [
    "Three rebels were killed in a drone strike blamed on the Ethiopian army.",
    "Three rebels were killed on Saturday in a drone strike on the north blamed on the Ethiopian army.",
])
def test_an_attack_blamed_on_a_side_is_that_side_s(main_event, text):
    event = main_event(text)
    assert event.source.code == "ETHMIL" and event.killed == 3


@pytest.mark.parametrize("text, trigger, mode, day", [
    ("The army shelled rebel positions on Friday after insurgents attacked a checkpoint with drones on Wednesday.",
     "attacked", "drone", "2024-06-19"),
    ("Police returned fire on Friday after gunmen fired mortars at the governor's compound on Wednesday.",
     "fired", "indirect_fire", "2024-06-19"),
])
def test_an_attack_told_in_an_after_clause_keeps_its_own_clause(code, text, trigger, mode, day):
    """The clause under 'after' is another event's for the main verb, but the attack it tells of is its own:
    its weapon and date were dropped with the clause (coded 190, dated Friday)."""
    attack = next(e for e in code(text, "2024-06-20") if e.trigger.startswith(trigger))
    assert attack.mode == mode and str(attack.date) == day
    main = next(e for e in code(text, "2024-06-20") if not e.trigger.startswith(trigger))
    assert main.mode != mode and str(main.date) == "2024-06-14"


@pytest.mark.parametrize("text, expected", [
    # an armed body's own strikes or raids, their phrase naming no other doer
    ("The Nigerian army announced the raid on a Boko Haram camp near Maiduguri on Sunday.", "NGAMIL"),
    ("Hamas announced the raid on an Israeli army post on Sunday.", "PSEREB"),
    ("US Central Command announced the strikes on Houthi radar sites in Yemen on Tuesday.", "USAMIL"),
    # a government's or a person's announcement, or a phrase naming its doer: not the announcer's
    ("The Kenyan government announced the strikes on al-Shabaab camps on Sunday.", None),
    ("The army announced the strikes that Israeli jets carried out on the camp.", None),
    ("The army announced the strikes by Israeli jets on the camp.", "ISRMIL"),
    ("The president announced the attack that killed three soldiers at the border.", None),
])
def test_an_armed_body_announcing_its_strikes_is_their_doer(code, text, expected):
    """'announced the strikes on X' had no attacker once 'announce' stopped making the announcer the doer."""
    deed = next(e for e in code(text, "2024-06-20") if e.kind != "statement")
    assert (deed.source.code if deed.source else None) == expected


@pytest.mark.parametrize("text, source, targets", [
    # the weapon a participle qualifies is what was fired, not its victim; its "by" is the doer
    ("Rockets fired by militants landed near the governor's office in Kano on Sunday.", "NGAINS",
     {"NGAGOV", None}),
    ("Drones sent by the rebels hit an army base in Goma on Friday.", "CODREB", {"CODMIL"}),
    # a participle's noun is its victim, read without the participle's "by"
    ("A convoy attacked by gunmen near Gao on Monday lost three trucks.", "MLIUAF", {"MLIMIL"}),
])
def test_a_participle_s_by_agent_is_never_its_target(code, text, source, targets):
    """'Rockets fired by militants landed ...' had the militants as the target: the participle's noun was taken
    as its victim and searched deep, into the participle's own 'by'."""
    attack = next(e for e in code(text, "2024-06-20") if e.plover == "ASSAULT")
    assert sides(attack)[0] == source and sides(attack)[1] in targets


@pytest.mark.parametrize("text", [
    "The ambush was the deadliest since the 22 soldiers killed near Diffa in March 2021.",
    "The toll was higher than the 40 pilgrims killed in a bombing in Kano in 2014.",
    "Like the 17 villagers killed in Zamfara last year, they were buried in a mass grave.",
])
def test_an_earlier_event_referred_to_gives_no_toll(code, text):
    """'the deadliest since the 13 US troops killed at Kabul airport' counted 13 killed: a participle whose noun
    'since', 'than', 'like', 'after' or 'before' governs tells of an earlier event, compared or referred to."""
    assert all(e.killed is None for e in code(text, "2024-06-20"))


def test_a_participle_s_own_toll_still_counts(main_event):
    event = main_event("The four soldiers killed on Monday were buried in Kano.", "2024-06-20")
    assert event.killed == 4


def test_an_attack_noun_is_no_victim(main_event):
    """'the deadliest raid', parsed as a second object of 'killed', was counted as one more victim (13)."""
    event = main_event("Gunmen killed 12 villagers in Zamfara on Sunday, the deadliest raid since the 30 farmers "
                       "killed in March.", "2024-06-20")
    assert event.killed == 12


@pytest.mark.parametrize("text", [
    "More than 4,500 people have been reported killed in Haiti so far this year.",
    "Turkish jets have carried out intermittent strikes against the PKK in north Iraq since July 2015.",
    "Thousands of people have been killed in Sudan since war between rival forces broke out in mid-April 2023.",
    # a held-out article's tally told with no auxiliary (coded as an attack that killed 160, on the filing day)
    "More than 160 peacekeepers killed since the beginning of the operation.",
    "Over 300 civilians killed since January in the region, the UN said.",
])
def test_a_toll_so_far_and_strikes_over_years_are_background(code, text):
    """A sixteenth blind check's running toll "so far this year", years of strikes "since July 2015" and a war's
    outbreak its toll is counted from were each coded as one attack."""
    assert [e for e in code(text) if e.plover == "ASSAULT"] == []


def test_a_killing_told_with_no_auxiliary_and_no_span_is_still_an_event(main_event):
    event = main_event("Three soldiers killed in an ambush in Gao on Monday, the army said.", "2024-06-20")
    assert event.plover == "ASSAULT" and event.killed == 3


@pytest.mark.parametrize("text, cameo", [
    ("Petro suspended peace talks with the ELN on 18 September.", "164"),
    ("France suspended its development aid to Niger on Sunday.", "162"),
    ("Mali suspended diplomatic relations with Ukraine on Sunday.", "161"),
])
def test_a_suspended_relation_is_a_sanction_not_an_administrative_one(main_event, text, cameo):
    """A sixteenth blind check's suspended talks and aid were coded 172, administrative sanctions."""
    event = main_event(text)
    assert event.plover == "SANCTION" and event.cameo_code == cameo


@pytest.mark.parametrize("text, cameo", [
    ("Tehran and Washington traded threats on Tuesday over the strike.", "130"),
    ("The two ministers exchanged insults at the summit on Monday.", "111"),
])
def test_traded_threats_and_insults_are_words_not_cooperation(main_event, text, cameo):
    """A held-out article's "Tehran and Washington have traded threats and counter-threats" was coded material
    cooperation (060), PETRARCH's default for a trade."""
    event = main_event(text, "2024-06-20")
    assert event.cameo_code == cameo, (event.plover, event.cameo_code)


def test_armed_sides_confronting_each_other_fight_and_ministers_meet(main_event):
    """A held-out article's "the troops confronted the Boko Haram terrorists" was a meeting (CONSULT, 040)."""
    assert main_event("On Monday the troops confronted the Boko Haram terrorists near Monguno.",
                      "2024-01-10").plover == "ASSAULT"
    assert main_event("The foreign minister confronted the Russian ambassador over the strikes on Monday.",
                      "2024-01-10").plover == "CONSULT"


def test_fighting_since_friday_is_still_news(code):
    """The start of a span in a "since" clause is background only for a war's outbreak or a past year's deed."""
    assert [e.trigger for e in code("More than 100 people have died since fighting erupted on Friday.")] == ["erupted"]


@pytest.mark.parametrize("text", [
    "HTS controls swathes of the Idlib region, in Syria's northwest.",
    "The refusal of any ceasefire by the two camps heightened worries by the United Nations.",
    "ISWAP has expanded its influence around Lake Chad.",
    "The strikes hit groups it says were connected with Iran's Revolutionary Guard Corps.",
    "The fighters are linked to Iran.",
    "The group was tied to al-Qaeda, officials said.",
])
def test_a_state_or_a_mood_is_no_cooperation(code, text):
    """A sixteenth blind check's "controls", "heightened worries" and "expanded its influence" were material
    cooperation (060), as a held-out article's "groups it says were connected with Iran's ... Guard Corps"."""
    assert [e.cameo_code for e in code(text) if e.plover == "COOPERATE"] == []


def test_ties_made_are_still_cooperation(main_event):
    assert main_event("Iran connected its power grid to Iraq's on Monday.").cameo_code == "060"


def test_taking_control_is_still_an_event(main_event):
    assert main_event("Rebels took control of the town on Monday.").cameo_code == "192"


@pytest.mark.parametrize("text, country", [
    ("The criminal coalition set a police armored vehicle on fire in Port-au-Prince.", None),
    ("A coalition of armed groups attacked the town.", None),
    ("Coalition aircraft struck the camp near Mosul.", "WST"),
    ("The US-led coalition struck the camp.", "WST"),
])
def test_a_bare_coalition_is_the_us_led_one_only_unqualified(main_event, text, country):
    """A sixteenth blind check's Haitian gangs and Congolese armed groups were the US-led coalition (WSTMIL)."""
    source = main_event(text).source
    assert (source.country == "WST") == (country == "WST")


def test_lake_chad_is_no_country(main_event):
    event = main_event("Jihadists attacked a military convoy near Gudumbali in the Lake Chad region on Monday.")
    assert "TCD" not in {getattr(event.source, "country", None), getattr(event.target, "country", None)}


@pytest.mark.parametrize("text, source, target", [
    ("A US patrol came under fire from militants near Kirkuk.", "IRQ", "USA"),
    ("The convoy came under attack from rebels on Sunday.", None, None),
    ("Nigerian soldiers came under heavy shelling near the border.", None, "NGA"),
])
def test_coming_under_fire_is_an_attack_on_the_subject(main_event, text, source, target):
    """An eighteenth blind check's "came under artillery fire" was criticism (111), a held-out analyst's
    "peacekeepers came under fire" nothing: the subject is attacked, by the "from" phrase's actor if named."""
    event = main_event(text)
    assert event.plover == "ASSAULT"
    assert getattr(event.target, "country", None) == target or target is None
    assert getattr(event.source, "country", None) == source or source is None


@pytest.mark.parametrize("text", [
    "The minister came under fire for his remarks on the deal.",
    "The prime minister came under fire from opposition leaders over his handling of the crisis.",
    "The government came under fire from human rights groups after the crackdown on protesters.",
])
def test_coming_under_fire_for_words_is_still_criticism(code, text):
    # a verifier's critics after "from", and "over" further from the verb, were read as fire
    assert [e.plover for e in code(text) if e.plover == "ASSAULT"] == []


def test_coming_under_fire_over_the_weekend_is_fire(main_event):
    assert main_event("A US patrol came under fire from militants over the weekend near Kirkuk.").plover == "ASSAULT"


@pytest.mark.parametrize("text", [
    "The Houthis have carried out no attacks in the waterways since January 19.",
    "The Houthis' political bureau described the attacks as a war crime.",
    "About 3,500 U.S. troops remain in Iraq and Syria.",
    "Back when the TPLF dominated Ethiopia's governing coalition, the region was calm.",
    "The attacks on the base stopped after the truce.",
])
def test_no_attack_a_judgement_a_stay_and_a_stop_are_no_deed(code, text):
    """An eighteenth blind check's "carried out no attacks", "described the attacks as", "troops remain" and
    "dominated" were an attack or a deployment."""
    assert [e.plover for e in code(text) if e.plover in ("ASSAULT", "MOBILIZE")] == []


@pytest.mark.parametrize("text, cameo", [
    ("Niger's ruling junta ordered the U.S. to withdraw its military personnel.", "166"),
    ("The junta in Bamako ordered the French ambassador to leave the country.", "161"),
])
def test_ordering_a_force_out_is_its_expulsion(main_event, text, cameo):
    """An eighteenth blind check's junta was coded as withdrawing itself (087)."""
    event = main_event(text)
    assert event.plover == "SANCTION" and event.cameo_code == cameo and event.source.country in ("NER", "MLI")


def test_a_compass_region_is_no_country_and_a_front_of_a_country_is_that_country(main_event):
    """Phoenix's "North West" is South Africa's province (a Cameroonian region in an eighteenth blind check); its
    "National Patriotic Front of Liberia" is coded AFRREB (a held-out analyst's NPFL had no country)."""
    event = main_event("Separatists attacked soldiers in the North West region on Monday.")
    assert "ZAF" not in {getattr(event.source, "country", None), getattr(event.target, "country", None)}
    npfl = main_event("The National Patriotic Front of Liberia shelled Monrovia on Tuesday.")
    assert npfl.source.code == "LBRREB"


@pytest.mark.parametrize("text, cameo", [
    ("President Gustavo Petro of Colombia has halted peace negotiations with the National Liberation Army (ELN).",
     "164"),
    ("Petro announced on Friday that he had ordered the suspension of peace talks with the ELN.", "164"),
    ("The United States froze its aid to Niger after the coup.", "162"),
])
def test_halting_talks_or_aid_cuts_a_relation(main_event, text, cameo):
    """A nineteenth blind check's two suspensions of Colombia's talks with the ELN were nothing and a request (100)."""
    event = main_event(text)
    assert event.plover == "SANCTION" and event.cameo_code == cameo


def test_ordering_operations_suspended_is_still_a_stand_down(main_event):
    assert main_event("The army ordered the suspension of military operations against the rebels.").cameo_code == "087"


@pytest.mark.parametrize("text", [
    "M23 rebels, reportedly supported by Rwandan troops, have marched into Goma, Eastern Congo's largest city.",
    "Ukrainian forces pushed into Kursk on Tuesday in a stunning attack.",
])
def test_armed_men_advancing_into_a_place_take_it(main_event, text):
    """A nineteenth blind check's rebels "marched into Goma" were a protest march (141), forces that "pushed into
    Kursk" a request (100)."""
    assert main_event(text).cameo_code == "192"


def test_a_crowd_marching_is_still_a_protest(main_event):
    assert main_event("Protesters marched into the square on Friday.").plover == "PROTEST"


@pytest.mark.parametrize("text, target", [
    ("Israel says it will 'attack with might' if Hezbollah breaks truce", None),
    ("The Houthis said they would target any American ship.", "USA"),
])
def test_saying_one_will_strike_is_a_threat(main_event, text, target):
    """A nineteenth blind check's four threats said as one's own force to come were statements (010), where "warned
    it would strike" was a threat (138); a negated one stays a statement."""
    event = main_event(text)
    assert event.cameo_code == "138" and (target is None or event.target.country == target)


@pytest.mark.parametrize("text", [
    '"We will hold all those responsible to account," Biden said.',
    '"We will bring the perpetrators to justice," the minister said.',
])
def test_saying_one_will_punish_is_a_threat(main_event, text):
    """A held-out article's quoted "We will hold all those responsible to account," as "pledged to hold ...
    accountable" already was, is a threat; a plain statement before."""
    assert main_event(text, "2024-01-29").cameo_code[:2] == "13"


def test_saying_one_will_not_punish_or_will_hold_talks_is_no_threat(code):
    for text in ('"We will not hold them accountable," he said.', "Officials said they will hold talks next week."):
        assert not [e for e in code(text) if e.cameo_code[:2] == "13"], text


def test_saying_one_will_not_strike_is_no_threat(code):
    assert [e.cameo_code for e in code("Hezbollah said it will not attack Israel.") if e.cameo_code == "138"] == []


@pytest.mark.parametrize("text, cameo", [
    ("Prime Minister Narendra Modi promised a powerful retaliation.", "138"),
    ("The group pledged to retaliate against US forces.", "138"),
    ("The rebels pledged to withdraw from the two towns.", "030"),
])
def test_promising_force_is_a_threat(main_event, text, cameo):
    """A twentieth blind check's "promised a powerful retaliation" was an agreement (030), where "vowed" is 138."""
    assert main_event(text).cameo_code == cameo


@pytest.mark.parametrize("text, plover, cameo", [
    ("The military council launched heavy weapons and air assaults to target local civilians.", "ASSAULT", "190"),
    ("Iran sent weapons to the Houthis.", "AID", "072"),
    ("A ceasefire between Israel and Hamas took effect on Sunday.", "RETREAT", "0871"),
    ("The Ta'ang National Liberation Army captured three military camps in Namkham Township.", "ASSAULT", "192"),
    ("India also banned Pakistani airlines from entering its airspace.", "SANCTION", "163"),
    ("India suspended the Indus Waters Treaty.", "SANCTION", "160"),
])
def test_twentieth_blind_checks_misreadings(main_event, text, plover, cameo):
    """A twentieth blind check's: launched weapons read as aid (072), a truce taking effect as nothing, captured
    camps as arrests (173), a ban on airlines and a treaty suspended as administrative sanctions (172)."""
    event = main_event(text)
    assert (event.plover, event.cameo_code) == (plover, cameo)


def test_the_brotherhood_alliances_armies_are_myanmars(main_event):
    """The TNLA ("Ta'ang National Liberation Army") read as Colombia's ELN by its alias "National Liberation Army"."""
    assert main_event("The Ta’ang National Liberation Army (TNLA) pledged to withdraw from Mongmit.").source.code \
        == "MMRREB"


@pytest.mark.parametrize("text", [
    "SaharaReporters withheld the identities of the slain soldiers.",
    "Total has suspended the project until Mozambique can bring the security situation under control.",
    "Thousands gathered to welcome the released Palestinian prisoners.",
])
def test_ordinary_words_are_no_coercion_or_protest(code, text):
    """A twentieth blind check's: withholding identities (170), a company suspending a project (172), a crowd
    gathered to welcome prisoners (141)."""
    assert [e.plover for e in code(text)] == []


@pytest.mark.parametrize("text", [
    "By mid-March 2025, the Houthis had attacked more than 190 ships, sinking two.",
    "U.S. forces have struck more than 1,000 Houthi targets in Yemen since March 15.",
    "Civilians in the region are regularly targeted by jihadists.",
])
def test_tallies_and_habits_of_the_twentieth_blind_check_are_no_event(code, text):
    """A twentieth blind check's running tallies ("had attacked more than 190 ships" by a date, "have struck more than
    1,000 targets since March 15") and a habit told in the passive were coded as attacks."""
    assert [e.plover for e in code(text) if e.plover == "ASSAULT"] == []


@pytest.mark.parametrize("text", [
    "The Houthis had attacked the ship before the Navy arrived.",
    "Civilians were targeted by jihadists on Monday.",
    "US forces struck three Houthi targets on Monday.",
])
def test_one_deed_told_beside_them_is_still_an_event(code, text):
    assert "ASSAULT" in [e.plover for e in code(text)]


@pytest.mark.parametrize("text, plover, cameo, source, target", [
    ("Washington and Tehran had engaged in secret talks since the strike.", "CONSULT", "040", "USA", "IRN"),
    ("Heavy clashes between the ELN and the army were reported on Monday.", "ASSAULT", "190", "COL", "---"),
    ("The cease-fire between Israel and Hezbollah has officially come into force.", "RETREAT", "0871", "ISR", "LBN"),
    ("The truce between Hamas and Israel entered into force on Sunday.", "RETREAT", "0871", "PSE", "ISR"),
    ("The minister promised voters that Israel would resume fighting if Hezbollah rearmed.", "THREATEN", "138",
     "ISR", None),
    ("The Houthis said they will continue their attacks on ships.", "THREATEN", "138", "YEM", None),
    ("The Ministry of Defence of Kenya praised the operation.", "SUPPORT", None, "KEN", None),
    ("Russia's defence ministry said its troops had seized a village in Donetsk.", "ASSAULT", "192", "RUS", None),
    ("US aircraft struck ISIS positions in Somalia's Bari region.", "ASSAULT", None, "USA", "SOM"),
])
def test_twenty_first_blind_checks_misreadings(main_event, text, plover, cameo, source, target):
    """A twenty-first blind check's (written anew here): talks one "engaged in" read as a fight; battles "between X
    and Y" reported, and a hyphenated cease-fire come into force, as no event; force promised or said to come as an
    agreement or a statement; a Ministry of Defence of another country as Britain's; a speaker's own troops given
    to the place; the Islamic State in a country named as a place's owner as Iraq's."""
    event = main_event(text)
    assert event.plover == plover and (cameo is None or event.cameo_code == cameo)
    assert event.source.country == source
    assert target is None or event.target.country == target


@pytest.mark.parametrize("text", [
    "Battles between the army and rebels have displaced millions over the past decade.",
    "A documentary about the battle between Iraqi forces and ISIS in Mosul premiered in London.",
])
def test_fighting_between_two_sides_told_as_background_is_no_event(main_event, text):
    """A verifier's: "battles between X and Y" is an event only where a verb tells it happened."""
    assert main_event(text) is None


@pytest.mark.parametrize("text, source, target", [
    ("Fighting between the army and the rebels was reported near the airport on Sunday.", "---MIL", "---REB"),
    ("Fighting between Sudan's army and the RSF erupted in Omdurman on Friday.", "SDNMIL", "SDNREB"),
    ("Heavy fighting broke out between the army and the rebels in the north on Sunday.", "---MIL", "---REB"),
    ("Clashes erupted between Hezbollah and Israeli forces near the border on Tuesday.", "LBNREB", "ISRMIL"),
    ("Fighting erupted between Azerbaijani and Armenian troops in the hills on Friday.", "AZEMIL", "ARMMIL"),  # (a
])                                                                                 # verifier's: sides as adjectives)
def test_a_fight_between_two_sides_told_to_happen_is_one_event_with_both(code, text, source, target):
    """A fight "between X and Y" that a verb tells happened is one event with both sides, whether the sides hang
    on the noun or on the verb, and where the parser reads a sentence's first "Fighting" as a verb (the lead's own,
    after "Fighting ... erupted" gave two events, one of them with no side)."""
    found = code(text)
    assert len(found) == 1
    assert (found[0].plover, found[0].source.code, found[0].target.code) == ("ASSAULT", source, target)


@pytest.mark.parametrize("text", [
    "The communique made no mention of the rebel attacks on the port.",
    "More than 12,000 people have died in the conflict, according to the United Nations.",
    "Six fishermen died in more than a year of pirate attacks off the coast.",
    "The militias have launched a series of attacks on US bases since October.",
    "Syria has seen almost daily attacks on US forces since October.",
    "The rebels have repeatedly fired rockets at the airport since the start of the war.",
    "The rebels have repeatedly shelled the town since the start of the war, causing thousands to flee.",
    "Rebels have fought the army in the eastern hills since 2014.",
    "The rebels have carried out almost daily attacks on farms near the river.",      # (a verifier's shape)
])
def test_twenty_second_blind_checks_background_is_no_event(main_event, text):
    """A twenty-second blind check's (written anew here): a topic not mentioned, a war's toll "in the conflict" or
    over "a year of attacks", a series, recurring attacks, attacks repeated since a time, and years of fighting
    since a year are background, no event."""
    assert main_event(text) is None


@pytest.mark.parametrize("text, source, target", [
    ("The group announced the suspension of military operations against US troops.", None, "USAMIL"),
    ("Kataib Hezbollah announced a suspension of its attacks on US forces.", "IRQREB", "USAMIL"),
    ("The militia said it had suspended military operations against US troops.", "---REB", "USAMIL"),  # verifier
    ("Kataib Hezbollah halted its attacks on US forces on Thursday.", "IRQREB", "USAMIL"),
    ("Hezbollah stopped its mortar fire on northern Israel on Monday.", "LBNREB", "ISRMIL"),   # (a verifier's shape)
])
def test_a_stand_down_names_whom_its_halted_attacks_were_on(main_event, text, source, target):
    """A twenty-second blind check's "the group announced a suspension of military operations against US troops"
    was no event: the stand-down names the side its halted attacks were on, whoever announced it."""
    event = main_event(text)
    assert (event.plover, event.cameo_code, event.target.code) == ("RETREAT", "087", target)
    assert (event.source.code if event.source is not None else None) == source


def test_a_deed_of_the_day_is_still_an_event_beside_the_new_background_rules(main_event):
    for text in ("Two soldiers died in an attack on the base on Monday.",
                 "Rebels attacked an army post near the border on Tuesday, killing three soldiers."):
        assert main_event(text).plover == "ASSAULT"


@pytest.mark.parametrize("text", [
    "After nearly a decade of civil war, the country's army is short of officers.",
    "The capital has been under attack by the rebels since last spring, with hundreds of lives lost.",
    "After a decade of civil war between the rebels and the government, the economy has collapsed.",   # (verifier)
])
def test_twenty_third_blind_checks_background_is_no_event(main_event, text):
    """A twenty-third blind check's (written anew here): "a decade of civil war" names no side, and a city "under
    attack since" a season is a siege told over months, not an attack."""
    assert main_event(text) is None


def test_a_response_pledged_to_an_attack_is_a_threat(main_event):
    """A twenty-third blind check's "officials have pledged a response to the attack" was an agreement (030)."""
    event = main_event("British ministers have pledged a response to the drone attack on the base.")
    assert (event.plover, event.cameo_code) == ("THREATEN", "138")
    assert main_event("The minister pledged a response to the housing crisis.").plover != "THREATEN"


@pytest.mark.parametrize("text, target", [
    ("The militia announced on Sunday that it would suspend its attacks on American troops.", "USAMIL"),
    ("The rebels said they will halt their rocket fire on the capital.", None),
])
def test_a_stand_down_announced_as_to_come_is_the_stand_down(main_event, text, target):
    """A twenty-fourth blind check's Kata'ib Hezbollah, which "announced that it would suspend its attacks against
    US forces", gave a statement and an attack (written anew here); hedged, negated or conditional it is none."""
    event = main_event(text)
    assert (event.plover, event.cameo_code) == ("RETREAT", "087")
    assert (event.target.code if event.target is not None else None) == target
    for hedged in ("The militia said it would not halt its attacks on American troops.",
                   "The militia said it could suspend its attacks on American troops.",
                   "The militia said it would suspend its attacks on American troops if the strikes stopped."):
        assert main_event(hedged) is None or main_event(hedged).plover != "RETREAT", hedged


@pytest.mark.parametrize("text", [
    "The rebel commander said any Turkish strike on the group would not go unanswered.",
    "Iran's foreign minister said any Israeli attack on its nuclear sites would not go without a response.",
])
def test_an_attack_said_not_to_go_unanswered_is_a_threat(main_event, text):
    """A twenty-fourth blind check's Houthi leader, who "said any US attack on the group would not go without a
    response", was no event (written anew here); an analyst saying so threatens no one."""
    assert main_event(text).plover == "THREATEN"
    assert main_event("Analysts said any strike would not go unanswered.") is None


@pytest.mark.parametrize("text", [
    "Over the past year, the insurgents have claimed responsibility for more than 80 attacks on army posts.",
    "Between the March offensive and 4 June 2023, the rebels fired mortars at the airport on 40 occasions.",
    "It was the first time since 2012 that the town was entirely outside army control.",
    "The army continues to carry out sporadic raids on rebel villages.",
    "Gunmen fired on the border post on 9 occasions between 2 March and 30 April.",       # (a verifier's shapes)
    "The front claimed responsibility for 35 attacks on government convoys.",
    "The insurgents keep launching sporadic raids on police stations.",
])
def test_twenty_fourth_blind_checks_tallies_and_states_are_no_event(main_event, text):
    """A twenty-fourth blind check's (written anew here): responsibility claimed for a count of attacks, a count
    "on N occasions" between two dates, a town "outside regime control" and a practice in the present."""
    assert main_event(text) is None


def test_a_deed_of_the_day_survives_the_twenty_fourth_rules(main_event):
    for text in ("The town fell under rebel control on Sunday.",
                 "Government forces retook the port town from the rebels on Sunday.",      # (news_heldout's shape)
                 "Peacekeepers have retaken one of the few towns that are under the control of the militants.",
                 "The militia claimed responsibility for the attack on the base.",
                 "The front claimed responsibility for two attacks on army convoys on Monday.",
                 "The army continued to carry out raids on rebel villages last week."):
        assert main_event(text) is not None and main_event(text).plover == "ASSAULT", text


@pytest.mark.parametrize("text", [
    "The separatists have been fighting the army since March 2021.",
    "The militia has been fighting more than six years to overthrow the government.",
    "The two countries have fought three wars over the valley since winning independence in 1948.",
    "The army has been fighting the rebels for over a decade.",            # (a verifier's shape)
])
def test_twenty_fifth_blind_checks_lasting_wars_are_no_event(main_event, text):
    """A twenty-fifth blind check's (written anew here): a war fought since a month of a past year, over "more than
    ten years" as an object, since a deed of a past year."""
    assert main_event(text) is None


def test_a_fight_since_a_day_is_still_the_news(main_event):
    assert main_event("The separatists have been fighting the army since 5 January 2020.").plover == "ASSAULT"


@pytest.mark.parametrize("text", [
    "A convoy of forty aid trucks entered Gaza on Tuesday.",
    "Two planes carrying humanitarian supplies arrived at Kabul airport on Friday.",
    "Relief supplies from Turkey arrived in Syria on Friday.",
])
def test_aid_that_arrives_or_enters_is_aid(main_event, text):
    """A twenty-fifth blind check's five deliveries of aid ("33 aid trucks entered the Gaza strip") were nothing or a
    statement (written anew here); armed men who enter a town are not aid."""
    assert main_event(text).plover == "AID"
    assert main_event("Rebel fighters entered the town on Sunday.") is None or \
        main_event("Rebel fighters entered the town on Sunday.").plover != "AID"


@pytest.mark.parametrize("text, cameo, target", [
    ("The Kenyan president says Kenya will withdraw its soldiers from Somalia.", "0356", "SOM"),
    ("Ankara said it would send three observers to monitor the truce.", "03", None),
    ("A Greek spokesman said Greece is ready to negotiate with Turkey.", "036", "TUR"),
    ("Algeria said it will provide food aid to Libya.", "033", "LBY"),
])
def test_a_cooperative_deed_said_as_to_come_is_an_intent(main_event, text, cameo, target):
    """A twenty-sixth blind check's stated intents ("says France will withdraw its troops from Mali", "said it would
    send two delegations", "said Russia is ready to negotiate") were statements (written anew here): CAMEO's 03x."""
    event = main_event(text)
    assert event.plover == "AGREE" and event.cameo_code.startswith(cameo)
    assert (event.target.code[:3] if event.target is not None else None) == target


@pytest.mark.parametrize("text", [
    "Kenya said it would not send troops to Somalia.",
    "Kenya said it would send troops to Somalia if asked.",
    "Iran said it would no longer abide by the limits of the deal.",
    "Analysts said Kenya will withdraw its troops from Somalia.",
])
def test_an_intent_negated_conditional_or_guessed_is_no_agreement(main_event, text):
    event = main_event(text)
    assert event is None or event.plover != "AGREE", text


@pytest.mark.parametrize("text, cameo", [
    ("The Indian army said it will firmly punish Pakistan if provoked.", "137"),
    ("Nigeria's police chief said anyone who joins the march will be arrested.", "137"),
    ("The rebel chief said he would fight against Turkish troops in the country.", "138"),
])
def test_coercion_said_as_to_come_is_a_threat(main_event, text, cameo):
    """A twenty-sixth blind check's conditional coercion ("said it will punish X if provoked", "anyone who takes
    part will be arrested", "said he would fight against foreign forces") was a statement or none (written anew)."""
    event = main_event(text)
    assert (event.plover, event.cameo_code) == ("THREATEN", cameo)


def test_a_speakers_fight_on_a_cause_and_a_done_arrest_are_no_threat(main_event):
    assert main_event("The Kenyan minister said he would fight corruption.").plover != "THREATEN"
    assert main_event("Nigeria's police chief said the suspects were arrested on Monday.").plover != "THREATEN"


@pytest.mark.parametrize("text, cameo", [
    ("Germany has authorized its largest delivery yet of military aid to Ukraine.", "070"),
    ("Norway approved a new shipment of weapons to Ukraine on Friday.", "072"),
    ("Uganda is deploying more troops to help fight rebels in Congo.", "074"),
    ("Japan sent a 60-person team of rescuers to Turkey on Sunday.", "073"),
    ("Egypt deployed two aircraft carrying 40 medics to Sudan.", "073"),
])
def test_a_delivery_of_aid_and_forces_sent_to_help_are_aid(main_event, text, cameo):
    """A twenty-sixth blind check's "authorized its largest delivery yet of military aid" (a concession), troops
    "deployed to help fight attacks" in another country and "a team of rescuers" sent (a mobilization, an agreement)
    were no aid (written anew here)."""
    event = main_event(text)
    assert (event.plover, event.cameo_code) == ("AID", cameo)


def test_troops_sent_to_a_border_or_to_fight_are_no_aid(main_event):
    assert main_event("Uganda deployed more troops to the border.").plover == "MOBILIZE"
    assert main_event("Uganda sent troops to Congo to fight the rebels.").plover != "AID"


@pytest.mark.parametrize("text", [
    "India began moving thousands of troops to its border with Pakistan on Monday.",
    "India has sent extra troops to its border with China.",
    "India has bolstered its military deployments along the frontier.",
])
def test_troops_moved_to_a_border_or_a_posture_bolstered_is_a_mobilization(main_event, text):
    """A twenty-sixth blind check's troops moved or sent "to its border", deployments "bolstered along" a line were an
    attack, cooperation or none (written anew here): 154."""
    assert main_event(text).plover == "MOBILIZE"


def test_troops_sent_to_another_country_are_no_mobilization_to_a_border(main_event):
    assert main_event("India sent troops to Sri Lanka.").plover != "MOBILIZE"


@pytest.mark.parametrize("text", [
    "Armenia said it is not ready to negotiate with Azerbaijan.",
    "Armenia denied it was ready to negotiate with Azerbaijan.",
    "Armenia said it is ready to defend itself against any attack.",
])
def test_a_readiness_negated_denied_or_for_itself_is_no_intent(main_event, text):
    """A verifier of the stated intents: "not ready", "denied it was ready" and "ready to defend itself" were coded
    intents to negotiate or cooperate (036, 032)."""
    event = main_event(text)
    assert event is None or event.plover != "AGREE", text


@pytest.mark.parametrize("text, target", [
    ("Chad sent troops to help the Malian army against the jihadists.", "MLI"),
    ("Spain sent rescuers to help Morocco after the floods.", "MAR"),
    ("UNICEF has delivered 40 tonnes of medical supplies to Mali.", "MLI"),
    ("The Red Cross delivered medical supplies to Niger on Thursday.", "NER"),
])
def test_forces_sent_to_help_and_supplies_delivered_are_aid_to_the_side_helped(main_event, text, target):
    """A verifier: troops "sent to help the Iraqi army" were aid to the troops themselves; a blind check's "has
    delivered 30 tons of medical supplies to X" was no event."""
    event = main_event(text)
    assert event.plover == "AID" and event.target is not None and event.target.code[:3] == target


@pytest.mark.parametrize("text, plover, sides_", [
    ("Protests broke out in several cities on Saturday.", "PROTEST", (None, None)),
    ("Talks between Kinshasa and the rebels resumed on Monday.", "CONSULT", ("CODGOV", "CODREB")),
    ("Negotiations opened on Monday between Serbia and Kosovo.", "CONSULT", ("SRBGOV", "XKXGOV")),
    ("A deal was signed between Sudan and South Sudan on Friday.", "SUPPORT", ("SDNGOV", "SSDGOV")),
    ("The truce took effect on Sunday morning.", "RETREAT", (None, None)),
])
def test_an_event_begun_or_made_with_no_doer(main_event, text, plover, sides_):
    """Protests that broke out, talks begun, an accord made by a passive verb, a truce in effect, none naming a
    doer: they were no event (a tester's sentences)."""
    event = main_event(text)
    assert event is not None and event.plover == plover
    if sides_ != (None, None):
        assert sides(event) == sides_


@pytest.mark.parametrize("text", ["Talks between the two sides broke down on Friday.",
                                  "Protests are expected to erupt if the vote is delayed."])
def test_talks_ended_or_protests_to_come_are_no_begun_event(code, text):
    assert [e for e in code(text) if e.plover in ("CONSULT", "PROTEST")] == []


def test_troops_massed_on_a_border_are_a_mobilization(main_event):
    event = main_event("Armenia has massed troops on its border with Azerbaijan.")
    assert event.plover == "MOBILIZE" and event.cameo_code == "154"


@pytest.mark.parametrize("text, sides_", [
    ("Nigeria has decided to close its borders with Niger after the coup.", ("NGAGOV", "NERGOV")),
    ("Mali announced the recall of its ambassadors to Algeria.", ("MLIGOV", "DZAGOV")),
    ("The African Union suspended Niger from the bloc after the coup.", ("AFRIGO", "NERGOV")),
])
def test_sanctions_by_other_words(main_event, text, sides_):
    """Borders closed with a country, envoys recalled, a member suspended from a bloc: sanctions (a blind check's were
    coercion, a statement)."""
    event = main_event(text)
    assert event.plover == "SANCTION" and sides(event) == sides_


def test_a_border_crossing_closed_is_no_sanction(main_event):
    """The near sentence: a crossing closed after an attack stays as before (coercion)."""
    assert main_event("Kenya closed the border crossing at Mandera after the attack.").plover == "COERCE"


@pytest.mark.parametrize("text, plover", [
    ("The government inked a peace deal with six rebel groups on Friday.", "SUPPORT"),
    ("Colombia and the ELN finalized the signing of a peace accord in Havana.", "SUPPORT"),
    ("The army and the rebels signed off on a three-day ceasefire.", "RETREAT"),
])
def test_accords_made_with_other_verbs(main_event, text, plover):
    """"inked a deal", "finalized the signing of the accord", "signed off on a ceasefire" (a blind check's were no
    event, and a ceasefire signed off on an accord, 057)."""
    assert main_event(text).plover == plover


@pytest.mark.parametrize("text", [
    "Putin ordered soldiers near the border to be on combat alert.",
    "Nigerian army units stepped up patrols on the streets of Abuja.",
    "Nigeria sent 3,000 more soldiers to its north-east region.",
])
def test_alerts_patrols_and_troops_sent_home_are_a_mobilization(main_event, text):
    """A blind check's alert ordered, patrols stepped up and soldiers sent to the country's own region were a request,
    cooperation, no event."""
    assert main_event(text).plover == "MOBILIZE"


def test_troops_sent_to_another_country_are_no_mobilization(main_event):
    """The near sentence: troops sent to another country's region stay as before."""
    assert main_event("Nigeria sent troops to Chad's border region.").plover != "MOBILIZE"


def test_fighting_to_resume_said_is_a_threat(main_event):
    """"said they would resume fighting after the deadline" (a blind check's was a statement)."""
    assert main_event("The rebels said they would resume fighting if the talks failed.").plover == "THREATEN"


def test_fighting_to_continue_said_stays_as_before(code):
    """The near sentence: fighting said to continue (no resumption) is no threat."""
    assert [e for e in code("The rebels said they would continue fighting for their rights.")
            if e.plover == "THREATEN"] == []


@pytest.mark.parametrize("text", [
    "The group has carried out several major attacks in Nigeria in the last few years.",
    "The group has carried out attacks on army posts in Niger over the past two years.",
    "The militia in the past three years has launched some deadly raids in Chad.",
])
def test_attacks_told_over_the_last_years_are_background(code, text):
    """Background coded as events (a blind check's "in the last few years has carried out some major terror
    attacks" was an attack): plural deeds in the present perfect over a span of years are a tally."""
    assert [e for e in code(text) if e.plover == "ASSAULT"] == []


def test_attacks_since_a_recent_day_stay_events(main_event):
    """The near sentence: attacks counted since a weekday are recent fighting, coded as before."""
    assert main_event("The group has carried out two attacks on army posts in Niger since Friday.").plover == "ASSAULT"


@pytest.mark.parametrize("text", [
    "The envoy recalled the 2016 bombing of the consulate in a speech.",         # a memory: not 161, no attack now
    "Turkey and Syria agreed a border deal last year, diplomats recalled.",
    "Relief convoys were prevented from delivering food to the besieged town.",   # not done: no aid
    "Demonstrations have broken out in the capital every winter since 2015.",     # a recurrence: no one protest
])
def test_memories_hindered_deeds_and_recurrences_are_no_events(code, text):
    """A verifier's: "officials recalled" was a recall of envoys (161), "blocked from delivering supplies" aid
    given, "protests have erupted every summer" one protest."""
    assert [e.plover for e in code(text) if e.plover in ("SANCTION", "ASSAULT", "AID", "PROTEST")] == []


def test_an_envoy_recalled_still_cuts_ties(main_event):
    event = main_event("Morocco recalled its ambassador from Algeria on Monday.")
    assert event.cameo_code == "161"


def test_a_truce_that_begins_is_a_stand_down(main_event):
    """Ceasefires (a blind set's "a six-month ceasefire between A and B began on Thursday" was no event): a truce
    begun is a stand-down (0871), with the two sides of its "between"."""
    event = main_event("A three-month truce between the Malian army and the Tuareg rebels began on Friday.")
    assert event.plover == "RETREAT" and event.cameo_code == "0871"


def test_a_truce_that_starts_to_crumble_is_no_stand_down(code):
    assert [e for e in code("A truce between the two militias started to crumble on Friday.")
            if e.plover == "RETREAT"] == []


@pytest.mark.parametrize("text", ["Armed bandits set fire to a market in the town on Tuesday.",
                                  "Militiamen torched dozens of homes in the village overnight.",
                                  "The armed groups burned houses in the district, a local chief said."])
def test_arson_by_armed_men_is_an_assault(main_event, text):
    """Arson was property damage (1712, COERCE); the blind set's gangs' arson was an assault (18)."""
    assert main_event(text).plover == "ASSAULT"


def test_arson_by_protesters_stays_a_riot(main_event):
    """The near sentence: a crowd's arson stays a protest (145), as before."""
    assert main_event("Angry protesters set fire to the gate of the French embassy in Dakar.").plover == "PROTEST"


def test_placed_under_house_arrest_is_coercion(main_event):
    """Coercion missed (a blind set's "has been placed under house arrest" was no event)."""
    event = main_event("The former Malian prime minister has been placed under house arrest.")
    assert event.plover == "COERCE" and event.target.country == "MLI"


def test_placed_under_a_governor_is_no_coercion(code):
    assert [e for e in code("The region was placed under a new governor last week.") if e.plover == "COERCE"] == []


def test_troops_deployed_with_no_mover_named_mobilize(main_event):
    """Mobilization missed (a blind set's "thousands of troops were deployed in <region> to fight X" was no event):
    the forces of a passive deployment with no agent are the side that mobilizes."""
    event = main_event("Thousands of Kenyan troops were deployed in the north to fight the militants.")
    assert event.plover == "MOBILIZE" and event.source.country == "KEN"


def test_police_deployed_stay_as_before(code):
    """The near sentence: a deployment of police names no armed force (ARMED_NOUNS): no event, as before."""
    assert code("Police were deployed in the capital on Sunday.") == []


def test_punishment_said_to_come_is_a_threat(main_event):
    """Threats (a blind set's "added that the perpetrators ... would be punished" was no event)."""
    assert main_event("The Peruvian interior minister added that the attackers would be punished.").plover == \
        "THREATEN"


def test_arrests_said_to_come_stay_a_statement(code):
    assert [e for e in code("The Peruvian interior minister said the attackers would be arrested.")
            if e.plover == "THREATEN"] == []


@pytest.mark.parametrize("text", [
    "The Peruvian envoy had a working meeting with the Chilean foreign minister.",
    "The presidents of Peru and Chile spoke on the phone to discuss the crisis.",
    "A Chilean delegation arrived in Lima on a fact-finding mission.",
])
def test_meetings_calls_and_visits_are_consultations(main_event, text):
    """Meetings and visits coded as nothing (a blind set's "had an important working meeting with", "spoke on the
    phone to discuss", "a delegation from X arrived in <city> on a fact-finding mission")."""
    assert main_event(text).plover == "CONSULT"


@pytest.mark.parametrize("text", ["The minister spoke on condition of anonymity.",
                                  "The country has had no parliament since 2014."])
def test_speaking_and_having_stay_no_events(code, text):
    assert code(text) == []


@pytest.mark.parametrize("text", ["On Friday, 30 trucks carrying food reached Juba.",
                                  "The ship delivered 20,000 tonnes of food to Port Sudan."])
def test_food_delivered_by_trucks_or_ships_is_aid(main_event, text):
    """Aid by trucks or vessels (a blind set's "28 trucks carrying food reached <city>", "the vessel delivered
    47,000 tonnes of sorghum" were no events)."""
    assert main_event(text).plover == "AID"


def test_trucks_that_reach_a_crossing_carry_no_aid(code):
    assert [e for e in code("The trucks reached the border crossing.") if e.plover == "AID"] == []


@pytest.mark.parametrize("text", [
    "Libya has had no parliament since the assassination of its leader in 2014.",
    "Despite an arms embargo imposed by France on Chad, its economy has grown fast.",
    "Cuba continues to suffer from the sanctions imposed on it by the United States.",
    "Peru and Chile share a long border.",
])
def test_background_states_are_no_events(code, text):
    """Background coded as events: the time since which a state holds, an embargo despite which, sanctions one
    suffers from, a border two share (a blind set's four were an assault, coercion twice, cooperation)."""
    assert [e.plover for e in code(text) if e.plover in ("ASSAULT", "COERCE", "SANCTION", "COOPERATE")] == []


@pytest.mark.parametrize("text, plover", [("France imposed an arms embargo on Chad on Monday.", "SANCTION"),
                                          ("Peru and Chile share intelligence on the rebels.", "COOPERATE")])
def test_embargo_imposed_and_intelligence_shared_stay_events(main_event, text, plover):
    assert main_event(text).plover == plover


@pytest.mark.parametrize("text, plover", [
    ("Armenia and Azerbaijan have agreed to cease hostilities along their border.", "RETREAT"),
    ("The African Union agreed to impose sanctions on Mali's junta leaders.", "SANCTION"),
])
def test_an_accord_to_a_truce_or_sanctions_is_the_deed(main_event, text, plover):
    """Ceasefires and sanctions (a blind set's "have agreed to cease their hostilities" and "agreed to impose
    sanctions on X" were accords, 030): agreed to, they are coded as "agreed to a ceasefire" is."""
    assert main_event(text).plover == plover


def test_an_accord_to_end_a_mission_stays_an_accord(main_event):
    """The near sentence (a labelled set's convention): an accord to end a mission stays an accord."""
    assert main_event("Chad and France agreed to end the French combat mission by the end of the year.").plover == \
        "AGREE"


def test_a_river_of_many_countries_names_none(main_event):
    """Countries: "Nile" read from a dictionary as Egypt made a Sudanese town's rebels Egyptian (a blind set's
    "the Upper Nile town of X" gave EGY to both sides): a river is no country's."""
    event = main_event("The Sudanese army shelled a rebel camp near the Blue Nile town of Kurmuk.")
    assert event.source.country == "SDN" and event.target.country != "EGY"


def test_a_country_named_beside_a_river_keeps_its_own(main_event):
    assert main_event("Egyptian troops patrolled the Nile river.").source.country == "EGY"


def test_arson_by_soldiers_stays_property_damage(main_event):
    """The near sentence: a state's forces' arson stays property damage (1712), as before (a held-out guard)."""
    assert main_event("Nigerian soldiers burned houses in the village on Monday.").cameo_code == "1712"


@pytest.mark.parametrize("text", [
    "A wildfire burned homes in California.",
    "Flames burned the parliament building in Cape Town.",
    "A fire broke out in a Lagos market.",
    "The blaze destroyed dozens of shops.",
])
def test_fire_with_no_one_setting_it_is_no_event(code, text):
    """A verifier's: after arson became an assault, "a wildfire burned homes" was property damage (1712) and "a fire
    broke out" an attack: fire that burns with no doer is no deed."""
    assert code(text) == [], text


@pytest.mark.parametrize("text", [
    "Since the truce began, no shots have been fired in Idlib.",
    "After the ceasefire started, aid flowed into the city.",
])
def test_a_truce_begun_that_tells_a_time_is_no_stand_down(code, text):
    """A verifier's "since the truce began, no shots have been fired": the clause tells when, no truce is begun."""
    assert not [e for e in code(text) if e.plover == "RETREAT"], text


def test_arson_by_gunmen_stays_an_assault_beside_the_fire_rule(main_event):
    assert main_event("Unknown assailants set fire to a police station.").cameo_code == "180"


@pytest.mark.parametrize("text", ["Rocket fire hit the base on Tuesday.",
                                  "Heavy fire from the hills killed two soldiers."])
def test_a_weapons_fire_stays_an_attack_beside_the_fire_rule(main_event, text):
    assert main_event(text).plover == "ASSAULT", text


@pytest.mark.parametrize("text", ["Both sides accused each other of breaking the border truce on Sunday.",
                                  "The two factions blamed one another for the collapse of the talks."])
def test_a_deed_two_sides_did_to_each_other_is_kept_with_no_side_named(main_event, text):
    """Accusations missed (a blind set's "both sides accused each other of violating the truce" was dropped: no
    side named in the sentence): a deed done to each other is one, kept as an attack with no side named is."""
    assert main_event(text).plover == "ACCUSE"


def test_looking_at_each_other_stays_no_event(code):
    assert code("The delegates looked at each other in silence.") == []


@pytest.mark.parametrize("text", [
    "Armenia and Azerbaijan have reached an agreement for an immediate ceasefire along their frontier.",
    "Kenya and Uganda reached an agreement on a truce after two days of clashes.",
    "The army chiefs of Sudan and Chad have agreed to stop all firing along the border from midnight.",
    "The two rebel groups agreed to stop their attacks on the highway.",
])
def test_a_truce_agreed_is_a_stand_down(main_event, text):
    """Ceasefires agreed (a blind set's "reached an agreement for an immediate ceasefire" was the signing of an
    accord, 057, "agreed to stop all firing" an accord, 030): the truce agreed is the event (RETREAT)."""
    assert main_event(text).plover == "RETREAT", text


@pytest.mark.parametrize("text, plover", [
    ("Peru and Ecuador reached an agreement on fishing quotas.", "SUPPORT"),
    ("The rebels agreed to stop recruiting children.", "AGREE"),
])
def test_an_accord_on_other_things_stays_an_accord(main_event, text, plover):
    assert main_event(text).plover == plover, text


@pytest.mark.parametrize("text", [
    "The charity has handed out tents to 2,000 families in the flooded district.",
    "UNICEF has begun distributing water kits and medicines to families in the camps.",
    "The Red Cross has distributed food parcels to displaced families in Sudan.",
])
def test_relief_handed_out_is_aid(main_event, text):
    """Aid handed out (a blind set's "has handed out blankets to families", "has begun distributing blankets and
    kits" were no event and a statement): relief goods handed out or distributed are aid (070)."""
    assert main_event(text).plover == "AID", text


def test_aid_received_from_a_giver_is_the_givers_aid(main_event):
    """Aid received (a blind set's "received containers of food aid from X" was a meeting, 043, sides reversed)."""
    event = main_event("The Kenyan government received 20 trucks of food aid from Ethiopia on Monday.")
    assert event.plover == "AID" and event.source.country == "ETH" and event.target.country == "KEN"


@pytest.mark.parametrize("text", ["Activists distributed leaflets calling for a general strike.",
                                  "Police handed out fines to drivers.",
                                  "The Kenyan government received a letter from Ethiopia on Monday."])
def test_other_things_handed_out_or_received_are_no_aid(code, text):
    assert not [e for e in code(text) if e.plover == "AID"], text


@pytest.mark.parametrize("text", [
    "The rebels said they will not hesitate to shoot anyone entering the zone.",
    "The militia said it will continue to launch attacks on the capital.",
    "The army said it would consider a military operation against the gangs.",
])
def test_force_said_to_come_through_another_verb_is_a_threat(main_event, text):
    """Threats missed (a blind set's "will not hesitate to shoot", "said will continue to launch attacks", "would
    consider some form of military action against" were statements or none): the force the verb carries is one."""
    assert main_event(text).plover == "THREATEN", text


@pytest.mark.parametrize("text", ["The rebels said they will continue to talk with the government.",
                                  "The minister said he would consider new talks with the rebels.",
                                  "The rebels said they will hesitate to attack the town.",
                                  "The rebels said they will not continue their attacks."])
def test_talks_or_force_held_back_said_to_come_are_no_threat(code, text):
    assert not [e for e in code(text) if e.plover == "THREATEN"], text


@pytest.mark.parametrize("text", ["Hundreds took to the streets to protest the death of a student.",
                                  "Thousands marched through the capital on Sunday."])
def test_a_crowd_told_by_its_number_protests_with_no_side(main_event, text):
    """Protests missed (a blind set's "thousands took to the streets to protest the killing" was dropped: no side
    named): a crowd told by its number alone protests, kept with no side as an attack with none is."""
    event = main_event(text)
    assert event is not None and event.plover == "PROTEST", text


def test_a_named_crowd_keeps_its_side(main_event):
    event = main_event("Hundreds of students protested in the capital on Monday.")
    assert event.plover == "PROTEST" and event.source is not None


def test_fighting_to_go_on_told_with_a_gerund_stays_no_threat(code):
    """The near sentence for the threats rule through "continue": "would continue fighting" stays as before."""
    assert not [e for e in code("The guerrillas said they would continue fighting for their land.")
                if e.plover == "THREATEN"]


@pytest.mark.parametrize("text", [
    "Fierce artillery duels were reported along the frontier between Armenia and Azerbaijan overnight.",
    "Heavy artillery exchanges were reported near the border town of Kaduna on Sunday.",
])
def test_artillery_exchanged_reported_is_an_assault(main_event, text):
    """Fighting reported in the passive (a blind set's "heavy artillery exchanges have been reported along the
    line" was no event): artillery exchanged or duels are shelling (194), as "shelling was reported" is."""
    event = main_event(text)
    assert event is not None and event.plover == "ASSAULT", text


def test_an_exchange_of_prisoners_is_no_assault(code):
    assert not [e for e in code("The two countries agreed to an exchange of prisoners on Sunday.")
                if e.plover == "ASSAULT"]


@pytest.mark.parametrize("text", [
    "Canada said it would pledge 20 million dollars for refugees in Jordan.",
    "The Dutch government announced a contribution of 10 million euros to the relief effort in Chad.",
])
def test_a_pledge_said_to_come_or_a_contribution_announced_is_agree(main_event, text):
    """Pledges (a blind set's "said it would pledge around 300 million euros", "announced an additional 300
    million contribution" were statements, 010): the labeller's convention codes a pledge AGREE (03)."""
    assert main_event(text).plover == "AGREE", text


@pytest.mark.parametrize("text", ["The rebels said they would agree to talks with the government.",
                                  "Canada said it would not pledge any new money for the camps in Jordan."])
def test_other_agreements_said_to_come_or_pledges_refused_stay_as_before(code, text):
    assert not [e for e in code(text) if e.plover == "AGREE"], text


def test_a_curfew_imposed_with_no_side_named_is_coercion(main_event):
    """Coercion (a blind set's "Curfew was imposed in the entire valley" was dropped, no side named): a curfew
    imposed is a state's order (1723), kept with no side as an attack with none is."""
    event = main_event("A curfew was imposed in the northern town of Gulu on Friday after clashes.")
    assert event is not None and event.plover == "COERCE"


def test_a_curfew_lifted_is_no_coercion(code):
    assert not [e for e in code("The curfew in the town was lifted on Monday.") if e.plover == "COERCE"]


@pytest.mark.parametrize("text", [
    "Police used tear gas and rubber bullets to push back crowds of young demonstrators who tried to storm the palace.",
    "Kenyan police used tear gas to push back hundreds of opposition supporters marching on the State House.",
    "Police used rubber bullets and tear gas to hold back demonstrators who attempted to break into the ministry.",
])
def test_riot_gear_used_is_repression(main_event, text):
    """Coercion (a blind set's "police used tear gas and rubber bullets to push back crowds of young protesters"
    was the protesters' riot, 145): riot gear used is repression (175)."""
    event = main_event(text)
    assert event.plover == "COERCE" and event.cameo_code == "175", text


def test_other_gas_used_is_no_repression(code):
    assert not [e for e in code("The plant uses natural gas to generate power for the city.")
                if e.plover == "COERCE"]


@pytest.mark.parametrize("text", [
    "Officials said about 300 police and military personnel had been deployed in the district ahead of the vote.",
    "Hundreds of gendarmes and army personnel had been deployed around the parliament ahead of the vote.",
    "Five companies of federal police reached the provincial capital on Tuesday, officials said.",
])
def test_forces_deployed_with_no_side_or_police_units_arriving_mobilize(main_event, text):
    """Mobilization (a blind set's "about 200 police and military personnel had been deployed" was a statement,
    "eight companies of police reached the state capital" no event): both are a mobilization (154)."""
    event = main_event(text)
    assert event is not None and event.plover == "MOBILIZE", text


@pytest.mark.parametrize("text", ["Police reached the scene of the accident an hour later.",
                                  "Rebel fighters reached the outskirts of the capital on Tuesday.",
                                  "Dozens of aid workers had been deployed in the district after the floods."])
def test_other_arrivals_and_deployments_do_not_mobilize(code, text):
    assert not [e for e in code(text) if e.plover == "MOBILIZE"], text


@pytest.mark.parametrize("text", [
    "Kenyan officials have been in discussions with their Ethiopian counterparts for several days about the border.",
    "The Egyptian foreign minister has been in talks with Sudanese officials about the dam.",
])
def test_being_in_talks_with_a_side_is_consultation(main_event, text):
    """Consultation missed (a blind set's "have been in discussions with their US counterparts" was no event: the
    verb "be" read as none): being in talks with a side is talks held (046)."""
    event = main_event(text)
    assert event is not None and event.plover == "CONSULT", text


@pytest.mark.parametrize("text", ["The talks with the rebels have been in trouble since March.",
                                  "The minister is in talks about a new budget."])
def test_other_things_in_talks_are_no_consultation(code, text):
    assert not [e for e in code(text) if e.plover == "CONSULT"], text


@pytest.mark.parametrize("text", [
    "Hundreds of Chileans took to the streets of Santiago on Monday demanding the resignation of the minister.",
    "Thousands of Kenyans took to the streets of Nairobi demanding lower taxes.",
])
def test_a_crowd_in_the_streets_demanding_protests(main_event, text):
    """Protests missed (a blind set's "hundreds of Peruvians took to the streets of Lima demanding ... the
    resignation of the president" was the request, 100): the demand a street protest carries is the protest's."""
    assert main_event(text).plover == "PROTEST", text


def test_a_demand_made_after_a_street_protest_stays_a_request(main_event):
    event = main_event("The Kenyan minister demanded an inquiry after thousands took to the streets of Nairobi.")
    assert event.plover == "REQUEST"


@pytest.mark.parametrize("text", [
    "Students have brought out protest rallies in several cities against the killings.",
    "The opposition leader led hundreds of supporters in a protest against the election results.",
])
def test_a_protest_held_or_led_is_its_holders(main_event, text):
    """Protests missed (a blind set's "students have brought out protest rallies", "leading a team of MPs ... in a
    protest against arrests" were dropped, no side read): who brings out or leads a protest is its side."""
    event = main_event(text)
    assert event is not None and event.plover == "PROTEST" and event.source is not None, text


def test_talks_led_with_protesters_are_no_protest(code):
    found = code("The minister led a delegation in talks with the protesters on Monday.")
    assert not [e for e in found if e.plover == "PROTEST"]


@pytest.mark.parametrize("text", [
    "Chad has faced a growing threat from armed groups crossing from the north.",
    "Regional analysts warn that the deployment risks undoing the peace deal.",
    "Farmers in the north have long accused the government of neglect.",
    "Fishermen have long expressed anger about the pollution caused by the oil company's mine operations.",
])
def test_standing_conditions_commentary_and_lasting_stances_are_background(code, text):
    """Background coded as events (a blind set's "has faced a growing threat from extremist groups", "regional
    analysts warn that", "have long expressed frustration about the destruction caused by mine operations" were
    threats, an accusation, a bombing): a threat's trend, commentators' warnings and what one has long done are
    no event, nor the nouns of a sentence that tells only such a stance."""
    assert [e for e in code(text) if e.kind != "statement"] == [], text


@pytest.mark.parametrize("text, plover", [
    ("The rebels warned of a growing number of attacks if the talks failed.", "THREATEN"),
    ("Farmers in the north accused the government of neglect on Monday.", "ACCUSE"),
])
def test_a_threat_or_an_accusation_made_now_stays(main_event, text, plover):
    assert main_event(text).plover == plover, text


@pytest.mark.parametrize("text", [
    "More than 100,000 people have been affected nationwide.",
    "Flights were cancelled due to the attacks on the airport.",
    "Schools in the province have stayed closed for a month due to recent attacks.",
])
def test_tallies_and_their_causes_are_background(code, text):
    """Background tallies (a blind set's "more than 257,000 people have been affected" was support, 050, "reports
    over 50,000 displaced people due to recent attacks" an attack): being affected is no deed, and the attacks a
    tally is "due to" are its cause, no event told."""
    assert [e for e in code(text) if e.kind != "statement"] == [], text


def test_an_attack_told_with_its_cause_stays(main_event):
    event = main_event("Rebels attacked the airport on Monday due to a dispute over land.")
    assert event.plover == "ASSAULT"


@pytest.mark.parametrize("text", [
    "A British destroyer carried out a freedom-of-navigation operation near the Spratly Islands on Tuesday.",
    "The Australian navy carried out a surveillance operation off the coast on Friday.",
])
def test_an_operation_that_shows_force_mobilizes(main_event, text):
    """Mobilization (a blind set's "a US warship carried out a freedom-of-navigation operation" was an attack,
    190): an operation of navigation, patrol or surveillance shows force without using it (154)."""
    assert main_event(text).plover == "MOBILIZE", text


def test_a_military_operation_against_rebels_stays_an_assault(main_event):
    assert main_event("The army carried out a military operation against the rebels in the north.").plover == \
        "ASSAULT"


@pytest.mark.parametrize("text", [
    "Vietnamese and Malaysian delegations initialed the draft of a fisheries agreement on Monday.",
    "Kenya and Ethiopia initialled a border deal in Nairobi.",
])
def test_a_text_initialled_is_signed(main_event, text):
    """Cooperation missed (a blind set's "delegations initialed the terms of reference" was no event): initialling
    a text is signing it (057), in either spelling."""
    event = main_event(text)
    assert event is not None and event.cameo_code == "057", text


def test_an_initial_report_is_no_signing(code):
    assert not [e for e in code("The initial report on the floods was published on Monday.") if e.cameo_code == "057"]


def test_the_capture_of_people_ordered_is_an_arrest(main_event):
    """Coercion (a blind set's "ordered the capture of all members of X" was a request, 100): the capture of
    members, leaders or suspects is an arrest (173), as "ordered the arrest of" is."""
    assert main_event("The president ordered the capture of the leaders of the armed group.").plover == "COERCE"


def test_the_capture_of_a_town_ordered_stays_as_before(main_event):
    assert main_event("The general ordered the capture of the town.").plover != "COERCE"


@pytest.mark.parametrize("text", [
    "Thirty years of civil war have left Angola in ruins, with hundreds of thousands killed and millions displaced.",
    "Twelve years of conflict have left Libya devastated, with tens of thousands killed and the economy in ruins.",
    "The island is claimed by Japan and China but controlled by Japan.",
])
def test_what_a_war_left_and_who_holds_a_place_are_background(code, text):
    """Background (a blind set's "years of civil war have left X devastated, with hundreds of thousands killed"
    was an attack, "the shoal is claimed by X and Y but effectively controlled by Z" cooperation, 060): the state
    and toll a war left, and a place held now, are no event."""
    assert [e for e in code(text) if e.kind != "statement"] == [], text


@pytest.mark.parametrize("text", ["The bombing left the market devastated, with twelve people killed.",
                                  "Rebels took control of the town on Monday."])
def test_an_attack_with_its_toll_or_a_seizure_stays_an_assault(main_event, text):
    assert main_event(text).plover == "ASSAULT", text


@pytest.mark.parametrize("text", [
    "The floods destroyed 3,000 homes in the delta.",
    "The storm killed twelve people in the north.",
    "Thousands of families fled from the floods in the south.",
])
def test_what_a_hazard_does_is_no_deed(code, text):
    """Background (a blind set's "the drought has already displaced a million, who joined ... who fled from the
    previous drought" was a retreat; floods and storms that destroy or kill were attacks): what a natural hazard
    does, and a flight from it, is no one's deed."""
    assert [e for e in code(text) if e.kind != "statement"] == [], text


def test_a_flight_of_civilians_from_fighting_is_no_retreat(main_event):
    """It was kept a retreat (0874) beside the hazard rule; a seventh held-out probe labelled such flights no event
    (displacement, no force's retreat), and the held-out news set's "Thousands of people fled their homes after
    ... militants attacked three villages" became the attack."""
    assert main_event("Thousands of families fled from the fighting in the south.") is None


@pytest.mark.parametrize("text", [
    "The rebels have attacked the town several times this year.",
    "The singer, who has been detained many times in recent years, has captured the imagination of young Kenyans.",
])
def test_deeds_told_many_times_and_figures_of_speech_are_background(code, text):
    """Background habits (a blind set's "who has been arrested many times in recent years, has captured the
    imagination of many" was an arrest): deeds told "many times" are a tally, and capturing the imagination is a
    figure of speech, no arrest."""
    assert [e for e in code(text) if e.kind != "statement"] == [], text


@pytest.mark.parametrize("text", ["The rebels attacked the town twice on Monday.",
                                  "The army captured the town on Monday."])
def test_deeds_told_twice_or_a_town_captured_stay(main_event, text):
    assert main_event(text).plover == "ASSAULT", text


def test_aid_received_from_a_giver_named_on_the_aid_is_the_givers_aid(main_event):
    """A verifier's: "received aid from X" (the "from" on the aid, not the verb) was still a meeting, sides reversed."""
    event = main_event("The Chadian army received aid from France on Friday.")
    assert event.plover == "AID" and event.source.country == "FRA" and event.target.country == "TCD"


@pytest.mark.parametrize("text", ["Thousands took to the streets to celebrate the election result.",
                                  "Thousands of troops marched on the rebel stronghold."])
def test_a_crowd_out_to_celebrate_or_troops_on_the_march_are_no_protest(code, text):
    """A verifier's: a crowd that took to the streets to celebrate, and troops that marched, were protests."""
    assert not [e for e in code(text) if e.plover == "PROTEST"], text


def test_troops_that_marched_into_a_town_still_advance(main_event):
    assert main_event("Hundreds of rebels marched into the provincial capital on Monday.").cameo_code == "192"


@pytest.mark.parametrize("text", ["The army said it would take military action against the smugglers.",
                                  "The rebels said they would not hesitate to use force against the patrols."])
def test_force_named_in_words_said_to_come_is_a_threat(main_event, text):
    """A verifier's: "would consider military action against X", "would not hesitate to use force" were no event."""
    assert main_event(text).plover == "THREATEN", text


@pytest.mark.parametrize("text", ["The rebels said they would not use force.",
                                  "The council said it would use diplomatic pressure on the junta."])
def test_force_refused_or_pressure_said_to_come_is_no_threat(code, text):
    assert not [e for e in code(text) if e.plover == "THREATEN"], text


@pytest.mark.parametrize("text", [
    "Hundreds of farmers staged a six-hour blockade of the main highway near Lyon to protest the new fuel tax.",
    "Nursing students have begun a two-day blockade of the ring road in Lagos, stepping up their protest against fees.",
    "Demonstrators pelted the governor's residence in Kano with tomatoes.",
    "Angry demonstrators smashed the windows of the electoral commission building in Conakry.",
])
def test_a_deed_of_force_by_protesters_or_to_protest_is_a_protest(main_event, text):
    """Protests class (a blind set's blockades "to protest", "protesters pelted the offices with eggs", a crowd
    "protesting against the bill stormed the streets" were attacks)."""
    assert main_event(text).plover == "PROTEST", text


@pytest.mark.parametrize("text", ["The rebels stormed the village and killed ten people.",
                                  "Government troops imposed a blockade on the rebel-held town of Kidal."])
def test_a_deed_of_force_by_armed_men_stays_an_attack(main_event, text):
    assert main_event(text).plover == "ASSAULT", text


@pytest.mark.parametrize("text", [
    "The three juntas announced on Monday their withdrawal from the regional trade bloc.",
    "Tehran responded by withdrawing from a planned football tournament with Riyadh and Doha.",
    "Armenia banned all trucks and vehicles registered in Turkey from crossing its border.",
    "The rebels announced a ban on cement imports into the eastern provinces.",
])
def test_leaving_a_body_or_banning_goods_is_a_sanction(main_event, text):
    """Sanctions class (a blind set's "announced their withdrawal from the bloc", "withdrawing from a planned
    tri-series" were retreats, "banned all vehicles with X's plates", "a ban on fuel imports" coercions)."""
    assert main_event(text).plover == "SANCTION", text


@pytest.mark.parametrize("text, plover", [("The army announced the withdrawal of its troops from the border town.",
                                           "RETREAT"),
                                          ("France withdrew its troops from the coalition.", "RETREAT"),
                                          ("The junta banned all political rallies in the capital.", "COERCE")])
def test_troops_withdrawn_or_rallies_banned_stay(main_event, text, plover):
    assert main_event(text).plover == plover, text


@pytest.mark.parametrize("text", [
    "On Monday, the Red Cross delivered food parcels and blankets to families in Mosul.",
    "A Turkish aid flight landed in Beirut on Sunday.",
    "Two Spanish navy ships carrying 50 tons of food and medical supplies have set off for Tripoli.",
])
def test_aid_delivered_landed_or_on_its_way_is_aid(main_event, text):
    """Aid class (a blind set's "delivered emergency medical kits to X", "an aid flight landed in X" were no event,
    "navy ships carrying relief supplies have set off" an attack)."""
    assert main_event(text).plover == "AID", text


@pytest.mark.parametrize("text, plover", [("The rebels delivered a letter to the governor.", "OTHER"),
                                          ("Police set off tear gas to disperse the crowd.", "COERCE")])
def test_a_letter_delivered_or_tear_gas_set_off_stays(main_event, text, plover):
    assert main_event(text).plover == plover, text


@pytest.mark.parametrize("text", [
    "The border district has seen a decade of attacks by bandits from the neighbouring state.",
    "Kidal, in northern Mali, is the epicentre of attacks by jihadist fighters.",
])
def test_attacks_told_as_a_span_or_a_place_s_trait_are_background(code, text):
    """Background class (a blind set's "has endured a decade of attacks by X", "is the epicentre of attacks by
    armed men" were attacks)."""
    assert not [e for e in code(text) if e.plover == "ASSAULT"], text


def test_drills_held_regularly_up_to_now_are_a_practice(code):
    """Background class (a blind set's "has regularly conducted military drills near the island" was a
    mobilization): a habit told in the present perfect is no event."""
    text = "Russia, which claims the islands as its own, has regularly conducted naval exercises near the coast."
    assert not [e for e in code(text) if e.plover == "MOBILIZE"]


@pytest.mark.parametrize("text, plover", [("Russia conducted naval exercises near the coast on Monday.", "MOBILIZE"),
                                          ("Armed groups launched attacks on the town for two days.", "ASSAULT")])
def test_drills_held_once_or_attacks_launched_stay(main_event, text, plover):
    assert main_event(text).plover == plover, text


@pytest.mark.parametrize("text", [
    "Spain said it was ready to send two emergency medical teams to the flooded region.",
    "Nigeria has offered to send 500 police officers to help stabilise Gambia.",
    "She announced plans to open a Ghanaian embassy in Kigali.",
])
def test_an_offer_readiness_or_plan_to_help_is_an_intent(main_event, text):
    """Offers class (a blind set's "said it was ready to send three medical teams" was a statement, "has offered to
    send 1,000 police" aid, "announced plans to open a consulate" no event)."""
    assert main_event(text).plover == "AGREE", text


@pytest.mark.parametrize("text", ["The army announced plans to attack the rebel stronghold.",
                                  "The rebels offered to attack the convoy."])
def test_an_offer_or_plan_to_strike_is_no_intent_to_cooperate(code, text):
    assert not [e for e in code(text) if e.plover == "AGREE"], text


def test_a_named_actor_coded_by_phoenix_s_own_country_code_gets_the_table_s(main_event):
    """Actors class (a blind set's Kosovo prime minister, a Phoenix entry, was KSV, the country table's Kosovo
    XKX): Phoenix's codes that are not ISO's for the same country read as the table's."""
    event = main_event("Hashim Thaci accused Belgrade of stoking tensions in the north.")
    assert event.plover == "ACCUSE" and event.source.country == "XKX" and event.target.country == "SRB"


def test_a_named_actor_with_an_iso_code_stays(main_event):
    event = main_event("Serbian President Aleksandar Vucic accused Pristina of stoking tensions in the north.")
    assert event.source.country == "SRB"


@pytest.mark.parametrize("text", [
    "The rebel alliance unilaterally announced a one-month pause on attacks by its fighters on Friday.",
    "The army declared a pause on air strikes in the north.",
])
def test_a_pause_on_attacks_is_a_stand_down(main_event, text):
    """Truces class (a blind set's "unilaterally announced a two-week pause on attacks by its armed wing" was an
    attack): attacks under a pause "on" them are stopped, not done."""
    assert main_event(text).plover == "RETREAT", text


def test_a_wave_of_attacks_on_posts_stays_an_attack(main_event):
    assert main_event("The rebels launched a wave of attacks on army posts.").plover == "ASSAULT"


@pytest.mark.parametrize("text, plover", [
    ("The Turkish defence ministry issued a statement condemning the Greek coast guard.", "ACCUSE"),
    ("The Nigerian army issued a statement rejecting the proposal of the Chadian government.", "REJECT"),
])
def test_a_statement_issued_that_condemns_or_rejects_is_that_deed(main_event, text, plover):
    """Statements class (a blind set's "issued a statement condemning X's president" was a statement, 010): the
    words a statement is told to say are the issuer's deed."""
    event = main_event(text)
    assert event.plover == plover and event.source.country in ("TUR", "NGA"), text


@pytest.mark.parametrize("text, plover", [
    ("The United States supports the statement by the African Union condemning the coup.", "SUPPORT"),
    ("The Ghanaian ministry issued a statement on Monday.", "OTHER")])
def test_a_statement_supported_or_issued_bare_stays(main_event, text, plover):
    assert main_event(text).plover == plover, text


@pytest.mark.parametrize("text", [
    "The Russian navy has positioned six warships off the coast of Norway.",
    "The Sudanese president ordered the mobilization of 20,000 troops to the eastern border.",
    "The Philippine coast guard carried out patrols around the disputed shoal on Monday.",
])
def test_warships_positioned_a_mobilization_ordered_or_patrols_are_a_mobilization(main_event, text):
    """Mobilization class (a blind set's "has positioned eight warships in X", "ordered the mobilization of 15,000
    troops", "carried out law enforcement patrols around X" were a statement, a request, no event)."""
    assert main_event(text).plover == "MOBILIZE", text


@pytest.mark.parametrize("text", ["The general positioned himself as a candidate for the presidency.",
                                  "The rebels attacked a patrol near the border."])
def test_a_candidate_positioned_or_a_patrol_attacked_is_no_mobilization(code, text):
    assert not [e for e in code(text) if e.plover == "MOBILIZE"], text


@pytest.mark.parametrize("text", [
    "Chad is currently grappling with a separatist insurgency that began in the north in 2016.",
    "Struggling with inflation and drought, the government has cut fuel subsidies.",
])
def test_grappling_or_struggling_with_troubles_is_no_fight(code, text):
    """Background class (a blind set's "is grappling with a jihadist insurgency", "struggling with militant
    violence and poverty" were attacks): a state one copes with, no fight."""
    assert not [e for e in code(text) if e.plover == "ASSAULT"], text


def test_troops_struggling_with_rebels_still_fight(main_event):
    assert main_event("Government troops struggled with the rebels for control of the bridge on Monday.").plover \
        == "ASSAULT"


@pytest.mark.parametrize("text", [
    "Masked men stormed a radio station in Kano on Monday, taking two presenters hostage.",
    "Dozens of men on horseback stormed the market town, before rounding up traders and taking them into the bush.",
])
def test_men_who_storm_a_place_and_take_hostages_abduct(main_event, text):
    """Protests class's converse (a blind set's "masked men stormed a television station ... taking anchors and
    staff hostage", "men ... stormed the village ... before rounding up women and children" were riots)."""
    assert main_event(text).plover == "ASSAULT", text


def test_protesters_who_storm_a_building_still_riot(main_event):
    assert main_event("Hundreds of protesters stormed the parliament building in Lima.").plover == "PROTEST"


def test_a_habits_second_deed_is_no_event(code):
    """Background class (a blind set's "has regularly carried out operations ... and established several military
    outposts" was a mobilization): a verb joined to a habit shares its adverb."""
    text = ("The Nigerian army has regularly carried out raids on rebel camps in the forest and established several "
            "military outposts there.")
    assert not [e for e in code(text) if e.plover == "MOBILIZE"], text


def test_a_dated_deeds_second_deed_stays(code):
    text = ("The Nigerian army carried out raids on rebel camps in the forest and established several military "
            "outposts there.")
    assert [e for e in code(text) if e.plover == "MOBILIZE"], text


@pytest.mark.parametrize("text, target", [
    ("The Kenyan government has sent several humanitarian convoys, including food and medical supplies, to the "
     "north.", None),
    ("Kenya sent a convoy of trucks transporting 80 tonnes of rice to Somalia.", "SOM"),
])
def test_a_convoy_sent_with_aid_goods_is_aid(main_event, text, target):
    """Aid class (a blind set's "has sent several humanitarian convoys, including food", "sent a convoy of trucks
    transporting 120 tonnes of maize flour" were no event, a retreat): the carrier's goods make it aid."""
    event = main_event(text)
    assert event.plover == "AID" and (target is None or event.target.country == target), text


def test_a_convoy_of_armour_sent_is_no_aid(code):
    assert not [e for e in code("Kenya sent a convoy of armoured vehicles to the border.") if e.plover == "AID"]


def test_declining_to_accept_an_offer_is_a_rejection(main_event):
    """Missed-events class (a blind set's "declined to accept the offer of ... peace talks" was no event)."""
    event = main_event("The rebels declined to accept the offer of talks with the government.")
    assert event.plover == "REJECT" and event.source.code == "---REB"


def test_declining_to_comment_is_no_event(code):
    assert code("The minister declined to comment on the offer.") == []


def test_calling_a_ruling_illegal_is_an_accusation(main_event):
    """Missed-events class (a blind set's "called the ban illegal" was no event): a judgement that condemns."""
    assert main_event("The Ugandan opposition party called the ruling illegal on Monday.").plover == "ACCUSE"


def test_calling_a_ruling_a_mistake_is_no_accusation(code):
    assert not [e for e in code("The opposition party called the ruling a mistake on Monday.")
                if e.plover == "ACCUSE"]


@pytest.mark.parametrize("text", [
    "We have stopped all relations with their president until he changes course, the Gabonese minister said.",
    "The Red Cross has halted some of its humanitarian aid operations in Niger after the killings.",
])
def test_relations_stopped_or_aid_work_halted_is_a_sanction(code, text):
    """Sanctions class (a blind set's "we stopped all relations with him", "has halted some of its humanitarian aid
    operations in X" were no event, a retreat)."""
    assert [e for e in code(text) if e.plover == "SANCTION"], text


def test_military_operations_halted_stay_a_retreat(main_event):
    assert main_event("The Malian army halted its military operations in the north.").plover == "RETREAT"


def test_police_counted_by_number_deployed_are_a_mobilization(main_event):
    """Mobilization class (a blind set's "Hundreds of police were deployed ... in poor neighborhoods" was dropped,
    no side named): police counted by number or unit, deployed, are kept with no side."""
    event = main_event("Hundreds of police were deployed on Wednesday in poor districts of Lima.")
    assert event is not None and event.plover == "MOBILIZE"


def test_police_deployed_bare_stay_no_event(code):
    assert code("Police were deployed in the capital.") == []


@pytest.mark.parametrize("text, side, country", [
    ("Gunmen attacked the UN-backed government's forces in Tripoli.", "target", "LBY"),
    ("Al Shabaab militants attacked the UN-backed Somali government's troops.", "target", "SOM"),
    ("Drone strikes killed two fighters of the UN-recognised government.", "target", "---"),
    ("Haftar-backed drones kill at least eight in Libya.", "source", "LBY"),     # a weapon's backer is its side
])
def test_a_body_that_backs_a_group_is_not_the_group(main_event, text, side, country):
    """A probe's real report ("eight pro UN-backed government fighters were killed ... in a heavy drone attack")
    coded the United Nations as the target: a named body before "-backed" is the patron, as a country is."""
    assert getattr(main_event(text), side).country == country


@pytest.mark.parametrize("text, side", [
    ("Turkish-made drones operated by the GNA struck an LNA convoy near Tarhuna on Monday.", "source"),
    ("A Russian-made Pantsir system was destroyed by a drone strike near Al-Watiya.", "target"),
    ("Iranian-made rockets hit the base on Sunday.", "source"),
    ("Chinese-built drones struck the airport.", "source"),
])
def test_a_weapons_maker_is_not_its_user(main_event, text, side):
    """A fourth held-out probe's "Turkish-made drones operated by the GNA" struck as Turkey, and its "Russian-made
    Pantsir" was Russia's: a country before "-made" or "-built" names who made the weapon, not who used or held it."""
    actor = getattr(main_event(text), side)
    assert actor is None or actor.country in (None, "---")


def test_defending_oneself_or_a_place_is_no_verbal_support(code):
    """A fourth held-out probe's "the army said it was defending itself against the rebels" was a verbal defence
    (052) of the rebels; "defended the town ... against an M23 assault" too. Defending a decision stays 052."""
    assert [e.cameo_code for e in code("The army said it was defending itself against the rebels.")] == []
    events = code("Government troops defended the town of Sake against an M23 assault on Friday.")
    assert "052" not in [e.cameo_code for e in events]
    assert [e.cameo_code for e in code("The minister defended the strike on Monday.")] == ["052"]


@pytest.mark.parametrize("text, cameo", [
    ("Rebels pulled out of peace talks on Tuesday.", "164"),
    ("The government withdrew from the negotiations on Tuesday.", "164"),
    ("M23 walked out of the Doha talks on Tuesday.", "164"),
    ("Troops pulled out of the town on Tuesday.", "087"),
    ("Iran withdrew from the nuclear deal on Tuesday.", "166"),
])
def test_leaving_talks_halts_them(main_event, text, cameo):
    """A fourth held-out probe's "pulled out of peace talks" was a military retreat (087), as was "withdrew from the
    negotiations" (the plural's lemma missed the word list): leaving talks halts negotiations (164)."""
    assert main_event(text).cameo_code == cameo


@pytest.mark.parametrize("text, cameo", [
    ("Police captured the suspect in Goma on Monday.", "173"),
    ("Gunmen seized two men in Bamako on Monday.", "173"),
    ("Taliban fighters captured Kabul on Sunday.", "192"),
    ("Rebels seized Tripoli on Sunday.", "192"),
    ("The army captured Kidal on Tuesday.", "192"),
    ("Rebels captured two soldiers near Bunia on Monday.", "173"),
    ("Two soldiers were captured by the rebels near Bunia on Monday.", "173"),     # the passive's subject is taken
    ("The town was captured by rebels on Thursday.", "192"),
])
def test_a_person_captured_is_held_a_capital_captured_is_taken(main_event, text, cameo):
    """A fourth held-out probe's "Police captured the suspect in Goma" took Goma (192), and "captured Kabul" was an
    arrest of Afghanistan's government (173): a person captured is held, a capital captured is ground taken."""
    assert main_event(text).cameo_code == cameo


@pytest.mark.parametrize("text, cameo", [
    ("Gunmen breached the base camp around lunch hour on Tuesday.", "190"),
    ("Fighters breached the walls of the barracks on Tuesday.", "190"),
    ("The militants breached the ceasefire on Monday.", "128"),
    ("Boko Haram militants raided a military base in northeast Nigeria on Saturday.", "190"),
    ("Police raided a house in Lagos on Saturday.", "170"),
])
def test_a_defence_breached_or_a_base_raided_by_insurgents_is_an_attack(main_event, text, cameo):
    """A fifth held-out probe's "breached the base camp" violated a norm (128) and its "Boko Haram militants raided a
    military base" was coercion (170, a raid at home): a defence breached is forced, an insurgents' raid an attack;
    a truce breached and a police raid stay as they were."""
    assert main_event(text).cameo_code == cameo


@pytest.mark.parametrize("text, country", [
    ("Fighters thought to be from Boko Haram shot dead three goat herders on Sunday.", "NGA"),
    ("Gunmen believed to be from al-Shabaab killed two soldiers on Sunday.", "SOM"),
])
def test_a_hedged_doer_is_no_opinion(main_event, text, country):
    """A fifth held-out probe's "Fighters thought to be from Boko Haram shot dead three goat herders" was no event:
    the parse made "thought" the sentence's verb and the killing an opinion. The hedge names the doer."""
    assert main_event(text).plover == "ASSAULT" and main_event(text).source.country == country


def test_an_opinion_of_a_deed_stays_one(code):
    assert code("Analysts believe the militia killed two soldiers on Sunday.") == []


def test_the_dead_listed_before_dead_are_counted_together(main_event):
    """A fifth held-out probe's "... leaving five soldiers and one civilian dead" read 1: the parse made "dead" a
    conjunct of "soldiers" holding "one civilian"."""
    assert main_event("Gunmen attacked the base on Sunday, leaving five soldiers and one civilian dead.").killed == 6
    assert main_event("Militants attacked a village on Sunday, leaving two dead and five wounded.").killed == 2


def test_a_risk_told_and_a_search_engaged_in_are_no_events(code):
    """A fifth held-out probe's "the worst militant attack in months ... threatened to fuel tensions between India and
    Pakistan" was a threat against India (138), "are engaged in a search and rescue mission" an attack (190)."""
    assert code("The attack threatened to fuel tensions between India and Pakistan.") == []
    assert code("The army and police are engaged in a search and rescue mission in the area.") == []
    assert [e.cameo_code for e in code("Iran threatened to attack US bases on Sunday.")] == ["138"]
    assert [e.plover for e in code("Troops engaged in heavy fighting with militants on Sunday.")] == ["ASSAULT"]


def test_strikes_counted_this_year_and_a_wars_toll_are_background(code):
    """A fifth held-out probe's "The U.S. has carried out 21 such strikes this year" was an attack, and "Some 27,000
    people have been killed and two million others displaced" an attack with 27,000 dead."""
    assert code("The U.S. has carried out 21 such strikes this year against the Somalia-based al-Shabab.") == []
    assert code("Some 27,000 people have been killed and two million others displaced.") == []
    assert [e.killed for e in code("Three soldiers have been killed in the attack, the army said.")] == [3]
    assert [e.plover for e in code("The US has carried out two strikes in Somalia on Sunday.")] == ["ASSAULT"]


def test_an_event_that_shows_something_says_nothing(code):
    """A fifth held-out probe's "The ongoing strikes underscore the escalating tension between US forces and
    Iranian-supported groups" was a statement (010) to US forces; "The attack highlights ..." a disapproval."""
    assert code("The ongoing strikes underscore the escalating tension between US forces and Iranian-supported "
                "groups in the region.") == []
    assert code("The attack highlights the growing threat from the militias.") == []
    assert [e.cameo_code for e in code("The minister underscored the need for dialogue with Iran.")] != []


@pytest.mark.parametrize("text", [
    "The Washington Post reported on Tuesday that the militia had fired rockets at the base.",
    "Voice of America News reported on Tuesday that two soldiers were wounded.",
    "CNN said on Tuesday that the base was hit.",
])
def test_a_news_outlets_report_is_no_statement_of_the_country_in_its_name(code, text):
    """A held-out article's "the Washington Post reported" and "Voice of America News reported" were statements by
    the US government (010), "CNN ... said" one by the media of the place; the report's own clause stays."""
    assert [e for e in code(text) if e.cameo_code == "010"] == []


def test_a_speaker_who_spoke_to_a_newspaper_still_makes_a_statement(code):
    events = code("President Biden, speaking to the Washington Post, said on Tuesday that the US would respond.")
    assert [(e.source.country, e.source.sector) for e in events if e.cameo_code == "010"] == [("USA", "GOV")]


def test_a_side_named_by_the_war_it_wages_is_no_battle(code):
    """Two held-out articles' "the Saudi-led coalition fighting the Houthis said ..." and "the multinational force
    fighting Boko Haram along the Lake Chad region" were coded attacks (190) dated the filing day."""
    events = code("The Saudi-led coalition fighting the Houthis said that it had intercepted a drone on Sunday.")
    assert [e.trigger for e in events if e.plover == "ASSAULT"] == []
    assert [e.trigger for e in code("Gunmen attacking a convoy killed two soldiers near Gao on Monday.")
            if e.plover == "ASSAULT"] == ["attacking"]


@pytest.mark.parametrize("text", [
    "President Joe Biden has pledged to hold those responsible for the attack accountable.",
    "President Joe Biden pledged to hold them to account.",
    "President Joe Biden promised to bring the perpetrators to justice.",
])
def test_punishment_promised_is_a_threat(main_event, text):
    """A held-out article's "Biden has pledged to hold those responsible ... accountable" was an accord (030)."""
    assert main_event(text, "2024-01-29").plover == "THREATEN"


def test_a_pledge_to_hold_talks_stays_an_accord(main_event):
    assert main_event("The minister pledged to hold talks with the rebels.", "2024-01-29").plover == "AGREE"


@pytest.mark.parametrize("text", ["Al-Shabaab released a video of the attack on Sunday.",
                                  "The army released footage of the strike on Monday."])
def test_a_video_released_is_no_one_set_free(code, text):
    """A held-out article's "released a video showing bodies" was the release of persons (0841)."""
    assert [e.cameo_code for e in code(text) if e.cameo_code.startswith("084")] == []


def test_prisoners_released_are_still_set_free(main_event):
    assert main_event("The rebels released 20 prisoners on Monday.", "2024-01-29").cameo_code == "0841"


def test_a_distance_is_no_actor(code):
    """A held-out article's "some 150 kilometers (93 miles) south of Mogadishu", parsed as the subject of "fighting
    broke out", was Somalia's army attacking."""
    events = code("Local sources said a massive blast was heard in the Bulomarer district, some 150 kilometers (93 "
                  "miles) south of Mogadishu, and fighting broke out after dozens of heavily armed al-Shabab militants "
                  "stormed the base.", "2018-04-01")
    assert events and all(e.source is None or "kilometers" not in e.source.text for e in events)


@pytest.mark.parametrize("text", [
    "Any deliberate attack on peacekeepers is a grave violation of international humanitarian law, the UN said.",
    "He said such strikes are unacceptable.",
])
def test_a_kind_of_deed_judged_is_no_deed(code, text):
    """Two held-out articles' "any deliberate attack on peacekeepers is a grave violation" and "such strikes are
    'unacceptable'" were attacks."""
    assert [e.trigger for e in code(text, "2024-10-10") if e.plover == "ASSAULT"] == []


def test_such_an_attack_that_killed_is_still_one(main_event):
    assert main_event("Such an attack killed two soldiers near Gao on Monday.", "2024-10-10").plover == "ASSAULT"


def test_facts_gathered_are_no_meeting(code):
    """A held-out article's "While we are still gathering the facts of this attack, ..." was a consultation (040)."""
    events = code('"While we are still gathering the facts of this attack, we know it was carried out by radical '
                  'Iran-backed militant groups," Biden said.', "2024-01-28")
    assert [e.plover for e in events if e.plover == "CONSULT"] == []
    assert [e.plover for e in code("Protesters gathered in Baghdad on Monday.")] == ["PROTEST"]


def test_leaving_to_fight_is_no_fight(code):
    """A held-out article's "some had left to fight in Mali and Ukraine" was an attack (190) by Russia."""
    events = code("Wagner mercenaries remain active in eastern Libya, though some had left to fight in Mali and "
                  "Ukraine, supporting the Russian army's invasion.", "2024-01-28")
    assert [e.trigger for e in events if e.plover == "ASSAULT"] == []


def test_another_countrys_caretaker_prime_minister_is_not_iraqs(code):
    """A held-out article's "Lebanon's caretaker prime minister, Najib Mikati, said ..." was Iraq's government (the
    theatre's alias "caretaker prime minister", meant for Abdul-Mahdi's months as caretaker)."""
    events = code("Lebanon's caretaker prime minister, Najib Mikati, said contacts were under way between the United "
                  "States and France.", "2024-10-10")
    assert [e.source.country for e in events if e.cameo_code == "010"] == ["LBN"]


@pytest.mark.parametrize("text", ["It was the first major attack on Bamako in years.",
                                  "This was the deadliest bombing in the capital since 2019."])
def test_a_deed_told_elsewhere_and_ranked_is_no_new_one(code, text):
    """A fourth held-out probe's "It was the first major attack on Bamako in years" was an attack on Mali's
    government, merged with the article's toll and dated the day of publication."""
    assert [e.trigger for e in code(text, "2024-09-18") if e.plover == "ASSAULT"] == []


def test_the_ranked_deed_itself_is_still_one(main_event):
    event = main_event("Militants attacked the base on Tuesday in the deadliest attack on the army this year.",
                       "2024-09-18")
    assert event.plover == "ASSAULT" and event.date.isoformat() == "2024-09-17"


@pytest.mark.parametrize("text", ["M23 rebels said on Monday they had captured Goma.",
                                  "Rebels captured Kidal on Sunday, the army said."])
def test_a_town_captured_is_taken_not_arrested(code, text):
    """A fourth held-out probe's "they had captured Goma" was an arrest (173) of Congo's army; "captured the city
    of Goma" was already a taking of territory (192)."""
    assert [e.cameo_code for e in code(text, "2025-01-28") if e.trigger == "captured"] == ["192"]
    assert [e.cameo_code for e in code("Rebels captured two soldiers near Goma.", "2025-01-28")] == ["173"]


def test_a_datelines_country_of_several_words_is_no_actor(code):
    """A fourth held-out probe's "GOMA, Democratic Republic of Congo (Reuters) -" was not taken as a dateline: the
    capture's striker became Congo's army (M23 lost), and Reuters a second striker."""
    events = code("GOMA, Democratic Republic of Congo (Reuters) - M23 rebels captured Goma on Monday.", "2025-01-28")
    assert [(e.cameo_code, e.source.code) for e in events] == [("192", "CODREB")]
    events = code("SARAJEVO, Bosnia and Herzegovina (AP) - Police arrested two men on Monday.", "2025-01-28")
    assert [e.source.text for e in events] == ["Police"]


@pytest.mark.parametrize("text", [
    "The GNA's interior minister, Fathi Bashagha, accused Russia of deploying mercenaries.",
    "The government accused Iran of arming the rebels."])
def test_an_official_of_no_named_country_is_not_the_accused_countrys(code, text):
    """A fourth held-out probe's Libyan interior minister accusing Russia was coded Russia's government: a side
    named by its sector alone took the country of the country it accused."""
    events = code(text, "2020-01-29")
    assert [(e.plover, e.source.country) for e in events] == [("ACCUSE", "---")]
    assert [e.source.code for e in code("Police arrested two Russian journalists in Moscow.")] == ["RUSCOP"]


@pytest.mark.parametrize("text, year", [("A 2022 attack in the north of the country killed more than 80 people.", 2022),
                                        ("The 2019 bombing killed 30 people.", 2019)])
def test_an_event_named_with_its_year_is_of_that_year(main_event, text, year):
    """A fourth held-out probe's "A 2022 attack ... killed more than 80 people" was dated the day of publication."""
    event = main_event(text, "2024-08-27")
    assert (event.date.year, event.date_precision) == (year, "year")


def test_a_year_beside_no_event_word_of_the_clause_dates_nothing(main_event):
    event = main_event("Gunmen killed 12 people in the 2021 election violence.", "2024-08-27")
    assert (event.date.isoformat(), event.date_precision) == ("2024-08-27", "day")


def test_people_captured_in_the_passive_are_no_ground_taken(code):
    """A fifth held-out probe's "... left five of the assailants dead while three others were captured" was a taking
    of ground (192): what a passive undergoes is its object, as the active's is."""
    assert "192" not in [e.cameo_code for e in code("Three others were captured on Thursday.")]


def test_a_deed_that_claimed_lives_is_a_killing_with_its_toll(main_event, code):
    """A fifth held-out probe's "The pre-dawn assault ... claimed the lives of five soldiers, one civilian and three
    militants" gave no toll ("claimed" a claim, 015): claiming lives is killing, its toll the lives' "of" phrase."""
    event = main_event("A roadside bomb claimed the lives of three US soldiers on Sunday.")
    assert (event.plover, event.killed, event.target.country) == ("ASSAULT", 3, "USA")
    assert [e.cameo_code for e in code("Iran claimed that the US had struck its ship on Sunday.")] == ["015", "190"]


def test_a_pronoun_of_a_when_clause_is_its_main_clauses_subject(main_event, code):
    """A fifth held-out probe's "AMISOM said some of the attackers were wearing ... uniforms when they breached the
    base camp" made AMISOM, the speaker, the attacker: "they" is the attackers of the clause it hangs on."""
    breach = next(e for e in code("AMISOM said some of the attackers were wearing Somali national army uniforms when "
                                  "they breached the base camp around lunch hour.") if e.plover == "ASSAULT")
    assert breach.source.actor == "attackers" and breach.source.country != "AFR"


@pytest.mark.parametrize("text, killed", [
    ("At least 10 Houthis were killed in the air strike on Saturday.", 10),   # the number parsed as the verb's "meta"
    ("A woman was shot and killed in Kabul on Saturday.", 1),                # the conjoined participle's passive
    ("Two soldiers were shot and killed in Kabul on Saturday.", 2),
    ("Gunmen shot and killed a woman in Kabul on Saturday.", 1),
])
def test_the_victims_of_a_named_group_or_of_a_shared_passive_are_counted(main_event, text, killed):
    """A sixth held-out probe's "At least 10 Houthis were killed ..." counted 1 ("10 soldiers" 10: the parser hangs
    the number on the verb before a name) and "A woman was shot and killed" had no toll."""
    assert main_event(text).killed == killed


@pytest.mark.parametrize("text, codes", [
    ("Burkina Faso's government has not officially confirmed the attack or provided an updated casualty figure.", []),
    ("Neither the Taliban nor government security officials have commented on the attack.", []),
    ("The army warned that war would spread to the rest of Sudan if the capital is divided.", []),
])
def test_a_deed_denied_by_or_or_neither_and_a_war_foreseen_are_no_event(code, text, codes):
    """A sixth held-out probe's: the "or" shares the "not" (was aid, 070), "neither X nor Y" is no one (was the
    Taliban's statement, 010), and a warning that a war would spread is a forecast, told as "said that war would
    spread" is, not a threat (130)."""
    assert [e.cameo_code for e in code(text)] == codes


@pytest.mark.parametrize("text, expected", [
    ("The army did not retreat and fought the rebels in Goma.", "190"),   # "and": the second deed is done
    ("Hezbollah warned that it would strike Haifa.", "138"),            # its own deed: a threat
])
def test_a_deed_joined_by_and_and_a_warning_of_one_s_own_strike_stay(main_event, text, expected):
    assert main_event(text).cameo_code == expected


@pytest.mark.parametrize("text", [
    "Over the last month, 165 U.S.-led airstrikes had been conducted on Ramadi to assist Iraqi troops.",
    "In a week more than 60 regime soldiers have been killed and 30 injured, according to the group.",
    "Well over 1,500 people have been arrested under the junta, according to an advocacy group.",
    "The Taliban have seized a number of districts across the country in recent years, expanding their footprint.",
    "The conflict that broke out a month ago has killed hundreds of people.",
    "Since the recent escalation, hundreds of people have been killed.",
    "There are reports about everyday attacks and provocations by the pro-Russian forces.",
])
def test_deeds_counted_over_a_span_are_a_tally_not_an_event(code, text):
    """A sixth held-out probe's tallies, each coded as one new event: counted over the last month or a week, a
    thousand or more in the perfect, "a number of" in recent years (and the participle that goes with it), a war's
    start told with its toll, since an escalation, and everyday attacks."""
    assert [e.cameo_code for e in code(text)] == []


@pytest.mark.parametrize("text", [
    "Gunmen killed 12 villagers last week.",
    "Israeli jets struck a building in Beirut on Sunday, killing five people.",
    "Fighting that broke out on Saturday killed ten people.",
])
def test_one_deed_of_a_day_stays_an_event(code, text):
    assert [e.plover for e in code(text)] == ["ASSAULT"]


@pytest.mark.parametrize("text, cameo, source", [
    ("The IDF confirmed that a total of 24 rockets were launched by Hezbollah in three waves.", "194", "LBN"),
    ("The deal, signed on Saturday by the army and the RSF, came into effect on Monday.", "057", "---"),
    ("Israel on Monday announced a nationwide state of emergency.", "1724", "ISR"),
    ("The army ordered a retreat from the town.", "0874", "---"),
])
def test_an_event_noun_behind_a_total_a_state_or_a_participle_is_coded(code, text, cameo, source):
    """A sixth held-out probe's missed events: "a total of 24 rockets" hid the rockets launched, the participle of
    "the deal, signed ... by X and Y" is no description of the deal but its signing, "a state of emergency" and "a
    retreat" ordered were no event noun (the retreat a request, 100)."""
    event = next(e for e in code(text) if e.cameo_code != "010")
    assert (event.cameo_code, event.source.country) == (cameo, source)
    assert [e.cameo_code for e in code("The 2015 deal signed by Iran and six powers collapsed.")] == []


@pytest.mark.parametrize("text, expected", [
    ("Police fired tear gas and stun grenades to break up a protest in Yangon.", "175"),
    ("Soldiers fired live rounds to disperse a demonstration in Mandalay.", "175"),
    ("Protesters stormed the embassy to intensify their protest.", "145"),
])
def test_force_used_to_break_up_a_protest_is_force_against_protesters(main_event, text, expected):
    """A sixth held-out probe's "police fired tear gas shells ... to break up a protest" was the police's protest."""
    assert main_event(text).cameo_code == expected


def test_allies_using_force_together_are_not_each_other_s_target(code):
    """A sixth held-out probe's "Malian soldiers and their Russian allies looted houses" was a looting of the
    Russians; a mutual deed ("exchanged fire") still has the other side its target."""
    assert [e.target for e in code("Malian soldiers and their Russian allies looted houses in Moura.")] == [None, None]
    exchange = code("Israel and Hamas exchanged fire on Sunday.")[0]
    assert (exchange.source.country, exchange.target.country) == ("ISR", "PSE")


def test_a_border_a_distance_and_a_side_between_others_name_no_side_or_place(main_event):
    """A sixth held-out probe's: "rockets at Neot Mordechai, which is located just 6 kilometers from the
    Lebanese-Israeli border" struck Lebanon's army; "pro-Russian rebels" in eastern Ukraine were Russia's, from "the
    standoff between Moscow and the West" read as the sentence's place."""
    fire = main_event("Hezbollah fired a barrage of rockets at Neot Mordechai, which is located just 6 kilometers "
                      "from the Lebanese-Israeli border.")
    assert fire.target is None
    truce = main_event("Ukraine and pro-Russian rebels reached a ceasefire agreement on Friday, a first step toward "
                       "ending fighting in eastern Ukraine that has caused a standoff between Moscow and the West.")
    assert truce.target.country == "UKR"


@pytest.mark.parametrize("text, person", [
    ("Turki Al-Maliki, the spokesman for the Saudi coalition, said the rebels attacked Jizan.", False),
    ("Prime Minister Al-Maliki said the militias attacked the base.", True),
    ("Nouri al-Maliki said the militias attacked the base.", True),
])
def test_a_hyphenated_surname_after_another_given_name_is_someone_else(code, text, person):
    """A sixth held-out probe's Saudi coalition spokesman Turki Al-Maliki was Iraq's Nuri al-Maliki."""
    assert any(e.source is not None and e.source.actor == "Nuri Al Maliki" for e in code(text)) is person


@pytest.mark.parametrize("text", [
    "The RSF have dug in across Khartoum neighbourhoods.",                 # was an investigation, 090
    "The junta presses on with operations aimed at recovering territory.",  # was a demand, 020
    "The crowd congregated in the square.",                                 # was a consultation, 040
])
def test_verbs_of_going_on_or_gathering_are_no_event(code, text):
    """A sixth held-out probe's spurious events beside its main ones."""
    assert code(text) == []


def test_the_dead_of_a_second_verb_of_a_passive_are_counted_and_a_ramped_up_campaign_is_an_attack(main_event):
    """A sixth held-out probe's "more than 50 people had been rounded up and beheaded" lost its toll ("beheaded",
    read as a past tense, shared no subject), and "ramped up air strikes on the capital" was no verb's event."""
    assert main_event("More than 50 people had been rounded up and beheaded on a soccer pitch.").killed == 50
    assert main_event("The coalition ramped up air strikes on Sanaa on Tuesday.").cameo_code == "195"
    assert main_event("The army pressed for talks with the rebels.").cameo_code == "020"     # "press" keeps its sense


@pytest.mark.parametrize("text, expected", [
    ("The Kremlin welcomed the agreement, based largely on proposals made by President Vladimir Putin and leaving "
     "the pro-Russian separatists in control of vast swaths of territory.", "051"),
    ("The president welcomed the Iraqi prime minister in Washington.", "043"),
    ("The Iraqi government welcomed the troops at the airport.", "043"),
])
def test_welcoming_a_deed_is_praise_and_welcoming_people_is_hosting(main_event, text, expected):
    """A sixth held-out probe's "The Kremlin welcomed the agreement, ... leaving the pro-Russian separatists in
    control" hosted the separatists (043)."""
    assert main_event(text).cameo_code == expected


@pytest.mark.parametrize("text, codes", [
    ("The attacks on the UAE and Saudi Arabia were war crimes.", []),
    ("The attacks on the UAE were a violation of international law.", []),
    ("The attack on the base killed five soldiers.", ["190"]),
])
def test_a_deed_judged_as_a_crime_is_no_new_deed(code, text, codes):
    """A sixth held-out probe's "... stated that the attacks on the UAE and Saudi Arabia were 'war crimes'" was an
    attack on the UAE (and one on Saudi Arabia): what a deed is called, as "has been called the secret war" is."""
    assert [e.cameo_code for e in code(text)] == codes


@pytest.mark.parametrize("text, codes", [
    ("The RSF said the presidential palace had been hit by an air strike and destroyed, a claim the army denied.",
     ["010"]),
    ("Police said 50 people had been beheaded, a claim that CNN could not verify.", ["1823"]),   # unverified: told
])
def test_a_deed_told_in_a_claim_another_denies_is_not_reported_as_done(code, text, codes):
    """A sixth held-out probe's "..., a claim the army denied" was the army's air strike on the palace."""
    assert [e.cameo_code for e in code(text)] == codes


@pytest.mark.parametrize("text, codes", [
    ("More than 224,000 residents of the city and nearby towns have fled the fighting, the provincial government said "
     "Monday.", []),                                                         # was a military retreat, 0874
    ("Marines discovered a bomb in a building on Aug. 8 during Operation Quick Strike.", []),   # was a bombing, 183
    ("Both sides have been unwilling to concede their maximalist positions on the rebels' territorial control.", []),
    ("The soldiers fled the town as the rebels advanced.", ["0874"]),        # a force's retreat stays one
])
def test_people_fleeing_an_operations_name_and_an_unwilling_side_are_no_event(code, text, codes):
    """A seventh held-out probe's: residents who fled the fighting retreated, "Operation Quick Strike" was a bombing
    and "unwilling to concede" a concession."""
    assert [e.cameo_code for e in code(text) if e.cameo_code != "010"] == codes


def test_a_vehicle_the_victims_rode_is_no_car_bomb_and_a_purpose_has_no_toll(main_event):
    """A seventh held-out probe's: "set their armored vehicle on fire" and "traveling in a vehicle" made car bombings
    (1832), and "an operation to capture or kill X" killed one."""
    ambush = main_event("Gang members ambushed a group of policemen, set their armored vehicle on fire and killed one "
                        "officer.")
    assert ambush.cameo_code != "1832" and ambush.killed == 1
    assert main_event("A car bomb exploded near the base, killing five.").cameo_code == "1832"
    raid = main_event("The army launched an operation to capture or kill Isnilon Hapilon, the leader of Abu Sayyaf.")
    assert raid.killed is None


def test_a_name_with_a_date_in_it_dates_nothing_and_a_force_takes_its_leaders_country(main_event):
    """A seventh held-out probe's sanctions "for allegedly supporting the March 23 Movement" were dated 23 March, and
    "Forces loyal to Libyan general Khalifa Haftar" had no country."""
    sanction = main_event("The United States announced fresh sanctions against Rwanda for allegedly supporting the "
                          "March 23 Movement.", "2026-03-03")
    assert sanction.date.isoformat() == "2026-03-03"
    strike = main_event("Forces loyal to Libyan general Khalifa Haftar carried out an airstrike against the Libyan "
                        "capital's only functioning airport.")
    assert strike.source.country == "LBY"
