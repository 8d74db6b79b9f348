"""The event coder: parsed sentences -> event mentions (who did what to whom, when, where, with what toll).

For every sentence: find event words (``verbs``), drop those that did not
happen (``modality``), find source and target in the parse (``roles``) and
name them with the actor dictionary (``mentions``), sharpen the CAMEO code
from the roles and the weapon, then date the event (``dates``) and count
casualties (``casualties``). Mentions of one event inside a sentence ("X
attacked Y, killing two") become one; mentions across sentences and
articles are merged later (``merge``).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from flashpoint.events.codes import plover_type
from flashpoint.extract.actors import THEATRE_BY_CODE
from flashpoint.extract.casualties import count_casualties
from flashpoint.extract.dates import find_dates, resolve
from flashpoint.extract.actors import INSTRUMENTS
from flashpoint.extract.finder import ActorFinder, country_names
from flashpoint.extract.mentions import LOCATIVE_PREPS, Actor, SentenceActors, content_head
from flashpoint.extract.modality import a_hedged_doer, a_year, assertion, future_date, noun_not_done, noun_of_a_habit
from flashpoint.extract.reader import Document
from flashpoint.extract.roles import (
    TARGET_PREPS, VICTIM_VERBS, _instrument_phrase, child, hits_an_explosive, is_passive, pobj_of, preps,
    resolve_pronoun, source_token, target_candidates,
)
from flashpoint.extract.triggers import (ARMED_NOUNS, FORCE_UNITS, POLICE_FORCES, REPORTING_LIGHT_VERBS, Trigger,
                                         announced_stand_down, attack_noun, begun, fight_between, find_triggers,
                                         into_effect, noun_triggers, stated_intent, stopped_attacks, threat_code,
                                         undergone)
from flashpoint.extract.verbs import attack_mode, noun_code, refine

MATERIAL_CONFLICT = frozenset({"ASSAULT", "MOBILIZE", "RETREAT", "COERCE"})
#: Sectors that act at home: a sector-only actor they act on shares their country.
DOMESTIC_SECTORS = frozenset({"GOV", "COP", "JUD", "LEG", "SPY"})
#: Sides a state's forces act on at home: an attack on them does not place the attacker abroad.
OWN_PEOPLE = DOMESTIC_SECTORS | {"OPP", "CVL", "REF", "MED"}
#: Event types where two conjoined subjects act on each other ("Ukrainian and Russian officials held talks").
SYMMETRIC = frozenset({"AGREE", "CONSULT", "COOPERATE"})
#: Verbs of force whose conjoined subjects use it on each other ("Israel and Hamas exchanged fire")
MUTUAL_FORCE = frozenset("exchange clash fight battle trade skirmish".split())
#: How many conjoined sources or targets one event is copied to ("Russia and Belarus", "Y and Z").
MAX_CONJUNCTS = 3
THEME_PREPS = ("of",)
CASUALTY_VERBS = frozenset({"kill", "wound", "injure", "leave", "maim"})


@dataclass
class EventMention:
    """One coded event in one sentence, with where it was read."""

    doc: str
    sentence: int
    span: tuple[int, int]
    text: str
    trigger: str
    cameo_code: str
    source: Actor | None
    target: Actor | None
    date: date | None
    date_precision: str | None
    mode: str | None
    killed: int | None
    wounded: int | None
    location: str | None
    depth: int
    dated: bool = True     # False: no date in the sentence, the publication day stands in
    confidence: int = 3    # how specific the dictionary entry that coded it was (see ``triggers``)
    kind: str = "verb"     # verb | noun | statement

    @property
    def plover(self) -> str:
        return plover_type(self.cameo_code)


@dataclass
class DocumentState:
    """What carries from one sentence to the next within a document."""

    previous_source: Actor | None = None
    previous_speaker: Actor | None = None      # the last statement's: "he said" after "a spokesman confirmed"
    previous_event: EventMention | None = None
    country: str | None = None
    sentence: int = 0
    surnames: set[str] = field(default_factory=set)    # one-word aliases that were the end of another's name


def _depth(token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


#: Things struck that are an armed side's, though the sentence names none ("US forces struck 85 targets in Iraq and
#: Syria" was an attack on Iraq's civilians, a held-out case's): the place's unidentified forces (UAF), not its
#: civilians.
MILITARY_THINGS = frozenset("target position base depot headquarters hideout stronghold bunker camp".split())


def _with_sector(actor: Actor | None, sector: str) -> Actor | None:
    if actor is None or actor.sector is not None or actor.unknown:
        return actor
    code = actor.country + sector
    name = THEATRE_BY_CODE.get(code, actor.actor if actor.actor not in THEATRE_BY_CODE.values() else actor.text)
    return replace(actor, sector=sector, actor=name)


#: Prepositions that tell of another event before or behind this one ("struck with rockets following a US air
#: strike", "strikes in response to a rocket attack"): its weapon is not this event's.
OTHER_EVENT_PREPS = frozenset("after following before since amid despite".split())
CAUSE_NOUNS = frozenset("response retaliation revenge reprisal".split())


def _weapon_words(tokens, trigger=None) -> set[str]:
    """The words that may name the weapon; not a weapon word naming a thing ("struck rocket launchers", "a drone
    factory": the target, not the weapon) and not a target's description ("a depot used by groups responsible
    for drone attacks")."""
    kept = {t.i for t in tokens}
    for t in tokens:
        if t.dep_ in ("acl", "relcl") and t.head.i in kept and t.head.dep_ in ("dobj", "pobj") and \
                t.head.lemma_.lower() not in INSTRUMENTS and (trigger is None or trigger not in t.subtree):
            kept -= {d.i for d in t.subtree}
        if trigger is not None and t.dep_ == "dobj" and t.head.i == trigger.i and \
                trigger.lemma_.lower() in TARGETING_VERBS:
            instruments = {d.i for w in t.subtree if w.dep_ == "prep" and w.lower_ == "with" for d in w.subtree}
            kept -= {d.i for d in t.subtree} - instruments    # "attacked a helicopter": the thing struck (but
            # "attacked a checkpoint with drones", the parser hanging "with" on the checkpoint, keeps the drones)
    tokens = [t for t in tokens if t.i in kept and not (
        t.dep_ in ("compound", "amod") and t.head.pos_ == "NOUN" and t.head.lemma_.lower() not in INSTRUMENTS
        and t.head.lemma_.lower() not in WEAPON_HEADS)]
    words = {t.lower_ for t in tokens}
    words |= {f"{a.lower_}_{b.lower_}" for a, b in zip(tokens, tokens[1:]) if b.i == a.i + 1}
    return words


#: Verbs whose object is what was struck, never the weapon ("attacked a helicopter"; not "launched drones").
TARGETING_VERBS = frozenset("attack strike hit target ambush down damage destroy".split())


#: Heads a weapon word may modify and still be the weapon ("Katyusha rockets", "ballistic missiles").
WEAPON_HEADS = frozenset("rocket rockets missile missiles drone drones shell shells mortar mortars bomb bombs "
                         "warplane warplanes jet jets helicopter helicopters gunship gunships aircraft artillery "
                         "uav uavs projectile projectiles round rounds munition munitions boat boats vessel "
                         "car truck vehicle device devices ied ieds explosives explosive fire".split())


def _another_event(tok) -> bool:
    """"following a strike", "after jets had bombed the camp", "in response to an attack": another event's words."""
    return tok.lower_ in OTHER_EVENT_PREPS and tok.dep_ in ("prep", "pcomp", "mark", "acl", "advcl") or (
        tok.dep_ == "prep" and any(o.lemma_.lower() in CAUSE_NOUNS for o in tok.children if o.dep_ == "pobj")) or (
        tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in OTHER_EVENT_PREPS for c in tok.children))


def _without_other_events(tok, roots) -> list:
    """The words under ``roots`` less the phrases telling of another event. A root is always kept: the trigger
    of "after militants fired rockets at the base" heads the clause that tells of another event for the rest of
    the sentence, but for the firing it is its own clause, weapon and date."""
    toll = tok.lemma_ in CASUALTY_VERBS | {"die"}     # "died after being wounded in a mortar attack": its toll
    out, stack, seen = [], list(roots), set()
    own = {root.i for root in roots}
    while stack:
        word = stack.pop()
        if word.i in seen or not toll and word.i not in own and _another_event(word):
            continue
        seen.add(word.i)
        out.append(word)
        stack.extend(word.children)
    return sorted(out, key=lambda t: t.i)


def _own_words(tok, src_tok) -> list:
    """The words of the event's own clause: the trigger's phrase and its source's, without a phrase telling of
    another event ("following a US air strike", "in response to a rocket attack"; for a killing or a death such a
    phrase is its cause and stays). A weapon taken from the whole sentence came from another clause ("the base
    was struck with rockets following a US air strike" was an air strike)."""
    return _without_other_events(tok, [tok] + ([src_tok] if src_tok is not None else []))


#: Nouns of an armed body's own act of force: "the army announced the strikes on X" tells of its own strikes,
#: while "the attack" an announcer tells of may be anyone's ("Biden announced the attack that killed ...").
OWN_FORCE_NOUNS = frozenset("strike airstrike raid operation".split())
ARMED_SECTORS = frozenset("MIL REB INS UAF COP SPY".split())


def _between(noun, actors):
    """((token, actor), (token, actor)) of the two sides a fight's noun names "between X and Y" (a blind check's
    battles between M23 and the Congolese army, and clashes between the ELN and FARC dissidents, "were reported":
    no event), or None."""
    prep = fight_between(noun) or next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"),
                                       None)
    first = pobj_of(prep) if prep is not None else None
    second = next((c for c in first.children if c.dep_ == "conj"), None) if first is not None else None
    if second is None and first is not None:     # "between Azerbaijani and Armenian forces"
        first = next((a for a in first.children if a.dep_ in ("amod", "nmod", "compound")
                      and any(k.dep_ == "conj" for k in a.children)), None)
        second = next((k for k in first.children if k.dep_ == "conj"), None) if first is not None else None
    if second is None:
        return None
    return (first, actors.actor_of(first, deep=False)), (second, actors.actor_of(second, deep=False))


def _sides_between(trigger, actors):
    """The two sides a "between" names for an event with no doer of its own, or None: a fight's or a truce's noun
    ("the cease-fire between A and B has come into force"), talks begun ("talks opened in Geneva between A and B":
    the verb's), an accord made ("an agreement was reached between A and B")."""
    tok, code = trigger.token, trigger.code
    if trigger.kind == "noun":
        return _between(tok, actors) or (_between(tok.head, actors) if begun(tok, code) else None)
    if code == "0871" and (subject := child(tok, "nsubj")) is not None:
        return _between(content_head(subject), actors)
    return _between(tok, actors) if _accord_made(tok, code) else None


def _accord_made(verb, code: str) -> bool:
    """"An agreement was reached between A and B": an accord (03, 05) of a passive verb with no doer named, whose
    sides its "between" names (it was no event: neither side read)."""
    return code[:2] in ("03", "05") and is_passive(verb) is True and child(verb, "agent") is None


def _told_without_sides(trigger) -> bool:
    """An event told with no side, still one ("protests erupted in the capital", "a ceasefire took effect at
    midnight"): kept, as an attack with no side named is."""
    if trigger.kind == "verb" and trigger.code in ORDERS_OF_STATE:
        return True         # "curfew was imposed in the valley" (coercion class: was dropped)
    if trigger.kind == "verb" and trigger.code == "154" and is_passive(trigger.token) is True and child(
            trigger.token, "agent") is None and any(t.lemma_.lower() in ARMED_NOUNS | {"personnel"}
                                                    for t in subtree_of(child(trigger.token, "nsubjpass"))):
        return True         # "200 police and military personnel had been deployed" (mobilization class: was dropped;
        # "police were deployed in the capital" stays no event)
    moved = subtree_of(child(trigger.token, "nsubjpass")) if trigger.kind == "verb" and trigger.code == "154" \
        and child(trigger.token, "agent") is None else []
    if any(t.lemma_.lower() in POLICE_FORCES for t in moved) and any(
            t.pos_ == "NUM" or t.lemma_.lower() in FORCE_UNITS or t.lower_ in FORCE_UNITS for t in moved):
        return True         # "hundreds of police were deployed in X" (mobilization class: a blind set's was dropped;
        # police counted by number or unit, as when they reach a place; not bare "police were deployed")
    return trigger.kind == "noun" and begun(trigger.token, trigger.code) or trigger.code == "0871" and \
        trigger.kind == "verb" and into_effect(trigger.token) or trigger.kind == "verb" and _reciprocal(trigger.token) \
        or trigger.kind == "verb" and trigger.code[:2] == "14" and _a_bare_crowd(
            child(trigger.token, "nsubj"))


def subtree_of(tok) -> list:
    return list(tok.subtree) if tok is not None else []


#: Orders only a state gives (a curfew, 1723; a state of emergency, 1724): coercion even with no side named.
ORDERS_OF_STATE = frozenset({"1723", "1724"})
#: A crowd told by its number alone ("hundreds took to the streets", "thousands marched": a blind set's protests were
#: dropped, no side named): its protest is kept with no side (protests class).
CROWD_NUMBERS = frozenset("hundred hundreds thousand thousands dozen dozens million millions".split())


def _a_bare_crowd(subject) -> bool:
    return subject is not None and subject.lower_ in CROWD_NUMBERS and not any(
        c.dep_ == "prep" for c in subject.children)


def _reciprocal(verb) -> bool:
    """A deed two sides did to each other ("both sides accused each other of violating the truce": a blind set's
    was dropped, neither side named in the sentence)."""
    obj = child(verb, "dobj")
    return obj is not None and any((obj.lower_, c.lower_) in (("other", "each"), ("one", "another"))
                                   for c in obj.children)


def _halted(verb, event_noun):
    """The attack noun a stand-down halts: "the suspension of operations against X" (the event noun's), or the
    verb's own object ("halted its attacks on X", "suspended military operations against X"), or None."""
    if event_noun is not None:
        return stopped_attacks(event_noun)
    obj = child(verb, "dobj")
    return content_head(obj) if obj is not None and attack_noun(content_head(obj)) else None


def _forces_moved(verb):
    """The forces of a passive mobilization that names no mover ("thousands of troops were deployed in the south":
    a blind set's was no event, neither side read), or None: the forces are the side that mobilizes."""
    subject = child(verb, "nsubjpass")
    if subject is None or not is_passive(verb) or child(verb, "agent") is not None:
        return None
    return subject if any(t.lemma_.lower() in ARMED_NOUNS for t in subject.subtree) else None


def _announcer_of_own_deed(noun, actors):
    """(token, actor) of who announced "the strikes on X", the doer when an armed body and the noun phrase
    names no other: its own words and "by X" are read before this, a relative clause with its own subject
    ("the strikes that Israel carried out") names one too."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in REPORTING_LIGHT_VERBS \
            or noun.lemma_.lower() not in OWN_FORCE_NOUNS:
        return None, None
    for clause in noun.children:
        if clause.dep_ in ("relcl", "acl") and any(
                c.dep_ == "agent" or c.dep_ in ("nsubj", "nsubjpass") and c.tag_ not in ("WDT", "WP")
                for c in clause.children):
            return None, None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    actor = actors.actor_of(subject) if subject is not None else None
    if actor is None or actor.from_place or actor.sector not in ARMED_SECTORS:
        return None, None
    return subject, actor


#: Verbs by which one holds or joins a protest told by its noun ("led a team of MPs in a protest against arrests",
#: "students brought out protest rallies": a blind set's were dropped, no side read): its subject protests, or
#: whom it leads (protests class)
PROTESTING_VERBS = frozenset("lead bring stage hold organize organise".split())


def _protester_of(noun, actors, src_tok):
    """(token, actor) of who protests in a protest noun that is the object of ``PROTESTING_VERBS`` (or the object
    of its "in"), else (src_tok, None)."""
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "in" else noun.head
    if not (noun.dep_ == "dobj" or noun.dep_ == "pobj" and noun.head.lower_ == "in") or \
            verb.lemma_.lower() not in PROTESTING_VERBS:
        return src_tok, None
    for role in ("nsubj", "dobj"):
        who = child(verb, role)
        if who is not None and who.i != noun.i and (actor := actors.actor_of(who)) is not None:
            return who, actor
    return src_tok, None


def _mode(tok, own, sent, triggers):
    """(mode, code) of the weapon in the event's own clause (``own``: :func:`_own_words`); when the sentence tells
    of one event only, in the rest of it too, still without the phrases telling of another ("strikes in response
    to a rocket attack")."""
    found = attack_mode(_weapon_words(own, tok))
    if found == (None, None) and sum(t.kind != "statement" for t in triggers) <= 1:
        found = attack_mode(_weapon_words(_without_other_events(tok, [sent.root]), tok))
    return found


class EventCoder:
    """Codes parsed documents; holds the actor matchers built for one spaCy pipeline."""

    def __init__(self, nlp):
        self.nlp = nlp
        self.finder = ActorFinder(nlp)

    def code_paragraph(self, parsed, document: Document, offset: int, state: DocumentState) -> list[EventMention]:
        """Events in one parsed paragraph of ``document`` that starts at character ``offset``."""
        annotated = self.finder.annotate(parsed, state.surnames)
        out = []
        for sent in parsed.sents:
            out.extend(self.code_sentence(sent, annotated, document, offset, state))
            state.sentence += 1
        return out

    def code_sentence(self, sent, annotated, document: Document, offset: int,
                      state: DocumentState) -> list[EventMention]:
        text = sent.text
        dates = []
        for start, _, expression in find_dates(text):
            resolved = resolve(expression, document.published)
            dates.append((sent.start_char + start, expression, resolved))
        actors = SentenceActors(sent, annotated, document.published, state.country)
        if actors.place_country:
            state.country = actors.place_country
        triggers = find_triggers(sent)
        heads = {t.token.i for t in triggers if t.kind != "statement"}
        events: list[EventMention] = []
        background = False        # a war's running toll: the sentence sums years, its nouns are no events either
        for trigger in triggers:
            tok = trigger.token
            reason = assertion(tok, text, event_heads=frozenset(heads - {tok.i}))
            if reason in ("future", "hypothetical") and trigger.code == "087" and announced_stand_down(tok):
                reason = None       # "announced that it would suspend its attacks on X": the stand-down itself
            elif reason in ("future", "hypothetical") and (intent := stated_intent(tok, trigger.code)) is not None:
                trigger, reason = replace(trigger, code=intent), None     # "said it would send aid": an intent
            if reason:
                background = background or reason == "toll" or reason == "habitual" and tok.dep_ == "ROOT"
                # (a sentence that tells a habit or lasting stance, "have long expressed frustration about the
                # destruction caused by mine operations": its nouns are background too, background class)
                continue
            if (tok.dep_ in ("advcl", "conj", "xcomp") and tok.lemma_ in CASUALTY_VERBS and tok.head.i in heads):
                continue        # "..., killing two": the toll of the head event
            events.extend(self._code_trigger(trigger, sent, actors, dates, document, state, triggers))
        if not background and not any(e.kind != "statement" for e in events):
            taken = {t.token.i for t in triggers} | {t.event_noun.i for t in triggers if t.event_noun is not None}
            for trigger in noun_triggers(sent, taken):
                governor = trigger.token.head
                while governor.pos_ not in ("VERB", "AUX") and governor.head.i != governor.i:
                    governor = governor.head
                if governor.pos_ in ("VERB", "AUX") and assertion(governor, text) or noun_of_a_habit(trigger.token) \
                        or noun_not_done(trigger.token):
                    continue
                events.extend(self._code_trigger(trigger, sent, actors, dates, document, state, triggers))
                break       # one event noun per sentence
        out = []
        for event in events:
            event = replace(event, sentence=state.sentence, span=(offset + sent.start_char, offset + sent.end_char))
            out.append(event)
            if event.source is not None and event.kind != "statement":
                state.previous_source = event.source
            elif event.source is not None:
                state.previous_speaker = event.source
            if event.plover == "ASSAULT":
                state.previous_event = event
        return _merge_in_sentence(out)

    def _code_trigger(self, trigger: Trigger, sent, actors, dates, document, state, triggers) -> list[EventMention]:
        tok, code, event_noun = trigger.token, trigger.code, trigger.event_noun
        plover = plover_type(code)
        sides = _sides_between(trigger, actors)
        if sides is not None:
            (src_tok, source), (tgt_tok, target) = sides     # "battles between M23 and the army were reported"
            partner = target                                 # each other: no copy per conjoined side
        elif trigger.kind == "noun":
            src_tok, source = tok, actors.agent_of(tok)
            if source is None:          # "the army announced the strikes on X": its own
                announcer, actor = _announcer_of_own_deed(tok, actors)
                src_tok, source = (announcer, actor) if actor is not None else (src_tok, source)
            if source is None and code[:2] == "14":     # "led MPs in a protest", "brought out rallies"
                src_tok, source = _protester_of(tok, actors, src_tok)
            tgt_tok, target = _noun_target(tok, actors)
            if target is None and plover == "ASSAULT":
                tgt_tok, target = _victims(tok, sent, actors)
            partner = None
        elif undergone(tok) is not None:        # "X came under fire from Y": X attacked, by Y if named
            tgt_tok = source_token(tok)
            target = actors.actor_of(tgt_tok) if tgt_tok is not None else None
            src_tok, source = _doer_of_a_told_attack(tok, actors, None)
            if source is None:                  # "came under fire from militants": the phrase on the verb
                src_tok = next((pobj_of(c) for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
                                and pobj_of(c) is not None), None)
                source = actors.actor_of(src_tok) if src_tok is not None else None
            if source is not None and source.sector in VOICES:     # "from opposition leaders over his handling":
                code = "111"                                       # words (a verifier's case), not fire
                plover = plover_type(code)
            partner = None
        else:
            src_tok = source_token(tok)
            if src_tok is None and a_hedged_doer(tok.head, tok):
                src_tok = _hedged_doer(tok.head, actors)
            if src_tok is not None and (main := _said_of_the_main_clause(tok, src_tok)) is not None:
                src_tok = main
            # a person's "he said" is the last speaker's (a held-out article's spokesman of one side, who had
            # "confirmed the casualties", was given the attackers of the sentence before)
            speaker = trigger.kind == "statement" and src_tok is not None and src_tok.lower_ in ("he", "she")
            src_tok, carried = resolve_pronoun(src_tok, state.previous_speaker if speaker and state.previous_speaker
                                               else state.previous_source)
            if src_tok is not None and content_head(src_tok).lemma_.lower() in INSTRUMENTS:
                source = actors.agent_of(src_tok)          # "a US drone strike killed ..."
            elif src_tok is not None and tok.dep_ == "relcl" and src_tok.i == tok.head.i:
                # "the village which the army shelled": the noun's own words, not its clause's (the victims)
                source = actors.actor_of(src_tok, deep=False)
            else:
                source = actors.actor_of(src_tok) if src_tok is not None else carried
            if source is None and plover == "ASSAULT":
                # "were killed following attacks by militants", "came under fire from rebels": the attack told
                # in the clause names its doer
                src_tok, source = _doer_of_a_told_attack(tok, actors, src_tok)
            if source is None and plover == "MOBILIZE" and (moved := _forces_moved(tok)) is not None:
                src_tok, source = moved, actors.actor_of(moved)    # "troops were deployed in X" (mobilization)
            if source is None:
                source = actors.unknown_actor(src_tok)     # a name in no dictionary is kept, never dropped
            partner = actors.partner_of(src_tok)     # "Israel and Hamas agreed ...": each other
            if trigger.kind == "statement":
                tgt_tok, target, partner = _addressee(tok, actors)
            elif partner is not None and (plover in SYMMETRIC or tok.lemma_ in ("sign", "clash", "fight", "meet")):
                tgt_tok, target = None, partner
            else:
                tgt_tok, target = _pick_target(tok, event_noun, plover, src_tok, actors)
            if target is None and code == "087" and (stopped := _halted(tok, event_noun)) is not None:
                # "a suspension of operations against US troops", "suspended its attacks on US forces": whom the
                # halted attacks were on (a blind check's stand-down of "the group" was dropped, a verifier's
                # "suspended operations against" too), or the phrase on the verb ("stopped its fire on X")
                tgt_tok, target = _noun_target(stopped, actors)
                if target is None and event_noun is None:
                    tgt_tok, target = next(((o, a) for c in tok.children if c.dep_ == "prep" and c.lower_ in (
                        "on", "against") and (o := pobj_of(c)) is not None and (a := actors.actor_of(o)) is not None),
                        (None, None))
            if target is None and (plover not in ("MOBILIZE", "RETREAT") or code == "0871") and not (
                    plover in ("ASSAULT", "COERCE") and tok.lemma_ not in MUTUAL_FORCE):
                target = partner     # (not "Malian soldiers and their Russian allies looted houses": allies, not
                #                      each other's target, unless the deed is mutual; a sixth held-out probe's)
            if target is None and plover == "ASSAULT":
                tgt_tok, target = _victims(tok, sent, actors)
            if plover == "ASSAULT" and _from_the_place_struck(source, tok, src_tok, actors) and not (
                    target is not None and target.sector in OWN_PEOPLE):
                # "the military said it struck targets in <country>": the place is the side attacked, not the
                # attacker's (but "security forces fired at protesters in <city>" are that country's own)
                source = replace(actors._composed("---", source.sector, source.text), inferred=True)
            if target is None and plover not in ("MOBILIZE", "RETREAT", "ASSAULT"):
                # (an attack's unknown proper name is most often a place: "struck Bardere")
                tgt_tok, target = _unknown_target(tok, event_noun, plover, src_tok, actors)
        if trigger.reverse and tok.lemma_.lower() not in VICTIM_VERBS:
            # (a dying verb's roles are already the right way round: its subject is the victim, the target)
            source, target = target, source
        event = self._finish(trigger, code, source, target, src_tok, tgt_tok, sent, actors, dates, document,
                             state, triggers)
        if event is None:
            return []
        events = [event]
        if trigger.kind == "statement" or (partner is not None and target is partner):
            return events
        # coordinated sides: "Russia and Belarus began exercises", "struck Y and Z": one event each; the
        # clause's toll stays on the first (a copy with it would count "killed 40" once per side)
        for side, head in (("source", src_tok), ("target", tgt_tok)):
            if head is None or trigger.reverse:
                continue
            for other in _conjuncts(content_head(head)):
                actor = actors.actor_of(other, deep=False)
                if actor is None or actor.from_place and side == "source":
                    continue
                if actor.sector is None and _continues_a_place(other):
                    continue        # "strikes on targets in Iraq and Syria": where, not a second side
                actor = _with_sector(actor, event.source.sector if side == "source" and event.source else
                                     event.target.sector if event.target else "GOV")
                events.append(replace(event, killed=None, wounded=None, **{side: actor}))
        return events

    def _finish(self, trigger, code, source, target, src_tok, tgt_tok, sent, actors, dates, document, state,
                triggers):
        tok, event_noun = trigger.token, trigger.event_noun
        plover = plover_type(code)
        if source is not None and target is not None and source.code == target.code and source.sector:
            target = None                              # "deployed troops to its bases": no other side
        if code.startswith("13"):
            code = threat_code(tok, code, triggers)
        own = _own_words(tok, src_tok)      # the event's own clause: its weapon and its date
        mode, weapon_code = (None, None)
        if plover == "ASSAULT" or code.startswith(("18", "19")):
            mode, weapon_code = _mode(tok, own, sent, triggers)
        obj = child(tok, "dobj") or (child(tok, "nsubjpass") if tok.pos_ in ("VERB", "AUX") else None)
        from_object = _left_from(tok)      # (what a passive undergoes is its object: "three others were captured")
        on_object = target is not None and obj is not None and tgt_tok is not None and tgt_tok.i == obj.i
        code = refine(code, lemma=tok.lemma_.lower(), obj_lemma=obj.lemma_.lower() if obj is not None else None,
                      obj_is_actor=on_object, obj_is_place=on_object and (target.from_place or _a_capital(obj, actors)),
                      from_object=from_object,
                      domestic=bool(source and target and source.country == target.country != "---"),
                      source_sector=source.sector if source else None,
                      target_sector=target.sector if target else None, weapon_code=weapon_code)
        if code is not None and plover_type(code) == "ASSAULT" and hits_an_explosive(tok):
            code = "183"        # "the patrol hit a landmine": a bombing of the patrol
        if code == "145" and tok.lemma_ == "storm" and any(
                t.token.i != tok.i and t.token in tok.subtree and t.code.startswith(("181", "173")) for t in triggers):
            code = "181"        # "men stormed the station, taking staff hostage": an abduction, no riot (protests
            # class's converse: a blind set's two were riots)
        if code is not None and plover_type(code) == "ASSAULT" and target is None and _into_the_sea(tok):
            code = "150"        # "fired two missiles into the sea": a show of force, not an attack
        if code is None:
            return None
        plover = plover_type(code)
        if trigger.kind == "statement" and (source is None or source.country == "---" or source.inferred):
            return None         # "officials said", "experts say": a statement needs a known speaker
        source, target = _share_country(source, target, plover)
        if source is None and target is None and plover != "ASSAULT" and not _told_without_sides(trigger):
            return None
        sector = "MIL" if plover in MATERIAL_CONFLICT else "GOV"
        source = _with_sector(source, sector)
        target = _with_sector(target, "CVL" if (target is not None and target.from_place and plover in (
            "ASSAULT", "COERCE")) else sector)      # (tear gas fired in a city is not at its army)
        when, precision = self._date(tok, dates, document, own={t.idx for t in own})
        if when is False:
            return None
        if plover in ("ASSAULT", "COERCE"):
            heads = {t.token.i for t in triggers if t.kind != "statement"}     # "..., officials said": not the deed
            killed, wounded = count_casualties(sent, owns=lambda word: _owner(word, heads) in (None, tok.i))
        else:
            killed, wounded = None, None
        earlier = state.previous_event
        if plover == "ASSAULT" and earlier is not None and _anaphoric(src_tok) and not dates:
            # "The attack also wounded 14 people": the event of the sentence before, with more detail
            source, target = source or earlier.source, earlier.target or target
            when, precision, mode = earlier.date, earlier.date_precision, mode or earlier.mode
        return EventMention(
            doc=document.id, sentence=state.sentence, span=(sent.start_char, sent.end_char), text=sent.text,
            trigger=" ".join(t.text for t in (tok, event_noun) if t is not None), cameo_code=code,
            source=source, target=target, date=when, date_precision=precision,
            mode=mode if plover == "ASSAULT" else None, killed=killed, wounded=wounded,
            location=actors.place, depth=_depth(tok), dated=bool(dates) or precision == "year",
            confidence=trigger.confidence,
            kind=trigger.kind,
        )

    @staticmethod
    def _date(tok, dates, document, own=frozenset()):
        """(date, precision) of the event; (False, None) when the date says it is still to come. A date in the
        event's own clause (``own``: where its words start) wins over a nearer one in another clause ("sank on
        March 2 after being hit on Feb. 18": the sinking is of March 2)."""
        best = None
        dates = [d for d in dates if not _dates_another_thing(tok.doc, d[0] + len(d[1]))]
        mine = [d for d in dates if d[0] in own]
        for char, expression, resolved in mine or dates:
            distance = abs(char - tok.idx)
            if best is None or distance < best[0]:
                best = (distance, expression, resolved)
        if best is not None:
            _, expression, resolved = best
            if future_date(expression):
                return False, None
            if resolved is not None:
                when, precision = resolved
                if document.published is not None and precision == "day" and when > document.published:
                    return False, None
                return when, precision
        if (year := _year_of_its_noun(tok)) is not None and (document.published is None
                                                             or year <= document.published.year):
            return date(year, 1, 1), "year"
        if document.published is not None:
            return document.published, "day"
        return None, None


def _year_of_its_noun(tok) -> int | None:
    """The year an event noun is named with ("A 2022 attack ... killed more than 80 people", "the 2019 bombing"):
    the event word itself or the noun its verb tells of (a fourth held-out probe's 2022 attack was dated the day of
    publication; "in 2022" was already read)."""
    nouns = [tok] if tok.pos_ in ("NOUN", "PROPN") else [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    for noun in nouns:
        if noun_code(noun.lemma_.lower(), []) is None:
            continue
        for c in noun.children:
            if c.dep_ in ("nummod", "compound", "amod") and a_year(c):
                return int(c.text)
    return None


def _a_capital(tok, actors) -> bool:
    """Whether ``tok`` is a capital's name: a city to take ("captured Kabul" was an arrest of the government, 173;
    a fourth held-out probe's), though "urged Baghdad to" is the government."""
    m = actors.ann.by_token.get(tok.i)
    return m is not None and m.kind == "capital"


def _left_from(verb) -> str | None:
    """The lemma of what ``verb`` leaves or is put out of: "withdrew from the negotiations", "pulled out of peace
    talks" (a fourth held-out probe's was a retreat, 087), or None."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("from", "out"):
            heads = [c] if c.lower_ == "from" else [p for p in c.children if p.dep_ == "prep" and p.lower_ == "of"]
            for o in (o for h in heads for o in h.children if o.dep_ == "pobj"):
                return o.lemma_.lower()
    return None


def _dates_another_thing(doc, end: int) -> bool:
    """"next month's elections": a possessive date tells when its noun is, not when the event was; unless the noun
    is itself an event ("Sunday's suicide attack")."""
    if not doc.text.startswith(("'s", "\u2019s"), end):
        return False
    last = doc.char_span(end - 1, end, alignment_mode="expand")      # the date's last token
    return last is not None and noun_code(last[0].head.lemma_.lower(), []) is None


#: Nouns whose of-phrase is the dead or the hurt ("resulted in the deaths of three soldiers").
TOLL_NOUNS = frozenset("death deaths killing injury injuries wounding casualty casualties".split())


def _victims(verb, sent, actors):
    """An attack's victims told outside its own roles, when they name a side in their own words: "(the
    strike) left three American soldiers dead", "resulted in the deaths of three soldiers", "(were killed) in
    a missile strike on a cargo ship" (the attack's own target)."""
    instrument = _instrument_phrase(verb) if verb.pos_ in ("VERB", "AUX") else None
    if instrument is not None:
        found, actor = _noun_target(instrument, actors)
        if actor is not None and (not actor.inferred or actor.country == "---"):
            return found, actor         # (a country borrowed from the sentence's place is no one's own words)
    for tok in sent:
        left_dead = tok.dep_ == "dobj" and tok.head.lemma_ == "leave" and any(
            c.dep_ in ("oprd", "acomp", "xcomp") and c.lower_ in ("dead", "wounded", "injured", "killed")
            for c in tok.head.children)
        of_a_toll = tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in TOLL_NOUNS
        if not (left_dead or of_a_toll):
            continue
        actor = actors.actor_of(tok, deep=False)
        if actor is not None and not actor.inferred and not actor.from_place:
            return tok, actor
    return None, None


#: Nouns of fire that tell an attack without being one in the dictionary of event nouns.
FIRE_NOUNS = frozenset("fire gunfire shelling shellfire".split())
#: Sectors that criticise, not shoot: "came under fire from opposition leaders (rights groups, lawmakers)".
VOICES = frozenset("OPP LEG JUD MED HRI NGO EDU REL LAB PTY ELI ENV HLH".split())
#: Fights with two sides: a victim's side was killed "in a gunfight with X", so X is the doer.
CLASH_NOUNS = frozenset("clash encounter gunfight firefight shootout skirmish battle fighting".split())


def _said_of_the_main_clause(verb, pronoun):
    """The subject a pronoun of a "when" clause stands for: its main clause's ("some of the attackers were wearing
    army uniforms when they breached the base camp": the attackers, where a fifth held-out probe's were the speaker
    of the sentence, AMISOM), or None."""
    if pronoun.lower_ not in ("they", "he", "she") or verb.dep_ != "advcl" or not any(
            c.dep_ == "advmod" and c.lower_ == "when" for c in verb.children):
        return None
    head, main = verb.head, None
    for _ in range(3):        # "Ten Maoists are believed to have been killed when they attacked": up the xcomps
        main = child(head, "nsubj") or child(head, "nsubjpass")
        if main is not None or head.dep_ != "xcomp":
            break
        head = head.head
    main = content_head(main) if main is not None else None      # "some of the attackers": the attackers
    return main if main is not None and main.pos_ in ("NOUN", "PROPN") else None


def _hedged_doer(head, actors):
    """The doer of a deed whose hedge the parse made its head ("Gunmen believed to be from al-Shabaab killed ...":
    the group named in the hedge, else its subject, "Gunmen")."""
    for c in head.children:
        if c.dep_ == "xcomp":
            for obj in (w for w in c.subtree if w.dep_ in ("pobj", "attr")):
                actor = actors.actor_of(obj)
                if actor is not None and not actor.from_place:
                    return obj
    return child(head, "nsubj")


def _doer_of_a_told_attack(verb, actors, src_tok):
    """(token, actor) of the doer named by "by X" or "from X" on an attack noun inside the clause of a killing or
    an attack whose own subject names no one ("were killed following coordinated attacks by militants", "died
    as they repelled an attack by the Taliban", "came under fire from suspected rebels", "injured by gunfire
    believed to come from members of X"), or by "with X" on a fight's noun ("three militants were killed in an
    encounter with security forces"); (src_tok, None) when none."""
    for noun in verb.subtree:
        lemma = noun.lemma_.lower()
        if noun.pos_ not in ("NOUN", "PROPN") or not (
                lemma in FIRE_NOUNS or lemma in CLASH_NOUNS or (noun_code(lemma, []) or "").startswith(("18", "19"))):
            continue
        for c in noun.children:
            if c.dep_ == "prep" and (c.lower_ in ("by", "from") or c.lower_ == "with" and lemma in CLASH_NOUNS
                                     and verb.lemma_.lower() not in VICTIM_VERBS):
                phrases = [c]     # "attacks by X", "fire from X", "(were killed in) a gunfight with X" (not after
                # "died": "soldiers slain on Monday died in a firefight with rebels" lost its victims to the parse)
            elif c.dep_ == "acl":                                          # "gunfire believed to come from X"
                phrases = [w for w in c.subtree if w.dep_ == "prep" and w.lower_ == "from" and w.head.lemma_ == "come"]
            else:
                continue
            for phrase in phrases:
                obj = next((o for o in phrase.children if o.dep_ == "pobj"), None)
                actor = actors.actor_of(obj) if obj is not None else None
                if actor is not None and not actor.from_place:
                    return obj, actor
    return src_tok, None


def _from_the_place_struck(source: Actor | None, verb, src_tok, actors) -> bool:
    """A state's forces named by sector alone ("the military", "the army") whose country was read from the
    sentence's place, where that country is named in the phrase of what it struck ("struck targets in
    <country>"): the place is the side attacked."""
    if source is None or not source.inferred or source.sector not in ("MIL", "GOV"):
        return False
    struck = [child(verb, "dobj"), *(obj for _, obj in preps(verb, TARGET_PREPS))]
    for phrase in struck:
        for tok in phrase.subtree if phrase is not None else ():
            m = actors.ann.by_token.get(tok.i)
            if m is not None and m.kind in ("place", "capital", "country") and m.value == source.country:
                return True
    return False


def _continues_a_place(conjunct) -> bool:
    """"targets in Iraq and Syria": a name coordinated right after the object of a locative preposition
    ("in", "near", "across") continues the place, whatever the parser attaches it to."""
    before = conjunct.i - 1
    while before >= 0 and conjunct.doc[before].dep_ in ("cc", "punct", "preconj"):
        before -= 1
    if before < 0 or before == conjunct.i - 1:
        return False
    place = conjunct.doc[before]
    while place.dep_ in ("compound", "amod", "flat") and place.head.i > place.i:
        place = place.head
    return place.dep_ == "pobj" and place.head.lower_ in LOCATIVE_PREPS


def _conjuncts(head) -> list:
    out, frontier = [], [head]
    while frontier and len(out) < MAX_CONJUNCTS - 1:
        tok = frontier.pop()
        for c in tok.children:
            if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") and len(out) < MAX_CONJUNCTS - 1:
                out.append(c)
                frontier.append(c)
    return out


def _noun_target(noun, actors):
    """The target of an event noun: "attack on the base", "sanctions against Iran", "the killing of X"."""
    for _, obj in preps(noun, ("on", "against", "at", "targeting", "toward", "towards", "upon", "into", "of")):
        actor = actors.actor_of(obj)
        if actor is not None:
            return obj, actor
    return None, None


def _addressee(verb, actors):
    """Whom a statement was told to ("told the council"), never the press it was told through."""
    for obj in (child(verb, "dative"), child(verb, "dobj")):
        if obj is not None and verb.lemma_ in ("tell", "inform"):
            actor = actors.actor_of(obj, deep=False)
            if actor is not None and actor.sector not in ("MED", None):
                return obj, actor, None
    return None, None, None


def _into_the_sea(verb) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in ("into", "in", "toward", "towards", "off") and any(
        o.lemma_.lower() in ("sea", "ocean", "water", "waters") for o in c.children) for c in verb.children)


def _anaphoric(token) -> bool:
    """"The attack", "the strike", "the blast": a deed already told."""
    return token is not None and token.lemma_.lower() in INSTRUMENTS and any(
        c.lower_ in ("the", "this", "that") for c in token.children)


def _pick_target(tok, event_noun, plover, src_tok, actors):
    """The first candidate naming an actor whose country is in its own words; else the first actor found."""
    fallback = None
    seen = set()
    for candidate in target_candidates(tok, event_noun, plover=plover):
        if candidate is None or candidate.i in seen or (src_tok is not None and candidate.i == src_tok.i) or (
                event_noun is not None and candidate.i == event_noun.i):
            continue
        seen.add(candidate.i)
        if candidate.dep_ == "pobj" and candidate.head.lower_ == "with" and candidate.head.head.i == tok.i and \
                content_head(candidate).lemma_.lower() in INSTRUMENTS:
            continue              # "attacked with grenades and sniper fire": what with, not whom (twelfth set)
        if candidate.dep_ == "nsubjpass" and (main := _said_of_the_main_clause(tok, candidate)) is not None:
            candidate = main      # "returned fire when they were ambushed": the soldiers (eleventh held-out set)
        # a participle's noun is read without the participle's doer ("a convoy attacked by gunmen": not the
        # gunmen)
        actor = actors.actor_of(candidate, without=frozenset(
            t.i for a in tok.children if a.dep_ == "agent" for t in a.subtree) if candidate.i == tok.head.i
            else frozenset())
        if actor is None:
            continue
        if not (actor.inferred or actor.from_place):
            return candidate, actor
        if actor.from_place and plover == "PROTEST":
            continue                  # "took to the streets of Nasiriyah": where, not against whom
        if fallback is None or (fallback[1].from_place and not actor.from_place):
            fallback = (candidate, actor)
    if fallback is None and plover == "ASSAULT":
        # "struck the location ... in southern <country>", "targeted the airport in the city of X": a thing
        # struck that names no side stands for the place it is in (also "in X" said of the verb that struck it)
        thing = child(tok, "dobj")
        for struck in (thing, *(obj for _, obj in preps(tok, TARGET_PREPS)), tok if thing is not None else None):
            for _, where in preps(struck, ("in", "near")) if struck is not None else ():
                actor = actors.actor_of(where, deep=False)
                if actor is not None and (actor.from_place or actor.sector is None) and actor.country != "---":
                    hit = thing if struck is tok else struck
                    if hit.lemma_.lower() in MILITARY_THINGS:       # "struck 85 targets in X": armed, not civilians
                        return where, _with_sector(replace(actor, from_place=True, sector=None), "UAF")
                    return where, replace(actor, from_place=True)   # (never open waters: "in the Gulf")
    return fallback if fallback is not None else (None, None)


def _unknown_target(tok, event_noun, plover, src_tok, actors):
    """The first target candidate that is a proper name in no dictionary, kept with its words."""
    for candidate in target_candidates(tok, event_noun, plover=plover):
        if candidate is None or (src_tok is not None and candidate.i == src_tok.i):
            continue
        actor = actors.unknown_actor(candidate)
        if actor is not None:
            return candidate, actor
    return None, None


def _share_country(source: Actor | None, target: Actor | None, plover: str):
    """A side named by sector alone ("activists") takes the country of a government or police acting on it; not
    of a country named whole that it accuses ("the interior minister accused Russia": a fourth held-out probe's was
    Russian; "the minister promised voters that Israel would ..." is Israel's)."""
    for a, b in ((source, target), (target, source)):
        if a is not None and b is not None and a.country == "---" and b.country != "---" and (
                plover == "COERCE" or a.sector in DOMESTIC_SECTORS) and not (
                plover == "ACCUSE" and _a_country_named(b)):
            fixed = replace(a, country=b.country)
            fixed = replace(fixed, actor=THEATRE_BY_CODE.get(fixed.code, fixed.actor))
            if a is source:
                source = fixed
            else:
                target = fixed
    return source, target


def _a_country_named(actor: Actor) -> bool:
    """The side is a country named by its name ("Russia", "Iran"), not one of its people or bodies."""
    return country_names().get(actor.text.lower()) == actor.country


def _owner(word, heads: set[int]) -> int | None:
    """The event word a killing or wounding word reports the toll of. Going up the parse from the word: the
    topmost trigger met before an event noun that is no trigger ("strikes in retaliation for a drone attack
    that killed three": the killing, not the strikes), or at the root ("hit the base, killing two and
    wounding five": the hit, with which the clauses under it are one event); that noun when no trigger came
    first; None when neither. ``heads``: the positions of the sentence's triggers, statements left out."""
    top, tok = None, word
    for _ in range(len(word.sent)):
        if tok.i in heads:
            top = tok.i
        else:
            code = noun_code(tok.lemma_.lower(), []) if tok.pos_ in ("NOUN", "PROPN") and tok.i != word.i else None
            if code is not None and code.startswith(("18", "19", "20")):
                return tok.i if top is None else top
        if tok.head.i == tok.i:
            return top
        if _another_events_clause(tok):
            return top if top is not None else ELSEWHERE     # "hours after Israeli strikes killed four": theirs
        tok = tok.head
    return top


#: An owner that is no trigger of the sentence: the toll is told of an event outside the clauses coded.
ELSEWHERE = -1
#: Marks of a clause telling another event than the one it hangs on ("fired rockets after strikes killed four").
OTHER_EVENT_MARKS = frozenset("after before since following".split())


def _another_events_clause(tok) -> bool:
    return tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in OTHER_EVENT_MARKS for c in tok.children)


def _merge_in_sentence(events: list[EventMention]) -> list[EventMention]:
    """One event per (type, source) in a sentence: "attacked the base and killed two" is one attack."""
    kept: list[EventMention] = []
    for event in sorted(events, key=lambda e: e.depth):
        twin = next((k for k in kept if k.plover == event.plover and _code(k.source) == _code(event.source)
                     and not _copies(k, event)), None)
        if twin is None:
            kept.append(event)
            continue
        if twin.target is None and event.target is not None:
            twin.target = event.target
        twin.killed = _max(twin.killed, event.killed)
        twin.wounded = _max(twin.wounded, event.wounded)
    return sorted(_doer_of_the_toll(kept), key=lambda e: e.span)


def _doer_of_the_toll(events: list[EventMention]) -> list[EventMention]:
    """"Two militants were killed when a US drone targeted a house": the killing names no doer, the clause telling
    the attack names one and no other victim. One attack: the killing takes the doer (and the weapon), and the
    clause's event goes. Only when the sentence has one such doer, so two attackers are never mixed."""
    victims = [e for e in events if e.plover == "ASSAULT" and e.source is None and e.kind != "statement"]
    doers = [e for e in events if e.plover == "ASSAULT" and e.source is not None and e.kind != "statement"]
    if len(victims) != 1 or len({_code(e.source) for e in doers}) != 1:
        return events
    victim = victims[0]
    attacks = [e for e in doers if e.target is None or victim.target is None or
               _code(e.target) == _code(victim.target)]
    if len(attacks) != len(doers) or any(e.depth < victim.depth for e in attacks):
        return events
    attack = attacks[0]
    victim.source = attack.source
    victim.target = victim.target or attack.target
    victim.mode = victim.mode or attack.mode
    return [e for e in events if e not in attacks]


def _copies(a: EventMention, b: EventMention) -> bool:
    """Two copies of one event for coordinated targets ("struck Y and Z"), which stay two."""
    return a.trigger == b.trigger and a.depth == b.depth and a.target is not None and b.target is not None \
        and a.target.code != b.target.code


def _code(actor: Actor | None) -> str | None:
    return actor.code if actor is not None else None


def _max(a, b):
    return b if a is None else a if b is None else max(a, b)
