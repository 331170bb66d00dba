from __future__ import annotations

import io

import pytest

from newsaudit.inputs import InputError, decode, expand_paths, read_source


def test_utf8_with_bom_is_decoded_without_notice():
    src = decode("a.txt", "\ufeffKyiv said.".encode("utf-8"))
    assert src.text == "Kyiv said." and src.notices == ()


def test_cp1252_is_decoded_with_a_notice():
    src = decode("a.txt", "Caf\u00e9 \u201cquoted\u201d".encode("cp1252"))
    assert src.text == "Caf\u00e9 \u201cquoted\u201d"
    assert "cp1252" in src.notices[0]


def test_utf16_with_bom():
    src = decode("a.txt", "Mayor said.".encode("utf-16"))
    assert src.text == "Mayor said." and "UTF-16" in src.notices[0]


@pytest.mark.parametrize("data,word", [(b"", "empty"), (b"  \n\n", "empty"), (b"ab\x00cd", "binary")])
def test_unusable_bytes(data, word):
    src = decode("a.txt", data)
    assert src.text is None and word in src.error


def test_too_large(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000)
    src = read_source(str(path), max_bytes=100)
    assert src.text is None and "too large" in src.error


def test_stdin_and_folders(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("x")
    (tmp_path / "c.json").write_text("{}")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.txt").write_text("x")
    found = expand_paths([str(tmp_path)])
    assert [p.rsplit("/", 1)[1] for p in found] == ["a.txt", "b.md"]
    assert read_source("-", stdin=io.BytesIO(b"Hello there.")).text == "Hello there."
    with pytest.raises(InputError):
        expand_paths([str(tmp_path / "missing")])
