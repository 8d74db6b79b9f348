"""No theatre in the code: the second built-in theatre (the Red Sea campaign) lives in its scenario file
and its record alone. Nothing else under src/flashpoint/ names its actors, places or operations, in any
text file (code, docstrings, web pages, CSV); tests/events/test_theatre_free.py holds every .py file to
the names of both theatres."""
import re
from pathlib import Path

import flashpoint

ROOT = Path(flashpoint.__file__).resolve().parent

#: the theatre's actors, places and operations, as a user or a source would write them
NAMES = ["Houthi", "Huthi", "Ansar Allah", "Ansarallah", "Ansarullah", "Yemen", "Red Sea", "Hodeidah", "Hudaydah",
         "Bab el-Mandeb", "Bab al-Mandab", "Bab-el-Mandeb", "Gulf of Aden", "Aden", "Sanaa", "Sana'a", "Saada",
         "Ras Isa", "Salif", "Galaxy Leader", "Prosperity Guardian", "Aspides", "Rough Rider", "al-Rahawi",
         "Abdul-Malik", "Eilat", "Rubymar", "Eternity C"]
PATTERN = re.compile(r"\b(" + "|".join(re.escape(n) for n in NAMES) + r")", re.IGNORECASE)

#: where a theatre may be named: the scenario files, the shipped records, and the text coder's general
#: dictionaries of countries, organisations and waters (they name every theatre's, not one case's)
EXEMPT = ("scenario/builtin/*.yaml", "data/records/**/*", "extract/actors.py", "extract/countries.csv",
          "extract/petrarch/*", "scenario/iso3166.csv")
TEXT = {".py", ".md", ".csv", ".tsv", ".yaml", ".yml", ".json", ".html", ".js", ".css", ".txt", ".toml", ".cfg"}


def exempt(path: Path) -> bool:
    rel = path.relative_to(ROOT)
    return any(rel.match(glob) or (glob.endswith("/**/*") and rel.is_relative_to(glob[:-5])) for glob in EXEMPT)


def test_the_red_sea_scenario_exists():
    assert flashpoint.load_scenario("red-sea-2023").name == "red-sea-2023"


def test_no_module_names_the_second_theatre():
    found = []
    for path in sorted(ROOT.rglob("*")):
        if not path.is_file() or path.suffix not in TEXT or exempt(path) or "__pycache__" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            if PATTERN.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    assert not found, "theatre names outside the scenario and record files:\n" + "\n".join(found)


def test_the_grep_finds_a_name(tmp_path):
    """The search works: the scenario file itself is full of the names it must keep out of the code."""
    text = (ROOT / "scenario" / "builtin" / "red-sea-2023.yaml").read_text(encoding="utf-8")
    assert len(PATTERN.findall(text)) > 20
    assert exempt(ROOT / "data" / "records" / "red-sea-2023" / "events.csv")
    assert not exempt(ROOT / "engine" / "attacks.py")
