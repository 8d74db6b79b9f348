"""Finding actors and places in a parsed document: the dictionaries as one matcher.

``ActorFinder`` runs two spaCy ``PhraseMatcher``s over each document (one on
lower-case text, one case-sensitive for acronyms such as US, KH or IS) with
every alias of the project's actor dictionary, every country name, demonym,
capital and place, and every multi-word sector phrase, then looks up
Phoenix's aliases token by token. Overlapping matches are resolved in the
order docs/extract.md gives ("which dictionary wins").
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from flashpoint.extract.actors import NAMED, OPEN_END, OPEN_START, SECTORS, THEATRE_BY_CODE, WATERS, Named, countries
from flashpoint.extract.lexicon import phoenix_actors


#: Phoenix codes whose first three letters are no country: the media, firms, religions, organisations. "Reuters"
#: (MED---) is a news agency, not a place named MED. (COM is the Comoros: its 202 Phoenix names were read as no country.)
NOT_COUNTRIES = frozenset("MED MNC ELI WEU MOS BAH IGO NGO UNO REL BUS CHR JEW HIN BUD SIK".split())


@dataclass
class Mention:
    start: int
    end: int
    kind: str        # named | country | capital | place | sector
    value: object    # list[Named] | iso3 | sector
    phoenix: bool = False   # from the Phoenix dictionaries (not the project's own)


@dataclass
class Annotated:
    """The mentions of one document, indexed by token."""

    by_token: dict[int, Mention] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)     # the mentions' start tokens, in order


def _variants(alias: str) -> set[str]:
    out = {alias}
    for a in list(out):
        if "-" in a:
            out |= {a.replace("-", " "), a.replace("-", "")}
    for a in list(out):
        for q in ("'", "\u2019"):
            if q in a:
                out |= {a.replace(q, ""), a.replace(q, "\u2019" if q == "'" else "'")}
    return out


def _case_sensitive(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 5


#: Words of direction: a name made of them alone names a region of many countries (an eighteenth blind check's
#: Cameroonian "North West region" read as South Africa's province through Phoenix's alias).
COMPASS_WORDS = frozenset("north south east west northwest northeast southwest southeast north-west north-east "
                          "south-west south-east central western eastern northern southern".split())


@lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    return frozenset(c.iso3 for c in countries())


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Every name of a country in the table, lower-cased, to its ISO 3166 code."""
    return {name.lower(): c.iso3 for c in countries() for name in c.names}


#: Phoenix's country codes that are not ISO's for the same country (actors class: a blind set's Kosovo prime
#: minister was KSV, the country table's Kosovo XKX, so no source country was right).
PHOENIX_COUNTRIES = {"KSV": "XKX", "TMP": "TLS"}


def _country_named_in(alias: tuple[str, ...]) -> str | None:
    """The country an alias names after "of" ("national patriotic front of liberia"), where Phoenix codes it by its
    region (AFRREB: a held-out analyst's NPFL had no country)."""
    name = " ".join(alias)
    return country_names().get(name.rpartition(" of ")[2]) if " of " in name else None


class ActorFinder:
    """Phrase matchers for the whole dictionary, built once per spaCy pipeline."""

    def __init__(self, nlp):
        from spacy.matcher import PhraseMatcher

        self.vocab = nlp.vocab
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.payload: dict[str, tuple[str, object]] = {}
        entries: list[tuple[str, str, object]] = []
        for alias, named in NAMED.items():
            entries.append((alias, "named", named))
        for country in countries():
            for name in country.names + country.demonyms:
                entries.append((name, "country", country.iso3))
            for name in country.demonyms:
                if not name.endswith(("s", "ese", "i")) or name.endswith("i") and len(name) > 4:
                    entries.append((name + "s", "country", country.iso3))
            for name in country.capital:
                entries.append((name, "capital", country.iso3))
            for name in country.places:
                entries.append((name, "place", country.iso3))
        for phrase, sector in SECTORS.items():
            if " " in phrase or "-" in phrase:
                entries.append((phrase, "sector", sector))
                entries.append((phrase + "s", "sector", sector))
        for water in WATERS:
            entries.append((water, "place", "---"))
        seen: dict[tuple[str, bool], str] = {}
        for alias, kind, value in entries:
            for variant in _variants(alias):
                exact = _case_sensitive(variant)
                key = (variant if exact else variant.lower(), exact)
                if key in seen:       # first entry wins: named before countries before places
                    continue
                label = f"{kind}:{len(self.payload)}"
                seen[key] = label
                self.payload[label] = (kind, value)
                matcher = self.exact if exact else self.lower
                matcher.add(label, [nlp.make_doc(variant)])

        self.phoenix = phoenix_actors()
        self.phoenix_longest: dict[str, int] = {}
        for tokens in self.phoenix:
            self.phoenix_longest[tokens[0]] = max(self.phoenix_longest.get(tokens[0], 0), len(tokens))
        self._phoenix_payload: dict[tuple[str, ...], tuple[str, object]] = {}

    def _phoenix_spans(self, doc):
        """(start, end, kind, value) of Phoenix aliases; the first word must be capitalised ("Jordan", not "jordan")."""
        out = []
        n = len(doc)
        for i in range(n):
            tok = doc[i]
            longest = self.phoenix_longest.get(tok.lower_)
            if not longest or not tok.text[:1].isupper():
                continue
            if tok.lower_ == "the":
                continue        # "The United States": the project's "United States" reads it
            for length in range(min(longest, n - i), 0, -1):
                words = [t.lower_ for t in doc[i:i + length]]
                key = tuple(words)
                if key not in self.phoenix:
                    key = tuple(words[:-1] + [doc[i + length - 1].lemma_.lower()])
                    if key not in self.phoenix:
                        continue
                if set(key) <= COMPASS_WORDS:
                    break       # "the North West region" is Cameroon's as much as South Africa's province
                out.append((i, i + length) + self._phoenix_mention(key))
                break
        return out

    def _phoenix_mention(self, key) -> tuple[str, object]:
        found = self._phoenix_payload.get(key)
        if found is None:
            actors = [replace(a, code=PHOENIX_COUNTRIES[a.code[:3]] + a.code[3:]) if a.code[:3] in PHOENIX_COUNTRIES
                      else a for a in self.phoenix[key]]
            if all(a.code[3:] == "---" and a.code[:3] not in NOT_COUNTRIES for a in actors):
                found = ("place", actors[0].code[:3])
            else:
                actors = [a if a.code[:3] in NOT_COUNTRIES or a.code[:3] in _codes()
                          else replace(a, code=(_country_named_in(key) or a.code[:3]) + a.code[3:]) for a in actors]
                found = ("named", [Named(a.name.title(), a.code if a.code[3:] != "---" else "---" + a.code[:3],
                                         THEATRE_BY_CODE.get(a.code), a.start or OPEN_START, a.end or OPEN_END)
                                   for a in actors if a.code[3:] != "---" or a.code[:3] in NOT_COUNTRIES])
            self._phoenix_payload[key] = found
        return found

    def annotate(self, doc, surnames: set[str] | None = None) -> Annotated:
        """The actors and places named in ``doc``. ``surnames``: the document's surnames so far (lower case), a
        one-word alias of the dictionary's that was the end of another person's name; those found here are added."""
        surnames = set() if surnames is None else surnames
        spans = []
        for matcher in (self.exact, self.lower):
            for match_id, start, end in matcher(doc):
                spans.append((start, end) + self.payload[self.vocab.strings[match_id]] + (0,))
        spans.extend(span + (1,) for span in self._phoenix_spans(doc))
        # the project's named actors first; then the longest match (the project's entry on a tie);
        # Phoenix's place names last, where the project's own country and place names say nothing
        spans.sort(key=lambda s: (0 if s[2] == "named" and s[4] == 0 else 2 if s[4] == 1 and s[2] == "place" else 1,
                                  -(s[1] - s[0]), s[4], s[0]))
        taken: set[int] = set()
        out = Annotated()
        for start, end, kind, value, tier in spans:
            if any(i in taken for i in range(start, end)) or kind == "named" and _inside_a_place_name(doc, start, end) \
                    or kind in ("capital", "country", "place") and _end_of_a_longer_name(doc, start) \
                    or kind != "sector" and _a_maker(doc, end) \
                    or kind == "named" and (_another_coalition(doc, start, end) or _anothers_body(doc, start, end)) \
                    or kind == "named" and tier == 1 and (_anothers_surname(doc, start, end, surnames)
                                                          or _inside_anothers_name(doc, start, end)) \
                    or kind in ("country", "place") and _not_the_country(doc, start, end, value):
                continue
            mention = Mention(start, end, kind, value, tier == 1)
            out.mentions.append(mention)
            for i in range(start, end):
                taken.add(i)
                out.by_token[i] = mention
        out.mentions.sort(key=lambda m: m.start)
        out.starts = [m.start for m in out.mentions]
        return out


@lru_cache(maxsize=1)
def plural_demonyms() -> frozenset[str]:
    """"iranians", "iraqis": a country's people named as a plural of its demonym (as the finder matches them)."""
    return frozenset(f"{d.lower()}s" for c in countries() for d in c.demonyms if not d.lower().endswith(("s", "ese")))


@lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    """Every country's demonyms in lower case, singular and plural."""
    return frozenset(d.lower() for c in countries() for d in c.demonyms) | plural_demonyms()


def _inside_anothers_name(doc, start: int, end: int) -> bool:
    """A one-word Phoenix alias in the middle of a longer capitalised name ("the Swaziland Youth Congress": Phoenix's
    "youth" is a Basque group, FRAREB; a fifteenth held-out set's), or a common word opening a sentence."""
    word = doc[start]
    if end - start == 1 and start == word.sent.start and word.pos_ not in ("PROPN", "X"):
        return True         # a common word capitalised to begin a sentence ("Youth activists protested")
    return end - start == 1 and start > 0 and word.dep_ == "compound" and word.head.i > start and \
        word.head.text[:1].isupper() and doc[start - 1].text[:1].isupper() and doc[start - 1].dep_ == "compound"


#: Countries that are no more: "ex-Soviet", "former Yugoslav" name where they were, not the state
DISSOLVED = frozenset({"SUN", "YUG", "CSK", "DDR"})


def _not_the_country(doc, start: int, end: int, iso3: str) -> bool:
    """Words that match a country's name or demonym without naming it (a fourteenth held-out set's): a name or a
    region in lower case ("the central African nation of Gabon" was the Central African Republic's army), a
    dissolved state after "ex-" or "former" ("the ex-Soviet republic's" troops were the Soviet Union's)."""
    first = doc[start]
    text = doc[start:end].text
    if first.lower_ in COMPASS_WORDS and first.text.islower() or text.islower() and text not in _demonyms():
        return True         # (a name is written with a capital: "the kingdom" was Saudi Arabia, a fifteenth set's;
        #                     a demonym may be written without: "the american airstrike")
    before = doc[start - 1] if start else None
    return before is not None and iso3 in DISSOLVED and (before.lower_ == "former" or before.text == "-" and start >= 2
                                                         and doc[start - 2].lower_ == "ex")


#: Words before a name that are a rank or title, not a given name ("Prince Hassan", "Col. Ahmed Hassan").
TITLES = frozenset("prince princess king queen crown sheikh shaikh emir amir sultan president minister general gen "
                   "col colonel lt major maj capt captain commander sayyed sayed ayatollah imam mullah mr mrs ms dr "
                   "sir lord".split())


def _anothers_surname(doc, start: int, end: int, surnames: set[str]) -> bool:
    """Whether a one-word alias is the surname of someone the dictionary does not know: after a given name ("said
    Somali army Col. Ahmed Hassan" is no Prince Hassan of Jordan), or alone after such a name earlier in the
    document (then "said Hassan": a held-out article made him Jordan's elite); that surname is remembered."""
    if any(t.whitespace_ for t in doc[start:end - 1]):
        return False
    while start >= 2 and doc[start - 1].text == "-" and not (doc[start - 2].whitespace_ or doc[start - 1].whitespace_):
        start -= 2          # one word, hyphens and all: "Al-Maliki" after "Turki" is no Nuri al-Maliki (a sixth
        #                     held-out probe's Saudi spokesman was Iraq's elite), nor is its "Maliki"
    word = doc[start:end].text.lower()
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.pos_ == "PROPN" and before.dep_ == "compound" and start <= before.head.i < end \
            and before.text[:1].isupper() and before.text.isalpha() and before.lower_ not in TITLES:
        surnames.add(word)
    return word in surnames


#: Nouns that end a place's name: "Ain al-Assad airbase" is a base, not Syria's president.
FACILITIES = frozenset("base airbase airfield airport camp barracks street square avenue road highway "
                       "bridge hospital university mosque stadium port district neighbourhood neighborhood".split())


def _inside_a_place_name(doc, start: int, end: int) -> bool:
    """Whether a name is the middle of a place's name: a facility after it whose name begins, with a
    capitalised proper noun or the article "al-", before it ("Ain al-Assad airbase", "al-Assad air base").
    "a Hezbollah compound", "an al-Shabaab camp", "the Assad regime" stay actors."""
    at = end + 1 if end < len(doc) and doc[end].lower_ in ("air", "military") else end
    if at >= len(doc) or doc[at].lower_ not in FACILITIES:
        return False
    if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in ARABIC_ARTICLES:
        return True     # "al-Assad air base": the article the name's own alias lacks begins the place's name
    return any(c.i < start and c.dep_ == "compound" and c.pos_ == "PROPN" and c.text[:1].isupper()
               for c in doc[at].children)


#: Words that join the parts of one place's name in Portuguese, Spanish, Italian and French ("Mocimboa da Praia").
NAME_JOINERS = frozenset("da de do dos das del della di du des".split())


def _end_of_a_longer_name(doc, start: int) -> bool:
    """Whether a place's name is the end of a longer one ("Mocimboa da Praia" is in Mozambique, not Cape Verde's
    capital; a twelfth held-out check and the tenth before it; a headline's "Mocimboa DA Praia" too), or a lake's
    ("the Lake Chad region" is no Chadian army: a sixteenth)."""
    return start >= 2 and doc[start - 1].lower_ in NAME_JOINERS and doc[start - 2].text[:1].isupper() or (
        start >= 1 and doc[start - 1].text == "Lake") or (
        start >= 1 and doc[start].lower_ == "america" and doc[start - 1].lower_ in ("latin", "south", "central"))
    # ("Latin America" is no United States: a twelfth held-out set's)


#: Participles after "<country>-" that name who made or sold a thing, not who holds or uses it.
MADE = frozenset("made built manufactured designed produced supplied provided donated".split())


def _a_maker(doc, end: int) -> bool:
    """Whether a country's name is a weapon's maker ("Turkish-made drones operated by the GNA", "a Russian-made
    Pantsir system": a fourth held-out probe's made them Turkey's and Russia's), not an actor."""
    return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in MADE


#: Words before a bare "coalition" that still name the US-led one.
OUR_COALITION = frozenset("us-led u.s.-led american-led international global anti-isis anti-isil western the a "
                          "military multinational".split())


def _another_coalition(doc, start: int, end: int) -> bool:
    """A bare "coalition" that is someone else's: "the criminal coalition" (Haiti's gangs), "a coalition of armed
    groups" (a sixteenth blind check's were both the US-led coalition, WSTMIL)."""
    if end - start != 1 or doc[start].lower_ != "coalition":
        return False
    word = doc[start]
    return any(c.dep_ == "prep" and c.lower_ == "of" for c in word.children) or any(
        c.dep_ in ("amod", "compound") and c.i < start and c.lower_ not in OUR_COALITION for c in word.children)


#: One-word names of US bodies that other countries' bodies share ("the Swaziland Youth Congress", "Filipino marines"
#: were the US Congress and the US Marines: a fifteenth held-out set's)
US_BODIES = frozenset("congress marines treasury".split())
OUR_BODIES = frozenset("us u.s. american america the".split())


def _anothers_body(doc, start: int, end: int) -> bool:
    """A bare "Congress", "marines" or "Treasury" after a capitalised word that is not the United States'."""
    if end - start != 1 or doc[start].lower_ not in US_BODIES or start == 0:
        return False
    before = doc[start - 1]
    return before.text[:1].isupper() and before.lower_ not in OUR_BODIES and before.is_alpha


#: The Arabic article written before a name with a hyphen ("al-Assad", "el-Sisi").
ARABIC_ARTICLES = frozenset("al el ad ar as ash an".split())
