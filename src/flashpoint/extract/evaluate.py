"""Scoring the coder against a labelled evaluation set.

The file is tab-separated with a header: ``split`` (optional: dev or heldout),
``published`` (YYYY-MM-DD), ``plover`` (a PLOVER type, or NONE for a sentence
that reports no event), ``cameo_root`` (two digits, 01-20; empty for NONE),
``source`` and ``target`` (country and sector, "USA MIL" or the coder's own
"USAMIL"; a country alone, "USA"; "---" for an unknown country; empty when
the text names no such side), ``text``. A field that is none of these is
refused (``DataError`` naming the file, line and field), never scored as
written: a label the scorer cannot read would count as a miss silently.

Other columns (``conflict``, ``url``, ``cameo_code``, ``quad_class``) are
kept in the file for its readers and ignored here; any other column, and a
column given twice, is refused (the header line named).

Each sentence is coded alone (no merging); its main event is the one that is
not a statement, was coded by the most specific dictionary entry and is
highest in the parse (``main_rank``). Reported:

* event-type accuracy: predicted PLOVER type (or none) equals the label, over
  all sentences;
* on the coded events (label an event and the coder coded one): PLOVER type
  right, quad class right, source country right (the main event);
* over the labelled events: the labelled PLOVER type is among the sentence's
  coded events ("type found"), and so with the labelled source country;
* a confusion table of PLOVER types (label -> main event, NONE for none);
* precision, recall and F1 per PLOVER type, and for "any event" (detection);
* for the events found (label and prediction both an event): source country,
  target country, both countries right; precision/recall/F1 of source and
  target codes (country + sector).
"""
from __future__ import annotations

import csv
import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from flashpoint.errors import MISSPELT, DataError, FlashpointNote, did_you_mean
from flashpoint.outputs import why_not_a_file
from flashpoint.extract.dates import parse_published
from flashpoint.extract.reader import Document, check_text

NONE = "NONE"
COLUMNS = ("published", "plover", "cameo_root", "source", "target", "text")
OPTIONAL_COLUMNS = ("split",)
#: Columns kept in the file for its readers, not scored (``conflict`` names the split when there is no ``split``).
INFO_COLUMNS = ("conflict", "url", "cameo_code", "quad_class")
TAKEN = (f"The columns taken are {', '.join(COLUMNS)} (required), {', '.join(OPTIONAL_COLUMNS)} (optional) and "
         f"{', '.join(INFO_COLUMNS)} (kept for readers, not scored)")


@dataclass(frozen=True)
class Labelled:
    split: str
    published: object
    plover: str
    cameo_root: str
    source: str
    target: str
    text: str


@dataclass(frozen=True)
class Predicted:
    plover: str
    cameo_root: str
    source: str
    target: str
    found: frozenset = frozenset()      # (PLOVER type, source country) of every event coded in the sentence


def read_evaluation(path) -> list[Labelled]:
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: {why_not_a_file(path)}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(f"{path}: cannot be read ({exc.strerror})") from None
    # as `extract FILES` reads text: binary and UTF-16 refused, a bad byte named by line, a UTF-8 BOM dropped
    content = check_text(path, data, give=f"expected a tab-separated text file with columns {', '.join(COLUMNS)}")
    lines = io.StringIO(content, newline="").readlines()
    preamble = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    reader = csv.reader(lines[preamble:], delimiter="\t")     # after a preamble of comment lines
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        raise DataError(f"{path}: no header line (the file is empty{' but for its # preamble' if preamble else ''}); "
                        f"expected a tab-separated file with columns {', '.join(COLUMNS)}") from None
    except csv.Error as exc:
        raise DataError(f"{path}, line {preamble + 1}: the header cannot be read ({exc})") from None
    names = _header(header, f"{path}, line {preamble + 1}")
    rows = []
    header_line = preamble + reader.line_num
    end = reader.line_num
    while True:
        number = preamble + end + 1                # the line the row starts on (a quoted field may span lines)
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise DataError(f"{path}, line {number}: cannot be read ({exc})") from None
        end = reader.line_num
        where = f"{path}, line {number}"
        if not any(field.strip() for field in fields):
            continue                               # a blank line
        spanning = next((name for name, field in zip(names, fields) if "\n" in field or "\r" in field), None)
        if spanning is not None:       # an unclosed quote reads the lines after it into one field, silently
            raise DataError(f"{where}: field {spanning!r} runs on to line {preamble + end}: a quote (\") opened and "
                            "not closed? A field that starts with a quote ends with one (a quote inside it doubled, "
                            "\"\"); a sentence is on one line")
        if len(fields) != len(names):
            raise DataError(f"{where}: {len(fields)} tab-separated fields where the header (line {header_line}) has "
                            f"{len(names)}, {', '.join(names)}; " + (
                                "a tab inside a field? Replace it with a space" if len(fields) > len(names) else
                                "give every column a field, empty where there is nothing"))
        rows.append(_row(dict(zip(names, fields)), where))
    if not rows:
        raise DataError(f"{path}: no labelled rows (only the header, line {header_line}); expected one sentence a "
                        "line below the header; an evaluation over no sentences has no scores")
    return rows


def _row(row: dict[str, str], where: str) -> Labelled:
    """One labelled sentence; a field the scorer cannot read is refused, naming it."""
    if not row["published"].strip():
        raise DataError(f"{where}: field 'published' is empty; expected the sentence's publication date, "
                        "YYYY-MM-DD (relative dates are read from it)")
    try:
        published = parse_published(row["published"])
    except ValueError as exc:
        raise DataError(f"{where}: field 'published': {exc}") from None
    if not row["text"].strip():
        raise DataError(f"{where}: field 'text' is empty; expected the sentence to code (it would be scored as "
                        "an event missed)")
    plover = _plover(row["plover"], where)
    root = _root(row["cameo_root"], plover, where)
    return Labelled(row.get("split") or row.get("conflict") or "all", published, plover, root,
                    _side(row["source"], "source", where), _side(row["target"], "target", where), row["text"])


def _header(names: list[str], where: str) -> list[str]:
    """The header's column names, each taken or refused: a column the scorer does not know would be ignored
    silently (a misspelt ``splt`` lost the per-split scores), a column given twice would keep one of its values."""
    if len(names) == 1 and names[0] not in COLUMNS:     # a comma-separated file, or no header at all
        raise DataError(f"{where}: the header has no tab{' but commas' if ',' in names[0] else ''} "
                        f"({names[0][:60]!r}); the labelled file is tab-separated: expected columns "
                        f"{', '.join(COLUMNS)} separated by tabs")
    for i, name in enumerate(names):
        if not name:
            raise DataError(f"{where}: column {i + 1} has no name (a tab too many?); name it or remove it. {TAKEN}")
        if name in names[:i]:
            raise DataError(f"{where}: column {name!r} is given twice (columns {names.index(name) + 1} and {i + 1}); "
                            "give it once")
    known = COLUMNS + OPTIONAL_COLUMNS + INFO_COLUMNS
    for name in names:
        if name not in known and did_you_mean(name, known, MISSPELT):
            raise DataError(f"{where}: column {name[:60]!r} unknown{did_you_mean(name, known, MISSPELT)} {TAKEN}")
    unread = [name for name in names if name not in known]
    if unread:              # a labeller's own columns (notes, url, an id): not scored, said once
        warnings.warn(f"{where}: column(s) {', '.join(repr(n[:60]) for n in unread[:8])} are not scored. {TAKEN}",
                      FlashpointNote, stacklevel=2)
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        raise DataError(f"{where}: missing column(s) {', '.join(missing)}; expected a tab-separated file "
                        f"with columns {', '.join(COLUMNS)}")
    return names


PLOVER_TYPES = frozenset({
    "OTHER", "REQUEST", "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT"})
_COUNTRY = r"(?:[A-Z]{3}|---)"
_SIDE = re.compile(rf"({_COUNTRY})(?: ?([A-Z]{{3}}))?")


def _plover(field: str | None, where: str) -> str:
    plover = (field or NONE).strip().upper() or NONE
    if plover != NONE and plover not in PLOVER_TYPES:
        raise DataError(f"{where}: field 'plover': {field!r} is not a PLOVER type; expected one of "
                        f"{', '.join(sorted(PLOVER_TYPES))}, or NONE (or empty) for a sentence with no event")
    return plover


def _root(field: str | None, plover: str, where: str) -> str:
    root = (field or "").strip()
    if plover == NONE:
        if root:
            raise DataError(f"{where}: field 'cameo_root': {root!r} given for a sentence labelled NONE "
                            "(no event); leave it empty")
        return ""
    if not (len(root) == 2 and root.isdigit() and 1 <= int(root) <= 20):
        raise DataError(f"{where}: field 'cameo_root': {root!r} is not a CAMEO root; expected two digits "
                        "01-20 (e.g. 19 for fight, 04 for consult)")
    return root


def _side(field: str | None, name: str, where: str) -> str:
    """A side label in the scorer's form, "USA MIL" (or a country alone, "USA"; "" for none)."""
    label = " ".join((field or "").split()).upper()
    if not label:
        return ""
    match = _SIDE.fullmatch(label)
    if not match:
        raise DataError(f"{where}: field {name!r}: {field!r} is not a side code; expected a country and a sector "
                        "(\"USA MIL\" or the coder's own \"USAMIL\"; \"--- REB\" for an unknown country), "
                        "a country alone (\"USA\"), or empty")
    return " ".join(part for part in match.groups() if part)


def _label_of(code: str | None) -> str:
    return f"{code[:3]} {code[3:]}" if code else ""


def main_rank(mention):
    """Sort key of a sentence's main event: not a statement, the most specific dictionary entry, highest in the parse."""
    return (mention.kind == "statement", -mention.confidence, mention.depth, mention.span)


def predict(rows: list[Labelled], nlp=None) -> list[Predicted]:
    """The main event the coder finds in each labelled sentence."""
    from flashpoint.extract import code_documents

    docs = [Document(f"eval-{i}", row.text, row.published) for i, row in enumerate(rows)]
    by_doc: dict[str, list] = {}
    for mention in code_documents(docs, nlp):
        by_doc.setdefault(mention.doc, []).append(mention)
    out = []
    for doc in docs:
        mentions = by_doc.get(doc.id, [])
        if not mentions:
            out.append(Predicted(NONE, "", "", ""))
            continue
        main = min(mentions, key=main_rank)
        found = frozenset((m.plover, m.source.country if m.source else "") for m in mentions)
        out.append(Predicted(main.plover, main.cameo_code[:2], _label_of(main.source.code if main.source else None),
                             _label_of(main.target.code if main.target else None), found))
    return out


def _prf(tp: int, fp: int, fn: int) -> dict:
    """Precision, recall and F1; a share over nothing is undefined (None), as :func:`_share`'s: a type coded but
    never labelled had recall and F1 0.0 in JSON and n/a in the text, precision with nothing coded 0.00."""
    p, r = _share(tp, tp + fp), _share(tp, tp + fn)
    f = None if p is None or r is None else 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "support": tp + fn}


def _country(label: str) -> str:
    return label.split()[0] if label else ""


def score(rows: list[Labelled], predicted: list[Predicted]) -> dict:
    """All the figures (see the module docstring) as a plain dict."""
    n = len(rows)
    correct = sum(r.plover == p.plover for r, p in zip(rows, predicted))
    types = sorted({r.plover for r in rows} | {p.plover for p in predicted} - {NONE})
    per_type = {}
    for t in types:
        if t == NONE:
            continue
        tp = sum(r.plover == t and p.plover == t for r, p in zip(rows, predicted))
        fp = sum(r.plover != t and p.plover == t for r, p in zip(rows, predicted))
        fn = sum(r.plover == t and p.plover != t for r, p in zip(rows, predicted))
        per_type[t] = _prf(tp, fp, fn)
    detection = _prf(
        sum(r.plover != NONE and p.plover != NONE for r, p in zip(rows, predicted)),
        sum(r.plover == NONE and p.plover != NONE for r, p in zip(rows, predicted)),
        sum(r.plover != NONE and p.plover == NONE for r, p in zip(rows, predicted)))
    found = [(r, p) for r, p in zip(rows, predicted) if r.plover != NONE and p.plover != NONE]
    k = len(found)
    roles = {}
    for side in ("source", "target"):
        tp = sum(bool(getattr(p, side)) and getattr(p, side) == getattr(r, side) for r, p in found)
        fp = sum(bool(getattr(p, side)) and getattr(p, side) != getattr(r, side) for r, p in found)
        fn = sum(bool(getattr(r, side)) and getattr(p, side) != getattr(r, side) for r, p in found)
        roles[side] = _prf(tp, fp, fn)
        roles[side]["country_accuracy"] = _share(sum(
            _country(getattr(p, side)) == _country(getattr(r, side)) for r, p in found), k)
    both = _share(sum(_country(p.source) == _country(r.source) and _country(p.target) == _country(r.target)
                      for r, p in found), k)
    root = _share(sum(p.cameo_root == r.cameo_root for r, p in found), k)
    labelled = [(r, p) for r, p in zip(rows, predicted) if r.plover != NONE]
    m = len(labelled)
    confusion: dict[str, dict[str, int]] = {}
    for r, p in zip(rows, predicted):
        confusion.setdefault(r.plover, {}).setdefault(p.plover, 0)
        confusion[r.plover][p.plover] += 1
    return {
        "sentences": n,
        "events_labelled": len(labelled),
        "events_found": len(found),
        # the sentences given an event in all, and of those labelled as reporting none, how many (a held-out reader
        # took "121 coded" for the first and had to read the second off the confusion table)
        "sentences_coded": sum(p.plover != NONE for p in predicted),
        "no_event_sentences": n - len(labelled),
        "no_event_coded": sum(r.plover == NONE and p.plover != NONE for r, p in zip(rows, predicted)),
        "event_type_accuracy": _share(correct, n),
        "coded_type_accuracy": _share(sum(p.plover == r.plover for r, p in found), k),
        "coded_quad_accuracy": _share(sum(_quad(p.plover, p.cameo_root) == _quad(r.plover, r.cameo_root)
                                          for r, p in found), k),
        "coded_source_country_accuracy": roles["source"]["country_accuracy"],
        "type_found": _share(sum(any(t == r.plover for t, _ in p.found) for r, p in labelled), m),
        "type_and_source_country_found": _share(sum(
            (r.plover, _country(r.source)) in p.found for r, p in labelled), m),
        "cameo_root_accuracy": root,
        "detection": detection,
        "per_type": per_type,
        "source": roles["source"],
        "target": roles["target"],
        "both_countries_right": both,
        "confusion": confusion,
    }


def _share(count: int, total: int) -> float | None:
    """An accuracy over ``total`` items: undefined (None; "n/a" in the text report) over none, never 0."""
    return count / total if total else None


def _quad(plover: str, root: str) -> int | None:
    """Quad class from the CAMEO root (or, lacking one, the PLOVER type's usual class)."""
    from flashpoint.events.codes import quad_class

    if root and root[:2].isdigit():
        return quad_class(root[:2])
    return QUAD_BY_PLOVER.get(plover)


QUAD_BY_PLOVER = {"OTHER": 1, "REQUEST": 1, "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "COOPERATE": 2, "AID": 2,
                  "CONCEDE": 2, "RETREAT": 2, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 3,
                  "MOBILIZE": 4, "SANCTION": 4, "COERCE": 4, "ASSAULT": 4}


def evaluate(path, nlp=None) -> dict[str, dict]:
    """Scores for the whole file and for each split in it ("all", and e.g. "dev", "heldout")."""
    rows = read_evaluation(path)
    predicted = predict(rows, nlp)
    out = {"all": score(rows, predicted)}
    for split in sorted({r.split for r in rows} - {"all"}):
        pairs = [(r, p) for r, p in zip(rows, predicted) if r.split == split]
        out[split] = score([r for r, _ in pairs], [p for _, p in pairs])
    return out
