#!/usr/bin/env python3
"""Where the side-input lookup join's task thread spends its time: each execution sample of the
thread running source -> LookupJoin -> Calc is put in one bucket by its stack.

Usage: jfr-sideinput.py RECORDING.jfr   (a recording made with SideInputBenchmark -Djfr=DIR)"""
import collections, json, subprocess, sys

out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "96", "--events", "jdk.ExecutionSample", sys.argv[1]],
                     check=True, capture_output=True, text=True).stdout
buckets = collections.Counter()
total = 0
for e in json.loads(out)["recording"]["events"]:
    v = e["values"]
    if "LookupJoin" not in ((v.get("sampledThread") or {}).get("javaName") or ""):
        continue
    frames = [f["method"]["type"]["name"].split("/")[-1] + "." + f["method"]["name"]
              for f in ((v.get("stackTrace") or {}).get("frames") or [])]
    if not frames:
        continue
    total += 1
    top = frames[0]
    has = lambda name: any(f.startswith(name) for f in frames)
    if has("TableFunction.collect"):
        b = "Flink: emit the joined row (JoinedRowData, Calc projection, copy, serialize to the sink)"
    elif has("KeyIndex.lookup"):
        if top.startswith("Snapshot.row"):
            b = "ours: KeyIndex - row view (address + length read, BinaryRowData)"
        elif "FieldGetter" in top or "createFieldGetter" in top or "sameKey" in top or "deepEquals" in top \
                or "primitiveValue" in top or "BinaryRowData" in top or "GenericRowData" in top or "Unsafe" in top \
                or "MemorySegment" in top or top.startswith("Long.") or top.startswith("Objects."):
            b = "ours: KeyIndex - key read and comparison"
        elif "hash" in top or "mix" in top:
            b = "ours: KeyIndex - hashing"
        else:
            b = "ours: KeyIndex - slot probe (lookup's own frame: slot and hash arrays)"
    elif has("SideInputLookupFunction.lookup"):
        b = "ours: SideInputLookupFunction (snapshot, metrics, result list)"
    elif has("LookupFunction.eval"):
        b = "Flink: LookupFunction.eval (key row from the arguments)"
    elif has("LookupJoinRunner"):
        b = "Flink: lookup join operator"
    else:
        b = "Flink: datagen source and chaining into the join"
    buckets[b] += 1
print(f"{total} samples of the LookupJoin task thread")
for b, c in sorted(buckets.items(), key=lambda x: -x[1]):
    print(f"{100.0 * c / total:5.1f}%  {b}")
