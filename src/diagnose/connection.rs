//! What a host's connection says beyond its chain: a staple the leaf demands (must-staple),
//! and a client certificate the server asks for, and its answer to one presented.

use super::{Category, Finding, Severity, Workspace};
use crate::chain::CertRef;
use crate::model::Certificate;

/// The connection's findings, for every host (and must-staple for files too).
pub(super) fn findings(workspace: &Workspace<'_>, findings: &mut Vec<Finding>) {
    staple(workspace, findings);
    client_certificate(workspace, findings);
}

/// Must-staple: a host must staple; in a file it is a legacy marker.
fn staple(workspace: &Workspace<'_>, findings: &mut Vec<Finding>) {
    for (input, loaded) in workspace.inputs.iter().enumerate() {
        let Some(leaf) = loaded.certificates.first().filter(|c| c.must_staple()) else { continue };
        let reference = CertRef { input, index: 0 };
        let connection = workspace.extras.get(input).and_then(|e| e.connection.as_ref());
        match connection {
            Some(connection) if connection.stapled_ocsp.is_none() => findings.push(
                Finding::new(
                    Severity::Error,
                    "staple.missing",
                    Category::Staple,
                    format!("'{}' demands a stapled OCSP response (must-staple), but the server sent none.", leaf.display_name()),
                    "Firefox refuses the connection (MOZILLA_PKIX_ERROR_REQUIRED_TLS_FEATURE_MISSING); other clients ignore it.",
                    "Turn OCSP stapling on in the server (nginx: ssl_stapling on; Apache: SSLUseStapling on), or get a certificate without must-staple: it is legacy now that CAs are dropping OCSP.",
                )
                .on(reference)
                .cite("RFC 7633 4.2.3")
                .label("no staple"),
            ),
            Some(_) => {}
            None => findings.push(
                Finding::new(
                    Severity::Notice,
                    "staple.must_staple",
                    Category::Staple,
                    format!("'{}' carries must-staple (the TLS feature status_request).", leaf.display_name()),
                    "The server must staple a fresh OCSP response or Firefox refuses it. Must-staple is legacy: CAs are turning OCSP off (Let's Encrypt did in 2025), and then no staple can be had.",
                    "Keep OCSP stapling on while this certificate is in use; request the next one without must-staple.",
                )
                .on(reference)
                .cite("RFC 7633")
                .label("must-staple"),
            ),
        }
    }
}

/// A host that asks clients for a certificate: which CAs it takes, and whether it refuses
/// those without one (the commonest client-certificate ticket starts there).
fn client_certificate(workspace: &Workspace<'_>, findings: &mut Vec<Finding>) {
    for (input, loaded) in workspace.inputs.iter().enumerate() {
        let connection = workspace.extras.get(input).and_then(|e| e.connection.as_ref());
        let Some(request) = connection.and_then(|c| c.client_certificate_request.as_ref()) else { continue };
        let host = &loaded.source;
        let cas = match request.ca_names.as_slice() {
            [] => "it names no CA, so any certificate may be offered".to_string(),
            [one] => format!("it accepts certificates issued by '{}'", one.display_name()),
            many => format!(
                "it accepts certificates issued by {} CAs: {}",
                many.len(),
                many.iter().map(|n| format!("'{}'", n.display_name())).collect::<Vec<_>>().join(", ")
            ),
        };
        let finding = match request.required {
            Some(true) => Finding::new(
                Severity::Notice,
                "connection.client_certificate_required",
                Category::Connection,
                format!("{host} requires a client certificate: {cas}."),
                format!(
                    "The server asked for a certificate and ended the connection when none came (alert '{}'). Browsers then ask the user to pick one, and fail with ERR_BAD_SSL_CLIENT_AUTH_CERT or SSL_ERROR_HANDSHAKE_FAILURE_ALERT when none fits; scripts and apps fail the handshake.",
                    request.refusal.as_deref().unwrap_or("none")
                ),
                "Install on the client a certificate and key issued by one of the CAs it names. If the client has one and is still refused, its issuing CA is missing from the server's list: add the CA to the server's client-CA file (nginx: ssl_client_certificate; Apache: SSLCACertificateFile).",
            ),
            _ => Finding::new(
                Severity::Info,
                "connection.client_certificate_requested",
                Category::Connection,
                format!(
                    "{host} asks for a client certificate{}: {cas}.",
                    if request.required == Some(false) { " but goes on without one" } else { "" }
                ),
                "A client with a fitting certificate may be asked to present it (browsers show a picker); the server lets clients without one in, perhaps with less access.",
                "Nothing to fix; install a client certificate issued by one of the CAs it names where the stronger access is needed.",
            ),
        };
        let finding = finding
            .on_input(input)
            .cite("RFC 8446 4.3.2; RFC 5246 7.4.4")
            .with("signature_algorithms", request.signature_algorithms.join(", "))
            .label(if request.required == Some(true) {
                "client certificate required"
            } else {
                "client certificate asked"
            });
        let names: Vec<&str> = request.ca_names.iter().map(|n| n.text.as_str()).collect();
        findings.push(finding.with("ca_names", names.join("; ")));
        presented(input, host, request, &cas, findings);
    }
}

/// A client certificate presented: accepted or refused, and whether its chain reaches one of
/// the CAs the server names (the commonest client-certificate ticket: "our CA is not listed").
fn presented(
    input: usize,
    host: &str,
    request: &crate::net::tls::ClientCertificateRequest,
    cas: &str,
    findings: &mut Vec<Finding>,
) {
    let chain: Vec<Certificate> = request.presented.iter().filter_map(|der| Certificate::from_der(der).ok()).collect();
    let Some(leaf) = chain.first() else { return };
    let name = leaf.display_name();
    // Listed: some certificate of the chain presented is issued by, or is, a CA the server names.
    let listed = request.ca_names.is_empty()
        || chain.iter().any(|c| request.ca_names.iter().any(|n| n.der == c.issuer.der || n.der == c.subject.der));
    let refusal = request.refusal.as_deref().unwrap_or("none");
    let finding = match (request.accepted, listed) {
        (Some(true), _) => Finding::new(
            Severity::Info,
            "connection.client_certificate_accepted",
            Category::Connection,
            format!("{host} accepted the client certificate '{name}'."),
            "The server asked for a client certificate, and went on with the one presented: its chain and key were good enough for it.",
            "Nothing to fix.",
        ),
        (Some(false), false) => Finding::new(
            Severity::Error,
            "connection.client_certificate_refused",
            Category::Connection,
            format!(
                "{host} refused the client certificate '{name}' (alert '{refusal}'): its issuer '{}' is not among the CAs the server names ({cas}).",
                leaf.issuer.display_name()
            ),
            "A server takes client certificates only from the CAs in its list (the names it sends in its CertificateRequest); a certificate from another CA is refused however valid it is.",
            format!(
                "Add '{}' (and its root) to the server's client-CA file (nginx: ssl_client_certificate; Apache: SSLCACertificateFile), or get a client certificate from a CA it names.",
                leaf.issuer.display_name()
            ),
        ),
        (Some(false), true) => Finding::new(
            Severity::Error,
            "connection.client_certificate_refused",
            Category::Connection,
            format!(
                "{host} refused the client certificate '{name}' (alert '{refusal}'), though its CA is one the server names."
            ),
            "The server found something wrong with the certificate itself: expired, revoked, without the clientAuth purpose, a chain the server cannot complete, or a key that does not match.",
            "Check the client certificate's validity, revocation and extended key usage (clientAuth) with certscope; present its intermediates with it (in the PKCS#12 or the certificate file).",
        ),
        (None, listed) => Finding::new(
            if listed { Severity::Notice } else { Severity::Warning },
            "connection.client_certificate_presented",
            Category::Connection,
            if listed {
                format!(
                    "The client certificate '{name}' was presented to {host}; the server did not say whether it took it."
                )
            } else {
                format!(
                    "The client certificate '{name}' was presented to {host}, but its issuer '{}' is not among the CAs the server names ({cas}).",
                    leaf.issuer.display_name()
                )
            },
            "After a TLS 1.3 handshake the server says no with an alert, or yes by going on; it said neither within a second.",
            "Try the service itself with the certificate; if it is refused, check that its CA is in the server's client-CA list.",
        ),
    };
    findings.push(
        finding
            .on_input(input)
            .cite("RFC 8446 4.3.2, 4.4.2.4; RFC 5246 7.4.4")
            .with("presented", leaf.subject.text.clone())
            .with("issuer", leaf.issuer.text.clone())
            .with("issuer_listed", listed.to_string())
            .label(match request.accepted {
                Some(true) => "client certificate accepted",
                Some(false) => "client certificate refused",
                None => "client certificate presented",
            }),
    );
}
