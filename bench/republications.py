"""Republications of a text as other sites make them, for bench/facts_eval.py: another
headline (the site's name before it, or words of the first sentence), the lead trimmed or
replaced by a one-sentence summary, the paragraphs after the first reordered, the site's
boilerplate lines, published 0-2 days later.

A version is built from segments, each copied from the original (with its offset there) or
new, so that a figure found in a version can be traced to the original's gold figure.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta

from pipelines.sentences import split_sentences

SITES = {
    "site_a": ("Вести Края", ["Подписывайтесь на наш канал в Telegram, чтобы первыми узнавать "
               "новости региона.", "Фото: пресс-служба ведомства (иллюстративное)."]),
    "site_b": ("Городской портал", ["Читайте также: главные новости дня на нашем сайте.",
               "Если вы стали свидетелем происшествия, сообщите в редакцию через форму на сайте."]),
    "site_c": ("Новости Онлайн", ["Материал подготовлен по информации пресс-службы.",
               "Перепечатка материалов разрешена только с активной ссылкой на источник.",
               "Реклама. Информация о рекламодателе по ссылке."]),
}  # fmt: skip

Segment = tuple[str, tuple[str, int] | None]  # text, and where it starts in the original


def paragraphs(body: str) -> list[tuple[int, str]]:
    """(offset, text) of the paragraphs; of the sentences when there are fewer than three
    paragraphs (sites cut a one-paragraph release into several)."""
    found = [(m.start(), m.group()) for m in re.finditer(r"\S[^\n]*", body)]
    if len(found) >= 3:
        return found
    return [(s, body[s:e]) for s, e in split_sentences(body)] or found


def first_sentence(text: str) -> tuple[int, str]:
    """(offset, text) of the first sentence."""
    spans = split_sentences(text)
    return (spans[0][0], text[spans[0][0] : spans[0][1]]) if spans else (0, text)


def first_words(text: str, n: int) -> str:
    """The text up to the end of its n-th word, without trailing punctuation."""
    ends = [m.end() for m in re.finditer(r"\S+", text)][:n]
    return text[: ends[-1]].rstrip(".,:;") if ends else ""


def make_version(title: str, body: str, site: str, rng: random.Random) -> dict:
    """One republication as segments of title and body, each copied from the original (with
    its offset there) or new (None)."""
    name, boilerplate = SITES[site]
    paras = paragraphs(body)
    lead_at, lead = paras[0] if paras else (0, "")
    rest = [(at, text) for at, text in paras[1:]]
    if site == "site_b":
        # a headline reworded from the first sentence, the lead replaced by a summary
        offset, sentence = first_sentence(lead)
        new_title: list[Segment] = [(first_words(sentence, 12), ("body", lead_at + offset))]
        summary = title[:1].lower() + title[1:]
        new_lead: list[Segment] = [("Как сообщает пресс-служба, ", None), (summary, ("title", 0)),
                                   (".", None)]  # fmt: skip
    else:
        prefix = f"{name}: " if site == "site_a" else f"{name} | "
        new_title = [(prefix, None), (title, ("title", 0))]
        offset, sentence = first_sentence(lead)
        if site == "site_a":  # the lead trimmed to its first sentence
            new_lead = [(sentence, ("body", lead_at + offset))]
        else:
            new_lead = [(lead, ("body", lead_at))]
    if site != "site_a":
        rng.shuffle(rest)  # the first paragraph stays first
    body_paragraphs: list[list[Segment]] = [new_lead]
    body_paragraphs += [[(text, ("body", at))] for at, text in rest]
    at = rng.randrange(1, len(body_paragraphs) + 1)
    body_paragraphs.insert(at, [(boilerplate[0], None)])
    body_paragraphs += [[(line, None)] for line in boilerplate[1:]]
    body_segments: list[Segment] = [*body_paragraphs[0]]
    for paragraph in body_paragraphs[1:]:
        body_segments += [("\n\n", None), *paragraph]
    return {"title": new_title, "body": body_segments, "days": rng.randint(0, 2)}


def joined(segments: list[Segment]) -> str:
    return "".join(text for text, _ in segments)


def origin_of(segments: list[Segment], start: int, end: int) -> tuple[int, int, str] | None:
    """Where [start, end) of the joined segments came from in the original, or None."""
    at = 0
    for text, origin in segments:
        if at <= start < at + len(text):
            if origin is None or end > at + len(text):
                return None
            return origin[1] + start - at, origin[1] + end - at, origin[0]
        at += len(text)
    return None


def version_origins(version: dict, figures: list[dict]) -> list:
    origins = []
    for f in figures:
        found = origin_of(version["title" if f.get("in_title") else "body"], f["start"], f["end"])
        origins.append((found[2], found[0], found[1]) if found else None)
    return origins


def later(published: str | None, days: int) -> str | None:
    day = date.fromisoformat(published[:10]) + timedelta(days=days) if published else None
    return day.isoformat() if day else None
