"""GX Data Docs for a publication: every published table validated with its suite, rendered as
HTML next to the data (``data_docs/index.html``), with a plain summary (``data_docs/contract.json``)
that the Dagster asset checks of the published dataset read.

A fresh ephemeral GX context per publication, with one filesystem Data Docs site: the suites,
one validation run per table and the index page. Nothing else is written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

import great_expectations as gx

from expectations.common import frame
from expectations.runner import RESULT_FORMAT, SuiteResult, ephemeral_context, prepare, suite_result
from expectations.suites import build_suite

DATA_DOCS = "data_docs"
CONTRACT_SUMMARY = "contract.json"
SITE = "published"


def build_data_docs(out_dir: Path, tables: Mapping[str, Iterable[dict[str, Any]]]) -> dict[str, Path]:
    """Validate each table's rows with its suite and write the Data Docs site into
    ``out_dir/data_docs``; returns the index page and the summary (name → path)."""
    site_dir = Path(out_dir) / DATA_DOCS
    site_dir.mkdir(parents=True, exist_ok=True)
    context = ephemeral_context(data_docs_sites={SITE: _site(site_dir)})
    source = context.data_sources.add_pandas("published")
    results: dict[str, SuiteResult] = {}
    for table, rows in tables.items():
        suite = context.suites.add(build_suite(table))
        batch = source.add_dataframe_asset(table).add_batch_definition_whole_dataframe(table)
        definition = context.validation_definitions.add(gx.ValidationDefinition(name=table, data=batch, suite=suite))
        result = definition.run(batch_parameters={"dataframe": prepare(frame(table, rows), table)}, result_format=RESULT_FORMAT)
        results[table] = suite_result(suite, result)
    context.build_data_docs(site_names=[SITE])
    summary = site_dir / CONTRACT_SUMMARY
    summary.write_text(json.dumps(contract_summary(results), ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    return {f"{DATA_DOCS}/index.html": site_dir / "index.html", f"{DATA_DOCS}/{CONTRACT_SUMMARY}": summary}


def contract_summary(results: Mapping[str, SuiteResult]) -> dict[str, Any]:
    """Per table: expectations run, and the failures that block (critical) or only warn."""
    return {
        table: {
            "expectations": len(result.results),
            "blocking": [asdict(r) for r in result.blocking_failures],
            "warnings": [asdict(r) for r in result.warning_failures],
        }
        for table, result in results.items()
    }


def read_contract_summary(out_dir: Path) -> dict[str, Any] | None:
    path = Path(out_dir) / DATA_DOCS / CONTRACT_SUMMARY
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _site(base_directory: Path) -> dict[str, Any]:
    return {
        "class_name": "SiteBuilder",
        "show_how_to_buttons": False,
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(base_directory)},
    }
