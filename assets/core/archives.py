"""ZIP and RAR attachments unpacked into their members, each then treated as an attachment.

Chinese offices zip their disclosures on Windows, so member names without ZIP's UTF-8 flag are
GBK (GB18030) bytes, not the CP437 that `zipfile` assumes; RAR 4 names without the Unicode
flag likewise. Names are decoded from the raw bytes: UTF-8 when they are valid UTF-8, else
GB18030, else CP437. Bombs and traps are bounded: member count, member size and total size are
capped, encrypted members and directories are skipped with a reason, and no member is written
anywhere by name (the caller stores the bytes content-addressed).

RAR needs an external decompressor for compressed members (`rarfile` drives unrar, unar, 7z or
bsdtar; Debian's libarchive-tools gives bsdtar); stored members are read without one.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field

from .content_sniff import ContentKind

MAX_MEMBERS = 200
MAX_MEMBER_BYTES = 200 * 1024 * 1024
MAX_TOTAL_BYTES = 500 * 1024 * 1024
ARCHIVE_KINDS = frozenset({ContentKind.ZIP, ContentKind.RAR})


@dataclass(frozen=True)
class Member:
    name: str  # decoded path inside the archive, "/"-separated
    data: bytes


@dataclass
class Unpacked:
    members: list[Member] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (name, reason)
    error: str | None = None  # the archive as a whole could not be read


def decode_member_name(raw: bytes) -> str:
    """Name bytes of a member stored without a UTF-8 flag: UTF-8, else GB18030, else CP437."""
    for codec in ("utf-8", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return raw.decode("cp437")


def safe_name(name: str) -> str:
    """A member path without drive, leading slashes or parent references ('../../x' → 'x')."""
    parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    return posixpath.join(*parts) if parts else "member"


def unpack(data: bytes, kind: ContentKind, max_members: int = MAX_MEMBERS) -> Unpacked:
    if kind is ContentKind.ZIP:
        out = _unpack_zip(data, max_members)
    elif kind is ContentKind.RAR:
        out = _unpack_rar(data, max_members)
    else:
        return Unpacked(error=f"not an archive ({kind.value})")
    if out.error is None and not out.members and not out.skipped:
        out.error = f"the {kind.value.upper()} archive holds no readable file"
    return out


def _unpack_zip(data: bytes, max_members: int) -> Unpacked:
    out = Unpacked()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        out.error = f"unreadable ZIP archive: {exc}"
        return out
    total = 0
    with archive:
        for info in archive.infolist():
            name = _zip_name(info)
            if info.is_dir():
                continue
            reason = _limit_reason(len(out.members), max_members, info.file_size, total)
            if info.flag_bits & 0x1:
                reason = "encrypted member (password-protected)"
            if reason:
                out.skipped.append((name, reason))
                continue
            try:
                body = archive.read(info)
            except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
                out.skipped.append((name, f"unreadable member: {exc}"))
                continue
            total += len(body)
            out.members.append(Member(name, body))
    return out


def _zip_name(info: zipfile.ZipInfo) -> str:
    if info.flag_bits & 0x800:  # the archiver declared UTF-8
        return safe_name(info.filename)
    try:
        raw = info.filename.encode("cp437")  # undo zipfile's CP437 reading
    except UnicodeEncodeError:
        return safe_name(info.filename)
    return safe_name(decode_member_name(raw))


def _unpack_rar(data: bytes, max_members: int) -> Unpacked:
    import rarfile

    out = Unpacked()
    try:
        archive = rarfile.RarFile(io.BytesIO(data))
    except (rarfile.Error, OSError, ValueError) as exc:
        out.error = f"unreadable RAR archive: {exc}"
        return out
    total = 0
    with archive:
        for info in archive.infolist():
            name = _rar_name(info)
            if info.is_dir():
                continue
            reason = _limit_reason(len(out.members), max_members, info.file_size or 0, total)
            if info.needs_password():
                reason = "encrypted member (password-protected)"
            if reason:
                out.skipped.append((name, reason))
                continue
            try:
                body = archive.read(info)
            except rarfile.RarCannotExec:
                out.skipped.append((name, "compressed RAR member: needs unrar, unar, 7z or bsdtar (libarchive-tools)"))
                continue
            except (rarfile.Error, OSError, ValueError) as exc:
                out.skipped.append((name, f"unreadable member: {exc}"))
                continue
            total += len(body)
            out.members.append(Member(name, body))
    return out


_RAR_FILE_UNICODE = 0x200


def _rar_name(info: object) -> str:
    import rarfile

    if isinstance(info, rarfile.Rar3Info) and info.flags & _RAR_FILE_UNICODE:
        return safe_name(str(info.filename))  # rarfile decoded the Unicode name itself
    raw = getattr(info, "orig_filename", None)
    if isinstance(raw, bytes) and raw:
        # RAR 4 without the Unicode flag (rarfile guesses a Western codepage), or RAR 5 (UTF-8).
        return safe_name(decode_member_name(raw))
    return safe_name(str(getattr(info, "filename", "member")))


def _limit_reason(count: int, max_members: int, size: int, total: int) -> str | None:
    if count >= max_members:
        return f"more than {max_members} members: the rest are not unpacked"
    if size > MAX_MEMBER_BYTES:
        return f"member larger than {MAX_MEMBER_BYTES} bytes"
    if total + size > MAX_TOTAL_BYTES:
        return f"archive unpacks to more than {MAX_TOTAL_BYTES} bytes"
    return None
