#!/usr/bin/env bash
# `certscope report` on the 10,000-certificate bundle against openssl doing the same work, in one
# run: `openssl storeutl -noout -text -certs` (every certificate read and printed) plus
# `openssl verify` of every leaf against its issuing CA and the root (every link's signature
# checked). Prints each one's best time and peak RSS, and the ratios. Targets (issue 13): at
# least 8x for text and JSON, at most 100 MB peak RSS.
#
#   bash benches/compare-openssl.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
bundle=target/bench-data/bundle-10k.pem
stem=${bundle%.pem}
if [ ! -f "$bundle" ] || [ ! -d "$stem-leaves" ]; then
    echo "generating $bundle ..."
    python3 benches/gen-bundle.py "$bundle" 10000
fi
cargo build --release --quiet
count=$(grep -c -- '-----BEGIN CERTIFICATE-----' "$bundle")
leaves=$(find "$stem-leaves" -name '*.pem' | wc -l)
echo "bundle: $bundle, $count certificates ($leaves leaves under 4 CAs: RSA-2048, P-256, P-384, Ed25519), $(du -h "$bundle" | cut -f1)"

source benches/measure.sh
at=2026-06-01T00:00:00Z
epoch=$(date -d "$at" +%s)

read -r ours ours_rss < <(measure ./target/release/certscope report --time "$at" "$bundle")
read -r ours_json ours_json_rss < <(measure ./target/release/certscope report --json --time "$at" "$bundle")
read -r text text_rss < <(measure openssl storeutl -noout -text -certs "$bundle")
# One process verifies them all: every leaf file on one command line (sorted, for the same order).
mapfile -t files < <(find "$stem-leaves" -name '*.pem' | sort -V)
read -r verify verify_rss < <(measure openssl verify -attime "$epoch" -CAfile "$stem-root.pem" -untrusted "$stem-cas.pem" "${files[@]}")
verified=$(openssl verify -attime "$epoch" -CAfile "$stem-root.pem" -untrusted "$stem-cas.pem" "${files[@]}" | grep -c ': OK$' || true)
printf '%-58s %8s s  %6s MB\n' "certscope report (text, every chain judged)" "$ours" "$ours_rss"
printf '%-58s %8s s  %6s MB\n' "certscope report --json" "$ours_json" "$ours_json_rss"
printf '%-58s %8s s  %6s MB\n' "openssl storeutl -noout -text -certs" "$text" "$text_rss"
printf '%-58s %8s s  %6s MB  (%s of %s leaves OK)\n' "openssl verify, every leaf against its CAs" "$verify" "$verify_rss" "$verified" "$leaves"
python3 - "$ours" "$ours_json" "$text" "$verify" "$ours_rss" "$ours_json_rss" <<'PY'
import sys
ours, ours_json, text, verify, rss, json_rss = map(float, sys.argv[1:])
theirs = text + verify
print(f"openssl, the same work: {theirs:.2f} s")
print(f"ratio (openssl / certscope text): {theirs / max(ours, 1e-3):.1f}x   (target: >= 8x; peak {rss:.0f} MB, target <= 100)")
print(f"ratio (openssl / certscope json): {theirs / max(ours_json, 1e-3):.1f}x   (target: >= 8x; peak {json_rss:.0f} MB, target <= 100)")
PY
