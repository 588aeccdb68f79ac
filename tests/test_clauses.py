"""Segmentation, markup stripping and effective dates."""

from __future__ import annotations

from datetime import date

from clausewatch.parsers.clauses import (
    clause_key,
    find_clauses,
    find_effective_date,
    segment,
    strip_markup,
)

DOC = """Privacy Policy
==============

Effective as of 2 March 2026. Last updated: January 5, 2026

1\\. Sharing
-----------

We share data with the following providers:

* Affiliates, to run the service.
* Law enforcement, when the law requires it.

### 1.2 Retention

We keep chat logs for **90 days**. Then we delete them. See [our FAQ](https://x.example/faq?utm=1).

| Sub-processor | Purpose |
| --- | --- |
| Strato Hosting GmbH | Hosting |
"""


def test_strip_markup_drops_link_targets_and_escapes() -> None:
    assert strip_markup("See [the FAQ](https://a.example/x?t=1) and 1\\. item") == (
        "See the FAQ and 1. item"
    )


def test_clauses_have_sections_topics_and_facts() -> None:
    clauses = find_clauses(DOC)
    texts = [c.text for c in clauses]
    assert "We keep chat logs for 90 days." in texts
    keep = next(c for c in clauses if c.text.startswith("We keep"))
    assert keep.section == "Privacy Policy > 1. Sharing > 1.2 Retention"
    assert keep.topics == ("retention",)
    assert keep.facts["retention"]["days"] == [90]
    affiliates = next(c for c in clauses if c.text.startswith("Affiliates"))
    assert affiliates.facts["sharing"]["recipients"] == ["affiliates"]
    row = next(c for c in clauses if c.text.startswith("Strato"))
    assert row.facts["sharing"]["subprocessors"] == ["strato hosting"]


def test_clauses_without_topic_words_are_skipped() -> None:
    assert find_clauses("# Terms\n\nBe kind to other people.\n") == []


def test_clause_key_ignores_numbering_and_case() -> None:
    assert clause_key("3.2 We Keep logs.") == clause_key("(b) we keep LOGS")


def test_effective_date_is_preferred_over_updated() -> None:
    assert find_effective_date(DOC) == date(2026, 3, 2)
    assert find_effective_date("Last updated: September 28, 2025") == date(2025, 9, 28)
    assert find_effective_date("nothing here") is None


def test_an_item_ending_in_a_colon_leads_its_sub_items() -> None:
    text = (
        "Rules\n\nPlease read these rules.\n\n2. Keep your password safe.\n\n3. You may not:\n\n"
        "1. copy any corpus used to train a model in the Widgets;\n\n2. resell the Widgets.\n\n"
        "4. We may train our models on your feedback.\n"
    )
    leads = {body[:12]: lead for _, kind, body, lead in segment(text) if kind == "item"}
    assert leads["copy any cor"] == "You may not:"
    assert leads["resell the W"] == "You may not:"
    assert leads["We may train"] == "Please read these rules."
    clauses = {c.text[:12]: c for c in find_clauses(text)}
    assert all("training_use" not in c.topics for k, c in clauses.items() if k != "We may train")
    assert "training_use" in clauses["We may train"].topics


def test_vendors_listed_as_name_colon_description_items_are_sub_processors() -> None:
    text = (
        "# Sharing\n\nWe may share personal data with our service providers.\n\n"
        "Our main providers are:\n\n"
        "* **Corvane Compute:**\n\n"
        "    * **Purpose:** Security of the Services.\n"
        "    * **Data location:** Iceland\n"
        "* **: Brightlog**\n"
        "    * **Purpose:** Cloud infrastructure\n\n"
        "# Annex\n\n* **Sub-processors:**\n\n"
        "    * **Orrin Signals:** our hosting provider. The Personal Data are stored in Norway.\n"
    )
    atoms = [tuple(a) for c in find_clauses(text) for f in c.facts.values() for a in f["atoms"]]
    subs = {a[2] for a in atoms if a[1] == "subprocessor"}
    assert subs == {"corvane", "brightlog", "orrin"}
    # "Purpose:" and "Data location:" are fields of the vendor above, not vendors
    assert not [a for a in atoms if a[1] == "named"]


def test_a_table_flattened_onto_one_line_is_read_row_by_row() -> None:
    flat = (
        "| Purpose | Data | Basis | | :---- | :---- | :---- | | To bill you | Payment Data |"
        " Contract | | To train our models on your chats | Chat Content | Legitimate interests |"
    )
    rows = [
        b for b in segment("# Uses\n\nWe use data as follows:\n\n" + flat + "\n") if b[1] == "row"
    ]
    assert [r[2] for r in rows] == [
        "To bill you | Payment Data | Contract",
        "To train our models on your chats | Chat Content | Legitimate interests",
    ]
    assert all(r[3].endswith("¶ Purpose | Data | Basis") for r in rows)
