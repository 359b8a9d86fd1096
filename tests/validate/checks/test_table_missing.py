from assets.core.checks.table_missing import CORE_TABLES, RULE
from tests.validate.checks.build import disclosure, fact, findings, run_rules


def test_all_core_tables_present_or_declared_empty() -> None:
    doc = disclosure([fact("income_summary", "总计", "1.00", source="all")], tables_found=list(CORE_TABLES),
                     tables_empty=["government_fund_expenditure"])
    assert findings(RULE, doc) == []
    assert run_rules(doc, [RULE]).evaluated == len(CORE_TABLES)


def test_a_missing_core_table_is_a_warning() -> None:
    found = [t for t in CORE_TABLES if t != "three_public_expenditure"]
    (warning,) = findings(RULE, disclosure([fact("income_summary", "总计", "1.00", source="all")], tables_found=found))
    assert (warning["check"], warning["severity"], warning["tables"]) == ("table_missing", "warning", "three_public_expenditure")
