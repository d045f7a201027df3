"""End to end in a real browser: `newsmon serve` on a test database, opened in headless Chromium
(Debian's package, driven by Playwright; no browser download). Screenshots go to
tests/screenshots/ (gitignored)."""

from __future__ import annotations

import json
import re
import shutil
import urllib.parse
from pathlib import Path

import pytest
import yaml

from crawler.serve import METADATA
from tests.support.serve_db import XSS_TITLE, Server, build

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

if not Path(CHROMIUM).exists():
    pytest.skip(
        "Chromium is not installed and could not be (scripts/test.sh installs Debian's "
        "chromium with apt-get when run as root)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[test]'")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    srv = Server(build(folder / "browser.db"), folder / "serve.log")
    try:
        srv.wait_ready()
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    SCREENSHOTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))
    page.on(
        "console",
        lambda m: page.problems.append(f"console: {m.text}") if m.type == "error" else None,
    )

    def no_dialogs(dialog):
        page.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", no_dialogs)
    yield page
    context.close()


# What vega drew: the number of data marks (bars, points) of an SVG chart, or for a canvas
# chart the number of painted pixels.
DRAWN = """
(el) => {
  const svg = el.querySelector('svg.marks');
  if (svg) return {svg: svg.querySelectorAll('g.role-mark > path, g.role-mark > g').length};
  const canvas = el.querySelector('canvas');
  if (!canvas) return {};
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let ink = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) ink++;
  return {canvas: ink};
}
"""


def chart_rows(server, chart: dict, **filters: str) -> int:
    """Rows the chart's query returns with these filters set (as the dashboard fetches them): a
    [[ … ]] clause stays when it names a filter that is set."""

    def clause(m: re.Match) -> str:
        names = re.findall(r":(\w+)", m.group(1))
        return m.group(1) if names and all(n in filters for n in names) else ""

    sql = re.sub(r"\[\[(.*?)\]\]", clause, chart["query"], flags=re.S)
    status, body = server.get(
        "/news.json?" + urllib.parse.urlencode({"sql": sql, "_shape": "array", **filters})
    )
    assert status == 200, body
    return len(json.loads(body))


def rows_of_db(server, sql: str) -> list[list]:
    status, body = server.get(
        "/news.json?" + urllib.parse.urlencode({"sql": sql, "_shape": "arrays"})
    )
    assert status == 200, body
    return json.loads(body)["rows"]


def dashboard_charts() -> dict[str, dict]:
    dashboard = yaml.safe_load(METADATA.read_text(encoding="utf-8"))["plugins"][
        "datasette-dashboards"
    ]["newsmon"]
    return dashboard["charts"]


def test_dashboard_draws_its_charts(server, page):
    charts = {k: c for k, c in dashboard_charts().items() if c["library"] == "vega-lite"}
    assert len(charts) >= 5
    page.goto(server.url + "/-/dashboards/newsmon")
    for slug in charts:
        page.wait_for_selector(f"#chart-{slug} svg.marks, #chart-{slug} canvas", timeout=20_000)
    page.wait_for_timeout(500)  # let vega finish its first render
    body = page.inner_text("body")
    for slug, chart in charts.items():
        assert chart["title"] in body
        drawn = page.eval_on_selector(f"#chart-{slug}", DRAWN)
        rows = chart_rows(server, chart)
        assert rows > 0, slug
        if "svg" in drawn:
            assert drawn["svg"] == rows, (slug, drawn, rows)  # one bar or point per row
        else:
            assert drawn.get("canvas", 0) > 500, (slug, drawn)
    # the metrics show the database's numbers
    assert page.inner_text("#chart-articles-total").strip() == "30"
    facts, seized = rows_of_db(
        server,
        "select (select count(*) from facts),"
        " (select cast(round(coalesce(sum(kg), 0)) as integer) from seizure_events)",
    )[0]
    assert page.inner_text("#chart-facts-total").strip() == str(facts)
    # seized mass adds seizure events once each and leaves out the 1183 t of destroyed hemp
    assert 0 < seized < 1183000
    assert page.inner_text("#chart-seized-total").strip() == f"{seized:,} kg"  # as the axes
    # the map: one circle per region with facts, placed by a projection, no tiles fetched
    regions = rows_of_db(
        server,
        "select count(distinct region) from facts where region in (select code from region_coords)",
    )[0][0]
    assert regions >= 5
    circles = page.locator("#chart-facts-map g.mark-symbol.role-mark > path")
    assert circles.count() == regions == chart_rows(server, charts["facts-map"])
    spots = {
        tuple(round(float(v)) for v in re.findall(r"translate\(([-+\d.e]+),([-+\d.e]+)\)", t)[0])
        for t in circles.evaluate_all("els => els.map(e => e.getAttribute('transform'))")
    }
    assert len(spots) >= regions - 1  # KZ (national, at Astana) and KZ-71 (Astana) share a spot
    page.screenshot(path=str(SCREENSHOTS / "dashboard.png"), full_page=True)
    assert page.problems == []


def test_dashboard_filter_changes_the_charts(server, page):
    page.goto(server.url + "/-/dashboards/newsmon?source=police-ru")
    page.wait_for_selector("#chart-articles-total p", timeout=20_000)
    assert page.inner_text("#chart-articles-total").strip() == "10"
    page.wait_for_selector("#chart-seized-mass canvas, #chart-seized-mass svg", timeout=20_000)
    # the map keeps that source's regions only
    page.wait_for_selector("#chart-facts-map svg.marks", timeout=20_000)
    page.wait_for_timeout(500)
    facts_map = dashboard_charts()["facts-map"]
    circles = page.locator("#chart-facts-map g.mark-symbol.role-mark > path").count()
    assert (
        circles == chart_rows(server, facts_map, source="police-ru") < chart_rows(server, facts_map)
    )
    page.screenshot(path=str(SCREENSHOTS / "dashboard-police-ru.png"), full_page=True)
    assert page.problems == []


def test_map_draws_a_single_region(server, page):
    """One point gives the projection nothing to span: it is still drawn, without errors."""
    filters = {"source": "news-kz", "date_start": "2024-04-10", "date_end": "2024-04-10"}
    assert chart_rows(server, dashboard_charts()["facts-map"], **filters) == 1
    page.goto(server.url + "/-/dashboards/newsmon?" + urllib.parse.urlencode(filters))
    page.wait_for_selector("#chart-facts-map svg.marks", timeout=20_000)
    page.wait_for_timeout(500)
    circle = page.locator("#chart-facts-map g.mark-symbol.role-mark > path")
    assert circle.count() == 1
    box = circle.bounding_box()
    assert box and box["width"] > 0, box
    assert page.problems == []


def test_facets_show_counts_and_filter(server, page):
    page.goto(server.url + "/news/figures")
    unit_facet = page.locator(".facet-info", has=page.locator("strong", has_text="unit"))
    kg = unit_facet.locator("li", has_text="kg")
    assert kg.inner_text().split()[-1] == "28"
    year_facet = page.locator(".facet-info", has=page.locator("strong", has_text="year"))
    assert "2023" in year_facet.inner_text()
    page.screenshot(path=str(SCREENSHOTS / "figures-facets.png"), full_page=True)
    kg.locator("a").first.click()
    page.wait_for_url("**unit=kg**")
    assert '28 rows where unit = "kg"' in page.inner_text("h3")
    # each figure shows its article's title: text, never markup
    assert XSS_TITLE in page.inner_text("table.rows-and-columns")
    assert page.locator("table.rows-and-columns script").count() == 0
    page.screenshot(path=str(SCREENSHOTS / "figures-kg.png"), full_page=True)
    assert page.problems == []


def test_search_box_finds_word_forms_and_highlights_them(server, page):
    page.goto(server.url + "/news/articles")
    page.fill("input#_search", "изъятие")
    page.locator("input#_search").press("Enter")
    page.wait_for_url("**_search=**")
    marks = page.locator("table.rows-and-columns mark").all_inner_texts()
    assert {"Изъятие", "изъято", "Изъято"} <= set(marks)
    titles = page.locator("td.col-title").all_inner_texts()
    assert XSS_TITLE in titles  # shown as the text it is
    assert page.locator("table.rows-and-columns script").count() == 0
    assert "Погода" not in " ".join(titles)
    page.screenshot(path=str(SCREENSHOTS / "search-izyatie.png"), full_page=True)

    page.goto(server.url + "/news/articles?_search=" + "наркотик")
    titles = page.locator("td.col-title").all_inner_texts()
    assert any("наркотиков" in t for t in titles)
    assert any("наркотиками" in t for t in titles)
    page.screenshot(path=str(SCREENSHOTS / "search-narkotik.png"), full_page=True)
    assert page.problems == []


# --- reads like a report (issue 15) ---------------------------------------------------------


def test_home_lists_the_analysts_tables_first(server, page):
    page.goto(server.url + "/")
    sections = page.locator(".newsmon-home h2").all_inner_texts()
    assert sections[:2] == ["Facts and statistics", "Articles and figures"]
    links = page.locator("ul.home-tables li > a").all_inner_texts()
    assert links[0] == "Facts" and links.index("Articles") < links.index("Places named in articles")
    body = page.inner_text("body")
    assert "_memory" not in body and "raw_pages" not in body and "article_lsh" not in body
    page.screenshot(path=str(SCREENSHOTS / "home.png"), full_page=True)
    assert page.problems == []


def test_figures_show_ten_rows_in_the_first_screen_formatted(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(server.url + "/news/figures")
    rows = page.locator("table.rows-and-columns tbody tr")
    visible = sum(1 for i in range(rows.count()) if rows.nth(i).bounding_box()["y"] + 20 < 900)
    page.screenshot(path=str(SCREENSHOTS / "figures-first-screen.png"))
    assert visible >= 10, visible
    values = page.locator("td.col-value").all_inner_texts()
    assert any(v.endswith("\u00a0кг") for v in values), values[:10]
    assert not any(re.fullmatch(r"\d+\.\d+", v) for v in values), values[:10]
    page.screenshot(path=str(SCREENSHOTS / "figures-first-screen.png"))
    # the JSON keeps the raw numbers
    _status, body = server.get("/news/figures.json?_shape=array&unit=kg&_size=1")
    assert isinstance(json.loads(body)[0]["value"], float)
    context.close()


def test_article_page_reads_as_an_article(server, page):
    _status, body = server.get(
        "/news/articles.json?_shape=array&_size=1&title__startswith="
        + urllib.parse.quote("Изъято более 5 кг наркотиков")
    )
    article = json.loads(body)[0]
    page.goto(server.url + f"/news/articles/{article['id']}")
    assert page.inner_text("h1").strip() == article["title"]
    paragraph = page.locator(".article-body p").first
    assert paragraph.bounding_box()["width"] > 400  # not a 100-px column
    marks = page.locator(".article-body a.figure mark").all_inner_texts()
    assert "более 5 кг" in marks
    href = page.locator(".article-body a.figure").first.get_attribute("href")
    assert re.search(r"/news/(facts|figures)/\d+$", href)
    page.screenshot(path=str(SCREENSHOTS / "article.png"), full_page=True)
    assert page.problems == []


def test_dashboard_count_axes_have_integer_ticks(server, page):
    page.goto(server.url + "/-/dashboards/newsmon")
    for slug in ("articles-per-day", "crawl-runs", "figures-by-indicator"):
        page.wait_for_selector(f"#chart-{slug} svg.marks, #chart-{slug} canvas", timeout=20_000)
    page.wait_for_timeout(500)
    for slug in ("articles-per-day", "crawl-runs", "figures-by-indicator"):
        labels = page.locator(f"#chart-{slug} .role-axis-label text").evaluate_all(
            "els => els.map(e => e.textContent)"
        )
        numbers = [t for t in labels if t and re.fullmatch(r"[\d,.]+", t)]
        assert numbers and all("." not in t for t in numbers), (slug, labels)
    assert page.problems == []
