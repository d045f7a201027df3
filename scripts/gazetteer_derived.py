"""Adjectives and names of inhabitants derived from gazetteer names, for scripts/build_gazetteer.py.

Texts often name a place only through its adjective ("белорусские таможенники", "на Благовещенской
таможне") or its people ("отравления кировчан"). These words are not typed by hand: each name is
cut to its likely stems and given the usual Russian suffixes, and a candidate is kept only when
pymorphy3's dictionary (OpenCorpora) holds it as a word of its own, an adjective or an animate
noun, so a guessed word that Russian does not have never enters the gazetteer.
"""

from __future__ import annotations

from pipelines.morph import morph
from pipelines.phrases import fold

# Endings cut from a name before a suffix: "Киргизия" → "киргиз", "Узбекистан" → "узбек".
_CUTS = ("", "а", "я", "о", "е", "ы", "и", "ь", "й", "ия", "стан", "истан")
_ADJECTIVE_SUFFIXES = ("ий", "кий", "ский", "цкий", "йский", "инский", "енский", "анский", "овский")
# Inhabitants: "кировчанин", "томич", "саратовец", "павлодарец".
_PEOPLE_SUFFIXES = ("чанин", "янин", "анин", "ич", "ец", "инец", "овец", "як")
# A town in «-ск» or «-цк» names its people from the stem before it: Томск → томич, Омск → омич,
# Челябинск → челябинец, Смоленск → смолянин, Липецк → липчанин. The cut is a toponym's own
# ending, so a short stem is safe here.
_TOWN_ENDINGS = ("ск", "енск", "цк", "ецк")
_MIN_TOWN_STEM = 2
# Shorter stems make real but unrelated words: "Бор" + "ец" is "борец".
_MIN_STEM = 4


def _stems(name: str) -> set[str]:
    word = fold(name)
    return {
        word[: len(word) - len(cut)]
        for cut in _CUTS
        if word.endswith(cut) and len(word) - len(cut) >= _MIN_STEM
    }


def _is_lemma(word: str, pos: str, animate: bool = False) -> bool:
    for parse in morph().parse(word):
        if not parse.is_known or pos != parse.tag.POS or parse.normal_form != word:
            continue
        if animate and ("anim" not in parse.tag or {"Patr", "Name", "Surn"} & parse.tag.grammemes):
            continue  # "Иваново" + "ич" is a patronymic, not a townsman
        return True
    return False


def adjectives(name: str) -> set[str]:
    """Dictionary adjectives made from a one-word place name: "Благовещенск" → благовещенский.
    Only the shortest suffix: "абаканский", not the "абакановский" of a person."""
    if " " in name:
        return set()
    found: dict[int, set[str]] = {}
    for stem in _stems(name):
        for suffix in _ADJECTIVE_SUFFIXES:
            candidate = stem + suffix
            if (suffix == "ий" and not stem.endswith("ск")) or (
                suffix == "кий" and stem[-2:] != "сс"
            ):
                continue  # "Омск" → омский, "Белорусс(ия)" → белорусский; not "Топки" → топкий
            if _is_lemma(candidate, "ADJF"):
                found.setdefault(len(suffix), set()).add(candidate)
    return found[min(found)] if found else set()


# A regional centre whose stem is short or ends in an adjective's own ending: "Уфа" → уфимский,
# "Чита" → читинский, "Грозный" → грозненский. Short stems are safe here only because the
# candidates are few (a centre's name) and each must be a dictionary adjective.
# (the ending cut, the suffixes it takes): «Шуша» is no «шушенский» (Шушенское's)
_CENTRE_CUTS = (("а", ("имский", "инский")), ("я", ("инский",)), ("ый", ("енский",)),
                ("ий", ("енский",)), ("ь", ("ский",)))  # fmt: skip


def centre_adjectives(name: str) -> set[str]:
    """Dictionary adjectives of a one-word regional centre that `adjectives` misses: its stem is
    shorter than `_MIN_STEM`, or the adjective takes «-им-» («уфимский»)."""
    word = fold(name)
    if " " in word or "-" in word:
        return set()
    return {
        word[: len(word) - len(cut)] + suffix
        for cut, suffixes in _CENTRE_CUTS
        if word.endswith(cut) and len(word) - len(cut) >= _MIN_TOWN_STEM
        for suffix in suffixes
        if _is_lemma(word[: len(word) - len(cut)] + suffix, "ADJF")
    }


# Suffixes with an interfix, which only a place's name takes: "Тольятти" → тольяттинский,
# "Химки" → химкинский (where "Пушкино" → пушкинский is a poet's too)
_INTERFIXED_SUFFIXES = ("инский", "енский", "анский")


def nickname_adjectives(name: str) -> set[str]:
    """Dictionary adjectives of a region's one-word nickname in «-ье»: "Подмосковье" →
    подмосковный, "Прикамье" → прикамский, "Прибайкалье" → прибайкальский."""
    word = fold(name)
    if " " in word or not word.endswith("ье") or len(word) - 2 < _MIN_STEM:
        return set()
    stem = word[:-2]
    candidates = {stem + "ный", stem + "ский", stem + "ьский"}
    return {c for c in candidates if _is_lemma(c, "ADJF")}


def interfixed_adjectives(name: str) -> set[str]:
    """Dictionary adjectives made from a one-word town name with an interfix: "Тольяттинские
    полицейские" names Togliatti as "самарские" names Samara's region."""
    if " " in name:
        return set()
    return {
        stem + suffix
        for stem in _stems(name)
        for suffix in _INTERFIXED_SUFFIXES
        if _is_lemma(stem + suffix, "ADJF")
    }


# «Нижний Тагил» → нижнетагильский: the first word of a two-word town as a combining form
_COMBINING = {"нижний": "нижне", "верхний": "верхне", "старый": "старо", "новый": "ново",
              "великий": "велико", "большой": "больше", "малый": "мало"}  # fmt: skip
# compounds that are ordinary words first: «старорусский» is Old Russian before Staraya Russa's
_ORDINARY_COMPOUNDS = frozenset({"старорусский", "новорусский", "малорусский", "великорусский"})


def compound_adjectives(name: str) -> set[str]:
    """Dictionary adjectives of a two-word town whose first word is «Нижний», «Старый» …:
    "Нижний Тагил" → нижнетагильский, "Старый Оскол" → старооскольский, "Великие Луки" →
    великолукский."""
    words = name.split(" ")
    if len(words) != 2 or "-" in name:
        return set()
    first = morph().parse(fold(words[0]))[0].normal_form
    prefix = _COMBINING.get(first)
    if prefix is None:
        return set()
    return {
        prefix + stem + suffix
        for stem in _stems(words[1]) | {fold(words[1])[:-1]}
        for suffix in (*_ADJECTIVE_SUFFIXES, "ьский")
        if _is_lemma(prefix + stem + suffix, "ADJF")
        and prefix + stem + suffix not in _ORDINARY_COMPOUNDS
    }


def people(name: str) -> set[str]:
    """Dictionary names of inhabitants made from a one-word city name: "Киров" → кировчанин."""
    if " " in name:
        return set()
    whole = fold(name)
    cut = {
        whole[: -len(ending)]
        for ending in _TOWN_ENDINGS
        if whole.endswith(ending) and len(whole) - len(ending) >= _MIN_TOWN_STEM
    }
    return {
        stem + suffix
        for stem in _stems(name) | cut
        for suffix in _PEOPLE_SUFFIXES
        # "-ич" follows a cut vowel (Москва → москвич), not a whole name (Королёв → королевич)
        if not (suffix == "ич" and stem == whole)
        # Братск is no "брат" + "ец": a stem that is a noun of its own makes its diminutive
        and not (stem in cut and suffix == "ец" and _is_lemma(stem, "NOUN"))
        and _is_lemma(stem + suffix, "NOUN", animate=True)
    }


# The stem of a place's adjective, as its people's names take it: «забайкальский» → «забайкал»
# (забайкалец), «оренбургский» → «оренбурж» (оренбуржец), «тульский» → «тул» (туляк).
_ALTERNATIONS = {"г": "ж", "к": "ч"}
_ADJECTIVE_PEOPLE_SUFFIXES = ("ец", "анин", "янин", "чанин", "як")
_MIN_ADJECTIVE_STEM = 3


def adjective_people(adjective: str) -> set[str]:
    """Dictionary names of inhabitants made from a place's «-ский» adjective, where the name
    itself gives none: «Нижний Новгород» (two words) → нижегородский → нижегородец, «Тула» →
    тульский → туляк, «Оренбург» → оренбургский → оренбуржец, «Забайкальский край» → забайкалец."""
    if not adjective.endswith("ский"):
        return set()
    base = adjective[: -len("ский")]
    stems = {base, base.removesuffix("ь")}
    stems |= {s[:-1] + _ALTERNATIONS[s[-1]] for s in set(stems) if s[-1:] in _ALTERNATIONS}
    return {
        stem + suffix
        for stem in stems
        if len(stem) >= _MIN_ADJECTIVE_STEM
        for suffix in _ADJECTIVE_PEOPLE_SUFFIXES
        if _is_lemma(stem + suffix, "NOUN", animate=True)
    }


def region_adjective(name: str) -> str | None:
    """The adjective of a two-word division name: "Гродненская область" → гродненский."""
    words = name.split()
    if len(words) != 2 or words[1] not in ("область", "край"):
        return None
    parses = [p for p in morph().parse(fold(words[0])) if p.tag.POS == "ADJF"]
    return parses[0].normal_form if parses else None


def _named_for(adjective: str, city: str) -> bool:
    """Whether a region's adjective is made from a city's name: "московский" from "Москва" (a
    fleeting «о»), "алматинский" from "Алматы" (an interfix), "минский" from "Минск"."""
    if not adjective.endswith("ский"):
        return False
    stem, name = adjective[: -len("ский")], fold(city)
    bases = {name, name[:-1]} if name[-1:] in "аяыиое" else {name}
    if name.endswith("ск"):
        bases.add(name[:-2])  # "минск" → мин-ский
    without_a_vowel = {stem[:i] + stem[i + 1 :] for i, c in enumerate(stem) if c in "аеиоуы"}
    return bool(bases & ({stem, stem[:-2]} | without_a_vowel))


def shared_adjectives(city: dict, regions: list[dict]) -> set[str]:
    """The adjectives of the regions of a city's country named after it: "Московская область" and
    Moscow, "Алматинская область" and Almaty. The bare adjective ("московские полицейские")
    names either; with its noun ("Московской области") the name is the region's alone."""
    words = set()
    for row in regions:
        if row["country"] != city["country"] or row["type"] == "city":
            continue
        adjective = region_adjective(row["name"])
        if adjective and _named_for(adjective, city["name"]):
            words.add(adjective)
    return words


# Adjectives of the mountains, lakes and lands that span regions: «Уральская оперативная
# таможня», «уральские таможенники» are of the Urals, not of the town of Уральск; a town whose
# adjective one of these is (Уральск, Байкальск) is not named by it.
_LANDFORM_ADJECTIVES = frozenset(
    {"уральский", "байкальский", "кавказский", "памирский", "сибирский"}
)


DERIVED_HEADER = """\
# GENERATED by scripts/build_gazetteer.py (scripts/gazetteer_derived.py): adjectives and names of
# inhabitants of the gazetteer's countries, regions and cities, kept only where pymorphy3's
# dictionary holds the word. word: the lemma (case forms come at load time). named_as: adjective
# or people. name, level (country, region, local), kind, region_code, country: the place it names.
# A word that names places in two regions ("алматинский": Almaty and its oblast) is listed for
# both and stays ambiguous.
"""
DERIVED_COLUMNS = ("word", "named_as", "name", "level", "kind", "region_code", "country")


def derived_rows(
    countries: list[dict],
    regions: list[dict],
    cities: list[dict],
    other_countries: tuple[str, ...] = (),
) -> list[list[str]]:
    """countries: code, name, alt_names; regions: code, country, type, name (and alt_names, of
    which a city's yield words no other place claims: "Петербург" → петербургский); cities: name,
    region_code, country, centre (whether it is a regional centre). A country's adjective and
    its people («казахстанцы») say who rather than where: like the others, they count only where
    a text names no scene. other_countries: the Russian names of every country, whose adjectives
    no region takes («ливанский» is Lebanon's, not Latvia's Ливанский край)."""
    foreign = {word for name in other_countries for word in adjectives(name)}
    targets: dict[tuple[str, str], list[tuple]] = {}

    def add(words, named_as, name, level, kind, code, country):
        for word in sorted(words):
            targets.setdefault((word, named_as), []).append((name, level, kind, code, country))

    for row in countries:
        for name in [row["name"], *row["alt_names"]]:
            add(adjectives(name), "adjective", row["name"], "country", "country", "", row["code"])
            # «наркозависимых казахстанцев», «россиян»: a weak vote, as an adjective is, for a
            # text that names no scene
            add(people(name), "people", row["name"], "country", "country", "", row["code"])
    alternative: list[tuple] = []  # from a city's other names: kept where nothing else claims it
    for row in regions:
        code, country, name = row["code"], row["country"], row["name"]
        if row["type"] == "city":
            own = adjectives(name)
            add(own, "adjective", name, "region", "city", code, country)
            add(shared_adjectives(row, regions), "adjective", name, "region", "city", code, country)
            add(people(name), "people", name, "region", "city", code, country)
            for adjective in own:  # «Санкт-Петербург»: петербургский → петербуржец
                alternative.append((adjective_people(adjective), "people", name, "city", code,
                                    country))  # fmt: skip
            for other in row.get("alt_names", ()):  # "Петербург" → петербургский
                if "Surn" in morph().parse(fold(other))[0].tag:
                    continue  # "Фрунзе": фрунзенский names what is named after the man
                other_adjectives = adjectives(other)
                alternative.append((other_adjectives, "adjective", name, "city", code, country))
                alternative.append((people(other), "people", name, "city", code, country))
                for adjective in other_adjectives:  # «Петербург» → петербургский → петербуржец
                    alternative.append((adjective_people(adjective), "people", name, "city", code,
                                        country))  # fmt: skip
        else:
            for other in row.get("alt_names", ()):  # "Подмосковье" → подмосковный
                words = nickname_adjectives(other)
                alternative.append((words, "adjective", name, "region", code, country))
        adjective = region_adjective(name)
        if adjective and adjective not in foreign:
            add({adjective}, "adjective", name, "region", "region", code, country)
            # «забайкальцы», «нижегородцы», «туляки»: the region's people, named from its
            # adjective where no town's own people have the word («минчане» are Minsk's)
            words = adjective_people(adjective)
            alternative.append((words, "people", name, "region", code, country))
    townsfolk: list[tuple] = []  # a regional centre's people named from its adjective
    for row in cities:
        code, country, name = row["region_code"], row["country"], row["name"]
        # «нижнетагильские полицейские»: a two-word town's adjective is its own
        add(compound_adjectives(name), "adjective", name, "local", "city", code, country)
        if row.get("minor"):
            continue  # GeoNames' towns: their one-word adjectives are too often other things'
        townsmen = people(name) if row["centre"] else set()
        add(townsmen, "people", name, "local", "city", code, country)
        # A town's adjective only where it is regular ("Бердск" → бердский): "Королёв" → королевский
        # and "Пушкино" → пушкинский name other things first.
        if row["centre"] or fold(name).endswith("ск"):
            words = adjectives(name) or (centre_adjectives(name) if row["centre"] else set())
            words -= _LANDFORM_ADJECTIVES
            add(words, "adjective", name, "local", "city", code, country)
            if row["centre"]:  # «Уфа» → уфимский → уфимцы, where no other place has the word
                townsfolk.extend((adjective_people(w), name, code, country) for w in words)
        else:
            add(interfixed_adjectives(name), "adjective", name, "local", "city", code, country)
    claimed = {word for word, _ in targets}
    for words, named_as, name, kind, code, country in alternative:
        add(words - claimed, named_as, name, "region", kind, code, country)
    claimed = {word for word, _ in targets}
    for words, name, code, country in townsfolk:
        add(words - claimed, "people", name, "local", "city", code, country)
    names = {fold(r["name"]) for r in [*countries, *regions, *cities]}
    rows = []
    for (word, named_as), places in sorted(targets.items()):
        if word in names:
            continue  # the name itself ("Октябрьский")
        # A region and its centre ("Гродненская область", "Гродно") share the adjective: one place.
        by_region: dict[str, tuple] = {}
        for place in sorted(places, key=lambda p: ("country", "region", "local").index(p[1])):
            by_region.setdefault(place[3] or place[4], place)
        rows += [[word, named_as, *place] for place in by_region.values()]
    return rows
