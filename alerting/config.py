"""Alert configuration: channels, routing rules and secrets.

Read from a TOML file (`clausewatch.alerts.toml`, or `--alerts` / CLAUSEWATCH_ALERTS_CONFIG)
and from the environment (CLAUSEWATCH_ALERT_URLS: Apprise URLs separated by spaces or commas,
each becoming a channel `env-1`, `env-2`, ... that gets every finding).

A channel is known to the database by its NAME only; its URL usually holds a token or a
password, so it is kept out of the store, out of `repr()` and, through `SecretMasker`, out of
every log line and error message. URLs may reference environment variables (`${SLACK_URL}`)
so that the secret stays out of the file too.
"""

from __future__ import annotations

import logging
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from ..errors import ConfigError
from ..records import DOCUMENT_TYPES, SEVERITIES, TOPICS

DEFAULT_CONFIG = "clausewatch.alerts.toml"
ENV_CONFIG = "CLAUSEWATCH_ALERTS_CONFIG"
ENV_URLS = "CLAUSEWATCH_ALERT_URLS"
ENV_REPORT_URL = "CLAUSEWATCH_REPORT_URL"

NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
# Query keys of Apprise URLs that address people or servers, not secrets.
_PUBLIC_QUERY_KEYS = {"to", "from", "cc", "bcc", "smtp", "port", "name", "mode", "format"}
_PUBLIC_QUERY_KEYS |= {"overflow", "verify", "rto", "cto", "method", "user", "footer", "image"}

FILTER_KEYS = ("providers", "document_types", "topics", "severities", "min_severity")
TOP_KEYS = (
    "report_url",
    "min_severity",
    "digest",
    "include_backfill",
    "max_attempts",
    "backoff_seconds",
    "max_backoff_seconds",
    "sending_timeout_seconds",
    "resend_uncertain",
    "flood_limit",
    "channels",
    "routes",
)
CHANNEL_KEYS = ("name", "url", "digest", "include_backfill", *FILTER_KEYS)
ROUTE_KEYS = ("channels", *FILTER_KEYS)


@dataclass(frozen=True, slots=True)
class Filter:
    """Which findings pass: every non-empty field must match (empty = any)."""

    providers: tuple[str, ...] = ()
    document_types: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    severities: tuple[str, ...] = ()
    min_severity: str | None = None

    def rejects(self, provider: str, document_type: str, topic: str, severity: str) -> str | None:
        """None when a finding passes, else a short reason (stored with the skipped delivery)."""
        if self.providers and provider not in self.providers:
            return f"provider {provider} not in {list(self.providers)}"
        if self.document_types and document_type not in self.document_types:
            return f"document type {document_type} not in {list(self.document_types)}"
        if self.topics and topic not in self.topics:
            return f"topic {topic} not in {list(self.topics)}"
        if self.severities and severity not in self.severities:
            return f"severity {severity} not in {list(self.severities)}"
        if self.min_severity and severity_rank(severity) > severity_rank(self.min_severity):
            return f"severity {severity} below {self.min_severity}"
        return None


@dataclass(frozen=True, slots=True)
class Channel:
    """One Apprise URL with its own threshold and filters."""

    name: str
    url: str = field(repr=False)  # secret: never logged, never stored
    filter: Filter = Filter()
    digest: bool = False  # one message per run grouping its findings
    include_backfill: bool = False  # backfilled findings one by one instead of a summary
    source: str = "file"  # file | env


@dataclass(frozen=True, slots=True)
class Route:
    """Findings matching `filter` may go to `channels` (see AlertConfig.routes)."""

    channels: tuple[str, ...]
    filter: Filter


@dataclass(frozen=True, slots=True)
class AlertConfig:
    """Everything the alert pipeline needs. Routes restrict the channels they name: a channel
    named by at least one route gets a finding only when one of those routes matches; a channel
    named by none gets every finding its own filter lets through."""

    channels: tuple[Channel, ...] = ()
    routes: tuple[Route, ...] = ()
    report_url: str | None = None
    path: str | None = None
    max_attempts: int = 10
    backoff_seconds: float = 60.0  # first retry after this, doubling each failure ...
    max_backoff_seconds: float = 6 * 3600.0  # ... up to this
    sending_timeout_seconds: float = 900.0  # a 'sending' row older than this is uncertain
    resend_uncertain: bool = False  # at-least-once instead of holding uncertain alerts
    flood_limit: int = 20  # more single alerts than this for one channel in one run: a digest
    secrets: tuple[str, ...] = field(default=(), repr=False)

    def channel(self, name: str) -> Channel:
        for c in self.channels:
            if c.name == name:
                return c
        known = ", ".join(c.name for c in self.channels) or "none configured"
        raise ConfigError(f"unknown alert channel {name!r} (channels: {known})")

    def routes_for(self, channel: str) -> list[Route]:
        return [r for r in self.routes if channel in r.channels]

    def masker(self) -> SecretMasker:
        return SecretMasker(self.secrets)


def severity_rank(severity: str) -> int:
    """0 for critical (most severe) ... 3 for low; unknown values rank last."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


# --------------------------------------------------------------------------- secrets


class SecretMasker(logging.Filter):
    """Replaces known secrets by '***' in strings and, as a logging filter, in log records."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        # Longest first, so that a URL is masked whole before its parts.
        self.secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def mask(self, text: str) -> str:
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, "***")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if self.secrets:
            record.msg = self.mask(record.getMessage())
            record.args = None
        return True


_installed: dict[str, SecretMasker] = {}


def install_masker(
    masker: SecretMasker, loggers: Iterable[str] = ("apprise", "clausewatch")
) -> None:
    """Mask secrets in the records of these loggers and of their handlers' output.

    Logger filters do not see records of child loggers, so the masker goes on the handlers of
    the root logger too (that is where the CLI's basicConfig output goes).
    """
    for name in loggers:
        old = _installed.pop(name, None)
        logger = logging.getLogger(name)
        if old is not None:
            logger.removeFilter(old)
        logger.addFilter(masker)
        _installed[name] = masker
    root = logging.getLogger()
    for handler in root.handlers:
        for f in list(handler.filters):
            if isinstance(f, SecretMasker):
                handler.removeFilter(f)
        handler.addFilter(masker)


def url_secrets(url: str) -> list[str]:
    """The parts of an Apprise URL that may be secret: password, tokens in host, path, query."""
    out = [url]
    try:
        parts = urlsplit(url)
    except ValueError:
        return out
    netloc = parts.netloc.rsplit("@", 1)
    if len(netloc) == 2:
        userinfo = netloc[0]
        out.append(userinfo)
        if ":" in userinfo:
            out.append(userinfo.split(":", 1)[1])
            out.append(unquote(userinfo.split(":", 1)[1]))
    host = parts.hostname or ""
    # Services like discord://ID/TOKEN or slack://A/B/C carry tokens in "host" and path.
    if len(host) >= 6 and "." not in host and host != "localhost":
        out.append(host)
    out += [seg for seg in parts.path.split("/") if _token_like(seg)]
    for key, value in parse_qsl(parts.query, keep_blank_values=False):
        if key.lower().lstrip("+-:") not in _PUBLIC_QUERY_KEYS and len(value) >= 4:
            out.append(value)
    return out


def _token_like(segment: str) -> bool:
    """Path segments that look like tokens (not plain words such as 'services' or 'hooks')."""
    if len(segment) < 6:
        return False
    return len(segment) >= 16 or any(ch.isdigit() or ch.isupper() for ch in segment)


def display_endpoint(url: str, masker: SecretMasker | None = None) -> str:
    """Which service and server a channel reaches, for people: `scheme://host[:port]`, `/…`
    when there is a path, and the `to=` recipients. Passwords, tokens and paths are left out
    rather than masked in place, so that a URL held whole in `${...}` still shows its host."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return f"{url.split('://', 1)[0] if '://' in url else '?'}://***"
    host = parts.hostname or ""
    secrets = set(masker.secrets) if masker else set()
    if (len(host) >= 6 and "." not in host and host != "localhost") or host in secrets:
        host = "***"  # discord://ID/TOKEN, slack://A/B/C: the "host" is a token
    shown = f"{parts.scheme or '?'}://{host}{f':{port}' if port else ''}"
    if parts.path.strip("/"):
        shown += "/…"
    recipients = [v for k, v in parse_qsl(parts.query) if k.lower() == "to"]
    if recipients:
        shown += f" (to {', '.join(recipients)})"
    return masker.mask(shown) if masker else shown


# --------------------------------------------------------------------------- loading


def load_alert_config(
    path: str | Path | None = None, env: Mapping[str, str] | None = None
) -> AlertConfig:
    """Load the alert configuration.

    `path` None means CLAUSEWATCH_ALERTS_CONFIG, else `clausewatch.alerts.toml` when it exists
    in the working directory (no file is fine: then only CLAUSEWATCH_ALERT_URLS counts). An
    explicit path that does not exist is a ConfigError.
    """
    env = os.environ if env is None else env
    explicit = path is not None or bool(env.get(ENV_CONFIG))
    path = path if path is not None else env.get(ENV_CONFIG) or DEFAULT_CONFIG
    raw: dict[str, Any] = {}
    shown = str(path)
    if Path(path).is_file():
        try:
            raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read alert config {shown}: {exc}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"alert config {shown} is not valid TOML: {exc}") from exc
    elif explicit:
        raise ConfigError(
            f"alert config {shown} does not exist (set by --alerts or {ENV_CONFIG}); "
            f"see docs/alerts.md for the format"
        )
    else:
        shown = "(no file)"
    return parse_alert_config(raw, env, path=shown if raw or explicit else None)


def parse_alert_config(
    raw: Mapping[str, Any], env: Mapping[str, str], *, path: str | None = None
) -> AlertConfig:
    """Validate a parsed TOML table (plus the environment) into an AlertConfig."""
    where = path or "alert config"
    secrets: list[str] = []

    def fail(key: str, message: str) -> ConfigError:
        return ConfigError(f"{where}: {key}: {message}")

    def unknown(table: Mapping[str, Any], allowed: tuple[str, ...], key: str) -> None:
        extra = sorted(set(table) - set(allowed))
        if extra:
            raise fail(key or "top level", f"unknown key(s) {extra}; expected {list(allowed)}")

    def expand(value: str, key: str) -> str:
        def sub(m: re.Match[str]) -> str:
            name = m.group(1)
            if name not in env:
                raise fail(key, f"environment variable {name} is not set")
            secrets.append(env[name])
            return env[name]

        return _ENV_REF.sub(sub, value)

    def strings(table: Mapping[str, Any], name: str, key: str, allowed=None) -> tuple[str, ...]:
        value = table.get(name, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(f"{key}.{name}", "expected a list of strings")
        if allowed is not None:
            bad = [v for v in value if v not in allowed]
            if bad:
                raise fail(f"{key}.{name}", f"unknown value(s) {bad}; expected {list(allowed)}")
        return tuple(value)

    def severity(table: Mapping[str, Any], key: str, default: str | None) -> str | None:
        value = table.get("min_severity", default)
        if value is not None and value not in SEVERITIES:
            raise fail(f"{key}.min_severity", f"{value!r}; expected one of {list(SEVERITIES)}")
        return value

    def boolean(table: Mapping[str, Any], name: str, key: str, default: bool) -> bool:
        value = table.get(name, default)
        if not isinstance(value, bool):
            raise fail(f"{key}.{name}", "expected true or false")
        return value

    def number(name: str, default: float) -> float:
        value = raw.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise fail(name, "expected a non-negative number")
        return float(value)

    def filter_of(table: Mapping[str, Any], key: str, default_severity: str | None) -> Filter:
        return Filter(
            providers=strings(table, "providers", key),
            document_types=strings(table, "document_types", key, DOCUMENT_TYPES),
            topics=strings(table, "topics", key, TOPICS),
            severities=strings(table, "severities", key, SEVERITIES),
            min_severity=severity(table, key, default_severity),
        )

    unknown(raw, TOP_KEYS, "")
    default_severity = severity(raw, "top level", "low")
    default_digest = boolean(raw, "digest", "top level", False)
    default_backfill = boolean(raw, "include_backfill", "top level", False)

    channels: list[Channel] = []
    raw_channels = raw.get("channels", [])
    if not isinstance(raw_channels, list):
        raise fail("channels", "expected [[channels]] tables")
    for i, table in enumerate(raw_channels):
        key = f"channels[{i}]"
        if not isinstance(table, dict):
            raise fail(key, "expected a [[channels]] table")
        unknown(table, CHANNEL_KEYS, key)
        name = table.get("name")
        if not isinstance(name, str) or not NAME_RE.match(name) or name.startswith("env-"):
            raise fail(
                f"{key}.name",
                f"{name!r}: expected a short lowercase name (letters, digits, - and _), "
                "not starting with 'env-' (reserved for CLAUSEWATCH_ALERT_URLS)",
            )
        url = table.get("url")
        if not isinstance(url, str) or not url.strip():
            raise fail(f"{key}.url", 'expected an Apprise URL, e.g. "${SLACK_URL}"')
        url = expand(url.strip(), f"{key}.url")
        secrets.extend(url_secrets(url))
        channels.append(
            Channel(
                name=name,
                url=url,
                filter=filter_of(table, key, default_severity),
                digest=boolean(table, "digest", key, default_digest),
                include_backfill=boolean(table, "include_backfill", key, default_backfill),
            )
        )

    env_urls = [u for u in re.split(r"[\s,]+", env.get(ENV_URLS, "")) if u]
    for i, url in enumerate(env_urls, 1):
        secrets.extend(url_secrets(url))
        channels.append(
            Channel(
                name=f"env-{i}",
                url=url,
                filter=Filter(min_severity=default_severity),
                digest=default_digest,
                include_backfill=default_backfill,
                source="env",
            )
        )

    names = [c.name for c in channels]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise fail("channels", f"duplicate channel name(s) {dupes}")
    masker = SecretMasker(secrets)
    for c in channels:
        _check_url(c, masker, where)

    routes: list[Route] = []
    raw_routes = raw.get("routes", [])
    if not isinstance(raw_routes, list):
        raise fail("routes", "expected [[routes]] tables")
    for i, table in enumerate(raw_routes):
        key = f"routes[{i}]"
        if not isinstance(table, dict):
            raise fail(key, "expected a [[routes]] table")
        unknown(table, ROUTE_KEYS, key)
        targets = strings(table, "channels", key)
        if not targets:
            raise fail(f"{key}.channels", "name at least one channel")
        missing = [t for t in targets if t not in names]
        if missing:
            raise fail(f"{key}.channels", f"unknown channel(s) {missing}; channels: {names}")
        routes.append(Route(targets, filter_of(table, key, None)))

    report_url = raw.get("report_url", env.get(ENV_REPORT_URL))
    if report_url is not None and not (
        isinstance(report_url, str) and report_url.startswith(("http://", "https://", "file://"))
    ):
        raise fail("report_url", "expected an http(s):// or file:// URL of the HTML report")
    counts = {}
    for name, default in (("max_attempts", 10), ("flood_limit", 20)):
        value = raw.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise fail(name, "expected a positive integer")
        counts[name] = value
    return AlertConfig(
        channels=tuple(channels),
        routes=tuple(routes),
        report_url=report_url,
        path=path,
        max_attempts=counts["max_attempts"],
        flood_limit=counts["flood_limit"],
        backoff_seconds=number("backoff_seconds", 60.0),
        max_backoff_seconds=number("max_backoff_seconds", 6 * 3600.0),
        sending_timeout_seconds=number("sending_timeout_seconds", 900.0),
        resend_uncertain=boolean(raw, "resend_uncertain", "top level", False),
        secrets=tuple(masker.secrets),
    )


def _check_url(channel: Channel, masker: SecretMasker, where: str) -> None:
    """Apprise must recognize the URL (no network is used to check it)."""
    import apprise

    if apprise.Apprise.instantiate(channel.url, suppress_exceptions=True) is None:
        scheme = channel.url.split("://", 1)[0] if "://" in channel.url else channel.url[:12]
        raise ConfigError(
            f"{where}: channel {channel.name!r}: Apprise does not accept this URL "
            f"(scheme {masker.mask(scheme)!r}); see https://github.com/caronc/apprise/wiki "
            "for the URL of each service"
        )
