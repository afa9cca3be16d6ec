#!/usr/bin/env python3
"""What the growth loop costs a large build: the shared corpus built as it
is, and a copy of it with goals, revisits and repeats added to its front
matter, timed in pairs (plain, with growth, plain, ...) into fresh output
folders, whole process, medians. The build date is fixed with
SOURCE_DATE_EPOCH so both builds judge "overdue" on the same day.

    python3 bench/growth_overhead.py                 # 10,000 write-ups, 5 pairs
    python3 bench/growth_overhead.py --size 1000 --runs 15
    python3 bench/growth_overhead.py --binary /tmp/gs-before   # a saved binary, no cargo build

The copy gets, deterministically, by default: goals on half the write-ups
(one or two, most with a `by` date, about half met), a revisit on one in
five (each outcome, a one-sentence Markdown note, some linking another
write-up), and `repeats` on 1 in 50 (an earlier published write-up); a
`done` or revisit that would fall after the build date is left out.
`--heavy` adds more, as in the example blog: goals on 7 in 10 (one to
three), one or two revisits on 4 in 10, repeats on 1 in 30.
Each output is checked with check_output.py, and the progress page and
feed must exist. Needs the shared bench folder (--shared) and GNU time.
"""

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import REPO, check, corpus, run  # noqa: E402

BUILD_DATE = dt.date(2026, 7, 1)
SOURCE_DATE_EPOCH = str(int(dt.datetime(2026, 7, 1, 12, tzinfo=dt.timezone.utc).timestamp()))
GOALS = [
    "Ask for a second review on every change of this kind",
    "Write the rollback before the change itself",
    "Say the risk out loud on the day I see it",
    "Check the dashboard for ten minutes after each release",
    "Give estimates as ranges, with their unknowns named",
    "Keep a running note of who helped me, and use it",
]
NOTES = [
    "It held: **every** change since went through the checklist.",
    "Slipped once under deadline pressure, then back on track.",
    "The goal changed: a weekly review works better than a rule.",
    "Three months on, it is a habit. Nobody has had to remind me.",
]


LIGHT = {"goals": 0.5, "max_goals": 2, "revisits": 0.2, "max_revisits": 1, "repeats": 1 / 50}
HEAVY = {"goals": 0.7, "max_goals": 3, "revisits": 0.4, "max_revisits": 2, "repeats": 1 / 30}


def before_build(writeup: dt.date, days: int):
    """The date `days` after the write-up's, or None when it falls after the
    build date: nobody writes down a follow-up that has not happened yet."""
    day = writeup + dt.timedelta(days=days)
    return day if day <= BUILD_DATE else None


def add_growth(site: Path, published: set, density: dict = LIGHT, seed: int = 14) -> dict:
    """Adds goals, revisits and repeats to every write-up of `site`."""
    rng = random.Random(seed)
    counts = {"goals": 0, "revisits": 0, "repeats": 0}
    earlier = []
    for path in sorted((site / "content" / "mistakes").glob("*.md"), key=lambda p: p.name):
        text = path.read_text(encoding="utf-8")
        date = dt.date.fromisoformat(re.search(r"^date: (\d{4}-\d{2}-\d{2})", text, re.M).group(1))
        lines = []
        if rng.random() < density["goals"]:
            lines.append("goals:")
            for _ in range(rng.randint(1, density["max_goals"])):
                lines.append(f"  - goal: {rng.choice(GOALS)}")
                if rng.random() < 0.8:
                    lines.append(f"    by: {date + dt.timedelta(days=rng.randint(20, 200))}")
                done = before_build(date, rng.randint(5, 150)) if rng.random() < 0.5 else None
                if done:
                    lines.append(f"    done: {done}")
                counts["goals"] += 1
        if rng.random() < density["revisits"]:
            revisits = []
            for _ in range(rng.randint(1, density["max_revisits"])):
                note = rng.choice(NOTES)
                if earlier and rng.random() < 0.3:
                    note += f" See [an earlier one](@/mistakes/{rng.choice(earlier)}.md)."
                day = before_build(date, rng.randint(30, 400))
                outcome = rng.choices(['stuck', 'changed', 'slipped'], [6, 2, 2])[0]
                if day:
                    revisits += [f"  - date: {day}", f"    note: {json.dumps(note)}", f"    outcome: {outcome}"]
                    counts["revisits"] += 1
            if revisits:
                lines += ["revisits:", *revisits]
        if earlier and rng.random() < density["repeats"]:
            lines.append(f"repeats: [\"@/mistakes/{rng.choice(earlier)}.md\"]")
            counts["repeats"] += 1
        close = text.index("\n---\n", 4)
        text = text[: close + 1] + "".join(line + "\n" for line in lines) + text[close + 1:]
        path.write_text(text, encoding="utf-8")
        if path.stem in published:
            earlier.append(path.stem)
    return counts


def timed(cmd):
    """Runs cmd under /usr/bin/time -v; returns (wall s, CPU s, peak MiB).
    CPU time (user + system) moves less than wall time on a busy machine."""
    os.sync()
    result = subprocess.run(["/usr/bin/time", "-v", *cmd], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{result.stderr[-3000:]}")
    wall = cpu = peak = 0.0
    for line in result.stderr.splitlines():
        line = line.strip()
        if line.startswith("Elapsed (wall clock) time"):
            clock = line.rsplit(" ", 1)[1].split(":")
            wall = sum(float(part) * 60 ** i for i, part in enumerate(reversed(clock)))
        elif line.startswith(("User time", "System time")):
            cpu += float(line.rsplit(" ", 1)[1])
        elif line.startswith("Maximum resident set size"):
            peak = int(line.rsplit(" ", 1)[1]) / 1024
    return wall, cpu, peak


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "bench",
                        help="folder with gen_corpus.py and check_output.py (default ../shared/bench)")
    parser.add_argument("--size", type=int, default=10000, help="write-ups")
    parser.add_argument("--runs", type=int, default=0, help="pairs of runs (default 15 under 10,000, else 5)")
    parser.add_argument("--work", type=Path, default=REPO / "bench" / "out", help="corpus and output folder")
    parser.add_argument("--heavy", action="store_true", help="more goals and revisits (see above)")
    parser.add_argument("--binary", type=Path, default=None,
                        help="time this growthsite binary instead of building target/release/growthsite")
    parser.add_argument("--out", type=Path, default=None,
                        help="where the outputs go (default: under --work); /dev/shm takes the disk out of the figures")
    args = parser.parse_args()

    growthsite = args.binary
    if growthsite is None:
        run(["cargo", "build", "--release", "--quiet", "--bin", "growthsite"], cwd=REPO)
        growthsite = REPO / "target" / "release" / "growthsite"
    args.work.mkdir(parents=True, exist_ok=True)
    plain = corpus(args.shared, args.work, "growthsite", args.size)
    grown = args.work / f"growthsite-{args.size}-growth{'-heavy' if args.heavy else ''}"
    if not (grown / "corpus.json").exists():
        shutil.rmtree(grown, ignore_errors=True)
        shutil.copytree(plain, grown)
        published = set(json.loads((grown / "corpus.json").read_text())["published_slugs"])
        counts = add_growth(grown, published, HEAVY if args.heavy else LIGHT)
        print(f"added to the copy: {counts}", file=sys.stderr)
    runs = args.runs or (15 if args.size < 10000 else 5)
    env_cmd = ["env", f"SOURCE_DATE_EPOCH={SOURCE_DATE_EPOCH}"]
    figures = {"plain": [], "growth": []}
    runs_dir = args.out or args.work
    runs_dir.mkdir(parents=True, exist_ok=True)  # a new --out folder, e.g. on /dev/shm
    session = Path(tempfile.mkdtemp(prefix=f"growth-{args.size}-", dir=runs_dir))
    for i in range(runs + 1):  # the first pair warms the page cache and is not counted
        pair = []
        # Alternate which build goes first, so that whatever the previous
        # pair left behind (writeback, freed blocks) falls on each as often.
        order = (("plain", plain), ("growth", grown))
        for name, site in order if i % 2 == 0 else order[::-1]:
            out = session / f"{name}-{i}"
            wall, cpu, peak = timed([*env_cmd, str(growthsite), "build", "--root", str(site), "-o", str(out),
                                     "--quiet"])
            check(args.shared, site, out)
            if not (out / "progress" / "index.html").exists() or not (out / "progress" / "atom.xml").exists():
                sys.exit(f"{out}: no progress page or feed")
            pair.append((name, wall, cpu, peak))
        # Each pair's outputs are removed before the next pair: two full
        # outputs at a time is all the disk space this needs (the next
        # timed run starts after a sync, so the deletion is not timed).
        for name, _ in order:
            shutil.rmtree(session / f"{name}-{i}")
        os.sync()
        if i > 0:
            for name, wall, cpu, peak in pair:
                figures[name].append((wall, cpu, peak))
        pair.sort()
        print(f"  pair {i}/{runs}: " + ", ".join(f"{n} {w:.3f}s wall {c:.3f}s CPU {p:.0f} MiB"
                                                   for n, w, c, p in pair), file=sys.stderr)
    shutil.rmtree(session)

    def med(name, k):
        return statistics.median(f[k] for f in figures[name])

    def ratio(k):
        return statistics.median(g[k] / p[k] for p, g in zip(figures["plain"], figures["growth"]))

    print("| write-ups | pairs | plain: wall, CPU, peak | with goals and revisits | wall ratio | CPU ratio |")
    print("|---|---|---|---|---|---|")
    print(f"| {args.size:,} | {runs} | {med('plain', 0):.2f} s, {med('plain', 1):.2f} s, {med('plain', 2):.0f} MiB "
          f"| {med('growth', 0):.2f} s, {med('growth', 1):.2f} s, {med('growth', 2):.0f} MiB "
          f"| {ratio(0):.3f} | {ratio(1):.3f} |")


if __name__ == "__main__":
    main()
