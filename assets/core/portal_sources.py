"""Portal sources declared as configuration: one YAML file per portal under `sources/`.

A source says where a portal's disclosures are (entry URLs, the hosts and column directories
the crawl may open), how to read it when the generic CMS defaults are not enough (CSS
selectors for list items, the article body, the title and attachment links; a forced page
encoding; pagination) and how politely to fetch it (interval between requests, simultaneous
requests, robots.txt). Every key is optional except `name`: an empty source *is* the generic
CMS behaviour, which is also what `generic_source(urls)` gives for a bare entry URL.

    name: cq_czj_bmys
    title: 重庆市财政局 预算/决算 › 部门预算
    entry_urls: [https://czj.cq.gov.cn/zwgk_268/fdzdgknr/ysjs/bmys/index.html]
    allowed_hosts: [czj.cq.gov.cn]            # default: the entry URLs' hosts
    column_dirs: [/zwgk_268/fdzdgknr/ysjs/bmys/]  # default: the entry URLs' directories
    pagination: {mode: auto}                  # auto | none | pattern (with template, pages)
    selectors: {list_item: "ul.list a", content: ".TRS_Editor", title: "h1", attachment: "a.fj"}
    encoding: auto                            # or gbk, utf-8 …
    politeness: {min_interval: 1.0, max_per_host: 2, respect_robots: true}
    limits: {max_pages: 500, max_hub_depth: 1}
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from .http_fetch import FetchSettings

SOURCE_SUFFIXES = (".yaml", ".yml")
# The repository's declared portals; BUDGET_FACTS_SOURCES_DIR points elsewhere.
DEFAULT_SOURCES_DIR = Path(__file__).resolve().parents[2] / "sources"
PAGINATION_MODES = ("auto", "none", "pattern")


class SourceError(ValueError):
    """A source file that cannot be used as written (unknown key, wrong type, no such source)."""


@dataclass(frozen=True)
class Selectors:
    """CSS selectors; None means the generic CMS rules (see portal_discovery)."""

    list_item: str | None = None  # <a> elements (or containers of one) naming detail pages
    content: str | None = None  # the article body of a detail page
    title: str | None = None  # the article title of a detail page
    attachment: str | None = None  # extra attachment links, beside the generic ones


@dataclass(frozen=True)
class Pagination:
    mode: str = "auto"  # auto: TRS createPageHTML + pager links; none; pattern
    template: str | None = None  # pattern mode: "index_{n}.html", relative to the entry URL
    pages: int = 1  # pattern mode: pages in all (n = 1 … pages-1; page 0 is the entry URL)


@dataclass(frozen=True)
class Politeness:
    min_interval: float = 0.5  # seconds between two requests to one host
    max_per_host: int = 2  # simultaneous requests to one host
    respect_robots: bool = True
    user_agent: str | None = None  # default: http_fetch.USER_AGENT


@dataclass(frozen=True)
class Limits:
    max_pages: int = 500  # HTML pages fetched per run (lists, details, hubs)
    max_hub_depth: int = 1
    max_archive_members: int = 200


@dataclass(frozen=True)
class PortalSource:
    name: str
    title: str = ""
    entry_urls: tuple[str, ...] = ()
    allowed_hosts: tuple[str, ...] = ()
    column_dirs: tuple[str, ...] = ()
    pagination: Pagination = field(default_factory=Pagination)
    selectors: Selectors = field(default_factory=Selectors)
    encoding: str | None = None  # None / "auto": detected per page
    politeness: Politeness = field(default_factory=Politeness)
    limits: Limits = field(default_factory=Limits)
    path: str | None = None  # the YAML file it came from

    @property
    def hosts(self) -> tuple[str, ...]:
        if self.allowed_hosts:
            return tuple(h.lower() for h in self.allowed_hosts)
        return tuple(dict.fromkeys((urlsplit(u).hostname or "").lower() for u in self.entry_urls))

    @property
    def directories(self) -> tuple[str, ...]:
        if self.column_dirs:
            return tuple(d if d.endswith("/") else d + "/" for d in self.column_dirs)
        return tuple(dict.fromkeys(_dir_of(u) for u in self.entry_urls))

    def with_entry_urls(self, urls: list[str] | tuple[str, ...]) -> PortalSource:
        """The same rules at other entry URLs (a test server, a mirror): hosts and column
        directories declared for the original URLs are re-derived from the new ones unless the
        new URLs sit on a declared host."""
        urls = tuple(urls)
        if not urls:
            return self
        declared = set(self.hosts)
        on_declared = all((urlsplit(u).hostname or "").lower() in declared for u in urls)
        return replace(
            self,
            entry_urls=urls,
            allowed_hosts=self.allowed_hosts if on_declared else (),
            column_dirs=self.column_dirs if on_declared or _same_dirs(self.column_dirs, urls) else (),
        )

    def fetch_settings(self, base: FetchSettings | None = None) -> FetchSettings:
        """The HTTP client's knobs with this source's politeness applied."""
        base = base or FetchSettings()
        p = self.politeness
        return replace(
            base,
            min_interval=p.min_interval,
            max_per_host=p.max_per_host,
            respect_robots=p.respect_robots,
            user_agent=p.user_agent or base.user_agent,
        )


def _dir_of(url: str) -> str:
    path = urlsplit(url).path or "/"
    return path if path.endswith("/") else posixpath.dirname(path) + "/"


def _same_dirs(dirs: tuple[str, ...], urls: tuple[str, ...]) -> bool:
    return bool(dirs) and all(any(urlsplit(u).path.startswith(d) for d in dirs) for u in urls)


def sources_dir() -> Path:
    return Path(os.environ.get("BUDGET_FACTS_SOURCES_DIR") or DEFAULT_SOURCES_DIR)


def sources_for(entries: list[str] | tuple[str, ...], directory: Path | str | None = None) -> list[PortalSource]:
    """Sources for a list of entry URLs and/or declared source names: a name gives that
    source; URLs that are some source's entry URLs give it; other URLs the generic defaults."""
    directory = sources_dir() if directory is None else directory
    declared = load_sources(directory)
    names = [e for e in entries if "://" not in e]
    urls = [e for e in entries if "://" in e]
    unknown = [n for n in names if n not in declared]
    if unknown:
        raise SourceError(f"no portal source named {', '.join(unknown)} (declared: {', '.join(sorted(declared)) or 'none'})")
    chosen = [declared[n] for n in names]
    rest = list(urls)
    for source in declared.values():
        if source.entry_urls and set(source.entry_urls) <= set(rest):
            chosen.append(source)
            rest = [u for u in rest if u not in source.entry_urls]
    return chosen + [generic_source(rest)] if rest else chosen


def generic_source(urls: list[str] | tuple[str, ...], name: str = "generic") -> PortalSource:
    """Generic CMS defaults at the given entry URLs (no per-site rules)."""
    return PortalSource(name=name, entry_urls=tuple(urls))


# --- loading ----------------------------------------------------------------------------------


def load_source(path: Path | str) -> PortalSource:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise SourceError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise SourceError(f"{path}: a source is a mapping of keys")
    data.setdefault("name", path.stem)
    return source_from_dict(data, where=str(path))


def load_sources(directory: Path | str) -> dict[str, PortalSource]:
    """Every source file of a directory, by name (file order: sorted names)."""
    directory = Path(directory)
    sources: dict[str, PortalSource] = {}
    if not directory.is_dir():
        return sources
    for path in sorted(p for p in directory.iterdir() if p.suffix in SOURCE_SUFFIXES):
        source = load_source(path)
        if source.name in sources:
            raise SourceError(f"{path}: source name {source.name!r} is used twice")
        sources[source.name] = source
    return sources


def resolve_source(
    urls: list[str] | tuple[str, ...], name: str | None = None, directory: Path | str | None = None
) -> PortalSource:
    """The source to crawl: the declared one named `name` (at `urls` when given), else the
    declared source whose entry URLs are exactly `urls`, else the generic CMS defaults."""
    sources = load_sources(directory) if directory is not None else {}
    if name:
        if name not in sources:
            known = ", ".join(sorted(sources)) or "none"
            raise SourceError(f"no portal source named {name!r} (declared: {known})")
        return sources[name].with_entry_urls(urls)
    for source in sources.values():
        if set(source.entry_urls) == set(urls):
            return source
    if not urls:
        raise SourceError("no entry URL and no source name")
    return generic_source(urls)


def source_from_dict(data: dict[str, Any], where: str = "source") -> PortalSource:
    data = dict(data)
    nested = {
        "pagination": Pagination,
        "selectors": Selectors,
        "politeness": Politeness,
        "limits": Limits,
    }
    kwargs: dict[str, Any] = {}
    for key, cls in nested.items():
        kwargs[key] = _build(cls, data.pop(key, None) or {}, f"{where}: {key}")
    for key in ("entry_urls", "allowed_hosts", "column_dirs"):
        value = data.pop(key, None) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise SourceError(f"{where}: {key} must be a list of strings")
        kwargs[key] = tuple(value)
    encoding = data.pop("encoding", None)
    kwargs["encoding"] = None if encoding in (None, "", "auto") else str(encoding)
    kwargs.update(_build_plain(PortalSource, data, where, skip=set(kwargs) | {"path"}))
    source = PortalSource(**kwargs, path=where)
    _check(source, where)
    return source


def _build(cls: type, values: dict[str, Any], where: str) -> Any:
    if not isinstance(values, dict):
        raise SourceError(f"{where} must be a mapping")
    return cls(**_build_plain(cls, values, where))


def _build_plain(cls: type, values: dict[str, Any], where: str, skip: set[str] | None = None) -> dict[str, Any]:
    known = {f.name: f for f in fields(cls) if f.name not in (skip or set())}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise SourceError(f"{where}: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    out: dict[str, Any] = {}
    for key, value in values.items():
        expected = str(known[key].type)
        if value is None:
            continue
        if expected.startswith("int") and not (isinstance(value, int) and not isinstance(value, bool)):
            raise SourceError(f"{where}: {key} must be an integer")
        if expected.startswith("float") and not isinstance(value, int | float):
            raise SourceError(f"{where}: {key} must be a number")
        if expected.startswith("bool") and not isinstance(value, bool):
            raise SourceError(f"{where}: {key} must be true or false")
        if expected.startswith("str") and not isinstance(value, str):
            raise SourceError(f"{where}: {key} must be a string")
        out[key] = float(value) if expected.startswith("float") else value
    return out


def _check(source: PortalSource, where: str) -> None:
    if not source.name:
        raise SourceError(f"{where}: name must not be empty")
    if source.pagination.mode not in PAGINATION_MODES:
        raise SourceError(f"{where}: pagination.mode must be one of {', '.join(PAGINATION_MODES)}")
    if source.pagination.mode == "pattern" and "{n}" not in (source.pagination.template or ""):
        raise SourceError(f"{where}: pagination.template must contain {{n}} in pattern mode")
    for url in source.entry_urls:
        if urlsplit(url).scheme not in ("http", "https"):
            raise SourceError(f"{where}: entry URL {url!r} is not http(s)")
    if source.politeness.max_per_host < 1 or source.politeness.min_interval < 0:
        raise SourceError(f"{where}: politeness.max_per_host must be >= 1, min_interval >= 0")
