//! What judging a chain says: the findings for a self-signed leaf, a root outside the store,
//! a missing issuer, the purpose, the name and the email address.

use rustls_pki_types::{CertificateDer, ServerName};

use super::{ChainVerdict, Context, Purpose, TrustChoice};
use crate::chain::CertRef;
use crate::diagnose::{Category, Finding, Severity, certificate, is_host};
use crate::model::Certificate;

impl Context<'_> {
    /// A self-signed end-entity certificate: trusted only where it is installed itself.
    pub(super) fn self_signed_leaf(&self, at: CertRef, certificate: &Certificate, host: bool) -> Finding {
        let name = certificate.display_name();
        let finding = if host || self.options.trust != TrustChoice::Any {
            Finding::new(
                Severity::Error,
                "trust.self_signed",
                Category::Trust,
                format!("'{name}' is self-signed: no CA vouches for it, and it is not among {}.", self.anchors.choice_words(self.options.trust)),
                "Clients reject a self-signed certificate (browsers: NET::ERR_CERT_AUTHORITY_INVALID) unless it was installed on them as trusted.",
                "Get a certificate from a CA the clients trust (a public CA, or the organisation's private CA), or install this one on every client that must accept it.",
            )
            .label("self-signed")
        } else {
            Finding::new(
                Severity::Warning,
                "trust.self_signed",
                Category::Trust,
                format!("'{name}' is self-signed: it is trusted only where it is installed itself."),
                "No CA vouches for it: every client that is not set up to trust this very certificate rejects it.",
                "For a service others use, get a certificate from a CA they trust; else install this one on each client.",
            )
            .label("self-signed")
        };
        finding.on(at).cite("RFC 5280 6.1").with("subject", &certificate.subject.text)
    }

    /// A chain that ends at a root outside the store the verdict is for.
    pub(super) fn root_outside(&self, at: CertRef, root: &str) -> Finding {
        let words = self.anchors.choice_words(self.options.trust);
        // A private PKI is one whose root the user loaded; a root a server sends is no one's choice.
        let loaded_here = !is_host(self.workspace, at.input);
        if self.options.trust == TrustChoice::Any && loaded_here {
            Finding::new(
                Severity::Warning,
                "trust.private_root",
                Category::Trust,
                format!("The chain ends at '{root}', a root in no public trust store: it is trusted only where '{root}' is installed."),
                "A private PKI works on the machines and devices its root was installed on; everywhere else (other browsers, phones, partners' systems) clients reject it as untrusted.",
                format!("Install '{root}' on every client that must trust it (group policy, MDM, the system's store), or use a certificate from a public CA for services that anyone reaches."),
            )
            .on(at)
            .with("root", root)
            .label("private root")
        } else {
            Finding::new(
                Severity::Error,
                "trust.untrusted_root",
                Category::Trust,
                format!("The chain ends at '{root}', which is not in {words}."),
                format!("Clients that trust only {words} reject this chain as untrusted, even where '{root}' is loaded here."),
                format!("Use a certificate from a CA in {words}, or install '{root}' in the clients' trust store."),
            )
            .on(at)
            .with("root", root)
            .with("store", words)
            .label("untrusted")
        }
    }

    /// `certificate`'s issuer is not loaded (or, for a host, was not sent).
    pub(super) fn missing_issuer(&self, at: CertRef, certificate: &Certificate) -> Finding {
        let issuer = certificate.issuer.display_name().to_string();
        let url = certificate.issuer_url();
        let host = is_host(self.workspace, at.input);
        let (message, fix) = match (host, url.as_deref()) {
            (true, Some(url)) => (
                format!(
                    "The server did not send the intermediate '{issuer}' that issued '{}'.",
                    certificate.display_name()
                ),
                format!(
                    "Add '{issuer}' to the server's certificate file after '{}' (it is published at {url}); certscope report --chain-out writes the chain to serve.",
                    certificate.display_name()
                ),
            ),
            (true, None) => (
                format!(
                    "The server did not send the intermediate '{issuer}' that issued '{}'.",
                    certificate.display_name()
                ),
                format!("Get '{issuer}' from the CA and add it to the server's certificate file after the leaf."),
            ),
            (false, Some(url)) => (
                format!(
                    "The issuer '{issuer}' of '{}' is not loaded; it is published at {url} (its caIssuers URL).",
                    certificate.display_name()
                ),
                "Load the intermediate too (the CA's chain file), or fetch it: certscope report --aia, or Fetch missing intermediates in the window. Serve it with the leaf.".to_string(),
            ),
            (false, None) => (
                format!(
                    "The issuer '{issuer}' of '{}' is not loaded, and the certificate names no URL to fetch it from.",
                    certificate.display_name()
                ),
                format!(
                    "Get '{issuer}' from the CA that issued the certificate and load it (and serve it) with the leaf."
                ),
            ),
        };
        let mut finding = Finding::new(
            Severity::Error,
            "chain.missing_issuer",
            Category::Chain,
            message,
            "Clients build the chain from what they are given: most (apps, scripts, Java, curl, phones) do not fetch a missing intermediate, and reject the certificate as untrusted.",
            fix,
        )
        .on(at)
        .cite("RFC 5280 6.1; CABF BR 7.1.2.7.7 (caIssuers)")
        .with("issuer", &issuer)
        .label("issuer missing");
        if let Some(aki) = certificate.authority_key_id() {
            finding = finding.with("authority_key_id", aki);
        }
        if let Some(url) = &url {
            finding = finding.with("ca_issuers", url);
        }
        finding
    }

    pub(super) fn purpose_findings(
        &self,
        verdict: &ChainVerdict,
        leaf_certificate: &Certificate,
        findings: &mut Vec<Finding>,
    ) {
        let purpose = verdict.purpose;
        let mut faults: Vec<(CertRef, String)> = Vec::new();
        if let Some(why) = purpose.leaf_mismatch(leaf_certificate) {
            faults.push((verdict.leaf, why));
        }
        for &r in verdict.path.iter().skip(1) {
            if let Some(ca) = certificate(self.workspace, r)
                && !ca.self_signed
                && let Some(why) = purpose.ca_mismatch(ca)
            {
                faults.push((r, why));
            }
        }
        for (at, why) in faults {
            findings.push(
                Finding::new(
                    Severity::Error,
                    "purpose.mismatch",
                    Category::Purpose,
                    format!("'{}' cannot be used for {}: {why}.", leaf_certificate.display_name(), purpose.words()),
                    "Key usage and extended key usage limit what a key may do; clients refuse a certificate used for anything else.",
                    format!(
                        "Judge it for what it is for (--purpose, or the purpose choice), or get a certificate issued for {}.",
                        purpose.words()
                    ),
                )
                .on(at)
                .cite("RFC 5280 4.2.1.3, 4.2.1.12")
                .with("purpose", purpose.key())
                .label("wrong purpose"),
            );
        }
        // Chrome's root program: TLS server hierarchies issue serverAuth only (from 2026-06-15).
        if crate::diagnose::transparency::public_tls(verdict, leaf_certificate)
            && crate::diagnose::purpose::ekus(leaf_certificate)
                .is_some_and(|l| l.iter().any(|u| u == Purpose::Client.eku_oid()))
        {
            findings.push(
                Finding::new(
                    Severity::Notice,
                    "purpose.client_auth_in_server",
                    Category::Purpose,
                    format!("'{}' allows TLS client authentication as well as server authentication.", leaf_certificate.display_name()),
                    "Browser root programs are phasing clientAuth out of public TLS server certificates (Chrome Root Program Policy 1.6: dedicated serverAuth hierarchies from 2026-06-15); renewals will come without it.",
                    "If something uses this certificate as a client certificate, move it to a certificate from a private or client-authentication CA before renewal.",
                )
                .on(verdict.leaf)
                .cite("Chrome Root Program Policy 1.6, 'dedicated hierarchies'")
                .label("clientAuth"),
            );
        }
    }

    pub(super) fn name_finding(
        &self,
        leaf: CertRef,
        certificate: &Certificate,
        name: &str,
        host: bool,
        findings: &mut Vec<Finding>,
    ) {
        let der = CertificateDer::from(certificate.der.as_slice());
        let Ok(end_entity) = webpki::EndEntityCert::try_from(&der) else { return };
        let matches =
            ServerName::try_from(name).is_ok_and(|server| end_entity.verify_is_valid_for_subject_name(&server).is_ok());
        if matches {
            findings.push(
                Finding::new(
                    Severity::Info,
                    "name.match",
                    Category::Name,
                    format!("'{name}' is one of the names in '{}'.", certificate.display_name()),
                    "Clients check that the name they asked for is in the certificate's SAN.",
                    "Nothing to do.",
                )
                .on(leaf)
                .with("name", name),
            );
            return;
        }
        let words = crate::trust::name_mismatch(name, Some(certificate));
        let whose = if host { "This server" } else { "A server using it" };
        let cn_only = certificate.subject.first("CN").is_some_and(|cn| cn.eq_ignore_ascii_case(name));
        let mut finding = Finding::new(
            Severity::Error,
            "name.mismatch",
            Category::Name,
            format!("The certificate is not valid for '{name}': {words}."),
            format!("{whose} answers for '{name}' with a certificate for other names; every client rejects it (browsers show NET::ERR_CERT_COMMON_NAME_INVALID)."),
            format!("Get a certificate whose SAN includes '{name}' (or a wildcard that covers it), or point '{name}' at the server that has one."),
        )
        .on(leaf)
        .cite("RFC 6125 6.4; RFC 5280 4.2.1.6")
        .with("name", name)
        .with("san", certificate.subject_alt_names().join(", "))
        .label("wrong name");
        if cn_only {
            finding = finding.with("cn_only_match", "true");
        }
        findings.push(finding);
    }

    pub(super) fn email_finding(
        &self,
        leaf: CertRef,
        certificate: &Certificate,
        email: &str,
        findings: &mut Vec<Finding>,
    ) {
        let addresses: Vec<String> = certificate
            .subject_alt_names()
            .into_iter()
            .filter_map(|n| n.strip_prefix("email:").map(str::to_string))
            .collect();
        if addresses.iter().any(|a| a.eq_ignore_ascii_case(email)) {
            findings.push(
                Finding::new(
                    Severity::Info,
                    "name.match",
                    Category::Name,
                    format!("'{email}' is one of the addresses in '{}'.", certificate.display_name()),
                    "Mail clients check that the sender's address is in the certificate's SAN.",
                    "Nothing to do.",
                )
                .on(leaf)
                .with("email", email),
            );
            return;
        }
        let listed = if addresses.is_empty() {
            "it names no email address in its SAN".to_string()
        } else {
            format!("it covers {}", addresses.join(", "))
        };
        findings.push(
            Finding::new(
                Severity::Error,
                "name.mismatch",
                Category::Name,
                format!("The certificate is not valid for '{email}': {listed}."),
                "Mail clients show a signature from an address the certificate does not name as invalid or untrusted.",
                format!("Get an S/MIME certificate whose SAN holds the rfc822Name '{email}'."),
            )
            .on(leaf)
            .cite("RFC 8550 3; CABF S/MIME BR 7.1.4.2.1")
            .with("email", email)
            .label("wrong address"),
        );
    }
}
