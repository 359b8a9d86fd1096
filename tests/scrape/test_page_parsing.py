"""List and detail page parsing on small hand-written pages (one trick each) and on real
saved portal pages from ../shared/corpus/html."""

from __future__ import annotations

import pytest

from assets.core.content_sniff import decode_html
from assets.core.portal_discovery import parse_detail_page, parse_list_page

from .conftest import HTML_SAMPLES, require

LIST_URL = "http://czj.example.gov.cn/zwgk/ysjs/bmys/index.html"
DETAIL_URL = "http://czj.example.gov.cn/zwgk/ysjs/bmys/202603/t20260302_1.html"
COL = "http://czj.example.gov.cn/zwgk/ysjs/bmys"

TRS_PAGER = """<script>
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){ /* document.write … */ }
createPageHTML(3, 0, "index", "html");
</script>"""


def test_list_page_items_stay_inside_the_column() -> None:
    html = f"""<html><body>
    <p class="position"><a href="../">预算/决算</a><a href="/">首页</a></p>
    <ul><li><a href="./202603/t20260302_1.html" title="A">A 2026年部门预算</a><span>2026-03-02</span></li>
        <li><a href="/zwgk/ysjs/bmys/202602/t20260210_2.html">B</a><span>2026-02-10</span></li>
        <li><a href="http://other.gov.cn/zwgk/ysjs/bmys/202602/t1.html">off-site</a></li>
        <li><a href="/zwgk/other/202602/t20260210_3.html">other column</a></li>
        <li><a href="./202603/t20260302_1.html#top">A again</a></li></ul>
    <a href="/zwgk/ysjs/bmys/">部门预算</a> {TRS_PAGER}</body></html>"""
    page = parse_list_page(html, LIST_URL)
    assert [(i.url, i.text, i.date) for i in page.items] == [
        (f"{COL}/202603/t20260302_1.html", "A 2026年部门预算", "2026-03-02"),
        (f"{COL}/202602/t20260210_2.html", "B", "2026-02-10"),
        ("http://other.gov.cn/zwgk/ysjs/bmys/202602/t1.html", "off-site", None),  # host filtered by the crawl
    ]
    assert page.pagination == [f"{COL}/index_1.html", f"{COL}/index_2.html"]


def test_pagination_variants() -> None:
    html = """<script>var countPage = 4; var currentPage = 1;
    createPageHTML('page_div', countPage, currentPage, 'list', 'shtml', 68);</script>
    <div class="page"><a href="list_5.shtml">6</a><a href="?page=7">下一页</a><a href="/">首页</a></div>"""
    page = parse_list_page(html, f"{COL}/list_1.shtml")
    assert page.pagination == [
        f"{COL}/list.shtml",
        f"{COL}/list_2.shtml",
        f"{COL}/list_3.shtml",
        f"{COL}/list_5.shtml",
        f"{COL}/list_1.shtml?page=7",
    ]


def _attachments(body: str, url: str = DETAIL_URL) -> list[tuple[str, str, str]]:
    page = parse_detail_page(f"<html><head><title>T</title></head><body>{body}</body></html>", url)
    return [(a.url, a.text, a.found_in) for a in page.attachments]


def test_attachment_link_styles() -> None:
    body = """
    <a href="./P1.pdf" OLDSRC="/protect/P1.pdf">relative</a>
    <a href="/zwgk/ysjs/bmys/202603/W2.PDF">root-relative, upper case</a>
    <a href="https://files.example.gov.cn/up/3.docx?token=abc#p">other host, query</a>
    <a style="cursor:pointer" onclick="downloadFj('名称.pdf','./W4.pdf')">JS onclick</a>
    <a href="javascript:openFile('/up/5.xls')">javascript: href</a>
    <iframe src="/pdfjs/web/viewer.html?file=/up/6.pdf"></iframe>
    <script>var sPdfUrl = "/cms_files/attach/7.pdf"; if (sPdfUrl.indexOf(".pdf") != -1) {}</script>
    <script src="/js/8.zip"></script>
    <!-- <a href="./commented.pdf">old</a> -->
    <a href="./P1.pdf">relative again</a>
    <a href="./page.html">a page</a><a href="#">anchor</a><a href="mailto:x@y.cn">mail</a>
    """
    assert _attachments(body) == [
        (f"{COL}/202603/P1.pdf", "relative", "href"),
        (f"{COL}/202603/W2.PDF", "root-relative, upper case", "href"),
        ("https://files.example.gov.cn/up/3.docx?token=abc", "other host, query", "href"),
        (f"{COL}/202603/W4.pdf", "JS onclick", "onclick"),
        ("http://czj.example.gov.cn/up/5.xls", "javascript: href", "onclick"),
        ("http://czj.example.gov.cn/up/6.pdf", "6.pdf", "embed"),
        ("http://czj.example.gov.cn/cms_files/attach/7.pdf", "7.pdf", "script"),
    ]


def test_base_href_is_honoured() -> None:
    assert _attachments('<base href="http://cdn.example.gov.cn/doc/"><a href="x.rar">x</a>') == [
        ("http://cdn.example.gov.cn/doc/x.rar", "x", "href")
    ]


def test_hub_links_come_from_the_article_body_only() -> None:
    html = """<html><body><div class="nav"><a href="/zwgk/ysjs/bmys/202601/t1.html">nav</a></div>
    <div class="trs_editor_view"><ol><li><a href="/zwgk/ysjs/bmys/202602/t2.html">unit A</a></li>
    <li><a href="http://czj.example.gov.cn/zwgk/ysjs/bmys/202602/t3.html">unit B</a></li>
    <li><a href="./t20260302_1.html">itself</a></li></ol></div></body></html>"""
    page = parse_detail_page(html, DETAIL_URL)
    assert page.attachments == []
    assert page.linked_pages == [f"{COL}/202602/t2.html", f"{COL}/202602/t3.html"]


def test_title_and_date_fallbacks() -> None:
    meta = '<meta name="ArticleTitle" content="A"><meta name="PubDate" content="2026-03-02 09:30">'
    page = parse_detail_page(f"<html><head>{meta}<title>B_站点</title></head></html>", DETAIL_URL)
    assert (page.title, page.published) == ("A", "2026-03-02")
    page = parse_detail_page(
        "<html><head><title>2026年度郑州市医疗保障局部门预算公开-政务公开</title></head>"
        "<body><h1><img src='logo.png'></h1><span>发布时间：2026年2月9日</span></body></html>",
        "http://x.gov.cn/a/b.html",
    )
    assert (page.title, page.published) == ("2026年度郑州市医疗保障局部门预算公开", "2026-02-09")
    page = parse_detail_page("<html><head><title>x</title></head><h1>H</h1></html>", DETAIL_URL)
    assert (page.title, page.published) == ("H", "2026-03-02")  # date from the TRS URL t20260302_


# --- real saved pages -------------------------------------------------------------------------

# file -> (page URL it was saved from, attachments, extensions, how they are linked)
REAL_DETAIL_PAGES = {
    "cq_tjj_2026_budget_detail_6pdf_relative_links.html": (
        "https://tjj.cq.gov.cn/zwgk_233/fdzdgknr/ysjs/ysgk/202603/t20260302_15477867.html",
        6,
        {"pdf"},
        {"href"},
    ),
    "cq_czj_2026_budget_detail_attachment_no_anchor.html": (
        "https://czj.cq.gov.cn/zwgk_268/fdzdgknr/ysjs/bmys/202603/t20260302_15478447.html",
        1,
        {"pdf"},
        {"onclick"},
    ),
    "wx_zrzyghj_2026_budget_detail_docx_xls.html": (
        "https://zrzy.wuxi.gov.cn/doc/2026/02/11/4733890.shtml",
        2,
        {"docx", "xls"},
        {"href"},
    ),
    "wz_zwfwj_2026_budget_detail_js_rendered.html": (
        "https://www.wenzhou.gov.cn/art/2026/3/2/art_1.html",
        1,
        {"pdf"},
        {"script"},
    ),
    "tj_czj_jtw_2018_budget_dir_rar_WRONG_YEAR.html": (
        "https://cz.tj.gov.cn/zwgk/t20200803_3332190.html",
        1,
        {"rar"},
        {"href"},
    ),
    "zz_ybj_2026_budget_detail_1pdf.html": ("https://ybj.zhengzhou.gov.cn/x/1.html", 1, {"pdf"}, {"href"}),
    "zz_sthjj_2026_unit_budgets_list_17pdf.html": (
        "https://sthjj.zhengzhou.gov.cn/x/2.html",
        17,
        {"pdf"},
        {"href"},
    ),
}


@pytest.mark.parametrize("name", sorted(REAL_DETAIL_PAGES))
def test_real_detail_pages(name: str) -> None:
    path = require(HTML_SAMPLES / name)
    url, count, exts, how = REAL_DETAIL_PAGES[name]
    page = parse_detail_page(decode_html(path.read_bytes()), url)
    assert len(page.attachments) == count
    assert {a.url.split("?")[0].rsplit(".", 1)[-1].lower() for a in page.attachments} == exts
    assert {a.found_in for a in page.attachments} == how
    assert not any("/protect/" in a.url for a in page.attachments)  # TRS OLDSRC is a dead path
    assert page.title


def test_real_hub_page() -> None:
    # cgj.cq.gov.cn's 局属单位预算公开: a detail page whose body lists 19 unit budget pages.
    path = require(HTML_SAMPLES / "cq_cgj_czyjs_list_page.html")
    page = parse_detail_page(
        decode_html(path.read_bytes()),
        "http://cgj.cq.gov.cn/zwgk_173/fdzdgknr/czyjs/202603/t20260302_15478699.html",
    )
    assert page.attachments == [] and len(page.linked_pages) == 19
    assert all(
        u.startswith("http://cgj.cq.gov.cn/zwgk_173/fdzdgknr/czyjs/202603/t2026") for u in page.linked_pages
    )


def test_real_list_page_with_trs_pagination() -> None:
    path = require(HTML_SAMPLES / "cs_czysgk_jtj_dept_list_page.html")
    url = "http://czj.changsha.gov.cn/zfxxgk/czysgk/bmyjshsgjf/jtj/index.html"
    page = parse_list_page(decode_html(path.read_bytes()), url)
    assert len(page.items) == 15 and all("/jtj/20" in i.url for i in page.items)
    assert page.pagination == [url.replace("index.html", f"index_{n}.html") for n in (1, 2, 3)]
