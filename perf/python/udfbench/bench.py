"""Java-vs-Python UDF benchmark on the local stack: ./sqlpack bench udf (see perf/README.md)."""
import argparse
import datetime
import json
import os
import hashlib
import platform
import shutil
import statistics
import subprocess
import sys
import time

from . import procstat, report, stack_state, workloads
from .rest import Gateway, JobManager, RestError, stack_token

PERF_PYTHON = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TWINS_DIR = [PERF_PYTHON]


def log(msg):
    print(msg, flush=True)


class Stack:
    def __init__(self, state_dir):
        ports = stack_state.read(state_dir)
        # the stack names its first TaskManager taskmanager-1 (earlier stacks: taskmanager)
        run = os.path.join(state_dir, "run")
        self.pid_file = next((p for p in (os.path.join(run, "taskmanager-1.pid"), os.path.join(run, "taskmanager.pid"))
                              if os.path.exists(p)), os.path.join(run, "taskmanager-1.pid"))
        self.gateway_url = f"http://127.0.0.1:{ports['gatewayPort']}"
        self.gateway_token = stack_token(state_dir)  # the gateway extension's admin token, if on
        self.jm = JobManager(f"http://127.0.0.1:{ports['jobManagerPort']}")
        self.slots = ports.get("slots")

    @property
    def tm_pid(self):
        """The TaskManager JVM: the pid file's process, or its child when it runs under a supervisor."""
        with open(self.pid_file) as f:
            pid = int(f.read().strip())
        # a supervisor names the entry point in its own command line too: take the innermost JVM
        jvms = [p for p in [pid] + procstat.descendants(pid)
                if "TaskManagerRunner" in procstat.cmdline(p) and procstat.cmdline(p).split(" ")[0].endswith("java")]
        inner = [p for p in jvms if p != pid]
        if inner or jvms:
            return (inner or jvms)[0]
        raise RuntimeError(f"no TaskManager JVM under pid {pid} (from {self.pid_file}); is the stack up?")


def stage_twins(state_dir):
    """Copies the twins to a package named after their content hash and returns its parent dir.

    Thread mode keeps one Python interpreter per TaskManager JVM, and with it every module it
    imported: a changed sqlpack_twins would stay invisible until the TaskManager restarts. A new
    name per version sidesteps that.
    """
    src = os.path.join(PERF_PYTHON, "sqlpack_twins")
    files = sorted(f for f in os.listdir(src) if f.endswith(".py"))
    digest = hashlib.sha256()
    for name in files:
        with open(os.path.join(src, name), "rb") as f:
            digest.update(name.encode() + b"\0" + f.read())
    tag = digest.hexdigest()[:10]
    root = os.path.join(state_dir, "udfbench", "python", tag)
    pkg = os.path.join(root, f"sqlpack_twins_{tag}")
    if not os.path.isdir(pkg):
        os.makedirs(pkg + ".tmp", exist_ok=True)
        for name in files:
            shutil.copy(os.path.join(src, name), pkg + ".tmp")
        os.replace(pkg + ".tmp", pkg)
    workloads.TWINS = f"sqlpack_twins_{tag}.pyflink_udfs"
    return root


def session_settings(venv_python, variant, bundle_size):
    """Identical for every variant, except the Python mode and (for the sweep) the bundle size."""
    sets = {
        "parallelism.default": "1",
        "table.exec.resource.default-parallelism": "1",
        "pipeline.object-reuse": "true",
        "pipeline.operator-chaining.enabled": "true",
        "python.operator-chaining.enabled": "true",
        # checkpointing stays off for every variant: neither the cluster nor the session sets an interval
        "table.exec.source.idle-timeout": "0 ms",
        "python.client.executable": venv_python,
        "python.executable": venv_python,
        "python.files": TWINS_DIR[0],
        # thread mode imports pyflink inside the TaskManager JVM; without a Flink distribution
        # (no opt/python) the embedded interpreter finds it only through this path
        "python.pythonpath": workloads.site_packages(venv_python),
        "python.execution-mode": "thread" if variant.kind == "python-thread" else "process",
        "python.fn-execution.bundle.size": str(bundle_size or workloads.DEFAULT_BUNDLE_SIZE),
    }
    return sets


def wait_running(jm, job_id, timeout=90):
    """Waits until the job and all its tasks run, through /jobs/overview.

    /jobs/overview and /jobs/<id>/plan do not touch the JobManager's metric cache, so the
    measurement below decides when that cache is refreshed.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = next((j for j in jm.get("/jobs/overview")["jobs"] if j["jid"] == job_id), None)
        if job and job["state"] in ("FAILED", "CANCELED", "FINISHED"):
            raise RuntimeError(f"job {job_id} is {job['state']}: {failure(jm, job_id)}")
        if job and job["state"] == "RUNNING" and job["tasks"]["running"] == job["tasks"]["total"]:
            return time.monotonic()
        time.sleep(0.1)
    raise RuntimeError(f"job {job_id} not running after {timeout} s: {failure(jm, job_id)}")


def failure(jm, job_id):
    try:
        exc = jm.get(f"/jobs/{job_id}/exceptions")
        entries = exc.get("exceptionHistory", {}).get("entries", [])
        text = exc.get("root-exception") or (entries[0].get("stacktrace") if entries else "") or ""
        causes = [l.strip() for l in text.splitlines() if l.strip().startswith("Caused by:")]
        return "; ".join(causes[-2:])[:1500] if causes else text[:1500]
    except RestError as e:
        return str(e)


def source_and_sink(jm, job_id):
    """Vertex ids of the source (no inputs) and of the sink (input of no other vertex), and all names."""
    nodes = jm.get(f"/jobs/{job_id}/plan")["plan"]["nodes"]
    feeding = {i["id"] for n in nodes for i in n.get("inputs", [])}
    src = next(n for n in nodes if not n.get("inputs"))
    sink = next(n for n in nodes if n["id"] not in feeding)
    return src["id"], sink["id"], [n["description"].split("<br/>")[0][:200] for n in nodes]


def metric_ids(jm, job_id, vertex_id):
    return [m["id"] for m in jm.get(f"/jobs/{job_id}/vertices/{vertex_id}/metrics")]


def measure(stack, job_id, running_at, warmup, duration, poll=0.1):
    """Source records/s from the job's own counter, and CPU seconds, over a steady-state window.

    The JobManager serves metrics from a cache that it refreshes on the first request after
    metrics.fetcher.update-interval (10 s by default) has passed. Nothing here asks for metrics
    during the warm-up; afterwards we poll every `poll` seconds and date each new value at the
    poll that triggered its refresh (the one before the poll that first shows it), so the
    window's ends are known to within one poll interval and the window spans whole refreshes.
    """
    jm = stack.jm
    tm_pid = stack.tm_pid
    src, sink, names = source_and_sink(jm, job_id)
    time.sleep(max(0.0, running_at + warmup - time.monotonic()))
    src_metric = sink_metric = None
    points = []  # (time of the triggering poll, source count, sink count, cpu sample)
    last, prev_t, prev_cpu = None, None, None
    workers_seen = set()
    deadline = time.monotonic() + duration + 40
    while True:
        now = time.monotonic()
        cpu = procstat.sample(tm_pid)
        workers_seen.update(cpu["python"].keys())
        if src_metric is None:
            ids = metric_ids(jm, job_id, src)
            src_metric = next((i for i in ids if i.startswith("0.Source__") and i.endswith(".numRecordsOut")), None)
            if src_metric:
                sink_ids = metric_ids(jm, job_id, sink)
                sink_metric = next((i for i in sink_ids if i.startswith("0.snk") and i.endswith(".numRecordsIn")),
                                   "0.numRecordsIn")
        value = metric_value(jm, job_id, src, src_metric) if src_metric else None
        if value is not None and value != last:
            if prev_t is not None and value > 0:
                sink_value = metric_value(jm, job_id, sink, sink_metric)
                points.append((prev_t, value, sink_value, prev_cpu))
            last = value
        prev_t, prev_cpu = now, cpu
        if len(points) >= 2 and points[-1][0] - points[0][0] >= duration - 2 * poll:
            break
        if now > deadline:
            raise RuntimeError(f"metrics of job {job_id} did not advance: {failure(jm, job_id) or 'no exception'}")
        time.sleep(poll)
    problem = failure(jm, job_id)
    if problem:
        raise RuntimeError(f"job {job_id} failed while measured: {problem}")
    (t0, c0, s0, cpu0), (t1, c1, s1, cpu1) = points[0], points[-1]
    jvm_cpu, py_cpu = procstat.delta(cpu0, cpu1)
    secs = t1 - t0
    return {
        "records_per_s": (c1 - c0) / secs,
        "sink_records_per_s": None if s0 is None or s1 is None else (s1 - s0) / secs,
        "window_s": round(secs, 3),
        "warmup_s": round(t0 - running_at, 3),
        "jvm_cpu_s": round(jvm_cpu, 3),
        "python_cpu_s": round(py_cpu, 3),
        "python_workers": len(workers_seen),
        "load_average_1m": round(os.getloadavg()[0], 2),
        "topology": names,
    }


def metric_value(jm, job_id, vertex_id, metric):
    r = jm.get(f"/jobs/{job_id}/vertices/{vertex_id}/metrics?get={metric}")
    return int(float(r[0]["value"])) if r else None


def cancel(jm, job_id):
    try:
        jm.patch(f"/jobs/{job_id}?mode=cancel")
    except RestError:
        pass
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if jm.get(f"/jobs/{job_id}")["state"] in ("CANCELED", "FAILED", "FINISHED"):
            return
        time.sleep(0.2)


def run_once(stack, venv_python, workload, variant, bundle_size, warmup, duration):
    gw = Gateway(stack.gateway_url, token=stack.gateway_token)
    try:
        for k, v in session_settings(venv_python, variant, bundle_size).items():
            gw.execute(f"SET '{k}' = '{v}'")
        for stmt in workloads.setup_statements(workload, variant):
            gw.execute(stmt)
        insert = workloads.insert_statement(workload, variant)
        plan = gw.execute("EXPLAIN " + insert)[0][0][0]
        _, job_id = gw.execute(insert)
    finally:
        gw.close()
    try:
        running_at = wait_running(stack.jm, job_id)
        result = measure(stack, job_id, running_at, warmup, duration)
        result["job_id"] = job_id
        result["topology"] = [v["name"] for v in stack.jm.get(f"/jobs/{job_id}")["vertices"]]
    finally:
        cancel(stack.jm, job_id)
    optimized = plan.split("== Optimized Execution Plan ==")[-1].splitlines()
    result["python_operators_in_plan"] = [line.strip() for line in optimized if "Python" in line]
    # the operators as planned (each line cut short): shows, e.g., where the source's computed columns are built
    result["optimized_plan"] = [line.rstrip()[:240] for line in optimized if line.strip()]
    return result


def spread(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "rel_spread": (max(values) - min(values)) / statistics.median(values) if statistics.median(values) else None}


def thread_mode_check(runs):
    """Thread mode ran in the TaskManager JVM: a Python operator is in the plan, yet no worker started."""
    ok = all(r["python_workers"] == 0 and r["python_operators_in_plan"] for r in runs)
    return {"passed": ok, "python_workers_seen": [r["python_workers"] for r in runs],
            "rule": "a PythonCalc/PythonCorrelate is in the plan and the TaskManager started no Python "
                    "worker process while the job ran (process mode always starts one)"}


def versions(venv_python):
    out = subprocess.run([venv_python, "-c", "import importlib.metadata as m; import json; "
                          "print(json.dumps({p: m.version(p) for p in "
                          "['apache-flink','apache-beam','pemja','pandas','pyarrow','numpy']}))"],
                         capture_output=True, text=True, check=True).stdout
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return {"flink": "2.0.0", "java": java, "python": subprocess.run(
        [venv_python, "--version"], capture_output=True, text=True).stdout.strip(), **json.loads(out)}


def machine():
    model = ""
    try:
        with open("/proc/cpuinfo") as f:
            model = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
    except OSError:
        pass
    with open("/proc/meminfo") as f:
        mem_kb = int(f.readline().split()[1])
    return {"cpu": model, "cores": os.cpu_count(), "memory_gb": round(mem_kb / 1048576, 1),
            "os": platform.platform(), "load_average_at_start": os.getloadavg()}


def main(argv=None):
    ap = argparse.ArgumentParser(prog="sqlpack bench udf")
    ap.add_argument("--state-dir", required=True)
    ap.add_argument("--venv-python", required=True)
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--readme", required=True)
    ap.add_argument("--warmup", type=float, default=10)
    ap.add_argument("--duration", type=float, default=20)
    ap.add_argument("--repetitions", type=int, default=3)
    ap.add_argument("--bundle-sizes", default="1000,10000,100000")
    ap.add_argument("--workloads", default=",".join(w.name for w in workloads.WORKLOADS))
    ap.add_argument("--sweep-workloads", default="", help="workloads whose process mode is swept (default: all)")
    ap.add_argument("--variants", default="")
    ap.add_argument("--name", default="udf", help="result files are NAME-<date>.json|png")
    ap.add_argument("--readme-block", default="results",
                    help="the README block (udf-bench:BLOCK:begin/end markers) that gets the table")
    args = ap.parse_args(argv)

    stack = Stack(args.state_dir)
    TWINS_DIR[0] = stage_twins(args.state_dir)
    chosen = [w for w in workloads.WORKLOADS if w.name in args.workloads.split(",")]
    only = set(filter(None, args.variants.split(",")))
    sweep = [int(x) for x in args.bundle_sizes.split(",") if x]
    sweep_only = set(filter(None, args.sweep_workloads.split(",")))
    plan = []
    for w in chosen:
        for v in w.variants:
            if only and v.kind not in only:
                continue
            swept = v.kind == "python-process" and (not sweep_only or w.name in sweep_only)
            sizes = [None] + ([s for s in sweep if s != workloads.DEFAULT_BUNDLE_SIZE] if swept else [])
            for size in sizes:
                plan.append((w, v, size))
    total = len(plan) * args.repetitions
    est = total * (args.warmup + args.duration + 12)
    log(f"UDF benchmark: {len(plan)} variants x {args.repetitions} repetitions = {total} jobs, "
        f"warm-up {args.warmup:g} s + measure {args.duration:g} s each (about {est / 60:.0f} min)")
    from . import preflight  # needs pandas: runs in the PyFlink venv
    problems = preflight.run()
    if problems:
        log("Preflight: the PyFlink variants disagree with the Python twins:\n  " + "\n  ".join(problems[:20]))
        return 1
    log("Preflight: the Pandas, UDAF and JSON_FIELDS row variants agree with the Python twins on 2,000 random inputs")
    started = datetime.datetime.now(datetime.timezone.utc)
    records, n = [], 0
    for w, v, size in plan:
        runs = []
        for rep in range(args.repetitions):
            n += 1
            label = v.label(size)
            log(f"[{n}/{total}] {w.name} / {label} / repetition {rep + 1} ...")
            try:
                r = run_once(stack, args.venv_python, w, v, size, args.warmup, args.duration)
            except (RuntimeError, RestError) as e:
                log(f"    FAILED: {str(e)[:800]}")
                runs.append({"error": str(e)[:3000]})
                break
            log(f"    {r['records_per_s']:,.0f} records/s, CPU JVM {r['jvm_cpu_s']:.1f} s, "
                f"Python {r['python_cpu_s']:.1f} s over {r['window_s']:.1f} s, Python workers {r['python_workers']}")
            runs.append(r)
        ok = [r for r in runs if "error" not in r]
        rec = {"workload": w.name, "function": w.function, "variant": v.kind, "label": v.label(size),
               "bundle_size": size or (workloads.DEFAULT_BUNDLE_SIZE if v.kind.startswith("python") else None),
               "sql": workloads.insert_statement(w, v), "runs": runs}
        if ok:
            rec["records_per_s"] = spread([r["records_per_s"] for r in ok])
            rec["cpu_s_per_million_records"] = statistics.median(
                [(r["jvm_cpu_s"] + r["python_cpu_s"]) / (r["records_per_s"] * r["window_s"]) * 1e6 for r in ok])
            rec["jvm_cpu_s_median"] = statistics.median([r["jvm_cpu_s"] for r in ok])
            rec["python_cpu_s_median"] = statistics.median([r["python_cpu_s"] for r in ok])
        if v.kind == "python-thread" and ok:
            rec["thread_mode_check"] = thread_mode_check(ok)
        records.append(rec)
    finished = datetime.datetime.now(datetime.timezone.utc)
    result = {
        "benchmark": "udf",
        "started": started.isoformat(timespec="seconds"),
        "finished": finished.isoformat(timespec="seconds"),
        "machine": machine(),
        "versions": versions(args.venv_python),
        "configuration": {
            "cluster": "local stack (./sqlpack up): JobManager + one TaskManager, "
                       f"{stack.slots} slots, taskmanager.memory.process.size 2048m",
            "session": {k: v for k, v in session_settings(args.venv_python, workloads.Variant("java", ""), None).items()
                        if not k.startswith("python.execution") and not k.startswith("python.fn")},
            "python_default_bundle_size": workloads.DEFAULT_BUNDLE_SIZE,
            "bundle_size_sweep": sweep,
            "warmup_s": args.warmup, "measure_s": args.duration, "repetitions": args.repetitions,
            "throughput": "source operator numRecordsOut delta over the measurement window (job metrics via the JobManager REST API)",
            "cpu": "utime+stime from /proc of the TaskManager JVM and of its Python worker processes over the same window",
        },
        "workloads": {w.name: w.describe() for w in chosen},
        "variants": records,
    }
    result["ratios"] = report.ratios(result)
    result["fairness"] = report.fairness(result)
    day = started.strftime("%Y-%m-%d")
    os.makedirs(args.out_dir, exist_ok=True)
    json_path = os.path.join(args.out_dir, f"{args.name}-{day}.json")
    with open(json_path, "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    log(f"Wrote {json_path}")
    png = report.chart(result, os.path.join(args.out_dir, f"{args.name}-{day}.png"))
    log(f"Wrote {png}")
    report.update_readme(result, args.readme, os.path.relpath(json_path, os.path.dirname(args.readme)),
                         os.path.relpath(png, os.path.dirname(args.readme)), args.readme_block)
    log(f"Updated the 'Java vs Python UDFs' section of {args.readme}")
    print(report.table(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
