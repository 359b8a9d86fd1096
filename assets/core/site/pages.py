"""HTML of the static site: the disclosure index and a page per disclosure.

Plain HTML written from Python with every value escaped; one stylesheet and one small script
beside the pages; links are relative, so the site works from the release folder over file://
as well as from any web server.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from html import escape
from typing import Any

from ..publish_paths import disclosure_title
from ..schema import DOC_KINDS, MEASURES, PIPELINE_VERSION, SOURCES, STATUSES, TABLE_KEYS, VALIDATION_STATUSES
from .charts import bar_chart_svg
from .figures import Figure, charts, key_figures

Row = Mapping[str, Any]


def page(title: str, body: str, root: str) -> str:
    """A complete HTML page; ``root`` is the relative path from the page to the release root."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n"
        f'<link rel="stylesheet" href="{root}site/static/site.css">\n</head>\n<body>\n'
        f'<header class="site"><a href="{root}site/index.html">budget-facts</a> · open data from '
        f"government budget disclosures</header>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def index_page(
    disclosures: Sequence[Row],
    pages: Mapping[str, str],
    findings_count: Mapping[str, int],
    release_files: Sequence[tuple[str, str]],
) -> str:
    """The filterable list of disclosures; ``pages``: disclosure_id → page path (release-relative)."""
    root = "../"
    rows = []
    for d in disclosures:
        disclosure_id = str(d["disclosure_id"])
        validation = str(d.get("validation_status") or "")
        rows.append(
            f'<tr data-region="{_attr(d.get("region"))}" data-year="{_attr(d.get("year"))}" '
            f'data-department="{_attr(d.get("department"))}" data-validation="{_attr(validation)}">'
            f"<td>{_text(d.get('year'))}</td><td>{_text(d.get('region'))}</td>"
            f"<td>{_text(d.get('department'))}</td><td>{_text(DOC_KINDS.get(str(d.get('doc_kind')), d.get('doc_kind')))}</td>"
            f'<td><a class="disclosure-link" href="{escape(root + pages[disclosure_id])}">{_text(disclosure_title(d))}</a></td>'
            f"<td>{_badge(d.get('status'))}</td><td>{_badge(validation)}</td>"
            f'<td class="num">{_text(d.get("fact_count"))}</td><td class="num">{findings_count.get(disclosure_id, 0)}</td></tr>'
        )
    body = (
        "<h1>Budget disclosures</h1>\n"
        f'<p class="muted">{len(disclosures)} disclosures processed by budget-facts {PIPELINE_VERSION}. '
        "Every number links to the page of the PDF it was printed on.</p>\n"
        '<div class="filters">'
        + _select("filter-region", "Region 地区", [d.get("region") for d in disclosures])
        + _select("filter-year", "Year 年度", [d.get("year") for d in disclosures], newest_first=True)
        + '<label for="filter-department">Department 部门<input id="filter-department" type="search" '
        'placeholder="name contains…"></label>'
        + _select("filter-validation", "Reconciliation 校验", [d.get("validation_status") for d in disclosures])
        + '<span class="muted">showing <span id="shown-count">'
        + str(len(disclosures))
        + "</span></span></div>\n"
        '<table id="disclosures"><thead><tr><th>Year</th><th>Region</th><th>Department</th><th>Kind</th>'
        '<th>Title</th><th>Status</th><th>Reconciliation</th><th class="num">Numbers</th>'
        '<th class="num">Findings</th></tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody></table>\n"
        + "<h2>Downloads</h2>\n"
        + _downloads(release_files, root)
        + f'\n<script src="{root}site/static/site.js"></script>'
    )
    return page("Budget disclosures — budget-facts", body, root)


def disclosure_page(
    disclosure: Row,
    facts: Sequence[Row],
    findings: Sequence[Row],
    downloads: Sequence[tuple[str, str]],
    document_links: Mapping[str, str],
) -> str:
    """One disclosure: metadata, key figures, charts, findings, downloads, every number."""
    root = "../../"

    def link(fact: Row) -> str | None:
        path = document_links.get(str(fact.get("source_sha256") or ""))
        return f"{root}{path}#page={fact.get('page')}" if path else None

    title = disclosure_title(disclosure)
    figures = key_figures(facts)
    chart_boxes = []
    for chart in charts(facts):
        svg = bar_chart_svg(chart, lambda f: link(f.fact), _figure_amount)
        if svg:
            chart_boxes.append(f'<div class="chart-box"><h3>{escape(chart.title)}</h3>{svg}</div>')
    body = [
        f"<h1>{escape(title)}</h1>",
        f"<p>{_badge(disclosure.get('status'))} {_badge(disclosure.get('validation_status'))} "
        f"<span class=\"muted\">{escape(STATUSES.get(str(disclosure.get('status')), ''))}</span></p>",
        _meta(disclosure),
    ]
    if disclosure.get("message"):
        body.append(f"<p>{escape(str(disclosure['message']))}</p>")
    if figures:
        body.append("<h2>Key figures 主要数据</h2>")
        body.append('<div class="figures">' + "".join(_figure_card(f, link(f.fact)) for f in figures) + "</div>")
    if chart_boxes:
        body.append("<h2>Charts 图表</h2>")
        body.append('<div class="charts">' + "".join(chart_boxes) + "</div>")
    body.append(f"<h2>Findings 校验结果 ({len(findings)})</h2>")
    body.append(_findings(findings) if findings else "<p>No findings: every check passed.</p>" if facts else "<p>Not validated.</p>")
    body.append("<h2>Downloads 下载</h2>")
    body.append(_downloads(downloads, root))
    if facts:
        body.append(f"<h2>Every number 全部数据 ({len(facts)})</h2>")
        body.append(_fact_tables(facts, link))
    return page(title, "\n".join(body), root)


# --- pieces --------------------------------------------------------------------------------


def _meta(d: Row) -> str:
    items = [
        ("Department 部门", d.get("department")),
        ("Region 地区", d.get("region")),
        ("Year 年度", d.get("year")),
        ("Kind 类型", DOC_KINDS.get(str(d.get("doc_kind")), d.get("doc_kind"))),
        ("Pages", d.get("pages")),
        ("Tables found", ", ".join(TABLE_KEYS.get(t, t) for t in d.get("tables_found") or ())),
        ("Declared empty", ", ".join(TABLE_KEYS.get(t, t) for t in d.get("tables_empty") or ())),
        ("Source page", d.get("source_page_url")),
        ("Document URL", d.get("document_url")),
        ("sha256", d.get("sha256")),
        ("Fetched at", d.get("fetched_at")),
        ("Reconciliation", VALIDATION_STATUSES.get(str(d.get("validation_status")), d.get("validation_status"))),
    ]
    rows = "".join(f"<dt>{escape(k)}</dt><dd>{_maybe_link(v)}</dd>" for k, v in items if v not in (None, ""))
    return f'<dl class="meta">{rows}</dl>'


def _figure_card(figure: Figure, href: str | None) -> str:
    amount = escape(_figure_amount(figure))
    if href:
        amount = f'<a class="source-link" href="{escape(href)}" data-page="{figure.fact.get("page")}">{amount}</a>'
    return (
        f'<div class="figure"><div class="label">{escape(figure.label)}</div>'
        f'<div class="amount">{amount}</div><div class="muted">{escape(figure.unit)} · p. {figure.fact.get("page")}</div></div>'
    )


def _findings(findings: Sequence[Row]) -> str:
    rows = "".join(
        f"<tr><td>{_badge(f.get('severity'))}</td><td>{_text(f.get('check'))}</td><td>{_text(f.get('tables'))}</td>"
        f"<td>{_text(f.get('code_or_item'))}</td><td class=\"num\">{_amount(f.get('expected'))}</td>"
        f"<td class=\"num\">{_amount(f.get('actual'))}</td><td class=\"num\">{_amount(f.get('difference'))}</td>"
        f"<td>{_text(f.get('message'))}</td><td>{_text(f.get('pages'))}</td></tr>"
        for f in findings
    )
    return (
        '<table class="findings"><thead><tr><th>Severity</th><th>Check</th><th>Tables</th><th>Code or item</th>'
        '<th class="num">Expected</th><th class="num">Actual</th><th class="num">Difference</th><th>Message</th>'
        f"<th>Pages</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _fact_tables(facts: Sequence[Row], link: Any) -> str:
    by_table: dict[str, list[Row]] = {}
    for fact in facts:
        by_table.setdefault(str(fact["table_key"]), []).append(fact)
    sections = []
    for key, rows in by_table.items():
        number = rows[0].get("table_no")
        heading = f"表{number} {TABLE_KEYS.get(key, key)}" if number else TABLE_KEYS.get(key, key)
        pages = sorted({int(r["page"]) for r in rows})
        lines = []
        for r in rows:
            href = link(r)
            amount = _amount(r.get("amount"))
            if href:
                amount = f'<a class="source-link" href="{escape(href)}" data-page="{r.get("page")}">{amount}</a>'
            lines.append(
                f"<tr><td>{_text(r.get('code'))}</td><td>{_text(r.get('item'))}</td><td>{_text(r.get('project'))}</td>"
                f"<td>{_text(SOURCES.get(str(r.get('source')), r.get('source')))}</td>"
                f"<td>{_text(MEASURES.get(str(r.get('measure')), r.get('measure')))}{_econ(r)}</td>"
                f'<td class="num">{amount}</td><td>{_text(r.get("unit"))}</td><td class="num">{_text(r.get("page"))}</td></tr>'
            )
        sections.append(
            f'<details data-table="{escape(key)}"><summary>{escape(heading)} '
            f'<span class="muted">({len(rows)} numbers, pages {", ".join(map(str, pages))})</span></summary>'
            '<table class="facts"><thead><tr><th>Code</th><th>Item</th><th>Project</th><th>Source</th><th>Measure</th>'
            '<th class="num">Amount</th><th>Unit</th><th class="num">Page</th></tr></thead><tbody>'
            + "".join(lines)
            + "</tbody></table></details>"
        )
    return "\n".join(sections)


def _econ(fact: Row) -> str:
    return f" {escape(str(fact['econ_code']))}" if fact.get("econ_code") else ""


def _downloads(files: Sequence[tuple[str, str]], root: str) -> str:
    items = "".join(f'<li><a href="{escape(_href(path, root))}">{escape(label)}</a></li>' for label, path in files)
    return f'<ul class="downloads">{items}</ul>'


def _href(path: str, root: str) -> str:
    return path if "://" in path else f"{root}{path}"


def _select(element_id: str, label: str, values: Sequence[Any], newest_first: bool = False) -> str:
    distinct = sorted({str(v) for v in values if v not in (None, "")}, reverse=newest_first)
    options = "".join(f'<option value="{escape(v)}">{escape(v)}</option>' for v in distinct)
    return f'<label for="{element_id}">{escape(label)}<select id="{element_id}"><option value="">all</option>{options}</select></label>'


def _badge(value: Any) -> str:
    if value in (None, ""):
        return ""
    known = {"ok", "passed", "warnings", "errors", "blocked", "not_validated"}
    css = str(value) if str(value) in known else "other"
    return f'<span class="badge {css}">{escape(str(value))}</span>'


def _maybe_link(value: Any) -> str:
    text = str(value)
    if text.startswith(("http://", "https://")):
        return f'<a href="{escape(text)}">{escape(text)}</a>'
    return escape(text)


def _figure_amount(figure: Figure) -> str:
    return _amount(figure.amount)


def _amount(value: Any) -> str:
    """The printed amount with thousands separators, trailing zeros past two decimals dropped."""
    if value is None or value == "":
        return ""
    amount = Decimal(value)
    text = format(amount.normalize(), "f")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return f"{amount:,.{max(2, decimals)}f}"


def _text(value: Any) -> str:
    return "" if value is None else escape(str(value))


def _attr(value: Any) -> str:
    return "" if value is None else escape(str(value), quote=True)

