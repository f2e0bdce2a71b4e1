"""`reader entities`: JSON shape, human table, article lookup, errors, hostile text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reader.cli import entities_cmd, main
from reader.corpus import load_article
from reader.entities import Entity, Label
from tests.test_cli_support import ROOT, SEEDS, run_reader

SEED_003 = "003_3746ec981e8ff7bf.txt"


@pytest.fixture(autouse=True)
def in_project_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process runs use the default corpus, ./seeds."""
    monkeypatch.chdir(ROOT)


def test_json_is_an_array_of_entities_that_point_into_the_text() -> None:
    result = run_reader("entities", SEED_003, "--json")
    assert result.returncode == 0, result.stderr
    entities = json.loads(result.stdout)
    assert isinstance(entities, list)
    text = load_article(SEEDS / SEED_003, SEEDS).text
    labels = {str(label) for label in Label}
    for item in entities:
        assert {"start", "end", "text", "label"} <= set(item) <= {*item, "value", "key"}
        assert text[item["start"] : item["end"]] == item["text"]
        assert item["label"] in labels
        if "value" in item:
            assert item["label"] == "DATE"
            assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", item["value"]), item
    starts = [item["start"] for item in entities]
    assert starts == sorted(starts)


def test_a_file_path_an_id_and_a_unique_prefix_name_the_same_article(tmp_path: Path) -> None:
    by_path = run_reader("entities", str(SEEDS / SEED_003), "--json", cwd=tmp_path)
    by_id = run_reader("entities", SEED_003, "--json", "--corpus", str(SEEDS), cwd=tmp_path)
    by_prefix = run_reader("entities", "003", "--json")
    assert by_path.returncode == by_id.returncode == by_prefix.returncode == 0
    assert by_path.stdout == by_id.stdout == by_prefix.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-article"], "unknown article"),
        (["00"], "ambiguous article"),
        (["003", "--corpus", "/nonexistent/corpus"], "corpus folder not found"),
    ],
)
def test_unknown_ambiguous_or_missing_is_an_error_with_exit_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["entities", *args])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err.startswith("reader: error: ") and message in captured.err
    assert captured.err.count("\n") == 1


def test_installed_command_reports_an_unreadable_file(tmp_path: Path) -> None:
    blob = tmp_path / "blob.txt"
    blob.write_bytes(b"\x00\x01binary")
    result = run_reader("entities", str(blob))
    assert result.returncode == 2
    assert "cannot read" in result.stderr and "binary" in result.stderr


def hostile_article(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.txt"
    path.write_text("Evil \x1b[31mRed\x1b[0m Title\n\nMr. Bad\u202eGuy met [b]x[/b].\n", "utf-8")
    return path


def test_human_output_is_safe_for_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = hostile_article(tmp_path)
    text = path.read_text("utf-8")
    start = text.index("Bad")
    fake = [
        Entity(start, start + 7, text[start : start + 7], Label.PERSON, key="Bad Guy"),
        Entity(5, 17, text[5:17], Label.ORG),
        Entity(0, 4, "Evil", Label.DATE, value="2024-01-\x1b[2J"),
    ]
    monkeypatch.setattr(entities_cmd, "entities_for", lambda article: sorted(fake))
    assert main(["entities", str(path)]) == 0
    out = capsys.readouterr().out
    assert not any(ch in out for ch in "\x1b\u202e")
    lines = out.splitlines()
    assert lines[1] == "3 entities"
    header = lines[3]
    assert header.split() == ["LABEL", "TEXT", "OFFSETS", "VALUE"]
    assert lines[4].split()[0] == "DATE" and "0-4" in lines[4] and "2024-01-" in lines[4]
    assert any(line.startswith("PERSON") and f"{start}-{start + 7}" in line for line in lines)


def test_json_output_escapes_control_characters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = hostile_article(tmp_path)
    text = path.read_text("utf-8")
    start = text.index("Bad")
    fake = [
        Entity(5, 17, text[5:17], Label.ORG),
        Entity(start, start + 7, text[start : start + 7], Label.PERSON, key="Bad\x9bGuy"),
    ]
    monkeypatch.setattr(entities_cmd, "entities_for", lambda article: fake)
    assert main(["entities", str(path), "--json"]) == 0
    out = capsys.readouterr().out
    assert not any(ch in out for ch in "\x1b\u202e\x9b")
    assert "\\u001b" in out and "\\u202e" in out and "\\u009b" in out
    assert json.loads(out) == [item.to_json() for item in fake]


def test_label_filter(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    fake = [Entity(0, 7, "Ukraine", Label.PLACE), Entity(30, 36, "Russia", Label.PLACE)]
    fake.append(Entity(160, 167, "Kremlin", Label.ORG))
    monkeypatch.setattr(entities_cmd, "entities_for", lambda article: fake)
    assert main(["entities", "003", "--json", "--label", "ORG"]) == 0
    assert [item["text"] for item in json.loads(capsys.readouterr().out)] == ["Kremlin"]


def test_an_extractor_crash_is_an_error_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def crash(article: object) -> list[Entity]:
        raise RuntimeError("boom")

    monkeypatch.setattr(entities_cmd, "entities_for", crash)
    assert main(["entities", "003"]) == 1
    err = capsys.readouterr().err
    assert "entity extraction failed" in err and "boom" in err
