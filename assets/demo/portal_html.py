"""HTML of the demo portal, in the shape TRS-CMS government sites publish (our own markup).

What a scraper meets on the real sites and meets here too: list items `ul.list-cont li a`
with a date `span`; pagination written only by JavaScript (`createPageHTML(count, current,
"index", "html")`: page 0 is index.html, page N is index_N.html); detail pages whose
attachment is a TRS UEditor appendix link with a relative `./P0….pdf` href (and an OLDSRC
attribute pointing at a /protect/ path that does not exist); site chrome linking to pages
that are not there.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

SITE_NAME = "克孜勒苏柯尔克孜自治州财政局"
COLUMN_NAME = "部门预算"

# Our own implementation of the TRS pager: same call signature and page names as the CMS.
_PAGER_SCRIPT = """<script type="text/javascript">
function createPageHTML(pageCount, currentIndex, pageName, pageExt) {
    if (!pageCount || pageCount <= 1) { return; }
    function pageHref(i) { return i === 0 ? pageName + "." + pageExt : pageName + "_" + i + "." + pageExt; }
    var html = [];
    html.push(currentIndex > 0 ? '<a href="' + pageHref(0) + '">首页</a>' : '<span class="disabled">首页</span>');
    html.push(currentIndex > 0 ? '<a href="' + pageHref(currentIndex - 1) + '">上一页</a>' : '<span class="disabled">上一页</span>');
    for (var i = 0; i < pageCount; i++) {
        html.push(i === currentIndex ? '<span class="current">' + (i + 1) + '</span>' : '<a href="' + pageHref(i) + '">' + (i + 1) + '</a>');
    }
    var last = pageCount - 1;
    html.push(currentIndex < last ? '<a href="' + pageHref(currentIndex + 1) + '">下一页</a>' : '<span class="disabled">下一页</span>');
    html.push(currentIndex < last ? '<a href="' + pageHref(last) + '">尾页</a>' : '<span class="disabled">尾页</span>');
    document.write(html.join(""));
}
createPageHTML(%(count)d, %(current)d, "index", "html");
</script>"""


@dataclass(frozen=True)
class ListItem:
    href: str
    title: str
    date: str


@dataclass(frozen=True)
class AttachmentLink:
    file_name: str
    label: str
    protect_path: str


def _head(title: str, extra_meta: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <title>{escape(title)}_{SITE_NAME}</title>
    <meta name="SiteName" content="{SITE_NAME}">
    <meta name="ColumnName" content="{COLUMN_NAME}">
    <meta name="ColumnType" content="{COLUMN_NAME}">{extra_meta}
    <link href="/images/common.css" rel="stylesheet" />
    <script type="text/javascript" src="/images/jquery.min.js"></script>
</head>"""


def _chrome_top(column_prefix: str) -> str:
    return f"""<body>
<div class="header">
    <div class="h-tool wrap"><a href="http://www.gov.cn" target="_blank">中国政府网</a><i>|</i><a href="/">{SITE_NAME}</a></div>
    <div class="h-menu"><a href="/">首页</a><a href="/zwgk_1652/">政务公开</a><a href="/bsfw_1652/">办事服务</a><a href="/hdjl_1652/">互动交流</a></div>
</div>
<div class="centerWidth">
    <p class="position">您当前的位置：<a href="/" class="poto">首页</a><span>&gt;</span><a href="/zwgk_1652/" class="poto">政务公开</a><span>&gt;</span><a href="{column_prefix}../" class="poto">财政预决算</a><span>&gt;</span><span>{COLUMN_NAME}</span></p>"""


_CHROME_BOTTOM = f"""</div>
<div class="footer">
    <p>主办单位：{SITE_NAME}　<a href="/wzdt/">网站地图</a>　<a href="/lxwm/">联系我们</a></p>
</div>
</body>
</html>
"""


def list_page_html(items: list[ListItem], page_count: int, current_index: int) -> str:
    rows = "\n".join(
        f'                <li><a href="{escape(item.href)}" target="_blank" title="{escape(item.title)}">'
        f"{escape(item.title)}</a><span>{item.date}</span></li>"
        for item in items
    )
    return f"""{_head(COLUMN_NAME)}
{_chrome_top("")}
    <div class="main centerWidth clearfix">
        <div class="zwgk-right">
            <div class="zwgk-tit"><span>{COLUMN_NAME}</span></div>
            <div class="zwgk-list">
                <ul class="list-cont">
{rows}
                </ul>
            </div>
            <div class="page" id="page">
{_PAGER_SCRIPT % {"count": page_count, "current": current_index}}
            </div>
        </div>
    </div>
{_CHROME_BOTTOM}"""


def detail_page_html(
    title: str,
    date: str,
    article_id: str,
    paragraphs: tuple[str, ...],
    attachment: AttachmentLink | None,
) -> str:
    meta = f"""
    <meta name="ArticleTitle" content="{escape(title)}">
    <meta name="PubDate" content="{date} 10:00">
    <meta name="ContentSource" content="{SITE_NAME}">"""
    body = "".join(
        f'<p style="text-indent: 2em; line-height: 2em;">{escape(text)}</p>' for text in paragraphs
    )
    if attachment is not None:
        body += (
            '<p style="line-height: 2em;"><img needdownload="false" src="/govapp/lib/ueditor/dialogs/'
            'attachment/fileTypeImages/icon_pdf.gif" />'
            f'<a appendix="true" data-appendix="true" needdownload="true" href="./{attachment.file_name}" '
            f'title="{escape(attachment.label)}" OLDSRC="{attachment.protect_path}">'
            f"<span>{escape(attachment.label)}</span></a></p>"
        )
    return f"""{_head(title, meta)}
{_chrome_top("../")}
    <div class="main centerWidth">
        <div class="zwxl-main">
            <div class="zwxl-head">
                <span class="tit">[ 索引号 ]</span><span class="con">11653000MB0X52160P/{date[:4]}-{article_id[-5:]}</span>
                <span class="tit">[ 发布机构 ]</span><span class="con">{SITE_NAME}</span>
                <span class="tit">[ 发布日期 ]</span><span class="con">{date}</span>
                <span class="tit">[ 体裁分类 ]</span><span class="con">财政预算、决算</span>
            </div>
            <div class="zwxl-content">
                <div class="zwxl-title"><p class="tit">{escape(title)}</p></div>
                <div class="zwxl-article">
                <div class="trs_editor_view TRS_UEDITOR trs_paper_default trs_web">{body}</div>
                </div>
            </div>
        </div>
    </div>
<div id="NewsArticleID" style="display:none;">{article_id}</div>
<div id="NewsArticleTitle" style="display:none;">{escape(title)}</div>
<div id="NewsArticlePubDay" style="display:none;">{date}</div>
{_CHROME_BOTTOM}"""


# What a misconfigured download gateway sends instead of the file, with status 200.
ERROR_PAGE_HTML = """<!DOCTYPE html>
<html>
<head><meta charset="UTF-8" /><title>温馨提示</title></head>
<body>
<div class="error-box">
    <h1>404</h1>
    <p>抱歉，您访问的文件不存在或已被删除！</p>
    <p><a href="/">返回首页</a></p>
</div>
</body>
</html>
"""
