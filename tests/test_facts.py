"""Fact extraction on single clauses: durations, negation, defaults, recipients."""

from __future__ import annotations

import pytest

from clausewatch.statements.durations import find_durations
from clausewatch.statements.facts import extract_facts
from clausewatch.statements.lemmas import lemmatize


def facts(text: str, context: str = "", kind: str = "sentence") -> dict:
    return extract_facts(text, lemmatize(text), context, kind)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("for 30 days", [30]),
        ("for thirty (30) days", [30]),
        ("for five years", [1825]),
        ("up to 2 years after account closure", [730]),
        ("an 18-month period", [540]),
        ("within 72 hours", [3]),
    ],
)
def test_durations_are_normalized_to_days(text: str, days: list[int]) -> None:
    assert find_durations(text) == days


def test_training_prohibition_and_permission() -> None:
    no = facts("We will not use your conversations to train our models.")["training_use"]
    assert no["use"] == "prohibited"
    yes = facts("We may use your conversations to train our models.")["training_use"]
    assert yes["use"] == "permitted"
    assert "inputs" in yes["data"]


def test_learning_from_the_users_data_is_training() -> None:
    no = facts("The keyboard app does not log, store, or learn from what you type.")
    assert no["training_use"]["use"] == "prohibited"
    assert (
        facts("We never keep or learn from your codebase.")["training_use"]["use"] == "prohibited"
    )
    yes = facts("The assistant learns from your conversations to answer better.")
    assert yes["training_use"]["use"] == "permitted"
    assert "training_use" not in facts("Our team learns from industry research every year.")


def test_training_on_information_about_the_data_is_marked_derived() -> None:
    about = facts("We use aggregate statistics derived from your prompts to improve our models.")
    assert about["training_use"]["derived"] is True
    goal = facts(
        "We process chats to obtain high-level insights to improve the training of models."
    )
    assert goal["training_use"]["derived"] is True
    raw = facts("We use your prompts and statistics about them to improve our models.")
    assert raw["training_use"]["derived"] is False


def test_the_users_wish_is_not_the_providers_promise() -> None:
    wish = facts("If you do not want us to use your content to train our models, you can opt out.")
    assert wish["training_use"]["atoms"] == [["training", "train", "permitted", "opt_out"]]
    choice = facts(
        "You can select whether or not you want us to use your chats to train our models."
    )
    assert choice["training_use"]["atoms"] == [["training", "train", "permitted", "opt_out"]]


def test_a_content_licence_that_covers_improving_ai_models_is_training() -> None:
    grant = (
        "You grant Zorbit a perpetual, worldwide license to use, reproduce, modify, publish,"
        " translate, distribute and display your content, in any form or media now known or"
        " later developed, for use in connection with the Services and Zorbit's business,"
        " including in connection with modifying, improving, and enhancing artificial"
        " intelligence models."
    )
    assert facts(grant)["training_use"]["atoms"] == [["training", "train", "permitted", "none"]]


def test_rules_match_lemmas_of_ing_words() -> None:
    # the rules read lemmas: "machine learning" is "machine learn" there, "underlying" is "underlie"
    ml = facts("We may use your chats to improve our machine learning systems.")
    assert ml["training_use"]["use"] == "permitted"
    makers = facts("Prompts may be shared with the underlying model providers.")
    assert makers["sharing"]["recipients"] == ["model_providers"]
    hold = facts("We retain records as needed for legal proceedings.")
    assert ["retention", "legal_hold"] in hold["retention"]["atoms"]


def test_training_defaults() -> None:
    out = facts("We use your chats to train our models unless you opt out in Settings.")
    assert out["training_use"]["default"] == "opt_out"
    opt_in = facts("We train our models on your prompts only if you opt in.")
    assert opt_in["training_use"]["default"] == "opt_in"


def test_training_a_team_is_not_model_training() -> None:
    out = facts("The Customer is responsible for training its teams to use your data safely.")
    assert "training_use" not in out


def test_reselling_the_service_and_the_users_obligations_are_not_data_sharing() -> None:
    assert "sharing" not in facts("Not re-sell the Services to third parties without consent.")
    item = "Not grant access to, sell, lease or distribute the Services to third parties."
    assert facts(item, "Terms > Subject to applicable law, you must:", "item") == {}
    assert facts("We do not sell your personal data.")["sharing"]["sale"] == "prohibited"


def test_user_restrictions_are_not_provider_training() -> None:
    assert "training_use" not in facts(
        "You may not use the outputs to develop models that compete with us."
    )


def test_retention_facts() -> None:
    out = facts("We retain API inputs for up to 2 years after account closure.")["retention"]
    assert out["max_days"] == 730
    assert out["trigger"] == "account_closure"
    forever = facts("We keep de-identified data for as long as necessary.")["retention"]
    assert forever["indefinite"] and forever["deidentified"]


def test_passive_deletion_duties_with_singular_nouns() -> None:
    once = facts(
        "In private mode, customer data is sent only to answer in real time and is deleted"
        " once the answer is generated."
    )
    assert once["retention"]["atoms"] == [["retention", "we_delete"]]
    plain = facts("Your chat history is permanently deleted from our servers.")
    assert plain["retention"]["atoms"] == [["retention", "we_delete"]]


def test_notice_periods_are_not_retention() -> None:
    out = facts("We will delete the data, and you may object within 30 days of notice.")
    assert out.get("retention", {}).get("days", []) == []


def test_reporting_abuse_material_to_a_child_safety_body_is_disclosure_to_authorities() -> None:
    out = facts(
        "We report apparent child sexual abuse material and child endangerment to the National"
        " Center for Missing and Exploited Children."
    )["sharing"]
    assert out["recipients"] == ["authorities"] and out["polarity"] == "permitted"
    bare = facts("When we detect abuse material, we will report to relevant authorities.")
    assert bare["sharing"]["atoms"] == [["sharing", "authorities", "permitted"]]
    assert "sharing" not in facts("Report bugs to our support team.")


def test_a_rule_for_users_in_the_next_sentence_does_not_silence_a_disclosure() -> None:
    item = (
        "Keep minors safe. We report suspected abuse material to law enforcement."
        " We prohibit use of our services for:"
    )
    out = facts(item, "Policies > Rules:", "item")
    assert out["sharing"]["atoms"] == [["sharing", "authorities", "permitted"]]
    rule = facts("You may not share your account credentials with third parties.")
    assert "sharing" not in rule


def test_defined_terms_and_help_given_to_the_user_are_not_recipients() -> None:
    defined = facts('Widgets may be built with data provided by third parties ("Partner Widgets").')
    assert not [a for a in defined.get("sharing", {}).get("atoms", []) if a[1] == "named"]
    support = facts(
        "We process your prompts as a processor only to provide technical support to you."
    )
    assert "sharing" not in support
    named = facts("We share data with analytics providers (such as Zorbit and Brightlog).")
    assert named["sharing"]["atoms"] == [
        ["sharing", "named", "zorbit"],
        ["sharing", "named", "brightlog"],
    ]


def test_questions_and_question_headings_state_nothing() -> None:
    assert facts("Does Acme sell or rent my personal data?") == {}
    assert facts("How Long Do We Keep Your Personal Data", "", "item") == {}
    assert facts("What information do we share with third parties", "", "item") == {}
    kept = facts("When you close your account, we erase your chats within 30 days.")
    assert kept["retention"]["days"] == [30]


def test_none_of_negates() -> None:
    out = facts("None of your code will ever be trained on by us or any third party.")
    assert out["training_use"]["use"] == "prohibited"


def test_confidentiality_carve_outs_are_not_data_sharing() -> None:
    item = "(i) to its employees and vendors who need such Confidential Information to perform"
    assert facts(item, "Terms > A party may disclose Confidential Information only:", "item") == {}
    assert facts("Hosting vendors", "Privacy > We share your data with:", "item")["sharing"][
        "recipients"
    ] == ["service_providers"]


def test_a_category_table_row_marked_disclosed_is_a_sharing_fact() -> None:
    ctx = "Privacy > California ¶ # | Category | Collected? | Disclosed?"
    yes = facts("3 | Biometric data. Voice prints and face geometry. | YES | YES", ctx, "row")
    assert yes["sharing"]["atoms"] == [
        ["sharing", "discloses", "biometric data voice prints and face"]
    ]
    assert facts("3 | Biometric data. Voice prints and face geometry. | YES | NO", ctx, "row") == {}


def test_a_fine_tuned_model_is_the_customers_data() -> None:
    out = facts("We will not disclose the fine-tuned model to third parties without your consent.")
    assert out["sharing"]["atoms"] == [["sharing", "third_parties", "prohibited"]]
    # a compound names the kind of recipient by its head: partners (that provide cloud services)
    cloud = facts("We share your data with our cloud-provider partners.")
    assert cloud["sharing"]["recipients"] == ["partners"]


def test_a_sublicensable_licence_on_your_content_lets_the_provider_pass_it_on() -> None:
    grant = (
        "You grant Zorbit, its affiliates and assigns a perpetual, sublicensable license to"
        " reproduce and distribute the content you upload."
    )
    assert facts(grant)["sharing"]["atoms"] == [
        ["sharing", "sublicense", "permitted"],
        ["sharing", "affiliates", "permitted"],
    ]
    ours = "Zorbit grants you a limited, non-sublicensable license to install the app."
    assert "sharing" not in facts(ours)


def test_a_way_to_stop_sharing_is_not_a_permission() -> None:
    out = facts(
        "We will turn off sharing your data with third parties for ads if you send a signal."
    )
    assert out["sharing"]["atoms"] == [["sharing", "opt_out", "third_parties"]]


def test_retention_that_mentions_the_agreement_is_still_retention() -> None:
    out = facts(
        "To detect breaches of the Agreement, we retain your prompts and outputs for 30 days."
    )
    assert out["retention"]["days"] == [30]
    assert "retention" not in facts(
        "Each party shall keep the terms of this Agreement for 5 years."
    )


def test_a_way_to_stop_retention_is_a_retention_promise() -> None:
    out = facts("If you do not want us to retain your prompts, you can opt out by email.")
    assert out["retention"]["atoms"] == [["retention", "user_opt_out"]]


def test_header_rows_and_recruiting_are_not_practices() -> None:
    header = "Category of Personal Data | Categories of Third Parties With Whom We Share It"
    assert facts(header, "Privacy > Disclosures ¶ x", "row") == {}
    applicants = facts(
        "We keep your details unless you tell us you do not want us to keep them for recruiting."
    )
    assert applicants == {}


def test_prepaid_credit_expiry_is_not_data_retention() -> None:
    out = facts(
        "Prepaid tokens expire 12 months after purchase and have no stored-value equivalent."
    )
    assert "retention" not in out
    out = facts("Unused credits expire after 90 days; they cannot be stored or transferred.")
    assert "retention" not in out


def test_sharing_recipients_and_negation() -> None:
    out = facts(
        "We may share your personal data with our affiliates, service providers and "
        "law enforcement authorities."
    )["sharing"]
    assert set(out["recipients"]) >= {"affiliates", "service_providers", "authorities"}
    assert out["polarity"] == "permitted"
    sale = facts("We do not sell your personal data.")["sharing"]
    assert sale["sale"] == "prohibited"
    none = facts("We do not share your prompts with advertisers.")["sharing"]
    assert none["polarity"] == "prohibited" and "advertisers" in none["recipients"]


def test_subprocessor_table_row() -> None:
    out = facts(
        "Helixa Analytics Inc. | Product analytics | United States",
        context="DPA > Sub-processors",
        kind="row",
    )["sharing"]
    assert out["subprocessors"] == ["helixa analytics"]


@pytest.mark.parametrize(
    ("text", "context", "kind", "names"),
    [
        (
            "Our email provider (Mailwing.io) may measure opens and clicks.",
            "",
            "sentence",
            ["mailwing.io"],
        ),
        (
            "Analytics providers include Tallyfox, Brightlog Inc., and Zentro Cloud.",
            "",
            "sentence",
            ["tallyfox", "brightlog", "zentro cloud"],
        ),
        (
            "We rely on infrastructure providers (for example, Nimbus Base) to host data.",
            "",
            "sentence",
            ["nimbus base"],
        ),
        (
            "Review platforms Foo Reviews and Barrow Insights",
            "Sharing > These third parties help us and include:",
            "item",
            ["foo reviews", "barrow insights"],
        ),
        # a defined term, run-in headings and features are not vendors
        ('We share data with service providers (the "Processors").', "", "sentence", []),
        (
            "Costs of Arbitration. The rules govern fees.",
            "Terms > Other providers include:",
            "item",
            [],
        ),
        ("Some features (e.g. Remote Memory, Recipes) store snippets.", "", "sentence", []),
        ("THIRD PARTIES SUCH AS ANY VENDOR ARE NOT LIABLE.", "", "sentence", []),
    ],
)
def test_named_recipients_in_prose(text: str, context: str, kind: str, names: list[str]) -> None:
    from clausewatch.statements.facts import named_recipients

    assert named_recipients(text, context, kind) == names


def test_third_party_written_with_a_space_is_a_recipient() -> None:
    # the lemma table maps "third" to "3": it must stay "third"
    out = facts("Your files will be shared with the third party provider you connect.")
    assert ["sharing", "third_parties", "permitted"] in out["sharing"]["atoms"]


def test_vendors_receiving_communications_is_sharing() -> None:
    out = facts("When you email our support desk, outside vendors receive these messages for us.")
    assert ["sharing", "service_providers", "permitted"] in out["sharing"]["atoms"]


def test_deletion_once_no_longer_needed_is_a_promise_not_indefinite_retention() -> None:
    out = facts(
        "Once the records are no longer needed, we will arrange for destroying or anonymizing them."
    )["retention"]
    assert out["atoms"] == [["retention", "we_delete", "end_of_purpose"]]
    kept = facts("We keep your records for as long as necessary to run the Services.")
    assert kept["retention"]["atoms"] == [["retention", "indefinite"]]


def test_keeping_data_for_legal_claims() -> None:
    out = facts("We may retain your details where needed to defend legal claims or litigation.")
    assert ["retention", "legal_hold"] in out["retention"]["atoms"]
    # a step of a dispute procedure is not data retention
    assert "retention" not in facts(
        "The claimant shall keep a copy of the letter for the arbitration and litigation."
    )


def test_feature_that_makes_the_provider_keep_data() -> None:
    out = facts("If you turn on Scrapbook, snippets of your code may be stored on our servers.")
    atoms = out["retention"]["atoms"]
    assert ["retention", "keeps", "code"] in atoms and ["retention", "keeps_if", "code"] in atoms
    # the user's own device is not the provider's storage
    assert "retention" not in facts("Your drafts may be stored locally on your device.")
    # a negation inside a label does not govern the verb after it
    out = facts('If you pick a model marked "(no archive)", the vendor may store customer data.')
    assert ["retention", "keeps", "content"] in out["retention"]["atoms"]


def test_moderation_removal_is_not_a_deletion_promise() -> None:
    assert "retention" not in facts("We may delete posts that we believe violate these Terms.")


def test_connectors_pass_content_to_outside_apps() -> None:
    out = facts(
        "When you switch on a plug-in, the Services may send parts of your messages"
        " through the connector to the outside application."
    )
    assert ["sharing", "third_party_apps", "permitted"] in out["sharing"]["atoms"]


def test_other_users_may_remix_content() -> None:
    out = facts("You agree to give users the right to reproduce and remix your public clips.")
    assert ["sharing", "public", "permitted"] in out["sharing"]["atoms"]


def test_publicity_naming_the_customer() -> None:
    out = facts(
        "You allow Brindle to list your company as a Brindle customer and to describe your"
        " use of the product in case studies."
    )
    assert out["sharing"]["atoms"] == [["sharing", "publicity", "permitted"]]


def test_input_about_other_people_is_not_sharing() -> None:
    assert "sharing" not in facts(
        "You confirm you hold the consents needed to provide prompts relating to third parties."
    )


def test_prohibiting_the_sale_is_a_promise() -> None:
    out = facts("We prohibit the sale of Zephyr account data to anyone.")
    assert ["sharing", "sale", "prohibited"] in out["sharing"]["atoms"]


def test_enabling_an_outside_integration_shares_data_with_it() -> None:
    out = facts(
        "If you install or enable outside integrations, some of your files will be shared"
        " with the company that runs them."
    )
    assert ["sharing", "third_party_apps", "permitted"] in out["sharing"]["atoms"]


def test_training_even_after_opting_out_is_its_own_condition() -> None:
    out = facts(
        "We may use your feedback to further train our models even if you have turned off"
        " model improvement."
    )
    assert out["training_use"]["atoms"] == [["training", "train", "permitted", "despite_opt_out"]]


@pytest.mark.parametrize(
    "text",
    [
        "Developers can fine-tune models on their own datasets through the console.",
        "You may train your custom assistant with the files you upload.",
        "You may apply the Outputs to many uses, including hobby projects and training other models.",
        "Yes, you can adapt some models to your tasks by fine-tuning them with your own examples.",
        "Our tuning API allows you to fine-tune our base models using Your Data.",
    ],
)
def test_the_user_training_their_own_model_is_not_provider_training(text: str) -> None:
    assert "training_use" not in facts(text)


def test_user_training_beside_a_provider_promise_keeps_the_promise() -> None:
    text = "You can fine-tune a model on your files, and we will not train our models on them."
    assert facts(text)["training_use"]["use"] == "prohibited"


@pytest.mark.parametrize(
    "text",
    [
        "For more information about the data we use to train our models, see the help page.",
        "This notice explains which information we may use to train our models.",
        "Read more about how we use information to run and improve our Products:",
        "These terms apply to your use of the interface or other developer tools provided here.",
    ],
)
def test_pointers_to_other_text_state_no_practice(text: str) -> None:
    assert "training_use" not in facts(text)


def test_questions_about_training_data_state_no_practice() -> None:
    text = "Research area: how do learned systems relate to the training data they saw? Tell us."
    assert "training_use" not in facts(text)


def test_using_vendors_to_improve_the_service_is_not_training() -> None:
    assert "training_use" not in facts("Acme may use contractors to run and improve the Service.")
    vendor = "Paywise uses this information to run and improve the services it provides to us."
    assert "training_use" not in facts(vendor)
    own = "Acme may use de-identified usage data to improve its products and services."
    assert facts(own)["training_use"]["use"] == "permitted"


def test_a_user_permission_beside_provider_training_keeps_the_provider_part() -> None:
    text = "You may use the Services, and we may use your inputs to train our models."
    assert facts(text)["training_use"]["use"] == "permitted"


def test_aggregate_as_one_licence_verb_is_not_de_identification() -> None:
    verb = facts("We may use, copy, aggregate, and publish your content to improve our products.")
    assert verb["training_use"]["atoms"] == [["training", "improve", "permitted", "none"]]
    deid = facts("We use aggregated information to improve our models.")
    assert deid["training_use"]["atoms"] == [["training", "train", "permitted", "deid"]]
