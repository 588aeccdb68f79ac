"""Scenarios: fictional document histories and the findings they must (not) produce."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clausewatch.detection.compare import (
    Comparison,
    DocumentHistory,
    compare_clauses,
    compare_versions,
    days_text,
    process_history,
)
from clausewatch.parsers.clauses import find_clauses

SCENARIOS = Path(__file__).parent / "scenarios"


def history_of(name: str) -> list[Comparison]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SCENARIOS.glob(f"{name}_v*.md"))]
    return [cmp for _, cmp in process_history(texts, text_of=lambda t: t)]


def by_topic(cmp: Comparison) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in cmp.findings:
        out.setdefault(f.topic, set()).add(f.direction)
    return out


def test_platform_starts_sharing_prompts_with_model_maker_by_default() -> None:
    first, second = history_of("platform")
    assert first.findings == []
    topics = by_topic(second)
    assert topics == {"sharing": {"broader"}, "training_use": {"broader"}}
    assert {f.severity for f in second.findings} == {"critical"}
    kinds = {f.kind for f in second.findings}
    assert "gained:model_providers:permitted" in kinds
    assert "gained:train:permitted:opt_out" in kinds
    share = next(f for f in second.findings if f.kind == "gained:model_providers:permitted")
    assert "model provider" in share.new_text
    assert any(op == 1 for op, _ in share.diff) or share.old_text == ""


def test_consumer_plan_trains_unless_opt_out_and_keeps_data_longer() -> None:
    _, second = history_of("consumer")
    assert by_topic(second) == {"training_use": {"broader"}, "retention": {"broader"}}
    days = next(f for f in second.findings if f.topic == "retention")
    assert days.old_facts["days"] == [30] and days.new_facts["days"] == [1825]
    assert "from 30 days to 5 years (1,825 days)" in days.summary
    assert days.summary.endswith(".") and "(" not in days.summary.split()[0]
    assert days.diff and {op for op, _ in days.diff} == {-1, 0, 1}


def test_api_never_train_promise_removed() -> None:
    _, second = history_of("api")
    assert [(f.topic, f.direction, f.kind) for f in second.findings] == [
        ("training_use", "broader", "lost:train:prohibited:none")
    ]
    assert "never used for training" in second.findings[0].old_text
    assert second.findings[0].severity == "critical"


def test_subprocessor_table_gains_then_loses_a_row() -> None:
    _, added, removed = history_of("dpa")
    assert [(f.topic, f.direction) for f in added.findings] == [("sharing", "broader")]
    assert "helixa" in added.findings[0].summary.lower()
    assert [(f.topic, f.direction) for f in removed.findings] == [("sharing", "narrower")]
    assert "postwick" in removed.findings[0].summary.lower()


def test_date_stamps_link_targets_and_emphasis_are_not_findings() -> None:
    results = history_of("stamps")
    assert all(cmp.findings == [] and cmp.anomaly is None for cmp in results)
    assert not results[1].revert  # same words as before, not flapping


def test_renumbered_and_reordered_sections_are_not_findings() -> None:
    assert all(cmp.findings == [] and cmp.anomaly is None for cmp in history_of("order"))


def test_empty_capture_is_an_anomaly_and_next_version_compares_with_last_good() -> None:
    v1, v2 = (SCENARIOS / "consumer_v1.md").read_text(), (SCENARIOS / "consumer_v2.md").read_text()
    texts = [v1, "", "# Error\n\nThis page isn't available.\n", v2]
    results = [cmp for _, cmp in process_history(texts, text_of=lambda t: t)]
    assert results[1].findings == [] and results[1].anomaly
    assert results[2].findings == [] and results[2].anomaly
    # the real change is reported against v1, not against the error page
    assert by_topic(results[3]) == {"training_use": {"broader"}, "retention": {"broader"}}
    assert results[3].anomaly is None


def test_a_section_replaced_by_an_error_page_is_an_anomaly_not_a_removed_promise() -> None:
    intro = "# Terms\n\n" + "".join(f"Rule {i}: be kind to other users.\n\n" for i in range(30))
    promise = "## Data\n\nWe do not train our models on your API content.\n"
    error = "## Data\n\nSorry, this page isn't available. The link may be broken.\n"
    texts = [intro + promise, intro + error, intro + promise]
    results = [cmp for _, cmp in process_history(texts, text_of=lambda t: t)]
    assert results[1].findings == [] and "error page" in (results[1].anomaly or "")
    assert results[2].findings == [] and results[2].anomaly is None


def test_flapping_is_reported_once() -> None:
    a, b = (SCENARIOS / "dpa_v1.md").read_text(), (SCENARIOS / "dpa_v2.md").read_text()
    results = [cmp for _, cmp in process_history([a, b, a, b, a], text_of=lambda t: t)]
    assert [len(c.findings) for c in results] == [0, 1, 0, 0, 0]
    assert results[2].revert and results[3].revert


def test_undoing_a_reported_sentence_change_is_not_news() -> None:
    a = (SCENARIOS / "api_v1.md").read_text()
    b = (SCENARIOS / "api_v2.md").read_text()
    # the promise comes back word for word while something unrelated changed: not a revert of
    # the whole text, but the same sentence change undone
    c = a + "\n## 6. Support\n\nSupport answers on weekdays.\n"
    results = [cmp for _, cmp in process_history([a, b, c], text_of=lambda t: t)]
    assert len(results[1].findings) == 1
    assert results[2].findings == [] and not results[2].revert


def test_removing_a_sentence_an_earlier_version_added_is_news_once() -> None:
    base = "# Your data\n\nWe keep your chats for 30 days.\n\n## Support\n\nWe answer {}.\n"
    added = "We may use your chats to train our models.\n"
    texts = [
        base.format("on weekdays"),
        base.format("on weekdays") + added,  # the provider adds a permission ...
        base.format("every day"),  # ... and later takes it out again: a reversal
        base.format("at night") + added,  # back and forth after that is flapping
        base.format("at noon"),
    ]
    results = [cmp for _, cmp in process_history(texts, text_of=lambda t: t)]
    assert [[(f.topic, f.direction) for f in c.findings] for c in results] == [
        [],
        [("training_use", "broader")],
        [("training_use", "narrower")],
        [],
        [],
    ]
    assert not any(c.revert for c in results)


def test_promise_restored_in_new_words_is_news_but_flapping_back_is_not() -> None:
    a = (SCENARIOS / "api_v1.md").read_text()
    b = (SCENARIOS / "api_v2.md").read_text()
    reworded = a.replace(
        "API inputs and outputs are never used for training our models.",
        "We will never use API inputs or outputs to train models.",
    )
    results = [cmp for _, cmp in process_history([a, b, reworded, b], text_of=lambda t: t)]
    assert len(results[1].findings) == 1
    assert [(f.topic, f.direction) for f in results[2].findings] == [("training_use", "narrower")]
    assert results[3].revert and results[3].findings == []


def test_history_round_trips_through_json() -> None:
    a, b = (SCENARIOS / "dpa_v1.md").read_text(), (SCENARIOS / "dpa_v2.md").read_text()
    first = compare_versions(None, a, None)
    second = compare_versions(a, b, DocumentHistory.from_json(json.dumps(first.history.to_json())))
    restored = DocumentHistory.from_json(json.loads(json.dumps(second.history.to_json())))
    assert restored == second.history
    again = compare_versions(b, a, restored)
    assert again.findings == [] and again.revert


def compare_texts(old: str, new: str) -> list:
    return compare_clauses(find_clauses(old), find_clauses(new), old, new)


def test_longer_retention_in_an_edited_clause_is_broader_even_if_the_old_duration_stays() -> None:
    # "30 days" is still stated by another sentence: the edited clause is what counts.
    head = "# Retention\n\nDeleted chats are erased from our systems within 30 days.\n\n"
    old = (
        head
        + "If you allow it, we keep copies of your chats for up to 30 days for model training.\n"
    )
    new = (
        head
        + "If you allow it, we keep copies of your chats for up to 5 years for model training.\n"
    )
    (f,) = compare_texts(old, new)
    assert (f.topic, f.direction) == ("retention", "broader")
    assert f.summary == (
        "Retention of chat data used for model training grows from 30 days to 5 years"
        " (1,825 days) (“If you allow it”)."
    )
    (back,) = compare_texts(new, old)
    assert back.direction == "narrower" and "shrinks from 5 years" in back.summary


def test_the_same_period_with_another_trigger_is_no_new_length() -> None:
    # the trigger is read on the whole clause: a sentence added about account deletion must
    # not make "30 days" read as a new (or a shrunk) period
    old = "# Retention\n\nWe keep your prompts for 30 days to monitor abuse.\n"
    new = (
        "# Retention\n\nWe keep your prompts for 30 days to monitor abuse; we keep your"
        " fine-tuning files until you delete your account.\n"
    )
    for a, b in ((old, new), (new, old)):
        findings = compare_texts(a, b)
        assert not [f.summary for f in findings if "30 days" in f.summary]


def test_shorter_deletion_deadline_is_narrower() -> None:
    old = "# Files\n\nWhen you delete a file, we erase it from backups within 30 days.\n"
    new = "# Files\n\nWhen you delete a file, we erase it from backups within 7 days.\n"
    (f,) = compare_texts(old, new)
    assert (f.topic, f.direction) == ("retention", "narrower")
    assert f.summary == (
        "File backup deletion deadline shrinks from 30 days to 7 days (“When you delete a file”)."
    )


def test_days_text_reads_like_a_person_wrote_it() -> None:
    assert days_text(1825) == "5 years (1,825 days)"
    assert days_text(365) == "1 year (365 days)"
    assert days_text(180) == "6 months (180 days)"
    assert days_text(30) == "30 days" and days_text(1) == "1 day"


def test_vendor_named_in_a_prose_list_is_a_new_recipient() -> None:
    old = (
        "# Sharing\n\nWe share personal data with analytics providers, such as Quillmetric"
        " and Dappleflow, to understand how the Services are used.\n"
    )
    new = old.replace("and Dappleflow", ", Dappleflow and Orrin Signals")
    (f,) = compare_texts(old, new)
    assert (f.topic, f.direction, f.kind) == ("sharing", "broader", "gained:named:orrin signals")
    assert f.summary == "New recipient named in a sharing clause: Orrin Signals."
    # a name the old version already mentioned elsewhere is not new
    assert compare_texts(old + "\nOrrin Signals is our parent brand.\n", new) == []


def test_renamed_feature_in_an_indemnity_is_not_a_recipient() -> None:
    old = (
        "# Indemnity\n\nYou will indemnify us against third-party claims arising from your"
        " Widget, including Widget Replies.\n"
    )
    assert compare_texts(old, old.replace("Widget", "Gadget")) == []


def test_training_clause_extended_to_more_plans_is_broader() -> None:
    old = "# Training\n\nWe may use chats of free users to train our models unless they opt out.\n"
    new = (
        "# Training\n\nWe may use chats of free and pro users to train our models unless"
        " they opt out.\n"
    )
    findings = compare_texts(old, new)
    assert [(f.topic, f.direction) for f in findings] == [("training_use", "broader")]


def test_training_on_the_data_itself_instead_of_statistics_about_it_is_broader() -> None:
    derived = (
        "# Training\n\nWe may use statistics (such as topic counts) related to your chats"
        " to improve our models unless you opt out.\n"
    )
    itself = (
        "# Training\n\nWe may use your chats or statistics (such as topic counts) related to"
        " them to improve our models unless you opt out.\n"
    )
    assert [(f.topic, f.direction) for f in compare_texts(derived, itself)] == [
        ("training_use", "broader")
    ]
    assert [(f.topic, f.direction) for f in compare_texts(itself, derived)] == [
        ("training_use", "narrower")
    ]


def test_removing_a_no_storage_promise_for_one_plan_is_news_while_another_one_stays() -> None:
    head = "# Storage\n\nVoice clips are not stored after transcription.\n\n"
    old = head + "Enterprise chats will not be saved or stored.\n"
    (f,) = compare_texts(old, head)
    assert (f.topic, f.direction) == ("retention", "broader")
    assert f.summary == ("Retention statement removed: “enterprise chats” are not stored.")


def test_edited_clause_that_drops_the_users_agreement_is_broader_even_if_stated_elsewhere() -> None:
    # both conditions stay stated by other clauses: only the edited clause shows the change
    head = (
        "# Data\n\nIf you agree, we use your voice recordings to help improve our products.\n\n"
        "We use usage data to help improve our products.\n\n"
    )
    old = head + (
        "When you sign in and agree to share the following data, we will use your typing"
        " data and word lists to help improve our products.\n"
    )
    new = head + (
        "When you use the keyboard, we will also use your typing data and word lists"
        " to help improve our products.\n"
    )
    (f,) = compare_texts(old, new)
    assert (f.topic, f.direction) == ("training_use", "broader")
    assert f.kind == "training_condition:improve:opt_in-to-none"


def test_one_added_statement_is_news_even_if_the_document_already_shares_with_that_recipient() -> (
    None
):
    old = (
        "# Sharing\n\nWe share your account data with service providers who host the service.\n\n"
        "# Contact\n\nWrite to us at any time.\n"
    )
    new = old.replace(
        "Write to us at any time.",
        "Write to us at any time. When you write to us, our vendors receive and store these"
        " messages on our behalf.",
    )
    (f,) = compare_texts(old, new)
    assert (f.topic, f.direction, f.kind) == (
        "sharing",
        "broader",
        "gained:service_providers:permitted",
    )
    # a rewrite that moves the same statement elsewhere is not news
    moved = (
        "# Contact\n\nWrite to us at any time.\n\n# Sharing\n\nService providers who host"
        " the service receive your account data from us.\n"
    )
    assert compare_texts(old, moved) == []


def test_training_clause_limited_to_one_plan_is_narrower() -> None:
    old = "# Training\n\nWe may use chats of Chat users to train our models unless they opt out.\n"
    new = "# Training\n\nWe may use chats of paid Chat users to train our models unless they opt out.\n"
    assert [(f.topic, f.direction) for f in compare_texts(old, new)] == [
        ("training_use", "narrower")
    ]
    assert [(f.topic, f.direction) for f in compare_texts(new, old)] == [
        ("training_use", "broader")
    ]


def test_a_category_newly_marked_disclosed_is_broader_sharing() -> None:
    head = "# California\n\n| # | Category | Collected? | Disclosed? |\n| --- | --- | --- | --- |\n"
    old = head + "| 1 | Identifiers. Name, email. | YES | YES |\n| 2 | Health data. | YES | NO |\n"
    new = old.replace("| YES | NO |", "| YES | YES |")
    (f,) = compare_texts(old, new)
    assert (f.topic, f.direction) == ("sharing", "broader")
    assert f.summary == "Now disclosed to others: health data (data category table)."


def test_a_childrens_protection_with_a_lower_age_limit_is_broader() -> None:
    old = (
        "# Children\n\nWe do not sell or share the personal information of children under the"
        " age of 16.\n\nIf we learn we hold data of a child under 16, we will delete that data.\n"
    )
    new = old.replace("16", "13")
    assert sorted((f.topic, f.direction) for f in compare_texts(old, new)) == [
        ("retention", "broader"),
        ("sharing", "broader"),
    ]
    assert sorted((f.topic, f.direction) for f in compare_texts(new, old)) == [
        ("retention", "narrower"),
        ("sharing", "narrower"),
    ]


def test_removing_a_share_only_as_directed_promise_is_broader() -> None:
    head = "# Schools\n\nWe support classrooms.\n\n"
    old = head + "We use or share student information only as directed by the school.\n"
    (f,) = compare_texts(old, head)
    assert (f.topic, f.direction) == ("sharing", "broader")
    assert f.summary == (
        "The promise that the provider shares your data only as you (or your organization)"
        " direct is removed."
    )


def test_dropping_the_right_to_sublicense_your_content_is_narrower() -> None:
    head = "# Licence\n\nYou grant us a worldwide, royalty-free license"
    old = head + " (with the right to sublicense) to host and display the content you post.\n"
    new = head + " to host and display the content you post.\n"
    (f,) = compare_texts(old, new)
    assert (f.topic, f.direction) == ("sharing", "narrower")
    assert "sublicense" in f.summary


def test_analytics_cookie_extended_to_another_site_is_news_even_if_same_company_has_ads_there() -> (
    None
):
    head = (
        "# Cookies\n\nThird-party cookies on our sites:\n\n"
        "| Source | Cookie name | Purpose | Domain |\n| --- | --- | --- | --- |\n"
        "| Zorbit Ads | zb_ad | Advertising | alpha.example • beta.example |\n"
    )
    old = head + "| Zorbit Analytics | zb_an | Analytics | alpha.example |\n"
    new = head + "| Zorbit Analytics | zb_an | Analytics | alpha.example • beta.example |\n"
    findings = compare_texts(old, new)
    assert ("sharing", "broader") in [(f.topic, f.direction) for f in findings]
    assert any("zorbit analytics" in f.summary for f in findings)


def test_feature_that_stores_more_data_is_broader_retention() -> None:
    head = "# Data\n\nWe store your chats so that you can see your history.\n\n"
    new = head + "If you enable Pinboard, we may store your chats to show earlier answers.\n"
    findings = compare_texts(head, new)
    assert [(f.topic, f.direction) for f in findings] == [("retention", "broader")]
    assert "when you use a feature, product or setting" in findings[0].summary
    assert "“If you enable Pinboard”" in findings[0].summary


def test_a_bounded_retention_is_summarised_with_its_bound() -> None:
    head = "# Data\n\nWe never sell your data.\n\n"
    new = head + (
        "If you use the Tuning API, your training files are stored for the duration of the"
        " tuning job and until you delete them.\n"
    )
    findings = [f for f in compare_texts(head, new) if f.topic == "retention"]
    assert findings and findings[0].direction == "broader"
    assert "“for the duration of the tuning job and until you delete them”" in findings[0].summary


def test_new_deletion_once_no_longer_needed_is_narrower() -> None:
    head = "# Data\n\nWe delete information about children as soon as we learn of it.\n\n"
    new = head + "When your data is no longer needed, we will erase or anonymize it.\n"
    findings = compare_texts(head, new)
    assert [(f.topic, f.direction) for f in findings] == [("retention", "narrower")]


def test_new_publicity_clause_is_broader_sharing() -> None:
    old = "# Terms\n\nYou keep ownership of your content.\n"
    new = old + "\n## Publicity\n\nWe may name you as our customer on our website.\n"
    findings = compare_texts(old, new)
    assert [(f.topic, f.direction) for f in findings] == [("sharing", "broader")]
    # Said as what it is, not "share your data with publicity".
    assert findings[0].summary == (
        "The provider may now name you or your organization as a customer in its marketing."
    )
    (back,) = compare_texts(new, old)
    assert back.summary.startswith("The statement that the provider may name you")


def test_training_permission_limited_to_deidentified_data_is_one_narrower_change() -> None:
    old = "# Improvement\n\nWe may use your chats to improve our models.\n"
    new = "# Improvement\n\nWe may use your chats to improve our models once they are de-identified.\n"
    (f,) = compare_texts(old, new)
    assert (f.topic, f.direction) == ("training_use", "narrower")
    assert "once the data is de-identified (was: with no opt-out or consent stated)" in f.summary
    (back,) = compare_texts(new, old)
    assert back.direction == "broader"


def test_exception_to_the_opt_out_is_broader_and_its_removal_narrower() -> None:
    old = "# Training\n\nWe train our models on your chats unless you opt out.\n"
    new = old + ("\nWe may still use your feedback to train our models even if you opted out.\n")
    (f,) = compare_texts(old, new)
    assert (f.topic, f.direction, f.severity) == ("training_use", "broader", "critical")
    assert "even if you opted out" in f.summary
    (back,) = compare_texts(new, old)
    assert back.direction == "narrower"


def test_training_clause_whose_data_list_grows_is_broader() -> None:
    old = (
        "# Improvement\n\nWith sharing on, we use your prompts, editor events and code excerpts"
        " to train our models.\n"
    )
    new = old.replace("editor events and", "editor events, shell history and")
    (f,) = compare_texts(old, new)
    assert (f.topic, f.direction) == ("training_use", "broader")


def test_new_period_for_flagged_content_is_news_even_if_the_number_is_not() -> None:
    old = "# Retention\n\nWe delete your chats from our systems after 2 years.\n"
    new = old + "\nChats flagged for safety review are kept for 2 years.\n"
    findings = compare_texts(old, new)
    assert [(f.topic, f.direction, f.kind) for f in findings] == [
        ("retention", "broader", "gained:days_for:flagged:730")
    ]
    assert (
        findings[0].summary
        == "New retention statement: flagged content is kept 2 years (730 days)."
    )
    # an edited backup period is one number compared with another, not a new statement
    old_b = "# Files\n\nDeleted files are erased from backups within 30 days.\n"
    (f,) = compare_texts(old_b, old_b.replace("30 days", "7 days"))
    assert f.kind == "retention_days_30_to_7" and f.direction == "narrower"


def test_edited_backup_period_while_the_old_number_stays_elsewhere() -> None:
    head = "# Files\n\nWe keep support tickets for 30 days.\n\n"
    old = head + "Deleted files are erased from backups within 30 days.\n"
    (f,) = compare_texts(old, old.replace("backups within 30 days", "backups within 7 days"))
    assert f.kind == "retention_days_30_to_7" and f.direction == "narrower"


def test_renaming_a_plan_to_a_name_already_in_the_clause_is_not_a_scope_change() -> None:
    old = (
        "# Training\n\nBy default, business chats from Widget Team and Widget Enterprise are not"
        " used to train our models.\n"
    )
    new = old.replace("Widget Team", "Widget Business")
    assert compare_texts(old, new) == []


def test_user_fine_tuning_their_own_model_is_not_a_training_change() -> None:
    old = "# Models\n\nWe do not train our models on your prompts.\n"
    new = old + "\nYou can fine-tune models on your own datasets with the tuning console.\n"
    assert compare_texts(old, new) == []


def test_an_edit_the_rules_cannot_read_is_listed_not_reported_as_removed():
    rest = "\n\nWe publish a yearly report about government requests.\n\nSupport staff answer by email.\n"
    old = "# Data\n\nWe may share your chats with our partners to run the service." + rest
    new = "# Data\n\nWe may let our partners look at your chats to run the service." + rest
    cmp = compare_versions(old, new)
    assert cmp.findings == []
    assert [(e.topic, e.new_text) for e in cmp.unreadable] == [
        ("sharing", "We may let our partners look at your chats to run the service.")
    ]
    # a wording that states the practice in words the rules read is compared as usual
    denied = "# Data\n\nWe never share your chats with our partners." + rest
    assert compare_versions(old, denied).unreadable == ()


def test_a_disclosure_to_authorities_keeps_its_legal_condition() -> None:
    head = "# Sharing\n\nWe never sell your data.\n\n"
    new = head + (
        "We will disclose information to law enforcement agencies if required to do so by law"
        " or to protect the safety of our users.\n"
    )
    (f,) = [f for f in compare_texts(head, new) if f.topic == "sharing"]
    assert f.direction == "broader"
    assert "“if required to do so by law" in f.summary


def test_every_recipient_a_clause_names_is_in_its_summary() -> None:
    head = "# Sharing\n\nWe never sell your data.\n\n"
    new = head + "Acme may pass your personal data to its subsidiaries, affiliates, and partners.\n"
    found = [f for f in compare_texts(head, new) if f.topic == "sharing"]
    assert found
    for f in found:
        assert "other companies in its group" in f.summary and "business partners" in f.summary


@pytest.mark.parametrize(
    "text, data",
    [
        (
            "Whenever you communicate with us online, third party vendors receive and keep these"
            " communications for us.",
            "your communications with it",
        ),
        (
            "We share your prompts and communications with vendors.",
            "“your prompts and communications”",
        ),
        ("We share your feedback with partners.", "“your feedback”"),
        ("We may share your personal data with our affiliates.", "your data"),
    ],
)
def test_what_is_shared_is_told_in_the_clause_words(text, data) -> None:
    from clausewatch.detection.summaries import shared_data

    assert shared_data(text) == data


@pytest.mark.parametrize(
    "row, label",
    [
        (": Corvane", "Corvane"),  # a stray colon of a flattened list
        (
            "Corvane Compute, Inc. | Model hosting | United States",
            "Corvane Compute, Inc. (model hosting, United States)",
        ),
    ],
)
def test_a_sub_processor_is_labelled_without_list_debris(row, label) -> None:
    from clausewatch.detection.summaries import subprocessor_label

    assert subprocessor_label(row) == label


def test_a_deletion_deadline_is_told_as_one() -> None:
    head = "# Agents\n\nWe never sell your data.\n\n"
    old = head + "We will delete the Agent within ten (10) days of receiving such request.\n"
    (f,) = [f for f in compare_texts(old, head) if f.topic == "retention"]
    assert f.summary.startswith("The deletion deadline for “the Agent”")
    assert "10 days" in f.summary
    old = head + "We delete the Agent no later than 30 days after the contract ends.\n"
    (f,) = [f for f in compare_texts(old, head) if f.topic == "retention"]
    assert f.summary.startswith("The deletion deadline for “the Agent”")


def test_a_rule_of_one_option_keeps_its_qualifier() -> None:
    head = "# Retention\n\nWe never sell your data.\n\n"
    old = head + (
        "With this option, your inputs are not retained for any longer period, except as"
        " required by law.\n"
    )
    (f,) = [f for f in compare_texts(old, head) if f.topic == "retention"]
    assert "“With this option”" in f.summary


def test_a_period_kept_then_deleted_is_a_retention_not_a_deadline() -> None:
    head = "# Images\n\nWe never sell your data.\n\n"
    old = head + "Your prompts are stored for 15 days and then permanently deleted.\n"
    (f,) = [f for f in compare_texts(old, head) if f.topic == "retention"]
    assert f.summary.startswith("Retention of “your prompts”")


def test_a_promise_of_a_named_mode_is_worded_once() -> None:
    from clausewatch.detection.summaries import _no_store_text

    assert _no_store_text(("retention", "no_store", "privacy mode")) == (
        "data is not stored in privacy mode"
    )
    assert (
        _no_store_text(("retention", "no_store", "api")) == "data is not stored (api mode or plan)"
    )


@pytest.mark.parametrize(
    "clause, anchor",
    [
        (
            "Fine-tuning inputs are kept for 1 year after account termination.",
            "“after account termination”",
        ),
        (
            "We keep your account data for 1 year from the date you close your account.",
            "“from the date you close your account”",
        ),
        ("We keep your chats for 1 year.", ""),
        ("Your images are destroyed within 1 day from Quillfire’s systems.", ""),
    ],
)
def test_a_period_keeps_the_event_it_runs_from(clause, anchor) -> None:
    head = "# Retention\n\nWe never sell your data.\n\n"
    (f,) = [f for f in compare_texts(head + clause + "\n", head) if f.topic == "retention"]
    assert ("“" in f.summary.split("stated as", 1)[1]) == bool(anchor)
    assert anchor in f.summary


@pytest.mark.parametrize(
    "clause, data",
    [
        ("Our gaming features do not use children's data for model training.", "“children's data”"),
        (
            "Voice recordings you submit are used to train our speech models.",
            "“Voice recordings you submit”",
        ),
        ("We use your data to train our models.", "your data"),
        ("We train our models on your conversations.", "“your conversations”"),
        ("It is used to train our models.", "your data"),  # a pronoun names nothing
        # the means of the use is no data
        (
            "We use commercially reasonable efforts to de-identify chats before we use them to"
            " train our models.",
            "your data",
        ),
    ],
)
def test_a_training_summary_names_the_data_its_clause_names(clause, data) -> None:
    head = "# Training\n\nWe never sell your data.\n\n"
    (f,) = [f for f in compare_texts(head, head + clause + "\n") if f.topic == "training_use"]
    assert data in f.summary


def test_an_opt_out_a_third_party_may_offer_is_not_promised() -> None:
    head = "# Models\n\nWe never sell your data.\n\n"
    new = head + (
        "Some third-party models may store or train on your prompts to improve their own"
        " models and may allow you to opt out of model training, as their terms describe.\n"
    )
    got = [f.summary for f in compare_texts(head, new) if f.topic == "training_use"]
    assert got, "the third party's training is news"
    assert not any("unless opted out" in s or "unless you opt out" in s for s in got), got
    assert all("may let you opt out" in s for s in got), got


def test_every_listed_case_of_a_practice_is_in_its_summary() -> None:
    head = "# Training\n\nWe never sell your data.\n\n"
    new = head + (
        "Even if you opt out, we will use Materials for model training when: (1) you give us"
        " feedback on them, or (2) they are flagged for safety review.\n"
    )
    (f,) = [f for f in compare_texts(head, new) if f.topic == "training_use"]
    assert "(1) you give us feedback on them" in f.summary
    assert "(2) they are flagged for safety review" in f.summary


def test_a_training_use_implied_by_an_opt_out_says_so() -> None:
    # "you can opt out of training" states the opt-out; the use is what it implies
    head = "# Training\n\nWe never sell your data.\n\n"
    new = head + (
        "If you use Nimbus Pro, you can opt out of the use of your chats for model training at"
        " any time in your account settings.\n"
    )
    (f,) = [f for f in compare_texts(head, new) if f.topic == "training_use"]
    assert f.direction == "broader"
    assert f.summary.startswith("New opt-out from training"), f.summary
    assert "which implies the provider may train AI models" in f.summary
    assert "“If you use Nimbus Pro”" in f.summary
    # a clause that states the use itself is summarised as the use
    stated = head + "We use your chats to train our models unless you opt out.\n"
    (g,) = [f for f in compare_texts(head, stated) if f.topic == "training_use"]
    assert g.summary.startswith("The provider may now train AI models on “your chats” unless")


def test_a_sharing_summary_keeps_the_condition_it_opens_with() -> None:
    head = "# Sharing\n\nWe never sell your data.\n\n"
    new = head + (
        "If you join a team workspace, we may share your chats with the administrators of your"
        " organization.\n"
    )
    (f,) = [f for f in compare_texts(head, new) if f.topic == "sharing"]
    assert "(“If you join a team workspace”)" in f.summary, f.summary
    # a purpose heading is not a condition
    purpose = head + "For customer support, we may share your data with our affiliates.\n"
    (g,) = [f for f in compare_texts(head, purpose) if f.topic == "sharing"]
    assert "For customer support" not in g.summary, g.summary


def test_a_deletion_that_may_be_an_anonymisation_says_so() -> None:
    head = "# Retention\n\nWe never sell your data.\n\n"
    new = head + "When the purpose ends, we will delete or anonymize your personal data.\n"
    (f,) = [f for f in compare_texts(head, new) if f.topic == "retention"]
    assert "the provider deletes or anonymises “your personal data”" in f.summary or (
        "the provider deletes or anonymises data" in f.summary
    ), f.summary
    plain = head + "When the purpose ends, we will delete your personal data.\n"
    (g,) = [f for f in compare_texts(head, plain) if f.topic == "retention"]
    assert "anonymis" not in g.summary


def test_a_quoted_condition_never_ends_inside_a_parenthesis() -> None:
    from clausewatch.detection.quotes import qualifier

    text = (
        "If you sign up with an email address that belongs to a company (for example, your"
        " school), Nimbus may share your account details with that company."
    )
    assert qualifier(text) == "“If you sign up with an email address that belongs to a company”"


def test_a_sharing_allowed_only_as_an_exception_says_so() -> None:
    # "we do not disclose X to any third party except to Y" lets Y have it, and no one else
    head = "# Models\n\nWe never sell your data.\n\n"
    new = head + (
        "Your fine-tuned model stays confidential and we will not disclose it to any third"
        " party except to our approved cloud service providers.\n"
    )
    got = [f for f in compare_texts(head, new) if f.topic == "sharing" and "permitted" in f.kind]
    assert got
    for f in got:  # a new clause: a promise gained with its way through
        assert f.summary.startswith("New promise: the provider does not share"), f.summary
        assert "“except to our approved cloud service providers”" in f.summary, f.summary
        assert f.direction == "changed"
    # the same permission added beside a promise already there: a recipient gained
    edited = head + (
        "Your fine-tuned model stays confidential and we will not disclose it to any third party.\n"
    )
    got = [f for f in compare_texts(edited, new) if f.topic == "sharing" and "permitted" in f.kind]
    assert got
    for f in got:
        assert "only as the exception to a promise not to share" in f.summary, f.summary


def test_a_period_of_another_party_goes_with_the_clause_that_names_it() -> None:
    # a vendor's entry removed whole: its retention period is not loosened, it left with the
    # vendor; the sharing finding on the entry carries the direction
    head = "# Vendors\n\nWe never sell your data.\n\n"
    entry = (
        "- Purpose: image generation. Quillfire Labs accesses your prompts. Your prompts are"
        " stored for 15 days and then permanently deleted from Quillfire Labs’ systems.\n"
    )
    (lost,) = [f for f in compare_texts(head + entry, head) if f.topic == "retention"]
    assert lost.direction == "changed", lost
    assert "the clause that named Quillfire Labs was removed" in lost.summary, lost.summary
    (new,) = [f for f in compare_texts(head, head + entry) if f.topic == "retention"]
    assert new.direction == "changed", new
    assert "in a new clause about Quillfire Labs" in new.summary, new.summary
    # the provider's own period removed with its clause is still broader
    own = "- Purpose: image generation. We store your prompts for 15 days and then delete them.\n"
    (f,) = [f for f in compare_texts(head + own, head) if f.topic == "retention"]
    assert f.direction == "broader"


def test_a_period_keeps_its_purpose_and_its_exception() -> None:
    head = "# Retention\n\nWe never sell your data.\n\n"
    new = head + (
        "Prompts and outputs of the API are processed for 30 days to monitor abuse, unless you"
        " subscribed to zero data retention.\n"
    )
    got = [f for f in compare_texts(head, new) if f.topic == "retention" and "30 days" in f.summary]
    assert got
    (f,) = got
    assert f.summary.startswith("Retention of “prompts and outputs of the API”"), f.summary
    assert "“to monitor abuse”" in f.summary, f.summary
    assert "“unless you subscribed to zero data retention”" in f.summary, f.summary


def test_a_bound_keeps_the_extra_time_that_follows_it() -> None:
    head = "# Retention\n\nWe never sell your data.\n\n"
    old = head + (
        "Personal data provided for technical support is stored for the duration necessary to"
        " process the support request, and for five (5) additional years for evidential"
        " purposes.\n"
    )
    (f,) = [f for f in compare_texts(old, head) if f.topic == "retention"]
    assert "five (5) additional years" in f.summary, f.summary
    assert "“personal data provided for technical support”" in f.summary.lower(), f.summary


def test_a_period_purpose_stops_where_its_exception_starts() -> None:
    from clausewatch.detection.quotes import period_tail

    text = "Inputs are kept for 30 days to monitor abuse unless you turned on zero data retention."
    assert period_tail(text, 30) == (
        " (“to monitor abuse”, “unless you turned on zero data retention”)"
    )
    assert period_tail("Inputs are kept for 30 days.", 30) == ""


def test_a_period_added_to_a_bound_runs_from_its_end() -> None:
    # "for the duration of your registration and for 90 days": 90 days after the registration
    head = "# Retention\n\nWe never sell your data.\n\n"
    old = head + (
        "- If you use Acme Chat: your chats are kept for the duration of your registration on"
        " the Services and for 90 days.\n"
    )
    (f,) = [
        f for f in compare_texts(old, head) if f.topic == "retention" and "90 days" in f.summary
    ]
    assert "after “the duration of your registration on the Services”" in f.summary, f.summary


def test_a_de_identification_promised_only_as_efforts_says_so() -> None:
    head = "# Training\n\nWe never sell your data.\n\n"
    new = head + (
        "We use commercially reasonable efforts to de-identify your prompts before using them"
        " to train our models.\n"
    )
    (f,) = [f for f in compare_texts(head, new) if f.topic == "training_use"]
    assert "once it is de-identified" not in f.summary, f.summary
    assert "“commercially reasonable efforts to de-identify" in f.summary, f.summary
    plain = head + "We de-identify your prompts before using them to train our models.\n"
    (g,) = [f for f in compare_texts(head, plain) if f.topic == "training_use"]
    assert "once it is de-identified" in g.summary, g.summary
