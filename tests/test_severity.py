"""The declared severity table: what it says, and that docs/severity.md prints it."""

from pathlib import Path

import pytest
from texts import compare_texts

from clausewatch.detection.severity import SEVERITY_TABLE, severity_for, table_markdown
from clausewatch.detection.summaries import severity_of

DOCS = Path(__file__).resolve().parent.parent / "docs" / "severity.md"


@pytest.mark.parametrize(
    ("atom", "direction", "expected"),
    [
        (("training", "train", "permitted", "opt_out"), "broader", "critical"),  # opt-in -> opt-out
        (("training", "train", "permitted", "none"), "broader", "critical"),
        (("training", "train", "permitted", "opt_in"), "broader", "high"),
        (("training", "train", "permitted", "deid"), "broader", "critical"),  # still their content
        (("training", "train", "permitted", "public_data"), "broader", "medium"),  # web data
        (("training", "improve", "permitted", "none"), "broader", "medium"),
        (("sharing", "model_providers", "permitted"), "broader", "critical"),
        (("sharing", "service_providers", "permitted"), "broader", "high"),  # a new recipient
        (("sharing", "subprocessor", "Nimbus"), "broader", "medium"),  # a new sub-processor
        (("sharing", "acquirers", "permitted"), "broader", "medium"),  # merger boilerplate
        (("sharing", "authorities", "permitted"), "broader", "medium"),  # as the law requires
        (("retention", "days", 1825, "-"), "broader", "high"),
        (("retention", "days", 30, "-"), "changed", "medium"),
        (("training", "train", "permitted", "none"), "narrower", "low"),  # anything narrower
        (("sharing", "sale", "permitted"), "narrower", "low"),
    ],
)
def test_statement_changes_get_the_declared_severity(atom, direction, expected):
    assert severity_of(atom, direction) == expected


def test_sharing_the_user_starts_is_medium_not_critical():
    atom = ("sharing", "public", "permitted")
    assert severity_of(atom, "broader") == "critical"
    assert severity_of(atom, "broader", user_acts=True) == "medium"


def test_edit_readings_use_the_table_too():
    assert severity_for("training", "scope", "broader") == "high"
    assert severity_for("retention", "exception", "narrower") == "low"


def test_every_row_is_reachable_and_the_table_ends_with_a_catch_all():
    last = SEVERITY_TABLE[-1]
    assert (last.topic, last.direction, last.changes) == ("*", "*", frozenset())
    assert all(r.why for r in SEVERITY_TABLE)


def test_docs_print_the_table():
    assert table_markdown() in DOCS.read_text(encoding="utf-8")


def test_training_on_published_data_only_is_worded_and_rated_as_web_data() -> None:
    head = "# Training\n\nWe provide the service.\n\n"
    new = head + (
        "If your personal data is publicly available on the internet, Acme may use it to train"
        " our models.\n"
    )
    (f,) = [f for f in compare_texts(head, new) if f.topic == "training_use"]
    assert f.direction == "broader"
    assert f.severity == "medium"
    assert "where that data is publicly available" in f.summary, f.summary


HEAD = "# Training\n\nWe provide the service.\n\n"


def test_a_default_training_permission_that_covers_more_is_critical() -> None:
    # opt-out training of the users' own content, now of more plans: training without prior
    # choice on more people's content, rated as a new such permission would be
    old = (
        HEAD
        + "If you use the free plan, we use your chats to train our models unless you opt out.\n"
    )
    new = HEAD + (
        "If you use the free plan or the pro plan, we use your chats to train our models unless"
        " you opt out.\n"
    )
    (f,) = [f for f in compare_texts(old, new) if f.topic == "training_use"]
    assert (f.direction, f.severity) == ("broader", "critical"), f.summary


def test_a_consented_training_permission_that_covers_more_is_high() -> None:
    old = HEAD + "If you use the free plan and opt in, we use your chats to train our models.\n"
    new = HEAD + (
        "If you use the free plan or the pro plan and opt in, we use your chats to train our"
        " models.\n"
    )
    (f,) = [f for f in compare_texts(old, new) if f.topic == "training_use"]
    assert (f.direction, f.severity) == ("broader", "high"), f.summary


def test_improving_services_in_general_words_that_covers_more_is_medium() -> None:
    old = HEAD + "We may use your usage data to improve the Services.\n"
    new = (
        HEAD + "We may use your usage data to improve the Services and additional Acme products.\n"
    )
    (f,) = [f for f in compare_texts(old, new) if f.topic == "training_use"]
    assert (f.direction, f.severity) == ("broader", "medium"), f.summary
