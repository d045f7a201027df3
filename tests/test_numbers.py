"""Reading numbers as Russian texts write them (pipelines.numbers)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.numbers import find_numbers, parse_digits, parse_number
from pipelines.sentences import tokenize

SEPARATORS = [" ", "\u00a0", "\u2009", "\u202f"]


def value_of(text: str) -> float | int | None:
    span = parse_number(text)
    return None if span is None else span.value


# --- digits ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 407", 1407),
        ("1\u00a0407", 1407),
        ("1\u2009407", 1407),
        ("1\u202f407", 1407),
        ("12 500 000", 12500000),
        ("127,3", 127.3),
        ("1 407,5", 1407.5),
        ("0,25", 0.25),
        ("15.3", 15.3),
        ("2886", 2886),
    ],
)
def test_digits_with_grouping_and_decimal_comma(text, value):
    assert parse_digits(text) == value
    assert value_of(text) == value


@pytest.mark.parametrize("text", ["05.06.2014", "6.9.1", "1.2.3", "12.345.67", "1.2345.678"])
def test_digits_with_several_dots_are_no_number(text):
    assert parse_digits(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("2.750.000", 2750000), ("14.000.000", 14000000), ("3.400.500,25", 3400500.25)],
)
def test_thousands_grouped_by_dots(text, value):
    """Two dot groups of three digits at least are thousands; one dot stays a decimal point."""
    assert parse_digits(text) == value
    assert parse_digits("2.750") == 2.75


def test_a_run_of_more_digits_than_any_amount_is_no_number():
    """A card or account number, or a page of digits, is no quantity; past 308 digits it has no
    float, and reading it made the figures step fail on the whole article."""
    from pipelines.figures import extract_figures

    assert parse_digits("999 999 999 999 999") == 999999999999999  # 15 digits: an amount
    assert parse_digits("1" * 16) is None and parse_digits("9" * 400 + ",5") is None
    text = "Изъято " + "100 " * 5000 + "кг. В Караганде изъято 5 кг героина."
    assert [(f["value"], f["unit"]) for f in extract_figures(text)] == [(5, "kg")]


def test_grouping_needs_groups_of_three_digits():
    """'в 2014 году 25' must not become 201425: only 1-3 digits then groups of three join."""
    values = [span.value for span in find_numbers(tokenize("в 2014 25 случаев и 12 34"))]
    assert values == [2014, 25, 12, 34]


# --- multipliers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("5 тыс.", 5000),
        ("5 тыс", 5000),
        ("1,5 тыс.", 1500),
        ("35 тысяч", 35000),
        ("две тысячи", 2000),
        ("18 млн", 18_000_000),
        ("4 миллиона", 4_000_000),
        ("2,5 млрд", 2_500_000_000),
        ("7 миллиардов", 7_000_000_000),
        ("3 трлн", 3_000_000_000_000),
        ("1,2 триллиона", 1_200_000_000_000),
        ("61 млн 260 тыс.", 61_260_000),
        ("7 тыс. 350", 7350),
        ("тысяча", 1000),
        ("миллион", 1_000_000),
        ("полтора десятка", 15),
        ("три десятка", 30),
        ("две сотни", 200),
    ],
)
def test_multipliers_in_every_form(text, value):
    assert value_of(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("свыше 1 тыс. 50 кг", 1050),  # fewer than three digits, before what it weighs
        ("3 тыс. 15 единиц", 3015),
        ("1 тыс. 740 кг", 1740),
        ("5 тыс. 12 мая", 5000),  # a date after the thousands, not a part of them
        ("1 млн 20 тенге", 1_000_000),  # only «тыс.» takes a part with no multiplier
    ],
)
def test_the_smaller_part_of_a_compound_amount(text, value):
    assert find_numbers(tokenize(text))[0].value == value


def test_plural_multiplier_alone_is_no_number():
    """'тысячи людей' is an indefinite amount, not 1000."""
    assert parse_number("тысячи") is None
    assert parse_number("миллионы") is None
    assert parse_number("десятки") is None


# --- number words ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("двух", 2),
        ("две", 2),
        ("двумя", 2),
        ("трех", 3),
        ("трёх", 3),
        ("семи", 7),
        ("одиннадцати", 11),
        ("сорок восемь", 48),
        ("сорока восьми", 48),
        ("ста пятидесяти", 150),
        ("двухсот тридцати", 230),
        ("девятьюстами", 900),
        ("трех тысяч", 3000),
        ("двадцати пяти тысяч трехсот", 25300),
        ("полтора", 1.5),
        ("полторы тысячи", 1500),
        ("полутора миллионов", 1_500_000),
        ("полтораста", 150),
        ("трое", 3),
        ("пятерых", 5),
        ("двоих", 2),
        ("ноль", 0),
    ],
)
def test_number_words_in_every_case_and_gender(text, value):
    assert value_of(text) == value


def test_collectives_and_factors_are_marked():
    assert parse_number("трое").role == "collective"
    assert parse_number("вдвое").role == "factor"
    assert parse_number("вдвое").value == 2
    assert parse_number("втрое").value == 3
    assert parse_number("одного").role == "one"


@pytest.mark.parametrize("text", ["пять шесть", "сорок сорок", "семь двадцать"])
def test_ill_formed_compounds_are_not_joined(text):
    assert parse_number(text) is None
    assert len(find_numbers(tokenize(text))) == 2


@pytest.mark.parametrize("text", ["первый", "второй", "третьего", "несколько", "много", "раз"])
def test_ordinals_and_vague_amounts_are_no_number(text):
    assert parse_number(text) is None


def test_number_words_in_a_sentence():
    tokens = tokenize("Задержаны трое мужчин, изъято двести сорок граммов и полторы тысячи доз.")
    assert [span.value for span in find_numbers(tokens)] == [3, 240, 1500]


# --- currency signs and suffixes --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("$950 тыс", 950_000, "USD"),
        ("$ 12", 12, "USD"),
        ("5000 ₸", 5000, "KZT"),
        ("300 ₽", 300, "RUB"),
        ("€15 млн", 15_000_000, "EUR"),
    ],
)
def test_currency_signs(text, value, currency):
    span = parse_number(text)
    assert (span.value, span.currency) == (value, currency)


def test_hyphen_endings_cardinal_or_not():
    assert parse_number("5-ти").suffix is None
    assert parse_number("5-ти").value == 5
    assert parse_number("2-х").suffix is None
    # the endings of «шестнадцати», «пять», «семью» after the digits: still cardinals
    for written in ("16-и", "5-ть", "8-ью", "7-мью"):
        assert parse_number(written).suffix is None, written
    assert parse_number("3-й").suffix == "й"
    assert parse_number("20-летний").suffix == "летний"


def test_offsets_point_into_the_text():
    text = "Изъято более 1 407,5 тыс. рублей и трех тысяч доз"
    for span in find_numbers(tokenize(text)):
        assert text[span.start : span.end].strip()
    spans = find_numbers(tokenize(text))
    assert text[spans[0].start : spans[0].end] == "1 407,5 тыс."
    assert text[spans[1].start : spans[1].end] == "трех тысяч"


# --- properties --------------------------------------------------------------------------------


def group_digits(n: int, separator: str) -> str:
    return f"{n:,}".replace(",", separator)


@settings(max_examples=300, deadline=None)
@given(n=st.integers(min_value=0, max_value=10**12), separator=st.sampled_from(SEPARATORS))
def test_grouped_digits_read_back(n, separator):
    assert value_of(group_digits(n, separator)) == n


@settings(max_examples=200, deadline=None)
@given(
    whole=st.integers(min_value=0, max_value=10**9),
    fraction=st.integers(min_value=1, max_value=99),
    separator=st.sampled_from(SEPARATORS),
)
def test_grouped_decimals_read_back(whole, fraction, separator):
    text = f"{group_digits(whole, separator)},{fraction:02d}"
    assert value_of(text) == pytest.approx(whole + fraction / 100, rel=1e-12)


CASES = ["nominative", "genitive", "dative", "instrumental", "accusative", "prepositional"]


@settings(max_examples=400, deadline=None)
@given(
    n=st.integers(min_value=0, max_value=999_999),
    case=st.sampled_from(CASES),
    gender=st.sampled_from(["m", "f", "n"]),
)
def test_spelled_numbers_read_back(n, case, gender):
    """An independent speller (num2words) writes n in words in any case and gender."""
    num2words = pytest.importorskip("num2words").num2words
    words = num2words(n, lang="ru", case=case, gender=gender)
    assert value_of(words) == n, words


def test_a_hyphenated_range_of_number_words_is_split_in_three():
    from pipelines.numbers import split_word_ranges

    tokens = split_word_ranges(tokenize("изъято четырех-пяти тонн, Мак-2017, северо-восток"))
    assert [t.text for t in tokens] == [
        "изъято", "четырех", "-", "пяти", "тонн", ",", "Мак", "-", "2017", ",", "северо-восток",
    ]  # fmt: skip
    text = "четырех-пяти"
    assert [(t.start, t.end) for t in split_word_ranges(tokenize(text))] == [
        (0, 7),
        (7, 8),
        (8, 12),
    ]
