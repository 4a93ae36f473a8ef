"""Hostile inputs through `vnarchive ingest` (a real subprocess, default budgets), each mixed with
good files in the same batch: every one finishes in under 60 s with the command's processes under
1 GiB resident (together), is quarantined with a clear reason, and the good files are stored.

F2  a PDF whose page draws one Form XObject 20,000 times (and text that is slow to extract)
F4  a FIFO, a socket and a device among the inputs
F6  file names that are not UTF-8
F15 a folder that cannot be listed
F16 a link inside an input folder to a file outside it
and: too_large names the file's own size."""
from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from tests.hostile import inputs as H
from tests.hostile.archive import (api_url, generate_corpus, query, run, run_measured,  # noqa: F401 (fixture)
                                   without_dac_override)
from tests.hostile.harness import count, hostile_summary  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("hostile_summary")
GIB = 1024 ** 3
SECONDS = 60
BATCH = "4"


def _corpus(root: Path, n: int = 6) -> set[str]:
    """n good documents under root/in (their keys, relative to root)."""
    return {str(Path(p).relative_to(root)) for p in generate_corpus(root / "in", n)}


def _open_quarantine(root: Path, db: str = "a.duckdb") -> dict[str, tuple[str, str]]:
    return {k: (r, m) for k, r, m in query(root / db, "SELECT doc_key, reason, message FROM quarantine "
                                                      "WHERE resolved_at IS NULL")}


def _doc_keys(root: Path, db: str = "a.duckdb") -> set[str]:
    return {k for (k,) in query(root / db, "SELECT doc_key FROM documents")}


def _ingest(root: Path, api_url: str, *args: str, tag: str = "ingest", preexec_fn=None):
    m = run_measured(["ingest", *args, "--db", "a.duckdb", "--batch-size", BATCH], root, api_url, tag,
                     timeout=3 * SECONDS, preexec_fn=preexec_fn)
    print(f"{tag}: {m.seconds:.1f} s, peak RSS {m.peak_process / 2**20:.0f} MiB in one process, "
          f"{m.peak_total / 2**20:.0f} MiB the whole tree ({len(m.peak_by_pid)} processes)")
    assert m.proc.popen.returncode == 0, m.proc.stderr[-3000:]
    assert "Traceback" not in m.proc.stderr, m.proc.stderr[-3000:]
    assert m.seconds < SECONDS, f"{tag} took {m.seconds:.0f} s"
    assert m.peak_process < GIB, f"{tag}: a process reached {m.peak_process / 2**20:.0f} MiB"
    assert m.peak_total < GIB, f"{tag}: the command's processes together reached {m.peak_total / 2**20:.0f} MiB"
    return m


SLOW = {   # name → (bytes, what it may end as)
    "forme-20000-lan.pdf": (H.xobject_bomb_pdf, {"too_slow", "too_large"}),
    # text without sentence ends (F3: extraction was quadratic; linear or not, the budget bounds it)
    "mot-dong-19mb.txt": (lambda: H.one_line_text(19 * 1024 * 1024), {"too_slow", "too_large", "document"}),
    "doan-256kb.html": (lambda: b"<html><body><p>" + H.one_line_text(256 * 1024) + b"</p></body></html>",
                        {"too_slow", "too_large", "document"}),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SLOW))
def test_f2_slow_or_amplifying_document_is_stopped_and_its_batch_stored(tmp_path, api_url, name):
    make, outcomes = SLOW[name]
    good = _corpus(tmp_path)
    (tmp_path / "in" / "0000" / name).write_bytes(make())    # in the same batch as good files
    count("ingest: slow or amplifying document")
    _ingest(tmp_path, api_url, "in", tag=name)
    key = f"in/0000/{name}"
    quarantined = _open_quarantine(tmp_path)
    outcome = quarantined[key][0] if key in quarantined else ("document" if key in _doc_keys(tmp_path) else None)
    assert outcome in outcomes, (outcome, quarantined.get(key))
    if outcome in ("too_slow", "too_large"):
        assert "stopped" in quarantined[key][1], quarantined[key][1]
    assert good <= _doc_keys(tmp_path)


@pytest.mark.slow
def test_f4_fifo_socket_and_device_are_quarantined_not_read(tmp_path, api_url):
    good = _corpus(tmp_path)
    folder = tmp_path / "in" / "0000"
    os.mkfifo(folder / "x.txt")                          # open() on it would block forever
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(folder / "s.txt"))
    os.mkfifo(tmp_path / "ong.txt")                      # a FIFO named on the command line
    count("ingest: not a regular file", 4)
    try:
        _ingest(tmp_path, api_url, "in", "ong.txt")
        (folder / "zero.txt").symlink_to("/dev/zero")    # a device: read only when links are followed
        _ingest(tmp_path, api_url, "in", "--follow-symlinks", tag="follow")
    finally:
        sock.close()
    quarantined = _open_quarantine(tmp_path)
    for key in ("in/0000/x.txt", "in/0000/s.txt", "in/0000/zero.txt", "ong.txt"):
        reason, message = quarantined[key]
        assert reason == "not_a_file" and "not a regular file" in message, (key, reason, message)
    assert "character device" in quarantined["in/0000/zero.txt"][1]
    assert "named pipe" in quarantined["in/0000/x.txt"][1] and "socket" in quarantined["in/0000/s.txt"][1]
    assert _doc_keys(tmp_path) == good


@pytest.mark.slow
def test_f6_file_names_of_any_bytes_are_stored_displayable_and_lossless(tmp_path, api_url):
    good = _corpus(tmp_path, 3)
    folder = os.fsencode(tmp_path / "in" / "0000")
    odd = os.path.join(folder, b"bai-\xff\xfe-\\.txt")       # not UTF-8, and a backslash
    with open(odd, "wb") as f:
        f.write(H.sample_text().encode("utf-8"))
    broken = os.path.join(folder, b"hong-\xe1\xba.pdf")      # a truncated UTF-8 sequence; a broken PDF
    with open(broken, "wb") as f:
        f.write(H.truncated(H.pdf_bytes(), 0.5))
    count("ingest: non-UTF-8 file name", 2)
    _ingest(tmp_path, api_url, "in")
    assert _doc_keys(tmp_path) == good | {"in/0000/bai-\\xff\\xfe-\\\\.txt"}
    assert set(_open_quarantine(tmp_path)) == {"in/0000/hong-\\xe1\\xba.pdf"}
    # the stored form gives the bytes back: retry re-reads the fixed file under its real name
    with open(broken, "wb") as f:
        f.write(H.pdf_bytes())
    retry = run(["quarantine", "retry", "--db", "a.duckdb"], tmp_path, api_url, "retry")
    assert retry.popen.returncode == 0 and "Traceback" not in retry.stderr, retry.stderr
    assert _open_quarantine(tmp_path) == {}
    assert "in/0000/hong-\\xe1\\xba.pdf" in _doc_keys(tmp_path)


@pytest.mark.slow
def test_f15_a_folder_that_cannot_be_listed_is_reported(tmp_path, api_url):
    good = _corpus(tmp_path, 4)
    locked = tmp_path / "in" / "0000" / "khoa"
    locked.mkdir()
    (locked / "an.txt").write_text(H.sample_text(), encoding="utf-8")
    locked.chmod(0)
    count("ingest: unreadable folder")
    try:   # as root, permissions apply only without CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH
        _ingest(tmp_path, api_url, "in", preexec_fn=without_dac_override if os.geteuid() == 0 else None)
    finally:
        locked.chmod(stat.S_IRWXU)
    quarantined = _open_quarantine(tmp_path)
    assert list(quarantined) == ["in/0000/khoa"], quarantined
    reason, message = quarantined["in/0000/khoa"]
    assert reason == "unreadable_folder" and "Permission denied" in message, message
    assert _doc_keys(tmp_path) == good


@pytest.mark.slow
def test_f16_links_leaving_the_input_folder_are_refused_unless_followed(tmp_path, api_url):
    good = _corpus(tmp_path, 3)
    outside = tmp_path / "ngoai"
    outside.mkdir()
    (outside / "mat.txt").write_text("Tài liệu mật của Sở Nội vụ tỉnh Đông Lâm, không được đưa vào kho.\n",
                                     encoding="utf-8")
    links = tmp_path / "in" / "links"
    links.mkdir()
    (links / "passwd.txt").symlink_to(outside / "mat.txt")        # a file outside
    (links / "thu-muc").symlink_to(outside, target_is_directory=True)   # a folder outside
    (links / "ben-trong.txt").symlink_to(tmp_path / "in" / "0000" / sorted(os.listdir(tmp_path / "in" / "0000"))[0])
    count("ingest: link out of the input folder", 2)
    _ingest(tmp_path, api_url, "in")
    quarantined = _open_quarantine(tmp_path)
    assert {k: r for k, (r, _m) in quarantined.items()} == {"in/links/passwd.txt": "symlink_outside",
                                                            "in/links/thu-muc": "symlink_outside"}
    assert "--follow-symlinks" in quarantined["in/links/passwd.txt"][1]
    assert _doc_keys(tmp_path) == good
    urls = {u for (u,) in query(tmp_path / "a.duckdb", "SELECT url FROM document_urls")}
    assert "in/links/ben-trong.txt" in urls            # a link inside is read (same bytes: an alias)
    _ingest(tmp_path, api_url, "in", "--follow-symlinks", tag="follow")
    urls = {u for (u,) in query(tmp_path / "a.duckdb", "SELECT url FROM document_urls")}
    assert {"in/links/passwd.txt", "in/links/thu-muc/mat.txt"} <= urls     # one document, two names
    assert _open_quarantine(tmp_path) == {}


def test_too_large_names_the_files_own_size(tmp_path, api_url):
    good = _corpus(tmp_path, 2)
    big = tmp_path / "in" / "0000" / "lon.txt"
    with open(big, "wb") as f:
        f.truncate(25 * 1024 * 1024 + 7)          # sparse: nothing is written, the size is real
    count("ingest: too large")
    _ingest(tmp_path, api_url, "in")
    reason, message = _open_quarantine(tmp_path)["in/0000/lon.txt"]
    assert reason == "too_large" and f"{25 * 1024 * 1024 + 7} bytes" in message, message
    assert _doc_keys(tmp_path) == good
