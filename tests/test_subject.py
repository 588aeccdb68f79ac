"""What a statement is about, read off the shipped parse (statements.subject)."""

import pytest

from clausewatch.statements.nlp import parse
from clausewatch.statements.subject import known_to, phrase_of, subject_terms


def terms(text: str, topic: str) -> set[str]:
    return set(subject_terms(parse([text])[0], topic))


@pytest.mark.parametrize(
    ("text", "topic", "must"),
    [
        ("We send your search queries to our search partners.", "sharing", {"query"}),
        ("Voice recordings you submit may be used to train our models.", "training_use",
         {"recording"}),
        ("We keep your Canvas drafts for 30 days.", "retention", {"draft"}),
        ("We use conversation data to train the models in Nimbus Studio.", "training_use",
         {"conversation", "studio"}),
    ],
)  # fmt: skip
def test_the_data_and_the_product_are_the_subject(text, topic, must):
    assert must <= terms(text, topic)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("We may use your data to improve our services.", "training_use"),
        ("We may share this information with our partners.", "sharing"),
        ("We use commercially reasonable efforts to protect your content.", "training_use"),
    ],
)
def test_generic_words_name_no_subject(text, topic):
    assert terms(text, topic) == set()


def test_the_model_trained_is_not_the_data_used():
    # "speech" names the model, not the data it learns from
    assert "speech" not in terms("We use your chats to train our speech models.", "training_use")


def test_known_to_matches_inflected_forms_only_at_word_starts():
    assert known_to("query", "we log search queries")
    assert known_to("screenshot", "screenshots are kept")
    assert not known_to("query", "we never inquire about it")


def test_phrase_of_gives_the_words_that_name_it():
    doc = parse(["For the Text Extraction feature, screenshots are sent to our partners."])[0]
    assert phrase_of(doc, "extraction") == "Text Extraction feature"


def test_phrase_of_keeps_a_name_of_several_words():
    doc = parse(["If you use Nova Plateforme, we keep your prompts."])[0]
    assert "Plateforme" in phrase_of(doc, "plateforme")
