"""`reader claims` driven as a subprocess."""

import json
import subprocess
import sys
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def claims(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", "claims", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        check=False,
        timeout=60,
    )


def test_lists_check_worthy_claims_of_a_seed_by_id_prefix() -> None:
    result = claims("000", "--corpus", str(SEEDS))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("000_3dc8ba9f9aacea48.txt: Ukraine’s Offensive")
    assert "check-worthy of" in lines[1]
    assert lines[2].startswith("sourcing: 5 quotes (5 anonymous, 0 unattributed)")
    assert any("early 2022" in line for line in lines)
    assert "      a date" in result.stdout  # reasons are listed under each claim


def test_json_output_and_all(tmp_path: Path) -> None:
    worthy = claims("001_11fb115ab1b30ee7.txt", "--corpus", str(SEEDS), "--json")
    every = claims("001_11fb115ab1b30ee7.txt", "--corpus", str(SEEDS), "--json", "--all")
    assert worthy.returncode == every.returncode == 0
    worthy_data, every_data = json.loads(worthy.stdout), json.loads(every.stdout)
    assert 0 < len(worthy_data) < len(every_data)
    text = (SEEDS / "001_11fb115ab1b30ee7.txt").read_text(encoding="utf-8")
    for item in every_data:
        assert set(item) == {"start", "end", "text", "score", "reasons"}
        assert text[item["start"] : item["end"]] == item["text"]
    assert all(item["score"] >= 0.5 for item in worthy_data)
    assert any(item["score"] < 0.5 for item in every_data)
    strict = json.loads(
        claims("001", "--corpus", str(SEEDS), "--json", "--threshold", "0.9").stdout
    )
    assert len(strict) < len(worthy_data)


def test_file_path_outside_the_corpus(tmp_path: Path) -> None:
    article = tmp_path / "note.txt"
    article.write_text("Headline\n\nExports doubled to 40 billion in 2023, Mr. Diaz said.\n")
    result = claims(str(article), "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (item,) = json.loads(result.stdout)
    assert item["text"].startswith("Exports doubled") and item["score"] >= 0.5


def test_unknown_article_exits_2() -> None:
    result = claims("no-such-article", "--corpus", str(SEEDS))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "unknown article" in result.stderr


def test_ambiguous_prefix_missing_corpus_and_bad_threshold(tmp_path: Path) -> None:
    ambiguous = claims("00", "--corpus", str(SEEDS))
    assert ambiguous.returncode == 2 and "ambiguous" in ambiguous.stderr
    missing = claims("x", "--corpus", str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and missing.stderr
    bad = claims("000", "--corpus", str(SEEDS), "--threshold", "3")
    assert bad.returncode == 2 and "threshold" in bad.stderr


def test_hostile_text_never_reaches_the_terminal_raw(tmp_path: Path) -> None:
    hostile = (
        "Title \x1b]0;pwned\x07 [bold]x[/bold]\n\n"
        "Deaths rose 40% in 2020 \x1b[31mred\x1b[0m, said Mr. Evil \u202eevil\u202c. "
        "Exports doubled in 2021 to \x9b31m 3 billion.\n"
    )
    path = tmp_path / "evil.txt"
    path.write_text(hostile, encoding="utf-8")
    result = claims(str(path), "--all", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for bad in ("\x1b", "\x07", "\x9b", "\u202e", "\u202c"):
        assert bad not in result.stdout
    assert "[bold]x[/bold]" in result.stdout  # shown as typed, not interpreted
    data = json.loads(claims(str(path), "--all", "--json", cwd=tmp_path).stdout)
    assert any("\x1b[31mred" in item["text"] for item in data)  # JSON keeps the exact text


def test_closed_pipe_is_not_an_error(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"  # far more output than a pipe buffer holds
    big.write_text("Title\n\n" + "Exports rose 5% in 2020, Mr. Lee said. " * 4000, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", "claims", str(big), "--all"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert "Traceback" not in err
