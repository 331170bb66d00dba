"""Reading inputs: paths to files, encodings, file types. Inputs are opened read-only.

Problems with one file (empty, binary, undecodable, too large, unreadable) become a per-file
``error`` on the returned ``Source``; a path that does not exist is a usage error for the whole
run (:class:`InputError`), because a typo in a CI step must not pass silently.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable

from .report.common import LineIndex

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".html", ".htm")
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
STDIN_NAME = "-"
# Control characters that mark binary data (not tab, line feed, form feed, carriage return),
# as the bytes UTF-8 writes them as: no other character's UTF-8 has a byte below 0x80 in it.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20)])
_ESCAPED = re.compile("[\udc80-\udcff]+")  # invalid bytes, as decoded by surrogateescape
# UTF-16 without BOM: share of code units with a zero high (low) byte, and at most on the other side
UTF16_MIN_ZEROS = 0.3
UTF16_MIN_UNITS = 8
UTF16_MAX_OTHER_ZEROS = 0.05


class InputError(Exception):
    """A problem with the command line's paths; the CLI reports it in one line and exits 2."""


@dataclass(frozen=True)
class Source:
    """One input as read from disk: its decoded text, or why it could not be read."""

    path: str
    text: str | None
    notices: tuple[str, ...] = ()
    error: str | None = None
    metadata: dict | None = None   # an archive record's id and other keys (not its text)




def expand(paths: Iterable[str],
           suffixes: tuple[str, ...] = ARTICLE_SUFFIXES) -> tuple[list[str], list[str]]:
    """Files named directly, plus article files found recursively under folders, sorted, and
    one line per subfolder that could not be read (the files found elsewhere still count).

    A missing or unreachable path raises :class:`InputError`. ``-`` is passed through.
    """
    found: list[str] = []
    problems: list[str] = []
    seen: set[str] = set()
    for raw in paths:
        if raw == STDIN_NAME:
            candidates = [raw]
        else:
            path = Path(raw)
            try:
                path.stat()
            except FileNotFoundError:
                raise InputError(f"{raw}: no such file or directory") from None
            except OSError as exc:
                raise InputError(f"{raw}: cannot be reached: {exc.strerror or exc}") from None
            if path.is_dir():
                candidates = _walk(path, suffixes, problems)
            else:
                candidates = [str(path)]
        for c in candidates:
            if c not in seen:
                seen.add(c)
                found.append(c)
    return found, problems


def _walk(root: Path, suffixes: tuple[str, ...], problems: list[str]) -> list[str]:
    """Article files under ``root`` (hidden folders skipped, symlinked folders not followed)."""
    def failed(exc: OSError) -> None:
        problems.append(f"{exc.filename}: folder not searched: {exc.strerror or exc}")

    out = []
    for folder, subfolders, files in os.walk(root, onerror=failed):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        out.extend(str(Path(folder) / f) for f in files
                   if not f.startswith(".") and os.path.splitext(f)[1].lower() in suffixes
                   and os.path.isfile(os.path.join(folder, f)))
    return sorted(out)



def read_source(path: str, max_bytes: int = DEFAULT_MAX_BYTES,
                stdin: BinaryIO | None = None, display_name: str | None = None) -> Source:
    """Read and decode one file (or stdin for ``-``); never raises for a bad file."""
    name = display_name or ("<stdin>" if path == STDIN_NAME else path)
    try:
        if path == STDIN_NAME:
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(max_bytes + 1)
        else:
            with open(path, "rb") as handle:
                data = _read_at_most(handle, max_bytes + 1)
    except OSError as exc:
        return Source(name, None, error=f"cannot read: {exc.strerror or exc}")
    if len(data) > max_bytes:
        return Source(name, None, error=f"file too large (over {max_bytes // (1024 * 1024)} MiB); "
                                        "raise --max-bytes to audit it")
    return decode(name, data)


def _read_at_most(handle: BinaryIO, limit: int) -> bytes:
    """The file's bytes, ``limit`` at most. ``read(limit)`` sets aside a buffer of ``limit``
    bytes (10 MiB by default) for every file, which cost twice as much as reading a news
    article; a buffer the file's size is enough, and the rest, if it grew, is read after."""
    try:
        size = os.fstat(handle.fileno()).st_size
    except OSError:
        size = 0
    if not 0 < size < limit:  # not a regular file (a pipe, /dev/stdin), or over the limit
        return handle.read(limit)
    data = handle.read(size + 1)
    if len(data) > size:
        data += handle.read(limit - len(data))
    return data


def decode(name: str, data: bytes) -> Source:
    """Decode bytes to text.

    UTF-8 (with or without BOM) and UTF-16 with BOM silently; UTF-16 without BOM (recognised by
    the zero bytes of mostly-ASCII text) with a notice; UTF-8 with a few invalid bytes with them
    replaced by U+FFFD and located in a notice; anything else as cp1252 (or latin-1).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _checked(name, data.decode("utf-16"), ("decoded as UTF-16",))
        except UnicodeDecodeError:
            return Source(name, None, error="invalid UTF-16 text")
    if b"\x00" in data[:8192]:
        order = _utf16_order(data[:8192])
        if order is None:
            return Source(name, None, error="binary file (contains NUL bytes), not audited")
        try:
            text = data.decode(f"utf-16-{order.lower()}")
        except UnicodeDecodeError:
            return Source(name, None, error=f"invalid UTF-16 {order} text (UTF-16 without BOM), "
                                            "not audited")
        return _checked(name, text, (f"decoded as UTF-16 {order} (no BOM)",))
    try:
        return _checked(name, data.decode("utf-8-sig"), ())
    except UnicodeDecodeError as exc:
        position = exc.start
    mostly_utf8 = _mostly_utf8(name, data)
    if mostly_utf8 is not None:
        return mostly_utf8
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        notice = f"not valid UTF-8 (byte {position}); decoded as {encoding}"
        return _checked(name, text, (notice,))
    return Source(name, None, error="cannot decode text")  # pragma: no cover - latin-1 decodes all


def _utf16_order(sample: bytes) -> str | None:
    """"LE" or "BE" when ``sample`` looks like UTF-16 of mostly-ASCII text, else None.

    Such text has a zero byte in nearly every code unit, always on the same side.
    """
    units = len(sample) // 2
    if units < UTF16_MIN_UNITS:
        return None
    even_zeros = sample[0:units * 2:2].count(0) / units
    odd_zeros = sample[1:units * 2:2].count(0) / units
    if odd_zeros >= UTF16_MIN_ZEROS and even_zeros <= UTF16_MAX_OTHER_ZEROS:
        return "LE"
    if even_zeros >= UTF16_MIN_ZEROS and odd_zeros <= UTF16_MAX_OTHER_ZEROS:
        return "BE"
    return None


def _mostly_utf8(name: str, data: bytes) -> Source | None:
    """UTF-8 with its invalid bytes replaced, when valid multi-byte characters outnumber them.

    One stray byte must not turn a UTF-8 file into cp1252 mojibake (every "’" becoming "â€™"
    and every accented name a false finding); a cp1252 file has (almost) no valid multi-byte
    UTF-8 sequence, so it still goes to the cp1252 fallback.
    """
    escaped = data.decode("utf-8-sig", "surrogateescape")
    runs = list(_ESCAPED.finditer(escaped))
    bad = sum(len(r.group()) for r in runs)
    valid = sum(1 for ch in escaped if ch > "\x7f") - bad
    if not runs or valid < bad:
        return None
    text = data.decode("utf-8-sig", "replace")
    line, column = LineIndex.of(text).position(runs[0].start())
    places = len(runs) - 1
    more = f" and {places} more place{'s' if places != 1 else ''}" if places else ""
    notice = (f"invalid UTF-8 at line {line}, column {column}{more} "
              f"({bad} byte{'s' if bad != 1 else ''} replaced)")
    return _checked(name, text, (notice,))


def _checked(name: str, text: str, notices: tuple[str, ...]) -> Source:
    if not text.strip():
        return Source(name, None, notices, error="empty file, nothing to audit")
    control = control_characters(text[:8192])
    if control > 0.05 * min(len(text), 8192):
        return Source(name, None, notices, error="binary file (control characters), not audited")
    return Source(name, text, notices)


def control_characters(text: str) -> int:
    """How many characters of ``text`` are control characters other than whitespace (U+0000-
    U+0008, U+000B, U+000E-U+001F). Counted in the text's UTF-8 bytes, by deleting those bytes
    in C: a regex tries its character set at every position, and costs more than reading the
    file."""
    data = text.encode("utf-8", "surrogatepass")
    return len(data) - len(data.translate(None, _CONTROL_BYTES))
