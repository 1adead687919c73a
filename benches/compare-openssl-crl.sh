#!/usr/bin/env bash
# Times certscope on a CRL of 1,000,000 entries (benches/gen-crl.py, made once) against
# `openssl crl -noout -text` on the same file, in one run, and prints the ratio and each one's
# peak RSS beside the file's size. certscope loads the CRL, verifies its signature with the
# CA, looks up a certificate whose serial it lists (it is found revoked) and prints the
# report, every entry included (as -text does). Targets (issue 13): at least 5x faster, peak
# RSS at most 3x the file.
#
#   bash benches/compare-openssl-crl.sh [RUNS] [ENTRIES]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
entries=${2:-1000000}
dir=target/bench-data/crl-$entries
[ -f "$dir/revoked.pem" ] || python3 benches/gen-crl.py "$dir" "$entries"
cargo build --release --quiet
size=$(stat -c %s "$dir/crl.der")
echo "CRL: $dir/crl.der, $entries entries, $((size / 1024 / 1024)) MiB"

source benches/measure.sh

ours=(./target/release/certscope report --time 2026-11-30T00:00:00Z --max-size 600000000 "$dir/crl.der" "$dir/ca.pem" "$dir/revoked.pem")
# The lookup must find the certificate revoked before any timing means anything.
# (It exits 1: a revoked certificate is an error.)
"${ours[@]}" --format json >"$dir/report.json" || true
python3 - "$dir/report.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
codes = [f["code"] for f in d["findings"]]
assert "revocation.revoked" in codes, codes
print("certscope: the listed certificate is found revoked, the CRL signature verified")
PY
read -r t_text m_text < <(measure "${ours[@]}")
read -r t_json m_json < <(measure "${ours[@]}" --format json)
read -r t_ossl m_ossl < <(measure openssl crl -inform DER -in "$dir/crl.der" -noout -text)
printf '%-48s %7s s %6s MB\n' "certscope report (text)" "$t_text" "$m_text"
printf '%-48s %7s s %6s MB\n' "certscope report --format json" "$t_json" "$m_json"
printf '%-48s %7s s %6s MB\n' "openssl crl -noout -text" "$t_ossl" "$m_ossl"
python3 - "$t_text" "$t_json" "$t_ossl" "$m_text" "$m_json" "$size" <<'PY'
import sys
text, json_, ossl, m_text, m_json, size = map(float, sys.argv[1:])
mb = size / 1024 / 1024
print(f"ratio (openssl / certscope text): {ossl / max(text, 1e-3):.1f}x   json: {ossl / max(json_, 1e-3):.1f}x   (target: >= 5x)")
print(f"peak RSS / file size: text {m_text / mb:.1f}x, json {m_json / mb:.1f}x   (target: <= 3x)")
PY
