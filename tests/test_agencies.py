"""Agencies in every case form, normalised to the keys of data/agencies.tsv."""

from pathlib import Path

import pytest

from pipelines.agencies import display_name, find_agencies, load_agencies

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def agencies_of(text):
    return [(a["agency"], a["name"]) for a in find_agencies(text)]


@pytest.mark.parametrize(
    ("marked", "key"),
    [
        ("В [Генеральной прокуратуре] прошло совещание.", "prosecutor_general"),
        ("Пресс-служба [Генпрокуратуры] сообщила.", "prosecutor_general"),
        ("[Генеральный прокурор] выступил.", "prosecutor_general"),
        ("Фото: [прокуратура Жамбылской области]", "prosecutor_regional"),
        ("[Прокуратура г. Алматы] сообщает.", "prosecutor_regional"),
        ("Совещание прошло в [прокуратуре района].", "prosecutor_district"),
        ("под председательством [прокурора Промышленновского района]", "prosecutor_district"),
        ("[Межрайонная прокуратура] провела проверку.", "prosecutor_district"),
        ("[Прокуроры] проводят занятия.", "prosecutor"),
        ("Дела расследуются [спецпрокурорами].", "prosecutor_special"),
        ("Дела приняты [специальными прокурорами].", "prosecutor_special"),
        ("Сотрудники [Отдела МВД России по Промышленновскому району].", "mvd"),
        ("Заседание совета при [МВД РК].", "mvd"),
        ("На совещании в [Департаменте полиции].", "mvd"),
        ("Руководители [Министерства внутренних дел].", "mvd"),
        ("[Полицейские] задержали курьера.", "mvd"),
        ("Сотрудниками [ПДН] проведено 19 бесед.", "pdn"),
        ("Руководители [Комитета национальной безопасности].", "knb"),
        ("Сотрудники [КНБ] задержали курьера.", "knb"),
        ("Руководители [Агентства по финансовому мониторингу].", "afm"),
        ("Меморандум между [АФМ] и банками.", "afm"),
        ("Бывшие сотрудники [ФСКН].", "fskn"),
        ("Сотрудники [УФСБ России по Кемеровской области] задержали курьера.", "fsb"),
        ("[Следственным комитетом] возбуждено дело.", "sk"),
        ("[СУ СК РФ по Кемеровской области] сообщает.", "sk"),
        ("Груз задержан на [таможне].", "customs"),
        ("В [суд] направлено 16 уголовных дел.", "court"),
    ],
)
def test_agency_in_any_case_form(marked, key):
    # The brackets mark the name as it should be read, qualifiers included.
    name = marked[marked.index("[") + 1 : marked.index("]")]
    text = marked.replace("[", "").replace("]", "")
    assert agencies_of(text) == [(key, name)]


def test_offsets_and_display_name():
    text = "Сотрудники КНБ задержали курьера."
    (agency,) = find_agencies(text)
    assert text[agency["start"] : agency["end"]] == "КНБ"
    assert agency["display_name"] == "Комитет национальной безопасности (КНБ)"


def test_country_is_what_the_name_or_the_agency_says():
    countries = [a["country"] for a in find_agencies("МВД России, ФСБ, КНБ, полиция.")]
    assert countries == ["RU", "RU", "KZ", None]


def test_an_ambiguous_country_is_settled_by_the_text():
    # "РК" is Kazakhstan and the Komi Republic; the text names a Kazakh region.
    text = "В Караганде прошло заседание совета при МВД РК."
    assert [a["country"] for a in find_agencies(text)] == ["KZ"]


def test_several_agencies_in_one_sentence():
    text = "Сотрудниками ПДН Отдела МВД России по Промышленновскому району проведено 19 бесед."
    assert agencies_of(text) == [
        ("pdn", "ПДН"),
        ("mvd", "Отдела МВД России по Промышленновскому району"),
    ]


def test_acronyms_need_capitals_and_ordinary_text_has_no_agencies():
    assert agencies_of("Ск сказал, что мвд не при чём.") == []
    assert agencies_of("Изъято 5 кг наркотических средств.") == []


def test_every_key_has_a_display_name():
    agencies = load_agencies().agencies
    assert {"prosecutor_general", "mvd", "knb", "afm", "fskn", "fsb", "sk", "court"} <= set(
        agencies
    )
    for key in agencies:
        assert display_name(key)


def test_seed_agencies():
    if not SEEDS.is_dir():
        pytest.skip("the shared seed articles (../shared/seeds) are not here")
    text = next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8")
    keys = {a["agency"] for a in find_agencies(text)}
    assert keys == {"prosecutor_general", "prosecutor", "prosecutor_special", "knb", "afm", "mvd"}
    text = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
    keys = {a["agency"] for a in find_agencies(text)}
    assert keys == {"prosecutor_district", "mvd", "sk", "pdn", "court"}
