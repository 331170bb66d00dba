"""Focused tests of the core modules: tokenizer, name skeletons, quantities, scoring, the wire
index and alignment, each without the CLI."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsaudit.align import align, align_sentences
from newsaudit.model import Finding, Severity
from newsaudit.nameforms import is_variant, skeleton
from newsaudit.quantity import quantities
from newsaudit.scoring import per_thousand_words, score, verdict, weight
from newsaudit.segment import segment
from newsaudit.text import capitalised_tokens, content_terms, tokenize
from newsaudit.wire_index import WireIndex

SENTENCES = [
    "Mayor Anna Kovac said on Monday that “The Bridge” would reopen in the U.S. Navy's care.",
    "(Reuters) - Officials, including O'Brien and al-Sayed, met in St. Petersburg; Kyiv replied.",
    "“Never,” said Ms. Okafor. Then Dnipro's governor—Serhiy Lysak—spoke to CNN.",
    # runs that start before their capital, end with dots or apostrophes, or hold inner dots
    "The anti-Russian iPhone rally in Kyiv.",
    "He said, Kyiv and U.S.A. troops (Reuters) - Odesa’s port.",
    "3M and X_Y met al-Sayed in St. Petersburg-Moscow's 'Bob' Kyiv’- Lviv_ A.. Éric",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_capitalised_tokens_agree_with_the_tokenizer(text):
    """The docstring's promise: same tokens and initial flags as tokenize() gives them."""
    expected = [t for t in tokenize(text, 7) if t.text[0].isupper()]
    assert capitalised_tokens(text, 7) == expected


def test_skeletons_merge_known_transliterations():
    assert skeleton("Kharkiv") == skeleton("Charkiw") == skeleton("Harkov") == "krkv"
    assert skeleton("Yanukovych") == skeleton("Yanukovich")
    assert skeleton("Mykolaiv") != skeleton("Melitopol")
    assert is_variant("Zaporozhzhya", "Zaporizhzhia")
    assert not is_variant("Lysak", "Lyman")


def test_quantities_read_values_scales_and_times():
    values = [q.value for q in quantities("about 2.5 million people, 1,600 troops and 8 p.m.")]
    assert values == [2_500_000, 1_600, 20]
    assert [q.spelled for q in quantities("twelve drones")] == [True]
    (approx,) = quantities("nearly 500 homes")
    (exact,) = quantities("498 homes")
    assert approx.approximate and approx.agrees(exact)
    (a,), (b,) = quantities("143 billion"), quantities("14.3 billion")
    assert not a.agrees(b)


def _finding(severity: Severity, minor_weight: float = 1.0) -> Finding:
    return Finding(
        "NA999", "x", "Accuracy/Mistranslation", severity, 0, 1, "x", "m", minor_weight=minor_weight
    )


def test_scoring_weights_and_verdicts():
    assert [weight(_finding(s)) for s in Severity] == [1.0, 5.0, 10.0]
    assert weight(_finding(Severity.MINOR, 0.1)) == 0.1
    assert per_thousand_words(5, 50) == per_thousand_words(5, 100) == 50.0
    assert score([_finding(Severity.MAJOR)], 500, adequacy=1.0) == 12.0
    assert verdict(12.0, []) == "fail" and verdict(9.0, []) == "pass"
    assert verdict(1.0, [_finding(Severity.MAJOR)], fail_on=Severity.MAJOR) == "fail"


WIRE = segment(
    "wire.txt",
    "\n\n".join(
        [
            "Heavy rain flooded the river valley on Tuesday, forcing 300 families from their "
            "homes.",
            "Rescue teams used boats to reach villages cut off by the water near the old mill.",
            "The regional governor declared an emergency and asked the army for helicopters.",
            "Forecasters expect more rain on Thursday before the weather clears at the weekend.",
        ]
    ),
)
OTHER = segment(
    "other.txt",
    "\n\n".join(
        [
            "The central bank raised interest rates by half a point to fight persistent inflation.",
            "Shares of the largest lenders rose after the announcement in morning trading.",
        ]
    ),
)


def test_index_finds_the_paragraph_a_translation_came_from():
    index = WireIndex([OTHER, WIRE])
    hits = index.query(
        content_terms(
            "Boats of the rescue teams reached villages that the "
            "water had cut off near the old mill."
        ),
        2,
    )
    assert index.paragraphs[hits[0].key].paragraph == 1
    assert index.wires[index.paragraphs[hits[0].key].wire].path == "wire.txt"


def test_alignment_follows_reordered_paragraphs():
    article = segment(
        "a.txt",
        "\n\n".join(
            [
                "The regional governor declared an emergency and asked the army for helicopters.",
                "Heavy rain flooded the river valley on Tuesday and forced 300 families from "
                "homes.",
            ]
        ),
    )
    alignment = align(article, WireIndex([OTHER, WIRE]))
    assert [(p.paragraph, p.wire_paragraphs) for p in alignment.paragraphs] == [
        (0, (2,)),
        (1, (0,)),
    ]
    assert alignment.main_wire == "wire.txt"


def test_a_one_to_two_merge_only_when_it_pays():
    merged = segment(
        "a.txt",
        "Boats took rescue teams to villages the water had cut off near the "
        "mill, and the governor of the region declared an emergency and "
        "asked the army for helicopters.",
    )
    single = segment(
        "b.txt", "Rescue teams used boats to reach villages cut off by the water near the old mill."
    )
    index = WireIndex([WIRE])
    assert align(merged, index).paragraphs[0].wire_paragraphs == (1, 2)
    assert align(single, index).paragraphs[0].wire_paragraphs == (1,)


def test_sentence_alignment_skips_an_added_sentence():
    wire = segment("w.txt", "The bridge reopened on Friday. Traffic returned to normal by noon.")
    article = segment(
        "a.txt",
        "The bridge was reopened on Friday. The weather was mild. "
        "By noon traffic was back to normal.",
    )
    pairs = align_sentences(article.sentences, wire.sentences, WireIndex([wire]))
    assert [(a.index, tuple(w.index for w in ws)) for a, ws, _ in pairs] == [(0, (0,)), (2, (1,))]


def test_name_drift_is_graded_by_how_far_the_spelling_moved():
    from newsaudit.model import Severity
    from newsaudit.nameforms import GARBLED, ROMANISATION, VARIANT, drift, is_derived_form
    from newsaudit.rules.names import grade_drift

    assert drift("Semyonov", "Semenov")[0] == ROMANISATION
    assert drift("Gorodok", "Horodok")[0] == VARIANT
    assert drift("Kerkasy", "Cherkasy")[0] == GARBLED
    assert grade_drift("Kerkasy", "Cherkasy")[0] is Severity.MAJOR
    severity, confidence, _ = grade_drift("Semyonov", "Semenov")
    assert severity is Severity.MINOR and confidence < 0.5
    assert is_derived_form("Rosenheimer", "Rosenheim") and is_derived_form("Maltese", "Malta")
    assert not is_derived_form("Voronova", "Voronov")


# -- the JSON writer ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "payload",
    [
        {"files": [], "nested": {"empty": {}, "list": [[], [1, 2.5, None, True, False]]}},
        {"text": "Kyiv — «quoted» 😀 \u0301 \"escaped\"\n\ttab \\ back", "n": -0.0},
        {"small": 1e-05, "big": 1e16, "third": 1 / 3, "score": 12.3456},
        {"tiny": 9.9e-05},
        {"tinier": [5e-06, 1.5e-07, 0.0001]},
        {"text": "an id 3e5 in prose"},
        {1: "a key that is not a string"},
        {"huge": 2**70},
        {"surrogate": "\udcff"},
    ],
)
def test_indented_json_writes_what_json_dumps_writes(payload):
    from newsaudit.report.common import indented_json

    assert indented_json(payload) == json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


@given(st.binary(max_size=40) | st.text(alphabet="0123456789eE+-. x", max_size=12).map(str.encode))
def test_the_exponent_test_finds_what_the_regex_finds(data):
    from newsaudit.report.common import _has_exponent

    assert _has_exponent(data) == bool(re.search(rb"[0-9][eE][-+]?[0-9]", data))


def test_prepare_reads_both_frequency_tables_before_workers_fork(monkeypatch):
    from newsaudit import audit, word_frequency

    read = []
    monkeypatch.setattr(word_frequency, "_table", lambda wordlist: read.append(wordlist))
    audit.prepare([WIRE, OTHER])
    assert {"small", "large"} <= set(read)


# -- bounded caches in a long stream -------------------------------------------------------


def test_a_long_stream_empties_the_article_caches_without_changing_results(monkeypatch):
    from newsaudit import audit
    from newsaudit.rules.common import sentence_names

    articles = [
        segment(f"a{i}.txt", f"Story {i}: " + WIRE.text.replace("\n\n", f" {i}.\n\n"))
        for i in range(6)
    ]
    pool = audit.prepare([WIRE, OTHER])
    kept = audit.audit_documents(pool, articles)
    assert sentence_names.cache_info().currsize > 0
    monkeypatch.setattr(audit, "ARTICLES_BETWEEN_RELEASES", 2)
    monkeypatch.setattr(audit, "_audited_since_release", 0)
    pool = audit.prepare([WIRE, OTHER])
    released = audit.audit_documents(pool, articles)
    assert released == kept
    assert audit._audited_since_release == 0  # six articles: emptied after the 2nd, 4th, 6th
    assert content_terms.cache_info().currsize == 0
    assert not pool.index._answers


def test_audit_documents_runs_in_several_threads_at_once():
    """A Dask worker with several threads runs several batches in one process at the same time:
    each gets the results a single thread gets (one batch finishing once cleared the process's
    current run under another's feet)."""
    import sys
    from concurrent.futures import ThreadPoolExecutor

    from newsaudit import audit

    articles = [
        segment(f"a{i}.txt", f"Story {i}: " + WIRE.text.replace("\n\n", f" {i}.\n\n"))
        for i in range(6)
    ]
    pool = audit.prepare([WIRE, OTHER])
    alone = audit.audit_documents(pool, articles)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads switch as often as they can
    try:
        with ThreadPoolExecutor(4) as threads:
            batches = list(threads.map(lambda _: audit.audit_documents(pool, articles),
                                       range(8)))
    finally:
        sys.setswitchinterval(interval)
    assert batches == [alone] * 8


def test_the_json_report_writes_input_metadata_as_json_dumps_does():
    from newsaudit.report.common import indented_json

    payload = {"metadata": {"rate": float("nan"), "big": float("inf"), "p": 5e-05}}
    expected = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    assert indented_json(payload, our_values_only=False) == expected


def test_a_paused_stream_leaves_the_callers_signal_handlers_in_place():
    import signal

    from newsaudit import audit

    articles = [segment(f"s{i}.txt", WIRE.text) for i in range(audit.PARALLEL_MIN + 4)]
    mine = signal.getsignal(signal.SIGINT)
    stream = audit.audit_stream(audit.prepare([WIRE, OTHER]), articles, jobs=2)
    first = next(stream)
    assert signal.getsignal(signal.SIGINT) is mine  # the consumer's code runs under its own
    rest = list(stream)
    assert signal.getsignal(signal.SIGINT) is mine
    assert [first, *rest] == list(audit.audit_stream(audit.prepare([WIRE, OTHER]), articles))


def test_languages_past_the_serial_budget_go_to_processes_with_the_same_answers(monkeypatch):
    from newsaudit import audit
    from newsaudit.langid import detect_language

    texts = [WIRE.text, "Le gouvernement a annoncé lundi de nouvelles mesures pour les écoles "
             "et les hôpitaux de la région, selon le ministre.", OTHER.text] * 8
    run = audit._Run(articles=(), options=audit.AuditOptions())
    mapped = []
    monkeypatch.setattr(audit, "_map", lambda f, items, jobs, r: mapped.append(len(items))
                        or [f(t) for t in items])
    expected = [detect_language(t) for t in texts]
    monkeypatch.setattr(audit, "LANGID_SERIAL_SECONDS", 60.0)  # a loaded machine stays within it
    assert audit._languages(texts, 2, run) == expected and mapped == []  # within the budget
    monkeypatch.setattr(audit, "LANGID_SERIAL_SECONDS", -1.0)
    assert audit._languages(texts, 2, run) == expected and mapped == [len(texts)]
    assert audit._languages(texts, 1, run) == expected and mapped == [len(texts)]  # one job


def test_languages_in_processes_match_one_process(monkeypatch):
    from newsaudit import audit

    texts = [WIRE.text, OTHER.text, "Der Minister sagte am Montag, die Schulen bleiben offen."] * 8
    run = audit._Run(articles=(), options=audit.AuditOptions())
    serial = audit._languages(texts, 1, run)
    monkeypatch.setattr(audit, "LANGID_SERIAL_SECONDS", -1.0)
    assert audit._languages(texts, 2, run) == serial and "de" in serial


@pytest.mark.parametrize("text", ["7 BİLLION people", "a 5 mİllion", "a 5 mıllion", "5 millionſ"])
def test_scale_words_with_non_ascii_case_variants_read_as_their_ascii_word(text):
    """The case-insensitive scale-word pattern matches "İ", "ı", "ſ"; their lookup crashed the run
    (KeyError) before."""
    (number,) = quantities(text)
    assert number.value in (5e6, 7e9) and number.kind == "count"


def test_a_rule_that_fails_on_an_article_costs_its_findings_not_the_run():
    from dataclasses import replace as replaced

    from newsaudit import audit
    from newsaudit.model import Severity as S
    from newsaudit.rules.base import Rule

    def broken(rule, ctx):
        yield rule.finding(ctx, 0, 3, "half way")
        raise KeyError("an unforeseen character")

    crashing = Rule("NA999", "crashing", "Other", S.MINOR, broken)
    article = segment("a.txt", WIRE.text.replace("300 families", "800 families"))
    options = audit.AuditOptions()
    plain = audit.audit([article], [WIRE, OTHER], options)[0]
    (result,) = audit.audit([article], [WIRE, OTHER],
                            replaced(options, rules=(*options.rules, crashing)))
    assert [n for n in result.notices if "NA999" in n] == [
        "rule NA999 failed on this file (KeyError: 'an unforeseen character'); its findings are "
        "missing: please report it with the file"]
    # the other rules ran (the number mismatch is found); none of NA999's findings is kept
    assert result.findings == plain.findings and [f.rule for f in plain.findings] == ["NA301"]
