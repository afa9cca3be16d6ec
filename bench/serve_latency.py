#!/usr/bin/env python3
"""Live-reload latency of `growthsite serve`, against a full build.

Generates the shared benchmark corpus (10,000 write-ups by default), starts
`growthsite serve --port 0` on it, connects to its event stream like a
browser would, then saves one write-up 20 times (appending a sentence) and
measures the time from the end of each write to the `reload` event. In the
same run, times 5 full builds (`growthsite build -o <fresh folder>`) of the
same corpus, whole process. `--edit template` saves a template instead
(`templates/partials/footer-extra.html`, which the default theme includes
on every page; it is removed afterwards): the time to the `reload` event,
which comes once the open page (here the home page, as no page was asked
for) is rendered; the rest of the site follows. `--edit config` saves
growthsite.yaml with a menu entry renamed each time (restored afterwards):
the time to the `reload` event, which comes once the open page is rendered
with the new config, as for a template.

    python3 bench/serve_latency.py
    python3 bench/serve_latency.py --posts 1000 --saves 40
    python3 bench/serve_latency.py --edit template --saves 10 --builds 0
    python3 bench/serve_latency.py --edit config --builds 0
    python3 bench/serve_latency.py --shared ../shared/bench --binary target/release/growthsite

Needs: the shared bench folder with gen_corpus.py (--shared, or the
GROWTHSITE_SHARED_BENCH environment variable; default ../shared/bench next
to the repository). Builds growthsite with `cargo build --release` unless
--binary is given. Prints the medians (and min/max) in milliseconds.
"""

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def build_binary():
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "growthsite"], cwd=REPO, check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    return target / "release" / "growthsite"


def corpus(shared, work, posts):
    site = work / f"serve-growthsite-{posts}"
    if not (site / "corpus.json").exists():
        if site.exists():
            shutil.rmtree(site)
        subprocess.run(
            [sys.executable, str(shared / "gen_corpus.py"), "--posts", str(posts),
             "--out", str(site), "--flavor", "growthsite"],
            check=True, stdout=subprocess.DEVNULL,
        )
    return site


def full_builds(binary, site, runs, scratch):
    times = []
    for i in range(runs):
        out = scratch / f"build-{i}"
        os.sync()
        started = time.perf_counter()
        subprocess.run([str(binary), "build", "--root", str(site), "-o", str(out), "--quiet"],
                       check=True, stdout=subprocess.DEVNULL)
        times.append((time.perf_counter() - started) * 1000)
        shutil.rmtree(out)
    return times


class EventStream:
    """A raw connection to the server's event stream, read event by event."""

    def __init__(self, host, port):
        self.sock = socket.create_connection((host, port))
        self.sock.sendall(f"GET /__growthsite/events HTTP/1.1\r\nHost: {host}:{port}\r\n"
                          "Accept: text/event-stream\r\n\r\n".encode())
        self.buffer = b""

    def next_event(self, timeout):
        """The next event's name and data, or None after `timeout` seconds."""
        deadline = time.perf_counter() + timeout
        while True:
            if b"\n\n" in self.buffer:
                block, self.buffer = self.buffer.split(b"\n\n", 1)
                text = block.decode()
                name = re.search(r"^event: (.*)$", text, re.M)
                data = re.search(r"^data: (.*)$", text, re.M)
                if name:
                    return name.group(1), json.loads(data.group(1)) if data else None
                continue  # headers, retry line or heartbeat
            left = deadline - time.perf_counter()
            if left <= 0:
                return None
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                return None
            if not chunk:
                raise RuntimeError("the event stream closed")
            self.buffer += chunk.replace(b"\r\n", b"\n")


REBUILT = re.compile(r"^rebuilt .* in (\d+) ms$")


class RebuildLines:
    """serve's own "rebuilt ... in N ms" lines, read as it prints them, so
    that the run can wait for the last one before it stops the server."""

    def __init__(self, stdout):
        self.times = []
        self.changed = threading.Condition()
        threading.Thread(target=self._read, args=(stdout,), daemon=True).start()

    def _read(self, stdout):
        for line in stdout:
            # The line of each reload (not the rest of the site that follows).
            found = REBUILT.match(line.rstrip("\n")) if "more page" not in line else None
            if found:
                with self.changed:
                    self.times.append(float(found.group(1)))
                    self.changed.notify_all()

    def wait_for(self, count, timeout):
        with self.changed:
            self.changed.wait_for(lambda: len(self.times) >= count, timeout)
            return list(self.times)


def start_server(binary, site):
    server = subprocess.Popen([str(binary), "serve", "--root", str(site), "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in server.stdout:
        found = re.search(r"(http://[^\s]+)", line)
        if found:
            return server, found.group(1), RebuildLines(server.stdout)
    raise RuntimeError("serve printed no URL")


FOOTER = Path("templates") / "partials" / "footer-extra.html"


def save_latencies(binary, site, saves, edit):
    config_text = None
    if edit == "template":
        target = site / FOOTER
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("<p>Footer.</p>\n")
        original = None
    elif edit == "config":
        target = site / "growthsite.yaml"
        original = target.read_bytes()
        config_text = original.decode()
        assert "\nmenu:" not in config_text, "the corpus config has a menu already"
    else:
        slugs = sorted(json.loads((site / "corpus.json").read_text())["published_slugs"])
        target = site / "content" / "mistakes" / f"{slugs[len(slugs) // 2]}.md"
        original = target.read_bytes()
    server, url, rebuilt = start_server(binary, site)
    own = []
    try:
        host, port = re.match(r"http://([^:/]+):(\d+)", url).groups()
        stream = EventStream(host, int(port))
        hello = stream.next_event(30)
        assert hello and hello[0] == "hello", hello
        latencies = []
        for i in range(saves):
            # Separate saves, well past the watcher's wait for a save to
            # end (a template or config save also renders the rest of the
            # site after its reload event).
            time.sleep(0.3 if edit == "writeup" else 3)
            if config_text is not None:
                target.write_text(f"{config_text}menu:\n  - name: Notes {i}\n    url: https://example.org/\n")
            elif original is None:
                target.write_text(f"<p>Footer, edit {i}.</p>\n")
            else:
                with open(target, "ab") as f:
                    f.write(f"\nOne more sentence, number {i}.\n".encode())
            written = time.perf_counter()
            while True:
                event = stream.next_event(30)
                if event is None:
                    raise RuntimeError(f"no reload event after save {i}")
                if event[0] == "reload":
                    break
                if event[0] == "error":
                    raise RuntimeError(f"rebuild failed: {event[1]}")
            latencies.append((time.perf_counter() - written) * 1000)
        # serve prints its line after it sends the reload event.
        own = rebuilt.wait_for(saves, 30)
    finally:
        server.terminate()
        server.wait()
        if original is None:
            shutil.rmtree(site / "templates")
        else:
            target.write_bytes(original)
    return latencies, own, target.relative_to(site)


def describe(times):
    return f"median {statistics.median(times):.1f} ms (min {min(times):.1f}, max {max(times):.1f}, n={len(times)})"


def main():
    default_shared = os.environ.get("GROWTHSITE_SHARED_BENCH", str(REPO.parent / "shared" / "bench"))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path(default_shared),
                        help="folder with gen_corpus.py (default ../shared/bench or $GROWTHSITE_SHARED_BENCH)")
    parser.add_argument("--posts", type=int, default=10000, help="write-ups in the corpus")
    parser.add_argument("--saves", type=int, default=20, help="saves to time")
    parser.add_argument("--builds", type=int, default=5, help="full builds to time")
    parser.add_argument("--edit", choices=["writeup", "template", "config"], default="writeup",
                        help="what each save changes (default: a write-up)")
    parser.add_argument("--work", type=Path, default=REPO / "bench" / "out", help="corpus folder")
    parser.add_argument("--binary", type=Path, help="growthsite binary (default: cargo build --release)")
    args = parser.parse_args()

    binary = args.binary or build_binary()
    args.work.mkdir(parents=True, exist_ok=True)
    site = corpus(args.shared, args.work, args.posts)
    with tempfile.TemporaryDirectory(prefix="growthsite-bench-") as scratch:
        builds = full_builds(binary, site, args.builds, Path(scratch))
    latencies, own, target = save_latencies(binary, site, args.saves, args.edit)
    print(f"corpus: {args.posts} write-ups; saved {target} {args.saves} times")
    print(f"save -> reload event: {describe(latencies)}")
    if own:
        # serve's own "rebuilt ... in N ms" lines: from the end of the
        # batch of file events (once the watcher found the save ended) to
        # the browsers told.
        print(f"serve's own figure:   {describe(own)}")
    if builds:
        print(f"full build:           {describe(builds)}")


if __name__ == "__main__":
    main()
