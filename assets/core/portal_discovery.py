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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, unquote, urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from assets.core.content_sniff import (
    DOCUMENT_KINDS,
    ContentKind,
    decode_html,
    extension_for,
    looks_like_challenge,
    sniff,
)
from assets.core.http_fetch import Fetcher, FetchResult
from assets.core.raw_store import store

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


def parse_list_page(html: str, url: str, column_dirs: Sequence[str] | None = None) -> ListPage:
    """Detail links and pagination of one list page. A detail link points into one of
    `column_dirs` (default: the list page's directory) and names an HTML page."""
    soup = BeautifulSoup(html, "lxml")
    base = _base_url(soup, url)
    dirs = list(column_dirs) if column_dirs else [_dir_of(url)]
    pagination = _pagination_links(soup, base)
    page_set = set(pagination) | {_clean(url)}
    items: dict[str, ListItem] = {}
    for a in soup.find_all("a", href=True):
        link = _resolve(base, str(a["href"]))
        if not link or link in page_set or link in items or not _is_detail_link(link, dirs):
            continue
        text = a.get_text(" ", strip=True) or str(a.get("title") or "")
        items[link] = ListItem(url=link, text=text, date=_date_near(a))
    return ListPage(url=url, items=list(items.values()), pagination=pagination)


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


def parse_detail_page(html: str, url: str, column_dirs: Sequence[str] | None = None) -> DetailPage:
    soup = BeautifulSoup(html, "lxml")
    base = _base_url(soup, url)
    body = _content_region(soup)
    if body:
        linked = [u for tag in body for u in _html_links(tag, base)]
    else:  # unknown template: only links into the column count
        dirs = list(column_dirs) if column_dirs else [_dir_of(url)]
        linked = [u for u in _html_links(soup, base) if _is_detail_link(u, dirs)]
    own = _clean(url)
    return DetailPage(
        url=url,
        title=_page_title(soup),
        published=_published(soup, url),
        attachments=find_attachment_links(soup, base),
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
    max_pages: int = 500,
    max_hub_depth: int = 1,
) -> DiscoveryResult:
    """Walk list pages (start URLs and their pagination), then their detail pages.

    `allowed_hosts` defaults to the hosts of the start URLs; pages elsewhere are never opened
    (attachments may live on another host, as file servers often do). `max_pages` caps the
    HTML pages fetched; `max_hub_depth` how many hub levels are followed.
    """
    starts = [_clean(u) for u in start_urls]
    hosts = {h.lower() for h in allowed_hosts} if allowed_hosts else {_host(u) for u in starts}
    crawl = _Crawl(fetcher, hosts, list(dict.fromkeys(_dir_of(u) for u in starts)), max_pages, max_hub_depth)
    pending = crawl.walk_lists(starts)
    crawl.walk_details(pending)
    return crawl.result


class _Crawl:
    """State of one crawl: what was seen, how many pages may still be fetched, the result."""

    def __init__(
        self, fetcher: Fetcher, hosts: set[str], column_dirs: list[str], max_pages: int, max_hub_depth: int
    ) -> None:
        self.fetcher = fetcher
        self.hosts = hosts
        self.column_dirs = column_dirs
        self.budget = max_pages
        self.max_hub_depth = max_hub_depth
        self.result = DiscoveryResult()
        self.seen_lists: set[str] = set()

    def allowed(self, url: str) -> bool:
        return _host(url) in self.hosts

    def take_budget(self) -> bool:
        if self.budget <= 0:
            self.result.truncated = True
            return False
        self.budget -= 1
        return True

    def walk_lists(self, starts: list[str]) -> list[_Pending]:
        """Fetch list pages and their pagination; return the detail pages they list."""
        queue = deque(starts)
        self.seen_lists = set(starts)
        pending: dict[str, _Pending] = {}
        while queue and self.take_budget():
            url = queue.popleft()
            html = _get_html(self.fetcher, url, "list")
            if isinstance(html, SkippedPage):
                self.result.skipped.append(html)
                continue
            page = parse_list_page(html, url, self.column_dirs)
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
        while queue and self.take_budget():
            item = queue.popleft()
            html = _get_html(self.fetcher, item.url, "detail", tuple(item.listed_on))
            if isinstance(html, SkippedPage):
                self.result.skipped.append(html)
                continue
            detail = parse_detail_page(html, item.url, self.column_dirs)
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
    max_pages: int = 500,
    max_hub_depth: int = 1,
) -> list[DiscoveredDisclosure]:
    """The disclosures `crawl_portal` finds (use crawl_portal for skipped pages and errors)."""
    return crawl_portal(
        start_urls,
        fetcher=fetcher,
        allowed_hosts=allowed_hosts,
        max_pages=max_pages,
        max_hub_depth=max_hub_depth,
    ).disclosures


def _get_html(
    fetcher: Fetcher, url: str, page_type: str, listed_on: tuple[str, ...] = ()
) -> str | SkippedPage:
    """The decoded page, or why there is none."""
    res = fetcher.fetch(url)

    def skip(reason: str, message: str) -> SkippedPage:
        return SkippedPage(url, page_type, reason, message, listed_on=listed_on, http_status=res.status)

    if not res.ok:
        return skip("fetch_failed", res.error or "fetch failed")
    kind = sniff(res.content)
    if kind is not ContentKind.HTML:
        return skip("not_html", f"expected an HTML page, got {kind.value}")
    if looks_like_challenge(res.content):
        return skip("blocked", "anti-bot JavaScript challenge page instead of the page")
    return decode_html(res.content, res.headers.get("content-type"))


# --- downloading ------------------------------------------------------------------------------

# AttachmentRecord.status values.
ATTACHMENT_STATUSES = {
    "ok": "a document (PDF, Word, Excel, archive) was downloaded and stored",
    "not_found": "HTTP 404/410: the linked file does not exist",
    "http_error": "another HTTP error status (after retries for 5xx)",
    "timeout": "no (complete) answer within the timeouts, after retries",
    "network_error": "connection failed or the body was cut short, after retries",
    "too_many_redirects": "redirect loop or chain longer than allowed",
    "too_large": "body larger than the size cap",
    "invalid_url": "the link is not a fetchable URL",
    "html_instead_of_document": "an HTML page came back where a document was linked (bytes kept)",
    "blocked": "an anti-bot JavaScript challenge came back instead of the document",
    "empty": "the server answered with an empty body",
    "unrecognized_content": "bytes of no known document type (bytes kept)",
}

_ERROR_STATUS = {
    "timeout": "timeout",
    "network": "network_error",
    "too_many_redirects": "too_many_redirects",
    "too_large": "too_large",
    "invalid_url": "invalid_url",
}


@dataclass(frozen=True)
class AttachmentRecord:
    """The outcome of downloading one attachment linked from one detail page."""

    url: str
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

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def download_attachments(
    disclosures: Iterable[DiscoveredDisclosure], raw_dir: Path | str, fetcher: Fetcher
) -> list[AttachmentRecord]:
    """Fetch every attachment once per URL, store every body that came with a 2xx status in
    the raw store (wrong content too, so nothing is lost) and return one record per
    (page, attachment), in order."""
    fetched: dict[str, FetchResult] = {}
    records: list[AttachmentRecord] = []
    for disclosure in disclosures:
        for link in disclosure.attachments:
            if link.url not in fetched:
                fetched[link.url] = fetcher.fetch(link.url)
            records.append(_record(disclosure, link, fetched[link.url], Path(raw_dir)))
    return records


def _record(
    disclosure: DiscoveredDisclosure, link: AttachmentLink, res: FetchResult, raw_dir: Path
) -> AttachmentRecord:
    kind = sniff(res.content) if res.content else None
    status, message = _status(res, kind, link.url)
    stored = None
    # Keep whatever a successful response carried, wrong content included; an HTTP error
    # status means the body is the server's error page, not the document.
    if res.content and kind is not None and res.error is None:
        ext = extension_for(kind) or (_ext(link.url) if _ext(link.url) in ATTACHMENT_EXTENSIONS else "bin")
        stored = store(
            raw_dir,
            res.content,
            ext,
            {
                "url": link.url,
                "linked_from": disclosure.detail_url,
                "title": disclosure.title,
                "headers": res.headers,
                "status": res.status or 0,
                "fetched_at": res.fetched_at,
            },
        )
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
    )


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
