"""Cutting one typed capitalised sequence into candidates: titles, whole org/place names,
"person of org", "X and Y", and plain name runs with the evidence each carries."""

from __future__ import annotations

from reader.entities.candidates import (
    COMMON,
    CONN,
    DEMONYM,
    NAME,
    ORG_GAZ,
    PLACE_GAZ,
    TITLE,
    Cand,
    Item,
    strip_conn,
)
from reader.entities.lexicon import Lexicon
from reader.entities.model import Label
from reader.entities.textscan import PARTICLES, Token
from reader.entities.wordsets import (
    COMPASS,
    CORPORATE_TITLES,
    GENERIC_ORG_AFTER,
    NOT_ORG_ACRONYMS,
    NOT_PERSON_HEADS,
    PERSONAL_HONORIFICS,
)

_CONTINENTS = frozenset(
    ("Africa", "Asia", "Europe", "Americas", "Latin America", "Middle East", "Asia Pacific")
)


def _particle_before_name(toks: list[Token], run: list[Item], k: int) -> bool:
    """run[k] is a name particle followed (through more particles) by a name word:
    "de los" in "Martin de los Santos", "von der" in "Ursula von der Leyen"."""
    while k < len(run) and run[k].kind == CONN and toks[run[k].i0].text in PARTICLES:
        k += 1
    return k < len(run) and run[k].kind == NAME


class RunsMixin:
    """Run-level rules of `NameScanner` (kept apart to keep each module small)."""

    text: str
    lex: Lexicon

    def is_common(self, word: str) -> bool:  # pragma: no cover - provided by NameScanner
        raise NotImplementedError

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

    def _named_firm(self, toks: list[Token], part: list[Item]) -> bool:
        """Two or more plain name words, the first no common word, the last an org
        ending ("Apollo Agriculture", "Kilimo Ventures")."""
        return (
            len(part) >= 2
            and all(it.kind == NAME for it in part)
            and not self.is_common(toks[part[0].i0].bare)
            and toks[part[-1].i1].bare in self.lex.org_suffix
        )

    def _complete(self, toks: list[Token], part: list[Item]) -> bool:
        """Whether `part` names something on its own (not "Ministry of Trade" + "Industry")."""
        if not part:
            return False
        if len(part) == 1:
            return part[0].kind in (ORG_GAZ, PLACE_GAZ)
        if any(it.kind == CONN and toks[it.i0].text == "and" for it in part):
            return False
        return self._whole_run(toks, part) is not None

    def _whole_run(self, toks: list[Token], run: list[Item]) -> tuple[Label, int, str] | None:
        """A run that names one org or place as a whole ("Kyiv Independent", "Gulf of Aden")."""
        lex = self.lex
        if len(run) < 2:
            return None
        last = run[-1]
        first = run[0]
        label = None
        why = ""
        after = GENERIC_ORG_AFTER.match(self.text, toks[last.i1].end)
        ampersand = any(it.kind == CONN and toks[it.i0].text == "&" for it in run)
        if (
            len(run) >= 3
            and last.kind == PLACE_GAZ
            and toks[last.i0].text in lex.countries
            and run[-2].kind == NAME
            and toks[run[-2].i1].bare in lex.org_suffix
        ):
            return Label.ORG, first.i0, "org-country"  # "Cancer Research UK"
        if (
            last.kind == PLACE_GAZ
            and last.canon in _CONTINENTS
            and all(it.kind == NAME for it in run[:-1])
            and toks[first.i0].text not in lex.first_names
            and not any(self.is_common(toks[it.i0].bare) for it in run[:-1])
        ):
            return Label.ORG, first.i0, "regional-unit"  # "Airtel Africa", "Jumia Europe"
        if (
            first.kind == PLACE_GAZ
            and first.i0 == first.i1
            and toks[first.i0].text in lex.countries
            and all(it.kind == NAME and toks[it.i0].text not in lex.first_names for it in run[1:])
        ):
            return Label.ORG, first.i0, "country-company"  # "China Mobile", "Statistics"
        if (
            len(run) == 2
            and first.kind == PLACE_GAZ
            and first.i0 == first.i1
            and toks[first.i0].text not in lex.countries
            and last.kind == ORG_GAZ
            and last.i1 > last.i0
            and toks[last.i1].bare in lex.org_suffix
        ):
            return Label.ORG, first.i0, "city-org"  # "Bombay High Court"
        if ampersand and first.kind == NAME and last.kind == NAME:
            label, why = Label.ORG, "ampersand"  # "Procter & Gamble", "Larsen & Toubro"
        elif after and last.kind != DEMONYM and first.kind != DEMONYM:
            label, why = Label.ORG, "party-after"  # "the Alternative for Germany party"
        elif first.kind == NAME and toks[first.i0].bare in lex.org_prefix:
            label, why = Label.ORG, "org-prefix"  # "Banco Santander", "Deutsche Telekom"
        elif last.kind == NAME and toks[last.i1].bare in lex.org_suffix:
            label, why = Label.ORG, "org-suffix"
        elif last.kind == NAME and toks[last.i1].bare in lex.place_suffix:
            label, why = Label.PLACE, "place-suffix"
        elif (
            first.kind == NAME
            and len(run) > 2
            and run[1].kind == CONN
            and toks[run[1].i0].text in ("of", "for", "on")
            and toks[first.i0].bare in lex.place_head
            and toks[first.i0].bare not in lex.org_head
        ):
            label, why = Label.PLACE, "place-head"
        else:
            for k in range(len(run) - 2):
                item, nxt = run[k], run[k + 1]
                if (
                    item.kind == NAME
                    and nxt.kind == CONN
                    and toks[nxt.i0].text in ("of", "for", "on")
                    and toks[item.i0].bare in lex.org_head
                ):
                    # "University of Tokyo", "Max Planck Institute for Physics"
                    label, why = Label.ORG, "org-head"
                    break
        if label is None:
            return None
        i0 = first.i0
        if first.kind == DEMONYM and len(run) > 1 and run[1].kind == CONN:
            # "Democrat on the Armed Services Committee": the demonym is not part of it
            rest = strip_conn(run[1:])
            return (label, rest[0].i0, why) if rest else None
        if first.kind == DEMONYM and len(run) > 1:
            rest = run[1:]
            # "the Russian Black Sea Fleet" names a known place after the demonym;
            # "European Space Agency" does not, and keeps it
            distinctive = any(it.kind in (ORG_GAZ, PLACE_GAZ) for it in rest)
            while rest and rest[0].kind == CONN:
                rest = rest[1:]
            if distinctive and rest:
                i0 = rest[0].i0
        return label, i0, why

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
