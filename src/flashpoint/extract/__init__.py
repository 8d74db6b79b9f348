"""News text -> event records: the theatre actor dictionary, verb patterns and the dependency-parse coder.

>>> from flashpoint.extract import extract_events, Document
>>> records = extract_events([Document("a1", "A US drone strike killed Qassem Soleimani in Baghdad on Friday.",
...                                    published="2020-01-04")])
>>> records = extract_events(["A US drone strike killed Qassem Soleimani in Baghdad."], published="2020-01-04")

spaCy is imported only when text is coded, so importing this package is cheap.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from flashpoint.errors import DataError, FlashpointError
from flashpoint.extract.reader import Document, read_documents

__all__ = ["Document", "read_documents", "code_documents", "extract_events"]

PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\r?\n(?=\s*[A-Z\"'\u201c])")
BATCH_SIZE = 256


#: The longest piece handed to spaCy at once: a text with no paragraph breaks is cut at sentence ends,
#: so that time and memory grow with the input's length, not with its longest paragraph.
MAX_PIECE = 5000
SENTENCE_END = re.compile(r"[.!?][\"'\u201d)]*\s+")
#: A dateline opening a paragraph: "(Nairobi) -", "BEIRUT (AP) —", "Beirut (Reuters) -", "GAZA CITY, Aug. 1 -",
#: "MOGADISHU, Feb 22, 2009 -" (a held-out tester's filing city with its year was read as the bombers), the wire
#: archives' "LISBON, Portugal (AP) _" and a credit "(BSS/AFP) -" (a blind set's read Portugal and AFP as actors),
#: and a web edition's "MANILA, Philippines (UPDATED) -" (another's read the Philippine government as the target),
#: and a place in capitals before a colon, "BANGKOK: A Myanmar military airstrike ..." (a blind set's read Thai
#: civilians as its target); a place in capitals before any outlet in brackets, "ERBIL (Kurdistan 24) -", and a
#: mixed-case place with its full date, "Tripoli, Sept 16, 2019 -" (a probe's real reports read Iraq's army and
#: "Tripoli Sept 16 2019" as the strikers), or with its month and day, "United Nations, Dec 14 -" (a held-out
#: article's toll of six read 1, dated the filing day), or with its day first before a colon, "Washington, 29th
#: January 2024:" (another's toll of three read 4), but not a date phrase ("On Sunday, Dec 14 -"); twin cities
#: count as one place, "BEIRUT/JERUSALEM (Reuters) -" (another's read Lebanon's army as Israel's forces).
#: It names where the story was filed, not who acted: read into the first phrase it made the filing city an
#: actor's country ("Nairobi Malian armed forces" was Kenyan). Only a real dateline goes: a place in capitals
#: (its country or region may follow: "KANDAHAR, Afghanistan -", "HARGEISA, Somaliland -", "GOMA, Democratic
#: Republic of Congo (Reuters) -", where a held-out probe's dateline of many words was read as Congo's army) or in
#: brackets, or a place followed by a news agency, before a dash with spaces around it. A dash with no
#: spaces joins a compound ("US-led", "US–Iraqi forces", "ISIS—Khorasan"), a mixed-case name with no
#: agency is an actor ("Hezbollah - the group ..."), and so is one whose bracket holds its own acronym
#: ("Kataib Hezbollah (KH) — The group ...").
NEWS_AGENCIES = r"Reuters|AP|AFP|dpa|DPA|Xinhua|Anadolu|AA|UPI|TASS|Tass|Interfax|EFE|ANSA|Kyodo|Yonhap|PTI|ANI|IANS|" \
    r"Bernama|CNN|IRNA|SANA|WAFA|Sputnik"
MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
DATELINE = re.compile(r"""\s*(?:
      \(\s*[A-Z][\w.'/-]*(?:[ ,]+[A-Z][\w.'/-]*){0,3}\s*\)
    | (?P<caps>[A-Z][A-Z.'/-]+(?:[ ,]+[A-Z][A-Z.'/-]+){0,3})(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?
      (?:,\s*[A-Z][a-z]+(?:-[A-Z][a-z]+|\s(?:of|and|the|[A-Z][a-z]+)){0,4})?
      (?:\s*\((?P<agency>%s)\)|\s*\((?P<outlet>[A-Z][\w.'&-]*(?:\s[\w.'&-]+){0,3})\))?
      (?:\s*\(UPDATED?(?:\s+\d+)?\))?
    | (?!(?:On|In|By|Since|Until|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)
      [A-Z][a-z][\w.'-]*(?:[ ,]+[A-Z][\w.'-]*){0,2},\s*
      (?:(?:%s)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+(?:%s)[a-z]*\.?)(?:,?\s*\d{4})?
    | [A-Z][\w.'/-]*(?:[ ,]+[A-Z][\w.'/-]*){0,3}\s*\((?:%s)\)
    )(?:\s+(?:-{1,2}|[\u2013\u2014_])\s+|(?<=\))\s*(?:-{1,2}|[\u2013\u2014])\s*|(?:(?<=[A-Z]{3})|(?<=\d{4})):\s+)
    (?=[A-Z"'\u201c])""" % (NEWS_AGENCIES, MONTHS, MONTHS, NEWS_AGENCIES), re.X)


def _pieces(offset: int, text: str) -> Iterable[tuple[int, str]]:
    start = 0
    while len(text) - start > MAX_PIECE:
        window = text[start:start + MAX_PIECE]
        ends = [m.end() for m in SENTENCE_END.finditer(window)]
        cut = ends[-1] if ends and ends[-1] > MAX_PIECE // 4 else (window.rfind(" ") + 1 or MAX_PIECE)
        yield offset + start, text[start:start + cut]
        start += cut
    if text[start:].strip():
        yield offset + start, text[start:]


def _an_actor_in_capitals(match) -> bool:
    """"IDF — Troops raided ...", "NATO - The alliance ...", "U.S. - Forces ...": a known actor's acronym or
    two capitals, or an acronym its bracket spells out, not a filing place."""
    from flashpoint.extract.actors import NAMED

    caps, outlet = match.group("caps"), match.group("outlet")
    if not caps or match.group("agency"):
        return False
    spelled = outlet and "".join(w[0] for w in outlet.split() if w[0].isupper()) == caps.replace(".", "")
    return spelled or sum(ch.isalpha() for ch in caps) <= 2 or any(
        word in NAMED for word in re.split(r"[ ,-]+", caps))     # "PKK (Kurdistan Workers' Party) -": a name


#: A place in mixed case with its country before a colon, "Arbil, Iraq: Turkey carried out airstrikes ..." (a
#: blind set's read an Iraqi occupier as the striker); only where the second name is a country's.
PLACE_COUNTRY_COLON = re.compile(r"""\s*[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,2},
    \s*(?P<country>[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}):\s+(?=[A-Z"'\u201c])""", re.X)


#: A mixed-case place the country table names (a capital or another place) before a colon, "Kabul: At least 31
#: ..." (a probe's real report read the capital's government as the speaker).
PLACE_COLON = re.compile(r"""\s*(?P<place>[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,2}):\s+(?=[A-Z"'\u201c])""")


def _after_dateline(offset: int, text: str) -> tuple[int, str]:
    from flashpoint.extract.actors import countries

    match = DATELINE.match(text)
    if match is None or _an_actor_in_capitals(match):
        match = PLACE_COUNTRY_COLON.match(text)
        if match is None or not any(match.group("country") in c.names for c in countries()):
            match = PLACE_COLON.match(text)
            if match is None or not any(match.group("place") in (*c.capital, *c.places) for c in countries()):
                return offset, text
    return offset + match.end(), text[match.end():]


def paragraphs(text: str) -> Iterable[tuple[int, str]]:
    """(offset, paragraph) pieces of a text, split at blank lines and line breaks before a new sentence, each
    without its dateline."""
    start = 0
    for match in PARAGRAPH_BREAK.finditer(text):
        piece = text[start:match.start()]
        if piece.strip():
            yield from _pieces(*_after_dateline(start, piece))
        start = match.end()
    if text[start:].strip():
        yield from _pieces(*_after_dateline(start, text[start:]))


EXPECTED_DOCUMENT = ("expected a Document(id, text, published), e.g. Document(\"a1\", \"Rockets hit the base on "
                     "Sunday.\", published=\"2020-01-08\") from flashpoint.extract")


def _shown(value) -> str:
    import reprlib

    return f"{reprlib.repr(value)} ({type(value).__name__})"


def _listed(documents) -> list:
    """``documents`` as a list; one document, a text or something that is no collection is refused."""
    if isinstance(documents, (str, bytes, dict, Document)) or not isinstance(documents, Iterable):
        raise FlashpointError(f"documents: expected a list of documents, not {_shown(documents)}; put it in a "
                              "list: [...]")
    return list(documents)


def code_documents(documents: Iterable[Document], nlp=None, coder=None, *, progress=None):
    """Every event mention in ``documents``, a list of :class:`Document` (spaCy's ``nlp.pipe`` batches paragraphs
    across documents). An undated document is coded, its relative dates unresolved; :func:`extract_events`
    refuses one. ``progress(done, total)``, if given, is told the characters coded after each paragraph."""
    from flashpoint.extract.coder import DocumentState
    from flashpoint.extract.pipeline import load_pipeline

    documents = _listed(documents)
    for i, doc in enumerate(documents):
        if not isinstance(doc, Document):
            raise DataError(f"documents[{i}] is {_shown(doc)}; {EXPECTED_DOCUMENT}")
    nlp = nlp or load_pipeline()
    coder = coder or _coder_for(nlp)
    states = [DocumentState() for _ in documents]
    pieces = ((text.replace(CURLY_APOSTROPHE, "'"), (i, offset))      # one character for one: offsets hold
              for i, doc in enumerate(documents) for offset, text in paragraphs(doc.text))
    mentions, done, total = [], 0, sum(len(doc.text) for doc in documents)
    for parsed, (i, offset) in nlp.pipe(pieces, as_tuples=True, batch_size=BATCH_SIZE):
        mentions.extend(coder.code_paragraph(parsed, documents[i], offset, states[i]))
        if progress is not None:
            done += len(parsed.text)
            progress(min(done, total), total)
    if progress is not None:
        progress(total, total)          # (the blank lines between paragraphs count too)
    return mentions


#: read as "'": "New People’s Army" was no name in the dictionary where "New People's Army" was (an eighth held-out
#: set's typeset pages)
CURLY_APOSTROPHE = "\u2019"

_CODERS: dict[int, object] = {}


def _coder_for(nlp):
    from flashpoint.extract.coder import EventCoder

    if id(nlp) not in _CODERS:
        _CODERS[id(nlp)] = EventCoder(nlp)
    return _CODERS[id(nlp)]


DICT_FIELDS = ("text", "published", "id")


def _as_documents(documents, published=None) -> list[Document]:
    """Each of ``documents`` as a dated :class:`Document`: a Document, a text, or a dict with the fields of a JSONL
    line; ``published`` dates those that give no date. One that stays undated is refused, as the CLI refuses it."""
    from dataclasses import replace

    from flashpoint.extract.dates import parse_published

    documents = _listed(documents)
    try:
        default = parse_published(published)
    except ValueError as exc:
        raise DataError(f"published={published!r}: {exc}") from None
    docs = []
    for i, item in enumerate(documents):
        where = f"documents[{i}]"
        if isinstance(item, Document):
            docs.append(item if item.published is not None or default is None else replace(item, published=default))
            continue
        if isinstance(item, str):
            fields = {"text": item}
        elif isinstance(item, dict):
            unknown = [repr(k) for k in item if k not in DICT_FIELDS]
            if unknown:
                raise DataError(f"{where}: field(s) {', '.join(unknown)} unknown; a dict gives 'text' and, if it "
                                "has them, 'published' and 'id' (as a JSONL line does)")
            if not isinstance(item.get("text"), str):
                raise DataError(f"{where}: field 'text' is missing or not a string; expected "
                                "{'text': ..., 'published': ..., 'id': ...}")
            fields = item
        else:
            raise DataError(f"{where} is {_shown(item)}; {EXPECTED_DOCUMENT}, a text (with "
                            "published=\"YYYY-MM-DD\" given to extract_events) or a dict "
                            "{'text': ..., 'published': ..., 'id': ...}")
        raw_id = fields.get("id")
        doc_id = str(raw_id) if isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool) and str(raw_id) \
            else f"text-{i + 1}"
        try:
            docs.append(Document(doc_id, fields["text"], fields.get("published") or default, where))
        except DataError as exc:
            raise DataError(f"{where}: {exc}") from None
    undated = [(i, d) for i, d in enumerate(docs) if d.published is None]
    if undated:
        i, first = undated[0]
        more = f" (and {len(undated) - 1} more)" if len(undated) > 1 else ""
        raise DataError(f"documents[{i}] ({first.id!r}){more}: no publication date, so relative dates (\"on "
                        "Sunday\") and undated events cannot be placed; give the Document a published date (a "
                        "date or \"YYYY-MM-DD\"), or extract_events(..., published=\"YYYY-MM-DD\") for the "
                        "documents that give none")
    return docs


def extract_events(documents: Iterable[Document], nlp=None, merge: bool = True, *, published=None, progress=None):
    """Event records (a DataFrame with the event record's columns) for ``documents``.

    Each document is a :class:`Document` (id, text, published), a text, or a dict with a JSONL line's fields
    (``text``, ``published``, ``id``); ``published`` (a date or "YYYY-MM-DD", as ``flashpoint extract
    --published``) dates those that give no date. Every document needs a publication date: one without is
    refused with a :class:`DataError`, as the command refuses it. ``merge=False`` keeps one record per mention;
    ``progress(done, total)`` is told the characters coded so far (:func:`code_documents`).
    """
    from flashpoint.extract.merge import to_records

    if not isinstance(merge, bool):
        raise FlashpointError(f"merge: expected True or False, not {merge!r}")
    return to_records(code_documents(_as_documents(documents, published), nlp, progress=progress), merge=merge)
