"""The full timestamps feeds and sitemaps give their links (crawler/listed_stamps.py): evidence
for an article's publication time, as written, with its offset; nothing on a document that
cannot be read."""

from __future__ import annotations

import pytest

from crawler.listed_stamps import feed_stamps, sitemap_stamps

RSS = b"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>
<item><title>A</title><link>https://news.example/a/1.html</link>
  <pubDate>Tue, 05 Aug 2025 14:30:00 +0500</pubDate></item>
<item><title>B</title><guid>https://news.example/a/2.html</guid>
  <link> https://news.example/a/2.html </link>
  <pubDate>Wed, 06 Aug 2025 09:00:00 GMT</pubDate>
  <dc:date xmlns:dc="http://purl.org/dc/elements/1.1/">2025-08-01</dc:date></item>
<item><title>Without a date</title><link>https://news.example/a/3.html</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<entry><title>A</title><link href="https://news.example/atom/1"/>
  <updated>2025-08-07T12:00:00+05:00</updated>
  <published>2025-08-06T08:15:00+05:00</published></entry>
<entry><title>B</title><link href="https://news.example/atom/2"/>
  <updated>2025-08-08T10:00:00Z</updated></entry>
</feed>"""

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
NEWS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'
SITEMAP = f"""<?xml version="1.0"?><urlset {NS} {NEWS}>
<url><loc>https://news.example/s/1</loc><lastmod>2025-08-05T10:20:00+05:00</lastmod></url>
<url><loc>https://news.example/s/2</loc><lastmod>2025-08-05</lastmod></url>
<url><loc>https://news.example/s/3</loc><lastmod>2025-08-09T00:00:00Z</lastmod>
  <news:news><news:publication_date>2025-08-04T18:45:00+05:00</news:publication_date>
  </news:news></url>
<url><loc>https://news.example/s/4</loc>
  <news:news><news:publication_date>2025-08-03T07:00:00+05:00</news:publication_date>
  </news:news>
  <lastmod>2025-08-09T00:00:00Z</lastmod></url>
<url><loc>https://news.example/s/5</loc></url>
</urlset>""".encode()

ENTITIES = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x "boom">]><rss><channel>
<item><link>https://news.example/a/1.html</link><pubDate>&x;</pubDate></item></channel></rss>"""


def test_rss_pubdates_as_written_with_their_offset():
    assert feed_stamps(RSS) == {
        "https://news.example/a/1.html": "Tue, 05 Aug 2025 14:30:00 +0500",
        # guid and link both name the item; pubDate wins over dc:date
        "https://news.example/a/2.html": "Wed, 06 Aug 2025 09:00:00 GMT",
    }


def test_atom_published_wins_over_updated():
    assert feed_stamps(ATOM) == {
        "https://news.example/atom/1": "2025-08-06T08:15:00+05:00",
        "https://news.example/atom/2": "2025-08-08T10:00:00Z",
    }


def test_sitemap_lastmod_with_a_time_and_news_publication_date_first():
    assert sitemap_stamps(SITEMAP) == {
        "https://news.example/s/1": "2025-08-05T10:20:00+05:00",
        # a bare day adds nothing to the day the sitemap reader already gives: left out
        "https://news.example/s/3": "2025-08-04T18:45:00+05:00",
        "https://news.example/s/4": "2025-08-03T07:00:00+05:00",
    }


@pytest.mark.parametrize("read", [feed_stamps, sitemap_stamps])
@pytest.mark.parametrize(
    "body",
    [b"", b"<html><body>not a feed</body></html", b"\x1f\x8b\x08\x00garbage", ENTITIES],
    ids=["empty", "broken html", "binary", "xml entities"],
)
def test_an_unreadable_or_hostile_document_gives_no_stamps(read, body):
    assert read(body) == {}
