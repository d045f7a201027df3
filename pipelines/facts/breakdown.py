"""An event's seizure stated in the lead, then broken down in the text that follows.

«Изъято более 35 кг наркотиков.» … «Он привез свыше 28 кг гашиша и 200 г кокаина.»: the
lead's generic mass (drugs, not one drug) is the whole, and the later masses of the same
event, each and all together smaller than it, are its parts (the same mass again restates the
lead). Without this a view adds the lead to its details. A later mass that would take the
details past the lead is another seizure, and then nothing is linked. Drugs burnt or otherwise
dealt with (no indicator, a drug named) break down the same way, apart from seizures. With no
generic lead, one seizure of a group of drugs («почти 20 кг синтетических наркотиков») breaks
down into the later seizures of the drugs the group holds (`[substances.members]` of
data/indicators.toml).
"""

from __future__ import annotations

import re

from pipelines.facts.roles import sentence_start
from pipelines.facts.sums import adds_up, same_kind

GENERIC = ("наркотик", None)
_SLACK = 1.02  # details rounded up against a lead rounded down («более 35 кг»)
_SAME_TIME = ("scope", "period_start", "period_end", "event_day")


def _seizure(figure: dict, indicator: str | None = "drugs_seized") -> bool:
    return (figure.get("indicator") == indicator and figure.get("scope") == "event"
            and figure.get("unit") == "kg" and figure.get("role") == "value"
            and not figure.get("change")
            and (indicator is not None or figure.get("substance") is not None))  # fmt: skip


def link_event_breakdown(
    text: str, figures: list[dict], members: dict[str, frozenset[str]] | None = None
) -> None:
    """Mark the details of the text's one generic event seizure as its parts, in place; with
    no generic one, of its one seizure of a group of drugs whose `members` the details are."""
    for indicator in ("drugs_seized", None):
        _link_breakdown(text, figures, indicator, members or {})


def _link_breakdown(
    text: str, figures: list[dict], indicator: str | None, members: dict[str, frozenset[str]]
) -> None:
    """The breakdown of the one generic mass of `indicator`: drugs seized, or drugs destroyed
    or otherwise dealt with (no indicator, a drug named); else of its one mass of a group."""
    seizures = [i for i, f in enumerate(figures) if _seizure(f, indicator)]
    leads = [i for i in seizures if figures[i].get("substance") in GENERIC]
    # «почти 20 кг синтетических наркотиков» … «4,8 кг мефедрона, 3,8 кг спайса»
    leads = leads or [i for i in seizures if figures[i].get("substance") in members]
    if len(leads) != 1:
        return
    t = leads[0]
    total = figures[t]
    held = members.get(total.get("substance"))  # None: a generic lead holds any drug
    end = text.find(".", total["end"])
    details = [k for k in range(t + 1, len(figures))
               if _seizure(figures[k], indicator) and same_kind(total, figures[k])
               and figures[k]["start"] > end >= 0
               and figures[k].get("event_day") == total.get("event_day")
               and float(figures[k]["value"]) < float(total["value"])
               and (held is None or figures[k].get("substance") in held)]  # fmt: skip
    if not details:
        return
    added = sum(float(figures[k]["value"]) for k in details)
    if added > _SLACK * float(total["value"]):
        return
    total["role"] = "total"
    for k in details:
        figures[k]["role"], figures[k]["part_of"] = "part", t


# «Из незаконного оборота изъято более 6 тонн наркотиков. … При этом объем изъятой синтетики
# возрос почти в два раза и составил 570 кг.»: the volume of one drug is a share of the drugs
# seized before it
_VOLUME = re.compile(r"\bобъ[её]м\w*\b", re.IGNORECASE)


def link_drug_volumes(text: str, figures: list[dict]) -> None:
    """Mark a mass of one drug stated as its volume («объем синтетики … составил 570 кг») as a
    part of the nearest larger generic mass of drugs seized before its sentence, of the same
    scope and period, in place. A volume whose own sentence has no verb of seizing («объем
    синтетики вырос почти втрое и превысил одну тонну») is a seizure too once linked, and so are
    the changes its sentence states of it."""
    for k, figure in enumerate(figures):
        if figure.get("substance") in GENERIC or figure.get("role") != "value":
            continue
        if figure.get("indicator") not in ("drugs_seized", None) or figure.get("unit") != "kg":
            continue
        start = sentence_start(text, figure)
        if not _VOLUME.search(text, start, figure["start"]):
            continue
        for t in range(k - 1, -1, -1):
            total = figures[t]
            if total["end"] > start or total.get("role") not in ("value", "total"):
                continue
            if total.get("indicator") != "drugs_seized" or total.get("unit") != "kg":
                continue
            if total.get("substance") not in GENERIC:
                continue
            if any(total.get(key) != figure.get(key) for key in _SAME_TIME):
                break
            if float(total["value"]) > float(figure["value"]):
                figure["role"], figure["part_of"] = "part", t
                total["role"] = "total"
                if figure.get("indicator") is None:
                    _a_seizure_with_its_changes(figures, k, start)
            break


def _a_seizure_with_its_changes(figures: list[dict], k: int, start: int) -> None:
    """The volume k (its sentence starting at `start`) and the unnamed changes before it in
    its sentence («вырос почти втрое и превысил одну тонну») measure the drugs seized."""
    figures[k]["indicator"] = "drugs_seized"
    for figure in figures[:k]:
        if (
            figure["start"] >= start
            and figure.get("role") == "change"
            and figure.get("indicator") is None
        ):
            figure["indicator"] = "drugs_seized"
            figure["substance"] = figure.get("substance") or figures[k].get("substance")


def link_event_sum(figures: list[dict]) -> None:
    """Mark the event's masses that add up to another generic mass of it as its parts, in place:
    «… изъято более 18 кг … обнаружили около 80 кг … Всего около 100 кг»: stated last, or with
    no word that says so, the whole is still what its parts add up to (within what its qualifier
    allows, sums.adds_up), so no view adds it to them. Two parts at least, all the event's
    other masses of drugs (seized, or with no indicator) smaller than it; the first such whole."""
    for t, total in enumerate(figures):
        if total.get("substance") not in GENERIC or total.get("unit") != "kg":
            continue
        # the whole may have no indicator yet: a body number the headline restates takes its
        # reading from the headline's words later (annotate.py)
        if total.get("indicator") not in ("drugs_seized", None) or total.get("role") != "value":
            continue
        if total.get("scope") != "event" or total.get("change"):
            continue
        value = float(total["value"])
        parts = [
            k for k, f in enumerate(figures)
            if k != t and f.get("role") == "value" and same_kind(total, f)
            and f.get("scope") == "event" and f.get("event_day") == total.get("event_day")
            and f.get("indicator") in ("drugs_seized", None) and not f.get("change")
            and float(f["value"]) < value
        ]  # fmt: skip
        if len(parts) >= 2 and adds_up(total, sum(float(figures[k]["value"]) for k in parts)):
            total["role"] = "total"
            for k in parts:
                figures[k]["role"], figures[k]["part_of"] = "part", t
            return
