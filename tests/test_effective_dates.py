"""The date new terms take effect wins over a "last updated" stamp; a section's own date wins."""

from __future__ import annotations

from datetime import date

import pytest

from clausewatch.detection.compare import compare_clauses
from clausewatch.parsers.clauses import effective_date_of, find_clauses, section_dates
from clausewatch.parsers.dates import find_effective_date, stated_effective_date
from clausewatch.pipelines.analyze import dated


@pytest.mark.parametrize(
    "text, expected",
    [
        ("These changes take effect on March 1, 2026.", date(2026, 3, 1)),
        ("The updated terms will become effective as of 15 April 2026.", date(2026, 4, 15)),
        ("This policy will apply from 2026-05-01 to all accounts.", date(2026, 5, 1)),
        ("The new addendum comes into force on June 2, 2026.", date(2026, 6, 2)),
        ("Effective date: January 9, 2026", date(2026, 1, 9)),
    ],
)
def test_phrases_that_state_when_terms_take_effect(text, expected):
    assert stated_effective_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Last updated: March 1, 2026",
        "We apply security updates regularly.",
        "These terms apply to your use of the service.",
    ],
)
def test_stamps_and_other_uses_of_the_words_are_not_effective_dates(text):
    assert stated_effective_date(text) is None


def test_a_stated_effective_date_wins_over_the_stamp_even_when_later_in_the_text():
    text = (
        "Last updated: January 5, 2026\n\nIntro.\n\nThese changes take effect on March 1, 2026.\n"
    )
    assert find_effective_date(text) == date(2026, 3, 1)
    assert find_effective_date("Last updated: January 5, 2026") == date(2026, 1, 5)


DOC = """# Privacy Policy

Last updated: January 5, 2026

## How we train

We may use your chats to train our models unless you opt out.

## Changes effective 1 April 2026

### Sharing

We share your data with advertising partners.
"""


def test_a_section_states_its_own_date_and_its_sub_sections_inherit_it():
    dates = section_dates(DOC)
    assert effective_date_of(
        "Privacy Policy > Changes effective 1 April 2026 > Sharing", dates
    ) == date(2026, 4, 1)
    assert effective_date_of("Privacy Policy > How we train", dates) is None


def test_findings_of_a_dated_section_carry_its_date():
    old = "# Privacy Policy\n\nLast updated: January 5, 2025\n\n## How we train\n\nWe do not train our models on your chats.\n"
    new_clauses = find_clauses(DOC)
    findings = compare_clauses(find_clauses(old), new_clauses)
    got = {(f.topic, f.effective_date) for f in dated(findings, DOC, new_clauses)}
    assert ("sharing", date(2026, 4, 1)) in got
    # no date of its own: the document's date applies when the finding is stored
    assert {d for t, d in got if t == "training_use"} == {None}
