//! The report as JSON, for tools.

use serde::Serialize;
use time::OffsetDateTime;

use super::Report;
use crate::chain::CertRef;
use crate::model::time::{rfc3339, validity_phrase};
use crate::model::{ValidityStatus, hex};
use crate::revocation::{CrlSource, CrlStatus, LoadedCrlCheck, LoadedOcspCheck, OcspStatus};

mod pretty;

/// The whole report as JSON.
pub fn to_json(report: &Report<'_>) -> String {
    let mut out = Vec::new();
    // Serializing plain structs of strings, numbers and vectors into memory cannot fail.
    match write_json(report, &mut out) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(err) => format!("{{\"error\":\"{err}\"}}"),
    }
}

/// The same JSON, written out as it is produced: each CRL entry is made when it is written.
pub fn write_json(report: &Report<'_>, sink: &mut dyn std::io::Write) -> std::io::Result<()> {
    let wire = wire_report(report);
    let mut buffered = std::io::BufWriter::with_capacity(64 * 1024, sink);
    let mut serializer = serde_json::Serializer::with_formatter(&mut buffered, pretty::Pretty::default());
    wire.serialize(&mut serializer).map_err(std::io::Error::other)?;
    std::io::Write::flush(&mut buffered)
}

fn wire_report<'a>(report: &Report<'a>) -> wire::Report<'a> {
    let Report { inputs, chains, revocation, extras, diagnosis, now, .. } = *report;
    wire::Report {
        verdict: &diagnosis.verdict,
        findings: &diagnosis.findings,
        chain_verdicts: diagnosis.chains.iter().map(|c| wire::ChainVerdict::new(c, inputs)).collect(),
        generated_at: rfc3339(now),
        // Each input, and each of its certificates, is made when it is written: a bundle of
        // thousands never sits in memory twice.
        inputs: wire::Streamed::new(move || {
            inputs.iter().enumerate().map(move |(number, input)| {
                let mut wire = wire::Input::new(input, number, inputs, revocation, extras.get(number), now);
                if let Some(extra) = extras.get(number) {
                    wire.validation = extra.validation.as_ref().map(wire::Validation::new);
                    wire.connection = extra.connection.as_ref().map(wire::Connection::new);
                    wire.stapled_ocsp = extra.stapled_ocsp.as_ref().map(wire::Ocsp::new);
                }
                wire
            })
        }),
        chains: wire::Streamed::new(move || chains.iter().map(wire::Chain::new)),
        signatures: inputs
            .iter()
            .enumerate()
            .flat_map(|(number, input)| input.signatures.iter().map(move |s| wire::Signature::new(s, number)))
            .collect(),
    }
}

/// JSON wire types. Names here are read by other tools: add, never rename or remove.
mod wire {
    use super::*;

    /// A JSON array whose items are made as serde writes them, one at a time.
    pub struct Streamed<'a, T>(Box<dyn Fn() -> Box<dyn Iterator<Item = T> + 'a> + 'a>);

    impl<'a, T> Streamed<'a, T> {
        pub fn new<I: Iterator<Item = T> + 'a>(items: impl Fn() -> I + 'a) -> Self {
            Self(Box::new(move || Box::new(items())))
        }
    }

    impl<T: Serialize> Serialize for Streamed<'_, T> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq((self.0)())
        }
    }

    #[derive(Serialize)]
    pub struct Report<'a> {
        /// The one verdict: `status` (ok, warning, error) and `headline`.
        pub verdict: &'a crate::diagnose::Verdict,
        /// Every finding, worst first.
        pub findings: &'a [crate::diagnose::Finding],
        pub generated_at: String,
        pub inputs: Streamed<'a, Input<'a>>,
        pub chains: Streamed<'a, Chain>,
        /// Each leaf judged: its path, purpose, root and verdict.
        pub chain_verdicts: Vec<ChainVerdict>,
        /// The signatures signed files carry, each checked.
        pub signatures: Vec<Signature>,
    }

    #[derive(Serialize)]
    pub struct Signature {
        kind: &'static str,
        /// The file it signs, for a detached signature.
        file: Option<String>,
        /// The signer's certificate: [input, index].
        signer: Option<[usize; 2]>,
        digest_algorithm: String,
        signing_time: Option<String>,
        /// The signature's timestamp (RFC 3161 or Authenticode's countersignature), or null.
        timestamp: Option<Timestamp>,
        verified: bool,
        checks: Vec<CheckLine>,
        /// Nested in another signature (Authenticode dual signing).
        nested: bool,
    }

    #[derive(Serialize)]
    pub struct Timestamp {
        /// `RFC 3161` or `Authenticode`.
        kind: &'static str,
        time: Option<String>,
        /// The time-stamping authority's certificate: [input, index].
        authority: Option<[usize; 2]>,
        verified: bool,
        checks: Vec<CheckLine>,
    }

    impl Signature {
        pub fn new(s: &crate::load::Signature, input: usize) -> Self {
            Self {
                kind: s.kind,
                file: s.file.clone(),
                signer: s.signer.map(|index| [input, index]),
                digest_algorithm: s.digest_algorithm.clone(),
                signing_time: s.signing_time.map(rfc3339),
                timestamp: s.timestamp.as_ref().map(|t| Timestamp {
                    kind: t.kind,
                    time: t.time.map(rfc3339),
                    authority: t.authority.map(|index| [input, index]),
                    verified: t.verified(),
                    checks: t.checks.iter().map(CheckLine::new).collect(),
                }),
                verified: s.verified(),
                checks: s.checks.iter().map(CheckLine::new).collect(),
                nested: s.nested,
            }
        }
    }

    #[derive(Serialize)]
    pub struct ChainVerdict {
        leaf: [usize; 2],
        path: Vec<[usize; 2]>,
        purpose: &'static str,
        name: Option<String>,
        anchor: Option<String>,
        store: Option<String>,
        trusted: bool,
        status: &'static str,
        headline: String,
    }

    impl ChainVerdict {
        pub fn new(c: &crate::diagnose::ChainVerdict, _inputs: &[crate::load::Input]) -> Self {
            Self {
                leaf: [c.leaf.input, c.leaf.index],
                path: c.path.iter().map(|r| [r.input, r.index]).collect(),
                purpose: c.purpose.key(),
                name: c.name.clone(),
                anchor: c.anchor.clone(),
                store: c.store.clone(),
                trusted: c.trusted,
                status: c.verdict.status.word(),
                headline: c.verdict.headline.clone(),
            }
        }
    }

    #[derive(Serialize)]
    pub struct Input<'a> {
        source: String,
        format: Option<&'static str>,
        error: Option<String>,
        problems: Vec<String>,
        /// What a container says of itself (a keystore: its entries and integrity).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        notes: Vec<String>,
        certificates: Streamed<'a, Certificate>,
        csrs: Vec<Request>,
        crls: Vec<RevocationList<'a>>,
        keys: Vec<Key>,
        /// The chain judged as a client would, when asked (`--ca-file`, `--hostname`, `--purpose`, `--trust`).
        #[serde(skip_serializing_if = "Option::is_none")]
        pub validation: Option<Validation>,
        /// For a host: the TLS connection.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub connection: Option<Connection>,
        /// For a host: the stapled OCSP response, verified (the OCSP result shape).
        #[serde(skip_serializing_if = "Option::is_none")]
        pub stapled_ocsp: Option<Ocsp>,
    }

    #[derive(Serialize)]
    pub struct Connection {
        address: String,
        tls_version: String,
        cipher_suite: String,
        alpn: Option<String>,
        sni: Option<String>,
        elapsed_ms: u64,
        dns_ms: u64,
        connect_ms: u64,
        handshake_ms: u64,
        /// How many certificates the server sent.
        certificates_sent: usize,
        stapled_ocsp_present: bool,
        /// What the server asked of the client; null when it asked for no certificate.
        client_certificate_request: Option<ClientCertificateRequest>,
    }

    #[derive(Serialize)]
    pub struct ClientCertificateRequest {
        /// The CAs it accepts, one line each (`C=DE, O=Example, CN=Example Issuing CA`).
        ca_names: Vec<String>,
        /// IANA names (`ecdsa_secp256r1_sha256`).
        signature_algorithms: Vec<String>,
        /// True: it refused to go on without a certificate; false: it went on; null: unknown.
        required: Option<bool>,
        /// The alert it refused with.
        refusal: Option<String>,
        /// The subjects of the certificates presented (leaf first): empty when none was.
        presented: Vec<String>,
        /// Whether it went on with the certificate presented; null: none presented, or unknown.
        accepted: Option<bool>,
    }

    impl Connection {
        pub fn new(c: &crate::net::tls::Connection) -> Self {
            let ms = |d: std::time::Duration| u64::try_from(d.as_millis()).unwrap_or(u64::MAX);
            Self {
                address: c.address.to_string(),
                tls_version: c.tls_version.clone(),
                cipher_suite: c.cipher_suite.clone(),
                alpn: c.alpn.clone(),
                sni: c.sni.clone(),
                elapsed_ms: ms(c.dns + c.connect + c.handshake),
                dns_ms: ms(c.dns),
                connect_ms: ms(c.connect),
                handshake_ms: ms(c.handshake),
                certificates_sent: c.chain.len(),
                stapled_ocsp_present: c.stapled_ocsp.is_some(),
                client_certificate_request: c.client_certificate_request.as_ref().map(|r| ClientCertificateRequest {
                    ca_names: r.ca_names.iter().map(|n| n.text.clone()).collect(),
                    signature_algorithms: r.signature_algorithms.clone(),
                    required: r.required,
                    refusal: r.refusal.clone(),
                    presented: r
                        .presented
                        .iter()
                        .map(|der| crate::model::Certificate::from_der(der).map_or_else(|e| e, |c| c.subject.text))
                        .collect(),
                    accepted: r.accepted,
                }),
            }
        }
    }

    #[derive(Serialize)]
    pub struct Validation {
        trusted: bool,
        hostname_matches: Option<bool>,
        checks: Vec<CheckLine>,
        /// The trust anchor's name, when a path was found.
        anchor: Option<String>,
        /// `browsers` (the default) or `cabf` (`--rules cabf`).
        rules: &'static str,
    }

    impl Validation {
        pub fn new(v: &crate::trust::Validation) -> Self {
            Self {
                trusted: v.trusted,
                hostname_matches: v.hostname_matches,
                checks: v.checks.iter().map(CheckLine::new).collect(),
                anchor: v.anchor.clone(),
                rules: v.rules.key(),
            }
        }
    }

    impl<'a> Input<'a> {
        pub fn new(
            input: &'a crate::load::Input,
            number: usize,
            inputs: &'a [crate::load::Input],
            revocation: &'a crate::revocation::Revocation,
            extra: Option<&'a crate::diagnose::InputExtras>,
            now: OffsetDateTime,
        ) -> Self {
            Self {
                source: input.source.clone(),
                format: input.format,
                error: input.error.as_ref().map(ToString::to_string),
                problems: input.problems.clone(),
                notes: input.notes.clone(),
                certificates: Streamed::new(move || {
                    let answers = revocation.by_certificate();
                    input.certificates.iter().enumerate().map(move |(index, c)| {
                        let mut wire = Certificate::new(c, now);
                        let reference = CertRef { input: number, index };
                        let crl: Vec<Crl> = answers.crl(reference).iter().map(|r| Crl::new(r, inputs)).collect();
                        let ocsp: Vec<Ocsp> = answers.ocsp(reference).iter().map(|r| Ocsp::new(r)).collect();
                        if !crl.is_empty() || !ocsp.is_empty() {
                            wire.revocation = Some(Revocation { ocsp, crl });
                        }
                        wire.fetched_from = extra
                            .and_then(|e| e.fetched_from.iter().find(|(at, _)| *at == index))
                            .map(|(_, url)| url.clone());
                        wire
                    })
                }),
                csrs: input.requests.iter().map(Request::new).collect(),
                crls: input.revocation_lists.iter().map(|l| RevocationList::new(l, now)).collect(),
                keys: input
                    .keys
                    .iter()
                    .map(|k| Key {
                        algorithm: k.summary.algorithm.clone(),
                        bits: k.summary.bits,
                        curve: k.summary.curve.clone(),
                        friendly_name: k.summary.friendly_name.clone(),
                        encrypted: k.summary.encrypted,
                        matches_certificate: k.matches_certificate,
                    })
                    .collect(),
                validation: None,
                connection: None,
                stapled_ocsp: None,
            }
        }
    }

    #[derive(Serialize)]
    pub struct PublicKey {
        algorithm: String,
        bits: Option<u32>,
        curve: Option<String>,
        exponent: Option<u64>,
        spki_sha256: String,
    }

    impl PublicKey {
        fn new(key: &crate::model::PublicKeyInfo) -> Self {
            Self {
                algorithm: key.algorithm.clone(),
                bits: key.bits,
                curve: key.curve.clone(),
                exponent: key.exponent,
                spki_sha256: hex(&key.spki_sha256),
            }
        }
    }

    #[derive(Serialize)]
    pub struct Extension {
        oid: String,
        name: String,
        critical: bool,
        value: String,
    }

    fn extensions(list: &[crate::model::ExtensionEntry]) -> Vec<Extension> {
        list.iter()
            .map(|e| Extension {
                oid: e.oid.to_string(),
                name: e.name.to_string(),
                critical: e.critical,
                value: e.value.lines().join("; "),
            })
            .collect()
    }

    #[derive(Serialize)]
    pub struct Certificate {
        subject: String,
        issuer: String,
        serial: String,
        not_before: String,
        not_after: String,
        sha1: String,
        sha256: String,
        public_key: PublicKey,
        signature_algorithm: String,
        san: Vec<String>,
        is_ca: bool,
        self_signed: bool,
        purposes: Vec<&'static str>,
        ocsp_urls: Vec<String>,
        ca_issuers_urls: Vec<String>,
        crl_urls: Vec<String>,
        extensions: Vec<Extension>,
        version: u32,
        validity: &'static str,
        validity_phrase: String,
        must_staple: bool,
        subject_key_id: Option<String>,
        authority_key_id: Option<String>,
        /// Where the certificate was fetched from (AIA caIssuers), when the server did not send it.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub fetched_from: Option<String>,
        /// Present when revocation was checked (`--ocsp`, `--crl`, or a CRL file loaded beside it).
        #[serde(skip_serializing_if = "Option::is_none")]
        pub revocation: Option<Revocation>,
    }

    #[derive(Serialize)]
    pub struct Revocation {
        pub ocsp: Vec<Ocsp>,
        pub crl: Vec<Crl>,
    }

    #[derive(Serialize)]
    pub struct Responder {
        name: Option<String>,
        key_sha1: Option<String>,
        /// The issuing CA signed the response itself.
        is_issuer: bool,
        /// The responder's certificate (PEM), when known.
        certificate_pem: Option<String>,
    }

    #[derive(Serialize)]
    pub struct CertId {
        hash_algorithm: String,
        issuer_name_hash: String,
        issuer_key_hash: String,
        serial: String,
    }

    /// One OCSP exchange: issue 4's field names, plus the exchange for learners.
    #[derive(Serialize)]
    pub struct Ocsp {
        url: String,
        status: &'static str,
        error: Option<String>,
        produced_at: Option<String>,
        this_update: Option<String>,
        next_update: Option<String>,
        revocation_time: Option<String>,
        revocation_reason: Option<String>,
        responder: Option<Responder>,
        checks: Vec<CheckLine>,
        /// The nonce sent (hex); null when none was sent.
        nonce: Option<String>,
        /// The nonce the response carried (hex).
        nonce_received: Option<String>,
        elapsed_ms: Option<u64>,
        method: &'static str,
        response_status: Option<&'static str>,
        cert_id: Option<CertId>,
        signature_algorithm: Option<String>,
        content_type: Option<String>,
        /// Subjects of the certificates included in the response.
        certificates: Vec<String>,
        request_der_hex: String,
        response_der_hex: String,
        /// Every SingleResponse sent, as the responder says it (before any check).
        single_responses: Vec<SingleResponse>,
    }

    #[derive(Serialize)]
    pub struct SingleResponse {
        cert_id: CertId,
        status: &'static str,
        this_update: String,
        next_update: Option<String>,
    }

    impl CertId {
        fn new(id: &crate::revocation::ocsp::CertIdText) -> Self {
            Self {
                hash_algorithm: id.hash_algorithm.clone(),
                issuer_name_hash: id.issuer_name_hash.clone(),
                issuer_key_hash: id.issuer_key_hash.clone(),
                serial: id.serial.clone(),
            }
        }
    }

    impl Ocsp {
        pub fn new(result: &LoadedOcspCheck) -> Self {
            let check = &result.check;
            let (revocation_time, revocation_reason) = match &check.status {
                OcspStatus::Revoked { revocation_time, reason } => (Some(rfc3339(*revocation_time)), reason.clone()),
                _ => (None, None),
            };
            Self {
                url: check.url.clone(),
                status: check.status.word(),
                error: check.status.error().map(str::to_string),
                produced_at: check.produced_at.map(rfc3339),
                this_update: check.this_update.map(rfc3339),
                next_update: check.next_update.map(rfc3339),
                revocation_time,
                revocation_reason,
                responder: check.responder.as_ref().map(|r| Responder {
                    name: r.name.clone(),
                    key_sha1: r.key_sha1.clone(),
                    is_issuer: r.is_issuer,
                    certificate_pem: r.certificate.as_ref().map(crate::model::Certificate::to_pem),
                }),
                checks: check.checks.iter().map(CheckLine::new).collect(),
                nonce: check.nonce_sent.as_deref().map(hex),
                nonce_received: check.nonce_received.as_deref().map(hex),
                elapsed_ms: check.elapsed.map(|e| u64::try_from(e.as_millis()).unwrap_or(u64::MAX)),
                method: check.method,
                response_status: check.response_status,
                cert_id: check.cert_id.as_ref().map(CertId::new),
                signature_algorithm: check.signature_algorithm.clone(),
                content_type: check.content_type.clone(),
                certificates: check.certificates.iter().map(|c| c.subject.text.clone()).collect(),
                request_der_hex: hex(&check.request_der),
                response_der_hex: hex(&check.response_der),
                single_responses: check
                    .single_responses
                    .iter()
                    .map(|single| SingleResponse {
                        cert_id: CertId::new(&single.cert_id),
                        status: single.status,
                        this_update: rfc3339(single.this_update),
                        next_update: single.next_update.map(rfc3339),
                    })
                    .collect(),
            }
        }
    }

    #[derive(Serialize)]
    pub struct CheckLine {
        name: &'static str,
        result: &'static str,
        detail: Option<String>,
    }

    impl CheckLine {
        fn new(c: &crate::verification::Check) -> Self {
            Self { name: c.name, result: c.result(), detail: c.detail().map(str::to_string) }
        }
    }

    #[derive(Serialize)]
    pub struct Crl {
        /// Where the CRL was downloaded from; null for a CRL file loaded by the user.
        url: Option<String>,
        /// The CRL file loaded by the user.
        file: Option<String>,
        status: &'static str,
        error: Option<String>,
        this_update: String,
        next_update: Option<String>,
        revocation_time: Option<String>,
        revocation_reason: Option<String>,
        checks: Vec<CheckLine>,
        /// The CRL's number.
        crl_number: Option<String>,
        /// `crl` (a CRL alone), `base` (a base CRL with its delta applied, which does not
        /// list the certificate) or `delta` (the delta lists it).
        answered_by: &'static str,
        /// The delta CRL weighed with this base CRL (RFC 5280 5.2.4), applied or not.
        delta: Option<DeltaCrl>,
    }

    #[derive(Serialize)]
    pub struct DeltaCrl {
        url: Option<String>,
        file: Option<String>,
        crl_number: Option<String>,
        /// The base CRL number it lists the changes since (deltaCRLIndicator).
        base_crl_number: Option<String>,
        applied: bool,
        checks: Vec<CheckLine>,
    }

    /// A CRL's URL, or the file it was loaded from.
    fn source(source: &CrlSource, inputs: &[crate::load::Input]) -> (Option<String>, Option<String>) {
        match source {
            CrlSource::Url(url) => (Some(url.clone()), None),
            CrlSource::Loaded(input, _) => (None, inputs.get(*input).map(|i| i.source.clone())),
        }
    }

    impl Crl {
        fn new(result: &LoadedCrlCheck, inputs: &[crate::load::Input]) -> Self {
            let check = &result.check;
            let (revocation_time, revocation_reason) = match &check.status {
                CrlStatus::Revoked { revocation_time, reason } => (Some(rfc3339(*revocation_time)), reason.clone()),
                _ => (None, None),
            };
            let (url, file) = source(&result.source, inputs);
            Self {
                url,
                file,
                status: check.status.word(),
                error: match &check.status {
                    CrlStatus::Unverified(why) | CrlStatus::Error(why) => Some(why.clone()),
                    _ => None,
                },
                this_update: rfc3339(check.this_update),
                next_update: check.next_update.map(rfc3339),
                revocation_time,
                revocation_reason,
                checks: check.checks.iter().map(CheckLine::new).collect(),
                crl_number: check.number.clone(),
                answered_by: check.answered_by.word(),
                delta: check.delta.as_ref().map(|d| {
                    let (url, file) = source(&d.source, inputs);
                    DeltaCrl {
                        url,
                        file,
                        crl_number: d.number.clone(),
                        base_crl_number: d.base_number.clone(),
                        applied: d.applied,
                        checks: d.checks.iter().map(CheckLine::new).collect(),
                    }
                }),
            }
        }
    }

    impl Certificate {
        fn new(c: &crate::model::Certificate, now: OffsetDateTime) -> Self {
            Self {
                subject: c.subject.text.clone(),
                issuer: c.issuer.text.clone(),
                serial: c.serial.clone(),
                not_before: rfc3339(c.not_before),
                not_after: rfc3339(c.not_after),
                sha1: hex(&c.sha1),
                sha256: hex(&c.sha256),
                public_key: PublicKey::new(&c.public_key),
                signature_algorithm: c.signature_algorithm.clone(),
                san: c.subject_alt_names(),
                is_ca: c.is_ca(),
                self_signed: c.self_signed,
                purposes: c.purposes().into_iter().map(crate::model::Purpose::id).collect(),
                ocsp_urls: c.ocsp_urls(),
                ca_issuers_urls: c.ca_issuers_urls(),
                crl_urls: c.crl_urls(),
                extensions: extensions(&c.extensions),
                version: c.version,
                validity: match c.validity_at(now) {
                    ValidityStatus::Valid => "valid",
                    ValidityStatus::Expired => "expired",
                    ValidityStatus::NotYetValid => "not_yet_valid",
                },
                validity_phrase: validity_phrase(c.not_before, c.not_after, now),
                must_staple: c.must_staple(),
                subject_key_id: c.subject_key_id().map(str::to_string),
                authority_key_id: c.authority_key_id().map(str::to_string),
                revocation: None,
                fetched_from: None,
            }
        }
    }

    #[derive(Serialize)]
    pub struct Request {
        subject: String,
        public_key: PublicKey,
        signature_algorithm: String,
        signature_valid: bool,
        san: Vec<String>,
        extensions: Vec<Extension>,
        sha256: String,
        /// Attributes that could not be read, each with why.
        malformed_attributes: Vec<String>,
    }

    impl Request {
        fn new(r: &crate::model::CertificateRequest) -> Self {
            let san = r
                .requested_extensions
                .iter()
                .filter_map(|e| match &e.value {
                    crate::model::Extension::SubjectAltName(names) => Some(names.iter().map(|n| n.tagged())),
                    _ => None,
                })
                .flatten()
                .collect();
            Self {
                subject: r.subject.text.clone(),
                public_key: PublicKey::new(&r.public_key),
                signature_algorithm: r.signature_algorithm.clone(),
                signature_valid: r.signature_valid,
                san,
                extensions: extensions(&r.requested_extensions),
                sha256: hex(&r.sha256),
                malformed_attributes: r.malformed_attributes.clone(),
            }
        }
    }

    /// A CRL's entries, each made into its wire form as it is written: a list of a million
    /// entries is never held twice.
    pub struct RevokedEntries<'a>(&'a crate::model::Revoked);

    impl Serialize for RevokedEntries<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeSeq as _;
            /// One entry, borrowed from buffers reused for every entry.
            #[derive(Serialize)]
            struct Entry<'a> {
                serial: &'a str,
                revocation_date: &'a str,
                reason: Option<std::borrow::Cow<'static, str>>,
                /// In an indirect CRL, the CA whose certificate this is (RFC 5280 5.3.3).
                #[serde(skip_serializing_if = "Option::is_none")]
                certificate_issuer: Option<&'a str>,
            }
            let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
            let (mut serial, mut date) = (String::with_capacity(48), String::with_capacity(24));
            let runs = self.0.issuer_runs();
            let (mut runs_left, mut issuer) = (runs.iter().peekable(), None);
            for (index, (bytes, seconds, reason)) in self.0.raw().enumerate() {
                if let Some((_, ca)) = runs_left.next_if(|(start, _)| *start == index) {
                    issuer = Some(ca.text.as_str());
                }
                serial.clear();
                data_encoding::HEXLOWER.encode_append(bytes, &mut serial);
                date.clear();
                crate::model::time::write_rfc3339_unix(&mut date, seconds);
                seq.serialize_element(&Entry {
                    serial: &serial,
                    revocation_date: &date,
                    reason: reason.map(crate::model::reason_text),
                    certificate_issuer: issuer,
                })?;
            }
            seq.end()
        }
    }

    #[derive(Serialize)]
    pub struct RevocationList<'a> {
        issuer: String,
        this_update: String,
        next_update: Option<String>,
        number: Option<String>,
        signature_algorithm: String,
        stale: bool,
        revoked: RevokedEntries<'a>,
        extensions: Vec<Extension>,
        sha256: String,
    }

    impl<'a> RevocationList<'a> {
        fn new(l: &'a crate::model::RevocationList, now: OffsetDateTime) -> Self {
            Self {
                issuer: l.issuer.text.clone(),
                this_update: rfc3339(l.this_update),
                next_update: l.next_update.map(rfc3339),
                number: l.number.clone(),
                signature_algorithm: l.signature_algorithm.clone(),
                stale: l.is_stale_at(now),
                revoked: RevokedEntries(&l.revoked),
                extensions: extensions(&l.extensions),
                sha256: hex(&l.sha256),
            }
        }
    }

    #[derive(Serialize)]
    pub struct Key {
        algorithm: String,
        bits: Option<u32>,
        curve: Option<String>,
        friendly_name: Option<String>,
        encrypted: bool,
        matches_certificate: Option<usize>,
    }

    #[derive(Serialize)]
    pub struct Chain {
        certificates: Vec<[usize; 2]>,
        complete: bool,
        problems: Vec<String>,
    }

    impl Chain {
        pub fn new(chain: &crate::chain::Chain) -> Self {
            Self {
                certificates: chain.certificates.iter().map(|r| [r.input, r.index]).collect(),
                complete: chain.complete,
                problems: chain.problems(),
            }
        }
    }
}
