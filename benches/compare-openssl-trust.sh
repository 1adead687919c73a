#!/usr/bin/env bash
# Times certscope's trust verdict against openssl's on the same input, in one run, and prints
# the ratios (issue 5): a chain file (`openssl verify`) and a TLS host on 127.0.0.1
# (`openssl s_client` against an `openssl s_server` started here, stopped on exit).
#
#   bash benches/compare-openssl-trust.sh [RUNS]
#
# Both judge the test PKI's P-256 leaf for p256.certscope.test against tests/fixtures/root.pem,
# and both must say "trusted" before any timing means anything. certscope does more per run
# (its own RFC 5280/CABF checks, the JSON report, the AIA and sent-chain checks for a host).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
cargo build --release --quiet
f=tests/fixtures
name=p256.certscope.test
at=2026-06-01T00:00:00Z
epoch=$(date -d "$at" +%s)
log=$(mktemp)
timeout 600 openssl s_server -accept 127.0.0.1:0 -cert $f/leaf-p256.pem -key $f/leaf-p256.key \
    -cert_chain $f/intermediate.pem -www >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 50); do grep -q ACCEPT "$log" && break; sleep 0.1; done
port=$(grep -o 'ACCEPT 127.0.0.1:[0-9]*' "$log" | cut -d: -f2)
host=127.0.0.1:$port

file_ours=(./target/release/certscope report --json --time "$at" --ca-file $f/root.pem --hostname $name $f/chain.pem)
file_theirs=(openssl verify -attime "$epoch" -CAfile $f/root.pem -untrusted $f/intermediate.pem -verify_hostname $name
             $f/leaf-p256.pem)
host_ours=(./target/release/certscope report --json --time "$at" --ca-file $f/root.pem --hostname $name "$host")
host_theirs=(openssl s_client -connect "$host" -CAfile $f/root.pem -attime "$epoch" -verify_hostname $name
             -verify_return_error -brief)

trusted() { python3 -c 'import json,sys; v=json.load(sys.stdin)["inputs"][0]["validation"]; assert v["trusted"], v; print("certscope: trusted")'; }
"${file_ours[@]}" | trusted
"${file_theirs[@]}" | sed 's/^/openssl:   /'
"${host_ours[@]}" | trusted
"${host_theirs[@]}" </dev/null 2>&1 | grep -E '^Verification: OK' | sed 's/^/openssl:   /'

# best wall time of N runs, in milliseconds
best() {
    python3 - "$runs" "$@" <<'PY'
import subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
def once():
    t0 = time.perf_counter()
    subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0
print(f"{min(once() for _ in range(runs)) * 1000:.1f}")
PY
}
row() { printf '%-58s %8s ms\n' "$1" "$2"; }
a=$(best "${file_ours[@]}"); b=$(best "${file_theirs[@]}")
row "certscope report --ca-file --hostname chain.pem" "$a"
row "openssl verify -CAfile -untrusted -verify_hostname" "$b"
python3 -c "print(f'file ratio (openssl / certscope): {$b / $a:.2f}x')"
c=$(best "${host_ours[@]}"); d=$(best "${host_theirs[@]}")
row "certscope report --ca-file --hostname 127.0.0.1:PORT" "$c"
row "openssl s_client -CAfile -verify_hostname -verify_return_error" "$d"
python3 -c "print(f'host ratio (openssl / certscope): {$d / $c:.2f}x  (best of $runs runs, whole process each)')"
