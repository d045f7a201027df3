"""The newsmon application: the Scrapy project, the command line and the scheduler's jobs.

Importing it serves the regular expressions' compiled form from a per-machine cache
(pipelines/regex_cache.py) before any module of the chain compiles its rules: it changes the
`re` module of the whole process, which only the application, not the library, may decide.
"""

from pipelines import regex_cache

regex_cache.install()
