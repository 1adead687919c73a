#!/usr/bin/env bash
# Makes the PNGs in screenshots/ from the real window under Xvfb.
#
#   apt-get install -y xvfb imagemagick xdotool   # once
#   bash screenshots/make.sh
#   ONLY=host-client-certificate bash screenshots/make.sh   # one of them
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
out=screenshots
bin=$PWD/target/release/certscope
# A fresh home: no recent files, no settings from the machine.
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT

shot() { # name, then the app's arguments; $KEYS (xdotool key names) are pressed once it settles,
         # then $ACTIONS (xdotool commands on the window $win) run
    local name=$1
    shift
    if [ -n "${ONLY:-}" ] && [ "$ONLY" != "$name" ]; then
        return
    fi
    KEYS=${KEYS:-} ACTIONS=${ACTIONS:-} HOME=$home xvfb-run -a -s "-screen 0 1280x820x24" bash -c '
        "$0" "${@:2}" & app=$!
        for _ in $(seq 50); do
            win=$(xdotool search --name "^certscope$" 2>/dev/null | head -1) && [ -n "$win" ] && break
            sleep 0.2
        done
        if [ -z "$win" ]; then
            echo "the certscope window did not appear" >&2
            kill $app 2>/dev/null
            exit 1
        fi
        sleep 2.5   # loads run on threads; let them land and the frame settle
        if [ -n "$KEYS" ]; then
            xdotool windowfocus --sync "$win"
            xdotool mousemove --window "$win" 200 300   # over the tree: arrow keys walk it
            xdotool key $KEYS
            sleep 1.5
        fi
        if [ -n "$ACTIONS" ]; then
            xdotool windowfocus --sync "$win"
            eval "$ACTIONS"
            sleep 1.5
        fi
        if [ -z "$KEYS" ] && [ -z "$ACTIONS" ]; then
            # The pointer starts at the screen centre: park it where it hovers nothing.
            xdotool mousemove --window "$win" 1279 1 && sleep 0.5
        fi
        # With no window id, import waits for a click: never let it wait.
        timeout 20 /usr/bin/import -window "$win" "$1"
        kill $app' "$bin" "$out/$name.png" "$@"
    echo "wrote $out/$name.png"
}

shot welcome
shot sample-chain --sample
shot broken-chain tests/fixtures/missing-intermediate.pem tests/fixtures/expired.pem tests/fixtures/garbage.bin
shot missing-issuer-diagram tests/fixtures/missing-intermediate.pem
shot cross-signed tests/fixtures/cross/chain.pem tests/fixtures/cross/cross.pem
shot pkcs12-password tests/fixtures/modern.p12
# Signed software: an installer with its signature checklist (the test root beside it), and a
# program changed after it was signed.
shot signed-installer tests/fixtures/signed/signed.msi tests/fixtures/signed/root.pem
shot tampered-program tests/fixtures/signed/tampered.exe tests/fixtures/signed/root.pem
# A folder of many certificates opens as the inventory table.
shot inventory tests/fixtures/lints
# The Explain panel open beside the sample (as settings.json keeps it).
mkdir -p "$home/.config/certscope"
echo '{"explain": true}' >"$home/.config/certscope/settings.json"
shot explain --sample
echo '{"theme": "light"}' >"$home/.config/certscope/settings.json"
shot light-theme tests/fixtures/missing-intermediate.pem
rm "$home/.config/certscope/settings.json"
# The ASN.1 view of the sample's leaf: scroll the details to its Bytes row, open the view, then
# click the Subject key identifier's name above: its element is selected, its bytes highlighted.
ACTIONS='xdotool mousemove --window $win 620 500; for _ in $(seq 40); do xdotool click 5; done; sleep 0.8
    xdotool mousemove --window $win 468 694 click 1; sleep 1; xdotool mousemove --window $win 466 376 click 1' \
    shot asn1 --sample
# Compare: the sample's leaf against the revoked one, from the leaf's "Compare with" choice.
ACTIONS='xdotool mousemove --window $win 580 400 click 1; sleep 0.8; xdotool mousemove --window $win 560 424 click 1' \
    shot compare --sample
# The sample's revoked leaf after "Check revocation": OCSP and CRL from the built-in responder.
KEYS=Down shot revoked --sample --check-revocation
# A base CRL and its delta loaded beside the CA and a leaf the delta puts on hold: the answer
# says the delta answered, and the steps show both CRLs' checks.
ACTIONS='xdotool mousemove --window $win 780 500; for _ in $(seq 6); do xdotool click 5; done' \
    shot delta-crl tests/fixtures/ocsp/ca.pem tests/fixtures/ocsp/good.pem \
    tests/fixtures/ocsp/delta/base.crl tests/fixtures/ocsp/delta/delta.crl

# Hosts: openssl s_server on 127.0.0.1 with a stapled OCSP response. First as Mozilla's roots
# judge it (the test PKI is not among them: the verdict says where the chain ends), then with
# Host options (as settings.json holds them) sending the server's name in SNI and judging
# against the test PKI's root from a file, as an admin of a private PKI would.
work=$(mktemp -d)
ocsp=tests/fixtures/ocsp
openssl ocsp -issuer $ocsp/ca.pem -cert $ocsp/good.pem -no_nonce -reqout "$work/req.der" 2>/dev/null
openssl ocsp -index $ocsp/index.txt -rsigner $ocsp/ca.pem -rkey $ocsp/ca.key -CA $ocsp/ca.pem \
    -reqin "$work/req.der" -respout "$work/staple.der" -ndays 1 >/dev/null 2>&1
timeout 60 openssl s_server -accept 127.0.0.1:0 -cert $ocsp/good.pem -key $ocsp/leaf.key -cert_chain $ocsp/ca.pem \
    -status_file "$work/staple.der" -naccept 2 -www >"$work/server.log" 2>&1 &
for _ in $(seq 50); do grep -q ACCEPT "$work/server.log" && break; sleep 0.1; done
port=$(grep -o 'ACCEPT 127.0.0.1:[0-9]*' "$work/server.log" | cut -d: -f2)
shot host-untrusted "127.0.0.1:$port"
mkdir -p "$home/.config/certscope"
cat >"$home/.config/certscope/settings.json" <<JSON
{"host": {"sni": "good.ocsp.certscope.test", "roots": "ca_file", "ca_file": "$PWD/$ocsp/ca.pem"}}
JSON
shot host "127.0.0.1:$port"

# A server that requires a client certificate from the test PKI's root (and checks it): the
# inputs' notice says so, and which CA it takes; Host options as above.
timeout 60 openssl s_server -accept 127.0.0.1:0 -cert $ocsp/good.pem -key $ocsp/leaf.key -cert_chain $ocsp/ca.pem \
    -Verify 1 -verify_return_error -CAfile tests/fixtures/root.pem -naccept 1 -www >"$work/client.log" 2>&1 &
for _ in $(seq 50); do grep -q ACCEPT "$work/client.log" && break; sleep 0.1; done
port=$(grep -o 'ACCEPT 127.0.0.1:[0-9]*' "$work/client.log" | cut -d: -f2)
shot host-client-certificate "127.0.0.1:$port"
rm -rf "$work"
