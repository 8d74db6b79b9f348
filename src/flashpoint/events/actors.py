"""The theatre actor dictionary: names and CAMEO codes as datasets spell them -> theatre actor ids.

Datasets name the same actor in many ways ("Kata'ib Hezbollah", "KATAIB
HEZBOLLAH", "Kata'ib Hizballah"; "Military Forces of the United States
(2017-2021)", "Military (United States)"). The importers map each name to
the scenario's actor id through :data:`ALIASES`, matching after
:func:`normalize_name`. A name with no entry is kept as it is written: it is
never dropped and never guessed.

Two ids are not scenario actors but recur in the record: ``civilians``
(Iraqi civilians, CAMEO IRQCVL) and ``unknown`` (an attack nobody claimed and
no source attributed with certainty; its CAMEO code is left empty, because
CAMEO has no role for "unidentified attacker" and inventing one would put a
false country or role in the record). Where officials blamed a faction, the
curated record keeps ``unknown`` as the source and names the attribution in
its ``attributed_to`` column.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class TheatreActor:
    id: str
    cameo: str | None  # the CAMEO actor code the record uses when a dataset gives none
    label: str


THEATRE_ACTORS: dict[str, TheatreActor] = {a.id: a for a in (
    TheatreActor("usa", "USAMIL", "United States (forces in Iraq, CENTCOM, the US government acting on them)"),
    TheatreActor("coalition", "WSTMIL", "Coalition partners and NATO trainers"),
    TheatreActor("iran", "IRNMIL", "Iran: IRGC-Quds Force and the state acting through it"),
    TheatreActor("kh", "IRQREB", "Kata'ib Hezbollah"),
    TheatreActor("aah", "IRQREB", "Asa'ib Ahl al-Haq and the front names that claim for it"),
    TheatreActor("badr", "IRQREB", "Badr Organization / Fatah alliance"),
    TheatreActor("sadrists", "IRQOPP", "Sadrist movement (Sairoon, Saraya al-Salam)"),
    TheatreActor("iraq_gov", "IRQGOV", "Iraqi government (prime minister, ministries)"),
    TheatreActor("iraq_parliament", "IRQLEG", "Iraqi Council of Representatives"),
    TheatreActor("isf", "IRQMIL", "Iraqi security forces (army, police, CTS)"),
    TheatreActor("protesters", "IRQOPP", "Iraqi protest movement"),
    TheatreActor("isis", "IRQINS", "ISIS remnants"),
    TheatreActor("civilians", "IRQCVL", "Iraqi civilians"),
    TheatreActor("unknown", None, "Unclaimed, unattributed attacker"),
)}

_ALIASES_BY_ACTOR: dict[str, tuple[str, ...]] = {
    "usa": (
        "united states", "us", "u.s.", "usa", "us forces", "u.s. forces", "us military", "united states military",
        "military forces of the united states", "military (united states)", "armed forces (united states)",
        "us army", "us air force", "centcom", "us central command", "government of the united states",
        "us government", "government (united states)", "united states government",
    ),
    "coalition": (
        "coalition", "us-led coalition", "global coalition", "international coalition", "cjtf-oir",
        "combined joint task force - operation inherent resolve", "operation inherent resolve", "oir",
        "nato", "nato mission iraq", "coalition forces", "multinational forces",
        "military forces of the united kingdom", "military (united kingdom)",
        "military forces of france", "military (france)", "military forces of italy", "military forces of spain",
        "military forces of germany", "military forces of canada", "military forces of the netherlands",
        "military forces of australia", "military forces of denmark", "military forces of portugal",
    ),
    "iran": (
        "iran", "iranian", "islamic republic of iran", "government of iran", "government (iran)", "irgc",
        "irgc-qf", "quds force", "irgc-quds force", "islamic revolutionary guard corps",
        "islamic revolutionary guard corps (irgc)", "iranian revolutionary guard", "military forces of iran",
        "military (iran)", "iranian military", "armed forces (iran)",
    ),
    "kh": (
        "kata'ib hezbollah", "kataib hezbollah", "kata'ib hizballah", "kataib hizballah", "kata'ib hizbullah",
        "kataib hizbullah", "kh", "hezbollah brigades", "hizballah brigades", "kata'ib hezbollah (kh)",
    ),
    "aah": (
        "asa'ib ahl al-haq", "asaib ahl al-haq", "asaib ahl al haq", "asa'ib ahl al haq", "aah",
        "aah: asaib ahl al-haq", "league of the righteous", "khazali network",
        # front names that claimed attacks in 2020 (grouped with AAH, as the scenario does)
        "usbat al-thaireen", "usbat al-tha'ireen", "ashab al-kahf", "saraya awliya al-dam",
        "qasim al-jabbarin", "saraya qasim al-jabbarin", "saraya thar al-muhandis",
    ),
    "badr": (
        "badr", "badr organization", "badr organisation", "badr brigade", "badr corps", "fatah", "fatah alliance",
        "fateh alliance", "al-fatah", "conquest alliance",
    ),
    "sadrists": (
        "sadrists", "sadrist movement", "sadr movement", "sairoon", "saairun", "sairoon alliance",
        "saraya al-salam", "peace brigades", "mahdi army", "jaish al-mahdi",
    ),
    "iraq_gov": (
        "iraq", "government of iraq", "iraqi government", "government (iraq)",
        "prime minister of iraq", "iraqi prime minister", "iraqi foreign ministry", "ministry of foreign affairs (iraq)",
        "kadhimi government", "abdul-mahdi government",
    ),
    "iraq_parliament": (
        "iraqi parliament", "parliament of iraq", "parliament (iraq)", "council of representatives",
        "iraqi council of representatives", "council of representatives of iraq", "legislature (iraq)",
        "iraqi lawmakers",
    ),
    "isf": (
        "iraqi security forces", "isf", "military forces of iraq", "police forces of iraq", "military (iraq)",
        "police (iraq)", "iraqi army", "iraqi military", "iraqi police", "armed forces (iraq)",
        "counter terrorism service", "iraqi counter terrorism service", "counter-terrorism service (iraq)",
    ),
    "protesters": (
        "protesters", "protesters (iraq)", "protester (iraq)", "protestors (iraq)", "demonstrators (iraq)",
        "rioters (iraq)", "iraqi protesters", "protest movement",
    ),
    "isis": (
        "islamic state", "islamic state (iraq)", "isis", "isil", "daesh", "islamic state of iraq and the levant",
        "islamic state in iraq and syria", "islamic state of iraq and syria",
    ),
    "civilians": ("civilians (iraq)", "citizen (iraq)", "iraqi civilians", "civilians"),
    "unknown": (
        "unknown", "unidentified", "unidentified armed group (iraq)", "unidentified armed group",
        "unidentified gunmen", "unknown gunmen", "unidentified militants", "unknown attackers",
    ),
}

#: Normalized name -> theatre actor id.
ALIASES: dict[str, str] = {
    name: actor for actor, names in _ALIASES_BY_ACTOR.items() for name in names
}

#: CAMEO actor codes that name exactly one theatre actor. IRQREB (kh, aah,
#: badr) and IRQOPP (sadrists, protesters) name several, so they map nothing.
CODE_ACTORS: dict[str, str] = {
    "USAMIL": "usa", "IRNMIL": "iran", "IRNIRGC": "iran", "IRQGOV": "iraq_gov", "IRQLEG": "iraq_parliament",
    "IRQMIL": "isf", "IRQCOP": "isf", "IRQCVL": "civilians",
}

_PERIOD = re.compile(r"\s*\((?:\d{4})?\s*-\s*(?:\d{4})?\)\s*$")  # ACLED's "(2017-2021)" / "(2018-)"
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'", "\u2032": "'"})


def normalize_name(name: str) -> str:
    """The form names are matched in: case-folded, accents and ACLED's date range removed, spaces collapsed."""
    text = unicodedata.normalize("NFKD", str(name)).translate(_QUOTES)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _PERIOD.sub("", text)
    return " ".join(text.casefold().split())


def theatre_actor(name: str | None, code: str | None = None) -> str | None:
    """The theatre actor id for a name (or, failing that, an unambiguous CAMEO code); None when unmapped."""
    if name and str(name).strip():
        found = ALIASES.get(normalize_name(name))
        if found:
            return found
    if code and str(code).strip():
        return CODE_ACTORS.get(str(code).strip().upper())
    return None


def resolve_actor(name: str | None, code: str | None = None) -> tuple[str | None, str | None]:
    """(actor, cameo code) for the record: the theatre id when mapped, else the name as written.

    The code is the dataset's own when it gives one, else the theatre actor's.
    Both are None only when the dataset names no actor at all.
    """
    name = str(name).strip() if name is not None and str(name).strip() else None
    code = str(code).strip().upper() if code is not None and str(code).strip() else None
    actor_id = theatre_actor(name, code)
    cameo = code or (THEATRE_ACTORS[actor_id].cameo if actor_id else None)
    return (actor_id or name or code), cameo


#: Country names as datasets write them -> the three letters CAMEO actor codes start with.
COUNTRY_CODES: dict[str, str] = {
    "iraq": "IRQ", "iran": "IRN", "united states": "USA", "united states of america": "USA",
    "united kingdom": "GBR", "france": "FRA", "germany": "DEU", "italy": "ITA", "spain": "ESP",
    "netherlands": "NLD", "canada": "CAN", "denmark": "DNK", "sweden": "SWE", "portugal": "PRT",
    "australia": "AUS", "syria": "SYR", "turkey": "TUR", "israel": "ISR", "saudi arabia": "SAU",
    "kuwait": "KWT", "jordan": "JOR", "lebanon": "LBN", "yemen": "YEM", "qatar": "QAT",
    "united arab emirates": "ARE", "bahrain": "BHR", "oman": "OMN", "russia": "RUS",
    "russian federation": "RUS", "china": "CHN",
}

_OF_COUNTRY = re.compile(r"\b(?:forces|government|ministry|embassy|military) of (?:the )?(.+?)\s*$")
_IN_PARENS = re.compile(r"\(([^()]+)\)\s*$")


def country_code(country: str | None) -> str | None:
    """ISO-style three letters for a country name, None when unknown."""
    return COUNTRY_CODES.get(normalize_name(country)) if country else None


def country_of(name: str | None) -> str | None:
    """The country an actor name states: "Protesters (Iraq)", "Military Forces of the United States (2017-2021)"."""
    if not name:
        return None
    text = normalize_name(name)
    for pattern in (_IN_PARENS, _OF_COUNTRY):
        found = pattern.search(text)
        if found and country_code(found.group(1)):
            return country_code(found.group(1))
    return None
