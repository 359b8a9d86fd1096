"""Unit checks of the DCAT catalog's base URL and the workbook's sheet names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from pyld import jsonld

from assets.core.publish_dcat import catalog
from assets.core.publish_xlsx import write_workbook

DCAT = "http://www.w3.org/ns/dcat#"


def _refuse(url: str, options: dict[str, Any] | None = None) -> Any:
    raise AssertionError(f"no remote documents: {url}")


def test_a_known_base_url_makes_every_link_absolute(tmp_path: Path) -> None:
    (tmp_path / "budget_facts.csv").write_text("x\n", encoding="utf-8")
    disclosure = {"disclosure_id": "d1", "title": "t", "year": 2026, "region": "某市", "department": "某局"}
    document = catalog(
        tmp_path, "2026-01-01T00:00:00Z", ["budget_facts.csv"], [disclosure],
        {"d1": ["site/disclosures/d1.html", "xlsx/d1.xlsx"]}, base_url="https://data.example.org/r/1/",
    )  # fmt: skip

    expanded = jsonld.expand(document, {"documentLoader": _refuse})

    datasets = expanded[0][f"{DCAT}dataset"]
    urls = [d["@id"] for ds in datasets for dist in ds[f"{DCAT}distribution"] for d in dist[f"{DCAT}downloadURL"]]
    assert urls == ["https://data.example.org/r/1/budget_facts.csv", "https://data.example.org/r/1/xlsx/d1.xlsx"]
    assert datasets[1][f"{DCAT}landingPage"] == [{"@id": "https://data.example.org/r/1/site/disclosures/d1.html"}]
    sizes = datasets[0][f"{DCAT}distribution"][0][f"{DCAT}byteSize"]
    assert sizes == [{"@value": "2", "@type": "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"}]


def test_sheet_names_are_valid_and_unique(tmp_path: Path) -> None:
    def fact(table_key: str, table_no: int | None) -> dict[str, Any]:
        return {"table_key": table_key, "table_no": table_no, "item": "x", "amount": 1, "page": 1}

    facts = [fact("general_budget_project_expenditure", 7), fact("unrecognized", None), fact("three_public_expenditure", 10)]
    path = tmp_path / "d.xlsx"

    write_workbook(path, {"disclosure_id": "d"}, facts, [])

    names = openpyxl.load_workbook(path, read_only=True).sheetnames
    assert names == ["README", "表7 一般公共预算项目支出情况表", "unrecognized", "表10 财政拨款“三公”经费支出情况表"]
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
