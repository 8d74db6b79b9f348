"""News text -> event records: the theatre actor dictionary, verb patterns and the dependency-parse coder.

>>> from flashpoint.extract import extract_events, Document
>>> records = extract_events([Document("a1", "A US drone strike killed Qassem Soleimani in Baghdad.")])

spaCy is imported only when text is coded, so importing this package is cheap.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from flashpoint.extract.reader import Document, read_documents

__all__ = ["Document", "read_documents", "code_documents", "extract_events"]

PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\r?\n(?=\s*[A-Z\"'\u201c])")
BATCH_SIZE = 256


#: The longest piece handed to spaCy at once: a text with no paragraph breaks is cut at sentence ends,
#: so that time and memory grow with the input's length, not with its longest paragraph.
MAX_PIECE = 5000
SENTENCE_END = re.compile(r"[.!?][\"'\u201d)]*\s+")
#: A dateline opening a paragraph: "(Nairobi) -", "BEIRUT (AP) —", "Beirut (Reuters) -", "GAZA CITY, Aug. 1 -".
#: It names where the story was filed, not who acted: read into the first phrase it made the filing city an
#: actor's country ("Nairobi Malian armed forces" was Kenyan). Only a real dateline goes: a place in capitals
#: (its country or region may follow: "KANDAHAR, Afghanistan -", "HARGEISA, Somaliland -") or in
#: brackets, or a place followed by a news agency, before a dash with spaces around it. A dash with no
#: spaces joins a compound ("US-led", "US–Iraqi forces", "ISIS—Khorasan"), a mixed-case name with no
#: agency is an actor ("Hezbollah - the group ..."), and so is one whose bracket holds its own acronym
#: ("Kataib Hezbollah (KH) — The group ...").
NEWS_AGENCIES = r"Reuters|AP|AFP|dpa|DPA|Xinhua|Anadolu|AA|UPI|TASS|Tass|Interfax|EFE|ANSA|Kyodo|Yonhap|PTI|ANI|IANS|" \
    r"Bernama|CNN|IRNA|SANA|WAFA|Sputnik"
DATELINE = re.compile(r"""\s*(?:
      \(\s*[A-Z][\w.'-]*(?:[ ,]+[A-Z][\w.'-]*){0,3}\s*\)
    | (?P<caps>[A-Z][A-Z.'-]+(?:[ ,]+[A-Z][A-Z.'-]+){0,3})(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?
      (?:,\s*[A-Z][a-z]+(?:-[A-Z][a-z]+)?)?
      (?:\s*\((?P<agency>%s)\))?
    | [A-Z][\w.'-]*(?:[ ,]+[A-Z][\w.'-]*){0,3}\s*\((?:%s)\)
    )(?:\s+(?:-{1,2}|[\u2013\u2014])\s+|(?<=\))\s*(?:-{1,2}|[\u2013\u2014])\s*)(?=[A-Z"'\u201c])"""
                      % (NEWS_AGENCIES, NEWS_AGENCIES), re.X)


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
    two capitals, not a filing place."""
    from flashpoint.extract.actors import NAMED

    caps = match.group("caps")
    if not caps or match.group("agency"):
        return False
    return sum(ch.isalpha() for ch in caps) <= 2 or any(word in NAMED for word in re.split(r"[ ,-]+", caps))


def _after_dateline(offset: int, text: str) -> tuple[int, str]:
    match = DATELINE.match(text)
    if match is None or _an_actor_in_capitals(match):
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


def code_documents(documents: Iterable[Document], nlp=None, coder=None):
    """Every event mention in ``documents`` (spaCy's ``nlp.pipe`` batches paragraphs across documents)."""
    from flashpoint.extract.coder import DocumentState
    from flashpoint.extract.pipeline import load_pipeline

    nlp = nlp or load_pipeline()
    coder = coder or _coder_for(nlp)
    documents = list(documents)
    states = [DocumentState() for _ in documents]
    pieces = ((text, (i, offset)) for i, doc in enumerate(documents) for offset, text in paragraphs(doc.text))
    mentions = []
    for parsed, (i, offset) in nlp.pipe(pieces, as_tuples=True, batch_size=BATCH_SIZE):
        mentions.extend(coder.code_paragraph(parsed, documents[i], offset, states[i]))
    return mentions


_CODERS: dict[int, object] = {}


def _coder_for(nlp):
    from flashpoint.extract.coder import EventCoder

    if id(nlp) not in _CODERS:
        _CODERS[id(nlp)] = EventCoder(nlp)
    return _CODERS[id(nlp)]


def extract_events(documents: Iterable[Document], nlp=None, merge: bool = True):
    """Event records (a DataFrame with the event record's columns) for ``documents``."""
    from flashpoint.extract.merge import to_records

    return to_records(code_documents(documents, nlp), merge=merge)
