"""What a publication says about its own validation, next to the data:

- ``validation_rules.md``: the rule catalogue (every check id of `findings.check`, its category
  and what it asserts) and the rounding tolerance, generated from ``assets.core.checks``;
- ``data_docs/``: GX Data Docs of every published table validated with its suite, and
  ``data_docs/contract.json`` summarising them (``expectations.data_docs``).

Publishing never fails because of them: a Data Docs build that raises is logged and left out.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .checks import CHECK_FAILED, RULES
from .checks import model as rounding

log = logging.getLogger(__name__)

RULE_CATALOGUE = "validation_rules.md"
OTHER_CHECKS = {
    "contract": ("contract", "a GX expectation of the table's suite failed (critical: the document is blocked)"),
    "<problem>": ("extraction", "a printed number or line the pipeline could not place (e.g. unmapped_income_line)"),
    CHECK_FAILED: ("any", "a check could not be evaluated on this disclosure (its message says why)"),
}


def rule_catalogue() -> str:
    """Markdown: every check with its category and assertion, then the rounding tolerance."""
    lines = [
        "# Validation rules",
        "",
        "Every row of `findings` names its check (`check`) and category (`category`). A finding is",
        "an `error` when the numbers contradict each other beyond rounding, a `warning` otherwise",
        "(`<check>_rounding` for a difference within the rounding bound). `disclosures.reconciliation_score`",
        "is the share of evaluated checks without an error.",
        "",
        "| check | category | asserts |",
        "|---|---|---|",
    ]
    lines += [f"| `{r.id}` | {r.category} | {_cell(r.description)} |" for r in RULES]
    lines += [f"| `{check}` | {category} | {_cell(text)} |" for check, (category, text) in OTHER_CHECKS.items()]
    lines += ["", "## Rounding tolerance", "", _paragraphs(rounding.__doc__ or ""), ""]
    return "\n".join(lines)


def publish_validation_docs(out_dir: Path, tables: Mapping[str, Iterable[dict[str, Any]]]) -> dict[str, Path]:
    """Write the rule catalogue and the GX Data Docs of ``tables`` into ``out_dir``."""
    out_dir = Path(out_dir)
    catalogue = out_dir / RULE_CATALOGUE
    catalogue.write_text(rule_catalogue(), encoding="utf-8")
    written = {RULE_CATALOGUE: catalogue}
    try:
        from expectations.data_docs import build_data_docs  # GX import is slow: only when publishing

        written.update(build_data_docs(out_dir, tables))
    except Exception:  # noqa: BLE001 - the data are published even when their report is not
        log.exception("GX Data Docs could not be built in %s", out_dir)
    return written


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _paragraphs(docstring: str) -> str:
    """The rounding part of ``checks.model``'s docstring."""
    start = docstring.find("Rounding tolerance")
    return docstring[start:].strip() if start >= 0 else docstring.strip()
