"""Word documents (.doc, .docx) converted to PDF with LibreOffice headless, then extracted as PDF.

The conversion is derived data: it is cached by the source's sha256 (`<cache>/<sha256>.pdf`),
so a document is converted once however often it is extracted. LibreOffice is an optional
system dependency (Debian: libreoffice-writer-nogui, plus a CJK font such as
fonts-wqy-microhei so that Chinese text survives); when it is missing the document gets a clear
status instead of facts. Each conversion runs with its own throw-away user profile, so
parallel conversions do not fight over LibreOffice's profile lock.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

CONVERT_TIMEOUT = 180.0  # seconds for one document
_BINARIES = ("soffice", "libreoffice")


@dataclass(frozen=True)
class Conversion:
    pdf: Path | None
    error: str | None = None  # why there is no PDF


def libreoffice_binary() -> str | None:
    """Path of the LibreOffice executable, or None when it is not installed."""
    explicit = os.environ.get("BUDGET_FACTS_SOFFICE")
    if explicit:
        return explicit if Path(explicit).exists() else None
    for name in _BINARIES:
        found = shutil.which(name)
        if found:
            return found
    return None


def convert_to_pdf(source: Path, sha256: str, cache_dir: Path, suffix: str) -> Conversion:
    """`source` (a .doc/.docx, whatever its file name) as PDF, from the cache when converted before."""
    target = Path(cache_dir) / f"{sha256}.pdf"
    if target.exists() and target.stat().st_size > 0:
        return Conversion(target)
    binary = libreoffice_binary()
    if binary is None:
        return Conversion(None, "LibreOffice (soffice) is not installed: Word documents cannot be converted to PDF")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="budget-facts-soffice-") as work:
        work_dir = Path(work)
        # LibreOffice picks the import filter by extension; content-addressed raw files carry
        # the sniffed one, but copy under a plain name so odd paths never reach the command line.
        document = work_dir / f"document.{suffix.lstrip('.') or 'docx'}"
        shutil.copyfile(source, document)
        command = [
            binary,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={(work_dir / 'profile').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work_dir / "out"),
            str(document),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=CONVERT_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            return Conversion(None, f"LibreOffice did not finish converting within {CONVERT_TIMEOUT:g} s")
        except OSError as exc:
            return Conversion(None, f"LibreOffice could not be started: {exc}")
        produced = work_dir / "out" / "document.pdf"
        if done.returncode != 0 or not produced.exists() or produced.stat().st_size == 0:
            detail = (done.stderr or done.stdout).decode("utf-8", errors="replace").strip()[-300:]
            return Conversion(None, f"LibreOffice could not convert the document (exit {done.returncode}): {detail}")
        tmp = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(produced, tmp)
        os.replace(tmp, target)
    return Conversion(target)
