"""Small JSON-over-HTTP clients for the SQL gateway and the JobManager REST API (stdlib only)."""
import json
import os
import re
import time
import urllib.error
import urllib.request


class RestError(RuntimeError):
    pass


_EXCEPTION_CLASS = re.compile(r"^(?:[a-z0-9_]+\.)+([A-Z][A-Za-z0-9_$]*(?:Exception|Error)): ")


def _strip_exception_class(s):
    m = _EXCEPTION_CLASS.match(s)
    return m.group(1) + ": " + s[m.end():] if m else s


def root_cause(error_body):
    """A gateway error as a user should read it, by the same rule as the Java client
    (GatewayClient.rootCause): the chain of causes below the gateway's own wrappers, each message
    once, outermost first, without stack frames. Both are held to
    stack/src/test/resources/gateway/errors.json."""
    causes = []
    for text in error_body.get("errors", []) if isinstance(error_body, dict) else []:
        if text == "Internal server error.":
            continue
        current = None
        for line in text.split("\n"):
            t = line.strip()
            if t.startswith(("at ", "...", "End of exception on server side", "<Exception on server side")):
                continue
            if t.startswith("Caused by: "):
                if current is not None:
                    causes.append(current.strip())
                current = t[len("Caused by: "):]
            elif current is not None:
                current += "\n" + line
            elif t:
                current = t
        if current is not None:
            causes.append(current.strip())
    shown = []
    for c in causes:
        m = _strip_exception_class(c)
        if "SqlGatewayException" in m or m.startswith("SqlExecutionException: Failed to execute the operation"):
            continue
        message = m[m.index(": ") + 2:] if ": " in m else m
        if any(message.strip() in prev for prev in shown):
            continue  # a deeper cause repeating its wrapper's message
        shown.append(m if not shown else "caused by " + m)
    if not shown:
        return _strip_exception_class(causes[-1]) if causes else "unknown error"
    return "\n  ".join(shown)


def _root_cause(body):
    try:
        return root_cause(json.loads(body))
    except ValueError:
        return body[:1500]


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
        resp = _call("POST", f"{self.base}/v2/sessions", {"properties": properties or {}}, token=token)
        self.session = resp["sessionHandle"]

    def execute(self, statement, timeout=180):
        """Runs one statement; returns (rows, job_id). For INSERT, returns once the job is submitted."""
        op = _call("POST", f"{self.base}/v2/sessions/{self.session}/statements",
                   {"statement": statement}, token=self.token)["operationHandle"]
        uri = f"/v2/sessions/{self.session}/operations/{op}/result/0?rowFormat=JSON"
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
            _call("DELETE", f"{self.base}/v2/sessions/{self.session}", token=self.token)
        except (RestError, OSError):
            pass


class JobManager:
    def __init__(self, base_url):
        self.base = base_url.rstrip("/")

    def get(self, path):
        return _call("GET", self.base + path)

    def patch(self, path):
        return _call("PATCH", self.base + path)
