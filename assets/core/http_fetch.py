"""A small, polite HTTP GET client for scraping government portals.

One URL in, one `FetchResult` out: HTTP and network failures never raise, they become a
specific message ("HTTP 500 after 3 attempts", "timed out after 30 s …") that the caller can
record against the document it was trying to get. Politeness: a descriptive User-Agent, a
minimum interval between requests to the same host, bounded retries with exponential backoff
and jitter, bounded redirects and a size cap on bodies.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal, Protocol
from urllib.parse import urlsplit

import httpx

USER_AGENT = "budget-facts/0.1 (+open-data pipeline)"

# Statuses worth another try: the server said "not now" rather than "no".
RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524})

ErrorKind = Literal["http_status", "timeout", "network", "too_many_redirects", "too_large", "invalid_url"]


@dataclass(frozen=True)
class FetchSettings:
    """Knobs of the client; production defaults, tests shrink the timings."""

    user_agent: str = USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 30.0  # longest silence between two chunks of a response
    total_timeout: float = 300.0  # whole body of one attempt (a server dripping bytes)
    max_attempts: int = 3
    backoff_base: float = 1.0  # delay before the 2nd attempt; doubles after each failure
    backoff_max: float = 30.0
    jitter: float = 0.5  # ± fraction of each delay, so parallel runs don't retry in lockstep
    max_redirects: int = 5
    max_bytes: int = 200 * 1024 * 1024
    min_interval: float = 0.5  # seconds between two requests to the same host
    verify_tls: bool = True
    trust_env: bool = True  # honour HTTP(S)_PROXY from the environment

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be >= 1")
        if min(self.connect_timeout, self.read_timeout, self.total_timeout) <= 0:
            raise ValueError("timeouts must be > 0")
        if not 0 <= self.jitter <= 1:
            raise ValueError("jitter must be within [0, 1]")
        if self.max_redirects < 0 or self.max_bytes < 1:
            raise ValueError("max_redirects must be >= 0 and max_bytes >= 1")


@dataclass(frozen=True)
class FetchResult:
    """What one GET (with its retries and redirects) produced."""

    url: str  # as requested
    final_url: str  # after redirects
    status: int | None  # last HTTP status; None when no response arrived
    headers: dict[str, str]  # last response's headers, lower-case names
    content: bytes  # body of the last response (also for error statuses); empty if none
    elapsed: float  # seconds, all attempts and backoff included
    attempts: int
    fetched_at: str  # ISO 8601 UTC of the last attempt
    error: str | None = None  # None means a 2xx response with a complete body
    error_kind: ErrorKind | None = None
    redirects: list[str] = field(default_factory=list)  # URLs passed through on the way

    @property
    def ok(self) -> bool:
        return self.error is None


class Fetcher(Protocol):
    """Anything that turns a URL into a FetchResult (the real client or an offline stand-in)."""

    def fetch(self, url: str) -> FetchResult: ...


@dataclass
class _Attempt:
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes = b""
    final_url: str = ""
    redirects: list[str] = field(default_factory=list)
    error_kind: ErrorKind | None = None
    detail: str = ""  # message for the error kind, without the attempt count
    retryable: bool = False
    retry_after: float | None = None


def backoff_delay(attempt: int, settings: FetchSettings, rng: random.Random) -> float:
    """Seconds to wait after failed attempt number `attempt` (1-based): base·2^(n-1), capped, jittered."""
    delay = min(settings.backoff_max, settings.backoff_base * 2 ** (attempt - 1))
    return max(0.0, delay * (1 + rng.uniform(-settings.jitter, settings.jitter)))


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _parse_retry_after(value: str | None) -> float | None:
    # Only the delta-seconds form; an HTTP date is rare on these portals.
    if value is None:
        return None
    try:
        return max(0.0, float(value.strip()))
    except ValueError:
        return None


class HttpFetcher:
    """Polite GET client on httpx. Thread-safe; use as a context manager or call close()."""

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.settings = settings or FetchSettings()
        s = self.settings
        self._client = httpx.Client(
            headers={
                "User-Agent": s.user_agent,
                "Accept": "*/*",
                "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5",
            },
            timeout=httpx.Timeout(
                connect=s.connect_timeout, read=s.read_timeout, write=s.read_timeout, pool=s.connect_timeout
            ),
            follow_redirects=True,
            max_redirects=s.max_redirects,
            verify=s.verify_tls,
            trust_env=s.trust_env,
            transport=transport,
        )
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._last_request: dict[str, float] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> HttpFetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str) -> FetchResult:
        s = self.settings
        started = time.monotonic()
        attempt = _Attempt(final_url=url)
        attempts = 0
        while True:
            attempts += 1
            self._wait_for_host(url)
            attempt = self._attempt(url)
            if not attempt.retryable or attempts >= s.max_attempts:
                break
            delay = backoff_delay(attempts, s, self._rng)
            if attempt.retry_after is not None:
                delay = max(delay, min(attempt.retry_after, s.backoff_max))
            self._sleep(delay)
        return FetchResult(
            url=url,
            final_url=attempt.final_url or url,
            status=attempt.status,
            headers=attempt.headers,
            content=attempt.content,
            elapsed=round(time.monotonic() - started, 3),
            attempts=attempts,
            fetched_at=_now_iso(),
            error=_error_message(attempt, attempts),
            error_kind=attempt.error_kind,
            redirects=attempt.redirects,
        )

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        with self._lock:
            wait = self._last_request.get(host, -1e9) + self.settings.min_interval - time.monotonic()
            # Reserve the slot now so concurrent callers queue up behind each other.
            self._last_request[host] = time.monotonic() + max(0.0, wait)
        if wait > 0:
            self._sleep(wait)

    def _attempt(self, url: str) -> _Attempt:
        s = self.settings
        result = _Attempt(final_url=url)
        t0 = time.monotonic()
        try:
            with self._client.stream("GET", url) as resp:
                result.status = resp.status_code
                result.headers = {k.lower(): v for k, v in resp.headers.items()}
                result.final_url = str(resp.url)
                result.redirects = [str(r.url) for r in resp.history]
                declared = resp.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > s.max_bytes:
                    return _too_large(result, s.max_bytes)
                body = bytearray()
                for chunk in resp.iter_bytes():
                    body += chunk
                    if len(body) > s.max_bytes:
                        return _too_large(result, s.max_bytes)
                    if time.monotonic() - t0 > s.total_timeout:
                        result.error_kind, result.retryable = "timeout", True
                        result.detail = f"timed out after {s.total_timeout:g} s (body still arriving)"
                        return result
                result.content = bytes(body)
                if not 200 <= resp.status_code < 300:
                    result.error_kind = "http_status"
                    result.detail = f"HTTP {resp.status_code}"
                    result.retryable = resp.status_code in RETRYABLE_STATUSES
                    result.retry_after = _parse_retry_after(resp.headers.get("retry-after"))
        except httpx.TooManyRedirects:
            result.error_kind = "too_many_redirects"
            result.detail = f"too many redirects (more than {s.max_redirects})"
        except httpx.TimeoutException as exc:
            limit = s.connect_timeout if isinstance(exc, httpx.ConnectTimeout) else s.read_timeout
            phase = "connecting" if isinstance(exc, httpx.ConnectTimeout) else "waiting for data"
            result.error_kind, result.retryable = "timeout", True
            result.detail = f"timed out after {limit:g} s {phase}"
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            result.error_kind, result.detail = "invalid_url", f"invalid URL: {exc}"
        except httpx.RemoteProtocolError as exc:
            # Typically a body cut short ("peer closed connection without sending complete message body").
            result.error_kind, result.retryable = "network", True
            result.detail = f"incomplete response: {exc}"
        except httpx.TransportError as exc:
            result.error_kind, result.retryable = "network", True
            result.detail = f"connection failed: {exc or type(exc).__name__}"
        except httpx.HTTPError as exc:  # e.g. a body that fails Content-Encoding decoding
            result.error_kind = "network"
            result.detail = f"unreadable response: {exc or type(exc).__name__}"
            result.content = b""
        return result


def _too_large(result: _Attempt, max_bytes: int) -> _Attempt:
    result.error_kind = "too_large"
    result.detail = f"body exceeds size cap of {max_bytes} bytes"
    result.content = b""
    return result


def _error_message(attempt: _Attempt, attempts: int) -> str | None:
    if attempt.error_kind is None:
        return None
    if attempts == 1:
        return attempt.detail
    if attempt.error_kind == "http_status":
        return f"{attempt.detail} after {attempts} attempts"
    return f"{attempt.detail} ({attempts} attempts)"
