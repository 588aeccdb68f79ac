"""Catalog loading, validation messages (key path + line) and --only selection."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from clausewatch.errors import CatalogError
from clausewatch.records import DOCUMENT_TYPES
from clausewatch.watchers.catalog import (
    document_schedule,
    load_catalog,
    select_documents,
    validate_catalog_file,
)

GOOD = """\
schedule = "15 4 * * *"

[providers.acme]
name = "Acme AI"
schedule = "30 5 * * 1-5"

[[providers.acme.documents]]
name = "Privacy Policy"
type = "privacy_policy"
url = "https://acme.example/privacy"
select = "main"
remove = [".cookie-banner", "nav"]
checked = 2026-11-30
verified_offline = true

[[providers.acme.documents]]
name = "Data FAQ"
id = "data-faq"
type = "faq"
select = ["main", "article"]
schedule = "0 */6 * * *"
[[providers.acme.documents.sources]]
url = "https://acme.example/faq/training"
[[providers.acme.documents.sources]]
url = "https://acme.example/faq/retention"
select = "#answer"
remove = []

[[providers.acme.documents]]
name = "Data Processing Addendum"
type = "dpa"
url = "https://acme.example/legal/dpa.pdf"
browser = false
note = "served as a PDF"

[providers.other-co]
name = "Other Co"

[[providers.other-co.documents]]
name = "Usage Policy"
type = "usage_policy"
url = "https://other.example/usage"
browser = true
obey_robots = false
"""


def write(tmp_path: Path, text: str, name: str = "catalog.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, fragment: str, nth: int = 0) -> int:
    """1-based line of the nth line containing fragment."""
    hits = [i for i, line in enumerate(text.splitlines(), start=1) if fragment in line]
    return hits[nth]


def one_problem(tmp_path: Path, text: str) -> str:
    problems = validate_catalog_file(write(tmp_path, text))
    assert len(problems) == 1, problems
    with pytest.raises(CatalogError) as excinfo:
        load_catalog(tmp_path / "catalog.toml")
    assert str(excinfo.value) == problems[0]
    assert excinfo.value.exit_code == 2
    return problems[0]


# --------------------------------------------------------------------------- good files


def test_good_file_loads(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    assert validate_catalog_file(path) == []
    catalog = load_catalog(path)
    assert catalog.path == str(path)
    assert catalog.schedule == "15 4 * * *"
    assert [p.id for p in catalog.providers] == ["acme", "other-co"]
    assert [d.key for d in catalog.documents] == [
        "acme/privacy-policy",
        "acme/data-faq",
        "acme/data-processing-addendum",
        "other-co/usage-policy",
    ]
    privacy = catalog.document("acme/privacy-policy")
    assert privacy is not None
    assert privacy.sources[0].select == ("main",)  # a string becomes a one-item tuple
    assert privacy.sources[0].remove == (".cookie-banner", "nav")
    assert privacy.checked == date(2026, 11, 30)
    assert privacy.verified_offline is True
    assert privacy.browser is False and privacy.obey_robots is True


def test_combined_sources_take_document_selectors_unless_their_own(tmp_path: Path) -> None:
    faq = load_catalog(write(tmp_path, GOOD)).document("acme/data-faq")
    assert faq is not None and faq.type == "faq"
    first, second = faq.sources
    assert first.url == "https://acme.example/faq/training"
    assert first.select == ("main", "article")
    assert second.select == ("#answer",)
    assert second.remove == ()


def test_pdf_entry_and_flags(tmp_path: Path) -> None:
    catalog = load_catalog(write(tmp_path, GOOD))
    dpa = catalog.document("acme/data-processing-addendum")
    assert dpa is not None
    assert dpa.sources[0].url.endswith(".pdf") and dpa.sources[0].select == ()
    assert dpa.note == "served as a PDF" and dpa.verified_offline is None
    usage = catalog.document("other-co/usage-policy")
    assert usage is not None and usage.browser is True and usage.obey_robots is False


def test_schedules_cascade(tmp_path: Path) -> None:
    catalog = load_catalog(write(tmp_path, GOOD))
    by_key = {d.key: d for d in catalog.documents}
    assert document_schedule(catalog, by_key["acme/data-faq"]) == "0 */6 * * *"
    assert document_schedule(catalog, by_key["acme/privacy-policy"]) == "30 5 * * 1-5"
    assert document_schedule(catalog, by_key["other-co/usage-policy"]) == "15 4 * * *"


def test_default_catalog_is_valid_and_typed() -> None:
    assert validate_catalog_file(None) == []
    catalog = load_catalog()
    assert catalog.path is None
    assert catalog.documents
    keys = [d.key for d in catalog.documents]
    assert len(keys) == len(set(keys))
    for doc in catalog.documents:
        assert doc.type in DOCUMENT_TYPES
        assert all(s.url.startswith("https://") for s in doc.sources)
        # every entry says whether its selectors were verified on saved pages
        assert doc.verified_offline is not None, doc.key
        if doc.verified_offline:
            assert doc.checked is not None, f"{doc.key}: verified entries have a confirmed URL"
        else:
            assert doc.note, f"{doc.key}: unverified entries explain themselves"


# --------------------------------------------------------------------------- errors


def test_toml_syntax_error_gives_line_and_column(tmp_path: Path) -> None:
    text = GOOD.replace('name = "Data FAQ"', 'name = "Data FAQ')
    message = one_problem(tmp_path, text)
    line = line_of(text, 'name = "Data FAQ')
    assert re.match(rf".*catalog\.toml:{line}:\d+: invalid TOML", message), message


def test_unknown_document_type_lists_valid_ones(tmp_path: Path) -> None:
    text = GOOD.replace('type = "faq"', 'type = "faqs"')
    message = one_problem(tmp_path, text)
    assert f"catalog.toml:{line_of(text, 'faqs')}:" in message
    assert "providers.acme.documents[1].type" in message
    assert "did you mean 'faq'" in message
    assert ", ".join(DOCUMENT_TYPES) in message


def test_unknown_key(tmp_path: Path) -> None:
    text = GOOD.replace("browser = true", "browsr = true")
    message = one_problem(tmp_path, text)
    assert (
        f"catalog.toml:{line_of(text, 'browsr')}: providers.other-co.documents[0].browsr" in message
    )
    assert "did you mean 'browser'" in message


def test_unknown_key_in_source(tmp_path: Path) -> None:
    text = GOOD.replace('select = "#answer"', 'selector = "#answer"')
    message = one_problem(tmp_path, text)
    assert (
        f":{line_of(text, 'selector =')}: providers.acme.documents[1].sources[1].selector"
        in message
    )


def test_missing_required_keys(tmp_path: Path) -> None:
    text = GOOD.replace('type = "usage_policy"\n', "").replace('name = "Other Co"\n', "")
    problems = validate_catalog_file(write(tmp_path, text))
    assert len(problems) == 2, problems
    assert any("providers.other-co.name: missing" in p for p in problems)
    typed = next(p for p in problems if "documents[0].type" in p)
    # a missing key has no line of its own: the enclosing table's header is given
    header = line_of(text, "[[providers.other-co.documents]]")
    assert f"catalog.toml:{header}: providers.other-co.documents[0].type: missing" in typed


def test_url_and_sources_both_or_neither(tmp_path: Path) -> None:
    text = GOOD.replace('url = "https://other.example/usage"\n', "")
    message = one_problem(tmp_path, text)
    assert "providers.other-co.documents[0]: no url" in message
    text = GOOD.replace('id = "data-faq"', 'id = "data-faq"\nurl = "https://acme.example/faq"')
    assert "both url and sources given" in one_problem(tmp_path, text)


def test_bad_slugs(tmp_path: Path) -> None:
    text = GOOD.replace("providers.other-co", "providers.Other_Co")
    message = one_problem(tmp_path, text)
    assert "providers.Other_Co:" in message and "'other-co'" in message
    assert f"catalog.toml:{line_of(text, '[providers.Other_Co]')}:" in message
    text = GOOD.replace('id = "data-faq"', 'id = "Data FAQ"')
    message = one_problem(tmp_path, text)
    assert f":{line_of(text, 'Data FAQ', 1)}: providers.acme.documents[1].id" in message
    assert "not a slug" in message


def test_duplicate_document_key(tmp_path: Path) -> None:
    text = GOOD.replace('name = "Data Processing Addendum"', 'name = "Privacy policy"')
    message = one_problem(tmp_path, text)
    assert f":{line_of(text, 'Privacy policy')}: providers.acme.documents[2].name" in message
    assert "duplicate document key 'acme/privacy-policy'" in message
    assert "providers.acme.documents[0]" in message


def test_duplicate_url_across_entries(tmp_path: Path) -> None:
    text = GOOD.replace("https://other.example/usage", "https://ACME.example/privacy/")
    message = one_problem(tmp_path, text)
    assert f":{line_of(text, 'ACME.example')}: providers.other-co.documents[0].url" in message
    assert "already used by acme/privacy-policy (providers.acme.documents[0].url)" in message


def test_duplicate_url_inside_sources(tmp_path: Path) -> None:
    text = GOOD.replace("faq/retention", "faq/training#retention")
    message = one_problem(tmp_path, text)
    assert (
        f":{line_of(text, 'training#retention')}: providers.acme.documents[1].sources[1].url"
        in (message)
    )


def test_url_scheme(tmp_path: Path) -> None:
    text = GOOD.replace("https://other.example/usage", "ftp://other.example/usage")
    message = one_problem(tmp_path, text)
    assert f":{line_of(text, 'ftp://')}: providers.other-co.documents[0].url" in message
    assert "http:// or https://" in message


def test_bad_cron_expressions(tmp_path: Path) -> None:
    text = GOOD.replace('schedule = "0 */6 * * *"', 'schedule = "0 */6 * *"')
    message = one_problem(tmp_path, text)
    assert f":{line_of(text, '0 */6 * *')}: providers.acme.documents[1].schedule" in message
    assert "has 4 fields" in message and "5 fields" in message
    text = GOOD.replace('schedule = "30 5 * * 1-5"', 'schedule = "30 25 * * *"')
    message = one_problem(tmp_path, text)
    assert f":{line_of(text, '30 25')}: providers.acme.schedule: invalid cron" in message


def test_selectors_must_be_string_or_list(tmp_path: Path) -> None:
    text = GOOD.replace('select = "main"', "select = 3")
    message = one_problem(tmp_path, text)
    assert f":{line_of(text, 'select = 3')}: providers.acme.documents[0].select" in message
    text = GOOD.replace('select = "#answer"', 'select = "#answer["')
    assert "invalid CSS selector '#answer['" in one_problem(tmp_path, text)


def test_dates_and_booleans(tmp_path: Path) -> None:
    text = GOOD.replace("checked = 2026-11-30", 'checked = "last week"')
    message = one_problem(tmp_path, text)
    assert f":{line_of(text, 'last week')}: providers.acme.documents[0].checked" in message
    assert "expected a date such as 2026-11-30" in message
    text = GOOD.replace("browser = false", 'browser = "no"')
    assert "documents[2].browser: got 'no'; expected true or false" in one_problem(tmp_path, text)


def test_all_problems_are_reported(tmp_path: Path) -> None:
    text = GOOD.replace('type = "faq"', 'type = "faqs"').replace("browser = true", "browsr = 1")
    path = write(tmp_path, text)
    assert len(validate_catalog_file(path)) == 2
    with pytest.raises(CatalogError, match="2 problems in catalog"):
        load_catalog(path)


def test_empty_catalog(tmp_path: Path) -> None:
    message = one_problem(tmp_path, 'schedule = "0 6 * * *"\n')
    assert "providers: no documents" in message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="not found"):
        load_catalog(tmp_path / "nope.toml")


# --------------------------------------------------------------------------- extends


def test_extends_default_adds_and_overrides(tmp_path: Path) -> None:
    default = load_catalog()
    target = default.documents[0]
    text = f"""\
extends = "default"

[providers.{target.provider}]

[[providers.{target.provider}.documents]]
name = "{target.name}"
id = "{target.id}"
type = "{target.type}"
url = "{target.sources[0].url}"
select = "#my-own-selector"
verified_offline = false
note = "overridden locally"

[providers.acme]
name = "Acme AI"

[[providers.acme.documents]]
name = "Privacy Policy"
type = "privacy_policy"
url = "https://acme.example/privacy"
"""
    catalog = load_catalog(write(tmp_path, text))
    assert len(catalog.documents) == len(default.documents) + 1
    assert catalog.documents[0].key == target.key  # an override keeps its place
    assert catalog.documents[0].sources[0].select == ("#my-own-selector",)
    assert catalog.provider(target.provider).name == default.provider(target.provider).name
    assert catalog.documents[-1].key == "acme/privacy-policy"
    assert catalog.schedule == default.schedule


def test_extends_default_rejects_duplicate_url_of_a_default_entry(tmp_path: Path) -> None:
    target = load_catalog().documents[0]
    text = f"""\
extends = "default"

[providers.acme]
name = "Acme AI"

[[providers.acme.documents]]
name = "Copy"
type = "other"
url = "{target.sources[0].url}"
"""
    message = one_problem(tmp_path, text)
    assert "providers.acme.documents[0].url: duplicate URL" in message
    assert f"already used by {target.key}" in message


def test_extends_unknown_value(tmp_path: Path) -> None:
    text = 'extends = "mine"\n' + GOOD
    assert "catalog.toml:1: extends: unknown value 'mine'; expected \"default\"" in one_problem(
        tmp_path, text
    )


# --------------------------------------------------------------------------- --only


def test_select_documents(tmp_path: Path) -> None:
    catalog = load_catalog(write(tmp_path, GOOD))
    assert select_documents(catalog, []) == list(catalog.documents)
    assert [d.key for d in select_documents(catalog, ["other-co"])] == ["other-co/usage-policy"]
    keys = [
        d.key for d in select_documents(catalog, ["acme/data-faq", "other-co", "acme/data-faq"])
    ]
    assert keys == ["acme/data-faq", "other-co/usage-policy"]  # catalog order, no repeats


def test_select_documents_unknown_suggests(tmp_path: Path) -> None:
    catalog = load_catalog(write(tmp_path, GOOD))
    with pytest.raises(CatalogError) as excinfo:
        select_documents(catalog, ["acme/privacy-polcy", "acmee"])
    message = str(excinfo.value)
    assert "'acme/privacy-polcy'; did you mean acme/privacy-policy" in message
    assert "'acmee'; did you mean acme" in message
    assert excinfo.value.exit_code == 2
