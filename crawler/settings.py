"""Scrapy settings of newsmon. Polite by default; every limit is a setting (override with -s)."""

BOT_NAME = "newsmon"
SPIDER_LOADER_CLASS = "crawler.spiderloader.SourceSpiderLoader"
NEWSMON_SOURCES = None  # path of the sources TOML file; None = data/sources.toml
NEWSMON_DB = None  # path of the SQLite database; None = data/news.db
NEWSMON_RUN_TOKEN = None  # set by `newsmon crawl` to find the run rows of its children
NEWSMON_PARENT_PID = None  # set by the runner: the crawl stops gracefully when its parent dies

# Politeness: identify ourselves, obey robots.txt, adapt to the server's speed.
USER_AGENT = "newsmon/0.1 (news monitoring crawler; +https://github.com/newsmon/newsmon)"
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

# Limits: a crawl of one source never runs away.
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
DEPTH_LIMIT = 30
REDIRECT_MAX_TIMES = 10
CLOSESPIDER_TIMEOUT = 2 * 3600  # seconds per run per source
CLOSESPIDER_PAGECOUNT = 20000  # responses per run per source
# Isolation (crawler/runner.py): the parent's backstops behind the limits above. A crawl still
# running NEWSMON_TIME_LIMIT seconds after it started gets SIGINT (Scrapy closes cleanly,
# reason 'shutdown'), and SIGKILL NEWSMON_KILL_GRACE seconds later if it has not stopped.
# MEMUSAGE_LIMIT_MB closes the spider from inside (checked every MEMUSAGE_CHECK_INTERVAL_SECONDS);
# a child whose resident size passes NEWSMON_MEMORY_HARD_FACTOR times it is killed at once.
NEWSMON_TIME_LIMIT = CLOSESPIDER_TIMEOUT + 1800
NEWSMON_KILL_GRACE = 60
MEMUSAGE_ENABLED = True
MEMUSAGE_LIMIT_MB = 1024
MEMUSAGE_CHECK_INTERVAL_SECONDS = 10
NEWSMON_MEMORY_HARD_FACTOR = 1.5
NEWSMON_MAX_LINKS_PER_PAGE = 2000
# An article page larger than this is refused before it is parsed (errors kind too_large): the
# largest real article pages measured are 1.5 MB, and parsing costs tens of times the size.
NEWSMON_MAX_ARTICLE_BYTES = 4 * 1024 * 1024
# Figures read from one article at most (errors kind too_many_figures: the first are kept); each
# costs about 0.75 ms of CPU over the chain, and a page of numbers could hold hundreds of thousands.
NEWSMON_MAX_FIGURES = 2000
# Sentences natasha's NER tags in one article at most (errors kind too_many_names: the others'
# names are left to the gazetteer); each costs about 2 ms, and a list of villages could hold
# tens of thousands.
NEWSMON_MAX_NER_SENTENCES = 300
NEWSMON_API_PAGE_SIZE = 50
NEWSMON_API_MAX_PAGES = 200
NEWSMON_MAX_SITEMAP_URLS = 50000  # URLs taken from one sitemap file (the protocol's maximum)
URLLENGTH_LIMIT = 2083  # longer URLs are not requested, redirect targets included

# Hostile sites (crawler/addresses.py, redirects.py, pages.py; docs/hostile.md): no request from
# a public source reaches a private, loopback or otherwise non-public address, whatever its links
# and redirects say.
# NEWSMON_HOST_OVERRIDES pins host names to addresses like a hosts file, as a JSON object
# {"host": "address"}; a pinned address is trusted (it is the operator's, not DNS's).
NEWSMON_HOST_OVERRIDES = {}
TWISTED_DNS_RESOLVER = "crawler.addresses.GuardedResolver"
# Only http(s) is ever fetched: no file:, ftp:, s3: or data: URLs from a crawled page.
DOWNLOAD_HANDLERS = {"file": None, "ftp": None, "s3": None, "data": None}

# Retries on 429 and 5xx, waiting as long as Retry-After asks (up to RETRY_AFTER_MAX seconds).
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
RETRY_AFTER_MAX = 300

DOWNLOADER_MIDDLEWARES = {
    "crawler.addresses.PrivateAddressGuard": 60,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.RetryAfterMiddleware": 550,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.redirects.SafeMetaRefreshMiddleware": 580,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.redirects.SafeRedirectMiddleware": 600,
}
SPIDER_MIDDLEWARES = {
    "scrapy.spidermiddlewares.urllength.UrlLengthMiddleware": None,
    "crawler.limits.CountedUrlLengthMiddleware": 800,
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
    "crawler.limits.CountedDepthMiddleware": 900,
}
# The article chain, pipelines/chain.py ARTICLE_STEPS, in its order, then storage
# (tests/test_chain.py). Text is made plain before any step records a character offset.
ITEM_PIPELINES = {
    "pipelines.extract_pipeline.ExtractionPipeline": 100,
    "pipelines.plain_text.PlainTextPipeline": 150,
    "pipelines.chrome_pipeline.ChromePipeline": 170,
    "pipelines.figures_pipeline.FiguresPipeline": 200,
    "pipelines.places_pipeline.PlacesPipeline": 300,
    "pipelines.facts_pipeline.FactsPipeline": 400,
    "pipelines.storage_prep.StoragePrepPipeline": 500,  # what storage needs but the database
    "crawler.page_reports.PageReports": 550,  # the page checks' findings; refused pages dropped
    "pipelines.chrome_pipeline.ChromeLearning": 850,  # after the chain, in the crawl process
    "pipelines.store_pipeline.StorePipeline": 900,
}
# The chain's steps run in NEWSMON_EXTRACT_WORKERS worker processes (None = one per core; 0 or 1 =
# in the crawl process); storage stays in the crawl process (crawler/extract_pool.py).
ITEM_PROCESSOR = "crawler.extract_pool.PooledItemProcessor"
NEWSMON_EXTRACT_WORKERS = None
EXTENSIONS = {
    "crawler.run_recorder.RunRecorder": 100,
    "crawler.watchdog.ParentWatchdog": 110,
}

# A large run keeps its request queue on disk when JOBDIR is set (-s JOBDIR=...).
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
