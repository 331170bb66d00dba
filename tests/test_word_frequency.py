"""The cached word-frequency table gives exactly wordfreq's Zipf values, and its cache behaves."""

import random
import subprocess
import sys

from pathlib import Path

import pytest
import wordfreq

from newsaudit import word_frequency

ROOT = Path(__file__).resolve().parents[1]


def _wordfreq(word, wordlist):
    return wordfreq.zipf_frequency(word, "en", wordlist=wordlist)


def _words():
    """List words in several cases, and words of every shape the fast path claims."""
    rng = random.Random(7)
    english = list(wordfreq.iter_wordlist("en", "large"))
    german = list(wordfreq.iter_wordlist("de", "large"))
    russian = list(wordfreq.iter_wordlist("ru", "large"))
    greek = list(wordfreq.iter_wordlist("el", "small"))
    listed = (english[:2000] + rng.sample(english, 3000) + rng.sample(german, 1000)
              + rng.sample(russian, 500) + rng.sample(greek, 500))
    words = set(listed)
    for word in listed[:3000]:
        words.update((word.capitalize(), word.upper()))
    for _ in range(1000):
        a, b = rng.choice(listed), rng.choice(listed)
        number = str(rng.choice([rng.randint(0, 9), rng.randint(10, 99), rng.randint(1000, 2100),
                                 rng.randint(100, 10**6)]))
        words.update((
            f"{a}-{b}".title(), f"{a}-{number}", f"{a}{number}", number, f"{a}_{b}",
            f"{a}'s", f"{a}’{b}", f"{a[:1]}'{b}", f"{a[:2]}'{b}", f"{a[:2]}’{b}",
            ".".join(a[:4]) + ".", f"{a}..{b}", f"{a}--{b}", f"-{a}", f"{a}.{number}",
        ))
    words.update(("U.S.", "straße", "İstanbul", "ſtar", "ŉ", "Œuvre", "ﬁre", "Köln-Bonn", "00ft",
                  "FY2023", "COVID-19", "l'arc", "d'heure", "I'm", "Ba'al", "", "-", "'",
                  "servic\u0435", "україна", "ΣΟΦΟΣ", "\u0380b", "x\u0375y", "a\u0483b"))
    return sorted(words)


@pytest.mark.parametrize("wordlist", ["small", "large"])
def test_zipf_equals_wordfreq_on_every_shape_of_word(wordlist):
    # the installed wordfreq is one whose tokenising was checked (else wordfreq answers all, and
    # this test would compare wordfreq with itself): a new version is checked by adding it to
    # CHECKED_WORDFREQ and running this test
    assert word_frequency._table(wordlist) is not None
    words = _words()
    fast = 0
    for word in words:
        expected = wordfreq.zipf_frequency(word, "en", wordlist=wordlist)
        assert word_frequency.zipf(word, wordlist) == expected, word
        fast += word_frequency.plain_tokens(word) is not None
    # most words take the table's path (every listed word of letters does); the others are
    # answered by wordfreq itself
    assert fast > 0.7 * len(words)
    assert all(word_frequency.plain_tokens(w) for w in words if w.isalpha() and w.isascii())
    assert word_frequency.plain_tokens("ŉ") is None and word_frequency.plain_tokens("a..b") is None


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSAUDIT_CACHE", str(tmp_path / "cache"))
    word_frequency._table.cache_clear()
    yield tmp_path / "cache"
    word_frequency._table.cache_clear()


def test_table_is_cached_on_disk_and_read_back_without_wordfreq(fresh_cache, monkeypatch):
    assert word_frequency.zipf("agency", "small") == _wordfreq("agency", "small")
    (cached,) = (fresh_cache / "wordfreq").glob("small-en-*.bin")

    word_frequency._table.cache_clear()
    monkeypatch.setattr(word_frequency, "_build", lambda wordlist: pytest.fail("rebuilt"))
    assert word_frequency.zipf("agency", "small") == _wordfreq("agency", "small")


def test_damaged_or_stale_cache_is_rebuilt(fresh_cache):
    word_frequency.zipf("green", "small")
    (cached,) = (fresh_cache / "wordfreq").glob("small-en-*.bin")
    good = cached.read_bytes()
    stale = word_frequency.FrequencyTable.from_buckets([1.0], [["x"]]).dump(("old",))
    flipped = bytearray(good)
    flipped[len(good) // 2] ^= 1  # one bit of the words, offsets or buckets: the checksum tells
    for content in (b"\x00garbage", stale, bytes(flipped), good[:-7]):
        cached.write_bytes(content)
        word_frequency._table.cache_clear()
        assert word_frequency.zipf("green", "small") == _wordfreq("green", "small")
        assert cached.read_bytes() == good  # rebuilt and written again


def test_a_wordfreq_version_not_checked_is_answered_by_wordfreq(fresh_cache, monkeypatch):
    monkeypatch.setattr(word_frequency, "CHECKED_WORDFREQ", ("9.",))
    assert word_frequency._table("small") is None
    assert word_frequency.zipf("agency", "small") == _wordfreq("agency", "small")
    assert not (fresh_cache / "wordfreq").exists()


def test_unwritable_cache_directory_is_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("NEWSAUDIT_CACHE", str(blocker / "cache"))
    word_frequency._table.cache_clear()
    try:
        assert word_frequency.zipf("office", "large") == _wordfreq("office", "large")
        assert word_frequency._table("large") is not None  # built in memory for the run
    finally:
        word_frequency._table.cache_clear()


def test_table_lookup_finds_every_word_and_no_other():
    table = word_frequency.FrequencyTable.from_buckets([0.5, 0.25], [["b", "dé", "a"], ["c", "a"]])
    assert [table.frequency(w) for w in ("a", "b", "c", "dé", "d", "", "zz")] == [
        0.25, 0.5, 0.25, 0.5, None, None, None]  # a word listed twice keeps its rarer bucket


@pytest.mark.parametrize("count", [1, 2, 15, 16, 17, 31, 32, 33, 100, 257])
def test_table_lookup_across_fences(count):
    # The search starts from every FENCE_STRIDE-th word: lists shorter than, equal to and around
    # multiples of the stride; every listed word, and keys between, before and after them.
    rng = random.Random(count)
    words = sorted({"".join(rng.choices("abcé", k=rng.randint(1, 5))) for _ in range(3 * count)})
    words = words[:count]
    buckets = [[w] for w in words]
    table = word_frequency.FrequencyTable.from_buckets([float(i) for i in range(len(words))],
                                                       buckets)
    listed = dict(zip(words, range(len(words))))
    probes = words + [w + "a" for w in words] + [w[:-1] for w in words] + ["", "zzz", "\0"]
    for probe in probes:
        expected = float(listed[probe]) if probe in listed else None
        assert table.frequency(probe) == expected, probe


def test_audit_of_the_seeds_does_not_import_wordfreq(tmp_path):
    """The point of the table: once cached, a run reads it instead of importing wordfreq (0.5 s);
    the first run builds the cache from wordfreq."""
    code = (
        "import sys\n"
        "from newsaudit.cli import app\n"
        "try:\n"
        "    app(['check', 'fixtures/seeds', '--format', 'json'], standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('wordfreq' in sys.modules, file=sys.stderr)\n"
    )
    env = {"NEWSAUDIT_LANGUAGETOOL": "off", "NEWSAUDIT_CACHE": str(tmp_path),
           "PATH": "/usr/bin:/bin"}
    imported = []
    for _ in range(2):
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                env=env, cwd=ROOT)
        imported.append(result.stderr.strip().splitlines()[-1])
    assert imported == ["True", "False"], result.stderr


def test_files_of_other_installations_unused_for_a_week_are_removed(fresh_cache):
    import os
    import time

    folder = fresh_cache / "wordfreq"
    folder.mkdir(parents=True)
    old, recent, other_list = (folder / "small-en-00000000.bin", folder / "small-en-11111111.bin",
                               folder / "large-en-22222222.bin")
    for path in (old, recent, other_list):
        path.write_bytes(b"x")
    month_ago = time.time() - 30 * 24 * 3600
    os.utime(old, (month_ago, month_ago))
    os.utime(other_list, (month_ago, month_ago))
    word_frequency.zipf("green", "small")  # builds and stores this installation's small list
    assert not old.exists() and recent.exists() and other_list.exists()
    assert len(list(folder.glob("small-en-*.bin"))) == 2
