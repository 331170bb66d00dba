"""What goes between the main process and the workers of --jobs, and the JSON report written from
the main process, come out the same."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import newsaudit
from newsaudit import audit
from newsaudit.model import Document, Paragraph, Sentence
from newsaudit.report import render
from newsaudit.segment import segment

SEEDS = Path(__file__).parent.parent / "fixtures" / "seeds"
HELDOUT = Path(__file__).parent.parent / "fixtures" / "heldout"


def _same(a, b) -> bool:
    """Equal, and of the same types all the way down (a pickle must not turn an int into a bool)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, (tuple, list)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if hasattr(a, "__dict__") and not isinstance(a, type):
        return list(vars(a)) == list(vars(b)) and all(
            _same(x, y) for x, y in zip(vars(a).values(), vars(b).values()))
    return a == b


@pytest.mark.parametrize("text, markdown", [
    ("", False),
    ("\n\n  \n", False),
    ("One sentence only", False),
    ("Mr. Smith went to Washington. He said: \"No.\" Then left!\n\nA second paragraph.\n", False),
    ("# Title\n\n- item one. Item two\n\n```\ncode. Not text\n```\n", True),
    ("\ufeffCaf\u00e9 \U0001f600 d\u00e9j\u00e0 vu. Encore?\r\nLine two\r\n", False),
])
def test_a_segmented_document_pickles_to_itself(text, markdown):
    doc = segment("a.md", text, markdown=markdown, notices=("a notice",))
    data = pickle.dumps(doc)
    assert b"Sentence" not in data  # sent as the text and its spans
    assert _same(pickle.loads(data), doc)


def test_the_seeds_pickle_to_themselves_smaller():
    for path in sorted(SEEDS.glob("*.txt")):
        doc = segment(str(path), path.read_text(encoding="utf-8"))
        data = pickle.dumps(doc)
        assert _same(pickle.loads(data), doc)
        if doc.paragraphs:
            assert len(data) < 2 * len(doc.text.encode("utf-8")) + 200


def test_a_document_not_laid_out_by_segment_pickles_field_by_field():
    sentence = Sentence(0, 0, 0, 3, "abc")
    odd = [
        Document("x", "abc", (Paragraph(0, 0, 3, "abd", (sentence,)),)),  # not the slice
        Document("x", "abc", (Paragraph(0, 0, 3, "abc", [sentence]),)),  # a list
        Document("x", "abc", (Paragraph(0, True, 3, "abc", (sentence,)),)),  # a bool offset
        Document("x", "abc", (Paragraph(0, 0, 3, "abc", (Sentence(0, 0, 0, 2, "abc"),)),)),
        Document("x", "abc", [Paragraph(0, 0, 3, "abc", (sentence,))]),
    ]
    for doc in odd:
        data = pickle.dumps(doc)
        assert b"Sentence" in data or b"Paragraph" in data
        assert _same(pickle.loads(data), doc)
    good = Document("x", "abc", (Paragraph(7, 0, 3, "abc", (Sentence(5, 9, 0, 3, "abc"),)),))
    assert _same(pickle.loads(pickle.dumps(good)), good)  # numbering is sent as it is


def test_results_come_back_from_the_workers_as_they_were():
    wires = [segment(str(p), p.read_text(encoding="utf-8")) for p in HELDOUT.glob("wire_*.txt")]
    articles = [segment(str(p), p.read_text(encoding="utf-8"))
                for p in HELDOUT.glob("article_*.txt")]
    pool = audit.prepare(wires)
    audit._RUN = pool
    try:
        results = [audit.audit_document(doc) for doc in articles]
    finally:
        audit._RUN = None
    assert any(r.alignment.sentences and r.adequacy for r in results)
    wire_sentences = {path: doc.sentences for path, doc in pool.wire_docs.items()}
    for doc, result in zip(articles, results):
        sent = pickle.loads(pickle.dumps(audit._packed(result)))
        assert _same(audit._unpacked(sent, doc, wire_sentences), result)


def test_the_json_report_is_written_as_render_writes_it(tmp_path):
    report = newsaudit.run([str(SEEDS)], settings=newsaudit.settings(jobs=1))
    expected = render(report, "json").encode("utf-8")
    command = [sys.executable, "-m", "newsaudit", "check", str(SEEDS), "--format", "json",
               "-j", "1"]
    shown = subprocess.run(command, capture_output=True, env={"NEWSAUDIT_LANGUAGETOOL": "off",
                                                              "PYTHONIOENCODING": "utf-8"})
    assert shown.stdout == expected
    out = tmp_path / "report.json"
    subprocess.run(command + ["-o", str(out)], capture_output=True,
                   env={"NEWSAUDIT_LANGUAGETOOL": "off"})
    assert out.read_bytes() == expected


def test_control_characters_are_counted_as_the_pattern_counts_them():
    import random
    import re

    from newsaudit.inputs import control_characters

    pattern = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
    rng = random.Random(7)
    alphabet = [chr(c) for c in range(0x30)] + ["é", "\u2028", "\x85", "\x7f", "\ud800", "😀"]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert control_characters(text) == len(pattern.findall(text))


def test_sentences_of_one_text_at_different_places_hash_apart():
    """Boilerplate recurs in many wires at different offsets, and sentences key some of the name
    rules' caches: a hash of the text alone made those caches quadratic (found in review)."""
    text = "Reporting by Reuters in London."
    sentences = [Sentence(0, 0, i, i + len(text), text) for i in range(1000)]
    assert len(set(map(hash, sentences))) > 990
