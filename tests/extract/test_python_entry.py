"""``flashpoint.extract.extract_events`` and ``Document`` from Python: what a notebook passes is read where it is
unambiguous and refused with a message naming the document and field otherwise (a held-out tester got bare
AttributeErrors, and an undated document coded silently with date NaT where the command refuses it)."""
from datetime import date, datetime

import pytest

from flashpoint.errors import DataError, FlashpointError
from flashpoint.extract import Document, code_documents, extract_events

TEXT = "Iran fired ballistic missiles at two bases housing American troops on Wednesday."


def test_document_reads_an_iso_date_and_a_datetime():
    assert Document("a", TEXT, published="2020-01-08").published == date(2020, 1, 8)
    assert Document("a", TEXT, published=datetime(2020, 1, 8, 10, 30)).published == date(2020, 1, 8)
    assert Document("a", TEXT).published is None          # undated: read_documents' files, refused later


@pytest.mark.parametrize("kwargs, message", [
    ({"published": "last year-ish"}, "field 'published': not a date"),
    ({"published": "2999-01-01"}, "not a possible publication date"),
    ({"published": 20200108}, "field 'published': expected a date or ISO text"),
    ({"text": None}, "field 'text': expected the news text as a string"),
    ({"id": 7}, "field 'id': expected a non-empty string"),
])
def test_document_refuses_bad_fields(kwargs, message):
    fields = {"id": "a", "text": TEXT, **kwargs}
    with pytest.raises(DataError, match=message):
        Document(**fields)


@pytest.mark.parametrize("documents, published, message", [
    ([TEXT], None, r"documents\[0\] \('text-1'\): no publication date"),
    ([{"text": TEXT}], None, r"documents\[0\] \('text-1'\): no publication date"),
    ([Document("a", TEXT, published="2020-01-08"), Document("b", TEXT)], None,
     r"documents\[1\] \('b'\): no publication date"),
    (TEXT, "2020-01-08", "documents: expected a list of documents"),
    (Document("a", TEXT, published="2020-01-08"), None, "documents: expected a list of documents"),
    ([42], "2020-01-08", r"documents\[0\] is 42 \(int\); expected a Document\(id, text, published\)"),
    ([{"text": TEXT, "url": "x"}], "2020-01-08", r"documents\[0\]: field\(s\) 'url' unknown"),
    ([{"body": TEXT}], "2020-01-08", r"documents\[0\]: field\(s\) 'body' unknown"),
    ([{"text": TEXT, "published": "soon"}], None, r"documents\[0\]: .*field 'published': not a date"),
    ([TEXT], "01/08/2020x", "published='01/08/2020x': not a date"),
])
def test_extract_events_refuses_clearly(documents, published, message):
    with pytest.raises(DataError if isinstance(documents, list) else FlashpointError, match=message):
        extract_events(documents, published=published)


def test_merge_must_be_a_bool():
    with pytest.raises(FlashpointError, match="merge: expected True or False"):
        extract_events([Document("a", TEXT, published="2020-01-08")], merge="no")


def test_code_documents_refuses_what_is_no_document():
    with pytest.raises(DataError, match=r"documents\[0\] is 'Iran"):
        code_documents([TEXT])


def test_texts_dicts_and_documents_are_coded_alike(nlp):
    expected = extract_events([Document("text-1", TEXT, date(2020, 1, 8))], nlp)
    assert expected["date"].notna().all() and list(expected["plover_type"]) == ["ASSAULT"]
    for documents, published in [([TEXT], "2020-01-08"), ([{"text": TEXT, "published": "2020-01-08"}], None),
                                 ([{"text": TEXT}], date(2020, 1, 8)), ([Document("text-1", TEXT)], "2020-01-08"),
                                 ([Document("text-1", TEXT, "2020-01-08T09:00:00Z")], None)]:
        records = extract_events(documents, nlp, published=published)
        assert records.drop(columns="provenance").equals(expected.drop(columns="provenance"))
    # a Document's own date wins over the default, as a JSONL line's does over --published
    own = extract_events([Document("a", TEXT, "2020-01-08")], nlp, published="2021-06-01")
    assert str(own["date"].iloc[0].date()) == "2020-01-08"
