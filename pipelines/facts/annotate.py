"""One article's figures, annotated: role, scope, indicator, substance and checks.

Plain functions on plain records (the dicts `extract_figures` returns): usable without a crawl
or a database, as trafilatura's are.
"""

from __future__ import annotations

from pipelines.facts import markers
from pipelines.facts.breakdown import link_drug_volumes, link_event_breakdown, link_event_sum
from pipelines.facts.changes import link_changes_to_values
from pipelines.facts.checks import assign_checks
from pipelines.facts.indicators import vocabulary
from pipelines.facts.inherit import assign_indicators, measure_as
from pipelines.facts.roles import assign_roles, compatible, sentence_spans
from pipelines.facts.scope import ONE_OPERATION, assign_scope
from pipelines.facts.sums import parts_adding_up
from pipelines.facts.twins import headline_twin, same_number

FACT_FIELDS = (
    "role", "part_of", "scope", "event_day", "indicator", "substance", "check", "check_expected",
    "change_of",
)  # fmt: skip
# What a headline figure takes over from the same number in the body.
_SHARED_WITH_BODY = ("role", "scope", "event_day", "period_start", "period_end", "region",
                     "country")  # fmt: skip
GENERIC_SUBSTANCE = "наркотик"


def _share_what(body: dict, head: dict) -> None:
    """What a number measures, between a headline and its body twin: the one that names it
    tells the other («осудил … за 60 кг героина» over «перевезти 60 кг вещества»); when both
    name it, each keeps its own. A rounded headline («более 10 кг наркотиков» over «10,3 кг
    марихуаны») keeps its own substance: it may round the body's drugs together."""
    if not head.get("indicator") or not body.get("indicator"):
        head["indicator"] = body["indicator"] = head.get("indicator") or body.get("indicator")
    elif head["indicator"] != body["indicator"]:
        return
    if not same_number(body, head):
        return
    specific = [f.get("substance") for f in (body, head)
                if f.get("substance") not in (None, GENERIC_SUBSTANCE)]  # fmt: skip
    named = specific[0] if len(set(specific)) == 1 else None
    for figure in (body, head):
        if figure.get("substance") in (None, GENERIC_SUBSTANCE):
            figure["substance"] = named or body.get("substance") or head.get("substance")


def _sums_exactly(head: dict, body: list[dict]) -> bool:
    """Whether body amounts add up to the headline's number exactly."""
    parts = parts_adding_up(head, body)
    added = sum(float(body[k]["value"]) for k in parts)
    return bool(parts) and abs(added - float(head["value"])) <= 1e-9 * max(added, 1.0)


SUMMARY_SHARE = 2 / 3  # of a body's figures that are statistics, for its headline to be one


def _scope_of_a_summary(head: dict, body: list[dict]) -> None:
    """«Оренбургские полицейские изъяли более 200 кг наркотиков» over a body whose numbers are
    mostly a period's statistics: a headline number the body does not repeat, with no words
    of one operation, sums up that period too."""
    periods = [f for f in body if f.get("scope") == "period"]
    if head.get("scope") != "event" or len(periods) < SUMMARY_SHARE * max(len(body), 1):
        return
    if ONE_OPERATION.search(head.get("sentence") or ""):
        return  # «В Алматинской области задержан курьер с 900 кг …»: the headline's own raid
    head["scope"], head["event_day"] = "period", None
    head["period_start"] = periods[0].get("period_start")
    head["period_end"] = periods[0].get("period_end")


def _total_of_the_opening(body: str, headline: list[dict], figures: list[dict]) -> dict | None:
    """«Около 3 тонн наркотиков изъято …» over a body that opens «Из них более 3,5 кг героина
    и 31 кг гашиша»: the body goes on from its headline's number, the total of those. Returns
    the headline figure made a total, if any."""
    opening = _opening_subset(body, figures)
    for h, figure in enumerate(headline if opening else ()):
        parts = [k for k in opening if compatible(figure, figures[k])]
        if parts and figure.get("role") != "part":
            figure["role"] = "total"
            for k in parts:
                figures[k]["role"], figures[k]["part_of"] = "part", h
                measure_as(figures[k], figure, vocabulary())
            return figure
    return None


def _opening_subset(body: str, figures: list[dict]) -> list[int]:
    """The figures of a body's first sentence when it opens with a subset marker («Из них …»,
    «В том числе …») and so breaks down a number it has not stated: its headline's. Only those
    that no rule of the body made a part, baseline or change."""
    if not figures or not body:
        return []
    spans = sentence_spans(body)
    first_end = spans[0][1] if spans else len(body)
    if figures[0]["start"] >= first_end:
        return []
    if not markers.OPENS_WITH_SUBSET.match(body[: figures[0]["start"]]):
        return []
    return [
        k for k, f in enumerate(figures)
        if f["start"] < first_end and f.get("part_of") is None
        and f.get("role") not in ("baseline", "change")
    ]  # fmt: skip


def _annotate_text(
    text: str,
    figures: list[dict],
    mentioned_dates: list[dict] | None,
    published: str | None,
    title: str | None,
    headline: list[dict] = (),
) -> None:
    for figure in figures:
        figure["_published"] = published
    assign_roles(text, figures, headline, vocabulary().substances, vocabulary().groups)
    # before scope: a count of crimes is a statistic; a body reads its headline before it
    assign_indicators(text, figures, title=None if text == title else title)
    assign_scope(text, figures, mentioned_dates, published, title)
    link_event_breakdown(text, figures, dict(vocabulary().members))
    link_event_sum(figures)
    link_drug_volumes(text, figures)
    assign_checks(figures)
    link_changes_to_values(text, figures)


def annotate_figures(
    body: str,
    figures: list[dict],
    *,
    title: str | None = None,
    title_figures: list[dict] | None = None,
    mentioned_dates: list[dict] | None = None,
    published: str | None = None,
) -> list[dict]:
    """Annotate the body's figures and the headline's in place; return them all, the
    headline's first (marked `in_title`). A headline figure that the body states too, perhaps
    rounded («почти 1,5 тысячи» over 1447), takes the body's reading, so that both join one
    fact."""
    published = (published or "")[:10] or None
    _annotate_text(body, figures, mentioned_dates, published, title, title_figures or ())
    for figure in figures:
        figure["in_title"] = 0
    headline = list(title_figures or [])
    alone = []  # the headline's numbers that the body does not state
    own: dict[int, tuple] = {}  # their relations in the headline: index -> (role, part_of)
    if headline and title:
        _annotate_text(title, headline, None, published, title)
        for h, figure in enumerate(headline):
            figure["in_title"] = 1
            own[h] = (figure.get("role"), figure.get("part_of"))
            k = headline_twin(figure, figures)
            if (
                k is not None
                and not same_number(figures[k], figure)
                and _sums_exactly(figure, figures)
            ):
                k = None  # «2 литра» over «1,5 литра» and «еще 0,5 литра»: their sum, not one
            twin = figures[k] if k is not None else None
            if twin is not None:
                for key in _SHARED_WITH_BODY:
                    if key in twin:
                        figure[key] = twin[key]
                _share_what(twin, figure)
            else:
                alone.append(figure)
                _scope_of_a_summary(figure, figures)
            figure["part_of"] = None  # a part's total lives in the body's numbering
            if figure.get("role") in ("total", "part"):
                figure["role"] = "value"  # the headline states it alone, without its parts
            figure["check"] = figure["check_expected"] = None
    for h, (role, total) in own.items():
        # «Изъято 5 кг наркотиков, в том числе 3 кг героина» in a headline: a total and its
        # part still (whether or not the body states them too), or a view would add them up
        if role == "part" and total in own and own[total][0] == "total":
            headline[h]["role"], headline[h]["part_of"] = "part", total
            headline[total]["role"] = "total"
    # part_of and change_of: indexes into the body's figures, shifted past the headline's in
    # the result (a headline's own change_of indexes the headline, which comes first)
    for figure in figures:
        for key in ("part_of", "change_of"):
            if figure.get(key) is not None:
                figure[key] += len(headline)
    broken_down = _total_of_the_opening(body, headline, figures)
    for figure in alone:
        if figure is broken_down:
            continue
        # «пресекли оборот более 30 кг» over the body's seizures of 21,6, 2,8, 4,8 and 1 kg: the
        # headline states their total, which no view may add to them
        parts = parts_adding_up(figure, figures)
        if parts:
            figure["role"] = "total"
            for k in parts:
                figures[k]["role"], figures[k]["part_of"] = "part", headline.index(figure)
                measure_as(figures[k], figure, vocabulary())  # «еще 0,5 литра»: of the total's
    result = [*headline, *figures]
    for figure in result:
        for key in [k for k in figure if k.startswith("_")]:
            del figure[key]
    return result
