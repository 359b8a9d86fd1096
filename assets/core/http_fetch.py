"""A small, polite HTTP GET client for scraping government portals.

One URL in, one `FetchResult` out: HTTP and network failures never raise, they become a
specific message ("HTTP 500 after 3 attempts", "timed out after 30 s …") that the caller can
record against the document it was trying to get. Politeness: a descriptive User-Agent,
robots.txt honoured (its Crawl-delay too), a minimum interval between requests to the same
host and a cap on simultaneous requests per host, bounded retries with exponential backoff and
jitter, bounded redirects and a size cap on bodies. With an `HttpCache`, requests are
conditional (If-None-Match / If-Modified-Since), so an unchanged page or file is not
downloaded again.
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
from urllib.robotparser import RobotFileParser

import httpx

from .http_cache import CacheEntry, HttpCache

USER_AGENT = "budget-facts/0.1 (+open-data pipeline)"

# Statuses worth another try: the server said "not now" rather than "no".
RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524})

ErrorKind = Literal[
    "http_status", "timeout", "network", "too_many_redirects", "too_large", "invalid_url", "robots_disallowed"
]


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
    max_per_host: int = 2  # simultaneous requests to one host
    respect_robots: bool = True  # read /robots.txt once per host and obey it
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
        if self.max_per_host < 1 or self.min_interval < 0:
            raise ValueError("max_per_host must be >= 1 and min_interval >= 0")


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
    # 304 Not Modified to a conditional request: `cached` says what the earlier 200 carried;
    # `content` is the cached body where the cache keeps one (pages), else empty (files,
    # whose bytes are in the raw store under cached.sha256).
    not_modified: bool = False
    cached: CacheEntry | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class Fetcher(Protocol):
    """Anything that turns a URL into a FetchResult (the real client or an offline stand-in).

    `conditional=False` asks for the full body even when a cache says it is unchanged."""

    def fetch(self, url: str, conditional: bool = True) -> FetchResult: ...


@dataclass
class FetchStats:
    """What a fetcher did on the wire (robots.txt included): for logs and benchmarks."""

    requests: int = 0  # HTTP requests sent, retries included
    bytes_received: int = 0
    not_modified: int = 0  # 304 answers to conditional requests
    robots_disallowed: int = 0  # URLs not requested because robots.txt forbids them
    statuses: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "requests": self.requests,
            "bytes_received": self.bytes_received,
            "not_modified": self.not_modified,
            "robots_disallowed": self.robots_disallowed,
            "statuses": dict(sorted(self.statuses.items())),
        }


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
        cache: HttpCache | None = None,
    ) -> None:
        self.settings = settings or FetchSettings()
        self.cache = cache
        self.stats = FetchStats()
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
        self._host_slots: dict[str, threading.BoundedSemaphore] = {}
        self._robots: dict[str, RobotFileParser | None] = {}  # None: no rules (allow all)
        self._robots_lock = threading.Lock()
        self._crawl_delay: dict[str, float] = {}

    def __enter__(self) -> HttpFetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str, conditional: bool = True) -> FetchResult:
        s = self.settings
        started = time.monotonic()
        if s.respect_robots and not self._robots_allow(url):
            with self._lock:
                self.stats.robots_disallowed += 1
            return FetchResult(
                url=url,
                final_url=url,
                status=None,
                headers={},
                content=b"",
                elapsed=0.0,
                attempts=0,
                fetched_at=_now_iso(),
                error="disallowed by robots.txt (not requested)",
                error_kind="robots_disallowed",
            )
        cached = self.cache.get(url) if (self.cache is not None and conditional) else None
        validators = cached.validators() if cached else {}
        attempt = _Attempt(final_url=url)
        attempts = 0
        while True:
            attempts += 1
            self._wait_for_host(url)
            with self._slot(url):
                attempt = self._attempt(url, validators)
            self._count(attempt)
            if not attempt.retryable or attempts >= s.max_attempts:
                break
            delay = backoff_delay(attempts, s, self._rng)
            if attempt.retry_after is not None:
                delay = max(delay, min(attempt.retry_after, s.backoff_max))
            self._sleep(delay)
        not_modified = attempt.status == 304 and attempt.error_kind is None and cached is not None
        content = attempt.content
        if not_modified and cached is not None and self.cache is not None:
            content = self.cache.body(cached) or b""
        fetched_at = _now_iso()
        result = FetchResult(
            url=url,
            final_url=attempt.final_url or url,
            status=attempt.status,
            headers=attempt.headers,
            content=content,
            elapsed=round(time.monotonic() - started, 3),
            attempts=attempts,
            fetched_at=fetched_at,
            error=_error_message(attempt, attempts),
            error_kind=attempt.error_kind,
            redirects=attempt.redirects,
            not_modified=not_modified,
            cached=cached if not_modified else None,
        )
        if self.cache is not None and result.ok and not not_modified:
            self.cache.remember(url, result.headers, result.content, fetched_at)
        return result

    def _count(self, attempt: _Attempt) -> None:
        with self._lock:
            self.stats.requests += 1
            self.stats.bytes_received += len(attempt.content)
            key = str(attempt.status) if attempt.status is not None else (attempt.error_kind or "none")
            self.stats.statuses[key] = self.stats.statuses.get(key, 0) + 1
            if attempt.status == 304:
                self.stats.not_modified += 1

    def _slot(self, url: str) -> threading.BoundedSemaphore:
        host = urlsplit(url).netloc.lower()
        with self._lock:
            slot = self._host_slots.get(host)
            if slot is None:
                slot = self._host_slots[host] = threading.BoundedSemaphore(self.settings.max_per_host)
        return slot

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        interval = max(self.settings.min_interval, self._crawl_delay.get(host, 0.0))
        with self._lock:
            wait = self._last_request.get(host, -1e9) + interval - time.monotonic()
            # Reserve the slot now so concurrent callers queue up behind each other.
            self._last_request[host] = time.monotonic() + max(0.0, wait)
        if wait > 0:
            self._sleep(wait)

    # --- robots.txt ---------------------------------------------------------------------------

    def _robots_allow(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return True  # not fetchable anyway; the request reports the invalid URL
        origin = f"{parts.scheme}://{parts.netloc.lower()}"
        with self._robots_lock:  # one robots.txt request per origin, even under concurrency
            if origin not in self._robots:
                self._robots[origin] = self._load_robots(origin)
        rules = self._robots[origin]
        return rules is None or rules.can_fetch(self.settings.user_agent, url)

    def _load_robots(self, origin: str) -> RobotFileParser | None:
        """Rules of one origin (RFC 9309): 4xx means no rules, a 5xx answer "disallow
        everything" for this run. No answer at all (refused, timed out) is read as no rules:
        the request itself then fails with the real, more useful error."""
        robots_url = origin + "/robots.txt"
        attempt = _Attempt(final_url=robots_url)
        for n in range(1, self.settings.max_attempts + 1):
            self._wait_for_host(robots_url)
            with self._slot(robots_url):
                attempt = self._attempt(robots_url, {})
            self._count(attempt)
            if not attempt.retryable:
                break
            if n < self.settings.max_attempts:
                self._sleep(backoff_delay(n, self.settings, self._rng))
        parser = RobotFileParser(robots_url)
        if attempt.status is not None and 400 <= attempt.status < 500:
            return None
        if attempt.error_kind is not None and attempt.error_kind != "http_status":
            return None
        if attempt.status is None or attempt.status >= 500:
            parser.parse(["User-agent: *", "Disallow: /"])
            return parser
        text = attempt.content.decode("utf-8", errors="replace")
        if "<html" in text[:512].lower():
            return None  # a portal's HTML page served for every path: no rules
        parser.parse(text.splitlines())
        delay = parser.crawl_delay(self.settings.user_agent)
        if delay:
            self._crawl_delay[urlsplit(origin).netloc] = min(float(delay), 60.0)
        return parser

    def _attempt(self, url: str, validators: dict[str, str]) -> _Attempt:
        s = self.settings
        result = _Attempt(final_url=url)
        t0 = time.monotonic()
        try:
            with self._client.stream("GET", url, headers=validators) as resp:
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
                if resp.status_code == 304 and validators:
                    return result  # unchanged since the cached copy
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
