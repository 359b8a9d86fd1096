"""Fiscal Data Package (FDP 1.0) annotations for the Frictionless descriptor.

FDP maps each column of a tabular data package onto a *ColumnType* of a fiscal taxonomy by a
``columnType`` property on the field (and declares constant columns as ``extraFields``). We use
the budget taxonomy (https://frictionlessdata.io/taxonomies/fiscal/budgets.json) where one of
its types fits a column, and custom types — which FDP allows, inheriting the properties of the
longest taxonomy type they extend by name — where our columns are more specific:

* ``code`` holds a functional code on functional rows and an economic code on economic rows
  (``classification`` says which) at any level (``code_level``), so it is the custom
  ``classification:cn-budget:code`` rather than one of the taxonomy's
  ``functional-classification:generic:level{n}:code`` / ``economic-…`` types, which each need a
  column of their own; the custom type's description says how to split it.
* ``econ_code`` is the 部门预算支出经济分类 (``economic-classification:generic:code``);
  ``gov_econ_code`` the 政府预算支出经济分类, a second economic classification, so a custom child.
* ``doc_kind`` is the budget phase: ``budget`` = approved, ``final_accounts`` = executed.
"""

from __future__ import annotations

from typing import Any

BUDGET_TAXONOMY = "https://frictionlessdata.io/taxonomies/fiscal/budgets.json"

# table → column → FDP ColumnType
COLUMN_TYPES: dict[str, dict[str, str]] = {
    "budget_facts": {
        "region": "geo:source:title",
        "department": "administrative-classification:generic:label",
        "year": "date:fiscal-year",
        "doc_kind": "phase:id",
        "direction": "direction",
        "classification": "classification:cn-budget:kind",
        "code": "classification:cn-budget:code",
        "item": "classification:cn-budget:label",
        "project": "activity:generic:project:label",
        "source": "fin-source:generic:code",
        "measure": "expenditure-type:code",
        "econ_code": "economic-classification:generic:code",
        "gov_econ_code": "economic-classification:cn-government:code",
        "amount": "value:as-printed",
        "unit": "value-kind:code",
        "amount_cny": "value",
    },
    "disclosures": {
        "region": "geo:source:title",
        "department": "administrative-classification:generic:label",
        "year": "date:fiscal-year",
        "doc_kind": "phase:id",
    },
    "classification_codes": {
        "year": "date:fiscal-year",
        "code": "classification:cn-budget:code",
        "name": "classification:cn-budget:label",
    },
    "classification_code_conflicts": {
        "year": "date:fiscal-year",
        "code": "classification:cn-budget:code",
        "name": "classification:cn-budget:label",
    },
}

# Constant columns FDP readers add to the denormalised table (amount_cny is in yuan).
EXTRA_FIELDS: dict[str, list[dict[str, Any]]] = {
    "budget_facts": [
        {
            "name": "currency",
            "type": "string",
            "columnType": "value-currency:code",
            "constant": "CNY",
            "description": "currency of amount_cny (amount is in the table's unit, see unit)",
        }
    ]
}

# Phases of the doc_kind vocabulary, in FDP's words.
PHASES = {"budget": "approved", "final_accounts": "executed"}

CUSTOM_COLUMN_TYPES: list[dict[str, Any]] = [
    {
        "name": "classification:cn-budget:code",
        "dataType": "string",
        "unique": True,
        "description": "a code of the classification named in the row's `classification` column: "
        "支出功能分类 (functional, 3/5/7 digits = 类/款/项) or 支出经济分类 (economic, 3/5 digits = 类/款)",
    },
    {
        "name": "classification:cn-budget:label",
        "dataType": "string",
        "labelOf": "classification:cn-budget:code",
    },
    {
        "name": "classification:cn-budget:kind",
        "dataType": "string",
        "description": "which classification the row's code belongs to",
    },
    {
        "name": "economic-classification:cn-government:code",
        "dataType": "string",
        "unique": True,
        "description": "政府预算支出经济分类 (5xx) code, printed beside the 部门预算支出经济分类 code",
    },
    {
        "name": "value:as-printed",
        "dataType": "number",
        "description": "the amount as printed, in the unit named by value-kind:code (万元 or 元)",
    },
]


def annotate_field(table: str, field: dict[str, Any]) -> dict[str, Any]:
    """Add the field's FDP columnType (and the phase mapping for doc_kind), if it has one."""
    column_type = COLUMN_TYPES.get(table, {}).get(field["name"])
    if column_type:
        field["columnType"] = column_type
        if column_type == "phase:id":
            field["fdp:phases"] = dict(PHASES)
    return field


def package_properties() -> dict[str, Any]:
    """Descriptor-level FDP properties: the taxonomies the columnTypes come from."""
    return {"columnTypes": [BUDGET_TAXONOMY, CUSTOM_COLUMN_TYPES]}
