"""Benchmark the real start: the installed `reader` command in a pseudo-terminal.

    python bench/tui_start.py [--repeat 3] [--notes 200] [--against CHECKOUT] [--show]

Each run spawns a fresh process of the `reader` installed beside the Python
that runs this bench, from the repository root (corpus: the seeds)
in a pty of 120x40 and times from the spawn until the terminal SHOWS the full
first screen: the bytes the child writes are fed to a screen model (pyte, a
bench-only extra: `pip install -e '.[bench]'`), and the screen counts as full
when every part is on it: the sidebar's title "Articles N" with every seed's
title (and, with notes, every article's right note count), the first
article's title in the reading view, an entity panel row, the Notes panel and
the footer's keys. first_frame_s is when anything was first drawn.
cpu_s is the child's CPU time (all threads) at the moment the screen was full
(/proc/PID/stat when the completing bytes were read). The bytes are only read
(and time-stamped) while the child writes; the model runs once the output has
been quiet for a moment, so the bench does not compete with the child.

Scenarios, interleaved run by run: `reader` with a --db that does not exist
yet (new_db), the same with a db of --notes notes on the seeds (notes_db),
`python -m reader` (new db), and a bare Textual app (OptionList of 10 rows,
a read-only soft-wrapped TextArea holding a seed, Footer) with the same
interpreter. --against CHECKOUT adds the same reader scenarios with that
checkout's `.venv/bin/reader` (its own install; e.g. a checkout of main).
Medians of --repeat runs; ratio = the scenario's median over bare's median
(wall and CPU). --show prints the last screen of each scenario.

The children run as after an install and a first run: bytecode written and
read (PYTHONDONTWRITEBYTECODE, set on the dev machine, is dropped; .pyc files
go under each checkout's bench/out/pycache) and the reader's caches in each
checkout's bench/out/cache (READER_CACHE_DIR), warmed by two runs of each
scenario first. --env-as-is keeps this environment instead (with
PYTHONDONTWRITEBYTECODE=1 the checkout's modules are compiled at every start).
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import pty
import random
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from bench.machine import machine  # noqa: E402

COLUMNS, LINES = 120, 40
QUIET_S = 0.3  # output quiet this long: feed the screen model
TIMEOUT_S = 20.0
CLOCK_TICK = os.sysconf("SC_CLK_TCK")

BARE_APP = r"""
import sys
from pathlib import Path
from textual.app import App
from textual.widgets import Footer, OptionList, TextArea
text = Path(sys.argv[1]).read_text(encoding="utf-8")
class Bare(App[None]):
    BINDINGS = [("q", "quit", "Quit")]
    def compose(self):
        yield OptionList(*[f"row {i}" for i in range(10)])
        yield TextArea(text, read_only=True, soft_wrap=True)
        yield Footer()
Bare().run()
"""

Screen = list[str]  # the display: LINES strings of COLUMNS characters
Check = Callable[[Screen], bool]


def child_cpu_s(pid: int) -> float:
    """CPU time (user + system, every thread, also finished ones) of `pid`."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICK  # utime, stime


def region(screen: Screen, first: int, last: int) -> str:
    return "\n".join(line[first:last] for line in screen)


def reader_check(titles: list[str], note_counts: list[int | None] | None) -> Check:
    """The full first screen of `reader` on the seeds (see the module docstring);
    `note_counts`: each row's count, None where the row has no room for it."""
    short = [title[:18] for title in titles]
    articles = f"Articles {len(titles)} "

    def full(screen: Screen) -> bool:
        sidebar = region(screen, 0, 32)
        view = region(screen, 32, 90)
        panel = region(screen, 90, COLUMNS)
        if articles not in screen[0] or not all(t in sidebar for t in short):
            return False
        if note_counts is not None and not all(
            f"│{n} notes" in sidebar for n in note_counts if n is not None
        ):
            return False
        if titles[0][:30] not in view.replace("\n", " ") or "mentions" not in panel:
            return False
        if "Notes" not in panel or "×" not in panel:
            return False
        footer = screen[-1]
        return all(key in footer for key in ("Open article", "Quit", "Help", "palette"))

    return full


def bare_check(text: str) -> Check:
    first_line = text.strip().splitlines()[0][:30]

    def full(screen: Screen) -> bool:
        whole = "\n".join(screen)
        return "row 9" in whole and first_line in whole and "Quit" in screen[-1]

    return full


@dataclass
class Run:
    full_s: float | None = None
    cpu_s: float | None = None
    first_frame_s: float | None = None
    screen: Screen = field(default_factory=list)


def child_env(root: Path, as_is: bool) -> dict[str, str]:
    """The environment of a child run from checkout `root`: as after an install
    and a first run (bytecode written, even where PYTHONDONTWRITEBYTECODE is set,
    under the checkout's bench/out/pycache; the regex, code and metadata caches
    in its bench/out/cache, not the shared ~/.cache/reader, which another
    checkout's run would rewrite); `as_is`: this process's environment."""
    env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(LINES))
    env.pop("TEXTUAL", None)
    if not as_is:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(root / "bench" / "out" / "pycache")
        env.setdefault("READER_CACHE_DIR", str(root / "bench" / "out" / "cache"))
    return env


def run_once(argv: list[str], cwd: Path, full: Check, env: dict[str, str] | None = None) -> Run:
    """Spawn `argv` in a pty at 120x40; time until `full(screen)` holds; quit with q."""
    import pyte

    screen = pyte.Screen(COLUMNS, LINES)
    stream = pyte.ByteStream(screen)
    chunks: list[tuple[float, float, bytes]] = []  # (time, child cpu, bytes)
    fed = 0
    result = Run()
    env = child_env(cwd, as_is=True) if env is None else env
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: the pty's size first, then the command
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
            os.chdir(cwd)
            os.execvpe(argv[0], argv, env)
        finally:
            os._exit(127)
    try:
        while time.perf_counter() - t0 < TIMEOUT_S:
            ready, _, _ = select.select([fd], [], [], QUIET_S)
            if ready:
                try:
                    data = os.read(fd, 1 << 20)
                except OSError:
                    break  # the child is gone
                if not data:
                    break
                chunks.append((time.perf_counter() - t0, child_cpu_s(pid), data))
                continue
            while fed < len(chunks):  # quiet: show the model what came
                at, cpu, data = chunks[fed]
                fed += 1
                stream.feed(data)
                shown = screen.display
                if result.first_frame_s is None and any(line.strip() for line in shown):
                    result.first_frame_s = at
                if full(shown):
                    result.full_s, result.cpu_s = at, cpu
                    break
            if result.full_s is not None:
                break
        result.screen = screen.display
        os.write(fd, b"q")
        deadline = time.perf_counter() + 3
        while time.perf_counter() < deadline:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if select.select([fd], [], [], 0.05)[0]:
                with contextlib.suppress(OSError):
                    os.read(fd, 1 << 20)
        else:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    finally:
        os.close(fd)
    return result


def make_notes_db(path: Path, total: int) -> list[int]:
    """A db of `total` notes on the seeds, spread unevenly; the counts per
    article in sidebar order (article id order)."""
    from reader.annotations.model import Anchor, Annotation, Kind
    from reader.annotations.store import AnnotationStore
    from reader.corpus import load_corpus

    rng = random.Random(7)
    articles = sorted(load_corpus(REPO / "seeds").articles, key=lambda a: a.id)
    weights = [2**i for i in range(len(articles), 0, -1)]
    counts = [total * w // sum(weights) for w in weights]
    counts[0] += total - sum(counts)
    notes = []
    for article, count in zip(articles, counts, strict=True):
        for _ in range(count):
            start = rng.randrange(0, len(article.text) - 80)
            anchor = Anchor.from_text(article.text, start, start + 40, article.text_hash)
            notes.append(
                Annotation(article_id=article.id, kind=Kind.NOTE, anchor=anchor, note="checked")
            )
    with AnnotationStore.open(path) as store:
        store.apply_batch(notes, [])
    return counts


@dataclass
class Scenario:
    name: str
    argv: list[str]
    cwd: Path
    check: Check
    db: Path | None = None  # a fresh copy of it (or none: a new db) each run
    env: dict[str, str] | None = None
    runs: list[Run] = field(default_factory=list)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--notes", type=int, default=200)
    parser.add_argument("--against", type=Path, help="another checkout with its own .venv")
    parser.add_argument("--only", help="comma-separated scenario names")
    parser.add_argument("--show", action="store_true", help="print each scenario's last screen")
    parser.add_argument(
        "--env-as-is",
        action="store_true",
        help="run the children in this environment (e.g. with PYTHONDONTWRITEBYTECODE)",
    )
    args = parser.parse_args()
    try:
        import pyte  # noqa: F401
    except ImportError:
        sys.exit("bench/tui_start.py needs pyte: pip install -e '.[bench]'")
    from reader.corpus import load_corpus

    print(machine())
    seeds = sorted(load_corpus(REPO / "seeds").articles, key=lambda a: a.id)
    titles = [a.title.value or "" for a in seeds]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        notes_db = tmp / "notes.json"
        counts = make_notes_db(notes_db, args.notes)
        # a row's count is cut off (…) after a date and outlet
        visible = [
            None if a.published.known or a.outlet.known else n
            for a, n in zip(seeds, counts, strict=True)
        ]
        bare_script = tmp / "bare_app.py"
        bare_script.write_text(BARE_APP, encoding="utf-8")
        bin_dir = Path(sys.executable).parent
        checkouts = [("", REPO)]
        if args.against is not None:
            checkouts.append(("base ", args.against.resolve()))
        scenarios: list[Scenario] = []
        for label, root in checkouts:
            # this checkout: the install of the Python running the bench; another: its .venv
            bin_of = bin_dir if root == REPO else root / ".venv" / "bin"
            if not (bin_of / "reader").exists():
                raise SystemExit(f"no installed reader in {bin_of}: pip install -e {root}")
            command = str(bin_of / "reader")
            python = str(bin_of / "python")
            scenarios += [
                Scenario(f"{label}reader new_db", [command], root, reader_check(titles, None)),
                Scenario(
                    f"{label}reader notes_db",
                    [command],
                    root,
                    reader_check(titles, visible),
                    notes_db,
                ),
                Scenario(
                    f"{label}python -m reader",
                    [python, "-m", "reader"],
                    root,
                    reader_check(titles, None),
                ),
            ]
        bare = Scenario(
            "bare textual",
            [str(bin_dir / "python"), str(bare_script), str(seeds[0].path)],
            REPO,
            bare_check(seeds[0].text),
        )
        scenarios.append(bare)
        if args.only:
            keep = {name.strip() for name in args.only.split(",")} | {bare.name}
            scenarios = [s for s in scenarios if s.name in keep]
        warm = tmp / "warm.json"
        for scenario in scenarios * 2:  # warm the OS file cache, bytecode and caches
            scenario.env = child_env(scenario.cwd, args.env_as_is)
            run_once(
                scenario.argv + ["--db", str(warm)] * (scenario is not bare),
                scenario.cwd,
                scenario.check,
                scenario.env,
            )
        for turn in range(args.repeat):
            for scenario in scenarios:
                argv = list(scenario.argv)
                if scenario is not bare:
                    db = tmp / f"run{turn}" / scenario.name.replace(" ", "_") / "annotations.json"
                    db.parent.mkdir(parents=True)
                    if scenario.db is not None:
                        shutil.copy(scenario.db, db)
                    argv += ["--db", str(db)]
                scenario.runs.append(run_once(argv, scenario.cwd, scenario.check, scenario.env))
    report(scenarios, bare, args.show)
    print(machine())


def median(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return statistics.median(known) if len(known) == len(values) and known else None


def fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def report(scenarios: list[Scenario], bare: Scenario, show: bool) -> None:
    bare_wall = median([r.full_s for r in bare.runs])
    bare_cpu = median([r.cpu_s for r in bare.runs])
    print(
        f"{'scenario':<24} {'full_s':>7} {'cpu_s':>7} {'first_s':>7}  "
        f"{'wall/bare':>9} {'cpu/bare':>8}  runs (full_s/cpu_s)"
    )
    for scenario in scenarios:
        wall = median([r.full_s for r in scenario.runs])
        cpu = median([r.cpu_s for r in scenario.runs])
        first = median([r.first_frame_s for r in scenario.runs])
        ratio = "-" if wall is None or not bare_wall else f"{wall / bare_wall:.2f}"
        cpu_ratio = "-" if cpu is None or not bare_cpu else f"{cpu / bare_cpu:.2f}"
        each = " ".join(f"{fmt(r.full_s)}/{fmt(r.cpu_s)}" for r in scenario.runs)
        print(
            f"{scenario.name:<24} {fmt(wall):>7} {fmt(cpu):>7} {fmt(first):>7}  "
            f"{ratio:>9} {cpu_ratio:>8}  {each}"
        )
        if show or any(r.full_s is None for r in scenario.runs):
            last = scenario.runs[-1] if scenario.runs else None
            if last is not None:
                print("\n".join(line.rstrip() for line in last.screen))


if __name__ == "__main__":
    main()
