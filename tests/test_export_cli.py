"""`reader export` from the command line, and the atomic file writer under it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.annotations.store import AnnotationStore
from reader.cli import main
from reader.export import TargetExists, WriteError, write_atomic
from reader.export import atomic as atomic_module
from tests.export_support import make_corpus, sample_annotations

READER = Path(sys.executable).with_name("reader")


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path, int]:
    """A corpus folder and a database holding the sample annotations."""
    corpus = make_corpus(tmp_path / "corpus")
    db = tmp_path / "db.json"
    annotations = sample_annotations(corpus)
    with AnnotationStore.open(db) as store:
        store.apply_batch(annotations, [])
    return corpus.root, db, len(annotations)


def run_reader(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "READER_DB": str(cwd / "unused.json"), "PYTHONIOENCODING": "ascii"}
    return subprocess.run(
        [str(READER), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        timeout=60,
        check=False,
    )


def test_installed_command_writes_json_to_stdout(setup, tmp_path: Path) -> None:
    root, db, count = setup
    done = run_reader("export", str(root), "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["schema"] == "reader-export"
    assert len(document["annotations"]) == count
    assert done.stderr == ""
    assert not (tmp_path / "unused.json").exists()


def test_installed_command_markdown_stdout_and_file(setup, tmp_path: Path) -> None:
    root, db, count = setup
    out = tmp_path / "report.md"
    done = run_reader("export", str(root), "--db", str(db), "--format", "markdown", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Fact-check report")
    assert "\x1b" not in done.stdout
    done = run_reader(
        "export", str(root), "--db", str(db), "-f", "markdown", "-o", str(out), cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == f"Exported {count} notes to {out}"
    assert out.read_text(encoding="utf-8").startswith("# Fact-check report")


def test_installed_command_refuses_to_overwrite(setup, tmp_path: Path) -> None:
    root, db, _ = setup
    out = tmp_path / "out.json"
    out.write_bytes(b"precious")
    done = run_reader("export", str(root), "--db", str(db), "-o", str(out), cwd=tmp_path)
    assert done.returncode == 2
    assert "already exists" in done.stderr and "--force" in done.stderr
    assert out.read_bytes() == b"precious"
    done = run_reader("export", str(root), "--db", str(db), "-o", str(out), "--force", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "reader-export"
    assert [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("fmt", ["json", "webannotation", "claimreview", "markdown"])
def test_every_format_to_a_file(setup, tmp_path: Path, fmt: str, capsys) -> None:
    root, db, _ = setup
    out = tmp_path / f"out.{fmt}"
    assert main(["export", str(root), "--db", str(db), "--format", fmt, "-o", str(out)]) == 0
    assert "Exported" in capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    if fmt != "markdown":
        json.loads(text)
    assert [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_file_and_stdout_agree(setup, tmp_path: Path, capsys) -> None:
    root, db, _ = setup
    assert main(["export", str(root), "--db", str(db)]) == 0
    printed = json.loads(capsys.readouterr().out)
    out = tmp_path / "x.json"
    assert main(["export", str(root), "--db", str(db), "-o", str(out)]) == 0
    written = json.loads(out.read_text(encoding="utf-8"))
    printed.pop("exported_at"), written.pop("exported_at")
    assert printed == written


def test_unwritable_paths(setup, tmp_path: Path, capsys) -> None:
    root, db, _ = setup
    missing = tmp_path / "no" / "such" / "out.json"
    assert main(["export", str(root), "--db", str(db), "-o", str(missing)]) == 1
    assert "does not exist" in capsys.readouterr().err
    not_a_folder = tmp_path / "db.json" / "out.json"
    assert main(["export", str(root), "--db", str(db), "-o", str(not_a_folder)]) == 1
    assert "is not a folder" in capsys.readouterr().err
    assert main(["export", str(root), "--db", str(db), "-o", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only folder")
def test_read_only_folder(setup, tmp_path: Path, capsys) -> None:
    root, db, _ = setup
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert main(["export", str(root), "--db", str(db), "-o", str(locked / "o.json")]) == 1
        assert "cannot write" in capsys.readouterr().err
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def test_unknown_article(setup, capsys) -> None:
    root, db, _ = setup
    assert main(["export", str(root), "--db", str(db), "--article", "first.tx"]) == 2
    err = capsys.readouterr().err
    assert "unknown article 'first.tx'" in err and "'first.txt'" in err


@pytest.mark.parametrize("given", ["sub/second.md", "FILE"])
def test_one_article(setup, capsys, given: str) -> None:
    root, db, _ = setup
    if given == "FILE":  # the article's file path works as well as its id
        given = str(root / "sub" / "second.md")
    assert main(["export", str(root), "--db", str(db), "--article", given]) == 0
    document = json.loads(capsys.readouterr().out)
    assert {r["article_id"] for r in document["annotations"]} == {"sub/second.md"}


def test_missing_database_exports_nothing_and_creates_nothing(
    setup, tmp_path: Path, capsys
) -> None:
    root, _, _ = setup
    db = tmp_path / "never.json"
    assert main(["export", str(root), "--db", str(db)]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["annotations"] == []
    assert f"no annotation database at {db}" in captured.err
    assert not db.exists()


def test_corrupt_database_and_missing_corpus(setup, tmp_path: Path, capsys) -> None:
    root, _, _ = setup
    db = tmp_path / "bad.json"
    db.write_bytes(b"{not json")
    assert main(["export", str(root), "--db", str(db)]) == 1
    assert "not valid JSON" in capsys.readouterr().err
    assert db.read_bytes() == b"{not json"
    assert main(["export", str(tmp_path / "nowhere"), "--db", str(db)]) == 2
    assert "corpus folder not found" in capsys.readouterr().err


# --- the atomic writer --------------------------------------------------------


def test_write_atomic_creates_and_refuses(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    write_atomic(target, "héllo\n")
    assert target.read_bytes() == "héllo\n".encode()
    with pytest.raises(TargetExists):
        write_atomic(target, "other")
    assert target.read_text(encoding="utf-8") == "héllo\n"
    write_atomic(target, "other", overwrite=True)
    assert target.read_text(encoding="utf-8") == "other"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_write_atomic_respects_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        target = write_atomic(tmp_path / "m.txt", "x")
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644


def test_failed_write_leaves_old_file_and_no_temp(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "keep.txt"
    target.write_text("old", encoding="utf-8")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_module.os, "fsync", broken_fsync)
    with pytest.raises(WriteError, match="No space left"):
        write_atomic(target, "new" * 1000, overwrite=True)
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]


def test_no_clobber_even_if_the_file_appears_meanwhile(tmp_path: Path, monkeypatch) -> None:
    """The existence check is repeated atomically at the rename (hard link)."""
    target = tmp_path / "race.txt"
    real_mkstemp = atomic_module.tempfile.mkstemp

    def mkstemp_then_someone_writes(**kw):  # type: ignore[no-untyped-def]
        result = real_mkstemp(**kw)
        target.write_text("theirs", encoding="utf-8")
        return result

    monkeypatch.setattr(atomic_module.tempfile, "mkstemp", mkstemp_then_someone_writes)
    with pytest.raises(TargetExists):
        write_atomic(target, "mine")
    assert target.read_text(encoding="utf-8") == "theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["race.txt"]


def test_killed_writer_never_leaves_a_partial_file(tmp_path: Path) -> None:
    """A process killed while writing a big export leaves no target file at all."""
    target = tmp_path / "big.json"
    script = (
        "import os, signal\n"
        "from reader.export import atomic\n"
        "real = atomic.os.fsync\n"
        "def die(fd):\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "atomic.os.fsync = die\n"
        f"atomic.write_atomic({str(target)!r}, 'x' * 5_000_000)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, timeout=60, check=False
    )
    assert done.returncode == -9
    assert not target.exists()


def test_export_core_imports_without_textual() -> None:
    blocker = (
        "import sys\n"
        "class B:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'textual' or name.startswith('textual.'):\n"
        "            raise ImportError('blocked')\n"
        "sys.meta_path.insert(0, B())\n"
        "import reader.export, reader.export.importer\n"
        "import reader.cli.export_cmd, reader.cli.import_cmd\n"
        "print('ok')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", blocker], capture_output=True, text=True, check=False
    )
    assert done.stdout.strip() == "ok", done.stderr
