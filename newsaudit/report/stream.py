"""The streamed formats: one record per article, written as soon as the article is audited.

``jsonl``: one ``file_record`` (the ``files`` entries of ``--format json``) a line, in input
order. ``parquet``: the same records as rows of a table for analysis (findings as a list of
structs, alignment and metadata as JSON text), written a row group at a time with pyarrow.
"""

from __future__ import annotations

import json

from ..model import FileResult
from .common import file_record

PARQUET_ROW_GROUP = 1000


def jsonl_line(result: FileResult, text: str, metadata: dict | None = None) -> str:
    return json.dumps(file_record(result, text, metadata), ensure_ascii=False) + "\n"


def _schema():
    import pyarrow as pa

    finding = pa.struct([
        ("rule", pa.string()), ("name", pa.string()), ("category", pa.string()),
        ("severity", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
        ("line", pa.int64()), ("column", pa.int64()), ("text", pa.string()),
        ("message", pa.string()), ("evidence", pa.string()), ("confidence", pa.float64()),
        ("points", pa.float64()),
    ])
    return pa.schema([
        ("path", pa.string()), ("id", pa.string()), ("role", pa.string()),
        ("wire", pa.string()), ("language", pa.string()), ("words", pa.int64()),
        ("score", pa.float64()), ("verdict", pa.string()), ("aligned_share", pa.float64()),
        ("adequacy_penalty", pa.float64()), ("error", pa.string()),
        ("notices", pa.list_(pa.string())), ("findings", pa.list_(finding)),
        ("alignment", pa.string()), ("metadata", pa.string()),
    ])


class ParquetSink:
    """Rows appended one record at a time, flushed every ``PARQUET_ROW_GROUP`` rows."""

    def __init__(self, path: str):
        try:
            import pyarrow.parquet as pq
        except ImportError:
            raise RuntimeError("--format parquet needs pyarrow: pip install 'newsaudit[dask]'") \
                from None
        self._schema = _schema()
        self._writer = pq.ParquetWriter(path, self._schema)
        self._rows: list[dict] = []

    def write(self, result: FileResult, text: str, metadata: dict | None = None) -> None:
        record = file_record(result, text, metadata)
        ident = record.get("id")
        self._rows.append({
            "path": record["path"], "id": None if ident is None else str(ident),
            "role": record["role"], "wire": record["wire"], "language": record["language"],
            "words": record["words"], "score": record["score"], "verdict": str(record["verdict"]),
            "aligned_share": record["aligned_share"],
            "adequacy_penalty": record["adequacy_penalty"], "error": record.get("error"),
            "notices": record["notices"], "findings": record["findings"],
            "alignment": json.dumps(record["alignment"], ensure_ascii=False),
            "metadata": (json.dumps(record["metadata"], ensure_ascii=False)
                         if "metadata" in record else None),
        })
        if len(self._rows) >= PARQUET_ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._rows:
            self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self._schema))
            self._rows = []

    def close(self) -> None:
        self._flush()
        self._writer.close()
