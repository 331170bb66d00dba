"""The cached language profiles give langdetect exactly its own table, and so its answers."""

from __future__ import annotations

import shutil

import pytest
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

from newsaudit import language_profiles

SAMPLES = [
    "Президент заявил, что ситуация остаётся сложной, а войска продолжают наступление.",
    "Президент заявив, що ситуація залишається складною, а війська продовжують наступ.",
    "Le président a dit que la situation était grave et que des mesures seraient prises demain.",
    "Der Präsident sagte, die Lage sei ernst und am Montag würden Maßnahmen ergriffen.",
    "El presidente dijo que la situación era grave y que mañana se tomarían medidas.",
    "总统表示，局势依然严峻，军队继续推进。",
    "大統領は、状況は依然として厳しいと述べた。",
    "Prezydent powiedział, że sytuacja jest poważna, a wojska kontynuują natarcie.",
    "The president said the situation was serious and that measures would follow.",
]


@pytest.fixture(scope="module")
def langdetect_own() -> DetectorFactory:
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.seed = 0
    return factory


@pytest.fixture(scope="module")
def built_cache(tmp_path_factory):
    """A cache folder holding the table, built once for the module (building takes seconds),
    and the factory that built it."""
    root = tmp_path_factory.mktemp("built")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEWSAUDIT_CACHE", str(root))
        return root, language_profiles.detector_factory()


@pytest.fixture
def cache(tmp_path, monkeypatch, built_cache):
    """This test's cache folder, holding a copy of the built table."""
    shutil.copytree(built_cache[0], tmp_path / "cache")
    monkeypatch.setenv("NEWSAUDIT_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache" / "langdetect"


def test_every_row_and_the_language_order_are_langdetects(built_cache, cache, langdetect_own):
    built = built_cache[1]  # the factory that built the cache
    loaded = language_profiles.detector_factory()  # one that read it
    assert len(list(cache.glob("profiles-*.bin"))) == 1
    for factory in (built, loaded):
        assert factory.langlist == langdetect_own.langlist
        table = factory.word_lang_prob_map
        assert set(table) == set(langdetect_own.word_lang_prob_map)
        for ngram, row in langdetect_own.word_lang_prob_map.items():
            assert table[ngram] == row, ngram
        assert "not an n-gram" not in table


def _answers(factory: DetectorFactory) -> list:
    out = []
    for text in SAMPLES:
        detector = factory.create()
        detector.append(text)
        out.append([(lang.lang, lang.prob) for lang in detector.get_probabilities()])
    return out


def test_detections_are_bit_identical(cache, langdetect_own):
    assert _answers(language_profiles.detector_factory()) == _answers(langdetect_own)


def test_a_cached_run_does_not_read_the_json_profiles(cache, monkeypatch):
    def refuse(*_args):
        raise AssertionError("the JSON profiles were read")

    monkeypatch.setattr(DetectorFactory, "load_profile", refuse)
    assert language_profiles.detector_factory().langlist


@pytest.mark.parametrize("damage", [b"not marshal data", "truncate", "flip"])
def test_a_damaged_cache_file_is_rebuilt(cache, langdetect_own, damage):
    (path,) = cache.glob("profiles-*.bin")
    data = path.read_bytes()
    if damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "flip":
        data = data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:]
    else:
        data = damage
    path.write_bytes(data)
    factory = language_profiles.detector_factory()
    assert _answers(factory) == _answers(langdetect_own)
    assert language_profiles._load(path.read_bytes(), language_profiles._key(PROFILES_DIRECTORY))


def test_an_unwritable_cache_still_detects(tmp_path, monkeypatch, langdetect_own):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("NEWSAUDIT_CACHE", str(blocker))
    assert _answers(language_profiles.detector_factory()) == _answers(langdetect_own)
    assert not list(tmp_path.glob("**/*.tmp"))
