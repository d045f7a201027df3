from crawler.urls import canonical_url


def test_tracking_parameters_and_fragments_are_dropped():
    assert (
        canonical_url("https://www.zakon.kz/sobytiia/1-a.html?utm_source=rss&utm_medium=x#c")
        == "https://www.zakon.kz/sobytiia/1-a.html"
    )
    assert canonical_url("https://x.kz/a?fbclid=1&yclid=2&gclid=3") == "https://x.kz/a"


def test_meaningful_query_is_kept_and_sorted():
    assert canonical_url("https://x.kz/news?page=2&lang=ru") == "https://x.kz/news?lang=ru&page=2"
    assert canonical_url("https://x.kz/list?from=20") == "https://x.kz/list?from=20"


def test_host_case_and_default_port():
    assert canonical_url("HTTPS://WWW.Zakon.KZ:443/a") == "https://www.zakon.kz/a"
    assert canonical_url("http://127.0.0.1:8080/a") == "http://127.0.0.1:8080/a"
    assert canonical_url("https://x.kz") == "https://x.kz/"


def test_ipv6_hosts_keep_their_brackets():
    assert canonical_url("http://[::1]:8000/a#x") == "http://[::1]:8000/a"
    assert canonical_url("https://[2001:DB8::1]/a") == "https://[2001:db8::1]/a"
