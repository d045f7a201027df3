"""From figures to facts: what each number is (role, scope, indicator), whether the numbers
of a sentence agree, and the key under which the same claim, stated several times, is one fact.

`annotate_figures` works on one article (plain functions, no database); `pipelines.fact_store`
links the annotated figures of stored articles into the `facts` table.
"""

from pipelines.facts.annotate import annotate_figures

__all__ = ["annotate_figures"]
