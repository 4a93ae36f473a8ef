"""Dispatch raw bytes to the parser for their format."""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field

from extractors.types import CleanDocument, ExtractionError, RawItem

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")
MAX_BYTES = 20 * 1024 * 1024
_CORRUPT = {"pdf": "pdf_corrupt", "docx": "docx_corrupt", "html": "html_corrupt", "txt": "parse_error"}


def sniff_format(item: RawItem) -> str:
    """"txt" | "html" | "pdf" | "docx" from magic bytes, content type and name."""
    head = item.data[:1024].removeprefix(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    ct = (item.content_type or "").lower()
    name = item.uri.lower().split("?")[0]
    if "pdf" in ct or name.endswith(".pdf"):
        return "pdf"
    if "officedocument" in ct or name.endswith(".docx"):
        return "docx"
    if "html" in ct or "xml" in ct or name.endswith((".html", ".htm")) or head[:15].lower().startswith((b"<!doctype", b"<html")):
        return "html"
    if name.endswith(".txt") or ct.startswith("text/plain"):
        return "txt"
    return "html" if item.status is not None else "txt"


def source_name(uri: str) -> str:
    """Contract "source": a URL as is, a file by its base name."""
    return uri if uri.startswith(("http://", "https://")) else os.path.basename(uri)


def read_raw(item: RawItem) -> CleanDocument:
    """Bytes to a clean document, or ExtractionError with a reason."""
    if len(item.data) > MAX_BYTES:
        raise ExtractionError("too_large", f"{len(item.data)} bytes is over the {MAX_BYTES}-byte cap")
    if not item.data.strip():
        raise ExtractionError("empty", "the input is empty")
    fmt = sniff_format(item)
    if fmt == "pdf":
        from extractors.pdf import read_pdf as parse
    elif fmt == "docx":
        from extractors.docx import read_docx as parse
    elif fmt == "html":
        from extractors.html import read_html as parse
    else:
        from extractors.text import read_text as parse
    try:
        doc = parse(item)
    except ExtractionError:
        raise
    except RecursionError:
        raise ExtractionError(f"{fmt}_too_deep", "the document is nested too deeply to parse") from None
    except Exception as e:  # a parser bug or an input no check anticipated: still a quarantine reason
        raise ExtractionError(_CORRUPT.get(fmt, "parse_error"),
                              f"the {fmt} parser failed ({type(e).__name__}: {e})") from None
    doc.sha256 = item.sha256
    doc.source = source_name(item.uri)
    doc.uri = item.uri
    if not doc.text.strip():
        raise ExtractionError("empty_body", "no text could be extracted")
    return doc


# -- files -------------------------------------------------------------------------------------
_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def display_path(path: str) -> str:
    """A path as it is stored and shown. A UTF-8 name is itself; in a name with bytes that are
    not UTF-8 (Python holds them as lone surrogates) each such byte is written \\xNN and a
    backslash \\\\, so the form is printable text and `path_from_display` gives the bytes back."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        pass
    return "".join(_escape_char(c) for c in path)


def _escape_char(c: str) -> str:
    if 0xDC80 <= ord(c) <= 0xDCFF:          # a byte that is not UTF-8 (surrogateescape)
        return f"\\x{ord(c) - 0xDC00:02x}"
    if 0xD800 <= ord(c) <= 0xDFFF:          # any other lone surrogate (not from a file name)
        return f"\\u{ord(c):04x}"
    return "\\\\" if c == "\\" else c


_ESCAPED = re.compile(r"\\x([0-9a-f]{2})|\\\\")


def path_from_display(key: str) -> str:
    """The file system path of a `display_path` form (itself when it names an existing file)."""
    if "\\" not in key or os.path.lexists(key):
        return key
    raw = _ESCAPED.sub(lambda m: chr(0xDC00 + int(m.group(1), 16)) if m.group(1) else "\\", key)
    return raw if os.path.lexists(raw) else key


def _not_regular(path: str, mode: int) -> ExtractionError | None:
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return ExtractionError("not_a_file", f"{display_path(path)} is {kind}, not a regular file (not read)")


def _too_large(size: int) -> ExtractionError:
    return ExtractionError("too_large", f"the file is {size} bytes, over the {MAX_BYTES}-byte cap")


def read_path(path: str) -> RawItem:
    """The bytes of a regular file. ExtractionError "not_a_file" for a FIFO, device, socket or
    directory (checked before opening: opening a FIFO blocks until a writer comes), "too_large"
    with the file's own size; OSError when it cannot be read."""
    refusal = _not_regular(path, os.stat(path).st_mode)
    if refusal:
        raise refusal
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)   # never blocks, even if swapped for a FIFO
    with open(fd, "rb") as f:
        st = os.fstat(fd)
        refusal = _not_regular(path, st.st_mode)
        if refusal:
            raise refusal
        if st.st_size > MAX_BYTES:
            raise _too_large(st.st_size)
        data = f.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:                     # it grew while we read
            raise _too_large(max(os.fstat(fd).st_size, len(data)))
    return RawItem(uri=display_path(path), data=data)


@dataclass
class Refusal:
    """An input path that is not read, with its quarantine reason."""
    path: str
    reason: str
    message: str


@dataclass
class InputScan:
    files: list[str] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    folders: list[str] = field(default_factory=list)      # every folder listed (links followed included)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _scan_folder(top: str, follow_symlinks: bool, out: InputScan) -> None:
    """Supported files under `top`, sorted; folders that cannot be listed and links that lead
    outside `top` (unless `follow_symlinks`) are refused, never skipped silently."""
    root = os.path.realpath(top)
    seen_dirs: set[str] = set()

    def unreadable(e: OSError) -> None:
        where = display_path(e.filename or top)
        out.refused.append(Refusal(e.filename or top, "unreadable_folder",
                                   f"cannot list {where}: {e.strerror or e}"))

    for dirpath, dirs, files in os.walk(top, onerror=unreadable, followlinks=True):
        real = os.path.realpath(dirpath)
        if real in seen_dirs:              # a link back to a folder already walked (a cycle)
            dirs[:] = []
            continue
        seen_dirs.add(real)
        out.folders.append(dirpath)
        keep = []
        for d in sorted(x for x in dirs if not x.startswith(".")):
            p = os.path.join(dirpath, d)
            if os.path.islink(p) and not follow_symlinks and not _inside(os.path.realpath(p), root):
                out.refused.append(_outside(p, top))
            else:
                keep.append(d)
        dirs[:] = keep
        for f in sorted(files):
            if not f.lower().endswith(SUPPORTED_SUFFIXES):
                continue
            p = os.path.join(dirpath, f)
            if not follow_symlinks and not _inside(os.path.realpath(p), root):
                out.refused.append(_outside(p, top))
            else:
                out.files.append(p)


def _outside(path: str, top: str) -> Refusal:
    return Refusal(path, "symlink_outside", f"{display_path(path)} is a link to "
                   f"{display_path(os.path.realpath(path))}, outside the input folder {display_path(top)} "
                   "(pass --follow-symlinks to read it)")


def scan_inputs(paths: list[str], follow_symlinks: bool = False) -> InputScan:
    """Files given, and the supported files under folders given (sorted), with the paths refused."""
    out = InputScan()
    for p in paths:
        if os.path.isdir(p):
            _scan_folder(p, follow_symlinks, out)
        else:
            out.files.append(p)
    return out


def iter_input_files(paths: list[str], follow_symlinks: bool = False) -> list[str]:
    """Files given, and the supported files under folders given, sorted (refused paths left out)."""
    return scan_inputs(paths, follow_symlinks).files
