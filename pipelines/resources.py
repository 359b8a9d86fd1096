"""Resources: where data lives (local, optionally mirrored to object storage), which portals to scrape."""


from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

from dagster import ConfigurableResource

from assets.core.object_store import ObjectStore
from assets.core.releases import RetentionPolicy

from .settings import DEMO, Settings, load_settings


class DataStore(ConfigurableResource):
    """Root of raw, staged and published data; releases kept per the retention fields; an
    optional object store URL (s3://…) that raw files and releases are mirrored to."""

    data_dir: str
    object_store_url: Optional[str] = None  # noqa: UP045 (Dagster config types need Optional)
    releases_keep_last: int = 10
    releases_keep_days: Optional[float] = None  # noqa: UP045

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

    @property
    def ops_dir(self) -> Path:
        return self.settings.ops_dir

    def disclosure_dir(self, partition_key: str) -> Path:
        path = self.staged_dir / "disclosures" / partition_key
        path.mkdir(parents=True, exist_ok=True)
        return path

    def retention(self) -> RetentionPolicy:
        return RetentionPolicy(keep_last=self.releases_keep_last, keep_days=self.releases_keep_days)

    def object_store(self) -> ObjectStore | None:
        return ObjectStore(self.object_store_url) if self.object_store_url else None


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


def default_resources(settings: Settings | None = None) -> dict[str, ConfigurableResource]:
    settings = settings or load_settings()
    return {
        "store": DataStore(
            data_dir=str(settings.data_dir),
            object_store_url=settings.object_store_url,
            releases_keep_last=settings.retention.keep_last,
            releases_keep_days=settings.retention.keep_days,
        ),
        "portal": PortalSource(urls=list(settings.portal_urls), demo_site_dir=str(settings.demo_site_dir)),
    }
