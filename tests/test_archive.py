"""Archives (JSON Lines, Parquet) as input, streamed JSON Lines and Parquet as output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsaudit
from newsaudit import archive, linter
from newsaudit.cli import app

SEEDS = Path(__file__).parent.parent / "fixtures" / "seeds"
TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def _articles(n: int) -> list[dict]:
    # drift a name in every other copy, so that the articles have findings of their own
    return [{"id": f"a{i}", "text": TEXTS[i % len(TEXTS)].replace("Kherson", "Khersun")
             if i % 2 else TEXTS[i % len(TEXTS)], "source": f"s{i % 3}"} for i in range(n)]


def _jsonl(path: Path, records: list, extra_lines: tuple[str, ...] = ()) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in records] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _wires(tmp_path: Path) -> Path:
    return _jsonl(tmp_path / "wires.jsonl", [{"id": f"w{i}", "text": t}
                                             for i, t in enumerate(TEXTS)])


def _check(*args):
    return CliRunner().invoke(app, ["check", *args, "-j", "1"])


def test_bad_jsonl_records_are_per_record_errors_and_the_run_goes_on(tmp_path):
    records = _articles(3)
    path = _jsonl(tmp_path / "a.jsonl", records[:2] + [{"id": "none"}, {"id": "num", "text": 7}],
                  ("{not json", json.dumps(records[2]), "[1, 2]"))
    result = _check(str(path), "--wire", str(_wires(tmp_path)), "-f", "jsonl")
    assert result.exit_code == 2  # an article could not be read
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["path"].split("/")[-1] for r in lines] == [
        "a.jsonl#a0", "a.jsonl#a1", "a.jsonl#none", "a.jsonl#num", "a.jsonl:line 5",
        "a.jsonl#a2", "a.jsonl:line 7"]
    errors = {r["path"].split("/")[-1]: r.get("error") for r in lines}
    assert errors["a.jsonl#none"] == 'line 3: no "text"'
    assert errors["a.jsonl#num"] == 'line 4: "text" is not a string (int)'
    assert errors["a.jsonl:line 5"].startswith("invalid JSON on line 5: ")
    assert errors["a.jsonl:line 7"] == "line 7: not a JSON object (list)"
    audited = [r for r in lines if "error" not in r]
    assert len(audited) == 3 and all(r["wire"] for r in audited)
    assert [r["metadata"] for r in audited] == [{"source": "s0"}, {"source": "s1"},
                                                {"source": "s2"}]
    assert "a.jsonl#none: line 3" in result.stderr


def test_offsets_index_each_records_text(tmp_path):
    records = _articles(4)
    path = _jsonl(tmp_path / "a.jsonl", records)
    report = newsaudit.run([str(path)], [str(_wires(tmp_path))],
                           settings=newsaudit.settings(jobs=1))
    assert sum(len(r.findings) for r in report.files) > 0
    for record, result in zip(records, report.files):
        assert report.texts[result.path] == record["text"]
        for f in result.findings:
            assert record["text"][f.start:f.end] == f.text
    assert any(f.text == "Khersun" for f in report.files[1].findings)


def test_jsonl_lines_are_the_json_reports_files(tmp_path):
    path = _jsonl(tmp_path / "a.jsonl", _articles(6))
    wires = str(_wires(tmp_path))
    whole = json.loads(_check(str(path), "--wire", wires, "-f", "json").stdout)["files"]
    streamed = _check(str(path), "--wire", wires, "-f", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in streamed] == whole


def test_same_results_from_files_and_from_an_archive(tmp_path):
    folder = tmp_path / "files"
    folder.mkdir()
    records = _articles(4)
    for r in records:
        (folder / f"{r['id']}.txt").write_text(r["text"], encoding="utf-8")
    wires = str(_wires(tmp_path))
    from_files = newsaudit.run([str(folder)], [wires], settings=newsaudit.settings(jobs=1))
    from_archive = newsaudit.run([str(_jsonl(tmp_path / "a.jsonl", records))], [wires],
                                 settings=newsaudit.settings(jobs=1))
    strip = lambda r: (r.score, r.verdict, r.wire, [(f.rule, f.start, f.end) for f in r.findings])  # noqa: E731
    assert [strip(r) for r in from_files.files] == [strip(r) for r in from_archive.files]


def test_parquet_in_with_bad_rows_and_parquet_out(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    records = _articles(3)
    table = pa.table({"id": ["p0", "p1", "p2", "p3"],
                      "text": [records[0]["text"], None, records[2]["text"], "   "],
                      "year": [2023, 2024, 2025, 2026]})
    pq.write_table(table, tmp_path / "a.parquet")
    out = tmp_path / "out.parquet"
    result = _check(str(tmp_path / "a.parquet"), "--wire", str(_wires(tmp_path)),
                    "-f", "parquet", "-o", str(out))
    assert result.exit_code == 2, result.output
    rows = pq.read_table(out).to_pylist()
    assert [r["id"] for r in rows] == ["p0", "p1", "p2", "p3"]
    assert [r["error"] for r in rows] == [None, 'row 2: no "text"', None,
                                          "row 4: empty text, nothing to audit"]
    assert json.loads(rows[2]["metadata"]) == {"year": 2025}
    jsonl = [json.loads(line) for line in _check(
        str(tmp_path / "a.parquet"), "--wire", str(_wires(tmp_path)), "-f", "jsonl"
    ).stdout.splitlines()]
    assert [r["score"] for r in rows] == [r["score"] for r in jsonl]
    assert [[f["rule"] for f in r["findings"]] for r in rows] == \
        [[f["rule"] for f in r["findings"]] for r in jsonl]


def test_parquet_without_a_text_column_is_one_error(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pq.write_table(pa.table({"id": ["x"], "body": ["text"]}), tmp_path / "a.parquet")
    (source,) = archive.read_records(str(tmp_path / "a.parquet"))
    assert source.text is None and source.error == 'no "text" column (columns: id, body)'


def test_parquet_format_needs_an_output_file(tmp_path):
    path = _jsonl(tmp_path / "a.jsonl", _articles(1))
    result = _check(str(path), "--wire", str(_wires(tmp_path)), "-f", "parquet")
    assert result.exit_code == 2 and "-o FILE" in result.stderr


def test_repeated_or_missing_ids_are_named_by_line(tmp_path):
    text = TEXTS[0]
    path = _jsonl(tmp_path / "a.jsonl", [{"id": "x", "text": text}, {"id": "x", "text": text},
                                         {"text": text}])
    names = [s.path for s in archive.read_records(str(path))]
    assert names == [f"{path}#x", f"{path}:line 2", f"{path}:line 3"]
    assert archive.count_records(str(path)) == 3


def test_the_stream_reads_the_archive_as_it_goes(tmp_path, monkeypatch):
    """Memory does not grow with the archive: the first result comes before most records
    are read (a batch of the local pool at a time)."""
    sentence = "The council approved the budget for the northern bus lines on Monday."
    records = [{"id": str(i), "text": sentence} for i in range(1200)]
    path = _jsonl(tmp_path / "a.jsonl", records)
    wires = _jsonl(tmp_path / "w.jsonl", [{"id": "w", "text": sentence}])
    pulled = []
    real = archive.read_records

    def counting(*args, **kwargs):
        for source in real(*args, **kwargs):
            pulled.append(source.path)
            yield source

    monkeypatch.setattr(archive, "read_records", counting)
    stream = linter.run_stream([str(path)], [str(wires)], newsaudit.settings(jobs=1))
    first = next(iter(stream))
    assert first.result.path == f"{path}#0" and first.result.wire == f"{wires}#w"
    assert len(pulled) <= 300 < len(records)
    stream.close()


def test_auto_mode_on_a_cluster_is_a_usage_error(tmp_path):
    path = _jsonl(tmp_path / "a.jsonl", _articles(2))
    result = _check(str(path), "--scheduler", "tcp://127.0.0.1:9", "-f", "jsonl")
    assert result.exit_code == 2 and "--scheduler needs a wire pool" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
