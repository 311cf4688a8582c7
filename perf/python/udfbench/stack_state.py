"""Reads STATE_DIR/run/stack.json by the JSON schema the Java side writes it by (dev.sqlpack.stack.StackState)."""
import json
import os

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SCHEMA = os.path.join(REPO, "stack", "src", "main", "resources", "stack-state.schema.json")
_TYPES = {"integer": int, "boolean": bool}


def read(state_dir):
    """The stack's state as a dict with every key of the schema (defaults filled in); fails naming the bad key."""
    path = os.path.join(state_dir, "run", "stack.json")
    with open(SCHEMA) as f:
        schema = json.load(f)
    with open(path) as f:
        state = json.load(f)
    fix = "; restart the stack: ./sqlpack down, then ./sqlpack up"
    for key in schema["required"]:
        if key not in state:
            raise ValueError(f"{path} has no '{key}' (schema {SCHEMA}){fix}")
    for key, value in state.items():
        prop = schema["properties"].get(key)
        if prop is None:
            raise ValueError(f"{path} has an unknown key '{key}' (schema {SCHEMA}){fix}")
        # bool is a subclass of int in Python: an integer must not be true/false
        if not isinstance(value, _TYPES[prop["type"]]) or (prop["type"] == "integer" and isinstance(value, bool)):
            raise ValueError(f"{path}: '{key}' must be {prop['type']}, but was {value!r}{fix}")
    return {key: state.get(key, prop.get("default")) for key, prop in schema["properties"].items()}
