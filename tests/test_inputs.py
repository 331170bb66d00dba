from __future__ import annotations

import io

import pytest

from newsaudit.inputs import InputError, decode, expand, read_source


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


@pytest.mark.parametrize(
    "data,word", [(b"", "empty"), (b"  \n\n", "empty"), (b"ab\x00cd", "binary")]
)
def test_unusable_bytes(data, word):
    src = decode("a.txt", data)
    assert src.text is None and word in src.error


def test_too_large(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000)
    src = read_source(str(path), max_bytes=100)
    assert src.text is None and "too large" in src.error


@pytest.mark.parametrize("size,fits", [(99, True), (100, True), (101, False)])
def test_the_size_limit_is_exact(tmp_path, size, fits):
    path = tmp_path / "edge.txt"
    path.write_bytes(b"w" * size)
    src = read_source(str(path), max_bytes=100)
    assert (src.text == "w" * size) if fits else ("too large" in src.error)


def test_a_file_that_grew_since_its_size_was_read_is_read_to_the_limit(tmp_path, monkeypatch):
    import os

    path = tmp_path / "growing.txt"
    path.write_bytes(b"w" * 150)
    real_fstat = os.fstat
    monkeypatch.setattr(os, "fstat", lambda fd: os.stat_result(
        (*real_fstat(fd)[:6], 50, *real_fstat(fd)[7:])))  # st_size said 50 bytes
    assert read_source(str(path), max_bytes=200).text == "w" * 150
    assert "too large" in read_source(str(path), max_bytes=120).error


def test_stdin_and_folders(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("x")
    (tmp_path / "c.json").write_text("{}")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.txt").write_text("x")
    found, problems = expand([str(tmp_path)])
    assert problems == []
    assert [p.rsplit("/", 1)[1] for p in found] == ["a.txt", "b.md"]
    assert read_source("-", stdin=io.BytesIO(b"Hello there.")).text == "Hello there."
    with pytest.raises(InputError):
        expand([str(tmp_path / "missing")])


def test_one_stray_byte_in_utf8_is_replaced_and_located():
    text = "Kyiv — the mayor said.\nZhuravel’s office said “yes” to Kovalenko.\n"
    data = text.encode("utf-8").replace(b"office", b"off\x97ice")
    src = decode("a.txt", data)
    assert src.text == text.replace("office", "off\ufffdice")
    assert src.notices == ("invalid UTF-8 at line 2, column 15 (1 byte replaced)",)


def test_several_bad_bytes_in_utf8_are_counted():
    text = "“One” — two.\n“Three” — four.\n"
    data = text.encode("utf-8").replace(b"two", b"t\xffwo").replace(b"four", b"\xfe\xfefour")
    src = decode("a.txt", data)
    assert src.text.count("\ufffd") == 3 and "Zhuravel" not in src.text
    assert src.notices == (
        "invalid UTF-8 at line 1, column 10 and 1 more place (3 bytes replaced)",
    )


def test_a_cp1252_file_is_not_taken_for_broken_utf8():
    src = decode("a.txt", "Café déjà vu, “naïve” — façade.".encode("cp1252"))
    assert src.text == "Café déjà vu, “naïve” — façade." and "cp1252" in src.notices[0]


@pytest.mark.parametrize("codec,label", [("utf-16-le", "UTF-16 LE"), ("utf-16-be", "UTF-16 BE")])
def test_utf16_without_bom_is_recognised(codec, label):
    text = "The mayor of Kyiv said on Tuesday that the bridge was closed. “Yes.”\n" * 3
    src = decode("a.txt", text.encode(codec))
    assert src.error is None and src.text == text
    assert src.notices == (f"decoded as {label} (no BOM)",)


def test_broken_utf16_without_bom_is_named_as_such():
    data = "The mayor of Kyiv said the bridge was closed.".encode("utf-16-le") + b"\x00\xd8A\x00"
    src = decode("a.txt", data)
    assert src.text is None and "UTF-16 without BOM" in src.error and "binary" not in src.error
