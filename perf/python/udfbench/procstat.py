"""CPU time of a process tree from /proc (Linux only)."""
import os

_TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            raw = f.read()
    except OSError:
        return None
    # the command name is in parentheses and may contain spaces
    rest = raw[raw.rindex(")") + 2:].split()
    return {"ppid": int(rest[1]), "utime": int(rest[11]), "stime": int(rest[12])}


def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


def descendants(root):
    children = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            st = _stat(int(name))
            if st:
                children.setdefault(st["ppid"], []).append(int(name))
    out, todo = [], list(children.get(root, []))
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def python_workers(tm_pid):
    """Python processes started by the TaskManager (process-mode UDF workers)."""
    return [p for p in descendants(tm_pid) if "python" in cmdline(p).split(" ")[0]]


def cpu_seconds(pid):
    st = _stat(pid)
    return 0.0 if st is None else (st["utime"] + st["stime"]) / _TICKS


def sample(tm_pid):
    """CPU seconds so far of the TaskManager JVM and of its Python workers (summed)."""
    workers = python_workers(tm_pid)
    return {"jvm": cpu_seconds(tm_pid),
            "python": {p: cpu_seconds(p) for p in workers}}


def delta(before, after):
    jvm = after["jvm"] - before["jvm"]
    # a worker that exists only in `after` started inside the window: count all its time
    py = sum(t - before["python"].get(p, 0.0) for p, t in after["python"].items())
    return jvm, py
