//! A host as an input: what its server sends over TLS becomes an input like a file, with the
//! connection's details and the stapled OCSP response, verified as in the revocation checks.

use time::OffsetDateTime;

use crate::chain::CertRef;
use crate::load::{Input, LoadError};
use crate::model::Certificate;
use crate::net::tls::{ConnectOptions, Connection, Target, connect};
use crate::revocation::ocsp::{self, CertIdHash, OcspCheck, OcspStatus};
use crate::verification::{Check, Outcome};

/// What fetching a host gave.
#[derive(Clone, Debug, PartialEq)]
pub struct Fetched {
    /// The certificates as sent, as an input (source `host:port`, format `TLS`).
    pub input: Input,
    /// Where it was asked.
    pub target: Target,
    /// The connection, when the handshake got that far.
    pub connection: Option<Connection>,
}

impl Fetched {
    /// The name a client checks the certificate for: the one it sent in SNI (the host's own,
    /// unless told otherwise), else the address asked for.
    pub fn judged_name(&self) -> String {
        self.connection.as_ref().and_then(|c| c.sni.clone()).unwrap_or_else(|| self.target.host.clone())
    }
}

/// Connects to `target` and turns what the server sent into an input.
pub fn fetch(target: &Target, options: &ConnectOptions) -> Fetched {
    let source = if target.host.contains(':') {
        format!("[{}]:{}", target.host, target.port)
    } else {
        format!("{}:{}", target.host, target.port)
    };
    match connect(target, options) {
        Ok(connection) => {
            let mut input = Input { source, format: Some("TLS"), ..Input::default() };
            for (index, der) in connection.chain.iter().enumerate() {
                match Certificate::from_der(der) {
                    Ok(certificate) => input.certificates.push(certificate),
                    Err(why) => input.problems.push(format!("certificate {} as sent: {why}", index + 1)),
                }
            }
            Fetched { input, target: target.clone(), connection: Some(connection) }
        }
        Err(err) => Fetched {
            input: Input { source, error: Some(LoadError::Network(err.to_string())), ..Input::default() },
            target: target.clone(),
            connection: None,
        },
    }
}

/// The stapled OCSP response, verified as any OCSP answer about the leaf (its issuer is the
/// certificate sent after it that signed it). None when there is no staple.
///
/// `roots` are trusted certificates that may be the issuer when the leaf was sent alone.
pub fn stapled_ocsp(
    fetched: &Fetched,
    input_index: usize,
    roots: &[Certificate],
    now: OffsetDateTime,
    skew: time::Duration,
) -> Option<crate::revocation::LoadedOcspCheck> {
    let staple = fetched.connection.as_ref()?.stapled_ocsp.as_ref()?;
    let certificates = &fetched.input.certificates;
    let leaf = certificates.first()?;
    let certificate = CertRef { input: input_index, index: 0 };
    let issuer = certificates.iter().skip(1).chain(roots).find(|c| leaf.is_signed_by(c).is_ok());
    let check = match issuer {
        None => OcspCheck {
            status: OcspStatus::Unverified(
                "the leaf's issuer was not sent (nor is it a given root), so the staple cannot be checked".into(),
            ),
            response_der: staple.clone(),
            ..empty_check()
        },
        Some(issuer) => match ocsp::build_request(leaf, issuer, CertIdHash::Sha1, false) {
            Ok(request) => {
                let mut check = ocsp::verify_response(staple, &request, issuer, now, skew);
                check.url = STAPLED.into();
                check.method = "TLS";
                check.request_der = Vec::new();
                check
            }
            Err(why) => OcspCheck { status: OcspStatus::Error(why), ..empty_check() },
        },
    };
    Some(crate::revocation::LoadedOcspCheck { certificate, check })
}

/// The "URL" of a stapled answer: the server sent it in the handshake.
pub const STAPLED: &str = "stapled";

fn empty_check() -> OcspCheck {
    OcspCheck::new(STAPLED, "TLS")
}

/// RFC 7633: a certificate that demands a staple (must-staple) was sent without one.
pub fn must_staple_check(fetched: &Fetched) -> Option<Check> {
    let leaf = fetched.input.certificates.first()?;
    let connection = fetched.connection.as_ref()?;
    leaf.must_staple().then(|| Check {
        name: "A stapled OCSP response, as the certificate demands (must-staple)",
        outcome: match connection.stapled_ocsp {
            Some(_) => Outcome::Pass,
            None => Outcome::Fail(
                "the certificate carries the TLS feature status_request (must-staple), but the server stapled no OCSP response: Firefox refuses the connection".into(),
            ),
        },
    })
}

/// How an input's chain is judged: the store and its anchors, the purpose, the name (None: a
/// host's own name), given roots (possible issuers of a lone leaf's staple), AIA and clock skew.
pub struct Judging<'a> {
    /// Which roots.
    pub store: &'a crate::trust::TrustStore,
    /// Their anchors.
    pub anchors: &'a [rustls_pki_types::TrustAnchor<'a>],
    /// The purpose.
    pub purpose: crate::trust::Purpose,
    /// Browsers' rules or the Baseline Requirements'.
    pub rules: crate::trust::Rules,
    /// The name to check; a host is checked for its own name when None.
    pub name: Option<&'a str>,
    /// Given roots, as certificates.
    pub roots: &'a [Certificate],
    /// How to fetch missing intermediates.
    pub aia: &'a crate::trust::AiaOptions,
    /// Clock skew for the staple's dates.
    pub skew: time::Duration,
}

impl<'a> Judging<'a> {
    /// Given roots of a custom store, as certificates.
    pub fn roots_of(store: &crate::trust::TrustStore) -> Vec<Certificate> {
        match store {
            crate::trust::TrustStore::Custom(roots) => {
                roots.iter().filter_map(|der| Certificate::from_der(der).ok()).collect()
            }
            _ => Vec::new(),
        }
    }
}

/// What judging an input found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Judged {
    /// The verdict, when the input has a certificate.
    pub validation: Option<crate::trust::Validation>,
    /// The staple, verified (hosts).
    pub stapled_ocsp: Option<crate::revocation::LoadedOcspCheck>,
    /// Intermediates fetched by AIA (to append to the input).
    pub fetched: Vec<crate::trust::Fetched>,
}

/// Judges input `index` (a host's when `host` is given): the chain with AIA, how it was sent,
/// must-staple, and the staple.
pub fn judge_input(
    input: &Input,
    index: usize,
    host: Option<&Fetched>,
    judging: &Judging<'_>,
    now: OffsetDateTime,
) -> Judged {
    let name = judging.name.map(str::to_string).or_else(|| host.map(Fetched::judged_name));
    let judge = crate::trust::Judge {
        anchors: judging.anchors,
        store: judging.store,
        name: name.as_deref(),
        purpose: judging.purpose,
        now,
        rules: judging.rules,
    };
    let certificates: Vec<&Certificate> = input.certificates.iter().collect();
    let aia = crate::trust::AiaOptions { from_server: host.is_some(), ..judging.aia.clone() };
    let (mut validation, fetched) = crate::trust::judge_with_aia(&certificates, &judge, &aia);
    if let (Some(validation), Some(host)) = (&mut validation, host) {
        let mut more = crate::trust::sent_chain_checks(&certificates, validation);
        more.extend(must_staple_check(host));
        validation.trusted &= more.iter().all(|c| c.result() != "fail");
        validation.checks.extend(more);
    }
    Judged {
        validation,
        stapled_ocsp: host.and_then(|h| stapled_ocsp(h, index, judging.roots, now, judging.skew)),
        fetched,
    }
}
