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


@pytest.fixture
def webhook():
    """A local JSON webhook that records the alerts it receives (tests/test_alerts.Webhook)."""
    from test_alerts import Webhook

    hook = Webhook()
    yield hook
    hook.server.shutdown()
    hook.server.server_close()
