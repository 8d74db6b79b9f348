"""The field's dictionaries at run time: PETRARCH2's CAMEO verb patterns and the Phoenix actors and agents.

``build_dictionaries.py`` compiled them (by hand, once) into ``petrarch/*.tsv``; this module
only reads those files. A verb pattern is matched on the dependency parse:

* words before ``*`` in the pattern must be words of the verb's subject phrase ("PROTESTOR *");
* a plain word after ``*`` must be the head of the object, a particle or an adverb of the
  verb ("ATTACK * GOVERNMENT" needs the object to *be* the government, not "government
  forces"); ``{a b}`` must all be words of the object phrase; ``(prep words)`` must be a
  prepositional phrase of the verb or its object, with those words in it;
* ``&SET`` stands for any word of the synonym set.

A pattern with more matched elements wins; ``---`` means "no event" (PETRARCH's way of
saying "killed in an accident" is not an attack). ``[a:b]`` codes keep ``a`` (the source
acting on the target); ``[:b]`` means the target acts on the source and swaps the sides.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

#: Everyday verbs whose PETRARCH default code would code almost any sentence ("went", "took", "thought"):
#: only their patterns count ("TAKE * CONTROL", "GIVE * AID").
GENERIC_VERBS = frozenset(
    "be have do get make go come take see know think believe feel want need mean give hear learn lead watch add "
    "buy serve expect pass decide pull break involve increase face catch leave look try become put keep let begin "
    "show play run move like live hold bring happen write sit stand lose set change follow stop create read "
    "allow spend grow open walk win remember love consider appear wait build stay fall cut reach remain raise "
    "require develop carry receive produce cover draw choose cause point listen place close drop end enter start "
    "seem suppose guess imagine wonder doubt suspect fear hope plan intend prepare seek arrive say tell pay "
    "provide speak explain suggest head travel fly return congregate dig".split())


@dataclass(frozen=True)
class Pattern:
    code: str            # CAMEO code, or "---" (no event)
    reverse: bool        # the target acts on the source
    pre: tuple           # elements before the verb
    post: tuple          # elements after the verb
    size: int            # number of elements (specificity)


@dataclass(frozen=True)
class Element:
    kind: str                    # word | phrase | prep
    words: tuple[frozenset, ...]  # each: accepted spellings (a synonym set is one frozenset)
    prep: str | None = None


def _lines(name: str):
    with resources.files("flashpoint.extract").joinpath("petrarch", name).open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")


def _code(raw: str) -> tuple[str, bool] | None:
    raw = raw.strip()
    if raw.startswith("---") or not raw:
        return "---", False
    first, _, second = raw.partition(":")
    first, second = first.strip(), second.strip()
    if first and first[:2].isdigit():
        return first, False
    if second and second[:2].isdigit():
        return second, True
    return "---", False


class VerbDictionary:
    """Verb lemma -> blocks; block -> patterns; the default code of each verb."""

    def __init__(self):
        self.sets: dict[str, frozenset] = {}
        self.defaults: dict[str, str] = {}          # lemma -> default code ("---": only its patterns code)
        self.blocks: dict[str, list[str]] = {}      # lemma -> blocks
        self.patterns: dict[str, list[Pattern]] = {}
        rows = list(_lines("verbs.tsv"))
        for row in rows:
            if row[0] == "S":
                self.sets["&" + row[1].lstrip("&")] = frozenset(w.split()[-1] for w in row[2].split("|") if w)
        for row in rows:
            if row[0] == "V":
                _, lemma, block, code = row
                code = _code(code)[0] if code != "?" else code
                if lemma in GENERIC_VERBS:
                    code = "?"
                self.blocks.setdefault(lemma, [])
                if block not in self.blocks[lemma]:
                    self.blocks[lemma].append(block)
                if code not in ("?", "---") and self.defaults.get(lemma, "---") == "---":
                    self.defaults[lemma] = code
                else:
                    self.defaults.setdefault(lemma, "---")
            elif row[0] == "P":
                _, block, code, pre, post = row
                parsed = _code(code)
                pre_e, post_e = self._elements(pre), self._elements(post)
                size = sum(1 for e in pre_e + post_e if e.kind != "prep" or e.words)
                if size:        # a bare preposition ("ORDER * (FOR)") says too little to code on
                    self.patterns.setdefault(block, []).append(Pattern(parsed[0], parsed[1], pre_e, post_e, size))

    def _word(self, word: str) -> frozenset:
        if word.startswith("&"):
            return self.sets.get(word, frozenset())
        return frozenset({word})

    def _elements(self, text: str) -> tuple:
        out = []
        for item in filter(None, text.split("|")):
            if item.startswith("("):
                words = item[1:-1].split()
                if not words:
                    continue
                prep, rest = words[0], words[1:]
                out.append(Element("prep", tuple(self._word(w) for w in rest), prep))
            elif item.startswith("{"):
                out.append(Element("phrase", tuple(self._word(w) for w in item[1:-1].split())))
            else:
                out.append(Element("word", (self._word(item),)))
        return tuple(out)

    def knows(self, lemma: str) -> bool:
        return lemma in self.blocks

    def match(self, lemma: str, context: "VerbContext") -> tuple[str, bool, int, bool] | None:
        """(code, reverse, specificity, has a prepositional phrase) of the best pattern, else the default.

        Specificity 0 is the verb's default code; None when the verb is not in the dictionary
        or has no code of its own and no pattern matched.
        """
        best = None
        for block in self.blocks.get(lemma, ()):
            for pattern in self.patterns.get(block, ()):
                if best is not None and pattern.size <= best.size:
                    continue
                if all(context.has(e, True) for e in pattern.pre) and all(context.has(e, False) for e in pattern.post):
                    best = pattern
        if best is not None:
            return best.code, best.reverse, best.size, any(e.kind == "prep" for e in best.post)
        default = self.defaults.get(lemma)
        if default is None or default == "---":
            return None
        return default, False, 0, False


def _spelled(word_set: frozenset, forms: set[str]) -> bool:
    if word_set & forms:
        return True
    return any(len(w) >= 5 and f.startswith(w) for w in word_set for f in forms)


class VerbContext:
    """The words around one verb that patterns look at."""

    def __init__(self, verb, subject, obj):
        self.subject_words = _forms(_phrase(subject)) if subject is not None else set()
        self.heads: set[str] = set()
        self.object_words: set[str] = set()
        self.preps: list[tuple[str, set[str]]] = []
        if obj is not None:
            self.heads |= _forms([obj])
            self.object_words = _forms(_phrase(obj))
        for c in verb.children:
            if c.dep_ in ("prt", "advmod", "acomp", "oprd", "attr", "dative", "npadvmod"):
                self.heads |= _forms([c])
        for owner in (verb, obj):
            if owner is None:
                continue
            for c in owner.children:
                if c.dep_ in ("prep", "agent", "dative") or (c.dep_ == "prt" and owner is verb):
                    pobj = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                    words = _forms([t for p in pobj for t in _phrase(p)])
                    self.preps.append((c.lower_, words))

    def has(self, element: Element, before: bool) -> bool:
        if before:
            return all(_spelled(w, self.subject_words) for w in element.words)
        if element.kind == "word":
            return _spelled(element.words[0], self.heads)
        if element.kind == "phrase":
            return all(_spelled(w, self.object_words) for w in element.words)
        return any(prep == element.prep and all(_spelled(w, words) for w in element.words)
                   for prep, words in self.preps)


def _phrase(head) -> list:
    keep = ("compound", "amod", "nmod", "poss", "nummod", "det", "prep", "pobj", "conj", "cc", "appos")
    out, stack = [], [head]
    while stack and len(out) < 12:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ in keep)
    return out


def _forms(tokens) -> set[str]:
    out = set()
    for t in tokens:
        out.add(t.lower_)
        out.add(t.lemma_.lower())
    return out


@lru_cache(maxsize=1)
def verb_dictionary() -> VerbDictionary:
    return VerbDictionary()


# ------------------------------------------------------------------------------------------ actors
@dataclass(frozen=True)
class PhoenixActor:
    name: str
    code: str
    start: date | None
    end: date | None


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


@lru_cache(maxsize=1)
def phoenix_actors() -> dict[tuple[str, ...], list[PhoenixActor]]:
    """Alias tokens (lower case) -> the actors it names, with their date ranges."""
    out: dict[tuple[str, ...], list[PhoenixActor]] = {}
    for tokens, code, start, end, name in _lines("actors.tsv"):
        out.setdefault(tuple(tokens.split(" ")), []).append(PhoenixActor(name, code, _day(start), _day(end)))
    return out


@lru_cache(maxsize=1)
def phoenix_agents() -> dict[str, str]:
    """Agent words ("riot police", "farmer") -> CAMEO sector."""
    return {tokens: sector for tokens, sector in _lines("agents.tsv")}
