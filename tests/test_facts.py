"""Roles, scopes, indicators and checks of figures (pipelines/facts), on sentences of our own."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.facts.checks import check_change, check_parts, rounding
from pipelines.facts.twins import headline_twin
from tests.support.figure_reading import annotated


def by_quote(figures: list[dict], start: str) -> dict:
    return next(f for f in figures if f["quote"].startswith(start))


def test_total_and_parts_after_v_tom_chisle():
    figures = annotated(
        "С начала года полицейские изъяли более 4 тонн наркотиков, в том числе 2,5 тонны "
        "марихуаны и 310 кг героина."
    )
    total = by_quote(figures, "более 4 тонн")
    assert total["role"] == "total"
    for quote in ("2,5 тонны", "310 кг"):
        part = by_quote(figures, quote)
        assert part["role"] == "part"
        assert figures[part["part_of"]] is total
    assert total["check"] == "ok"  # «более»: a lower bound


def test_last_years_total_is_no_baseline_of_its_own_part():
    # «В прошлом году» names the reporting period; the number after «из которых» is a part of
    # the total, not its later value
    figures = annotated(
        "В прошлом году изъято 24 тонны наркотиков, из которых героин составил уже 500 кг.",
        published="2024-05-01",
    )
    total, part = by_quote(figures, "24 тонны"), by_quote(figures, "500 кг")
    assert (total["role"], part["role"]) == ("total", "part")
    assert figures[part["part_of"]] is total
    assert total["period_start"] == "2023-01-01"


def test_parts_in_the_next_sentence_and_a_verb_ends_the_list():
    figures = annotated(
        "За полгода выявлено 40 преступлений в сфере оборота наркотиков. Из них 12 фактов "
        "сбыта. В суд направлено 9 уголовных дел."
    )
    assert by_quote(figures, "40")["role"] == "total"
    assert by_quote(figures, "12")["role"] == "part"
    assert by_quote(figures, "9 уголовных")["role"] == "value"


@pytest.mark.parametrize(
    ("text", "baseline", "current"),
    [
        ("За 9 месяцев 2024 года выявлено 61 наркопреступление (2023 – 48).", "48", "61"),
        ("В этом году изъято 7 300 кг, в прошлом году — 5 100 кг.", "5 100", "7 300"),
        ("Зарегистрировано 640 преступлений (ранее 702).", "702", "640"),
        (
            "Выявлено 292 преступления, снижение на 12,6% (было 334 преступления).",
            "334 преступления",
            "292 преступления",
        ),
        ("Выявлено 180 фактов (АППГ – 150).", "150", "180"),
        ("Число случаев снизилось с 520 до 430 случаев.", "520", "430"),
        # what the indicator was before: its past tense after «недавно», «ранее»
        (
            "Молодежь составляет 30 процентов, еще недавно этот показатель составлял 50 процентов.",
            "50 процентов",
            "30 процентов",
        ),
    ],
)
def test_baselines(text, baseline, current):
    figures = annotated(text)
    assert by_quote(figures, baseline)["role"] == "baseline"
    assert by_quote(figures, current)["role"] != "baseline"


def test_baseline_covers_the_same_months_a_year_earlier():
    figures = annotated("За 9 месяцев 2024 года выявлено 61 наркопреступление (2023 – 48).")
    baseline = by_quote(figures, "48")
    assert (baseline["period_start"], baseline["period_end"]) == ("2023-01-01", "2023-09-30")
    assert baseline["indicator"] == "drug_crimes"


def test_a_planted_inconsistent_change_is_flagged():
    figures = annotated(
        "За 9 месяцев число наркопреступлений снизилось на 25% (с 520 до 430 случаев)."
    )
    change = by_quote(figures, "25%")
    assert change["role"] == "change"
    assert change["check"] == "mismatch"
    assert change["check_expected"] == pytest.approx(17.308, abs=1e-3)  # (520-430)/520


def test_a_consistent_change_passes():
    figures = annotated(
        "За 9 месяцев число наркопреступлений снизилось на 17,3% (с 520 до 430 случаев)."
    )
    assert by_quote(figures, "17,3%")["check"] == "ok"


def test_rounding_sets_the_tolerance():
    # «17%» allows 16.5–17.5; 17.308 is inside, 17.6 would not be
    assert (
        check_change(
            {"unit": "percent", "value": 17, "quote": "17%", "change": "decrease"},
            {"value": 520, "quote": "520"},
            {"value": 430, "quote": "430"},
        )[0]
        == "ok"
    )
    assert (
        check_change(
            {"unit": "percent", "value": 18, "quote": "18%", "change": "decrease"},
            {"value": 520, "quote": "520"},
            {"value": 430, "quote": "430"},
        )[0]
        == "mismatch"
    )
    # a direction that contradicts the values
    rise = {"unit": "percent", "value": 17.3, "quote": "17,3%", "change": "increase"}
    assert check_change(rise, {"value": 520, "quote": "520"}, {"value": 430, "quote": "430"})[
        0
    ] == ("mismatch")


def test_parts_may_not_exceed_an_exact_total():
    total = {"value": 3000.0, "quote": "3 тонны", "qualifier": "exact"}
    assert check_parts(total, [{"value": 2000.0}, {"value": 1400.0}])[0] == "ok"  # 3 t ± 0.5 t
    assert check_parts(total, [{"value": 2900.0}, {"value": 800.0}]) == ("mismatch", 3700.0)


def test_a_count_s_parts_may_overlap_but_none_exceeds_it():
    # crimes «тяжких» and crimes «связанных со сбытом» are often the same crimes
    figures = annotated(
        "За полгода выявлено 403 преступления, в том числе 352 – тяжких и особо тяжких, "
        "296 – связанных со сбытом."
    )
    total = by_quote(figures, "403 преступления")
    assert by_quote(figures, "352")["part_of"] is not None
    assert (total["check"], total["check_expected"]) == ("ok", 352.0)
    total = {"value": 40.0, "quote": "40 преступлений", "qualifier": "exact", "unit": "count"}
    part = {"value": 52.0, "quote": "52", "unit": "count"}
    assert check_parts(total, [part]) == ("mismatch", 52.0)


def test_parts_written_to_the_gram_may_add_up_a_gram_over_their_total():
    total = {"value": 1281.935, "quote": "1 тонна 281 кг 935 гр.", "unit": "kg"}
    parts = [{"value": 1015.406, "quote": "1 тонна 15 кг 406 гр.", "unit": "kg"},
             {"value": 266.53, "quote": "266 кг 530 гр.", "unit": "kg"}]  # fmt: skip
    assert check_parts(total, parts)[0] == "ok"  # 1 281,936: each gram is rounded
    parts[1] = {**parts[1], "value": 266.54, "quote": "266 кг 540 гр."}
    assert check_parts(total, parts)[0] == "mismatch"  # eleven grams over: not rounding


def test_a_change_between_two_shares_may_be_in_percentage_points():
    drop = {"unit": "percent", "value": 8, "quote": "8%", "change": "decrease"}
    shares = {"value": 38, "quote": "38%", "unit": "percent"}, {"value": 30.3, "quote": "30,3%",
                                                                "unit": "percent"}  # fmt: skip
    assert check_change(drop, *shares) == ("ok", 7.7)  # 7.7 points
    relative = {**drop, "value": 20.3, "quote": "20,3%"}
    assert check_change(relative, *shares)[0] == "ok"  # or 20.3% of 38
    assert check_change({**drop, "value": 12, "quote": "12%"}, *shares)[0] == "mismatch"
    counts = {"value": 38, "quote": "38"}, {"value": 30.3, "quote": "30,3"}
    assert check_change(drop, *counts)[0] == "mismatch"  # of counts, only the relative change


def test_a_factor_in_words_is_a_whole_one():
    four = {"unit": "times", "value": 4, "quote": "в четыре раза", "change": "increase"}
    assert (
        check_change(four, {"value": 75, "quote": "75"}, {"value": 332, "quote": "332"})[0] == "ok"
    )
    assert check_change(four, {"value": 75, "quote": "75"}, {"value": 360, "quote": "360"})[0] == (
        "mismatch"
    )  # 4.8 is no longer four


def test_shares_of_a_total_add_up_to_at_most_a_hundred_and_leave_its_amount_alone():
    total = {"value": 33.1, "quote": "33,1 кг", "qualifier": "exact", "unit": "kg"}
    share = {"value": 99.0, "quote": "99%", "unit": "percent"}
    assert check_parts(total, [share]) == ("ok", 0.0)  # 99 is a share, not 99 kg
    assert check_parts(total, [share, {**share, "value": 4.0, "quote": "4%"}])[0] == "mismatch"
    heroin = {"value": 30.0, "quote": "30 кг", "unit": "kg"}
    assert check_parts(total, [share, heroin]) == ("ok", 30.0)


def test_scope_event_and_period():
    figures = annotated(
        "12 октября в ходе обыска у 34-летнего жителя города изъято 2,4 кг гашиша. "
        "Всего с начала года в области изъято 118 кг наркотиков."
    )
    event = by_quote(figures, "2,4 кг")
    assert event["scope"] == "event" and event["event_day"] == "2024-10-12"
    assert event["indicator"] == "drugs_seized" and event["substance"] == "гашиш"
    period = by_quote(figures, "118 кг")
    assert period["scope"] == "period" and period["period_start"] == "2024-01-01"


@pytest.mark.parametrize(
    ("text", "quote", "indicator"),
    [
        ("В этом году ликвидированы 4 нарколаборатории.", "4", "drug_labs"),
        ("По итогам рейда задержаны 7 наркокурьеров.", "7", "persons_detained"),
        (
            "Заблокировано 950 интернет-ресурсов с пропагандой наркотиков.",
            "950",
            "websites_blocked",
        ),
        ("К административной ответственности привлечены 85 человек.", "85", "persons_admin_liable"),
        ("Уничтожено 12 гектаров дикорастущей конопли.", "12", "crops_destroyed"),
        ("Пресечена деятельность 3 организованных преступных групп.", "3", "organised_groups"),
        (
            "Пресечена деятельность 14 преступных групп, торговавших через интернет-магазины.",
            "14",
            "organised_groups",
        ),
        (
            "Около семи тысяч блокировок пришлось на площадки.",
            "Около семи тысяч",
            "websites_blocked",
        ),
        ("Сотрудники провели 40 лекций в школах.", "40", None),
        ("В изоляторы временного содержания помещены 75 подозреваемых.", "75", "persons_detained"),
    ],
)
def test_indicators(text, quote, indicator):
    assert by_quote(annotated(text), quote)["indicator"] == indicator


def test_headline_figure_joins_its_body_reading():
    figures = annotated(
        "В Актобе с начала года изъято 640 кг наркотиков.",
        title="В Актобе изъято 640 кг наркотиков",
    )
    head = [f for f in figures if f["in_title"]]
    body = [f for f in figures if not f["in_title"]]
    assert len(head) == 1 and head[0]["quote"] == "640 кг"
    assert head[0]["scope"] == body[0]["scope"] == "period"
    assert head[0]["indicator"] == body[0]["indicator"] == "drugs_seized"


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repo")
def test_every_check_on_the_seeds_agrees_with_a_hand_computation():
    # by hand: 25 now against 11 in 2013 is +127.27%; 457 → 387 is −15.32%;
    # 1 407 → 1 637 is +16.35%; each within the rounding of the stated percent
    hand = {"127,3%": 127.273, "15,3%": 15.317, "16%": 16.347}
    found = {}
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for figure in annotated(text, published="2025-06-01"):
            if figure.get("check") and figure["role"] == "change":
                found[figure["quote"]] = (figure["check"], figure["check_expected"])
    assert {q: e for q, (_, e) in found.items()} == pytest.approx(hand, abs=1e-3)
    assert all(status == "ok" for status, _ in found.values())


@pytest.mark.parametrize(
    ("text", "quote", "scope"),
    [
        # statistic words name a period: they win over words of one operation
        ("За неделю на постах задержаны 9 курьеров и изъято 14 кг наркотиков.", "14 кг", "period"),
        ("За этот период составлено 61 протокол.", "61", "period"),
        # a named operation sums up: what follows is its statistics
        (
            "В районе завершилась операция «Заслон-2024». Изъято 8 кг наркотиков, уничтожено "
            "5 очагов конопли.",
            "8 кг",
            "period",
        ),
        # a stated day inside a summary is one seizure
        (
            "С начала года изъято 90 кг наркотиков. Так, 3 марта на вокзале нашли 2 кг гашиша.",
            "2 кг",
            "event",
        ),
        # a share or a change compares statistics
        ("Раскрываемость таких преступлений составила менее 55%.", "менее 55%", "period"),
        # «всего» sums what came before: here two seizures
        (
            "В Термезе у мужчины нашли 2 кг опия. В Карши задержан курьер с 3 кг гашиша. "
            "Всего изъято 5 кг наркотиков.",
            "5 кг",
            "event",
        ),
        # «из 30 задержанных» counts the detained of a report, it does not detain anyone
        (
            "С начала года в области выявлено 30 наркокурьеров. Из 30 задержанных лиц 12 — "
            "студенты.",
            "12",
            "period",
        ),
        # «Всего» with no number before it sums the operations told in words
        (
            "В области задержан гражданин, подозреваемый в изготовлении наркотиков. При обыске "
            "нашли оборудование. Всего изъят 31 килограмм наркотиков.",
            "31 килограмм",
            "event",
        ),
        # a record compared over a year is no reporting period
        (
            "В селе изъяли 34 кг мефедрона. Это изъятие стало самым масштабным за прошедший "
            "год. Затем в лаборатории полицейские изъяли более 24 килограммов наркотиков.",
            "более 24 килограммов",
            "event",
        ),
    ],
)
def test_scope_rules(text, quote, scope):
    assert by_quote(annotated(text), quote)["scope"] == scope


def parts_of(figures: list[dict], total: str) -> list[str]:
    t = figures.index(by_quote(figures, total))
    return [f["quote"] for f in figures if f.get("part_of") == t]


def test_parts_that_add_up_to_a_weekly_total_in_their_own_sentences():
    figures = annotated(
        "За неделю таможенники изъяли более 20 кг наркотиков. Из них на посту Кордай у водителя "
        "нашли 12,4 кг гашиша. В аэропорту у пассажирки обнаружили 6,1 кг марихуаны. На вокзале "
        "у мужчины изъяли 1,8 кг опия."
    )
    assert parts_of(figures, "более 20 кг") == ["12,4 кг", "6,1 кг", "1,8 кг"]
    assert by_quote(figures, "более 20 кг")["role"] == "total"


def test_a_bullet_list_under_a_colon_header_adds_up_to_the_total_before_it():
    figures = annotated(
        "В 2023 году в республике изъято 3 тонны 120 кг наркотиков.\n"
        "Кто сколько изъял:\n"
        "• полиция - 1 т 900 кг,\n"
        "• пограничники - 1 т 150 кг,\n"
        "• таможня - 70 кг."
    )
    assert parts_of(figures, "3 тонны 120 кг") == ["1 т 900 кг", "1 т 150 кг", "70 кг"]


def test_a_whole_stated_after_its_parts():
    figures = annotated(
        "У первого задержанного изъяли 9 граммов кокаина, у второго 4 грамма. Общий вес "
        "изъятого составил 13 граммов."
    )
    assert parts_of(figures, "13 граммов") == ["9 граммов", "4 грамма"]


def test_a_whole_that_thus_sums_up_the_seizures_before_it():
    # «Таким образом» sums up the seizures before it, as «Всего» does
    figures = annotated(
        "В Иркутске у группы изъяли 3,7 кг синтетики. В Братске у закладчика было 115 граммов "
        "того же наркотика. У оптовика обнаружили более килограмма мефедрона. Таким образом, "
        "полицейские изъяли почти 5 килограммов синтетических наркотиков."
    )
    assert parts_of(figures, "почти 5 килограммов") == [
        "3,7 кг",
        "115 граммов",
        "более килограмма",
    ]


def test_approximate_parts_add_up_to_their_total_give_or_take_a_twentieth_of_each():
    # 3 + 0.4 is not 3.5, but «около 3 кг» and «порядка 400 граммов» are no exact weights
    title = "В Оренбургской области задержали мужчин, перевозивших 3,5 кг наркотиков"
    found = "Полицейские обнаружили {} синтетического наркотика и {} марихуаны."
    figures = annotated(found.format("около 3 килограммов", "порядка 400 граммов"), title=title)
    assert parts_of(figures, "3,5 кг") == ["около 3 килограммов", "порядка 400 граммов"]
    # exact weights must add up as the total is written, approximate ones within a twentieth
    for weights in (("3 килограмма", "400 граммов"), ("около 2 килограммов", "400 граммов")):
        figures = annotated(found.format(*weights), title=title)
        assert all(f["role"] == "value" for f in figures), weights


def test_parts_that_make_up_their_total_take_no_more_within_the_slack():
    figures = annotated(
        "Изъято 485 кг наркотиков. Большую часть изъятых наркотиков составляют наркотики опийной "
        "группы - около 334 кг, 150 кг - каннабисной группы. Также изъято порядка 7,8 кг "
        "героина, более 2,5 кг синтетических наркотиков."
    )
    assert parts_of(figures, "485 кг") == ["около 334 кг", "150 кг"]
    assert by_quote(figures, "порядка 7,8 кг")["role"] == "value"


def test_an_events_whole_stated_last_is_what_its_masses_add_up_to():
    text = (
        "В машине полицейские нашли более 18 кг наркотиков. В гараже задержанных изъяли около "
        "80 кг. У группы изъято около 100 кг наркотиков."
    )
    figures = annotated(text)
    assert parts_of(figures, "около 100 кг") == ["более 18 кг", "около 80 кг"]
    # masses that do not add up to it are seizures beside it
    figures = annotated(text.replace("около 80 кг", "около 40 кг"))
    assert all(f["role"] == "value" for f in figures)


def test_small_counts_do_not_add_up_by_chance():
    figures = annotated("Задержаны 2 курьера. Один из них изъял 1 закладку, второй 1 закладку.")
    assert all(f["role"] != "total" for f in figures)


@pytest.mark.parametrize(
    ("text", "total", "parts"),
    [
        # the total after «из», its breakdown after the comma, verbs or not
        (
            "Из 30 осуждённых, 12 проживают в Караганде, 9 – в Темиртау, 5 – в Сарани.",
            "30",
            ["12", "9", "5"],
        ),
        # a part named before «из них»
        (
            "За год возбуждено 410 уголовных дел, 260 из них направлены в суд.",
            "410",
            ["260"],
        ),
        # «в их числе» opens a sentence of parts, each unit with its own total
        (
            "На границе задержаны шесть курьеров с 9 кг наркотиков. В их числе двое, "
            "перевозивших 4 кг гашиша.",
            "9 кг",
            ["4 кг"],
        ),
        # a dash after a part labels it («– в крупном размере» starts no new statement)
        (
            "Выявлено 900 преступлений, из них 500 – тяжких, 300 – в крупном размере, 80 – "
            "связанных со сбытом.",
            "900",
            ["500", "300", "80"],
        ),
    ],
)
def test_breakdowns(text, total, parts):
    assert parts_of(annotated(text), total) == parts


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Изъято 71,2 кг гашиша (на 12,5 кг больше, чем годом ранее).", "12,5 кг"),
        ("Это в 1,5 раза или на 40 кг больше, чем в 2022 году.", "40 кг"),
        ("Это в 1,5 раза или на 40 кг больше, чем в 2022 году.", "в 1,5 раза"),
        # the qualifier before «на»
        ("Это примерно на 100 килограммов больше по сравнению с 2008 годом.", "примерно"),
    ],
)
def test_a_comparative_is_a_change_whatever_its_unit(text, quote):
    assert by_quote(annotated(text), quote)["role"] == "change"


def test_less_threat_compares_nothing():
    figures = annotated("Благодаря полицейским на 14 кг наркотиков на улицах стало меньше.")
    assert by_quote(figures, "14 кг")["role"] == "value"


def test_a_headline_total_the_body_breaks_down_is_their_total():
    figures = annotated(
        "Сотрудники провели несколько рейдов. В первом случае было обнаружено 21 кг 579 гр "
        "гашиша. В багажнике нашли 2 кг 816 гр гашиша. Там обнаружили 4 кг 831 гр опиума и 995 "
        "гр гашиша.",
        title="В Ферганской области пресекли незаконный оборот более 30 кг наркотиков",
    )
    head = figures[0]
    assert (head["in_title"], head["role"]) == (1, "total")
    assert [f["part_of"] for f in figures[1:]] == [0, 0, 0, 0]
    # no breakdown when the body's numbers do not add up to it
    figures = annotated("У курьера нашли 2 кг гашиша и 3 кг опия.", title="Изъято 30 кг наркотиков")
    assert {f["role"] for f in figures} == {"value"}


def test_a_body_that_opens_with_iz_nih_breaks_down_its_headline_number():
    figures = annotated(
        "Из них 120 преступлений совершены в крупном размере. Остальные дела расследуются.",
        title="С начала года в области выявлено 410 наркопреступлений",
    )
    assert [(f["quote"], f["role"], f["part_of"]) for f in figures] == [
        ("410 наркопреступлений", "total", None),
        ("120 преступлений", "part", 0),
    ]
    # ... also when the body states the headline's number again later
    figures = annotated(
        "В том числе 2,1 кг героина и 40 кг гашиша. По данным полиции, изъято 1,96 тонны.",
        title="Около 2 тонн наркотиков изъято с начала года",
    )
    assert [(f["role"], f["part_of"]) for f in figures[:3]] == [
        ("total", None),
        ("part", 0),
        ("part", 0),
    ]
    # ... and the parts measure what their total measures, each its own drug
    assert [(f["indicator"], f["substance"]) for f in figures[1:3]] == [
        ("drugs_seized", "героин"),
        ("drugs_seized", "гашиш"),
    ]
    # a body that opens otherwise does not
    figures = annotated("Изъято 2,1 кг героина.", title="Около 2 тонн наркотиков изъято")
    assert {f["role"] for f in figures} == {"value"}


def test_a_headline_number_alone_over_a_body_of_statistics_is_a_statistic():
    body = (
        "С начала года в области выявлено 412 наркопреступлений. За девять месяцев изъято "
        "более 40 кг героина, ликвидировано 3 нарколаборатории."
    )
    figures = annotated(body, title="Полицейские изъяли более 200 кг наркотиков")
    assert figures[0]["scope"] == "period"
    # over a body that tells of one operation it stays an event
    body = "При досмотре автомобиля у водителя нашли 2 кг гашиша. Задержанный дал показания."
    figures = annotated(body, title="Полицейские изъяли более 200 кг наркотиков")
    assert figures[0]["scope"] == "event"


def test_a_breakdown_only_the_headline_states_keeps_its_total_and_part():
    figures = annotated(
        "Полицейские задержали курьера на трассе.",
        title="Изъято 5 кг наркотиков, в том числе 3 кг героина",
    )
    assert [(f["role"], f["part_of"]) for f in figures] == [("total", None), ("part", 0)]


def test_a_breakdown_the_headline_states_keeps_its_total_and_part_when_the_body_repeats_it():
    # a text whose first sentence stands for its headline states the breakdown twice
    figures = annotated(
        "Пограничники изъяли 700 кг наркотиков, из которых более 500 кг составляет героин.",
        title="Пограничники изъяли 700 кг наркотиков, из которых более 500 кг составляет героин.",
    )
    head = [(f["role"], f["part_of"]) for f in figures if f["in_title"]]
    assert head == [("total", None), ("part", 0)]


def test_a_headline_number_stands_alone():
    figures = annotated(
        "За месяц изъято 40 кг наркотиков, в том числе 25 кг гашиша и 15 кг героина.",
        title="За месяц изъято 40 кг наркотиков",
    )
    head = next(f for f in figures if f["in_title"])
    assert head["role"] == "value" and head["part_of"] is None
    body = next(f for f in figures if not f["in_title"] and f["quote"] == "40 кг")
    assert body["role"] == "total"


def test_labs_and_groups_after_v_tom_chisle_are_no_part_of_crimes():
    text = (
        "За год выявлено 539 преступлений, связанных с незаконным оборотом наркотиков, в том "
        "числе обнаружены две нарколаборатории."
    )
    assert [f["role"] for f in annotated(text)] == ["value", "value"]
    text = "Выявлено 25 преступлений, в том числе 14 фактов сбыта."
    assert [f["role"] for f in annotated(text)] == ["total", "part"]


def test_the_items_of_one_list_are_no_total_and_parts_unless_they_add_up_exactly():
    text = "Из тайника изъято еще 22 кг героина, 18 кг афганского чарса и 4,5 кг опия."
    assert {f["role"] for f in annotated(text)} == {"value"}
    text = "Создано 28 оперативных групп, 19 для отработки рынков и 9 для выявления притонов."
    assert [f["role"] for f in annotated(text)] == ["total", "part", "part"]


def test_a_headline_rounding_its_body_s_number_is_that_number():
    figures = annotated(
        "За девять месяцев 2022 года в крае зарегистрировано 1447 преступлений, связанных с "
        "незаконным оборотом наркотиков, и 56 других преступлений.",
        title="Почти 1,5 тысячи наркопреступлений совершено в крае в 2022 году",
    )
    head = next(f for f in figures if f["in_title"])
    body = next(f for f in figures if f["quote"] == "1447 преступлений")
    # not a total of 1447 + 56, which add up to it
    assert (head["role"], head["scope"]) == (body["role"], body["scope"]) == ("value", "period")


@pytest.mark.parametrize(
    ("head", "bodies", "twin"),
    [
        (("более 100 кг", 100, "more_than"), [103.5], 0),
        (("более 100 кг", 100, "more_than"), [95.0], None),  # «более» rounds down
        (("около 100 кг", 100, "approx"), [95.0], 0),
        (("100 кг", 100, None), [100.4, 103.5], 0),  # half a unit of the last digit
        (("более 100 кг", 100, "more_than"), [103.5, 105.0], None),  # which one is open
        (("более 100 кг", 100, "more_than"), [103.5, 100.0], 1),  # the same number first
    ],
)
def test_a_headline_twin_is_the_body_s_number_it_may_round(head, bodies, twin):
    quote, value, qualifier = head
    figure = {"quote": quote, "value": value, "unit": "kg", "qualifier": qualifier}
    body = [{"quote": f"{v} кг", "value": v, "unit": "kg", "role": "value"} for v in bodies]
    assert headline_twin(figure, body) == twin


def test_rounding_reads_grouped_thousands_and_compound_masses():
    assert rounding({"quote": "1 596 фактов", "value": 1596, "unit": "count"}) == 0.5
    compound = {"quote": "4 тонны 83 кг 274 г", "value": 4083.274, "unit": "kg"}
    assert rounding(compound) == pytest.approx(0.0005)


def test_parts_measure_what_their_total_measures():
    figures = annotated(
        "За полгода изъято 3 т наркотиков:\n- 1,2 т гашиша;\n- 900 кг марихуаны;\n- 850 кг опия."
    )
    for quote, drug in (("1,2 т", "гашиш"), ("900 кг", "марихуана"), ("850 кг", "опий")):
        part = by_quote(figures, quote)
        assert part["role"] == "part"
        assert (part["indicator"], part["substance"]) == ("drugs_seized", drug)


@pytest.mark.parametrize(
    ("text", "quote", "indicator"),
    [
        ("Выявлено 500 наркопреступлений, 60% из них – тяжкие.", "60%", None),  # a share
        ("Возбуждено 35 уголовных дел по фактам сбыта наркотиков.", "35", None),  # cases
        ("Составлено 14 административных правонарушений за потребление.", "14", None),
        ("При досмотре у курьера нашли 12 брикетов гашиша.", "12", "drugs_seized"),
        # sites of wild hemp counted by the authorities are crops found
        ("Зафиксировано 140 очагов дикорастущей конопли.", "140", "crops_destroyed"),
        # beds, plantings, sprouts and roots of a drug plant are crops
        ("На огороде нашли 5 грядок с кустами мака.", "5", "crops_destroyed"),
        ("Полицейские уничтожили 30 насаждений конопли.", "30", "crops_destroyed"),
        ("У жителя села обнаружено 250 корней конопли.", "250", "crops_destroyed"),
        ("На экспертизу направлено 60 наркосодержащих всходов.", "60", "crops_destroyed"),
        # ... and the area they grow on is an area of crops
        (
            "Общая площадь насаждений, где произрастала конопля, – 2,4 га.",
            "2,4 га",
            "crops_destroyed",
        ),
        # an escape is no shoot
        ("Из колонии совершено 2 побега, задержано 12 наркокурьеров.", "2", None),
        # the cargo drugs were hidden among is no drug, unless its words name one
        ("Кокаин спрятали в контейнере среди 40 тонн ананасов.", "40", None),
        ("В фуре среди 12 тонн груза нашли 300 кг гашиша.", "12", None),
        ("Среди 9 тонн маковой соломки изъято 100 кг опия.", "9", "drugs_seized"),
        # slang for a drug is a drug
        ("У сбытчика изъяли 3 000 разовых доз «дури».", "3 000", "drugs_seized"),
        # what was or could be made is no seizure; what was found where it was made is
        ("За месяц в цехе изготовили 60 кг мефедрона.", "60 кг", None),
        ("Он купил реактивы для изготовления 25 кг амфетамина.", "25 кг", None),
        ("В цехе по изготовлению мефедрона нашли 8 кг наркотика.", "8 кг", "drugs_seized"),
        # what was sold is no seizure, a pharmacy's legal sales least of all; what was seized
        # from a dealer is
        ("За год аптеки реализовали 120 тысяч упаковок кодеина.", "120 тысяч", None),
        ("За полгода группа успела сбыть 15 кг гашиша.", "15 кг", None),
        ("У сбытчика изъяли 2 кг гашиша, который он собирался продать.", "2 кг", "drugs_seized"),
    ],
)
def test_indicator_vocabulary(text, quote, indicator):
    assert by_quote(annotated(text), quote)["indicator"] == indicator


def _store(db, source: str, url: str, title: str, body: str, published: str) -> int:
    from types import SimpleNamespace

    from pipelines.articles import store_article, upsert_source
    from pipelines.chain import TEXT_STEPS, SourceContext, process_article
    from pipelines.items import ArticleRecord

    site = SimpleNamespace(name=source, url=f"https://{source}.example/", spider="t", lang="ru",
                           timezone=None, region=None, schedule=None)  # fmt: skip
    upsert_source(db, site, "{}")
    record = ArticleRecord(source=source, url=url, html="", fetched_at="", title=title,
                           body=body, published_at=published)  # fmt: skip
    return store_article(db, process_article(record, SourceContext(), TEXT_STEPS))[0]


def test_a_republication_that_drops_the_lead_states_the_same_facts(tmp_path):
    from pipelines.db import connect

    lead = (
        "За первое полугодие 2024 года пограничники Оренбургской области изъяли более 70 кг "
        "наркотиков, в том числе 41,5 кг гашиша и 27,2 кг героина."
    )
    rest = [
        "Больше всего гашиша перевозили грузовым транспортом через пункт пропуска Сагарчин, "
        "где водитель фуры прятал его в запасном колесе.",
        "Героин везли в багаже пассажиры рейсовых автобусов, следовавших из Казахстана.",
        "Задержаны 14 курьеров, против всех возбуждены уголовные дела.",
    ]
    db = connect(tmp_path / "t.db")
    original = _store(db, "orig", "https://orig.example/1", "Изъяли более 70 кг наркотиков",
                      "\n\n".join([lead, *rest]), "2024-07-10")  # fmt: skip
    # the copy: another headline, a lead that keeps only the parts, the paragraphs reordered
    copy_lead = "Пограничники изъяли 41,5 кг гашиша и 27,2 кг героина."
    copy = _store(db, "copy", "https://copy.example/1", "Пограничники: 14 курьеров задержаны",
                  "\n\n".join([copy_lead, rest[2], rest[1], rest[0]]), "2024-07-11")  # fmt: skip
    assert db.execute("select duplicate_of from articles where id = ?", [copy]).fetchone()[0] == (
        original
    )

    def fact(article_id: int, value: float, in_title: int = 0) -> int:
        return db.execute(
            "select fact_id from figures where article_id = ? and value = ? and in_title = ?",
            [article_id, value, in_title],
        ).fetchone()[0]

    for value in (41.5, 27.2, 14):
        assert fact(original, value) == fact(copy, value)
    assert fact(copy, 14, in_title=1) == fact(copy, 14)  # the headline's number is its body's
    # the copy lost the total, but its gashish is still a part: never added to the 70 kg
    role = db.execute("select role from facts where id = ?", [fact(copy, 41.5)]).fetchone()[0]
    assert role == "part"
    assert len({fact(original, v) for v in (70, 41.5, 27.2, 14)}) == 4


def test_the_next_report_in_the_same_template_is_no_republication(tmp_path):
    """An office's reports in one template share most of their words, and the MinHash takes
    the later for a copy; their numbers tell them apart. Taken for a copy, the later one's «12
    уголовных дел» joined the earlier one's «12 человек» (the same value in one story)."""
    from pipelines.db import connect

    template = (
        "В Нарьян-Маре под председательством губернатора состоялось очередное заседание "
        "антинаркотической комиссии. В нём приняли участие руководители органов власти "
        "округа, УМВД, прокуратуры, ФСБ, Роспотребнадзора и УФСИН. Как следует из доклада УМВД, "
        "за {months} "
        "месяцев 2023 года выявлено {found} преступлений, раскрыто {solved} преступлений, в суд "
        "направлено {court} уголовных дел, к административной ответственности привлечено {admin} "
        "человек. Несовершеннолетних, причастных к наркопреступлениям, не установлено, случаев "
        "вовлечения подростков в незаконный оборот наркотических средств не выявлено."
    )
    db = connect(tmp_path / "t.db")
    september = _store(db, "okrug", "https://okrug.example/9", "Заседание комиссии",
                       template.format(months=8, found=14, solved=8, court=7, admin=12),
                       "2023-09-22")  # fmt: skip
    december = _store(db, "okrug", "https://okrug.example/12", "Заседание комиссии",
                      template.format(months=11, found=22, solved=13, court=12, admin=16),
                      "2023-12-12")  # fmt: skip
    # the same report again on another site is still a copy
    copy = _store(db, "news", "https://news.example/12", "Наркоситуация в округе стабильна",
                  template.format(months=11, found=22, solved=13, court=12, admin=16),
                  "2023-12-13")  # fmt: skip
    duplicate_of = dict(db.execute("select id, duplicate_of from articles").fetchall())
    assert duplicate_of[december] is None
    assert duplicate_of[copy] == december

    def fact(article_id: int, value: float) -> int:
        return db.execute(
            "select fact_id from figures where article_id = ? and value = ?", [article_id, value]
        ).fetchone()[0]

    assert fact(december, 12) != fact(september, 12)
    assert fact(copy, 12) == fact(december, 12)


def test_a_day_in_the_headline_is_no_reporting_period():
    figures = annotated(
        "Полицейские изъяли 3 кг марихуаны на окраине города.",
        title="12 сентября 2024 года в Уральске прошёл рейд",
    )
    seized = by_quote(figures, "3 кг")
    assert seized["scope"] == "event" and seized["period_start"] is None


@pytest.mark.parametrize(
    ("text", "baseline", "current"),
    [
        # the earlier value in the next sentence, the current one before it
        (
            "За полгода в крае выявлено 91 тысяча правонарушений. Это сопоставимо с показателем "
            "прошлого года — было 88 тысяч.",
            "88 тысяч",
            "91 тысяча",
        ),
        # «N лет назад» after a year of its own
        (
            "В 2024 году задержаны 34 подростка, пять лет назад таких подростков было 120.",
            "120",
            "34 подростка",
        ),
        # a sentence about an earlier year after the current year's figures
        (
            "В 2023 году суд рассмотрел 150 уголовных дел. В 2022 году рассмотрено 131 "
            "уголовное дело.",
            "131",
            "150",
        ),
        # a sentence that opens with «В прошлом году»
        (
            "С начала года в Навои уничтожено 820 кг наркотиков. В прошлом году в области были "
            "уничтожены более 700 кг наркотиков.",
            "более 700 кг",
            "820 кг",
        ),
        # «, а в 2022 году – …»
        (
            "Пограничники в 2023 году изъяли 3 тонны 150 кг наркотиков, а в 2022 году – 2 тонны "
            "480 кг.",
            "2 тонны 480 кг",
            "3 тонны 150 кг",
        ),
        # «раньше»: the value of an earlier time
        (
            "В 2014 году выявлено почти три тысячи преступлений, хотя раньше эта цифра "
            "оставалась в районе 2,5 тысяч.",
            "в районе 2,5 тысяч",
            "почти три тысячи",
        ),
        # «, в 2015-м — 13»
        (
            "В 2016 году наркотики привели к смерти девяти человек, в 2015-м — 13.",
            "13",
            "девяти",
        ),
        # the results of an earlier year named in a later sentence
        (
            "В этом году изъято пока 570 килограммов. По результатам 2023 года изъяли 1,275 тонны.",
            "1,275 тонны",
            "570 килограммов",
        ),
    ],
)
def test_baselines_beyond_the_sentence(text, baseline, current):
    figures = annotated(text, published="2024-10-15")
    found = by_quote(figures, baseline)
    assert found["role"] == "baseline"
    assert by_quote(figures, current)["role"] != "baseline"


@pytest.mark.parametrize(
    "text",
    [
        # another year counting another thing is no comparison
        "В 2024 году задержаны 40 подростков. В 2023 году полиция закрыла 12 наркопритонов.",
        # «за прошлый год» is the report's own period
        "За прошлый год полиция выявила 2100 преступлений, 1400 из них направлены в суд.",
        # «недавно» with no indicator's past is only when it happened
        "Недавно полиция изъяла 5 кг героина, ранее у задержанного нашли 2 кг.",
    ],
)
def test_no_baseline_without_an_earlier_value_of_the_same_thing(text):
    assert all(f["role"] != "baseline" for f in annotated(text, published="2024-10-15"))


@pytest.mark.parametrize(
    ("text", "quote", "indicator"),
    [
        # bracketed counts after district names: what the sentence (or «таких» before) counts
        (
            "В прошлом месяце в области выявлено 210 наркопреступлений. Больше всего таких "
            "преступлений зарегистрировано в Ленинском (48), Советском (37) и Центральном (29) "
            "районах.",
            "37",
            "drug_crimes",
        ),
        # a channel of supply is no Telegram channel
        (
            "Пограничники перекрыли 9 каналов поставки героина из Афганистана.",
            "9",
            "trafficking_channels",
        ),
        ("Заблокировано 14 телеграм-каналов, продававших наркотики.", "14", "websites_blocked"),
        # the verb tells a sentence from a detention
        ("Суд приговорил 3 контрабандистов к 8 годам лишения свободы.", "3", "persons_convicted"),
        ("Полиция задержала 3 контрабандистов на границе.", "3", "persons_detained"),
        # the killed and the wounded are no detainees
        (
            "В перестрелке 3 контрабандиста ранены, остальные задержаны.",
            "3",
            None,
        ),
        # a crop destroyed or a group broken up beside them leaves the detainees detained
        ("Полицейские задержали 5 человек и уничтожили 2 га конопли.", "5", "persons_detained"),
        ("Ликвидирована преступная группа, задержаны 7 ее участников.", "7", "persons_detained"),
        (
            "Задержаны 12 нарушителей границы, при задержании 2 контрабандиста убиты.",
            "2",
            None,
        ),
        ("Задержаны 12 нарушителей границы.", "12", "persons_detained"),
        ("В области зарегистрировано 1 250 больных наркоманией.", "1 250", "drug_users_registered"),
    ],
)
def test_indicators_from_the_subject_and_the_verb(text, quote, indicator):
    assert by_quote(annotated(text), quote)["indicator"] == indicator


@pytest.mark.parametrize(
    ("text", "quote", "substance"),
    [
        # plants named by no plant are the generic drug, as «наркотиков» are
        ("В теплице полицейские изъяли 350 кустов наркосодержащих растений.", "350", "наркотик"),
        # the drug named right after the figure wins over the one before
        (
            "У первого курьера нашли 3 кг гашиша, у второго изъяли 2 кг героина.",
            "2 кг",
            "героин",
        ),
        ("На посту досмотра изъяли 8 брикетов с 4 кг гашиша.", "8 брикетов", "гашиш"),
        ("Таможенники задержали 2,3 тонны маковой соломки.", "2,3 тонны", "маковая соломка"),
        ("Полиция изъяла 40 кг наркотиков каннабисной группы.", "40 кг", "каннабис"),
        # a two-word name, and a Latin acronym as it is written
        ("Изъято 3,5 кг гашишного масла.", "3,5 кг", "гашишное масло"),
        ("Таможенники изъяли 2,5 кг MDMA.", "2,5 кг", "MDMA"),
        ("Тайник с двумя килограммами опиума нашли таможенники.", "двумя", "опиум"),
        ("За январь конфисковано около 90 кг насвая.", "около 90 кг", "насвай"),
        ("Изъято 303,5 г курительных смесей.", "303,5 г", "курительная смесь"),
        ("Изъято 5 кг психотропов.", "5 кг", "психотроп"),
        # an amount in brackets weighs the drug before the bracket, not the next one named
        ("Изъяты марихуана (41,8 кг) гашиш (20,8 кг) и героин (11,2 кг).", "41,8", "марихуана"),
        ("Изъяты марихуана (41,8 кг) гашиш (20,8 кг) и героин (11,2 кг).", "20,8", "гашиш"),
    ],
)
def test_substances_named_around_the_figure(text, quote, substance):
    assert by_quote(annotated(text), quote)["substance"] == substance


@pytest.mark.parametrize(
    ("text", "substance"),
    [
        # the one plant the text names; «Мак-2025» is the operation's name, not the plant
        (
            "В ходе операции «Мак-2025» на полях найдена дикорастущая конопля. С полей было "
            "уничтожено порядка 27 700 кустов запрещенного растения.",
            "конопля",
        ),
        # two plants named: which plants the bushes are is not said, so the generic drug
        (
            "Полицейские нашли посевы мака и конопли. С полей было уничтожено порядка 27 700 "
            "кустов запрещенного растения.",
            "наркотик",
        ),
    ],
)
def test_plants_not_named_by_the_figure_are_the_one_plant_the_text_names(text, substance):
    assert by_quote(annotated(text), "порядка 27 700")["substance"] == substance


@pytest.mark.parametrize("operation", ["«Мак-2024»", "«Мак»", "«Мак - 2012»", '"Мак"', "Мак-2025"])
def test_the_operations_name_names_no_plant(operation):
    text = f"В ходе операции {operation} полицейские выявили 64 очага на площади 12,6 гектара."
    figures = annotated(text)
    assert [(f["indicator"], f["substance"]) for f in figures] == [
        ("crops_destroyed", "наркотик"),
        ("crops_destroyed", "наркотик"),
    ]
    # the plant written in lower case is one
    assert by_quote(annotated("Уничтожено 40 кустов мака."), "40 кустов")["substance"] == "мак"


def test_crops_destroyed_with_no_plant_of_their_own_are_the_one_plant_the_text_names():
    text = (
        "В Воронежской области уничтожили дикорастущую коноплю. Полицейские обнаружили "
        "около 500 кустов на площади более 500 квадратных метров и уничтожили их."
    )
    figures = annotated(text)
    assert [(f["indicator"], f["substance"]) for f in figures] == [
        ("crops_destroyed", "конопля")
    ] * 2


def test_a_headline_names_the_drug_its_body_leaves_generic():
    figures = annotated(
        "Осуждённые пытались перевезти через границу 60 кг вещества в тайнике грузовика.",
        title="Суд осудил четырёх наркокурьеров за 60 кг героина",
    )
    assert {f["substance"] for f in figures if f["quote"].startswith("60 кг")} == {"героин"}


@pytest.mark.parametrize(
    ("text", "quote", "indicator"),
    [
        # the current value of «с … до …» measures what its earlier value measures
        ("За год число наркопреступлений в крае выросло с 840 до 910.", "910", "drug_crimes"),
        # a number with no noun of its own counts the sentence's subject
        (
            "В этом году количество наркопреступлений снизилось, их зарегистрировано 320.",
            "320",
            "drug_crimes",
        ),
        # «Это на 15% больше»: a change of the number of the sentence before
        (
            "За 2023 год изъято 2 тонны 100 кг наркотиков. Это на 15% больше, чем в 2022 году.",
            "15%",
            "drugs_seized",
        ),
        # customs' detections are no registered crimes; «установлено» detains no one
        (
            "В текущем году выявлено 5 фактов незаконного перемещения наркотиков через границу.",
            "5",
            None,
        ),
        ("Установлено 6 лиц, причастных к сбыту.", "6", None),
    ],
)
def test_indicators_from_comparisons_and_the_subject(text, quote, indicator):
    assert by_quote(annotated(text), quote)["indicator"] == indicator


@pytest.mark.parametrize(
    ("text", "total", "parts"),
    [
        # «Из N … M …» without a comma: the number right after is one part
        ("Из 120 выявленных преступлений 45 связаны со сбытом наркотиков.", "120", ["45"]),
        # a sentence that opens with its whole (after a time at most): the next smaller number,
        # however long the whole's phrase or whatever verb comes between
        (
            "Из 188 протестированных в районе учеников 7—11-х классов 18 пробовали наркотики.",
            "188",
            ["18"],
        ),
        (
            "В этом году из 450 тестированных, выявлено 3 человека с положительным результатом.",
            "450",
            ["3 человека"],
        ),
        # «Среди заключенных …», «Среди подозреваемых …» too
        (
            "В колониях содержатся 11300 осужденных. Среди заключенных за наркопреступления "
            "отбывают наказание 2,6 тысячи человек, за кражи - 1,3 тысячи.",
            "11300",
            ["2,6 тысячи человек", "1,3 тысячи"],
        ),
        # «Среди задержанных …» opens a sentence of parts
        (
            "За год задержаны 40 человек. Среди задержанных 15 иностранцев.",
            "40",
            ["15 иностранцев"],
        ),
        # what was destroyed, and «Сюда входят …», open sentences of parts too
        (
            "В печи сожгли 95 кг наркотиков. Среди уничтоженного были 60 кг марихуаны и 30 кг "
            "гашиша.",
            "95 кг",
            ["60 кг", "30 кг"],
        ),
        (
            "За год изъято 2,8 тонны наркотиков. Сюда входят 1,9 тонны марихуаны и 400 кг героина.",
            "2,8 тонны",
            ["1,9 тонны", "400 кг"],
        ),
    ],
)
def test_parts_after_iz_and_sredi(text, total, parts):
    assert parts_of(annotated(text), total) == parts


def test_a_drug_label_before_a_dash_names_the_part_and_a_comma_ends_its_phrase():
    figures = annotated("Изъято 3 тонны наркотиков, в том числе: героина – 1,2 т, гашиша – 800 кг.")
    assert by_quote(figures, "1,2 т")["substance"] == "героин"
    assert by_quote(figures, "800 кг")["substance"] == "гашиш"


@pytest.mark.parametrize(
    ("text", "quote", "scope", "indicator"),
    [
        (
            "В течение года полицейские уничтожили 45 гектаров дикорастущей конопли.",
            "45",
            "period",
            "crops_destroyed",
        ),
        (
            "Ежегодно в республике изымают около 20 тонн наркотиков.",
            "около 20",
            "period",
            "drugs_seized",
        ),
        # «пресекли попытку ввоза»: a seizure at the border
        (
            "Пограничники пресекли попытку ввоза 20 кг гашиша из Киргизии.",
            "20 кг",
            "event",
            "drugs_seized",
        ),
    ],
)
def test_periods_in_words_and_seizures_at_the_border(text, quote, scope, indicator):
    figure = by_quote(annotated(text), quote)
    assert (figure["scope"], figure["indicator"]) == (scope, indicator)


def test_drug_labels_before_dashes_in_a_list_joined_by_i():
    figures = annotated(
        "С начала года изъято 1 200 кг наркотиков. Больше всего гашиша – 700 кг, марихуаны – "
        "350 кг и героина – 150 кг."
    )
    got = [by_quote(figures, q)["substance"] for q in ("700 кг", "350 кг", "150 кг")]
    assert got == ["гашиш", "марихуана", "героин"]


def test_of_these_with_the_totals_noun_is_of_them():
    figures = annotated(
        "71 преступление, связанное с незаконным оборотом наркотиков, пресекли наркополицейские "
        "за новогодние каникулы. 45 из этих преступлений связаны со сбытом наркотиков."
    )
    assert parts_of(figures, "71 преступление") == ["45"]


@pytest.mark.parametrize(
    ("text", "total", "parts"),
    [
        # a sentence naming a share: a part of the larger number before it
        (
            "Изъято 820 кг наркотиков. Наибольшая доля приходится на гашиш – 510 кг.",
            "820 кг",
            ["510 кг"],
        ),
        # «Из общего объема …» opens a sentence of parts
        (
            "За полгода изъято 1,1 тонны наркотиков. Из общего объема 600 кг – гашиш, 300 кг – "
            "героин.",
            "1,1 тонны",
            ["600 кг", "300 кг"],
        ),
        # the leaders among what was seized are its largest parts
        (
            "С начала года изъято более 2 т наркотиков. Среди основных изъятых веществ лидерами "
            "являются гашиш — 850 кг, кокаин — 307 кг, мефедрон — 31 кг.",
            "более 2 т",
            ["850 кг", "307 кг", "31 кг"],
        ),
    ],
)
def test_shares_and_parts_of_the_whole_volume(text, total, parts):
    assert parts_of(annotated(text), total) == parts


def test_za_polgoda_is_a_period():
    figures = annotated("За полгода полицейские изъяли 1,1 тонны наркотиков.")
    assert by_quote(figures, "1,1 тонны")["scope"] == "period"


def test_a_storys_facts_do_not_depend_on_the_order_its_copies_are_stored_in(tmp_path):
    """A copy that lost the lead reads the seizure with no region; stored first or last, the
    facts are the same, keyed by the fullest reading of the first publication."""
    from pipelines.db import connect

    lead = "Сотрудники МВД Татарстана задержали курьера с партией гашиша весом 7 килограммов."
    rest = "Наркотики изъяли при досмотре автомобиля на трассе М-12, курьер задержан."
    title = "На трассе М-12 задержан наркокурьер"
    stored = []
    for n, order in enumerate((("orig", "copy"), ("copy", "orig"))):
        db = connect(tmp_path / f"{n}.db")
        for source in order:
            body = f"{lead}\n{rest}" if source == "orig" else f"{rest}\nИзъято 7 кг гашиша."
            _store(db, source, f"https://{source}.example/1", title, body, "2025-10-03")
        stored.append(
            db.execute(
                "select fact_key, region, value, n_articles from facts order by fact_key"
            ).fetchall()
        )
    assert stored[0] == stored[1]
    assert any(row[1] == "RU-TA" and row[3] == 2 for row in stored[0])


def test_a_total_in_one_copy_and_a_value_in_another_is_not_added_to_its_parts(tmp_path):
    """A republication may read as the total of the parts a number the original left a value
    (here «7 кг», of no region, beside «около 7 килограммов» of Tatarstan: two facts):
    seized_by_substance counts the parts, never that number beside them."""
    from pipelines.db import connect

    subtitle = "Сотрудниками полиции изъято 7 кг запрещенных веществ"
    lead = (
        "Сотрудники МВД Татарстана задержали двух наркокурьеров с партией запрещенных веществ "
        "весом около 7 килограммов."
    )
    parts = (
        "При осмотре автомобиля были обнаружены 15 свертков с наркотическим средством «4-СМС» "
        "массой 6730,1 грамма и наркотическим средством «PVP» массой 53,7 грамма."
    )
    regions = (
        "Наркотики везли для распространения в Татарстане, Пермском крае, Вологодской и "
        "Ульяновской областях."
    )
    title = "На трассе М-12 задержаны наркокурьеры"
    db = connect(tmp_path / "t.db")
    _store(db, "orig", "https://orig.example/1", title,
           "\n".join([subtitle, lead, parts, regions]), "2025-10-03")  # fmt: skip
    _store(db, "copy", "https://copy.example/1", title, "\n".join([subtitle, parts, regions]),
           "2025-10-03")  # fmt: skip
    rows = db.execute("select region, kg from seized_by_substance").fetchall()
    assert rows == [("RU-TA", pytest.approx(6.784))]  # the parts, where their total was


def test_seized_by_substance_leaves_out_a_fact_any_mention_states_as_a_total(tmp_path):
    """The first mention of a fact may be a value while a republication's makes it the total
    of parts linked to another fact: the parts are counted, that fact is not."""
    from pipelines.db import connect

    db = connect(tmp_path / "t.db")
    article = _store(db, "orig", "https://orig.example/1", "", "Текст без чисел.", "2025-10-03")
    event = {"indicator": "drugs_seized", "scope": "event", "unit": "kg",
             "event_day": "2025-10-03", "substance": "наркотик"}  # fmt: skip
    facts = {}
    for name, value, role in (("seven", 7.0, "value"), ("about", 7.0, "total"),
                              ("part", 6.7, "part")):  # fmt: skip
        row = {**event, "fact_key": name, "value": value, "role": role}
        facts[name] = db["facts"].insert(row).last_pk
    db.execute("update facts set part_of = ? where id = ?", [facts["about"], facts["part"]])
    mention = {"article_id": article, "unit": "kg"}
    total = db["figures"].insert({**mention, "value": 7.0, "fact_id": facts["seven"]}).last_pk
    db["figures"].insert({**mention, "value": 6.7, "fact_id": facts["part"], "part_of": total})
    (kg,) = db.execute("select sum(kg) from seized_by_substance").fetchone()
    assert kg == pytest.approx(6.7)


def test_a_seizure_broken_down_only_by_shares_is_counted_whole(tmp_path):
    """«из которых 70% – соли» makes the 4,5 kg a total, but of a share, not of an amount: the
    event still counts with its 4,5 kg."""
    from pipelines.db import connect

    db = connect(tmp_path / "t.db")
    body = (
        "Сотрудники полиции Саратова задержали наркокурьера и изъяли у него 4,5 кг синтетических "
        "наркотиков, из которых 70% – так называемые «соли»."
    )
    _store(db, "orig", "https://orig.example/1", "Задержан наркокурьер", body, "2025-10-03")
    roles = db.execute("select quote, role from figures order by seq").fetchall()
    assert roles == [("4,5 кг", "total"), ("70%", "part")]
    (kg,) = db.execute("select sum(kg) from seized_by_substance").fetchone()
    assert kg == pytest.approx(4.5)


def test_seized_by_substance_counts_only_the_innermost_parts(tmp_path):
    """One copy breaks a number down into parts; another reads that number as a part of a
    larger one: it is a part with parts, and only its own parts are counted."""
    from pipelines.db import connect

    db = connect(tmp_path / "t.db")
    _store(db, "orig", "https://orig.example/1", "", "Текст без чисел.", "2025-10-03")
    event = {"indicator": "drugs_seized", "scope": "event", "unit": "kg",
             "event_day": "2025-10-03", "substance": "наркотик"}  # fmt: skip
    facts = {}
    for name, value, role in (("all", 15.0, "total"), ("middle", 14.3, "part"),
                              ("heroin", 12.8, "part"), ("hashish", 1.5, "part")):  # fmt: skip
        facts[name] = db["facts"].insert({**event, "fact_key": name, "value": value,
                                          "role": role}).last_pk  # fmt: skip
    for child, parent in (("middle", "all"), ("heroin", "middle"), ("hashish", "middle")):
        db.execute("update facts set part_of = ? where id = ?", [facts[parent], facts[child]])
    (kg,) = db.execute("select sum(kg) from seized_by_substance").fetchone()
    assert kg == pytest.approx(14.3)  # 12.8 + 1.5, never 14.3 beside them


_DRUG_LEAD = (
    "В МВД заявили, что за шесть месяцев в сфере незаконного оборота наркотиков выявлено 403 "
    "преступления. "
)


@pytest.mark.parametrize(
    ("text", "quote", "indicator"),
    [
        # crimes whose drug context is the sentence before
        (
            _DRUG_LEAD + "Выявлено 146 преступлений, совершённых в крупном размере.",
            "146",
            "drug_crimes",
        ),
        (_DRUG_LEAD + "С января зарегистрировано 142 правонарушения.", "142", "drug_crimes"),
        # not what the own sentence rules out (solved crimes), nor cases of anything
        (_DRUG_LEAD + "Раскрыто 88 преступлений прошлых лет.", "88", None),
        (_DRUG_LEAD + "В 10 случаях прием зелья закончился летальным исходом.", "10", None),
    ],
)
def test_crimes_take_the_drug_context_of_the_sentence_before(text, quote, indicator):
    assert by_quote(annotated(text), quote)["indicator"] == indicator


def test_a_bare_count_in_brackets_counts_the_crimes_the_sentences_before_count():
    districts = "в районах: Ленинский — на 20% (с 10 до 12), Советский — на 50% (с 4 до 6)."
    figures = annotated(_DRUG_LEAD + "Рост отмечен " + districts)
    assert [f["quote"] for f in figures] == ["403 преступления", "20%", "10", "12", "50%", "4", "6"]
    assert {f["indicator"] for f in figures} == {"drug_crimes"}  # the changes with their counts
    # ... unless its own sentence counts something the indicator rules out
    figures = annotated(_DRUG_LEAD + "Административных протоколов составлено больше " + districts)
    assert [f["indicator"] for f in figures[1:]] == [None] * 6


def test_a_narko_compound_of_a_drug_noun_is_a_drug():
    figures = annotated("В этом году объём изъятых нарковеществ превысил десять килограммов.")
    assert (figures[0]["indicator"], figures[0]["substance"]) == ("drugs_seized", "наркотик")


def test_storage_is_no_sale_and_fraud_is_no_drug_detention():
    text = "С начала года выявлено 24 факта сбыта наркотиков, 37 фактов хранения наркотиков."
    figures = annotated(text)
    assert by_quote(figures, "24 факта")["indicator"] == "drug_sales_crimes"
    assert by_quote(figures, "37 фактов")["indicator"] == "drug_crimes"
    text = "Также удалось задержать 23 человека, причастных к интернет-мошенничествам."
    assert by_quote(annotated(text), "23 человека")["indicator"] is None
    assert by_quote(annotated("Задержаны 23 человека."), "23 человека")["indicator"] == (
        "persons_detained"
    )


def test_crimes_in_the_first_sentence_take_the_drug_context_of_the_headline():
    text = "Как сообщает УМВД, в 2025 году выявлено более 1 тысячи преступлений в этой сфере."
    title = "Наркотрафик под ударом: в области за год закрыли 5 лабораторий"
    assert (
        by_quote(annotated(text, title=title), "более 1 тысячи преступлений")["indicator"]
        == "drug_crimes"
    )
    assert (
        by_quote(annotated(text, title="Итоги года"), "более 1 тысячи преступлений")["indicator"]
        is None
    )


def test_a_rounded_headline_joins_its_body_s_fact_without_a_conflict(tmp_path):
    from pipelines.db import connect

    db = connect(tmp_path / "t.db")
    article = _store(db, "orig", "https://orig.example/2", "Изъято почти полторы тонны наркотиков",
                     "С начала 2024 года полицейские края изъяли 1447 кг наркотиков.",
                     "2024-07-10")  # fmt: skip
    rows = db.execute(
        "select f.in_title, f.fact_id, x.value, x.conflict, x.n_mentions from figures f"
        " join facts x on x.id = f.fact_id where f.article_id = ? order by f.in_title",
        [article],
    ).fetchall()
    assert len(rows) == 2 and rows[0][1] == rows[1][1]
    assert rows[0][2:] == (1447.0, 0, 2)  # the body's number, stated twice, no conflict


def test_a_headline_number_twins_only_a_body_number_counting_the_same_thing():
    head = {"value": 5, "unit": "count", "object": "украинец", "qualifier": "exact"}
    cases = {"value": 5, "unit": "count", "object": "дело", "qualifier": "exact"}
    people = {"value": 5, "unit": "count", "object": "гражданин", "qualifier": "exact"}
    assert headline_twin(head, [cases]) is None
    assert headline_twin(head, [cases, people]) == 1
    figures = annotated(
        "Пять уголовных дел возбуждено в отношении граждан Украины.",
        title="На Алтае задержали пятерых украинцев",
    )
    body = next(f for f in figures if not f["in_title"])
    assert body["indicator"] != "persons_detained"


def _fact_rows(db, article_id: int) -> list[tuple]:
    return db.execute(
        "select f.value, f.fact_id, x.conflict from figures f join facts x on x.id = f.fact_id"
        " where f.article_id = ? and f.in_title = 0 order by f.seq",
        [article_id],
    ).fetchall()


def test_a_lead_s_rounded_number_is_the_claim_the_text_states_precisely(tmp_path):
    from pipelines.db import connect

    db = connect(tmp_path / "t.db")
    article = _store(db, "a", "https://a.example/1", "Героин на границе",
                     "Пограничники в Хатлонской области изъяли свыше 47 килограммов героина.\n"
                     "Как сообщили в пресс-службе погранвойск, в субботу на участке Пянджского "
                     "погранотряда пограничники изъяли 47 килограммов 370 граммов героина.",
                     "2024-03-11")  # fmt: skip
    rows = _fact_rows(db, article)
    assert [r[0] for r in rows] == [47.0, 47.37]
    assert rows[0][1] == rows[1][1] and rows[0][2] == 0  # one claim, no conflict
    events = db.execute("select kg, qualifier, quote from seizure_events").fetchall()
    assert events == [(47.37, "exact", "47 килограммов 370 граммов")]  # once, the precise value


def test_a_generic_mass_restated_as_one_drug_s_is_that_drug_s_claim(tmp_path):
    from pipelines.db import connect

    db = connect(tmp_path / "t.db")
    article = _store(db, "a", "https://a.example/1", "Наркотики в гараже",
                     "В Казани полицейские изъяли около 40 кг наркотиков.\n"
                     "По данным МВД, в гараже задержанного нашли порядка 40 кг мефедрона.",
                     "2024-03-11")  # fmt: skip
    rows = _fact_rows(db, article)
    assert len(rows) == 2 and rows[0][1] == rows[1][1]  # one claim
    assert db.execute("select substance, kg from seizure_events").fetchall() == [("мефедрон", 40)]
    # the figure keeps what its own words say
    assert db.execute("select substance from figures order by seq").fetchall()[0] == ("наркотик",)
    article = _store(db, "b", "https://b.example/2", "Наркотики на складе",
                     "В Казани полицейские изъяли около 40 кг наркотиков.\n"
                     "На складе нашли 40 кг мефедрона, в гараже — 40 кг гашиша.",
                     "2024-03-12")  # fmt: skip
    assert len({r[1] for r in _fact_rows(db, article)}) == 3  # which drug is it? open
    article = _store(db, "c", "https://c.example/3", "Синтетика в посылке",
                     "В Казани полицейские изъяли полкило наркотиков.\n"
                     "По данным МВД, в посылке нашли 500 граммов синтетических наркотиков.",
                     "2024-03-13")  # fmt: skip
    rows = _fact_rows(db, article)
    assert len({r[1] for r in rows}) == 1  # a group's mass restates a generic one
    fact = db.execute("select substance, value from facts where id = ?", [rows[0][1]]).fetchone()
    assert fact == ("синтетика", 0.5)


def test_two_seizures_of_about_one_size_in_one_text_stay_two(tmp_path):
    from pipelines.db import connect

    db = connect(tmp_path / "t.db")
    article = _store(db, "a", "https://a.example/1", "Обыск у наркоторговца",
                     "Во время обыска в Уфе оперативники изъяли свыше 120 г героина.\n"
                     "Во дворе дома в тайнике нашли еще более 130 г героина.",
                     "2024-03-11")  # fmt: skip
    rows = _fact_rows(db, article)
    assert len({r[1] for r in rows}) == 2  # neither is stated precisely: no restatement
    article = _store(db, "b", "https://b.example/2", "Курьеры",
                     "В Уфе у первого задержанного изъяли 7 г героина, у второго — 8 г героина.",
                     "2024-03-12")  # fmt: skip
    rows = _fact_rows(db, article)
    assert len({r[1] for r in rows}) == 2  # 7 and 8: no one number is both


def test_undated_events_of_unrelated_stories_stay_apart(tmp_path):
    from pipelines.db import connect

    db = connect(tmp_path / "t.db")
    first = _store(db, "a", "https://a.example/1", "Задержаны наркокурьеры",
                   "В Оренбургской области полицейские задержали двух мужчин с гашишем.",
                   None)  # fmt: skip
    other = _store(db, "b", "https://b.example/7", "Задержаны продавцы спайса",
                   "Оперативники уголовного розыска вчера искали закладчиков у вокзала. "
                   "В Оренбургской области задержали двух мужчин, торговавших спайсом.",
                   None)  # fmt: skip
    # no day says the two detentions are one: two facts, each of its own story
    assert _fact_rows(db, first)[0][1] != _fact_rows(db, other)[0][1]
    # the same day and place: one event, told twice
    dated = [_store(db, s, f"https://{s}.example/9", "Задержаны наркокурьеры",
                    "В Оренбургской области полицейские задержали двух мужчин с гашишем.",
                    "2024-07-10") for s in ("c", "d")]  # fmt: skip
    assert _fact_rows(db, dated[0])[0][1] == _fact_rows(db, dated[1])[0][1]


def test_a_period_statistic_conflicts_only_with_values_of_its_size(tmp_path):
    from pipelines.db import connect

    db = connect(tmp_path / "t.db")
    body = "За первое полугодие 2024 года в Оренбургской области изъято {} наркотиков."
    first = _store(db, "a", "https://a.example/1", "Итоги полугодия", body.format("457 кг"),
                   "2024-07-10")  # fmt: skip
    # unrelated stories (no near-duplicates): each says more of its own around the number
    rounded = _store(db, "b", "https://b.example/2", "Наркоконтроль",
                     "Прокурор области выступил на коллегии и назвал главные угрозы: синтетику "
                     "и закладки в мессенджерах. " + body.format("почти 500 кг"),
                     "2024-07-12")  # fmt: skip
    smaller = _store(db, "c", "https://c.example/3", "Рейд",
                     "Инспекторы ГИБДД останавливали грузовики на трассе Самара — Оренбург и "
                     "проверяли водителей на опьянение. " + body.format("более 1 кг"),
                     "2024-07-14")  # fmt: skip
    (_, fact, _), (_, fact_rounded, conflict) = _fact_rows(db, first)[0], _fact_rows(db, rounded)[0]
    assert fact == fact_rounded and conflict == 0  # one statistic, 457 rounded: no conflict
    assert _fact_rows(db, smaller)[0][1] != fact  # a thousandth of it is another count
    other = _store(db, "d", "https://d.example/4", "Доклад",
                   "Начальник управления рассказал депутатам о работе с подростками и "
                   "профилактике в школах. " + body.format("520 кг"),
                   "2024-07-16")  # fmt: skip
    (_, fact_other, conflict) = _fact_rows(db, other)[0]
    assert fact_other == fact and conflict == 1  # 457 and 520: no one number is both


def test_a_number_and_its_rounding_are_one_number_not_a_conflict():
    from pipelines.facts.twins import one_number

    def said(value, qualifier, quote, unit="kg"):
        return {"value": value, "qualifier": qualifier, "quote": quote, "unit": unit}

    exact = said(22.115, "exact", "22 кг 115 г")
    assert one_number([exact, said(22, "more_than", "более 22 кг")])
    assert one_number([said(376, "exact", "376", "count"), said(400, "approx", "почти 400")])
    assert one_number([said(3630, "exact", "3 630 кг"), said(3600, "exact", "3,6 тонн")])
    assert one_number([said(10.13, "exact", "10 кг 130 г"), said(10, "exact", "10 кг")])
    assert not one_number([exact, said(21, "exact", "21 кг")])
    assert not one_number([said(2030, "exact", "2 тонны 30 кг"),
                           said(1658.036, "exact", "1 тонну 658 кг 36 г")])  # fmt: skip
    assert not one_number([said(22, "more_than", "более 22 кг"),
                           said(20, "less_than", "менее 20 кг")])  # fmt: skip
    assert not one_number([said(7, "exact", "7 г"), said(8, "exact", "8 г")])  # ranges touch
    assert one_number([said(20, "more_than", "свыше 20 кг"), said(22, "more_than", "более 22 кг")])


def test_the_share_of_an_earlier_period_s_value_is_a_baseline_too():
    text = (
        "Количество осужденных в 1 пол. 2023 г. составило 652 лица, или 61,8% от числа всех "
        "осужденных (в 1 пол. 2022 г. – 685 лиц, или 56,5%)."
    )
    figures = annotated(text)
    assert [by_quote(figures, q)["role"] for q in ("652 лица", "61,8%", "685 лиц", "56,5%")] == [
        "value", "value", "baseline", "baseline"
    ]  # fmt: skip


def test_the_other_crimes_of_a_police_summary_are_no_drug_crimes():
    text = (
        "За год в области выявлено 412 преступлений в сфере незаконного оборота наркотиков. "
        "«Сократилось число преступлений против личности — на 3,4%, в том числе убийств — на "
        "12,5% (в абсолютных цифрах — 190), грабежей — на 8% (310)», — сказали в пресс-службе."
    )
    figures = annotated(text)
    assert by_quote(figures, "412 преступлений")["indicator"] == "drug_crimes"
    for quote in ("3,4%", "12,5%", "190", "8%"):
        assert by_quote(figures, quote)["indicator"] is None


def test_a_series_of_years_in_one_sentence_gives_each_year_its_own_statistic(tmp_path):
    from pipelines.db import connect
    from pipelines.fact_views import statistics_rows

    db = connect(tmp_path / "t.db")
    _store(db, "src", "https://src.example/1", "Итоги года в Омской области",
           "В Омской области в 2022 году выявлено 812 наркопреступлений, в 2023-м – 904.",
           "2024-01-20")  # fmt: skip
    rows = statistics_rows(db, "drug_crimes")
    assert [(r["period_start"], r["value"], r["last_year"]) for r in rows] == [
        ("2023-01-01", 904, 812)
    ]  # the 812 is 2022's, stated as 2023's baseline; no 2023 row holds it


def test_last_year_is_the_value_stated_beside_a_number_or_none_when_last_years_disagree(tmp_path):
    from pipelines.db import connect
    from pipelines.fact_views import statistics_rows

    db = connect(tmp_path / "t.db")
    _store(db, "src", "https://src.example/1", "Итоги года в Омской области",
           "В Омской области в 2022 году выявлено 812 наркопреступлений, в 2023-м – 904.",
           "2024-01-20")  # fmt: skip
    # another count of 2022 the key cannot tell apart (too far off to be a conflict of 812)
    _store(
        db,
        "other",
        "https://other.example/2",
        "Итоги 2022 года",
        "В 2022 году в Омской области выявлено 300 наркопреступлений.",
        "2023-01-15",
    )
    _store(db, "third", "https://third.example/3", "Доклад прокурора",
           "По словам прокурора, в 2023 году в Омской области выявлено 2500 наркопреступлений.",
           "2024-02-01")  # fmt: skip
    rows = {r["value"]: r for r in statistics_rows(db, "drug_crimes", year="2023")}
    assert rows[904]["last_year"] == 812  # the one its own article states
    assert rows[2500]["last_year"] is None  # 812 or 300: no text says which
    assert rows[2500]["change_pct"] is None


def test_drugs_destroyed_break_down_as_seizures_do():
    # no indicator (destroyed, not seized), yet the generic mass is the whole of the later ones
    figures = annotated(
        "Полицейские сожгли 50 кг наркотиков, изъятых по делам. Вещества были доказательствами "
        "по делам. В печи сгорели 36 килограммов синтетики и более 11 килограммов марихуаны."
    )
    assert [(f["role"], f["part_of"]) for f in figures] == [
        ("total", None),
        ("part", 0),
        ("part", 0),
    ]


@pytest.mark.parametrize(
    ("text", "quote", "indicator"),
    [
        # a liquid or raw material its own words do not call a drug: what drugs are made of
        ("В гараже изъяли 3 кг мефедрона и 50 литров жидкости, из которой можно было сварить "
         "еще два килограмма.", "50 литров", None),
        # named as a drug, it is one
        ("В лаборатории изъяли 400 литров наркосодержащей жидкости.", "400 литров",
         "drugs_seized"),
        ("Изъято 21,5 тонны сырья маковой соломы.", "21,5 тонны", "drugs_seized"),
    ],
)  # fmt: skip
def test_a_bare_liquid_or_raw_material_is_no_drug_seized(text, quote, indicator):
    assert by_quote(annotated(text), quote)["indicator"] == indicator


def test_restatements_find_their_region_among_same_numbers_only():
    """The region a restated number takes is the one a pairwise comparison of all figures gives,
    float noise of unit conversions included (1,1 т is 1100.0000000000002 кг)."""
    import random

    from pipelines.facts.twins import same_number
    from pipelines.facts_pipeline import _SAME_CLAIM, restatements_share_their_region

    def pairwise(figures):  # the rule as stated, every pair compared
        placed = [f for f in figures if f.get("region") and f["region_reason"] == "sentence"]
        for figure in figures:
            if figure.get("region") or figure["region_reason"] == "sentence":
                continue
            regions = {
                o["region"]
                for o in placed
                if o["region"].startswith(figure["country"] + "-")
                and same_number(o, figure)
                and all(o.get(k) == figure.get(k) for k in _SAME_CLAIM)
            }
            if len(regions) == 1:
                figure["region"] = regions.pop()

    rng = random.Random(7)
    for _ in range(50):
        figures = []
        for _ in range(40):
            value = rng.choice([7, 7.0000000001, 1100.0000000000002, 1100, 0.5, 12, 3e-7])
            placed = rng.random() < 0.4
            figures.append({
                "value": value, "unit": rng.choice(["kg", "count"]), "indicator": "drugs_seized",
                "scope": "event", "country": "RU",
                "region": rng.choice(["RU-TA", "RU-MOW"]) if placed else None,
                "region_reason": "sentence" if placed else "article",
            })  # fmt: skip
        expected = [dict(f) for f in figures]
        pairwise(expected)
        restatements_share_their_region(figures)
        assert [f["region"] for f in figures] == [f["region"] for f in expected]
