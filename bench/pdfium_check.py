"""Reading pages with pdfium changes no result: every document extracted both ways, compared.

    .venv/bin/python -m bench.pdfium_check [FILES_OR_DIRS ...] [--limit N]

Default input: ../shared/corpus/real. For each PDF, extract_document runs twice in this process:
once parsing every page with pdfplumber/pdfminer (the reference, ``use_pdfium=False``) and once
reading pages with pdfium (the default). Compared are the extracted document (status, text
lines with their boxes, located tables with every cell) and the normalized result (disclosure
row, facts, performance targets, narrative facts, problems). pdfium keeps coordinates as 32-bit
floats, so a box printed to 0.01 pt (facts) or 0.1 pt (text lines) can round the other way: a
number differing by no more than that rounding step is counted apart, and every text, amount,
code, label and count must be equal. Prints per document the pages pdfium read and the verdict
(results — facts, narrative facts, targets, disclosure row — first, then the extracted text and
cells), then totals and the extraction time of each way. Exit status 1 when any result differs.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from assets.core.document import extract_document, normalize_document

from .benchmark import add_input_arguments, selected_files

IGNORED_KEYS = {"seconds", "pages_pdfium"}  # timings, and the count that differs by design
FLOAT_NOISE = 1e-3  # pt
ROUNDING_STEP = 0.1 + 1e-9  # the coarsest rounding of a published coordinate (text lines)


class Comparison:
    """Walks two JSON-like results; counts coordinates that differ within a rounding step and
    keeps the first real difference."""

    def __init__(self) -> None:
        self.noise = 0  # below FLOAT_NOISE: 32- vs 64-bit floats
        self.rounded = 0  # a published, rounded coordinate one rounding step apart
        self.largest = 0.0
        self.difference: str | None = None

    def walk(self, left: Any, right: Any, where: str = "") -> None:
        if self.difference:
            return
        if isinstance(left, dict) and isinstance(right, dict):
            for key in sorted(set(left) | set(right), key=str):
                if key not in IGNORED_KEYS:
                    self.walk(left.get(key), right.get(key), f"{where}.{key}")
        elif isinstance(left, list | tuple) and isinstance(right, list | tuple):
            if len(left) != len(right):
                self.difference = f"{where}: {len(left)} vs {len(right)} items"
                return
            for i, (a, b) in enumerate(zip(left, right, strict=True)):
                self.walk(a, b, f"{where}[{i}]")
        elif isinstance(left, float) and isinstance(right, float) and left != right:
            delta = abs(left - right)
            if delta < FLOAT_NOISE:
                self.noise += 1
            elif delta <= ROUNDING_STEP:
                self.rounded += 1
                self.largest = max(self.largest, delta)
            else:
                self.difference = f"{where}: {left!r} vs {right!r}"
        elif left != right:
            self.difference = f"{where}: {str(left)[:80]!r} vs {str(right)[:80]!r}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_input_arguments(parser)
    files = selected_files(parser.parse_args(argv), "pdfium_check")
    if not files:
        return 2
    totals = {"pages": 0, "pdfium": 0, "identical": 0, "rounding": 0, "text": 0, "different": 0, "facts": 0}
    seconds = {"pdfplumber": 0.0, "pdfium": 0.0}
    for n, path in enumerate(files, 1):
        started = time.perf_counter()
        reference = extract_document(path, use_pdfium=False)
        seconds["pdfplumber"] += time.perf_counter() - started
        started = time.perf_counter()
        fast = extract_document(path)
        seconds["pdfium"] += time.perf_counter() - started
        reference_result, fast_result = normalize_document(reference), normalize_document(fast)
        results = Comparison()
        results.walk(reference_result.to_dict(), fast_result.to_dict(), "result")
        extracted = Comparison()
        extracted.walk(reference.to_dict(), fast.to_dict(), "extracted")
        totals["pages"] += reference.pages or 0
        totals["pdfium"] += fast.pages_pdfium
        totals["facts"] += len(reference_result.facts)
        if results.difference:
            verdict = f"RESULTS DIFFER: {results.difference}"
            totals["different"] += 1
        elif extracted.difference:
            verdict = f"results equal; extracted text differs: {extracted.difference}"
            totals["text"] += 1
        elif results.rounded or results.noise or extracted.rounded or extracted.noise:
            verdict = (
                f"equal; {results.noise + extracted.noise} coordinate(s) differ below {FLOAT_NOISE} pt, "
                f"{results.rounded + extracted.rounded} rounded one step apart"
            )
            totals["rounding"] += 1
        else:
            verdict = "identical"
            totals["identical"] += 1
        print(f"[{n}/{len(files)}] {path.name[:60]}: {reference.pages} pages, {fast.pages_pdfium} by pdfium; {verdict}", flush=True)
    ratio = seconds["pdfplumber"] / seconds["pdfium"] if seconds["pdfium"] else 0.0
    print(
        f"\n{len(files)} documents, {totals['pages']} pages ({totals['pdfium']} read by pdfium), {totals['facts']} facts: "
        f"identical {totals['identical']}, equal but for coordinate precision {totals['rounding']}, "
        f"results equal but some extracted text differs {totals['text']}, results different {totals['different']}"
    )
    print(f"extraction: pdfplumber {seconds['pdfplumber']:.1f}s, pdfium {seconds['pdfium']:.1f}s ({ratio:.2f}× faster)")
    return 1 if totals["different"] else 0


if __name__ == "__main__":
    sys.exit(main())
