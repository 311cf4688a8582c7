#!/usr/bin/env python3
"""Print the side-input tables of perf/README.md from perf/results/sideinput.json, so that the
README shows the committed run and nothing else. Usage: sideinput-tables.py [sideinput.json]"""
import json, statistics, sys

r = json.load(open(sys.argv[1] if len(sys.argv) > 1 else "perf/results/sideinput.json"))
e = r["end_to_end"]
f = lambda v: f"{v:,.0f}"
mib = lambda b: f"{b / 1048576:,.0f} MiB"

print(f"Run of {r['date'][:16]} UTC, {r['machine']}, {e['events']:,} events, {r['rows']:,} rows.\n")
print("| end to end (job start included) | events/s | wall s | queries to PostgreSQL | side-input events/s / this |")
print("|---|---|---|---|---|")
side = e["side_input"]["events_per_second"]
for name, key in [("no join (same job without the lookup)", "no_join_baseline"), ("side-input", "side_input"),
                  ("Paimon lookup join", "paimon_lookup"), ("JDBC `PARTIAL` (100k rows)", "jdbc_partial_cache")]:
    if key in e:
        m = e[key]
        print(f"| {name} | {f(m['events_per_second'])} | {m['wall_seconds_including_job_start']:.1f} |"
              f" {m['postgres_queries']:,} | {side / m['events_per_second']:.2f}x |")
print()
print(f"side-input wall time against the same job without the join: **{e['side_input']['wall_seconds_including_job_start'] / e['no_join_baseline']['wall_seconds_including_job_start']:.2f}x**"
      f" (no join ran first, in a cold JVM). Paimon's wall time against side-input's: **{e['paimon_lookup']['wall_seconds_including_job_start'] / e['side_input']['wall_seconds_including_job_start']:.2f}x**.")
print(f"KeyIndex lookups/s, 1 thread, 3 interleaved rounds: before {[f(x) for x in r['lookups_per_second_hits_key_index_before']]},"
      f" after {[f(x) for x in r['lookups_per_second_hits_key_index_after']]}: **{r['key_index_speedup_median']:.2f}x** (medians).\n")
import os
mem_file = os.path.join(os.path.dirname(sys.argv[1] if len(sys.argv) > 1 else "perf/results/sideinput.json"), "sideinput-memory.json")
if os.path.exists(mem_file):  # the separate memory and freshness run (a JVM that ran nothing else)
    mr = json.load(open(mem_file))
    mf, e["paimon_load"] = mr["memory_and_freshness"], mr["paimon_load"]
    print(f"Memory and freshness: run of {mr['date'][:16]} UTC ([sideinput-memory.json](results/sideinput-memory.json)).\n")
elif "memory_and_freshness" in e:
    mf = e["memory_and_freshness"]
else:
    mf = None
if mf and "paimon" in mf:
    s, p = mf["side_input"], mf["paimon"]
    alone_file = mem_file.replace("sideinput-memory.json", "sideinput-memory-paimon-alone.json")
    pa = json.load(open(alone_file))["memory_and_freshness"]["paimon"] if os.path.exists(alone_file) else None
    rows = [("first enriched event after submit", lambda m: f"{m['first_enriched_event_after_submit_ms'] / 1000:.1f} s"),
            ("heap growth (used after GC)", lambda m: mib(m["heap_after_gc_growth_bytes"])),
            ("direct + mapped buffers", lambda m: mib(m["direct_and_mapped_buffer_bytes"])),
            ("process RSS growth (heap + native)", lambda m: mib(m["rss_growth_bytes"])),
            ("local disk (temp dirs) growth", lambda m: mib(m["temp_disk_growth_bytes"])),
            ("update committed -> first enriched event showing it", lambda m: " / ".join(f"{v / 1000:.1f} s" for v in m["update_to_first_enriched_event_ms"]))]
    if pa:
        print("| 1M rows, one probe key | side-input | Paimon (in the same run, after side-input) | Paimon (alone in its JVM) |")
        print("|---|---|---|---|")
    else:
        print("| 1M rows, one probe key | side-input | Paimon |")
        print("|---|---|---|")
    for name, fn in rows:
        print(f"| {name} | {fn(s)} | {fn(p)} |" + (f" {fn(pa)} |" if pa else ""))
    print(f"\nRefresh settings: {mf['refresh']}. Paimon table: {e['paimon_load']['table_options']};"
          f" loaded from PostgreSQL in {e['paimon_load']['seconds']:.1f} s, {mib(e['paimon_load']['warehouse_bytes'])} in the warehouse.\n")
if "scale" in r:
    sc = r["scale"]
    print("| rows | first load | reload | heap | bytes/row | heap during a reload | lookups/s (1 thread) |")
    print("|---|---|---|---|---|---|---|")
    for p in sc["points"]:
        print(f"| {p['rows']:,} | {p['load_ms'] / 1000:.1f} s | {p['reload_ms'] / 1000:.1f} s | {mib(p['heap_bytes'])} |"
              f" {p['heap_bytes_per_row']:.1f} | {mib(p['heap_bytes_during_reload'])} | {f(p['lookups_per_second_hits_1_thread'])} |")
    print(f"\nLargest table for a 4 GiB TaskManager heap: **about {sc['max_rows_4g_heap_derived'] / 1e6:.0f} million rows** of this shape ({sc['max_rows_4g_heap_method']}).")
