"""What a retention finding says of its clause: the period in the clause's own words, the data
it names, the exception it makes. Texts are our own wording about fictional providers."""

from __future__ import annotations

from texts import compare_texts

from clausewatch.detection.compare import process_history


def _findings(old: str, new: str) -> list:
    texts = [f"# Retention\n\n{old}\n", f"# Retention\n\n{new}\n"]
    return [f for _, cmp in process_history(texts, text_of=lambda t: t) for f in cmp.findings]


BASE = "We keep your billing records for 7 years to meet tax rules."


def test_a_period_given_as_a_label_is_quoted_not_called_as_long_as_needed() -> None:
    found = _findings(
        BASE,
        BASE + "\n\nChat data (for consumers): for the life of your account on the Platform"
        " and/or until you delete it.",
    )
    (f,) = [f for f in found if f.topic == "retention"]
    assert "as long as needed" not in f.summary
    assert "“for the life of your account on the Platform and/or until you delete it”" in f.summary
    assert f.summary.startswith("New retention statement: “Chat data (for consumers)” is kept")


def test_as_long_as_needed_is_said_when_the_clause_says_it() -> None:
    found = _findings(
        BASE, BASE + "\n\nWe keep your chats for as long as necessary to provide the service."
    )
    (f,) = [f for f in found if f.topic == "retention"]
    assert "as long as" in f.summary


def test_a_mode_the_clause_turns_off_is_not_the_scope_of_its_no_storage_promise() -> None:
    promise = (
        "If you keep Privacy Mode off, we collect your prompts and files. If you joined before"
        " 2024, we never store your full repository."
    )
    found = _findings(BASE + "\n\n" + promise, BASE)
    (f,) = [f for f in found if f.topic == "retention"]
    assert "privacy mode" not in f.summary.lower()
    assert "not stored" in f.summary


def test_the_mode_of_a_no_storage_promise_is_named() -> None:
    promise = "When Privacy Mode is on, your prompts are never stored on our servers."
    found = _findings(BASE + "\n\n" + promise, BASE)
    (f,) = [f for f in found if f.topic == "retention"]
    assert "in privacy mode" in f.summary


def test_a_period_added_to_a_clause_is_one_change_with_its_exception() -> None:
    old = (
        "When the Customer calls the Acme API: (a) prompts and completions are handled by Acme"
        " only while it writes the completion, and (b) tuning files stay until the Customer"
        " removes them."
    )
    new = (
        "When the Customer calls the Acme API: (a) prompts and completions are handled by Acme"
        " only while it writes the completion and are then kept for thirty (30) days for abuse"
        " checks unless the Customer chose zero data retention, and (b) tuning files stay until"
        " the Customer removes them."
    )
    found = [
        f for f in _findings(BASE + "\n\n" + old, BASE + "\n\n" + new) if f.topic == "retention"
    ]
    (f,) = found
    assert f.direction == "broader"
    assert "30 days" in f.summary
    assert "unless the Customer chose zero data retention" in f.summary


def test_zero_data_retention_alone_is_still_a_promise() -> None:
    found = _findings(
        BASE,
        BASE + "\n\nWhen zero data retention is enabled, your prompts are not stored.",
    )
    (f,) = [f for f in found if f.topic == "retention"]
    assert f.direction == "narrower"
    assert "not stored" in f.summary


def test_a_new_kind_kept_is_quoted_in_its_own_words_not_a_kind_kept_before() -> None:
    old = (
        "If you enable features that require persistent code snippets (e.g. Indexing), we may"
        " store code snippets and/or other information to provide these features."
    )
    new = (
        "If you elect to use a model labeled “(no retention)”, we or the model provider may"
        " store Customer Data solely to provide the Service, and if you enable features that"
        " require persistent code snippets (e.g. Indexing), we may store code snippets and/or"
        " other information to provide these features."
    )
    found = [
        f for f in _findings(BASE + "\n\n" + old, BASE + "\n\n" + new) if f.topic == "retention"
    ]
    assert found
    for f in found:
        # its own words where the parse finds them, else the kind in plain words; never the
        # words of the kind it kept before
        assert "“Customer Data”" in f.summary or "keeps content" in f.summary
        assert "code snippets" not in f.summary


def test_a_lead_in_to_the_retention_periods_states_no_keeping_of_its_own() -> None:
    items = "- Chats: until you delete them.\n- Account data: until you close your account.\n"
    old = "For consumers, we retain your chats and account data under the following conditions:\n\n"
    new = "## Retention for consumers\n\n"
    found = _findings(BASE + "\n\n" + old + items, BASE + "\n\n" + new + items)
    assert [f for f in found if f.topic == "retention"] == []


def test_zero_data_retention_on_request_is_an_option_offered_not_a_promise_in_force() -> None:
    found = _findings(
        BASE, BASE + "\n\nCustomers with legitimate reasons may request zero data retention."
    )
    (f,) = [f for f in found if f.topic == "retention"]
    # who may ask, and that asking is all the clause grants
    assert "“customers with legitimate reasons” may request zero data retention" in f.summary
    assert "does not say it will be granted" in f.summary
    assert "turned on" not in f.summary


def test_a_mode_named_in_the_clause_is_named_in_the_summary() -> None:
    clause = (
        "If the Customer uses the Chat: prompts are stored until the Customer deletes them. The"
        " prompts are not stored if the Customer activates the Incognito Mode."
    )
    found = _findings(BASE, BASE + "\n\n" + clause)
    summaries = " ".join(f.summary for f in found if f.topic == "retention")
    assert "in incognito mode" in summaries
    assert "mode or plan" not in summaries


def test_a_mode_switched_off_is_not_the_scope_of_the_promise_read() -> None:
    from clausewatch.statements.read import read_clauses

    def scopes(text: str) -> list[tuple[str, ...]]:
        (r,) = read_clauses([(text, "", "sentence")])
        return [s.scope for s in r.statements if s.topic == "retention"]

    off = (
        'If you keep "Privacy Mode" off, we collect your code. If you joined before 2024, we'
        " never store your full codebase."
    )
    assert scopes(off) == [()]
    assert scopes(
        "If you disable Privacy Mode, we store code; in Incognito mode chats are not stored."
    ) == [("incognito",)]
    assert scopes("When Privacy Mode is on, your code is never stored on our servers.") == [
        ("privacy mode",)
    ]


def test_the_condition_quoted_is_the_one_of_the_sentence_that_states_the_promise() -> None:
    clause = (
        "If you keep Privacy Mode off, we collect your prompts and files. If you joined before"
        " 2024, we never store your full repository."
    )
    found = _findings(BASE + "\n\n" + clause, BASE)
    (f,) = [f for f in found if f.topic == "retention"]
    assert "Privacy Mode off" not in f.summary
    assert "If you joined before 2024" in f.summary


def test_a_protection_switched_off_is_never_quoted_as_the_case_of_a_no_storage_promise() -> None:
    clause = (
        "If you keep Safe Mode off, we collect your prompts and code. If you signed up before"
        " 2024 we never store your full repository."
    )
    found = _findings(BASE + "\n\n" + clause, BASE)
    for f in found:
        if f.topic == "retention":
            assert "Safe Mode off" not in f.summary


def test_an_opening_label_that_limits_the_clause_is_quoted() -> None:
    clause = "Processed through the Tuning API: the inputs are stored for one (1) year."
    found = _findings(BASE + "\n\n" + clause, BASE)
    (f,) = [f for f in found if f.topic == "retention"]
    assert "“Processed through the Tuning API”" in f.summary


def test_a_bare_label_is_not_quoted_as_a_limit() -> None:
    clause = "Inputs: the inputs are stored for one (1) year."
    found = _findings(BASE + "\n\n" + clause, BASE)
    (f,) = [f for f in found if f.topic == "retention"]
    assert "(“Inputs”)" not in f.summary


def test_a_reservation_or_a_lead_in_before_a_colon_is_no_limit() -> None:
    from clausewatch.detection.quotes import qualifier

    assert qualifier("Without prejudice to your rights under law: data is kept 30 days.") == ""
    assert qualifier("We use this information for the following purposes: to keep it.") == ""
    assert qualifier("Input and Output on the Models API: kept for 30 days.") == (
        "“Input and Output on the Models API”"
    )


def test_prompts_of_an_api_are_not_called_chat() -> None:
    found = _findings(
        BASE, BASE + "\n\nPrompts and outputs sent through the API are kept for 30 days."
    )
    summaries = " ".join(f.summary for f in found if f.topic == "retention")
    assert "Chat retention" not in summaries and "chat data" not in summaries


def test_an_opening_condition_with_a_second_case_quotes_both() -> None:
    from clausewatch.detection.quotes import qualifier

    text = (
        "If Customer uses the free plan, or if Customer uses a paid plan and has not opted out,"
        " Acme may use the prompts to train its models."
    )
    assert qualifier(text) == (
        "“If Customer uses the free plan, or if Customer uses a paid plan and has not opted out”"
    )
    assert qualifier("If you use the free plan, we may use your prompts.") == (
        "“If you use the free plan”"
    )


def test_a_promise_not_to_store_permanently_says_permanently() -> None:
    clause = (
        "We cache your files for the length of a request. When privacy mode is on, cached files"
        " are never permanently stored."
    )
    found = _findings(BASE + "\n\n" + clause, BASE)
    (f,) = [f for f in found if f.topic == "retention"]
    assert "not stored permanently" in f.summary


def test_data_kept_in_the_passive_by_nobody_named_is_not_said_kept_by_the_provider() -> None:
    clause = (
        "The personal data provided by Acme for technical support are stored for the duration"
        " of the support request."
    )
    found = _findings(BASE, BASE + "\n\n" + clause)
    (f,) = [f for f in found if f.topic == "retention"]
    assert "the provider keeps" not in f.summary
    assert "are kept" in f.summary


def test_we_keep_is_still_the_provider_keeping() -> None:
    found = _findings(BASE, BASE + "\n\nWe store your prompts to provide the service.")
    (f,) = [f for f in found if f.topic == "retention"]
    assert "the provider keeps" in f.summary


def test_a_period_that_is_an_outer_limit_after_the_customers_deletion_says_so() -> None:
    clause = (
        "Tuning data is stored until (i) the Customer deletes it or (ii) one (1) year after"
        " the Customer's account ends."
    )
    found = _findings(BASE, BASE + "\n\n" + clause)
    (f,) = [f for f in found if f.topic == "retention"]
    assert "1 year" in f.summary
    assert "or until the customer deletes the data, if sooner" in f.summary


def test_a_plain_period_has_no_outer_limit_words() -> None:
    found = _findings(BASE, BASE + "\n\nWe keep your chats for 30 days.")
    (f,) = [f for f in found if f.topic == "retention"]
    assert "if sooner" not in f.summary


def test_a_deletion_in_another_part_of_the_clause_is_no_outer_limit_of_the_period() -> None:
    clause = (
        "For the API, (i) prompts are kept for thirty (30) days to check for abuse, and (ii)"
        " tuning files are kept until deletion by the Customer or of its account."
    )
    found = _findings(BASE, BASE + "\n\n" + clause)
    assert all("if sooner" not in f.summary for f in found if f.topic == "retention")


def test_deadline_on_request_with_efforts_says_both():
    """ "We will use commercially reasonable efforts to delete the Agent within ten (10) days of
    receiving such request": the period runs from the request, and it is an effort."""
    old = "# Agents\n\nWe provide agents.\n"
    new = (
        old + "\nWe will use commercially reasonable efforts to delete the Agent within ten (10)"
        " days of receiving such request.\n"
    )
    (f,) = [x for x in compare_texts(old, new)]
    assert "10 days “of receiving such request”" in f.summary, f.summary
    assert "“commercially reasonable efforts”" in f.summary, f.summary


def test_kept_when_required_says_when():
    """ "We may retain your personal data for longer periods when the law requires it": the
    summary says when, not only that personal data is kept."""
    new = "# Data\n\nWe provide the service.\n"
    old = new + (
        "\nWe may retain your personal data for longer periods when we are required by law to do"
        " so or when it is necessary to defend our rights in legal proceedings.\n"
    )
    found = compare_texts(old, new)
    keeps = [f for f in found if "keeps" in f.summary]
    assert keeps and "“for longer periods when we are required by law" in keeps[0].summary


def test_one_kept_thing_is_named_whatever_its_kind():
    """ "We retain audio transcriptions as Log and Usage Information": what is kept is named."""
    old = "# Data\n\nWe provide the service.\n"
    new = old + "\nWe retain and use audio text transcriptions as Log and Usage Information.\n"
    (f,) = compare_texts(old, new)
    assert "“audio text transcriptions”" in f.summary, f.summary


def test_kept_only_while_processed_is_no_plain_broadening():
    """ "We retain your prompts for the duration necessary to generate the output": a limit as
    much as a disclosure, so its direction is "changed", never broader on its own."""
    old = "# Data\n\nWe provide the service.\n"
    new = old + (
        "\nIf you use Nimbus Cloud: we retain your prompts for the duration necessary to generate"
        " the output.\n"
    )
    found = [f for f in compare_texts(old, new)]
    assert found and all(f.direction == "changed" for f in found if f.topic == "retention")


def test_recipient_named_in_an_exception_to_a_promise_says_so():
    new = "# Data\n\nWe provide the service.\n"
    old = new + (
        "\nWe do not share your personal information with third parties except for certain"
        " service providers, including hosting providers (like Corvane).\n"
    )
    named = [f for f in compare_texts(old, new) if "Corvane" in f.summary]
    assert named and named[0].direction == "changed"
    assert "exception to a promise not to share" in named[0].summary


def test_a_promise_with_its_verb_left_out_names_what_it_denies() -> None:
    # "the embeddings may be stored, but none of your files is": the files are not stored;
    # the embeddings are, and a summary saying otherwise states the opposite of the clause
    clause = (
        "Embeddings of your files may be kept on our servers, but in privacy mode, none of your"
        " files is."
    )
    found = _findings(BASE + "\n\n" + clause, BASE)
    (f,) = [f for f in found if f.topic == "retention"]
    assert "“your files”" in f.summary, f.summary
    assert "mbeddings" not in f.summary, f.summary


def test_a_promise_not_to_store_made_of_another_party_names_that_party() -> None:
    clause = (
        "Acme uses a hosted model for sorting your prompts, which does not store or log any"
        " prompts given to it."
    )
    found = _findings(BASE, BASE + "\n\n" + clause)
    (f,) = [f for f in found if f.topic == "retention"]
    assert "the hosted model does not store" in f.summary, f.summary
    assert "says nothing of what the provider keeps" in f.summary, f.summary


def test_a_period_that_runs_from_an_event_opening_its_sentence_says_so() -> None:
    clause = (
        "Following the termination of this Agreement, we will retain your fine-tuned model for"
        " a period of one (1) year, so that you can use it again if you subscribe again."
    )
    found = _findings(BASE, BASE + "\n\n" + clause)
    (f,) = [f for f in found if f.topic == "retention"]
    assert "1 year (365 days) “following the termination of this Agreement”" in f.summary, f.summary


def test_a_keeping_beyond_the_contract_that_is_removed_is_no_longer_retention() -> None:
    # "we keep it for a year after the agreement ends" removed: the data may now go at once
    # or stay; the text no longer says, so the direction is mixed, not "kept longer"
    def removed(clause: str) -> list:
        old, new = f"# Retention\n\n{BASE}\n\n{clause}\n", f"# Retention\n\n{BASE}\n"
        found = compare_texts(old, new)
        return [f for f in found if f.topic == "retention"]

    (f,) = removed(
        "Following the termination of this Agreement, we will retain your fine-tuned model for"
        " a period of one (1) year, so that you can use it again if you subscribe again."
    )
    assert f.direction == "changed", f.summary
    # a deletion deadline after the contract that is removed is still broader
    (g,) = removed(
        "Following the termination of your account, we delete your chats within 30 days."
    )
    assert g.direction == "broader", g.summary


def test_a_party_that_keeps_data_to_train_its_own_models_is_worded_so() -> None:
    clause = (
        "Some AI models may store or train on your inputs for improving their own large language"
        " models, as described in their own terms."
    )
    found = _findings(BASE, BASE + "\n\n" + clause)
    got = [f for f in found if f.topic == "retention"]
    assert got
    for f in got:
        assert "some AI models may keep" in f.summary, f.summary
        assert "to train their own models" in f.summary, f.summary
