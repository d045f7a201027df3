"""Figures stated in Russian article text (see core.py for the rules, in reading order)."""

from pipelines.figures.core import extract_figures

__all__ = ["extract_figures"]
