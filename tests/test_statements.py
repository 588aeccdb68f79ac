"""Typed statements: the codec, comparison keys, the parse readings and `clausewatch explain`.

The sentences are our own wording. Each parse reading has cases it must change and cases it
must leave alone (the behavioural suite in tests/behaviour/ holds the rest).
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from clausewatch.cli import main
from clausewatch.statements import (
    Duration,
    Recipient,
    Statement,
    dumps,
    from_dict,
    loads,
    statement_key,
    to_dict,
)
from clausewatch.statements.read import read_clause


def _read(text: str, context: str = "", kind: str = "sentence"):
    return read_clause(text, context, kind).statements


def _one(text: str, topic: str, action: str | None = None):
    got = [s for s in _read(text) if s.topic == topic and (action is None or s.action == action)]
    assert len(got) == 1, f"{text!r}: {got}"
    return got[0]


# --------------------------------------------------------------------------- codec


def test_codec_round_trips_every_field():
    s = Statement(
        topic="retention",
        action="keep",
        polarity="permitted",
        actor="third_party",
        actor_name="model provider",
        data=("inputs", "outputs"),
        recipients=(Recipient("model_providers", "Foundry Labs"),),
        purposes=("safety",),
        condition="opt_out",
        scope=("free plan",),
        exceptions=("stated",),
        duration=Duration(30, "up_to", "deletion"),
        rule_ids=("retention.duration", "syntax.negation_scope"),
        span=(3, 10),
    )
    assert from_dict(json.loads(json.dumps(to_dict(s)))) == s
    assert loads(dumps([s, s])) == (s, s)
    assert to_dict(s)["days"] == 30 and loads(None) == ()


def test_json_objects_carry_the_documented_field_names():
    d = to_dict(Statement(topic="sharing", action="sell", polarity="prohibited"))
    for name in (
        "topic", "actor", "action", "polarity", "condition", "recipients", "data", "scope",
        "exceptions", "days", "rule_ids",
    ):  # fmt: skip
        assert name in d


def test_keys_come_from_the_typed_fields():
    sale = Statement(
        topic="sharing", action="sell", polarity="permitted", rule_ids=("sharing.sale",)
    )
    assert statement_key(sale) == ("sharing", "sale", "permitted")
    kept = Statement(
        topic="retention",
        action="keep",
        polarity="permitted",
        duration=Duration(30, "exact", ""),
        rule_ids=("retention.duration",),
    )
    assert statement_key(kept) == ("retention", "days", 30, "-")


# --------------------------------------------------------------------------- negation scope


@pytest.mark.parametrize(
    "text",
    [
        "We do not use your information to build profiles, to send you offers, or to sell it to anyone.",
        "The Company does not sell your personal information.",
        "Acme never sells or rents the personal data of its users.",
    ],
)
def test_a_denial_covers_the_coordinated_sale(text):
    s = _one(text, "sharing", "sell")
    assert s.polarity == "prohibited"


def test_a_plain_sale_stays_permitted():
    s = _one("We may sell your personal information to data brokers.", "sharing", "sell")
    assert s.polarity == "permitted"


def test_a_new_clause_after_but_carries_its_own_polarity():
    got = _read(
        "We do not sell your personal information, but we share it with our advertising partners."
    )
    share = [s for s in got if s.action == "disclose"]
    sale = [s for s in got if s.action == "sell"]
    assert share and all(s.polarity == "permitted" for s in share)
    assert sale and sale[0].polarity == "prohibited"


def test_a_negated_wish_in_a_condition_is_no_denial():
    s = _one(
        "If you do not want us to use your content to train our models, you can opt out in settings.",
        "training_use",
    )
    assert s.polarity == "permitted" and s.condition == "opt_out"
    assert "syntax.negation_scope" not in s.rule_ids


# --------------------------------------------------------------------------- who acts


@pytest.mark.parametrize(
    "text",
    [
        "You can fine-tune our base models on your own data.",
        "Developers may use outputs to develop and train their own models.",
    ],
)
def test_the_customer_training_its_own_models_is_no_provider_practice(text):
    assert not [s for s in _read(text) if s.topic == "training_use"]


def test_the_provider_named_as_the_object_of_allow_still_trains():
    s = _one("You allow us to use your prompts to train and improve our models.", "training_use")
    assert s.actor == "provider" and s.polarity == "permitted"


def test_a_grant_of_rights_to_the_provider_is_the_providers_training():
    s = _one(
        "You grant us a licence to use your inputs for the purpose of training our models.",
        "training_use",
    )
    assert s.actor == "provider"


# --------------------------------------------------------------------------- source vs recipient


def test_a_partner_the_data_comes_from_receives_nothing():
    got = _read("We receive information about you from our partners.")
    assert not [s for s in got if s.topic == "sharing"]


def test_a_partner_the_data_goes_to_is_a_recipient():
    got = _read("We share your usage information with our partners.")
    assert [s for s in got if s.topic == "sharing" and s.recipients[0].category == "partners"]


# --------------------------------------------------------------------------- durations


def test_a_duration_keeps_its_bound_and_evidence_span():
    text = "We retain your chats for up to 30 days."
    s = _one(text, "retention")
    assert s.duration == Duration(30, "up_to", "")
    assert s.span and text[s.span[0] : s.span[1]] == "30 days"


def test_an_exact_duration_is_exact():
    s = _one("Your prompts are kept for 90 days.", "retention")
    assert s.duration is not None and s.duration.days == 90 and s.duration.bound == "exact"


# --------------------------------------------------------------------------- explain


def test_explain_prints_statements_with_rule_ids():
    res = CliRunner().invoke(
        main, ["explain", "We may use your conversations to train our models unless you opt out."]
    )
    assert res.exit_code == 0, res.output
    assert "training.use_to_train" in res.output and "opt_out" in res.output


def test_explain_json_is_a_list_of_statement_objects():
    res = CliRunner().invoke(
        main, ["explain", "--format", "json", "We never sell your personal information."]
    )
    assert res.exit_code == 0, res.output
    got = json.loads(res.stdout)
    assert [(d["topic"], d["action"], d["polarity"]) for d in got] == [
        ("sharing", "sell", "prohibited")
    ]
    assert got[0]["rule_ids"][0] == "sharing.sale"


def test_explain_says_why_a_question_states_nothing():
    res = CliRunner().invoke(main, ["explain", "Does Acme sell my data?"])
    assert res.exit_code == 0
    assert "states no practice: a question" in res.output


def test_explain_without_text_is_a_usage_error():
    res = CliRunner().invoke(main, ["explain"])
    assert res.exit_code == 2


# --------------------------------------------------------------------------- no practice


@pytest.mark.parametrize(
    "text",
    [
        "“Security Incident” means any unauthorized disclosure of or access to Customer Data.",
        '"Training Data" shall mean the content you choose to share with us for model training.',
    ],
)
def test_a_definition_states_no_practice(text):
    r = read_clause(text)
    assert not r.statements and r.reason == "a definition of a term"


def test_a_sentence_explaining_what_a_practice_means_is_not_a_definition():
    got = _read("This means that we share your data with advertising partners.")
    assert [s for s in got if s.topic == "sharing"]


def test_a_disclaimer_of_responsibility_states_no_practice():
    r = read_clause(
        "We do not control, and are not responsible for, how third-party model providers use "
        "your inputs, including for training their models."
    )
    assert not r.statements and "disclaimer" in r.reason


def test_a_heading_noun_phrase_states_nothing_but_a_sentence_does():
    assert read_clause("Data we use to provide and improve the Services:").reason.startswith(
        "a heading"
    )
    assert not _read("How we use your conversations to train our models")
    assert _read("We use your conversations to train our models.")


def test_a_negated_opt_out_is_the_condition_not_a_denial():
    s = _one(
        "If you have not opted out, we use your conversations to train our models.",
        "training_use",
    )
    assert s.polarity == "permitted" and s.condition == "opt_out"


def test_a_partner_inside_a_from_phrase_is_a_source():
    got = _read(
        "We collect information from third parties, including our business partners and "
        "analytics providers."
    )
    assert not [s for s in got if s.topic == "sharing"]


def test_the_user_sharing_through_a_feature_is_worded_as_the_users_act():
    from clausewatch.detection.summaries import make_finding
    from clausewatch.records import Clause
    from clausewatch.statements.nlp import parse
    from clausewatch.statements.read import correct

    text = "Certain features allow you to share your chats with other users or the public."
    public = Statement(
        topic="sharing",
        action="publish",
        polarity="permitted",
        recipients=(Recipient("public"),),
        rule_ids=("sharing.public",),
    )
    (s,) = correct((public,), parse([text])[0])
    assert s.actor == "user" and "syntax.user_acts" in s.rule_ids
    clause = Clause(0, "Sharing", text, ("sharing",), {"sharing": {}}, (s,))
    f = make_finding(statement_key(s), True, None, clause)
    assert (
        f.summary == "The service now lets you share your content with other users or the public."
    )
    assert f.severity == "medium"
    # the provider sharing is the provider's act
    (p,) = correct((public,), parse(["We may share your chats with the public."])[0])
    assert p.actor == "provider"


def test_a_scope_edit_quotes_the_words_that_changed():
    from clausewatch.detection.compare import compare_clauses
    from clausewatch.parsers.clauses import find_clauses

    old = "# Training\n\nWe may use your prompts to improve our models unless you opt out.\n"
    new = (
        "# Training\n\nWe may use your prompts and files to improve our models unless you opt"
        " out.\n"
    )
    got = [f for f in compare_clauses(find_clauses(old), find_clauses(new))]
    assert got and "“and files”" in got[0].summary and got[0].direction == "broader"


def test_a_way_to_stop_sharing_says_the_sharing_happens_until_then():
    s = _one(
        "Acme will turn off sharing your data with third parties for personalised ads if we "
        "receive an opt-out signal from your browser.",
        "sharing",
    )
    assert (s.polarity, s.condition) == ("permitted", "opt_out")


def test_a_denial_reaches_the_purpose_past_a_reduced_relative():
    s = _one(
        "We will not use information resulting from your prompts to improve our models.",
        "training_use",
    )
    assert s.polarity == "prohibited"
    s = _one(
        "We use information resulting from your prompts to improve our models.", "training_use"
    )
    assert s.polarity == "permitted"


@pytest.mark.parametrize(
    "text, subject",
    [
        ("We retain your prompts for 30 days.", "Retention of “your prompts”"),
        ("Fine-tuned models are retained for one year.", "Retention of “Fine-tuned models”"),
        ("We will delete the Agent within 10 days of a request.", "Retention of “the Agent”"),
        ("We keep it for 30 days.", "Data retention"),  # a pronoun names nothing
        # "prior to" ends what is kept as "for" does
        (
            "You may ask us to delete the tuned model prior to the end of the 1 year period.",
            "Retention of “the tuned model”",
        ),
    ],
)
def test_retention_summaries_name_what_the_clause_keeps_in_its_words(text, subject):
    from clausewatch.detection.summaries import retention_subject

    assert retention_subject(text, None) == subject


@pytest.mark.parametrize(
    "text, days, subject",
    [
        # several periods in one clause: each is told of what its own sentence keeps
        (
            "Your prompts are stored for 15 days and then deleted. Your images are destroyed"
            " within 1 day.",
            1,
            "Retention of “your images”",
        ),
        (
            "Your prompts are stored for 15 days and then deleted. Your images are destroyed"
            " within 1 day.",
            15,
            "Retention of “your prompts”",
        ),
        # a label that names the data before its period: "Billing records: 7 years"
        (
            "Guest contact details: 1 year from collection.",
            365,
            "Retention of “Guest contact details”",
        ),
        ("Purpose: 1 year from collection.", 365, "Data retention"),  # a label names no data
        # a label naming the data narrows "your data" in the sentence after it
        (
            "Support data: We keep your data until your request is closed and for 5 years.",
            1825,
            "Retention of “Support data”",
        ),
        (
            "Account Data (such as your email address): for 1 year after you delete your account.",
            365,
            "Retention of “Account Data”",
        ),
        # where the data is kept, when the sentence names another party's systems
        (
            "Your prompts are stored for 15 days and then deleted from Quillfire Labs’ systems.",
            15,
            "Retention of “your prompts” on Quillfire Labs’ systems",
        ),
    ],
)
def test_a_period_is_told_of_the_data_its_sentence_keeps(text, days, subject):
    from clausewatch.detection.summaries import retention_subject

    assert retention_subject(text, None, days) == subject


def test_a_party_training_its_own_models_on_your_inputs_is_a_third_party():
    s = _one(
        "Some hosted models may store or train on your inputs for improving their own language "
        "models.",
        "training_use",
    )
    assert s.actor == "third_party" and "syntax.third_party_acts" in s.rule_ids
    s = _one("We may train on your inputs for improving our own models.", "training_use")
    assert s.actor == "provider"


def test_apis_that_let_customers_fine_tune_state_no_provider_training():
    assert not _read(
        "Acme provides APIs that allow its users to use Acme's models for text generation, and "
        "to fine-tune such models."
    )


def test_a_list_item_of_several_sentences_is_corrected_on_the_sentence_that_states_it():
    from clausewatch.statements.read import split_sentences

    text = (
        "Marketing. We do not use your information to build profiles, to send you offers, or "
        "to sell it to anyone. You can contact us at any time."
    )
    assert len(split_sentences(text)) == 3
    got = [s for s in read_clause(text, "Privacy", "item").statements if s.action == "sell"]
    assert got and all(s.polarity == "prohibited" for s in got)


def test_a_run_in_heading_before_a_sentence_is_no_heading():
    got = _read(
        "With business partners: Nimbus may share your information with its business partners "
        "to offer you some of their products"
    )
    assert [s for s in got if s.topic == "sharing"]


def test_a_purpose_attached_to_the_users_condition_is_still_the_providers():
    # a list item continuing "We use your inputs:" — the user only uses the free plan
    s = _one(
        "If You use the free version of the app, to improve Our Models with your prompts, unless"
        " You opt out of training.",
        "training_use",
    )
    assert s.actor == "provider"


def test_a_training_summary_keeps_the_clauses_limiting_words():
    from clausewatch.detection.compare import compare_clauses
    from clausewatch.parsers.clauses import find_clauses

    old = "# Training\n\nWe do not use your prompts to train our models.\n"
    new = (
        "# Training\n\nIf you use the free plan, we may use your prompts to train our models"
        " unless you opt out.\n"
    )
    got = [
        f
        for f in compare_clauses(find_clauses(old), find_clauses(new))
        if f.topic == "training_use"
    ]
    assert got and "(“If you use the free plan”)" in got[0].summary


def test_a_promise_not_to_train_edited_into_a_permission_is_one_critical_change():
    from clausewatch.detection.compare import compare_clauses
    from clausewatch.parsers.clauses import find_clauses

    keep = "We may use your chat data to train our models unless you opt out."
    old = (
        f"# Consumer\n\n{keep}\n\n# API\n\nWe do not use your API inputs to train our models"
        " unless you opt in. An owner can opt in at any time.\n"
    )
    new = (
        f"# Consumer\n\n{keep}\n\n# API\n\nWe may use your API inputs to train our models"
        " unless you opt out. An owner can opt out at any time.\n"
    )
    got = [
        f
        for f in compare_clauses(find_clauses(old), find_clauses(new))
        if f.topic == "training_use"
    ]
    assert len(got) == 1, [f.summary for f in got]
    assert got[0].severity == "critical" and got[0].direction == "broader"
    assert got[0].summary == (
        "The provider may now train AI models on “your API inputs” unless you opt out "
        "(was: it promised not to, unless you opt in)."
    )


def test_several_quoted_forms_of_one_term_are_still_a_definition():
    r = read_clause(
        "“Tuning” or “Tuned”: means adjusting a model in order to improve its performance."
    )
    assert not r.statements and r.reason == "a definition of a term"


def test_one_change_stated_twice_is_one_message_whatever_limits_each_quotes():
    from clausewatch.pipelines.analyze import one_per_change
    from clausewatch.records import Finding

    base = dict(topic="retention", direction="broader", severity="high", kind="k")
    a = Finding(summary="Retention grows from 30 days to 5 years (“If you allow it”).",
                old_text="a", new_text="b", **base)  # fmt: skip
    b = Finding(
        summary="Retention grows from 30 days to 5 years.", old_text="c", new_text="d", **base
    )
    assert one_per_change([a, b]) == [a]


def _summaries(old: str, new: str, topic: str) -> list[str]:
    from clausewatch.detection.compare import compare_clauses
    from clausewatch.parsers.clauses import find_clauses

    return [
        f.summary for f in compare_clauses(find_clauses(old), find_clauses(new)) if f.topic == topic
    ]


def test_a_sale_summary_keeps_the_form_the_data_is_sold_in():
    # "sell your content in anonymized form" is not "sell your data": the form limits it
    old = "# Licence\n\nWe store your content to provide the service.\n"
    new = old + "\nWe may license or sell your content in anonymized form to research firms.\n"
    got = _summaries(old, new, "sharing")
    assert any("sell your data" in s and "(“in anonymized form”)" in s for s in got), got
    plain = old + "\nWe may sell your content to research firms.\n"
    got = _summaries(old, plain, "sharing")
    assert got and not any("anonymized" in s for s in got), got


def test_a_party_that_keeps_data_for_its_own_models_is_named_in_the_summary():
    old = "# Models\n\nWe route your prompts to the model you pick.\n"
    new = old + (
        "\nSome model vendors may store your prompts and train on them to improve their own"
        " models.\n"
    )
    got = _summaries(old, new, "retention")
    assert got and all("the provider keeps" not in s for s in got), got
    assert any("model vendors may keep" in s for s in got), got


def test_a_practice_limited_to_listed_cases_says_so_in_its_summary():
    # "even if you opt out, we use X for training when: (1) ..." is training in those cases
    # only; a summary without them would state the exception as the rule
    old = "# Training\n\nWe do not train our models on your chats.\n"
    new = old + (
        "\nEven if you opt out, we will use your chats for model training when: (1) you send us"
        " feedback about a reply, or (2) a chat is flagged for a safety review.\n"
    )
    got = _summaries(old, new, "training_use")
    # every listed case, not the first alone
    assert any(
        "(“when: (1) you send us feedback about a reply, or (2) a chat is flagged for a safety"
        " review”)" in s
        for s in got
    ), got


def test_a_promise_with_exceptions_quotes_them():
    old = "# Training\n\nWe keep your chats for 30 days.\n"
    new = old + (
        "\nWe will not train our models on your chats, except in two circumstances: when you"
        " send feedback and when a chat is flagged.\n"
    )
    got = _summaries(old, new, "training_use")
    assert any("(“except in two circumstances”)" in s for s in got), got
    plain = old + "\nWe will not train our models on your chats.\n"
    # no limit quoted (the data it names is: "on “your chats”")
    assert not any("(“" in s for s in _summaries(old, plain, "training_use"))


def test_the_form_of_shared_data_is_read_from_its_participle_not_the_verb():
    old = "# Sharing\n\nWe store your content to provide the service.\n"
    new = old + (
        "\nWe may aggregate your personal information and share such aggregated information"
        " with third parties for our promotional purposes.\n"
    )
    got = _summaries(old, new, "sharing")
    # the form is in the words of what is shared, or beside them
    assert any("“aggregated information”" in s for s in got), got


def test_sharing_only_account_details_is_not_sharing_your_data():
    old = "# Sharing\n\nWe store your chats to provide the service.\n"
    new = old + (
        "\nIf you register with your work email address, we may share the fact that you hold"
        " an account, and some account information such as that address, with your"
        " employer.\n"
    )
    got = _summaries(old, new, "sharing")
    assert got and all("your account information" in s for s in got), got
    wider = old + "\nWe may share your chats and account information with your employer.\n"
    got = _summaries(old, wider, "sharing")
    assert got and all("“your chats and account information”" in s for s in got), got


def test_a_clause_about_one_kind_of_data_names_it():
    old = "# Terms\n\nWe store your chats to provide the service.\n"
    feedback = old + (
        "\nYou grant us a sublicensable licence to use, copy and distribute your Feedback.\n"
    )
    got = _summaries(old, feedback, "sharing")
    assert got and all("your feedback" in s for s in got), got
    model = old + (
        "\nWe will not disclose or distribute your Fine-Tuned Model to any third party.\n"
    )
    got = _summaries(old, model, "sharing")
    assert got and all("your fine-tuned models" in s for s in got), got
    both = (
        old + "\nWe will not disclose your Fine-Tuned Model or your prompts to any third party.\n"
    )
    # both kinds named: the clause's own words for both, never one of them alone
    got = _summaries(old, both, "sharing")
    assert got and all("your prompts" in s or "your data" in s for s in got), got


def test_a_party_named_with_some_keeps_its_quantifier():
    # "some model vendors" is not "the model vendors": dropping "some" says every vendor does it
    old = "# Models\n\nWe route your prompts to the model you pick.\n"
    new = old + "\nSome model vendors may use your prompts to train their own models.\n"
    got = _summaries(old, new, "training_use")
    assert got and all("some model vendors" in s for s in got), got
    assert not any("the model vendors" in s for s in got), got


def test_the_parse_cache_keeps_the_recently_used_sentences_within_its_bound(monkeypatch):
    from collections import OrderedDict

    from clausewatch.statements import read

    monkeypatch.setattr(read, "_PARSE_CACHE", OrderedDict())
    monkeypatch.setattr(read, "_PARSE_CACHE_MAX", 2)
    first, second, third = "We keep logs.", "We sell data.", "We train models."
    assert [d.text for d in read.parse_texts([first, second])] == [first, second]
    read.parse_texts([first])  # used again: the oldest is now `second`
    docs = read.parse_texts([third, first, third])  # a batch larger than the bound is whole
    assert [d.text for d in docs] == [third, first, third]
    assert list(read._PARSE_CACHE) == [first, third]


def test_zero_data_retention_reads_as_an_option_not_the_rule():
    # "kept for 30 days unless zero data retention is activated": the 30 days are the rule
    old = "# Retention\n\nWe keep your prompts for 30 days to monitor abuse.\n"
    new = (
        "# Retention\n\nWe keep your prompts for 30 days to monitor abuse, unless zero data"
        " retention is activated.\n"
    )
    got = _summaries(old, new, "retention")
    assert got and all(
        "with zero data retention turned on, “your prompts” are not stored" in s for s in got
    ), got
    assert not any(
        s.endswith("data is not stored (zero data retention mode or plan).") for s in got
    )


def test_zero_data_retention_named_as_the_exception_is_the_mode_of_the_promise():
    # "kept 30 days ... unless you activate zero data retention": the promise not to keep is
    # that option's, not the API's (the product the clause opens with)
    text = (
        "Processed through the Models API: Acme retains the inputs for thirty (30) rolling"
        " days to monitor abuse, unless you activate zero data retention."
    )
    kept = [s for s in _read(text) if s.topic == "retention" and s.polarity == "permitted"]
    assert [s.duration.days for s in kept if s.duration] == [30]
    promise = _one(text, "retention", "keep") if not kept else None
    denied = [s for s in _read(text) if s.topic == "retention" and s.polarity == "prohibited"]
    assert promise is None and [s.scope for s in denied] == [("zero data retention",)]


def test_a_reading_the_parse_takes_back_still_gets_a_reason():
    # the words match a disclosure to service providers; the sentence states a liability
    r = read_clause(
        "We are responsible for the personal data that we then transfer to a third-party"
        " service provider, if that provider processes it unlawfully."
    )
    assert not r.statements and "does not state it" in r.reason
