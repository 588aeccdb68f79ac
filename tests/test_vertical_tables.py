"""An entry laid out as a two-column table of fields (one field per row): the company is the
value beside its label, the other rows are fields, and a finding names the company."""

from __future__ import annotations

from clausewatch.detection.compare import process_history
from clausewatch.detection.summaries import subprocessor_label
from clausewatch.statements.sharing import subprocessor_name, vertical_entry


def test_the_value_beside_an_entry_label_is_the_company() -> None:
    assert vertical_entry("Trustees and Contacts | Quillfire Legal LLP (01-2345)") == (
        "Quillfire Legal LLP (01-2345)"
    )
    assert vertical_entry("Name | Quillfire Legal LLP") == "Quillfire Legal LLP"
    assert vertical_entry("Recipient Location | Ruritania") is None
    assert vertical_entry("Name | Purpose") is None  # a header row of field names
    assert vertical_entry("Nimbus Cloud Inc. | Hosting") is None


def test_rows_of_fields_name_no_company_and_a_horizontal_table_is_unchanged() -> None:
    assert subprocessor_name("Entrusted Data | Name, ID and email") is None
    assert subprocessor_name("| Sub-processor | Purpose | Country |") is None
    assert subprocessor_name("Nimbus Cloud Inc. | Hosting | USA") == "nimbus cloud"


def test_a_new_entry_is_reported_by_its_company() -> None:
    base = "# Privacy\n\nWe keep your chats for 30 days.\n"
    entry = (
        "\n## Residents of Ruritania\n\nData Processors:\n\n"
        "| **Trustees and Contacts** | Quillfire Legal LLP |\n"
        "| **Entrusted Data** | Name and email you give the representative |\n"
        "| **Recipient Location** | Ruritania |\n"
    )
    texts = [base, base + entry]
    found = [f for _, c in process_history(texts, text_of=lambda t: t) for f in c.findings]
    (f,) = [f for f in found if f.topic == "sharing"]
    assert f.direction == "broader"
    assert f.summary == "New sub-processor: Quillfire Legal LLP."
    assert (
        subprocessor_label("Trustees and Contacts | Quillfire Legal LLP") == "Quillfire Legal LLP"
    )


def test_the_contact_number_beside_the_company_is_not_part_of_its_name() -> None:
    assert subprocessor_label("Trustees and Contacts | Quillfire Legal LLP (01-2345-6789)") == (
        "Quillfire Legal LLP"
    )
