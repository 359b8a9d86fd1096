"""Every path and switch of a deployment, decided in one place from the environment.

Defaults are the embedded laptop set-up: data under ./data, the generated demo portal.
Set BUDGET_FACTS_DATA_DIR to move the data, BUDGET_FACTS_PORTAL_URLS (space-separated entry
URLs) to scrape real portals instead of the demo.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEMO = "demo"


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    portal_urls: tuple[str, ...]

    @property
    def raw_dir(self) -> Path:
        return self.data_dir / "raw"

    @property
    def staged_dir(self) -> Path:
        return self.data_dir / "staged"

    @property
    def published_dir(self) -> Path:
        return self.data_dir / "published"

    @property
    def demo_site_dir(self) -> Path:
        return self.data_dir / "demo_portal"

    @property
    def uses_demo_portal(self) -> bool:
        return self.portal_urls == (DEMO,)


def load_settings() -> Settings:
    data_dir = Path(os.environ.get("BUDGET_FACTS_DATA_DIR", REPO_ROOT / "data")).resolve()
    urls = tuple(os.environ.get("BUDGET_FACTS_PORTAL_URLS", DEMO).split())
    return Settings(data_dir=data_dir, portal_urls=urls or (DEMO,))
