"""Resources: where data lives, and which portals to scrape (the demo portal by default)."""


from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dagster import ConfigurableResource

from .settings import DEMO, Settings, load_settings


class DataStore(ConfigurableResource):
    """Root of raw, staged and published data (local path; see docs for object storage)."""

    data_dir: str

    @property
    def settings(self) -> Settings:
        return Settings(Path(self.data_dir), ())

    @property
    def raw_dir(self) -> Path:
        return self.settings.raw_dir

    @property
    def staged_dir(self) -> Path:
        return self.settings.staged_dir

    @property
    def published_dir(self) -> Path:
        return self.settings.published_dir

    def disclosure_dir(self, partition_key: str) -> Path:
        path = self.staged_dir / "disclosures" / partition_key
        path.mkdir(parents=True, exist_ok=True)
        return path


class PortalSource(ConfigurableResource):
    """Entry URLs of the portals to scrape; ["demo"] builds and serves the bundled demo portal."""

    urls: list[str]
    demo_site_dir: str

    @contextmanager
    def entry_urls(self) -> Iterator[list[str]]:
        if self.urls != [DEMO]:
            yield list(self.urls)
            return
        from assets.demo.portal_site import build_demo_portal
        from assets.demo.server import serve_directory

        portal = build_demo_portal(Path(self.demo_site_dir))
        with serve_directory(Path(self.demo_site_dir)) as base_url:
            yield [base_url.rstrip("/") + portal.start_path]


def default_resources() -> dict[str, ConfigurableResource]:
    settings = load_settings()
    return {
        "store": DataStore(data_dir=str(settings.data_dir)),
        "portal": PortalSource(urls=list(settings.portal_urls), demo_site_dir=str(settings.demo_site_dir)),
    }
