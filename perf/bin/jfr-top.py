#!/usr/bin/env python3
"""Aggregate a JFR recording's execution samples: self time per method (top frame) and inclusive
time per method (anywhere on the stack), for the task threads of a Flink job.

Usage: jfr-top.py RECORDING.jfr [THREAD_SUBSTRING] [N]
Reads `jfr print --json --events jdk.ExecutionSample` (the JDK's own tool)."""
import collections, json, subprocess, sys

path = sys.argv[1]
thread_filter = sys.argv[2] if len(sys.argv) > 2 else ""
n = int(sys.argv[3]) if len(sys.argv) > 3 else 25
out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "96", "--events", "jdk.ExecutionSample", path],
                     check=True, capture_output=True, text=True).stdout
events = json.loads(out)["recording"]["events"]
self_t, incl, threads = collections.Counter(), collections.Counter(), collections.Counter()
total = 0
for e in events:
    v = e["values"]
    thread = (v.get("sampledThread") or {}).get("javaName") or "?"
    if thread_filter not in thread:
        continue
    frames = (v.get("stackTrace") or {}).get("frames") or []
    if not frames:
        continue
    total += 1
    threads[thread] += 1
    names = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in frames]
    self_t[names[0]] += 1
    for m in set(names):
        incl[m] += 1
print(f"samples: {total}")
for t, c in threads.most_common(5):
    print(f"  thread {c:6d} {t}")
print("self (top frame):")
for m, c in self_t.most_common(n):
    print(f"  {100.0 * c / total:5.1f}%  {m}")
print("inclusive:")
for m, c in incl.most_common(n * 2):
    print(f"  {100.0 * c / total:5.1f}%  {m}")
