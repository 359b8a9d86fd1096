"""The corpus report as one self-contained HTML page (inline CSS and a few lines of script to
sort the document table; no external resources, opens from disk)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import asdict, fields
from datetime import UTC, datetime
from typing import Any

from .corpus_report import (
    CorpusReport,
    ReportRow,
    summary_by_disclosure,
    summary_by_family,
    summary_by_status,
    summary_findings,
)
from .schema import PIPELINE_VERSION, STATUSES

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Noto Sans CJK SC",sans-serif;margin:1.5rem;color:#222}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-size:.82rem;margin:.5rem 0}
th,td{border:1px solid #ddd;padding:.2rem .45rem;text-align:left;vertical-align:top;white-space:nowrap}
th{background:#f4f4f4;position:sticky;top:0;cursor:pointer}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.cards{display:flex;flex-wrap:wrap;gap:.8rem}.card{border:1px solid #ddd;border-radius:6px;padding:.5rem .8rem}
.card b{display:block;font-size:1.3rem}
.s-ok{background:#e7f6e7}.s-neg{background:#f3f3f3}.s-bad{background:#fde8e8}.s-part{background:#fff6dd}
.msg{white-space:normal;min-width:18rem;max-width:30rem;font-size:.75rem;color:#555}
.wrap{white-space:normal;max-width:16rem}
"""
SCRIPT = """
document.querySelectorAll("table.sortable th").forEach((th,i)=>th.addEventListener("click",()=>{
 const body=th.closest("table").tBodies[0],rows=[...body.rows],up=th.dataset.up!=="1";th.dataset.up=up?"1":"0";
 const key=r=>{const t=r.cells[i].innerText.trim(),n=parseFloat(t.replace(/,/g,""));return isNaN(n)||!/^[-\\d.,]+$/.test(t)?t:n};
 rows.sort((a,b)=>{const x=key(a),y=key(b);return (x>y?1:x<y?-1:0)*(up?1:-1)});rows.forEach(r=>body.appendChild(r))}));
"""
WRAPPED = ("file", "department", "core_missing", "tables")
NEGATIVE = {"not_budget", "budget_adjacent", "no_text_layer", "html_page", "not_pdf", "unsupported_format"}
BAD = {"corrupt", "encrypted", "fetch_failed", "pipeline_error", "blocked", "no_standard_tables"}
DOCUMENT_COLUMNS = [
    "file", "status", "family", "doc_kind", "scope", "year", "department", "core_found", "core_required",
    "core_missing", "tables", "facts", "identities_checked", "identities_closed", "errors", "warnings", "pages",
    "seconds", "message", "meta_evidence",
]  # fmt: skip


def render_html(report: CorpusReport) -> str:
    rows = report.rows
    families = summary_by_family(rows)
    disclosures = summary_by_disclosure(rows)
    overall = next((f for f in families if f["family"] == "all"), None)
    cards = [
        ("documents", len(rows)),
        ("disclosures", len(report.collected.disclosures)),
        ("facts published", len(report.collected.facts)),
        ("documents with all core tables", f"{overall['all_core_tables']}/{overall['documents']}" if overall else "–"),
        ("identities closed", f"{overall['identities_closed']}/{overall['identities_checked']}" if overall else "–"),
        ("seconds", f"{report.seconds:.0f} ({report.jobs} jobs)"),
    ]
    statuses = [{**line, "meaning": STATUSES.get(line["status"], "")} for line in summary_by_status(rows)]
    parts = [
        "<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width,initial-scale=1'>",
        f"<title>Corpus report · {len(rows)} documents</title><style>{STYLE}</style></head><body>",
        "<h1>budget-facts corpus report</h1>",
        f"<p>{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · pipeline {PIPELINE_VERSION} · published layout in "
        "<code>published/</code>, tables as CSV beside this page.</p>",
        "<div class='cards'>" + "".join(f"<div class='card'><b>{_e(v)}</b>{_e(k)}</div>" for k, v in cards) + "</div>",
        "<h2>Documents by status</h2>",
        _table(statuses, ["status", "documents", "share", "meaning"]),
        "<h2>By template family</h2>",
        "<p>Documents whose tables were looked for (status ok, blocked or no_standard_tables). Core tables: "
        "income-expenditure, income and expenditure summaries, fiscal-appropriation summary, general-budget "
        "expenditure and basic expenditure, and the 三公 table where the document has one.</p>",
        _table(families, list(families[0]) if families else []),
        "<h2>By disclosure</h2>",
        "<p>Documents sharing a disclosure_id (a 情况说明 and a 报表 attachment) taken together; "
        "narrative_only: no document of the disclosure with tables among the inputs.</p>",
        _table(disclosures, list(disclosures[0]) if disclosures else []),
        "<h2>Findings by check and severity</h2>",
        _table(summary_findings(report.findings_by_check), ["check", "severity", "findings"]),
        f"<h2>Identities that do not close ({len(report.failures)})</h2>",
        _table(report.failures, ["file", "check", "tables", "code_or_item", "expected", "actual", "difference", "pages", "message"]),
        f"<h2>Documents ({len(rows)})</h2>",
        _document_table(rows),
        f"<script>{SCRIPT}</script></body></html>",
    ]
    return "\n".join(parts)


def _document_table(rows: Sequence[ReportRow]) -> str:
    names = {f.name for f in fields(ReportRow)}
    columns = [c for c in DOCUMENT_COLUMNS if c in names]
    body = []
    for r in rows:
        data = asdict(r)
        css = "s-ok" if r.status == "ok" and r.all_core else "s-neg" if r.status in NEGATIVE else "s-bad" if r.status in BAD else "s-part"
        body.append(f"<tr class='{css}'>" + "".join(_td(c, data[c]) for c in columns) + "</tr>")
    head = "".join(f"<th>{_e(c)}</th>" for c in columns)
    return f"<table class='sortable'><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    if not rows:
        return "<p>none</p>"
    head = "".join(f"<th>{_e(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(_td(c, row.get(c)) for c in columns) + "</tr>" for row in rows)
    return f"<table class='sortable'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _td(column: str, value: Any) -> str:
    if value is None:
        return "<td></td>"
    css = " class='n'" if isinstance(value, (int, float)) and not isinstance(value, bool) else ""
    css = " class='msg'" if column in ("message", "meta_evidence") else " class='wrap'" if column in WRAPPED else css
    return f"<td{css}>{_e(value)}</td>"


def _e(value: Any) -> str:
    return html.escape(str(value))
