"""A small database for the Datasette and browser tests, written the way the crawl writes it
(`store_article` with figures), and a `newsmon serve` process to run on it."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from pipelines.articles import store_article
from pipelines.db import connect, write_transaction
from pipelines.facts import annotate_figures
from pipelines.items import ArticleRecord

REPO = Path(__file__).resolve().parents[2]
XSS_TITLE = "<script>alert(1)</script> Изъятие наркотиков в Караганде"

SOURCES = ["prokuror-kz", "police-ru", "news-kz"]

# (source, day, title, body, figures)
ARTICLES = [
    (
        "prokuror-kz",
        "2024-03-05",
        "Изъято более 5 кг наркотиков",
        "Сотрудники полиции изъяли более 5 кг наркотиков. Возбуждено 3 уголовных дела.",
        [
            {
                "quote": "более 5 кг",
                "value": 5.0,
                "unit": "kg",
                "qualifier": "more_than",
                "object": "наркотик",
            },
            {
                "quote": "3 уголовных дела",
                "value": 3.0,
                "unit": "count",
                "qualifier": "exact",
                "object": "дело",
            },
        ],
    ),
    (
        "police-ru",
        "2024-03-06",
        "Борьба с наркотиками в школах",
        "Профилактика: беседы о вреде наркотиков проведены в 12 школах.",
        [
            {
                "quote": "12 школах",
                "value": 12.0,
                "unit": "count",
                "qualifier": "exact",
                "object": "школа",
            },
        ],
    ),
    (
        "news-kz",
        "2024-04-10",
        "Ликвидирована нарколаборатория",
        "В Алматинской области ликвидирована нарколаборатория, изъято 20 кг мефедрона.",
        [
            {
                "quote": "нарколаборатория",
                "value": 1.0,
                "unit": "count",
                "qualifier": "exact",
                "object": "нарколаборатория",
            },
            {
                "quote": "20 кг мефедрона",
                "value": 20.0,
                "unit": "kg",
                "qualifier": "exact",
                "object": "мефедрон",
            },
        ],
    ),
    (
        "prokuror-kz",
        "2023-12-28",
        "Итоги года: преступления в сфере оборота наркотиков",
        "За 2023 год выявлено 1407 преступлений, задержано около 300 лиц. Уничтожено 1183 тонны "
        "дикорастущей конопли.",
        [
            {
                "quote": "1183 тонны дикорастущей конопли",
                "value": 1183000.0,
                "unit": "kg",
                "qualifier": "exact",
                "object": "конопля",
                "period_start": "2023-01-01",
                "period_end": "2023-12-31",
            },
            {
                "quote": "1407 преступлений",
                "value": 1407.0,
                "unit": "count",
                "qualifier": "exact",
                "object": "преступление",
                "period_start": "2023-01-01",
                "period_end": "2023-12-31",
            },
            {
                "quote": "около 300 лиц",
                "value": 300.0,
                "unit": "count",
                "qualifier": "approx",
                "object": "лицо",
                "period_start": "2023-01-01",
                "period_end": "2023-12-31",
            },
        ],
    ),
    (
        "police-ru",
        "2024-04-11",
        XSS_TITLE,
        "Проведено изъятие 2 кг гашиша. Задержаны 2 лица.",
        [
            {
                "quote": "2 кг гашиша",
                "value": 2.0,
                "unit": "kg",
                "qualifier": "exact",
                "object": "гашиш",
            },
            {
                "quote": "2 лица",
                "value": 2.0,
                "unit": "count",
                "qualifier": "exact",
                "object": "лицо",
            },
        ],
    ),
    (
        "news-kz",
        "2024-04-12",
        "Погода на выходные",
        "Синоптики обещают солнечную погоду без осадков.",
        [],
    ),
]
# Filler articles so that facets and charts have something to count.
FILLER = 24
# The region of each source's figures (as the places step would find it; "KZ": a national
# figure) and of the fillers', so that the map of facts by region has several points.
SOURCE_REGION = {"prokuror-kz": "KZ", "police-ru": "RU-NVS", "news-kz": "KZ-19"}
FILLER_REGIONS = ["KZ-75", "KZ-71", "KZ-35", "RU-MOW", "KZ-31"]


def build(path: Path) -> Path:
    db = connect(path)
    for name in SOURCES:
        db["sources"].insert({"name": name, "url": f"https://{name}.example/"}, pk="name")
    records = list(ARTICLES)
    for i in range(FILLER):
        source = SOURCES[i % len(SOURCES)]
        day = f"2024-04-{1 + i % 20:02d}"
        records.append(
            (
                source,
                day,
                f"Сводка происшествий №{i}",
                f"Задержан наркокурьер, при нём {i + 1} граммов героина. Возбуждено {i % 4 + 1} "
                "уголовное дело.",
                [
                    {
                        "quote": f"{i + 1} граммов",
                        "value": (i + 1) / 1000,
                        "unit": "kg",
                        "qualifier": "exact",
                        "object": "героин",
                    },
                    {
                        "quote": f"{i % 4 + 1} уголовное дело",
                        "value": float(i % 4 + 1),
                        "unit": "count",
                        "qualifier": "exact",
                        "object": "дело",
                    },
                ],
            )
        )
    for n, (source, day, title, body, figures) in enumerate(records):
        region = SOURCE_REGION[source] if n < len(ARTICLES) else FILLER_REGIONS[n % 5]
        figures = with_facts(body, [{"region": region, **f} for f in figures], day)
        store_article(
            db,
            ArticleRecord(
                source=source,
                url=f"https://{source}.example/news/{n}",
                html=f"<html><body><h1>{title}</h1><p>{body}</p></body></html>",
                fetched_at=f"{day}T12:00:00+00:00",
                title=title,
                body=body,
                published_at=f"{day}T10:00:00+05:00",
                figures=figures,
            ),
        )
    # a re-crawl that found a changed text: a second version
    source, day, title, body, figures = ARTICLES[0]
    store_article(
        db,
        ArticleRecord(
            source=source,
            url=f"https://{source}.example/news/0",
            html="<html></html>",
            fetched_at=f"{day}T18:00:00+00:00",
            title=title + " (обновлено)",
            body=body + " Задержаны двое подозреваемых.",
            published_at=f"{day}T10:00:00+05:00",
            figures=with_facts(
                body, [{"region": SOURCE_REGION[source], **f} for f in figures], day
            ),
        ),
    )
    with write_transaction(db):
        for i, (source, status) in enumerate(
            [("prokuror-kz", "ok"), ("police-ru", "ok"), ("news-kz", "failed")] * 3
        ):
            run_id = (
                db["crawl_runs"]
                .insert(
                    {
                        "token": f"t{i}",
                        "source": source,
                        "mode": "new",
                        "started_at": f"2024-04-{10 + i // 3:02d}T03:00:00+00:00",
                        "finished_at": f"2024-04-{10 + i // 3:02d}T03:05:00+00:00",
                        "status": status,
                        "pages": 10,
                        "articles_new": 2,
                        "errors": int(status == "failed"),
                        "error_kinds": json.dumps({"http_500": 1} if status == "failed" else {}),
                    }
                )
                .last_pk
            )
            if status == "failed":
                db["errors"].insert(
                    {
                        "run_id": run_id,
                        "source": source,
                        "url": f"https://{source}.example/",
                        "kind": "http_500",
                        "message": "Internal Server Error",
                        "at": f"2024-04-{10 + i // 3:02d}T03:01:00+00:00",
                    }
                )
    db.close()
    return path


def with_facts(body: str, figures: list[dict], day: str) -> list[dict]:
    """The figures as the chain leaves them: offsets, sentence, and the facts step's reading."""
    placed = []
    for f in figures:
        start = body.find(f["quote"])
        placed.append(
            {
                **f,
                "sentence": sentence_of(body, f["quote"]),
                "start": start,
                "end": start + len(f["quote"]),
            }
        )
    return annotate_figures(body, placed, published=day)


def sentence_of(text: str, quote: str) -> str:
    """The sentence of `text` that holds `quote` (as the figures pipeline gives it)."""
    return next(s for s in re.split(r"(?<=\.)\s+", text) if quote in s)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`newsmon serve` in a child process, exactly as a user starts it."""

    def __init__(self, db: Path, log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log.open("w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "crawler.cli",
                "serve",
                "--db",
                str(db),
                "--port",
                str(self.port),
            ],
            cwd=REPO,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"newsmon serve exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(self.url + "/-/versions.json", timeout=2):
                    return
            except OSError:
                time.sleep(0.2)
        raise TimeoutError("newsmon serve did not answer")

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
