"""Staged per-disclosure results between stages, as JSON (exact decimals kept as strings)."""

from __future__ import annotations

import json
import os
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

DECIMAL_FIELDS = {"amount", "amount_cny", "expected", "actual", "difference"}


def _encode(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"cannot stage {type(value).__name__}")


def decode_decimals(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Undo the JSON encoding of rows: decimal strings → Decimal, bbox lists → tuples."""
    for row in rows:
        for name in DECIMAL_FIELDS & row.keys():
            if row[name] is not None:
                row[name] = Decimal(row[name])
        if isinstance(row.get("bbox"), list):
            row["bbox"] = tuple(row["bbox"])
    return rows


def write_json(path: Path, payload: Any) -> None:
    """Atomic write: a crash never leaves a half-written stage file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(payload, handle, ensure_ascii=False, default=_encode)
    os.replace(tmp, path)


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def write_rows(path: Path, tables: dict[str, list[dict[str, Any]]]) -> None:
    write_json(path, tables)


def read_rows(path: Path) -> dict[str, list[dict[str, Any]]]:
    return {name: decode_decimals(rows) for name, rows in read_json(path).items()}
