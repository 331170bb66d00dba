"""The LanguageTool installer's logic with a fake `mvn` (fast tier: no Java, no network)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from newsaudit import languagetool as lt

FAKE_MVN = """#!/bin/sh
# Records its arguments, then 'resolves': writes two jars into -DoutputDirectory=...
echo "$@" >> "$MVN_CALLS"
for arg in "$@"; do
  case "$arg" in -DoutputDirectory=*) out="${arg#-DoutputDirectory=}";; esac
done
mkdir -p "$out"
echo server > "$out/languagetool-server-6.7.jar"
echo english > "$out/language-en-6.7.jar"
"""


@pytest.fixture()
def fake_env(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    mvn = bin_dir / "mvn"
    mvn.write_text(FAKE_MVN)
    mvn.chmod(mvn.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    monkeypatch.setenv("NEWSAUDIT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("MVN_CALLS", str(tmp_path / "calls"))
    return tmp_path


def test_install_runs_maven_once_with_strict_checksums_then_verifies_offline(fake_env):
    lib = lt.install(log=lambda s: None)
    assert lib == fake_env / "cache" / "languagetool" / lt.VERSION / "lib"
    assert sorted(p.name for p in lib.iterdir()) == ["language-en-6.7.jar",
                                                     "languagetool-server-6.7.jar"]
    calls = (fake_env / "calls").read_text().splitlines()
    assert len(calls) == 1 and "--strict-checksums" in calls[0]
    assert "dependency:copy-dependencies" in calls[0]
    pom = (lib.parent / "pom.xml").read_text()
    assert "<artifactId>language-en</artifactId><version>6.7</version>" in pom
    assert "<artifactId>language-all</artifactId></exclusion>" in pom
    assert lt.install(log=lambda s: None) == lib  # second run: verified, Maven not called
    assert len((fake_env / "calls").read_text().splitlines()) == 1


def test_a_changed_jar_is_detected_and_fetched_again(fake_env):
    lib = lt.install(log=lambda s: None)
    (lib / "language-en-6.7.jar").write_text("tampered")
    assert lt.verify() == ["language-en-6.7.jar"]
    lt.install(log=lambda s: None)
    assert lt.verify() == [] and len((fake_env / "calls").read_text().splitlines()) == 2


def test_without_maven_the_error_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("NEWSAUDIT_CACHE", str(tmp_path / "cache"))
    with pytest.raises(lt.LanguageToolError, match="languagetool-url"):
        lt.install(log=lambda s: None)
    assert lt.installed() is None


def test_a_failed_maven_run_leaves_no_half_install(fake_env):
    mvn = Path(os.environ["PATH"].split(":")[0]) / "mvn"
    mvn.write_text("#!/bin/sh\necho 'Checksum validation failed' ; exit 1\n")
    with pytest.raises(lt.LanguageToolError, match="Checksum validation failed"):
        lt.install(log=lambda s: None)
    assert lt.installed() is None
