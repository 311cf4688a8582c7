"""Small JSON-over-HTTP clients for the SQL gateway and the JobManager REST API (stdlib only)."""
import json
import time
import urllib.error
import urllib.request


class RestError(RuntimeError):
    pass


def _root_cause(body):
    """The server's innermost 'Caused by' line, else the start of its message."""
    try:
        text = "\n".join(json.loads(body).get("errors", []))
    except ValueError:
        text = body
    causes = [l.strip() for l in text.splitlines() if l.strip().startswith("Caused by:")]
    return causes[-1][:1500] if causes else text[:1500]


def _call(method, url, body=None, timeout=60):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            raw = resp.read()
    except urllib.error.HTTPError as e:
        raise RestError(f"{method} {url} -> HTTP {e.code}: {_root_cause(e.read().decode(errors='replace'))}") from None
    return json.loads(raw) if raw else {}


class Gateway:
    """One SQL gateway session; statements run one after the other."""

    def __init__(self, base_url, properties=None):
        self.base = base_url.rstrip("/")
        resp = _call("POST", f"{self.base}/v1/sessions", {"properties": properties or {}})
        self.session = resp["sessionHandle"]

    def execute(self, statement, timeout=180):
        """Runs one statement; returns (rows, job_id). For INSERT, returns once the job is submitted."""
        op = _call("POST", f"{self.base}/v1/sessions/{self.session}/statements",
                   {"statement": statement})["operationHandle"]
        uri = f"/v1/sessions/{self.session}/operations/{op}/result/0?rowFormat=JSON"
        rows, job_id = [], None
        deadline = time.monotonic() + timeout
        while uri:
            if time.monotonic() > deadline:
                raise RestError(f"statement timed out after {timeout} s: {statement[:200]}")
            page = _call("GET", self.base + uri)
            job_id = page.get("jobID") or job_id
            kind = page.get("resultType")
            if kind == "NOT_READY":
                time.sleep(0.1)
            else:
                rows.extend(r.get("fields") for r in page.get("results", {}).get("data", []))
                if kind == "EOS":
                    break
            uri = page.get("nextResultUri")
        return rows, job_id

    def close(self):
        try:
            _call("DELETE", f"{self.base}/v1/sessions/{self.session}")
        except (RestError, OSError):
            pass


class JobManager:
    def __init__(self, base_url):
        self.base = base_url.rstrip("/")

    def get(self, path):
        return _call("GET", self.base + path)

    def patch(self, path):
        return _call("PATCH", self.base + path)
