"""The open-data package of the demo release: Frictionless + FDP, DCAT (JSON-LD), workbooks,
lineage, source documents, code lists, data dictionary."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import openpyxl
import pyarrow.parquet as pq
import pytest
from pyld import jsonld

from assets.core.schema import TABLE_KEYS, TABLES
from tests.demo_release import demo_release

DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_release(tmp_path_factory)


@pytest.fixture(scope="module")
def disclosures(release: Path) -> dict[str, dict[str, Any]]:
    return {r["status"]: r for r in pq.read_table(release / "disclosures.parquet").to_pylist()}


@pytest.fixture(scope="module")
def facts(release: Path) -> list[dict[str, Any]]:
    return pq.read_table(release / "budget_facts.parquet").to_pylist()


def test_frictionless_validate_passes_on_the_release(release: Path) -> None:
    frictionless = Path(sys.executable).parent / "frictionless"

    result = subprocess.run(
        [str(frictionless), "validate", "datapackage.json"], cwd=release, capture_output=True, text=True, timeout=300
    )

    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    for table in TABLES:
        assert table[:20] in result.stdout  # every table resource was checked (names are cut at ~28)


def test_datapackage_uses_fiscal_data_package_column_types(release: Path) -> None:
    package = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    facts = next(r for r in package["resources"] if r["name"] == "budget_facts")["schema"]
    column_types = {f["name"]: f.get("columnType") for f in facts["fields"]}

    assert column_types["amount_cny"] == "value"
    assert column_types["year"] == "date:fiscal-year"
    assert column_types["direction"] == "direction"
    assert column_types["doc_kind"] == "phase:id"
    assert column_types["source"] == "fin-source:generic:code"
    assert column_types["project"] == "activity:generic:project:label"
    assert column_types["econ_code"] == "economic-classification:generic:code"
    assert column_types["code"] == "classification:cn-budget:code"
    assert facts["extraFields"] == [
        {
            "name": "currency",
            "type": "string",
            "columnType": "value-currency:code",
            "constant": "CNY",
            "description": "currency of amount_cny (amount is in the table's unit, see unit)",
        }
    ]
    taxonomy, custom = package["columnTypes"]
    assert taxonomy == "https://frictionlessdata.io/taxonomies/fiscal/budgets.json"
    declared = {t["name"] for t in custom}
    used = {t for t in column_types.values() if t}
    # every custom type used is declared; the rest come from the budget taxonomy
    assert {t for t in used if "cn-" in t or t.endswith("as-printed")} <= declared


def _no_remote_documents(url: str, options: dict[str, Any] | None = None) -> Any:
    raise AssertionError(f"the catalog must not need a remote document: {url}")


def test_dcat_catalog_is_valid_json_ld_without_the_network(release: Path) -> None:
    path = release / "catalog.jsonld"
    document = json.loads(path.read_text(encoding="utf-8"))
    options = {"base": path.as_uri(), "documentLoader": _no_remote_documents}

    expanded = jsonld.expand(document, options)
    compacted = jsonld.compact(expanded, document["@context"], options)
    quads = jsonld.to_rdf(document, dict(options, format="application/n-quads"))

    (catalog,) = [node for node in expanded if f"{DCAT}Catalog" in node.get("@type", [])]
    datasets = catalog[f"{DCAT}dataset"]
    assert len(datasets) == 3  # the collection and one per disclosure
    assert all(f"{DCAT}Dataset" in d["@type"] and d[f"{DCT}title"] for d in datasets)
    assert compacted["@type"] == "dcat:Catalog" and len(compacted["dcat:dataset"]) == 3
    assert f"<{DCAT}Distribution>" in quads


def test_dcat_distributions_point_at_files_of_the_release(release: Path) -> None:
    path = release / "catalog.jsonld"
    document = json.loads(path.read_text(encoding="utf-8"))
    expanded = jsonld.expand(document, {"base": path.as_uri(), "documentLoader": _no_remote_documents})
    urls = []
    for dataset in expanded[0][f"{DCAT}dataset"]:
        for distribution in dataset[f"{DCAT}distribution"]:
            assert f"{DCAT}Distribution" in distribution["@type"]
            assert distribution[f"{DCAT}mediaType"] and distribution[f"{DCT}format"]
            urls += [d["@id"] for d in distribution[f"{DCAT}downloadURL"]]

    local = [Path(unquote(urlparse(u).path)) for u in urls]
    assert local and all(p.is_file() for p in local), [p for p in local if not p.is_file()]
    names = {p.relative_to(release).as_posix() for p in local}
    assert {"budget_facts.csv", "budget_facts.parquet", "datapackage.json", "classification_codes.csv"} <= names
    assert any(n.startswith("dataset/budget_facts/year=2026/") for n in names)
    assert any(n.startswith("xlsx/") for n in names) and any(n.startswith("documents/") for n in names)


def test_a_workbook_per_disclosure_with_a_sheet_per_table(
    release: Path, disclosures: dict[str, dict[str, Any]], facts: list[dict[str, Any]]
) -> None:
    seed = disclosures["ok"]
    workbook = openpyxl.load_workbook(release / "xlsx" / f"{seed['disclosure_id']}.xlsx", read_only=True)
    table_keys = list(dict.fromkeys(f["table_key"] for f in facts))

    assert workbook.sheetnames[0] == "README"
    assert len(workbook.sheetnames) == 1 + len(table_keys) + 1  # README, tables, findings
    assert workbook.sheetnames[-1] == "findings"
    sheet = workbook[workbook.sheetnames[1]]
    assert sheet.title == f"表1 {TABLE_KEYS['income_expenditure_summary']}"
    rows = list(sheet.iter_rows(values_only=True))
    header, first = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert "amount" in header and "page" in header
    expected = [f for f in facts if f["table_key"] == "income_expenditure_summary"]
    assert len(rows) - 1 == len(expected)
    assert (first["item"], Decimal(str(first["amount"])), first["page"]) == (
        expected[0]["item"],
        expected[0]["amount"],
        expected[0]["page"],
    )
    readme = [r for r in workbook["README"].iter_rows(values_only=True) if r and r[0]]
    assert ("document sha256", seed["sha256"]) in [tuple(r[:2]) for r in readme]


def test_a_workbook_even_for_a_rejected_document(release: Path, disclosures: dict[str, dict[str, Any]]) -> None:
    trap = disclosures["html_page"]
    workbook = openpyxl.load_workbook(release / "xlsx" / f"{trap['disclosure_id']}.xlsx", read_only=True)

    assert workbook.sheetnames == ["README"]


def test_lineage_names_sources_tables_validation_and_every_fact(
    release: Path, disclosures: dict[str, dict[str, Any]], facts: list[dict[str, Any]]
) -> None:
    seed = disclosures["ok"]
    lineage = json.loads((release / "lineage" / f"{seed['disclosure_id']}.json").read_text(encoding="utf-8"))

    (document,) = lineage["documents"]
    assert document["sha256"] == seed["sha256"]
    assert document["attachment_url"] == seed["document_url"]
    assert document["published_copy"] == f"documents/{seed['sha256']}.pdf"
    assert document["fact_count"] == 270
    assert lineage["extractor"] == {"name": "budget-facts", "version": seed["pipeline_version"]}
    assert lineage["fact_count"] == len(lineage["facts"]) == len(facts) == 270
    tables = {t["table_key"]: t for t in lineage["tables"]}
    assert tables["three_public_expenditure"]["pages"] == sorted(
        {f["page"] for f in facts if f["table_key"] == "three_public_expenditure"}
    )
    assert tables["government_fund_expenditure"]["declared_empty"] is True
    assert lineage["validation"]["status"] == seed["validation_status"]
    findings = pq.read_table(release / "findings.parquet").to_pylist()
    assert lineage["validation"]["warnings"] == sum(1 for f in findings if f["disclosure_id"] == seed["disclosure_id"])
    for entry, fact in zip(lineage["facts"], facts, strict=True):
        assert (entry["page"], Decimal(entry["amount"]), entry["item"]) == (fact["page"], fact["amount"], fact["item"])
        assert entry["bbox"] == pytest.approx(list(fact["bbox"]), abs=0.01)
        assert entry["pdf"] == f"documents/{seed['sha256']}.pdf#page={fact['page']}"


def test_lineage_of_a_rejected_document_has_no_copy(release: Path, disclosures: dict[str, dict[str, Any]]) -> None:
    trap = disclosures["html_page"]
    lineage = json.loads((release / "lineage" / f"{trap['disclosure_id']}.json").read_text(encoding="utf-8"))

    assert lineage["status"] == "html_page" and lineage["fact_count"] == 0 and lineage["facts"] == []
    assert lineage["documents"][0]["published_copy"] is None  # an HTML page is not published as a PDF


def test_source_documents_are_published_under_their_hash(release: Path, disclosures: dict[str, dict[str, Any]]) -> None:
    copies = sorted((release / "documents").iterdir())

    assert [p.name for p in copies] == [f"{disclosures['ok']['sha256']}.pdf"]
    assert hashlib.sha256(copies[0].read_bytes()).hexdigest() == disclosures["ok"]["sha256"]


def test_code_lists_of_the_demo_release(release: Path) -> None:
    codes = {(r["classification"], r["code"]): r for r in pq.read_table(release / "classification_codes.parquet").to_pylist()}

    assert codes[("functional", "201")]["name"] == "一般公共服务支出"
    assert codes[("functional", "2010301")]["parent_code"] == "20103"
    assert codes[("economic", "301")]["level"] == 1
    assert all(r["year"] == 2026 and r["disclosure_count"] == 1 for r in codes.values())
    assert pq.read_table(release / "classification_code_conflicts.parquet").num_rows == 0  # one disclosure


def test_data_dictionary_page_lists_every_column(release: Path) -> None:
    html = (release / "data_dictionary.html").read_text(encoding="utf-8")

    for table, columns in TABLES.items():
        assert f'<h2 id="{table}">' in html
        for column in columns:
            assert f"<code>{column.name}</code>" in html
    assert "<code>date:fiscal-year</code>" in html
