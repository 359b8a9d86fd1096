"""Find budget disclosures on a portal column and download their attachments.

Dagster-free, so the CLI, the Dagster assets and the tests all call the same code:

    crawl_portal / discover    list pages -> pagination -> detail pages -> attachment links
    download_attachments       attachment links -> raw store, one AttachmentRecord each

Crawling is deliberately narrow (never open crawling): list pages are the start URLs and
their pagination (same directory); detail pages are links from list pages into the column's
directory on an allowed host; a detail page without attachments whose article body links to
other pages is a hub, followed one level down. Attachment links are taken from <a href>,
embedded viewers, onclick handlers and inline scripts (TRS-CMS writes them with JavaScript).
"""

from __future__ import annotations

import posixpath
import re
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TypeVar
from urllib.parse import parse_qs, quote, unquote, urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from assets.core.archives import ARCHIVE_KINDS, unpack
from assets.core.content_sniff import (
    DOCUMENT_KINDS,
    ContentKind,
    decode_html,
    extension_for,
    looks_like_challenge,
    sniff,
)
from assets.core.http_fetch import Fetcher, FetchResult
from assets.core.portal_sources import PortalSource, Selectors
from assets.core.raw_store import record_sighting, store

ATTACHMENT_EXTENSIONS = frozenset({"pdf", "doc", "docx", "xls", "xlsx", "zip", "rar"})
HTML_EXTENSIONS = frozenset({"html", "htm", "shtml", "jhtml"})

# Where TRS / common CMS templates put the article body (first selector that matches wins).
CONTENT_SELECTORS = (
    ".trs_editor_view",
    ".TRS_Editor",
    ".TRS_UEDITOR",
    "#zoom",
    "#UCAP-CONTENT",
    ".zwxl-article",
    ".article-content",
    ".article",
    "article",
)

# --- results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttachmentLink:
    url: str
    text: str  # link text, else title attribute, else file name
    found_in: str  # "href", "embed", "onclick" or "script"


@dataclass
class DiscoveredDisclosure:
    """A detail page with at least one attachment."""

    detail_url: str
    title: str  # the detail page's article title
    listed_on: list[str]  # list pages linking to it; empty when reached through a hub
    published: str | None  # ISO date (page metadata, else the list, else the URL)
    attachments: list[AttachmentLink]
    via_hub: str | None = None  # hub page it was reached from
    list_title: str | None = None  # the link text on the list page


@dataclass(frozen=True)
class SkippedPage:
    """A page looked at that yielded no disclosure, and why."""

    url: str
    page_type: str  # "list" or "detail"
    reason: str  # "hub", "no_attachment", "fetch_failed", "not_html" or "blocked"
    message: str
    title: str | None = None
    listed_on: tuple[str, ...] = ()
    http_status: int | None = None


@dataclass
class DiscoveryResult:
    list_pages: list[str] = field(default_factory=list)
    disclosures: list[DiscoveredDisclosure] = field(default_factory=list)
    skipped: list[SkippedPage] = field(default_factory=list)
    truncated: bool = False  # max_pages was reached before the crawl finished

    @property
    def detail_pages(self) -> list[str]:
        """Every detail page opened: disclosures, hubs, notices and failures."""
        return [d.detail_url for d in self.disclosures] + [
            s.url for s in self.skipped if s.page_type == "detail"
        ]


# --- URL helpers ------------------------------------------------------------------------------


def _clean(url: str) -> str:
    return urldefrag(url.strip())[0]


def _ext(url: str) -> str:
    """Lower-case extension of the URL's path (query ignored): '/a/B.PDF?x=1' -> 'pdf'."""
    return posixpath.splitext(unquote(urlsplit(url).path))[1].lower().lstrip(".")


def _dir_of(url: str) -> str:
    path = urlsplit(url).path or "/"
    return path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _resolve(base: str, ref: str | None) -> str | None:
    """Absolute http(s) URL for a link, or None for javascript:, mailto:, '#' and the like."""
    if not ref:
        return None
    ref = ref.strip()
    if not ref or ref.startswith("#"):
        return None
    url = _clean(urljoin(base, ref))
    return url if urlsplit(url).scheme in ("http", "https") else None


# --- list pages -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ListItem:
    url: str
    text: str
    date: str | None


@dataclass(frozen=True)
class ListPage:
    url: str
    items: list[ListItem]
    pagination: list[str]


_PAGER_WORDS = frozenset(
    {"下一页", "上一页", "首页", "尾页", "末页", "下页", "上页", "next", "prev", "last", "first"}
)
_PAGE_FILE = re.compile(r"^(?P<stem>[A-Za-z]+)(?:_\d+)?\.(?:s?html?)$")
_CREATE_PAGE = re.compile(r"createPageHTML\s*\(([^()]*)\)")
_JS_INT_VAR = re.compile(r"\b([A-Za-z_$][\w$]*)\s*=\s*(\d+)\s*;")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def parse_list_page(
    html: str,
    url: str,
    column_dirs: Sequence[str] | None = None,
    item_selector: str | None = None,
    pagination: str = "auto",
) -> ListPage:
    """Detail links and pagination of one list page. A detail link points into one of
    `column_dirs` (default: the list page's directory) and names an HTML page; with an
    `item_selector` (a source's CSS rule) the selected links are the items, wherever they point.
    `pagination="none"` ignores pager links (a source that lists everything on one page)."""
    soup = BeautifulSoup(html, "lxml")
    base = _base_url(soup, url)
    dirs = list(column_dirs) if column_dirs else [_dir_of(url)]
    pages = _pagination_links(soup, base) if pagination == "auto" else []
    page_set = set(pages) | {_clean(url)}
    items: dict[str, ListItem] = {}
    anchors = _select_links(soup, item_selector) if item_selector else soup.find_all("a", href=True)
    for a in anchors:
        link = _resolve(base, str(a["href"]))
        if not link or link in page_set or link in items:
            continue
        if not item_selector and not _is_detail_link(link, dirs):
            continue
        text = a.get_text(" ", strip=True) or str(a.get("title") or "")
        items[link] = ListItem(url=link, text=text, date=_date_near(a))
    return ListPage(url=url, items=list(items.values()), pagination=pages)


def _select_links(soup: BeautifulSoup, selector: str) -> list[Tag]:
    """<a href> elements matched by a CSS selector, or inside the matched elements."""
    links: list[Tag] = []
    for tag in soup.select(selector):
        if tag.name == "a" and tag.get("href"):
            links.append(tag)
        else:
            links += [a for a in tag.find_all("a", href=True) if isinstance(a, Tag)]
    return list(dict.fromkeys(links))


def pattern_pages(entry_url: str, template: str, pages: int) -> list[str]:
    """Pages 1 … pages-1 of a declared pattern ("index_{n}.html"), relative to the entry URL."""
    return [_clean(urljoin(entry_url, template.format(n=n))) for n in range(1, max(pages, 1))]


def _is_detail_link(url: str, column_dirs: Sequence[str]) -> bool:
    path = urlsplit(url).path
    in_column = any(path.startswith(d) and path != d for d in column_dirs)
    return in_column and _ext(url) in HTML_EXTENSIONS and not _PAGE_FILE.match(posixpath.basename(path))


def _pagination_links(soup: BeautifulSoup, base: str) -> list[str]:
    pages: list[str] = []
    for script in soup.find_all("script"):
        pages += _js_pagination(script.get_text(), base)
    stem = _page_stem(base)
    for a in soup.find_all("a", href=True):
        link = _resolve(base, str(a["href"]))
        if not link or _host(link) != _host(base) or _dir_of(link) != _dir_of(base):
            continue
        name = posixpath.basename(urlsplit(link).path)
        m = _PAGE_FILE.match(name)
        if (m and m.group("stem") == stem) or a.get_text(strip=True).lower() in _PAGER_WORDS:
            pages.append(link)
    return list(dict.fromkeys(p for p in pages if p != _clean(base)))


def _page_stem(url: str) -> str:
    m = _PAGE_FILE.match(posixpath.basename(urlsplit(url).path))
    return m.group("stem") if m else "index"


def _js_pagination(script: str, base: str) -> list[str]:
    """Pages of a TRS `createPageHTML(count, current, "index", "html")` call: index.html,
    index_1.html … index_{count-1}.html. Also the variant with a leading div id and
    arguments passed as variables (`var countPage = 5; createPageHTML('page', countPage, …)`)."""
    ints = {name: int(value) for name, value in _JS_INT_VAR.findall(script)}
    pages: list[str] = []
    for call in _CREATE_PAGE.finditer(script):
        args = [a.strip() for a in call.group(1).split(",")]
        numbers = [int(a) if a.isdigit() else ints.get(a) for a in args]
        counts = [
            n for n, a in zip(numbers, args, strict=True) if n is not None and not a.startswith(("'", '"'))
        ]
        strings = [a.strip("'\"") for a in args if a[:1] in ("'", '"')]
        if not counts or len(strings) < 2:
            continue  # the function definition itself, or an unsupported form
        name, ext = strings[-2], strings[-1]
        pages += [urljoin(base, f"{name}.{ext}" if i == 0 else f"{name}_{i}.{ext}") for i in range(counts[0])]
    return pages


_LIST_CONTAINERS = frozenset({"ul", "ol", "table", "tbody", "dl", "body", "html"})


def _date_near(a: Tag) -> str | None:
    # List rows put the date beside the link (<li><a/><span>2026-03-02</span></li>): look at the
    # row around the link, but never at the whole list, whose other rows have other dates.
    node = a.parent
    for _ in range(3):
        if node is None or node.name in _LIST_CONTAINERS:
            return None
        found = _iso_date(node.get_text(" ", strip=True))
        if found:
            return found
        node = node.parent
    return None


def _iso_date(text: str) -> str | None:
    for m in _DATE.finditer(text):
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            continue
    return None


# --- detail pages -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DetailPage:
    url: str
    title: str
    published: str | None
    attachments: list[AttachmentLink]
    linked_pages: list[str]  # HTML pages linked from the article body (what makes a hub)


# A quoted JavaScript string; attachment paths inside scripts must contain a "/" so that
# display names such as downloadFj('报告.pdf', './W0….pdf') are not mistaken for paths.
_JS_STRING = re.compile(r""""([^"\\\n]{1,500})"|'([^'\\\n]{1,500})'""")
_URL_DATE = re.compile(r"/t(20\d{2})(\d{2})(\d{2})_\d+")
_PUBDATE_META = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date")
_PUBDATE_LABEL = re.compile(
    r"(?:发布日期|发布时间|发文日期)\D{0,20}?(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})"
)
_TITLE_SEPARATOR = re.compile(r"\s*(?:_|\||｜| - | – | — |-)\s*")


def parse_detail_page(
    html: str, url: str, column_dirs: Sequence[str] | None = None, selectors: Selectors | None = None
) -> DetailPage:
    soup = BeautifulSoup(html, "lxml")
    base = _base_url(soup, url)
    selectors = selectors or Selectors()
    body = list(soup.select(selectors.content)) if selectors.content else []
    body = body or _content_region(soup)
    if body:
        linked = [u for tag in body for u in _html_links(tag, base)]
    else:  # unknown template: only links into the column count
        dirs = list(column_dirs) if column_dirs else [_dir_of(url)]
        linked = [u for u in _html_links(soup, base) if _is_detail_link(u, dirs)]
    own = _clean(url)
    attachments = find_attachment_links(soup, base)
    if selectors.attachment:
        attachments += _selected_attachments(soup, base, selectors.attachment, {a.url for a in attachments})
    return DetailPage(
        url=url,
        title=_selected_text(soup, selectors.title) or _page_title(soup),
        published=_published(soup, url),
        attachments=attachments,
        linked_pages=[
            u
            for u in dict.fromkeys(linked)
            if u != own and not _PAGE_FILE.match(posixpath.basename(urlsplit(u).path))
        ],
    )


def find_attachment_links(soup: BeautifulSoup, base: str) -> list[AttachmentLink]:
    """Attachment links anywhere on the page, in document order, one per URL."""
    found: dict[str, AttachmentLink] = {}

    def add(ref: str | None, text: str, how: str, *, need_slash: bool = False) -> None:
        if not ref or (need_slash and "/" not in ref):
            return
        url = _resolve(base, ref)
        if url is None:
            return
        viewer_file = parse_qs(urlsplit(url).query).get("file")  # pdf.js viewer.html?file=…
        if _ext(url) not in ATTACHMENT_EXTENSIONS and viewer_file:
            url = _resolve(base, viewer_file[0]) or url
        if _ext(url) in ATTACHMENT_EXTENSIONS and url not in found:
            found[url] = AttachmentLink(
                url=url, text=text or posixpath.basename(unquote(urlsplit(url).path)), found_in=how
            )

    for tag in soup.find_all(True):
        if tag.name in ("a", "area"):
            href = str(tag.get("href") or "")
            text = tag.get_text(" ", strip=True) or str(tag.get("title") or "")
            if href.lower().startswith("javascript:"):
                for ref in _js_strings(href):
                    add(ref, text, "onclick", need_slash=True)
            else:
                add(href, text, "href")
        elif tag.name in ("iframe", "embed", "frame"):
            add(str(tag.get("src") or ""), "", "embed")
        elif tag.name == "object":
            add(str(tag.get("data") or ""), "", "embed")
        elif tag.name == "script" and not tag.get("src"):
            for ref in _js_strings(tag.get_text()):
                add(ref, "", "script", need_slash=True)
        onclick = tag.get("onclick")
        if onclick:
            for ref in _js_strings(str(onclick)):
                add(ref, tag.get_text(" ", strip=True), "onclick", need_slash=True)
    return list(found.values())


def _selected_attachments(soup: BeautifulSoup, base: str, selector: str, known: set[str]) -> list[AttachmentLink]:
    """Links a source declares as attachments, whatever their extension (download.jsp?id=…)."""
    found: list[AttachmentLink] = []
    for a in _select_links(soup, selector):
        url = _resolve(base, str(a["href"]))
        if url and url not in known and _ext(url) not in HTML_EXTENSIONS:
            known.add(url)
            text = a.get_text(" ", strip=True) or str(a.get("title") or "") or posixpath.basename(urlsplit(url).path)
            found.append(AttachmentLink(url=url, text=text, found_in="selector"))
    return found


def _selected_text(soup: BeautifulSoup, selector: str | None) -> str:
    if not selector:
        return ""
    tag = soup.select_one(selector)
    return tag.get_text(" ", strip=True) if tag else ""


def _js_strings(code: str) -> list[str]:
    return [m.group(1) or m.group(2) for m in _JS_STRING.finditer(code)]


def _html_links(root: Tag, base: str) -> list[str]:
    links = (_resolve(base, str(a["href"])) for a in root.find_all("a", href=True))
    return [u for u in links if u and _ext(u) in HTML_EXTENSIONS]


def _content_region(soup: BeautifulSoup) -> list[Tag]:
    for selector in CONTENT_SELECTORS:
        tags = soup.select(selector)
        if tags:
            return list(tags)
    return []


def _base_url(soup: BeautifulSoup, url: str) -> str:
    base = soup.find("base", href=True)
    return urljoin(url, str(base["href"])) if isinstance(base, Tag) else url


def _meta(soup: BeautifulSoup, *names: str) -> str | None:
    wanted = {n.lower() for n in names}
    for tag in soup.find_all("meta"):
        key = str(tag.get("name") or tag.get("property") or "").lower()
        content = str(tag.get("content") or "").strip()
        if key in wanted and content:
            return content
    return None


def _page_title(soup: BeautifulSoup) -> str:
    """Article title: CMS metadata, else the first non-empty <h1>, else <title> minus the site name."""
    meta = _meta(soup, "ArticleTitle", "og:title")
    if meta:
        return meta
    for h1 in soup.find_all("h1"):
        text = h1.get_text(" ", strip=True)
        if text:
            return text
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    site = _meta(soup, "SiteName")
    if site and title.endswith(site) and len(title) > len(site):
        return title[: -len(site)].rstrip(" _-|｜–—")
    parts = _TITLE_SEPARATOR.split(title)
    # Drop a trailing site name ("…部门预算公开-政务公开"), but never a part of the title itself.
    if len(parts) > 1 and len(parts[-1]) <= 20 and not re.search(r"\d|预算|决算", parts[-1]):
        return title[: title.rfind(parts[-1])].rstrip(" _-|｜–—")
    return title


def _published(soup: BeautifulSoup, url: str) -> str | None:
    meta = _meta(soup, *_PUBDATE_META)
    if meta and _iso_date(meta):
        return _iso_date(meta)
    label = _PUBDATE_LABEL.search(soup.get_text(" ", strip=True))
    if label and _iso_date(label.group(1)):
        return _iso_date(label.group(1))
    m = _URL_DATE.search(urlsplit(url).path)
    return _iso_date("-".join(m.groups())) if m else None


# --- crawling ---------------------------------------------------------------------------------

T = TypeVar("T")
R = TypeVar("R")


def fetch_all(
    items: Sequence[T], work: Callable[[T], R], concurrency: int, pool: ThreadPoolExecutor | None = None
) -> list[R]:
    """`work` over `items`, up to `concurrency` at a time (on `pool` when given); results in
    the items' order. The fetcher's per-host slots and intervals keep this polite whatever
    `concurrency` is."""
    if concurrency <= 1 or len(items) <= 1:
        return [work(item) for item in items]
    if pool is not None:
        return list(pool.map(work, items))
    with ThreadPoolExecutor(max_workers=min(concurrency, len(items))) as own:
        return list(own.map(work, items))


@dataclass
class _Pending:
    url: str
    listed_on: list[str] = field(default_factory=list)
    list_title: str | None = None
    list_date: str | None = None
    via_hub: str | None = None
    depth: int = 0


def crawl_portal(
    start_urls: Iterable[str],
    *,
    fetcher: Fetcher,
    allowed_hosts: Iterable[str] | None = None,
    max_pages: int | None = None,
    max_hub_depth: int | None = None,
    source: PortalSource | None = None,
    concurrency: int = 1,
) -> DiscoveryResult:
    """Walk list pages (start URLs and their pagination), then their detail pages.

    `source` supplies the portal's declared rules (hosts, column directories, selectors,
    pagination, encoding, limits); without one, the generic CMS defaults apply. Pages on hosts
    other than the allowed ones (default: the start URLs' hosts) are never opened; attachments
    may live elsewhere, as file servers often do. `max_pages` caps the HTML pages fetched,
    `max_hub_depth` how many hub levels are followed; `concurrency` how many pages are
    fetched at once.
    """
    starts = [_clean(u) for u in start_urls]
    source = source.with_entry_urls(starts) if source is not None else PortalSource(name="generic", entry_urls=tuple(starts))
    hosts = {h.lower() for h in allowed_hosts} if allowed_hosts else set(source.hosts)
    crawl = _Crawl(
        fetcher,
        hosts,
        list(source.directories),
        source.limits.max_pages if max_pages is None else max_pages,
        source.limits.max_hub_depth if max_hub_depth is None else max_hub_depth,
        source,
        max(1, concurrency),
    )
    if source.pagination.mode == "pattern" and source.pagination.template:
        starts += [p for u in list(starts) for p in pattern_pages(u, source.pagination.template, source.pagination.pages)]
    with ThreadPoolExecutor(max_workers=crawl.concurrency) as pool:
        crawl.pool = pool
        pending = crawl.walk_lists(list(dict.fromkeys(starts)))
        crawl.walk_details(pending)
    return crawl.result


class _Crawl:
    """State of one crawl: what was seen, how many pages may still be fetched, the result."""

    def __init__(
        self,
        fetcher: Fetcher,
        hosts: set[str],
        column_dirs: list[str],
        max_pages: int,
        max_hub_depth: int,
        source: PortalSource,
        concurrency: int,
    ) -> None:
        self.fetcher = fetcher
        self.hosts = hosts
        self.column_dirs = column_dirs
        self.budget = max_pages
        self.max_hub_depth = max_hub_depth
        self.source = source
        self.concurrency = concurrency
        self.result = DiscoveryResult()
        self.seen_lists: set[str] = set()
        self.pool: ThreadPoolExecutor | None = None
        # Pages parsed per round: a few per worker, so workers rarely wait for each other.
        self.batch_size = concurrency * 4 if concurrency > 1 else 1

    def allowed(self, url: str) -> bool:
        return _host(url) in self.hosts

    def take_batch(self, queue: deque[T]) -> list[T]:
        """Up to `concurrency` queued items, within the page budget."""
        batch: list[T] = []
        while queue and len(batch) < self.batch_size:
            if self.budget <= 0:
                self.result.truncated = True
                break
            self.budget -= 1
            batch.append(queue.popleft())
        return batch

    def get_html(self, url: str, page_type: str, listed_on: tuple[str, ...] = ()) -> str | SkippedPage:
        return _get_html(self.fetcher, url, page_type, listed_on, encoding=self.source.encoding)

    def walk_lists(self, starts: list[str]) -> list[_Pending]:
        """Fetch list pages and their pagination; return the detail pages they list."""
        queue = deque(starts)
        self.seen_lists = set(starts)
        pending: dict[str, _Pending] = {}
        mode = "none" if self.source.pagination.mode == "none" else "auto"
        while batch := self.take_batch(queue):
            pages = fetch_all(batch, lambda u: (u, self.get_html(u, "list")), self.concurrency, self.pool)
            for url, html in pages:
                if isinstance(html, SkippedPage):
                    self.result.skipped.append(html)
                    continue
                page = parse_list_page(html, url, self.column_dirs, self.source.selectors.list_item, mode)
                self.result.list_pages.append(url)
                for link in page.pagination:
                    if self.allowed(link) and link not in self.seen_lists:
                        self.seen_lists.add(link)
                        queue.append(link)
                for item in page.items:
                    if self.allowed(item.url):
                        entry = pending.setdefault(
                            item.url, _Pending(item.url, list_title=item.text, list_date=item.date)
                        )
                        if url not in entry.listed_on:
                            entry.listed_on.append(url)
        return list(pending.values())

    def walk_details(self, pending: list[_Pending]) -> None:
        """Open detail pages: a page with attachments is a disclosure, one without is a hub
        (its article links are queued) or a non-disclosure such as a notice."""
        queue = deque(pending)
        seen = {p.url for p in pending}

        def fetch(item: _Pending) -> tuple[_Pending, str | SkippedPage]:
            return item, self.get_html(item.url, "detail", tuple(item.listed_on))

        while batch := self.take_batch(queue):
            for item, html in fetch_all(batch, fetch, self.concurrency, self.pool):
                if isinstance(html, SkippedPage):
                    self.result.skipped.append(html)
                    continue
                detail = parse_detail_page(html, item.url, self.column_dirs, self.source.selectors)
                if detail.attachments:
                    self.result.disclosures.append(_disclosure(item, detail))
                    continue
                linked = [u for u in detail.linked_pages if self.allowed(u) and u not in self.seen_lists]
                is_hub = bool(linked) and item.depth < self.max_hub_depth
                if is_hub:
                    message = f"no attachment; links to {len(linked)} other page(s), followed"
                    for link in linked:
                        if link not in seen:
                            seen.add(link)
                            queue.append(_Pending(link, via_hub=item.url, depth=item.depth + 1))
                else:
                    message = "no attachment link: not a disclosure (e.g. a notice in the same column)"
                self.result.skipped.append(
                    SkippedPage(
                        url=item.url,
                        page_type="detail",
                        reason="hub" if is_hub else "no_attachment",
                        message=message,
                        title=detail.title,
                        listed_on=tuple(item.listed_on),
                    )
                )


def _disclosure(item: _Pending, detail: DetailPage) -> DiscoveredDisclosure:
    return DiscoveredDisclosure(
        detail_url=item.url,
        title=detail.title or item.list_title or "",
        listed_on=item.listed_on,
        published=detail.published or item.list_date,
        attachments=detail.attachments,
        via_hub=item.via_hub,
        list_title=item.list_title,
    )


def discover(
    start_urls: Iterable[str],
    *,
    fetcher: Fetcher,
    allowed_hosts: Iterable[str] | None = None,
    max_pages: int | None = None,
    max_hub_depth: int | None = None,
    source: PortalSource | None = None,
) -> list[DiscoveredDisclosure]:
    """The disclosures `crawl_portal` finds (use crawl_portal for skipped pages and errors)."""
    return crawl_portal(
        start_urls,
        fetcher=fetcher,
        allowed_hosts=allowed_hosts,
        max_pages=max_pages,
        max_hub_depth=max_hub_depth,
        source=source,
    ).disclosures


def _get_html(
    fetcher: Fetcher, url: str, page_type: str, listed_on: tuple[str, ...] = (), encoding: str | None = None
) -> str | SkippedPage:
    """The decoded page (a 304 gives the cached body), or why there is none."""
    res = fetcher.fetch(url)

    def skip(reason: str, message: str) -> SkippedPage:
        return SkippedPage(url, page_type, reason, message, listed_on=listed_on, http_status=res.status)

    if not res.ok:
        reason = "blocked" if res.error_kind == "robots_disallowed" else "fetch_failed"
        return skip(reason, res.error or "fetch failed")
    kind = sniff(res.content)
    if kind is not ContentKind.HTML:
        return skip("not_html", f"expected an HTML page, got {kind.value}")
    if looks_like_challenge(res.content):
        return skip("blocked", "anti-bot JavaScript challenge page instead of the page")
    if encoding:
        return res.content.decode(encoding, errors="replace")
    return decode_html(res.content, res.headers.get("content-type"))


# --- downloading ------------------------------------------------------------------------------

# AttachmentRecord.status values.
ATTACHMENT_STATUSES = {
    "ok": "a document (PDF, Word, Excel, archive or archive member) was downloaded and stored",
    "not_found": "HTTP 404/410: the linked file does not exist",
    "http_error": "another HTTP error status (after retries for 5xx)",
    "timeout": "no (complete) answer within the timeouts, after retries",
    "network_error": "connection failed or the body was cut short, after retries",
    "too_many_redirects": "redirect loop or chain longer than allowed",
    "too_large": "body larger than the size cap",
    "invalid_url": "the link is not a fetchable URL",
    "robots_disallowed": "robots.txt forbids fetching the file; it was not requested",
    "html_instead_of_document": "an HTML page came back where a document was linked (bytes kept)",
    "blocked": "an anti-bot JavaScript challenge came back instead of the document",
    "empty": "the server answered with an empty body",
    "unrecognized_content": "bytes of no known document type (bytes kept)",
    "archive_unreadable": "a ZIP/RAR archive whose members could not be read (archive bytes kept)",
    "member_skipped": "an archive member not unpacked (encrypted, too large, needs a RAR tool)",
}

_ERROR_STATUS = {
    "timeout": "timeout",
    "network": "network_error",
    "too_many_redirects": "too_many_redirects",
    "too_large": "too_large",
    "invalid_url": "invalid_url",
    "robots_disallowed": "robots_disallowed",
}
MAX_ARCHIVE_DEPTH = 2  # an archive inside an archive is unpacked, one inside that is not


@dataclass(frozen=True)
class AttachmentRecord:
    """The outcome of downloading one attachment linked from one detail page (or of unpacking
    one member of an archive attachment)."""

    url: str  # for an archive member: <archive URL>#<member path>
    detail_url: str  # page that linked it
    disclosure_title: str
    link_text: str
    status: str  # a key of ATTACHMENT_STATUSES
    message: str
    http_status: int | None
    content_kind: str | None  # sniffed from the bytes; None when no bytes arrived
    sha256: str | None  # set whenever bytes were stored: every 2xx body, bad content included
    size: int
    stored_path: str | None
    final_url: str
    content_type: str | None
    fetched_at: str
    attempts: int
    unchanged: bool = False  # a conditional GET said 304: the stored bytes are still current
    member_of: str | None = None  # the archive attachment's URL, for a member
    member_name: str | None = None  # decoded path inside the archive

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def download_attachments(
    disclosures: Iterable[DiscoveredDisclosure],
    raw_dir: Path | str,
    fetcher: Fetcher,
    *,
    concurrency: int = 1,
    max_archive_members: int = 200,
) -> list[AttachmentRecord]:
    """Fetch every attachment once per URL (conditionally when the fetcher has a cache), store
    every body that came with a 2xx status in the raw store (wrong content too, so nothing is
    lost) and return one record per (page, attachment), in order; an archive's record is
    followed by one record per member."""
    raw_dir = Path(raw_dir)
    disclosures = list(disclosures)
    urls = list(dict.fromkeys(link.url for d in disclosures for link in d.attachments))
    fetched = dict(zip(urls, fetch_all(urls, lambda u: _fetch_attachment(fetcher, u, raw_dir), concurrency), strict=True))
    records: list[AttachmentRecord] = []
    for disclosure in disclosures:
        for link in disclosure.attachments:
            res, unchanged_path = fetched[link.url]
            record = _record(disclosure, link, res, raw_dir, unchanged_path)
            records.append(record)
            if record.ok and record.content_kind in {k.value for k in ARCHIVE_KINDS}:
                records[-1:] = _unpack_record(disclosure, record, raw_dir, max_archive_members, depth=1)
    return records


def _fetch_attachment(fetcher: Fetcher, url: str, raw_dir: Path) -> tuple[FetchResult, Path | None]:
    """The response, and for a bodiless 304 the raw-store file that is still current. A 304
    whose bytes are gone from the raw store is fetched again in full: nothing is lost."""
    res = fetcher.fetch(url)
    if res.not_modified and not res.content:
        stored = stored_file(raw_dir, res.cached.sha256 if res.cached else "")
        if stored is not None:
            return res, stored
        res = fetcher.fetch(url, conditional=False)
    return res, None


def stored_file(raw_dir: Path, sha256: str) -> Path | None:
    """The raw-store file holding these bytes (any extension), if it is there."""
    if not sha256:
        return None
    for path in sorted(Path(raw_dir).glob(f"{sha256}.*")):
        if not path.name.endswith((".json", ".tmp", ".corrupt")):
            return path
    return None


def _record(
    disclosure: DiscoveredDisclosure,
    link: AttachmentLink,
    res: FetchResult,
    raw_dir: Path,
    unchanged_path: Path | None = None,
) -> AttachmentRecord:
    provenance = {
        "url": link.url,
        "linked_from": disclosure.detail_url,
        "title": disclosure.title,
        "headers": res.headers,
        "status": res.status or 0,
        "fetched_at": res.fetched_at,
    }
    if unchanged_path is not None:
        with open(unchanged_path, "rb") as handle:
            head = handle.read(65536)
        kind: ContentKind | None = sniff(head)
        sha256 = unchanged_path.name.split(".")[0]
        record_sighting(unchanged_path, provenance)
        return AttachmentRecord(
            url=link.url,
            detail_url=disclosure.detail_url,
            disclosure_title=disclosure.title,
            link_text=link.text,
            status="ok" if kind in DOCUMENT_KINDS else "unrecognized_content",
            message="not modified since the last run (HTTP 304); stored bytes reused",
            http_status=res.status,
            content_kind=kind.value if kind else None,
            sha256=sha256,
            size=unchanged_path.stat().st_size,
            stored_path=str(unchanged_path),
            final_url=res.final_url,
            content_type=res.cached.content_type if res.cached else None,
            fetched_at=res.fetched_at,
            attempts=res.attempts,
            unchanged=True,
        )
    kind = sniff(res.content) if res.content else None
    status, message = _status(res, kind, link.url)
    stored = None
    # Keep whatever a successful response carried, wrong content included; an HTTP error
    # status means the body is the server's error page, not the document.
    if res.content and kind is not None and res.error is None:
        ext = extension_for(kind) or (_ext(link.url) if _ext(link.url) in ATTACHMENT_EXTENSIONS else "bin")
        stored = store(raw_dir, res.content, ext, provenance)
    return AttachmentRecord(
        url=link.url,
        detail_url=disclosure.detail_url,
        disclosure_title=disclosure.title,
        link_text=link.text,
        status=status,
        message=message,
        http_status=res.status,
        content_kind=kind.value if kind else None,
        sha256=stored.sha256 if stored else None,
        size=len(res.content),
        stored_path=str(stored.path) if stored else None,
        final_url=res.final_url,
        content_type=res.headers.get("content-type"),
        fetched_at=res.fetched_at,
        attempts=res.attempts,
        unchanged=res.not_modified,
    )


def _unpack_record(
    disclosure: DiscoveredDisclosure, archive: AttachmentRecord, raw_dir: Path, max_members: int, depth: int
) -> list[AttachmentRecord]:
    """The archive's record followed by one record per member (members are stored in the raw
    store like any download; the archive's bytes stay too)."""
    data = Path(archive.stored_path or "").read_bytes()
    unpacked = unpack(data, ContentKind(archive.content_kind or "unknown"), max_members)
    if unpacked.error:
        return [_replace(archive, status="archive_unreadable", message=unpacked.error)]
    summary = f"archive: {len(unpacked.members)} member(s) unpacked" + (
        f", {len(unpacked.skipped)} skipped" if unpacked.skipped else ""
    )
    out = [_replace(archive, message="; ".join(m for m in (archive.message, summary) if m))]
    for member in unpacked.members:
        kind = sniff(member.data)
        ext = extension_for(kind) or (_ext(member.name) if _ext(member.name) in ATTACHMENT_EXTENSIONS else "bin")
        url = f"{archive.url}#{quote(member.name)}"
        stored = store(
            raw_dir,
            member.data,
            ext,
            {"url": url, "linked_from": disclosure.detail_url, "title": member.name, "fetched_at": archive.fetched_at},
        )
        status = "ok" if kind in DOCUMENT_KINDS else ("html_instead_of_document" if kind is ContentKind.HTML else "unrecognized_content")
        record = AttachmentRecord(
            url=url,
            detail_url=disclosure.detail_url,
            disclosure_title=disclosure.title,
            link_text=member.name,
            status=status,
            message=f"member of {posixpath.basename(urlsplit(archive.url).path)}",
            http_status=archive.http_status,
            content_kind=kind.value,
            sha256=stored.sha256,
            size=len(member.data),
            stored_path=str(stored.path),
            final_url=url,
            content_type=None,
            fetched_at=archive.fetched_at,
            attempts=0,
            unchanged=archive.unchanged,
            member_of=archive.url,
            member_name=member.name,
        )
        if kind in ARCHIVE_KINDS and depth < MAX_ARCHIVE_DEPTH:
            out += _unpack_record(disclosure, record, raw_dir, max_members, depth + 1)
        else:
            out.append(record)
    for name, reason in unpacked.skipped:
        url = f"{archive.url}#{quote(name)}"
        out.append(
            AttachmentRecord(
                url=url,
                detail_url=disclosure.detail_url,
                disclosure_title=disclosure.title,
                link_text=name,
                status="member_skipped",
                message=reason,
                http_status=archive.http_status,
                content_kind=None,
                sha256=None,
                size=0,
                stored_path=None,
                final_url=url,
                content_type=None,
                fetched_at=archive.fetched_at,
                attempts=0,
                member_of=archive.url,
                member_name=name,
            )
        )
    return out


def _replace(record: AttachmentRecord, **changes: object) -> AttachmentRecord:
    return replace(record, **changes)  # type: ignore[arg-type]


def _status(res: FetchResult, kind: ContentKind | None, url: str) -> tuple[str, str]:
    if res.error_kind == "http_status":
        if res.content and looks_like_challenge(res.content):  # WAFs answer 403/412/521 + a script
            return "blocked", f"{res.error}: anti-bot JavaScript challenge instead of the document"
        return ("not_found" if res.status in (404, 410) else "http_error"), res.error or ""
    if res.error_kind is not None:
        return _ERROR_STATUS[res.error_kind], res.error or ""
    linked_as = _ext(url) or "?"
    if kind is None or kind is ContentKind.EMPTY:
        return "empty", "the server answered with an empty body"
    if kind is ContentKind.HTML:
        if looks_like_challenge(res.content):
            return "blocked", f"anti-bot JavaScript challenge served instead of the .{linked_as} file"
        return "html_instead_of_document", f"an HTML page was served instead of the .{linked_as} file"
    if kind not in DOCUMENT_KINDS:
        return "unrecognized_content", f"linked as .{linked_as}, bytes are of no known document type"
    if extension_for(kind) not in (None, linked_as):
        return "ok", f"linked as .{linked_as}, content is {kind.value}"
    return "ok", ""


def group_by_sha256(records: Iterable[AttachmentRecord]) -> dict[str, list[AttachmentRecord]]:
    """Successful downloads grouped by content: one document, every page and URL it came from.
    The same file posted twice on a portal yields one key with two records."""
    groups: dict[str, list[AttachmentRecord]] = {}
    for record in records:
        if record.ok and record.sha256:
            groups.setdefault(record.sha256, []).append(record)
    return groups
