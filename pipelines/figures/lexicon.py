"""Word sets the figure rules look words up in: law references, qualifiers, verbs and nouns of
change, measure and amount nouns, and the like. Lemmas unless a name says forms."""

from __future__ import annotations

TIME_NOUNS = frozenset({
    "год", "месяц", "неделя", "день", "сутки", "час", "минута", "секунда", "век",
    "десятилетие", "полугодие", "квартал", "прошлое",
})  # fmt: skip

# "чч." and "стст." are the plurals: "по чч. 4, 5 ст. 228.1"
LAW_ABBREVIATIONS = frozenset({"ст", "стст", "ч", "чч", "п", "пп", "подп", "абз", "гл", "разд"})

LAW_LEMMAS = frozenset(
    {"статья", "часть", "пункт", "подпункт", "глава", "раздел", "абзац", "параграф"}
)

LAW_CODES = frozenset({"ук", "коап", "упк", "гк", "нк", "тк", "апк", "гпк", "кодекс", "кодекса"})

# Months as datelines abbreviate them: "ТАШКЕНТ, 16 апр - Sputnik".
MONTH_ABBREVIATIONS = frozenset({
    "янв", "фев", "февр", "мар", "апр", "июн", "июл", "авг", "сен", "сент", "окт", "ноя",
    "нояб", "дек",
})  # fmt: skip

PHONE_LEMMAS = frozenset({"телефон", "тел", "номер", "код"})

NUMBER_SIGNS = frozenset("№#")

QUOTES = frozenset("«»\"“”„'")

DASHES = frozenset("-‐–—")

# "выше 140 рублей" / "ниже 100": before a number these qualify it, after one they compare.
MORE = frozenset({"более", "свыше", "больше", "сверх", "выше"})

LESS = frozenset({"менее", "меньше", "ниже"})

PREPOSITIONS = frozenset({"на", "в", "во", "к", "ко", "до", "от", "с", "со", "по", "из"})

APPROX = frozenset({
    "около", "порядка", "почти", "примерно", "приблизительно", "ориентировочно", "практически",
    "~",
})  # fmt: skip

INCREASE = frozenset({
    "возрасти", "вырасти", "увеличиться", "увеличить", "повыситься", "повысить", "подняться",
    "прирасти", "расти", "возрастать", "увеличиваться", "увеличивать", "повышаться",
    "повышать", "превысить", "превышать", "подорожать", "дорожать", "удвоиться", "утроиться",
    "рост", "увеличение", "прирост", "повышение", "подорожание", "превышение",
    # «показатель улучшился на 46%»: an indicator's value went up
    "улучшиться", "улучшение",
    # «стоимость героина взлетела в 3 раза», «цены подскочили вдвое»
    "взлететь", "подскочить", "взлёт", "скачок",
    # «рынок расширился вдвое»
    "расшириться", "расширяться", "расширение",
})  # fmt: skip

DECREASE = frozenset({
    "снизиться", "снизить", "снижаться", "снижать", "сократиться", "сократить", "сокращаться",
    "сокращать", "уменьшиться", "уменьшить", "уменьшаться", "уменьшать", "понизиться",
    "понизить", "понижаться", "упасть", "падать", "подешеветь", "дешеветь", "снижение",
    "сокращение", "уменьшение", "понижение", "падение", "спад", "удешевление",
    "рухнуть", "обвалиться",
    # «более чем в два раза сузился рынок»
    "сузиться", "сужаться", "сужение",
})  # fmt: skip

# The nouns of those: "прирост составил почти одну тонну" measures a difference, no substance.
CHANGE_NOUNS = frozenset({
    "рост", "увеличение", "прирост", "повышение", "подорожание", "превышение", "снижение",
    "сокращение", "уменьшение", "понижение", "падение", "спад", "удешевление",
})  # fmt: skip

HIGHER, LOWER = frozenset({"выше"}), frozenset({"ниже"})

MORE_AFTER, LESS_AFTER = frozenset({"больше", "более"}), frozenset({"меньше", "менее"})

CLAUSE_STOPS = frozenset(";()")

# Nouns that name a measurement of something else: "количество изъятых наркотиков",
# "выявление фактов сбыта" count the noun that follows them.
MEASURE_NOUNS = frozenset({
    "количество", "число", "численность", "выявление", "уровень", "объем", "показатель",
    "регистрация",
})  # fmt: skip

# The deeds a breakdown of drug crimes, cases or convicts lists («из них за хранение
# наркотических средств – 50, за сбыт – 43»): the noun after them is the deed's, not what the
# number counts.
DEED_NOUNS = frozenset({
    "хранение", "сбыт", "приобретение", "перевозка", "пересылка", "изготовление", "производство",
    "переработка", "культивирование", "выращивание", "посев", "контрабанда", "ввоз", "вывоз",
    "провоз", "оборот", "потребление", "употребление", "склонение", "содержание", "организация",
    "хищение", "вымогательство",
})  # fmt: skip

# "имущество на сумму 10 млрд тенге", "наркотики общим весом 5 кг": the noun before these.
AMOUNT_NOUNS = frozenset(
    {"сумма", "размер", "стоимость", "вес", "масса", "объем", "площадь", "количество"}
)

AMOUNT_VERBS = frozenset({
    "составить", "составлять", "достичь", "достигнуть", "достигать", "превысить", "превышать",
    "равняться", "насчитывать", "оцениваться", "исчисляться", "стоить", "обойтись",
    "обходиться", "весить", "оценить",
})  # fmt: skip

# Processes measured in place of a substance: "объем изъятия героина", "объем производства опия".
PROCESS_NOUNS = frozenset(
    {"изъятие", "производство", "поставка", "потребление", "выращивание", "произрастание"}
)

# Containers and lots a mass is stated for: "партия героина весом 12 кг", "масса пакета с
# гашишем" weigh the substance they hold.
CONTAINER_NOUNS = frozenset({
    "партия", "пакет", "пакетик", "сверток", "упаковка", "мешок", "брикет", "коробка",
    "коробок", "банка", "бутылка", "емкость", "контейнер", "посылка", "закладка", "тайник",
    "капсула", "ампула", "флакон", "сумка", "чемодан", "груз", "таблетка", "доза", "порция",
    "плитка",  # «две плитки гашиша»: a shape hashish is pressed in, as a брикет
    "остаток",  # «масса сухого остатка наркотического средства»: of the drug
    "склад", "схрон",  # «целый склад растительного наркотика общим весом 3 кг»
})  # fmt: skip

# Properties a thing is described by after «с»: "вещество с характерным запахом конопли весом
# 18 граммов" weighs the вещество, not its smell.
PROPERTY_NOUNS = frozenset({
    "запах", "цвет", "оттенок", "консистенция", "надпись", "маркировка", "логотип", "примесь",
})  # fmt: skip

# Kinds of a substance: "4 тонны всех видов наркотиков" weigh the наркотики.
KIND_NOUNS = frozenset({"вид", "тип", "разновидность", "сорт", "род"})  # «различного рода»

# Genitives that describe the noun before them, after an adjective of their own: "наркотики
# синтетического происхождения", "наркотики опийной группы", "средства растительного вида".
DESCRIBING_NOUNS = KIND_NOUNS | {"происхождение", "группа", "ряд"}

# Counting nouns whose genitive names the substance: "40 единиц трамадола", "900 доз лирики".
DOSE_NOUNS = frozenset({"единица", "доза"})
# The forms a medicine is counted in: «47 единиц … капсул» counts the capsules
DOSAGE_FORMS = frozenset({"таблетка", "капсула", "ампула", "флакон", "блистер"})
# ... but a generic word names no substance: "712 тысяч доз наркотиков" counts doses.
GENERIC_DRUG_NOUNS = frozenset({"наркотик", "средство", "вещество", "наркосредство", "препарат",
                                "лекарство", "медикамент"})  # fmt: skip
# A genitive of quality between a dose noun and the thing: "47 единиц овальной формы капсул",
# "17 единиц белого цвета таблеток".
QUALITY_NOUNS = frozenset({"форма", "цвет", "размер", "вид"})
# ... but "21 единица оружия" counts units of things that are no substance, and "663 тысячи
# единиц психотропных веществ" units of no substance named.
COUNTED_THINGS = frozenset({
    "оружие", "боеприпас", "техника", "имущество", "товар", "продукция", "транспорт",
    "вещество", "средство", "оборудование",
})  # fmt: skip

ACTION_NOUNS = frozenset({"сбыт", "оборот", "ввоз", "вывоз", "сумма", "стоимость"})

CONNECTORS = frozenset({"и", "или", ",", "до", "по", "-", "–", "—"})

# Words between the ends of a range: "с 6,3 до 4,8 тыс.", "1,5–2 млн".
RANGE_WORDS = frozenset({"до", "по", "-", "–", "—"})

NO_OBJECT_UNITS = frozenset({None, "percent", "times"})

# Nouns that a number after another noun names rather than counts: "ученики 9-11 классов".
ORDINAL_NOUNS = frozenset({"класс", "курс", "этап"})  # «в ходе 1 этапа операции»
# ... and nouns of counted events that no number ever names: «66 факта сбыта» is a count with a
# slip in the case, not the 66th fact.
EVENT_NOUNS = frozenset({"факт", "случай", "эпизод", "преступление", "правонарушение"})

# Counted nouns that reports abbreviate: the object is the full lemma.
ABBREVIATED_NOUNS = {"чел": "человек", "ед": "единица", "экз": "экземпляр"}

# Lemmas of pymorphy3 that are not the dictionary form this domain writes: the plurale tantum
# "деньги" (pymorphy3: "деньга"), and the "производные" of a drug, neuter (pymorphy3 knows only
# the feminine "производная" of mathematics).
DICTIONARY_FORMS = {"деньга": "деньги", "производная": "производное"}

POSSESSIVES = frozenset({"его", "ее", "их", "свой", "наш", "ваш", "мой", "твой"})

# Adjectives and participles that name people (substantivised) which the dictionary does not
# mark as such ("Subx"): after a number they are the counted noun.
PERSON_ADJECTIVES = frozenset({
    "несовершеннолетний", "совершеннолетний", "малолетний", "потерпевший", "погибший",
    "умерший", "пострадавший", "осужденный", "судимый", "иногородний", "понятой",
})  # fmt: skip

OTHER_UNIT_PHRASES = frozenset({("лошадиный", "сила")})

PHYSICAL_UNITS = frozenset({"percent", "kg", "l", "m2", "ha", "other"})

PIECES = frozenset({"шт", "штука"})

# Fractions of a whole stated before: "три четверти этого веса", "две трети задержанных" are
# shares, no counts of quarters.
FRACTION_NOUNS = frozenset({"четверть", "треть", "половина"})

# A mark a sum reaches or passes, never what is worth it: «стоимость которых достигала отметки в
# 50 миллионов сомов», «превысила рубеж в 1 млрд тенге»
THRESHOLD_NOUNS = frozenset({"отметка", "рубеж", "планка", "порог", "уровень"})

# Amount nouns that are what a money or area figure states when they are its subject:
# "Стоимость изъятого составила 680 млн", "Общая площадь очагов составила 1,7 га".
VALUE_NOUNS = frozenset({"стоимость", "площадь", "цена", "оборот"})

# Nouns that name a sum of money: the sum right after one is what it names ("со штрафом 600 тыс.
# рублей", "штраф — 500 тыс. рублей", "взятку в 2 млн тенге").
MONEY_NOUNS = frozenset({
    "штраф", "ущерб", "взятка", "доход", "прибыль", "выручка", "залог", "вознаграждение",
    "компенсация", "оборот",
})  # fmt: skip

# "2,5 миллиона доз стоимостью 4,5 миллиарда рублей", "на 100 тысяч населения – 259": a
# multiplier belongs to a number, and is no object
MULTIPLIER_NOUNS = frozenset({"тысяча", "миллион", "миллиард", "триллион"})
# ... with the abbreviations the dictionary reads as nouns of their own («на 100 тыс. населения»)
MULTIPLIER_WORDS = MULTIPLIER_NOUNS | {"тыс", "млн", "млрд", "трлн"}

# What a rate measures, never what it counts: «распространенность наркомании составила 169,7 на
# 100 тысяч», «выявляемость – 6,2»
RATE_NOUNS = frozenset({
    "распространенность", "пораженность", "болезненность", "заболеваемость",
    "наркозаболеваемость", "выявляемость", "смертность", "поражаемость",
})  # fmt: skip

# Currencies by their lemma and abbreviation: the units of money (units.py), and words a text
# may end in that the dictionary does not know («12 млрд 400 млн тенге»: no word cut off)
CURRENCY_LEMMAS = {
    "рубль": "RUB", "доллар": "USD", "евро": "EUR", "тенге": "KZT", "сом": "KGS", "сум": "UZS",
    "гривна": "UAH", "юань": "CNY", "сомони": "TJS", "манат": "AZN",
    # Georgia's, Moldova's and Armenia's: «80 миллионов лари» (indeclinable; pymorphy3 reads a
    # «ларь»), «70 тысяч леев», «драмов»
    "лари": "GEL", "лей": "MDL", "драм": "AMD",
}  # fmt: skip

# The unit of a sum of money whose currency its own words leave out («партию наркотиков на 15
# миллионов»): extract_figures gives it the one currency the rest of the text states, or drops it.
UNSTATED_CURRENCY = "currency?"

CURRENCY_ABBREVIATIONS = {
    "руб": "RUB", "долл": "USD", "тг": "KZT", "грн": "UAH",
    "usd": "USD", "eur": "EUR", "kzt": "KZT", "rub": "RUB",
}  # fmt: skip
