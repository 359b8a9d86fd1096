"""The seed's narrative: every year-on-year statement, 三公, procurement, asset and staffing number
of the seed text is a row of narrative_facts, with its reason and its place on the page."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from assets.core.document import DocumentResult, ExtractedDocument
from assets.core.narrative_text import build_narrative
from tests.text_facts.seed_text import amounts, narrative, section, squeeze

CHANGE = re.compile(r"(增加|减少)\s*([\d,]+\.\d+)\s*万元，\s*(增长|下降)\s*([\d.]+)%(?:，主要原因是(.+?)[。；])?")
AMOUNT_THEN_CHANGE = re.compile(r"([\d,]+\.\d+)\s*万元，(?:占\s*[\d.]+%，)?\s*比上年预算(增加|减少)\s*([\d,]+\.\d+)\s*万元")


def signed(value: str, verb: str) -> Decimal:
    number = Decimal(value.replace(",", ""))
    return -number if verb in ("减少", "下降") else number


def test_every_year_on_year_statement_with_its_reason(seed_result: DocumentResult, seed_text: str) -> None:
    text = narrative(seed_text)
    expected = Counter((signed(m[2], m[1]), signed(m[4], m[3])) for m in CHANGE.finditer(text))
    rows = [r for r in seed_result.narrative_facts if r["change_amount"] is not None and r["unit"] == "万元"]
    assert Counter((r["change_amount"], r["change_percent"]) for r in rows) == expected
    assert expected
    reasons = Counter(squeeze(m[5]) for m in CHANGE.finditer(text) if m[5])
    assert Counter(squeeze(r["reason"]) for r in rows if r["reason"]) == reasons


def test_prior_year_amounts_are_derived_where_the_text_allows(seed_result: DocumentResult, seed_text: str) -> None:
    pairs = [(Decimal(m[1].replace(",", "")), signed(m[3], m[2])) for m in AMOUNT_THEN_CHANGE.finditer(narrative(seed_text))]
    rows = {(r["amount"], r["change_amount"]): r for r in seed_result.narrative_facts if r["fact_type"] == "amount"}
    assert pairs and all(pair in rows for pair in pairs)
    for amount, change in pairs:
        row = rows[(amount, change)]
        assert (row["prior_year_amount"], row["prior_year_source"]) == (amount - change, "derived")
        assert row["comparison"] == "上年预算"


def test_every_three_public_figure(seed_result: DocumentResult, seed_text: str) -> None:
    text = section(narrative(seed_text), "“三公”经费预算情况说明", "十一、")
    rows = [r for r in seed_result.narrative_facts if r["topic"] == "three_public"]
    stated = [r["amount"] for r in rows if r["amount"] is not None] + [abs(r["change_amount"]) for r in rows if r["change_amount"] is not None]
    assert Counter(stated) == Counter(amounts(text))
    items = {r["item"] for r in rows if r["item"]}
    assert items == {"因公出国（境）费", "公务用车购置费", "公务用车运行费", "公务接待费"}
    total_change = next(r for r in rows if r["fact_type"] == "change" and r["item"] is None)
    total = next(r for r in rows if r["fact_type"] == "amount" and r["item"] is None)
    assert total_change["prior_year_amount"] == total["amount"] - total_change["change_amount"]


def test_operating_costs_and_procurement(seed_result: DocumentResult, seed_text: str) -> None:
    text = narrative(seed_text)
    operating = section(text, "（一）单位运行经费情况", "（二）")
    rows = [r for r in seed_result.narrative_facts if r["topic"] == "operating_costs"]
    assert [r["amount"] for r in rows] == amounts(operating)[:1]
    procurement = section(text, "（二）政府采购情况", "(三)")
    rows = [r for r in seed_result.narrative_facts if r["topic"] == "procurement"]
    assert [r["amount"] for r in rows] == amounts(procurement)
    assert all(r["unit"] == "万元" and r["amount_cny"] == r["amount"] * 10000 for r in rows)


def test_every_asset_number(seed_result: DocumentResult, seed_text: str) -> None:
    text = section(narrative(seed_text), "(三) 国有资产占用使用情况", "(四)")
    numbers = re.finditer(r"(\d[\d,]*(?:\.\d+)?)\s*(万元|辆|平方米|台)(?!\s*以上)", text)
    expected = Counter((Decimal(m[1].replace(",", "")), m[2]) for m in numbers)
    rows = [r for r in seed_result.narrative_facts if r["topic"] == "assets" and r["amount"] is not None]
    assert Counter((r["amount"], r["unit"]) for r in rows) == expected
    # Each vehicle type's count and value are rows of the same subject.
    for kind, count, value in re.findall(r"(车辆|一般公务用车|执法执勤用车|其他车辆)\s*(\d+)\s*辆，价值\s*([\d.]+)\s*万元", text):
        of_kind = {(r["unit"], r["amount"]) for r in rows if r["subject"] == kind}
        assert of_kind == {("辆", Decimal(count)), ("万元", Decimal(value))}, kind


def test_staffing_and_organisation(seed_result: DocumentResult, seed_text: str) -> None:
    sentence = next(line for line in seed_text.splitlines() if "编制数" in line)
    rows = {r["subject"]: r for r in seed_result.narrative_facts if r["topic"] == "staffing"}
    for label, number in re.findall(r"(编制数|实有人数|在职|退休|离休)\s*(\d+)", sentence):
        assert rows[label]["amount"] == Decimal(number), label
    for label, number, verb, change in re.findall(r"(在职|退休|离休)\s*(\d+)\s*人,\s*(增加|减少)\s*(\d+)\s*人", sentence):
        row = rows[label]
        assert row["change_amount"] == signed(change, verb)
        assert row["prior_year_amount"] == Decimal(number) - signed(change, verb)
    units = next(line for line in seed_text.splitlines() if "下设" in line)
    count, what = re.search(r"下设\s*(\d+)\s*个(\w+?)[,，]", units).groups()  # type: ignore[union-attr]
    organisation = {r["subject"]: r["amount"] for r in seed_result.narrative_facts if r["topic"] == "organisation"}
    assert organisation[what] == Decimal(count)
    assert organisation["下属预算单位"] == 0  # 无下属预算单位


def test_income_and_expenditure_shares_name_their_sources_and_measures(seed_result: DocumentResult, seed_text: str) -> None:
    text = section(narrative(seed_text), "二、关于", "四、关于")
    shares = re.findall(r"(一般公共预算|单位资金|财政拨款结转|基本支出|项目支出)\s*([\d,]+\.\d+)\s*万元，占\s*([\d.]+)%", text)
    rows = {(r["subject"], r["amount"]): r for r in seed_result.narrative_facts if r["topic"] in ("income", "expenditure")}
    for subject, amount, share in shares:
        row = rows[(subject, Decimal(amount.replace(",", "")))]
        assert row["share_percent"] == Decimal(share)
        assert row["source"] or row["measure"]
    assert len(shares) == 5


def test_offsets_point_at_the_words_on_the_page(seed_result: DocumentResult, seed_extracted: ExtractedDocument) -> None:
    narrative_text = build_narrative(seed_extracted.text_pages)
    whole = "\n".join(narrative_text.pages[p] for p in sorted(narrative_text.pages))
    assert seed_result.narrative_facts
    for row in seed_result.narrative_facts:
        start = narrative_text.page_starts[row["page"]]
        printed = whole[start + row["char_start"] : start + row["char_end"]]
        assert _comparable(printed) == _comparable(row["text"]), row["text"]
        assert row["text"] in row["sentence"]


def _comparable(text: str) -> str:
    table = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）"})
    return re.sub(r"\s+", "", text).translate(table).replace("，", ",") if text else text
