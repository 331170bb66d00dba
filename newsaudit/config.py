"""Configuration: defaults < ``newsaudit.toml`` or ``[tool.newsaudit]`` in ``pyproject.toml``
(the nearest one, walking up from the working directory) or ``--config FILE`` < flags.

Paths and globs in a config file (wire, include, exclude, accept-names) are relative to the
file's folder. Unknown keys and bad values are errors that name the key: a typo must not
switch a check off silently. ``settings()`` merges a ``Config`` with the command line's flags
into the ``Settings`` of a run.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from .inputs import DEFAULT_MAX_BYTES
from .model import Severity
from .report import FORMATS
from .rules import DEFAULT_RULES, Rule, find_rule, select_rules, unknown_selectors
from .scoring import DEFAULT_MIN_CONFIDENCE, DEFAULT_THRESHOLD
from .text import fold


class ConfigError(Exception):
    """A bad config file or value; the CLI reports it in one line and exits 2."""


@dataclass(frozen=True)
class Config:
    source: str | None = None  # the file the settings came from
    wire: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    threshold: float | None = None
    fail_on: Severity | None = None
    accept_names: tuple[str, ...] = ()  # the names themselves, read from the file
    output_format: str | None = None
    jobs: int | None = None
    languagetool_url: str | None = None
    max_bytes: int | None = None
    require_wire: bool | None = None
    min_confidence: float | None = None
    scheduler: str | None = None


def find_config(start: Path) -> Path | None:
    """The nearest ``newsaudit.toml``, or ``pyproject.toml`` with a ``[tool.newsaudit]`` table."""
    for folder in (start, *start.parents):
        candidate = folder / "newsaudit.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "newsaudit" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def load_config(path: Path | None) -> Config:
    """Read and validate a config file (``None``: no file, all defaults)."""
    if path is None:
        return Config()
    data = _read_toml(path)
    # pyproject.toml keeps the settings under [tool.newsaudit]; newsaudit.toml may have them at
    # the top level or, pasted from a pyproject.toml, under the same table
    nested = data.get("tool", {}).get("newsaudit", {}) if isinstance(data.get("tool"), dict) else {}
    table = nested if path.name == "pyproject.toml" or set(data) == {"tool"} else data
    return parse_table(table, path)


def _read_toml(path: Path) -> dict:
    import tomllib  # here: a run without a config file does not pay for the import

    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: invalid TOML: not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from exc


def parse_table(table: dict, path: Path) -> Config:
    base = path.parent
    known = {
        "wire",
        "include",
        "exclude",
        "select",
        "ignore",
        "severity",
        "threshold",
        "fail-on",
        "accept-names",
        "format",
        "jobs",
        "languagetool-url",
        "max-bytes",
        "require-wire",
        "min-confidence",
        "scheduler",
    }
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(
            f"{path}: unknown key {unknown[0]!r} in newsaudit settings "
            f"(known: {', '.join(sorted(known))})"
        )
    values: dict = {"source": str(path)}
    for key in ("wire", "include", "exclude", "select", "ignore"):
        if key in table:
            values[key] = tuple(_strings(table[key], key, path))
    values["wire"] = tuple(
        str(base / w) if not Path(w).is_absolute() else w for w in values.get("wire", ())
    )
    bad = unknown_selectors(list(values.get("select", ())) + list(values.get("ignore", ())))
    if bad:
        raise ConfigError(f"{path}: select/ignore: unknown rule {bad[0]!r}")
    if "severity" in table:
        if not isinstance(table["severity"], dict):
            raise ConfigError(f"{path}: 'severity' must be a table of rule = severity")
        severities = {}
        for rule_key, value in table["severity"].items():
            rule = find_rule(rule_key)
            if rule is None:
                raise ConfigError(f"{path}: severity: unknown rule {rule_key!r}")
            severities[rule.code] = _severity(value, f"severity.{rule_key}", path)
        values["severity"] = severities
    values.update(_numbers(table, path))
    if "fail-on" in table:
        values["fail_on"] = _severity(table["fail-on"], "fail-on", path)
    if "accept-names" in table:
        values["accept_names"] = tuple(_accept_list(table["accept-names"], base, path))
    if "format" in table:
        if table["format"] not in FORMATS:
            raise ConfigError(
                f"{path}: 'format' must be one of {', '.join(FORMATS)}, not {table['format']!r}"
            )
        values["output_format"] = table["format"]
    if "require-wire" in table:
        if not isinstance(table["require-wire"], bool):
            raise ConfigError(
                f"{path}: 'require-wire' must be true or false, not {table['require-wire']!r}"
            )
        values["require_wire"] = table["require-wire"]
    values.update(_single_strings(table, ("languagetool-url", "scheduler"), path))
    return Config(**values)


def _numbers(table: dict, path: Path) -> dict:
    """The numeric settings, each checked: a typo must not pass as a default."""
    values: dict = {}
    checks = (("threshold", float, lambda v: math.isfinite(v) and v >= 0, "a number >= 0"),
              ("min-confidence", float, lambda v: 0 <= v <= 1, "a number from 0 to 1"),
              ("jobs", int, lambda v: v >= 1, "a whole number >= 1"),
              ("max-bytes", int, lambda v: v >= 1, "a whole number >= 1"))
    for key, kind, valid, expected in checks:
        if key not in table:
            continue
        value = table[key]
        numeric = (int, float) if kind is float else int
        if isinstance(value, bool) or not isinstance(value, numeric) or not valid(value):
            raise ConfigError(f"{path}: {key!r} must be {expected}, not {value!r}")
        values[key.replace("-", "_")] = kind(value)
    return values


def _single_strings(table: dict, keys: tuple[str, ...], path: Path) -> dict[str, str]:
    return {
        key.replace("-", "_"): _strings([table[key]], key, path)[0] for key in keys if key in table
    }


def _strings(value, key: str, path: Path) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: {key!r} must be a string or a list of strings")
    return value


def _severity(value, key: str, path: Path) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        raise ConfigError(
            f"{path}: {key!r} must be minor, major or critical, not {value!r}"
        ) from None


def _accept_list(value, base: Path, path: Path) -> list[str]:
    file = base / _strings([value], "accept-names", path)[0]
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(
            f"{path}: 'accept-names': cannot read {file}: {exc.strerror or exc}"
        ) from None
    return [line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()]


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know, merged: defaults < config file < flags."""

    rules: tuple[Rule, ...] = DEFAULT_RULES
    threshold: float = DEFAULT_THRESHOLD
    fail_on: Severity | None = None
    severity: dict[str, Severity] = field(default_factory=dict)
    accept_names: frozenset[str] = frozenset()  # folded spellings the name rules never flag
    wire: tuple[str, ...] = ()  # wire paths or globs
    include: tuple[str, ...] = ()  # article globs, relative to ``root``
    exclude: tuple[str, ...] = ()
    root: str = "."  # the config file's folder (or the cwd)
    max_bytes: int = DEFAULT_MAX_BYTES
    jobs: int = 1
    languagetool_url: str | None = None
    output_format: str | None = None
    baseline: str | None = None  # report only findings not recorded here
    stdin_filename: str | None = None  # the name reported for "-"
    require_wire: bool = False  # fail an article no wire of the pool matches
    min_confidence: float = DEFAULT_MIN_CONFIDENCE  # findings less sure are not reported
    scheduler: str | None = None  # a Dask scheduler's address: audit there
    connect_timeout: float = 10.0  # seconds to wait for that scheduler


def settings(
    config: Config = Config(),
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    wire: Sequence[str] = (),
    threshold: float | None = None,
    fail_on: Severity | None = None,
    jobs: int | None = None,
    languagetool_url: str | None = None,
    max_bytes: int | None = None,
    output_format: str | None = None,
    baseline: str | None = None,
    stdin_filename: str | None = None,
    require_wire: bool | None = None,
    min_confidence: float | None = None,
    scheduler: str | None = None,
) -> Settings:
    """Flags over the config file over defaults. Raises ConfigError on an unknown rule."""
    selected = list(select) or list(config.select)
    ignored = list(ignore) + list(config.ignore)
    unknown = unknown_selectors(selected + ignored)
    if unknown:
        raise ConfigError(f"unknown rule selector(s): {', '.join(unknown)} (see `newsaudit rules`)")
    if threshold is not None and not (math.isfinite(threshold) and threshold >= 0):
        raise ConfigError(f"--threshold must be a number >= 0, not {threshold!r}")
    first = lambda *values: next((v for v in values if v is not None), None)  # noqa: E731
    return Settings(
        rules=select_rules(selected, ignored),
        threshold=first(threshold, config.threshold, DEFAULT_THRESHOLD),
        fail_on=fail_on or config.fail_on,
        severity=dict(config.severity),
        accept_names=frozenset(fold(n) for n in config.accept_names),
        wire=tuple(wire) or config.wire,
        include=config.include,
        exclude=config.exclude,
        root=str(Path(config.source).parent) if config.source else str(Path.cwd()),
        max_bytes=max_bytes or config.max_bytes or DEFAULT_MAX_BYTES,
        jobs=jobs or config.jobs or os.cpu_count() or 1,
        languagetool_url=languagetool_url or config.languagetool_url,
        output_format=output_format or config.output_format,
        baseline=baseline,
        stdin_filename=stdin_filename,
        require_wire=first(require_wire, config.require_wire, False),
        min_confidence=_unit_interval(
            first(min_confidence, config.min_confidence, DEFAULT_MIN_CONFIDENCE), "--min-confidence"
        ),
        scheduler=scheduler or config.scheduler,
    )


def _unit_interval(value: float, name: str) -> float:
    if not (math.isfinite(value) and 0 <= value <= 1):
        raise ConfigError(f"{name} must be a number from 0 to 1, not {value!r}")
    return value
