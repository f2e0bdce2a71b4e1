"""`reader list`, run as the installed command: table, JSON, problems, errors, hostile text."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from reader.cli import list_cmd, main
from tests.test_cli_support import SEEDS, reader_command, run_reader

SEED_IDS = sorted(path.name for path in SEEDS.glob("*.txt"))


@pytest.fixture(autouse=True)
def no_user_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process runs must not write to the user's cache folder."""
    monkeypatch.setenv("READER_CACHE_DIR", "off")


def test_list_prints_one_aligned_row_per_seed(tmp_path: Path) -> None:
    result = run_reader("list", "--db", str(tmp_path / "none.json"))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["ID", "TITLE", "DATE", "OUTLET", "WORDS", "NOTES"]
    table, legend = rows[:-1], rows[-1]
    assert [row.split()[0] for row in table] == SEED_IDS
    assert legend.startswith("≈ ")
    derived = next(row for row in table if row.startswith("003_"))
    assert "≈ Ukraine’s bold" in derived and "2024-09-06" in derived
    assert "Kyiv Independent" in derived
    title_column = header.index("TITLE")
    assert all(row[title_column - 2 : title_column] == "  " for row in table)
    assert all(len(row) <= 120 for row in result.stdout.splitlines())
    assert all(row.split()[-1] == "0" for row in table)  # no database: no notes


def test_list_json_is_an_array_with_metadata_and_provenance(tmp_path: Path) -> None:
    result = run_reader(
        "list", str(SEEDS), "--json", "--db", str(tmp_path / "x.json"), cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [row["id"] for row in rows] == SEED_IDS
    by_id = {row["id"][:3]: row for row in rows}
    assert by_id["003"]["published"] == "2024-09-06"
    assert by_id["003"]["outlet"] == "Kyiv Independent"
    assert by_id["003"]["original_outlet"] == "Project Syndicate"
    assert by_id["003"]["provenance"]["title"] == "derived"
    assert by_id["002"]["author"] == "Dave DeCamp"
    assert by_id["002"]["provenance"]["author"] == "text"
    assert by_id["000"]["title"] == by_id["001"]["title"]
    for row in rows:
        assert row["notes"] == 0 and row["words"] > 0 and row["reading_minutes"] >= 1
        text = (SEEDS / row["id"]).read_text(encoding="utf-8")
        start, end = row["spans"]["title"]
        assert row["title"].rstrip("…") in " ".join(text[start:end].split())


def test_python_dash_m_reader_gives_the_same_output(tmp_path: Path) -> None:
    db = str(tmp_path / "none.json")
    installed = run_reader("list", "--json", "--db", db)
    module = run_reader("list", "--json", "--db", db, module=True)
    assert module.returncode == installed.returncode == 0
    assert module.stdout == installed.stdout


def test_missing_folder_is_one_line_on_stderr_and_exit_2(tmp_path: Path) -> None:
    result = run_reader("list", str(tmp_path / "missing"))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("reader: error: corpus folder not found")


def test_problems_are_warnings_and_do_not_fail_the_command(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Good Title\n\nBody text.\n", encoding="utf-8")
    (tmp_path / "legacy.txt").write_bytes("Caf\xe9 Title\n\nText.\n".encode("cp1252"))
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "empty.md").write_bytes(b"")
    result = run_reader("list", str(tmp_path), "--json", "--db", str(tmp_path / "db.json"))
    assert result.returncode == 0
    assert [row["id"] for row in json.loads(result.stdout)] == ["good.txt", "legacy.txt"]
    warnings = result.stderr.splitlines()
    assert len(warnings) == 3
    assert all(line.startswith("reader: warning: ") for line in warnings)
    assert any("blob.txt" in w and "binary" in w and "(skipped)" in w for w in warnings)
    assert any("empty.md" in w and "empty" in w for w in warnings)
    assert any("legacy.txt" in w and "cp1252" in w and "(loaded)" in w for w in warnings)


def test_hostile_titles_and_names_never_reach_the_terminal_raw(tmp_path: Path) -> None:
    title = "Title \x1b]0;pwned\x07 [bold red]x[/] \u202eevil \x9b31m\x7f"
    (tmp_path / "evil\x1b[2J.txt").write_text(f"{title}\n\nBody.\n", encoding="utf-8")
    (tmp_path / "bad\x1b[31m.txt").write_bytes(b"")  # a problem whose name is hostile
    human = run_reader("list", str(tmp_path), "--db", str(tmp_path / "db.json"))
    assert human.returncode == 0
    for stream in (human.stdout, human.stderr):
        assert not any(ch in stream for ch in "\x1b\x07\x9b\x7f\u202e")
    assert "[bold red]x[/]" in human.stdout  # brackets shown as typed
    raw = run_reader("list", str(tmp_path), "--json", "--db", str(tmp_path / "db.json"))
    # JSON escapes what json.dumps leaves raw too: 8-bit CSI, DEL, bidi overrides.
    assert not any(ch in raw.stdout for ch in "\x1b\x07\x9b\x7f\u202e")
    for escape in ("\\u001b", "\\u009b", "\\u007f", "\\u202e"):
        assert escape in raw.stdout
    (row,) = json.loads(raw.stdout)
    assert row["title"] == title and row["id"] == "evil\x1b[2J.txt"
    assert any("escape" in warning for warning in row["warnings"])


def test_note_counts_come_from_the_store(tmp_path: Path) -> None:
    store_module = pytest.importorskip("reader.annotations.store")
    model = pytest.importorskip("reader.annotations.model")
    db = tmp_path / "annotations.json"
    store = store_module.AnnotationStore.open(db)
    store.add(model.Annotation(article_id=SEED_IDS[2], note="one"))
    store.add(model.Annotation(article_id=SEED_IDS[2], note="two"))
    store.add(model.Annotation(article_id=SEED_IDS[4], note="three"))
    store.close()
    assert list_cmd.note_counts(db) == {SEED_IDS[2]: 2, SEED_IDS[4]: 1}
    rows = json.loads(run_reader("list", "--json", "--db", str(db)).stdout)
    assert [row["notes"] for row in rows] == [0, 0, 2, 0, 1]
    env_rows = json.loads(run_reader("list", "--json", env={"READER_DB": str(db)}).stdout)
    assert [row["notes"] for row in env_rows] == [0, 0, 2, 0, 1]


def test_unreadable_database_is_a_warning_and_counts_are_unknown(tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    db.write_text("{not json", encoding="utf-8")
    result = run_reader("list", "--json", "--db", str(db))
    assert result.returncode == 0
    assert "notes not counted" in result.stderr
    assert all(row["notes"] is None for row in json.loads(result.stdout))
    assert db.read_text(encoding="utf-8") == "{not json"  # left untouched


def test_note_counts_without_database_or_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert list_cmd.note_counts(tmp_path / "absent.json") == {}
    (tmp_path / "db.json").write_text("{}", encoding="utf-8")

    def no_store(name: str) -> object:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)

    monkeypatch.setattr(list_cmd.importlib, "import_module", no_store)
    assert list_cmd.note_counts(tmp_path / "db.json") == {}


def test_a_closed_pipe_ends_the_listing_quietly(tmp_path: Path) -> None:
    for index in range(900):
        (tmp_path / f"a{index:04d}.txt").write_text(f"Title {index}\n\nBody.\n", encoding="utf-8")
    command = " ".join(f"'{part}'" for part in reader_command())
    result = subprocess.run(
        f"{command} list '{tmp_path}' --db '{tmp_path}/db.json' | head -1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.startswith("ID")
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr


@pytest.mark.parametrize("argv", [["--help"], ["list", "--help"], ["entities", "--help"]])
def test_help_works(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 0
    assert "usage: reader" in capsys.readouterr().out


def test_installed_help_works() -> None:
    result = run_reader("list", "--help")
    assert result.returncode == 0 and "--json" in result.stdout and "--db" in result.stdout


def test_an_empty_folder_lists_nothing_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["list", str(tmp_path), "--db", str(tmp_path / "db.json")]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "no articles in" in captured.err
    assert main(["list", str(tmp_path), "--json", "--db", str(tmp_path / "db.json")]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_a_file_instead_of_a_folder_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "one.txt"
    article.write_text("Title\n\nBody.\n", encoding="utf-8")
    assert main(["list", str(article)]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_the_metadata_cache_gives_the_same_listing(tmp_path: Path) -> None:
    env = {"READER_CACHE_DIR": str(tmp_path / "cache")}
    db = str(tmp_path / "none.json")
    cold = run_reader("list", "--json", "--db", db, env=env)
    warm = run_reader("list", "--json", "--db", db, env=env)
    uncached = run_reader("list", "--json", "--db", db)
    assert cold.returncode == warm.returncode == 0
    assert cold.stdout == warm.stdout == uncached.stdout
    assert len(list((tmp_path / "cache").iterdir())) == 1
