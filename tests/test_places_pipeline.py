"""The places step of the crawl: regions of articles and figures, and what it skips."""

from pipelines.figures_pipeline import apply_figures
from pipelines.items import ArticleRecord
from pipelines.places_pipeline import apply_places, is_russian_text


def record(title: str, body: str) -> ArticleRecord:
    return ArticleRecord(
        source="s", url="u", html="", fetched_at="2025-08-01", title=title, body=body
    )


def test_title_place_decides_the_article_and_sentences_decide_figures():
    r = record(
        "В Жамбылской области изъято 5 кг гашиша",
        "Полицейские изъяли 5 кг гашиша. По стране выявлено 300 преступлений. "
        "В Павлодаре задержаны трое.",
    )
    apply_places(apply_figures(r), "KZ")
    assert (r.region, r.country) == ("KZ-31", "KZ")
    where = {f["quote"]: (f["region"], f["country"], f["region_reason"]) for f in r.figures}
    assert where["5 кг"] == ("KZ-31", "KZ", "article")
    assert where["300 преступлений"] == (None, "KZ", "sentence")
    assert where["трое"] == ("KZ-55", "KZ", "sentence")
    assert any(a["agency"] == "mvd" for a in r.agencies)


def test_text_in_another_language_is_not_searched_for_russian_places():
    assert is_russian_text("В Павлодаре изъято 5 кг") and not is_russian_text("Police in Almaty")
    r = record("Drug bust", "Police in Almaty seized 5 kg of hashish, the ministry said.")
    apply_places(r, "KZ")
    assert r.places == [] and r.agencies == []
    assert (r.region, r.country) == (None, "KZ")  # the source's home region stands in


def test_figures_of_a_page_in_another_language_take_the_source_region():
    r = record("Drug bust in Pavlodar", "Police seized 5 kg of hashish in Pavlodar on Monday.")
    r.figures = [{"quote": "5 kg", "sentence": "Police seized 5 kg of hashish in Pavlodar."}]
    apply_places(r, "KZ-55")
    assert r.places == []
    assert (r.region, r.country) == ("KZ-55", "KZ")
    figure = r.figures[0]
    assert (figure["region"], figure["country"], figure["region_reason"]) == (
        "KZ-55",
        "KZ",
        "source",
    )


def _regions(title: str, body: str) -> dict:
    r = record(title, body)
    apply_places(apply_figures(r), None)
    return {f["quote"]: (f["region"], f["region_reason"]) for f in r.figures}


DIGEST = (
    "В Павлодаре задержан курьер с 2 кг гашиша. В Семее полицейские задержали мужчину. "
    "У него изъято 500 г героина. В Караганде изъято 3 кг марихуаны."
)


def test_a_sentence_that_goes_on_with_the_story_before_takes_its_place():
    where = _regions("Итоги недели", DIGEST)
    assert where["500 г"] == ("KZ-10", "story")  # Semey, not the digest's country
    assert where["2 кг"] == ("KZ-55", "sentence") and where["3 кг"] == ("KZ-35", "sentence")


def test_the_story_goes_on_over_a_sentence_that_points_back_too():
    where = _regions(
        "Итоги недели",
        "В Семее полицейские задержали мужчину. При нём был рюкзак. В ходе досмотра изъято "
        "500 г героина. В Караганде изъято 3 кг марихуаны.",
    )
    assert where["500 г"] == ("KZ-10", "story")


def test_no_story_without_a_word_pointing_back():
    plain = _regions("Итоги недели", DIGEST.replace("У него изъято", "Всего изъято"))
    assert plain["500 г"][1] != "story"
    # the next paragraph goes on with it as well
    assert _regions("Итоги недели", DIGEST.replace(" У него", "\nУ него"))["500 г"] == (
        "KZ-10",
        "story",
    )


def test_where_something_went_or_a_name_in_quotes_is_no_scene_of_the_story():
    went = _regions(
        "Задержаны наркоторговцы",
        "В Улан-Удэ задержана группа. Они перевозили гашиш в Иркутск. У них изъято 2 кг "
        "гашиша. В Иркутске задержан их сообщник.",
    )
    assert went["2 кг"][1] != "story"
    quoted = _regions(
        "Задержаны наркоторговцы",
        "В Павлодаре и Караганде прошли рейды. Полицейские остановили «Жигули». При досмотре "
        "изъято 2 кг гашиша.",
    )
    assert quoted["2 кг"][1] != "story"
    # «со стороны Конаева»: the road the car came by, from Konaev (Almaty region) into Almaty
    side = _regions(
        "В Алматы задержан курьер",
        "Полицейские Алматы задержали курьера. Автомобиль остановили на посту на въезде в город "
        "со стороны Конаева. При досмотре нашли 2 кг гашиша.",
    )
    assert side["2 кг"] == ("KZ-75", "article")


def test_a_sentence_of_several_regions_gives_each_figure_the_region_of_its_clause():
    where = _regions(
        "Итоги полугодия",
        "С начала года в Кыргызстане изъято 12,4 тонны наркотиков. В Чуйской области изъято "
        "8,3 тонны, в Иссык-Кульской — 2,2 тонны, а в Бишкеке и Оше вместе — 1,1 тонны.",
    )
    assert where["8,3 тонны"] == ("KG-C", "sentence")
    assert where["2,2 тонны"] == ("KG-Y", "sentence")
    assert where["1,1 тонны"] == (None, "sentence")  # two regions in its own clause
    assert where["12,4 тонны"] == (None, "sentence")  # the country's


def test_a_clause_that_opens_a_list_of_regions_or_counts_regions_gives_none():
    where = _regions(
        "Итоги года",
        "По делу 15 человек распространяли наркотики в Челябинской, Московской и Тюменской "
        "областях. Изъято 8 кг в Омске, 3 кг — в Тюмени.",
    )
    assert where["15 человек"][0] is None  # one of three regions
    assert where["8 кг"] == ("RU-OMS", "sentence") and where["3 кг"] == ("RU-TYU", "sentence")
    counted = _regions(
        "Итоги года", "Наркотики изъяты в трех областях: Карагандинской и Павлодарской."
    )
    assert counted["трех областях"][0] is None


def test_a_number_alone_in_brackets_after_a_region_is_that_region_s():
    where = _regions(
        "Итоги девяти месяцев",
        "Больше всего наркопреступлений зарегистрировано в Алматы (612), Карагандинской (405) "
        "и Восточно-Казахстанской (371) областях.",
    )
    assert where["612"] == ("KZ-75", "sentence")
    assert where["405"] == ("KZ-35", "sentence")
    assert where["371"] == ("KZ-63", "sentence")  # not counting «областях» after it


def test_an_agency_of_two_regions_names_neither_over_the_article_s_own():
    where = _regions(
        "Задержаны наркоторговцы в Лужском районе",
        "Пресс-служба ГУ МВД России по г. Санкт-Петербургу и Ленинградской области сообщила, "
        "что задержано пятеро подозреваемых. Сотрудники УФСБ по Санкт-Петербургу и Ленинградской "
        "области изъяли в Гатчине 3 кг мефедрона.",
    )
    assert where["пятеро подозреваемых"] == ("RU-LEN", "article")
    assert where["3 кг"] == ("RU-LEN", "sentence")  # the town the agency's name stands beside


def test_regions_joined_by_и_each_with_its_number_give_each_figure_its_own():
    where = _regions(
        "Итоги девяти месяцев",
        "Больше всего наркотиков изъято в Хатлонской области – 1 640 кг и в Согдийской "
        "области – 912 кг. В Хатлонской и Согдийской областях изъято 80 кг героина.",
    )
    assert where["1 640 кг"] == ("TJ-KT", "sentence")
    assert where["912 кг"] == ("TJ-SU", "sentence")
    assert where["80 кг"][0] is None  # two regions share it


def test_adjectives_of_a_bracketed_list_share_its_division_noun_and_its_signed_numbers():
    where = _regions(
        "Итоги 11 месяцев",
        "Наибольший рост зафиксирован в Мангистауской (+18,4%) и Атырауской (+9,1%) областях, "
        "наибольшее снижение – в Жамбылской (-12,3%).",
    )
    assert where["18,4%"] == ("KZ-47", "sentence")
    assert where["9,1%"] == ("KZ-23", "sentence")


def test_the_country_s_total_and_its_region_s_part_in_one_sentence_get_each_their_own():
    where = _regions(
        "В Сурхандарье задержан наркокурьер",
        "Как сообщает МВД Узбекистана, с начала года на территории республики изъято более 6,5 "
        "тонны наркотиков, в том числе в Сурхандарьинской области – 2,1 тонны.",
    )
    assert where["более 6,5 тонны"] == (None, "sentence")  # the country's
    assert where["2,1 тонны"] == ("UZ-SU", "sentence")


def test_a_long_body_is_split_into_sentences_once(monkeypatch):
    """The story rule reads the sentence bounds that the NER already made: splitting the body again
    for each figure sentence made long pages quadratic (a 15,000-character page spent 70 ms in
    places)."""
    import pipelines.places_ner as places_ner
    import pipelines.places_story as places_story

    calls, original = [], places_ner.sentence_bounds

    def counted(text):
        calls.append(len(text))
        return original(text)

    monkeypatch.setattr(places_ner, "sentence_bounds", counted)
    monkeypatch.setattr(places_story, "sentence_bounds", counted)
    body = " ".join(f"Всего изъято {n} кг гашиша." for n in range(2, 40))
    where = _regions("Итоги недели", DIGEST + " " + body)
    assert where["500 г"] == ("KZ-10", "story")
    assert calls.count(len(DIGEST + " " + body)) == 1


def test_ner_tags_at_most_its_budget_of_sentences_and_says_so():
    """NEWSMON_MAX_NER_SENTENCES: each sentence natasha tags costs about 2 ms, and a list of
    names only NER can tell from places (a surname pymorphy reads as a town: «Грибова») could
    hold tens of thousands; past the budget they are left to the gazetteer, and a page problem
    says how many."""
    from pipelines.places_pipeline import TOO_MANY_NAMES

    body = " ".join(["Потерпевшего Грибова избили вечером."] * 12)
    body += " В Павлодаре изъято 5 кг гашиша."
    whole = apply_places(apply_figures(record("Сводка", body)), "KZ", None)
    capped = apply_places(apply_figures(record("Сводка", body)), "KZ", 4)
    assert whole.page_problems == []
    (problem,) = capped.page_problems
    assert problem[0] == TOO_MANY_NAMES and "8 more" in problem[1]
    # what the gazetteer knows is found all the same
    assert any(p["region_code"] == "KZ-55" for p in capped.places)
    assert {f["quote"]: f["region"] for f in capped.figures}["5 кг"] == "KZ-55"
