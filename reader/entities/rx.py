"""Small helpers for building fast regular expressions."""

from __future__ import annotations

import re


def cased(words: str) -> str:
    """An alternation of `words` (space separated), lowercase or capitalised.

    Spelled as plain literals ("two|Two") rather than "[Tt]wo" or scoped (?i:...)
    flags: Python's regex engine tests literal branches several times faster.
    """
    return "(?:" + trie(cased_words(words)) + ")"


def cased_words(words: str) -> list[str]:
    items = words.split()
    return items + [w[0].upper() + w[1:] for w in items if w[0].islower()]


def words(text: str) -> list[str]:
    """The whitespace-separated words of `text`."""
    return text.split()


def trie(words: list[str] | str) -> str:
    """A regex matching exactly `words`, factored by common prefixes ("t(?:wo|hree)").

    A long flat alternation is tested branch by branch at every position; the
    factored form rejects a position after one or two characters.
    """
    if isinstance(words, str):
        words = words.split()
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _serialize(root)


def _serialize(node: dict[str, dict]) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _serialize(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?"
    return body
