"""Real processes: SIGKILL mid-write loses nothing reported saved; two writers merge."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.annotations.store import AnnotationStore

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")

WRITER = r"""
import sys
from pathlib import Path
from reader.annotations.model import Anchor, Annotation
from reader.annotations.store import AnnotationStore

path, tag, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
if tag == "chunked":  # every write in many chunks, writeback started after each
    from reader.annotations import durable
    durable.WRITEBACK_EVERY = 512
store = AnnotationStore.open(path)
text = "x" * 200 + " the claim under test " + "y" * 200
print("ready", flush=True)
sys.stdin.readline()  # wait for "go"
n = 0
while count < 0 or n < count:
    if tag == "batch":  # an import: many annotations in one write
        anns = [Annotation("batch.txt", note=f"{n} {i}") for i in range(200)]
        store.apply_batch(anns, [])
        print("\n".join(a.id for a in anns), flush=True)
    else:
        ann = Annotation(f"{tag}.txt", note=f"{tag} {n}", anchor=Anchor.from_text(text, 200, 222))
        store.add(ann)
        print(ann.id, flush=True)  # only after add() returned: the user was told
    n += 1
"""

ID_LINE = re.compile(r"^[0-9a-f]{32}$")
ROOT = Path(__file__).resolve().parent.parent


def spawn(db: Path, tag: str, count: int) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), tag, str(count)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line == "ready\n", child.stderr.read() if child.stderr else line
    return child


def go(child: subprocess.Popen[str]) -> None:
    assert child.stdin is not None
    child.stdin.write("go\n")
    child.stdin.flush()


def reported_ids(output: str) -> set[str]:
    # A line cut by the kill has no newline; only complete lines count.
    lines = output.split("\n")[:-1]
    return {line for line in lines if ID_LINE.match(line)}


@pytest.mark.parametrize(("mode", "kills"), [("crash", 18), ("batch", 6), ("chunked", 8)])
def test_sigkill_mid_write_never_loses_a_saved_annotation(
    tmp_path: Path, mode: str, kills: int
) -> None:
    db = tmp_path / "annotations.json"
    rng = random.Random(os.getpid())
    promised: set[str] = set()
    for _ in range(kills):
        child = spawn(db, mode, -1)
        go(child)
        time.sleep(rng.uniform(0.02, 0.25))
        child.send_signal(signal.SIGKILL)
        out, _err = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL
        promised |= reported_ids(out)
        # The file parses and holds everything any child was told is saved.
        stored = {a.id for a in AnnotationStore.open(db, read_only=True).all()}
        missing = promised - stored
        assert not missing, f"{len(missing)} saved annotations lost"
    assert len(promised) > kills  # the children really were writing when killed
    leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    AnnotationStore.open(db)  # a writer cleans temp files of killed writers
    assert all(not p.exists() for p in leftovers)


def test_two_processes_writing_at_once_merge(tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    children = [spawn(db, tag, 50) for tag in ("left", "right")]
    for child in children:
        go(child)
    outputs = []
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        outputs.append(reported_ids(out))
    assert all(len(ids) == 50 for ids in outputs)
    stored = AnnotationStore.open(db).all()
    assert {a.id for a in stored} == outputs[0] | outputs[1]
    assert len(stored) == 100
    assert {a.article_id for a in stored} == {"left.txt", "right.txt"}
