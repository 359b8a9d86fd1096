"""Classification codes: from 类/款/项 columns, one code column, or inside the name cell."""

from __future__ import annotations

import re

# "[2010501]行政运行", "2050803-培训支出", "201 一般公共服务支出", "2010301　行政运行"
CODE_IN_LABEL = re.compile(r"^\s*[\[【(（]?(\d{3}(?:\d{2}){0,2})[\]】)）]?\s*[-—－:：.、]?\s*(?=\S)")
CODE_ONLY = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
LEVEL_BY_LENGTH = {3: 1, 5: 2, 7: 3}


def code_level(code: str | None) -> int | None:
    return LEVEL_BY_LENGTH.get(len(code)) if code else None


def join_code_parts(parts: list[str], previous: list[str] | None) -> tuple[str | None, list[str]]:
    """Concatenate 类/款/项 cells; a blank higher level under a printed lower one is carried down.

    Returns the code and the parts to carry to the next row.
    """
    cleaned = [re.sub(r"\s+", "", p) for p in parts]
    # 款 and 项 are two digits; a spreadsheet export may have dropped the leading zero (“7”).
    cleaned = [("0" + p) if i > 0 and len(p) == 1 and p.isdigit() else p for i, p in enumerate(cleaned)]
    if not any(cleaned):
        return None, cleaned
    filled = list(cleaned)
    for i, part in enumerate(cleaned):
        if not part and previous and any(cleaned[i + 1 :]) and i < len(previous):
            filled[i] = previous[i]
    # 类 is 3 digits, 款 and 项 2 each; some offices print full codes in each column (201, 20103,…).
    code = ""
    for part in filled:
        if not part:
            break
        if not part.isdigit():
            return None, filled
        code = part if code and part.startswith(code) else code + part
    return (code if CODE_ONLY.match(code) else None), filled


def split_code_label(text: str) -> tuple[str | None, str]:
    """A code printed at the start of the name cell, and the name without it."""
    match = CODE_IN_LABEL.match(text)
    if not match:
        return None, text.strip()
    rest = text[match.end():].strip()
    if not rest or rest[0].isdigit():
        return None, text.strip()
    return match.group(1), rest
