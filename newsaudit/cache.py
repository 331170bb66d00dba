"""Where newsaudit keeps what it builds once per machine: ``$NEWSAUDIT_CACHE``, by default
``~/.cache/newsaudit`` (LanguageTool's jars, the word-frequency and language-profile tables),
and how a table file is written there."""

from __future__ import annotations

import contextlib
import marshal
import os
import time
import zlib
from array import array
from pathlib import Path

UNUSED_FILES_KEPT_SECONDS = 7 * 24 * 3600


def cache_root() -> Path:
    return Path(os.environ.get("NEWSAUDIT_CACHE") or Path.home() / ".cache" / "newsaudit")


def checksum(*parts: bytes) -> int:
    """CRC32 over ``parts`` in order: a table file damaged on disk is rebuilt, not trusted."""
    value = 0
    for part in parts:
        value = zlib.crc32(part, value)
    return value


def store(path: Path, data: bytes) -> None:
    """Writes a table file atomically, and removes the files of the same table for other
    installations (the name up to its last "-") last used over a week ago; a directory that
    cannot be written is no error: the caller keeps its table in memory for the run."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):  # a full disk leaves no partial file behind
            temporary.unlink()
        return
    prefix = path.name.rsplit("-", 1)[0]
    week_ago = time.time() - UNUSED_FILES_KEPT_SECONDS
    for other in path.parent.glob(f"{prefix}*"):
        with contextlib.suppress(OSError):  # another process may remove it first
            if other != path and other.stat().st_atime < week_ago:
                other.unlink()


def dump_table(form: str, key: tuple, *fields) -> bytes:
    """A table file: its format name, the ``key`` of what it was built from, a checksum of the
    ``fields`` that are bytes, and the ``fields`` (values ``marshal`` writes)."""
    return marshal.dumps((form, key, _bytes_checksum(fields), *fields))


def load_table(data: bytes, form: str, key: tuple) -> tuple | None:
    """The fields of a file of :func:`dump_table`, or None for another format or key, or a file
    damaged on disk."""
    try:
        stored_form, stored_key, crc, *fields = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    if stored_form != form or stored_key != key or crc != _bytes_checksum(fields):
        return None
    return tuple(fields)


def _bytes_checksum(fields) -> int:
    return checksum(*(f for f in fields if isinstance(f, bytes)))


def typed_arrays(*fields: tuple[str, bytes]) -> list[array] | None:
    """Each (typecode, bytes) field of a table as an ``array`` of that type; None when some
    length is not a whole number of items (a damaged or foreign file)."""
    out = []
    for typecode, data in fields:
        values = array(typecode)
        try:
            values.frombytes(data)
        except (ValueError, TypeError):
            return None
        out.append(values)
    return out
