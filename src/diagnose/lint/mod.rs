//! Lints: the rulebooks as written, for every certificate loaded, whether or not a path to a
//! trusted root was found. Each rule is a row of one table (code, severity from the text's
//! MUST/SHOULD, section, the date it took effect, the certificate types it applies to), so
//! the README's table and the tests come from the same rows.
//!
//! Rulebooks: RFC 5280; the CA/Browser Forum's TLS Baseline Requirements (`cabf_br`), S/MIME
//! Baseline Requirements (`smime_br`) and Code Signing Baseline Requirements (`cs_br`); RFC
//! 6960 for OCSP responders. The CA/Browser Forum's rules apply to certificates of their scope:
//! those asserting one of the Forum's policy OIDs, or issued under a root of a public store.

mod encoding;
mod rules;

use time::OffsetDateTime;

use super::{Category, Finding, Severity, Workspace, distinct};
use crate::model::Certificate;

pub use rules::table;

/// What a certificate is, for the rules that apply to it (policies first, then EKU and
/// basic constraints).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A self-signed CA certificate.
    Root,
    /// A CA certificate issued by another CA.
    SubordinateCa,
    /// A TLS server certificate (a CABF TLS policy, or the serverAuth EKU).
    TlsSubscriber,
    /// An S/MIME certificate (a CABF S/MIME policy, or the emailProtection EKU).
    SmimeSubscriber,
    /// A code-signing certificate (a CABF code-signing policy, or the codeSigning EKU).
    CodeSigning,
    /// An OCSP responder's certificate (the OCSPSigning EKU).
    OcspResponder,
    /// An EV TLS certificate (the Forum's EV policy, 2.23.140.1.1).
    EvSubscriber,
    /// A time-stamping authority's certificate (the timeStamping EKU).
    TimeStamping,
    /// Any end-entity certificate.
    Subscriber,
    /// Every certificate.
    Any,
}

impl Kind {
    /// Words for the README's table.
    pub fn words(self) -> &'static str {
        match self {
            Self::Root => "root",
            Self::SubordinateCa => "subordinate CA",
            Self::TlsSubscriber => "TLS subscriber",
            Self::SmimeSubscriber => "S/MIME subscriber",
            Self::CodeSigning => "code signing",
            Self::OcspResponder => "OCSP responder",
            Self::EvSubscriber => "EV TLS subscriber",
            Self::TimeStamping => "time-stamping authority",
            Self::Subscriber => "any end entity",
            Self::Any => "all",
        }
    }
}

/// A rulebook.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rulebook {
    /// RFC 5280, and the RFCs it leans on (5480, 6960, 8410, 3161): every certificate.
    Rfc5280,
    /// CABF TLS Baseline Requirements.
    CabfBr,
    /// CABF S/MIME Baseline Requirements.
    SmimeBr,
    /// CABF Code Signing Baseline Requirements.
    CsBr,
    /// CABF EV Guidelines.
    CabfEv,
}

/// One rule.
pub struct Lint {
    /// `lint.<rulebook>.<rule>`.
    pub code: &'static str,
    /// From the text: MUST is an error, SHOULD a warning, MAY a notice.
    pub severity: Severity,
    /// The rulebook.
    pub rulebook: Rulebook,
    /// The section read: `RFC 5280 4.1.2.2`.
    pub citation: &'static str,
    /// The certificates it applies to.
    pub applies: &'static [Kind],
    /// Certificates issued (notBefore) before this day are not held to it: `2016-09-30`.
    pub effective: Option<&'static str>,
    /// What the rule says, in words: the finding's why.
    pub rule: &'static str,
    /// What to do.
    pub fix: &'static str,
    /// Some(what is wrong) when the certificate breaks the rule.
    pub check: fn(&Subject<'_>) -> Option<String>,
}

/// A certificate as the rules see it.
pub struct Subject<'a> {
    /// The certificate.
    pub certificate: &'a Certificate,
    /// What it is.
    pub kinds: Vec<Kind>,
    /// In the CA/Browser Forum's scope: a Forum policy, or a path to a public store's root.
    pub public: bool,
    /// The subject name's attributes and the extensions as encoded, read once for all rules.
    raw: RawParts,
}

/// A name's attribute as encoded: (OID as dotted text, value tag, value bytes).
type RawAttribute = (String, u8, Vec<u8>);
/// An extension as encoded: (OID as dotted text, the critical BOOLEAN's bytes if present, value).
type RawExtension = (String, Option<Vec<u8>>, Vec<u8>);

/// What several rules read from the DER, read the first time one asks.
#[derive(Default)]
struct RawParts {
    subject_values: std::cell::OnceCell<Vec<RawAttribute>>,
    extensions: std::cell::OnceCell<Vec<RawExtension>>,
}

impl<'a> Subject<'a> {
    /// A certificate to lint, as what it is and whether the Forum's rules bind it.
    pub fn new(certificate: &'a Certificate, kinds: Vec<Kind>, public: bool) -> Self {
        Self { certificate, kinds, public, raw: RawParts::default() }
    }

    /// The subject's attributes as encoded: (OID as dotted text, value tag, value bytes).
    pub(crate) fn subject_values(&self) -> &[RawAttribute] {
        self.raw
            .subject_values
            .get_or_init(|| encoding::subject(&self.certificate.der).map(encoding::name_values).unwrap_or_default())
    }

    /// The extensions as encoded: (OID as dotted text, the critical BOOLEAN's bytes if present, value).
    pub(crate) fn raw_extensions(&self) -> &[RawExtension] {
        self.raw.extensions.get_or_init(|| encoding::raw_extensions(&self.certificate.der))
    }
}

impl Subject<'_> {
    fn is(&self, kind: Kind) -> bool {
        kind == Kind::Any || self.kinds.contains(&kind)
    }
}

/// The kinds of a certificate: policies first, then EKU, then basic constraints.
pub fn kinds(c: &Certificate) -> Vec<Kind> {
    let mut kinds = Vec::new();
    if c.is_ca() || (c.self_signed && c.version < 3) {
        kinds.push(if c.self_signed { Kind::Root } else { Kind::SubordinateCa });
        return kinds;
    }
    kinds.push(Kind::Subscriber);
    let policies = rules::policies(c);
    let has_policy = |prefix: &str| policies.iter().any(|p| p.starts_with(prefix));
    let ekus = super::purpose::ekus(c).unwrap_or_default();
    let has_eku = |oid: &str| ekus.iter().any(|u| u == oid);
    if has_policy("2.23.140.1.2.") || policies.iter().any(|p| p == "2.23.140.1.1") || has_eku("1.3.6.1.5.5.7.3.1") {
        kinds.push(Kind::TlsSubscriber);
    }
    if has_policy("2.23.140.1.5.") || (has_eku("1.3.6.1.5.5.7.3.4") && !kinds.contains(&Kind::TlsSubscriber)) {
        kinds.push(Kind::SmimeSubscriber);
    }
    if has_policy("2.23.140.1.4.1") || policies.iter().any(|p| p == "2.23.140.1.3") || has_eku("1.3.6.1.5.5.7.3.3") {
        kinds.push(Kind::CodeSigning);
    }
    if has_eku("1.3.6.1.5.5.7.3.9") {
        kinds.push(Kind::OcspResponder);
    }
    if policies.iter().any(|p| p == "2.23.140.1.1") {
        kinds.push(Kind::EvSubscriber);
    }
    if has_eku("1.3.6.1.5.5.7.3.8") {
        kinds.push(Kind::TimeStamping);
    }
    kinds
}

/// True when the certificate asserts one of the CA/Browser Forum's policy OIDs.
fn asserts_forum_policy(c: &Certificate) -> bool {
    rules::policies(c).iter().any(|p| p.starts_with("2.23.140.1."))
}

fn effective(lint: &Lint, not_before: OffsetDateTime) -> bool {
    let Some(day) = lint.effective else { return true };
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(day, &format).is_ok_and(|d| not_before >= d.midnight().assume_utc())
}

/// Whether `lint` applies to `subject` (scope, kind, date).
pub fn applies(lint: &Lint, subject: &Subject<'_>) -> bool {
    let scoped = lint.rulebook == Rulebook::Rfc5280 || subject.public;
    scoped && lint.applies.iter().any(|k| subject.is(*k)) && effective(lint, subject.certificate.not_before)
}

/// Runs every lint that applies to `subject`: the findings' code, message and severity.
pub fn check(subject: &Subject<'_>) -> Vec<(&'static Lint, String)> {
    table()
        .filter(|lint| applies(lint, subject))
        .filter_map(|lint| (lint.check)(subject).map(|why| (lint, why)))
        .collect()
}

/// Lints every certificate loaded.
pub(super) fn run(
    workspace: &Workspace<'_>,
    chains: &[super::ChainVerdict],
    options: &super::Options,
    findings: &mut Vec<Finding>,
) {
    // Held to the CA/Browser Forum's rules strictly: their rules apply to every certificate.
    let forum_rules = options.rules == crate::trust::Rules::Cabf;
    // Public: a Forum policy, or a path to one of Mozilla's roots (a system store may hold an
    // organisation's own roots, whose certificates the Forum's rules do not bind).
    let public_paths: std::collections::HashSet<crate::chain::CertRef> = chains
        .iter()
        .filter(|c| c.trusted && c.anchored_in == Some(super::Store::Mozilla))
        .flat_map(|c| c.path.iter().copied())
        .collect();
    // Each certificate on its own, on all cores: a bundle's thousands are linted at once.
    let certificates = distinct(workspace);
    let found = crate::parallel::map(&certificates, |&(reference, certificate)| {
        let public = forum_rules || public_paths.contains(&reference) || asserts_forum_policy(certificate);
        let subject = Subject::new(certificate, kinds(certificate), public);
        check(&subject)
            .into_iter()
            .map(|(lint, why)| {
                Finding::new(
                    lint.severity,
                    lint.code,
                    Category::Lint,
                    format!("'{}': {why}.", certificate.display_name()),
                    lint.rule,
                    lint.fix,
                )
                .on(reference)
                .cite(lint.citation)
                .with("rule", lint.code)
                .label("breaks a rule")
            })
            .collect::<Vec<_>>()
    });
    findings.reserve_exact(found.iter().map(Vec::len).sum());
    findings.extend(found.into_iter().flatten());
}
