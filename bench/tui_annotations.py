"""Benchmark annotations in the real reading app (issue 4's UI targets).

    python bench/tui_annotations.py [--annotations 10000] [--opens 15] [--ops 50]
                                    [--inject] [--repo CHECKOUT]

A fresh interpreter runs the real ReaderApp headless at 120x40 on a temp
corpus (the seeds plus variants of them, 100 articles) and a temp database of
N annotations (mixed kinds, fact-checks with verdicts, some overlapping), 500
of them on one article. Measured:

- open_500: from setting `current` to the 500-note article (coming from
  another one) until the next frame after the view, its highlights and the
  notes panel were updated (median/max).
- create / edit / delete (default): the real dialog is opened by the
  screen's own code path (`annotate_span`, `edit`, `delete`), drawn and
  filled in, then timed from its save key (`action_save`, or the confirm
  dialog's yes) until the dialog is gone, the write is durable (the screen's
  write queue is empty: the store thread returned) and the next frame after
  the notes panel, the highlights and the sidebar row were updated. The
  dialog's dismissal is part of the change (Textual removes the screen and
  repaints and lays out the main screen under it). dialog_open: from the call
  that opens the dialog until it is drawn (not part of the change).
- with --inject (the figures before 2026-11-21 14:00): timed from the call
  that opens the dialog, whose answer is injected (push_screen replaced by a
  call of the callback): no dialog is built or dismissed.
- --repo: run another checkout's reader with this bench (a baseline made with
  `git archive main | tar -x`).
- ui_thread_cpu (and open_500_ui_cpu; create/edit/delete_ui_cpu by kind):
  CPU time of the UI thread per change (per open), by thread_time, the store
  thread apart: the figure least bent by a loaded machine.
- store_write: each store call, timed in the thread that runs it.
- loop_stall: the longest event-loop lag seen by a 2 ms ticker while the
  writes run (the interface is frozen for that long at most).
- max_rss_mb, gc_frozen: the process's peak memory and the objects out of
  the collector's sight (gc.freeze), to see that GC tuning does not leak.
Targets: change p95 <= 50 ms at 10k; article open <= 100 ms.

2026-11-21, 2 cpus (AMD EPYC), load ~1.1-2, before the write path: open_500
median 74-84 ms; create p50/p95 107/146 ms, edit 76/117, delete 89/124;
longest loop stall 161 ms.

2026-11-21 ~12:00, after (branch annot: writes in a store thread, per-article
redraw, partial repaints) against main (which has the virtual sidebar), one
machine, alternating runs, default arguments unless said, load 2.6-4.5
(others' tests running):
                    create p50/p95  edit p50/p95  delete p50/p95  ui cpu p50/p95  stall p95/max
  main              131/210         121/245       163/251         94/178          220/281
  annot             62-65/151-163   50-51/64-70   44-47/61        38-39/86-101    26-28/113-114
  (--opens 5 --ops 40, load ~4: main 165/279, 125/197, 97/187, 86/157, 202/304;
   annot 67/151, 52/66, 44/63, 39/83, 27/93)
open_500 (--opens 15 --ops 2, load ~4.4): UI-thread CPU p50 89 ms on both
(wall median 168-178 ms at that load; 74-84 ms at load 1-2 before).
What is left per change: the store write (~15 ms p50, in its thread), the
notes panel's visible rows when it scrolls to the changed note (a create
places it anywhere in 500), one note placed and split, the sidebar row.

2026-11-21 ~12:35, branch annot2 (reading view: a selection change repaints
only the rows it touches, lines it does not touch cached without it; notes
panel: rows cut without a wrapping pass, a new note inserted / a deleted one
removed instead of set_options) against main (e46e5ca), alternating runs
M N M N, `--opens 1 --ops 40`, load 2.4-2.9. UI-thread CPU ms p50/p95:
                create         edit           delete
  main          34/63, 31/54   25/38, 25/31   22/35, 21/26
  annot2        32/53, 25/28   25/33, 23/27   21/31, 20/25
Wall p50/p95 (load-bound, noisy): main create 55/110, 49/80, edit 38/53,
46/86, delete 39/87, 43/74; annot2 create 52/95, 63/99, edit 41/73, 63/98,
delete 39/80, 58/93. An earlier pair (before the selection repaint, load
~2.2) gave create CPU 50/97, 48/90 (main) vs 43/81, 44/79. Wall p95 stays
above 50 ms on this shared machine: the store write (~14 ms, its thread),
the frame (Textual's StylesCache, filters and compositor for the rows that
changed), and the app's background entity counting (EntityPanel.set_others),
which sometimes lands in the measured window.

2026-11-21 ~14:50, branch annot3 against main (659c3e3, after the `open`
merge), `--opens 1 --ops 40`, alternating runs, load 0.4-2.8. Real dialogs,
from the save key (ms, p50/p95):
                create      edit        delete      ui cpu      store write  stall max
  main          136/326     107/375     104/374     96/358      34/181
  annot3        108/153     130/190     131/211     89/131      29/80
  main          125/310     113/450      98/376     95/377      35/217
  annot3         90/137     110/154      76/112     75/121      22/45
  main (2.8)    186/631     187/548     148/557    107/425                   876
  annot3        133/169     154/265     100/138     84/124                   694
With --inject (load 2.3): main create 66/130, edit 73/121, delete 71/113, ui
cpu 37/59, store 18/48; annot3 89/165, 41/51, 39/53, 32/57, 15/28.
What the slow 5% were: full garbage collections (100-400 ms: ~350,000 objects
outside the frozen part after a few dozen changes, mostly Textual strips and
their caches) landing in a save; they are now held off from a change's
submission until 0.25 s after it is drawn, and done at a quiet moment, then
frozen (reader/tui/gc_quiet.py). In this tight loop there is no quiet moment:
they still happen between changes (stall max). The store write: the store
thread waited up to 5 ms for the GIL after each system call while the UI
drew (switch interval now 0.5 ms during writes). What is left per change
(~75-90 ms UI CPU): Textual's dismissal of the dialog, a screen layout per
removed dialog (every ScrollView's scrollbars repainted: ScrollView
._size_updated always sees a new container size) and a full repaint of the
main screen under it (~25-40 ms), two to three more frames with layout while
the dialog's widgets are pruned, then the change's own redraw (notes panel
~3 ms, highlights ~1.5 ms after note_lines.relined, sidebar, triage ~1 ms).

2026-11-21 ~15:05, branch dialog (the note and confirm dialogs are removed
without a layout of the screen under them: reader/tui/dialogs/closing.py)
against its base (93dd6fb^^ = main 72cd334, `git archive` + --repo),
`--opens 1 --ops 40`, alternating B N B N, load 1.9-3.1. Real dialogs, from
the save key (ms, p50/p95):
                create      edit        delete      ui cpu      stall max
  base          141/255     93/183      98/291      72/129      889
  dialog         75/113     95/137      68/133      53/75       697
  base          131/173    128/172     109/159      88/125      481
  dialog         80/137     72/84       69/101      50/73       453
UI CPU per change by kind, p50: create 86-97 -> 53-62, edit 72-90 -> 47-59,
delete 55-76 -> 47-48. What was removed: Textual pruned a popped screen with
the App as parent and then called app.refresh(layout=True), a layout and a
full repaint of the uncovered screen (its four scroll views' scrollbars
included), once or twice per dismissal. Left: the uncovered screen's full
repaint (ScreenResume), the dialog's ~60 widgets pruned, the change's redraw,
the store write (~28 ms in its thread, which competes for the GIL).

2026-11-21 ~16:45, branch dialog2 (the note and delete dialogs built once and
shown again, refilled: dialogs/kept; not restyled on resume; the dimmed
screen under a dialog tinted again only in the rows that changed:
dialogs/dimmed.py) against main 78eb1b6 (`git archive` + --repo),
`--opens 1 --ops 20`, alternating B N B N B N, load 3.6-6.0 (others' runs):
                create      edit        delete      ui cpu      dialog open
  main          168/294     124/240     128/198     61/82       630/1404
  dialog2       137/254     103/187     123/171     45/62       125/287
  main          111/434     118/169      79/134     65/86       551/1376
  dialog2        87/156     109/182     144/216     46/60       113/303
  main          145/259     119/196     109/150     52/76       610/1144
  dialog2       112/172     117/154      87/148     45/66       111/266
(ms, p50/p95; wall figures are load-bound at this load.) UI CPU per change
by kind, p50: create 60-65 -> 46-54, edit 58-71 -> 39-46, delete 45-56 ->
35-46; child process CPU for the whole run 34-41 s -> 19-22 s. Opening the
dialog was: ~30 widgets composed and styled (40%), restyled again on
resume, the whole screen under it rendered and tinted 3 times (its own
refresh, the uncovered screen's full refresh, its footer's bindings).
Left per change: the uncovered screen's full frame on resume (Textual
re-renders the screen's own background lines and chops every widget's
lines: about 60% of the UI side), the notes panel refill and scroll to the
changed note, the view's relining, the store write in its thread.
After merging main 041263d (storewrite), against it, B N B N, load 1.3-2.4:
                create      edit        delete      ui cpu      dialog open
  main           66/80       61/79       61/91      51/70       269/541
  dialog2        62/77       57/75       57/67      41/62        64/125
  main          136/202     133/164     107/145     61/78       432/894
  dialog2        66/107      59/67       92/120     43/57        73/150

2026-11-21 ~19:00, branch drain (a change made here drawn row by row when
it is submitted, in the dialog's closing frame: screens/one_change.py,
NotesPanel.show_change, option_rows; the store call started at submission;
"Saved" when the write returned) against main ade973f (`git archive` +
--repo), `--opens 5 --ops 30`, alternating B D x3 twice, load 2.4-3.1
(others' runs). ms, p50/p95:
                create      edit        delete      ui cpu     open_500 median
  main           79/204      69/109      60/106     40/65       64
  drain          44/120      44/83       38/102     31/47       62
  main           91/169      88/172      65/131     38/57       97
  drain          43/109      53/101      88/122     36/53       41
  main           91/132      50/96       61/135     41/60       79
  drain          51/101      40/83       45/126     33/52       74
  main           69/138      62/143      68/117     39/65       76
  drain          52/145      53/76       75/143     36/58       63
  main           82/217      65/159      56/96      40/71      111
  drain          46/116      34/80       35/69      30/48       75
  main           42/90       44/68       56/112     34/65       45
  drain          70/145      78/160      57/121     37/57       63
Final state (2f01f29) against the same main, B D x3, load 1.4-2.1:
  main           75/181      45/79       56/92      39/62       97
  drain          43/106      48/118      65/108     34/49       55
  main           48/110      58/102      90/127     39/67      160
  drain          54/183      45/86       48/111     35/61       90
  main           45/112      60/87       61/105     42/58       65
  drain          45/84       39/67       45/59      36/54       63
Per change on the UI thread after the save key (frames probe, load ~2):
the closing dialog's frame, a full repaint of the uncovered screen with the
change in it (~15-20 ms CPU), then a second frame that redraws the notes
panel, its scrollbar and the reading view again (2-5 ms: their repaint
requests reach the screen after the full repaint), the change drawn (~3 ms:
was ~23 ms after the write), the Saved toast. The write (~4 ms CPU, ~12 ms
disk) now ends before the first frame does.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from bench.machine import machine  # noqa: E402

CHILD = r"""
import asyncio, json, random, shutil, statistics, sys, tempfile, time
from pathlib import Path
from reader.annotations.model import Anchor, Annotation, Kind, Source, Status
from reader.annotations.store import AnnotationStore
from reader.corpus import Corpus, iter_corpus, load_corpus
from reader.tui.app import ReaderApp
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.notes_panel import NotesPanel

seeds, total, opens, ops = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
mode = sys.argv[5]
import reader
assert Path(reader.__file__).resolve().is_relative_to(Path.cwd().resolve()), reader.__file__
rng = random.Random(4)
VERDICTS = ["true", "mostly true", "mixed", "false", None]
out = {}

def make(article, rng):
    text = article.text
    if rng.random() < 0.03:
        anchor = None  # a note on the whole article
    else:
        start = rng.randrange(0, len(text) - 120)
        anchor = Anchor.from_text(text, start, start + rng.randrange(4, 120), article.text_hash)
    kind = rng.choice(list(Kind))
    fact = kind is Kind.FACTCHECK
    return Annotation(
        article_id=article.id, kind=kind, anchor=anchor,
        tags=("claim",) if rng.random() < .3 else (),
        note="checked against the ministry figures " * rng.randrange(1, 4),
        claim=anchor.exact if fact and anchor else "", claimant="the minister" if fact else "",
        verdict=rng.choice(VERDICTS) if fact else None,
        status=rng.choice(list(Status)), sources=(Source("https://example.org/a"),) if fact else (),
        author="bench")

def pct(ms, q):
    ms = sorted(ms)
    return ms[min(len(ms) - 1, round(q * (len(ms) - 1)))]

def figures(name, ms):
    out[name + "_p50_ms"] = statistics.median(ms)
    out[name + "_p95_ms"] = pct(ms, 0.95)
    out[name + "_max_ms"] = max(ms)

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp) / "corpus"
    root.mkdir()
    for path in sorted(seeds.glob("*.txt")):
        shutil.copy(path, root / path.name)
        body = path.read_text(encoding="utf-8")
        for n in range(19):
            (root / f"{path.stem}_v{n:02}.txt").write_text(
                body.replace("\n\n", f" Variant {n}.\n\n", 1), encoding="utf-8")
    corpus = load_corpus(root)
    arts = sorted(corpus.articles, key=lambda a: a.id)
    hot = next(a for a in arts if a.id.startswith("001_") and "_v" not in a.id)
    others = [a for a in arts if a is not hot]
    db = Path(tmp) / "annotations.json"
    seed = [make(hot, rng) for _ in range(500)]
    seed += [make(others[i % len(others)], rng) for i in range(total - 500)]
    t0 = time.perf_counter()
    AnnotationStore.open(db).apply_batch(seed, [])
    out["build_db_s"] = time.perf_counter() - t0
    out["db_mb"] = db.stat().st_size / 1e6
    out["articles"] = len(arts)
    out["annotations"] = len(seed)

    stalls = []
    async def ticker(stop):
        last = time.perf_counter()
        while not stop.is_set():
            await asyncio.sleep(0.002)
            now = time.perf_counter()
            stalls.append((now - last - 0.002) * 1000)
            last = now

    async def settled(app):
        drawn = asyncio.Event()
        app.call_after_refresh(drawn.set)
        await drawn.wait()

    async def durable_and_drawn(app):
        # the store thread returned (the write is on disk), then the next frame
        await until(lambda: not getattr(app.screen, "writes_pending", 0))  # 0: writes in line
        await settled(app)

    async def until(predicate, timeout=120.0):
        start = time.perf_counter()
        while not predicate():
            if time.perf_counter() - start > timeout:
                raise TimeoutError
            await asyncio.sleep(0.001)

    async def main():
        t0 = time.perf_counter()
        app = ReaderApp(corpus=Corpus(root=root), db_path=db, source=iter_corpus(root))
        async with app.run_test(size=(120, 40)) as pilot:
            screen = app.screen
            await until(lambda: screen.is_mounted and screen.query(ArticleView)
                        and not screen.streaming and screen.store is not None)
            await app.workers.wait_for_complete()
            await pilot.pause()
            out["app_ready_s"] = time.perf_counter() - t0
            ids = [a.id for a in screen.articles]
            hot_i = ids.index(hot.id)
            other_i = ids.index(others[0].id)
            panel = screen.query_one("#notes", NotesPanel)
            view = screen.query_one(ArticleView)
            times, open_cpu = [], []
            for _ in range(opens):
                screen.current = other_i
                await settled(app)
                await pilot.pause()
                t0, c0 = time.perf_counter(), time.thread_time()
                screen.current = hot_i
                await until(lambda: view.article_id == hot.id and len(panel.notes) >= 500)
                await settled(app)
                times.append((time.perf_counter() - t0) * 1000)
                open_cpu.append((time.thread_time() - c0) * 1000)
            figures("open_500", times)
            figures("open_500_ui_cpu", open_cpu)
            out["open_500_median_ms"] = out.pop("open_500_p50_ms")
            out["notes_shown"] = len(panel.notes)
            await app.workers.wait_for_complete()
            await pilot.pause()

            answer = {}
            real_push = app.push_screen
            def fake_push(dialog, callback=None, *a, **k):
                callback(answer["fn"](dialog))
            if mode == "inject":
                app.push_screen = fake_push
            submitted = [0]
            real_submit = screen.submit
            def counting_submit(*a, **k):
                submitted[0] += 1
                return real_submit(*a, **k)
            screen.submit = counting_submit
            store_ms = []  # each store call, timed where it runs (the store thread)
            for name in ("add", "update", "delete"):
                def timed(*args, _call=getattr(screen.store, name)):
                    t = time.perf_counter()
                    try:
                        return _call(*args)
                    finally:
                        store_ms.append((time.perf_counter() - t) * 1000)
                setattr(screen.store, name, timed)
            stop = asyncio.Event()
            tick = asyncio.create_task(ticker(stop))
            times = {"create": [], "edit": [], "delete": []}
            ui_cpu = []  # CPU time of the UI thread per change (the store thread apart)
            op_cpu = {"create": [], "edit": [], "delete": []}  # the same, by kind
            dialog_open = []  # the key that opens the dialog -> the dialog drawn
            text = hot.text

            async def change(kind, open_dialog, answer_fn, fill=None):
                # Time one change: in "dialog" mode from the dialog's save key
                # (its action, the dialog drawn and filled in) to durable and
                # drawn, the dialog's dismissal included; in "inject" mode from
                # the call that would open the dialog (the answer injected).
                answer["fn"] = answer_fn
                wanted = submitted[0] + 1
                if mode == "dialog":
                    t0 = time.perf_counter()
                    open_dialog()
                    await until(lambda: app.screen is not screen)
                    await settled(app)
                    dialog_open.append((time.perf_counter() - t0) * 1000)
                    dialog = app.screen
                    if fill is not None:
                        fill(dialog)
                    await settled(app)
                    await pilot.pause()
                    t0, c0 = time.perf_counter(), time.thread_time()
                    save = getattr(dialog, "action_save", None)
                    save() if save is not None else dialog.action_answer(True)
                else:
                    t0, c0 = time.perf_counter(), time.thread_time()
                    open_dialog()
                await until(lambda: submitted[0] >= wanted and app.screen is screen)
                await durable_and_drawn(app)
                times[kind].append((time.perf_counter() - t0) * 1000)
                ui_cpu.append((time.thread_time() - c0) * 1000)
                op_cpu[kind].append(ui_cpu[-1])

            def set_note(dialog, note):
                from textual.widgets import TextArea
                dialog.query_one("#note", TextArea).text = note

            for i in range(ops):
                start = rng.randrange(0, len(text) - 120)
                before = len(screen.store.for_article(hot.id))
                kind = Kind.FACTCHECK if i % 3 == 0 else Kind.NOTE
                end = start + rng.randrange(5, 80)
                await change("create", lambda: screen.annotate_span(start, end, kind),
                             lambda d: d.draft, lambda d, i=i: set_note(d, f"n{i}"))
                assert len(screen.store.for_article(hot.id)) == before + 1
            for i in range(ops):
                target = rng.choice(screen.store.for_article(hot.id))
                await change("edit", lambda: screen.edit(target),
                             lambda d, t=target, i=i: t.edited(note=f"e{i}", verdict="false"),
                             lambda d, i=i: set_note(d, f"e{i}"))
                assert screen.store.get(target.id).note == f"e{i}"
            for i in range(ops):
                target = rng.choice(screen.store.for_article(hot.id))
                await change("delete", lambda: screen.delete(target), lambda d: True)
                assert screen.store.get(target.id) is None
            stop.set()
            await tick
            for name, ms in times.items():
                figures(name, ms)
            if dialog_open:
                figures("dialog_open", dialog_open)
            figures("ui_thread_cpu", ui_cpu)
            for name, ms in op_cpu.items():
                figures(name + "_ui_cpu", ms)
            figures("store_write", store_ms)
            out["loop_stall_max_ms"] = max(stalls)
            out["loop_stall_p95_ms"] = pct(stalls, 0.95)
            out["notes_after"] = len(screen.store.for_article(hot.id))
            import gc, resource
            out["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000
            out["gc_frozen"] = gc.get_freeze_count()  # objects out of the collector's sight

    asyncio.run(main())
print(json.dumps(out))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--annotations", type=int, default=10_000)
    parser.add_argument("--opens", type=int, default=15)
    parser.add_argument("--ops", type=int, default=50)
    parser.add_argument(
        "--inject",
        action="store_true",
        help="time from the call that opens the dialog, its answer injected (the "
        "figures before 2026-11-21 14:00); default: the real dialog, from its save key",
    )
    parser.add_argument(
        "--repo",
        type=Path,
        default=REPO,
        help="run another checkout's reader (e.g. a baseline), with this bench",
    )
    args = parser.parse_args()
    print(machine())
    print(f"reader from {args.repo}, {'injected answers' if args.inject else 'real dialogs'}")
    env = {
        **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
        "PYTHONPYCACHEPREFIX": str(HERE / "out" / "pycache"),
    }
    repo = args.repo.resolve()
    argv = [str(repo / "seeds"), str(args.annotations), str(args.opens), str(args.ops)]
    argv.append("inject" if args.inject else "dialog")
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *argv],
        capture_output=True,
        text=True,
        cwd=repo,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"child failed:\n{done.stderr[-3000:]}")
    for key, value in json.loads(done.stdout.strip().splitlines()[-1]).items():
        print(f"  {key:22} {value:10.2f}" if isinstance(value, float) else f"  {key:22} {value}")
    print(f"load after: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
