"""CheckList-style behavioural cases for clause reading and comparison.

Every sentence is our own wording about fictional providers (Acme, Nimbus, Quillfire, ...).
Each case says what a privacy lawyer would read in the text, not what the code outputs today;
where the code reads it otherwise the case is kept and marked `xfail` with a short `why`.

Kinds:
- MFT: `text` (or a Markdown `doc`) -> `expect`, a list of loose statement descriptions, each
  matched as a subset of fields against some statement (keys: topic, action, polarity, actor,
  actor_name, condition, data, recipient, name, days, bound, trigger). `expect=[]` means no
  statement at all (of `topic`, when given). `rule` must be in the matched statement's
  rule_ids; `absent_rule` must be on no statement. `forbid` lists descriptions that must match
  no statement.
- INV: `paraphrases` must read as the same set of (topic, action, polarity, condition), or an
  edit `old` -> `new` must yield no finding.
- DIR: `old` -> `new` must yield a finding of `topic` with `direction`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Case:
    id: str
    phenomenon: str
    kind: str  # MFT | INV | DIR
    text: str = ""
    context: str = ""
    clause_kind: str = "sentence"  # sentence | item | row
    doc: str = ""  # a Markdown document read with find_clauses (instead of text)
    expect: list[dict[str, Any]] | None = None
    topic: str | None = None
    rule: str | None = None
    absent_rule: str | None = None
    forbid: list[dict[str, Any]] = field(default_factory=list)
    paraphrases: list[str] = field(default_factory=list)
    old: str = ""
    new: str = ""
    direction: str | None = None
    empty_ok: bool = False  # INV paraphrases that all state no practice
    xfail: bool = False
    why: str = ""


CASES: list[Case] = []


def _add(case: Case) -> None:
    CASES.append(case)


def mft(id, phenomenon, text="", expect=None, **kw):
    _add(Case(id=id, phenomenon=phenomenon, kind="MFT", text=text, expect=expect, **kw))


def inv(id, phenomenon, paraphrases=None, old="", new="", **kw):
    _add(
        Case(
            id=id,
            phenomenon=phenomenon,
            kind="INV",
            paraphrases=paraphrases or [],
            old=old,
            new=new,
            **kw,
        )
    )


def dir_(id, phenomenon, old, new, topic, direction, **kw):
    _add(
        Case(
            id=id,
            phenomenon=phenomenon,
            kind="DIR",
            old=old,
            new=new,
            topic=topic,
            direction=direction,
            **kw,
        )
    )


T, R, S = "training_use", "retention", "sharing"


def train(pol="permitted", **kw):
    return dict(topic=T, action="train", polarity=pol, **kw)


def improve(pol="permitted", **kw):
    return dict(topic=T, action="improve", polarity=pol, **kw)


def disclose(pol="permitted", **kw):
    return dict(topic=S, action="disclose", polarity=pol, **kw)


def sell(pol="permitted", **kw):
    return dict(topic=S, action="sell", polarity=pol, **kw)


def keep(pol="permitted", **kw):
    return dict(topic=R, action="keep", polarity=pol, **kw)


def delete(**kw):
    return dict(topic=R, action="delete", polarity="permitted", **kw)


def doc(heading, *paras):
    return f"# {heading}\n\n" + "\n\n".join(paras) + "\n"


# ============================================================================ negation
N = "negation"
mft(
    "neg-plain-train",
    N,
    "We do not use your prompts to train our models.",
    [train("prohibited")],
    rule="training.use_to_train",
)
mft(
    "neg-never-train",
    N,
    "Nimbus never trains its AI models on customer content.",
    [train("prohibited")],
)
mft(
    "neg-coordinated-purposes-sale",
    N,
    "We do not use your information to build profiles, to send you offers, or to sell it to"
    " anyone.",
    [sell("prohibited")],
    rule="syntax.negation_scope",
)
mft(
    "neg-coordinated-verbs-sell-rent",
    N,
    "Acme never sells, rents or trades your personal data.",
    [sell("prohibited")],
    forbid=[sell("permitted")],
)
mft(
    "neg-none-of-sold",
    N,
    "None of your personal information is sold to third parties.",
    [sell("prohibited")],
    forbid=[sell("permitted")],
)
mft(
    "neg-no-data-is-sold",
    N,
    "No personal data is sold or rented to anyone.",
    [sell("prohibited")],
    forbid=[sell("permitted")],
)
mft(
    "neg-simple-sale-no-parse-rule",
    N,
    "We do not sell your personal information.",
    [sell("prohibited")],
    absent_rule="syntax.negation_scope",
)
mft(
    "neg-but-new-clause",
    N,
    "We do not sell your personal information, but we share it with our advertising partners.",
    [sell("prohibited"), disclose("permitted", recipient="advertisers")],
)
mft(
    "neg-not-unless-consent",
    N,
    "We will not share your personal data with advertisers unless you give us your consent.",
    [disclose("prohibited", recipient="advertisers")],
    forbid=[disclose("permitted", recipient="advertisers")],
)
mft(
    "neg-not-train-unless-opt-in",
    N,
    "We do not train our models on your conversations unless you choose to share them with us.",
    [train("prohibited")],
    forbid=[train("permitted", condition="none")],
)
mft(
    "neg-neither-nor",
    N,
    "Neither Acme nor its affiliates use your inputs to train machine learning models.",
    [train("prohibited")],
)
mft(
    "neg-not-share-third-parties",
    N,
    "Quillfire does not share your prompts with third parties.",
    [disclose("prohibited")],
    forbid=[disclose("permitted")],
)
mft(
    "neg-never-disclose-advertisers",
    N,
    "We never disclose your chat history to advertisers.",
    [disclose("prohibited", recipient="advertisers")],
)
mft(
    "neg-nor-will-we",
    N,
    "We do not store your files on our servers, nor do we use them to train our models.",
    [train("prohibited")],
    forbid=[train("permitted")],
)
mft(
    "neg-wont-contraction",
    N,
    "Acme won't use the content you upload to train its models.",
    [train("prohibited")],
)
mft(
    "neg-doesnt-contraction",
    N,
    "Nimbus doesn't sell the personal information of its users.",
    [sell("prohibited")],
)
mft(
    "neg-not-only-affirms",
    N,
    "We not only store your prompts but also use them to train our models.",
    [train("permitted")],
    forbid=[train("prohibited")],
)
mft(
    "neg-prohibit-sale",
    N,
    "Our contracts with vendors prohibit the sale of your personal information.",
    [sell("prohibited")],
)
mft(
    "neg-in-condition-is-no-denial",
    N,
    "If you do not want us to use your content to train our models, you can opt out in settings.",
    [train("permitted", condition="opt_out")],
)
mft(
    "neg-no-longer-identify",
    N,
    "We may use data that can no longer be used to identify you to improve our models.",
    [train("permitted")],
    forbid=[train("prohibited")],
)
mft(
    "neg-without-consent",
    N,
    "We will never use your private messages to train our models without your consent.",
    [train("permitted", condition="opt_in")],
    forbid=[train("permitted", condition="none")],
    xfail=True,
    why="'never X without your consent' is read as a prohibition, not as X only with consent (opt_in permitted)",
)
mft(
    "neg-not-share-except-providers",
    N,
    "We do not share your data with third parties, except with service providers who help us"
    " operate the service.",
    [disclose("permitted", recipient="service_providers")],
    forbid=[disclose("prohibited", recipient="service_providers")],
)
mft(
    "neg-sale-later-coordinated",
    N,
    "We use your information to provide the service and we never sell it.",
    [sell("prohibited")],
    forbid=[sell("permitted")],
)
mft(
    "neg-nominal-no-sale",
    N,
    "There is no sale of your personal information to data brokers.",
    [sell("prohibited")],
    forbid=[sell("permitted")],
)
mft(
    "neg-not-disclose-coordinated-verbs",
    N,
    "We will not rent, sell or share your personal data with marketing companies.",
    [sell("prohibited"), disclose("prohibited", recipient="advertisers")],
    forbid=[disclose("permitted", recipient="advertisers")],
)
# A negator inside a relative or an adverbial clause denies that clause only: the sites a
# provider does not run, the moment a user is not signed in, a plan that has no controls.
mft(
    "neg-in-relative-denies-the-relative",
    N,
    "Acme uses the searches you run, including searches on sites Acme does not operate, to"
    " improve its services.",
    [improve("permitted")],
    forbid=[improve("prohibited")],
    rule="syntax.negation_elsewhere",
)
mft(
    "neg-in-condition-of-time",
    N,
    "When you have not signed in, Acme shares your search queries with advertisers.",
    [disclose("permitted", recipient="advertisers")],
    forbid=[disclose("prohibited")],
    rule="syntax.negation_elsewhere",
)
mft(
    "neg-in-reason-clause",
    N,
    "Because the free plan has no privacy controls, we use your chats to train our models.",
    [train("permitted")],
    forbid=[train("prohibited")],
    rule="syntax.negation_elsewhere",
)
# A relative clause with no relative word ("sites we do not run") holds its own negator, however
# the parse hangs the sentence on its verb; a fronted object ("Your chats we do not use") or a
# condition missing its comma ("if you use the team plan we do not train") is no such clause.
mft(
    "neg-contact-relative-with-name",
    N,
    "Nimbus Lens uses data from your browsing, including visits to websites Nimbus does not own"
    " or operate, to improve Nimbus services like Nimbus Lens.",
    [improve("permitted")],
    forbid=[improve("prohibited")],
    rule="syntax.negation_elsewhere",
)
mft(
    "neg-contact-relative-with-pronoun",
    N,
    "We use data about pages on sites we do not run to train our ranking models.",
    [train("permitted")],
    forbid=[train("prohibited")],
    rule="syntax.negation_elsewhere",
)
mft(
    "neg-contact-relative-it",
    N,
    "Quillfire collects and uses records of visits to shops it does not operate to improve its"
    " products.",
    [improve("permitted")],
    forbid=[improve("prohibited")],
)
mft(
    "neg-fronted-object-is-no-relative",
    N,
    "Your chats we do not use to train our models.",
    [train("prohibited")],
    absent_rule="syntax.negation_elsewhere",
)
mft(
    "neg-condition-without-comma-is-no-relative",
    N,
    "If you use the team plan we do not train on your chats.",
    [train("prohibited")],
    absent_rule="syntax.negation_elsewhere",
)
mft(
    "neg-contact-relative-without-negator",
    N,
    "Acme does not use the files you upload to train its models.",
    [train("prohibited")],
    absent_rule="syntax.negation_elsewhere",
)
mft(
    "neg-main-clause-after-relative",
    N,
    "Data that we collect from your devices is not used to train our models.",
    [train("prohibited")],
    absent_rule="syntax.negation_elsewhere",
)
mft(
    "neg-main-clause-with-interrupting-condition",
    N,
    "Acme will not, when you use the free plan, use your prompts to train its models.",
    [train("prohibited")],
    absent_rule="syntax.negation_elsewhere",
)
mft(
    "neg-two-negators-one-in-relative",
    N,
    "Content that is not public is never used by Nimbus to train its models.",
    [train("prohibited")],
    absent_rule="syntax.negation_elsewhere",
)
mft(
    "neg-exclusion-is-no-stray-negator",
    N,
    "Files that you have not shared are excluded from training.",
    [train("prohibited")],
    absent_rule="syntax.negation_elsewhere",
)
inv(
    "neg-inv-never-vs-do-not",
    N,
    [
        "We do not use your prompts to train our models.",
        "We never use your prompts to train our models.",
        "Your prompts are not used to train our models.",
    ],
)
inv(
    "neg-inv-sale",
    N,
    [
        "We do not sell your personal information.",
        "Your personal information is never sold.",
        "Acme does not sell personal information about its users.",
    ],
)

# ============================================================================ who acts
A = "actor"
# A list item that completes its lead-in ("We use your data to:") has the lead-in's subject:
# "- share your data with our service providers" is the provider sharing, whatever the item's
# own opening phrase ("Depending on the feature you use, ..."). An item whose verb lets the
# user act keeps the user as the one who shares.
mft(
    "act-item-completes-the-providers-lead-in",
    A,
    doc=doc("Uses", "If You are a Consumer, we use Your Personal Data to:",
            "- Depending on the feature You use, share your data with our service providers to"
            " generate an answer."),
    expect=[disclose(actor="provider", recipient="service_providers")],
    forbid=[dict(topic=S, actor="user")],
)  # fmt: skip
mft(
    "act-item-under-a-purpose-item-is-the-providers",
    A,
    doc="# Uses\n\nWe use Your Personal Data to:\n\n- Provide the Acme chat:\n"
    "    - Depending on the feature You use, share your data with our service providers to"
    " generate an answer.\n",
    expect=[disclose(actor="provider", recipient="service_providers")],
    forbid=[dict(topic=S, actor="user")],
)
mft(
    "act-item-of-the-users-lead-in-keeps-the-user",
    A,
    doc=doc("Sharing", "With the sharing feature, you can:",
            "- share your chats with other users."),
    expect=[dict(topic=S, actor="user")],
)  # fmt: skip
# A promise not to store made of another party ("a hosted model ..., which does not store any
# prompts given to it") is that party's: it says nothing of what the provider keeps. A
# relative clause the parse hangs on the data ("... categorizing prompts, which does not
# store any prompts") still belongs to the party. The provider's own systems are the provider.
mft(
    "act-party-does-not-store-is-the-partys",
    A,
    "Acme uses a hosted model for sorting your prompts, which does not store or log any prompts"
    " given to it.",
    [keep("prohibited", actor="third_party")],
    forbid=[keep("prohibited", actor="provider")],
)
mft(
    "act-provider-does-not-store-is-the-providers",
    A,
    "Acme does not store or log any prompts given to it.",
    [keep("prohibited", actor="provider")],
)
mft(
    "act-our-cache-does-not-store-is-the-providers",
    A,
    "Acme uses a local cache for sorting your prompts, which does not store any prompts.",
    [keep("prohibited", actor="provider")],
)
mft(
    "act-customer-fine-tunes",
    A,
    "You can fine-tune models on your own data using our tuning API.",
    [],
    topic=T,
)
mft(
    "act-customer-uses-outputs",
    A,
    "You may use outputs to develop and train your own models, subject to these Terms.",
    [],
    topic=T,
)
# the customer being given the use of its own tuned model is not the provider training
mft(
    "act-customer-granted-use-of-tuned-model",
    A,
    "When the tuning job completes, you will be granted access to use the fine-tuned model"
    " on the Nimbus platform for the term of the agreement.",
    [],
    topic=T,
)
mft(
    "act-customer-given-right-to-use-tuned-model",
    A,
    "Customers are given the right to use their fine-tuned models in their own applications.",
    [],
    topic=T,
)
# ...but a grant to the provider still reads as the provider's use
mft(
    "act-provider-granted-right-to-train",
    A,
    "Acme is granted the right to use your prompts to train its models.",
    [train("permitted", actor="provider")],
)
# data named by its role in the customer's tuning job, as the subject of another practice
mft(
    "act-data-used-to-tune-a-model-is-kept",
    A,
    "Input data used to fine-tune a model is retained until you delete it or close your account.",
    [keep("permitted")],
    forbid=[train("permitted")],
)
mft(
    "act-files-used-to-tune-your-model",
    A,
    "Files used to fine-tune your custom model are deleted when the tuning job ends.",
    [],
    topic=T,
)
# ...but the provider tuning a model on your data is its training
mft(
    "act-provider-tunes-a-model-on-your-data",
    A,
    "We use your data to fine-tune a model that serves all of our customers.",
    [train("permitted")],
)
# verbs coordinated inside one condition share its subject: "if you connect X or share Y"
# is the user sharing, not the provider
mft(
    "act-user-shares-inside-a-condition",
    A,
    "If you access a partner product from the Services or share your Content on or through"
    " any third-party website or service, you do so at your own risk.",
    expect=None,
    forbid=[disclose("permitted", actor="provider")],
)
# ...and a disclaimer about what the user shares at their own risk is the user's act (its
# summary says it is a disclaimer: tests/test_summary_wording.py)
mft(
    "act-user-shares-at-own-risk-is-a-disclaimer",
    A,
    "If you access a Partner Product from the Services or share your Content on or through any"
    " third-party website or service, you do so at your own risk, and you understand that these"
    " Terms and our Privacy Policy do not apply to your use of such sites.",
    [dict(topic=S, actor="user")],
    forbid=[dict(topic=S, actor="provider")],
)
mft(
    "act-user-displays-is-the-users-act",
    A,
    "Certain features allow you to display or share information with other users or third parties.",
    forbid=[dict(topic=S, actor="provider")],
)
# verbs of giving coordinated under one subject share it: "you may share X or send Y"
mft(
    "act-user-shares-or-sends",
    A,
    "With the assistant, you may share your chats with other users through links or send"
    " your files to third-party apps through custom actions.",
    forbid=[dict(topic=S, actor="provider")],
)
mft(
    "act-provider-shares-or-sends",
    A,
    "We may share your contact information with partners or send it to our advertisers.",
    [disclose("permitted", actor="provider")],
)
# ...while the provider acting after the user's condition is still the provider
mft(
    "act-provider-shares-after-a-condition",
    A,
    "If you connect a third-party app, we share your files with that third-party service.",
    [disclose("permitted", actor="provider")],
)
mft(
    "act-provider-allow-us",
    A,
    "By submitting feedback, you allow us to use it to improve our models.",
    [train("permitted", actor="provider")],
)
mft(
    "act-vendor-improves-own",
    A,
    "Our analytics vendor may use usage data to improve the services it provides to us.",
    [],
    topic=T,
)
mft(
    "act-third-party-trains",
    A,
    "The model provider may use the data it receives to train its own models.",
    [train("permitted", actor="third_party")],
    rule="syntax.third_party_acts",
    xfail=True,
    why="purpose infinitive after a relative clause ('the data it receives to train'): the parse's agent is lost, provider assumed",
)
mft(
    "act-third-party-trains-gives-sharing",
    A,
    "Our model partners may use your prompts to train their own models.",
    [train("permitted", actor="third_party"), disclose("permitted")],
    rule="syntax.third_party_acts",
)
# The agent of a passive control verb is its subject ("they are permitted to use it to ..."),
# and purposes coordinated under one infinitive ("to repair or improve") share its agent.
mft(
    "act-permitted-third-party-passive",
    A,
    "Contractors are permitted to use the recordings only to transcribe or improve their"
    " speech products.",
    [improve("permitted", actor="third_party")],
    rule="syntax.third_party_acts",
)
mft(
    "act-they-permitted-coordinated-purpose",
    A,
    "They are only permitted to use this information to repair or improve those products.",
    [improve("permitted", actor="third_party")],
    rule="syntax.third_party_acts",
)
mft(
    "act-partners-coordinated-purpose",
    A,
    "Service partners use this information to diagnose and improve the products.",
    [improve("permitted", actor="third_party")],
    rule="syntax.third_party_acts",
)
mft(
    "act-we-are-permitted",
    A,
    "We are permitted to use your content to diagnose and improve our models.",
    [train("permitted", actor="provider")],
    absent_rule="syntax.third_party_acts",
)
mft(
    "act-vendor-for-our-models",
    A,
    "Our contractors may use your conversations to improve our models on our behalf.",
    [train("permitted", actor="provider")],
    absent_rule="syntax.third_party_acts",
)
mft(
    "act-provider-trains-plain",
    A,
    "Acme uses the conversations you have with the assistant to train its models.",
    [train("permitted", actor="provider")],
    absent_rule="syntax.third_party_acts",
)
mft(
    "act-customer-and-provider",
    A,
    "You can fine-tune models on your data, and we will not use that data to train our own models.",
    [train("prohibited", actor="provider")],
)
mft(
    "act-third-party-not-train",
    A,
    "Our sub-processors do not use your data to train their models.",
    [train("prohibited", actor="third_party")],
    forbid=[train("permitted")],
)
mft(
    "act-relative-who",
    A,
    "We share transcripts with a speech partner, who may use them to improve its models.",
    [disclose("permitted", recipient="partners"), train("permitted", actor="third_party")],
)
mft(
    "act-developer-builds",
    A,
    "Developers can build and train custom models with the data they upload.",
    [],
    topic=T,
)
mft(
    "act-we-let-you-train",
    A,
    "Our platform lets you train classifiers on your own labelled examples.",
    [],
    topic=T,
)
mft(
    "act-passive-by-provider",
    A,
    "Your feedback may be used by Acme to improve its models.",
    [train("permitted", actor="provider")],
)
mft(
    "act-passive-by-vendor",
    A,
    "Audio you submit may be used by our transcription vendor to train its speech models.",
    [train("permitted", actor="third_party")],
)
# "they" in a provider's own document is someone else: the provider says "we"
mft(
    "act-they-are-another-party",
    A,
    "They use this information only to improve those products.",
    [improve("permitted", actor="third_party")],
    forbid=[improve(actor="provider"), disclose()],
    rule="syntax.third_party_acts",
)
mft(
    "act-they-with-two-purposes",
    A,
    "They may use this information only to repair or improve those products.",
    [improve("permitted", actor="third_party")],
    forbid=[improve(actor="provider")],
    xfail=True,
    why="the parse takes 'to repair' for an oblique of 'use', so the improving verb has no agent and the provider is assumed",
)
mft(
    "act-publisher-trains-its-models",
    A,
    "The publisher of the game uses your usage data to train its models.",
    [train("permitted", actor="third_party")],
    forbid=[train(actor="provider")],
    rule="syntax.third_party_acts",
)
mft(
    "act-players-improve-their-experience",
    A,
    "Players can use the data in their game library to improve their own skills and strategies.",
    [],
    topic=T,
)
mft(
    "act-it-is-the-service",
    A,
    "It uses your prompts and the answers you rate to train its models.",
    [train("permitted", actor="provider")],
    absent_rule="syntax.third_party_acts",
)
mft(
    "act-customer-trains-no-parse-rule",
    A,
    "Customers may train custom models on their own datasets.",
    [],
    topic=T,
    absent_rule="syntax.third_party_acts",
)

# ============================================================================ voice & paraphrase
# Fine-tuning one model (the model, a model, your model) on the customer's files is the job the
# customer orders, not the provider training its models: no provider training statement. The
# provider's own models ("our models", "the models we offer") fine-tuned on data are training.
mft(
    "actor-fine-tune-the-model-is-the-customers-job",
    A,
    "On the tuning API, we use your training files to fine-tune the model you select.",
    [],
    topic=T,
)
mft(
    "actor-fine-tune-your-model",
    A,
    "We use your uploaded examples to fine-tune your model.",
    [],
    topic=T,
)
mft(
    "actor-fine-tune-our-models-is-training",
    A,
    "We may use your prompts to fine-tune our models.",
    [train(actor="provider")],
)
mft(
    "actor-fine-tune-the-models-we-offer",
    A,
    "We fine-tune the models we offer on customer conversations.",
    [train(actor="provider")],
)

V = "voice"
mft("voice-active", V, "We use your chats to train our models.", [train()])
mft("voice-passive", V, "Your chats are used to train our models.", [train()])
mft(
    "voice-nominal-use-of",
    V,
    "Our use of your data for model training is described below and happens by default.",
    [train()],
)
mft(
    "voice-for-training",
    V,
    "Conversations may be reviewed and used for training our AI systems.",
    [train()],
)
mft(
    "voice-learn-from",
    V,
    "Our assistant learns from your interactions to get better over time.",
    [train()],
)
mft(
    "voice-improve-services",
    V,
    "We analyze your usage data to improve our products.",
    [improve()],
    rule="training.use_to_improve",
)
mft("voice-enhance", V, "Acme processes your feedback to enhance its services.", [improve()])
mft(
    "voice-develop-new-features",
    V,
    "We use information about how you use the app to develop new features.",
    [improve()],
    xfail=True,
    why="an embedded 'how you use the app' makes the parse take the user as the one who develops; the statement is dropped",
)
mft("voice-retain-synonyms-store", V, "We store your uploads on servers in the EU.", [keep()])
mft(
    "voice-disclose-synonym-transfer",
    V,
    "We may transfer your personal information to our affiliates.",
    [disclose(recipient="affiliates")],
)
mft(
    "voice-disclose-synonym-make-available",
    V,
    "We make your content available to our service providers so they can host it.",
    [disclose(recipient="service_providers")],
)
mft(
    "voice-disclose-passive",
    V,
    "Your information may be shared with our corporate affiliates.",
    [disclose(recipient="affiliates")],
)
mft(
    "voice-disclose-give-access",
    V,
    "We give our support contractors access to your account data when you ask for help.",
    [disclose(recipient="service_providers")],
)
mft(
    "voice-nominal-disclosure",
    V,
    "Disclosure of your data to law enforcement happens only in response to a valid court order.",
    [disclose(recipient="authorities")],
)
inv(
    "voice-inv-train-passive-active",
    V,
    [
        "We use your prompts to train our models.",
        "Your prompts are used to train our models.",
        "Acme trains its models on your prompts.",
    ],
)
inv(
    "voice-inv-opt-out-order",
    V,
    [
        "We may use your conversations to improve our models unless you opt out.",
        "Unless you opt out, your conversations may be used to improve our models.",
    ],
)
inv(
    "voice-inv-share-affiliates",
    V,
    [
        "We share your information with our affiliates.",
        "Your information is shared with our affiliates.",
        "We may disclose your information to our affiliates.",
    ],
)
inv(
    "voice-inv-train-synonyms",
    V,
    [
        "We use your content to train our AI models.",
        "We use your content to train our artificial intelligence models.",
        "We use your content to train our machine learning models.",
    ],
)
inv(
    "voice-inv-nominalisation",
    V,
    [
        "We use your inputs to train our models.",
        "We make use of your inputs for the training of our models.",
    ],
)
inv(
    "voice-inv-sale-verb-noun",
    V,
    [
        "We do not sell your personal information.",
        "We do not engage in the sale of your personal information.",
    ],
)

# ============================================================================ source vs recipient
SR = "source"
# Parties the user signs in through, or whose information the provider receives, are sources
# of data, not its recipients, however the lead-in lists them ("the following third-party
# services:"). A list of the parties the provider shares with still names recipients.
mft(
    "src-sign-in-services-are-no-recipients",
    SR,
    doc="# Sign-in\n\nYou can create an account and log in through the following third-party"
    " services:\n\n- Nimbus Social\n- Quillfire ID\n",
    expect=[],
    topic=S,
)
mft(
    "src-information-from-services-are-no-recipients",
    SR,
    doc="# Information from Third-Party Services\n\nWe may receive your profile from the"
    " following third-party services:\n\n- Nimbus Social\n- Quillfire ID\n",
    expect=[],
    topic=S,
)
mft(
    "src-list-of-recipients-still-named",
    SR,
    doc="# Sharing\n\nWe share your data with the following third-party service providers:\n\n"
    "- Nimbus Social\n- Quillfire ID\n",
    expect=[disclose(name="nimbus"), disclose(name="quillfire")],
)
# A label and a noun phrase ("Privacy contact: the email address provided to the reseller")
# names a thing by where it went; with no verb of its own it states no practice. The same
# words with a verb do.
mft(
    "src-label-with-a-participle-states-nothing",
    SR,
    "Privacy contact: the email address provided to the reseller.",
    [],
    topic=S,
)
mft(
    "src-label-with-a-verb-still-read",
    SR,
    "Privacy contact: we provide your email address to the reseller.",
    [disclose(recipient="partners")],
)
mft(
    "src-receive-from-partners",
    SR,
    "We receive information about you from our marketing partners.",
    [],
    topic=S,
    absent_rule="sharing.recipient_category",
)
mft(
    "src-partners-share-with-us",
    SR,
    "Our partners share data with us about the purchases you make.",
    [],
    topic=S,
)
mft(
    "src-transfer-a-third-party-makes-to-us",
    SR,
    "Acme gets your contact details as a direct submission from you, or as a transfer that a"
    " reseller or a third party makes.",
    [],
    topic=S,
)
mft(
    "src-transfer-we-make-to-a-third-party",
    SR,
    "We make transfers of your personal data to third parties that host our servers.",
    [disclose("permitted", recipient="third_parties")],
)
mft(
    "src-collect-from-affiliates",
    SR,
    "We collect data from our affiliates to verify your identity.",
    [],
    topic=S,
)
mft(
    "src-obtain-from-vendors",
    SR,
    "We obtain demographic information from third-party data vendors.",
    [],
    topic=S,
)
mft(
    "src-shared-with-us-by",
    SR,
    "Information shared with us by our business partners is handled under this policy.",
    [],
    topic=S,
)
mft(
    "src-and-recipient",
    SR,
    "We receive data from advertising partners and share your device identifiers with them.",
    [disclose(recipient="advertisers")],
    xfail=True,
    why="a pronoun recipient ('share ... with them') whose antecedent is also a source: the whole disclosure is dropped",
)
mft(
    "src-admin-chooser",
    SR,
    "Unless your administrator opts out, we share usage reports with your organization.",
    [disclose(recipient="organization")],
)
mft(
    "src-recipient-plain",
    SR,
    "We share your information with our affiliates.",
    [disclose(recipient="affiliates")],
    rule="sharing.recipient_category",
)
mft(
    "src-named-source",
    SR,
    "We receive payment confirmations from payment providers such as Paywell.",
    [],
    topic=S,
    absent_rule="sharing.named_recipient",
    xfail=True,
    why="a named company the data comes from ('from payment providers such as Paywell') is read as a named recipient",
)
inv(
    "src-inv-receive-paraphrase",
    SR,
    [
        "We receive information about you from our affiliates.",
        "Our affiliates provide us with information about you.",
        "We may obtain information about you from our affiliates.",
    ],
    empty_ok=True,
)

# ============================================================================ conditions
C = "condition"
# Training on the user's data only where that data is already published on the internet is
# web data, not what the user gives the service: the condition is that the data is public.
mft(
    "cond-public-data-if-published",
    C,
    "If your personal data is publicly available on the internet, Acme may use it to train"
    " our models.",
    [train("permitted", condition="public_data")],
    rule="training.condition.public_data",
)
mft(
    "cond-public-data-that-is-public",
    C,
    "Nimbus may use your information that is publicly available online to train AI models.",
    [train("permitted", condition="public_data")],
)
# the user's own chats beside public data: the chats are not conditioned on being public
mft(
    "cond-public-data-beside-chats-is-no-condition",
    C,
    "Acme may use your chats and publicly available data to train our models.",
    [train("permitted", condition="none")],
    absent_rule="training.condition.public_data",
)
# "publicly available" said of the model, not the data
mft(
    "cond-public-model-is-no-public-data",
    C,
    "Nimbus may use your prompts to train models that we make publicly available.",
    [train("permitted", condition="none")],
    absent_rule="training.condition.public_data",
)
# A permission to train on de-identified data that gains a way to opt out keeps its
# de-identification and adds a way out: narrower. The same opt-out dropped: broader.
DEID_ITEM = (
    "# Training\n\n- If you use the free plan: we use your prompts to train our models. We use"
    " reasonable efforts to de-identify such data before using it to train our models.{}\n"
)
OPT_OUT_ADDED = " You have the right to object to this processing (opt-out) by emailing us."
dir_(
    "cond-deid-training-gains-an-opt-out",
    C,
    DEID_ITEM.format(""),
    DEID_ITEM.format(OPT_OUT_ADDED),
    T,
    "narrower",
)
dir_(
    "cond-deid-training-loses-its-opt-out",
    C,
    DEID_ITEM.format(OPT_OUT_ADDED),
    DEID_ITEM.format(""),
    T,
    "broader",
)
# a protective mode the user keeps off is the opt-out left unused: the use is the default
mft(
    "cond-protective-mode-kept-off",
    C,
    'If you choose to keep "Private Mode" off, we collect usage data and code snippets. We use'
    " this data to evaluate and improve our AI models.",
    [train("permitted", condition="opt_out")],
)
mft(
    "cond-incognito-left-off",
    C,
    "If you leave incognito mode off, your chats may be used to train our models.",
    [train("permitted", condition="opt_out")],
)
# ...while a feature the user turns on is consent
mft(
    "cond-feature-turned-on-is-consent",
    C,
    "If you choose to turn on chat history sharing, we use your chats to train our models.",
    [train("permitted", condition="opt_in")],
)
mft(
    "cond-unless-opt-out",
    C,
    "We use your conversations to train our models unless you opt out.",
    [train(condition="opt_out")],
    rule="training.condition.opt_out",
)
mft(
    "cond-if-you-do-not-want",
    C,
    "If you do not want us to use your chats to improve our models, you can turn off this setting.",
    [train(condition="opt_out")],
)
mft(
    "cond-only-if-opt-in",
    C,
    "We only use your prompts to train our models if you opt in.",
    [train(condition="opt_in")],
    rule="training.condition.opt_in",
    absent_rule="training.condition.opt_out",
)
mft(
    "cond-with-consent",
    C,
    "With your consent, we may use your recordings to train our speech models.",
    [train(condition="opt_in")],
)
mft(
    "cond-opt-in-not-opt-out",
    C,
    "We use your conversations to train our models unless you opt out in Settings.",
    [train(condition="opt_out")],
    absent_rule="training.condition.opt_in",
)
mft(
    "cond-by-default-on",
    C,
    "By default, we use your chats to train our models; you can turn this off in Settings.",
    [train(condition="opt_out")],
    forbid=[train(condition="opt_in")],
)
mft(
    "cond-by-default-off",
    C,
    "Training on your data is off by default and only starts if you turn it on.",
    [train(condition="opt_in")],
)
mft(
    "cond-deidentified",
    C,
    "We may use de-identified conversation data to train our models.",
    [train(condition="deidentified")],
    rule="training.condition.deidentified",
)
mft(
    "cond-aggregated",
    C,
    "We use aggregated usage statistics to improve our services.",
    [improve(condition="deidentified")],
)
mft(
    "cond-identified-not-deid",
    C,
    "We use your conversations, linked to your account, to train our models.",
    [train(condition="none")],
    absent_rule="training.condition.deidentified",
)
mft(
    "cond-license-aggregate-verb",
    C,
    "You grant us a license to copy, modify, aggregate, and display your content to train our"
    " models.",
    [train()],
    absent_rule="training.condition.deidentified",
)
mft(
    "voice-licence-british",
    V,
    "You grant us a licence to copy, modify and display your content to train our models.",
    [train()],
)
mft(
    "cond-despite-opt-out",
    C,
    "Even if you opt out, we may use conversations flagged for safety review to train our models.",
    [train(condition="despite_opt_out")],
    rule="training.condition.despite_opt_out",
)
mft(
    "cond-opt-out-stops",
    C,
    "If you opt out, we will not use your future conversations to train our models.",
    # the use goes on until the user opts out: a permission with an opt-out, not a promise
    [train(condition="opt_out")],
    forbid=[train("prohibited")],
    absent_rule="training.condition.despite_opt_out",
)
mft(
    "cond-regardless",
    C,
    "Regardless of your settings, we use feedback you submit to improve our models.",
    [train(condition="despite_opt_out")],
)
mft(
    "cond-setting-controls",
    C,
    "You can control whether your chats are used to train our models in your privacy settings.",
    [train(condition="opt_out")],
)
mft(
    "cond-choose-to-share",
    C,
    "If you choose to share your conversations with us, we will use them to train our models.",
    [train(condition="opt_in")],
)
mft(
    "cond-sharing-with-consent",
    C,
    "We share your location data with partners only with your consent.",
    [disclose(recipient="partners", condition="opt_in")],
)
mft(
    "cond-sharing-as-directed",
    C,
    "We disclose Customer Data only as instructed by the Customer.",
    [dict(topic=S, condition="as_directed")],
    rule="sharing.as_directed",
)
mft(
    "cond-sharing-not-as-directed",
    C,
    "We disclose Customer Data to our service providers to run the platform.",
    [disclose(recipient="service_providers")],
    absent_rule="sharing.as_directed",
)
mft(
    "cond-enterprise-not-trained",
    C,
    "We do not train on data from enterprise customers; free users can opt out in Settings.",
    [train("prohibited")],
)
inv(
    "cond-inv-opt-out-wording",
    C,
    [
        "We use your chats to train our models unless you opt out.",
        "We use your chats to train our models, but you can opt out at any time.",
        "Your chats are used to train our models unless you turn off model training in Settings.",
    ],
)
inv(
    "cond-inv-opt-in-wording",
    C,
    [
        "We only use your chats to train our models if you opt in.",
        "We use your chats to train our models only with your explicit consent.",
        "Only if you opt in will your chats be used to train our models.",
    ],
)

# ============================================================================ no practice
NP = "no_practice"
mft(
    "np-definition",
    NP,
    '"Training" means the process by which a machine learning model learns from examples.',
    [],
)
# A participle naming a model by how it was made ("the fine-tuned model", "trained models") is
# the model, not an act of training on anyone's data.
mft(
    "np-fine-tuned-model-named",
    NP,
    "At any time you can remove the Fine-Tuned Model from the Nimbus console.",
    [],
    topic=T,
)
# a duty denied is no promise: "we are not obliged to disclose it" says neither that the
# provider shares nor that it never does
mft(
    "np-no-duty-to-disclose",
    NP,
    "After termination, we are not obliged to disclose any information in your account to you"
    " or to a third party you designate.",
    [],
    topic=S,
)
mft(
    "np-no-obligation-to-share",
    NP,
    "Acme has no obligation to share your usage data with third parties.",
    [],
    topic=S,
)
mft(
    "np-promise-not-to-disclose-still-read",
    NP,
    "Acme will not disclose your files to third parties.",
    [disclose("prohibited", recipient="third_parties")],
)
mft("np-trained-models-named", NP, "Trained models are listed in your dashboard.", [], topic=T)
mft(
    "np-fine-tune-act-still-read",
    NP,
    "Your prompts may be used to fine-tune our models.",
    [train()],
)
# A licence whose purposes are an enumerated list: the item "(b) improving artificial
# intelligence models" is a training use, however far down the list it stands.
mft(
    "licence-enumerated-purpose-trains",
    NP,
    "You grant Acme a worldwide licence to use your content in connection with (a) providing,"
    " maintaining and improving the Services, (b) modifying, improving and enhancing artificial"
    " intelligence models, and (c) promoting the Services.",
    [train()],
)
# Answering for data ("we are responsible for the data we transfer to service providers, if
# they process it unlawfully") presupposes a transfer described elsewhere; what it states is a
# liability. A transfer stated in its own main clause is still read.
mft(
    "np-responsible-for-data-we-transfer",
    NP,
    "Under the privacy framework we are responsible for the personal data that we then transfer"
    " to a third-party service provider, if that provider processes it unlawfully.",
    [],
    topic=S,
)
mft(
    "np-accountable-for-data-shared",
    NP,
    "We remain accountable for the information we share with our vendors.",
    [],
    topic=S,
)
mft(
    "np-transfer-stated-beside-responsibility",
    NP,
    "We transfer personal data to our vendors, and we remain responsible for it.",
    [disclose("permitted", recipient="service_providers")],
)
mft("np-question", NP, "Do we use your data to train our models?", [])
mft("np-question-heading-keep", NP, "How long do we keep your data?", [])
mft("np-heading", NP, "Model training", [])
mft(
    "np-pointer-privacy",
    NP,
    "For more information on how we use data to train our models, see our Privacy Policy.",
    [],
    topic=T,
)
mft(
    "np-pointer-this-policy",
    NP,
    "This policy explains what data we may use to train our models.",
    [],
    topic=T,
)
# where to find a control is no practice: the clause says how to choose, not what is done
mft(
    "np-instructions-to-manage-preferences",
    NP,
    "You can find instructions in the app on how to manage your preferences regarding the"
    " use of your chats for training.",
    [],
    topic=T,
)
mft(
    "np-learn-how-to-manage-training",
    NP,
    "Learn how to manage whether your conversations are used to train our models in Settings.",
    [],
    topic=T,
)
# ...but a practice stated beside the instructions is still read
mft(
    "np-instructions-beside-a-practice",
    NP,
    "We use your chats to train our models unless you opt out. You can find instructions in"
    " the app on how to manage your preferences.",
    [train("permitted", condition="opt_out")],
)
# a purpose that excludes training names training only to deny it for that use
mft(
    "np-purpose-excluding-training",
    NP,
    "We use your inputs to improve the Service and conduct research (excluding model training).",
    [improve("permitted")],
    forbid=[train("permitted")],
)
mft(
    "np-purpose-other-than-training",
    NP,
    "We use your chats for research and to improve our products, other than model training.",
    [improve("permitted")],
    forbid=[train("permitted")],
)
# ...but an exclusion of some data from a training use leaves the use
mft(
    "np-training-excluding-some-data",
    NP,
    "We use your chats for model training, excluding chats you delete.",
    [train("permitted")],
)
# an introduction to the sections that follow states none of their practices
mft(
    "np-intro-to-sections-below",
    NP,
    "Set out below are more details on how we disclose your personal data, how we retain"
    " your personal data and how to contact us.",
    [],
)
mft(
    "np-following-sections-describe",
    NP,
    "The following sections describe how long we keep your chats and who we share them with.",
    [],
)
# a right to ask for deletion, named as a right, is no deletion by the provider
mft(
    "np-right-to-request-deletion",
    NP,
    "Deletion: the right to request that we delete personal data collected from you, subject"
    " to certain exceptions.",
    [],
    topic=R,
)
# ...while a deletion the provider commits to after a request is one
mft(
    "np-deletion-after-a-request-is-a-practice",
    NP,
    "When you ask us to delete your account, we delete your personal data within 30 days.",
    [delete()],
)
mft("np-ip-ownership", NP, "As between you and Acme, you own all inputs and outputs.", [])
mft(
    "np-user-obligation-competing",
    NP,
    "You must not use outputs to train models that compete with Acme.",
    [],
    topic=T,
    absent_rule="training.use_to_train",
)
mft(
    "np-user-may-not-reverse",
    NP,
    "You may not reverse engineer the models or use them to extract training data.",
    [],
    topic=T,
)
mft(
    "np-we-train-refuse",
    NP,
    "We train our models to refuse harmful requests.",
    [],
    topic=T,
    absent_rule="training.use_to_train",
)
mft(
    "np-public-web-data",
    NP,
    "Our models are trained on publicly available information from the internet.",
    [],
    topic=T,
)
mft(
    "np-employee-training",
    NP,
    "We provide privacy training to all employees who handle personal data.",
    [],
    topic=T,
)
mft(
    "np-cookies-improve",
    NP,
    "We use cookies to improve your experience on our website.",
    [],
    topic=T,
    absent_rule="training.use_to_improve",
)
mft(
    "np-user-shares",
    NP,
    "You may share your conversations with other people by creating a link.",
    [],
    topic=S,
)
mft(
    "np-confidentiality",
    NP,
    "Each party may disclose Confidential Information to its legal advisors.",
    [],
    topic=S,
)
mft(
    "np-assignment",
    NP,
    "We may assign or transfer our rights under this Agreement to an affiliate.",
    [],
    topic=S,
)
mft("np-app-store", NP, "The app is available in the App Store and Google Play.", [])
mft(
    "np-user-obligations-list",
    NP,
    "share your account credentials with anyone",
    context="Acceptable Use > You may not:",
    clause_kind="item",
    expect=[],
)
mft("np-resell-service", NP, "You may not resell or sublicense the Services.", [], topic=S)
mft(
    "np-contact",
    NP,
    "If you have questions about how we share data, contact privacy@acme.example.",
    [],
    topic=S,
)
mft("np-user-deletes", NP, "You can delete your chat history at any time in Settings.", [], topic=R)
mft(
    "np-we-use-vendors-improve",
    NP,
    "We may use third-party tools to improve the performance of the service.",
    [],
    topic=T,
)
mft(
    "np-derived-stats",
    NP,
    "Customers can view statistics about their team's usage in the admin console.",
    [],
)
mft("np-train-by-rail", NP, "Our offices are easy to reach by train.", [])
mft(
    "np-dispute",
    NP,
    "The claimant shall keep a copy of the notice of dispute for its records.",
    [],
    topic=R,
)
mft(
    "np-job-applicants",
    NP,
    "We keep job applicant records for 12 months after the hiring decision.",
    [],
)

# ============================================================================ durations
D = "duration"
mft(
    "dur-digits",
    D,
    "We keep your chats for 30 days.",
    [keep(days=30, bound="exact")],
    rule="retention.duration",
)
mft("dur-words-digits", D, "We retain your prompts for thirty (30) days.", [keep(days=30)])
mft("dur-words", D, "Logs are stored for five years.", [keep(days=1825)])
# a word between the number and its unit says how the days are counted, not whether they are
mft("dur-rolling-days", D, "Acme keeps your prompts for thirty (30) rolling days.", [keep(days=30)])
mft("dur-calendar-days", D, "Backups are kept for 90 calendar days.", [keep(days=90)])
mft(
    "dur-qualifier-not-unit",
    D,
    "We keep your chats for 30 happy users.",
    expect=None,
    forbid=[keep(days=30)],
)
mft("dur-months", D, "We retain usage logs for 18 months.", [keep(days=540)])
mft(
    "dur-up-to",
    D,
    "Flagged conversations may be kept for up to two years.",
    [keep(days=730, bound="up_to")],
    rule="retention.duration",
)
mft(
    "dur-up-to-kind",
    D,
    "Conversations flagged for review are retained for up to 90 days.",
    [keep(data="flagged", days=90, bound="up_to")],
    rule="retention.duration_for_kind",
    xfail=True,
    why="the per-kind period (flagged content) drops the 'up to' bound (exact)",
)
mft(
    "dur-at-least",
    D,
    "We retain billing records for at least seven years.",
    [dict(topic=R, days=2555, bound="at_least")],
)
mft(
    "dur-no-longer-than",
    D,
    "We keep server logs for no longer than 90 days.",
    [keep(days=90, bound="up_to")],
)
mft(
    "dur-after-deletion",
    D,
    "After you delete a conversation, it is removed from our systems within 30 days.",
    [dict(topic=R, days=30, trigger="deletion")],
)
mft(
    "dur-after-account-closure",
    D,
    "We delete your data within 60 days of the closure of your account.",
    [delete(days=60, trigger="account_closure")],
)
mft(
    "dur-indefinite",
    D,
    "We keep your profile information indefinitely.",
    [keep(bound="indefinite")],
    rule="retention.indefinite",
)
mft(
    "dur-not-indefinite",
    D,
    "We delete your information when it is no longer needed for the purposes above.",
    [delete()],
    absent_rule="retention.indefinite",
)
mft(
    "dur-not-stored",
    D,
    "Chats in incognito mode are not stored.",
    [keep("prohibited")],
    rule="retention.not_stored",
)
# A denial whose verb is left out after a contrast ("X may be stored, but none of Y is") denies
# that verb for Y: Y is not stored.
mft(
    "dur-elliptical-denial-after-but",
    D,
    "Usage logs may be stored in our database, but none of your code is.",
    [keep("prohibited")],
    rule="retention.not_stored",
)
mft(
    "dur-elliptical-denial-with-not",
    D,
    "Your settings may be saved on our servers, but your files are not.",
    [keep("prohibited")],
    rule="retention.not_stored",
)
# "but none of them is free" denies nothing about storage; nor does a contrast before the verb
mft(
    "dur-elliptical-contrast-of-another-verb",
    D,
    "Several plans may be stored in your account, but none of them is free.",
    forbid=[keep("prohibited")],
    absent_rule="retention.not_stored",
)
mft(
    "dur-stored-not-not-stored",
    D,
    "Chats in incognito mode are stored for 24 hours.",
    [keep(days=1)],
    absent_rule="retention.not_stored",
)
mft(
    "dur-zero-retention",
    D,
    "API inputs are not retained after the response is returned.",
    [keep("prohibited")],
)
mft(
    "dur-hours",
    D,
    "Voice recordings are kept for 72 hours and then deleted.",
    [dict(topic=R, days=3)],
)
mft("dur-weeks", D, "We store temporary uploads for two weeks.", [keep(days=14)])
mft(
    "dur-notice-window",
    D,
    "We will give you 30 days' notice before we change how long we store your data.",
    absent_rule="retention.duration",
)
mft(
    "dur-age-not-duration",
    D,
    "We do not knowingly store data of children under 13 years of age.",
    absent_rule="retention.duration",
)
mft(
    "dur-backups-kind",
    D,
    "Backups are retained for 35 days before they are overwritten.",
    [dict(topic=R, data="backups", days=35)],
    rule="retention.duration_for_kind",
)
mft(
    "dur-plain-kind-not-special",
    D,
    "We retain your conversations for two years.",
    [keep(days=730)],
    absent_rule="retention.duration_for_kind",
)
mft(
    "dur-until-termination",
    D,
    "We store your uploaded files until termination of your subscription.",
    [keep(bound="up_to")],
    rule="retention.until",
)
mft(
    "dur-after-termination-no-until",
    D,
    "We keep your files for 30 days after termination of your subscription.",
    [dict(topic=R, days=30)],
    absent_rule="retention.until",
)
mft(
    "dur-as-long-as-necessary",
    D,
    "We retain personal data for as long as necessary to provide the service.",
    [keep(bound="indefinite")],
)
mft(
    "dur-ninety-days-words",
    D,
    "Deleted items remain in backups for ninety days.",
    [dict(topic=R, days=90)],
)
mft("dur-one-year", D, "Search history is kept for one year.", [keep(days=365)])
mft(
    "dur-range-maximum",
    D,
    "We keep support tickets for a maximum of 24 months.",
    [keep(days=720, bound="up_to")],
)
inv(
    "dur-inv-words-digits",
    D,
    [
        "We keep your chats for 30 days.",
        "We keep your chats for thirty (30) days.",
        "We keep your chats for thirty days.",
    ],
)
inv(
    "dur-inv-retain-keep-store",
    D,
    [
        "We retain your chats for 30 days.",
        "We keep your chats for 30 days.",
        "We store your chats for 30 days.",
    ],
)

# ============================================================================ retention kinds
RK = "retention"
# A list item of two sentences, one keeping data and one promising not to store it in a mode,
# states both: the promise of one sentence does not take back the keeping of the other.
mft(
    "ret-item-keeps-and-not-in-a-mode",
    RK,
    doc="# Retention\n\n- If the customer uses the chat: its prompts are stored for the term of the"
    " subscription or until the customer deletes them from its history. The prompts are not"
    " stored if the customer turns on incognito mode.\n",
    expect=[keep("permitted"), keep("prohibited")],
)
mft(
    "ret-item-stored-but-none-is-one-promise",
    RK,
    doc="# Retention\n\n- Usage logs may be stored in our database, but none of your code is.\n",
    expect=[keep("prohibited")],
    forbid=[keep("permitted")],
)
# what models as a technology do is an explanation, not a practice of the provider
mft(
    "ret-models-as-a-technology-store-nothing",
    RK,
    "Models do not store text like a database, nor do they copy and paste existing content.",
    [],
    topic=R,
)
mft(
    "ret-language-models-do-not-memorise",
    RK,
    "Large language models do not store the documents they were trained on.",
    [],
    topic=R,
)
# ...but the provider's models, or a named component, keep what their sentence says
mft(
    "ret-our-models-do-not-store-prompts",
    RK,
    "Our models do not store your prompts after the request is complete.",
    [keep("prohibited")],
)
mft(
    "ret-user-opt-out",
    RK,
    "If you do not want us to retain your prompts, you can opt out by contacting support.",
    [keep(condition="opt_out")],
    rule="retention.user_opt_out",
)
mft(
    "ret-training-opt-out-not-retention",
    RK,
    "If you do not want us to use your prompts for training, you can opt out by contacting"
    " support.",
    [train(condition="opt_out")],
    absent_rule="retention.user_opt_out",
)
mft(
    "ret-deletion-duty",
    RK,
    "We will delete your uploaded files when you close your account.",
    [delete()],
    rule="retention.deletion_duty",
)
mft(
    "ret-no-deletion",
    RK,
    "We do not delete your files when you cancel your subscription.",
    absent_rule="retention.deletion_duty",
)
mft(
    "ret-moderation-removal",
    RK,
    "We may remove content that violates these Terms.",
    [],
    topic=R,
    absent_rule="retention.deletion_duty",
)
mft(
    "ret-end-of-purpose",
    RK,
    "When your personal data is no longer needed for these purposes, we delete or anonymize it.",
    [delete()],
    rule="retention.deletion_end_of_purpose",
)
mft(
    "ret-end-of-purpose-with-days",
    RK,
    "We delete your data 30 days after you close your account.",
    [delete(days=30)],
    absent_rule="retention.deletion_end_of_purpose",
)
mft(
    "ret-legal-hold",
    RK,
    "We may retain your data for longer where necessary to defend legal claims.",
    [keep(condition="legal_requirement")],
    rule="retention.legal_hold",
)
mft(
    "ret-no-legal-hold",
    RK,
    "We retain your data while your account is active to provide the service.",
    absent_rule="retention.legal_hold",
)
mft(
    "ret-keeps-kind-code",
    RK,
    "We may store your code snippets to provide autocomplete features.",
    [keep(data="code")],
    rule="retention.keeps_kind",
)
mft(
    "ret-local-not-kept",
    RK,
    "Your code snippets are stored locally on your device.",
    [],
    topic=R,
    absent_rule="retention.keeps_kind",
)
mft(
    "ret-local-on-the-device-then-sent",
    RK,
    "If you play offline, usage data will be stored on the hard drive of your console and sent"
    " to Acme the next time you sign in.",
    [],
    topic=R,
    absent_rule="retention.keeps_if_feature",
)
mft(
    "ret-keeps-if-sign-in-to-use",
    RK,
    "If you sign in to use the desktop app, we store your chat history on our servers.",
    [keep(condition="setting")],
    rule="retention.keeps_if_feature",
)
mft(
    "ret-deleted-after-a-short-period",
    RK,
    "Screenshots sent to Nimbus are only retained for a short period of time and regularly"
    " deleted.",
    [delete()],
    rule="retention.deletion_duty",
)
mft(
    "ret-feedback-deleted-after-processing",
    RK,
    "Feedback from users is regularly deleted after it has been reviewed.",
    [delete(data="feedback")],
    rule="retention.deletion_duty",
)
mft(
    "ret-user-may-delete-screenshots",
    RK,
    "You can delete your screenshots in the app at any time.",
    absent_rule="retention.deletion_duty",
)
mft(
    "ret-keeps-if-feature",
    RK,
    "If you enable memory, we store your chat history so the assistant can recall it.",
    [keep(condition="setting")],
    rule="retention.keeps_if_feature",
)
mft(
    "ret-keeps-no-feature",
    RK,
    "We store your chat history so that you can return to past conversations.",
    [keep(data="content")],
    absent_rule="retention.keeps_if_feature",
)
mft("ret-keep-in-mind", RK, "Please keep in mind that the assistant can make mistakes.", [])
mft(
    "ret-keep-you-informed",
    RK,
    "We will keep you informed about changes to our products.",
    [],
    topic=R,
)
mft(
    "ret-not-keep-logs",
    RK,
    "We do not keep logs of your browsing activity.",
    [keep("prohibited")],
    forbid=[keep("permitted", data="usage")],
)
mft("ret-store-credit", RK, "Store credit expires twelve months after purchase.", [], topic=R)
mft("ret-cookie-lifetime", RK, "This cookie is stored for 13 months.", [], topic=R)
mft(
    "ret-feedback-kept",
    RK,
    "When you rate a response, we keep your rating together with the conversation.",
    [keep(data="feedback")],
    xfail=True,
    why="'rating' is lemmatized to 'rate' before matching, so the feedback kind is missed",
)

# ============================================================================ sale
SA = "sale"
mft(
    "sale-do-not-sell",
    SA,
    "We do not sell your personal information.",
    [sell("prohibited")],
    rule="sharing.sale",
)
mft(
    "sale-may-sell",
    SA,
    "We may sell your personal information to data brokers.",
    [sell("permitted")],
)
mft(
    "sale-subscriptions",
    SA,
    "We sell subscriptions to our service.",
    [],
    topic=S,
    absent_rule="sharing.sale",
)
mft(
    "sale-merger",
    SA,
    "If Acme is involved in a merger or sale of assets, your data may be transferred to the"
    " acquirer.",
    [disclose(recipient="acquirers")],
    absent_rule="sharing.sale",
)
mft(
    "sale-ccpa-definition",
    SA,
    "Under California law, sharing personal information for cross-context behavioral"
    " advertising may be considered a sale.",
    [],
    topic=S,
)
mft(
    "sale-rent-trade",
    SA,
    "We never rent or trade your email address.",
    [disclose("prohibited")],
    forbid=[disclose("permitted")],
    xfail=True,
    why="a denial of sharing that names no recipient ('never rent or trade your email address')"
    " states nothing: reading it as 'no one' misread 'trade laws' and international transfers",
)
mft(
    "sale-have-not-sold",
    SA,
    "We have not sold any personal information in the past 12 months.",
    [sell("prohibited")],
)
mft(
    "sale-sold-to-advertisers",
    SA,
    "We sell aggregated audience data to advertisers.",
    [sell("permitted")],
)
mft(
    "sale-opt-out-of-sale",
    SA,
    "You can opt out of the sale of your personal information by clicking the link below.",
    [sell("permitted")],
)
mft(
    "sale-user-may-not-sell",
    SA,
    "You may not sell data obtained through the API to anyone.",
    [],
    topic=S,
)
inv(
    "sale-inv",
    SA,
    [
        "Acme does not sell your personal data.",
        "Your personal data is not sold by Acme.",
        "Acme never sells your personal data.",
    ],
)

# ============================================================================ sub-processors
SUBHEAD = "| Sub-processor | Purpose | Location |\n| --- | --- | --- |\n"
SUBS = "# Sub-processors\n\n" + SUBHEAD + "| Nimbus Cloud Inc. | Hosting | USA |\n"
SP = "subprocessor"
mft(
    "sub-table-row",
    SP,
    doc=SUBS,
    expect=[disclose(recipient="service_providers", name="nimbus")],
    rule="sharing.subprocessor",
)
mft(
    "sub-list-item",
    SP,
    doc="# Sub-processors\n\nWe engage the following sub-processors:\n\n- Brightlog Ltd."
    " (analytics)\n- Corvane GmbH (email delivery)\n",
    expect=[disclose(name="brightlog"), disclose(name="corvane")],
    rule="sharing.subprocessor",
)
mft(
    "sub-vendor-list-lead",
    SP,
    doc="# Sharing\n\nWe share data with the following service providers:\n\n- Quillfire Labs\n"
    "- Paywell\n",
    expect=[disclose(name="quillfire"), disclose(name="paywell")],
)
# an entry laid out as a two-column table of fields: the value beside "Trustees" (or
# "Name", "Recipient") is the company; the other fields name no company
VERTICAL = (
    "# Privacy\n\n## Residents of Ruritania\n\nData Processors:\n\n"
    "| **Trustees and Contacts** | Quillfire Legal LLP (01-2345-6789) |\n"
    "| **Entrusted Data** | Name, ID, phone number and email you give the representative |\n"
    "| **Recipient Location** | Ruritania |\n"
)
mft(
    "sub-vertical-entry-table",
    SP,
    doc=VERTICAL,
    expect=[disclose(name="quillfire legal")],
    forbid=[
        disclose(name="trustees and contacts"),
        disclose(name="recipient location"),
        disclose(name="entrusted data"),
    ],
    rule="sharing.subprocessor",
)
mft(
    "sub-opt-in-note-is-a-field",
    SP,
    doc="# Sub-processors\n\nWe engage the following sub-processors:\n\n- Brightlog Ltd."
    " (inference)\n- Opt-in: by default, Customer Data is not processed by Brightlog. It is"
    " processed only if Customer opts in.\n",
    expect=[disclose(name="brightlog")],
    forbid=[disclose(name="opt-in")],
    rule="sharing.subprocessor",
)
mft(
    "sub-sentence-not-row",
    SP,
    "Nimbus Cloud Inc. hosts our website and stores our backups.",
    absent_rule="sharing.subprocessor",
)
mft(
    "sub-header-row",
    SP,
    doc="# Sub-processors\n\n" + SUBHEAD,
    expect=[],
    absent_rule="sharing.subprocessor",
)
mft(
    "sub-data-category-item",
    SP,
    doc="# Sharing\n\nWe share the following with service providers:\n\n- Contact details\n"
    "- Usage information\n",
    expect=None,
    absent_rule="sharing.subprocessor",
)
mft(
    "sub-named-running-text",
    SP,
    "We share usage data with analytics providers such as Brightlog and Corvane.",
    [disclose(name="brightlog"), disclose(name="corvane")],
    rule="sharing.named_recipient",
)
mft(
    "sub-named-paren",
    SP,
    "Our email provider (Mailwing) receives your address to send notifications.",
    [disclose(name="mailwing")],
)
mft(
    "sub-not-named-tools",
    SP,
    "Our service is built with open-source tools such as Python and Postgres.",
    absent_rule="sharing.named_recipient",
)
mft(
    "sub-cookie-tracker",
    SP,
    doc="# Cookies\n\n| Cookie | Provider | Purpose | Domain |\n| --- | --- | --- | --- |\n"
    "| adv_id | Adverta | Advertising | acme.example |\n",
    expect=[disclose(recipient="advertisers", name="adverta")],
    rule="sharing.tracker",
)
mft(
    "sub-cookie-necessary",
    SP,
    doc="# Cookies\n\n| Cookie | Provider | Purpose | Domain |\n| --- | --- | --- | --- |\n"
    "| session | Acme | Keeps you signed in | acme.example |\n",
    expect=[],
    absent_rule="sharing.tracker",
)
CCPA = (
    "# California\n\n| Category | Collected | Disclosed for a business purpose |\n"
    "| --- | --- | --- |\n"
)
mft(
    "sub-disclosure-yes",
    SP,
    doc=CCPA + "| Identifiers | Yes | Yes |\n",
    expect=[disclose(data="identifiers")],
    rule="sharing.disclosure_table",
)
mft(
    "sub-disclosure-no",
    SP,
    doc=CCPA + "| Biometric information | Yes | No |\n",
    expect=[],
    absent_rule="sharing.disclosure_table",
)
dir_(
    "sub-dir-row-added",
    SP,
    SUBS,
    SUBS + "| Quillfire Labs | Model inference | Canada |\n",
    S,
    "broader",
)
dir_(
    "sub-dir-row-removed",
    SP,
    SUBS + "| Quillfire Labs | Model inference | Canada |\n",
    SUBS,
    S,
    "narrower",
)
inv(
    "sub-inv-row-reorder",
    SP,
    old=SUBS + "| Quillfire Labs | Inference | Canada |\n",
    new="# Sub-processors\n\n" + SUBHEAD + "| Quillfire Labs | Inference | Canada |\n"
    "| Nimbus Cloud Inc. | Hosting | USA |\n",
)
inv(
    "sub-inv-location-same-vendor-suffix",
    SP,
    old=SUBS,
    new=SUBS.replace("Nimbus Cloud Inc.", "Nimbus Cloud, Inc."),
)
dir_(
    "sub-dir-disclosure-no-to-yes",
    SP,
    CCPA + "| Geolocation data | Yes | No |\n",
    CCPA + "| Geolocation data | Yes | Yes |\n",
    S,
    "broader",
)
dir_(
    "sub-dir-tracker-added",
    SP,
    "# Cookies\n\n| Cookie | Provider | Purpose | Domain |\n| --- | --- | --- | --- |\n"
    "| session | Acme | Keeps you signed in | acme.example |\n",
    "# Cookies\n\n| Cookie | Provider | Purpose | Domain |\n| --- | --- | --- | --- |\n"
    "| session | Acme | Keeps you signed in | acme.example |\n"
    "| adv_id | Adverta | Advertising | acme.example |\n",
    S,
    "broader",
)

# ============================================================================ public / publicity
P = "public"
mft(
    "pub-remix",
    P,
    "You give other users the right to remix the images you publish.",
    [dict(topic=S, action="publish", polarity="permitted", recipient="public")],
    rule="sharing.public",
)
mft(
    "pub-cannot-remix",
    P,
    "Other users cannot remix the images you keep private.",
    forbid=[dict(topic=S, action="publish", polarity="permitted")],
    absent_rule="sharing.public",
)
mft(
    "pub-gallery-visible",
    P,
    "Images you create are publicly visible in our community gallery.",
    [dict(topic=S, recipient="public", polarity="permitted")],
)
mft(
    "pub-logo",
    P,
    "We may use your company name and logo on our website and in marketing materials.",
    [dict(topic=S, action="publish", polarity="permitted", data="customer_name")],
    rule="sharing.publicity",
)
mft(
    "pub-identify-as-customer",
    P,
    "Acme may identify Customer as a customer in its promotional materials.",
    [dict(topic=S, action="publish", polarity="permitted")],
)
mft(
    "pub-no-publicity",
    P,
    "We will not identify you as a customer without your prior written consent.",
    [dict(topic=S, action="publish", polarity="prohibited")],
    forbid=[dict(topic=S, action="publish", polarity="permitted")],
)
mft(
    "pub-customer-names-us",
    P,
    "Customers may list Acme as a supplier in their own marketing materials.",
    [],
    topic=S,
    absent_rule="sharing.publicity",
)
mft(
    "pub-logo-lemma",
    P,
    "We may use your company name and logo in our marketing materials.",
    [dict(topic=S, action="publish", polarity="permitted")],
)
mft(
    "pub-refer-to-you-as-user",
    P,
    "In these Terms, we refer to you as a user.",
    [],
    absent_rule="sharing.publicity",
    xfail=True,
    why="a definition 'we refer to you as a user' is read as publicity",
)
mft(
    "pub-case-study",
    P,
    "With your permission, we may publish a case study describing your use of the service.",
    [dict(topic=S, action="publish")],
)
mft(
    "pub-sublicense",
    P,
    "You grant us a worldwide, royalty-free, sublicensable licence to use, host and display"
    " your content.",
    [dict(topic=S, action="sublicense", polarity="permitted")],
    rule="sharing.sublicense",
)
mft(
    "pub-non-sublicensable",
    P,
    "You grant us a non-exclusive, non-sublicensable licence to host and display your content.",
    absent_rule="sharing.sublicense",
)
mft(
    "pub-shared-link",
    P,
    "Anyone with the link can view a conversation you choose to share.",
    [],
    topic=T,
)
dir_(
    "pub-dir-remix-added",
    P,
    doc("Content", "We host the images you create."),
    doc(
        "Content",
        "We host the images you create.",
        "You give other users the right to remix the images you publish.",
    ),
    S,
    "broader",
)
dir_(
    "pub-dir-publicity-removed",
    P,
    doc(
        "Marketing",
        "We may use your company name and logo on our website and in marketing materials.",
    ),
    doc("Marketing", "We respect your brand."),
    S,
    "narrower",
)

# ============================================================================ recipients
RC = "recipients"
# A permission to share that gains a purpose ("... with service providers to monitor the
# service, to identify visitors, ...") lets the recipients have the data for more: broader.
# Purposes reordered or reworded, with none added, change nothing.
SHARE_FOR = "We may share your personal information with service providers {}."
dir_(
    "rec-sharing-gains-a-purpose",
    RC,
    doc("Sharing", SHARE_FOR.format("to monitor the service, to process payments")),
    doc("Sharing", SHARE_FOR.format(
        "to monitor the service, to identify the people who visit our website, to process"
        " payments")),
    S,
    "broader",
)  # fmt: skip
inv(
    "rec-sharing-purposes-reordered",
    RC,
    old=doc("Sharing", SHARE_FOR.format("to monitor the service, to process payments")),
    new=doc("Sharing", SHARE_FOR.format("to process payments, to monitor the service")),
    topic=S,
)
inv(
    "rec-sharing-purpose-reworded",
    RC,
    old=doc("Sharing", SHARE_FOR.format("to monitor the service, to process payments")),
    new=doc("Sharing", SHARE_FOR.format("to monitor the service, for payment processing")),
    topic=S,
)
mft(
    "rec-affiliates",
    RC,
    "We share personal information with our subsidiaries.",
    [disclose(recipient="affiliates")],
)
# A noun that modifies another names what kind of recipient the head is: "cloud provider
# distributors" are distributors (partners), not cloud providers; two nouns joined by "and"
# are two recipients.
mft(
    "rec-compound-recipient-is-its-head",
    RC,
    "We may transfer your data to our cloud provider distributors.",
    [disclose(recipient="partners")],
    forbid=[disclose(recipient="service_providers")],
)
mft(
    "rec-coordinated-recipients-are-both",
    RC,
    "We may transfer your data to our cloud providers and distributors.",
    [disclose(recipient="partners"), disclose(recipient="service_providers")],
)
mft(
    "rec-service-providers",
    RC,
    "We share your data with service providers who help us run the service.",
    [disclose(recipient="service_providers")],
)
mft(
    "rec-model-providers",
    RC,
    "Your prompts are sent to third-party model providers to generate responses.",
    [disclose(recipient="model_providers")],
)
mft(
    "rec-advertisers",
    RC,
    "We share device identifiers with advertising partners to measure ad performance.",
    [disclose(recipient="advertisers")],
    forbid=[disclose(recipient="partners")],
)
mft(
    "rec-authorities",
    RC,
    "We may disclose your information to law enforcement when required by law.",
    [disclose(recipient="authorities")],
)
mft(
    "rec-acquirers",
    RC,
    "Your information may be transferred to a successor in the event of a merger.",
    [disclose(recipient="acquirers")],
)
mft(
    "rec-organization",
    RC,
    "If you use an enterprise account, your administrator can access your chats.",
    [disclose(recipient="organization")],
    xfail=True,
    why="'your administrator can access your chats' is not read as disclosure to the organization",
)
mft(
    "rec-third-party-apps",
    RC,
    "If you connect a third-party app, we send your content to that application.",
    [disclose(recipient="third_party_apps")],
)
mft(
    "rec-partners",
    RC,
    "We share purchase data with our reseller partners.",
    [disclose(recipient="partners")],
)
mft(
    "rec-third-parties-generic",
    RC,
    "We may share your information with third parties for their own marketing.",
    [disclose()],
)
mft(
    "rec-public",
    RC,
    "Posts on your public profile are visible to other users.",
    [dict(topic=S, recipient="public", polarity="permitted")],
)
mft(
    "rec-report-authorities",
    RC,
    "We report child sexual abuse material to the relevant authorities.",
    [disclose(recipient="authorities")],
)
mft(
    "rec-plugins",
    RC,
    "When you use a plugin, the plugin receives the parts of your conversation it needs.",
    [disclose(recipient="third_party_apps")],
    xfail=True,
    why="'the plugin receives ...' not read: receiving subjects are a closed list (vendor, partner, ...)",
)
mft(
    "rec-regulators",
    RC,
    "We may share your data with regulators and courts in response to legal process.",
    [disclose(recipient="authorities")],
)
mft(
    "rec-not-advertisers-but-vendors",
    RC,
    "We share your data with vendors but never with advertisers.",
    [
        disclose("permitted", recipient="service_providers"),
        disclose("prohibited", recipient="advertisers"),
    ],
    forbid=[disclose("permitted", recipient="advertisers")],
    xfail=True,
    why="an elliptical denial ('but never with advertisers') does not reach the second recipient",
)
mft(
    "rec-as-directed-no-category",
    RC,
    "We share student records only at the direction of the school.",
    [dict(topic=S, condition="as_directed")],
)
inv(
    "rec-inv-affiliate-synonyms",
    RC,
    [
        "We share your information with our affiliates.",
        "We share your information with our subsidiaries.",
        "We share your information with companies in our corporate group.",
    ],
)
inv(
    "rec-inv-advertiser-synonyms",
    RC,
    [
        "We share your device identifiers with advertisers.",
        "We share your device identifiers with advertising partners.",
        "We share your device identifiers with ad networks.",
    ],
)

# ============================================================================ DIR / INV edits
TR = "# Training\n\n{}\n"
dir_(
    "dir-opt-in-to-opt-out",
    C,
    TR.format("We only use your prompts to train our models if you opt in."),
    TR.format("We use your prompts to train our models unless you opt out in Settings."),
    T,
    "broader",
)
dir_(
    "dir-opt-out-to-opt-in",
    C,
    TR.format("We use your prompts to train our models unless you opt out in Settings."),
    TR.format("We only use your prompts to train our models if you opt in."),
    T,
    "narrower",
)
dir_(
    "dir-no-train-to-train",
    N,
    TR.format("We do not use your prompts to train our models."),
    TR.format("We use your prompts to train our models."),
    T,
    "broader",
)
dir_(
    "dir-train-promise-added",
    N,
    doc("Business", "We provide the service to businesses."),
    doc(
        "Business",
        "We provide the service to businesses.",
        "We do not train our models on business customers' data.",
    ),
    T,
    "narrower",
)
dir_(
    "dir-despite-opt-out-added",
    C,
    TR.format("If you opt out, we will not use your chats to train our models."),
    TR.format("If you opt out, we will not use your chats to train our models.")
    + "\nEven if you opt out, we may use chats flagged for safety review to train our models.\n",
    T,
    "broader",
)
dir_(
    "dir-training-added",
    V,
    doc("Privacy", "We keep your chats for 18 months."),
    doc(
        "Privacy",
        "We keep your chats for 18 months.",
        "Human reviewers may read your conversations to improve our models.",
    ),
    T,
    "broader",
)
RET = "# Retention\n\nWe keep your chats for {}.\n"
dir_("dir-30d-to-5y", D, RET.format("30 days"), RET.format("five years"), R, "broader")
dir_("dir-5y-to-30d", D, RET.format("five years"), RET.format("30 days"), R, "narrower")
dir_(
    "dir-deletion-deadline-longer",
    D,
    doc("Deletion", "When you delete your account, we erase your data within 30 days."),
    doc("Deletion", "When you delete your account, we erase your data within 90 days."),
    R,
    "broader",
)
dir_(
    "dir-indefinite-added",
    D,
    doc("Retention", "We keep your chats for 30 days."),
    doc(
        "Retention",
        "We keep your chats for 30 days.",
        "We keep your profile information indefinitely.",
    ),
    R,
    "broader",
)
dir_(
    "dir-not-stored-removed",
    D,
    doc("Incognito", "Chats in incognito mode are not stored.", "You can start one anytime."),
    doc("Incognito", "You can start one anytime."),
    R,
    "broader",
)
SH = doc("Sharing", "We share data with service providers who help us run the service.")
dir_(
    "dir-advertiser-added",
    RC,
    SH,
    SH + "\nWe also share device identifiers with advertising partners to measure ads.\n",
    S,
    "broader",
)
dir_(
    "dir-no-sale-removed",
    SA,
    doc("Rights", "We do not sell your personal information.", "You can access your data."),
    doc("Rights", "You can access your data."),
    S,
    "broader",
)
dir_(
    "dir-no-sale-added",
    SA,
    doc("Rights", "You can access your data."),
    doc("Rights", "We do not sell your personal information.", "You can access your data."),
    S,
    "narrower",
)
dir_(
    "dir-sale-permitted",
    SA,
    doc("Rights", "We do not sell your personal information."),
    doc("Rights", "We may sell your personal information to data brokers."),
    S,
    "broader",
)
dir_(
    "dir-advertiser-removed",
    RC,
    SH + "\nWe also share device identifiers with advertising partners to measure ads.\n",
    SH,
    S,
    "narrower",
)
dir_(
    "dir-model-provider-added",
    RC,
    doc("AI", "We use your prompts to answer you."),
    doc(
        "AI",
        "We use your prompts to answer you.",
        "Your prompts are sent to third-party model providers to generate responses.",
    ),
    S,
    "broader",
)
dir_(
    "dir-named-vendor-added",
    SP,
    doc("Sharing", "We share usage data with analytics providers such as Brightlog."),
    doc("Sharing", "We share usage data with analytics providers such as Brightlog and Corvane."),
    S,
    "broader",
)

inv(
    "inv-condition-reworded-same-feature",
    V,
    old=doc(
        "Privacy", "If you use the Acme desktop app, we store your chat history on our servers."
    ),
    new=doc(
        "Privacy",
        "If you sign in to use the Acme desktop app, we store your chat history on our servers.",
    ),
)
inv(
    "inv-reorder-sentences",
    V,
    old=doc("Privacy", "We keep your chats for 30 days.", "We share data with service providers."),
    new=doc("Privacy", "We share data with service providers.", "We keep your chats for 30 days."),
)
inv(
    "inv-renumber",
    V,
    old="# Privacy\n\n1. We keep your chats for 30 days.\n2. We share data with vendors.\n",
    new="# Privacy\n\n1. We value your privacy.\n2. We keep your chats for 30 days.\n"
    "3. We share data with vendors.\n",
)
inv(
    "inv-date-stamp",
    V,
    old="# Privacy\n\nLast updated: January 2, 2026\n\nWe keep logs for 30 days.\n",
    new="# Privacy\n\nLast updated: March 9, 2026\n\nWe keep logs for 30 days.\n",
)
inv(
    "inv-heading-renamed",
    V,
    old=doc("Sharing", "We share data with vendors."),
    new=doc("Who we share with", "We share data with vendors."),
)
inv(
    "inv-reword-opt-out",
    V,
    old=TR.format("We may use your conversations to improve our models unless you opt out."),
    new=TR.format("Unless you opt out, your conversations may be used to improve our models."),
)
inv(
    "inv-reword-no-sale",
    SA,
    old=doc("Rights", "We do not sell your personal information."),
    new=doc("Rights", "We never sell your personal information."),
)
inv("inv-reword-thirty", D, old=RET.format("30 days"), new=RET.format("thirty (30) days"))
inv(
    "inv-reword-keep-retain",
    D,
    old=doc("Retention", "We keep your chats for 30 days."),
    new=doc("Retention", "We retain your chats for 30 days."),
)
inv(
    "inv-company-name-change",
    V,
    old=doc("Training", "Acme does not use your prompts to train its models."),
    new=doc("Training", "Nimbus does not use your prompts to train its models."),
)
inv(
    "inv-add-unrelated-paragraph",
    V,
    old=doc("Privacy", "We keep logs for 30 days."),
    new=doc(
        "Privacy",
        "We keep logs for 30 days.",
        "You can change the language of the app in your profile.",
    ),
)
inv(
    "inv-add-question-heading",
    NP,
    old=doc("Training", "We do not use your prompts to train our models."),
    new="# Training\n\n## Do we train on your data?\n\n"
    "We do not use your prompts to train our models.\n",
)
inv(
    "inv-add-pointer",
    NP,
    old=doc("Training", "We do not use your prompts to train our models."),
    new=doc(
        "Training",
        "We do not use your prompts to train our models.",
        "For more information on how we train our models, see our Help Center.",
    ),
)
inv(
    "inv-emphasis-links",
    V,
    old=doc("Sharing", "We share data with service providers."),
    new=doc("Sharing", "We share data with **service providers** ([list](https://x.example))."),
)
inv(
    "inv-add-user-restriction",
    NP,
    old=doc("Terms", "We keep your chats for 30 days."),
    new=doc(
        "Terms",
        "We keep your chats for 30 days.",
        "You must not use outputs to train models that compete with us.",
    ),
)
inv(
    "inv-add-receive-from",
    SR,
    old=doc("Sources", "We collect information you give us."),
    new=doc(
        "Sources",
        "We collect information you give us.",
        "We also receive information about you from our marketing partners.",
    ),
)
inv(
    "inv-add-customer-fine-tune",
    A,
    old=doc("API", "The API returns outputs for your inputs."),
    new=doc(
        "API",
        "The API returns outputs for your inputs.",
        "You can fine-tune models on your own data using our tuning API.",
    ),
)
inv(
    "inv-duplicate-promise",
    N,
    old=doc("Training", "We do not train our models on your data."),
    new=doc(
        "Training",
        "We do not train our models on your data.",
        "To repeat: we do not train our models on your data.",
    ),
)

# ============================================================================ more realistic cases
mft(
    "neg-at-no-time",
    N,
    "At no time do we sell your personal information.",
    [sell("prohibited")],
    forbid=[sell("permitted")],
)
mft(
    "neg-knowingly",
    N,
    "We do not knowingly sell the personal information of consumers under 16.",
    [sell("prohibited")],
)
mft(
    "neg-never-and-never-will",
    N,
    "We have never sold your data and never will.",
    [sell("prohibited")],
    forbid=[sell("permitted")],
)
mft(
    "neg-currently",
    N,
    "Acme does not currently use your content to train its models.",
    [train("prohibited")],
)
mft(
    "neg-two-denials",
    N,
    "We don't share your data with advertisers, and we don't sell it.",
    [disclose("prohibited", recipient="advertisers"), sell("prohibited")],
    forbid=[disclose("permitted", recipient="advertisers"), sell("permitted")],
)
inv(
    "neg-inv-not-unless-vs-only-if",
    N,
    [
        "We only use your chats to train our models if you opt in.",
        "We do not use your chats to train our models unless you opt in.",
    ],
    xfail=True,
    why="'do not X unless you opt in' reads prohibited+opt_in while 'only X if you opt in' reads permitted+opt_in: same practice, two keys",
)
mft(
    "act-allow-partners",
    A,
    "We may allow our partners to use your data to train their models.",
    [train("permitted", actor="third_party"), disclose("permitted", recipient="partners")],
    xfail=True,
    why="the sharing statement derived from a third party's training gets category third_parties (name 'partners') instead of partners",
)
mft(
    "act-api-classifier",
    A,
    "You may use our API to train a classifier on your own data.",
    [],
    topic=T,
)
mft(
    "np-section-pointer-retention",
    NP,
    "Section 4 explains how long we keep your conversations.",
    [],
    topic=R,
)
mft(
    "np-learn-more-sharing",
    NP,
    "Learn more about how we share information in our Privacy Policy.",
    [],
    topic=S,
)
mft("np-question-sharing", NP, "Who do we share your information with?", [])
mft(
    "dur-up-to-then-deleted",
    D,
    "We retain inputs for up to 30 days to monitor for abuse, after which they are deleted.",
    [dict(topic=R, days=30, bound="up_to")],
)
mft(
    "sale-sell-business",
    SA,
    "Your data may be disclosed to a buyer if we sell our business.",
    [disclose(recipient="acquirers")],
    absent_rule="sharing.sale",
)
mft(
    "sale-ccpa-sell-or-share",
    SA,
    "We do not sell or share your personal information as those terms are defined under"
    " California law.",
    [sell("prohibited")],
    forbid=[sell("permitted")],
)
mft(
    "rec-advisers",
    RC,
    "We may share your information with our professional advisers, such as lawyers and auditors.",
    [disclose("permitted")],
)
mft(
    "rec-mobile-operator",
    RC,
    "With your consent, Acme may share your device identifiers with your mobile operator.",
    [disclose("permitted", recipient="third_parties", condition="opt_in")],
)
mft(
    "rec-bank-transfer-is-a-payment",
    RC,
    "You may pay by credit card or bank transfer, including but not limited to wire payments.",
    [],
    topic=S,
)
mft(
    "rec-operator-of-the-service-is-no-recipient",
    RC,
    "Acme, the operator of the service, stores your chats in the European Union.",
    [],
    topic=S,
)
mft(
    "sub-current-list",
    SP,
    doc="# Sub-processors\n\nOur current sub-processors are:\n\n- Nimbus Cloud (hosting)\n"
    "- Quillfire Labs (inference)\n",
    expect=[disclose(name="nimbus"), disclose(name="quillfire")],
)
inv("inv-one-month-thirty-days", D, old=RET.format("30 days"), new=RET.format("one month"))
inv(
    "inv-up-to-no-more-than",
    D,
    old=doc("Retention", "We keep your chats for up to 30 days."),
    new=doc("Retention", "We keep your chats for no more than 30 days."),
)
inv(
    "inv-opt-out-fronted",
    C,
    old=TR.format("We use your prompts to train our models unless you opt out."),
    new=TR.format("Unless you opt out, we use your prompts to train our models."),
)
dir_(
    "dir-not-stored-added",
    D,
    doc("Incognito", "You can start an incognito chat anytime."),
    doc(
        "Incognito",
        "You can start an incognito chat anytime.",
        "Chats in incognito mode are not stored.",
    ),
    R,
    "narrower",
)
dir_(
    "dir-third-party-training-added",
    A,
    doc("AI", "We use your prompts to answer you."),
    doc(
        "AI",
        "We use your prompts to answer you.",
        "Our model partners may use your prompts to train their own models.",
    ),
    S,
    "broader",
)
dir_(
    "dir-keep-flagged-longer",
    D,
    doc("Safety", "Conversations flagged for review are retained for 90 days."),
    doc("Safety", "Conversations flagged for review are retained for two years."),
    R,
    "broader",
)
dir_(
    "dir-sublicense-added",
    P,
    doc("Licence", "You grant us a licence to host and display your content."),
    doc("Licence", "You grant us a sublicensable licence to host and display your content."),
    S,
    "broader",
)

# ============================================================================ sharing opt-out
mft(
    "shr-stop-sharing-on-signal",
    "condition",
    "Nimbus will stop sharing your browsing data with advertising partners once it receives an"
    " opt-out signal from your browser.",
    [disclose(condition="opt_out")],
    rule="sharing.opt_out",
)
mft(
    "shr-share-with-advertisers-no-stop",
    "condition",
    "Nimbus shares your browsing data with advertising partners to measure campaigns.",
    [disclose(recipient="advertisers")],
    absent_rule="sharing.opt_out",
)
dir_(
    "shr-dir-stop-signal-added",
    "condition",
    old="# Sharing\n\nWe share device identifiers with advertising partners.\n",
    new="# Sharing\n\nWe share device identifiers with advertising partners.\n\nWe will turn off"
    " sharing your device identifiers with advertising partners if your browser sends an opt-out"
    " signal.\n",
    topic=S,
    direction="narrower",
)

# ============================================================================ subject of a statement
# A document that already states a practice for some data starts stating it for a new feature,
# data kind or product: news, even though "the provider trains on data" was true before.
SU = "subject"
POLICY = doc(
    "How we use data",
    "We use your chats with Quill to improve our models.",
    "We share your account details with our payment processors.",
    "We keep your chats for 30 days.",
)
dir_(
    "subj-new-feature-trained-on",
    SU,
    POLICY,
    POLICY + "\nVoice recordings from the Dictation feature may be used to train our models.\n",
    T,
    "broader",
)
dir_(
    "subj-new-data-shared",
    SU,
    POLICY,
    POLICY + "\nWe send your search queries to our search partners.\n",
    S,
    "broader",
)
dir_(
    "subj-new-data-kept",
    SU,
    POLICY,
    POLICY + "\nWe keep your Canvas drafts for 30 days.\n",
    R,
    "broader",
)
inv(
    "subj-reworded-same-subject",
    SU,
    old=POLICY,
    new=POLICY + "\nYour chats with Quill may be used to improve our models.\n",
)
inv(
    "subj-generic-restatement",
    SU,
    old=POLICY,
    new=POLICY + "\nWe may also use your data to improve our models.\n",
)
inv(
    "subj-moved-and-split",
    SU,
    old=POLICY,
    new=doc(
        "How we use data",
        "We keep your chats for 30 days.",
        "We share your account details with our payment processors.",
        "We use your chats with Quill to improve our models.",
    ),
)
inv(
    "subj-product-renamed",
    SU,
    old=doc(
        "How we use data",
        "We use your chats with Quill to improve our models.",
        "Quill may show suggestions while you type.",
    ),
    new=doc(
        "How we use data",
        "We use your chats with Quillpad to improve our models.",
        "Quillpad may show suggestions while you type.",
        "Conversations in Quillpad Studio may be used to improve our models.",
    ),
    xfail=True,
    why="a rename plus a new product tier: the new name is in the edited clauses, but"
    " 'Studio' is a new word, so the new sentence reads as a new subject",
)

# A practice the document already states for one kind of data, now stated for kinds it never
# covered, is news even when every word of it appears elsewhere in the old version ("prompts"
# in a licence to run the service is not "prompts" in a training permission). Data the old
# statements already covered, or covered in general words ("your content"), is not.
KINDS = doc(
    "Licence",
    "You grant Acme a licence to use your prompts and outputs to provide the service.",
    "You grant Acme a licence to use your feedback to improve our models.",
)
dir_(
    "subj-new-data-kinds-for-training",
    SU,
    KINDS,
    KINDS + "\nIf you use our free services, we may use your prompts and outputs to train our"
    " models.\n",
    T,
    "broader",
)
inv(
    "subj-kinds-already-covered-in-general-words",
    SU,
    old=doc(
        "Licence",
        "We may use your content to improve our models.",
        "You can send us feedback at any time.",
    ),
    new=doc(
        "Licence",
        "We may use your content to improve our models.",
        "You can send us feedback at any time.",
        "We may use your feedback to improve our models.",
    ),
)
inv(
    "subj-kinds-split-into-two-sentences",
    SU,
    old=doc("Training", "We may use your prompts and files to train our models."),
    new=doc(
        "Training",
        "We may use your prompts to train our models.",
        "We may also use your files to train our models.",
    ),
)
dir_(
    "subj-kinds-promise-for-new-kinds-is-no-permission",
    SU,
    KINDS,
    KINDS + "\nWe do not use your prompts or outputs to train our models.\n",
    T,
    "narrower",
)

# ============================================================================ unreadable edits
# An edited clause whose new wording still speaks of the topic but that the rules cannot read
# is not evidence of a removal: no "removed" finding (it is listed for review instead).
UR = "unreadable"
REST = (
    "\n\nWe publish a yearly report about government requests.\n\nSupport staff answer by email.\n"
)
inv(
    "unread-reworded-beyond-the-rules",
    UR,
    old="# Data\n\nWe may share your chats with our partners to run the service." + REST,
    new="# Data\n\nWe may let our partners look at your chats to run the service." + REST,
)
dir_(
    "unread-really-removed",
    UR,
    "# Data\n\nWe may share your chats with our partners to run the service." + REST,
    "# Data\n\nWe run the service ourselves." + REST,
    S,
    "narrower",
)

# ============================================================================ trackers as sets
# Cookie tables are compared as sets of (vendor, domain): a domain removed is not a new
# tracker, a row split in two is nothing, a first-party cookie is no sharing at all.
TK = "tracker"
CK = "# Cookies\n\n| Cookie | Provider | Purpose | Domain |\n| --- | --- | --- | --- |\n"
TWO = CK + "| adv_id | Adverta | Advertising | acme.example, nimbus.example |\n"
dir_(
    "trk-domain-removed-is-not-a-new-tracker",
    TK,
    TWO,
    CK + "| adv_id | Adverta | Advertising | acme.example |\n",
    S,
    "narrower",
)
inv(
    "trk-row-split-per-domain",
    TK,
    old=TWO,
    new=CK + "| adv_id | Adverta | Advertising | acme.example |\n"
    "| adv_id | Adverta | Advertising | nimbus.example |\n",
)
dir_(
    "trk-vendor-on-a-new-site",
    TK,
    CK + "| adv_id | Adverta | Advertising | acme.example |\n",
    TWO,
    S,
    "broader",
)
mft(
    "trk-first-party-is-not-sharing",
    TK,
    doc="# Cookies\n\n| Cookie | Provider | Type | Purpose | Domain |\n| --- | --- | --- | --- | --- |\n"
    "| stats | Acme | First-party | Analytics | acme.example |\n",
    expect=[],
    absent_rule="sharing.tracker",
)

# ============================================================================ named, not stated
# Found reading dev findings as counsel would (2026-12-03): a clause that *names* training or
# retention as a subject ("the training data", "the status of training", "read more about how
# we retain data") states no practice; a clause that limits processing to the request and
# denies keeping it is no open-ended retention; a party that keeps data for its own models is
# that party, not the provider; a promise not to sell is not a promise not to share.
NS = "named_not_stated"
mft(
    "ns-training-data-noun",
    NS,
    "Once our models are trained, they cannot look up or retrieve the original training data.",
    [],
    topic=T,
)
mft(
    "ns-status-of-training",
    NS,
    "Nimbus aims to describe accurately the status of logging and training for every model on"
    " its site.",
    [],
    topic=T,
)
mft(
    "ns-for-training-purposes-still-read",
    NS,
    "We may use your conversations for training purposes.",
    [train("permitted")],
)
mft(
    "ns-training-noun-subject-still-read",
    NS,
    "Training on your chats is turned off by default.",
    [train(condition="opt_in")],
)
mft(
    "ns-passive-model-training-still-read",
    NS,
    "Your prompts are never used for model training.",
    [train("prohibited")],
)
mft(
    "ns-read-more-how-we-retain",
    NS,
    "You can read more about the data we collect in the section above, and how we retain"
    " personal data in the Retention section.",
    [],
    topic=R,
)
mft(
    "ns-read-more-what-we-share",
    NS,
    "Learn more about what we collect above and about how we share personal data with"
    " partners below.",
    [],
    topic=S,
)
mft(
    "ns-we-keep-after-pointer-still-read",
    NS,
    "As the Retention section explains, we keep your chats for 30 days.",
    [keep(days=30)],
)
mft(
    "ns-processed-only-as-long-as-needed",
    NS,
    "With zero retention turned on, your prompts are processed only as long as needed to answer"
    " them and are not kept afterwards.",
    [keep("prohibited")],
    forbid=[keep(bound="indefinite")],
)
mft(
    "ns-kept-as-long-as-needed-still-indefinite",
    NS,
    "We keep your prompts as long as needed to run the service and do not delete them sooner.",
    [keep(bound="indefinite")],
)
mft(
    "ns-vendor-stores-for-own-models",
    NS,
    "Some model vendors may store your prompts and train on them to improve their own models.",
    [train(actor="third_party")],
    forbid=[keep(actor="provider")],
)
mft(
    "ns-no-sale-is-not-no-sharing",
    NS,
    "We never use this information to profile people or to sell it to any third party.",
    [sell("prohibited")],
    forbid=[disclose("prohibited")],
)
mft(
    "ns-no-sharing-still-read",
    NS,
    "We never share this information with any third party.",
    [disclose("prohibited")],
)
mft(
    "ns-opt-out-of-training-data-programme",
    NS,
    "You can opt out of the Nimbus AI Training Data programme for your chats at any time.",
    [train(condition="opt_out")],
)
mft(
    "ns-no-longer-needed-is-no-denial",
    NS,
    "When your data is no longer required for these purposes, we will review it; we store your"
    " data only as long as needed for those purposes.",
    [keep(bound="indefinite")],
)

# ============================================================================ operative text
# A practice needs an operative statement. In a list of sub-processors, an item that is a
# sentence ("If you use ..., your data is stored in Ireland.") or a heading of the document
# ("GENERAL PROVISIONS") names no company; a user's right to know what is disclosed is not a
# disclosure.
OP = "operative"
mft(
    "op-subprocessor-list-sentence-and-heading",
    OP,
    doc="# Sub-processors\n\nWe engage the following sub-processors:\n\n- Brightlog Ltd."
    " (analytics)\n- If you use the standard plan, your data is stored in Ireland.\n"
    "- GENERAL PROVISIONS\n- The Corvane Group LLC (email delivery)\n",
    expect=[disclose(name="brightlog"), disclose(name="corvane")],
    forbid=[disclose(name="if"), disclose(name="general")],
)
mft(
    "op-subprocessor-all-caps-company-kept",
    OP,
    doc="# Sub-processors\n\n- NIMBUS CLOUD SERVICES (hosting)\n- Brightlog Ltd. (analytics)\n",
    expect=[disclose(name="nimbus"), disclose(name="brightlog")],
)
mft(
    "op-right-to-know-not-disclosure",
    OP,
    "Right to know. You have the right to know what personal data Acme processes about you,"
    " including the categories of third parties to whom we disclose it.",
    [],
    topic=S,
)
mft(
    "op-right-to-opt-out-of-sale-still-read",
    OP,
    "You have the right to opt out of the sale of your personal information.",
    [sell("permitted")],
)
mft(
    "op-disclosure-after-right-still-read",
    OP,
    "You have the right to know what we collect. We share your personal information with our"
    " advertising partners.",
    [disclose(recipient="advertisers")],
)
inv(
    "op-conditions-moved-to-a-list",
    OP,
    old=doc(
        "Training",
        "We may use your prompts to improve our models only when you use the free plan and you"
        " have not opted out.",
    ),
    new=doc(
        "Training",
        "We may use your prompts to improve our models only when",
        "- you use the free plan; and\n- you have not opted out.",
    ),
    topic=T,
)
# A promise not to store that loses the plan it was limited to now holds for everyone
# (narrower); one that gains a mode now holds only there (broader). Neither is a removal.
dir_(
    "op-no-storage-promise-loses-its-plan-word",
    OP,
    doc("Retention", "On the API plan, your inputs are not stored unless you turn on logging."),
    doc("Retention", "Your inputs are not stored unless you turn on logging."),
    R,
    "narrower",
)
dir_(
    "op-no-storage-promise-gains-a-mode",
    OP,
    doc("Indexing", "Embeddings of your files may be kept on our servers, but none of your"
        " files is."),
    doc("Indexing", "Embeddings of your files may be kept on our servers, but in privacy mode,"
        " none of your files is."),
    R,
    "broader",
)  # fmt: skip
inv(
    "op-no-storage-promise-mode-named-twice",
    OP,
    old=doc("Retention", "In incognito mode, your chats are not stored. Incognito mode is free."),
    new=doc("Retention", "In incognito mode, your chats are not stored."),
    topic=R,
)
mft(
    "op-trained-on-public-web-data",
    OP,
    "Acme's models are trained on publicly available text from the open web, and some of it"
    " can be personal data.",
    [],
    topic=T,
)
mft(
    "op-trained-on-public-and-your-data-still-read",
    OP,
    "Our models are trained on data that is publicly available on the internet and on your"
    " conversations.",
    [train()],
)
inv(
    "op-new-permission-whose-conditions-follow-as-items",
    OP,
    old=doc("Training", "We keep your prompts for 30 days."),
    new=doc(
        "Training",
        "We keep your prompts for 30 days.",
        "We may use your prompts to improve our models only when",
    ),
    topic=T,
)
dir_(
    "op-permission-for-one-situation-made-general",
    OP,
    old=doc(
        "Training",
        "If your chats are flagged for a safety review, we may use them to train our safety"
        " models.",
    ),
    new=doc("Training", "We may use your chats to train our models unless you opt out."),
    topic=T,
    direction="broader",
)
dir_(
    "op-consent-condition-is-no-situation",
    OP,
    old=doc("Training", "If you agree, we may use your chats to train our models."),
    new=doc("Training", "We may use your chats to train our models unless you opt out."),
    topic=T,
    direction="broader",
)
dir_(
    "op-general-permission-limited-to-one-plan",
    OP,
    old=doc("Training", "We may use your chats to train our models."),
    new=doc(
        "Training",
        "When you use the free plan, we may use your chats to train our models unless you opt out.",
    ),
    topic=T,
    direction="narrower",
)
mft("op-purpose-label-gerund", OP, "Maintaining legal and regulatory compliance.", [], topic=S)
mft("op-section-label-gerund", OP, "Sharing with law enforcement.", [], topic=S)
mft(
    "op-gerund-subject-still-read",
    OP,
    "Sharing your personal information with advertisers is off by default.",
    [disclose(recipient="advertisers")],
)
mft(
    "op-purpose-item-discloses-nothing",
    OP,
    doc="# How we use your personal data\n\nWe use your personal data for these purposes:\n\n"
    "- Improving our security measures.\n- Maintaining legal and regulatory compliance.\n",
    expect=[],
    topic=S,
)
mft(
    "op-recipient-item-after-a-disclosure-lead-still-read",
    OP,
    doc="# Disclosures\n\nWe may disclose your personal data to:\n\n- law enforcement and"
    " regulators.\n",
    expect=[disclose(recipient="authorities")],
)
dir_(
    "op-plan-added-beside-a-product-name",
    OP,
    old=doc("Training", "If you use Nimbus Chat Free: we use your chats to train our models."),
    new=doc(
        "Training",
        "If you use Nimbus Chat Free or Nimbus Chat Pro: we use your chats to train our models.",
    ),
    topic=T,
    direction="broader",
)
mft(
    "neg-not-share-other-than-processors",
    N,
    "We do not share personal data with third parties other than our payment processors.",
    [disclose("permitted", recipient="service_providers")],
    forbid=[disclose("prohibited", recipient="service_providers")],
)
mft(
    "neg-not-share-no-carve-out-stays-denied",
    N,
    "We do not share your personal data with advertisers or data brokers.",
    [disclose("prohibited", recipient="advertisers")],
    forbid=[disclose("permitted")],
)
mft(
    "neg-not-share-except-as-law-requires",
    N,
    "We do not share your personal data with advertisers, except as required by law.",
    [disclose("prohibited", recipient="advertisers")],
    forbid=[disclose("permitted", recipient="advertisers")],
)

# ============================================================= purposes tables (legal basis)
# A privacy notice's table of purposes and legal bases lists what the provider processes
# personal data for: a row whose purpose is to train or improve models states that the
# provider uses personal data for it, though the row names neither "we" nor "your data".
PT = "purposes_table"
PURPOSES = (
    "# How we use personal data\n\nWe process personal data for these purposes:\n\n"
    "| Purpose | Legal basis |\n| --- | --- |\n"
)
mft(
    "pt-row-trains-models",
    PT,
    doc=PURPOSES + "| To develop and improve our AI models | Legitimate interests |\n",
    expect=[train(actor="provider")],
    rule="training.purpose_row",
)
mft(
    "pt-row-trains-models-in-basis-cell",
    PT,
    doc=PURPOSES + "| To improve the services and do research | Legitimate interests: it is in our"
    " interest to train our machine learning models |\n",
    expect=[train(actor="provider")],
    rule="training.purpose_row",
)
mft(
    "pt-row-provides-service",
    PT,
    doc=PURPOSES + "| To provide and maintain the services | Performance of a contract |\n",
    expect=[],
    topic="training_use",
)
mft(
    "pt-row-not-purpose-table",
    PT,
    doc="# Models\n\n| Model | Description |\n| --- | --- |\n"
    "| Nimbus-2 | We develop and improve our AI models with licensed books |\n",
    expect=[],
    topic="training_use",
    absent_rule="training.purpose_row",
)
mft(
    "pt-row-denies-training",
    PT,
    doc=PURPOSES + "| To develop our AI models | We do not use your personal data for this"
    " purpose |\n",
    expect=[train("prohibited")],
    forbid=[train("permitted")],
)
mft(
    "pt-sentence-interest-alone",
    PT,
    "Acme has a legitimate interest in training and improving its AI models.",
    expect=[],
    topic="training_use",
    absent_rule="training.purpose_row",
)

# ===================================================== scope: a named product <-> all services
# A practice stated for one named product, edited to hold for "our Services" (or back), covers
# more (or less): a promise widened is narrower, a permission widened broader. A product
# renamed, or a name that is the party acting, is no scope change.
PS = "product_scope"
dir_(
    "ps-promise-widened-to-all-services",
    PS,
    doc(
        "Training",
        "If you connect apps to Nimbus Chat, we do not use their content to train our models.",
    ),
    doc(
        "Training",
        "If you connect apps to our Services, we do not use their content to train our models.",
    ),
    T,
    "narrower",
)
dir_(
    "ps-permission-widened-to-all-services",
    PS,
    doc("Training", "We use your conversations in Nimbus Chat to improve our models."),
    doc("Training", "We use your conversations in our services to improve our models."),
    T,
    "broader",
)
dir_(
    "ps-promise-narrowed-to-one-product",
    PS,
    doc(
        "Training",
        "If you connect apps to our Services, we do not use their content to train our models.",
    ),
    doc(
        "Training",
        "If you connect apps to Nimbus Chat, we do not use their content to train our models.",
    ),
    T,
    "broader",
)
inv(
    "ps-product-renamed",
    PS,
    old=doc(
        "Training",
        "If you connect apps to Nimbus Chat, we do not use their content to train our models.",
    ),
    new=doc(
        "Training",
        "If you connect apps to Nimbus Assistant, we do not use their content to train our models.",
    ),
)
inv(
    "ps-acting-party-not-scope",
    PS,
    old=doc("Training", "Quillfire Labs does not use your chats to train its models."),
    new=doc("Training", "Our services do not use your chats to train its models."),
)

# "free" names a plan only as a word of its own ("free users", "the Free Services"); inside a
# compound ("royalty-free", "error-free") or as "free of charge" it is a licence or price term,
# and an edit adding it changes no one's coverage.
inv(
    "ps-royalty-free-is-no-plan",
    PS,
    old=doc(
        "Training",
        "You grant Acme a worldwide, non-exclusive right to use your Feedback to improve our models.",
    ),
    new=doc(
        "Training",
        "You grant Acme a worldwide, non-exclusive, royalty-free right to use your Feedback to"
        " improve our models.",
    ),
)
dir_(
    "ps-free-plan-added-to-promise",
    PS,
    doc("Training", "We do not use the chats of Pro users to train our models."),
    doc("Training", "We do not use the chats of Free and Pro users to train our models."),
    T,
    "narrower",
)

# ============================================== exceptions the user grants, deletions the user does
# "unless you allow us" is an exception only the user's permission opens: consent (opt-in),
# not an opt-out, whatever "unless" reads elsewhere ("unless you opt out").
mft(
    "cond-unless-you-allow",
    C,
    "Your files are only used to answer your requests unless you allow Acme to use them to"
    " improve its models.",
    [train(condition="opt_in")],
    forbid=[train(condition="opt_out")],
    rule="training.condition.opt_in",
)
mft(
    "cond-not-unless-you-allow",
    C,
    "We do not use your files to train our models unless you allow us to.",
    [train("prohibited", condition="opt_in")],
)
mft(
    "cond-unless-you-opt-out-stays",
    C,
    "We use your files to train our models unless you tell us not to in Settings.",
    [train(condition="opt_out")],
    forbid=[train(condition="opt_in")],
)
# A deletion the user makes is no deadline of the provider: the period stays a keeping.
mft(
    "dur-user-deletes-not-deadline",
    D,
    "If you use Nimbus Chat, we keep your chats while your account is open (unless you delete"
    " them) and for 90 days after.",
    [keep(days=90)],
    forbid=[delete(days=90)],
)
mft(
    "dur-provider-deletes-is-deadline",
    D,
    "We delete your chats within 90 days after you close your account.",
    [delete(days=90)],
)
# A plan that qualifies the opt-out ("an option available to Pro users") limits who may opt
# out: the permission covers more people, not fewer.
dir_(
    "ps-opt-out-limited-to-a-plan",
    PS,
    doc("Training", "We use your chats to train our models unless you opt out."),
    doc(
        "Training",
        "We use your chats to train our models unless you opt out, where this option"
        " is available for Pro users.",
    ),
    T,
    "broader",
)
dir_(
    "ps-practice-limited-to-a-plan",
    PS,
    doc("Training", "We use your chats to train our models unless you opt out."),
    doc("Training", "We use the chats of Pro users to train our models unless they opt out."),
    T,
    "narrower",
)

# Data given *to* the provider ("you give us permission to access your information from that
# service") flows in: the third party named is where it comes from, not a recipient.
mft(
    "src-you-give-us-access",
    SR,
    "By connecting Acme to a third-party service, you give us permission to access and use"
    " your information from that service.",
    expect=[],
    topic="sharing",
)
mft(
    "src-we-give-third-parties-access",
    SR,
    "We may give third parties access to your information.",
    [disclose(recipient="third_parties")],
)
mft(
    "src-you-give-us-data-we-share-it",
    SR,
    "You give us your contact details, and we may share them with third parties.",
    [disclose(recipient="third_parties")],
)

# ================================================ more ways English says "we train on it"
# Paraphrases of a permission to train, each in words the rules did not read before; and
# the same words where nothing of the user's is used.
mft(
    "voice-make-models-better",
    V,
    "By default, your chats are used to make our models better.",
    [train(condition="opt_out")],
)
mft("voice-data-helps-us-train", V, "Your data helps us train and improve our models.", [train()])
mft(
    "voice-leverage-to-enhance-performance",
    V,
    "We leverage user prompts to enhance the performance of our large language models.",
    [train()],
)
mft(
    "voice-public-and-yours",
    V,
    "We may train our models on publicly available information and on information you provide"
    " to us.",
    [train()],
)
mft(
    "voice-public-only",
    V,
    "We train our models on publicly available information and licensed data.",
    expect=[],
    topic="training_use",
)
mft(
    "voice-excluded-from-training",
    V,
    "Your private repositories are excluded from model training.",
    [train("prohibited")],
    forbid=[train("permitted")],
)
mft(
    "voice-make-better-no-data",
    V,
    "Our engineers work hard to make our models better every month.",
    expect=[],
    topic="training_use",
)
mft(
    "voice-helps-us-no-data",
    V,
    "Your patience helps us keep the service running.",
    expect=[],
    topic="training_use",
)
mft(
    "cond-unless-you-choose-to-opt-out",
    C,
    "We use your chats to train our models, unless you choose to opt out of such training.",
    [train(condition="opt_out")],
    forbid=[train(condition="opt_in")],
)
mft(
    "cond-opt-out-then-unless-you-authorize",
    C,
    "We use your chats to train our models. You can opt out at any time; then we do not use"
    " your chats to train our models unless you expressly authorize us to.",
    [train(condition="opt_out")],
)

# ===================================================== what an exception to a retention does
# An exception the user can take to have less kept (zero data retention, an opt-out, deleting)
# narrows a retention; an exception that keeps more (the law, a feature turned on) widens it,
# whether the clause is a period or a promise not to store.
dir_(
    "rk-exception-zdr-narrows",
    RK,
    doc("Retention", "We retain your prompts for 30 days to monitor abuse."),
    doc(
        "Retention",
        "We retain your prompts for 30 days to monitor abuse, unless you activate"
        " zero data retention.",
    ),
    R,
    "narrower",
)
dir_(
    "rk-exception-law-widens",
    RK,
    doc("Retention", "We delete your chats within 30 days."),
    doc(
        "Retention",
        "We delete your chats within 30 days, unless the law requires us to keep them longer.",
    ),
    R,
    "broader",
)
dir_(
    "rk-exception-feature-on-widens-a-promise",
    RK,
    doc("Retention", "We do not store your voice recordings."),
    doc("Retention", "We do not store your voice recordings, unless you turn on voice history."),
    R,
    "broader",
)
dir_(
    "rk-exception-zdr-dropped-widens",
    RK,
    doc(
        "Retention",
        "We retain your prompts for 30 days to monitor abuse, unless you activate"
        " zero data retention.",
    ),
    doc("Retention", "We retain your prompts for 30 days to monitor abuse."),
    R,
    "broader",
)
# A keeping with its own limit ("for the duration of the job", "until you delete it") is a
# permission and a limit at once: removing it is a change, not less keeping.
dir_(
    "rk-bounded-keeping-removed-is-a-change",
    RK,
    doc(
        "Retention",
        "We never sell your data.",
        "If you use the Tuning API, your files are stored for the duration of the tuning job.",
    ),
    doc("Retention", "We never sell your data."),
    R,
    "changed",
)
dir_(
    "rk-plain-keeping-removed-is-narrower",
    RK,
    doc("Retention", "We never sell your data.", "If you use the Tuning API, we store your files."),
    doc("Retention", "We never sell your data."),
    R,
    "narrower",
)

# A deletion the user may ask for is the user's right, not the provider's practice: "you may
# request that we delete your data" states no deletion (nor any period it mentions in passing).
mft(
    "rk-request-that-we-delete-is-a-right",
    RK,
    "You may request that we delete your personal data, subject to certain exceptions.",
    expect=[],
    topic="retention",
)
mft(
    "rk-ask-us-to-delete-is-a-right",
    RK,
    "You can ask us to delete the recordings we hold about you.",
    expect=[],
    topic="retention",
)
mft(
    "rk-we-delete-when-asked-is-a-duty",
    RK,
    "We delete your personal data when you ask us to.",
    [delete()],
)
mft(
    "rk-asked-then-we-delete-within",
    RK,
    "If you ask us to close your account, we delete your chats within 30 days.",
    [delete(days=30)],
)
# "subject to any Third Party Terms": a third party named as the author of terms, code or
# content is no recipient of the user's data.
mft(
    "src-third-party-terms-not-recipient",
    SR,
    "Acme grants you all right, title and interest in the Output, including for sale or"
    " publication, subject to any Third Party Terms that may apply to it.",
    expect=[],
    topic="sharing",
)
mft(
    "src-third-party-services-recipient",
    SR,
    "We may share your usage data with third-party services that help us run the site.",
    [disclose(recipient="third_parties")],
)
# A negator of the main verb does not deny a reduced relative on its subject: "information
# provided to third parties will not be retrieved" states no promise not to share.
mft(
    "neg-not-over-relative-on-subject",
    N,
    "Information provided to third parties before you opt out will not be retrieved.",
    expect=None,
    forbid=[disclose("prohibited")],
)
# A giving verb only in a reduced relative on the subject names the data by what happened
# to it ("information provided to third parties will not be retrieved"): the sentence states
# what is done to that data, not a new sharing of it
mft(
    "np-sharing-presupposed-in-a-subject-relative",
    NP,
    "Information provided to third parties before you opt out will not be retrieved.",
    [],
    topic=S,
)
mft(
    "np-sharing-presupposed-governed-by-their-terms",
    NP,
    "Any information shared with our advertising partners will be subject to their own"
    " privacy policies.",
    [],
    topic=S,
)
# ...while a giving verb as the main verb, or a relative on its object, still shares
mft(
    "np-sharing-main-verb-passive-still-shares",
    NP,
    "Your data may be provided to third parties to prevent fraud.",
    [disclose(recipient="third_parties")],
)
mft(
    "np-sharing-relative-on-object-still-shares",
    NP,
    "We share data provided by you with our affiliates.",
    [disclose(recipient="affiliates")],
)
# a party named as the one who acts ("a transfer that we or a third party make") is not
# named as a recipient
mft(
    "np-party-as-the-agent-is-no-recipient",
    NP,
    "Your details reach Nimbus either because you give them to us yourself or through a"
    " transfer that a partner or a third party makes.",
    [],
    topic=S,
)
# ...a party the data is given to is still one, whoever else acts in the sentence
mft(
    "np-party-given-the-data-is-a-recipient",
    NP,
    "We may disclose your personal data to third parties, who may use it for their own purposes.",
    [disclose(recipient="third_parties")],
)
mft(
    "np-party-that-receives-is-a-recipient",
    NP,
    "Third parties may receive your personal data when you use our integrations.",
    [disclose(recipient="third_parties")],
)
mft(
    "neg-over-relative-on-object-stays",
    N,
    "We do not use information resulting from your prompts to improve our models.",
    [train("prohibited")],
)
# "often de-identified" hedges; it sets no condition on the use.
mft(
    "cond-deid-hedged-is-no-condition",
    C,
    "We use data, often de-identified, to train and fine-tune AI models.",
    [train(condition="none")],
    forbid=[train(condition="deidentified")],
)
mft(
    "cond-deid-stated-is-a-condition",
    C,
    "We use de-identified data to train our AI models.",
    [train(condition="deidentified")],
)
# "If you opt out, we will not use ..." promises nothing by default: it says the use goes on
# until the user opts out (a permission with an opt-out), not that there is no use.
mft(
    "cond-if-you-opt-out-we-will-not",
    C,
    "If you turn off Model Improvement, new chats will not be used to train our models.",
    [train(condition="opt_out")],
    forbid=[train("prohibited")],
)
mft(
    "cond-opting-out-means-no-longer",
    C,
    "Opting out means we will no longer use your future conversations to train our models.",
    [train(condition="opt_out")],
    forbid=[train("prohibited")],
)
mft(
    "cond-if-you-ask-we-will-not-stays-a-promise",
    C,
    "We will not use your conversations to train our models, and you can check this in Settings.",
    [train("prohibited")],
)
mft(
    "voice-excluded-from-training-datasets",
    V,
    "Chats marked as private are excluded from training datasets.",
    [train("prohibited")],
)

# A field of a sub-processor entry ("Purpose: Hosting", "Data location: Ireland") names no
# company; an entry "Nimbus Cloud: hosting" does.
mft(
    "sub-field-label-not-entry",
    SP,
    doc="# Sub-processors\n\nWe engage the following sub-processors:\n\n- Purpose: Cloud"
    " infrastructure.\n- Data location: Ireland\n",
    expect=[],
    topic="sharing",
    absent_rule="sharing.subprocessor",
)
mft(
    "sub-name-colon-role-entry",
    SP,
    doc="# Sub-processors\n\nWe engage the following sub-processors:\n\n- Nimbus Cloud: cloud"
    " infrastructure\n",
    expect=[disclose(name="nimbus cloud")],
    rule="sharing.subprocessor",
)

# A bare label ("Zero data retention.", "Model training") names a topic and states nothing;
# a label with a period does state something.
mft("np-label-zero-data-retention", NP, "Zero data retention.", expect=[], topic="retention")
mft("np-label-model-training", NP, "Model training", expect=[], topic="training_use")
mft("np-label-with-period", NP, "Data retention: 30 days.", [keep(days=30)])
# A recipient named deep inside the exception ("except ... for transfer to authorized cloud
# distributors") is still the exception's: it gets the data, it is not denied it.
# The same for a recipient of another category: resellers and distributors are partners, and
# as the exception of the denial they get the data.
mft(
    "neg-distributors-inside-exception-phrase",
    N,
    "The tuned model stays confidential and Acme shall not disclose it to any third party except"
    " under your instructions and for authorized transfer to authorized cloud distributors.",
    expect=None,
    forbid=[disclose("prohibited", recipient="partners")],
)
mft(
    "neg-recipient-inside-exception-phrase",
    N,
    "We do not disclose your fine-tuned model to any third party except for an authorized"
    " transfer to our approved cloud service providers.",
    expect=None,
    forbid=[disclose("prohibited", recipient="service_providers")],
)

# A plan named in an exception ("unless you use the paid plan") is left out of what the clause
# covers; a plan named in its condition ("if you use the free plan") is all it covers. More
# plans excepted from a permission narrow it; more excepted from a promise widen the practice.
PE = "plan_exceptions"
PE_OLD_FREE = (
    "If you use the free plan, we use your chats to improve our models unless you opt out."
)
PE_ALL_BUT_PAID = (
    "We use your chats to improve our models unless you use the paid plan and opt out."
)
dir_("pe-plan-condition-to-all-but-excepted", PE, TR.format(PE_OLD_FREE),
     TR.format(PE_ALL_BUT_PAID), T, "broader")  # fmt: skip
dir_("pe-all-but-excepted-to-plan-condition", PE, TR.format(PE_ALL_BUT_PAID),
     TR.format(PE_OLD_FREE), T, "narrower")  # fmt: skip
dir_(
    "pe-excepted-plan-added-to-permission",
    PE,
    TR.format("We use your chats to improve our models unless you use the Team plan."),
    TR.format(
        "We use your chats to improve our models unless you use the Team or Enterprise plan."
    ),
    T,
    "narrower",
)
dir_(
    "pe-excepted-plan-dropped-from-permission",
    PE,
    TR.format(
        "We use your chats to improve our models unless you use the Team or Enterprise plan."
    ),
    TR.format("We use your chats to improve our models unless you use the Team plan."),
    T,
    "broader",
)
dir_(
    "pe-excepted-plan-added-to-promise",
    PE,
    TR.format("We do not use your chats to train our models unless you use the free plan."),
    TR.format("We do not use your chats to train our models unless you use the free or Pro plan."),
    T,
    "broader",
)
dir_(
    "pe-covered-plan-added-to-permission",
    PE,
    TR.format("If you use the free plan, we use your chats to train our models."),
    TR.format("If you use the free or Pro plan, we use your chats to train our models."),
    T,
    "broader",
)
mft(
    "pe-plan-exception-is-no-opt-out",
    PE,
    "We use your chats to improve our models unless you use the Team plan.",
    [train("permitted", condition="none")],
    forbid=[train("permitted", condition="opt_out")],
)
mft(
    "pe-plan-and-opt-out-is-opt-out",
    PE,
    "We use your chats to improve our models unless you are on the Team plan and opt out.",
    [train("permitted", condition="opt_out")],
)

# Training named only as what some data is for ("the data used to train AI models may be
# biased", "models need large amounts of data to train") states no act of training on the
# user's data; data *put into* that set ("your content may be included in the data used to
# train our models") or collected for it by the provider is one. "Developers" is no verb.
TD = "training_data_named"
mft(
    "td-data-used-to-train-described",
    TD,
    "AI models can repeat biases that are present in the data used to train them.",
    [],
    topic=T,
)
mft(
    "td-models-need-data-to-train",
    TD,
    "Large language models require vast amounts of data to train, and the data used to train"
    " them may be of poor quality.",
    [],
    topic=T,
)
mft(
    "td-content-included-in-training-data",
    TD,
    "Your content may be included in the data used to train our models.",
    [train("permitted")],
)
mft(
    "td-we-collect-data-used-to-train",
    TD,
    "We collect the conversations used to train our models from your chats with Nimbus.",
    [train("permitted")],
)
mft(
    "td-help-developers-is-no-development",
    TD,
    "Our platform offers coding tools driven by machine learning to help developers write code"
    " faster and can suggest code and other outputs.",
    [],
    topic=T,
)
mft(
    "td-models-need-data-and-we-use-yours",
    TD,
    "Our models need large amounts of data to train, so we use your chats to train them.",
    [train("permitted")],
)
# "fine-tune" is one verb: who fine-tunes is read from its own subject.
mft(
    "td-customer-fine-tunes-in-relative",
    TD,
    "You are solely responsible for the tuning process and the Input you used to fine-tune"
    " our models.",
    [],
    topic=T,
    xfail=True,
    why="the customer fine-tunes 'our models': a provider's model as the object keeps the provider's reading (as for 'you may use outputs to improve our models')",
)
mft(
    "td-provider-fine-tunes",
    TD,
    "We may fine-tune our models on the prompts you send to the assistant.",
    [train("permitted", actor="provider")],
)
mft(
    "td-tuning-product-name",
    TD,
    "Once the contract ends we keep the Fine-Tuned Model for one year so that you can use it"
    " again if you subscribe to our Fine-Tuning API.",
    [],
    topic=T,
)

# A recipient is the object of a sharing verb in its own sentence: "you may provide input to
# a model ... Other users may ask the same questions" gives other users nothing.
mft(
    "rc-recipient-in-another-sentence",
    RC,
    "Answers may not be unique: you may provide a question to the assistant and receive an"
    " answer. Other users may ask similar questions and get the same answer.",
    [],
    topic=S,
)
mft(
    "rc-recipient-after-abbreviation",
    RC,
    "We may share usage data (e.g. page views and clicks) with advertisers.",
    [disclose("permitted", recipient="advertisers")],
)
mft(
    "rc-recipient-after-us-abbreviation",
    RC,
    "We share your contact information with U.S. partners who run our events.",
    [disclose("permitted", recipient="partners")],
)

# An exception is read with the sentence that holds it: one added to the promise of a clause
# that also states a permission opens the promise (broader), and one added to the permission
# limits it (narrower).
EX = "exceptions_in_their_sentence"
EX_BASE = (
    "We use your chats to train our models. You can opt out in Settings. If you opt out, we do"
    " not use your chats to train our models{}."
)
dir_("ex-exception-to-promise-in-permission-clause", EX,
     TR.format(EX_BASE.format("")),
     TR.format(EX_BASE.format(", unless you expressly ask us to")), T, "broader")  # fmt: skip
dir_(
    "ex-exception-to-permission-in-clause-with-promise",
    EX,
    TR.format(
        "We use your chats to train our models. If you opt out, we do not use your chats to"
        " train our models."
    ),
    TR.format(
        "We use your chats to train our models, except chats in shared workspaces. If you opt"
        " out, we do not use your chats to train our models."
    ),
    T,
    "narrower",
)

# De-identifying data before a use of it prepares the use; it ends no keeping. De-identifying
# or anonymising it as such is a deletion duty.
mft(
    "ret-deidentify-before-use-is-no-deletion",
    RK,
    "Subject to your opt-out, we de-identify such data before using it to train our models.",
    [],
    topic=R,
    absent_rule="retention.deletion_duty",
)
mft(
    "ret-anonymise-before-sharing-is-no-deletion",
    RK,
    "We anonymize your usage data before sharing it with our research partners.",
    [],
    topic=R,
    absent_rule="retention.deletion_duty",
)
mft(
    "ret-deidentify-as-duty",
    RK,
    "When you close your account, we will delete or de-identify your personal data.",
    [delete()],
    rule="retention.deletion_duty",
)
# A user's right that refers to a period stated elsewhere states no period of its own.
mft(
    "ret-request-refers-to-period",
    RK,
    "You may request that we delete the tuned model before the end of the one (1) year"
    " retention period by writing to support.",
    forbid=[keep(days=365)],
)
mft(
    "ret-period-stated-with-request",
    RK,
    "We keep the tuned model for one (1) year; you may request that we delete it earlier.",
    [dict(topic=R, days=365)],
)
mft(
    "ret-tuned-model-kept-after-term-of-agreement",
    RK,
    "After this Agreement ends, we will retain the fine-tuned model for a period of one (1)"
    " year so that you can use it again.",
    [keep(days=365)],
)
# Data named only in a sentence about the way out is not what the practice covers: dropping
# that sentence narrows nothing.
inv(
    "ex-way-out-sentence-dropped-names-no-data",
    EX,
    old=TR.format(
        "We use your data for these purposes:\n\n* To train our models on your chats. You can"
        " opt out in Settings; your opt-out applies to future chats and outputs only.\n"
    ),
    new=TR.format(
        "We use your data for these purposes:\n\n* To train our models on your chats. You can"
        " opt out in Settings.\n"
    ),
)
# Fewer cases that can be opted out of widen a permission; an opt-out moved to a clause of its
# own changes nothing.
dir_(
    "ex-opt-out-dropped-from-one-case",
    EX,
    TR.format(
        "We use your data for these purposes:\n\n* To train our models on your chats (i) if you"
        " use the Team plan and you do not opt out, or (ii) if you use the free plan and you do"
        " not opt out. You can opt out at any time in Settings.\n"
    ),
    TR.format(
        "We use your data for these purposes:\n\n* To train our models on your chats (i) if you"
        " use the Team plan and you do not opt out, or (ii) if you use the free plan.\n"
    ),
    T,
    "broader",
)
inv(
    "ex-opt-out-sentence-moved",
    EX,
    old=TR.format(
        "We use your data for these purposes:\n\n* To train our models on your chats, unless you"
        " opt out. You can opt out at any time in Settings.\n"
    ),
    new=TR.format(
        "We use your data for these purposes:\n\n* To train our models on your chats, unless you"
        " opt out.\n\nYou can opt out at any time in Settings.\n"
    ),
)
# A permission worded as a limit ("we only use X to train if ...") that is removed takes the
# limit with it (broader); a plain permission removed is narrower.
dir_(
    "ex-limiting-permission-removed",
    EX,
    doc("Training", "We keep the service running.",
        "Nimbus only uses your prompts to improve its models if you use the free plan and do"
        " not opt out."),
    doc("Training", "We keep the service running."),
    T,
    "broader",
)  # fmt: skip
dir_(
    "ex-plain-permission-removed",
    EX,
    doc("Training", "We keep the service running.",
        "Nimbus uses your prompts to improve its models unless you opt out."),
    doc("Training", "We keep the service running."),
    T,
    "narrower",
)  # fmt: skip
dir_(
    "ex-purpose-additional-products",
    EX,
    TR.format("We may use usage data to improve and enhance the Services."),
    TR.format("We may use usage data to improve and enhance the Services and additional Nimbus"
              " products."),
    T,
    "broader",
)  # fmt: skip
# The laws of a destination country that require disclosure to its authorities are a factor of
# a transfer assessment, not a disclosure the provider makes; the provider's own disclosure to
# authorities when the law requires it is one.
mft(
    "rc-destination-laws-requiring-disclosure",
    RC,
    "(ii) the laws and practices of the third country of destination, including those"
    " requiring the disclosure of data to public authorities or authorising access by such"
    " authorities, relevant in light of the specific circumstances of the transfer.",
    [],
    topic=S,
)
mft(
    "rc-provider-discloses-when-law-requires",
    RC,
    "We may disclose your personal data to public authorities when the law requires us to.",
    [disclose("permitted", recipient="authorities")],
)
# Two clauses with hardly a word in common state two practices: a permission with an opt-out
# removed and another permission added elsewhere are not one permission whose opt-out went
# (the removal is its own, narrower, finding).
dir_(
    "ex-unrelated-permissions-are-no-condition-change",
    EX,
    doc("Privacy", "We provide the service.",
        "If you keep Ghost Mode off, we collect editor telemetry and use it to improve our"
        " models unless you opt out in Settings."),
    doc("Privacy", "We provide the service.",
        "Research: we use your data to improve the Service and conduct research, including"
        " model training, on the basis of legitimate interests."),
    T,
    "narrower",
)  # fmt: skip
mft(
    "act-keeping-data-to-fine-tune-a-model-is-the-customers-job",
    A,
    "If you use Nimbus Cloud, we retain your prompts for the duration necessary to generate the"
    " output or to fine-tune a model, depending on the feature you use.",
    forbid=[train("permitted")],
)
# A removed clause that kept data and also promised something of another topic: less kept, a
# protection gone; the direction is mixed.
dir_(
    "ex-removed-keeping-with-a-promise-is-mixed",
    EX,
    doc("Modes", "We provide the service.",
        "* If you enable Team Mode in settings: none of your code will ever be trained on by us"
        " or any third party.",
        "* If you enable Storage Mode in settings: we may store some code data to provide extra"
        " features. None of your code will ever be trained on by us or any third party."),
    doc("Modes", "We provide the service.",
        "* If you enable Team Mode in settings: none of your code will ever be trained on by us"
        " or any third party."),
    R,
    "changed",
)  # fmt: skip
# A new clause that promises not to share something, with one exception, is a protection
# with a way through it: neither plainly broader nor narrower.
dir_(
    "ex-new-promise-with-an-exception-is-changed",
    EX,
    doc("Models", "We provide the service."),
    doc("Models", "We provide the service.",
        "Your fine-tuned model stays confidential and Nimbus will not disclose it to any third"
        " party except to our approved resellers."),
    S,
    "changed",
)  # fmt: skip
dir_(
    "ex-new-permission-without-a-promise-is-broader",
    EX,
    doc("Models", "We provide the service."),
    doc("Models", "We provide the service.",
        "Nimbus may disclose your fine-tuned model to our approved resellers."),
    S,
    "broader",
)  # fmt: skip
# a list item of what is disclosed, with no label before its noun, still states the disclosure
mft(
    "src-disclosed-category-item-still-read",
    SR,
    "Contact information shared with advertising partners.",
    [disclose(recipient="advertisers")],
)
# ... and so when the document states the opt-out permission elsewhere already: the edited
# clause is compared with the clause it replaced, not read as a removal
dir_(
    "cond-deid-training-gains-an-opt-out-stated-elsewhere",
    C,
    DEID_ITEM.format("")
    + "- If you use the pro plan: we use your prompts to train our models unless you opt out.\n",
    DEID_ITEM.format(OPT_OUT_ADDED)
    + "- If you use the pro plan: we use your prompts to train our models unless you opt out.\n",
    T,
    "narrower",
)
# A clause removed whole that let the provider use data unless the user opted out takes the
# use and the way out together: the direction is mixed. Only the permission removed, with
# no opt-out of its own, is narrower.
dir_(
    "ex-removed-opt-out-permission-is-mixed",
    EX,
    doc("Privacy", "We provide the service.",
        "Users can opt out of the logging of prompts, which are used to improve our models."),
    doc("Privacy", "We provide the service."),
    T,
    "changed",
)  # fmt: skip
dir_(
    "ex-removed-plain-permission-is-narrower",
    EX,
    doc("Privacy", "We provide the service.", "We use your prompts to improve our models."),
    doc("Privacy", "We provide the service."),
    T,
    "narrower",
)  # fmt: skip
