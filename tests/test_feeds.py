import pytest

from crawler.feeds import NotAFeed, feed_entries, sitemap_entries


def test_rss_items_with_publication_days():
    rss = b"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>
    <item><title>A</title><link>https://x.kz/1.html</link>
    <pubDate>Tue, 05 Aug 2025 23:30:00 +0500</pubDate></item>
    <item><guid isPermaLink="true">https://x.kz/2.html</guid></item>
    <item><guid isPermaLink="false">tag:x,1</guid></item></channel></rss>"""
    assert list(feed_entries(rss)) == [
        ("https://x.kz/1.html", "2025-08-05"),
        ("https://x.kz/2.html", None),
    ]


def test_atom_entries_prefer_the_alternate_link():
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry>
    <link rel="self" href="https://x.kz/feed/1"/><link rel="alternate" href="https://x.kz/1.html"/>
    <published>2025-08-05T10:00:00Z</published></entry></feed>"""
    assert list(feed_entries(atom)) == [("https://x.kz/1.html", "2025-08-05")]


def test_html_served_as_a_feed_is_refused():
    with pytest.raises(NotAFeed, match="not a feed"):
        list(feed_entries(b"<!DOCTYPE html><html><body>Not found</body></html>"))


def test_entities_are_never_expanded():
    laughs = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">
    <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
    <!ENTITY x SYSTEM "file:///etc/passwd">]>
    <rss><channel><item><link>https://x.kz/&c;&x;</link></item></channel></rss>"""
    links = [link for link, _ in feed_entries(laughs)]
    assert all("aaaa" not in link and "root:" not in link for link in links)


def test_sitemap_index_and_urlset():
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>https://x.kz/s/1.xml</loc><lastmod>2025-08-01T10:00:00+05:00</lastmod></sitemap>
    </sitemapindex>"""
    assert sitemap_entries(index) == ("sitemapindex", [("https://x.kz/s/1.xml", "2025-08-01")])
    urlset = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url><loc> https://x.kz/1.html </loc></url></urlset>"""
    assert sitemap_entries(urlset) == ("urlset", [("https://x.kz/1.html", None)])
    with pytest.raises(NotAFeed):
        sitemap_entries(b"<rss/>")
