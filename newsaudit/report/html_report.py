"""``--format html``: one self-contained page for editors, article and wire side by side.

The page needs no network: CSS and JavaScript are inline (``assets/report.css`` and
``assets/report.js``), and a Content-Security-Policy meta tag allows nothing but those two,
by their sha256 hashes. Every piece of article, wire and path text is HTML-escaped (articles
are untrusted input); no inline ``style`` attributes are used (the policy would block them):
bars and the histogram are inline SVG, shades are classes.

Layout: an overview table (one row per file, sortable, filterable by verdict) with a histogram
of scores, then one collapsible section per file: rows of article paragraphs (left) and the
wire paragraphs they aligned to (right), gaps where either side has no counterpart, findings
highlighted in place and listed below.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import html
import os
from dataclasses import dataclass, field
from importlib import resources
from typing import Mapping, Sequence

from .. import __version__
from ..model import Document, FileResult, Finding, Paragraph, Severity
from ..scoring import CONFIDENT, penalty

# Sections are open by default only for small reports; a big corpus stays light to render.
OPEN_MAX_FILES = 12
HISTOGRAM_BINS = 12
WIRE_ONLY_SHOWN = 2  # a longer run of wire paragraphs missing from the article is folded
CATEGORY_CLASSES = 10  # colour classes cat-0 .. cat-9 in report.css


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


CSS = _asset("report.css")
JS = _asset("report.js")


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


CSP = (f"default-src 'none'; script-src '{_sha256(JS)}'; style-src '{_sha256(CSS)}'; "
       "img-src data:; base-uri 'none'; form-action 'none'")


def esc(value: object) -> str:
    """Text or attribute value, escaped (quotes included)."""
    return html.escape(str(value), quote=True)


# --------------------------------------------------------------------------------------------
# Placing findings: offsets into the file text -> offsets into the segmented document text


@dataclass
class _Placed:
    """A finding placed in the document text (``start``/``end`` index ``Document.text``)."""

    number: int             # global finding number (F<number> in the page)
    finding: Finding
    start: int = -1
    end: int = -1
    paragraph: int = -1
    clipped: bool = False   # runs past the end of its paragraph: continued in the next ones
    full_end: int = -1      # where it ends in the document text
    continued: bool = False  # a continuation (no id): the part of a finding in a later paragraph
    evidence_keys: list[str] = field(default_factory=list)


def _visible_map(text: str, doc: Document):
    """For an HTML article: source offset -> document offset, or None when not available."""
    if doc.text == text:
        return lambda i: i
    try:
        from ..markup import extract

        extracted = extract(text)
    except Exception:  # noqa: BLE001 - any failure means: fall back to searching the text
        return None
    if extracted.text != doc.text:
        return None
    offsets = extracted.offsets[:-1]
    return lambda i: bisect.bisect_left(offsets, i)


def _paragraph_at(doc: Document, offset: int) -> Paragraph | None:
    i = bisect.bisect_right([p.start for p in doc.paragraphs], offset) - 1
    return doc.paragraphs[i] if i >= 0 and offset < doc.paragraphs[i].end else None


def _place(placed: _Placed, doc: Document, to_doc) -> None:
    f = placed.finding
    start = end = -1
    if to_doc is not None:
        start, end = to_doc(f.start), to_doc(f.end)
        if " ".join(doc.text[start:end].split()) != " ".join(f.text.split()):
            start = end = -1
    if start < 0 and f.text:
        # HTML without an exact map: the first occurrence of the flagged text.
        start = doc.text.find(f.text)
        end = start + len(f.text) if start >= 0 else -1
    if start < 0:
        return
    paragraph = _paragraph_at(doc, start)
    if paragraph is None:
        return
    placed.start, placed.paragraph = start, paragraph.index
    placed.full_end = max(end, start + 1)
    placed.end = min(placed.full_end, paragraph.end)
    placed.clipped = placed.full_end > paragraph.end


def _marked(doc: Document, paragraph: Paragraph, items: Sequence[_Placed]) -> str:
    """The paragraph's text with one ``<mark>`` per finding (nested when spans nest)."""
    out: list[str] = []
    _emit_marks(doc, out, paragraph.start, paragraph.end,
                sorted(items, key=lambda p: (p.start, -p.end, p.number)))
    return "".join(out)


# A module function rather than a closure over ``out``: a nested function that calls itself
# refers to itself through its closure cell, and that reference cycle (holding the document and
# the findings) would outlive every paragraph, as the run does not run the cycle collector.
def _emit_marks(doc: Document, out: list[str], start: int, end: int,
                inner: list[_Placed]) -> None:
    cursor = start
    i = 0
    while i < len(inner):
        item = inner[i]
        s, e = max(item.start, cursor), min(item.end, end)
        if s >= e:  # swallowed by a previous sibling (crossing spans): clipped to nothing
            s = e = max(cursor, min(item.start, end))
        out.append(esc(doc.text[cursor:s]))
        children = [c for c in inner[i + 1:] if c.start < e]
        out.append(_mark_open(item, s, e))
        _emit_marks(doc, out, s, e, children)
        out.append("</mark>")
        cursor = e
        i += 1 + len(children)
    out.append(esc(doc.text[cursor:end]))


def _sureness(f) -> str:
    """The rule's confidence; a doubtful finding (not counted in the score) says so."""
    if f.confidence < CONFIDENT:
        return f'<span class="conf doubtful">doubtful {f.confidence:.2f}, not counted</span>'
    return f'<span class="conf">confidence {f.confidence:.2f}</span>'


def _mark_open(item: _Placed, start: int, end: int) -> str:
    f = item.finding
    if item.continued:
        return (f'<mark class="hl-cont sev-{f.severity.value}" data-f="{item.number}" '
                f'data-rule="{esc(f.rule)}" data-cat="{esc(f.category)}" '
                f'data-sev="{f.severity.value}" data-start="{start}" data-end="{end}">')
    classes = f"hl sev-{f.severity.value}" + (" clipped" if item.clipped else "")
    return (f'<mark class="{classes}" id="F{item.number}" tabindex="0" data-f="{item.number}" '
            f'data-rule="{esc(f.rule)}" data-cat="{esc(f.category)}" data-sev="{f.severity.value}" '
            f'data-start="{start}" data-end="{end}" data-ev="{esc(" ".join(item.evidence_keys))}">')


# --------------------------------------------------------------------------------------------
# Rows of the side-by-side view


@dataclass
class _Row:
    article: list[int]                  # article paragraph indexes (empty: a wire-only gap row)
    wire_path: str | None = None
    wire: tuple[int, ...] = ()          # wire paragraph indexes
    similarity: float | None = None


def _rows(result: FileResult, doc: Document, documents: Mapping[str, Document]) -> list[_Row]:
    by_paragraph = {pa.paragraph: pa for pa in result.alignment.paragraphs}
    rows: list[_Row] = []
    for p in doc.paragraphs:
        pa = by_paragraph.get(p.index)
        key = (pa.wire_path, pa.wire_paragraphs) if pa else None
        previous = rows[-1] if rows else None
        if pa and previous and previous.article and (previous.wire_path, previous.wire) == key:
            previous.article.append(p.index)  # 2-1: two article paragraphs, one wire paragraph
            continue
        rows.append(_Row([p.index], *(key or (None, ())), similarity=pa.similarity if pa else None))
    main = result.wire
    if not main or main not in documents:
        return rows
    used = {w for pa in result.alignment.paragraphs if pa.wire_path == main
            for w in pa.wire_paragraphs}
    missing = [i for i in range(len(documents[main].paragraphs)) if i not in used]
    out: list[_Row] = []
    last = -1
    for row in rows:
        if row.wire_path == main and row.wire:
            skipped = [i for i in missing if last < i < row.wire[0]]
            if skipped:
                out.append(_Row([], main, tuple(skipped)))
            missing = [i for i in missing if i > row.wire[0]]
            last = max(last, row.wire[-1])
        out.append(row)
    if missing:
        out.append(_Row([], main, tuple(i for i in missing if i > last)))
    return [row for row in out if row.article or row.wire]


# --------------------------------------------------------------------------------------------
# The page


@dataclass
class _Page:
    results: Sequence[FileResult]
    texts: Mapping[str, str]
    documents: Mapping[str, Document]
    threshold: float
    categories: list[str] = field(default_factory=list)
    wire_users: dict[str, list[str]] = field(default_factory=dict)  # wire path -> its articles
    wire_ids: dict[str, int] = field(default_factory=dict)
    counter: int = 0

    def category_class(self, category: str) -> str:
        return f"cat-{self.categories.index(category) % CATEGORY_CLASSES}"

    def wire_id(self, path: str) -> int:
        return self.wire_ids.setdefault(path, len(self.wire_ids))


def render(results: Sequence[FileResult], texts: Mapping[str, str],
           documents: Mapping[str, Document], *, threshold: float,
           notes: Sequence[str] = ()) -> str:
    """The whole report as one HTML document (a string)."""
    page = _Page(results, texts, documents, threshold)
    page.categories = sorted({f.category for r in results for f in r.findings})
    for r in results:
        if r.wire:
            page.wire_users.setdefault(r.wire, []).append(r.path)
    sections = [_file_section(page, i, r) for i, r in enumerate(results)]
    failed = sum(1 for r in results if r.verdict != "pass")
    n_findings = sum(len(r.findings) for r in results)
    rules = sorted({(f.rule, f.name) for r in results for f in r.findings})
    head = (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>newsaudit report: {len(results)} files, {failed} failed</title>\n"
        f"<style>{CSS}</style>\n</head>\n"
    )
    body = [
        '<body>\n<header class="top">',
        f'<h1>newsaudit report</h1><p class="sub">{_plural(len(results), "file")}, '
        f'<b class="v-fail">{failed} failed</b>, {_plural(n_findings, "finding")}; '
        f"a file fails above <b>{threshold:g}</b> penalty points per 1,000 words "
        f"(findings: minor 1, major 5, critical 10, minor punctuation 0.1; plus the adequacy "
        f"estimate). newsaudit {esc(__version__)}.</p>",
        _filters(page, rules),
        "</header>\n<main>",
        _overview(page),
        *sections,
        '<footer class="notes">',
        *(f"<p>{esc(n)}</p>" for n in notes),
        "<p>Keys: <kbd>n</kbd> next finding, <kbd>p</kbd> previous, <kbd>Esc</kbd> clear focus. "
        "Hover or click a highlight for its rule, message and evidence.</p>",
        "</footer>\n</main>\n",
        '<div id="tip" class="tip" role="tooltip" hidden></div>\n',
        f"<script>{JS}</script>\n</body>\n</html>\n",
    ]
    return head + "\n".join(body)


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'s' if n != 1 else ''}"


def _filters(page: _Page, rules) -> str:
    severities = "".join(
        f'<label class="chip sev-{s.value}"><input type="checkbox" data-filter="sev" '
        f'value="{s.value}" checked> {s.value}</label>' for s in Severity)
    categories = "".join(f'<option value="{esc(c)}">{esc(c)}</option>' for c in page.categories)
    rule_options = "".join(f'<option value="{esc(code)}">{esc(code)} {esc(name)}</option>'
                           for code, name in rules)
    return (
        '<div class="filters" id="filters">'
        f'<span class="group">Severity {severities}</span>'
        '<label class="group">Category <select id="f-cat"><option value="">all</option>'
        f"{categories}</select></label>"
        '<label class="group">Rule <select id="f-rule"><option value="">all</option>'
        f"{rule_options}</select></label>"
        '<label class="group">Verdict <select id="f-verdict"><option value="">all</option>'
        '<option value="fail">fail</option><option value="pass">pass</option></select></label>'
        '<span class="group nav">'
        '<button type="button" id="prev" title="previous finding (p)">◀ p</button>'
        '<span id="pos" class="pos">–</span>'
        '<button type="button" id="next" title="next finding (n)">n ▶</button></span>'
        "</div>"
    )


def _score_parts(r: FileResult) -> tuple[float, float]:
    return round(penalty(r.findings), 2), r.adequacy_penalty


def _overview(page: _Page) -> str:
    rows = []
    for i, r in enumerate(page.results):
        findings_points, adequacy_points = _score_parts(r)
        made_of = (f"findings {findings_points:g} + adequacy {adequacy_points:.2f} points "
                   f"over {max(r.words, 100):,} words")
        wire = (os.path.basename(r.wire) if r.wire
                else "(is a wire)" if r.role.value == "wire" else "—")
        share = f"{r.aligned_share:.0%}" if r.wire else "—"
        score_cell = ("not audited" if r.error else
                      f'<b class="v-{esc(r.verdict)}">{r.score:.2f}</b>'
                      f'<span class="dim"> / {page.threshold:g}</span>'
                      f'<div class="madeof">{esc(made_of)}</div>')
        rows.append(
            f'<tr data-verdict="{esc(r.verdict)}" data-file="{i}">'
            f'<td class="path"><a href="#file-{i}" title="{esc(r.path)}">{esc(r.path)}</a></td>'
            f'<td data-sort="{esc(r.verdict)}"><span class="verdict v-{esc(r.verdict)}">'
            f"{esc(str(r.verdict).upper())}</span></td>"
            f'<td class="num" data-sort="{r.score if not r.error else -1}">{score_cell}</td>'
            f'<td class="num" data-sort="{r.words}">{r.words:,}</td>'
            f'<td data-sort="{esc(wire)}" title="{esc(r.wire or "")}">{esc(wire)}</td>'
            f'<td class="num" data-sort="{r.aligned_share}">{share}</td>'
            f'<td data-sort="{len(r.findings)}">{_category_bar(page, r)}</td></tr>'
        )
    legend = "".join(
        f'<span class="legend"><i class="sw {page.category_class(c)}"></i>{esc(c)}</span>'
        for c in page.categories)
    return (
        '<section class="overview" id="overview"><h2>Overview</h2>'
        f'<div class="overview-top">{_histogram(page)}<div class="legends">{legend}</div></div>'
        '<table class="files" id="files"><thead><tr>'
        '<th data-col="0" class="sortable">file</th><th data-col="1" class="sortable">verdict</th>'
        '<th data-col="2" class="sortable num" title="penalty points per 1,000 words / threshold">'
        "score</th>"
        '<th data-col="3" class="sortable num">words</th>'
        '<th data-col="4" class="sortable">wire</th>'
        '<th data-col="5" class="sortable num">aligned</th>'
        '<th data-col="6" class="sortable">findings by category</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _category_bar(page: _Page, r: FileResult) -> str:
    if not r.findings:
        return '<span class="dim">none</span>'
    counts: dict[str, int] = {}
    for f in r.findings:
        counts[f.category] = counts.get(f.category, 0) + 1
    unit, x, parts = 8, 0, []
    for category in page.categories:
        n = counts.get(category, 0)
        if n:
            parts.append(f'<rect class="{page.category_class(category)}" x="{x}" y="0" '
                         f'width="{n * unit - 1}" height="12">'
                         f"<title>{esc(category)}: {n}</title></rect>")
            x += n * unit
    width = min(x, 240)
    return (f'<svg class="bar" width="{width}" height="12" viewBox="0 0 {x} 12" '
            f'preserveAspectRatio="none" role="img" aria-label="{len(r.findings)} findings">'
            f"{''.join(parts)}</svg> <span class=\"count\">{len(r.findings)}</span>")


def _histogram(page: _Page) -> str:
    scores = [r.score for r in page.results if not r.error]
    if not scores:
        return ""
    top = max(max(scores), page.threshold * 2, 1.0)
    width = top / HISTOGRAM_BINS
    bins = [0] * HISTOGRAM_BINS
    for s in scores:
        bins[min(int(s / width), HISTOGRAM_BINS - 1)] += 1
    tallest = max(bins)
    w, h, bar = 360, 96, 360 / HISTOGRAM_BINS
    parts = []
    for i, n in enumerate(bins):
        height = 0 if not n else max(2.0, n / tallest * (h - 28))
        lo, hi = i * width, (i + 1) * width
        cls = "fail" if lo >= page.threshold else "pass"
        parts.append(f'<rect class="h-{cls}" x="{i * bar + 1:.1f}" y="{h - 12 - height:.1f}" '
                     f'width="{bar - 2:.1f}" height="{height:.1f}"><title>{lo:.1f}–{hi:.1f}: '
                     f"{n} file{'s' if n != 1 else ''}</title></rect>")
        if n:
            parts.append(f'<text x="{i * bar + bar / 2:.1f}" y="{h - 14 - height:.1f}" '
                         f'class="h-n">{n}</text>')
    tx = page.threshold / top * w
    parts.append(f'<line class="h-threshold" x1="{tx:.1f}" x2="{tx:.1f}" y1="0" y2="{h - 12}"/>')
    parts.append(f'<text class="h-axis" x="0" y="{h}">0</text>'
                 f'<text class="h-axis" x="{tx:.1f}" y="{h}">threshold {page.threshold:g}</text>'
                 f'<text class="h-axis end" x="{w}" y="{h}">{top:.0f}</text>')
    return (f'<figure class="hist"><svg width="{w}" height="{h + 2}" role="img" '
            f'aria-label="histogram of scores">{"".join(parts)}</svg>'
            "<figcaption>scores across the corpus (points per 1,000 words)</figcaption></figure>")


def _file_section(page: _Page, i: int, r: FileResult) -> str:
    open_attr = " open" if len(page.results) <= OPEN_MAX_FILES else ""
    findings_points, adequacy_points = _score_parts(r)
    summary = (
        f'<summary><span class="verdict v-{esc(r.verdict)}">{esc(str(r.verdict).upper())}</span> '
        f'<span class="fpath">{esc(r.path)}</span>'
        + ("" if r.error else
           f' <span class="dim">score {r.score:.2f} / {page.threshold:g} · findings '
           f"{findings_points:g} + adequacy {adequacy_points:.2f} pts · {r.words:,} words · "
           f"{len(r.findings)} finding{'s' if len(r.findings) != 1 else ''}</span>")
        + "</summary>"
    )
    parts = [f'<details class="file" id="file-{i}" data-verdict="{esc(r.verdict)}"{open_attr}>',
             summary]
    if r.error:
        parts.append(f'<p class="error">not audited: {esc(r.error)}</p></details>')
        return "".join(parts)
    doc = page.documents.get(r.path)
    text = page.texts.get(r.path, doc.text if doc else "")
    meta = [f"role: {r.role.value}", f"language: {r.language}"]
    if r.wire:
        meta.append(f"wire: {r.wire} ({r.aligned_share:.0%} of paragraphs aligned)")
    elif r.role.value == "wire":
        users = page.wire_users.get(r.path, [])
        meta.append("a wire for: " + ", ".join(users) if users else "a wire")
    else:
        meta.append("no wire: audited on its own")
    parts.append(f'<p class="meta">{esc(" · ".join(meta))}</p>')
    parts.extend(f'<p class="notice">note: {esc(n)}</p>' for n in r.notices)
    placed = []
    for f in r.findings:
        page.counter += 1
        placed.append(_Placed(page.counter, f))
    if doc is None:
        parts.append('<p class="notice">the segmented text of this file is not available</p>')
    else:
        to_doc = _visible_map(text, doc)
        for item in placed:
            _place(item, doc, to_doc)
        parts.append(_columns(page, r, doc, placed, to_doc))
    parts.append(_finding_list(page, r, placed))
    parts.append("</details>")
    return "".join(parts)


def _evidence_keys(page: _Page, r: FileResult, item: _Placed, wires_shown: dict) -> None:
    """The wire sentences behind a finding: its aligned sentence pair, or quoted in the evidence."""
    f = item.finding
    keys: list[str] = []
    for pair in r.alignment.sentences:
        s = pair.sentence
        if s.start <= item.start < max(s.end, s.start + 1) and pair.wire_path in page.documents:
            keys.extend(f"w{page.wire_id(pair.wire_path)}-{w.index}" for w in pair.wire_sentences)
    if f.evidence:
        for wire_path, sentences in wires_shown.items():
            for s in sentences:
                if len(s.text) > 12 and s.text in f.evidence:
                    key = f"w{page.wire_id(wire_path)}-{s.index}"
                    if key not in keys:
                        keys.append(key)
    item.evidence_keys = keys


def _adequacy_by_paragraph(r: FileResult, doc: Document, to_doc) -> dict[int, tuple[float, float]]:
    out = {}
    for a in r.adequacy if to_doc is not None else ():
        paragraph = _paragraph_at(doc, to_doc(a.start))
        if paragraph is not None:
            out[paragraph.index] = (a.similarity, a.penalty)
    return out


def _shade(similarity: float) -> int:
    """0 (close to the wire) .. 4 (far from it)."""
    return sum(similarity < cut for cut in (0.8, 0.65, 0.5, 0.35))


def _columns(page: _Page, r: FileResult, doc: Document, placed: list[_Placed], to_doc) -> str:
    rows = _rows(r, doc, page.documents)
    wires_shown: dict[str, list] = {}
    for row in rows:
        if row.wire_path in page.documents:
            wire_doc = page.documents[row.wire_path]
            wires_shown.setdefault(row.wire_path, []).extend(
                s for w in row.wire for s in wire_doc.paragraphs[w].sentences)
    for item in placed:
        if item.paragraph >= 0:
            _evidence_keys(page, r, item, wires_shown)
    by_paragraph: dict[int, list[_Placed]] = {}
    for item in placed:
        if item.paragraph >= 0:
            by_paragraph.setdefault(item.paragraph, []).append(item)
        for p in doc.paragraphs[item.paragraph + 1:] if item.clipped else ():
            if p.start >= item.full_end:
                break
            by_paragraph.setdefault(p.index, []).append(
                _Placed(item.number, item.finding, p.start, min(p.end, item.full_end), p.index,
                        continued=True))
    adequacy = _adequacy_by_paragraph(r, doc, to_doc)
    two = bool(r.alignment.paragraphs) or r.wire is not None
    out = [f'<div class="cols{" two" if two else " one"}">']
    if two:
        out.append(f'<div class="colhead">article <span class="dim">'
                   f"{esc(os.path.basename(r.path))}</span></div>"
                   f'<div class="colhead">wire <span class="dim">{esc(r.wire or "")}</span></div>')
    for row in rows:
        out.append('<div class="row">')
        if row.article:
            cells = []
            for p_index in row.article:
                p = doc.paragraphs[p_index]
                sim = adequacy.get(p_index)
                shade = f" adq-{_shade(sim[0])}" if sim else ""
                title = (f' title="adequacy: similarity {sim[0]:.2f} to the wire, '
                         f'{sim[1]:.2f} points"' if sim else "")
                cells.append(f'<p class="para{shade}" data-p="{p_index}"{title}>'
                             f"{_marked(doc, p, by_paragraph.get(p_index, []))}</p>")
            out.append(f'<div class="art">{"".join(cells)}</div>')
        else:
            n = len(row.wire)
            what = "this wire paragraph is" if n == 1 else f"{n} wire paragraphs are"
            out.append(f'<div class="art gap"><span>{what} not in the article</span></div>')
        if two:
            out.append(_wire_cell(page, r, row))
        out.append("</div>")
    out.append("</div>")
    return "".join(out)


def _wire_cell(page: _Page, r: FileResult, row: _Row) -> str:
    if not row.wire or row.wire_path not in page.documents:
        return '<div class="wire gap"><span>no wire counterpart</span></div>'
    wire_doc = page.documents[row.wire_path]
    wid = page.wire_id(row.wire_path)
    label = ""
    if row.wire_path != r.wire:
        label = f'<div class="other">from {esc(row.wire_path)}</div>'
    cells = []
    for w in row.wire:
        p = wire_doc.paragraphs[w]
        pieces, cursor = [], p.start
        for s in p.sentences:
            pieces.append(esc(wire_doc.text[cursor:s.start]))
            pieces.append(f'<span class="ws" data-ws="w{wid}-{s.index}">{esc(s.text)}</span>')
            cursor = s.end
        pieces.append(esc(wire_doc.text[cursor:p.end]))
        cells.append(f'<p class="para" data-wp="{w}">{"".join(pieces)}</p>')
    if row.article:
        return f'<div class="wire">{label}{"".join(cells)}</div>'
    if len(cells) <= WIRE_ONLY_SHOWN:
        return f'<div class="wire only">{"".join(cells)}</div>'
    return (f'<div class="wire only"><details class="more"><summary>{len(cells)} wire paragraphs '
            f'not in the article</summary>{"".join(cells)}</details></div>')


def _finding_list(page: _Page, r: FileResult, placed: list[_Placed]) -> str:
    if not placed:
        return '<p class="nofindings">no findings</p>'
    items = []
    for item in placed:
        f = item.finding
        where = (f'<a href="#F{item.number}" class="goto">in place</a>' if item.paragraph >= 0
                 else '<span class="unplaced">not placed in the text</span>')
        clipped = ' <span class="dim">(over several paragraphs)</span>' if item.clipped else ""
        evidence = (f'<div class="evidence"><span class="lbl">evidence</span> '
                    f"{esc(f.evidence)}</div>" if f.evidence else "")
        items.append(
            f'<li id="L{item.number}" class="finding sev-{f.severity.value}" '
            f'data-f="{item.number}" '
            f'data-rule="{esc(f.rule)}" data-cat="{esc(f.category)}" data-sev="{f.severity.value}">'
            f'<div class="fhead"><span class="sev">{f.severity.value}</span> '
            f'<code>{esc(f.rule)}</code> {esc(f.name)} <span class="dim">{esc(f.category)}</span> '
            f"{_sureness(f)} {where}{clipped}</div>"
            f'<div class="ftext">“{esc(f.text)}”</div>'
            f'<div class="msg">{esc(f.message)}</div>{evidence}</li>'
        )
    unplaced = sum(1 for p in placed if p.paragraph < 0)
    note = f' <span class="dim">({unplaced} not placed in the text)</span>' if unplaced else ""
    return f'<h3 class="fl">Findings{note}</h3><ol class="findings">{"".join(items)}</ol>'
