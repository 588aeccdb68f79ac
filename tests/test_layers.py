"""Imports go one way: a package may import only from the layers below it.

Why: parsers stay pure functions (no store, no network), detection never reads the store, the
serializers in output/ never know how alerts are delivered, and pipelines/ is the only place
that wires them together. A cycle or an upward import is a design change and should be made
here, on purpose, not slip in with a convenience import.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# lower number = lower layer; packages of one layer may not import each other either
LAYERS: dict[str, int] = {
    "__init__": 0, "errors": 0, "faults": 0, "models": 0,
    "records": 1,
    "statements": 2,
    "parsers": 3, "watchers": 3,
    "store": 4,
    "detection": 5, "output": 5,
    "alerting": 6,
    "pipelines": 7,
    "demo": 8,
    "commands": 9,
    "cli": 10,
}  # fmt: skip


def _package_of(path: Path) -> str:
    rel = path.relative_to(ROOT)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _imported_packages(rel: Path, source: str) -> set[str]:
    """Top-level clausewatch packages that the module at `rel` (from the root) imports."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level:
            here = list(rel.parts[:-1])
            base = here[: len(here) - (node.level - 1)]
            parts = base + (node.module.split(".") if node.module else [])
            if parts:
                out.add(parts[0])
            else:  # `from . import x` at the top level
                out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("clausewatch."):
            out.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            out.update(
                a.name.split(".")[1] for a in node.names if a.name.startswith("clausewatch.")
            )
    return out


def _sources() -> list[Path]:
    skip = {".venv", "tests", "benchmarks", "docs", "build"}
    return [
        p
        for p in ROOT.rglob("*.py")
        if p.relative_to(ROOT).parts[0] not in skip
        and not p.relative_to(ROOT).parts[0].startswith(".")
    ]


def test_every_package_has_a_layer():
    packages = {_package_of(p) for p in _sources()}
    assert packages <= set(LAYERS), f"give these a layer: {sorted(packages - set(LAYERS))}"


def test_imports_go_down_the_layers_only():
    upward = []
    for path in _sources():
        own = _package_of(path)
        for dep in _imported_packages(path.relative_to(ROOT), path.read_text(encoding="utf-8")):
            if dep != own and dep in LAYERS and LAYERS[dep] >= LAYERS[own]:
                upward.append(f"{path.relative_to(ROOT)} imports {dep}")
    assert not upward, "\n".join(upward)


def test_the_checker_reads_relative_and_absolute_imports():
    # the check itself must be able to fail: each spelling of "a parser imports the store"
    for source in (
        "from ..store import findings\n",
        "from ..store.findings import FindingRow\n",
        "from clausewatch.store import findings\n",
        "import clausewatch.store.findings\n",
    ):
        assert "store" in _imported_packages(Path("parsers/html.py"), source), source
    assert _imported_packages(Path("parsers/html.py"), "from .clauses import split\n") == {
        "parsers"
    }
    assert _imported_packages(Path("cli.py"), "from .store import db\n") == {"store"}
    assert LAYERS["store"] > LAYERS["parsers"]
