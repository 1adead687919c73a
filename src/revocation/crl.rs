//! CRL checks (RFC 5280 6.3): a CRL is believed only after its issuer, signature, cRLSign
//! key usage, dates and critical extensions check out; then the serial is looked up.

use std::borrow::Borrow;
use std::collections::HashMap;

use time::OffsetDateTime;
use x509_parser::prelude::FromDer;
use x509_parser::x509::SubjectPublicKeyInfo;

use super::CLOCK_SKEW;
use crate::chain::{CertRef, Chain, ChainLink};
use crate::load::Input;
use crate::model::time::rfc3339;
use crate::model::{Certificate, Extension, RevocationList, crl_number_order};
use crate::verification::{Check, Outcome, first_failure};

/// What a CRL says about one certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CrlStatus {
    /// Listed: revoked at this time, for this reason.
    Revoked {
        /// When the CA revoked it.
        revocation_time: OffsetDateTime,
        /// RFC 5280 5.3.1 reason, if given.
        reason: Option<String>,
    },
    /// Not listed in a CRL that checked out.
    NotListed,
    /// The CRL could not be believed: the named check failed. Never read as "good".
    Unverified(String),
    /// No CRL to check with: the download or the parse failed.
    Error(String),
}

impl CrlStatus {
    /// `revoked`, `good` (not listed) or `unverified`: the JSON `status`.
    pub fn word(&self) -> &'static str {
        match self {
            Self::Revoked { .. } => "revoked",
            Self::NotListed => "good",
            Self::Unverified(_) => "unverified",
            Self::Error(_) => "error",
        }
    }
}

/// One certificate checked against one CRL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrlCheck {
    /// The answer; `Unverified` unless every check passed.
    pub status: CrlStatus,
    /// The CRL's thisUpdate.
    pub this_update: OffsetDateTime,
    /// The CRL's nextUpdate.
    pub next_update: Option<OffsetDateTime>,
    /// Every check made before the answer was believed.
    pub checks: Vec<Check>,
    /// The CRL's number (RFC 5280 5.2.3), decimal.
    pub number: Option<String>,
    /// Which CRL gave the answer: the CRL alone, or a base CRL and its delta.
    pub answered_by: AnsweredBy,
    /// The delta CRL considered with this (base) CRL, applied or not.
    pub delta: Option<DeltaCheck>,
}

/// Which CRL gave the answer (RFC 5280 5.2.4: a base CRL and its delta answer together).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnsweredBy {
    /// A complete CRL, with no delta applied.
    Crl,
    /// The base CRL: its delta was applied and does not list the certificate.
    Base,
    /// The delta CRL: it lists the certificate (revoked, or removeFromCRL).
    Delta,
}

impl AnsweredBy {
    /// `crl`, `base` or `delta`: the JSON `answered_by`.
    pub fn word(self) -> &'static str {
        match self {
            Self::Crl => "crl",
            Self::Base => "base",
            Self::Delta => "delta",
        }
    }
}

/// A delta CRL weighed beside a base CRL (RFC 5280 5.2.4, 6.3.3 (c)): applied only when it
/// checks out as a CRL and builds on that base.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeltaCheck {
    /// Where the delta came from.
    pub source: CrlSource,
    /// The delta's own CRL number.
    pub number: Option<String>,
    /// The number of the base CRL it lists the changes since (its deltaCRLIndicator).
    pub base_number: Option<String>,
    /// Its own checklist; with the base's, why it was or was not applied.
    pub checks: Vec<Check>,
    /// Whether its entries were combined with the base's.
    pub applied: bool,
}

impl CrlCheck {
    /// No CRL to answer: the download or the parse failed.
    pub fn error(why: String, now: OffsetDateTime) -> Self {
        Self {
            status: CrlStatus::Error(why),
            this_update: now,
            next_update: None,
            checks: Vec::new(),
            number: None,
            answered_by: AnsweredBy::Crl,
            delta: None,
        }
    }

    /// Which CRL answered, in words, when a delta CRL was weighed (None for a CRL alone):
    /// `name` says where a CRL came from (a file, a URL).
    pub fn answered_words(&self, name: impl Fn(&CrlSource) -> String) -> Option<String> {
        let delta = self.delta.as_ref()?;
        let number = |n: &Option<String>| n.as_ref().map(|n| format!(" number {n}")).unwrap_or_default();
        let (base, delta_name) =
            (number(&self.number), format!("the delta CRL{} ({})", number(&delta.number), name(&delta.source)));
        Some(match self.answered_by {
            AnsweredBy::Delta => match &self.status {
                CrlStatus::Revoked { .. } => format!("{delta_name}, which lists the serial (base CRL{base})"),
                _ => format!("{delta_name}, which takes the serial off hold (removeFromCRL; base CRL{base})"),
            },
            AnsweredBy::Base => format!("the base CRL{base}; {delta_name} was applied and does not list the serial"),
            AnsweredBy::Crl => format!("the base CRL{base} alone; {delta_name} was not applied"),
        })
    }
}

/// A CRL, ready to be asked about serials: its entries are kept sorted by serial when it is
/// read, so a CRL of a million entries is searched, never scanned, per certificate.
pub struct CrlIndex<'a> {
    list: &'a RevocationList,
}

impl<'a> CrlIndex<'a> {
    /// Indexes the list's serials.
    pub fn new(list: &'a RevocationList) -> Self {
        Self { list }
    }

    /// The list indexed.
    pub fn list(&self) -> &'a RevocationList {
        self.list
    }
}

/// Checks `certificate` against a CRL said to come from `issuer` (the certificate's issuer).
pub fn check_with_crl(
    certificate: &Certificate,
    issuer: &Certificate,
    crl: &CrlIndex<'_>,
    now: OffsetDateTime,
) -> CrlCheck {
    check_with_signature(certificate, issuer, crl, now, &signature_check(crl.list, issuer))
}

/// The same, with the CRL's signature already checked against `issuer`: one check per CRL
/// and issuer, however many certificates it covers.
fn check_with_signature(
    certificate: &Certificate,
    issuer: &Certificate,
    crl: &CrlIndex<'_>,
    now: OffsetDateTime,
    signature: &Result<(), String>,
) -> CrlCheck {
    let list = crl.list;
    let (checks, some_reasons) = verify(certificate, issuer, list, now, signature);
    let entry = crl.list.revoked.find_issued_by(&certificate.serial, &certificate.issuer.der, &list.issuer.der);
    let status = match first_failure(&checks) {
        Some(failed) => CrlStatus::Unverified(format!("{}: {}", failed.name, failed.detail().unwrap_or(""))),
        None => match (entry, some_reasons, list.delta_base()) {
            // A delta lists what changed since its base: removeFromCRL takes a hold back.
            (Some(entry), _, Some(base)) if entry.reason.as_deref() == Some(REMOVE_FROM_CRL) => {
                CrlStatus::Unverified(format!(
                    "the delta CRL takes a hold back (removeFromCRL), but a delta alone lists only what changed since CRL number {base}: load or fetch that base CRL too"
                ))
            }
            (Some(entry), _, _) => CrlStatus::Revoked { revocation_time: entry.revocation_date, reason: entry.reason },
            (None, _, Some(base)) => CrlStatus::Unverified(format!(
                "a delta CRL lists only what changed since CRL number {base}: not listed here says nothing without that base CRL (load or fetch it too)"
            )),
            // Not listed for some reasons says nothing of the others (RFC 5280 6.3.3 (d), (j)).
            (None, Some(reasons), None) => CrlStatus::Unverified(format!(
                "the CRL covers only some reasons ({reasons}): not listed for those, but another CRL must answer for the rest"
            )),
            (None, None, None) => CrlStatus::NotListed,
        },
    };
    CrlCheck {
        status,
        this_update: list.this_update,
        next_update: list.next_update,
        checks,
        number: list.number.clone(),
        answered_by: AnsweredBy::Crl,
        delta: None,
    }
}

/// Whether `list` is an indirect CRL (RFC 5280 5.2.5) from a CRL issuer that `certificate`'s
/// distribution point names (cRLIssuer, 4.2.1.13): one that may answer for it.
fn is_indirect_for(list: &RevocationList, certificate: &Certificate) -> bool {
    list.scope().is_some_and(|s| s.indirect)
        && list.issuer.der != certificate.issuer.der
        && certificate.crl_issuer_names().iter().any(|name| name[..] == list.issuer.der[..])
}

/// Whether `list` may answer for `certificate`: its issuer's CRL, or an indirect CRL its
/// distribution point names.
fn may_answer_for(list: &RevocationList, certificate: &Certificate) -> bool {
    list.issuer.der == certificate.issuer.der || is_indirect_for(list, certificate)
}

/// Who signed `list` for `certificate`, issued by `issuer`: the issuer itself, or for an
/// indirect CRL the CRL issuer's certificate among `candidates`, which `issuer` must have
/// certified (the CA delegated its CRLs to it). Err: why none can be trusted to.
pub fn signer_of<'a>(
    list: &RevocationList,
    certificate: &Certificate,
    issuer: &'a Certificate,
    candidates: impl IntoIterator<Item = &'a Certificate>,
    now: OffsetDateTime,
) -> Result<&'a Certificate, String> {
    if !is_indirect_for(list, certificate) {
        return Ok(issuer);
    }
    let signer = candidates
        .into_iter()
        .find(|c| c.subject.der == list.issuer.der && c.is_signed_by(issuer).is_ok())
        .ok_or_else(|| {
            format!(
                "the indirect CRL is signed by its CRL issuer '{}', whose certificate issued by '{}' is not loaded",
                list.issuer.display_name(),
                issuer.display_name()
            )
        })?;
    // RFC 5280 6.3.3 (f): the CRL issuer's certificate is valid when the CRL is used.
    if now < signer.not_before || now > signer.not_after {
        return Err(format!(
            "the CRL issuer's certificate '{}' is not valid now (valid {} to {})",
            signer.display_name(),
            rfc3339(signer.not_before),
            rfc3339(signer.not_after)
        ));
    }
    Ok(signer)
}

/// The base CRL's checklist line that says whether its delta was applied.
pub const DELTA_APPLIED: &str = "Delta CRL applied (RFC 5280 5.2.4)";

/// The reason code that takes a certificate off hold (RFC 5280 5.3.1).
const REMOVE_FROM_CRL: &str = "removeFromCRL";

/// The checks a CRL must pass before it is believed about `certificate` (RFC 5280 6.3.3),
/// and the reasons it is limited to, if any.
fn verify(
    certificate: &Certificate,
    issuer: &Certificate,
    list: &RevocationList,
    now: OffsetDateTime,
    signature: &Result<(), String>,
) -> (Vec<Check>, Option<String>) {
    let mut checks = Vec::new();
    // RFC 5280 6.3.3 (b)(1): the CRL issuer is the certificate's issuer, or, for an indirect
    // CRL, a CRL issuer its distribution point names (cRLIssuer).
    checks.push(if is_indirect_for(list, certificate) {
        Check {
            name: "CRL issued by the certificate's issuer",
            outcome: Outcome::NotApplicable(format!(
                "an indirect CRL from '{}', the CRL issuer the certificate's distribution point names",
                list.issuer.display_name()
            )),
        }
    } else {
        Check::require("CRL issued by the certificate's issuer", list.issuer.der == certificate.issuer.der, || {
            format!("the CRL is from '{}', the certificate from '{}'", list.issuer.text, certificate.issuer.text)
        })
    });
    checks.push(match signature {
        Ok(()) => Check { name: "CRL signature by the issuer's key", outcome: Outcome::Pass },
        Err(why) => Check { name: "CRL signature by the issuer's key", outcome: Outcome::Fail(why.clone()) },
    });
    // RFC 5280 6.3.3 (f): the issuer's key usage, if present, must allow cRLSign.
    let key_usage = issuer.extensions.iter().find_map(|e| match &e.value {
        Extension::KeyUsage(bits) => Some(bits),
        _ => None,
    });
    checks.push(match key_usage {
        None => Check {
            name: "Issuer may sign CRLs (key usage cRLSign)",
            outcome: Outcome::NotApplicable("the issuer has no key usage extension".into()),
        },
        Some(bits) => {
            Check::require("Issuer may sign CRLs (key usage cRLSign)", bits.iter().any(|b| b == "CRL signing"), || {
                format!("the issuer's key usage is {}", bits.join(", "))
            })
        }
    });
    checks.push(Check::require("thisUpdate is not in the future", list.this_update <= now + CLOCK_SKEW, || {
        format!("thisUpdate {} is after now ({})", rfc3339(list.this_update), rfc3339(now))
    }));
    checks.push(match list.next_update {
        // RFC 5280 5.1.2.5: conforming CRLs carry nextUpdate.
        None => {
            Check { name: "nextUpdate is not in the past", outcome: Outcome::Fail("the CRL has no nextUpdate".into()) }
        }
        Some(next) => Check::require("nextUpdate is not in the past", next + CLOCK_SKEW >= now, || {
            format!("stale: nextUpdate {} has passed (now {})", rfc3339(next), rfc3339(now))
        }),
    });
    // RFC 5280 5.2: a critical CRL extension we cannot process makes the CRL unusable.
    // Known: CRL number, authority key ID, issuing distribution point, delta CRL indicator.
    let unknown: Vec<&str> = list
        .extensions
        .iter()
        .filter(|e| e.critical && !matches!(e.oid.as_ref(), "2.5.29.20" | "2.5.29.35" | "2.5.29.28" | "2.5.29.27"))
        .map(|e| e.name.as_ref())
        .collect();
    checks.push(Check::require("No critical extension certscope cannot process", unknown.is_empty(), || {
        format!("critical: {}", unknown.join(", "))
    }));
    let some_reasons = scope(certificate, list, &mut checks);
    (checks, some_reasons)
}

/// A base CRL's answer with its delta CRL weighed in (RFC 5280 5.2.4, 6.3.3 (c), (i)): the
/// delta is applied when it checks out and builds on this base; a serial it lists is revoked
/// (or, with removeFromCRL, off hold); otherwise the base answers alone, and says why.
fn with_delta(
    certificate: &Certificate,
    issuer: &Certificate,
    base: CrlCheck,
    base_list: &RevocationList,
    (delta, source, signature): (&CrlIndex<'_>, CrlSource, &Result<(), String>),
    now: OffsetDateTime,
) -> CrlCheck {
    let mut result = base;
    let list = delta.list;
    let (mut checks, _) = verify(certificate, issuer, list, now, signature);
    checks.extend(builds_on(list, base_list));
    let (number, base_number) = (list.number.clone(), list.delta_base().map(str::to_string));
    let label = match &number {
        Some(n) => format!("the delta CRL number {n}"),
        None => "the delta CRL".to_string(),
    };
    let failure = first_failure(&checks).map(|f| format!("{}: {}", f.name, f.detail().unwrap_or("")));
    let base_believed = !matches!(result.status, CrlStatus::Unverified(_) | CrlStatus::Error(_));
    let applied = failure.is_none() && base_believed;
    result.checks.push(Check {
        name: DELTA_APPLIED,
        outcome: match &failure {
            _ if !base_believed => {
                Outcome::NotApplicable(format!("{label} changes nothing while the base CRL cannot be believed"))
            }
            None => Outcome::Pass,
            Some(why) => Outcome::Warn(format!(
                "{label} was not used ({why}): the base CRL answers alone, without what changed since it was issued"
            )),
        },
    });
    if applied {
        result.answered_by = AnsweredBy::Base;
        if let Some(entry) =
            delta.list.revoked.find_issued_by(&certificate.serial, &certificate.issuer.der, &delta.list.issuer.der)
        {
            let on_hold = match &result.status {
                CrlStatus::Revoked { reason, .. } => reason.as_deref() == Some("certificateHold"),
                _ => true,
            };
            if entry.reason.as_deref() != Some(REMOVE_FROM_CRL) {
                result.status = CrlStatus::Revoked { revocation_time: entry.revocation_date, reason: entry.reason };
                result.answered_by = AnsweredBy::Delta;
            } else if on_hold {
                // Off hold (RFC 5280 5.3.1): a revocation for any other reason is final.
                result.status = CrlStatus::NotListed;
                result.answered_by = AnsweredBy::Delta;
            }
        }
    }
    result.delta = Some(DeltaCheck { source, number, base_number, checks, applied });
    result
}

/// Whether `delta` can be combined with `base` (RFC 5280 5.2.4): the same scope, built on it
/// (its base number not above the base's CRL number), and newer than it.
fn builds_on(delta: &RevocationList, base: &RevocationList) -> [Check; 3] {
    const BUILDS_ON: &str = "The delta builds on this base CRL (its base number is not above the base's CRL number)";
    const NEWER: &str = "The delta is newer than the base CRL (a higher CRL number)";
    let (wanted, number, have) = (delta.delta_base(), delta.number.as_deref(), base.number.as_deref());
    [
        Check::require(
            "The delta has the base CRL's scope (issuing distribution point)",
            delta.scope() == base.scope(),
            || "the base CRL and the delta cover different certificates (RFC 5280 5.2.4)".into(),
        ),
        match (wanted, have) {
            (Some(wanted), Some(have)) => Check::require(BUILDS_ON, crl_number_order(wanted, have).is_le(), || {
                format!("it lists the changes since CRL number {wanted}, and this base CRL is number {have}")
            }),
            (_, None) => {
                Check { name: BUILDS_ON, outcome: Outcome::Fail("the base CRL has no CRL number to build on".into()) }
            }
            (None, _) => Check { name: BUILDS_ON, outcome: Outcome::Fail("it has no delta CRL indicator".into()) },
        },
        match (number, have) {
            (Some(number), Some(have)) => Check::require(NEWER, crl_number_order(number, have).is_gt(), || {
                format!("the delta is number {number}, the base CRL number {have}: the base already holds its changes")
            }),
            _ => Check { name: NEWER, outcome: Outcome::Fail("the delta has no CRL number".into()) },
        },
    ]
}

/// Of the delta CRLs beside a base CRL, the one to weigh: among those from the base's issuer,
/// the newest that builds on it, else the newest (to say why it does not apply).
fn pick_delta<'d, T>(base: &RevocationList, deltas: &'d [(T, CrlIndex<'_>)]) -> Option<&'d (T, CrlIndex<'d>)>
where
    T: 'd,
{
    base.number.as_ref()?;
    let mut candidates: Vec<&(T, CrlIndex<'_>)> =
        deltas.iter().filter(|(_, d)| d.list.delta_base().is_some() && d.list.issuer.der == base.issuer.der).collect();
    candidates.sort_by(|(_, a), (_, b)| {
        crl_number_order(b.list.number.as_deref().unwrap_or(""), a.list.number.as_deref().unwrap_or(""))
    });
    let fits = |d: &CrlIndex<'_>| first_failure(&builds_on(d.list, base)).is_none();
    candidates.iter().find(|(_, d)| fits(d)).or(candidates.first()).copied()
}

/// A CRL's scope (its issuing distribution point, RFC 5280 5.2.5, 6.3.3 (b)(2)): whether it
/// covers `certificate`, as one line of the checklist. Returns the reasons it is limited to.
fn scope(certificate: &Certificate, list: &RevocationList, checks: &mut Vec<Check>) -> Option<String> {
    const NAME: &str = "The CRL's scope covers the certificate (issuing distribution point)";
    let scope = list.scope()?;
    let who = certificate.display_name();
    let ca = certificate.is_ca();
    let points: Vec<String> = certificate
        .extensions
        .iter()
        .filter_map(|e| match &e.value {
            Extension::CrlDistributionPoints(names) => Some(names.iter().map(|n| n.tagged()).collect::<Vec<_>>()),
            _ => None,
        })
        .flatten()
        .collect();
    let wanted: Vec<String> = scope.point.iter().map(|n| n.tagged()).collect();
    let outcome = if scope.only_attribute {
        Outcome::Fail("it covers attribute certificates only".into())
    } else if scope.only_ca && !ca {
        Outcome::Fail(format!(
            "it covers CA certificates only, and '{who}' is an end-entity certificate: no CRL here covers it"
        ))
    } else if scope.only_user && ca {
        Outcome::Fail(format!("it covers end-entity certificates only, and '{who}' is a CA: no CRL here covers it"))
    } else if !wanted.is_empty() && !wanted.iter().any(|w| points.contains(w)) {
        Outcome::Fail(if points.is_empty() {
            format!("it is the CRL of {}, and '{who}' names no CRL distribution point", wanted.join(", "))
        } else {
            format!("it is the CRL of {}, and '{who}' is published in {}", wanted.join(", "), points.join(", "))
        })
    } else {
        Outcome::Pass
    };
    checks.push(Check { name: NAME, outcome });
    scope.only_some_reasons.clone()
}

fn signature_check(list: &RevocationList, issuer: &Certificate) -> Result<(), String> {
    // Over the signed bytes as they are: the entries are not parsed a second time.
    let (tbs, algorithm, signature) = list.signed_parts()?;
    let (_, key) = SubjectPublicKeyInfo::from_der(&issuer.public_key.spki_der).map_err(|e| e.to_string())?;
    let (_, algorithm) = x509_parser::x509::AlgorithmIdentifier::from_der(algorithm).map_err(|e| e.to_string())?;
    let (_, signature) = x509_parser::der_parser::asn1_rs::BitString::from_der(signature).map_err(|e| e.to_string())?;
    crate::verification::check_signature(&key, &algorithm, &signature, tbs)
        .map_err(|_| format!("the CRL's signature does not verify with the key of '{}'", issuer.display_name()))
}

/// Where a CRL came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CrlSource {
    /// A CRL the user loaded: input and index.
    Loaded(usize, usize),
    /// Downloaded from a distribution point.
    Url(String),
}

/// A loaded certificate checked against a CRL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadedCrlCheck {
    /// The certificate checked.
    pub certificate: CertRef,
    /// The CRL used.
    pub source: CrlSource,
    /// What it says.
    pub check: CrlCheck,
}

/// Who signed a CRL for a certificate's issuer (None: no signer to trust), and whether the
/// signature verifies with its key.
type Signed<'c> = (Option<&'c Certificate>, Result<(), String>);

/// Checks every loaded certificate whose issuer is loaded (a verified chain link) against
/// every loaded CRL from that issuer, each complete CRL with the newest loaded delta CRL that
/// builds on it. A delta without a complete CRL answers alone (revoked, or not enough). Each
/// CRL is indexed once.
pub fn check_loaded<I: Borrow<Input>>(inputs: &[I], chains: &[Chain], now: OffsetDateTime) -> Vec<LoadedCrlCheck> {
    let (mut complete, mut deltas) = (Vec::new(), Vec::new());
    for (input_index, input) in inputs.iter().enumerate() {
        for (index, list) in input.borrow().revocation_lists.iter().enumerate() {
            let entry = ((input_index, index), CrlIndex::new(list));
            if list.delta_base().is_some() { deltas.push(entry) } else { complete.push(entry) }
        }
    }
    if complete.is_empty() && deltas.is_empty() {
        return Vec::new();
    }
    let loaded: Vec<&Certificate> = inputs.iter().flat_map(|i| i.borrow().certificates.iter()).collect();
    // One signature check per CRL and certificate issuer (whose CRL issuer, for an indirect
    // CRL, is the same): (signer, its verdict).
    let mut signatures: HashMap<((usize, usize), CertRef), Signed<'_>> = HashMap::new();
    let mut signed = |crl: (usize, usize), issuer_ref: CertRef, list: &RevocationList, subject, issuer| {
        signatures
            .entry((crl, issuer_ref))
            .or_insert_with(|| match signer_of(list, subject, issuer, loaded.iter().copied(), now) {
                Ok(signer) => (Some(signer), signature_check(list, signer)),
                Err(why) => (None, Err(why)),
            })
            .clone()
    };
    let mut results = Vec::new();
    for (subject_ref, issuer_ref, subject, issuer) in issued_pairs(inputs, chains) {
        let covering = |(_, index): &&((usize, usize), CrlIndex<'_>)| may_answer_for(index.list(), subject);
        let bases: Vec<_> = complete.iter().filter(covering).collect();
        for (crl, index) in &bases {
            let (signer, signature) = signed(*crl, issuer_ref, index.list(), subject, issuer);
            let signer = signer.unwrap_or(issuer);
            let mut check = check_with_signature(subject, signer, index, now, &signature);
            if let Some((delta_ref, delta)) = pick_delta(index.list(), &deltas) {
                let (_, delta_signature) = signed(*delta_ref, issuer_ref, delta.list(), subject, issuer);
                let source = CrlSource::Loaded(delta_ref.0, delta_ref.1);
                check = with_delta(subject, signer, check, index.list(), (delta, source, &delta_signature), now);
            }
            results.push(LoadedCrlCheck { certificate: subject_ref, source: CrlSource::Loaded(crl.0, crl.1), check });
        }
        if bases.is_empty() {
            for (crl, index) in deltas.iter().filter(covering) {
                let (signer, signature) = signed(*crl, issuer_ref, index.list(), subject, issuer);
                let check = check_with_signature(subject, signer.unwrap_or(issuer), index, now, &signature);
                results.push(LoadedCrlCheck {
                    certificate: subject_ref,
                    source: CrlSource::Loaded(crl.0, crl.1),
                    check,
                });
            }
        }
    }
    results
}

/// Each certificate with a known issuer and its issuer, once (from verified chain links).
pub(crate) type Issued<'a> = (CertRef, CertRef, &'a Certificate, &'a Certificate);

/// (certificate, its issuer, and the two certificates) for each verified link, each certificate once.
pub(crate) fn issued_pairs<'a, I: Borrow<Input>>(inputs: &'a [I], chains: &[Chain]) -> Vec<Issued<'a>> {
    let certificate = |r: &CertRef| inputs.get(r.input).and_then(|i| i.borrow().certificates.get(r.index));
    let mut seen = std::collections::HashSet::new();
    let mut pairs = Vec::new();
    for chain in chains {
        for (position, link) in chain.links.iter().enumerate() {
            let (Some(subject_ref), Some(issuer_ref)) =
                (chain.certificates.get(position), chain.certificates.get(position + 1))
            else {
                continue;
            };
            if *link != ChainLink::Verified || !seen.insert(*subject_ref) {
                continue;
            }
            if let (Some(subject), Some(issuer)) = (certificate(subject_ref), certificate(issuer_ref)) {
                pairs.push((*subject_ref, *issuer_ref, subject, issuer));
            }
        }
    }
    pairs
}

/// Downloads one CRL (DER or PEM) within the limits.
pub fn fetch_crl(url: &str, limits: crate::net::Limits) -> Result<RevocationList, String> {
    let fetched = crate::net::fetch(url, limits).map_err(|e| e.to_string())?;
    let options = crate::load::LoadOptions { max_bytes: limits.max_bytes, password: None };
    let mut input = crate::load::load_bytes(url, &fetched.body, &options);
    match input.revocation_lists.len() {
        1 if input.error.is_none() => Ok(input.revocation_lists.remove(0)),
        _ => {
            let kind = fetched.content_type.map(|t| format!(" (Content-Type {t})")).unwrap_or_default();
            let why = input.error.map(|e| format!(": {e}")).unwrap_or_default();
            Err(format!("the response from {url} is not a CRL{kind}{why}"))
        }
    }
}

/// CRLs downloaded this session, by URL: each is fetched once, however often it is asked for,
/// until its nextUpdate passes. Failures are not kept, so asking again tries again.
#[derive(Default)]
pub struct CrlCache {
    lists: std::sync::Mutex<HashMap<String, std::sync::Arc<RevocationList>>>,
}

impl CrlCache {
    /// The CRL at `url` (reached through `routes`), from the cache while it is fresh.
    pub fn get(
        &self,
        url: &str,
        limits: crate::net::Limits,
        routes: &[(String, String)],
        now: OffsetDateTime,
    ) -> Result<std::sync::Arc<RevocationList>, String> {
        let lock = || self.lists.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(list) = lock().get(url).filter(|l| l.next_update.is_some_and(|next| next > now)) {
            return Ok(std::sync::Arc::clone(list));
        }
        let list = std::sync::Arc::new(fetch_crl(&crate::net::route(url, routes), limits).map_err(|why| {
            // Say the URL the certificate names, not the route taken.
            if routes.is_empty() { why } else { format!("{url}: {why}") }
        })?);
        lock().insert(url.to_string(), std::sync::Arc::clone(&list));
        Ok(list)
    }

    /// The CRL downloaded from `url` this session, if any (its bytes, for the ASN.1 view).
    pub fn cached(&self, url: &str) -> Option<std::sync::Arc<RevocationList>> {
        self.lists.lock().ok()?.get(url).cloned()
    }

    /// How many CRLs are kept.
    pub fn len(&self) -> usize {
        self.lists.lock().map(|l| l.len()).unwrap_or(0)
    }

    /// Nothing kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Downloads the CRL of every distribution point of every certificate whose issuer is known
/// (each URL once, all at the same time) and checks the certificates against them.
pub fn check_downloaded<I: Borrow<Input>>(
    inputs: &[I],
    chains: &[Chain],
    now: OffsetDateTime,
    limits: crate::net::Limits,
) -> Vec<LoadedCrlCheck> {
    let pairs: Vec<_> = issued_pairs(inputs, chains).into_iter().map(|(r, _, s, i)| (r, s, i)).collect();
    check_pairs(&pairs, now, limits, &[], &CrlCache::default())
}

/// The same for given (certificate, its issuer) pairs, through `routes` and `cache`.
pub fn check_pairs(
    pairs: &[(CertRef, &Certificate, &Certificate)],
    now: OffsetDateTime,
    limits: crate::net::Limits,
    routes: &[(String, String)],
    cache: &CrlCache,
) -> Vec<LoadedCrlCheck> {
    let mut urls: Vec<String> = pairs.iter().flat_map(|(_, subject, _)| subject.crl_urls()).collect();
    urls.sort();
    urls.dedup();
    let downloaded = crate::parallel::map_io(&urls, |url| cache.get(url, limits, routes, now));
    let lists: HashMap<&str, Result<CrlIndex<'_>, &String>> = urls
        .iter()
        .zip(&downloaded)
        .map(|(url, result)| (url.as_str(), result.as_ref().map(|list| CrlIndex::new(list))))
        .collect();
    // The delta CRLs (RFC 5280 5.2.6): where the certificates and the complete CRLs say they are.
    let freshest = |subject: &Certificate, list: &RevocationList| {
        let mut urls = subject.freshest_urls();
        for url in list.freshest_urls() {
            if !urls.contains(&url) {
                urls.push(url);
            }
        }
        urls
    };
    let mut delta_urls: Vec<String> = pairs
        .iter()
        .flat_map(|(_, subject, _)| {
            subject.crl_urls().into_iter().filter_map(|url| match lists.get(url.as_str()) {
                Some(Ok(index)) if index.list().delta_base().is_none() => Some(freshest(subject, index.list())),
                _ => None,
            })
        })
        .flatten()
        .collect();
    delta_urls.sort();
    delta_urls.dedup();
    let delta_downloads = crate::parallel::map_io(&delta_urls, |url| cache.get(url, limits, routes, now));
    let deltas: HashMap<&str, &Result<std::sync::Arc<RevocationList>, String>> =
        delta_urls.iter().map(String::as_str).zip(&delta_downloads).collect();
    // An indirect CRL's issuer may be any certificate loaded beside them.
    let candidates: Vec<&Certificate> = pairs.iter().flat_map(|(_, subject, issuer)| [*subject, *issuer]).collect();
    // One signature check per CRL (by URL) and signer, however many certificates it covers.
    let mut signatures: HashMap<(String, Vec<u8>), Result<(), String>> = HashMap::new();
    let mut signed = |url: &str, list: &RevocationList, signer: &Certificate| {
        signatures
            .entry((url.to_string(), signer.sha256.to_vec()))
            .or_insert_with(|| signature_check(list, signer))
            .clone()
    };
    let mut results = Vec::new();
    for &(reference, subject, issuer) in pairs {
        for url in subject.crl_urls() {
            let check = match lists.get(url.as_str()) {
                Some(Ok(index)) => {
                    let (signer, check) =
                        match signer_of(index.list(), subject, issuer, candidates.iter().copied(), now) {
                            Ok(signer) => {
                                let signature = signed(&url, index.list(), signer);
                                (signer, check_with_signature(subject, signer, index, now, &signature))
                            }
                            Err(why) => (issuer, check_with_signature(subject, issuer, index, now, &Err(why))),
                        };
                    let wanted =
                        if index.list().delta_base().is_none() { freshest(subject, index.list()) } else { vec![] };
                    let base = (index.list(), wanted.as_slice());
                    weigh_downloaded_deltas(subject, signer, check, base, &deltas, &mut signed, now)
                }
                Some(Err(why)) => CrlCheck::error((*why).clone(), now),
                None => continue,
            };
            results.push(LoadedCrlCheck { certificate: reference, source: CrlSource::Url(url), check });
        }
    }
    results
}

/// A downloaded base CRL's answer with the delta CRLs fetched from its Freshest CRL URLs: the
/// newest that builds on it is applied; when none could be fetched, the base answers alone and
/// its checklist says why.
fn weigh_downloaded_deltas(
    subject: &Certificate,
    issuer: &Certificate,
    check: CrlCheck,
    (base, wanted): (&RevocationList, &[String]),
    deltas: &HashMap<&str, &Result<std::sync::Arc<RevocationList>, String>>,
    signed: &mut impl FnMut(&str, &RevocationList, &Certificate) -> Result<(), String>,
    now: OffsetDateTime,
) -> CrlCheck {
    let fetched: Vec<(String, CrlIndex<'_>)> = wanted
        .iter()
        .filter_map(|url| match deltas.get(url.as_str()) {
            Some(Ok(list)) => Some((url.clone(), CrlIndex::new(list))),
            _ => None,
        })
        .collect();
    if let Some((url, delta)) = pick_delta(base, &fetched) {
        let signature = signed(url, delta.list(), issuer);
        return with_delta(subject, issuer, check, base, (delta, CrlSource::Url(url.clone()), &signature), now);
    }
    let Some(url) = wanted.first() else { return check };
    let why = match deltas.get(url.as_str()) {
        Some(Err(why)) => why.clone(),
        _ => "it is not a delta CRL of this CRL's issuer".to_string(),
    };
    let mut check = check;
    check.checks.push(Check {
        name: DELTA_APPLIED,
        outcome: Outcome::Warn(format!(
            "the delta CRL at {url} was not used ({why}): the base CRL answers alone, without what changed since it was issued"
        )),
    });
    check.delta = Some(DeltaCheck {
        source: CrlSource::Url(url.clone()),
        number: None,
        base_number: None,
        checks: vec![Check { name: "Delta CRL downloaded", outcome: Outcome::Fail(why) }],
        applied: false,
    });
    check
}
