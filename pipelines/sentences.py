"""Cutting article text into sentences and tokens, keeping character offsets into the text.

Both figures and dates point back into the original string (`text[start:end] == quote`), so
nothing here rewrites the text: spans and tokens only carry offsets.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Thousands may be grouped with a space, a no-break space, a thin space or a narrow no-break space.
GROUP_SEPARATORS = " \u00a0\u2009\u202f"

_TOKEN_RE = re.compile(
    rf"""
    (?P<num>(?<!\d)\d{{1,3}}(?:[{GROUP_SEPARATORS}]\d{{3}})+(?![\d])(?:,\d+)?  # 1 407 / 1 407,5
        |\d+(?:[.,]\d+)*)                                                 # 127,3 / 6.9 / 2014
    |(?P<word>[^\W\d_]+(?:[-‐‑][^\W\d_]+)*)                               # words, hyphenated too
    |(?P<punct>\S)                                                        # anything else, alone
    """,
    re.VERBOSE,
)


# ё read as е, and the Unicode hyphens (U+2010, the non-breaking U+2011) as the ASCII one:
# texts use both spellings for the same word («интернет‑ресурсов»)
_FOLD = str.maketrans("ё\u2010\u2011", "е--")


def fold_yo(text: str) -> str:
    """Lower case with ё read as е and any hyphen as "-": texts use both spellings for the
    same word."""
    return text.lower().translate(_FOLD)


class Token(NamedTuple):
    kind: str  # "num", "word" or "punct"
    text: str
    start: int
    end: int
    norm: str  # fold_yo(text)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of text[start:end], with offsets into the whole text."""
    stop = len(text) if end is None else end
    matches = _TOKEN_RE.finditer(text, start, stop)
    piece = text[start:stop]
    folded = fold_yo(piece)
    # word by word where lower case is longer («İ») or depends on the letters around it (a
    # Greek capital sigma at the end of a word is «ς»)
    if len(folded) != stop - start or "Σ" in piece:
        return [Token(m.lastgroup or "punct", m[0], *m.span(), fold_yo(m[0])) for m in matches]
    # the text folded once and sliced by offsets: a call per word was a fifth of the figures step
    return [
        Token(m.lastgroup or "punct", m[0], a, b, folded[a - start : b - start])
        for m in matches
        for a, b in (m.span(),)
    ]


# Abbreviations that stand before a name or a number and so never end a sentence
# ("ст. 228", "г. Алматы", "ч. 2"), unless they follow a number ("в 2014 г. Затем ...").
_ABBREVIATIONS = frozenset({
    "ст", "стст", "ч", "п", "пп", "подп", "г", "гг", "гр", "им", "ул", "пр", "просп", "д",
    "обл", "р-н", "р", "с", "пос", "тел", "см", "рис", "стр", "кв", "т", "тт", "напр", "проф",
    "акад", "ген", "св", "мкр", "руб", "долл", "тыс", "млн", "млрд", "трлн", "кг", "мес", "ок",
    "сб", "доп", "шт", "ед", "чел", "экз",
    "пол",  # «в 1 пол. 2022 г.»: a half-year
})  # fmt: skip
# A sentence ends at . ! ? … before a space, or glued to a capitalised word, as in texts whose
# paragraphs were joined without a space ("781 кв. м.Причина пожара").
_BOUNDARY_RE = re.compile(r"[.!?…]+[\"»”’)]*(?:\s+|(?=[А-ЯЁ]))")
_WORD = re.compile(r"\w+")
_WORD_BEFORE_RE = re.compile(r"(\S+?)[.!?…]+[\"»”’)]*\s*$")


def _is_boundary(text: str, stop: int, nxt: int) -> bool:
    """Whether the punctuation ending at `stop` ends a sentence; `nxt` is the next visible char."""
    following = text[nxt] if nxt < len(text) else ""
    if not following:
        return True
    if following in '«"“„—–-(' and nxt + 1 < len(text):
        following = text[nxt + 1] if text[nxt + 1] != " " else text[nxt + 2 : nxt + 3]
    if not following or not (following.isupper() or following.isdigit()):
        return False
    word = _WORD_BEFORE_RE.search(text, max(0, stop - 40), nxt)
    if word is None:
        return True
    before = word.group(1).split(".")[-1].lstrip('(«"')
    glued = not text[nxt - 1].isspace()
    if len(before) == 1 and before.isalpha() and (before.isupper() or glued):
        return False  # an initial ("Шурыгина И.В. сказал") or a glued "г.Алматы"
    if before.lower() == "пол" and following.isdigit():
        return False  # "в 1 пол. 2023 г.": a half-year, abbreviated, before its year
    glued_number = before[:1].isdigit()  # "4кг. 247гр": the number glued to its unit
    if (before.lstrip("0123456789,") if glued_number else before).lower() in _ABBREVIATIONS:
        # After an abbreviation only a capital letter starts a sentence, and only when the
        # abbreviation follows a number or another abbreviation ("5 тыс. Из них", "млн. руб. В"),
        # not a word ("в г. Алматы").
        previous = text[max(0, word.start() - 2) : word.start()].strip()
        next_word = _WORD.match(text, nxt)
        if next_word and next_word.group().isupper() and len(next_word.group()) > 1:
            return False  # "20 тыс. МРП": an abbreviation follows
        after_number = glued_number or previous[-1:].isdigit()
        return following.isupper() and (after_number or previous.endswith("."))
    return True


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of text; a line break always ends a sentence."""
    spans: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        line_end = line_start + len(line)
        start = line_start
        for m in _BOUNDARY_RE.finditer(text, line_start, line_end):
            if _is_boundary(text, m.start(), m.end()):
                _add_span(text, spans, start, m.end())
                start = m.end()
        _add_span(text, spans, start, line_end)
        line_start = line_end + 1
    return spans


# A "sentence" longer than anyone writes (the longest of the 25,405 held-out sentences has 661
# characters) is a list or a table run together; it is cut at its last clause break before
# this length, so that reading each figure against its sentence stays cheap (a run-together
# list of 3,000 figures took the facts step 28 s).
MAX_SENTENCE = 1500
_CLAUSE_BREAKS = (";", ",", " ")  # the strongest first


def _add_span(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = _clause_break(text, start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        _add_span(text, spans, start, cut)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append((start, end))


def _clause_break(text: str, low: int, high: int) -> int:
    """Where to cut text[:high]: after its last «;», else «,», else space, from `low` on."""
    for mark in _CLAUSE_BREAKS:
        at = text.rfind(mark, low, high)
        if at >= 0:
            return at + 1
    return high
