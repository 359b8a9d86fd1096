"""A named check: its id (the `findings.check` value), category, description and evaluator."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .disclosure import Disclosure
from .model import Evaluation


@dataclass(frozen=True)
class Rule:
    id: str
    category: str  # within_table, across_tables, text, completeness (schema.FINDING_CATEGORIES)
    description: str
    evaluate: Callable[[Disclosure], Iterable[Evaluation]]

    def __call__(self, doc: Disclosure) -> list[Evaluation]:
        return list(self.evaluate(doc))
