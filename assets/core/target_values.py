"""A printed indicator target ("≥95%", "> =3000 人", "<=36.2 0 万元", "有效提升") → operator, value, unit.

Performance-target tables print the comparison, the number and the unit in one cell, with the
artifacts of word processors: full-width signs, a space inside ">=", a space inside a number that
was wrapped or justified ("36.2 0"), Chinese words for the comparison (不低于, 以上). Anything
that is not a comparison with one number is qualitative: operator and value stay None and the
text is kept as printed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

OPERATORS = {"=": "等于", ">=": "大于等于", "<=": "小于等于", ">": "大于", "<": "小于"}

_SIGNS = str.maketrans({"≥": ">=", "≧": ">=", "⩾": ">=", "≤": "<=", "≦": "<=", "⩽": "<=", "＝": "="})
# Comparison words before the number, longest first (不低于 before 低于).
_WORD_PREFIXES: tuple[tuple[str, str], ...] = (
    ("大于或等于", ">="),
    ("大于等于", ">="),
    ("不低于", ">="),
    ("不少于", ">="),
    ("不小于", ">="),
    ("至少", ">="),
    ("小于或等于", "<="),
    ("小于等于", "<="),
    ("不高于", "<="),
    ("不超过", "<="),
    ("不多于", "<="),
    ("不大于", "<="),
    ("控制在", "<="),
    ("大于", ">"),
    ("高于", ">"),
    ("超过", ">"),
    ("多于", ">"),
    ("小于", "<"),
    ("低于", "<"),
    ("少于", "<"),
    ("等于", "="),
)
_WORD_SUFFIXES: tuple[tuple[str, str], ...] = (("及以上", ">="), ("以上", ">="), ("及以下", "<="), ("以下", "<="), ("以内", "<="))
_SYMBOL = re.compile(r"^(>=|<=|=>|=<|==|=|>|<)")
_QUALIFIER = re.compile(r"^[\u3400-\u9fff]{1,10}?\s*(?=(?:>=|<=|>|<|大于|小于|不低于|不少于|不高于|不超过|低于|高于)\s*\d)")
# A number, allowing the stray spaces of justified text inside it ("36.2 0", "1 100").
_NUMBER = re.compile(r"^[+-]?\d[\d,，]*(?:\s+\d+)*(?:\.\s*\d+(?:\s+\d+)*)?")
_UNIT = re.compile(r"^[%‰℃a-zA-Z\u3400-\u9fff/／·\s()（）²³]{0,12}$")


@dataclass(frozen=True)
class Target:
    operator: str | None  # one of OPERATORS, or None when qualitative
    value: Decimal | None
    unit: str | None
    operator_implied: bool = False  # a bare number ("100%"): "=" is read, not printed


def normalise(text: str) -> str:
    """Full-width forms to ASCII, ≥/≤ to >=/<=, spaces inside a comparison sign removed."""
    s = unicodedata.normalize("NFKC", text or "").translate(_SIGNS)
    s = re.sub(r"^\s*》(?=\s*=?\s*\d)", ">", s)  # 》 typed for > ("》95%")
    s = re.sub(r"([<>=])\s+(?==)", r"\1", s)  # "> =" → ">="
    return s.strip()


def parse_target(text: str | None) -> Target:
    """Operator, value and unit of a printed target; qualitative text gives Target(None, None, None)."""
    s = normalise(text or "")
    s = re.sub(r"\s+", " ", s)
    starts_with_operator = _SYMBOL.match(s) or s.startswith(tuple(word for word, _ in _WORD_PREFIXES))
    if not starts_with_operator and (qualified := _QUALIFIER.match(s)) is not None:
        s = s[qualified.end() :]  # "全年≥10000家次", "各区新增≥1万页": the scope word is not the target
    operator = None
    if m := _SYMBOL.match(s):
        operator = {"=>": ">=", "=<": "<=", "==": "="}.get(m.group(1), m.group(1))
        s = s[m.end() :].strip()
    else:
        for word, op in _WORD_PREFIXES:
            if s.startswith(word):
                operator, s = op, s[len(word) :].strip()
                break
    number = _NUMBER.match(s)
    if number is None:
        return Target(None, None, None)
    digits = re.sub(r"[\s,，]", "", number.group(0))
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return Target(None, None, None)
    if not fits_amount(value):
        return Target(None, None, None)
    rest = s[number.end() :].strip()
    for word, op in _WORD_SUFFIXES:
        if rest.endswith(word) and operator is None:
            operator, rest = op, rest[: -len(word)].strip()
            break
    if rest and not _UNIT.match(rest):
        return Target(None, None, None)  # a number inside prose ("完成3个项目") is not a target
    unit = re.sub(r"\s+", "", rest).replace("／", "/") or None
    if unit and not re.search(r"[%‰℃a-zA-Z\u3400-\u9fff]", unit):
        unit = None
    implied = operator is None
    return Target(operator or "=", value, unit, implied)


def fits_amount(value: Decimal) -> bool:
    """The value fits the published decimal(24,6) exactly (no silent rounding in Parquet)."""
    exponent = value.as_tuple().exponent
    return isinstance(exponent, int) and exponent >= -6 and abs(value) < Decimal(10) ** 18
