"""``--format html``: structure, escaping, one highlight per finding at the right offsets, CSP."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from htmltree import parse
from newsaudit.cli import app
from newsaudit.report import html_report
from newsaudit.segment import segment

runner = CliRunner()
CRAFTED = ('The minister said "<script>alert(1)</script>" was their was no threat.\n\n'
           "Officials added \" onmouseover=\"alert(2)\" and '><img src=x onerror=alert(3)> "
           "to the the statement & more.\n")


def _report(tmp_path: Path, args: list[str], name: str = "report.html"):
    out = tmp_path / name
    result = runner.invoke(app, ["check", *args, "--format", "html", "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    markup = out.read_text(encoding="utf-8")
    tree, errors = parse(markup)
    assert errors == []
    return markup, tree


def _json(args):
    result = runner.invoke(app, ["check", *args, "--format", "json"])
    return json.loads(result.stdout)["files"]


@pytest.fixture(scope="module")
def seeds_html(tmp_path_factory, seeds_dir):
    return _report(tmp_path_factory.mktemp("html"), [str(seeds_dir)])


def _sha(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def test_self_contained_with_a_csp_that_allows_only_its_own_script_and_style(seeds_html):
    markup, tree = seeds_html
    scripts, styles = tree.find_all("script"), tree.find_all("style")
    assert len(scripts) == 1 and len(styles) == 1
    assert not scripts[0].attrs.get("src")
    [csp] = [m for m in tree.find_all("meta")
             if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    policy = dict(part.strip().split(" ", 1) for part in csp.attrs["content"].split(";")
                  if part.strip())
    assert policy["default-src"] == "'none'"
    assert policy["script-src"] == f"'{_sha(scripts[0].text)}'"
    assert policy["style-src"] == f"'{_sha(styles[0].text)}'"
    assert policy["img-src"] == "data:"
    assert not tree.find_all("link") and not tree.find_all("img") and not tree.find_all("iframe")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", markup)
    assert not any("style" in n.attrs for n in tree.iter())  # the CSP would block style attributes


def test_one_highlight_per_finding_at_its_offsets(seeds_html, seeds_report):
    _, tree = seeds_html
    sections = tree.find_all("details", cls="file")
    assert len(sections) == len(seeds_report) == 5
    for section, key in zip(sections, sorted(seeds_report)):
        record = seeds_report[key]
        assert record["path"] in section.find_all("summary")[0].text
        text = Path(record["path"]).read_text(encoding="utf-8-sig")
        marks = section.find_all("mark", cls="hl")
        items = section.find_all("li", cls="finding")
        assert len(marks) == len(items) == len(record["findings"])
        assert len({m.attrs["id"] for m in marks}) == len(marks)
        by_number = {m.attrs["data-f"]: m for m in marks}
        for item, finding in zip(items, record["findings"]):  # the list is in report order
            mark = by_number[item.attrs["data-f"]]
            assert mark.attrs["data-rule"] == finding["rule"]
            assert mark.attrs["data-sev"] == finding["severity"]
            # a finding over several paragraphs continues in unnumbered marks (no id)
            parts = [mark] + [m for m in section.find_all("mark", cls="hl-cont")
                              if m.attrs["data-f"] == item.attrs["data-f"]]
            assert all("id" not in m.attrs for m in parts[1:])
            spans = [(int(m.attrs["data-start"]), int(m.attrs["data-end"])) for m in parts]
            assert spans[0][0] == finding["start"] and spans[-1][1] == finding["end"]
            for m, (start, end) in zip(parts, spans):
                assert m.text == text[start:end]
            if len(parts) == 1:
                assert mark.text == finding["text"]
            assert finding["message"] in item.text
    assert any(len(section.find_all("mark", cls="hl-cont")) for section in sections)


def test_seed_findings_sit_beside_their_wire_evidence(seeds_html, seeds_report):
    _, tree = seeds_html
    section = tree.find_all("details", id="file-0")[0]  # 000: translated from 001
    assert section.find_all("div", cls="cols")[0].classes >= {"cols", "two"}
    for flagged, wire_words in (("Green Agency", "Zelenskyy's office told the AP"),
                                ("two cruise missiles were hospitalized", None)):
        [mark] = [m for m in section.find_all("mark", cls="hl") if m.text == flagged]
        art = mark.ancestor("div")
        assert "art" in art.classes
        wire_cell = art.parent.children[art.parent.children.index(art) + 1]
        assert "wire" in wire_cell.classes  # the same row: left and right cells
        if wire_words:
            keys = mark.attrs["data-ev"].split()
            evidence = [s for s in wire_cell.find_all("span", cls="ws")
                        if s.attrs["data-ws"] in keys]
            assert evidence and wire_words in " ".join(s.text for s in evidence)
    gaps = section.find_all("div", cls="gap")
    assert any("not in the article" in g.text for g in gaps)
    assert any("no wire counterpart" in g.text for g in gaps)
    kherson = tree.find_all("details", id="file-2")[0]  # 002: Kersen / Gershon for Kherson
    assert sorted(m.text for m in kherson.find_all("mark", data_rule="NA102")) == \
        ["Gershon", "Gershon", "Kersen"]
    # the wire itself is shown alone, and says whose wire it is
    wire_section = tree.find_all("details", id="file-1")[0]
    assert wire_section.find_all("div", cls="one") and "a wire for" in wire_section.text


def test_overview_rows_scores_and_histogram(seeds_html, seeds_report):
    _, tree = seeds_html
    rows = tree.find_all("table", id="files")[0].find_all("tr", data_verdict="fail")
    assert len(rows) == 2
    first = tree.find_all("tr", data_file="0")[0]
    cells = first.find_all("td")
    assert float(cells[2].attrs["data-sort"]) == seeds_report["000"]["score"]
    assert "/ 10" in cells[2].text and "findings" in cells[2].text and "adequacy" in cells[2].text
    assert "001_0bc4e933b272ba42.txt" in cells[4].text
    assert cells[5].text == f"{seeds_report['000']['aligned_share']:.0%}"
    categories = {f["category"] for f in seeds_report["000"]["findings"]}
    assert len(cells[6].find_all("rect")) == len(categories)
    bars = [r for r in tree.find_all("figure", cls="hist")[0].find_all("rect")]
    assert sum(int(re.search(r": (\d+) file", b.text).group(1)) for b in bars) == 5


def test_untrusted_text_is_escaped_everywhere(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    name = "q\"uote' <b>x.txt"
    (folder / name).write_text(CRAFTED, encoding="utf-8")
    markup, tree = _report(tmp_path, [str(folder)])
    assert len(tree.find_all("script")) == 1  # only the report's own
    assert "<script>alert(1)</script>" in tree.find_all("details", cls="file")[0].text
    assert not tree.find_all("img")
    for node in tree.iter():
        assert not any(k.startswith("on") for k in node.attrs), node.attrs
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    link = tree.find_all("td", cls="path")[0].find_all("a")[0]
    assert link.attrs["title"].endswith(name) and link.text.endswith(name)
    assert not link.find_all("b")
    marks = tree.find_all("mark", cls="hl")
    text = (folder / name).read_text(encoding="utf-8")
    assert marks
    for m in marks:
        assert m.text == text[int(m.attrs["data-start"]):int(m.attrs["data-end"])]


def test_html_article_findings_placed_in_the_visible_text(tmp_path, seeds_dir):
    article = (seeds_dir / "000_000a6e49773c327b.txt").read_text(encoding="utf-8-sig")
    body = "".join(f"<p>{p.replace('Green Agency', 'Green <i>Agency</i>')}</p>\n"
                   for p in article.split("\n\n"))
    page = tmp_path / "article.html"
    page.write_text(f"<html><head><title>x</title><script>var a = 1;</script></head><body>"
                    f"<nav>Home | World</nav>{body}</body></html>", encoding="utf-8")
    wire = str(seeds_dir / "001_0bc4e933b272ba42.txt")
    records = _json([str(page), "--wire", wire])
    markup, tree = _report(tmp_path, [str(page), "--wire", wire])
    marks = tree.find_all("mark", cls="hl")
    assert len(marks) == len(records[0]["findings"]) > 5
    assert [m.text for m in marks if m.attrs["data-rule"] == "NA103"] == ["Green Agency"]
    assert "Home | World" not in tree.find_all("div", cls="cols")[0].text
    assert "var a = 1" not in tree.find_all("div", cls="cols")[0].text
    assert not tree.find_all("span", cls="unplaced")


def test_big_corpora_render_collapsed_and_small_ones_open(seeds_dir):
    docs = [segment(str(p), p.read_text(encoding="utf-8-sig")) for p in sorted(seeds_dir.iterdir())]
    from newsaudit.audit import audit

    results = audit(docs)
    texts = {d.path: d.text for d in docs}
    documents = {d.path: d for d in docs}
    small, _ = parse(html_report.render(results, texts, documents, threshold=10))
    assert all("open" in d.attrs for d in small.find_all("details", cls="file"))
    many = results * (html_report.OPEN_MAX_FILES // len(results) + 1)
    big, errors = parse(html_report.render(many, texts, documents, threshold=10))
    assert not errors
    assert not any("open" in d.attrs for d in big.find_all("details", cls="file"))
    assert len(big.find_all("tr", cls=None, data_verdict="fail")) == 2 * (len(many) // len(results))


def test_threshold_and_notes_are_shown(seeds_dir):
    doc = segment("a.txt", "Their was a fire.\n")
    from newsaudit.audit import audit

    [result] = audit([doc])
    tree, _ = parse(html_report.render([result], {"a.txt": doc.text}, {"a.txt": doc},
                                       threshold=7.5, notes=["grammar <not> checked"]))
    assert "above 7.5 penalty points" in tree.text
    assert "grammar <not> checked" in tree.find_all("footer")[0].text


def test_each_finding_lists_its_confidence(seeds_html, seeds_report):
    markup, _ = seeds_html
    findings = [f for record in seeds_report.values() for f in record["findings"]]
    doubtful = [f for f in findings if f["confidence"] < 0.5]
    assert doubtful, "the seeds have a doubtful finding (Kersen)"
    assert markup.count("not counted</span>") == len(doubtful)
    assert markup.count('<span class="conf">confidence ') == len(findings) - len(doubtful)
