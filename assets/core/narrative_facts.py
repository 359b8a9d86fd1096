"""Typed facts stated in the narrative chapters: amounts, shares, year-on-year changes with their
reasons, 三公, 机关运行经费, 政府采购, assets, staffing and counts of units.

The narrative states facts in a small number of sentence shapes, whatever the region:

    一般公共预算 1,719.05 万元，占 97.73%，比上年预算减少 35.22 万元，下降 2.01%，主要原因是…
    1、…行政运行（项）：2026 年预算数为 1,085.07 万元，比上年预算减少 184.34 万元，…
    其中：因公出国（境）费增加 0.00 万元，增长 0.00%，主要原因是…
    车辆 10 辆，价值 416.64 万元；编制数 59，实有人数 97 人，其中：在职 57 人，减少 6 人

So a sentence is read as a sequence of quantities (a number with its unit) and the words just
before each one decide its role: a change verb (增加/减少/增长/下降) makes it the year-on-year
change of the statement before it, 占 its share, 价值 the value of the thing just counted, and
anything else is the subject of a new statement. Words after 主要原因是 / 主要用于 are the reason
or purpose of the statement before them. Each statement becomes one row with the sentence, the
page and the character offsets of its words in that page's text (see narrative_text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .narrative_text import NarrativeText, Paragraph, build_narrative, sentences
from .target_values import fits_amount

NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
MONEY_UNITS = {"亿元": Decimal(100000000), "万元": Decimal(10000), "千元": Decimal(1000), "元": Decimal(1)}
COUNT_UNITS = "平方米|个月|人次|批次|辆|台|套|人|名|个|处|家|项|所|栋|间|件|户|㎡"
QUANTITY = re.compile(
    rf"(?<![\d.,])(?P<number>{NUMBER})\s*(?:(?P<money>亿元|万元|千元|元)(?P<per>/[\u4e00-\u9fff]{{1,2}})?"
    rf"|(?P<count>{COUNT_UNITS})|(?P<percent>%))"
)
# A money amount that is part of a name ("价值 50 万元以上大型设备") is not a quantity.
THRESHOLD = re.compile(r"^\s*(?:[（(]含[)）])?\s*(?:及)?(?:以上|以下|以内)")
# Staffing figures printed without a unit ("编制数 59").
UNITLESS_STAFF = re.compile(rf"(?:编制数|编制人数|核定编制|实有人数|实有人员)(?:为|是|共)?(?P<number>\d+)(?![\d.%]|\s*(?:{COUNT_UNITS}))")
SUBORDINATE_NONE = re.compile(r"无(?:下属|所属)(?:预算)?单位")

CHANGE_VERB = re.compile(
    r"(?:(?P<base>比|较|与)(?P<period>上年|去年|上一年度?|\d{4}年(?:度)?)?(?P<basis>(?:年初)?预算数?|决算数?|执行数?|实际数|支出数)?(?:相比|相较|比较)?)?"
    r"(?P<verb>增加|减少|增长|下降|降低|减低|上升|提高|增支|减支|节约|持平|增幅|减幅|降幅|涨幅|减|增|多|少)(?:了|为)?$"
)
# The comparison base at the start of a change's words: “与上年相比收、支预算总计各增加” names the
# subject after 相比; “比2025年财政拨款“三公”经费年初预算增加” names only what the change is compared
# with (the statement before it, a year earlier).
LEADING_BASE = re.compile(
    r"^(?:与|和|同|比|较)(?P<period>上年|去年|上一年度?|\d{4}年(?:度)?)"
    r"(?:(?P<compared>相比|相较|比较)|.*?(?P<basis>(?:年初)?(?:预算|决算)数?|执行数|实际数|支出数)$)?"
)
# The words in brackets before a prior-year amount, and the comparison the brackets follow.
PRIOR_IN_BRACKETS = re.compile(r"^(?:上年|去年|上一年度?|\d{4}年(?:度)?)(?![^，。；（）()]*(?:仅|只|其中))[^，。；（）()]{0,12}?(?:为|是|：|:)?$")
COMPARED_BEFORE_BRACKETS = re.compile(
    r"(?:(?:与|和|同|比|较)(?P<period>上年|去年|上一年度?|\d{4}年(?:度)?)(?P<basis>(?:年初)?(?:预算|决算)数?|执行数)?(?:相比|相较|比较)?"
    r"|(?:增加|减少|增长|下降)[\d.,]+(?:万元|元|亿元))$"
)
UNCHANGED = re.compile(r"(?:与|和)(?:上年|去年|上一年度?|\d{4}年)(?:预算|决算)?(?:数)?(?:相比)?(?:持平|相同|一致|不变)")
SHARE = re.compile(r"占(?:[^，。；]{0,20}?)(?:的)?(?:比重|比例)?(?:为)?$")
VALUE_WORDS = re.compile(r"^(?:价值|账面价值|原值|净值|资产价值|总价值|金额)(?:为|共|合计)?$")
PRIOR_WORDS = re.compile(r"^(?:上年|去年|上一年度?)(?:预算|决算)?(?:数)?(?:为|是)?$")
# A comparison base printed with its amount before the change ("比2025年年初预算数 9819.98 万元减少
# 193.20 万元"): the amount is the prior year's of the statement before, the change follows it.
BASE_WITH_AMOUNT = re.compile(
    r"^(?:比|较|与|同)(?P<period>上年|去年|上一年度?|\d{4}年(?:度)?)(?P<basis>(?:年初)?(?:预算|决算)数?|执行数|实际数|支出数)?(?:的)?$"
)
COUNT_VERB = re.compile(r"(?:下设|内设|设有|设|共有|包括|含|辖|下辖|所属|及|和|与|、)$")
# The thing counted after the number ("下设 12 个科室", "9 个机关行政处（科、股）室及 0 个下属单位").
COUNTED = re.compile(r"(?:[^，。；：、（(\d]|[（(][^）)]*[）)]){1,20}?(?=[，。；：、]|及|和|$)")
REASON = re.compile(r"(?:主要)?原因(?:是|为|在于|：)|主要是由于|主要由于|主要系|这是由于|是因为")
# Words that give a reason only after a change was stated ("…减少 5 万元，主要是 …").
WEAK_REASON = re.compile(r"主要是|是由于|系")
STATED_CHANGE = re.compile(r"(?:增加|减少|增长|下降|降低|上升|持平|增幅|减幅|降幅)[\d.,]*(?:万元|元|%)?")
PURPOSE = re.compile(r"主要用于|主要包括|重点用于")
NOT_ARRANGED = re.compile(
    r"(?:^|(?<=[，：]))(?P<subject>[^，。；：]{2,40}?)(?:均)?(?:未安排|无安排|没有安排)(?=[。；]|$)"
    r"|未安排(?P<object>[^，。；：]{2,20}?)(?=[，。；]|$)"
)

_INCREASE = {"增加", "增长", "上升", "提高", "增支", "增幅", "涨幅", "增", "多"}
_DECREASE = {"减少", "下降", "降低", "减低", "减支", "节约", "减幅", "降幅", "减", "少"}


# Topic of a heading or sentence; the first rule that matches wins.
TOPIC_RULES: tuple[tuple[str, str], ...] = (
    ("three_public", r"三公"),
    ("operating_costs", r"运行经费|机关运行"),
    ("procurement", r"政府采购"),
    ("assets", r"国有资产|资产占用|资产情况|车辆|大型设备"),
    ("performance", r"绩效"),
    ("carryover", r"结转结余|结转和结余|结转情况"),
    ("government_fund", r"政府性基金"),
    ("state_capital", r"国有资本经营"),
    ("basic_expenditure", r"基本支出"),
    ("project_expenditure", r"项目支出|项目名称"),
    ("general_public_budget", r"一般公共预算"),
    ("fiscal_appropriation", r"财政拨款收支"),
    ("income", r"收入(?:预算|决算)|收入情况|收入总"),
    ("expenditure", r"支出(?:预算|决算)|支出情况|支出总"),
    ("overview", r"收支|总体情况"),
    ("organisation", r"机构设置|职能|单位构成|部门构成"),
)
# Topics that a sentence's own words override the heading with.
SENTENCE_TOPICS = ("three_public", "operating_costs", "procurement")
STAFF_SUBJECT = re.compile(r"编制|人数|人员|在职|退休|离休|职工|遗属")
ORGANISATION_SUBJECT = re.compile(r"科室|处室|内设机构|下属|所属|单位|机构|部门")

# Subject → budget_facts source, when the subject names a funding source (fullmatch).
SOURCE_SUBJECTS: tuple[tuple[str, str], ...] = (
    (r"上级一般公共预算(?:安排的)?转移支付(?:资金|收入)?", "general_public_budget_transfer"),
    (r"上级政府性基金(?:预算)?(?:安排的)?转移支付(?:资金|收入)?", "government_fund_transfer"),
    (r"上级国有资本经营预算(?:安排的)?转移支付(?:资金|收入)?", "state_capital_transfer"),
    (r"(?:本年)?一般公共预算(?:财政)?(?:拨款)?(?:收入|资金)?(?:合计)?", "general_public_budget"),
    (r"政府性基金(?:预算)?(?:拨款)?(?:收入|资金)?", "government_fund"),
    (r"国有资本经营预算(?:拨款)?(?:收入|资金)?", "state_capital"),
    (r"财政专户(?:管理资金|核拨)?(?:收入|资金)?|教育收费", "fiscal_special_account"),
    (r"单位资金", "unit_funds"),
    (r"事业收入", "business_income"),
    (r"上级补助收入", "superior_subsidy"),
    (r"附属单位上缴收入", "subsidiary_remittance"),
    (r"(?:事业单位)?经营收入", "business_operation_income"),
    (r"其他收入", "other_income"),
    (r"(?:上年)?财政拨款结转(?:结余)?(?:资金)?", "fiscal_carryover"),
    (r"(?:上年)?非财政拨款结转(?:结余)?(?:资金)?", "non_fiscal_carryover"),
    (r"上年结转(?:结余)?(?:资金)?", "prior_year_carryover"),
    (r"财政拨款(?:收入|资金)?(?:合计)?|财政拨款收支总预算", "fiscal_appropriation"),
    (r"(?:部门)?(?:收支|收入|支出)总?预算(?:总额|合计)?|(?:部门)?(?:收入|支出)(?:总计|合计)", "all"),
)
MEASURE_SUBJECTS: tuple[tuple[str, str], ...] = (
    (r"(?:一般公共预算)?基本支出", "basic"),
    (r"(?:一般公共预算)?项目支出", "project"),
    (r"人员经费(?:支出)?|人员支出", "personnel"),
    (r"(?:日常)?公用经费(?:支出)?|公用支出", "public_operating"),
)
THREE_PUBLIC_ITEM = re.compile(r"因公出国[（(]境[)）](?:经)?费|公务用车购置及运行(?:维护)?费|公务用车购置费|公务用车运行(?:维护)?费|公务接待费")
FUNCTIONAL_LEVEL = re.compile(r"(.+?)[（(](类|款|项)[)）]")

SUBJECT_PREFIX = re.compile(
    r"^(?:其中[：:]?|[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|本部门|本单位|我单位|我部门|我局|本局"
    r"|\d{4}年(?:度)?|全年|本年度?|截至\d{4}年(?:底|末)?|的|用于|主要是|以及|和|及|另|[（(]?含|其中包括|包括|共有|现有|[，、：（(\s])+"
)
SUBJECT_SUFFIX = re.compile(r"(?:\d{4}年(?:度)?(?:预算数|预算|预算安排)?(?:为|是)?|数为|为|是|达到|达|约|共计|共|合计|总计|各|均)$")
# A subject that only names the 决算 basis of an amount (“年初预算为 1560.05 万元，支出决算为 …”): it
# takes the item heading above. The 年初预算 beside it does not, yet: the text checks compare a
# named 类/款/项 with the table's 决算数 whatever basis the statement names.
BASIS_SUBJECT = re.compile(r"^(?:支出)?决算(?:数)?$")
GENERIC_SUBJECT = re.compile(r"^(?:预算数|预算|预算安排|安排|金额|合计|共计|共|总计|其中|当年|本年|)$")
CLAUSE_DELIMITERS = "，；："  # 、 separates list items inside a subject ("考察、调研、…人数") too


@dataclass
class Quantity:
    start: int
    end: int
    value: Decimal
    unit: str | None
    kind: str  # money, count, area, percent


@dataclass
class Statement:
    fact_type: str
    subject: str
    start: int  # in the sentence
    end: int
    amount: Decimal | None = None
    unit: str | None = None
    share: Decimal | None = None
    direction: str | None = None
    comparison: str | None = None
    change: Decimal | None = None
    change_percent: Decimal | None = None
    prior: Decimal | None = None
    reason: str | None = None
    purpose: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)


def quantities(sentence: str) -> list[Quantity]:
    """Numbers with a money, count, area or percent unit, in order (thresholds in names skipped)."""
    found = []
    for m in QUANTITY.finditer(sentence):
        value = Decimal(m.group("number").replace(",", ""))
        if not fits_amount(value):
            continue
        if m.group("money"):
            if THRESHOLD.match(sentence[m.end() :]):
                continue
            unit = m.group("money") + (m.group("per") or "")
            found.append(Quantity(m.start(), m.end(), value, unit, "money"))
        elif m.group("count"):
            unit = m.group("count")
            found.append(Quantity(m.start(), m.end(), value, unit, "area" if unit in ("平方米", "㎡") else "count"))
        else:
            found.append(Quantity(m.start(), m.end(), value, "%", "percent"))
    for m in UNITLESS_STAFF.finditer(sentence):
        found.append(Quantity(m.start("number"), m.end("number"), Decimal(m.group("number")), None, "count"))
    return sorted(found, key=lambda q: q.start)


def _skip_spans(sentence: str) -> list[tuple[int, int, str]]:
    """Reason and purpose clauses: (start of their text, end, kind); numbers inside are not facts."""
    spans: list[tuple[int, int, int, str]] = []
    for pattern, kind in ((REASON, "reason"), (WEAK_REASON, "reason"), (PURPOSE, "purpose")):
        for m in pattern.finditer(sentence):
            if any(first <= m.start() < end for first, _, end, _ in spans):
                continue
            if pattern is WEAK_REASON and not STATED_CHANGE.search(sentence[: m.start()]):
                continue
            end = _purpose_end(sentence, m.end()) if kind == "purpose" else len(sentence)
            spans.append((m.start(), m.end(), end, kind))
    return sorted((start, end, kind) for _, start, end, kind in spans)


# A clause that is a statement again after a purpose: an amount or a share (“主要用于以下方面：一般
# 公共服务支出（类）2106.66万元，占71.73%”) or a change (“主要用于…培训支出，比2023年度决算数增加…”).
STATEMENT_CLAUSE = re.compile(r"^(?:比|较|与上年|与去年|同比|占)")
# A purpose that only announces the list after it (“主要用于以下方面：”).
LIST_INTRO = re.compile(r"^(?:以下|如下)(?:几个|几|\d+个)?(?:方面|内容|项目|用途)?$")


def _purpose_end(sentence: str, start: int) -> int:
    """Where the purpose that starts at `start` ends: with its clause (；。), or before the first
    clause after it that states an amount, a percentage or a change."""
    limit = re.search(r"[；。]", sentence[start:])
    end = start + limit.start() if limit else len(sentence)
    for cut in re.finditer(r"[，：]", sentence[start:end]):
        clause_start = start + cut.end()
        clause = re.split(r"[，：]", sentence[clause_start:end], maxsplit=1)[0]
        stated = any(q.group("money") or q.group("percent") for q in QUANTITY.finditer(clause))
        if stated or STATEMENT_CLAUSE.match(clause):
            return start + cut.start()
    return end


# The department's name at the start of a statement when the metadata does not know it
# ("国家信访局2026年收支总预算", "…人民政府办公室编制数59").
ORGANISATION_PREFIX = re.compile(
    r"^[\u3400-\u9fff（）()]{2,40}?(?:办公室|办公厅|委员会|管理局|局|厅|院|中心|研究所|站|馆|队|委|办)"
    r"(?=\d{4}年|本年|部门|单位|编制|实有|收支|收入|支出|财政|一般公共|政府采购|机关运行|“三公”|\"三公\")"
)


def _after_unopened_close(text: str) -> str:
    """Words up to a closing bracket opened before them (“京发改〔2014〕865号）和非居民”) belong to
    the clause before, not to the subject: the text after the last such bracket."""
    depth, cut = 0, 0
    for i, ch in enumerate(text):
        if ch in "（(〔[【":
            depth += 1
        elif ch in "）)〕]】":
            if depth == 0:
                cut = i + 1
            depth = max(0, depth - 1)
    return text[cut:]


def clean_subject(text: str, department: str | None) -> str:
    s = text.strip()
    if department:
        s = s.replace(department, "")
    s = ORGANISATION_PREFIX.sub("", s)
    previous = None
    while previous != s:
        previous = s
        s = _after_unopened_close(SUBJECT_PREFIX.sub("", s))
        s = SUBJECT_SUFFIX.sub("", s).strip()
    return s.strip("，、：；。 ")


def _local_prefix(sentence: str, start: int, floor: int) -> tuple[str, int, str]:
    """Words before a quantity back to the nearest clause delimiter: (words, their start, delimiter)."""
    segment = sentence[floor:start]
    cut = max(segment.rfind(d) for d in CLAUSE_DELIMITERS)
    if cut < 0:
        return segment, floor, ""
    return segment[cut + 1 :], floor + cut + 1, segment[cut]


def _context_before(sentence: str, position: int) -> tuple[str, int]:
    """The clause that ends at position (for “X（项）：2026年预算数为 N 万元”)."""
    segment = sentence[:position]
    cut = max(segment.rfind(d) for d in "，；。")
    return segment[cut + 1 :], cut + 1


def _direction(verb: str) -> str:
    if verb in _INCREASE:
        return "increase"
    if verb in _DECREASE:
        return "decrease"
    return "unchanged"


def _signed(value: Decimal, direction: str) -> Decimal:
    return -value if direction == "decrease" else value


def _convert(value: Decimal, unit: str | None, to_unit: str | None) -> Decimal | None:
    """A change printed in another money unit than its amount, in the amount's unit (exact)."""
    if unit == to_unit or to_unit is None:
        return value
    if unit in MONEY_UNITS and to_unit in MONEY_UNITS:
        return value * MONEY_UNITS[unit] / MONEY_UNITS[to_unit]
    return None


def read_sentence(sentence: str, department: str | None = None) -> list[Statement]:
    """The statements of one cleaned sentence."""
    statements: list[Statement] = []
    skips = _skip_spans(sentence)
    current: Statement | None = None
    floor = 0
    for q in quantities(sentence):
        if any(s <= q.start < e for s, e, _ in skips):
            continue
        words, words_start, delimiter = _local_prefix(sentence, q.start, floor)
        squeezed = words.strip()
        floor = q.end
        if q.kind == "percent":
            if current is None:
                continue
            change = CHANGE_VERB.search(squeezed)
            if change and change.group("verb") != "持平":
                direction = _direction(change.group("verb"))
                current.change_percent = _signed(q.value, direction)
                current.direction = current.direction or direction
                current.end = q.end
            elif SHARE.search(squeezed) or squeezed.endswith("占"):
                current.share = q.value
                current.end = q.end
            continue
        if q.kind == "money" and (prior := _prior_in_brackets(sentence, q, current, department)) is not None:
            if prior is not current:
                current = prior
                statements.append(current)
            continue
        base = BASE_WITH_AMOUNT.match(squeezed)
        if base and current is not None and current.prior is None and current.change is None and _same_kind(current.unit, q.unit):
            current.prior = _convert(q.value, q.unit, current.unit)
            current.extras["prior_printed"] = True
            current.comparison = base.group("period") + (base.group("basis") or "")
            current.end = q.end
            continue
        if q.value == 0 and current is not None and UNCHANGED.fullmatch(squeezed) and _same_kind(current.unit, q.unit):
            # “公务用车购置费 0 万元，与2024年预算一致 0 万元”: the 0 is the change
            current.direction, current.change, current.end = "unchanged", Decimal(0), q.end
            continue
        change = CHANGE_VERB.search(squeezed)
        if change:
            lead, comparison = _without_leading_base(squeezed[: change.start()], _comparison(change))
            before = clean_subject(lead, department)
            direction = _direction(change.group("verb"))
            compatible = current is not None and current.change is None and _same_kind(current.unit, q.unit)
            if not before and compatible and current is not None:
                current.change = _convert(_signed(q.value, direction), q.unit, current.unit)
                current.direction, current.comparison, current.end = direction, comparison or current.comparison, q.end
                continue
            subject = before or (current.subject if current is not None else "")
            # "其中：公务接待费减少 30 万元" compares with what the sentence compared with before.
            comparison = comparison or next((s.comparison for s in reversed(statements) if s.comparison), None)
            current = Statement("change", subject, words_start, q.end, unit=q.unit, direction=direction, comparison=comparison)
            current.change = _signed(q.value, direction)
            statements.append(current)
            continue
        if current is not None and PRIOR_WORDS.match(squeezed) and _same_kind(current.unit, q.unit):
            current.prior = _convert(q.value, q.unit, current.unit)
            current.extras["prior_printed"] = True
            current.end = q.end
            continue
        # “车辆10辆，价值416.64万元”, “在建工程1项12277.73万元”, “购置车辆2辆、57万元”: the value of what was counted
        if q.kind == "money" and current is not None and current.fact_type in ("count", "area") and (VALUE_WORDS.match(squeezed) or squeezed in ("", "、")):
            current = Statement("amount", current.subject, words_start, q.end, q.value, q.unit)
            statements.append(current)
            continue
        subject, subject_start = _subject(sentence, words, words_start, delimiter, q, department)
        floor = q.end  # the thing counted after a number is not the next statement's subject
        fact_type = {"money": "amount", "count": "count", "area": "area"}[q.kind]
        current = Statement(fact_type, subject, subject_start, q.end, q.value, q.unit)
        statements.append(current)
    _attach_clauses(sentence, statements, skips)
    for m in UNCHANGED.finditer(sentence):
        owner = _owner(statements, m.start())
        if owner is not None and owner.direction is None:
            owner.direction, owner.change = "unchanged", Decimal(0)
    statements += [s for s in _not_arranged(sentence, department) if not any(a <= s.start < b for a, b, _ in skips)]
    if none := SUBORDINATE_NONE.search(sentence):  # 无下属预算单位: a count of 0, as stated
        statements.append(Statement("count", "下属预算单位", none.start(), none.end(), Decimal(0), None))
    return sorted(statements, key=lambda s: s.start)


def _prior_in_brackets(sentence: str, q: Quantity, current: Statement | None, department: str | None) -> Statement | None:
    """A prior-year amount printed in brackets after a comparison (“与2016年度相比（2016年度部门支出
    预算安排为 8,648.07 万元），增加 498.72 万元”, “比上年预算（上年 290 万元）增加 42.14 万元”, “比上年
    预算数增加 421.30 万元（上年预算数为 0 万元）”): the prior of the statement it compares, or of a
    new change statement when no amount was stated before; None when `q` is not such an amount."""
    opened = max(sentence.rfind("（", 0, q.start), sentence.rfind("(", 0, q.start))
    closed = max(sentence.rfind("）", 0, q.start), sentence.rfind(")", 0, q.start))
    if opened < 0 or closed > opened or not PRIOR_IN_BRACKETS.match(sentence[opened + 1 : q.start]):
        return None
    compared = COMPARED_BEFORE_BRACKETS.search(sentence[:opened])
    if compared is None:
        return None
    comparison = compared.group("period") + (compared.group("basis") or "") if compared.group("period") else None
    if current is not None and current.prior is None and _same_kind(current.unit, q.unit):
        current.prior = _convert(q.value, q.unit, current.unit)
        current.comparison = current.comparison or comparison
    elif current is None or current.prior is not None:
        clause_start = max(sentence.rfind(d, 0, compared.start()) for d in "，；：") + 1
        subject = clean_subject(sentence[clause_start : compared.start()], department)
        current = Statement("change", subject, clause_start, q.end, unit=q.unit, prior=q.value, comparison=comparison)
    else:
        return None
    current.extras["prior_printed"] = True
    current.end = max(current.end, q.end)
    return current


def _without_leading_base(words: str, comparison: str | None) -> tuple[str, str | None]:
    """The subject words of a change without the comparison base before them, and the comparison."""
    base = LEADING_BASE.match(words)
    if base is None:
        return words, comparison
    comparison = comparison or base.group("period") + (base.group("basis") or "")
    rest = words[base.end() :] if base.group("compared") else ""
    if re.fullmatch(r"(?:年初)?(?:预算|决算)数?|执行数?", rest):
        rest = ""  # “和2025年相比预算减低 0.27 万元”: the basis, not a subject
    return rest, comparison


def _comparison(change: re.Match[str]) -> str | None:
    if not change.group("base"):
        return None
    return (change.group("period") or "上年") + (change.group("basis") or "")


def _same_kind(unit: str | None, other: str | None) -> bool:
    if unit in MONEY_UNITS or other in MONEY_UNITS:
        return unit in MONEY_UNITS and other in MONEY_UNITS
    return unit == other or unit is None or other is None


def _subject(sentence: str, words: str, words_start: int, delimiter: str, q: Quantity, department: str | None) -> tuple[str, int]:
    subject = clean_subject(words, department)
    if q.kind == "count" and COUNT_VERB.search(words.strip()):
        # "下设 12 个科室": the thing counted follows the number.
        after = COUNTED.match(sentence[q.end :])
        if after:
            q.end += after.end()
            return after.group(0).strip(), words_start
    if GENERIC_SUBJECT.match(subject) and delimiter in "：，" and delimiter:
        # "X（项）：2026年预算数为 N 万元": the subject is the clause before.
        context, context_start = _context_before(sentence, words_start - 1)
        named = clean_subject(context, department)
        if named and not QUANTITY.search(context):
            return named, context_start
    if not subject:
        return words.strip("，、：；。 "), words_start
    found = words.find(subject)
    return subject, words_start + max(found, 0)  # the statement's words start at its subject


def _owner(statements: list[Statement], position: int) -> Statement | None:
    before = [s for s in statements if s.start < position]
    return before[-1] if before else None


def _attach_clauses(sentence: str, statements: list[Statement], skips: list[tuple[int, int, str]]) -> None:
    for start, end, kind in skips:
        owner = _owner(statements, start)
        if owner is None:
            continue
        text = sentence[start:end].strip("，。；：、 ")
        if kind == "reason" and owner.reason is None:
            owner.reason = text
        elif kind == "purpose" and owner.purpose is None and not LIST_INTRO.match(text):
            owner.purpose = text


def _not_arranged(sentence: str, department: str | None) -> list[Statement]:
    out = []
    for m in NOT_ARRANGED.finditer(sentence):
        name = m.group("subject") or m.group("object")
        subject = clean_subject(name, department)
        if subject:
            start = m.start("subject") if m.group("subject") else m.start("object")
            out.append(Statement("not_arranged", subject, start, m.end()))
    return out


# --- rows ------------------------------------------------------------------------------------


def topic_of(text: str) -> str | None:
    squeezed = re.sub(r"\s+", "", text)
    for topic, pattern in TOPIC_RULES:
        if re.search(pattern, squeezed):
            return topic
    return None


# A numbered heading run into its paragraph as a sentence of its own (“（一）因公出国（境）费用。”).
INLINE_HEADING = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]|[一二三四五六七八九十]+[、.．])[^，。；：]{2,60}[。：]$")
HEADING_1 = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十]+部分)")
HEADING_2 = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")
PROJECT_NAME = re.compile(r"^[（(]?[一二三四五六七八九十\d]*[)）、]?\s*项目名称[：:]\s*(.+)$")


def _is_heading(paragraph: Paragraph) -> bool:
    text = paragraph.text
    return len(text) <= 60 and not QUANTITY.search(text) and not text.endswith(("。", "；"))


def source_of(subject: str, topic: str) -> str | None:
    if topic == "carryover" and re.fullmatch(r"(?:非)?财政拨款", subject):
        return "non_fiscal_carryover" if subject.startswith("非") else "fiscal_carryover"
    for pattern, source in SOURCE_SUBJECTS:
        if re.fullmatch(pattern, subject):
            return source
    return None


def measure_of(subject: str) -> str | None:
    for pattern, measure in MEASURE_SUBJECTS:
        if re.fullmatch(pattern, subject):
            return measure
    return None


def item_of(subject: str) -> tuple[str | None, int | None]:
    """The classification line a subject names: 三公 item, or the deepest （类）/（款）/（项） level."""
    if m := THREE_PUBLIC_ITEM.search(subject):
        return m.group(0).replace("(", "（").replace(")", "）"), None
    levels = FUNCTIONAL_LEVEL.findall(subject)
    if levels:
        name, level = levels[-1]
        return name.strip("、，："), {"类": 1, "款": 2, "项": 3}[level]
    return None, None


def narrative_facts(text_pages: list[dict[str, Any]], context: dict[str, Any], department: str | None = None) -> list[dict[str, Any]]:
    """Every statement of the narrative as a row of `narrative_facts`."""
    narrative = build_narrative(text_pages)
    rows: list[dict[str, Any]] = []
    heading_1: str | None = None
    heading_2: str | None = None
    project: str | None = None
    dept = re.sub(r"\s+", "", department) if department else None
    label: str | None = None  # the short heading above ("1.因公出国（境）费"), for "预算安排 N 万元"
    carried_item: str | None = None
    for paragraph in narrative.paragraphs:
        text = paragraph.text
        if _is_heading(paragraph) and HEADING_1.match(text):
            heading_1, heading_2, project = topic_of(text), None, None
        elif _is_heading(paragraph) and HEADING_2.match(text):
            heading_2 = topic_of(text)
        if m := PROJECT_NAME.match(text):
            project = m.group(1).strip()
            continue
        if _is_heading(paragraph):
            label = clean_subject(text, dept) if len(text) <= 20 else None
            continue
        comparison: str | None = None  # a list of changes (其中：…；…) shares its comparison
        previous: Statement | None = None  # the paragraph's last statement so far
        # “1、一般公共服务支出（类）…（项）。主要用于：…。年初预算为 1560.05 万元，支出决算为 …”:
        # the item heading run into the paragraph and a purpose stated before its amounts.
        item, carried_item = carried_item, None
        pending_purpose: str | None = None
        for start, end in sentences(paragraph):
            sentence = text[start:end]
            if INLINE_HEADING.match(sentence) and not QUANTITY.search(sentence):
                item = clean_subject(sentence, dept)
                carried_item = item if end == len(text) else None  # a heading alone goes on to the next paragraph
                continue
            statements = read_sentence(sentence, dept)
            if not statements and (purpose := PURPOSE.match(sentence)):
                pending_purpose = sentence[purpose.end() :].strip("：，。； ") or None
                continue
            for statement in statements:
                subject = clean_subject(statement.subject, dept)
                if statement.fact_type == "change" and not statement.subject and _subject_from_context(statement, previous):
                    pass  # the statement just before is closer than the heading above
                elif (named := _heading_for(item, label, statement.subject, text)) and GENERIC_SUBJECT.match(subject):
                    statement.subject = named
                elif item and BASIS_SUBJECT.match(subject):
                    statement.subject = item + subject  # “…行政运行（项）年初预算”
                if not statement.subject and not _subject_from_context(statement, previous):
                    continue
                if pending_purpose and statement.purpose is None:
                    statement.purpose, pending_purpose = pending_purpose, None
                previous = statement
                if statement.change is not None:
                    statement.comparison = statement.comparison or comparison
                    comparison = statement.comparison
                rows.append(_row(narrative, paragraph, start, sentence, statement, heading_1, heading_2, project, context))
    _derive_prior_of_changes(rows)
    for seq, row in enumerate(rows, 1):
        row["fact_seq"] = seq
    return rows


SECTION_TITLE = re.compile(r"(?:说明|情况|概况|介绍)$")


def _heading_for(item: str | None, label: str | None, subject: str, paragraph: str) -> str | None:
    """The heading that names a generic amount: the item heading of its paragraph, else the short
    heading above. In a paragraph of final accounts (决算), a 预算 amount is not named by its 类/款/项
    item: the text checks would compare it with the table's 决算数."""
    if item and not ("决算" in paragraph and "预算" in subject and FUNCTIONAL_LEVEL.search(item)):
        return item
    if label and SECTION_TITLE.search(label):
        return None  # “关于一般公共预算支出表的说明” names a section, not an amount
    return label


def _subject_from_context(statement: Statement, previous: Statement | None) -> bool:
    """A statement whose subject could not be read: a change stated in the sentence after its
    amount (“…（项）28.00 万元，主要用于…。比上年执行数减少 113.53 万元”) takes the subject of that
    amount; a share or change with nothing to tie it to is dropped (False), a bare amount kept."""
    derived = statement.change is not None or statement.change_percent is not None or statement.share is not None
    if not derived and statement.prior is None:
        return True
    if (
        statement.fact_type == "change"
        and previous is not None
        and previous.subject
        and previous.amount is not None
        and previous.change is None
        and _same_kind(previous.unit, statement.unit)
    ):
        statement.subject = previous.subject
        return True
    return False


def _subject_key(subject: str | None) -> str:
    return re.sub(r"(?:预算数|预算|数|金额)$", "", subject or "")


def _derive_prior_of_changes(rows: list[dict[str, Any]]) -> None:
    """A change stated apart from its amount ("三公经费 83.00 万元 … 比上年减少 30.00 万元"): the
    prior-year amount is the amount stated for the same subject earlier in the same topic."""
    stated: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        key = (row["topic"], _subject_key(row["subject"]))
        if row["fact_type"] == "amount" and row["amount"] is not None:
            stated[key] = row
        elif row["fact_type"] == "change" and row["change_amount"] is not None and key in stated and row["prior_year_source"] != "printed":
            amount_row = stated[key]
            if amount_row["unit"] == row["unit"]:
                row["prior_year_amount"] = amount_row["amount"] - row["change_amount"]
                row["prior_year_source"] = "derived"


def _topic(sentence: str, statement: Statement, heading_1: str | None, heading_2: str | None) -> str:
    own = topic_of(sentence)
    if own in SENTENCE_TOPICS:
        return own
    topic = heading_2 or heading_1
    if topic in (None, "organisation", "overview") and statement.fact_type == "count":
        if STAFF_SUBJECT.search(statement.subject):
            return "staffing"
        if ORGANISATION_SUBJECT.search(statement.subject):
            return "organisation"
    if topic is None and own is not None:
        return own
    return topic or "other"


def _row(
    narrative: NarrativeText,
    paragraph: Paragraph,
    sentence_start: int,
    sentence: str,
    statement: Statement,
    heading_1: str | None,
    heading_2: str | None,
    project: str | None,
    context: dict[str, Any],
) -> dict[str, Any]:
    topic = _topic(sentence, statement, heading_1, heading_2)
    item, item_level = item_of(statement.subject)
    unit = statement.unit
    prior, prior_source = statement.prior, ("printed" if statement.prior is not None else None)
    if prior is None and statement.amount is not None and statement.change is not None:
        prior, prior_source = statement.amount - statement.change, "derived"
    page, char_start, char_end = narrative.span(paragraph, sentence_start + statement.start, sentence_start + statement.end)
    money = unit in MONEY_UNITS
    return {
        "disclosure_id": context.get("disclosure_id"),
        "fact_seq": 0,
        "fact_type": statement.fact_type,
        "topic": topic,
        "subject": statement.subject or None,
        "project": project if topic == "project_expenditure" else None,
        "source": source_of(statement.subject, topic),
        "measure": measure_of(statement.subject),
        "item": item,
        "item_level": item_level,
        "amount": statement.amount,
        "unit": unit,
        "amount_cny": _cny(statement.amount, unit) if money else None,
        "share_percent": statement.share,
        "change_direction": statement.direction,
        "comparison": statement.comparison,
        "change_amount": statement.change,
        "change_percent": statement.change_percent,
        "prior_year_amount": prior,
        "prior_year_source": prior_source,
        "reason": statement.reason,
        "purpose": statement.purpose,
        "text": sentence[statement.start : statement.end],
        "sentence": sentence,
        "page": page,
        "char_start": char_start,
        "char_end": char_end,
        "source_sha256": context.get("source_sha256"),
        "pipeline_version": context.get("pipeline_version"),
    }


def _cny(amount: Decimal | None, unit: str | None) -> Decimal | None:
    if amount is None or unit not in MONEY_UNITS:
        return None
    return (amount * MONEY_UNITS[unit]).quantize(Decimal("0.01"))
