"""The reading view applies its TextArea theme's CSS fallbacks (cursor,
selection, gutter styles) once per CSS or theme change, not on every draw,
and draws exactly what TextArea.render_lines (which applies them on every
draw) draws: after a theme change, a focus change, a resize, a scroll and a
new text."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Input, TextArea
from textual.widgets._text_area import TextAreaTheme  # (the fallbacks counted)

from reader.tui.widgets.annotated_view import AnnotatedArticleView

TEXT = "A title\n\n" + ("Antony Blinken met officials in Kyiv on Tuesday. " * 8 + "\n\n") * 12


class ViewApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Input(id="other")
        yield AnnotatedArticleView(id="article")


def fresh(view: AnnotatedArticleView, draw) -> list[Strip]:  # type: ignore[no-untyped-def]
    """All the view's lines, drawn from scratch by `draw`."""
    view._line_cache.clear()
    view._styles_cache.clear()
    return draw(view, Region(0, 0, *view.size))


def check(view: AnnotatedArticleView) -> None:
    ours = fresh(view, AnnotatedArticleView.render_lines)
    assert ours == fresh(view, TextArea.render_lines)
    assert ours == fresh(view, AnnotatedArticleView.render_lines)


async def test_the_css_fallbacks_are_applied_once_and_drawn_as_textarea_does(
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    applied: list[object] = []
    original = TextAreaTheme.apply_css

    def counted(theme, text_area):  # type: ignore[no-untyped-def]
        applied.append(text_area)
        original(theme, text_area)

    monkeypatch.setattr(TextAreaTheme, "apply_css", counted)
    app = ViewApp()
    async with app.run_test(size=(60, 20)) as pilot:
        view = app.query_one(AnnotatedArticleView)
        view.show_text("a", TEXT)
        view.move_cursor((2, 5), select=False)
        await pilot.pause()
        crop = Region(0, 0, *view.size)
        applied.clear()
        view.render_lines(crop)
        view.refresh()  # (a repaint empties the component styles: no matter)
        view.render_lines(crop)
        assert applied == []
        check(view)

        cursor_before = view._theme.cursor_style
        applied.clear()
        view.focus()  # :focus: other CSS for the view
        await pilot.pause()
        assert applied == [view]  # once, in the frame drawn since
        check(view)
        app.query_one(Input).focus()
        await pilot.pause()
        check(view)
        assert view._theme.cursor_style == cursor_before

        applied.clear()
        app.theme = "nord" if app.theme != "nord" else "gruvbox"
        await pilot.pause()
        assert applied == [view]
        check(view)

        await pilot.resize_terminal(50, 16)
        await pilot.pause()
        check(view)
        view.scroll_to(y=10, animate=False)
        await pilot.pause()
        check(view)
        view.show_text("b", "Another text\n\n" + TEXT[:400])
        view.move_cursor((2, 1), select=True)
        await pilot.pause()
        check(view)
