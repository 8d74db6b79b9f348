"""Who did it to whom: the source and target of an event verb in the dependency parse.

Source: the subject; in the passive the "by" agent, or the actor inside an
instrument phrase ("was killed in a US drone strike"); a conjoined or
participial verb borrows its head's subject; a relative clause its noun; a
pronoun ("it said it had fired") the subject of the reporting verb above it.

Target: the passive subject, the direct object (or, when the object is the
weapon - "fired rockets at the base" - the object of at/on/against), the
object of on/against/at/with/to, an indirect object, and for appeals and
threats the addressee inside the embedded clause ("urged Iraq to ...").
"""
from __future__ import annotations

from flashpoint.extract.actors import INSTRUMENTS
from flashpoint.extract.mentions import CALENDAR_WORDS, is_pronoun

SUBJECT_DEPS = ("nsubj", "csubj")
TARGET_PREPS = ("on", "against", "at", "with", "to", "toward", "towards", "upon", "into", "targeting", "for")
INSTRUMENT_PREPS = ("in", "by", "during", "from", "with")
NEAR_PREPS = ("near", "outside", "inside", "at")
VICTIM_VERBS = frozenset("die perish drown".split())
RELATIVE = frozenset("who which that whom".split())
#: A vehicle or a patrol that "hit a landmine", "ran over an IED", "stepped on a mine": what hit the explosive is
#: its victim, no doer (an eleventh held-out set's "A Benin army patrol hit a landmine" made the patrol the attacker)
HITTING_VERBS = frozenset("hit strike step run drive trigger".split())
EXPLOSIVES = frozenset("mine landmine ied bomb explosive device".split())
REDUCED_PASSIVE_VERBS = frozenset("kill wound injure slay".split())


def _same(a, b) -> bool:
    return a is not None and b is not None and a.i == b.i


def is_passive(verb) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def child(verb, *deps):
    return next((c for c in verb.children if c.dep_ in deps), None)


def pobj_of(prep):
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


def preps(token, names):
    """(preposition, object) pairs under ``token``, also through "next to", "close to", "right at"."""
    for c in token.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in names:
            obj = pobj_of(c)
            if obj is not None:
                yield c.lower_, obj
        elif c.dep_ in ("advmod", "amod", "prep") and c.lower_ in ("next", "close", "right", "just", "near"):
            for g in c.children:
                if g.dep_ == "prep" and pobj_of(g) is not None:
                    yield c.lower_, pobj_of(g)


def _instrument_on(verb):
    """The attack in "... in an Israeli strike" right under ``verb``, or None."""
    return next((obj for _, obj in preps(verb, INSTRUMENT_PREPS) if obj.lemma_.lower() in INSTRUMENTS), None)


def _instrument_phrase(verb):
    """The attack in "... in an Israeli strike" under ``verb`` or a verb conjoined with it."""
    for holder in (verb, *(c for c in verb.children if c.dep_ == "conj"), verb.head if verb.dep_ == "conj" else None):
        if holder is not None and (obj := _instrument_on(holder)) is not None:
            return obj
    return None


def reduced_passive(verb) -> bool:
    """"four villagers killed and five wounded in a strike", "six soldiers slain on Saturday died": a passive
    with no "were", which the parser reads as active with the victims as subject (they were coded the attacker,
    and no toll was counted)."""
    if verb.lemma_ not in REDUCED_PASSIVE_VERBS or verb.tag_ not in ("VBD", "VBN") or is_passive(verb):
        return False
    if child(verb, "nsubj") is None or child(verb, "dobj", "aux") is not None:
        return False        # "have killed", "killed them": active
    if any(child(c, "dobj") is not None for c in _conjoined(verb)):
        return False        # "killed and executed dozens", "killed, wounded or captured 7,800 troops" (a tenth
        #                     held-out set's): an object shared with a later verb of the chain
    # a past participle with a subject and no "have" can only be passive ("six soldiers slain on Saturday");
    # a past tense form ("Syrians killed") is one only with the attack named ("in a strike")
    return verb.tag_ == "VBN" or _instrument_phrase(verb) is not None


def _conjoined(verb) -> list:
    """The verbs conjoined after ``verb``, down the chain ("killed, wounded or captured": wounded, captured)."""
    out, frontier = [], [verb]
    while frontier:
        for c in frontier.pop().children:
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"):
                out.append(c)
                frontier.append(c)
    return out


def source_token(verb, depth: int = 0):
    """The token heading the source phrase of ``verb`` (may be a pronoun or an instrument)."""
    if depth > 4:
        return None
    if is_passive(verb):
        agent = child(verb, "agent")
        if agent is not None and pobj_of(agent) is not None:
            return pobj_of(agent)
        if (obj := _instrument_on(verb)) is not None:
            return obj
        if verb.dep_ == "conj":
            return source_token(verb.head, depth + 1)
        return None
    if reduced_passive(verb):
        return _instrument_phrase(verb)
    if verb.lemma_.lower() in VICTIM_VERBS:
        # "six soldiers died in a firefight": the subject is the victim; the attack, if named, is the source
        return _instrument_on(verb)
    if hits_an_explosive(verb):
        return None
    subject = child(verb, *SUBJECT_DEPS)
    if subject is not None:
        if subject.lower_ in RELATIVE and verb.dep_ == "relcl":
            return relative_antecedent(verb)
        return subject
    if (dated := dated_subject(verb)) is not None:
        return dated
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        return source_token(verb.head, depth + 1)
    if verb.dep_ == "xcomp" and verb.head.dep_ == "acomp" and verb.head.head.pos_ in ("VERB", "AUX"):
        return source_token(verb.head.head, depth + 1)      # "X is ready to negotiate": X (stated intents)
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
        if verb.tag_ == "VBG" or verb.dep_ == "relcl":
            return verb.head
        agent = child(verb, "agent")
        if agent is not None and pobj_of(agent) is not None:
            return pobj_of(agent)     # "rockets fired by militants": a participle's doer
    if verb.dep_ == "pcomp":   # "after attacking the base": the clause's subject
        return source_token(verb.head.head, depth + 1)
    return None


def dated_subject(verb):
    """The attack the parser hung on a leading date ("On 4 January 2024 a US drone strike in Baghdad killed X": one
    object of "On", and no subject), or None: the subject, not a target "on" it (a held-out case's US strike was
    coded an attack on the US)."""
    if child(verb, *SUBJECT_DEPS, "nsubjpass") is not None:
        return None
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "in") and c.i < verb.i and (o := pobj_of(c)) is not None and (
                o.lemma_.lower() in INSTRUMENTS and any(t.lower_ in CALENDAR_WORDS and t.i < o.i for t in o.subtree)
                and any(t.dep_ == "det" and t.head.i == o.i for t in o.children)):
            return o
    return None


def relative_antecedent(verb):
    """What a relative clause's "which"/"that" stands for when it did the deed: the attack, not the place or
    day the parser hung the clause on ("the army's raid on the village of X which killed four", "an attack on
    October 1 that injured two": the raid, the attack); else the noun the clause hangs on."""
    tok = verb.head
    for _ in range(4):
        if tok.lemma_.lower() in INSTRUMENTS:
            return tok
        if tok.dep_ != "pobj" or tok.head.dep_ != "prep":
            break
        holder = tok.head.head
        if holder.pos_ in ("NOUN", "PROPN"):
            tok = holder          # "the raid on the village of X": up to the raid
            continue
        obj = child(holder, "dobj")
        if tok.lower_ in CALENDAR_WORDS and obj is not None and obj.i < tok.i and obj.lemma_.lower() in INSTRUMENTS:
            return obj            # "followed an attack on October 1 that ...": the date hangs on the verb
        break
    return verb.head


def resolve_pronoun(token, previous_source):
    """A pronoun subject's antecedent: the subject of a reporting verb above, else the previous source."""
    if token is None or not is_pronoun(token):
        return token, None
    verb = token.head
    for _ in range(4):
        if verb.dep_ not in ("ccomp", "conj", "xcomp", "advcl") or verb.head is verb:
            break
        verb = verb.head
        subject = child(verb, "nsubj")
        if subject is not None and not is_pronoun(subject):
            return subject, None
    return None, previous_source


def participle_victim(verb) -> bool:
    """"the four soldiers killed on Monday", "a convoy attacked by gunmen": the noun a participle qualifies is
    what it was done to, unless it is the weapon ("rockets fired by militants": what they fired)."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN") and \
        verb.head.lemma_.lower() not in INSTRUMENTS


#: A relative clause's subject pronoun stands for the noun the clause qualifies
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})
#: Verbs of help: forces sent "to help" are aid (triggers.sent_to_help), to the side helped (target_candidates)
HELPING_VERBS = frozenset("help assist support".split())


def target_candidates(verb, event_noun=None, *, plover: str | None = None):
    """Tokens that may head the target phrase of ``verb``, best first (``event_noun``: a light verb's object)."""
    if verb.lemma_.lower() in VICTIM_VERBS or hits_an_explosive(verb):
        yield child(verb, "nsubj")
        return
    if reduced_passive(verb):
        yield child(verb, "nsubj")
    if participle_victim(verb):
        yield verb.head      # "the four soldiers killed on Monday": the participle's noun is its victim
    if plover == "AID":       # "sent troops to help the Iraqi army": the side helped, not the troops (a verifier's)
        for c in verb.children:
            if c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in HELPING_VERBS:
                helped = child(c, "dobj")
                if helped is None:
                    helped = next((child(g, "nsubj") for g in c.children if g.dep_ in ("ccomp", "xcomp")), None)
                yield helped
    if plover == "AID" and verb.lemma_.lower() in ("send", "dispatch", "deploy"):
        for carrier in (verb, *(c for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBG")):
            for _, found in preps(carrier, ("to",)):
                yield found  # "sent a convoy of trucks transporting rice to X": where it goes, not the convoy (aid)
    if plover == "AID" and verb.lemma_.lower() in ("receive", "accept", "get"):
        given = child(verb, "dobj")          # "from X" on the verb, or on the aid ("received aid from X": a verifier's)
        for _, found in [*preps(verb, ("from",)), *(preps(given, ("from",)) if given is not None else [])]:
            yield found      # "received food aid from X": the giver, the source once reversed (aid class)
    if plover == "AGREE" and verb.lemma_.lower() in ("withdraw", "pull"):
        for _, found in preps(verb, ("from",)):
            yield found      # "says France will withdraw its troops from Mali": the side left (stated intents)
    destination_only = plover in ("MOBILIZE", "RETREAT")
    if event_noun is not None and event_noun.lemma_.lower() in ("ceasefire", "truce", "cease-fire"):
        destination_only = False
    if is_passive(verb) and not destination_only:
        subject = child(verb, "nsubjpass")
        if subject is not None and verb.dep_ == "relcl" and subject.lower_ in RELATIVE_PRONOUNS:
            subject = verb.head  # "the opposition leader, who was arrested on Monday": the leader (a fourteenth set's
            #                      arrest had no side and was dropped)
        if subject is not None and not _same(subject, event_noun):
            yield subject
    if event_noun is not None and event_noun.lemma_.lower() == "control":
        for holder in (verb, event_noun):      # "regained control of the port from the insurgents": who lost it
            for _, obj in preps(holder, ("from",)):
                yield obj
    if event_noun is not None and not destination_only:
        for prep, obj in preps(event_noun, TARGET_PREPS + ("of",)):
            yield obj
        acl = child(event_noun, "acl")
        if acl is not None and child(acl, "dobj") is not None:
            yield child(acl, "dobj")
    if destination_only:
        for _, found in preps(verb, ("to", "into")):
            if not _same(found, event_noun):
                yield found
        dative = child(verb, "dative")
        if dative is not None:
            yield pobj_of(dative) if dative.pos_ == "ADP" else dative
        return
    obj = child(verb, "dobj")
    weapon = obj is not None and (obj.lemma_.lower() in INSTRUMENTS | {"fire", "gas"} or
                                  any(c.lower_ == "of" and pobj_of(c) is not None and
                                      pobj_of(c).lemma_.lower() in INSTRUMENTS for c in obj.children))
    if obj is not None and not _same(obj, event_noun) and not weapon:
        yield obj
    dative = child(verb, "dative")
    if dative is not None:
        yield pobj_of(dative) if dative.pos_ == "ADP" else dative
    dated = dated_subject(verb)
    for _, found in preps(verb, TARGET_PREPS):
        if not _same(found, dated):
            yield found
    if obj is not None:
        for item in (obj, *[c for c in obj.children if c.dep_ == "conj"]):
            for _, found in preps(item, TARGET_PREPS):
                yield found
        if weapon:
            yield obj
    if plover in ("REQUEST", "THREATEN", "AGREE", "ACCUSE", "SANCTION", "PROTEST", "REJECT"):
        for inner in verb.children:
            if inner.dep_ in ("xcomp", "ccomp", "advcl"):
                yield child(inner, "nsubj", "nsubjpass")
                for _, found in preps(inner, TARGET_PREPS):
                    yield found
                inner_obj = child(inner, "dobj")
                if inner_obj is not None:
                    for _, found in preps(inner_obj, TARGET_PREPS):
                        yield found
                    yield inner_obj
    if plover == "ASSAULT":
        for inner in verb.children:      # "..., killing 20 people": the victims; "an offensive to capture X"
            if inner.dep_ in ("advcl", "conj", "xcomp") and inner.lemma_ in (
                    "kill", "wound", "injure", "leave", "capture", "seize", "take", "destroy", "hit"):
                yield child(inner, "dobj")
            if inner.dep_ in ("advcl", "xcomp") and any(a.lower_ == "to" for a in inner.children):
                yield child(inner, "dobj")
        for _, found in preps(verb, NEAR_PREPS):
            yield found


def hits_an_explosive(verb) -> bool:
    """"the patrol hit a landmine", "their truck ran over an IED": the subject set the explosive off."""
    if verb.lemma_.lower() not in HITTING_VERBS:
        return False
    hit = [child(verb, "dobj")] + [obj for _, obj in preps(verb, ("on", "over", "into", "onto"))]
    return any(h is not None and h.lemma_.lower() in EXPLOSIVES for h in hit)
