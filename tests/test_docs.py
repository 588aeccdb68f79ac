"""docs/cli.md is generated from --help; every command is in it and in the README's vocabulary.

Regenerate after changing a command: python tests/test_docs.py
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from clausewatch.cli import main

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def _commands(group, prefix=()):
    yield prefix, group
    for name in sorted(getattr(group, "commands", {})):
        yield from _commands(group.commands[name], (*prefix, name))


def render_cli_reference() -> str:
    parts = ["# Command reference\n", "Generated from `--help` by `python tests/test_docs.py`.\n"]
    for path, _cmd in _commands(main):
        result = CliRunner().invoke(main, [*path, "--help"], terminal_width=100)
        title = " ".join(("clausewatch", *path))
        parts.append(f"## {title}\n\n```\n{result.output.rstrip()}\n```\n")
    return "\n".join(parts)


def test_cli_reference_is_up_to_date():
    def squash(text: str) -> str:  # click versions wrap help text a little differently
        return " ".join(text.split())

    assert squash(DOC.read_text()) == squash(render_cli_reference()), (
        "run: python tests/test_docs.py"
    )


def test_readme_mentions_every_top_level_command():
    readme = (DOC.parent.parent / "README.md").read_text()
    missing = [name for name in main.commands if f"clausewatch {name}" not in readme]
    assert not missing, f"README does not mention: {missing}"


if __name__ == "__main__":
    DOC.write_text(render_cli_reference())
    print(f"wrote {DOC}")
