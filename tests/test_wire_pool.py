"""A wire pool that cannot be used fails closed; an article no wire matches says so."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from newsaudit.cli import app

ARTICLE = ("The city council approved a new budget for public transport on Monday, adding "
           "twelve bus lines and extending night services across the northern districts.")
RUSSIAN = ("Городской совет в понедельник утвердил новый бюджет общественного транспорта, "
           "добавив двенадцать автобусных маршрутов и продлив ночные рейсы в северных районах.")
OTHER = ("The national football team lost its friendly match against a neighbouring country "
         "on Saturday evening after conceding two late goals in the second half.")


def _check(*args):
    return CliRunner().invoke(app, ["check", *args, "--format", "json", "-j", "1"])


def test_an_empty_wire_folder_is_a_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "wires").mkdir()
    result = _check(str(tmp_path / "a.txt"), "--wire", str(tmp_path / "wires"))
    assert result.exit_code == 2 and "no wire files" in result.output


def test_a_pool_of_only_unusable_wires_is_a_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    wires = tmp_path / "wires"
    wires.mkdir()
    (wires / "ru.txt").write_text(RUSSIAN)
    (wires / "empty.txt").write_text("")
    result = _check(str(tmp_path / "a.txt"), "--wire", str(wires))
    assert result.exit_code == 2
    assert "no usable wire story among 2 file(s) (1 unreadable, 1 not English" in result.output


def test_a_non_english_wire_is_left_out_with_a_message(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    wires = tmp_path / "wires"
    wires.mkdir()
    (wires / "ru.txt").write_text(RUSSIAN)
    (wires / "en.txt").write_text(ARTICLE.replace("Monday", "Tuesday"))
    result = _check(str(tmp_path / "a.txt"), "--wire", str(wires))
    assert result.exit_code == 0
    assert "ru.txt: not English (ru): left out of the wire pool" in result.stderr


def test_an_article_no_wire_matches_says_so_and_can_fail(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "w.txt").write_text(OTHER)
    result = _check(str(tmp_path / "a.txt"), "--wire", str(tmp_path / "w.txt"))
    (record,) = json.loads(result.stdout)["files"]
    assert result.exit_code == 0 and record["wire"] is None
    assert any("no wire story of the pool aligned" in n for n in record["notices"])
    strict = _check(str(tmp_path / "a.txt"), "--wire", str(tmp_path / "w.txt"), "--require-wire")
    assert strict.exit_code == 1
    assert json.loads(strict.stdout)["files"][0]["verdict"] == "fail"
