"""Words written in two scripts that look like one: «нарκотиκов» with Greek κ, «зa» with a Latin
a, «Аstrakhan» with a Cyrillic А. Rewriters and copy-pasted layouts leave them in real pages,
and a word so written is no word to the morphology, the gazetteer or a search: «Оκоло 175 тонн»
loses its qualifier, «марихуанy» its substance.

`fold_homoglyphs` rewrites each such word in the one script its letters can all be read in,
changing only letters that look alike, so the text keeps its length and every offset into it
stays right («ЕАОМеdia», its first five letters Cyrillic, becomes Latin). A word that no single
script can spell («УралПолитRu») is left as it is. (Unicode's confusables list, which
`confusable_homoglyphs` wraps, tells whether a string mixes scripts, not which letters to
exchange for one script: these few pairs are the ones that pass for each other in print.)
"""

from __future__ import annotations

import re

# Latin and Greek letters printed like Cyrillic ones
_TO_CYRILLIC = str.maketrans(
    "aceopxyikACEOPXYIKBHMTαεορκχΑΒΕΗΙΚΜΟΡΤΧΥ",
    "асеорхуікАСЕОРХУІКВНМТаеоркхАВЕНІКМОРТХУ",
)
# Cyrillic letters printed like Latin ones
_TO_LATIN = str.maketrans(
    "асеорхуікАСЕОРХУІКВНМТ",
    "aceopxyikACEOPXYIKBHMT",
)
_CYRILLIC = re.compile(r"[а-яёіїєґА-ЯЁІЇЄҐ]")
_LATIN = re.compile(r"[a-zA-Z]")
_GREEK = re.compile(r"[α-ωΑ-Ω]")
# runs of Latin or Greek letters: few in a Russian text (names, links), each checked for a
# Cyrillic letter right beside it, as every word that mixes the scripts has
_FOREIGN_RUN = re.compile(r"[a-zA-Zα-ωΑ-Ω]+")


def _is_cyrillic(char: str) -> bool:
    return bool(_CYRILLIC.match(char))


def _single_script(word: str) -> str:
    """The word in one script, if exchanging look-alike letters gives one; else the word."""
    cyrillic = word.translate(_TO_CYRILLIC)
    latin = word.translate(_TO_LATIN)
    as_cyrillic = not _LATIN.search(cyrillic) and not _GREEK.search(cyrillic)
    as_latin = not _CYRILLIC.search(latin) and not _GREEK.search(latin)
    if as_cyrillic and as_latin:
        # both spell it: the script most of its letters are already in («Аstrakhan» is Latin)
        changed_to_latin = sum(a != b for a, b in zip(word, latin, strict=True))
        changed_to_cyrillic = sum(a != b for a, b in zip(word, cyrillic, strict=True))
        return latin if changed_to_latin < changed_to_cyrillic else cyrillic
    if as_cyrillic:
        return cyrillic
    if as_latin:
        return latin
    return word


def fold_homoglyphs(text: str) -> str:
    """The text with every word that mixes Cyrillic with Latin or Greek look-alikes written in
    one script; the same length, so offsets into it are offsets into the text."""
    words: dict[int, int] = {}  # start -> end of each mixed word
    for run in _FOREIGN_RUN.finditer(text):
        start, end = run.span()
        if not (start and _is_cyrillic(text[start - 1])) and not (
            end < len(text) and _is_cyrillic(text[end])
        ):
            continue
        while start and text[start - 1].isalpha():
            start -= 1
        while end < len(text) and text[end].isalpha():
            end += 1
        words[start] = end
    if not words:
        return text  # nearly every text
    parts, done = [], 0
    for start, end in sorted(words.items()):
        parts += [text[done:start], _single_script(text[start:end])]
        done = end
    return "".join([*parts, text[done:]])
