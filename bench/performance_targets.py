"""How well are the performance-target tables (绩效目标表) of the real corpus read?

    .venv/bin/python -m bench.performance_targets [FILES_OR_DIRS ...] [--cache-dir DIR] [--json OUT]

Default input: the PDFs of ../shared/corpus/real whose text layer prints an indicator header
(三级指标, or 二级指标 with 指标值) — found with a quick pypdfium2 text scan. Each goes through
the pipeline's own extract (cached when --cache-dir is given) and normalize, and the
`performance_targets` rows are counted:

- parsed: an operator and a numeric value were read (`explicit`, or `implied` for a bare
  number such as "100%");
- not parsed, by category: `qualitative` (no digit in the target: 有效提升, 按时, 无),
  `date` (2026年10月底前), `range` (90%-100%, 90~95), `number_in_text` (a number inside prose: 完成3个项目, text of a
  neighbouring cell run into the target), `empty` (no target printed);
- documents whose pages print an indicator header but yield no rows are listed (a table the
  reader does not see: unruled, or header words it does not know).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = REPO.parent / "shared" / "corpus" / "real"
DATE = re.compile(r"\d\s*(?:年|月|日)|\d{4}[/.-]\d{1,2}")
RANGE = re.compile(r"\d\s*%?\s*(?:-|－|—|~|～|至|到)\s*\d")


def indicator_pages(path: Path) -> list[int]:
    """Pages whose text prints an indicator header (a cheap pre-filter, no table parsing)."""
    import pypdfium2

    pages = []
    try:
        pdf = pypdfium2.PdfDocument(str(path))
    except Exception:  # noqa: BLE001 - unreadable files have no pages to offer
        return []
    for index in range(len(pdf)):
        try:
            text = re.sub(r"\s+", "", pdf[index].get_textpage().get_text_range())
        except Exception:  # noqa: BLE001
            continue
        if "三级指标" in text or ("二级指标" in text and "指标值" in text):
            pages.append(index + 1)
    return pages


def outcome(row: dict[str, Any]) -> str:
    """What became of one indicator's target."""
    if row["target_value"] is not None:
        return "implied" if row["operator_implied"] else "explicit"
    text = (row["target_text"] or "").strip()
    if not text:
        return "empty"
    if not re.search(r"\d", text):
        return "qualitative"
    if DATE.search(text):
        return "date"
    if RANGE.search(text):
        return "range"
    return "number_in_text"


def measure_document(path: Path, cache_dir: Path | None) -> dict[str, Any]:
    from assets.core.document import Provenance, normalize_document
    from assets.core.extract_cache import cached_extract

    extracted, _ = cached_extract(path, Provenance(document_url=str(path)), cache_dir)
    result = normalize_document(extracted)
    rows = result.performance_targets
    outcomes = Counter(outcome(r) for r in rows)
    return {
        "file": path.name,
        "status": result.disclosure["status"],
        "indicator_pages": indicator_pages(path),
        "rows": len(rows),
        "tables": len({r["table_seq"] for r in rows}),
        "outcomes": dict(outcomes),
        "unparsed_examples": [r["target_text"] for r in rows if outcome(r) in ("range", "number_in_text", "date")][:5],
    }


def summarise(documents: list[dict[str, Any]]) -> dict[str, Any]:
    totals: Counter[str] = Counter()
    for doc in documents:
        totals.update(doc["outcomes"])
    rows = sum(totals.values())
    numeric = totals["explicit"] + totals["implied"]
    unparsed_numeric = totals["range"] + totals["number_in_text"] + totals["date"]
    return {
        "documents": len(documents),
        "documents_with_rows": sum(1 for d in documents if d["rows"]),
        "documents_without_rows": [d["file"] for d in documents if not d["rows"]],
        "tables": sum(d["tables"] for d in documents),
        "rows": rows,
        "outcomes": dict(totals),
        "parsed_share": round(numeric / rows, 4) if rows else None,
        # Of the targets that print a number, how many were read as operator + value.
        "parsed_share_of_numeric": round(numeric / (numeric + unparsed_numeric), 4) if numeric + unparsed_numeric else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*", type=Path, default=[DEFAULT_INPUT])
    parser.add_argument("--cache-dir", type=Path, default=None, help="extraction cache (reused across runs)")
    parser.add_argument("--json", type=Path, default=None, help="write the measurements here")
    args = parser.parse_args(argv)
    files: list[Path] = []
    for item in args.inputs:
        files.extend(sorted(item.glob("*.pdf")) if item.is_dir() else [item])
    files = [f for f in files if indicator_pages(f)]
    documents = []
    for path in files:
        doc = measure_document(path, args.cache_dir)
        documents.append(doc)
        print(
            f"{doc['rows']:5d} rows {doc['tables']:4d} tables  {doc['outcomes']}  {path.name}",
            file=sys.stderr,
            flush=True,
        )
    summary = summarise(documents)
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(json.dumps({"summary": summary, "documents": documents}, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
