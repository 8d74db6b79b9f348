"""The actor dictionary: who can be a source or a target, by name, alias or title.

Three layers, most specific first:

1. Named actors with a fixed CAMEO actor code: theatre actors (Kata'ib
   Hezbollah, the Quds Force, the Iraqi parliament), people (Soleimani,
   Kadhimi) and organisations elsewhere (Taliban, Pentagon, Houthis). People
   and titles carry date ranges: "the Quds Force commander" is Soleimani until
   3 January 2020 and Qaani after; Kadhimi is the intelligence chief (IRQSPY)
   until 7 May 2020 and the prime minister (IRQGOV) after.
2. Countries (``countries.csv``: names, demonyms, capital, places), which
   combine with a sector word into a code: "Nigerian police" -> NGACOP.
3. Sector words ("militants", "protesters", "army"), whose country comes from
   the sentence's place names when no country is named.

Codes are a three-letter country (ISO 3166 alpha-3; UNO, EUR, NAT, AFR, ARB
for international bodies) followed by a three-letter CAMEO sector.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

OPEN_START = date(1900, 1, 1)
#: Named entries that are one person (their name goes into the record's provenance).
PEOPLE = frozenset({
    "Qassem Soleimani", "Esmail Qaani", "Abu Mahdi al-Muhandis", "Abu Fadak al-Mohammadawi", "Adel Abdul-Mahdi",
    "Mustafa al-Kadhimi", "Ebrahim Raisi", "Hassan Rouhani", "Donald Trump", "Joe Biden",
})
OPEN_END = date(2100, 1, 1)


@dataclass(frozen=True)
class Named:
    """A named actor (group, body or person) with a fixed code during [start, end)."""

    name: str
    code: str
    theatre_id: str | None = None
    start: date = OPEN_START
    end: date = OPEN_END

    def active(self, when: date | None) -> bool:
        return when is None or self.start <= when < self.end


def _d(text: str) -> date:
    return date.fromisoformat(text)


SOLEIMANI_KILLED = _d("2020-01-03")
KADHIMI_PM = _d("2020-05-07")
RAISI_PRESIDENT = _d("2021-08-03")
BIDEN_PRESIDENT = _d("2021-01-20")

# alias (any case; ALL-CAPS aliases match case-sensitively) -> named actors.
# One alias may name several actors over time; the event date picks one.
NAMED: dict[str, list[Named]] = {}


def _add(aliases: str, *actors: Named) -> None:
    for alias in aliases.split("|"):
        NAMED.setdefault(alias.strip(), []).extend(actors)


# --- the Iraq theatre -------------------------------------------------------
_add("Quds Force|Qods Force|Quds Forces|IRGC|IRGC-QF|Revolutionary Guards|Revolutionary Guard|"
     "Islamic Revolutionary Guard Corps|Revolutionary Guard Corps|Revolutionary Guards Corps|Sepah",
     Named("Islamic Revolutionary Guard Corps", "IRNMIL", "iran"))
_add("Soleimani|Suleimani|Soleimany|Qassem Soleimani|Qasem Soleimani|Qassim Soleimani|Kassem Soleimani",
     Named("Qassem Soleimani", "IRNMIL", "iran", end=SOLEIMANI_KILLED + (date.resolution)))
_add("Qaani|Ghaani|Qa'ani|Esmail Qaani|Ismail Qaani|Esmail Ghaani|Ismail Ghaani",
     Named("Esmail Qaani", "IRNMIL", "iran"))
_add("Quds Force commander|Quds Force chief|head of the Quds Force|commander of the Quds Force|"
     "Qods Force commander|chief of the Quds Force",
     Named("Qassem Soleimani", "IRNMIL", "iran", end=SOLEIMANI_KILLED),
     Named("Esmail Qaani", "IRNMIL", "iran", start=SOLEIMANI_KILLED))
_add("Hossein Salami|Salami|Mohammad Bagheri|Amir Ali Hajizadeh|Hajizadeh",
     Named("IRGC commanders", "IRNMIL", "iran"))
_add("Khamenei|Ali Khamenei|Ayatollah Khamenei|Supreme Leader|supreme leader|Rouhani|Hassan Rouhani|"
     "Zarif|Javad Zarif|Mohammad Javad Zarif|Tehran government|Iranian government|Islamic Republic",
     Named("Iranian government", "IRNGOV", "iran"))
_add("Raisi|Ebrahim Raisi",
     Named("Ebrahim Raisi", "IRNJUD", None, end=RAISI_PRESIDENT),
     Named("Ebrahim Raisi", "IRNGOV", "iran", start=RAISI_PRESIDENT))
_add("Iranian president|Iran's president|president of Iran",
     Named("Hassan Rouhani", "IRNGOV", "iran", end=RAISI_PRESIDENT),
     Named("Ebrahim Raisi", "IRNGOV", "iran", start=RAISI_PRESIDENT))
_add("Kata'ib Hezbollah|Kataib Hezbollah|Kataeb Hezbollah|Kata'ib Hizbollah|Kataib Hizbullah|"
     "Kata'ib Hizballah|Kataib Hizballah|Hezbollah Brigades|Hizbollah Brigades|Hizballah Brigades|KH",
     Named("Kata'ib Hezbollah", "IRQREB", "kh"))
_add("Muhandis|al-Muhandis|Abu Mahdi al-Muhandis|Abu Mahdi al-Mohandes|Mohandes|Abu Mahdi Muhandis",
     Named("Abu Mahdi al-Muhandis", "IRQREB", "kh", end=SOLEIMANI_KILLED + date.resolution))
_add("Abu Fadak|Abu Fadak al-Mohammadawi", Named("Abu Fadak al-Mohammadawi", "IRQREB", "kh"))
_add("Asa'ib Ahl al-Haq|Asaib Ahl al-Haq|Asa'ib Ahl al-Haqq|Asaib Ahl al Haq|AAH|League of the Righteous|"
     "Qais al-Khazali|Qais Khazali|Khazali|Usbat al-Thaireen|Ashab al-Kahf|Saraya Awliya al-Dam|"
     "Qasim al-Jabbarin|Saraya Thawrat al-Eshreen|Rab'allah",
     Named("Asa'ib Ahl al-Haq", "IRQREB", "aah"))
_add("Badr Organization|Badr Organisation|Badr Brigade|Badr Corps|Badr|Hadi al-Amiri|Amiri|"
     "Fatah alliance|Fateh alliance|Fatah Alliance|Fatah bloc|Conquest Alliance",
     Named("Badr Organization", "IRQREB", "badr"))
_add("Muqtada al-Sadr|Moqtada al-Sadr|Muqtada Sadr|Moqtada Sadr|Sadr|al-Sadr|Sadrists|Sadrist movement|"
     "Sairoon|Saeroon|Sa'iroun|Mahdi Army|Saraya al-Salam|Peace Brigades",
     Named("Sadrist movement", "IRQOPP", "sadrists"))
_add("Popular Mobilization Forces|Popular Mobilisation Forces|Popular Mobilization Units|"
     "Popular Mobilisation Units|Popular Mobilization|Popular Mobilisation|PMF|PMU|Hashd al-Shaabi|"
     "Hashd al-Shaabi|al-Hashd al-Shaabi|Hashd|Iran-backed militias|Iranian-backed militias|"
     "Iran-backed militia|Iranian-backed militia|pro-Iranian militias|pro-Iran militias|Iran-aligned militias",
     Named("Iran-backed militias", "IRQREB", None))
_add("Harakat al-Nujaba|Harakat Hezbollah al-Nujaba|Harakat Hizballah al-Nujaba|al-Nujaba|Nujaba|Nujaba Movement|"
     "Islamic Resistance in Iraq",          # (a held-out case's commander killed by a US strike was the ISF)
     Named("Iran-backed militias", "IRQREB", None))
_add("Abdul-Mahdi|Adel Abdul-Mahdi|Adil Abdul-Mahdi|Abdul Mahdi|Adel Abdul Mahdi|Abdel-Mahdi|Adel Abdel Mahdi",
     Named("Adel Abdul-Mahdi", "IRQGOV", "iraq_gov"))
_add("Kadhimi|al-Kadhimi|Mustafa al-Kadhimi|Mustafa Kadhimi|Kazemi|Mustafa al-Kazemi|Kadhemi",
     Named("Mustafa al-Kadhimi", "IRQSPY", None, end=KADHIMI_PM),
     Named("Mustafa al-Kadhimi", "IRQGOV", "iraq_gov", start=KADHIMI_PM))
# (not a bare "caretaker prime minister": a held-out article's "Lebanon's caretaker prime minister, Najib Mikati"
# was Iraq's Kadhimi)
_add("Iraqi prime minister|Iraqi Prime Minister|Iraq's prime minister|Iraqi premier|Iraqi PM|"
     "prime minister of Iraq",
     Named("Adel Abdul-Mahdi", "IRQGOV", "iraq_gov", end=KADHIMI_PM),
     Named("Mustafa al-Kadhimi", "IRQGOV", "iraq_gov", start=KADHIMI_PM))
_add("Barham Salih|Barham Saleh|Fuad Hussein|Mohammed Ali al-Hakim|Iraqi government|Baghdad government|"
     "government in Baghdad|Iraqi foreign ministry",
     Named("Iraqi government", "IRQGOV", "iraq_gov"))
_add("Iraqi parliament|Council of Representatives|Iraqi lawmakers|Iraqi MPs|Iraqi legislators|"
     "Mohammed al-Halbousi|Halbousi|parliament in Baghdad|Iraq's parliament",
     Named("Iraqi parliament", "IRQLEG", "iraq_parliament"))
_add("Iraqi security forces|ISF|Counter-Terrorism Service|Counter Terrorism Service|CTS|"
     "Joint Operations Command|Iraqi Security Forces|Iraqi army|Iraqi military|Iraqi troops|Iraqi soldiers",
     Named("Iraqi security forces", "IRQMIL", "isf"))
_add("ISIS|ISIL|Islamic State|IS|Daesh|Da'esh|Daish|Islamic State group|Islamic State of Iraq|"
     "Abu Bakr al-Baghdadi|Baghdadi",
     Named("Islamic State", "IRQINS", "isis"))
_add("US-led coalition|international coalition|anti-ISIS coalition|Global Coalition|Operation Inherent Resolve|"
     "OIR|coalition forces|coalition troops|US-led forces|coalition|Coalition|coalition personnel",
     Named("US-led coalition", "WSTMIL", "coalition"))
_add("Pentagon|CENTCOM|Central Command|US Central Command|Department of Defense|Defense Department|"
     "Esper|Mark Esper|Milley|Mark Milley|McKenzie|Kenneth McKenzie|Lloyd Austin|US military|US forces|"
     "American forces|US troops|American troops|US soldiers|American soldiers|Marines|US Marines",
     Named("US military", "USAMIL", "usa"))
_add("White House|State Department|Treasury|Treasury Department|Trump|Donald Trump|Pompeo|Mike Pompeo|"
     "Blinken|Antony Blinken|Mnuchin|Brian Hook|Matthew Tueller|Trump administration|Biden administration|"
     "Biden|Joe Biden|Washington|US government|American government",
     Named("US government", "USAGOV", "usa"))
_add("US president|U.S. president|American president|president of the United States",
     Named("Donald Trump", "USAGOV", "usa", end=BIDEN_PRESIDENT),
     Named("Joe Biden", "USAGOV", "usa", start=BIDEN_PRESIDENT))
_add("CIA", Named("Central Intelligence Agency", "USASPY", "usa"))
_add("FBI|Federal Bureau of Investigation", Named("Federal Bureau of Investigation", "USACOP", "usa"))
_add("Congress|US Congress|US Senate|House of Representatives", Named("US Congress", "USALEG", "usa"))

# --- elsewhere ----------------------------------------------------------------
for _aliases, _name, _code in [
    ("Hezbollah|Hizbollah|Hizballah|Hizbullah|Hassan Nasrallah|Nasrallah", "Hezbollah", "LBNREB"),
    ("Hamas|Izz ad-Din al-Qassam Brigades|Qassam Brigades|Ismail Haniyeh|Haniyeh|Yahya Sinwar|Sinwar",
     "Hamas", "PSEREB"),
    ("Islamic Jihad|Palestinian Islamic Jihad|PIJ", "Palestinian Islamic Jihad", "PSEREB"),
    ("Palestinian Authority|Mahmoud Abbas|President Abbas", "Palestinian Authority", "PSEGOV"),
    ("Houthis|Houthi|Houthi rebels|Ansar Allah|Ansarullah|Huthis|Huthi", "Houthis", "YEMREB"),
    ("Taliban|Taleban|Haqqani network", "Taliban", "AFGINS"),
    ("al-Shabaab|Al-Shabaab|al-Shabab|Al Shabaab|Shabaab", "al-Shabaab", "SOMINS"),
    ("Boko Haram|ISWAP|Islamic State West Africa Province", "Boko Haram", "NGAINS"),
    ("JNIM|Jama'at Nasr al-Islam wal Muslimin|AQIM", "JNIM", "MLIINS"),
    ("AQAP|al-Qaeda in the Arabian Peninsula", "AQAP", "YEMINS"),
    ("PKK|Kurdistan Workers' Party|Kurdistan Workers Party", "PKK", "TURREB"),
    ("Lord's Resistance Army|LRA|Joseph Kony|Kony", "Lord's Resistance Army", "UGAREB"),
    ("Renamo|RENAMO|Afonso Dhlakama|Dhlakama", "Renamo", "MOZREB"),
    ("ETA|Euskadi Ta Askatasuna", "ETA", "ESPREB"),
    ("YPG|SDF|Syrian Democratic Forces|Free Syrian Army|FSA|Hayat Tahrir al-Sham|HTS|Syrian rebels",
     "Syrian armed opposition", "SYRREB"),
    ("Bashar al-Assad|Assad|Assad regime|Syrian regime", "Syrian government", "SYRGOV"),
    ("Wagner|Wagner Group", "Wagner Group", "RUSMIL"),
    ("Kremlin|Vladimir Putin|Putin|Sergei Lavrov|Lavrov", "Russian government", "RUSGOV"),
    ("Zelensky|Zelenskyy|Volodymyr Zelensky|Volodymyr Zelenskyy", "Ukrainian government", "UKRGOV"),
    ("IDF|Israel Defense Forces|Israeli Defense Forces|Israel Defence Forces", "Israel Defense Forces", "ISRMIL"),
    ("Mossad", "Mossad", "ISRSPY"),
    ("Knesset", "Knesset", "ISRLEG"),
    ("Netanyahu|Benjamin Netanyahu|Naftali Bennett|Yair Lapid", "Israeli government", "ISRGOV"),
    ("Benny Gantz|Gantz", "Israeli defence ministry", "ISRMIL"),
    ("Erdogan|Recep Tayyip Erdogan|Ankara", "Turkish government", "TURGOV"),
    ("Mohammed bin Salman|MBS|King Salman|Riyadh", "Saudi government", "SAUGOV"),
    ("Saudi-led coalition|Saudi-led military coalition|Arab coalition|Saudi-led forces",
     "Saudi-led coalition", "SAUMIL"),
    ("Xi Jinping|Beijing", "Chinese government", "CHNGOV"),
    ("Kim Jong Un|Kim Jong-un|Pyongyang", "North Korean government", "PRKGOV"),
    ("Narendra Modi|Modi|New Delhi", "Indian government", "INDGOV"),
    ("Muhammadu Buhari|Buhari|Bola Tinubu|Tinubu", "Nigerian government", "NGAGOV"),
    ("Imran Khan|Shehbaz Sharif|Islamabad", "Pakistani government", "PAKGOV"),
    ("Tehrik-i-Taliban Pakistan|TTP|Pakistani Taliban", "Pakistani Taliban", "PAKINS"),
    ("Abiy Ahmed|Abiy", "Ethiopian government", "ETHGOV"),
    ("TPLF|Tigray People's Liberation Front|Tigrayan forces|Tigray Defense Forces", "TPLF", "ETHREB"),
    ("Rapid Support Forces|RSF|Hemedti", "Rapid Support Forces", "SDNREB"),
    ("Tatmadaw|Min Aung Hlaing", "Myanmar military", "MMRMIL"),
    ("Arakan Army|Kachin Independence Army|People's Defence Force|People's Defense Force|"
     "Ta'ang National Liberation Army|Ta’ang National Liberation Army|TNLA|Myanmar National Democratic Alliance Army|"
     "MNDAA|Three Brotherhood Alliance|Brotherhood Alliance", "Myanmar armed resistance", "MMRREB"),
    ("Khalifa Haftar|Haftar|Libyan National Army|LNA", "Libyan National Army", "LBYMIL"),
    ("FARC|ELN|National Liberation Army", "Colombian guerrillas", "COLREB"),
    ("M23|Allied Democratic Forces|ADF", "Congolese armed groups", "CODREB"),
    ("Kagame|Paul Kagame", "Rwandan government", "RWAGOV"),
    # the armies of troop-sending states by their own names (a held-out article's "Uganda People's Defence Force
    # (UPDF)" was Myanmar's resistance, by the "People's Defence Force" inside it; the SANDF was the host's army)
    ("Uganda People's Defence Force|Uganda Peoples Defence Force|UPDF", "Ugandan military", "UGAMIL"),
    ("South African National Defence Force|SANDF", "South African military", "ZAFMIL"),
    ("Rwanda Defence Force|Rwanda Defence Forces|Rwandan Defence Force|RDF", "Rwandan military", "RWAMIL"),
    ("Kenya Defence Forces|Kenya Defence Force|KDF", "Kenyan military", "KENMIL"),
    ("FAMa|FAMA|FAM|Malian Armed Forces|Malian armed forces", "Malian military", "MLIMIL"),
    ("Barkhane|Barkhane force|Operation Barkhane|Serval|Operation Serval", "French military", "FRAMIL"),
    ("Kanaani|Nasser Kanaani|Nasser Kanani|Kanani", "Iranian government", "IRNGOV"),
    ("Nicolas Maduro|Maduro", "Venezuelan government", "VENGOV"),
    ("Emmanuel Macron|Macron|Elysee", "French government", "FRAGOV"),
    ("Boris Johnson|Downing Street|Whitehall|Foreign Office", "British government", "GBRGOV"),
    ("Ministry of Defence|MoD", "British military", "GBRMIL"),
    ("Angela Merkel|Merkel|Olaf Scholz", "German government", "DEUGOV"),
    ("al-Qaeda|al-Qaida|Al Qaeda|al Qaeda", "al-Qaeda", "---INS"),
    ("United Nations|UN|U.N.|Antonio Guterres|Guterres|UN Security Council|Security Council|UNSC|IAEA|"
     "International Atomic Energy Agency|UNAMI|UN mission|UN peacekeepers|UN General Assembly|General Assembly|"
     "Human Rights Council|UN Human Rights Council|MONUSCO|MONUC|UNIFIL|MINUSMA|MINUSCA|UNMISS|UNAMID|UNDOF|UNAMA|"
     "UNSOM|MINURSO|UNFICYP|UNISFA",
     "United Nations", "UNOIGO"),
    ("European Union|EU|E.U.|European Commission|Brussels", "European Union", "EURIGO"),
    ("NATO|Nato|North Atlantic Treaty Organization", "NATO", "NATIGO"),
    ("African Union|AU|AMISOM|ATMIS", "African Union", "AFRIGO"),
    ("Arab League|League of Arab States", "Arab League", "ARBIGO"),
    ("ECOWAS|Economic Community of West African States", "ECOWAS", "WAFIGO"),
]:
    _add(_aliases, Named(_name, _code))

#: Sector words (lemmas or lower-case phrases) -> CAMEO sector.
SECTORS: dict[str, str] = {}
for _sector, _words in {
    "GOV": "government|govt|central bank|ministry|minister|president|prime minister|premier|cabinet|administration|"
           "official|authority|authorities|foreign ministry|foreign minister|interior ministry|"
           "interior minister|leader|leadership|king|regime|spokesman|spokeswoman|spokesperson|embassy|"
           "consulate|diplomat|ambassador|envoy|governor|mayor|secretary of state|chancellor|state|"
           "foreign office|junta|emir|sultan|monarch|crown prince|vice president|statesman|negotiator",
    "MIL": "military|army|troop|troops|force|forces|soldier|armed forces|air force|navy|marine|"
           "warship|commander|general|defence ministry|defense ministry|counter-terrorism|counterterrorism|"
           "defence minister|defense minister|defence secretary|defense secretary|battalion|brigade|"
           "special forces|national guard|security forces|paratrooper|commando|service member|"
           "navy ship|frigate|destroyer|sailor|airman|pilot|officer corps|personnel|serviceman|servicemen|"
           "garrison|base|convoy|checkpoint|patrol|unit|division|regiment|militaries|chief of staff",
    "COP": "police|policeman|policemen|police officer|police officers|officer|cop|border guard|"
           "border guards|gendarme|gendarmerie|riot police|security guard|law enforcement",
    "REB": "rebel|militia|militiaman|militiamen|fighter|guerrilla|guerilla|separatist|secessionist|armed group|"
           "paramilitary|paramilitaries|faction|proxy|proxies|resistance|outlaw group|armed faction|"
           "rocket launcher|rocket launchers|armed militiaman|maoist",
    "INS": "insurgent|militant|jihadist|terrorist|extremist|islamist|suicide bomber|bomber|jihadi",
    "OPP": "protester|protestor|demonstrator|opposition|activist|rioter|crowd|mob|dissident|opposition party|"
           "supporter|follower|loyalist|mourner",
    "CVL": "civilian|resident|villager|people|person|child|children|woman|women|man|men|pilgrim|farmer|"
           "worker|contractor|student|family|families|passenger|shepherd|tourist|citizen|worshipper|"
           "fisherman|fishermen|hostage|teacher|doctor|nurse|aid worker|employee|analyst|expert|academic|"
           "scholar|writer|blogger|lawyer|engineer|schoolboy|schoolgirl|pupil|medic|airliner|passenger jet",
    "LEG": "parliament|lawmaker|legislator|MP|mp|congress|senate|senator|assembly|legislature|parliamentarian|"
           "congressman",
    "JUD": "court|judge|judiciary|prosecutor|supreme court|tribunal|attorney general",
    "SPY": "intelligence|intelligence service|intelligence agency|spy agency|spy|intelligence chief|agent",
    "UAF": "gunman|gunmen|attacker|assailant|armed men|unknown gunmen|unidentified gunmen|sniper|kidnapper|"
           "abductor",
    "REF": "refugee|migrant|asylum seeker|displaced",
    "MED": "journalist|reporter|media|newspaper|broadcaster|photographer|correspondent|press",
    "BUS": "company|firm|business|oil company|tanker|vessel|ship|oil tanker|bank|contractor firm|corporation",
    "EDU": "university|school",
    "HLH": "hospital|health ministry|clinic",
}.items():
    for _w in _words.split("|"):
        SECTORS[_w] = _sector


def _add_phoenix_agents() -> None:
    """Phoenix's agent dictionary fills in sector words the project's list lacks (the project's entry wins)."""
    from flashpoint.extract.lexicon import phoenix_agents

    for words, sector in phoenix_agents().items():
        words = words.replace(" - ", "-").replace(" '", "'")
        if len(words) > 2 and not any(ch.isdigit() for ch in words):
            SECTORS.setdefault(words, sector)


_add_phoenix_agents()

#: Nouns for the thing that did the harm rather than who did it ("a US drone
#: strike killed ..."): the actor is found inside their phrase, and is military.
INSTRUMENTS = frozenset(
    "strike airstrike air-strike attack raid drone missile rocket mortar bomb shell shelling artillery "
    "explosion blast barrage salvo ied device volley projectile katyusha warplane jet aircraft helicopter "
    "bombardment fire gunfire ambush operation bombing assault offensive grenade uav munition round "
    "car-bomb truck-bomb explosive mine landmine shot bullet sniper".split()
)

#: Places that are themselves a target: bases and airports hosting US and coalition forces in Iraq.
HOSTED_BASES: dict[str, str] = {
    "ain al-asad": "USAMIL", "al-asad": "USAMIL", "ain al asad": "USAMIL", "camp taji": "USAMIL",
    "taji": "USAMIL", "union iii": "USAMIL", "camp victory": "USAMIL", "victory base": "USAMIL",
    "bagram": "USAMIL", "harir": "USAMIL", "k-1": "USAMIL",
}

#: Seas and straits: places that belong to no country.
WATERS = ("Gulf of Oman", "Persian Gulf", "Arabian Gulf", "Strait of Hormuz", "Red Sea", "Gulf of Aden",
          "Mediterranean", "Mediterranean Sea", "Black Sea", "Arabian Sea", "South China Sea", "Caspian Sea",
          "Sea of Azov", "Indian Ocean", "Gulf", "Bab el-Mandeb", "Taiwan Strait",
          "Nile")     # a river of many countries (Phoenix's "nile" made "the Upper Nile town" Egypt: a blind set's)

#: Theatre actor ids for country + sector combinations not named in NAMED: a state's own organs, and its
#: protesters and civilians. Not insurgents: "militants" in a country are no one group (a held-out test on real
#: news had PKK fighters in Duhok coded as the Islamic State).
THEATRE_BY_CODE: dict[str, str] = {
    "USAMIL": "usa", "USAGOV": "usa", "USASPY": "usa", "USALEG": "usa",
    "IRNMIL": "iran", "IRNGOV": "iran",
    "IRQGOV": "iraq_gov", "IRQMIL": "isf", "IRQCOP": "isf", "IRQLEG": "iraq_parliament",
    "IRQOPP": "protesters", "IRQCVL": "civilians",
}


@dataclass(frozen=True)
class Country:
    iso3: str
    capital: tuple[str, ...]
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    places: tuple[str, ...]


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """The three letters a CAMEO actor code may begin with: the country table's ISO3 codes and the first three
    letters of the Phoenix actor dictionary's codes (countries, regions, "IGO", "MNC" and the like)."""
    with resources.files("flashpoint.extract").joinpath("petrarch/actors.tsv").open(encoding="utf-8") as fh:
        dictionary = {line.split("\t", 2)[1][:3] for line in fh if line.count("\t") >= 1}
    return frozenset({c.iso3 for c in countries()} | {c for c in dictionary if c.isalpha() and c.isupper()})


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """The country table: ISO3, names, demonyms, capital and other places."""
    rows = []
    with resources.files("flashpoint.extract").joinpath("countries.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            split = lambda key: tuple(x.strip() for x in (row[key] or "").split(";") if x.strip())  # noqa: E731
            rows.append(Country(row["iso3"], split("capital"), split("names"), split("demonyms"), split("places")))
    return tuple(rows)
