"""The corpus loader on good and bad input: every bad file is reported, none stops the rest."""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.corpus import (
    Article,
    ArticleError,
    CorpusError,
    LoadProblem,
    ProblemKind,
    Provenance,
    iter_corpus,
    load_article,
    load_corpus,
)
from reader.corpus.decode import count_words
from reader.corpus.sanitize import display_safe, has_unsafe, has_unsafe_utf8

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
GOOD = "A Good Headline\n\nThe body of a good article. It has two sentences.\n"


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def problem_for(corpus_problems: list[LoadProblem], article_id: str) -> LoadProblem:
    matches = [p for p in corpus_problems if p.article_id == article_id]
    assert len(matches) == 1, corpus_problems
    return matches[0]


def test_seeds_load_sorted_with_stable_ids_and_hashes() -> None:
    corpus = load_corpus(SEEDS)
    ids = [article.id for article in corpus.articles]
    assert ids == sorted(path.name for path in SEEDS.glob("*.txt"))
    assert corpus.problems == []
    for article in corpus.articles:
        assert article.text_hash == hashlib.sha256(article.text.encode("utf-8")).hexdigest()
        assert article.text == (SEEDS / article.id).read_text(encoding="utf-8")
        assert corpus.by_id(article.id) is article
    assert corpus.by_id("no-such-article.txt") is None


def test_loading_twice_gives_the_same_articles() -> None:
    first = [(a.id, a.text_hash, a.title, a.published) for a in load_corpus(SEEDS)]
    second = [(a.id, a.text_hash, a.title, a.published) for a in load_corpus(SEEDS)]
    assert first == second


def test_walk_is_recursive_sorted_and_skips_hidden_and_other_files(tmp_path: Path) -> None:
    for name in ("z.txt", "a/b.txt", "a/c.MD", "a/deeper/d.md", "m.txt"):
        write(tmp_path, name, GOOD)
    write(tmp_path, "notes.json", "{}")
    write(tmp_path, ".hidden.txt", GOOD)
    write(tmp_path, ".git/objects.txt", GOOD)
    corpus = load_corpus(tmp_path)
    assert [a.id for a in corpus] == ["a/b.txt", "a/c.MD", "a/deeper/d.md", "m.txt", "z.txt"]
    assert corpus.articles[0].path == tmp_path / "a" / "b.txt"
    assert corpus.problems == []


def test_by_id_follows_direct_changes_to_the_list(tmp_path: Path) -> None:
    write(tmp_path, "one.txt", GOOD)
    corpus = load_corpus(tmp_path)
    extra = load_article(write(tmp_path, "two.txt", GOOD.replace("Good", "Second")), tmp_path)
    corpus.articles.append(extra)
    assert corpus.by_id("two.txt") is extra


def test_cp1252_file_is_decoded_with_a_warning_and_a_problem(tmp_path: Path) -> None:
    write(
        tmp_path,
        "legacy.txt",
        "Caf\xe9 Talks\n\nHe said \x93yes\x94 \x96 twice.\n".encode("latin-1"),
    )
    write(tmp_path, "ok.txt", GOOD)
    corpus = load_corpus(tmp_path)
    article = corpus.by_id("legacy.txt")
    assert article is not None
    assert article.encoding == "cp1252"
    assert article.text == "Café Talks\n\nHe said “yes” – twice.\n"
    assert article.title.value == "Café Talks"
    assert any("not valid UTF-8" in w and "cp1252" in w for w in article.warnings)
    problem = problem_for(corpus.problems, "legacy.txt")
    assert problem.kind == ProblemKind.ENCODING and not problem.skipped
    assert "offset 3" in problem.message  # the first bad byte, 0xe9
    assert corpus.by_id("ok.txt") is not None


def test_bytes_undefined_in_cp1252_fall_back_to_latin1(tmp_path: Path) -> None:
    write(tmp_path, "odd.txt", b"Title\n\nA byte \x81 undefined in cp1252 and \xe9.\n")
    article = load_article(tmp_path / "odd.txt", tmp_path)
    assert article.encoding == "latin-1"
    assert "\x81" in article.text and "é" in article.text
    assert any("latin-1" in w for w in article.warnings)


def test_binary_files_are_skipped_and_the_rest_loads(tmp_path: Path) -> None:
    write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    write(tmp_path, "noise.md", bytes(range(1, 256)) * 40)  # no NUL, not UTF-8, many controls
    write(tmp_path, "ok.txt", GOOD)
    corpus = load_corpus(tmp_path)
    assert [a.id for a in corpus] == ["ok.txt"]
    for article_id in ("image.txt", "noise.md"):
        problem = problem_for(corpus.problems, article_id)
        assert problem.skipped and problem.kind == ProblemKind.BINARY
        assert "binary" in problem.message


def test_empty_and_blank_files_are_skipped_with_a_note(tmp_path: Path) -> None:
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "blank.txt", " \n\t\r\n \n")
    write(tmp_path, "ok.txt", GOOD)
    corpus = load_corpus(tmp_path)
    assert [a.id for a in corpus] == ["ok.txt"]
    assert "empty file" in problem_for(corpus.problems, "empty.txt").message
    assert "only whitespace" in problem_for(corpus.problems, "blank.txt").message
    assert all(p.kind == ProblemKind.EMPTY and p.skipped for p in corpus.problems)


def test_a_20_mb_file_is_refused_naming_the_cap(tmp_path: Path) -> None:
    with (tmp_path / "huge.txt").open("wb") as handle:
        handle.write(b"Huge\n\n")
        handle.truncate(20_000_000)  # sparse: refused on its size, never read
    write(tmp_path, "ok.txt", GOOD)
    corpus = load_corpus(tmp_path)
    assert [a.id for a in corpus] == ["ok.txt"]
    problem = problem_for(corpus.problems, "huge.txt")
    assert problem.skipped and problem.kind == ProblemKind.TOO_LARGE
    assert "20.0 MB" in problem.message and "5 MB limit" in problem.message


def test_the_cap_can_be_lowered_and_a_file_under_it_loads(tmp_path: Path) -> None:
    write(tmp_path, "big.txt", "Big\n\n" + "word " * 2000)
    with pytest.raises(ArticleError, match="limit"):
        load_article(tmp_path / "big.txt", tmp_path, max_bytes=5000)
    assert load_article(tmp_path / "big.txt", tmp_path, max_bytes=20000).word_count == 2000


def test_crlf_cr_and_bom_are_normalised_and_offsets_match(tmp_path: Path) -> None:
    write(
        tmp_path, "win.txt", b"\xef\xbb\xbfWindows Title\r\n\r\nLine one.\r\nLine two.\rThree.\r\n"
    )
    article = load_article(tmp_path / "win.txt", tmp_path)
    assert article.text == "Windows Title\n\nLine one.\nLine two.\nThree.\n"
    assert article.title.span == (0, len("Windows Title"))
    assert article.text[article.body_start :].startswith("Line one.")
    assert article.text_hash == hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    assert article.warnings == ()


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    write(tmp_path, "wide.txt", "Wide Title\r\n\r\nBody text here.\n".encode("utf-16"))
    corpus = load_corpus(tmp_path)
    article = corpus.by_id("wide.txt")
    assert article is not None and article.text == "Wide Title\n\nBody text here.\n"
    assert article.encoding.startswith("utf-16")
    assert problem_for(corpus.problems, "wide.txt").kind == ProblemKind.ENCODING


def test_control_and_bidi_characters_stay_in_text_but_are_flagged(tmp_path: Path) -> None:
    hostile = "Title \x1b]0;pwned\x07\n\nRed \x1b[31mtext\x1b[0m and \u202eevil\u202c \u200b.\n"
    write(tmp_path, "hostile.txt", hostile)
    article = load_article(tmp_path / "hostile.txt", tmp_path)
    assert article.text == hostile  # offsets stay exact
    (warning,) = article.warnings
    assert "control character" in warning and "escape" in warning
    assert "bidi" in warning and "invisible" in warning
    safe = display_safe(article.text)
    assert len(safe) == len(article.text)
    assert not has_unsafe(safe)
    assert "\x1b" not in display_safe(article.title.value or "")


def test_unreadable_file_is_reported_and_the_rest_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = write(tmp_path, "locked.txt", GOOD)
    write(tmp_path, "ok.txt", GOOD)
    real_open = os.open

    def fake_open(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(path) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)
    corpus = load_corpus(tmp_path)
    assert [a.id for a in corpus] == ["ok.txt"]
    problem = problem_for(corpus.problems, "locked.txt")
    assert problem.kind == ProblemKind.UNREADABLE and "permission denied" in problem.message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_really_unreadable_file(tmp_path: Path) -> None:
    locked = write(tmp_path, "locked.txt", GOOD)
    write(tmp_path, "ok.txt", GOOD)
    locked.chmod(0)
    try:
        corpus = load_corpus(tmp_path)
    finally:
        locked.chmod(0o644)
    assert [a.id for a in corpus] == ["ok.txt"]
    assert problem_for(corpus.problems, "locked.txt").kind == ProblemKind.UNREADABLE


def test_unreadable_subfolder_is_reported_and_the_rest_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "private/secret.txt", GOOD)
    write(tmp_path, "ok.txt", GOOD)
    real_scandir = os.scandir

    def fake_scandir(path):  # type: ignore[no-untyped-def]
        if Path(path).name == "private":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", fake_scandir)
    corpus = load_corpus(tmp_path)
    assert [a.id for a in corpus] == ["ok.txt"]
    problem = problem_for(corpus.problems, "private")
    assert problem.kind == ProblemKind.UNREADABLE and "permission denied" in problem.message


def test_symlink_loops_and_broken_links_do_not_stop_loading(tmp_path: Path) -> None:
    write(tmp_path, "sub/a.txt", GOOD)
    (tmp_path / "sub" / "back").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "alias.txt").symlink_to(tmp_path / "sub" / "a.txt")
    corpus = load_corpus(tmp_path)
    assert [a.id for a in corpus] == ["alias.txt", "sub/a.txt"]
    assert problem_for(corpus.problems, "sub/back").kind == ProblemKind.SYMLINK_LOOP
    assert problem_for(corpus.problems, "self.txt").kind == ProblemKind.SYMLINK_LOOP
    assert problem_for(corpus.problems, "gone.txt").kind == ProblemKind.BROKEN_LINK


def test_a_named_pipe_is_refused_without_hanging(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    write(tmp_path, "ok.txt", GOOD)
    corpus = load_corpus(tmp_path)
    assert [a.id for a in corpus] == ["ok.txt"]
    assert problem_for(corpus.problems, "pipe.txt").kind == ProblemKind.NOT_A_FILE
    with pytest.raises(ArticleError, match="not a regular file"):
        load_article(tmp_path / "pipe.txt")


def test_missing_folder_file_and_unreadable_folder_raise_corpus_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(CorpusError, match="not found"):
        load_corpus(tmp_path / "nope")
    with pytest.raises(CorpusError, match="not found"):
        iter_corpus(tmp_path / "nope")  # raised at once, before any iteration
    write(tmp_path, "file.txt", GOOD)
    with pytest.raises(CorpusError, match="not a folder"):
        load_corpus(tmp_path / "file.txt")

    def refuse(path):  # type: ignore[no-untyped-def]
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(os, "scandir", refuse)
    with pytest.raises(CorpusError, match="cannot read corpus folder"):
        load_corpus(tmp_path)


def test_iter_corpus_streams_problems_and_articles_in_id_order(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", "Caf\xe9\n\nText.\n".encode("latin-1"))
    write(tmp_path, "a.txt", GOOD)
    write(tmp_path, "c.txt", b"")
    items = list(iter_corpus(tmp_path))
    kinds = [(type(item).__name__, getattr(item, "id", None) or item.article_id) for item in items]
    assert kinds == [
        ("Article", "a.txt"),
        ("LoadProblem", "b.txt"),
        ("Article", "b.txt"),
        ("LoadProblem", "c.txt"),
    ]


def test_load_article_errors_are_corpus_errors_with_the_problem(tmp_path: Path) -> None:
    write(tmp_path, "empty.txt", b"")
    with pytest.raises(CorpusError) as caught:
        load_article(tmp_path / "empty.txt", tmp_path)
    assert isinstance(caught.value, ArticleError)
    assert caught.value.problem.kind == ProblemKind.EMPTY
    with pytest.raises(ArticleError, match="cannot read"):
        load_article(tmp_path / "absent.txt")


def test_article_ids_are_relative_posix_paths(tmp_path: Path) -> None:
    path = write(tmp_path, "x/y/z.md", "# Markdown Title\n\nBody.\n")
    article = load_article(path, tmp_path)
    assert isinstance(article, Article)
    assert article.id == "x/y/z.md"
    assert load_article(path).id == "z.md"
    assert article.title.value == "Markdown Title" and article.title.provenance == Provenance.TEXT


def test_word_count_and_reading_time(tmp_path: Path) -> None:
    body = " ".join(["word"] * 460)
    article = load_article(
        write(tmp_path, "w.txt", f"Short Title Here\n\n{body}\n\nLeave a Comment\n")
    )
    assert article.word_count == 460  # title line and page debris are not counted
    assert article.reading_minutes == 2
    tiny = load_article(write(tmp_path, "t.txt", "Just a few words of text."))
    assert tiny.reading_minutes == 1


@given(st.text(max_size=200))
def test_fast_utf8_unsafe_check_agrees_with_the_str_check(text: str) -> None:
    assert has_unsafe_utf8(text.encode("utf-8", "surrogatepass")) == has_unsafe(text)
    assert not has_unsafe(display_safe(text))


def test_fast_utf8_unsafe_check_finds_every_character_display_safe_changes() -> None:
    from reader.corpus.sanitize import _TABLE

    for code in _TABLE:
        assert has_unsafe_utf8(f"ok {chr(code)} ok".encode()), hex(code)
    for safe in ("’", "“", "é", "\u202f", "\u2065", "中", "\U0001f600", "\t\n"):
        assert not has_unsafe_utf8(safe.encode()), safe


@given(st.text(max_size=200))
def test_count_words_matches_str_split_on_any_text(text: str) -> None:
    assert count_words(text.encode("utf-8")) == len(text.split())


def _shrink_fstat(monkeypatch: pytest.MonkeyPatch, real_size: int, reported: int) -> None:
    """Make fstat report `reported` bytes for files of `real_size`: a file that grows
    between the size check and the read."""
    real_fstat = os.fstat

    def fake_fstat(fd: int):  # type: ignore[no-untyped-def]
        info = real_fstat(fd)
        if info.st_size == real_size:
            return type("Info", (), {"st_mode": info.st_mode, "st_size": reported})()
        return info

    monkeypatch.setattr(os, "fstat", fake_fstat)


def test_a_file_that_grows_while_read_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "Growing Title\n\n" + "more words " * 500
    path = write(tmp_path, "grow.txt", text)
    _shrink_fstat(monkeypatch, len(text), 10)
    assert load_article(path).text == text


def test_a_file_that_grows_past_the_cap_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "Growing Title\n\n" + "more words " * 500
    path = write(tmp_path, "grow.txt", text)
    _shrink_fstat(monkeypatch, len(text), 10)
    with pytest.raises(ArticleError, match="limit"):
        load_article(path, max_bytes=1000)


def test_ids_are_nfc_and_valid_utf8_whatever_the_file_system_stores(tmp_path: Path) -> None:
    decomposed = "cafe\u0301.txt"  # how macOS stores "café.txt"
    write(tmp_path, decomposed, GOOD)
    bad_name = os.fsdecode(b"bad\xff.txt")
    write(tmp_path, bad_name, GOOD)
    corpus = load_corpus(tmp_path)
    assert sorted(a.id for a in corpus) == ["bad\ufffd.txt", "caf\u00e9.txt"]
    assert corpus.by_id("caf\u00e9.txt").path.name == decomposed  # type: ignore[union-attr]
    assert load_article(tmp_path / decomposed, tmp_path).id == "caf\u00e9.txt"
    problem = problem_for(corpus.problems, "bad\ufffd.txt")
    assert problem.kind == ProblemKind.FILE_NAME and not problem.skipped
    for article in corpus:
        article.id.encode("utf-8")  # no lone surrogates: the id can be stored and printed


def test_utf8_with_a_stray_byte_keeps_its_good_characters(tmp_path: Path) -> None:
    data = "Title’s Here\n\nHe said “yes” – twice.".encode() + b" A stray \x96 byte.\n"
    write(tmp_path, "mixed.txt", data)
    corpus = load_corpus(tmp_path)
    article = corpus.by_id("mixed.txt")
    assert article is not None and article.encoding == "utf-8"
    assert article.text == "Title’s Here\n\nHe said “yes” – twice. A stray \ufffd byte.\n"
    assert article.title.value == "Title’s Here"  # not garbled into "Titleâ€™s"
    problem = problem_for(corpus.problems, "mixed.txt")
    assert problem.kind == ProblemKind.ENCODING and "1 bad byte sequence" in problem.message


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_recognised(tmp_path: Path, codec: str) -> None:
    write(tmp_path, "wide.txt", "Wide Title\r\n\r\nBody text, café.\r\n".encode(codec))
    corpus = load_corpus(tmp_path)
    article = corpus.by_id("wide.txt")
    assert article is not None and article.encoding == codec
    assert article.text == "Wide Title\n\nBody text, café.\n"
    assert "without a byte-order mark" in problem_for(corpus.problems, "wide.txt").message
