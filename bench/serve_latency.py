#!/usr/bin/env python3
"""Save → reload-event latency of `cxsite serve`, and memory over many saves.

    python3 bench/serve_latency.py PROJECT [SAVES]    (default 500 saves)

Starts `target/release/cxsite serve PROJECT --port 0 --quiet`, listens to
its event stream as a browser showing the edited insight's page would
(`PAGE=insights.html` to be a browser on another page), saves one insight
atomically (write a temp file, rename it over) SAVES times, alternating its
title, and measures the time from the rename to the `update` event and to
the page served with the new title (what a reloading browser gets). Prints
p50/p95/max and the server's RSS at the start and the end. Standard library
only.
"""
import http.client
import urllib.parse
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import queue

def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0

def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    project = sys.argv[1]
    saves = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    binary = os.environ.get("CXSITE", "target/release/cxsite")
    insights = []
    for dirpath, _, files in os.walk(os.path.join(project, "insights")):
        insights += [os.path.join(dirpath, f) for f in files if f.endswith(".yaml")]
    insights.sort()
    target = insights[len(insights) // 2]
    original = open(target, encoding="utf-8").read()

    proc = subprocess.Popen([binary, "serve", project, "--port", "0", "--quiet"], stdout=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline()
        m = re.search(r"http://([\d.]+):(\d+)/", first)
        if not m:
            sys.exit(f"unexpected first line: {first!r}")
        host, port = m.group(1), int(m.group(2))
        threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
        events = queue.Queue()
        sock = socket.create_connection((host, port))
        stem = os.path.splitext(os.path.basename(target))[0]
        page = os.environ.get("PAGE", f"insights/{stem}.html")
        query = urllib.parse.quote("/" + page)
        sock.sendall(f"GET /__cxsite/events?page={query} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        def reader():
            buf = b""
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    return
                buf += chunk
                while b"\n\n" in buf:
                    ev, buf = buf.split(b"\n\n", 1)
                    events.put((time.perf_counter(), ev.decode("utf-8", "replace")))
        threading.Thread(target=reader, daemon=True).start()
        # Wait for the hello event (the first build is done before the server listens).
        while "event: hello" not in events.get(timeout=120)[1]:
            pass
        rss_start = rss_kib(proc.pid)
        latencies = []
        fresh = []
        samples = []
        for i in range(saves):
            text = re.sub(r"^title: .*$", f"title: Benchmark save {i}", original, count=1, flags=re.M)
            tmp = target + ".tmp~"
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(text)
            t0 = time.perf_counter()
            os.replace(tmp, target)
            while True:
                at, ev = events.get(timeout=30)
                if "event: update" in ev:
                    latencies.append((at - t0) * 1000)
                    # An older server says nothing of pending pages: its update comes when all are done.
                    done = '"pending":0' in ev or '"pending"' not in ev
                    break
            # The reload: the page the browser shows, with the new title.
            web = http.client.HTTPConnection(host, port, timeout=30)
            web.request("GET", "/" + page, headers={"Connection": "close"})
            body = web.getresponse().read().decode("utf-8", "replace")
            web.close()
            fresh.append((time.perf_counter() - t0) * 1000)
            if f"Benchmark save {i}" not in body and page.startswith("insights/"):
                sys.exit(f"save {i}: the page served after the update event does not show the new title")
            # Let the rebuild finish (the pages not open come after the event, with a second one).
            while not done:
                ev = events.get(timeout=60)[1]
                done = "event: update" in ev and '"pending":0' in ev
            if i == min(9, saves - 1):
                rss_after_10 = rss_kib(proc.pid)
            if (i + 1) % 100 == 0:
                samples.append((i + 1, rss_kib(proc.pid)))
        rss_end = rss_kib(proc.pid)
        latencies_sorted = sorted(latencies)
        p = lambda q: latencies_sorted[min(len(latencies_sorted) - 1, int(q * len(latencies_sorted)))]
        print(f"cxsite serve on {project}: {saves} saves of {os.path.relpath(target, project)}")
        q = lambda xs, f: sorted(xs)[min(len(xs) - 1, int(f * len(xs)))]
        print(f"  browser on /{page}")
        print(f"  save -> update event   p50 {statistics.median(latencies):.0f} ms   p95 {p(0.95):.0f} ms   max {max(latencies):.0f} ms")
        print(f"  save -> page reloaded  p50 {statistics.median(fresh):.0f} ms   p95 {q(fresh, 0.95):.0f} ms   max {max(fresh):.0f} ms")
        print(f"  server RSS             start {rss_start / 1024:.1f} MiB   after 10 saves {rss_after_10 / 1024:.1f} MiB   end {rss_end / 1024:.1f} MiB")
        if samples:
            print("  RSS every 100 saves    " + "  ".join(f"{n}: {kib / 1024:.0f}" for n, kib in samples) + " MiB")
    finally:
        with open(target, "w", encoding="utf-8") as f:
            f.write(original)
        proc.terminate()
        proc.wait()

if __name__ == "__main__":
    main()
