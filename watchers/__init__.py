"""Fetching: the catalog loader and the one catalog-driven Scrapy spider. No parsing, no SQL."""
