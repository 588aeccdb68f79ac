"""Names replaced throughout a document are not changes (parsers.renames and the comparison)."""

from clausewatch.detection.compare import compare_clauses, process_history
from clausewatch.parsers.clauses import find_clauses
from clausewatch.parsers.renames import apply_renames, find_renames

OLD = """# Nimbus Terms

## Training

If you use Quill Free, we use your chats to improve our models unless you opt out.

If you use Quill Teams, we do not use your chats to train our models.

## Support

Quill support answers within two days.
"""
NEW = OLD.replace("Quill", "Lumen")


def test_a_name_replaced_in_every_line_is_a_rename():
    assert find_renames(OLD, NEW) == {"Lumen": "Quill"}
    assert apply_renames(NEW, {"Lumen": "Quill"}) == OLD


def test_a_name_replaced_once_is_an_edit_not_a_rename():
    once = OLD.replace("Quill Teams", "Lumen Teams")
    assert find_renames(OLD, once) == {}


def test_a_name_still_used_elsewhere_is_not_renamed():
    partly = NEW.replace("Lumen support", "Quill support")
    assert find_renames(OLD, partly) == {}


TEAM = """# Nimbus Terms

## Training

If you use Nimbus Team, we do not use your chats to train our models.

If you use Nimbus Free, we use your chats to improve our models unless you opt out.

## Support

Nimbus Team admins get answers within a day.
"""


def test_a_plan_renamed_throughout_is_no_scope_change():
    renamed = TEAM.replace("Nimbus Team", "Nimbus Workspace")
    # read clause by clause, the no-training promise lost the "Team" plan
    plain = compare_clauses(find_clauses(TEAM), find_clauses(renamed), TEAM, renamed)
    assert [f.topic for f in plain] == ["training_use"]
    results = [c for _, c in process_history([TEAM, renamed], text_of=lambda t: t)]
    assert results[1].findings == []


def test_a_plan_renamed_in_one_clause_only_is_still_read():
    edited = TEAM.replace("If you use Nimbus Team", "If you use Nimbus Workspace")
    results = [c for _, c in process_history([TEAM, edited], text_of=lambda t: t)]
    assert [f.topic for f in results[1].findings] == ["training_use"]


def test_a_real_change_in_a_renamed_document_quotes_the_new_name():
    changed = NEW.replace("we do not use your chats", "we use your chats")
    results = [c for _, c in process_history([OLD, changed], text_of=lambda t: t)]
    found = [f for f in results[1].findings if f.topic == "training_use"]
    assert found and all("Quill" not in f.new_text for f in found)
    assert any("Lumen Teams" in f.new_text for f in found)
