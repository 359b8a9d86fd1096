"""Attachments of every kind: Excel read directly into the seed's facts, Word converted to PDF
with LibreOffice, ZIP and RAR unpacked with GBK member names, each member an attachment."""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import zipfile
import zlib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from assets.core.amounts import parse_amount
from assets.core.archives import decode_member_name, safe_name, unpack
from assets.core.content_sniff import ContentKind, sniff
from assets.core.document import normalize_document
from assets.core.http_fetch import HttpFetcher
from assets.core.office_convert import libreoffice_binary
from assets.core.portal_discovery import AttachmentLink, DiscoveredDisclosure, download_attachments
from assets.core.scrape_run import extract_attachment
from assets.core.sheet_reader import (
    cell_reference,
    column_letters,
    extract_spreadsheet,
    format_number,
    read_sheets,
)
from tests.conftest import COMPARE_GOLD, SEED_GOLD, shared_file

from .conftest import FAST, PDF_BYTES, PORTAL, FaultServer

UPLOADS = PORTAL / "site" / "uploadfiles" / "202602" / "26"
SEED_XLS = UPLOADS / "2026022609161248732114.xls"
SEED_DOCX = UPLOADS / "2026022609153320458114.docx"
GOLD_COLUMNS = ("table_key", "direction", "code", "item", "project", "source", "measure", "econ_code", "gov_econ_code", "unit")


def _compare_with_seed_gold(facts: list[dict[str, Any]], out: Path) -> str:
    """compare_gold.py on these facts; returns its one-line verdict (exit 0 = perfect)."""
    rows = [{**{c: f.get(c) for c in GOLD_COLUMNS}, "amount": str(f["amount"])} for f in facts]
    out.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows), out / "budget_facts.parquet")
    done = subprocess.run(
        [sys.executable, str(shared_file(COMPARE_GOLD)), str(shared_file(SEED_GOLD)), str(out)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout
    return done.stdout.strip()


# --- Excel ------------------------------------------------------------------------------------


def test_xls_is_read_directly_into_the_seed_facts(tmp_path: Path) -> None:
    doc = extract_spreadsheet(shared_file(SEED_XLS))
    assert doc.status == "ok" and doc.pages == 11
    assert len([t for t in doc.tables if t.spec is not None]) == 11
    result = normalize_document(doc)
    assert len(result.facts) == 270
    verdict = _compare_with_seed_gold(result.facts, tmp_path)
    assert "matched 270/270" in verdict
    # page is the sheet, bbox the cell: 表1's first amount (一、本年收入 1,749.05) is 表1!B6
    first = next(f for f in result.facts if f["table_key"] == "income_expenditure_summary")
    assert first["page"] == 1 and first["amount"] == Decimal("1749.05")
    assert cell_reference(first["bbox"], read_sheets(SEED_XLS)[0].name) == "表1!B6"


def _xlsx_copy(xls: Path, target: Path) -> Path:
    """The same workbook as .xlsx (values as numbers with a #,##0.00 format, merges, borders)."""
    import openpyxl
    from openpyxl.styles import Border, Side

    book = openpyxl.Workbook()
    book.remove(book.active)
    thin = Side(style="thin")
    for sheet in read_sheets(xls):
        ws = book.create_sheet(sheet.name)
        for (r, c), text in sheet.texts.items():
            cell = ws.cell(row=r + 1, column=c + 1)
            amount = parse_amount(text)
            if amount is not None and "," in text or (amount is not None and "." in text):
                cell.value, cell.number_format = float(amount), "#,##0.00"
            else:
                cell.value = text
        for r, c in sheet.bordered:
            ws.cell(row=r + 1, column=c + 1).border = Border(left=thin, right=thin, top=thin, bottom=thin)
        for r0, r1, c0, c1 in sheet.merged:
            ws.merge_cells(start_row=r0 + 1, end_row=r1, start_column=c0 + 1, end_column=c1)
    book.save(target)
    return target


def test_xlsx_is_read_the_same_way(tmp_path: Path) -> None:
    xlsx = _xlsx_copy(shared_file(SEED_XLS), tmp_path / "seed.xlsx")
    assert sniff(xlsx.read_bytes()) is ContentKind.XLSX
    result = normalize_document(extract_spreadsheet(xlsx))
    assert "matched 270/270" in _compare_with_seed_gold(result.facts, tmp_path / "out")


def test_spreadsheet_without_budget_tables_and_broken_bytes(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["名称", "数量"])
    book.active.append(["苹果", 3])
    book.save(tmp_path / "other.xlsx")
    assert extract_spreadsheet(tmp_path / "other.xlsx").status == "no_standard_tables"
    (tmp_path / "broken.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    broken = extract_spreadsheet(tmp_path / "broken.xls")
    assert broken.status == "corrupt" and broken.message


@pytest.mark.parametrize(
    ("value", "fmt", "text"),
    [
        (1749.05, "#,##0.00", "1,749.05"),
        (30.0, "#,##0.00", "30.00"),
        (0.1 + 0.2, "0.00", "0.30"),
        (1234567.891, "#,##0.000000", "1,234,567.891000"),
        (30.0, "General", "30"),
        (12.5, "General", "12.5"),
        (0.256, "0.0%", "25.6%"),
        (-5.0, "#,##0.00;-#,##0.00", "-5.00"),
    ],
)
def test_numbers_print_as_their_format_shows_them(value: float, fmt: str, text: str) -> None:
    assert format_number(value, fmt) == text


def test_cell_references() -> None:
    assert [column_letters(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
    assert cell_reference((3.0, 9.0, 4.0, 10.0)) == "D10"


# --- Word -------------------------------------------------------------------------------------


@pytest.mark.skipif(libreoffice_binary() is None, reason="LibreOffice (soffice) is not installed: scripts/bootstrap installs libreoffice-writer-nogui")
def test_docx_is_converted_with_libreoffice_into_the_seed_facts(tmp_path: Path) -> None:
    docx = tmp_path / f"{'f' * 64}.docx"
    docx.write_bytes(shared_file(SEED_DOCX).read_bytes())
    from assets.core.document import Provenance

    doc = extract_attachment(docx, Provenance(document_url="http://x/seed.docx"), tmp_path / "derived")
    assert doc.sha256 == "f" * 64  # facts name the Word file, not the derived PDF
    assert "LibreOffice" in (doc.message or "")
    assert (tmp_path / "derived" / f"{'f' * 64}.pdf").exists()  # converted once, cached
    result = normalize_document(doc)
    assert "matched 270/270" in _compare_with_seed_gold(result.facts, tmp_path / "out")


def test_word_without_libreoffice_is_a_clear_status(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BUDGET_FACTS_SOFFICE", str(tmp_path / "no-such-soffice"))
    docx = tmp_path / f"{'e' * 64}.docx"
    docx.write_bytes(shared_file(SEED_DOCX).read_bytes())
    from assets.core.document import Provenance

    doc = extract_attachment(docx, Provenance(document_url="http://x/seed.docx"), tmp_path / "derived")
    assert doc.status == "unsupported_format" and "LibreOffice" in (doc.message or "")


# --- archives ---------------------------------------------------------------------------------


class _GbkZipInfo(zipfile.ZipInfo):
    """A member name written as GBK bytes without the UTF-8 flag, as Windows archivers do."""

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:  # noqa: N802 - zipfile's hook
        return self.filename.encode("gbk"), self.flag_bits


def _gbk_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(_GbkZipInfo(name), data)
        archive.writestr("utf8/说明.txt", "UTF-8 名称".encode())  # flagged UTF-8 by zipfile
        archive.writestr("empty-dir/", b"")
    return buffer.getvalue()


def _rar4_stored(members: dict[bytes, bytes]) -> bytes:
    """A RAR 4 archive with stored (uncompressed) members and raw (GBK) names, built by hand:
    no rar tool is needed to make it, and rarfile reads stored members without one."""

    def block(head_type: int, flags: int, fields: bytes, data: bytes = b"") -> bytes:
        header = struct.pack("<BHH", head_type, flags, 7 + len(fields)) + fields
        return struct.pack("<H", zlib.crc32(header) & 0xFFFF) + header + data

    dos_time = ((2026 - 1980) << 25) | (2 << 21) | (26 << 16) | (9 << 11) | (15 << 5)
    out = b"Rar!\x1a\x07\x00" + block(0x73, 0, struct.pack("<HI", 0, 0))
    for name, data in members.items():
        crc = zlib.crc32(data) & 0xFFFFFFFF
        fields = struct.pack("<IIBIIBBHI", len(data), len(data), 2, crc, dos_time, 20, 0x30, len(name), 0x20) + name
        out += block(0x74, 0x8000, fields, data)
    return out + block(0x7B, 0x4000, b"")


def test_zip_members_with_gbk_names() -> None:
    data = _gbk_zip({"2026年部门预算/部门预算公开.pdf": PDF_BYTES, "附件2.xls": b"\xd0\xcf\x11\xe0" + b"\x00" * 8})
    assert sniff(data) is ContentKind.ZIP
    unpacked = unpack(data, ContentKind.ZIP)
    assert unpacked.error is None
    assert [m.name for m in unpacked.members] == ["2026年部门预算/部门预算公开.pdf", "附件2.xls", "utf8/说明.txt"]
    assert unpacked.members[0].data == PDF_BYTES


def test_rar_members_with_gbk_names() -> None:
    data = _rar4_stored({"部门预算公开.pdf".encode("gbk"): PDF_BYTES, b"readme.txt": b"hello"})
    assert sniff(data) is ContentKind.RAR
    unpacked = unpack(data, ContentKind.RAR)
    assert unpacked.error is None, unpacked.error
    assert [(m.name, m.data) for m in unpacked.members] == [("部门预算公开.pdf", PDF_BYTES), ("readme.txt", b"hello")]


def test_broken_archives_and_hostile_names() -> None:
    assert unpack(b"PK\x03\x04garbage", ContentKind.ZIP).error
    assert unpack(b"Rar!\x1a\x07\x00garbage", ContentKind.RAR).error
    assert safe_name("../../etc/passwd") == "etc/passwd" and safe_name("C:\\a\\..\\b.pdf") == "C:/a/b.pdf"
    assert decode_member_name("预算".encode("gbk")) == "预算" and decode_member_name("预算".encode()) == "预算"


def test_archive_attachment_members_become_attachments(fault_server: FaultServer, tmp_path: Path) -> None:
    archive = _gbk_zip({"部门预算公开.pdf": PDF_BYTES})
    fault_server.extra["/fj.zip"] = (200, archive, "application/zip")
    page = DiscoveredDisclosure(
        detail_url=fault_server.url("/t1.html"),
        title="某局2026年部门预算",
        listed_on=[],
        published=None,
        attachments=[AttachmentLink(fault_server.url("/fj.zip"), "附件.zip", "href")],
    )
    with HttpFetcher(FAST) as fetcher:
        records = download_attachments([page], tmp_path, fetcher)
    assert [(r.status, r.content_kind, r.member_name) for r in records] == [
        ("ok", "zip", None),
        ("ok", "pdf", "部门预算公开.pdf"),
        ("unrecognized_content", "unknown", "utf8/说明.txt"),
    ]
    member = records[1]
    assert member.member_of == fault_server.url("/fj.zip") and member.url.endswith("#%E9%83%A8%E9%97%A8%E9%A2%84%E7%AE%97%E5%85%AC%E5%BC%80.pdf")
    assert Path(member.stored_path or "").read_bytes() == PDF_BYTES
    assert records[0].message == "archive: 2 member(s) unpacked"
