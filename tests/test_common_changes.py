"""Common material changes, each written as a short fictional before/after pair.

These are the kinds of edits legal teams ask about across providers; the rules must read them
from the language alone (no provider, product or date appears in the rules).
"""

from __future__ import annotations

import pytest

from clausewatch.detection.compare import compare_clauses
from clausewatch.parsers.clauses import find_clauses

RETAIN = "# Data\n\nIf you allow us to use your chats for training, we keep them for {}.\n"
SHARE = "# Sharing\n\nWe share data with service providers who help us run the service.\n"
SUBS = (
    "# Sub-processors\n\n| Sub-processor | Purpose | Location |\n| --- | --- | --- |\n"
    "| Nimbus Cloud Inc. | Hosting | USA |\n"
)

CASES = [
    (
        "human reviewers read chats to improve models",
        "# Privacy\n\nWe keep your chats for 18 months.\n",
        "# Privacy\n\nWe keep your chats for 18 months. Human reviewers may read your"
        " conversations to improve our models.\n",
        {("training_use", "broader")},
    ),
    (
        "retention of training data from 30 days to five years",
        RETAIN.format("30 days"),
        RETAIN.format("five years"),
        {("retention", "broader")},
    ),
    (
        "identifiers newly shared with advertising partners",
        SHARE,
        SHARE + "\nWe also share device identifiers with advertising partners to measure ads.\n",
        {("sharing", "broader")},
    ),
    (
        "training default from opt-in to opt-out",
        "# Training\n\nWe only use your prompts to train our models if you opt in.\n",
        "# Training\n\nWe use your prompts to train our models unless you opt out in Settings.\n",
        {("training_use", "broader")},
    ),
    (
        "no-sale promise removed",
        "# Rights\n\nWe do not sell your personal information.\n\nYou can access your data.\n",
        "# Rights\n\nYou can access your data.\n",
        {("sharing", "broader")},
    ),
    (
        "deletion deadline after closure from 30 to 90 days",
        "# Deletion\n\nWhen you delete your account, we erase your data within 30 days.\n",
        "# Deletion\n\nWhen you delete your account, we erase your data within 90 days.\n",
        {("retention", "broader")},
    ),
    (
        "sub-processor table gains a row",
        SUBS,
        SUBS + "| Quillfire Labs | Model inference | Canada |\n",
        {("sharing", "broader")},
    ),
    (
        "no-training promise for business data added",
        "# Business\n\nWe provide the service to businesses.\n",
        "# Business\n\nWe provide the service to businesses.\n\nWe do not train our models on"
        " business customers' data.\n",
        {("training_use", "narrower")},
    ),
    (
        "public posts used to train",
        "# AI\n\nWe use information from our products to build features.\n",
        "# AI\n\nWe use information from our products to build features.\n\nWe use public posts"
        " and comments you share on our platforms to train our AI models.\n",
        {("training_use", "broader")},
    ),
    (
        "prompts shared with the model's maker",
        "# Integrations\n\nWe send your prompts to our hosting providers.\n",
        "# Integrations\n\nWe send your prompts to our hosting providers.\n\nPrompts you send to"
        " third-party models are shared with the maker of that model.\n",
        {("sharing", "broader")},
    ),
    (
        "fixed retention replaced by 'as long as necessary'",
        "# Retention\n\nWe delete your chats 30 days after you delete them.\n",
        "# Retention\n\nWe may retain your chats for as long as necessary for our business.\n",
        {("retention", "broader")},
    ),
    (
        "disclosure to law enforcement added",
        "# Disclosure\n\nWe share data with our affiliates.\n",
        "# Disclosure\n\nWe share data with our affiliates.\n\nWe may disclose your information to"
        " law enforcement agencies when required by law.\n",
        {("sharing", "broader")},
    ),
    (
        "no-training promise for API data gains an opt-in exception",
        "# API\n\nData submitted through the API is not used to train our models.\n",
        "# API\n\nData submitted through the API is not used to train our models unless you"
        " opt in.\n",
        {("training_use", "broader")},
    ),
    (
        "retention of a fixed period replaced by 'until you delete'",
        "# Chats\n\nConversations are stored for 30 days and then deleted.\n",
        "# Chats\n\nConversations are stored until you delete them.\n",
        {("retention", "broader")},
    ),
    (
        "sale to data brokers added",
        SHARE,
        SHARE + "\nWe sell personal information to data brokers.\n",
        {("sharing", "broader")},
    ),
    (
        "de-identified training becomes training on raw chats",
        "# Training\n\nWe use de-identified chats to train our models.\n",
        "# Training\n\nWe use your chats to train our models.\n",
        {("training_use", "broader")},
    ),
    (
        "sections reordered",
        "# A\n\nWe keep chats for 30 days.\n\n# B\n\nWe share data with vendors.\n",
        "# B\n\nWe share data with vendors.\n\n# A\n\nWe keep chats for 30 days.\n",
        set(),
    ),
    (
        "activity newly shared with advertising networks",
        SHARE,
        SHARE + "\nWe share your activity with advertising networks to personalize ads.\n",
        {("sharing", "broader")},
    ),
    (
        "creations become publicly visible by default",
        "# Gallery\n\nYour images are private.\n",
        "# Gallery\n\nImages you create are publicly visible in our gallery by default.\n",
        {("sharing", "broader")},
    ),
    (
        "flagged conversations kept for two years",
        "# Data\n\nWe keep chats for 30 days.\n",
        "# Data\n\nWe keep chats for 30 days. Conversations flagged for safety review may be kept"
        " for up to 2 years.\n",
        {("retention", "broader")},
    ),
    (
        "a typo that hid a promise is fixed",
        "# Rights\n\nWe do not sell your personal informaton.\n",
        "# Rights\n\nWe do not sell your personal information.\n",
        set(),
    ),
    (
        "heading renamed",
        "# Sharing\n\nWe share data with vendors.\n",
        "# Who we share with\n\nWe share data with vendors.\n",
        set(),
    ),
    (
        "same promise reworded",
        "# Training\n\nWe may use your conversations to improve our models unless you opt out.\n",
        "# Training\n\nUnless you opt out, your conversations may be used to improve our models.\n",
        set(),
    ),
    (
        "only the date stamp changes",
        "# Privacy\n\nLast updated: January 2, 2026\n\nWe keep logs for 30 days.\n",
        "# Privacy\n\nLast updated: March 9, 2026\n\nWe keep logs for 30 days.\n",
        set(),
    ),
]


@pytest.mark.parametrize(("name", "old", "new", "expected"), CASES, ids=[c[0] for c in CASES])
def test_common_change(name: str, old: str, new: str, expected: set[tuple[str, str]]) -> None:
    findings = compare_clauses(find_clauses(old), find_clauses(new), old, new)
    assert {(f.topic, f.direction) for f in findings} == expected
