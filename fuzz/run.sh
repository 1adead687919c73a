#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60), seeded from the test fixtures, and
# prints the executions and crashes of each. Crashing inputs land in fuzz/artifacts/TARGET/;
# copy each into tests/fuzz-regressions/TARGET/ so `cargo test` replays it (tests/fuzz_regressions.rs).
#
#   bash fuzz/run.sh 60            # needs nightly and cargo-fuzz (cargo install cargo-fuzz)
#   TARGETS="crl ocsp_response" bash fuzz/run.sh 600
#   RUNS=10000000 TARGETS=load_any bash fuzz/run.sh 20000   # stop at 10 M executions (or the time)
#   SANITIZER=none bash fuzz/run.sh 600   # without AddressSanitizer: about 5x the executions a second
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
targets=${TARGETS:-"load_any ocsp_response crl asn1_tree host_chain diagnose"}
fixtures=../tests/fixtures
sanitizer=${SANITIZER:-address}
cargo +nightly fuzz build -O -s "$sanitizer" >/dev/null 2>&1

seed() { # target: fill corpus/TARGET once from the fixtures
    local target=$1 dir=corpus/$1
    [ -d "$dir" ] && return
    mkdir -p "$dir"
    case $target in
        crl)
            find "$fixtures" -name "*.crl" -o -name "*crl*.der" | while read -r f; do cp "$f" "$dir/"; done ;;
        ocsp_response)
            # Real answers from openssl ocsp for the test PKI: good, revoked, unknown; CA-signed
            # and delegated.
            local work
            work=$(mktemp -d)
            for leaf in good revoked unknown; do
                for signer in ca responder; do
                    openssl ocsp -issuer "$fixtures/ocsp/ca.pem" -cert "$fixtures/ocsp/$leaf.pem" -reqout "$work/req.der" >/dev/null 2>&1
                    openssl ocsp -index "$fixtures/ocsp/index.txt" -rsigner "$fixtures/ocsp/$signer.pem" \
                        -rkey "$fixtures/ocsp/$signer.key" -CA "$fixtures/ocsp/ca.pem" -reqin "$work/req.der" \
                        -respout "$dir/$leaf-$signer.der" -ndays 1 >/dev/null 2>&1 || true
                done
            done
            rm -rf "$work" ;;
        host_chain)
            # The PEM chains as a server would send them: each certificate's DER behind a 2-byte length.
            for pem in "$fixtures"/chain.pem "$fixtures"/cross/chain.pem "$fixtures"/ocsp/good.pem; do
                python3 - "$pem" "$dir/$(basename "$(dirname "$pem")")-$(basename "$pem").bin" <<'PY'
import base64, re, struct, sys
text = open(sys.argv[1]).read()
out = b""
for body in re.findall(r"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", text, re.S):
    der = base64.b64decode("".join(body.split()))
    out += struct.pack(">H", len(der)) + der
open(sys.argv[2], "wb").write(out)
PY
            done ;;
        *)
            find "$fixtures" -type f -size -256k ! -name "*.py" ! -name "*.sh" ! -name "*.md" | while read -r f; do
                cp "$f" "$dir/$(echo "$f" | tr '/' '_')"
            done ;;
    esac
}

printf '%-15s %12s %8s %8s\n' target executions exec/s crashes
for target in $targets; do
    seed "$target"
    mkdir -p "artifacts/$target"
    log=$(mktemp)
    # -max_len: certificates, CRLs and containers up to 256 KiB; -rss_limit_mb bounds memory.
    cargo +nightly fuzz run -O -s "$sanitizer" "$target" "corpus/$target" -- -max_total_time="$seconds" -runs="${RUNS:--1}" -max_len=262144 \
        -rss_limit_mb=4096 -timeout=20 -print_final_stats=1 >"$log" 2>&1 || true
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    crashes=$(find "artifacts/$target" -type f | wc -l)
    printf '%-15s %12s %8s %8s\n' "$target" "${runs:-0}" "${speed:-0}" "$crashes"
    if [ "$crashes" -gt 0 ]; then
        grep -m3 -E 'panicked|ERROR: libFuzzer|SUMMARY' "$log" | sed 's/^/    /' || true
    fi
    rm -f "$log"
done
