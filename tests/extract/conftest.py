"""One spaCy pipeline per test session (loading it takes seconds)."""
from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture(scope="session")
def nlp():
    pytest.importorskip("spacy")
    from flashpoint.extract.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def code(nlp):
    """code(text, published="2020-01-08") -> the event mentions found in ``text``."""
    from flashpoint.extract import Document, code_documents

    def run(text: str, published: str | None = "2020-01-08", doc_id: str = "t"):
        when = date.fromisoformat(published) if published else None
        return code_documents([Document(doc_id, text, when)], nlp)

    return run


@pytest.fixture(scope="session")
def main_event(code):
    """main_event(text, ...) -> the event highest in the parse, or None."""
    def run(text: str, published: str | None = "2020-01-08"):
        from flashpoint.extract.evaluate import main_rank

        found = code(text, published)
        return min(found, key=main_rank) if found else None

    return run
