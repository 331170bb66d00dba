"""Archives: many articles (or wires) in one JSON Lines or Parquet file, read record by record.

A JSON Lines archive has one JSON object a line, ``{"id": ..., "text": ...}``; a Parquet archive
has ``id`` and ``text`` columns. Other keys or columns are kept as the record's metadata. Each
record becomes an in-memory :class:`~newsaudit.inputs.Source` named ``archive.jsonl#<id>`` (or
``archive.jsonl:line N`` / ``archive.parquet:row N`` when the id is missing or repeated), whose
text is the record's ``text`` exactly as given: offsets in the report index that string.

A bad record (invalid JSON, no ``text``, a ``text`` that is not a string, an empty text) is a
Source with an ``error``: one failed result for that record, and the run goes on. Records are
read lazily, so an archive of any size passes through in constant memory (except for the set of
ids seen, which tells repeated ids apart).
"""

from __future__ import annotations

import json
import re
from typing import Iterator

from .inputs import DEFAULT_MAX_BYTES, Source

JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".pq")
ARCHIVE_SUFFIXES = JSONL_SUFFIXES + PARQUET_SUFFIXES
PARQUET_BATCH = 1024
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def is_archive(path: str) -> bool:
    return path.lower().endswith(ARCHIVE_SUFFIXES)


def count_records(path: str) -> int:
    """How many records ``path`` holds (lines that are not blank; Parquet rows), cheaply."""
    try:
        if path.lower().endswith(PARQUET_SUFFIXES):
            import pyarrow.parquet as pq

            return pq.ParquetFile(path).metadata.num_rows
        count = 0
        with open(path, "rb") as handle:
            for line in handle:
                count += bool(line.strip())
        return count
    except Exception:  # an unreadable archive is one error result
        return 1


def read_records(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Source]:
    """One Source per record of the archive ``path``, in file order; never raises."""
    reader = _parquet_rows if path.lower().endswith(PARQUET_SUFFIXES) else _jsonl_rows
    seen: set[str] = set()
    for place, record, error in reader(path):
        yield _source(path, place, record, error, seen, max_bytes)


def _source(path: str, place: str, record: dict | None, error: str | None, seen: set[str],
            max_bytes: int) -> Source:
    record = record or {}
    key = record.get("id")
    ident = str(key) if isinstance(key, (str, int)) and not isinstance(key, bool) else None
    if ident is not None and ident not in seen:
        seen.add(ident)
        name = f"{path}#{ident}"
    else:
        name = f"{path}:{place}"
    metadata = {k: v for k, v in record.items() if k != "text"}
    if error is not None:
        return Source(name, None, error=error, metadata=metadata)
    text = record.get("text")
    problem = None
    if "text" not in record or text is None:
        problem = 'no "text"'
    elif not isinstance(text, str):
        problem = f'"text" is not a string ({type(text).__name__})'
    elif not text.strip():
        problem = "empty text, nothing to audit"
    elif len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        problem = (f"text too large (over {max_bytes // (1024 * 1024)} MiB); raise --max-bytes "
                   "to audit it")
    elif len(_CONTROL.findall(text, 0, 8192)) > 0.05 * min(len(text), 8192):
        problem = "binary text (control characters), not audited"
    if problem:
        return Source(name, None, error=f"{place}: {problem}", metadata=metadata)
    return Source(name, text, metadata=metadata)


def _jsonl_rows(path: str) -> Iterator[tuple[str, dict | None, str | None]]:
    try:
        handle = open(path, "rb")
    except OSError as exc:
        yield "line 1", None, f"cannot read: {exc.strerror or exc}"
        return
    with handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            place = f"line {number}"
            try:
                record = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
            except UnicodeDecodeError as exc:
                yield place, None, f"{place}: not UTF-8 (byte {exc.start})"
                continue
            except ValueError as exc:
                yield place, None, f"invalid JSON on line {number}: {exc}"
                continue
            if not isinstance(record, dict):
                yield place, None, f"{place}: not a JSON object ({type(record).__name__})"
                continue
            yield place, record, None


def _parquet_rows(path: str) -> Iterator[tuple[str, dict | None, str | None]]:
    try:
        import pyarrow.parquet as pq

        archive = pq.ParquetFile(path)
        names = archive.schema_arrow.names
        batches = archive.iter_batches(batch_size=PARQUET_BATCH)
    except ImportError:
        yield "row 1", None, "reading Parquet needs pyarrow: pip install 'newsaudit[dask]'"
        return
    except Exception as exc:  # pyarrow raises its own error types for a bad file
        yield "row 1", None, f"not a readable Parquet file: {_one_line(exc)}"
        return
    if "text" not in names:
        yield "row 1", None, f'no "text" column (columns: {", ".join(names)})'
        return
    row = 0
    for batch in batches:
        for record in batch.to_pylist():
            row += 1
            yield f"row {row}", {k: _plain(v) for k, v in record.items()}, None


def _plain(value):
    """A Parquet value as JSON can write it (dates and decimals as strings)."""
    if value is None or isinstance(value, (str, int, float, bool, list, dict)):
        return value
    return str(value)


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__

