#!/usr/bin/env bash
# Times a whole-chain OCSP check by certscope against `openssl ocsp` for the same certificates
# and the same local responder (`openssl ocsp` over tests/fixtures/ocsp/index.txt on 127.0.0.1),
# in one run, and prints the ratio (issue 4).
#
#   bash benches/compare-openssl-ocsp.sh [RUNS]
#
# Both check three leaves of the fixture CA (good, revoked, unknown) and verify the answers:
# certscope sends one request per certificate, in parallel; openssl sends one request with
# the three CertIDs. Both send a nonce and check the responder's signature and authority.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
cargo build --release --quiet
dir=tests/fixtures/ocsp
log=$(mktemp)
openssl ocsp -index "$dir/index.txt" -CA "$dir/ca.pem" -rsigner "$dir/responder.pem" -rkey "$dir/responder.key" \
    -port 0 -ndays 1 >"$log" 2>&1 &
responder=$!
trap 'kill $responder 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 50); do grep -q ACCEPT "$log" && break; sleep 0.1; done
port=$(grep -o 'ACCEPT [^ ]*' "$log" | grep -o '[0-9]*$')
url="http://127.0.0.1:$port/"
echo "responder: openssl ocsp on $url (delegated responder, RSA-2048)"

ours=(./target/release/certscope report --json --ocsp-url "$url" "$dir/good.pem" "$dir/revoked.pem" "$dir/unknown.pem" "$dir/ca.pem")
theirs=(openssl ocsp -issuer "$dir/ca.pem" -cert "$dir/good.pem" -cert "$dir/revoked.pem" -cert "$dir/unknown.pem"
        -CAfile "$dir/ca.pem" -url "$url")
# Both must give the same answers before any timing means anything.
"${ours[@]}" | python3 -c '
import json, sys
d = json.load(sys.stdin)
got = [c["revocation"]["ocsp"][0]["status"] for i in d["inputs"][:3] for c in i["certificates"]]
assert got == ["good", "revoked", "unknown"], got
print("certscope:", ", ".join(got))'
"${theirs[@]}" 2>&1 | grep -E ': (good|revoked|unknown)$' | sed 's/^/openssl:   /'

# best wall time of N runs, in milliseconds
best() {
    python3 - "$runs" "$@" <<'PY'
import subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
best = min(
    (lambda t0: (subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), time.perf_counter() - t0)[1])(time.perf_counter())
    for _ in range(runs))
print(f"{best * 1000:.1f}")
PY
}
ours_ms=$(best "${ours[@]}")
theirs_ms=$(best "${theirs[@]}")
printf '%-62s %8s ms\n' "certscope report --ocsp-url (3 leaves, parallel requests)" "$ours_ms"
printf '%-62s %8s ms\n' "openssl ocsp (3 CertIDs in one request)" "$theirs_ms"
python3 -c "print(f'ratio (openssl / certscope): {$theirs_ms / $ours_ms:.2f}x  (best of $runs runs, whole process each)')"
