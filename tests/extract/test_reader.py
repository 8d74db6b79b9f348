from datetime import date

import pytest

from flashpoint.errors import DataError
from flashpoint.extract.reader import html_to_text, read_documents

PAGE = """<!doctype html><html><head><title>News site</title>
<meta property="article:published_time" content="2020-03-12T08:00:00Z">
<script>var ads = "Rockets hit the base";</script></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World news and more stories here</a></nav></header>
<div class="share-bar">Share this story on every social network you know today</div>
<article><h1>Rockets hit Iraqi base hosting US troops</h1>
<p>Several rockets struck Camp Taji north of Baghdad on Wednesday, officials said.</p>
<p>Read more: <a href="/x">another long headline that is only a link to something else</a></p>
<p>Two American soldiers were killed in the attack, the coalition said in a statement.</p></article>
<aside>Most read: a list of other articles that nobody asked for here</aside>
<footer>Copyright 2020 News site. All rights reserved by the owners of the site.</footer>
</body></html>"""


def test_html_keeps_the_article_and_drops_boilerplate():
    text, published = html_to_text(PAGE)
    assert "Several rockets struck Camp Taji" in text
    assert "Two American soldiers were killed" in text
    assert "Rockets hit Iraqi base hosting US troops" in text
    for junk in ("var ads", "Home", "Share this story", "Most read", "Copyright", "another long headline"):
        assert junk not in text
    assert published == "2020-03-12T08:00:00Z"


def test_read_documents_by_kind(tmp_path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "note.txt").write_text("Iran fired missiles at two bases.", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(
        '{"id": "n1", "text": "Protesters marched in Baghdad.", "published": "2019-10-25"}\n'
        '{"text": "No id or date here."}\n', encoding="utf-8")
    docs = read_documents([tmp_path / "page.html", tmp_path / "note.txt", tmp_path / "feed.jsonl"],
                          published=date(2020, 1, 1))
    assert [d.id for d in docs] == ["page.html", "note.txt", "n1", "feed.jsonl:2"]
    assert docs[0].published == date(2020, 3, 12)          # the page's own date wins
    assert docs[1].published == date(2020, 1, 1)           # --published for a file without one
    assert docs[2].published == date(2019, 10, 25)
    assert docs[3].published == date(2020, 1, 1)


@pytest.mark.parametrize("line, message", [
    ("not json", "line 1: not valid JSON"),
    ('{"id": 1}', "line 1: field 'text' is missing"),
    ('{"text": "x", "published": "someday"}', "line 1: field 'published'"),
])
def test_bad_jsonl_names_file_line_and_field(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=message):
        read_documents([path])


def test_missing_file_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="no such file"):
        read_documents([tmp_path / "absent.txt"])
    with pytest.raises(DataError, match="a folder; give the text, HTML or JSONL files in it"):
        read_documents([tmp_path])


def test_utf16_text_is_named_as_such_not_as_binary(tmp_path):
    path = tmp_path / "notepad.txt"
    path.write_bytes("Rockets hit the base.".encode("utf-16"))
    with pytest.raises(DataError, match="notepad.txt: UTF-16 text; save the file as UTF-8"):
        read_documents([path])


@pytest.mark.parametrize("content, message", [
    (b'{"text": "x"}\n{"text": "caf\xe9"}\n', "line 2: not UTF-8 text (byte 0xE9 at column 14)"),
    (b'{"text": "x"}\n' + b"[" * 100_000 + b"\n", "line 2: JSON nested too deeply"),
    (b'{"text": "x", "published": "2999-01-01"}\n', "line 1: field 'published': 2999-01-01 is not a possible"),
    (b'{"text": "x"}\n{"text": "a\x00b"}\n', "line 2: a NUL byte"),
    (b'{"text": ["not", "a", "string"]}\n', "line 1: field 'text' is missing or not a string"),
    (b'{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n', "line 2: field 'id': 'a' is already the id of line 1"),
])
def test_jsonl_decoding_errors_name_the_line(tmp_path, content, message):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(content)
    with pytest.raises(DataError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_documents([path])


def test_binary_input_is_refused_before_any_parsing(tmp_path):
    import random

    junk = random.Random(7).randbytes(200_000)
    path = tmp_path / "junk.txt"
    path.write_bytes(junk)
    with pytest.raises(DataError, match="junk.txt(, line [0-9]+)?: .*binary data, not text"):
        read_documents([path])


def test_latin1_text_names_the_line(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("Rockets hit the base.\nThe caf\u00e9 burned.\n".encode("latin-1"))
    with pytest.raises(DataError, match=r"old.txt, line 2: not UTF-8 text \(byte 0xE9\)"):
        read_documents([path])


def test_size_limit_is_checked_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("Rockets hit the base. " * 1000, encoding="utf-8")
    with pytest.raises(DataError, match="over the limit of"):
        read_documents([path], max_bytes=10_000)
    assert len(read_documents([path], max_bytes=100_000)) == 1


def test_long_paragraphs_are_cut_at_sentence_ends():
    from flashpoint.extract import MAX_PIECE, paragraphs

    text = "Rockets hit the base on Sunday. " * 2000       # 64 KB with no paragraph break
    pieces = list(paragraphs(text))
    assert len(pieces) > 10 and all(len(p) <= MAX_PIECE for _, p in pieces)
    assert "".join(p for _, p in pieces) == text.rstrip() or "".join(p for _, p in pieces) == text
    for offset, piece in pieces:
        assert text[offset:offset + len(piece)] == piece
        assert piece.startswith("Rockets")


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", "", r"empty\.txt: no text to code \(the file or field is empty"),
    ("blank.txt", "  \n\n ", r"blank\.txt: no text"),
    ("empty.jsonl", "\n\n", r"empty\.jsonl: no documents"),
    ("fr.txt", "Un drone turc a tué quatre membres du PKK dans le nord de l'Irak, selon des responsables locaux "
               "qui ont confirmé la frappe mardi soir près de Sinjar.", r"fr\.txt: does not read as English"),
    ("fr.jsonl", '{"text": "Un drone turc a tué quatre membres du PKK dans le nord de l\'Irak, selon des '
                 'responsables locaux qui ont confirmé la frappe mardi."}', r"fr\.jsonl, line 1: does not read"),
])
def test_empty_or_non_english_text_is_refused(tmp_path, name, content, message):
    """Held-out: an empty file gave no event and no word; a French sentence was coded ("Un" read as the UN)."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=message):
        read_documents([path], published=date(2024, 1, 1))


def test_short_or_headline_english_is_read():
    """The English check judges a dozen words or more, and headlines pass."""
    from flashpoint.extract.reader import nothing_to_code

    assert nothing_to_code("Tuareg ambush in Mali leaves at least 20 Wagner PMC soldiers dead near the Algerian "
                           "border.") is None
    assert nothing_to_code("Drone strike kills four") is None


def test_in_a_batch_a_document_with_nothing_to_code_is_left_out_and_said(tmp_path):
    """One empty or foreign page among many leaves the others coded (the run is not refused), with a note."""
    from flashpoint.errors import FlashpointNote

    empty, good = tmp_path / "empty.txt", tmp_path / "good.txt"
    empty.write_text("", encoding="utf-8")
    good.write_text("Rockets struck the base on Tuesday, officials said.", encoding="utf-8")
    with pytest.warns(FlashpointNote, match=r"1 document\(s\) left out.*empty\.txt: no text to code"):
        docs = read_documents([empty, good], published=date(2024, 1, 1))
    assert [d.id for d in docs] == ["good.txt"]
