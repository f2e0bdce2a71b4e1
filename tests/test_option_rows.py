"""option_rows: a row put in, taken out or replaced leaves the OptionList's
line table, indexes and ids as rebuilding them from scratch gives."""

from __future__ import annotations

import random

from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.tui.widgets.fixed_rows import FixedRows
from reader.tui.widgets.option_rows import insert_option, remove_option, replace_prompt


def rows(name: str, height: int) -> FixedRows:
    return FixedRows(Content("\n".join(f"{name} line {i}" for i in range(height))))


class ListApp(App[None]):
    def compose(self) -> ComposeResult:
        yield OptionList(*[Option(rows(f"r{i}", 1 + i % 3), id=f"r{i}") for i in range(12)])


def table(option_list: OptionList) -> tuple[object, ...]:
    cache = option_list._line_cache
    return (list(cache.lines), dict(cache.heights), dict(cache.index_to_line))


def rebuilt(option_list: OptionList) -> tuple[object, ...]:
    option_list._line_cache.clear()
    option_list._update_lines()
    return table(option_list)


async def test_row_changes_keep_the_line_table_as_a_rebuild_makes_it() -> None:
    rng = random.Random(7)
    app = ListApp()
    async with app.run_test(size=(60, 30)) as pilot:
        option_list = app.query_one(OptionList)
        option_list._update_lines()
        made = 100
        for _ in range(80):
            count = len(option_list.options)
            what = rng.choice(["insert", "remove", "replace", "replace"]) if count else "insert"
            at = rng.randrange(count + (what == "insert")) if count or what == "insert" else 0
            if what == "insert":
                made += 1
                insert_option(
                    option_list, at, Option(rows(f"n{made}", rng.randint(1, 3)), id=f"n{made}")
                )
            elif what == "remove":
                gone = remove_option(option_list, at)
                assert gone.id not in option_list._id_to_option
            else:
                before = option_list.options[at].prompt.lines  # type: ignore[attr-defined]
                height = rng.randint(1, 3)
                replace_prompt(option_list, at, rows(f"e{made}", height))
                if height != before:  # another height: measured again, when needed
                    assert table(option_list) == ([], {}, {})
                    rebuilt(option_list)
                    continue
            patched = table(option_list)
            assert patched[0], what  # kept, not emptied
            assert patched == rebuilt(option_list), what
            options = option_list.options
            assert [option_list._option_to_index[o] for o in options] == list(range(len(options)))
            assert all(option_list.get_option(o.id) is o for o in options if o.id)
        await pilot.pause()
        # and it draws: each option's first line where the table says
        option_list.scroll_to(y=0, animate=False, immediate=True)
        await pilot.pause()
        first = option_list.options[0]
        assert str(first.prompt).split("\n")[0] in option_list.render_line(0).text


async def test_an_unbuilt_table_is_left_to_be_built() -> None:
    app = ListApp()
    async with app.run_test(size=(60, 30)) as pilot:
        option_list = app.query_one(OptionList)
        option_list._line_cache.clear()
        insert_option(option_list, 3, Option(rows("x", 2), id="x"))
        assert table(option_list) == ([], {}, {})  # measured when needed
        await pilot.pause()
        assert option_list._index_to_line[3] == sum(1 + i % 3 for i in range(3))
