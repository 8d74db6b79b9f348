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
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from flashpoint.errors import DataError
from flashpoint.extract.dates import parse_published


@dataclass(frozen=True)
class Document:
    """One news text: an id (JSONL id or file name), the text, its publication date."""

    id: str
    text: str
    published: date | None = None


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
        self.in_time = False

    def _flush(self):
        text = re.sub(r"\s+", " ", "".join(self.text)).strip()
        if text:
            self.blocks.append((text, self.link_chars, self.article_depth > 0, self.block_tag))
        self.text, self.link_chars = [], 0

    def handle_starttag(self, tag, attrs):
        attrs = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
            if key in DATE_META and attrs.get("content") and self.published is None:
                self.published = attrs["content"]
            return
        if tag == "time" and attrs.get("datetime") and self.published is None:
            self.published = attrs["datetime"]
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
    return "\n\n".join(kept), parser.published


def _is_html(path: Path, head: str) -> bool:
    return path.suffix.lower() in (".html", ".htm", ".xhtml") or bool(
        re.match(r"\s*(<!doctype html|<html)", head, re.IGNORECASE))


def _published(value, where: str) -> date | None:
    try:
        return parse_published(value)
    except ValueError as exc:
        raise DataError(f"{where}: field 'published': {exc}") from None


def read_jsonl(path: Path, default_published: date | None) -> list[Document]:
    docs = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            where = f"{path}, line {number}"
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(f"{where}: not valid JSON ({exc.msg}); expected one object per line") from None
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise DataError(f"{where}: field 'text' is missing or not a string; "
                                "expected {\"text\": ..., \"published\": ..., \"id\": ...}")
            published = _published(item.get("published"), where) or default_published
            doc_id = str(item.get("id") or f"{path.name}:{number}")
            docs.append(Document(doc_id, item["text"], published))
    return docs


def read_documents(paths, published: date | None = None) -> list[Document]:
    """Read every file: ``.jsonl`` as one document per line, HTML pages, anything else as plain text."""
    docs: list[Document] = []
    for raw in paths:
        path = Path(raw)
        if not path.is_file():
            raise DataError(f"{path}: no such file")
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            docs.extend(read_jsonl(path, published))
            continue
        try:
            content = path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise DataError(f"{path}: cannot be read ({exc.strerror})") from None
        if _is_html(path, content[:1024]):
            text, meta_date = html_to_text(content)
            try:
                page_date = parse_published(meta_date) if meta_date else None
            except ValueError:
                page_date = None
            docs.append(Document(path.name, text, page_date or published))
        else:
            docs.append(Document(path.name, content, published))
    return docs
