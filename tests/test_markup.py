"""HTML input: visible text only, offsets back into the file."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from newsaudit.cli import app
from newsaudit.markup import extract

PAGE = """<html><head><title>T</title><script>var junk = "a . b";</script></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Floods in the south</h1>
<p>The water rose on
Tuesday, officials said &amp; warned.</p><p>Second <em>paragraph</em> here.<br>After a break.</p>
</article><footer>Share this</footer></body></html>"""


def test_extract_keeps_visible_article_text_and_maps_every_character():
    extracted = extract(PAGE)
    assert extracted.text == (
        "Floods in the south\n\nThe water rose on Tuesday, officials said & warned."
        "\n\nSecond paragraph here.\nAfter a break."
    )
    for i, ch in enumerate(extracted.text):
        if ch.isalpha():
            assert PAGE[extracted.offsets[i]] == ch
    assert PAGE[extracted.offsets[extracted.text.index("&")] :].startswith("&amp;")


def test_html_findings_point_into_the_file(tmp_path):
    article = tmp_path / "a.html"
    article.write_text(
        "<html><body><nav>Menu</nav><p>The council approved the budget by <b>72</b> votes "
        "to 12 on Tuesday evening, the mayor said.</p></body></html>",
        encoding="utf-8",
    )
    wire = tmp_path / "w.txt"
    wire.write_text(
        "The council approved the budget by 27 votes to 12 on Tuesday evening, the mayor said.\n"
    )
    result = CliRunner().invoke(
        app, ["check", str(article), "--wire", str(wire), "--format", "json"]
    )
    (record,) = json.loads(result.stdout)["files"]
    (finding,) = [f for f in record["findings"] if f["rule"] == "NA301"]
    raw = article.read_text(encoding="utf-8")
    assert raw[finding["start"] : finding["end"]] == "72" == finding["text"]
    assert finding["line"] == 1 and raw[finding["column"] - 1 :].startswith("72")
