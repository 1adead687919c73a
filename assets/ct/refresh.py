#!/usr/bin/env python3
"""Refresh assets/ct/log_list.json from Chrome's published CT log list.

    python3 assets/ct/refresh.py            # writes assets/ct/log_list.json
    python3 assets/ct/refresh.py --check    # only checks the vendored file

The list is refused unless every log's ID is SHA-256 of its key (RFC 6962 3.2), as
certscope itself checks. The file keeps Chrome's schema (v3); `log_list_timestamp` dates it.
"""
import base64
import hashlib
import json
import sys
import urllib.request
from pathlib import Path

URL = "https://www.gstatic.com/ct/log_list/v3/log_list.json"
HERE = Path(__file__).resolve().parent


def check(listed):
    count = 0
    for operator in listed["operators"]:
        for log in operator.get("logs", []) + operator.get("tiled_logs", []):
            key = base64.b64decode(log["key"])
            if base64.b64encode(hashlib.sha256(key).digest()).decode() != log["log_id"]:
                sys.exit(f"refused: {log.get('description')}: its log_id is not SHA-256 of its key")
            count += 1
    if count == 0:
        sys.exit("refused: the list names no log")
    return count


def main():
    if "--check" in sys.argv:
        listed = json.loads((HERE / "log_list.json").read_text())
    else:
        with urllib.request.urlopen(URL, timeout=30) as response:
            listed = json.load(response)
        listed["source"] = f"Chrome's published list ({URL})"
    count = check(listed)
    if "--check" not in sys.argv:
        (HERE / "log_list.json").write_text(json.dumps(listed, indent=2) + "\n")
    print(f"{count} logs, list of {listed.get('log_list_timestamp')}, version {listed.get('version')}")


if __name__ == "__main__":
    main()
