"""Scope of each figure: `period` (a statistic over a reporting period) or `event` (one
operation), with the period it covers or the day of the event.

- A change or a share compares or divides statistics: a period. A baseline covers the same
  months one year earlier (or the year it names).
- A period named in words («за неделю», «с начала июня», «в этом году», «с 1 июня») makes a
  period; then words of one operation (a detention of one person, «у него», «при досмотре», a
  village or a plot, a car, a person's age or year of birth; not «вчера»: a briefing is as often
  yesterday's as a seizure), a stated day («Так, 22 января
  …»), a burning of seized drugs or crops, or a few people counted by a collective numeral
  («осуждены двое граждан») make an event, even in a text that sums up (so does «с ноября по
  май» alone, in a sentence of one group's story); then a period of the figure's own (a month,
  a year), other statistic words (a named operation «Мак-2024», «зарегистрировано») or the
  summary the text is in (after a stated period, statistic words or a headline's period)
  make a period; then words that as often tell of many operations as of one («задержаны»,
  «закладки») make an event; «всего» alone sums what came before, events or statistics.
- A record compared over a period («самым масштабным за прошедший год») names no period.
- A named operation in a sentence of one raid is that raid's context and starts no summary. A
  republication that moves paragraphs may read another scope: the fact store joins its
  numbers to its story's facts by value.
An event's day is the last full date the text states before the figure, else the publication day."""

from __future__ import annotations

import calendar
import functools
import re
from bisect import bisect_left
from datetime import date

from pipelines.facts.roles import sentence_spans, sentence_start
from pipelines.mentioned_dates import extract_dates, period_of

_I = re.IGNORECASE
_DAY = re.compile(r"-\d\d-\d\d$")  # a date with its day, the year known or not

# Words of one operation: a detention of one person, a search, a stash, a person's home or car,
# a village, a person's age, yesterday. They make an event even in a report that sums up.
ONE_OPERATION = re.compile(
    r"\bзадержа(?:н|на)\b|\bзадержал[аи]?\s+(?:\w+\s+){0,2}?(?:мужчину|женщину|жител[яь]\w*"
    r"|гражданин[аку]\w*|иностран(?:ца|ку)|подозреваемого|курьера|парня|девушку|водителя"
    r"|пассажира|\d+-летн\w*|груз|партию|автомашину|автомобиль|машину|посылку)\b"
    # (not a prosecutor's audit: «В ходе проверки установлено, что в 2025 году …»)
    r"|\bв\s+ходе\s+(?:проведения\s+)?(?:\w+\s+)?(?:обыска|осмотра|досмотра|задержания"
    r"|проверки(?!\s*,?\s*(?:установлен|выявлен|показал)))"
    # «проведена спецоперация по задержанию преступной группы»: one raid
    r"|\bспецопераци[яиюей]\w*\s+по\s+задержани"
    # one courier: «в теле наркокурьера», «наркокурьер пытался провезти»
    r"|\bнаркокурьер(?:а|ом|у|е)?\b"
    r"|\bпри\s+(?:личном\s+)?(?:досмотре|обыск\w*|осмотре)|\bв\s+ходе\s+обыск\w*"
    r"|\bу\s+(?:него|нее|неё)\b|\bу\s+(?:\w+\s+){0,2}?(?:задержанн|подозреваем|мужчин|женщин"
    # (not «у жителей Смоленской области», «у жителей региона»: a region's people at large)
    r"|жител(?!ей\s+(?:[А-ЯЁ]|област|регион|республик|кра[яе]|город|стран))|гражданин|\d+-летн)\w*"
    # one person, in the singular: «у парня в квартире», «у горожанки», «при себе у курьера»
    r"|\bу\s+(?:\w+\s+){0,2}?(?:парня|девушки|горожан(?:ина|ки)|юноши|подростка|студент(?:а|ки)"
    r"|водителя|пассажир(?:а|ки)|курьера|(?:нарко)?закладчи(?:ка|цы)|иностран(?:ца|ки)"
    r"|(?:нарко)?сбытчи(?:ка|цы)|(?:нарко)?дилера|фигурант(?:а|ки))\b|\bпри\s+себе\b"
    r"|\bтайник\w*|\bв\s+салоне\b|\bпо\s+месту\s+(?:жительства|проживания)"
    r"|\bв\s+(?:его|ее|её|их)\s+(?:доме|квартире|автомобиле|машине|гараже|жилище)"
    # «при обследовании его квартиры», «в багажнике её машины»: one person's home or car
    r"|\b(?:его|ее|её)\s+(?:дом[аеу]?|квартир\w*|автомобил\w*|машин\w*|гараж\w*|жилищ\w*)\b"
    # a forensic finding is about one seizure: «Согласно заключению экспертизы, изъятые
    # вещества являются гашишем весом 26 кг»
    r"|\bэкспертиз\w*|\bзаключени\w+\s+(?:\w+\s+)?эксперт"  # «По заключению экспертов …»
    # one lab found or shut down, in the singular: «обнаружила под Алуксне лабораторию»
    r"|\b(?:обнаружил|ликвидировал|накрыл|выявил|пресекл)\w*\s+(?:\w+\s+){0,3}?"
    r"(?:нарко|подпольную\s+|нелегальную\s+)?лабораторию\b"
    r"|\bв\s+(?:деревне|селе|поселке|посёлке|населенном\s+пункте|окрестност\w+|ауле|кишлаке"
    r"|махалле|снт)\b"
    # one plot or site: «на окраине Усть-Лабинска», «на приусадебном участке», «на пустыре»
    # (not «на участке обслуживания отдела», «на участке таджикско-афганской границы»: an area)
    r"|\bна\s+(?:окраин\w+|участке(?!\s+(?:\S+\s+)?(?:обслуживани|ответственност|границ))"
    r"|поле|пустыре|огороде|приусадебном|дачном|территории\s+"
    r"(?:дачн|частн|заброшенн|фермерск|крестьянск|дехканск)\w*)\b|\b\d+-летн\w*|\b(?:19|20)\d\d\s+(?:года\s+рождения|г\.\s*р\.)"
    # (not an age bracket of a statistic: «лица в возрасте до 30 лет», «от 18 до 29 лет»)
    r"|\bв\s+возрасте\b(?!\s+(?:до|от|старше|младше|моложе|свыше)\b)"
    # what an investigation found out about one case: «По версии следствия, две женщины …»,
    # «Следствием установлена причастность участников группы к 13 фактам сбыта»
    r"|\bпо\s+(?:версии|данным)\s+следстви\w*|\bследствием\s+установлен\w*"
    # a prison term of one sentence: «получил 9 лет и 6 месяцев колонии», «к 10 годам», «на 18
    # лет в колонию»; a verdict delivered: «суд вынес приговор троим жителям», «огласили
    # приговор в отношении 23 участников ОПГ»
    r"|\b\d+\s+(?:год|года|лет)(?:\s+и\s+\d+\s+месяц\w*)?\s+(?:в\s+)?(?:лишения\s+свободы"
    r"|колони\w*|тюремного|тюрьму|заключения|строгого)|\bк\s+\d+\s+(?:годам|году)\b"
    r"|\b(?:вын[её]с(?:ли|ла|ен)?|огласил[аи]?|оглашен)\s+(?:\w+\s+)?приговор"
    # a verdict: «суд признал всех троих участников виновными»
    r"|\bпризнал[аи]?\s+(?:\w+\s+){0,4}?виновн\w*"
    r"|\bв\s+(?:колони\w+|тюрьм\w+)\s+(?:\w+\s+){0,3}?на\s+\d+\s"  # «в колонию на 17 и 15 лет»
    # a few people detained, counted by a collective numeral: «были задержаны двое граждан»
    r"|\bзадержан[ыо]\s+(?:\w+\s+)?(?:двое|трое|четверо|пятеро|оба|обе)\b"
    # one vehicle, searched: «в легковом автомобиле», «285 кг в фуре», «под обшивкой грузовика»
    r"|\bв\s+(?:\w+\s+)?(?:автомобиле|фуре|грузовике|багажнике|вагоне|купе|кабине)\b"
    r"|\bпод\s+обшивк\w*"
    # one place searched: «в доме одного из подозреваемых», «в аэропорту», «на посту»
    r"|\bв\s+(?:\w+\s+)?(?:доме|квартире|гараже|подвале|сарае|жилище|бане|ангаре|теплице)\b"
    r"|\bв\s+одном\s+из\b|\bв\s+аэропорту\b"
    # one spot outdoors: «в лесном массиве изъяли 220 кг», «на пустыре за гаражами»
    r"|\bв\s+(?:\w+\s+)?(?:лесу|лесополосе|лесном\s+массиве|овраге|балке|роще)\b"
    r"|\bна\s+(?:\w+\s+)?(?:пустыре|поляне|опушке|обочине)\b"
    r"|\bна\s+(?:\w+\s+)?(?:посту|пункте\s+(?:пропуска|перехода))\b",
    _I,
)
# one night: «в ночь с 31 июля на 1 августа», «в ночь на субботу»: one operation, and its
# «с … на …» no reporting period
ONE_NIGHT = re.compile(r"\bв\s+ночь\s+(?:с\s+\S+(?:\s+\S+)?\s+)?на\s+\S+(?:\s+\S+)?", _I)
# Words that often tell of one operation, but as often of many: they decide only when the text
# is not summing up a period.
EVENT_WORDS = re.compile(
    r"\bзадержа(?:но|ны|ли|ла|ло|ть)\b|\bв\s+ходе\s+(?:рейда|оперативно|операции)"
    r"|\bзакладк\w*|\bобыск\w*"
    # one person's own deeds in a court's or an investigator's story: «в марте 2024 года
    # осужденный получил от неустановленного лица 15 кг гашиша»
    r"|\b(?:осужд[её]нн|обвиняем|подсудим)(?:ый|ая)\b"
    r"|\b(?:получил|приобр[её]л|перев[её]з|перевозил|хранил|спрятал|изготовил|вырастил)а?\b",
    _I,
)
_MONTHS = r"(?:январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр)\w*"
# A reporting period named in words: «за неделю», «за девять месяцев», «в первом полугодии»,
# «за этот период», «за десять лет», «до конца года», «в течение года», «ежегодно», «с начала
# июня», «с начала лета», «в этом году», «в 2025-м», «к настоящему времени». Not «ежемесячно»:
# a lab's or a ring's monthly turnover is a rate of one operation's story («Ежемесячно здесь
# производили психотропные вещества почти на 1 млн гривен»).
PERIOD_WORDS = (
    r"\bза\s+(?:\w+\s+)?(?:недел[юи]|месяц|год|полугодие|квартал)\b"
    r"|\bза\s+(?:\w+\s+){0,2}(?:месяц(?:а|ев)|недел[иь]|год(?:а|ы)|лет)\b"
    r"|\bв\s+(?:перв|втор|трет|четверт|истекш|прошедш)\w*\s+(?:полугоди|квартал)\w*"
    r"|\bза\s+(?:этот|данный|указанный|тот\s+же|такой\s+же|аналогичный)\s+период"
    r"|\bдо\s+конца\s+года\b"
    r"|\bв\s+течение\s+(?:\w+\s+)?(?:года|месяца|недели|квартала|полугодия)\b"
    r"|\bежегодн\w*|\bза\s+(?:\w+\s+)?полгода\b"
    r"|\bс\s+начала\s+(?:\w+\s+)?(?:год|месяц|недел|квартал|сезон|весн|лет|осен|зим|"
    + _MONTHS[3:-4]
    + r")\w*"
    r"|\bв\s+(?:этом|текущем|нынешнем|минувшем|прошлом|прошедшем|уходящем|истекшем|отч[её]тном)"
    r"\s+году\b|\bв\s+(?:19|20)\d\d-м\b|\bк\s+настоящему\s+времени\b|\bпо\s+состоянию\s+на\b"
    r"|\bс\s+начала\s+(?:19|20)\d\d"
    # «с начала проведения ОПМ», «с начала операции «Мак»»: since an operation of weeks began
    r"|\bс\s+начала\s+(?:проведения\s+)?(?:\w+\s+)?(?:опм|операци|акци|мероприяти|месячник"
    r"|кампани|профилактическ)\w*"
    r"|\bза\s+(?:отч[её]тн|истекш|прошедш|текущ)\w*|\bв\s+(?:истекшем|отч[её]тном|текущем)\s+"
    r"период\w*|\bпо\s+итогам\b"
    # since an agency began, or while an operation ran: «Со дня образования Агентства», «с
    # момента создания органов наркоконтроля», «за время проведения операции «Кукнор»»
    r"|\bс(?:о)?\s+(?:дня|момента)\s+(?:своего\s+)?(?:образования|создания|основания)"
    r"|\bза\s+время\s+(?:проведения|работы|существования|действия)\b"
    # a few days' or the holidays' results: «за последние десять дней», «за минувшие сутки», «за
    # новогодние праздники» (not «за несколько дней до этого»: when something happened)
    r"|\bза\s+(?:\w+\s+){0,2}(?:дн(?:ей|я)|сут(?:ок|ки)|праздники)\b(?!\s+до\b)"
)
# A named or summed-up operation: its numbers are the operation's totals, not one seizure.
OPERATION_WORDS = (
    r"\b(?:операци|акци|мероприяти)\w*\s+[«\"]|\bитог\w*\s+(?:\w+\s+)?(?:операци|акци|рейд)"
    r"|\bподв(?:ел|ел[аи]|одя|одит|одят|ести)\s+(?:\w+\s+)?итог"
    r"|\bв\s+ходе\s+(?:\w+\s+){0,3}(?:операци|акци)\w*\s+[«\"]"
)
# «с 1 июня», «с января»: a period in its own sentence, but in a narrative it is as often the
# time a crime went on («с октября по февраль сбывали»): it starts no summary
SINCE = r"\bс\s+(?:\d{1,2}\s+)?" + _MONTHS
EXPLICIT_PERIOD = re.compile(PERIOD_WORDS + "|" + SINCE, _I)
_PERIOD_WORDS = re.compile(PERIOD_WORDS, _I)
STATISTIC_WORDS = re.compile(
    r"\bвсего\b|\bв\s+общей\s+сложности\b"
    r"|\bзарегистрирован\w*|\bвыявлен\w*\s+\d|\bв\s+целом\b"
    r"|\bвыявил[аи]?\s+(?:более\s+|свыше\s+|около\s+)?\d"
    # a month or a week named: a period unless the sentence tells of one operation
    r"|\bв\s+(?:прошлом|минувшем|этом|текущем)\s+(?:месяце|квартале|полугодии)\b"
    r"|\bна\s+(?:прошлой|минувшей|этой|текущей)\s+неделе\b|" + PERIOD_WORDS + "|" + OPERATION_WORDS,
    _I,
)
# What only statistics count: registered crimes, cases sent to court, convictions, registered
# users, websites blocked; a number of these is a period's unless words of one operation say
STATISTICS = frozenset(
    {"drug_crimes", "drug_sales_crimes", "cases_to_court", "persons_convicted",
     "drug_users_registered", "websites_blocked", "persons_admin_liable"}
)  # fmt: skip
# Words that sum things up just as well within one operation: not a period by themselves.
_ANY_SUM = ("всего", "в общей сложности")
# «с 1 июня», «по 31 августа», «по состоянию на 1 ноября», «к 31 декабря» (a stock at that
# day): a day that bounds a period
_BOUND_BEFORE = re.compile(r"(?:^|[\s«\"(])(?:с|со|по|до|на|от|к)\s*$", _I)  # «К 31 декабря …»
# a dateline's day, where the release was filed, not when anything happened: «Душанбе, 9
# января, tajikistantimes.tj — …», «8 августа, Гомель /Корр. БЕЛТА/.», «МОСКВА, 3 мар — РИА»
_DATELINE_BEFORE = re.compile(r"(?:[А-ЯЁ][\w.-]*(?:\s+[А-ЯЁ][\w.-]*){0,2}\s*[,.]\s*)?")
_DATELINE_AFTER = re.compile(
    r"(?:\s+\d{4}(?:\s*г\.?)?)?\s*(?:[—–/]|-\s|,\s*(?:[A-ZА-ЯЁ]|\w+\.\w)[^\s,]*"
    r"(?:\s+[^\s,]+){0,2}\s*(?:[—–/]|-\s))"
)
# «1956 года рождения»: a person's year, no reporting period
_BIRTH_YEAR = re.compile(r"\b((?:19|20)\d\d)\s*(?:года\s+рождения|г\.\s*р\.)", _I)


_BRACKETED_CHANGE = re.compile(r"^[^().;\d]{0,40}\(\s*[+−–-]?\s*$")


def _statistic_beyond_vsego(sentence: str) -> bool:
    """Statistic words other than «всего», which sums one operation's finds just as well."""
    return _first_statistic(sentence) is not None


def _first_statistic(sentence: str) -> int | None:
    """Where the first statistic word other than «всего» starts, or None."""
    for m in STATISTIC_WORDS.finditer(sentence):
        if " ".join(m.group().lower().split()) not in _ANY_SUM:
            return m.start()
    return None


# «стало самым масштабным за прошедший год», «крупнейшая за десять лет»: a record compared
# over a period, which is no reporting period of the text's numbers.
_PERIOD_NOUN = r"(?:год\w*|лет|месяц\w*|недел\w*|полгода|период\w*|десятилети\w*|историю)"
_SUPERLATIVE = r"(?:сам(?:ый|ая|ое|ой|ым|ую|ых|ыми)\s+\w+|крупнейш\w*|рекордн\w*|наибольш\w*)"
# «В уходящем году было предотвращено одно из самых значительных преступлений»: the same,
# the period first; the one case it singles out is no statistic either.
# «крупнейшая в этом году партия героина - 131 кг»: the same, with «в».
RECORD_OVER = re.compile(
    rf"\b{_SUPERLATIVE}\s+(?:\w+\s+){{0,2}}?(?:за|в)\s+(?:\w+\s+){{0,2}}?{_PERIOD_NOUN}\b"
    rf"|\b(?:в|за)\s+(?:\w+\s+){{0,2}}?{_PERIOD_NOUN}\b"
    rf"[^.;]{{0,80}}?\bодн(?:о|а|им|ой|ого|у)\s+из\s+{_SUPERLATIVE}(?:\s+\w+)?",
    _I,
)


# words RECORD_OVER needs, looked for first: most sentences hold none
_RECORD_WORDS = ("за", " из ", "крупнейш", "рекордн", "наибольш", "самы", "самая", "самое")


def _blank(match: re.Match) -> str:
    return " " * len(match.group())


# Seized drugs burnt or destroyed as waste: a burning is one day's act, whatever summary it is
# told in («В Кургане сожгли более 90 кг наркотиков», «В печь отправлено 21 кг марихуаны»)
BURNING = re.compile(
    r"\bсо?жж[её]н\w*|\bсожг\w*|\bсжига\w*|\bсжеч\w*|\bсгорел\w*|\bв\s+(?:огне|огонь|печ[иь]|печах"
    r"|топк[уе]|пепел)\b|\bутилизирова\w*|\bкрематор\w*|\bинсинератор\w*",
    _I,
)


# A few people counted by a collective numeral («двое граждан», «четверым организаторам»,
# «задержали пятерых участников»): one group's story, as the blind annotators read it
COLLECTIVE = re.compile(
    r"^(?:\w+\s+){0,2}?(?:двое|трое|четверо|пятеро|шестеро|семеро|восьмеро|двоих|троих|четверых"
    r"|пятерых|шестерых|семерых|восьмерых|двоим|троим|четверым|пятерым|шестерым|семерым"
    r"|восьмерым|двоими|троими|четверыми|пятерыми)\b",
    _I,
)


class _Sentence:
    """The scope patterns' answers for one sentence, each searched at most once: a sentence
    holds several figures, and the summary scan reads the same sentences."""

    def __init__(self, text: str) -> None:
        # blanked, not cut: the summary scan reads offsets in the text
        record = any(word in text for word in _RECORD_WORDS)
        text = RECORD_OVER.sub(_blank, text) if record else text
        self.one_night = "ночь" in text and ONE_NIGHT.search(text) is not None
        self.text = ONE_NIGHT.sub(_blank, text) if self.one_night else text

    @functools.cached_property
    def explicit_period(self) -> bool:
        return EXPLICIT_PERIOD.search(self.text) is not None

    @functools.cached_property
    def since_only(self) -> bool:
        """The period it names is only «с ноября по май»: in a story, how long a crime went on."""
        return _PERIOD_WORDS.search(self.text) is None

    @functools.cached_property
    def one_operation(self) -> bool:
        return self.one_night or ONE_OPERATION.search(self.text) is not None

    @functools.cached_property
    def first_statistic(self) -> int | None:
        return _first_statistic(self.text)

    @functools.cached_property
    def burning(self) -> bool:
        return BURNING.search(self.text) is not None

    @functools.cached_property
    def event_words(self) -> bool:
        return EVENT_WORDS.search(self.text) is not None

    @functools.cached_property
    def statistic_words(self) -> bool:
        return STATISTIC_WORDS.search(self.text) is not None


def _sentence_tests(memo: dict[str, _Sentence], text: str) -> _Sentence:
    found = memo.get(text)
    if found is None:
        found = memo[text] = _Sentence(text)
    return found


def _shift_year(day: str | None, years: int) -> str | None:
    if not day or len(day) < 4 or not day[:4].isdigit():
        return day
    year = int(day[:4]) + years
    if len(day) >= 10:
        month, dom = int(day[5:7]), int(day[8:10])
        dom = min(dom, calendar.monthrange(year, month)[1])
        return f"{year:04d}-{month:02d}-{dom:02d}"
    return f"{year:04d}{day[4:]}"


def _baseline_period(figure: dict, current: dict | None) -> tuple[str | None, str | None]:
    start = (current or figure).get("period_start") or figure.get("period_start")
    end = (current or figure).get("period_end") or figure.get("period_end")
    stated = figure.get("_year")
    own = figure.get("period_start") or ""
    if not stated and current and own[:4].isdigit() and start and own[:4] < start[:4]:
        stated = own[:4]  # its own clause named its earlier year: «в 2015 году – 812»
    if stated and start and start[:4].isdigit():
        shift = int(stated) - int(start[:4])
        return _shift_year(start, shift), _shift_year(end, shift)
    if start:
        return _shift_year(start, -1), _shift_year(end, -1)
    return None, None


def _full_dates(mentioned: list[dict], published: str | None) -> list[tuple[int, str]]:
    """(offset, day) of the whole days the text states, none after publication."""
    days = []
    for d in mentioned:
        day = d.get("date") or ""
        if d.get("kind") == "date" and len(day) == 10 and day[0].isdigit():
            if published and day > published[:10]:
                continue
            days.append((d.get("char_start") or 0, day))
    return sorted(days)


def _summary_from(
    text: str,
    title: str | None,
    memo: dict[str, _Sentence] | None = None,
    until: int | None = None,
) -> int | None:
    """Where the text starts summing up (a period or operation named in statistic words, the
    headline's period): figures after it with no words of one operation are its statistics.
    `until`: the last figure's start; a summary that starts after it is no figure's (None)."""
    title = RECORD_OVER.sub(_blank, title) if title else title
    # a headline of one raid («В рамках ОПМ «Карасора 2023» проведена спецоперация по
    # задержанию …») names its operation as the raid's context, as a body sentence would
    raid = title is not None and ONE_OPERATION.search(title) is not None
    if title and not raid and (_statistic_beyond_vsego(title) or _title_period(title)):
        return 0
    memo = {} if memo is None else memo
    for start, end in sentence_spans(text):
        if until is not None and start > until:
            return None
        sentence = _sentence_tests(memo, text[start:end])
        # a named operation in a sentence of one raid («в рамках операции «Мак» … в
        # окрестностях села») is that raid's context, not a summary
        # (statistic words first: most sentences hold none, and they are the cheaper test)
        if sentence.first_statistic is not None and (
            sentence.explicit_period or not sentence.one_operation
        ):
            return start + sentence.first_statistic
    return None


# «Это результаты только за январь-февраль 2021 года», «Таковы итоги операции «Мак-2011»»: a
# sentence that says the numbers before it are a period's or an operation's results
_RESULTS_OPENING = re.compile(
    r"\W*(?:это|таковы|такими\s+(?:стали|были))\s+(?:\w+\s+){0,2}?(?:результат|итог)\w*", _I
)
_OPERATION = re.compile(OPERATION_WORDS + r"|операци\w*\s+[«\"]", _I)


def _results_stated_after(
    text: str, mentioned_dates: list[dict]
) -> tuple[int, tuple[str | None, str | None]] | None:
    """The first sentence that names the numbers before it the results of a period or of an
    operation: (where it starts, the period it states, or (None, None))."""
    for start, end in sentence_spans(text):
        if not _RESULTS_OPENING.match(text, start, end):
            continue
        periods = [
            (d["date"], d.get("end") or d["date"])
            for d in mentioned_dates
            if d.get("kind") == "period" and start <= (d.get("char_start") or -1) < end
        ]
        sentence = text[start:end]
        if periods or EXPLICIT_PERIOD.search(sentence) or _OPERATION.search(sentence):
            return start, periods[0] if periods else (None, None)
    return None


def _scope_of(
    figure: dict,
    sentence: str | _Sentence,
    stated_day: bool,
    summary: bool,
    previous: str | None,
    own: str | None = None,
) -> str:
    """period or event; the first rule that speaks decides: a change, a period named in words,
    words of one operation or a stated day, a period of the figure's own (a month, a year),
    other statistic words (a named operation, «зарегистрировано»), the summary the text is
    in, words that often tell of one operation, «всего» (which sums what came before: events
    or statistics alike; with no number before it, the finds of the operation the text tells
    of: a statistic names its period or statistic words, which decided above)."""
    if figure.get("role") == "change" or figure.get("unit") in ("percent", "times"):
        return "period"  # a change compares periods; a share is of a statistic
    if figure.get("_changed"):
        return "period"  # «Изъято 120 кг наркотиков (-30%)»: compared with another period
    if isinstance(sentence, str):
        sentence = _Sentence(sentence)
    few = figure.get("role") != "part" and COLLECTIVE.match(figure.get("quote") or "") is not None
    if sentence.explicit_period and not (
        # «С января по апрель 2023 года двое соучастников производили …», «По версии следствия,
        # с июля 2018 г. по …»: how long one group's crimes went on
        sentence.since_only and (few or sentence.one_operation)
    ):
        return "period"
    if sentence.one_operation or stated_day or few:
        return "event"
    if sentence.burning and (
        figure.get("unit") in ("kg", "l", "ha")
        or figure.get("indicator") in ("drugs_seized", "crops_destroyed")
    ):
        return "event"
    if own == "month" and sentence.event_words and sentence.first_statistic is None:
        return "event"  # «в апреле были задержаны два большегруза»: when it happened
    if own or sentence.first_statistic is not None or summary:
        return "period"
    if figure.get("indicator") in STATISTICS:
        return "period"
    if sentence.event_words:
        return "event"
    if sentence.statistic_words:
        # «Всего … изъят 31 кг»: the sum of what came before, told in numbers or in words
        return previous or "event"
    return "event"


def assign_scope(
    text: str,
    figures: list[dict],
    mentioned_dates: list[dict] | None = None,
    published: str | None = None,
    title: str | None = None,
) -> None:
    """Set `scope`, `period_start`/`period_end` (for period figures) and `event_day` (for
    events) on each figure, in place. Roles must be set first (baselines shift a year)."""
    days = _full_dates(mentioned_dates or [], published)
    stated_days = [d.get("char_start") or 0 for d in mentioned_dates or ()
                   if d.get("kind") == "date" and _DAY.search(d.get("date") or "")
                   and not _BOUND_BEFORE.search(text[max(0, (d.get("char_start") or 0) - 12)
                                                     : d.get("char_start") or 0])
                   and not _in_a_dateline(text, d)]  # fmt: skip
    memo: dict[str, _Sentence] = {}  # each sentence's pattern answers, for this text only
    last = max((figure.get("start", 0) for figure in figures), default=None)
    summary_from = _summary_from(text, title, memo, last) if figures else None
    spans = sentence_spans(text)
    if summary_from is not None and len(spans) > 1 and spans[1][0] <= summary_from < spans[1][1]:
        # «Полицейскими изъято 13 килограммов … . Органами внутренних дел … с 5 по 9 февраля
        # проводилось ОПМ «Заслон»»: a lead before the summary's first sentence sums it up
        summary_from = 0
    for k in range(1, len(figures)):  # a change in brackets after a number compares its period
        gap = text[figures[k - 1]["end"] : figures[k]["start"]]
        if figures[k].get("role") == "change" and _BRACKETED_CHANGE.match(gap):
            figures[k - 1]["_changed"] = True
    results = _results_stated_after(text, mentioned_dates or []) if figures else None
    # the period a report states before (None, None when it says «за текущий период» only)
    article_period: tuple[str | None, str | None] | None = None
    previous: str | None = None
    last_event: int | None = None  # where the sentence of the figure before starts, if an event
    born_in: dict[str, set[str]] = {}  # the birth years each sentence names
    for figure in figures:
        sentence = figure.get("sentence") or ""
        own = (figure.get("period_start"), figure.get("period_end"))
        if own[0] and own[0] == own[1] and len(own[0]) == 10:
            own = (None, None)  # «12 октября»: the day of something, not a reporting period
        if sentence not in born_in:  # once a sentence: a long one holds many figures
            born_in[sentence] = {m.group(1) for m in _BIRTH_YEAR.finditer(sentence)}
        born = born_in[sentence]
        if own[0] and own[0][:4] in born and (own[1] or own[0])[:4] in born:
            own = (None, None)  # «у гражданина 1956 года рождения»
        if figure.get("role") == "baseline":
            current = figures[figure["_current"]] if figure.get("_current") is not None else None
            start, end = _baseline_period(figure, current)
            if start is None and article_period:
                start, end = _shift_year(article_period[0], -1), _shift_year(article_period[1], -1)
            figure["scope"] = "period"
            figure["period_start"], figure["period_end"] = start, end
            figure["event_day"] = None
            continue
        low = sentence_start(text, figure)
        # the numbers before «Это результаты за …» are those results
        before_results = results is not None and figure.get("start", 0) < results[0]
        summary = (
            before_results
            or article_period is not None
            or (summary_from is not None and summary_from <= figure.get("start", 0))
        )
        stated_day = any(low <= offset < low + len(sentence) for offset in stated_days)
        tests = _sentence_tests(memo, sentence)
        scope = _scope_of(figure, tests, stated_day, summary, previous, _own_span(own))
        if (
            scope == "period"
            and summary
            and last_event is not None
            and _next_sentence(spans, last_event, low)
            and _scope_of(figure, tests, stated_day, False, previous, _own_span(own)) == "event"
        ):
            # «— В феврале … полицейские остановили автомобиль … изъяли около 500 граммов
            # героина … Кроме того … обнаружили тайник. В нем лежали две бутылки …»: the story
            # of one operation goes on inside a summary
            scope = "event"
        last_event = low if scope == "event" else None
        if own[0] and scope == "period":
            # a period stated after statistics that named none («За полгода выявлено 214
            # преступлений. В январе – июне 2024 года …») is that of the statistics after it
            article_period = own if not (article_period and article_period[0]) else article_period
        elif scope == "period":
            if article_period is None:
                stated = results[1] if before_results and results[1][0] else None
                article_period = (
                    stated
                    # the body's own words before the headline's, which round («С начала
                    # года …» over «… подвела итоги работы за 11 месяцев 2025 года»)
                    or _borrowed_period(text, mentioned_dates or [], figure, low, figures)
                    or _title_period(title, published)
                    or (None, None)
                )
            figure["period_start"], figure["period_end"] = article_period
        figure["scope"] = previous = scope
        if scope == "event":
            before = [day for offset, day in days if offset <= figure.get("start", 0)]
            figure["event_day"] = before[-1] if before else (published or "")[:10] or None
            figure["period_start"] = figure["period_end"] = None
        else:
            figure["event_day"] = None
    for figure in figures:  # a part in its total's sentence is of its period or event
        total = figures[figure["part_of"]] if figure.get("part_of") is not None else None
        if total is not None and total.get("sentence") == figure.get("sentence"):
            for key in ("scope", "period_start", "period_end", "event_day"):
                figure[key] = total.get(key)


def _next_sentence(spans: tuple[tuple[int, int], ...], before: int, start: int) -> bool:
    """Whether the sentence starting at `start` is the one starting at `before` or the next."""
    starts = [s for s, _ in spans]
    if before not in starts or start not in starts:
        return False
    return 0 <= starts.index(start) - starts.index(before) <= 1


def _in_a_dateline(text: str, date: dict) -> bool:
    """Whether a mentioned date is a dateline's, opening its line after at most a place name
    and closed by a dash or a slash soon after."""
    start, end = date.get("char_start") or 0, date.get("char_end") or 0
    line_start = text.rfind("\n", 0, start) + 1
    return bool(
        _DATELINE_BEFORE.fullmatch(text, line_start, start) and _DATELINE_AFTER.match(text, end)
    )


def _own_span(own: tuple[str | None, str | None]) -> str | None:
    """ "month" for a period of one calendar month («в апреле»), "period" for any other, None."""
    start, end = own
    if not start:
        return None
    return "month" if end and start[:7] == end[:7] and start.endswith("-01") else "period"


def _title_period(title: str | None, published: str | None = None) -> tuple[str, str] | None:
    """A period the headline states («… за 9 месяцев 2024 года»; given the publication day,
    also «с начала года», «за неделю»)."""
    if not title:
        return None
    title = RECORD_OVER.sub(_blank, title)  # «одно из самых значительных за год»: no period
    start, end = period_of(extract_dates(title, published), title)
    if start and start == end and len(start) == 10:
        return None  # «9 июля»: the day of something, not a reporting period
    return (start, end) if start else None


# «за этот период», «за отчетный период»: words that point at a period stated before
_THAT_PERIOD = re.compile(
    r"\bза\s+(?:этот|данный|указанный|тот\s+же|отч[её]тный|истекший)\s+период", _I
)
# «Комиссия подвела итоги 2024 года», «результаты работы за …»: a sentence that sums up
_SUMS_UP = re.compile(r"\b(?:итог|результат)\w*", _I)
# «…, чем на 1 июля прошлого года»: the date of a comparison, not the figure's own
_COMPARED_WITH = re.compile(r"\bчем\s+(?:\w+\s+)?$", _I)
# «сейчас на учете состоит …»: a count at the present day, of no period; «каждый год через
# страну провозится до 11 тонн»: a rate, of none either
_PRESENT_OR_RATE = re.compile(
    r"\bкажд(?:ый|ую|ое)\s+(?:год|месяц|неделю|сутки)\b|\bв\s+(?:год|месяц|сутки)\b|"
    r"\bсейчас\b|\bв\s+настоящее\s+время\b|\bна\s+(?:сегодняшний\s+день|сегодня|данный\s+момент)",
    _I,
)


def _borrowed_period(
    text: str, mentioned_dates: list[dict], figure: dict, low: int, figures: list[dict]
) -> tuple[str, str] | None:
    """The period stated in words before a body figure whose own sentence names none (or points
    at it: «за этот период»): not for a headline, a sentence with dates or period words of its
    own (which the rules could not place), or a count at the present day."""
    sentence = figure.get("sentence") or ""
    if figure.get("in_title") or _PRESENT_OR_RATE.search(sentence):
        return None
    pointing = _THAT_PERIOD.search(sentence) is not None
    own_dates = any(
        low <= (d.get("char_start") or -1) < low + len(sentence)
        and not _COMPARED_WITH.search(text, max(low, d["char_start"] - 16), d["char_start"])
        for d in mentioned_dates
    )
    if not pointing and (own_dates or EXPLICIT_PERIOD.search(sentence)):
        return None
    return _period_stated_before(text, mentioned_dates, low, figures)


def _period_stated_before(
    text: str, mentioned_dates: list[dict], before: int, figures: list[dict]
) -> tuple[str, str] | None:
    """«На заседании комиссии рассмотрели наркоситуацию по итогам первого полугодия. … на учете
    состоит 356 человек»: the reporting period a sentence of no numbers names in words, before
    the first statistic (the nearest such sentence before `before`)."""
    starts = sorted(f.get("start", -1) for f in figures)  # a sentence's figures by bisection
    for start, end in reversed(sentence_spans(text[:before])):
        k = bisect_left(starts, start)
        if k < len(starts) and starts[k] < end:
            continue  # a sentence that holds a figure
        if not (EXPLICIT_PERIOD.search(text, start, end) or _SUMS_UP.search(text, start, end)):
            continue
        for d in mentioned_dates:
            at = d.get("char_start")
            if d.get("kind") != "period" or at is None or not start <= at < end:
                continue
            period = period_of([d], text)
            if period[0] and not (period[0] == period[1] and len(period[0]) == 10):
                return period
    return None


def as_day(value: str | date | None) -> str | None:
    return value.isoformat()[:10] if isinstance(value, date) else (value or None)
