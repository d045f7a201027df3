"""Servers and databases the tests crawl and query: helpers, not tests."""
