#!/usr/bin/env bash
# Times `certscope report` against `openssl storeutl -noout -text -certs` on the same bundle of
# 10,000 distinct certificates (plus the system CA bundle), in one run, and prints the ratio
# and each one's peak RSS. Targets (issue 3): certscope at least 10x faster, under 200 MB.
#
#   bash benches/compare-openssl.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
bundle=target/bench-data/bundle-10k.pem
[ -f "$bundle" ] || { echo "generating $bundle ..."; python3 benches/gen-bundle.py "$bundle" 10000; }
cargo build --release --quiet
count=$(grep -c -- '-----BEGIN CERTIFICATE-----' "$bundle")
echo "bundle: $bundle, $count certificates, $(du -h "$bundle" | cut -f1)"

source benches/measure.sh

read -r ours ours_rss < <(measure ./target/release/certscope report --time 2026-06-01T00:00:00Z "$bundle")
read -r ours_json ours_json_rss < <(measure ./target/release/certscope report --json --time 2026-06-01T00:00:00Z "$bundle")
read -r theirs theirs_rss < <(measure openssl storeutl -noout -text -certs "$bundle")
printf '%-52s %8s s  %6s MB\n' "certscope report (text, chains verified)" "$ours" "$ours_rss"
printf '%-52s %8s s  %6s MB\n' "certscope report --json" "$ours_json" "$ours_json_rss"
printf '%-52s %8s s  %6s MB\n' "openssl storeutl -noout -text -certs" "$theirs" "$theirs_rss"
python3 - "$ours" "$ours_json" "$theirs" <<'PY'
import sys
ours, ours_json, theirs = map(float, sys.argv[1:])
print(f"ratio (openssl / certscope text): {theirs / max(ours, 1e-3):.1f}x   (target: >= 10x)")
print(f"ratio (openssl / certscope json): {theirs / max(ours_json, 1e-3):.1f}x")
PY
