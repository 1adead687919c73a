//! Words for learners: what each field means, shown when the pointer rests on its name.

/// What a certificate field is for.
pub fn field(name: &str) -> &'static str {
    match name {
        "Subject" => "Who the certificate is about: a server, a person, a company or a CA.",
        "Issuer" => {
            "The certificate authority (CA) that signed this certificate. Its own certificate is the next one up the chain."
        }
        "Serial" => {
            "A number the issuer gives each certificate it signs. Revocation lists and OCSP name certificates by issuer and serial."
        }
        "Version" => "X.509 version. Version 3 certificates carry extensions; almost all are version 3.",
        "Signature algorithm" => {
            "How the issuer signed this certificate: the hash and the key type of the issuer's key."
        }
        "Purposes" => "What the certificate may be used for, from its extended key usage and basic constraints.",
        "SHA-256 fingerprint" => {
            "A digest of the whole certificate. Two certificates with the same fingerprint are the same certificate."
        }
        "SHA-1 fingerprint" => {
            "An older digest of the whole certificate, still shown by many tools (e.g. Windows' thumbprint)."
        }
        "Not before" => "The certificate is not valid before this time.",
        "Not after" => "The certificate expires at this time. After it, clients reject the certificate.",
        "Status" => "Whether the certificate is within its validity period now.",
        "Public key" => {
            "The key in this certificate. Whoever holds the matching private key can prove they are the subject."
        }
        "Key size" => {
            "Bigger is stronger. RSA needs 2048 bits or more today; P-256 and Ed25519 are strong at 256 bits."
        }
        "Exponent" => "The RSA public exponent, almost always 65537.",
        "SPKI SHA-256" => {
            "A digest of the public key alone: it stays the same when a certificate is renewed with the same key (used for key pinning)."
        }
        "Self-signed" => {
            "Signed with its own key: a root CA (or a test certificate). It is trusted only if it is in a trust store."
        }
        "Chain" => "How this certificate links to its issuers, up to a root.",
        _ => "",
    }
}

/// What an extension is for, by OID.
pub fn extension(oid: &str) -> &'static str {
    match oid {
        "2.5.29.17" => {
            "Subject alternative name: the host names, IP addresses or email addresses the certificate is valid for. Browsers check the host name here, not in the CN."
        }
        "2.5.29.19" => {
            "Basic constraints: whether this is a CA that may sign other certificates, and how many CAs may follow below it."
        }
        "2.5.29.15" => "Key usage: the cryptographic operations the key may be used for.",
        "2.5.29.37" => {
            "Extended key usage: the applications the certificate may be used for (TLS server, client, code signing, email)."
        }
        "2.5.29.14" => {
            "Subject key identifier: an ID of this certificate's key, matched by the authority key identifier of the certificates it signs."
        }
        "2.5.29.35" => {
            "Authority key identifier: the ID of the issuer's key; it helps find the right issuer certificate."
        }
        "1.3.6.1.5.5.7.1.1" => {
            "Authority information access: where to ask whether the certificate is revoked (OCSP) and where to download the issuer's certificate (CA issuers)."
        }
        "2.5.29.31" => {
            "CRL distribution points: where to download the revocation list that would list this certificate if it were revoked."
        }
        "2.5.29.32" => {
            "Certificate policies: the rules the CA followed when checking the subject (DV, OV, EV), with a link to the CA's practice statement."
        }
        "2.5.29.30" => "Name constraints: the names a CA may issue certificates for.",
        "1.3.6.1.5.5.7.1.24" => {
            "TLS feature: with status_request (OCSP must-staple), servers must send a fresh OCSP response in the handshake."
        }
        "1.3.6.1.4.1.11129.2.4.2" => {
            "Signed certificate timestamps: proof that the certificate was logged in public Certificate Transparency logs, which browsers require."
        }
        "1.3.6.1.4.1.11129.2.4.3" => {
            "Precertificate poison: this is a precertificate for Certificate Transparency, not a usable certificate."
        }
        _ => "",
    }
}
