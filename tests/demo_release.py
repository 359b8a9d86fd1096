"""The demo release the publishing and site tests read: `budget-facts extract` over the demo's
rendered seed PDF and an HTML page saved as a PDF (one disclosure published, one rejected).

Built once per test session (it takes ~15 s) and shared by tests/publish and tests/site.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assets.core.cli import main
from assets.demo.render_pdf import render_seed_pdf

_built: dict[str, Path] = {}

HTML_TRAP = b"<!DOCTYPE html><html><head><title>404</title></head><body>Not found</body></html>"


def demo_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The published directory of the demo run (built on first use)."""
    if "release" not in _built:
        inputs = tmp_path_factory.mktemp("demo_inputs")
        seed = render_seed_pdf(inputs / "seed.pdf")
        trap = inputs / "notice.pdf"
        trap.write_bytes(HTML_TRAP)
        out = tmp_path_factory.mktemp("demo_release")
        assert main(["extract", str(seed), str(trap), "--out", str(out), "--jobs", "1"]) == 0
        _built["release"] = out
    return _built["release"]
