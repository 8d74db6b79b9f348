"""Reading news documents: plain text, HTML (boilerplate stripped) and JSONL.

HTML is read with the standard library's ``html.parser``: a news page needs
only "keep the article's paragraphs, drop menus, scripts, footers, share
bars and link lists", which a ~100-line parser does with no new dependency
and no network or model at run time (trafilatura and jusText would add lxml
and a second tree of heuristics for the same job). The rules, in the spirit
of jusText: drop whole elements that are never article text (script, style,
nav, header, footer, aside, form, ...) or whose class/id says boilerplate
(menu, share, cookie, related, comment, ...); prefer the ``<article>`` or
``<main>`` element when there is one; keep blocks of at least six words whose
text is mostly not link text; keep headings. The publication date comes from
the usual meta tags (``article:published_time``, ``datePublished``,
``<time datetime>``).
"""
from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from flashpoint.errors import MISSPELT, DataError, FlashpointNote, RepeatedKey, did_you_mean, unique_keys
from flashpoint.outputs import why_not_a_file
from flashpoint.extract.dates import parse_published


@dataclass(frozen=True)
class Document:
    """One news text: an id (JSONL id or file name), the text, its publication date.

    ``published`` is a ``date``, a ``datetime`` or ISO text ("2023-11-14"), kept as a ``date``; None leaves the
    document undated, which :func:`flashpoint.extract.extract_events` refuses (as ``flashpoint extract`` does).
    Anything else is a :class:`DataError` naming the field.
    """

    id: str
    text: str
    published: date | None = None
    origin: str = ""        # where it was read: "feed.jsonl, line 3"

    def __post_init__(self):
        where = f"Document {self.id!r}" if isinstance(self.id, str) else "Document"
        if not isinstance(self.id, str) or not self.id:
            raise DataError(f"{where}: field 'id': expected a non-empty string naming the document, "
                            f"not {self.id!r}")
        if not isinstance(self.text, str):
            raise DataError(f"{where}: field 'text': expected the news text as a string, "
                            f"not {type(self.text).__name__}")
        if self.published is not None:
            if not isinstance(self.published, (str, date)):
                raise DataError(f"{where}: field 'published': expected a date or ISO text (YYYY-MM-DD), "
                                f"not {type(self.published).__name__}")
            try:       # ISO text (a notebook's "2023-11-14") and a datetime are read as the date they give;
                # a date outside 1900 .. a year from now is refused, as in a JSONL line
                object.__setattr__(self, "published", parse_published(self.published))
            except ValueError as exc:
                raise DataError(f"{where}: field 'published': {exc}") from None


#: The most text one run reads (``--max-mb``): about 20 minutes of coding at 150 sentences/s.
MAX_INPUT_BYTES = 20 * 2**20
BINARY_PROBE = 65536
CONTROL_BYTES = frozenset(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31}

SKIP_TAGS = frozenset("script style noscript nav header footer aside form button select svg iframe template "
                      "figure menu dialog".split())
VOID_TAGS = frozenset("br img meta link input hr area base col embed source track wbr param".split())
BLOCK_TAGS = frozenset("p h1 h2 h3 h4 h5 h6 li td th div article section main blockquote pre br tr dd dt "
                       "title".split())
BOILERPLATE = re.compile(r"nav|menu|footer|header|sidebar|share|social|comment|related|advert|\bad\b|ads|promo|"
                         r"cookie|newsletter|subscribe|breadcrumb|popup|modal|banner|widget|recommend|tags",
                         re.IGNORECASE)
DATE_META = frozenset({"article:published_time", "og:published_time", "datepublished", "date", "pubdate",
                       "publishdate", "dc.date.issued", "dc.date", "sailthru.date", "publication_date"})


class _ArticleParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip: list[str] = []          # open elements whose text is dropped
        self.blocks: list[tuple[str, int, bool, str]] = []   # (text, link chars, in article, tag)
        self.text: list[str] = []
        self.link_chars = 0
        self.in_link = 0
        self.article_depth = 0
        self.block_tag = "p"
        self.published: str | None = None
        self.published_tag = ""            # the tag that gave it: '<meta name="date">', '<time datetime>'
        self.in_time = False

    def _flush(self):
        text = re.sub(r"\s+", " ", "".join(self.text)).strip()
        if text:
            self.blocks.append((text, self.link_chars, self.article_depth > 0, self.block_tag))
        self.text, self.link_chars = [], 0

    def handle_starttag(self, tag, attrs):
        attrs = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            kind = next((k for k in ("property", "name", "itemprop") if attrs.get(k)), "name")
            key = attrs.get(kind, "").lower()
            if key in DATE_META and attrs.get("content") and self.published is None:
                self.published = attrs["content"]
                self.published_tag = f'<meta {kind}="{attrs[kind]}">'
            return
        if tag == "time" and attrs.get("datetime") and self.published is None:
            self.published = attrs["datetime"]
            self.published_tag = "<time datetime>"
        if tag in VOID_TAGS:
            if tag == "br":
                self._flush()
            return
        marker = f"{attrs.get('class', '')} {attrs.get('id', '')} {attrs.get('role', '')}"
        if self.skip or tag in SKIP_TAGS or (tag not in ("article", "main", "body", "html") and
                                             BOILERPLATE.search(marker)):
            self.skip.append(tag)
            return
        if tag in BLOCK_TAGS:
            self._flush()
            self.block_tag = tag
        if tag in ("article", "main"):
            self.article_depth += 1
        if tag == "a":
            self.in_link += 1

    def handle_endtag(self, tag):
        if self.skip:
            if tag in self.skip:
                while self.skip and self.skip.pop() != tag:
                    pass
            return
        if tag in BLOCK_TAGS:
            self._flush()
        if tag in ("article", "main") and self.article_depth:
            self._flush()
            self.article_depth -= 1
        if tag == "a" and self.in_link:
            self.in_link -= 1

    def handle_data(self, data):
        if self.skip:
            return
        self.text.append(data)
        if self.in_link:
            self.link_chars += len(data.strip())


def html_to_text(html: str) -> tuple[str, str | None]:
    """The article text of an HTML page (paragraphs separated by blank lines) and its published meta value."""
    text, published, _ = _read_page(html)
    return text, published


def _read_page(html: str) -> tuple[str, str | None, str]:
    """:func:`html_to_text`, and the tag that gave the date (``<meta name="date">``)."""
    parser = _ArticleParser()
    parser.feed(html)
    parser.close()
    parser._flush()
    blocks = parser.blocks
    if any(in_article for _, _, in_article, _ in blocks):
        blocks = [b for b in blocks if b[2]]
    kept = []
    for text, link_chars, _, tag in blocks:
        if tag == "title":
            continue
        words = len(text.split())
        heading = tag in ("h1", "h2") and words >= 3
        if (words >= 6 or heading) and link_chars <= 0.5 * len(text):
            kept.append(text)
    return "\n\n".join(kept), parser.published, parser.published_tag


def _is_html(path: Path, head: str) -> bool:
    return path.suffix.lower() in (".html", ".htm", ".xhtml") or bool(
        re.match(r"\s*(<!doctype html|<html)", head, re.IGNORECASE))


def _published(value, where: str) -> date | None:
    try:
        return parse_published(value)
    except ValueError as exc:
        raise DataError(f"{where}: field 'published': {exc}") from None


#: What ``flashpoint extract FILES`` reads, said when a file is none of it.
NEWS_FILES = "give plain text, HTML or JSONL"


def _refuse_binary(path: Path, data: bytes, give: str = NEWS_FILES) -> None:
    """A DataError when the start of ``data`` holds NUL or many control bytes (an image, an archive, ...);
    ``give`` says what was expected instead."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):      # UTF-16's byte-order mark: text, in another encoding
        raise DataError(f"{path}: UTF-16 text; save the file as UTF-8")
    head = data[:BINARY_PROBE]
    nul = head.find(b"\x00")
    controls = sum(head.count(bytes([c])) for c in CONTROL_BYTES)
    if nul >= 0 or (head and controls > 0.01 * len(head)):
        if nul >= 0:
            line = head.count(b"\n", 0, nul) + 1
            raise DataError(f"{path}, line {line}: a NUL byte; this is binary "
                            f"data, not text; {give}")
        raise DataError(f"{path}: this is binary data, not text ({controls} control bytes in the first "
                        f"{len(head)}); {give}")


def check_text(path: Path, data: bytes, give: str = NEWS_FILES) -> str:
    """``data`` as text: binary refused, UTF-8 required (a UTF-8 byte-order mark is dropped), the first bad byte
    named by line. Every text file extract reads (news text, HTML, the labelled file of ``--evaluate``) goes
    through it, so one bad byte gets one message whichever file holds it."""
    _refuse_binary(path, data, give)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DataError(f"{path}, line {line}: not UTF-8 text (byte 0x{data[exc.start]:02X}); "
                        "save the file as UTF-8") from None


#: The fields of a JSONL line; any other is refused.
JSONL_FIELDS = ("text", "published", "id")


def read_jsonl(path: Path, default_published: date | None, data: bytes | None = None,
               skipped: list[tuple[str, str]] | None = None) -> list[Document]:
    """One document per line; every error names the file and line. A line whose text is nothing to code
    (:func:`nothing_to_code`) is left out and put in ``skipped`` (where, why) when given, else refused."""
    data = path.read_bytes() if data is None else data
    _refuse_binary(path, data)
    docs, seen, unread = [], {}, set()
    for number, raw in enumerate(data.split(b"\n"), start=1):
        where = f"{path}, line {number}"
        if b"\x00" in raw:
            raise DataError(f"{where}: a NUL byte; this is binary data, not JSONL")
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise DataError(f"{where}: not UTF-8 text (byte 0x{raw[exc.start]:02X} at column {exc.start + 1}); "
                            "save the file as UTF-8") from None
        if not line.strip():
            continue
        try:
            item = json.loads(line, object_pairs_hook=unique_keys)
        except json.JSONDecodeError as exc:
            raise DataError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno}); "
                            "expected one object per line") from None
        except RecursionError:
            raise DataError(f"{where}: JSON nested too deeply; expected one flat object per line") from None
        except RepeatedKey as exc:
            raise DataError(f"{where}: field {exc.key!r} is given twice in one object (the last would win "
                            "silently); give it once") from None
        if isinstance(item, dict):      # a misspelt "publshed" or "ID" had been ignored: the line dated by
            unknown = [key for key in item if key not in JSONL_FIELDS]     # --published, its id not used
            misspelt = [(key, hint) for key in unknown if (hint := did_you_mean(key, JSONL_FIELDS, MISSPELT))]
            if misspelt:
                raise DataError(f"{where}: " + ", ".join(f"field {key[:60]!r} unknown ({hint[2:]})"
                                                          for key, hint in misspelt)
                                + "; a line gives \"text\" and, if it has them, \"published\" and \"id\"")
            unread.update(unknown)      # a feed's own fields (url, title, author): not read, said once
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise DataError(f"{where}: field 'text' is missing or not a string; "
                            "expected {\"text\": ..., \"published\": ..., \"id\": ...}")
        published = _published(item.get("published"), where) or default_published
        raw_id = item.get("id")
        if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)) or raw_id == ""):
            raise DataError(f"{where}: field 'id': {json.dumps(raw_id)[:60]} is not an id; expected a non-empty "
                            "string or a whole number naming the document (or no \"id\": the file name and line)")
        doc_id = str(raw_id)[:200] if raw_id is not None else f"{path.name}:{number}"
        first = seen.setdefault(doc_id, number)
        if first != number:      # two documents, one id: their events' provenance could not tell them apart
            raise DataError(f"{where}: field 'id': {doc_id!r} is already the id of line {first}; ids must differ")
        if _left_out(item["text"], where, skipped):
            continue
        docs.append(Document(doc_id, item["text"], published, f"{path}, line {number}"))
    if unread:
        warnings.warn(f"{path}: field(s) {', '.join(repr(k[:60]) for k in sorted(unread)[:8])} are not read; the "
                      "coder reads \"text\", \"published\" and \"id\"", FlashpointNote, stacklevel=2)
    if not docs and not (skipped and skipped[-1][0].startswith(f"{path}, line")):
        _left_out("", str(path), skipped, "no documents (the file has no line with a text; expected one JSON "
                                          "object a line)")
    return docs


#: Words nearly every English news text has; a text with a dozen words or more and almost none of them is not
#: English (a held-out French sentence was coded: its article "Un" read as the UN).
ENGLISH_WORDS = frozenset("the a an of to in on at by for from with and or but is are was were has have had be "
                          "been it its he she they their his her that this which who said says will would not "
                          "as after before over into than".split())
MIN_WORDS_TO_JUDGE = 12
MIN_ENGLISH_SHARE = 0.05


def nothing_to_code(text: str) -> str | None:
    """Why a text is nothing the coder can read, or None: empty, or not English (the pipeline, spaCy's English
    model and an English lexicon, would code it silently and wrongly)."""
    if not text.strip():
        return "no text to code (the file or field is empty, or a page has no article text)"
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < MIN_WORDS_TO_JUDGE:
        return None
    share = sum(w in ENGLISH_WORDS for w in words) / len(words)
    if share < MIN_ENGLISH_SHARE:
        return (f"does not read as English ({share:.0%} of its {len(words)} words are common English words such as "
                "'the', 'of', 'said'); the coder reads English news only: translate it or leave it out")
    return None


def _left_out(text: str, where: str, skipped: list | None, why: str | None = None) -> bool:
    """Whether the text is left out (put in ``skipped``); refused at once when there is no list to put it in."""
    why = why or nothing_to_code(text)
    if why is None:
        return False
    if skipped is None:
        raise DataError(f"{where}: {why}")
    skipped.append((where, why))
    return True


def _page_date(path: Path, meta_date: str | None, tag: str, published: date | None) -> date | None:
    """The date a page's meta tag gives. One that cannot be read is refused, or, with ``--published`` (the date
    for files that give none readable), said in a note: it had been dropped silently ("no publication date")."""
    try:
        return parse_published(meta_date) if meta_date else None
    except ValueError as exc:
        said = f"{path}: the page's date, {tag}, cannot be read: {exc}"
    if published is None:
        raise DataError(f"{said}; give --published YYYY-MM-DD to date the page")
    warnings.warn(f"{said}; dated {published.isoformat()}, from --published", FlashpointNote, stacklevel=3)
    return None


def read_documents(paths, published: date | None = None, max_bytes: float = MAX_INPUT_BYTES) -> list[Document]:
    """Read every file: ``.jsonl`` as one document per line, HTML pages, anything else as plain text.

    The files together may hold at most ``max_bytes`` (checked before anything is read).
    """
    paths = [Path(raw) for raw in paths]
    total = 0
    for path in paths:
        if path.is_dir():
            raise DataError(f"{path}: a folder; give the text, HTML or JSONL files in it (e.g. {path}/*.txt)")
        if not path.is_file():
            raise DataError(f"{path}: {why_not_a_file(path)}")
        total += path.stat().st_size
        if total > max_bytes:
            raise DataError(f"{path}: the input is over the limit of {max_bytes / 2**20:g} MB of text per run "
                            f"({total / 2**20:.1f} MB so far); split it or raise --max-mb")
    docs: list[Document] = []
    skipped: list[tuple[str, str]] = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise DataError(f"{path}: cannot be read ({exc.strerror})") from None
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            docs.extend(read_jsonl(path, published, data, skipped))
            continue
        content = check_text(path, data)
        if _is_html(path, content[:1024]):
            text, meta_date, tag = _read_page(content)
            page_date = _page_date(path, meta_date, tag, published)
            if not _left_out(text, str(path), skipped):
                docs.append(Document(path.name, text, page_date or published, str(path)))
        elif not _left_out(content, str(path), skipped):
            docs.append(Document(path.name, content, published, str(path)))
    # one document with nothing to code is left out of a batch, said; with nothing else to code, refused
    if skipped and not docs:
        raise DataError("; ".join(f"{where}: {why}" for where, why in skipped[:3])
                        + (f"; and {len(skipped) - 3} more" if len(skipped) > 3 else ""))
    if skipped:
        warnings.warn(f"{len(skipped)} document(s) left out, nothing to code in them: "
                      + "; ".join(f"{where}: {why}" for where, why in skipped[:5])
                      + (f"; and {len(skipped) - 5} more" if len(skipped) > 5 else ""), FlashpointNote, stacklevel=2)
    return docs
