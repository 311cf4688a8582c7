"""Prints, as a JSON list, how the benchmark's gateway client reads each error body of a case file
(a JSON list of {"body": ...}); PythonGatewayClientTest compares it with the Java client's rule."""
import json
import sys

from udfbench.rest import root_cause

if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        cases = json.load(f)
    json.dump([root_cause(c["body"]) for c in cases], sys.stdout, ensure_ascii=False)
