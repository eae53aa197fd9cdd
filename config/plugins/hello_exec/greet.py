"""The `greet` action of the hello_exec example plugin (docs/plugins.md).

Reads the task's payload as JSON on stdin, writes the result as JSON on stdout.
A non-zero exit status fails the task; what it wrote on stderr goes into the
task's error.
"""
import json
import os
import sys

payload = json.load(sys.stdin)
name = payload.get("name")
if not isinstance(name, str) or not name:
    print("payload.name must be a non-empty string", file=sys.stderr)
    sys.exit(2)
json.dump({"greeting": f"Hello, {name}!", "task_id": os.environ.get("SWITCHYARD_TASK_ID")},
          sys.stdout)
