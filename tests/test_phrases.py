"""What a summary calls the data of a practice: the words its clause uses, read from the parse.

A finding that says "the provider keeps content" of a clause about one feature's images, or
"will not train on your data" of a clause about data imported from a connected drive, states
more than the clause does. These cases (fictional providers) pin the reading: the object of
an active verb, the subject of a passive one, a demonstrative resolved to what the clause
named before it, and nothing at all (so the summary keeps its generic words) when the clause
names only "your data", a pronoun with nothing before it, or no data at all.
"""

from __future__ import annotations

import pytest

from clausewatch.detection.phrases import data_phrase


@pytest.mark.parametrize(
    "text, topic, phrase",
    [
        # the object of the verb of the practice, with its own modifiers
        (
            "If you use the Agents API, we keep your Input and Output until you close your"
            " account.",
            "retention",
            "your Input and Output",
        ),
        (
            "We do not retain any data obtained through connected calendar integrations.",
            "retention",
            "any data obtained through connected calendar integrations",
        ),
        # the subject of a passive verb
        ("Your images are stored for 15 days and then deleted.", "retention", "your images"),
        # conjoined verbs share their object
        (
            "Quillfire Services do not log or store the data contained in your keyboard model.",
            "retention",
            "the data contained in your keyboard model",
        ),
        # a relative clause on the data is not part of its name
        (
            "We keep the voice recordings that you submit through the assistant for 30 days.",
            "retention",
            "the voice recordings",
        ),
        # "use X to train / including training": the object of the use
        (
            "We may use Materials to provide and improve the Services, including training our"
            " models, unless you opt out.",
            "training",
            "Materials",
        ),
        (
            "Screenshots captured during use will be transmitted to Nimbus Cloud.",
            "sharing",
            "screenshots captured during use",
        ),
        # "this data" is the data the clause named before
        (
            "Any information imported from a connected drive will only be used to provide the"
            " feature. This data will not be used to train any models.",
            "training",
            "any information imported from a connected drive",
        ),
        # an opening condition before a colon is not the subject of the practice
        (
            "If the Customer subscribes to Acme Chat: the Prompts, the Outputs and the Input Data"
            " are stored for the term of the subscription.",
            "retention",
            "the Prompts, the Outputs and the Input Data",
        ),
    ],
)
def test_a_practice_names_its_data_in_its_own_words(text: str, topic: str, phrase: str) -> None:
    assert data_phrase(text, topic) == phrase


@pytest.mark.parametrize(
    "text, topic",
    [
        # generic words: the summary's own "your data" says the same
        ("We may share your personal data with our affiliates.", "sharing"),
        ("We keep your information for as long as you have an account.", "retention"),
        # the means, not the data
        ("We use commercially reasonable efforts to protect your account.", "training"),
        # a pronoun with nothing named before it
        ("We keep it for 30 days.", "retention"),
        # no verb of the topic at all
        ("Acme is a company registered in Delaware.", "retention"),
    ],
)
def test_no_phrase_when_the_clause_names_no_particular_data(text: str, topic: str) -> None:
    assert data_phrase(text, topic) == ""


def test_a_period_or_a_role_attached_to_the_data_is_not_its_name() -> None:
    assert data_phrase("We may retain your chats for longer periods.", "retention") == (
        "your chats"
    )
    assert data_phrase(
        "Acme may process the Prompts as data controller to train the Models.", "training"
    ) in ("", "the Prompts")
    # ...but a "for" that names what the data belongs to stays
    assert data_phrase(
        "Your Nimbus Chat for Teams conversations will not be stored.", "retention"
    ).endswith("conversations")


def test_no_phrase_from_a_sentence_too_long_to_parse_reliably() -> None:
    licence = (
        "By submitting or otherwise making available any content, you grant us a worldwide,"
        " royalty-free, sublicensable, transferable, perpetual, irrevocable licence to use,"
        " copy, adapt, publish, catalogue, edit, translate, hand out,"
        " perform and display that content and to use it to improve and train our models, in"
        " any media now known or later developed, for any purpose whatsoever, without any"
        " compensation to you."
    )
    assert data_phrase(licence, "training") == ""


def test_long_sentence_is_read_by_its_parts():
    """A sentence too long to parse well is read by its parts between semicolons: what the
    second part discloses is named, not "your data"."""
    text = (
        "Brightlog may: (i) collect, analyze, and otherwise process Usage Data internally for its"
        " business purposes, including for security and analytics, to improve the Service, and"
        " for other development, diagnostic and corrective purposes; and (ii) disclose Usage Data"
        " to third parties only in an aggregated or de-identified form that does not identify you."
    )
    assert data_phrase(text, "sharing") == "Usage Data"


def test_participle_after_the_data_is_no_state_it_is_kept_in():
    """ "log any Inputs provided to it": the participle describes the Inputs; "keep Privacy
    Mode off" is a state, and names no data."""
    text = "Nimbus uses a hosted model to sort Inputs, which does not store or log any Inputs provided to it."
    assert data_phrase(text, "retention") == "any Inputs"
    assert data_phrase("If you keep Privacy Mode off, we keep it private.", "retention") == ""


def test_a_verb_phrase_is_never_a_name():
    """A misparse that takes "or otherwise process Customer Data" for the object quotes a
    verb phrase; no name is better than that one."""
    from clausewatch.detection.phrases import _name
    from clausewatch.statements.read import parse_texts

    doc = parse_texts(["We will not use, disclose, or otherwise process Customer Data."])[0]
    verb = next(t for t in doc if t.lower_ == "process")
    assert _name([verb]) == ""


def test_an_exchange_is_data():
    """ "we may store the entire exchange as part of your feedback": the exchange (prompt and
    answer) is what is kept, and the summary names it."""
    text = "If you rate an answer, we may store the entire exchange as part of your feedback."
    assert data_phrase(text, "retention") == "the entire exchange"
