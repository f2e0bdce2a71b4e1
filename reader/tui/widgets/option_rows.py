"""One row of an OptionList put in, taken out or replaced, its line table
kept (shifted) instead of rebuilt.

OptionList can only append options or replace them all, and any change
empties its line table (which option is on which line), rebuilt on the next
draw or scroll by measuring every option again: about 2 ms for the notes
panel's 500 notes, on every note saved. These functions do the bookkeeping
its add_options / _remove_option / _replace_option_prompt do, on its private
fields (`_options`, `_option_to_index`, `_id_to_option`, `_line_cache`,
`_option_render_cache`, `_mouse_hovering_over`: textual 8.2.8 is pinned; the
notes panel tests compare the result with a rebuilt table), and shift the
line table by the rows' heights. Not for options with dividers.
"""

from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import Option


def _height(option: Option) -> int:
    """The option's lines, known without measuring (FixedRows); 0: unknown."""
    return getattr(option.prompt, "lines", None) or 0


def _shift(option_list: OptionList, index: int, removed: int, added: int, old_count: int) -> None:
    """Make the line table say: `removed` option(s) of its rows gone at
    `index`, `added` (0 or 1) put in there; or empty it when it was not
    complete or a height is unknown (then it is rebuilt when needed)."""
    cache = option_list._line_cache
    heights = cache.heights
    new_rows = 0
    if added:
        new_rows = _height(option_list._options[index])
    lines = cache.lines
    complete = len(heights) == old_count and (not lines or lines[-1][0] == old_count - 1)
    divider = option_list._options[index]._divider
    if not complete or (added and not new_rows) or divider:
        cache.clear()
        return
    to_line = cache.index_to_line
    at = to_line.get(index, len(lines))
    gone = sum(heights[i] for i in range(index, index + removed))
    step = added - removed  # how the later options' indexes move
    moved = new_rows - gone  # how their first lines move
    tail = [(i + step, j) for i, j in lines[at + gone :]]
    cache.lines = [*lines[:at], *((index, j) for j in range(new_rows)), *tail]
    new_heights = {i: h for i, h in heights.items() if i < index}
    new_to_line = {i: y for i, y in to_line.items() if i < index}
    if added:
        new_heights[index] = new_rows
        new_to_line[index] = at
    for i, h in heights.items():
        if i >= index + removed:
            new_heights[i + step] = h
            new_to_line[i + step] = to_line[i] + moved
    cache.heights = new_heights
    cache.index_to_line = new_to_line


def _changed(option_list: OptionList) -> None:
    option_list._option_render_cache.clear()  # (keyed by option: holds the old index)
    option_list._mouse_hovering_over = None
    option_list.refresh()


def insert_option(option_list: OptionList, index: int, option: Option) -> None:
    """Put `option` at `index` (the later options move down one)."""
    old_count = len(option_list._options)
    option_list._options.insert(index, option)
    to_index = option_list._option_to_index
    for at, moved in enumerate(option_list._options[index:], index):
        to_index[moved] = at
    if option.id is not None:
        option_list._id_to_option[option.id] = option
    _shift(option_list, index, 0, 1, old_count)
    _changed(option_list)


def remove_option(option_list: OptionList, index: int) -> Option:
    """Take out the option at `index` (the later ones move up one); the
    highlight is kept in range."""
    options = option_list._options
    old_count = len(options)
    option = options[index]
    _shift(option_list, index, 1, 0, old_count)
    del options[index]
    to_index = option_list._option_to_index
    del to_index[option]
    for at, moved in enumerate(options[index:], index):
        to_index[moved] = at
    if option.id is not None:
        option_list._id_to_option.pop(option.id, None)
    option_list.highlighted = option_list.highlighted  # (validated: in range)
    _changed(option_list)
    return option


def replace_prompt(option_list: OptionList, index: int, prompt: object) -> None:
    """Give the option at `index` a new prompt of the same height (the line
    table stays as it is; another height: measured again)."""
    option = option_list._options[index]
    same = _height(option) and _height(option) == getattr(prompt, "lines", None)
    option._set_prompt(prompt)  # type: ignore[arg-type]
    if not same:
        option_list._line_cache.clear()
    _changed(option_list)
