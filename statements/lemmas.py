"""Lemma strings for the topic rules: spaCy's English lookup table, with fixes for legal text.

The rules match lower-case lemma strings ("advertising partners" reads "advertise partner"),
tokens joined by single spaces; `lemmatize` is memoized per word.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _lemma_table() -> Any:
    """English lookup lemmas from spacy-lookups-data (the table spaCy's lookup lemmatizer uses)."""
    from spacy.lookups import load_lookups

    return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


# Lemmas the lookup table gets wrong for legal text ("data" is not the plural of "datum" here).
_LEMMAS: dict[str, str] = {
    "data": "data",
    "us": "us",
    "as": "as",
    "media": "media",
    "terms": "terms",
    "less": "less",
    "does": "do",
    "these": "these",
    "cookies": "cookie",
    "ai": "ai",  # the table maps "ai" (as in "ain't") to "have"
    "developing": "develop",
    "developed": "develop",
    "those": "those",
    # ordinals: the table maps "third" to "3", which hides "third party" written with a space
    "first": "first",
    "second": "second",
    "third": "third",
    "longer": "longer",  # "no longer necessary", not "no long"
}


def _lemma(token: str) -> str:
    got = _LEMMAS.get(token)
    if got is None:
        got = str(_lemma_table().get(token, token)).lower()
        _LEMMAS[token] = got
    return got


_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|n't|[^\w\s]")


def lemmatize(text: str) -> str:
    """Lower-case lemma string of `text`, tokens joined by single spaces."""
    low = text.lower().replace("’", "'")
    low = low.replace("won't", "will not").replace("can't", "can not").replace("cannot", "can not")
    return " ".join(_lemma(t) for t in _TOKEN.findall(low.replace("n't", " n't")))
