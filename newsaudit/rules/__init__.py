"""The rule catalogue: every rule of every family, in code order."""

from __future__ import annotations

from typing import Iterable

from . import (
    boilerplate,
    coverage,
    grammar_rules,
    language,
    meaning,
    name_variants,
    names,
    punctuation,
    quantities,
    semantics,
    wording,
)
from .base import AuditContext, Rule

ALL_RULES: tuple[Rule, ...] = tuple(
    sorted(
        names.RULES
        + semantics.RULES
        + meaning.RULES
        + quantities.RULES
        + coverage.RULES
        + language.RULES
        + punctuation.RULES
        + name_variants.RULES
        + boilerplate.RULES
        + wording.RULES
        + grammar_rules.RULES,
        key=lambda r: r.code,
    )
)


def find_rule(key: str) -> Rule | None:
    """A rule by code ("NA101") or name ("name-drift"), case-insensitive."""
    key = key.strip().lower()
    for rule in ALL_RULES:
        if rule.code.lower() == key or rule.name == key:
            return rule
    return None


def _matches(rule: Rule, selector: str) -> bool:
    selector = selector.strip().lower()
    return bool(selector) and (rule.code.lower().startswith(selector) or rule.name == selector)


DEFAULT_RULES: tuple[Rule, ...] = tuple(r for r in ALL_RULES if r.default)


def select_rules(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> tuple[Rule, ...]:
    """Rules chosen by code prefix or name, minus ``ignore``-d ones.

    Without ``select``: the default rules. A rule that is off by default is chosen only when a
    selector names it exactly (its full code or name), like ruff's preview rules.
    """
    select, ignore = list(select), list(ignore)
    if select:
        chosen = [
            r
            for r in ALL_RULES
            if any(_matches(r, s) for s in select)
            and (r.default or any(s.strip().lower() in (r.code.lower(), r.name) for s in select))
        ]
    else:
        chosen = list(DEFAULT_RULES)
    return tuple(r for r in chosen if not any(_matches(r, s) for s in ignore))


def unknown_selectors(selectors: Iterable[str]) -> list[str]:
    return [s for s in selectors if s.strip() and not any(_matches(r, s) for r in ALL_RULES)]


__all__ = ["ALL_RULES", "AuditContext", "Rule", "find_rule", "select_rules", "unknown_selectors"]
