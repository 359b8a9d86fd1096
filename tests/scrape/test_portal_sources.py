"""Portal sources declared as YAML: the repository's files load, mistakes are refused with a
clear message, and declared selectors and pagination change what the crawl reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from assets.core.portal_discovery import parse_detail_page, parse_list_page, pattern_pages
from assets.core.portal_sources import (
    Selectors,
    SourceError,
    generic_source,
    load_source,
    load_sources,
    resolve_source,
    sources_for,
)

REPO = Path(__file__).resolve().parents[2]


def test_repository_sources_load() -> None:
    sources = load_sources(REPO / "sources")
    assert "cq_czj_bmys" in sources and len(sources) >= 3
    czj = sources["cq_czj_bmys"]
    assert czj.hosts == ("czj.cq.gov.cn",) and czj.directories == ("/zwgk_268/fdzdgknr/ysjs/bmys/",)
    assert czj.fetch_settings().min_interval == 1.0 and czj.fetch_settings().respect_robots
    for source in sources.values():
        assert source.path and Path(source.path).stem == source.name


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name: x\nentry_urls: [http://a.gov.cn/i.html]\nselector: {}\n", "unknown key(s) selector"),
        ("name: x\nselectors: {items: a}\n", "unknown key(s) items"),
        ("name: x\npoliteness: {min_interval: fast}\n", "min_interval must be a number"),
        ("name: x\npagination: {mode: pattern, template: index.html}\n", "must contain {n}"),
        ("name: x\nentry_urls: [ftp://a.gov.cn/]\n", "is not http(s)"),
        ("- just\n- a list\n", "a mapping"),
    ],
)
def test_mistakes_are_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_source(path)


def test_resolving_sources(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("name: a\nentry_urls: [https://a.gov.cn/ys/index.html]\n", encoding="utf-8")
    assert resolve_source(["https://a.gov.cn/ys/index.html"], None, tmp_path).name == "a"
    assert resolve_source(["https://b.gov.cn/ys/index.html"], None, tmp_path).name == "generic"
    moved = resolve_source(["http://127.0.0.1:8000/ys/index.html"], "a", tmp_path)
    assert moved.hosts == ("127.0.0.1",) and moved.name == "a"  # same rules, served elsewhere
    with pytest.raises(SourceError, match="no portal source named 'zzz'"):
        resolve_source([], "zzz", tmp_path)
    chosen = sources_for(["a", "https://c.gov.cn/x/index.html"], tmp_path)
    assert [s.name for s in chosen] == ["a", "generic"]
    assert generic_source(["https://c.gov.cn/x/index.html"]).directories == ("/x/",)


def test_declared_selectors_and_pattern_pagination() -> None:
    base = "https://a.gov.cn/col/index.html"
    html = """<html><body><div class="nav"><a href="/col/t1.html">site chrome</a></div>
      <ul class="items"><li><a href="/doc/2026/1.shtml">某局2026年部门预算</a><span>2026-03-01</span></li></ul>
      <a href="index_1.html">下一页</a></body></html>"""
    page = parse_list_page(html, base, item_selector="ul.items", pagination="none")
    assert [(i.url, i.date) for i in page.items] == [("https://a.gov.cn/doc/2026/1.shtml", "2026-03-01")]
    assert page.pagination == []
    detail = """<html><body><h1>站点</h1><div class="art"><h2>某局2026年部门预算公开</h2>
      <a class="fj" href="/down.jsp?id=7">附件下载</a></div></body></html>"""
    parsed = parse_detail_page(detail, "https://a.gov.cn/doc/2026/1.shtml", selectors=Selectors(title=".art h2", attachment="a.fj"))
    assert parsed.title == "某局2026年部门预算公开"
    assert [(a.url, a.found_in) for a in parsed.attachments] == [("https://a.gov.cn/down.jsp?id=7", "selector")]
    assert pattern_pages(base, "index_{n}.html", 3) == ["https://a.gov.cn/col/index_1.html", "https://a.gov.cn/col/index_2.html"]
