"""Cutting one typed capitalised sequence into candidates: titles, whole org/place names
(recognised by reader.entities.wholenames), "person of org", "X and Y", and plain name
runs with the evidence each carries."""

from __future__ import annotations

from reader.entities.candidates import (
    COMMON,
    CONN,
    NAME,
    ORG_GAZ,
    PLACE_GAZ,
    TITLE,
    Cand,
    Item,
    strip_conn,
)
from reader.entities.model import Label
from reader.entities.textscan import PARTICLES, Token
from reader.entities.wholenames import WholeNameMixin
from reader.entities.wordsets import (
    COMPASS,
    CORPORATE_TITLES,
    NOT_ORG_ACRONYMS,
    NOT_PERSON_HEADS,
    PERSONAL_HONORIFICS,
)


def _particle_before_name(toks: list[Token], run: list[Item], k: int) -> bool:
    """run[k] is a name particle followed (through more particles) by a name word:
    "de los" in "Martin de los Santos", "von der" in "Ursula von der Leyen"."""
    while k < len(run) and run[k].kind == CONN and toks[run[k].i0].text in PARTICLES:
        k += 1
    return k < len(run) and run[k].kind == NAME


class RunsMixin(WholeNameMixin):
    """Run-level rules of `NameScanner` (kept apart to keep each module small);
    whether a run names one org or place as a whole is `WholeNameMixin`'s."""

    def _runs(
        self,
        toks: list[Token],
        items: list[Item],
        out: list[Cand],
        sent_init: bool,
        title_line: bool,
        the_start: int | None,
        the_any: bool = False,
    ) -> None:
        runs: list[tuple[list[Item], Item | None]] = []
        current: list[Item] = []
        title: Item | None = None
        corporate_before: set[int] = set()  # runs followed by "CEO", "Chief Executive"
        for item in items:
            if item.kind == COMMON and item.canon == "maybe":
                self._emit(toks, item.i0, item.i1, None, False, out, why="maybe", title_line=True)
            if item.kind in (TITLE, COMMON):
                if current:
                    if item.kind == TITLE and any(
                        toks[k].bare in CORPORATE_TITLES for k in range(item.i0, item.i1 + 1)
                    ):
                        corporate_before.add(len(runs))
                    runs.append((current, title))
                current = []
                title = item if item.kind == TITLE else None
                continue
            current.append(item)
        if current:
            runs.append((current, title))
        first_start = toks[0].start
        lex = self.lex
        for run_index, (run, run_title) in enumerate(runs):
            run = strip_conn(run)
            if not run:
                continue
            if (
                run_index in corporate_before
                and run_title is None
                and all(it.kind == NAME for it in run)
                and toks[run[0].i0].text not in lex.first_names
            ):
                # "Infosys CEO Salil Parekh": the name before a corporate title is the firm
                self._emit(
                    toks,
                    run[0].i0,
                    run[-1].i1,
                    Label.ORG,
                    True,
                    out,
                    why="corporate-title",
                    title_line=title_line,
                )
                continue
            ctx = {
                "sent_init": sent_init and toks[run[0].i0].start == first_start,
                "title_line": title_line,
            }
            if run_title is not None:
                last = toks[run[-1].i1].bare
                if (
                    all(it.kind != CONN for it in run)
                    and run[-1].kind == NAME
                    and (last in lex.org_suffix or last in lex.place_suffix)
                    and toks[run[0].i0].text not in lex.first_names
                ):
                    # "General Elections Commission": not a title, part of the name
                    label = Label.ORG if last in lex.org_suffix else Label.PLACE
                    self._emit(
                        toks, run_title.i0, run[-1].i1, label, True, out, why="suffix", **ctx
                    )
                    continue
                honorific = toks[run_title.i0].bare in PERSONAL_HONORIFICS
                k = self._person_extent(toks, run)
                self._name_cand(toks, run[:k], True, honorific, out, ctx)
                run = strip_conn(run[k:])
                ctx = {**ctx, "sent_init": False}
            for part in self._split_and(toks, run):
                whole = self._whole_run(toks, part)
                if whole is not None:
                    label, i0, why = whole
                    start = toks[i0].start
                    if the_start is not None and i0 == run[0].i0 and label == Label.ORG:
                        start = the_start
                    self._emit(toks, i0, part[-1].i1, label, True, out, why=why, start=start, **ctx)
                elif (
                    the_start is not None
                    and part[0].i0 == 0
                    and all(it.kind == NAME for it in part)
                    and any(toks[it.i0].bare in lex.org_suffix for it in part)
                ):
                    # "The Astrophysical Journal Letters"
                    self._emit(
                        toks,
                        0,
                        part[-1].i1,
                        Label.ORG,
                        True,
                        out,
                        why="the-org",
                        start=the_start,
                        **ctx,
                    )
                else:
                    before = len(out)
                    self._split_run(toks, part, out, ctx)
                    if the_any and part[0].i0 == 0:
                        for cand in out[before:]:
                            cand.after_the = True
                ctx = {**ctx, "sent_init": False}

    @staticmethod
    def _person_extent(toks: list[Token], run: list[Item]) -> int:
        """How many items of a titled run make the person's name ("Adam Smith" of ...)."""
        if run[0].kind != NAME:
            return 1  # "Mr. Jordan": a gazetteer word used as a surname
        k = 0
        while k < len(run):
            item = run[k]
            if item.kind == NAME or _particle_before_name(toks, run, k):
                k += 1
            else:
                break
        return k

    def _split_and(self, toks: list[Token], run: list[Item]) -> list[list[Item]]:
        """Cut a run at "and" after a complete name ("X Foundation and the Y Trust"),
        and at "of" after a person's name ("Priya Natarajan of Yale University")."""
        lex = self.lex
        parts: list[list[Item]] = []
        current: list[Item] = []
        for pos, item in enumerate(run):
            if (
                item.kind == CONN
                and toks[item.i0].text in ("of", "for")
                and len(current) >= 2
                and all(it.kind == NAME for it in current)
                and toks[current[0].i0].text in lex.first_names
                and not any(
                    toks[it.i0].bare in lex.org_suffix or toks[it.i0].bare in lex.org_head
                    for it in current
                )
            ):
                parts.append(current)
                current = []
                continue
            if item.kind == CONN and toks[item.i0].text == "and" and current:
                prev = current[-1]
                nxt_the = item.i0 + 1 < len(toks) and toks[item.i0 + 1].text == "the"
                last = toks[run[-1].i1].bare
                right_is_named = last in lex.org_suffix or last in lex.place_suffix
                if (
                    (
                        prev.kind in (ORG_GAZ, PLACE_GAZ)
                        and (nxt_the or not right_is_named or prev.i1 > prev.i0)
                    )
                    or (
                        prev.kind == NAME
                        and (
                            toks[prev.i1].bare in lex.org_suffix
                            or toks[prev.i1].bare in lex.place_suffix
                        )
                    )
                    or (
                        # "the Ministry of Trade and Industry and the Department of Health"
                        nxt_the and len(current) > 1 and self._whole_run(toks, current) is not None
                    )
                    or (
                        # "Tala and Apollo Agriculture": a lone name, then a named firm
                        len(current) == 1
                        and prev.kind == NAME
                        and not self.is_common(toks[prev.i0].bare)
                        and (
                            self._named_firm(toks, strip_conn(run[pos + 1 :]))
                            or (
                                # "Lokmat and the Times of India"
                                nxt_the
                                and self._whole_run(toks, strip_conn(run[pos + 1 :])) is not None
                            )
                        )
                    )
                    or (
                        # "Banco Santander and Deutsche Telekom": two complete names
                        self._complete(toks, current)
                        and not self.is_common(toks[current[-1].i1].bare)  # "Health and Human"
                        and self._complete(toks, strip_conn(run[pos + 1 :]))
                    )
                ):
                    parts.append(current)
                    current = []
                    continue
            current.append(item)
        if current:
            parts.append(current)
        return [p for p in (strip_conn(p) for p in parts) if p]

    def _split_run(
        self, toks: list[Token], run: list[Item], out: list[Cand], ctx: dict[str, bool]
    ) -> None:
        """Cut a run into gazetteer hits and plain name candidates; drop demonyms."""
        names: list[Item] = []
        at_start = ctx["sent_init"]  # the first item opens the sentence

        def flush() -> None:
            if names:
                sent_init = at_start and names[0] is run[0]
                self._name_cand(toks, names, False, False, out, {**ctx, "sent_init": sent_init})
                names.clear()

        skip_to = -1
        for idx, item in enumerate(run):
            if idx <= skip_to:
                continue
            if item.kind == NAME:
                names.append(item)
            elif item.kind == CONN:
                if names and _particle_before_name(toks, run, idx):
                    names.append(item)
                else:
                    flush()
            elif item.kind in (ORG_GAZ, PLACE_GAZ):
                flush()
                label = Label.ORG if item.kind == ORG_GAZ else Label.PLACE
                sent_init = at_start and item is run[0]
                end = item.i1
                if item.kind == ORG_GAZ and not ctx["title_line"]:
                    # "Reliance Jio", "Samsung Biologics": a known company's named unit
                    j = idx + 1
                    while j < len(run) and (
                        (
                            run[j].kind == NAME
                            and not self.is_common(toks[run[j].i0].bare)
                            and toks[run[j].i0].text not in self.lex.first_names
                        )
                        or (run[j].kind == ORG_GAZ and run[j].i0 == run[j].i1)  # "Reliance Jio"
                    ):
                        end = run[j].i1
                        skip_to = j
                        j += 1
                self._emit(
                    toks,
                    item.i0,
                    end,
                    label,
                    True,
                    out,
                    why="gazetteer",
                    sent_init=sent_init,
                    title_line=ctx["title_line"],
                )
                out[-1].key = item.canon if end == item.i1 else out[-1].text
            else:  # a demonym ends a name and is not one
                flush()
        flush()

    def _name_cand(
        self,
        toks: list[Token],
        names: list[Item],
        titled: bool,
        honorific: bool,
        out: list[Cand],
        ctx: dict[str, bool],
    ) -> None:
        lex = self.lex
        i0, i1 = names[0].i0, names[-1].i1
        words = [toks[i].text for i in range(i0, i1 + 1)]
        bare = [w.rstrip(".") for w in words]
        label: Label | None = None
        strong = False
        why = ""
        initials = [w for w in words if len(w) == 2 and w.endswith(".")]
        if titled:
            label, strong, why = Label.PERSON, True, "title"
        elif (
            len(words) == 1
            and bare[0].replace("&", "").isalpha()
            and bare[0].isupper()
            and 2 <= len(bare[0]) <= 5
            and bare[0] not in NOT_ORG_ACRONYMS
            and not (len(bare[0]) > 3 and self.is_common(bare[0]))  # "NEWS", "UPDATE"
        ):
            label, strong, why = Label.ORG, False, "acronym"
        elif bare[-1] in NOT_PERSON_HEADS:
            pass  # "James Webb Space Telescope", "Nobel Peace Prize"
        elif len(words) >= 2 and bare[-1] in lex.org_suffix:
            label, strong, why = Label.ORG, True, "org-suffix"  # "Cancer Research" (UK)
        elif len(words) >= 2 and any(
            w.isupper() and w.isalpha() and len(w) > 1 and w not in NOT_ORG_ACRONYMS for w in bare
        ):
            label, strong, why = Label.ORG, False, "acronym-in-name"  # "SK Hynix"
        elif len(words) >= 2 and words[0] in lex.first_names and not self._compass(bare):
            label, strong, why = Label.PERSON, True, "given-name"
        elif len(words) >= 3 and initials and words[-1] not in initials:
            label, strong, why = Label.PERSON, True, "initial"
        elif any(w in PARTICLES for w in words) and len(words) >= 3:
            label, strong, why = Label.PERSON, True, "particle"
        self._emit(
            toks, i0, i1, label, strong, out, why=why, titled=titled, honorific=honorific, **ctx
        )

    @staticmethod
    def _compass(words: list[str]) -> bool:
        return any(w in COMPASS for w in words)

    def _emit(
        self,
        toks: list[Token],
        i0: int,
        i1: int,
        label: Label | None,
        strong: bool,
        out: list[Cand],
        *,
        why: str,
        start: int | None = None,
        titled: bool = False,
        honorific: bool = False,
        sent_init: bool = False,
        title_line: bool = False,
    ) -> None:
        s = toks[i0].start if start is None else start
        e = toks[i1].end
        out.append(
            Cand(
                start=s,
                end=e,
                text=self.text[s:e],
                tokens=tuple(t.text for t in toks[i0 : i1 + 1]),
                label=label,
                strong=strong,
                titled=titled,
                honorific=honorific,
                sent_init=sent_init,
                title_line=title_line,
                why=why,
            )
        )
