"""scrapy-redis's scheduler with leased requests (queue.py) and no flushing: the frontier
outlives every worker, and a run ends when the coordinator finds it empty, not when one worker
is idle."""

from __future__ import annotations

from scrapy_redis.scheduler import Scheduler

from crawler.distributed.queue import LEASE


class LeasedScheduler(Scheduler):
    def enqueue_request(self, request):
        queued = super().enqueue_request(request)
        if not queued and request.meta.get(LEASE):
            # A redirect or retry of a leased request to a URL already seen: it ends here.
            self.queue.ack(request.meta.pop(LEASE))
        return queued

    def flush(self):
        """Never drop the shared frontier because one worker stops."""

    def close(self, reason):
        """The queue and fingerprints belong to the cluster, not to this worker."""
