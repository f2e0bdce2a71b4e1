"""A key pressed right after the start: how long until its effect is on the terminal.

    python bench/tui_start_key.py [--repeat 8] [--delay 0.3] [--against CHECKOUT]

Spawns the installed `reader` in a 120x40 pty (as bench/tui_start.py does:
same environment, corpus the seeds) with a db in a kept folder (so the triage
cache beside it is warm after the first run, as for a user), waits until the
sidebar's "Articles 5" is on the terminal (the full first screen once the
corpus is in), waits --delay seconds, types j j enter (open the third
article) and times until its title ("Retake More") is drawn. Prints, per
checkout, the medians of key_to_shown_ms and of spawn_to_shown_ms (spawn to
the key's effect: what a reader who presses at once waits in all),
interleaved runs.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.machine import machine  # noqa: E402
from bench.tui_start import COLUMNS, LINES, child_env  # noqa: E402

ESCAPES = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-_])")
READY, SHOWN = b"Articles 5", b"Retake More"


def once(root: Path, db: Path, delay: float) -> tuple[float, float] | None:
    """(key to shown, spawn to shown) in seconds, or None if it never showed."""
    argv = [str(root / ".venv" / "bin" / "reader"), "--db", str(db)]
    env = child_env(root, as_is=False)
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
            os.chdir(root)
            os.execvpe(argv[0], argv, env)
        finally:
            os._exit(127)
    seen, sent, result = b"", None, None
    try:
        while time.perf_counter() - t0 < 15:
            if select.select([fd], [], [], 0.002)[0]:
                try:
                    seen += os.read(fd, 1 << 20)
                except OSError:
                    break
            if sent is None and READY in ESCAPES.sub(b"", seen):
                time.sleep(delay)
                os.write(fd, b"jj\r")
                sent, seen = time.perf_counter(), b""
            elif sent is not None and SHOWN in ESCAPES.sub(b"", seen):
                now = time.perf_counter()
                result = (now - sent, now - t0)
                break
        os.write(fd, b"q")
        time.sleep(0.3)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=8)
    parser.add_argument("--delay", type=float, default=0.3, help="seconds before the keys")
    parser.add_argument("--against", type=Path, help="another checkout with its own .venv")
    args = parser.parse_args()
    print(machine())
    roots = [HERE.parent] + ([args.against.resolve()] if args.against else [])
    runs: dict[Path, list[tuple[float, float]]] = {root: [] for root in roots}
    with tempfile.TemporaryDirectory() as tmp:
        dbs = {root: Path(tmp) / str(n) / "annotations.json" for n, root in enumerate(roots)}
        for root in roots:  # warm: bytecode, caches, the triage cache beside the db
            once(root, dbs[root], args.delay)
        for _ in range(args.repeat):
            for root in roots:
                result = once(root, dbs[root], args.delay)
                if result is not None:
                    runs[root].append(result)
    for root, results in runs.items():
        if not results:
            print(f"{root}: the key's effect never showed")
            continue
        key = statistics.median(r[0] for r in results) * 1000
        total = statistics.median(r[1] for r in results) * 1000
        print(
            f"{root}: key_to_shown_ms {key:.0f}, spawn_to_shown_ms {total:.0f} "
            f"({len(results)}/{args.repeat} runs, keys {args.delay:g} s after the screen)"
        )
    print(machine())


if __name__ == "__main__":
    main()
