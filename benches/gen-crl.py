#!/usr/bin/env python3
"""Writes a CRL of N entries (default 1,000,000) and its issuing CA, as an enterprise CA
publishes them: random 16-byte serials, revocation dates over three years, a reason code on one
entry in four, signed with ECDSA P-256. The TBSCertList is written directly as DER (building a
million entries through cryptography's builder takes minutes); the signature is real.

    python3 benches/gen-crl.py target/bench-data/crl-1m [N]

Writes DIR/ca.pem, DIR/crl.der, DIR/serials.txt (a few listed serials, hex, for lookups) and
DIR/revoked.pem, a certificate of that CA whose serial is listed (what a lookup finds).
"""
import datetime as dt
import os
import random
import sys
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def tlv(tag, body):
    n = len(body)
    if n < 0x80:
        head = bytes([n])
    else:
        size = n.to_bytes((n.bit_length() + 7) // 8, "big")
        head = bytes([0x80 | len(size)]) + size
    return bytes([tag]) + head + body


def integer(value_bytes):
    if value_bytes[0] & 0x80:
        value_bytes = b"\0" + value_bytes
    return tlv(0x02, value_bytes)


def utctime(when):
    return tlv(0x17, when.strftime("%y%m%d%H%M%SZ").encode())


def main():
    out = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(1)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "certscope bench"),
                      x509.NameAttribute(NameOID.COMMON_NAME, "certscope Bench Enterprise CA")])
    start = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
    ca = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
          .serial_number(1).not_valid_before(start).not_valid_after(start + dt.timedelta(days=3650))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
          .sign(key, hashes.SHA256()))
    (out / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    reason_ext = {code: tlv(0x30, tlv(0x30, tlv(0x06, bytes([0x55, 0x1D, 0x15])) + tlv(0x04, tlv(0x0A, bytes([code])))))
                  for code in (1, 3, 4, 5)}
    entries = bytearray()
    picked = []
    base = dt.datetime(2023, 1, 1, tzinfo=dt.timezone.utc)
    for i in range(count):
        serial = rng.getrandbits(127).to_bytes(16, "big").lstrip(b"\0") or b"\1"
        when = base + dt.timedelta(seconds=rng.randrange(3 * 365 * 86400))
        body = integer(serial) + utctime(when)
        if i % 4 == 0:
            body += reason_ext[rng.choice((1, 3, 4, 5))]
        entries += tlv(0x30, body)
        if i % (count // 5 or 1) == 0:
            picked.append(serial.hex())
    algorithm = tlv(0x30, tlv(0x06, bytes.fromhex("2a8648ce3d040302")))
    now = dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)
    crl_number = tlv(0xA0, tlv(0x30, tlv(0x30, tlv(0x06, bytes([0x55, 0x1D, 0x14])) + tlv(0x04, integer(b"\x2a")))))
    # A CRL current until 2036, so that a bench run years from now still finds it current.
    tbs = tlv(0x30, integer(b"\x01") + algorithm + name.public_bytes() + utctime(now)
              + utctime(dt.datetime(2036, 1, 1, tzinfo=dt.timezone.utc)) + tlv(0x30, bytes(entries)) + crl_number)
    signature = key.sign(tbs, ec.ECDSA(hashes.SHA256()))
    crl = tlv(0x30, tbs + algorithm + tlv(0x03, b"\0" + signature))
    (out / "crl.der").write_bytes(crl)
    (out / "serials.txt").write_text("\n".join(picked) + "\n")
    leaf_key = ec.generate_private_key(ec.SECP256R1())
    leaf = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "revoked.bench.certscope.test")]))
            .issuer_name(name).public_key(leaf_key.public_key())
            .serial_number(int(picked[len(picked) // 2], 16))
            .not_valid_before(start).not_valid_after(start + dt.timedelta(days=3000))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("revoked.bench.certscope.test")]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    (out / "revoked.pem").write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    print(f"{out / 'crl.der'}: {count} entries, {len(crl) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
