"""No theatre in the code: the actors, places and records of the shipped theatres live in data.

The rule, kept simple: no line of any ``.py`` file under ``src/flashpoint/`` (code, strings,
comments and docstrings alike) names an actor id, an actor, a place or a record of a shipped
theatre (:data:`NAMES`), as a whole word, in any case. Two things are outside the rule:

- ``src/flashpoint/extract/``: the text coder's general dictionaries of countries and
  organisations name every theatre's actors, not one case's;
- the string literal ``"iraq-2020"``: the name of the built-in scenario that commands use when
  none is given (:data:`ALLOWED`).

The data files (scenario YAML, records, actors.csv) are not ``.py`` files and are where the
theatres belong. :data:`PENDING` lists the lines outside the event code that still break the
rule when this test was written; each is to be fixed where it is and then struck from the list
(a test fails when an entry no longer matches, so the list only shrinks).
"""
import re
from pathlib import Path

import flashpoint

ROOT = Path(flashpoint.__file__).resolve().parent
EXEMPT_DIRS = ("extract",)

#: actor ids of the shipped records' actors.csv that are no common word or country
IDS = ["kh", "aah", "badr", "sadrists", "iraq_gov", "iraq_parliament", "isf", "isis", "houthis", "yemen_gov",
       "other_navy"]
#: actors, people and places of the two theatres, as a source would write them
PLACES = ["Kata'ib", "Kataib", "Hezbollah", "Hizballah", "Asa'ib", "Asaib", "Sadr", "Sadrist", "Sairoon", "Fatah",
          "Popular Mobilization", "Hashd", "Soleimani", "Muhandis", "Qaani", "Kadhimi", "Abdul-Mahdi", "Quds", "IRGC",
          "Iran", "Iranian", "Iraq", "Iraqi", "Baghdad", "Erbil", "Taji", "Ain al-Asad", "Anbar", "Kirkuk", "Basra",
          "Nujaba", "ISIL", "Daesh", "Islamic State", "Inherent Resolve", "Houthi", "Huthi", "Ansar Allah",
          "Ansarallah", "Ansarullah", "Yemen", "Yemeni", "Red Sea", "Hodeidah", "Hudaydah", "Bab el-Mandeb",
          "Bab al-Mandab", "Gulf of Aden", "Aden", "Sanaa", "Sana'a", "Saada", "Galaxy Leader", "Prosperity Guardian",
          "Aspides", "Eilat", "Israel", "Israeli", "CENTCOM"]
#: the shipped records and the retired dataset name
RECORDS = ["iraq-2019-2021", "red-sea-2023", "iraq-2019-2020"]
NAMES = IDS + PLACES + RECORDS
PATTERN = re.compile(r"(?<![A-Za-z0-9_])(" + "|".join(re.escape(n) for n in sorted(NAMES, key=len, reverse=True))
                     + r")(?![A-Za-z0-9_])", re.IGNORECASE)
#: text that may stand in any line: the built-in default scenario's name as a string literal
ALLOWED = ['"iraq-2020"']

#: lines outside the event code that still name a theatre: file -> the text that names it (for the lead)
PENDING: dict[str, list[str]] = {
    "calibration/cli.py": ["[default: iraq-2020]", 'help="iraq-2019-2020 (sourced period counts)',
                           "[default: iraq-2019-2020]", '"--data", help="observations for --evaluate: iraq-2019-2020'],
    "calibration/forecast.py": ["``iraq-2019-2020`` (default)", 'data: str = "iraq-2019-2020"'],
    "calibration/posterior.py": ["``attacks.base_rate.kh``"],
    "calibration/targets.py": ["``iraq-2019-2020`` (default)", 'RECORD = "iraq-2019-2020"'],
}


def _lines():
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in EXEMPT_DIRS or "__pycache__" in rel.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            text = line
            for allowed in ALLOWED:
                text = text.replace(allowed, "")
            found = PATTERN.findall(text)
            if found:
                yield str(rel.as_posix()), number, line, found


def _pending(rel: str, line: str) -> bool:
    return any(part in line for part in PENDING.get(rel, []))


def test_no_module_names_a_theatre():
    offenders = [f"src/flashpoint/{rel}:{number}: {sorted(set(found))}: {line.strip()[:110]}"
                 for rel, number, line, found in _lines() if not _pending(rel, line)]
    assert not offenders, "theatre names in code (move them to the scenario or the record):\n" + "\n".join(offenders)


def test_every_pending_line_still_exists():
    """An entry of PENDING that matches no offending line has been fixed: strike it from the list."""
    hits = {(rel, part) for rel, _, line, _ in _lines() for part in PENDING.get(rel, []) if part in line}
    stale = [f"{rel}: {part}" for rel, parts in PENDING.items() for part in parts if (rel, part) not in hits]
    assert not stale, "fixed, strike from PENDING:\n" + "\n".join(stale)


def test_the_pattern_finds_names_and_spares_common_words():
    assert PATTERN.search("attacks by KH on the base") and PATTERN.search("the Houthis fired")
    assert PATTERN.search("a record: red-sea-2023") and PATTERN.search("Kata'ib Hezbollah")
    assert not PATTERN.search("khaki analysis of the isfahan_x badrock")
    assert not PATTERN.search('load_scenario("iraq-2020")'.replace('"iraq-2020"', ""))
    assert PATTERN.search("[default: iraq-2020]")           # unquoted, the scenario name still names the country
