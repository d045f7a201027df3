"""Figures stated in Russian article text: `extract_figures` (core.py).

The modules, each importing only from those listed before it:
lexicon (word sets), sentence (the token view of a sentence and the Figure record),
not_figures (dates, phones, law articles, ordinals...), units, phrases (the noun phrases
around a number), objects (the ordered object finders), substances (more finders), reading
(one number into a figure), relations (figures of a sentence sharing unit and object), change
(increase / decrease), core (the whole text).
"""

from pipelines.figures.core import extract_figures

__all__ = ["extract_figures"]
