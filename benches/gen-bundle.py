#!/usr/bin/env python3
"""Writes a bundle of 10,000 distinct certificates for benchmarks, plus the system CA bundle.

    python3 benches/gen-bundle.py OUT.pem [COUNT]

Beside OUT.pem, for `openssl verify` doing the same checks: OUT-root.pem (the root),
OUT-cas.pem (the issuing CAs) and OUT-leaves/N.pem (each leaf alone: openssl verify checks the
first certificate of each file it is given).

Leaves cycle through RSA-2048, P-256 and Ed25519 keys (a pool of keys, so it runs in
seconds; every certificate is still distinct: its own serial, names and SANs), each with
SANs, AIA (OCSP, CA issuers) and a CRL distribution point, issued by four CAs (RSA-2048,
P-256, P-384, Ed25519) under one root.
"""
import datetime as dt
import sys
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, NameOID

UTC = dt.timezone.utc
START, END = dt.datetime(2026, 1, 1, tzinfo=UTC), dt.datetime(2027, 1, 1, tzinfo=UTC)


def name(cn):
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "certscope Bench"),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def ca(cn, key, issuer_name, signer, serial):
    return (x509.CertificateBuilder().subject_name(name(cn)).issuer_name(issuer_name)
            .public_key(key.public_key()).serial_number(serial)
            .not_valid_before(START).not_valid_after(END)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(signer.public_key()), critical=False)
            .sign(signer, hashes.SHA256()))


def main():
    out = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    root_key = rsa.generate_private_key(65537, 2048)
    root = ca("Bench Root", root_key, name("Bench Root"), root_key, 1)
    cas = []
    for i, key in enumerate([rsa.generate_private_key(65537, 2048), ec.generate_private_key(ec.SECP256R1()),
                             ec.generate_private_key(ec.SECP384R1()), ed25519.Ed25519PrivateKey.generate()]):
        cas.append((ca(f"Bench Issuing CA {i + 1}", key, root.subject, root_key, 10 + i), key))
    pool = ([rsa.generate_private_key(65537, 2048) for _ in range(8)]
            + [ec.generate_private_key(ec.SECP256R1()) for _ in range(8)]
            + [ed25519.Ed25519PrivateKey.generate() for _ in range(8)])
    chunks = [root.public_bytes(serialization.Encoding.PEM)]
    chunks += [c.public_bytes(serialization.Encoding.PEM) for c, _ in cas]
    stem = out.with_suffix("")
    leaves = Path(f"{stem}-leaves")
    leaves.mkdir(parents=True, exist_ok=True)
    Path(f"{stem}-root.pem").write_bytes(chunks[0])
    Path(f"{stem}-cas.pem").write_bytes(b"".join(chunks[1:]))
    for n in range(count - len(chunks)):
        issuer, issuer_key = cas[n % len(cas)]
        key = pool[n % len(pool)]
        host = f"host{n}.bench.certscope.test"
        algorithm = None if isinstance(issuer_key, ed25519.Ed25519PrivateKey) else hashes.SHA256()
        cert = (x509.CertificateBuilder().subject_name(name(host)).issuer_name(issuer.subject)
                .public_key(key.public_key()).serial_number(0x10000 + n)
                .not_valid_before(START).not_valid_after(END)
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
                .add_extension(x509.SubjectAlternativeName([x509.DNSName(host), x509.DNSName(f"www.{host}")]),
                               critical=False)
                .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
                               critical=False)
                .add_extension(x509.AuthorityInformationAccess([
                    x509.AccessDescription(AuthorityInformationAccessOID.OCSP,
                                           x509.UniformResourceIdentifier("http://ocsp.bench.certscope.test")),
                    x509.AccessDescription(AuthorityInformationAccessOID.CA_ISSUERS,
                                           x509.UniformResourceIdentifier("http://ca.bench.certscope.test/ca.der"))]),
                               critical=False)
                .add_extension(x509.CRLDistributionPoints([x509.DistributionPoint(
                    [x509.UniformResourceIdentifier("http://crl.bench.certscope.test/ca.crl")], None, None, None)]),
                               critical=False)
                .sign(issuer_key, algorithm))
        chunks.append(cert.public_bytes(serialization.Encoding.PEM))
        (leaves / f"{n}.pem").write_bytes(chunks[-1])
    system = Path("/etc/ssl/certs/ca-certificates.crt")
    if system.exists():
        chunks.append(system.read_bytes())
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(b"".join(chunks))


if __name__ == "__main__":
    main()
