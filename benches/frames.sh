#!/usr/bin/env bash
# The window's frame times under load, in a release build: the inventory with 100,000 rows
# (scrolling, typing a search, the frames while a sort runs on its own thread) and the ASN.1
# view of a 10,000-entry CRL. Each frame is the whole app's UI pass in an egui_kittest
# harness (accessibility tree included, no GPU); the budget is 16 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --release --quiet --bin certscope -- --ignored --nocapture frame_times 2>&1 | grep -E "frame|panicked"
