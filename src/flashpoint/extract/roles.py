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
from flashpoint.extract.mentions import PRONOUNS

SUBJECT_DEPS = ("nsubj", "csubj")
TARGET_PREPS = ("on", "against", "at", "with", "to", "toward", "towards", "upon", "into", "targeting", "for")
INSTRUMENT_PREPS = ("in", "by", "during", "from", "with")
NEAR_PREPS = ("near", "outside", "inside", "at", "in")
VICTIM_VERBS = frozenset("die perish drown".split())
RELATIVE = frozenset("who which that whom".split())


def is_passive(verb) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def child(verb, *deps):
    return next((c for c in verb.children if c.dep_ in deps), None)


def pobj_of(prep):
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


def preps(token, names):
    for c in token.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in names:
            obj = pobj_of(c)
            if obj is not None:
                yield c.lower_, obj


def source_token(verb, depth: int = 0):
    """The token heading the source phrase of ``verb`` (may be a pronoun or an instrument)."""
    if depth > 4:
        return None
    if is_passive(verb):
        agent = child(verb, "agent")
        if agent is not None and pobj_of(agent) is not None:
            return pobj_of(agent)
        for _, obj in preps(verb, INSTRUMENT_PREPS):
            if obj.lemma_.lower() in INSTRUMENTS:
                return obj
        if verb.dep_ == "conj":
            return source_token(verb.head, depth + 1)
        return None
    subject = child(verb, *SUBJECT_DEPS)
    if subject is not None:
        if subject.lower_ in RELATIVE and verb.dep_ == "relcl":
            return verb.head
        return subject
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        return source_token(verb.head, depth + 1)
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
        if verb.tag_ == "VBG" or verb.dep_ == "relcl":
            return verb.head
    if verb.dep_ == "pcomp":   # "after attacking the base": the clause's subject
        return source_token(verb.head.head, depth + 1)
    return None


def resolve_pronoun(token, previous_source):
    """A pronoun subject's antecedent: the subject of a reporting verb above, else the previous source."""
    if token is None or token.lower_ not in PRONOUNS:
        return token, None
    verb = token.head
    for _ in range(4):
        if verb.dep_ not in ("ccomp", "conj", "xcomp", "advcl") or verb.head is verb:
            break
        verb = verb.head
        subject = child(verb, "nsubj")
        if subject is not None and subject.lower_ not in PRONOUNS:
            return subject, None
    return None, previous_source


def target_token(verb, event_noun=None, *, plover: str | None = None):
    """The token heading the target phrase of ``verb`` (``event_noun``: the object of a light verb)."""
    if verb.lemma_.lower() in VICTIM_VERBS:
        return child(verb, "nsubj")
    if is_passive(verb):
        subject = child(verb, "nsubjpass")
        if subject is not None and subject is not event_noun:
            return subject
    if event_noun is not None:
        for _, obj in preps(event_noun, TARGET_PREPS + ("of",)):
            return obj
        acl = child(event_noun, "acl")
        if acl is not None and child(acl, "dobj") is not None:
            return child(acl, "dobj")
    obj = child(verb, "dobj")
    if obj is not None and obj is not event_noun and obj.lemma_.lower() not in INSTRUMENTS | {"fire"}:
        return obj
    dative = child(verb, "dative")
    if dative is not None:
        return pobj_of(dative) if dative.pos_ == "ADP" else dative
    for _, found in preps(verb, TARGET_PREPS):
        return found
    if obj is not None:
        for _, found in preps(obj, TARGET_PREPS):
            return found
    if plover in ("REQUEST", "THREATEN", "AGREE", "ACCUSE", "SANCTION"):
        inner = child(verb, "xcomp", "ccomp")
        if inner is not None:
            return child(inner, "dobj", "nsubj", "nsubjpass") or next((o for _, o in preps(inner, TARGET_PREPS)), None)
    if plover == "ASSAULT":
        for _, found in preps(verb, NEAR_PREPS):
            return found
    return None
