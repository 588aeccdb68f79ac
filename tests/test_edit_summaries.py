"""What a finding on a clause edited in place says: the statement, why its coverage moved, and
the changed words quoted whole. Texts are our own wording about fictional providers."""

from __future__ import annotations

from texts import compare_texts

from clausewatch.detection.compare import process_history
from clausewatch.detection.edits import changed_words, limits_practice, word_runs


def _findings(old: str, new: str) -> list:
    texts = [f"# Training\n\n{old}\n", f"# Training\n\n{new}\n"]
    return [f for _, cmp in process_history(texts, text_of=lambda t: t) for f in cmp.findings]


def test_a_purpose_added_to_a_permission_names_the_permission_and_the_words() -> None:
    (f,) = _findings(
        "We may use Materials to improve the Services, including training our models,"
        " unless you opt out.",
        "We may use Materials to improve the Services and to develop other products, including"
        " training our models, unless you opt out.",
    )
    assert f.direction == "broader"
    assert "the provider may train AI models on “Materials” unless you opt out" in f.summary
    assert "now covers more (more purposes)" in f.summary
    assert "adds “and to develop other products”" in f.summary


def test_an_exception_added_to_a_promise_says_the_promise_now_covers_less() -> None:
    (f,) = _findings(
        "We do not use your prompts to train our models.",
        "We do not use your prompts to train our models, unless you use our Free Services.",
    )
    assert f.direction == "broader"
    assert "unless you use our Free Services" in f.summary
    assert "covers more" not in f.summary


def test_an_only_limits_the_practice_not_the_way_out_of_it() -> None:
    assert limits_practice("We use your prompts to improve our models only when you use Chat.")
    assert limits_practice("We solely use feedback to train. You can opt out in settings.")
    assert not limits_practice(
        "We use your prompts to train our models. Your opt-out will only apply to future prompts."
    )
    assert not limits_practice("This option is only available to Pro users.")
    # the "only" names the practice's limit before the opt-in it allows
    assert limits_practice("We will only use your data to answer you unless you opt in.")


def test_changed_words_are_whole_words_in_the_clause_spacing() -> None:
    old = "we collect telemetry and usage data."
    new = "we collect telemetry, usage, and uploaded data."
    added, dropped = word_runs(old, new)
    assert all(" ".join(run.split()) in new for run in added)
    assert all(run in old for run in dropped)
    assert "usag”" not in changed_words(old, new)
    assert changed_words("Data.", "Data, when such option is available.") == (
        "adds “when such option is available”"
    )


def test_condition_change_names_the_data_the_clause_names():
    """A permission whose opt-in is dropped says what data it uses, in the clause's words."""
    base = "# Keyboard\n\nWe provide the keyboard app.\n\n"
    old = base + (
        "When you sign in to your Nimbus Keys account and agree to share the following data, we"
        " will use de-identified device and usage data to help improve our products.\n"
    )
    new = base + (
        "When you use Nimbus Keys, we also collect and use de-identified device and usage data"
        " to help improve our products.\n"
    )
    found = [f for f in _findings(old, new) if f.topic == "training_use"]
    assert found and "“de-identified device and usage data”" in found[0].summary, found
    assert "your data" not in found[0].summary


def test_plans_an_edit_adds_are_named_as_the_clause_names_them():
    """A list of plans that grows is quoted by the plan it gained ("Nimbus Chat Student"), not
    by whatever a word diff of the list aligned ("adds “Nimbus Chat Pro”")."""
    from clausewatch.detection.edits import _plans_named

    old = "If you use Nimbus Chat Free or Nimbus Chat Pro: we use your chats to train our models."
    new = (
        "If you use Nimbus Chat Free, Nimbus Chat Pro or Nimbus Chat Student: we use your chats"
        " to train our models."
    )
    got = _plans_named(old, new, {"free", "pro"}, {"free", "pro", "student"})
    assert got == "now names “Nimbus Chat Student”"
    lower = _plans_named("If you use the Team plan.", "If you use the free version of Quill.",
                         {"team"}, {"free"})  # fmt: skip
    assert lower == "now names “free version of Quill”; no longer names “Team plan”"


def test_a_sharing_permission_that_gains_a_purpose_names_it_and_its_recipients() -> None:
    head = "# Sharing\n\n"
    line = "We may share your personal information with service providers to monitor the service{}."
    old = head + line.format(", to process payments") + "\n"
    new = head + line.format(", to identify the people who visit our website, to process payments")
    new += "\n"
    (f,) = compare_texts(old, new)
    assert (f.topic, f.direction, f.severity) == ("sharing", "broader", "medium")
    assert "with its service providers now names more purposes" in f.summary, f.summary
    assert "“identify the people who visit our website”" in f.summary, f.summary


def test_an_opt_out_added_to_de_identified_training_is_no_removal() -> None:
    # the document states an opt-out permission elsewhere: the edited item is still compared
    # with the item it replaced, and its reading is the opt-out gained, not a removal
    item = (
        "# Training\n\n- If you use the free plan: we use your prompts to train our models. We"
        " use reasonable efforts to de-identify such data before using it to train our models.{}\n"
        "- If you use the pro plan: we use your prompts to train our models unless you opt out.\n"
    )
    old = item.format("")
    new = item.format(" You have the right to object to this processing (opt-out) by emailing us.")
    (f,) = [f for f in compare_texts(old, new) if f.topic == "training_use"]
    assert f.direction == "narrower"
    assert "removed" not in f.summary, f.summary
    assert "once the data is de-identified, and you can opt out" in f.summary, f.summary
