"""A crawl child stops when the `newsmon` process that started it is gone.

The runner starts each `scrapy crawl` in its own process group (so a Ctrl-C reaches the parent
only, which forwards exactly one SIGINT). The price: if the parent is killed outright, nothing
signals the child. This extension notices (its parent pid changes) and stops the crawl the same
way a SIGINT would: items in flight are stored, the run is recorded as interrupted, and the
crawl lock the child inherited is released when it exits.
"""

from __future__ import annotations

import os
import signal

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

CHECK_SECONDS = 2.0


class ParentWatchdog:
    def __init__(self, crawler, parent_pid: int):
        self.crawler = crawler
        self.parent_pid = parent_pid
        self.fired = False
        self._loop = task.LoopingCall(self.check)
        crawler.signals.connect(self.engine_started, signal=signals.engine_started)
        crawler.signals.connect(self.engine_stopped, signal=signals.engine_stopped)

    @classmethod
    def from_crawler(cls, crawler):
        parent = crawler.settings.getint("NEWSMON_PARENT_PID")
        if not parent:  # `scrapy crawl` by hand: nobody to watch
            raise NotConfigured
        return cls(crawler, parent)

    def engine_started(self):
        self._loop.start(CHECK_SECONDS, now=True)

    def engine_stopped(self):
        if self._loop.running:
            self._loop.stop()

    def check(self):
        if self.fired or os.getppid() == self.parent_pid:
            return
        self.fired = True
        self.crawler.stats.set_value("newsmon/parent_gone", 1)
        if self.crawler.spider is not None:
            self.crawler.spider.logger.warning(
                "the newsmon process %s that started this crawl is gone; stopping gracefully",
                self.parent_pid,
            )
        # Scrapy's own shutdown handler: the same clean stop as a Ctrl-C.
        os.kill(os.getpid(), signal.SIGINT)
