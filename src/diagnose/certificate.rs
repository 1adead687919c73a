//! Findings about inputs, single certificates and keys: what could not be read, validity,
//! broken links, weak or unsupported algorithms, how a chain is stored or sent, must-staple,
//! and private keys that belong to nothing loaded.

use time::{Duration, OffsetDateTime};

use super::{Category, Finding, Severity, Workspace, certificate, distinct, fetched_from, is_host};
use crate::chain::{CertRef, ChainLink};
use crate::load::LoadError;
use crate::model::time::{rfc3339, span};
use crate::model::{Certificate, ValidityStatus};

/// Inputs that did not load, wholly or in part.
pub(super) fn inputs(workspace: &Workspace<'_>, findings: &mut Vec<Finding>) {
    for (index, input) in workspace.inputs.iter().enumerate() {
        let named = workspace.named.is_none_or(|named| named.get(index).copied().unwrap_or(true));
        let source = &input.source;
        if input.integrity == Some(false) {
            findings.push(
                Finding::new(
                    Severity::Warning,
                    "input.integrity",
                    Category::Input,
                    format!("{source}: the keystore's integrity digest does not match the password given."),
                    "The digest proves the store was not changed since it was written by whoever knows the password. With a wrong password nothing is proven; with the right one, the file was altered.",
                    "Check the store password (Java's default is 'changeit'); if it is right, get the keystore again from where it came from.",
                )
                .on_input(index)
                .label("integrity failed"),
            );
        }
        let Some(error) = &input.error else { continue };
        let finding = match error {
            LoadError::Network(why) => Finding::new(
                Severity::Error,
                "input.unreadable",
                Category::Input,
                format!("{source} could not be reached: {why}."),
                "Without the server's chain there is nothing to judge.",
                "Check the host name and port, that the server is up, and that nothing (a firewall, a proxy) blocks the connection.",
            )
            .label("unreachable"),
            LoadError::PasswordRequired | LoadError::WrongPassword => Finding::new(
                Severity::Error,
                "input.password",
                Category::Input,
                format!("{source}: {error}."),
                "A PKCS#12 file's certificates are sealed by its password.",
                "Give the password (--password, or the field beside the file in the window).",
            )
            .label("password needed"),
            LoadError::NotRecognized { .. } | LoadError::Empty if !named => Finding::new(
                Severity::Notice,
                "input.not_certificate",
                Category::Input,
                format!("{source} holds no certificate material ({error}); skipped."),
                "Folders hold other files too: this one was looked at and left out.",
                "Nothing to do, unless this file should hold certificates.",
            )
            .label("skipped"),
            LoadError::Partial { .. } => {
                for problem in &input.problems {
                    findings.push(
                        Finding::new(
                            Severity::Error,
                            "input.unreadable",
                            Category::Input,
                            format!("{source}: {problem}."),
                            "What could not be read is not judged: a certificate in it may be the one that matters.",
                            "Get the file again (a copy cut short or edited by hand is the usual cause), or remove the damaged block.",
                        )
                        .on_input(index)
                        .label("not loaded"),
                    );
                }
                continue;
            }
            other => Finding::new(
                Severity::Error,
                "input.unreadable",
                Category::Input,
                format!("{source}: {other}."),
                "What could not be read is not judged.",
                "Check that this is the file you meant: certscope reads PEM, DER, PKCS#7, PKCS#12, CSRs and CRLs.",
            )
            .label("error"),
        };
        findings.push(finding.on_input(index));
    }
}

/// Findings about each certificate on its own, and each chain link.
pub(super) fn each(
    workspace: &Workspace<'_>,
    chains: &[super::ChainVerdict],
    on_path: &std::collections::HashSet<CertRef>,
    signed_at: &super::signature::SigningTimes,
    options: &super::Options,
    findings: &mut Vec<Finding>,
) {
    let now = options.now;
    let code_signing: std::collections::HashSet<CertRef> =
        chains.iter().filter(|c| c.purpose == super::Purpose::CodeSigning).map(|c| c.leaf).collect();
    for (reference, certificate) in distinct(workspace) {
        // A server may send certificates no path uses (an old cross-sign): clients ignore them.
        let unused = is_host(workspace, reference.input) && !on_path.contains(&reference);
        match signed_at.get(certificate.sha256.as_slice()) {
            Some(at) => validity_when_signed(reference, certificate, now, at, findings),
            None => validity(reference, certificate, now, unused, findings),
        }
        algorithms(reference, certificate, code_signing.contains(&reference), findings);
    }
    links(workspace, findings);
    order(workspace, findings);
    super::connection::findings(workspace, findings);
}

fn validity(reference: CertRef, c: &Certificate, now: OffsetDateTime, unused: bool, findings: &mut Vec<Finding>) {
    let name = c.display_name();
    let severity = if unused { Severity::Warning } else { Severity::Error };
    let unused_words = if unused { " (sent by the server, but on no path clients use)" } else { "" };
    match c.validity_at(now) {
        ValidityStatus::Expired => findings.push(
            Finding::new(
                severity,
                "validity.expired",
                Category::Validity,
                format!("'{name}' expired {} ago, on {}{unused_words}.", span(c.not_after, now), rfc3339(c.not_after)),
                "Clients reject an expired certificate outright; for a server, every visitor sees an error page.",
                if c.is_ca() {
                    format!("Replace '{name}' with the CA's current certificate (the CA's website lists it) and reissue what it signed if needed.")
                } else {
                    format!("Renew '{name}' and install the new certificate with its chain; automate renewal (ACME) so it does not happen again.")
                },
            )
            .on(reference)
            .cite("RFC 5280 4.1.2.5, 6.1.3 (a)(2)")
            .with("not_after", rfc3339(c.not_after))
            .with("now", rfc3339(now))
            .label("expired"),
        ),
        ValidityStatus::NotYetValid => findings.push(
            Finding::new(
                severity,
                "validity.not_yet_valid",
                Category::Validity,
                format!("'{name}' is not valid until {} (in {}){unused_words}.", rfc3339(c.not_before), span(now, c.not_before)),
                "Clients reject a certificate before its notBefore. Often the client's clock is wrong, or the certificate was installed too early.",
                "Check the clock of the machine that complains; otherwise keep the previous certificate installed until this one's start.",
            )
            .on(reference)
            .cite("RFC 5280 4.1.2.5")
            .with("not_before", rfc3339(c.not_before))
            .with("now", rfc3339(now))
            .label("not yet valid"),
        ),
        ValidityStatus::Valid => {
            let lifetime = c.not_after - c.not_before;
            let window = if lifetime < Duration::days(10) { Duration::days(7) } else { Duration::days(30) };
            let left = c.not_after - now;
            if left <= window && !c.self_signed {
                findings.push(
                    Finding::new(
                        Severity::Warning,
                        "validity.expiring_soon",
                        Category::Validity,
                        format!("'{name}' expires in {}, on {}.", span(now, c.not_after), rfc3339(c.not_after)),
                        "Once it expires, clients reject it; renewal takes time to approve and deploy.",
                        format!("Renew '{name}' now and install the new certificate before {}.", rfc3339(c.not_after)),
                    )
                    .on(reference)
                    .cite("RFC 5280 4.1.2.5")
                    .with("not_after", rfc3339(c.not_after))
                    .with("days_left", left.whole_days().to_string())
                    .label(format!("expires in {}", span(now, c.not_after))),
                );
            }
        }
    }
}

/// A signer (or its chain, or a timestamp's authority) judged at the time a valid timestamp
/// fixes: expired since is said, but does not undo the signature; invalid then, it does.
fn validity_when_signed(
    reference: CertRef,
    c: &Certificate,
    now: OffsetDateTime,
    at: &super::signature::SignedAt,
    findings: &mut Vec<Finding>,
) {
    let name = c.display_name();
    let when = rfc3339(at.time);
    match c.validity_at(at.time) {
        ValidityStatus::Valid => {
            if c.validity_at(now) == ValidityStatus::Expired {
                findings.push(
                    Finding::new(
                        Severity::Notice,
                        "validity.expired",
                        Category::Validity,
                        format!(
                            "'{name}' expired on {}, after {} {} at {when}: that signature stays valid.",
                            rfc3339(c.not_after),
                            at.what,
                            at.verb
                        ),
                        "A timestamp proves the signature was made while the certificate was valid, so clients keep accepting it after the certificate expires.",
                        format!("Nothing to do for this file; sign new releases with a current certificate (this one ended {}).", rfc3339(c.not_after)),
                    )
                    .on(reference)
                    .cite("RFC 3161 4.3; CABF CSBR 1.3.5")
                    .with("not_after", rfc3339(c.not_after))
                    .with("signed_at", when)
                    .label("expired after signing"),
                );
            }
        }
        status => {
            let (code, words) = if status == ValidityStatus::Expired {
                ("validity.expired", format!("had expired on {}", rfc3339(c.not_after)))
            } else {
                ("validity.not_yet_valid", format!("was not valid until {}", rfc3339(c.not_before)))
            };
            findings.push(
                Finding::new(
                    Severity::Error,
                    code,
                    Category::Validity,
                    format!("'{name}' {words} when {} {} at {when}.", at.what, at.verb),
                    "A certificate outside its validity cannot make a valid signature: clients reject it, whatever the timestamp says.",
                    format!("Sign again with a currently valid certificate in place of '{name}'."),
                )
                .on(reference)
                .cite("RFC 5280 4.1.2.5")
                .with("not_before", rfc3339(c.not_before))
                .with("not_after", rfc3339(c.not_after))
                .with("signed_at", when)
                .label(if status == ValidityStatus::Expired { "expired when signed" } else { "not yet valid when signed" }),
            );
        }
    }
}

/// Post-quantum algorithms, by OID prefix: ML-DSA and SLH-DSA (NIST, 2.16.840.1.101.3.4.3.17-35),
/// ML-KEM (2.16.840.1.101.3.4.4), composites (1.3.6.1.5.5.7.6.37 and after).
fn post_quantum(oid_or_name: &str) -> bool {
    oid_or_name.starts_with("ML-DSA")
        || oid_or_name.starts_with("SLH-DSA")
        || oid_or_name.starts_with("ML-KEM")
        || oid_or_name.starts_with("2.16.840.1.101.3.4.4.")
        || oid_or_name
            .strip_prefix("2.16.840.1.101.3.4.3.")
            .and_then(|n| n.parse::<u32>().ok())
            .is_some_and(|n| (17..=35).contains(&n))
        || oid_or_name.strip_prefix("1.3.6.1.5.5.7.6.").and_then(|n| n.parse::<u32>().ok()).is_some_and(|n| n >= 37)
}

fn algorithms(reference: CertRef, c: &Certificate, code_signing: bool, findings: &mut Vec<Finding>) {
    let name = c.display_name();
    let signature = c.signature_algorithm.as_str();
    let lower = signature.to_ascii_lowercase();
    // A root's self-signature is never checked by clients: its hash does not matter.
    if !c.self_signed
        && (lower.contains("md5") || lower.contains("md2") || lower.contains("sha1") || lower.contains("sha-1"))
    {
        findings.push(
            Finding::new(
                Severity::Error,
                "algorithm.weak_signature",
                Category::Algorithm,
                format!("'{name}' is signed with {signature}, a hash that collisions have broken."),
                "Forged certificates with the same signature can be made (MD5: 2008, SHA-1: 2017); browsers and current TLS libraries reject these signatures.",
                "Reissue the certificate signed with SHA-256 or better.",
            )
            .on(reference)
            .cite("CABF BR 7.1.3.2; RFC 9155")
            .with("signature_algorithm", signature)
            .label("weak signature"),
        );
    }
    let key = &c.public_key;
    let weak = match (key.algorithm.as_str(), key.bits, key.curve.as_deref()) {
        ("RSA", Some(bits), _) if bits < 2048 => {
            Some((format!("an RSA key of {bits} bits"), "at least 2048 bits", "CABF BR 6.1.5"))
        }
        ("RSA", Some(bits), _) if code_signing && bits < 3072 => {
            Some((format!("an RSA key of {bits} bits"), "at least 3072 bits for code signing", "CABF CSBR 6.1.5.2"))
        }
        ("DSA", Some(bits), _) if bits < 2048 => {
            Some((format!("a DSA key of {bits} bits"), "at least 2048 bits", "NIST SP 800-131A"))
        }
        ("EC", Some(bits), _) if bits < 256 => {
            Some((format!("an EC key of {bits} bits"), "P-256 or larger", "CABF BR 6.1.5"))
        }
        _ => None,
    };
    if let Some((what, needed, citation)) = weak {
        findings.push(
            Finding::new(
                Severity::Error,
                "algorithm.weak_key",
                Category::Algorithm,
                format!("'{name}' has {what}; {needed} are required."),
                "Keys this small can be broken by well-funded attackers; clients and CAs refuse them.",
                format!("Generate a new key ({needed}; or P-256) and get the certificate reissued for it."),
            )
            .on(reference)
            .cite(citation)
            .with("key", key.summary())
            .label("weak key"),
        );
    }
    let oids = [key.algorithm.as_str(), signature];
    if oids.iter().any(|o| post_quantum(o)) {
        findings.push(
            Finding::new(
                Severity::Notice,
                "algorithm.post_quantum",
                Category::Algorithm,
                format!("'{name}' uses a post-quantum algorithm ({}, signed with {signature}).", key.algorithm),
                "ML-DSA, SLH-DSA, ML-KEM and composite certificates are standardised (FIPS 203-205, RFC 9881), but no browser trust store holds such roots yet: only clients configured for them accept these chains.",
                "Use them where the clients are known to support them, beside a classical chain for everyone else.",
            )
            .on(reference)
            .cite("FIPS 204; RFC 9881")
            .label("post-quantum"),
        );
    }
}

/// Links that do not hold: a signature that does not verify, or one certscope cannot check.
fn links(workspace: &Workspace<'_>, findings: &mut Vec<Finding>) {
    for chain in workspace.chains {
        for (reference, link) in chain.certificates.iter().zip(&chain.links) {
            let Some(c) = certificate(workspace, *reference) else { continue };
            match link {
                ChainLink::BadSignature(why) if why.contains("not supported for verification") => findings.push(
                    Finding::new(
                        Severity::Error,
                        "algorithm.unsupported",
                        Category::Algorithm,
                        format!(
                            "'{}' is signed with {}, which certscope cannot verify: its link to '{}' is unchecked.",
                            c.display_name(),
                            c.signature_algorithm,
                            c.issuer.display_name()
                        ),
                        "An unchecked signature is not a verified one: clients that do not support the algorithm reject the chain.",
                        "Judge this chain with a tool that supports the algorithm, or reissue it with RSA, ECDSA P-256/P-384 or Ed25519.",
                    )
                    .on(*reference)
                    .with("signature_algorithm", &c.signature_algorithm)
                    .label("unsupported algorithm"),
                ),
                ChainLink::BadSignature(why) => findings.push(
                    Finding::new(
                        Severity::Error,
                        "chain.bad_signature",
                        Category::Chain,
                        format!("The {why}.").replace("The signature of", "The signature of"),
                        "A certificate whose signature does not verify is forged, damaged or issued by another key of the same name; every client rejects it.",
                        format!(
                            "Get '{}' again from its CA; if its issuer was re-keyed, load the issuer certificate that matches.",
                            c.display_name()
                        ),
                    )
                    .on(*reference)
                    .cite("RFC 5280 6.1.3 (a)(1)")
                    .label("bad signature"),
                ),
                ChainLink::Loop(why) => findings.push(
                    Finding::new(
                        Severity::Error,
                        "chain.loop",
                        Category::Chain,
                        format!("{why}."),
                        "A chain that comes back on itself never reaches a root.",
                        "Remove the cross-signed certificate that closes the loop, and load the root.",
                    )
                    .on(*reference)
                    .label("loop"),
                ),
                _ => {}
            }
        }
    }
}

/// How a chain is sent (hosts) or stored (a file that starts with a leaf): intermediates
/// missing (fetched by AIA in their place), out of order, duplicates, a root included.
fn order(workspace: &Workspace<'_>, findings: &mut Vec<Finding>) {
    for (input, loaded) in workspace.inputs.iter().enumerate() {
        let host = is_host(workspace, input);
        for (index, c) in loaded.certificates.iter().enumerate() {
            let Some(url) = fetched_from(workspace, CertRef { input, index }) else { continue };
            let (message, fix) = if host {
                (
                    format!(
                        "The server did not send the intermediate '{}'; certscope fetched it from {url}.",
                        c.display_name()
                    ),
                    format!(
                        "Add '{}' to the server's certificate file after the leaf (certscope report --chain-out writes the chain to serve).",
                        c.display_name()
                    ),
                )
            } else {
                (
                    format!(
                        "The chain given lacks the intermediate '{}'; certscope fetched it from {url}.",
                        c.display_name()
                    ),
                    format!(
                        "Serve '{}' with the leaf: add it to the chain file (certscope report --chain-out writes it).",
                        c.display_name()
                    ),
                )
            };
            findings.push(
                Finding::new(
                    Severity::Error,
                    "chain.missing_issuer",
                    Category::Chain,
                    message,
                    "Browsers fetch a missing intermediate (or remember it), but most other clients (apps, scripts, Java, curl, phones) do not, and reject the chain as untrusted.",
                    fix,
                )
                .on(CertRef { input, index })
                .cite("RFC 8446 4.4.2; CABF BR 7.1.2.7.7")
                .with("ca_issuers", url)
                .label("not sent"),
            );
        }
        let sent: Vec<(usize, &Certificate)> = loaded
            .certificates
            .iter()
            .enumerate()
            .filter(|(index, _)| fetched_from(workspace, CertRef { input, index: *index }).is_none())
            .collect();
        // A file of CAs (a trust store, a bundle of intermediates) or of several leaves (a
        // bundle, not a chain to serve) has no order to keep; nor has a signature's certificate
        // set, unordered by definition (RFC 5652 5.1).
        let leaves: Vec<(usize, &Certificate)> =
            sent.iter().copied().filter(|(_, c)| !c.is_ca() && !c.self_signed).collect();
        if sent.len() < 2 || (!host && leaves.len() != 1) || !loaded.signatures.is_empty() {
            continue;
        }
        let (verb, who) = if host { ("sent", "the server's certificate file") } else { ("stored", "the file") };
        if let (Some(&(index, leaf)), Some(&(_, first))) = (leaves.first(), sent.first())
            && leaf.der != first.der
        {
            findings.push(
                Finding::new(
                    Severity::Warning,
                    "chain.order",
                    Category::Chain,
                    format!("'{}' is not first: the chain is {verb} out of order, starting with '{}'.", leaf.display_name(), first.display_name()),
                    "Servers send their certificate file as it is, and clients take the first certificate as the server's: the wrong one fails the name check, and TLS 1.2 clients refuse the order.",
                    format!("Put the certificates in {who} in order: leaf first, then each issuer (certscope report --chain-out writes it so)."),
                )
                .on(CertRef { input, index })
                .cite("RFC 5246 7.4.2; RFC 8446 4.4.2")
                .with("problem", "leaf not first")
                .label("out of order"),
            );
        }
        for (i, &(index, c)) in sent.iter().enumerate() {
            if sent[..i].iter().any(|(_, d)| d.der == c.der) {
                findings.push(
                    Finding::new(
                        Severity::Warning,
                        "chain.order",
                        Category::Chain,
                        format!("'{}' is {verb} more than once.", c.display_name()),
                        "Clients cope, but duplicates cost bytes in every handshake and some strict clients refuse them.",
                        format!("Remove the duplicate from {who}."),
                    )
                    .on(CertRef { input, index })
                    .cite("RFC 8446 4.4.2; RFC 5246 7.4.2")
                    .with("problem", "duplicate")
                    .label("duplicate"),
                );
            }
        }
        if let Some(pair) =
            sent.windows(2).find(|pair| pair[1].1.subject.der != pair[0].1.issuer.der && !pair[0].1.self_signed)
        {
            let ((index, c), (_, next)) = (pair[0], pair[1]);
            findings.push(
                Finding::new(
                    Severity::Warning,
                    "chain.order",
                    Category::Chain,
                    format!(
                        "'{}' is followed by '{}', not by its issuer '{}': the chain is {verb} out of order.",
                        c.display_name(),
                        next.display_name(),
                        c.issuer.display_name()
                    ),
                    "TLS 1.2 requires each certificate to be followed by its issuer; browsers re-order, but older clients (Java, embedded devices) fail.",
                    format!("Put the certificates in {who} in order: leaf first, then each issuer (certscope report --chain-out writes it so)."),
                )
                .on(CertRef { input, index })
                .cite("RFC 5246 7.4.2; RFC 8446 4.4.2")
                .with("problem", "order")
                .label("out of order"),
            );
        }
        for &(index, c) in sent.iter().skip(1).filter(|(_, c)| c.self_signed) {
            findings.push(
                Finding::new(
                    Severity::Notice,
                    "chain.order",
                    Category::Chain,
                    format!("The root '{}' is {verb} with the chain.", c.display_name()),
                    "Clients use their own copy of a root: one sent is ignored, and costs bytes in every handshake.",
                    format!("Leave the root out of {who}."),
                )
                .on(CertRef { input, index })
                .cite("RFC 8446 4.4.2")
                .with("problem", "root included")
                .label("root included"),
            );
        }
    }
}

/// Signing requests whose signature does not verify, and CRL files past their next update.
pub(super) fn requests_and_lists(workspace: &Workspace<'_>, now: OffsetDateTime, findings: &mut Vec<Finding>) {
    for (input, loaded) in workspace.inputs.iter().enumerate() {
        for request in loaded.requests.iter().filter(|r| !r.signature_valid) {
            let name = request.subject.display_name();
            findings.push(
                Finding::new(
                    Severity::Error,
                    "request.bad_signature",
                    Category::Request,
                    format!("The signing request for '{name}' in {}: its signature does not verify with its own key.", loaded.source),
                    "The signature proves that whoever asks holds the private key; a CA rejects a request without that proof.",
                    "Make the request again from the key (openssl req -new -key key.pem), and send it unchanged.",
                )
                .on_input(input)
                .cite("RFC 2986 3")
                .label("bad signature"),
            );
        }
        for request in &loaded.requests {
            for error in &request.malformed_attributes {
                findings.push(
                    Finding::new(
                        Severity::Warning,
                        "request.malformed_attribute",
                        Category::Request,
                        format!(
                            "The signing request for '{}' in {} has an attribute that cannot be read: {error}.",
                            request.subject.display_name(),
                            loaded.source
                        ),
                        "A CA parses every attribute of a request: one that is not encoded as its type requires (a challengePassword that is not a string) gets the whole request refused. certscope read the rest without it.",
                        "Make the request again with the attribute written correctly, or without it (most CAs ignore challengePassword).",
                    )
                    .on_input(input)
                    .cite("RFC 2986 4.1; RFC 2985 5.4")
                    .label("bad attribute"),
                );
            }
            for extension in &request.requested_extensions {
                let crate::model::Extension::Malformed { error, .. } = &extension.value else { continue };
                findings.push(
                    Finding::new(
                        Severity::Warning,
                        "request.malformed_extension",
                        Category::Request,
                        format!(
                            "The signing request for '{}' in {} asks for a {} extension that cannot be read: {error}.",
                            request.subject.display_name(),
                            loaded.source,
                            extension.name
                        ),
                        "A CA copies or checks the extensions a request asks for: one it cannot read gets the request refused, or left out of the certificate.",
                        "Make the request again with the extension written correctly (openssl req -addext, or the tool's own option).",
                    )
                    .on_input(input)
                    .cite("RFC 2986 4; RFC 5280 4.2")
                    .with("oid", extension.oid.clone())
                    .label("bad extension"),
                );
            }
        }
        for list in loaded.revocation_lists.iter().filter(|l| l.is_stale_at(now)) {
            let issuer = list.issuer.display_name();
            let next = list.next_update.map(rfc3339).unwrap_or_default();
            findings.push(
                Finding::new(
                    Severity::Warning,
                    "crl.stale",
                    Category::Revocation,
                    format!("The CRL of '{issuer}' in {} is past its next update ({next}): a newer one should exist.", loaded.source),
                    "A stale CRL is not believed: it says nothing about certificates revoked since, so revocation checked with it is unverified.",
                    "Download the CA's current CRL (its URL is in the certificates' CRL distribution points) and load that one.",
                )
                .on_input(input)
                .cite("RFC 5280 6.3.3 (a)(2)")
                .with("next_update", next)
                .label("stale"),
            );
        }
    }
}

/// Private keys: each one belongs to a certificate loaded somewhere, or says it does not.
pub(super) fn keys(workspace: &Workspace<'_>, findings: &mut Vec<Finding>) {
    for (input, loaded) in workspace.inputs.iter().enumerate() {
        for key in &loaded.keys {
            let summary = key.summary.summary();
            if key.summary.encrypted {
                findings.push(
                    Finding::new(
                        Severity::Notice,
                        "key.encrypted",
                        Category::Key,
                        format!(
                            "{}: an encrypted private key, not opened: which certificate it belongs to cannot be told.",
                            loaded.source
                        ),
                        "Only the public half says which certificate a key belongs to, and it is sealed with the key.",
                        "To check it, export it unencrypted (openssl pkey -in key.pem) where it is safe to do so.",
                    )
                    .on_input(input)
                    .label("encrypted"),
                );
                continue;
            }
            let owner = workspace.inputs.iter().enumerate().find_map(|(i, other)| {
                other.certificates.iter().position(|c| key.summary.matches(c)).map(|index| CertRef { input: i, index })
            });
            match owner {
                Some(reference) => {
                    let name = certificate(workspace, reference).map(Certificate::display_name).unwrap_or_default();
                    findings.push(
                        Finding::new(
                            Severity::Info,
                            "key.match",
                            Category::Key,
                            format!("The private key in {} ({summary}) belongs to '{name}'.", loaded.source),
                            "A server needs the key of the certificate it serves.",
                            "Nothing to do.",
                        )
                        .on(reference)
                        .label("key loaded"),
                    );
                }
                None => findings.push(
                    Finding::new(
                        Severity::Error,
                        "key.mismatch",
                        Category::Key,
                        format!("The private key in {} ({summary}) matches none of the certificates loaded.", loaded.source),
                        "A server configured with a key and a certificate that do not belong together fails to start (nginx: 'key values mismatch').",
                        "Find the certificate issued for this key (its public key matches), or the key the certificate was issued for.",
                    )
                    .on_input(input)
                    .cite("RFC 5280 4.1.2.7")
                    .with("key", summary)
                    .label("key mismatch"),
                ),
            }
        }
    }
}
