"""EntityRunner: big texts analysed in a child process, with the thread as
the fallback; abandoned jobs and closing leave no process behind."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from reader.corpus.article import Article
from reader.entities import entities_for
from reader.entities.model import Entity
from reader.tui.entity_runner import EntityRunner, can_send
from reader.tui.entity_work import analyse
from tests.tui_support import corpus_of, fake_entities, seeds

SMALL = 2_000  # min_chars for these tests: a seed is "big"


# inherited by the entity process: there it names another process
os.environ.setdefault("READER_TEST_PARENT_PID", str(os.getpid()))


def in_child() -> bool:
    """True in an entity process started by this test process."""
    return os.environ["READER_TEST_PARENT_PID"] != str(os.getpid())


def pid_marked(article: Article) -> list[Entity]:
    """fake_entities, plus the process id of whoever ran it as the first
    entity's key (tells the test where it ran)."""
    found = fake_entities(article)
    first = found[0]
    return [
        Entity(first.start, first.end, first.text, first.label, key=str(os.getpid())),
        *found[1:],
    ]


def dies_in_child(article: Article) -> list[Entity]:
    """Crashes the child process hard; works in the parent."""
    if in_child():
        os._exit(3)
    return fake_entities(article)


def slow_in_child(article: Article) -> list[Entity]:
    """Takes a minute in the child when the text says SLOW, half a second when
    it says SLOWISH."""
    if in_child() and "SLOWISH" in article.text:
        time.sleep(0.5)
    elif in_child() and "SLOW" in article.text:
        time.sleep(60)
    return fake_entities(article)


def raises(article: Article) -> list[Entity]:
    raise ValueError("boom")


def alive(pid: int) -> bool:
    """True while `pid` runs (a zombie counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().split(") ")[-1][0] != "Z"
    except FileNotFoundError:
        return False


def wait_for(predicate, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    start = time.monotonic()
    while not predicate():
        assert time.monotonic() - start < timeout, "timed out"
        time.sleep(0.01)


@pytest.fixture
def big_article() -> Article:
    return max(seeds().articles, key=lambda a: len(a.text))


def test_can_send_tells_module_functions_from_closures() -> None:
    assert can_send(entities_for)
    assert can_send(fake_entities)
    assert not can_send(lambda article: [])
    local = 1
    assert not can_send(lambda article: [local])


def test_small_text_runs_in_this_process(big_article: Article) -> None:
    runner = EntityRunner(pid_marked, min_chars=len(big_article.text) + 1)
    try:
        result = runner.run(big_article)
        assert result is not None
        assert result.entities[0].key == str(os.getpid())
        assert runner.child_pids == []
    finally:
        runner.close()


def test_big_text_runs_in_a_child_with_the_same_result(big_article: Article) -> None:
    runner = EntityRunner(pid_marked, min_chars=SMALL)
    try:
        result = runner.run(big_article)
        assert result is not None
        (pid,) = runner.child_pids  # kept for the next big article
        assert result.entities[0].key == str(pid) != str(os.getpid())
        again = runner.run(big_article)
        assert again == result  # same child, same answer
        local = analyse(big_article, pid_marked)
        assert result.entities[1:] == local.entities[1:]
        assert result.by_line.keys() == local.by_line.keys()
    finally:
        runner.close()
    assert not alive(pid)
    assert runner.child_pids == []


def test_real_extractor_in_a_child_equals_the_thread() -> None:
    runner = EntityRunner(entities_for, min_chars=0)  # every seed (the dev set) in the child
    try:
        for article in seeds().articles:
            assert runner.run(article) == analyse(article, entities_for), article.id
        assert runner.uses_process and len(runner.child_pids) == 1
    finally:
        runner.close()


def test_unsendable_extractor_uses_the_thread(big_article: Article) -> None:
    runner = EntityRunner(lambda article: fake_entities(article), min_chars=SMALL)
    result = runner.run(big_article)
    assert result == analyse(big_article, fake_entities)
    assert not runner.uses_process
    assert "cannot be sent" in (runner.fallback_reason or "")
    assert runner.child_pids == []


def test_a_child_that_dies_falls_back_to_the_thread(big_article: Article) -> None:
    runner = EntityRunner(dies_in_child, min_chars=SMALL)
    try:
        result = runner.run(big_article)
        assert result == analyse(big_article, fake_entities)
        assert "stopped" in (runner.fallback_reason or "")
        assert runner.child_pids == []
        assert runner.run(big_article) == result  # later articles: the thread at once
    finally:
        runner.close()


def test_a_child_that_cannot_start_falls_back_to_the_thread(big_article: Article) -> None:
    runner = EntityRunner(fake_entities, min_chars=SMALL, python="/no/such/python")
    result = runner.run(big_article)
    assert result == analyse(big_article, fake_entities)
    assert runner.fallback_reason and not runner.uses_process


def test_extractor_error_in_the_child_is_a_result_not_a_fallback(big_article: Article) -> None:
    runner = EntityRunner(raises, min_chars=SMALL)
    try:
        result = runner.run(big_article)
        assert result is not None and result.entities == ()
        assert result.error is not None and "boom" in result.error
        assert runner.uses_process and runner.child_pids  # the child lives on
    finally:
        runner.close()


def test_a_newer_big_article_abandons_the_running_job(tmp_path: Path) -> None:
    corpus = corpus_of(tmp_path, {"a.txt": "SLOW\n\n" + "Kyiv. " * 600, "b.txt": "Kyiv. " * 600})
    slow, quick = corpus.articles
    runner = EntityRunner(slow_in_child, min_chars=SMALL)
    results: list[object] = []
    thread = threading.Thread(target=lambda: results.append(runner.run(slow)))
    try:
        thread.start()
        wait_for(lambda: bool(runner.child_pids))
        (stale_pid,) = runner.child_pids
        assert runner.run(quick) == analyse(quick, fake_entities)
        thread.join(10)
        assert results == [None]  # the stale job gave nothing
        assert not alive(stale_pid)
        assert stale_pid not in runner.child_pids
    finally:
        runner.close()


def test_close_during_a_job_ends_the_child(tmp_path: Path) -> None:
    (slow,) = corpus_of(tmp_path, {"a.txt": "SLOW\n\n" + "Kyiv. " * 600}).articles
    runner = EntityRunner(slow_in_child, min_chars=SMALL)
    results: list[object] = []
    thread = threading.Thread(target=lambda: results.append(runner.run(slow)))
    thread.start()
    wait_for(lambda: bool(runner.child_pids))
    (pid,) = runner.child_pids
    runner.close()
    thread.join(10)
    assert not thread.is_alive()
    assert results == [None]
    assert not alive(pid)
    assert runner.run(slow) is None  # closed: nothing runs any more


def test_an_idle_child_is_ended_and_the_next_job_starts_another(big_article: Article) -> None:
    runner = EntityRunner(pid_marked, min_chars=SMALL, idle_seconds=0.3)
    try:
        first = runner.run(big_article)
        assert first is not None
        (pid,) = runner.child_pids
        wait_for(lambda: not alive(pid))
        assert runner.child_pids == []
        second = runner.run(big_article)
        assert second is not None and runner.uses_process
        (other,) = runner.child_pids
        assert other != pid and second.entities[0].key == str(other)
    finally:
        runner.close()


def test_a_busy_child_outlives_its_idle_time(tmp_path: Path) -> None:
    (slowish,) = corpus_of(tmp_path, {"a.txt": "SLOWISH\n\n" + "Kyiv. " * 600}).articles
    runner = EntityRunner(slow_in_child, min_chars=SMALL, idle_seconds=0.3)
    try:
        assert runner.run(slowish) is not None  # warm: the idle timer runs out later
        (pid,) = runner.child_pids
        assert runner.run(slowish) is not None  # a second job: same child, not ended
        assert runner.child_pids == [pid]
    finally:
        runner.close()
