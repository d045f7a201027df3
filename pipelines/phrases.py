"""Written names (places, agencies) found in text in any case form.

Each word of a name is expanded to its inflected forms with pymorphy3 ("Жамбылская область" also
matches "Жамбылской области"), so name lists stay in the nominative; a `PhraseIndex` finds the
longest names in a token list. Shared by pipelines.places and pipelines.agencies.
"""

from __future__ import annotations

import csv
import itertools
import pickle
import re
from array import array
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import NamedTuple

from pipelines.morph import morph as _morph  # the process's one MorphAnalyzer

# Kazakh letters and dash variants fold to their Russian spelling so "Қонаев" matches "Конаев".
_FOLD = str.maketrans("ёқғүұңөһіә–—‑", "екгуунохиа---")
# Unlike sentences.tokenize (numbers apart from words, for the figures), a name's hyphenated word
# stays whole, digits included ("р-н", "Алматы-1"), as the gazetteer writes names.
_TOKEN = re.compile(r"\w+(?:-\w+)*|[^\w\s]")

# Words naming the type of a division; unlike the proper part, they need no capital in the text.
_GENERIC_WORDS = ("область", "край", "район", "республика", "округ", "автономный", "город")
_ABBREVIATIONS = {
    "область": {"обл"},
    "район": {"р-н", "р-на", "р-не", "р-ну", "р-ном"},
    "республика": {"респ"},
    "город": {"г", "гор"},
}


class Token(NamedTuple):
    text: str
    start: int
    end: int
    norm: str


def fold(word: str) -> str:
    """sentences.fold_yo and more: Kazakh letters and dash variants too, as names use both."""
    return word.lower().translate(_FOLD)


def tokenize(text: str) -> list[Token]:
    """Words (a hyphenated word stays whole) and punctuation marks, with offsets and folded form."""
    folded = fold(text)
    if len(folded) != len(text):  # a letter whose lower case is longer ("İ"): word by word
        return [Token(m[0], m.start(), m.end(), fold(m[0])) for m in _TOKEN.finditer(text)]
    # the text folded once (a call per word was a third of the cost), sliced by offsets
    return [
        Token(m[0], start, end, folded[start:end])
        for m in _TOKEN.finditer(text)
        for start, end in (m.span(),)
    ]


def _guess_declension(word: str) -> set[str]:
    """Case forms of a name pymorphy cannot read as a nominative (Kazakh names: "нура" → "нуре")."""
    stem, last = word[:-1], word[-1:]
    if last == "а":
        genitive = "и" if stem[-1:] in "гкхжшщч" else "ы"
        return {stem + ending for ending in ("а", genitive, "е", "у", "ой", "ою")}
    if last == "я":
        return {stem + ending for ending in ("я", "и", "е", "ю", "ей", "ею")}
    if last == "й":
        return {stem + ending for ending in ("й", "я", "ю", "ем", "е")}
    if last == "ь":
        return {stem + ending for ending in ("ь", "я", "ю", "ем", "е", "и", "ью")}
    if last.isalpha() and last not in "аеиоуыэю":
        return {word + ending for ending in ("", "а", "у", "ом", "е")}
    return {word}


def _nominative_parses(word: str) -> list:
    # A place name's own paradigm when pymorphy knows the place: "Шахты" declines as the city,
    # not as the plural of "шахта".
    # A word derived from a name is written in lower case and declines as what it is: the
    # adjective «приморский» («приморские полицейские»), not the village «Приморский».
    nominative = [p for p in _morph().parse(word) if "nomn" in p.tag]
    places = [p for p in nominative if "Geox" in p.tag] if word[:1].isupper() else []
    return places or nominative


@cache
def word_forms(word: str) -> frozenset[str]:
    """Folded case forms of a word written in the nominative, its abbreviations included."""
    folded = fold(word)
    forms = {folded}
    nominative = _nominative_parses(word)
    for parse in nominative:
        forms.update(fold(form.word) for form in parse.lexeme)
    if not nominative and word[:1].isupper():
        forms |= _guess_declension(folded)
    forms |= _ABBREVIATIONS.get(folded, set())
    return frozenset(forms)


@cache
def forms_of(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset().union(*(word_forms(w) for w in words))


@cache
def singular_forms(word: str) -> frozenset[str]:
    parse = next(p for p in _morph().parse(word) if "nomn" in p.tag)
    return frozenset(fold(f.word) for f in parse.lexeme if "sing" in f.tag)


@cache
def is_common_word(word: str) -> bool:
    """True when a one-word name is also an ordinary word, first name or surname ("Шахты",
    "Абай", "Семей" — the genitive of "семьи")."""
    if word.isupper():
        return False
    parses = _morph().parse(word)
    nominative = [p for p in parses if "nomn" in p.tag] or parses
    return any(p.is_known and "Geox" not in p.tag for p in nominative)


# --- matching written names ---------------------------------------------------------------------


@dataclass
class Phrase:
    """A written name and what it may stand for."""

    words: tuple[str, ...]
    forms: tuple[frozenset[str], ...]
    payloads: list = field(default_factory=list)

    @property
    def nominative(self) -> str:
        return " ".join(self.words)

    @property
    def is_common_word(self) -> bool:
        return len(self.words) == 1 and is_common_word(self.words[0])

    def matches(self, tokens: list[Token]) -> bool:
        forms_fit = all(t.norm in f for t, f in zip(tokens, self.forms, strict=True))
        return forms_fit and self._capitals_fit(tokens)

    def _capitals_fit(self, tokens: list[Token]) -> bool:
        # A capitalised word needs a capital in the text, an acronym needs capitals throughout.
        for word, token in zip(self.words, tokens, strict=True):
            if len(word) > 1 and word.isupper():
                needs_capital, has_capital = True, token.text.isupper()
            else:
                needs_capital = word[:1].isupper() and fold(word) not in forms_of(_GENERIC_WORDS)
                has_capital = token.text[:1].isupper()
            if needs_capital and not has_capital:
                return False
        return True


class Match(NamedTuple):
    first: int  # index of the first token
    stop: int  # index after the last token
    phrases: tuple[Phrase, ...]

    @property
    def payloads(self) -> list:
        # Two spellings of one place ("Караганда", "Қарағанды") may fit the same words.
        return list(dict.fromkeys(p for phrase in self.phrases for p in phrase.payloads))


class PhraseIndex:
    """Finds written names, in any case form, in a token list; the longest match wins.

    Pickled compactly (the gazetteer's index is kept in the build cache, pipelines/build_cache.py):
    each phrase as bytes of its own, read back when a text first holds a form of its first
    word. Some 8,000 phrases with their 70,000 forms took 0.16 s to unpickle as objects, on
    every process's first page."""

    def __init__(self) -> None:
        self._phrases: dict[tuple[str, ...], Phrase] = {}
        self._by_first_form: dict[str, list[Phrase]] = {}
        # once unpickled: the phrases not yet read back, and the numbers of each first form's
        self._packed: _PackedPhrases | None = None
        self._first: dict[str, int | tuple[int, ...]] = {}

    def __getstate__(self) -> dict:
        self._unpack_all()  # an index read back and pickled again holds every phrase
        phrases = list(self._phrases.values())
        number = {id(phrase): n for n, phrase in enumerate(phrases)}
        forms = list(self._by_first_form)
        return {
            # the forms as one string and a phrase number (or several) for each: a dict of
            # 63,000 keys and tuples took twice as long to unpickle
            "forms": "\n".join(forms),
            "phrases": [_numbers([number[id(p)] for p in self._by_first_form[f]]) for f in forms],
            "packed": _PackedPhrases.of(phrases),
        }

    def __setstate__(self, state: dict) -> None:
        self._phrases = {}
        self._by_first_form = {}
        forms = state["forms"].split("\n") if state["forms"] else []
        self._first = dict(zip(forms, state["phrases"], strict=True))
        self._packed = state["packed"]

    def _unpack_form(self, form: str) -> list[Phrase] | None:
        """The phrases a first-word form begins, read back into `_by_first_form` (None: none)."""
        numbers = self._first.get(form)
        if numbers is None:
            return None
        numbers = (numbers,) if isinstance(numbers, int) else numbers
        phrases = self._by_first_form[form] = [self._packed.phrase(n) for n in numbers]
        return phrases

    def _unpack_all(self) -> None:
        """Every phrase as an object, as `add` and `phrases` need them."""
        if self._packed is None:
            return
        packed, self._packed = self._packed, None
        for n in range(len(packed)):
            phrase = packed.phrase(n)
            self._phrases[_key(phrase.words)] = phrase
        for form, numbers in self._first.items():
            numbers = (numbers,) if isinstance(numbers, int) else numbers
            self._by_first_form[form] = [packed.phrase(n) for n in numbers]
        self._first = {}

    def add(self, name: str, payload) -> None:
        self._unpack_all()
        words = tuple(token.text for token in tokenize(name))
        key = _key(words)
        phrase = self._phrases.get(key)
        if phrase is None:
            phrase = self._phrases[key] = Phrase(words, tuple(word_forms(w) for w in words))
            for form in phrase.forms[0]:
                self._by_first_form.setdefault(form, []).append(phrase)
        if payload not in phrase.payloads:
            phrase.payloads.append(payload)

    def phrases(self) -> list[Phrase]:
        self._unpack_all()
        return list(self._phrases.values())

    def find(self, tokens: list[Token]) -> list[Match]:
        found: dict[tuple[int, int], list[Phrase]] = {}
        by_form, packed = self._by_first_form, self._first
        for i, token in enumerate(tokens):
            phrases = by_form.get(token.norm)
            if phrases is None:
                if token.norm not in packed:
                    continue  # most words begin no name
                phrases = self._unpack_form(token.norm)
            for phrase in phrases:
                stop = i + len(phrase.words)
                window = tokens[i:stop]
                if len(window) == len(phrase.words) and phrase.matches(window):
                    found.setdefault((i, stop), []).append(phrase)
        chosen: list[Match] = []
        taken: set[int] = set()
        longest_first = sorted(found, key=lambda span: (span[0] - span[1], span[0]))
        for first, stop in longest_first:
            phrases = found[(first, stop)]
            if taken.isdisjoint(range(first, stop)):
                taken.update(range(first, stop))
                chosen.append(Match(first, stop, tuple(phrases)))
        return sorted(chosen)


def _key(words: tuple[str, ...]) -> tuple:
    # a capital is part of a name: «Приморский» (a village) and «приморский» (the region's
    # adjective) are two phrases, with their own case forms
    return tuple(fold(w) for w in words) + tuple(w[:1].isupper() for w in words)


def _numbers(numbers: list[int]) -> int | tuple[int, ...]:
    return numbers[0] if len(numbers) == 1 else tuple(numbers)


class _PackedPhrases:
    """Phrases pickled one by one into one bytes object; each is read back once, when asked."""

    def __init__(self, blob: bytes, ends: array) -> None:
        self._blob = blob
        self._ends = ends
        self._read: dict[int, Phrase] = {}

    @classmethod
    def of(cls, phrases: list[Phrase]) -> _PackedPhrases:
        pieces = [
            pickle.dumps((p.words, p.forms, p.payloads), pickle.HIGHEST_PROTOCOL) for p in phrases
        ]
        return cls(b"".join(pieces), array("Q", itertools.accumulate(map(len, pieces))))

    def __reduce__(self):
        return (_PackedPhrases, (self._blob, self._ends))

    def __len__(self) -> int:
        return len(self._ends)

    def phrase(self, n: int) -> Phrase:
        phrase = self._read.get(n)
        if phrase is None:
            start = self._ends[n - 1] if n else 0
            words, forms, payloads = pickle.loads(self._blob[start : self._ends[n]])
            phrase = self._read[n] = Phrase(words, forms, payloads)
        return phrase


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def split_names(names: str | None) -> list[str]:
    return [n.strip() for n in (names or "").split("|") if n.strip()]
