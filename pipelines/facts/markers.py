"""The words that say how the numbers of a sentence relate: small named patterns, each matched
against the text between two figures (or just before one), as natasha builds grammars from
small named rules."""

from __future__ import annotations

import re

_I = re.IGNORECASE

# "в том числе", "из них", "из которых", "включая": what follows are parts of a total before.
SUBSET = re.compile(
    # «из которой»: of a singular whole («партия весом 10 кг, из которой …»), or a slip of case
    r"(?:\bв\s+том\s+числе\b|\bв\s+т\.\s*ч\.|\bиз\s+(?:них|котор(?:ых|ой|ого)"
    r"|этого\s+(?:числа|количества|объ[её]ма)"
    r"|общего\s+(?:числа|количества|объ[её]ма))\b|\bвключая\b|\bсреди\s+(?:них|котор(?:ых|ой))\b"
    r"|\bв\s+(?:их|том)\s+числе\b|\bв\s+частности\b)",
    _I,
)
# A sentence that opens with a subset marker: its numbers are parts of the previous sentence's
# («Среди задержанных 15 иностранцев», «Из числа уничтоженных объектов 10 кг …», «В общем числе
# этого вида преступлений 446 – тяжкие», «В частности, было сожжено: 63 кг героина, …»).
OPENS_WITH_SUBSET = re.compile(
    r"^\W*(?:в\s+том\s+числе|в\s+частности|в\s+т\.\s*ч\.|из\s+(?:них|которых|этого\s+(?:числа|количества|объ[её]ма)"
    r"|общего\s+(?:числа|количества|объ[её]ма))|среди\s+(?:них|которых)|в\s+их\s+числе"
    r"|(?:среди|в\s+числе)\s+(?:задержанн|изъят|выявленн|осужд[её]нн|привлеч[её]нн"
    r"|заключ[её]нн|подозреваем|арестованн|обвиняем|уничтожен|сожж[её]нн|обнаруженн)\w*"
    # «Сюда входят 1,9 тонны марихуаны, 403 кг маковой соломы …», «В их число вошли …»
    r"|сюда\s+вход\w*|в\s+(?:их|него|не[её])\s+(?:число\s+)?вош\w*"
    r"|из\s+числа|в\s+общем\s+(?:числе|количестве|объ[её]ме)"
    r"|среди\s+(?:этих|данных|указанных)\s+\w+)\b",
    _I,
)
# «Как уточнили в УФСКН, в общем количестве изъятого было 6 кг героина»: the same, later in
# the sentence's opening.
SUBSET_IN_OPENING = re.compile(
    r"\b(?:в|из)\s+общ\w+\s+(?:количеств|объ[её]м|числ|масс)\w*\s+"
    r"(?:изъят|выявлен|задержан|уничтожен|обнаружен)\w*"
    # «Как отметил подполковник Михалюк, из них 947 связаны со сбытом»
    # «В отчете отмечено, что из них 27574 человека …»
    r"|(?:,|\bчто)\s*(?:из|среди)\s+(?:них|которых)\s*$"
    # «Подавляющую часть из этой массы составляет синтетика – 5,4 кг»
    r"|\bиз\s+(?:этой|данной|указанной|этого|данного|указанного)\s+"
    r"(?:массы|суммы|количества|объ[её]ма|числа)\b",
    _I,
)
# «Наибольшая доля приходится на гашиш – 510 кг»: a share of a total stated before.
SHARE_OF = re.compile(
    r"\b(?:приходит|пришл)\w*\s+на\b|\b(?:наибольш|больш|львин|основн)\w*\s+(?:дол|част)\w*"
    r"|\bна\s+долю\b"
    # «Среди основных изъятых веществ лидерами являются гашиш — 850 кг, кокаин — 307 кг»
    r"|\bлидер\w*\s+(?:явля|стал|оста)\w*|\bсреди\s+(?:\w+\s+)?изъят\w*",
    _I,
)
# «3 из них – цеха …, 5 – …»: a sentence opening with a number «из них» breaks down a total of
# the sentence before
# («45 из этих преступлений связаны со сбытом»: «из этих» with the total's noun)
OF_THEM_OPENING = re.compile(r"^\s*(?:\S+\s+)?из\s+(?:них|которых|этих\s+\w+)\b", _I)
# «Среди этих преступлений 299 – тяжкие, 231 – связанное со сбытом», «Среди них 851 тяжкое …»,
# «В их числе оказалось 30 тяжких …, а также 10 …»: points at the total itself, as «из них»
# does, so its parts may overlap
THESE_OPENING = re.compile(
    r"^\W*(?:среди\s+(?:этих|данных|указанных|них|которых)|в\s+их\s+числе)\b", _I
)
# «Всего задержано три человека. Это два жителя Калининграда и один гражданин Литвы.»: a
# sentence that opens with «это» and lists two or more numbers breaks down the one before
THIS_OPENING = re.compile(r"^\W*(?:а\s+)?это\s*$", _I)
# «Так, в Москве количество таких преступлений составило …»: the kind counted before, named again
# by a demonstrative (a breakdown when the sentence gives it by place, see roles)
SAME_KIND_AGAIN = re.compile(r"\b(?:таких|этих|подобных|указанных|данных)\s+[а-яё]{4,}", _I)
# A number after a place of its own: «в Москве … 10,4 тысячи, в Подмосковье - 5,8 тысячи»
# (no IGNORECASE: the place's capital letter)
PLACE_BEFORE = re.compile(r"(?:^|[\s,(])(?:[Вв]о?|[Нн]а)\s+[А-ЯЁ][а-яё-]+")
# "46 из 120 задержанных": the first number is a part of the second.
PART_OF_NEXT = re.compile(r"^\s*из\s*$", _I)
# «из 42 задержанных, 8 …»: a total after «из», its breakdown after the comma.
FROM_TOTAL = re.compile(r"(?:^|[\s,(])(?:из|среди)\s*$", _I)
# «более 1,6 тысячи из них направлены в суд»: a part named before «из них».
OF_THEM_AFTER = re.compile(
    r"^\s*(?:\w+\s+)?из\s+(?:них|которых|этого\s+числа|общего\s+(?:числа|количества|объ[её]ма)"
    r"|(?:всех\s+)?(?:изъят|выявлен|задержан|зарегистрирован|обнаружен)\w*"
    # «Двое из злоумышленников …»: the people a count before named
    r"|(?:злоумышленник|подозреваем|фигурант|обвиняем|наркокурьер|наркодилер|наркоторговц)\w*)\b",
    _I,
)
# A colon that opens a list of parts: "изъято 3 тонны наркотиков: 1,1 тонны гашиша, ...".
LIST_COLON = re.compile(r":\s*(?:\w+\s+){0,3}$")

# Baselines: the value of an earlier period, stated for comparison.
# "(2013 – 11)", "(в 2023 году – 45)", "(2013 г.: 11)": a year and a dash before the number.
YEAR_DASH = re.compile(
    r"(?:^|[(\[,;]\s*)(?:(?:а|и|тогда\s+как|чем)\s+)?(?:(?:в|за)\s+)?"
    # «(1 полугодие 2008 года – 743)», «(за 9 месяцев 2008 г. – 12)»: the period before the year
    # «(в I квартале 2012 года – 17)»: a quarter in Roman numerals
    # «(в 1 пол. 2022 г. – 1 212)», «(за 3 кв. 2021 г. – 40)»: the half-year and quarter shortened
    r"(?:(?:за\s+)?(?:\d{1,2}\s+|[IVX]{1,4}\s+|[а-яё]+\s+)?(?:полугоди|пол\.|кв\.|месяц|квартал|январ"
    r"|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)[\w-]*\s+)?"
    r"(?P<year>(?:19|20)\d\d)\s*(?:г\.?|год[ауе]?|годом|-о?м|-й)?"  # «в 2015-м — 13», «за 1999-й»
    r"(?:\s*,\s*для\s+сравнения\s*,)?\s*[–—:-]\s*"  # «В 2023-м, для сравнения, — 12,2»
    r"(?:(?:более|менее|свыше|около|порядка)\s+)?$",
    _I,
)
# "(6698 в 2014 году)", "(45 – в 2023 г.)": the year after the number, closing its bracket.
YEAR_AFTER = re.compile(
    r"^\s*(?:[–—-]\s*)?(?:в\s+)?(?P<year>(?:19|20)\d\d)\s*(?:г\.?|год[ау]?)?\s*\)", _I
)
OPENS_BRACKET = re.compile(r"\(\s*(?:(?:более|менее|свыше|около|порядка)\s+)?$", _I)
# "АППГ – 292", "в прошлом году — 9 800 кг", "ранее 1170", "против 300", "годом ранее – 45".
EARLIER = re.compile(
    r"(?:\bаппг\b|\bпрошл\w*\s+(?:год\w*|период\w*)|\bаналогичн\w*\s+период\w*"
    r"(?:\s+прошл\w*\s+год\w*)?|\bгодом\s+ранее|\bранее\b|\bпротив\b|\bпо\s+сравнению\s+с\b"
    r"(?:\s+\w+){0,3}|\bв\s+предыдущ\w+\s+(?:год\w*|период\w*)"
    r"|\(\s*было\b"  # «снижение составило 12,6% (было 334 преступления)»
    r"|\(\s*в\s+прошлом\b"  # «11 человек (в прошлом – 13)»
    r"|\bпозапрошл\w*(?:\s+(?:год\w*|период\w*))?"  # «а в позапрошлом — 246»
    r"|\bпериод\w*\s+прошл(?:ого|ом)\b)"  # «за такой же период прошлого - 386 граммов»
    # a few words, or a clause that ends in a dash: «В прошлом году этот показатель был ниже —
    # 726»
    # or a bracket: «что на 48,7% выше уровня прошлого года (563)»
    r"(?:[^\d(]{0,12}[–—:-]?|[^\d(.!?;]{0,40}\s[–—]|\s*\()\s*(?:(?:более|менее|свыше|около|порядка)\s+)?$",
    _I,
)
# What the indicator was before: «еще недавно этот показатель составлял более 50 процентов»,
# «ранее этот показатель был 98» (the past of «составлять» after «недавно» or «ранее»).
EARLIER_INDICATOR = re.compile(
    r"\b(?:ранее|раньше|недавно|прежде)\s+(?:этот|данный|такой|тот\s+же)\s+показатель\s+"
    r"(?:составлял|был|достигал)\w*\s*(?:(?:более|менее|свыше|около|порядка)\s+)?$",
    _I,
)
# An earlier period named anywhere between the previous figure and this one: «в прошлом году за
# аналогичный период было задержано 70», «10 лет назад таких лиц было 371», «В 2014 году
# рассмотрено 217» (a year: earlier than the current value's). Not «за прошлый год» (often the
# reporting period itself) nor «ранее» (also «as reported before»).
EARLIER_CLAUSE = re.compile(
    r"\bв\s+(?:поза)?прошлом\s+году\b|\b(?:поза)?прошлого\s+года\b|\bаналогичн\w*\s+период\w*"
    r"|\bгодом\s+ранее\b"
    r"|\b(?:год|\d+\s+(?:лет|год[а]?)|\w+\s+(?:лет|года))\s+назад\b|\bаппг\b|\bраньше\b"
    r"|(?:\bв\s+(?:(?:январ|феврал|март|апрел|ма[ея]|июн|июл|август|сентябр|октябр|ноябр|декабр)"
    r"\w*\s+)?|\bпо\s+(?:итогам|результатам)\s+"  # «в августе 2002 года»
    # «в 1 пол. 2022 г. – 1246», «во II квартале 2021 года»
    r"|\bв[о]?\s+(?:[1-4]|I{1,3}|IV)(?:-?[а-я]{1,3})?\s+(?:пол\.|кв\.|полугоди\w*|квартал\w*)\s*)"
    r"(?P<year>(?:19|20)\d\d)\s*(?:г\.|год[ау]?\b)",  # «По результатам 2018 года мы изъяли»
    _I,
)
# A year a clause names before its number: «В 2021 году … изъято 4 тонны», «а в 2022 году - 4,1»,
# «в 2022-м почти 90», «в 2020-2021 годах» (the later year of a span).
YEAR_NAMED = re.compile(
    r"\b(?:в|за)\s+(?:(?:19|20)\d\d\s*[-–]\s*)?(?P<year>(?:19|20)\d\d)\s*"
    r"(?:г\.|-?м\b|год(?:у|а|ах|ы)?\b)",
    _I,
)
# ... unless the words compare (their number is the current one) or name the current period
NOW = re.compile(r"\bэтом\s+году|\bтекущ\w+\s+год|\bнынешн|\bсейчас\b", _I)
NOT_EARLIER_CLAUSE = re.compile(r"\bпо\s+сравнению|\bсоставил|" + NOW.pattern, _I)

# "с 457 до 387": a range of change (with "с"/"со" before the first number and "до" between).
FROM_BEFORE = re.compile(r"(?:^|\W)(?:с|со|от)\s*$", _I)  # «от 4800 до 1300» in a change too
TO_BETWEEN = re.compile(
    r"^\s*(?:(?:\S+\s+){0,2}?"
    # «с 710 за аналогичный период прошлого года до 733-х»: the earlier value's period between
    r"|(?:за|в)\s+(?:[^\s,;]+\s+){0,4}?(?:период\w*|год\w*|месяц\w*|квартал\w*|полугоди\w*)\s+"
    # «с 612 (в 2013 году) до 775»: the same in brackets
    r"|\((?:за|в)\s+[^()]{0,40}\)\s+)"
    r"до\s*$",
    _I,
)

# Words of change: a sentence with one of these compares two periods.
CHANGE_LEMMAS = frozenset(
    {
        "снизиться", "снижаться", "сократиться", "сокращаться", "уменьшиться", "уменьшаться",
        "увеличиться", "увеличиваться", "возрасти", "возрастать", "вырасти", "расти",
        "снижение", "сокращение", "уменьшение", "увеличение", "рост", "прирост", "упасть",
        "опуститься", "подняться", "выше", "ниже", "больше", "меньше",
    }
)  # fmt: skip

# «1269 – тяжких, 625 – в крупном размере, 727 – …»: the dash after a part opens its label,
# not a new statement.
PART_LABEL = re.compile(r"^\s*[–—-]\s*")
# Verbs that only name what an item of a list is: they do not end the list.
COPULA = re.compile(r"\b(?:составля\w+|составил\w*|являе\w+|является|приходит\w*)\b", _I)
# A clause that starts a new statement: a list of parts ends there.
CLAUSE_BREAK = re.compile(r"[;]|\s[–—]\s*(?:в|на|по)\s")
