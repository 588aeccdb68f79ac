"""What a finding says of its clause: the verb the clause uses, the condition it refers to, the
data it restricts, whom it names. Texts are our own wording about fictional providers."""

from __future__ import annotations

from clausewatch.detection.compare import process_history

BASE = "We never sell your personal data."


def _findings(old: str, new: str) -> list:
    texts = [f"# Data use\n\n{old}\n", f"# Data use\n\n{new}\n"]
    found = [f for _, cmp in process_history(texts, text_of=lambda t: t) for f in cmp.findings]
    return [f for f in found if f.topic == "training_use"]


def test_improving_ai_features_is_not_called_training_models() -> None:
    (f,) = _findings(
        BASE, BASE + "\n\nWe use your prompts to evaluate and improve our AI features."
    )
    assert "train AI models" not in f.summary
    assert "improve its AI features" in f.summary


def test_training_is_called_training() -> None:
    (f,) = _findings(BASE, BASE + "\n\nWe use your prompts to train our AI models.")
    assert "train AI models on “your prompts”" in f.summary


def test_a_condition_that_points_back_is_quoted() -> None:
    (f,) = _findings(
        BASE,
        BASE + "\n\nIn such a case, you grant Nimbus a licence to use your content to train its"
        " models.",
    )
    assert "(“In such a case”)" in f.summary


def test_a_restricting_relative_is_part_of_what_a_promise_covers() -> None:
    promise = "We will not train our models on any Materials that are not publicly available."
    (f,) = _findings(BASE + "\n\n" + promise, BASE)
    assert "“any Materials that are not publicly available”" in f.summary


def test_a_relative_set_off_by_a_comma_is_detail() -> None:
    from clausewatch.detection.phrases import data_phrase

    text = "We may use your chats, which are never shown to advertisers, to train our models."
    assert "never shown" not in data_phrase(text, "training")


def test_whom_a_feature_lets_you_share_with_is_named_as_the_clause_names_them() -> None:
    from clausewatch.detection.summaries import _shared_with_whom

    assert _shared_with_whom("You may share chats with other users via links.") == "other users"
    assert _shared_with_whom("Share with other users or third parties.") == (
        "other users or third parties"
    )
    assert _shared_with_whom("You can publish your art publicly.") == "the public"


def test_an_only_that_limits_the_opt_out_is_not_quoted_as_the_practices_limit() -> None:
    from clausewatch.detection.quotes import qualifier

    text = (
        "Acme only uses prompts to train its models if (a) you use the free plan and did not opt"
        " out, which option is available only if you subscribed to Pro, or (b) you use Beta."
    )
    assert "subscribed to Pro" not in qualifier(text)
    assert qualifier("We use your chats only if you use the free plan.") == (
        "“only if you use the free plan”"
    )


def test_an_only_when_with_listed_cases_is_quoted() -> None:
    (f,) = _findings(
        BASE,
        BASE + "\n\nWe use your prompts to train our models only when (a) you use Acme Chat and"
        " (b) you do not opt out.",
    )
    assert "“only when (a) you use Acme Chat”" in f.summary


def test_the_product_a_promise_is_about_is_named() -> None:
    (f,) = _findings(
        BASE,
        BASE + "\n\nNimbus's AI-enhanced game features do not use children's data to train models.",
    )
    assert "(“Nimbus's AI-enhanced game features”)" in f.summary


def test_a_clause_of_the_provider_names_no_product() -> None:
    (f,) = _findings(BASE, BASE + "\n\nOur services use your prompts to train our models.")
    assert "(“" not in f.summary


def test_period_purpose_is_quoted_in_whole_words():
    """A long purpose after a period is cut at a word, never inside one."""
    from clausewatch.detection.quotes import period_tail

    text = (
        "After the contract ends, we will keep the tuned model for one (1) year, to allow you to"
        " use such tuned model again in case you decide to re-subscribe to our tuning service."
    )
    tail = period_tail(text, 365)
    assert tail.startswith(" (“to allow you to use")
    assert tail.endswith(" …”)")
    inner = tail[3:-4]
    assert text.count(inner) == 1 and text[text.index(inner) + len(inner)] == " "


def test_sharing_at_own_risk_reads_as_a_disclaimer():
    """ "If you share your content through third-party sites, you do so at your own risk": the
    summary says so; it never says the service offers a way to share."""
    from clausewatch.detection.compare import compare_clauses
    from clausewatch.parsers.clauses import find_clauses

    text = (
        "If you access a Partner Product from the Services or share your Content on or through"
        " any third-party website or service, you do so at your own risk, and you understand that"
        " these Terms and our Privacy Policy do not apply to your use of such sites."
    )
    old_doc, new_doc = (
        "# Terms\n\nWe provide the service.\n",
        f"# Terms\n\nWe provide the service.\n\n{text}\n",
    )
    found = compare_clauses(find_clauses(old_doc), find_clauses(new_doc), old_doc, new_doc)
    sharing = [f for f in found if f.topic == "sharing"]
    assert sharing, found
    for f in sharing:
        assert f.summary.startswith("New disclaimer: content you share with"), f.summary
        assert "own risk" in f.summary and "outside the provider's terms" in f.summary
        assert "lets you share" not in f.summary


def test_condition_stated_as_its_own_sentence_is_quoted():
    """ "When you report an illicit output. In such a case, we may use ...": the case the next
    sentence points back to is the practice's limit; a sentence with no pointer back is not."""
    from clausewatch.detection.quotes import qualifier

    text = (
        "When you report an illicit output. In such a case, we may use your prompt and your"
        " output to improve our services."
    )
    assert qualifier(text) == "“When you report an illicit output”"
    assert qualifier("When you sign up. We keep your email address.") == ""


def test_condition_of_the_later_sentence_that_keeps_is_quoted():
    """An item whose first sentence describes a feature and whose second keeps data under a
    condition: the summary quotes that condition."""
    from clausewatch.detection.quotes import later_condition

    text = (
        "Ratings: While using the app, you may rate an answer. If you rate an answer, we may"
        " store the entire exchange as part of your rating."
    )
    assert later_condition(text, "retention") == "“If you rate an answer”"
    assert (
        later_condition("We keep your chats for 30 days. If you ask, we reply.", "retention") == ""
    )
    # the way out is no limit of the practice
    way_out = (
        "We use your chats to train our models. If you do not want us to use your chats to train"
        " our models, you can opt out in Settings."
    )
    assert later_condition(way_out, "training") == ""


def test_condition_with_a_version_number_is_quoted_whole():
    """ "If you signed up before version 0.49.0, we never store ...": the dots of a version
    number end no sentence."""
    from clausewatch.detection.quotes import qualifier

    text = "If you signed up before version 0.49.0, we never store your full codebase."
    assert qualifier(text) == "“If you signed up before version 0.49.0”"


def test_where_the_practice_holds_is_quoted():
    """ "In certain markets, we use conversation data to train ...": a critical summary that
    drops the markets states the practice everywhere."""
    from clausewatch.detection.compare import compare_clauses
    from clausewatch.parsers.clauses import find_clauses

    old = "# Training\n\nWe provide the assistant.\n"
    new = old + (
        "\nIn certain markets, we use conversation data to train the generative AI models in"
        " Nimbus Assistant, unless you choose to opt out of such training.\n"
    )
    found = [f for f in compare_clauses(find_clauses(old), find_clauses(new), old, new)]
    assert found and all("“In certain markets”" in f.summary for f in found), found


def test_denied_learning_beside_a_permission_is_no_training_word():
    """ "We use this data to improve our AI features. ... we never store or learn from your
    codebase": the permission improves features; the denial does not make it training."""
    from clausewatch.detection.summaries import training_use

    text = (
        "We use this data to improve our AI features. If you signed up before version 2, we"
        " never store or learn from your full codebase."
    )
    assert training_use("train", "your data", text) == "use your data to improve its AI features"
    trains = "We use this data to improve our AI features. We also train our models on it."
    assert training_use("train", "your data", trains) == "train AI models on your data"


def test_a_training_clause_that_uses_only_derived_information_says_so() -> None:
    from clausewatch.detection.summaries import trained_data

    derived = (
        "We process your prompts to get high-level information to improve the training of our"
        " models, only if you use the free plan and do not opt out."
    )
    assert trained_data(derived) == "information derived from your data"
    direct = "We use your prompts to improve the training of our models unless you opt out."
    assert "derived" not in trained_data(direct)


def test_a_promise_not_to_sell_keeps_its_legal_sense_and_its_advertising_part() -> None:
    from clausewatch.detection.summaries import _sale_promise

    legal = "We do not “sell” your personal data as that term is defined by applicable laws."
    assert _sale_promise(legal) == (
        "sell your personal data (“as that term is defined by applicable laws”)"
    )
    ads = (
        "We do not sell or share personal information for cross-context behavioral advertising,"
        " as those terms are defined under state privacy laws."
    )
    assert _sale_promise(ads).endswith("nor use it for targeted or cross-context advertising")
    assert _sale_promise("We never sell your data.") == "sell your data"


def test_a_right_to_opt_out_of_targeted_advertising_is_no_promise_against_it() -> None:
    from clausewatch.detection.summaries import _sale_promise

    text = (
        "You have the right to opt out of the processing of your personal data for targeted"
        " advertising. We do not sell your personal data."
    )
    assert "advertising" not in _sale_promise(text)


def test_a_report_to_a_named_body_is_worded_as_that_report() -> None:
    from clausewatch.detection.compare import compare_clauses
    from clausewatch.parsers.clauses import find_clauses

    head = "# Safety\n\nWe provide the service.\n\n"
    new = (
        head
        + "We report child sexual abuse material to the National Center for Missing Children.\n"
    )
    got = [
        f
        for f in compare_clauses(find_clauses(head), find_clauses(new), head, new)
        if f.topic == "sharing"
    ]
    assert got
    for f in got:
        assert "your data" not in f.summary, f.summary
        assert (
            "reports “child sexual abuse material” to “the National Center for Missing Children”"
            in f.summary
        ), f.summary


def test_an_opt_out_offered_to_some_only_says_to_whom() -> None:
    from clausewatch.detection.summaries import training_terms

    text = (
        "We use your prompts to train our models if you did not opt out, which option is"
        " available only if you subscribed to the paid plan, as set out in our policy."
    )
    _, cond = training_terms(("training", "train", "permitted", "opt_out"), text)
    assert cond == " unless you opt out (an option only “if you subscribed to the paid plan”)"
    plain = "We use your prompts to train our models unless you opt out."
    assert training_terms(("training", "train", "permitted", "opt_out"), plain)[1] == (
        " unless you opt out"
    )
