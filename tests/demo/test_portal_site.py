from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import httpx
import pytest
from bs4 import BeautifulSoup

from assets.demo.portal_site import DemoPortal, build_demo_portal
from assets.demo.server import serve_directory

PAGER_CALL = re.compile(r'createPageHTML\((\d+),\s*(\d+),\s*"(\w+)",\s*"(\w+)"\)')


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> DemoPortal:
    return build_demo_portal(tmp_path_factory.mktemp("portal"))


@pytest.fixture(scope="module")
def base_url(portal: DemoPortal) -> Iterator[str]:
    with serve_directory(portal.root_dir) as url:
        yield url


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    # trust_env=False: a proxy from the environment must not intercept 127.0.0.1.
    with httpx.Client(trust_env=False, timeout=10) as c:
        yield c


def pager_call(html: str) -> tuple[int, int, str, str]:
    match = PAGER_CALL.search(html)
    assert match is not None, "no createPageHTML(...) call"
    count, current, name, ext = match.groups()
    return int(count), int(current), name, ext


def list_items(html: str) -> list[tuple[str, str]]:
    soup = BeautifulSoup(html, "html.parser")
    return [(str(a["href"]), a.get_text()) for a in soup.select("ul.list-cont li a")]


def appendix_links(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [str(a["href"]) for a in soup.select("div.zwxl-article a[appendix]")]


def test_list_pages_paginate_only_through_create_page_html(
    portal: DemoPortal, base_url: str, client: httpx.Client
) -> None:
    first = client.get(portal.url(base_url))
    assert first.status_code == 200
    assert "index_1.html" not in first.text  # no plain <a> to page 2: only the JS call
    count, current, name, ext = pager_call(first.text)
    assert (count, current) == (2, 0)
    second_url = urljoin(portal.url(base_url), f"{name}_1.{ext}")
    assert second_url == portal.url(base_url, portal.list_pages[1])
    second = client.get(second_url)
    assert second.status_code == 200
    assert pager_call(second.text)[:2] == (2, 1)


def test_list_items_resolve_to_the_detail_pages_with_one_duplicate(
    portal: DemoPortal, base_url: str, client: httpx.Client
) -> None:
    resolved = []
    for list_path in portal.list_pages:
        page_url = portal.url(base_url, list_path)
        resolved += [urljoin(page_url, href) for href, _ in list_items(client.get(page_url).text)]
    assert len(resolved) == 4
    assert list(dict.fromkeys(resolved)) == [portal.url(base_url, p) for p in portal.detail_pages]
    (seed,) = portal.disclosures
    assert resolved.count(portal.url(base_url, seed.detail_page)) == 2


def test_seed_detail_page_links_the_rendered_pdf(
    portal: DemoPortal, base_url: str, client: httpx.Client
) -> None:
    (seed,) = portal.disclosures
    page_url = portal.url(base_url, seed.detail_page)
    page = client.get(page_url)
    assert seed.page_title in page.text
    (href,) = appendix_links(page.text)
    assert href.startswith("./P0") and href.endswith(".pdf")
    pdf = client.get(urljoin(page_url, href))
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert hashlib.sha256(pdf.content).hexdigest() == seed.attachment_sha256
    assert pdf.content == portal.seed_pdf.read_bytes()


def test_trap_pdf_link_serves_an_html_error_page(
    portal: DemoPortal, base_url: str, client: httpx.Client
) -> None:
    (trap,) = [t for t in portal.traps if t.kind == "attachment_not_pdf"]
    page_url = portal.url(base_url, trap.page)
    (href,) = appendix_links(client.get(page_url).text)
    assert urljoin(page_url, href) == portal.url(base_url, trap.attachment_path)
    response = client.get(urljoin(page_url, href))
    assert response.status_code == 200
    assert not response.content.startswith(b"%PDF")
    assert b"<html" in response.content[:100]


def test_notice_has_no_attachment(portal: DemoPortal, base_url: str, client: httpx.Client) -> None:
    (notice,) = [t for t in portal.traps if t.kind == "non_budget_notice"]
    html = client.get(portal.url(base_url, notice.page)).text
    assert "部门预算" in html and "2027" in html
    assert appendix_links(html) == []
    assert ".pdf" not in html


def test_expected_json_describes_the_portal(portal: DemoPortal) -> None:
    written = json.loads((portal.root_dir / "expected.json").read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(portal.expected()))
    assert written["expected_counts"] == {
        "list_pages": 2,
        "detail_pages": 3,
        "detail_pages_with_attachment": 2,
        "disclosures": 1,
        "pdf_downloads_ok": 1,
        "attachments_not_pdf": 1,
    }


def test_building_twice_gives_identical_files(portal: DemoPortal, tmp_path: Path) -> None:
    again = build_demo_portal(tmp_path)
    ours = {p.relative_to(portal.root_dir): p.read_bytes() for p in portal.root_dir.rglob("*") if p.is_file()}
    theirs = {p.relative_to(again.root_dir): p.read_bytes() for p in again.root_dir.rglob("*") if p.is_file()}
    assert ours == theirs


def test_server_answers_404_and_stops(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("hello", encoding="utf-8")
    with serve_directory(tmp_path) as url, httpx.Client(trust_env=False) as client:
        assert url.startswith("http://127.0.0.1:")
        assert client.get(f"{url}/a.txt").text == "hello"
        assert client.get(f"{url}/missing.html").status_code == 404
    with pytest.raises(httpx.ConnectError), httpx.Client(trust_env=False) as client:
        client.get(f"{url}/a.txt")


def test_server_serves_the_shared_portal(shared_dir: Path, client: httpx.Client) -> None:
    portal_dir = shared_dir / "corpus" / "portal"
    start_url = json.loads((portal_dir / "expected.json").read_text(encoding="utf-8"))["start_url"]
    with serve_directory(portal_dir / "site") as url:
        response = client.get(url + start_url)
    assert response.status_code == 200
    assert "createPageHTML" in response.text
