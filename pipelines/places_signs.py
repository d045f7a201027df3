"""The country of a text that names no place of it, from what it cites: the currency it counts
in, Kazakh letters in its names, the state news agency it quotes, the institutions and law codes
it names. Used for the article's country and for the capital «столичный» means."""

from __future__ import annotations

import re
from collections import Counter

# A country's own currency: «на 20 млн тенге», «3 млн сомов». A text that names no place but
# counts in it is that country's news («По данным МВД, … на сумму 1,2 млрд тенге»).
_CURRENCIES = {
    "KZ": re.compile(r"\bтенге\b", re.IGNORECASE),
    "KG": re.compile(r"\bсом(?:а|у|ов|ам|ами|ах)?\b", re.IGNORECASE),
    "TJ": re.compile(r"\bсомони\b", re.IGNORECASE),
    "UZ": re.compile(r"\bсум(?:а|у|ов|ам|ами|ах)?\b", re.IGNORECASE),
    "BY": re.compile(r"\bбелорусск\w*\s+рубл", re.IGNORECASE),
    # rubles said plainly are Russia's («свыше 850 млрд руб.»), unless the text names
    # Belarusian ones (below)
    "RU": re.compile(r"\bрубл(?:ь|я|ю|ем|е|ей|ям|ями|ях)\b|\bруб\.", re.IGNORECASE),
}


# A country's state news agency, which carries its own country's news: «сообщили БЕЛТА в
# Министерстве информации» in a text that names no place is Belarus's (Russia's agencies report
# the world, and a Russian text with no place is the home default anyway)
_NEWS_AGENCIES = {
    "BY": re.compile(r"\bБЕЛТА\b|\bБелТА\b"),
    "KZ": re.compile(r"\bКазинформ\w*|\bKazinform\b"),
    "KG": re.compile(r"\bКабар\b|\bКабара\b"),
    "TJ": re.compile(r"\bХовар\w*|\bKhovar\b"),
    "UZ": re.compile(r"\bУзА\b|\bДунё\b"),
}


# Institutions and law codes of one country: «ст. 228 УК РФ», «Роскомнадзор заблокировал»,
# «Приволжская оперативная таможня», «УК РК», «СБНОН», «МВД КР». A text that names no place and
# cites them is that country's.
_INSTITUTIONS = {
    "RU": re.compile(
        r"\b(?:УК|КоАП|МВД|ГУ\s+МВД|ФСБ|СК)\s+(?:РФ|России)\b|\bРФ\b|\bФСКН\b|Госнаркоконтрол"
        r"|\bРоскомнадзор\w*|\bРосгварди\w*|\bФСИН\b|\bФТС\b|\bоперативн\w*\s+таможн\w*"
        # the FSKN's officers, as Russian news called them (133 of 136 blind dev texts)
        r"|\bнаркополицейск\w*"
        # Russia's parts that span regions: «в Сибири», «на Урале», «в ПФО»
        r"|\bСибир(?:ь|и|ью)\b|\bна\s+Урале\b|\bПоволжь[еяю]\b|\bДальн(?:ий|его|ем)\s+Восток"
        r"|\bСеверн\w+\s+Кавказ|\bЧерноземь|\bфедеральн\w+\s+округ|\b(?:[СЦЮП]|Ур|Д|СЗ|СК)ФО\b"
    ),
    "KZ": re.compile(r"\bРК\b|\bКНБ\b|\bАФМ\b"),
    "KG": re.compile(r"\bКР\b|\bСБНОН\b"),
    "UZ": re.compile(r"\bРУз\b"),
}


# The drug articles of each country's criminal code, which its news cites by number alone
# («по статье 303 УК», «ч. 2 ст. 328 УК»): Russia's 228–234, Kazakhstan's 296–303 (the code of
# 2014), Uzbekistan's 270–276, Kyrgyzstan's 282–286 and Belarus's 327–333. The ranges overlap no
# other's; a text that cites articles of two countries says neither.
_DRUG_ARTICLES = {
    "RU": range(228, 235),
    "KZ": range(296, 304),
    "UZ": range(270, 277),
    "KG": range(282, 287),
    "BY": range(327, 334),
}
_CODE_ARTICLE = re.compile(
    r"(?:\bст\.|\bстать(?:я|и|е|ю|ей|ям|ями|ях))\s*(\d{3})(?:[.-]\d+)?"
    r"(?:\s*(?:,|и)\s*\d{3}(?:[.-]\d+)?)*"  # «статьями 228.1 и 229»: the first is enough
    r"(?:\s+(?:ч\.|част\w*|п\.|пункт\w*)\s*\d+)*"  # «ст. 228 ч. 2»
    r"\s+(?:УК|Уголовного\s+кодекса)\b"
)


def _country_of_law_article(text: str) -> str | None:
    found = {
        country
        for match in _CODE_ARTICLE.finditer(text)
        for country, numbers in _DRUG_ARTICLES.items()
        if int(match.group(1)) in numbers
    }
    return found.pop() if len(found) == 1 else None


def _country_of_institution(text: str) -> str | None:
    found = [country for country, name in _INSTITUTIONS.items() if name.search(text)]
    return found[0] if len(found) == 1 else None


def _country_of_news_agency(text: str) -> str | None:
    found = [country for country, name in _NEWS_AGENCIES.items() if name.search(text)]
    return found[0] if len(found) == 1 else None


# Letters only Kazakh writes in Cyrillic («ОПМ «Қарасора-2022»», «Әділет»): names of a Kazakh
# text that names no place
_KAZAKH_LETTERS = re.compile(r"[ӘәҒғҚқҰұҺһ]")


def _country_of_letters(text: str) -> str | None:
    return "KZ" if _KAZAKH_LETTERS.search(text) else None


def _country_of_currency(text: str) -> str | None:
    """The country whose own currency the text counts in most, if one does."""
    named = Counter({country: len(words.findall(text)) for country, words in _CURRENCIES.items()})
    if named["BY"]:
        named["RU"] = 0  # a text that counts in Belarusian rubles says «рублей» of them after
    ranked = (+named).most_common(2)  # +: without the currencies the text never names
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def country_of_signs(text: str) -> str | None:
    """The country the text's own currency, letters, news agency, institutions or the drug
    articles of its criminal code tell, in that order of strength, or None."""
    return (
        _country_of_currency(text)
        or _country_of_letters(text)
        or _country_of_news_agency(text)
        or _country_of_institution(text)
        or _country_of_law_article(text)
    )
