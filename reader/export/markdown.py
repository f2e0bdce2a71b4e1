"""A Markdown report for an editor: per article, its fact-checks, then other notes.

All article and user text is made display-safe (no control or bidi characters)
and escaped, so it reads as typed and cannot add headings, lists, links, HTML
or code blocks of its own. Quotes are blockquotes, line by line.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import quote

from reader.annotations.model import AnchorState, Kind
from reader.corpus.sanitize import display_safe
from reader.export.gather import ArticleEntry, Gathered, Item
from reader.export.jsontext import is_link, utc_stamp

_INLINE = re.compile(r"[\\`*_\[\]<>|~]")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# Line starts that Markdown reads as structure once inline characters are
# escaped: headings, list items, thematic breaks and setext underlines.
_LINE_START = re.compile(r"^(#|[-+=](?=\s|$|[-=]+\s*$)|\d{1,9}(?=[.)]))")


def inline(text: str) -> str:
    """One line of escaped text: newlines and runs of spaces become one space."""
    text = " ".join(display_safe(text).split())
    return _escape_line(text)


def _backslash(match: re.Match[str]) -> str:
    return "\\" + match.group()


def _escape_line(line: str) -> str:
    if _INLINE.search(line):  # most lines have nothing to escape
        line = _INLINE.sub(_backslash, line)
    if "&" in line:
        line = _ENTITY.sub(_backslash, line)
    match = _LINE_START.match(line)
    if match:
        token = match.group(1)
        cut = len(token) if token[0].isdigit() else 0  # 1. -> 1\. ; # -> \#
        line = line[:cut] + "\\" + line[cut:]
    return line


def block(text: str, marker: str = "") -> list[str]:
    """Escaped lines of `text`, each prefixed with `marker` (e.g. '> ')."""
    lines = display_safe(text).split("\n")
    out = []
    for raw in lines:
        stripped = raw.strip()  # leading spaces would make code blocks
        out.append((marker + _escape_line(stripped)).rstrip() if stripped else marker.rstrip())
    return out


def link(url: str, label: str = "") -> str:
    """[label](<url>) for web/mail links; anything else (javascript:, data:, ...)
    is shown as escaped text, never as a link."""
    url = display_safe(url).strip()
    text = inline(label) if label.strip() else inline(url)
    if not is_link(url):
        return f"{text} (not a web link: {inline(url)})" if label.strip() else text
    safe = quote(url, safe=":/?#[]@!$&'()*+,;=%~-._")
    safe = safe.replace("<", "%3C").replace(">", "%3E")
    return f"[{text}](<{safe}>)"


def _field(name: str, value: str) -> list[str]:
    lines = block(value)
    if len(lines) == 1:
        return [f"- **{name}:** {lines[0]}"]
    return [f"- **{name}:**", *("  " + line if line else "" for line in lines)]


def _quote(item: Item) -> list[str]:
    anchor = item.annotation.anchor
    if anchor is None:
        return ["*(about the whole article)*"]
    lines = block(anchor.exact, "> ")
    if item.state is AnchorState.ORPHANED:
        lines.append(">")
        lines.append("> *(this passage is no longer found in the article)*")
    elif item.state is AnchorState.MOVED:
        lines.append(">")
        lines.append("> *(the article changed; the passage was found elsewhere)*")
    return lines


def _details(item: Item, *, with_verdict: bool) -> list[str]:
    a = item.annotation
    lines: list[str] = []
    if with_verdict:
        lines += _field("Verdict", a.verdict or "no verdict yet")
    if a.claim:
        lines += _field("Claim", a.claim)
    if a.claimant:
        lines += _field("Claimant", a.claimant)
    if a.conclusion:
        lines += _field("Conclusion", a.conclusion)
    if a.note:
        lines += _field("Note", a.note)
    if a.tags:
        lines.append("- **Tags:** " + ", ".join(inline(t) for t in a.tags))
    if a.sources:
        lines.append("- **Sources:**")
        lines += [f"  - {link(s.url, s.note)}" for s in a.sources]
    meta = [f"status: {inline(str(a.status))}"]
    if a.author:
        meta.append(f"by {inline(a.author)}")
    meta.append(f"updated {inline(a.updated[:10])}")
    lines.append("- *" + ", ".join(meta) + "*")
    return lines


def _article(entry: ArticleEntry) -> list[str]:
    article = entry.article
    title = article.title.value if article is not None and article.title.value else entry.id
    lines = [f"## {inline(title)}", ""]
    facts = []
    if article is None:
        facts.append("*not in the corpus*")
    else:
        if article.outlet.value:
            facts.append(inline(article.outlet.value))
        if article.author.value:
            facts.append("by " + inline(article.author.value))
        facts.append(inline(article.published.value) if article.published.value else "date unknown")
    facts.append(f"file: {inline(entry.path or entry.id)}")
    lines += [" · ".join(facts), ""]
    checks = [i for i in entry.items if i.annotation.kind is Kind.FACTCHECK]
    others = [i for i in entry.items if i.annotation.kind is not Kind.FACTCHECK]
    if checks:
        lines += ["### Fact-checks", ""]
        for n, item in enumerate(checks, 1):
            verdict = item.annotation.verdict
            heading = inline(verdict.upper()) if verdict else "NO VERDICT YET"
            lines += [f"#### {n}. {heading}", "", *_quote(item), ""]
            lines += [*_details(item, with_verdict=True), ""]
    if others:
        lines += ["### Other notes", ""]
        for item in others:
            label = {Kind.HIGHLIGHT: "Highlight", Kind.TAG: "Tag", Kind.NOTE: "Note"}.get(
                item.annotation.kind, "Note"
            )
            lines += [f"#### {label}", "", *_quote(item), ""]
            lines += [*_details(item, with_verdict=False), ""]
    if not entry.items:
        lines += ["*No annotations.*", ""]
    return lines


def render(gathered: Gathered, now: datetime) -> tuple[str, int]:
    count = gathered.count
    articles = len(gathered.articles)
    checks = sum(1 for i in gathered.items if i.annotation.kind is Kind.FACTCHECK)
    lines = [
        "# Fact-check report",
        "",
        f"Exported {utc_stamp(now)}: {count} annotation{'s' if count != 1 else ''}"
        f" ({checks} fact-check{'s' if checks != 1 else ''})"
        f" in {articles} article{'s' if articles != 1 else ''}.",
        "",
    ]
    for entry in gathered.articles:
        lines += _article(entry)
    return "\n".join(lines).rstrip("\n") + "\n", count
