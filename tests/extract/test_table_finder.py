"""table_finder: pdfplumber's cells and tables, found faster — compared with pdfplumber's own."""

from __future__ import annotations

import itertools
import random
from typing import Any

import pdfplumber
import pytest
from pdfplumber import table as plumber_table

from assets.core.pdf_grid import TABLE_SETTINGS
from assets.core.table_finder import find_tables, intersections_to_cells
from tests.conftest import SHARED, shared_file


def _edge(x0: float, top: float, x1: float, bottom: float) -> dict[str, Any]:
    return {
        "x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top,
        "orientation": "h" if top == bottom else "v", "object_type": "line",
    }


def _random_ruling(seed: int) -> list[dict[str, Any]]:
    """Ruled grids with missing segments, merged cells, overhangs and stray lines."""
    rng = random.Random(seed)
    xs = sorted(rng.sample(range(0, 400, 10), 7))
    tops = sorted(rng.sample(range(0, 600, 10), 8))
    edges = []
    for top in tops:
        for a, b in itertools.pairwise(xs):
            if rng.random() > 0.15:
                edges.append(_edge(a, top, b + rng.choice((0, 0, 0, 5)), top))
    for x in xs:
        for a, b in itertools.pairwise(tops):
            if rng.random() > 0.15:
                edges.append(_edge(x, a, x, b))
    for _ in range(3):
        x = rng.randrange(0, 400)
        edges.append(_edge(x, rng.randrange(0, 300), x, rng.randrange(300, 600)))
    return edges


@pytest.mark.parametrize("seed", range(40))
def test_cells_equal_pdfplumbers_on_irregular_rulings(seed: int) -> None:
    intersections = plumber_table.edges_to_intersections(_random_ruling(seed), 3, 3)
    cells = intersections_to_cells(intersections)
    assert cells == plumber_table.intersections_to_cells(intersections)
    assert cells  # the rulings do form cells


@pytest.mark.parametrize(
    ("name", "first", "last"),
    [("rw__004_重庆__2026年重庆市气象局部门预算.pdf", 0, 22), ("rw__020_西安__民政局_2026年部门预算.pdf", 36, 60)],
)
def test_tables_equal_pdfplumbers_on_real_pages(name: str, first: int, last: int) -> None:
    path = shared_file(SHARED / "corpus" / "real" / name)
    with pdfplumber.open(path) as pdf:
        compared = 0
        for page in pdf.pages[first:last]:
            ours = [t.cells for t in find_tables(page, TABLE_SETTINGS)]
            assert ours == [t.cells for t in page.find_tables(TABLE_SETTINGS)], page.page_number
            compared += bool(ours)
            page.close()
    assert compared >= 5
