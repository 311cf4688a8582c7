"""Small JSON-over-HTTP clients for the SQL gateway and the JobManager REST API (stdlib only)."""
import json
import os
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


def stack_token(state_dir):
    """The local stack's admin token for the gateway extension (None when the stack runs --no-auth)."""
    path = os.path.join(state_dir, "gateway", "admin.token")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return f.read().strip() or None


def _call(method, url, body=None, timeout=60, token=None):
    data = None if body is None else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            raw = resp.read()
    except urllib.error.HTTPError as e:
        raise RestError(f"{method} {url} -> HTTP {e.code}: {_root_cause(e.read().decode(errors='replace'))}") from None
    return json.loads(raw) if raw else {}


class Gateway:
    """One SQL gateway session; statements run one after the other."""

    def __init__(self, base_url, properties=None, token=None):
        self.base = base_url.rstrip("/")
        self.token = token
        resp = _call("POST", f"{self.base}/v1/sessions", {"properties": properties or {}}, token=token)
        self.session = resp["sessionHandle"]

    def execute(self, statement, timeout=180):
        """Runs one statement; returns (rows, job_id). For INSERT, returns once the job is submitted."""
        op = _call("POST", f"{self.base}/v1/sessions/{self.session}/statements",
                   {"statement": statement}, token=self.token)["operationHandle"]
        uri = f"/v1/sessions/{self.session}/operations/{op}/result/0?rowFormat=JSON"
        rows, job_id = [], None
        deadline = time.monotonic() + timeout
        while uri:
            if time.monotonic() > deadline:
                raise RestError(f"statement timed out after {timeout} s: {statement[:200]}")
            page = _call("GET", self.base + uri, token=self.token)
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
            _call("DELETE", f"{self.base}/v1/sessions/{self.session}", token=self.token)
        except (RestError, OSError):
            pass


class JobManager:
    def __init__(self, base_url):
        self.base = base_url.rstrip("/")

    def get(self, path):
        return _call("GET", self.base + path)

    def patch(self, path):
        return _call("PATCH", self.base + path)
