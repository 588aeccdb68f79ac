from __future__ import annotations

import pytest
from httpsite import Site, SiteServer


@pytest.fixture
def site() -> Site:
    with SiteServer() as s:
        yield s


@pytest.fixture
def db(tmp_path) -> str:
    return str(tmp_path / "test.duckdb")
