"""Compile PETRARCH2's CAMEO verb patterns and the Phoenix actor and agent dictionaries into ``petrarch/``.

Run by hand when the source dictionaries change (never at test or run time)::

    python -m flashpoint.extract.build_dictionaries /path/to/petrarch2

It reads ``CAMEO.2.0.txt``, ``Phoenix.{Countries,International,MilNonState}.actors.txt`` and
``Phoenix.agents.txt`` (MIT licence, Open Event Data Alliance; the licence is copied beside
the output) and writes three compact tab-separated files that ``lexicon.py`` reads:

* ``verbs.tsv``: ``S name words`` synonym sets; ``V lemma block code`` verb forms (a multi-word
  form "shoot down" is kept as a pattern of its block); ``P block code pre post`` patterns, where
  ``pre`` and ``post`` are ``|``-separated elements: a word, ``&SET``, ``{a b}`` (words of one noun
  phrase) or ``(prep words)`` (a prepositional phrase). ``---`` is "no event".
* ``actors.tsv``: ``tokens code start end name``: every alias as spaCy tokens (lower case), its
  CAMEO actor code (country first: IGOUNO becomes UNOIGO), the date range it holds (ISO dates,
  empty when open) and the entry's name.
* ``agents.tsv``: ``tokens sector``: agent words ("farmer", "riot police") and their sector.
"""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

OUT = Path(__file__).parent / "petrarch"
HEADER = ("# Derived from PETRARCH2 / Phoenix dictionaries (MIT License, Copyright (c) 2014-2015 Open Event Data\n"
          "# Alliance; see LICENSE.txt beside this file) by flashpoint.extract.build_dictionaries.\n")
CODE = re.compile(r"\[([^\]]*)\]")
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")


def _words(name: str) -> str:
    return " ".join(w for w in name.strip().strip("+").replace("_", " ").lower().split())


def _code(raw: str) -> str | None:
    raw = raw.strip().split()[0] if raw.strip() else ""
    if not raw or raw.startswith("---"):
        return "---"
    return raw


# ---------------------------------------------------------------------------------------- verbs
def parse_verbs(path: Path):
    sets: dict[str, list[str]] = {}
    verbs: list[tuple[str, str, str]] = []
    patterns: list[tuple[str, str, str, str]] = []
    lines = path.read_text(encoding="latin-1").splitlines()
    section, current_set, block, block_code = None, None, None, None
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if raw.startswith("####### SYNONYM"):
            section = "sets"
            continue
        if raw.startswith("####### VERB PATTERNS"):
            section = "verbs"
            continue
        if raw.startswith("######## TRANSFORMATIONS"):
            break
        if not line.strip():
            continue
        if section == "sets":
            if line.startswith("&"):
                current_set = line.strip().rstrip("_")
                sets[current_set] = []
            elif line.startswith("+") and current_set:
                sets[current_set].append(_words(line))
            continue
        if section != "verbs":
            continue
        header = re.match(r"---\s+(\S+)\s+\[([^\]]*)\]", line)
        if header:
            block, block_code = header.group(1), _code(header.group(2))
            continue
        if block is None:
            continue
        if line.startswith("-"):
            code_match = CODE.search(line)
            if not code_match:
                continue
            body = line[1:code_match.start()].strip()
            if "*" not in body:
                continue
            pre, post = body.split("*", 1)
            codes = code_match.group(1).strip()
            patterns.append((block, codes or "---", _elements(pre), _elements(post)))
            continue
        # a verb line: "KILL", "SLAY {SLAYS SLAIN}", "MURDER [190]", "+SHOOT_DOWN {...}"
        code_match = CODE.search(line)
        code = _code(code_match.group(1)) if code_match else block_code
        word = re.sub(r"\{.*?\}|\[.*?\]", "", line).strip().split()
        if not word:
            continue
        form = _words(word[0])
        parts = form.split()
        if not parts or "and" in parts or "or" in parts:
            continue
        if len(parts) == 1:
            verbs.append((parts[0], block, code))
        else:      # "shoot down", "wage war": the verb with the rest as a pattern
            patterns.append((block, code, "", "|".join(parts[1:])))
            verbs.append((parts[0], block, "?"))      # the head verb: coded only through its patterns
    return sets, verbs, patterns


def _elements(text: str) -> str:
    """Pattern words as |-separated elements, dropping the role markers $ + ^ %."""
    out, i, text = [], 0, text.strip()
    while i < len(text):
        ch = text[i]
        if ch.isspace() or ch in "$+^%":
            i += 1
        elif ch in "({":
            close = text.find(")" if ch == "(" else "}", i)
            close = len(text) if close < 0 else close
            inner = " ".join(w if w.startswith("&") else w.lower()
                             for w in re.sub(r"[{}$+^%_]", " ", text[i + 1:close]).split())
            if inner:
                out.append(ch + inner + (")" if ch == "(" else "}"))
            i = close + 1
        else:
            j = i
            while j < len(text) and not text[j].isspace() and text[j] not in "({":
                j += 1
            word = text[i:j]
            word = word if word.startswith("&") else word.lower()
            if word.strip("_"):
                out.append(word.rstrip("_") if word.startswith("&") else word)
            i = j
    return "|".join(out)


# ---------------------------------------------------------------------------------------- actors
def _date(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    if len(digits) > 8:
        digits = digits[-8:]
    if len(digits) == 6:
        yy = int(digits[:2])
        digits = ("19" if yy > 30 else "20") + digits
    if len(digits) != 8:
        return ""
    y, m, d = int(digits[:4]), max(1, min(12, int(digits[4:6]))), max(1, min(28, int(digits[6:8])))
    return f"{y:04d}-{m:02d}-{d:02d}"


def _ranges(line: str):
    """[(code, start, end)] from "[IRQGOV 030101-050731] [IRQ >060101]"."""
    out = []
    for inner in CODE.findall(line):
        parts = inner.split()
        if not parts or parts[0].startswith("---"):
            continue
        code, start, end = parts[0], "", ""
        if len(parts) > 1:
            span = parts[1]
            if span.startswith(">"):
                start = _date(span[1:])
            elif span.startswith("<"):
                end = _date(span[1:])
            elif "-" in span:
                a, b = span.split("-", 1)
                start, end = _date(a), _date(b)
        out.append((code, start, end))
    return out


def normal_code(code: str) -> str | None:
    """Phoenix code -> the project's country-first code: IGOUNO -> UNOIGO, NGO... -> ---NGO, IMG... -> ---REB."""
    code = code.lstrip("~").upper()
    if not re.fullmatch(r"[A-Z]{3,}", code):
        return None
    if code.startswith("IGO"):
        body = code[3:6] or "---"
        return body + "IGO"
    if code.startswith("NGO"):
        return "---NGO"
    if code.startswith("IMG"):
        return "---REB"
    return code[:6] if len(code) >= 6 else code + "---"


def parse_actors(path: Path):
    """(alias words, code, start, end, name) for every alias of every entry."""
    rows = []
    pending: list[str] = []
    name = None
    codes: list[tuple[str, str, str]] = []

    def flush():
        for alias in pending:
            for code, start, end in codes:
                fixed = normal_code(code)
                if fixed:
                    rows.append((alias, fixed, start, end, name))

    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = raw.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        if body[0] in " \t" and "[" in body:          # codes of the entry above
            codes.extend(_ranges(body))
            continue
        if body.startswith("+"):
            pending.append(_words(body.split("[")[0].split("{")[0]))
            codes.extend(_ranges(body))
            continue
        # a new entry: flush the previous one once it has codes
        if codes:
            flush()
            pending, codes = [], []
        alias = _words(body.split("[")[0].split("{")[0])
        if not pending:
            name = alias
        pending.append(alias)
        codes.extend(_ranges(body))
    if codes:
        flush()
    return rows


def parse_agents(path: Path):
    people = {}
    rows = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = raw.split("#", 1)[0].rstrip()
        m = re.match(r"(!\w+!)\s*=\s*(.*)", body)
        if m:
            people[m.group(1)] = [w.strip().lower() for w in m.group(2).split(",")]
            continue
        code = CODE.search(body)
        if not code or not body.strip():
            continue
        sector = code.group(1).strip().lstrip("~")[:3]
        word = body[:code.start()].split("{")[0].strip()
        forms = [word]
        for key, subs in people.items():
            if key in word:
                forms = [word.replace(key, "_" + s) for s in subs]
        for form in forms:
            text = _words(form)
            if text and re.fullmatch(r"[A-Z]{3}", sector):
                rows.append((text, sector))
    return rows


def build(source: Path) -> None:
    import spacy

    nlp = spacy.blank("en")
    tok = lambda text: " ".join(t.lower_ for t in nlp.make_doc(text))  # noqa: E731
    OUT.mkdir(exist_ok=True)
    shutil.copyfile(source / "LICENSE", OUT / "LICENSE.txt")

    sets, verbs, patterns = parse_verbs(source / "CAMEO.2.0.txt")
    with (OUT / "verbs.tsv").open("w", encoding="utf-8") as fh:
        fh.write(HEADER)
        for name, words in sorted(sets.items()):
            fh.write(f"S\t{name}\t{'|'.join(sorted(set(words)))}\n")
        for lemma, block, code in dict.fromkeys(verbs):
            fh.write(f"V\t{lemma}\t{block}\t{code}\n")
        for block, code, pre, post in patterns:
            fh.write(f"P\t{block}\t{code}\t{pre}\t{post}\n")

    seen = set()
    with (OUT / "actors.tsv").open("w", encoding="utf-8") as fh:
        fh.write(HEADER)
        for file in ACTOR_FILES:
            for alias, code, start, end, name in parse_actors(source / file):
                tokens = tok(alias)
                key = (tokens, code, start, end)
                if not tokens or key in seen or len(tokens) < 2:
                    continue
                seen.add(key)
                fh.write(f"{tokens}\t{code}\t{start}\t{end}\t{name}\n")

    with (OUT / "agents.tsv").open("w", encoding="utf-8") as fh:
        fh.write(HEADER)
        for text, sector in sorted(set((tok(t), s) for t, s in parse_agents(source / "Phoenix.agents.txt"))):
            fh.write(f"{text}\t{sector}\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m flashpoint.extract.build_dictionaries PETRARCH2_FOLDER")
    build(Path(sys.argv[1]))
