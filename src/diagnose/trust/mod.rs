//! Trust, over the whole workspace: each leaf's path to a root, found by rustls-webpki among
//! every certificate loaded (a host's: only what its server sent), judged against the store
//! the verdict is for; where no path is found, why (a missing intermediate, a root in no
//! store, a rule broken); then the name, the email address and the purpose.

use std::collections::{HashMap, HashSet};

use rustls_pki_types::{CertificateDer, TrustAnchor, UnixTime};
use time::OffsetDateTime;

mod aia;
mod anchors;
mod findings;
mod signatures;

use super::purpose::Purpose;
use super::{Category, Finding, Severity, Verdict, Workspace, certificate, distinct, is_host};
use crate::chain::{CertRef, ChainLink};
use crate::model::Certificate;

pub use aia::fetch_missing;
pub use anchors::{Anchors, Store, TrustChoice};
use signatures::{AnyUsage, Remembered, verified_links};

/// One leaf judged: its path, its purpose, where it leads, and its own verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainVerdict {
    /// The leaf (a CA when only CAs were loaded).
    pub leaf: CertRef,
    /// The path, leaf first, as loaded (the anchor last when its certificate is loaded).
    pub path: Vec<CertRef>,
    /// What it was judged for.
    pub purpose: Purpose,
    /// The leaf is a CA certificate (a root or an intermediate loaded alone).
    pub ca: bool,
    /// A host's chain (what its server sent).
    pub host: bool,
    /// The name it was judged for.
    pub name: Option<String>,
    /// The root it leads to, when a path was found.
    pub anchor: Option<String>,
    /// Where that root is, in words: "Mozilla's roots", or "loaded here only" for a private root.
    pub store: Option<String>,
    /// The store that root is in, when a store the verdict is for holds it.
    pub anchored_in: Option<Store>,
    /// A path to the store the verdict is for.
    pub trusted: bool,
    /// The chain's own verdict (its findings only).
    pub verdict: Verdict,
}

impl ChainVerdict {
    /// Whether a chain to serve can be written: a leaf whose chain reaches a root.
    pub fn can_serve(&self) -> bool {
        !self.ca && self.anchor.is_some()
    }
}

/// Judges every leaf; adds trust, chain, name and purpose findings.
pub(super) fn judge(
    workspace: &Workspace<'_>,
    anchors: &Anchors,
    options: &super::Options,
    findings: &mut Vec<Finding>,
) -> Vec<ChainVerdict> {
    // The system store could not be read: judged for it alone, nothing can be trusted.
    if let Some(why) = &anchors.system_error
        && options.trust != TrustChoice::Mozilla
    {
        let alone = options.trust == TrustChoice::System;
        findings.push(
            Finding::new(
                if alone { Severity::Error } else { Severity::Notice },
                "trust.system_store_unreadable",
                if alone { Category::Input } else { Category::Trust },
                format!("The system's trust store could not be read: {why}."),
                "Chains are judged against the roots certscope could read; a root only the system trusts is not among them.",
                "Install the system's CA certificates (Debian: apt-get install ca-certificates), or judge against Mozilla's roots (--trust mozilla).",
            )
            .label("no system store"),
        );
    }
    let verdict_anchors = anchors.for_choice(options.trust);
    let all = distinct(workspace);
    let files: Vec<(CertRef, &Certificate)> =
        all.iter().copied().filter(|(r, _)| !is_host(workspace, r.input)).collect();
    // Roots loaded here that no store the verdict is for holds: a private PKI's.
    // A server cannot make itself trusted by sending a root: only files' roots count.
    let private: Vec<(TrustAnchor<'static>, CertRef)> = files
        .iter()
        .filter(|(_, c)| c.self_signed)
        .filter_map(|(r, c)| {
            let anchor = webpki::anchor_from_trusted_cert(&CertificateDer::from(c.der.as_slice())).ok()?.to_owned();
            let known = verdict_anchors.iter().any(|a| {
                a.subject.as_ref() == anchor.subject.as_ref()
                    && a.subject_public_key_info.as_ref() == anchor.subject_public_key_info.as_ref()
            });
            (!known).then_some((anchor, *r))
        })
        .collect();
    // Self-signed certificates loaded, by subject and key: an anchor's certificate, found once.
    let roots: HashMap<(&[u8], &[u8]), CertRef> = all
        .iter()
        .filter(|(_, c)| c.self_signed)
        .filter_map(|(r, c)| {
            let (_, subject, _) = crate::load::element(&c.subject.der).ok()?;
            Some(((crate::load::content(subject), spki_content(&c.public_key.spki_der)?), *r))
        })
        .collect();
    let verified = verified_links(workspace);
    let remembered: Vec<Remembered<'_>> =
        webpki::ALL_VERIFICATION_ALGS.iter().map(|&inner| Remembered { inner, verified: &verified }).collect();
    let algorithms: Vec<&dyn rustls_pki_types::SignatureVerificationAlgorithm> =
        remembered.iter().map(|a| a as &dyn rustls_pki_types::SignatureVerificationAlgorithm).collect();
    let context = Context {
        workspace,
        anchors,
        verdict_anchors: &verdict_anchors,
        private: &private,
        roots: &roots,
        algorithms: &algorithms,
        options,
    };
    let mut verdicts = Vec::new();
    // Hosts: the leaf as sent, with only what the server sent (and what AIA fetched).
    for (input, loaded) in workspace.inputs.iter().enumerate().filter(|(i, _)| is_host(workspace, *i)) {
        if loaded.certificates.is_empty() {
            continue;
        }
        let candidates: Vec<(CertRef, &Certificate)> =
            loaded.certificates.iter().enumerate().skip(1).map(|(index, c)| (CertRef { input, index }, c)).collect();
        let leaf = CertRef { input, index: 0 };
        verdicts.push(context.judge_leaf(leaf, &candidates, findings));
    }
    // Files: each chain's first certificate, with every file's certificates as candidates;
    // the chains on all cores (each path is independent), findings kept in chain order.
    let by_subject = index_by_subject(&files);
    let file_chains: Vec<&crate::chain::Chain> = workspace
        .chains
        .iter()
        .filter(|c| c.certificates.first().is_some_and(|leaf| !is_host(workspace, leaf.input)))
        .collect();
    let judged = crate::parallel::map(&file_chains, |chain| {
        let mut own = Vec::new();
        let leaf = chain.certificates[0]; // filtered above: never empty
        let leaf_certificate = certificate(workspace, leaf)?;
        // A CRL issuer's certificate (an indirect CRL's signer) serves no client: its CRLs'
        // checklists judge it, not a verdict for a purpose it cannot have.
        if signs_crls_only(leaf_certificate) {
            return None;
        }
        let verdict = if is_ca(leaf_certificate) {
            context.judge_ca(leaf, chain, &mut own)
        } else {
            let candidates = reachable(leaf_certificate, &files, &by_subject);
            context.judge_leaf(leaf, &candidates, &mut own)
        };
        Some((verdict, own))
    });
    for (verdict, own) in judged.into_iter().flatten() {
        verdicts.push(verdict);
        findings.extend(own);
    }
    verdicts
}

/// A CA certificate as a chain's first: a root, or an intermediate loaded without its leaf.
fn is_ca(certificate: &Certificate) -> bool {
    certificate.is_ca() || (certificate.self_signed && certificate.version < 3)
}

/// The content of a SubjectPublicKeyInfo (what a trust anchor keeps of it).
fn spki_content(spki: &[u8]) -> Option<&[u8]> {
    let (_, tlv, _) = crate::load::element(spki).ok()?;
    Some(crate::load::content(tlv))
}

struct Context<'a> {
    workspace: &'a Workspace<'a>,
    algorithms: &'a [&'a dyn rustls_pki_types::SignatureVerificationAlgorithm],
    roots: &'a HashMap<(&'a [u8], &'a [u8]), CertRef>,
    anchors: &'a Anchors,
    verdict_anchors: &'a [TrustAnchor<'static>],
    private: &'a [(TrustAnchor<'static>, CertRef)],
    options: &'a super::Options,
}

/// How a path search ended.
enum Path {
    /// Found: the anchor and the intermediates used (indexes into the candidates).
    Found { anchor: TrustAnchor<'static>, intermediates: Vec<usize> },
    /// Not found: rustls-webpki's reason.
    NotFound(webpki::Error),
}

impl Context<'_> {
    fn now(&self) -> OffsetDateTime {
        self.options.now
    }

    /// A path for `leaf` to one of `anchors` among `candidates`. Validity is judged apart
    /// (a finding of its own): when only a date stands in the way, the path is looked for at
    /// a time within the leaf's validity, so an expired certificate still says where it leads.
    fn path(&self, leaf: &Certificate, candidates: &[CertificateDer<'_>], anchors: &[TrustAnchor<'_>]) -> Path {
        let leaf_der = CertificateDer::from(leaf.der.as_slice());
        let Ok(end_entity) = webpki::EndEntityCert::try_from(&leaf_der) else {
            return Path::NotFound(webpki::Error::BadDer);
        };
        let within = leaf.not_before + (leaf.not_after - leaf.not_before) / 2;
        let mut result = Err(webpki::Error::UnknownIssuer);
        for at in [self.now(), leaf.not_before + time::Duration::minutes(1), within] {
            let time = UnixTime::since_unix_epoch(std::time::Duration::from_secs(
                u64::try_from(at.unix_timestamp()).unwrap_or(0),
            ));
            result = end_entity.verify_for_usage(self.algorithms, anchors, candidates, time, AnyUsage, None, None).map(
                |path| {
                    let intermediates = path
                        .intermediate_certificates()
                        .filter_map(|c| candidates.iter().position(|d| d.as_ref() == c.der().as_ref()))
                        .collect();
                    (path.anchor().to_owned(), intermediates)
                },
            );
            match &result {
                Err(webpki::Error::CertExpired { .. } | webpki::Error::CertNotValidYet { .. }) => continue,
                _ => break,
            }
        }
        match result {
            Ok((anchor, intermediates)) => Path::Found { anchor, intermediates },
            Err(err) => Path::NotFound(err),
        }
    }

    fn purpose_for(&self, reference: CertRef, leaf: &Certificate, host: bool) -> Purpose {
        match self.options.purpose {
            Some(purpose) => purpose,
            None if host => Purpose::Server,
            // What it signed here says what it must be: code signing for software, …
            None => super::signature::purpose_of(self.workspace, reference).unwrap_or_else(|| Purpose::of_leaf(leaf)),
        }
    }

    /// An end-entity leaf: path, trust, name, purpose.
    fn judge_leaf(
        &self,
        leaf: CertRef,
        candidates: &[(CertRef, &Certificate)],
        findings: &mut Vec<Finding>,
    ) -> ChainVerdict {
        let host = is_host(self.workspace, leaf.input);
        let Some(leaf_certificate) = certificate(self.workspace, leaf) else {
            return self.empty(leaf, host);
        };
        let purpose = self.purpose_for(leaf, leaf_certificate, host);
        let ders: Vec<CertificateDer<'_>> =
            candidates.iter().map(|(_, c)| CertificateDer::from(c.der.as_slice())).collect();
        let name = self.options.name.clone().or_else(|| host.then(|| self.host_name(leaf.input)).flatten());
        let mut verdict = ChainVerdict { purpose, name: name.clone(), ..self.empty(leaf, host) };
        let display = leaf_certificate.display_name();
        if leaf_certificate.self_signed && !self.in_store(leaf_certificate) {
            findings.push(self.self_signed_leaf(leaf, leaf_certificate, host));
            self.purpose_findings(&verdict, leaf_certificate, findings);
            if let Some(name) = &name
                && matches!(purpose, Purpose::Server | Purpose::Client)
            {
                self.name_finding(leaf, leaf_certificate, name, host, findings);
            }
            verdict.anchor = Some(display);
            verdict.store = Some("itself (self-signed)".into());
            return verdict;
        }
        match self.path(leaf_certificate, &ders, self.verdict_anchors) {
            Path::Found { anchor, intermediates } => {
                verdict.path.extend(intermediates.iter().filter_map(|&i| candidates.get(i).map(|(r, _)| *r)));
                verdict.path.extend(self.loaded_root(&anchor));
                findings.push(self.trusted(&mut verdict, leaf, Some(&display), &anchor));
            }
            Path::NotFound(err) => self.no_path(&mut verdict, leaf_certificate, candidates, &ders, &err, findings),
        }
        self.purpose_findings(&verdict, leaf_certificate, findings);
        if let Some(name) = &name
            && matches!(purpose, Purpose::Server | Purpose::Client)
        {
            self.name_finding(leaf, leaf_certificate, name, host, findings);
        }
        if purpose == Purpose::Email
            && let Some(email) = &self.options.email
        {
            self.email_finding(leaf, leaf_certificate, email, findings);
        }
        verdict
    }

    /// Why no path to the verdict's store: a private root, an untrusted one, a missing
    /// intermediate, or a rule of path validation broken.
    fn no_path(
        &self,
        verdict: &mut ChainVerdict,
        leaf_certificate: &Certificate,
        candidates: &[(CertRef, &Certificate)],
        ders: &[CertificateDer<'_>],
        err: &webpki::Error,
        findings: &mut Vec<Finding>,
    ) {
        let leaf = verdict.leaf;
        let private: Vec<TrustAnchor<'_>> = self.private.iter().map(|(a, _)| a.clone()).collect();
        if !private.is_empty()
            && let Path::Found { anchor, intermediates } = self.path(leaf_certificate, ders, &private)
        {
            verdict.path.extend(intermediates.iter().filter_map(|&i| candidates.get(i).map(|(r, _)| *r)));
            let root_ref = self.loaded_root(&anchor);
            verdict.path.extend(root_ref);
            let root = crate::trust::anchor_name(&anchor);
            verdict.anchor = Some(root.clone());
            verdict.store = Some("loaded here only".into());
            // Said of the root: two leaves under one private root make one finding.
            findings.push(self.root_outside(root_ref.unwrap_or(leaf), &root));
            return;
        }
        match err {
            webpki::Error::UnknownIssuer => {
                // Walk up by names through what there is, to say where the chain stops.
                let mut current = leaf_certificate;
                let mut current_ref = leaf;
                for _ in 0..=candidates.len().min(16) {
                    if current.self_signed {
                        verdict.path.push(current_ref);
                        findings.push(self.root_outside(current_ref, &current.display_name()));
                        return;
                    }
                    if self.verdict_anchors.iter().any(|a| crate::trust::anchor_names(a, &current.issuer)) {
                        findings.push(
                            Finding::new(
                                Severity::Error,
                                "chain.bad_signature",
                                Category::Chain,
                                format!(
                                    "'{}' names the trusted root '{}' as its issuer, but that root's key does not verify it.",
                                    current.display_name(),
                                    current.issuer.display_name()
                                ),
                                "A certificate whose signature does not verify is forged, damaged or issued by another key of the same name; every client rejects it.",
                                "Get the certificate again from the CA; if it was re-keyed, get the intermediate that matches.",
                            )
                            .on(current_ref)
                            .cite("RFC 5280 6.1.3 (a)(1)")
                            .label("bad signature"),
                        );
                        return;
                    }
                    let parent =
                        candidates.iter().find(|(_, c)| c.subject.der == current.issuer.der && c.der != current.der);
                    match parent {
                        Some((r, c)) if current.is_signed_by(c).is_ok() => {
                            verdict.path.push(*r);
                            current = c;
                            current_ref = *r;
                        }
                        // A signature that fails is said by the chain's own findings.
                        Some(_) => return,
                        None => {
                            findings.push(self.missing_issuer(current_ref, current));
                            return;
                        }
                    }
                }
            }
            webpki::Error::InvalidSignatureForPublicKey
            | webpki::Error::UnsupportedSignatureAlgorithmContext(_)
            | webpki::Error::UnsupportedSignatureAlgorithmForPublicKeyContext(_) => {
                // Said once, by the chain's links (chain.bad_signature, algorithm.unsupported).
            }
            other => {
                let judge = crate::trust::Judge {
                    anchors: &[],
                    store: &crate::trust::TrustStore::Mozilla,
                    name: None,
                    purpose: verdict.purpose,
                    now: self.now(),
                    rules: self.options.rules,
                };
                let words = crate::trust::words(other, &judge);
                findings.push(
                    Finding::new(
                        Severity::Error,
                        "trust.rejected",
                        Category::Trust,
                        format!("Clients reject the chain of '{}': {words}.", leaf_certificate.display_name()),
                        "Path validation (RFC 5280 6.1) failed on a rule every client enforces.",
                        "Reissue the certificate (or the CA certificate at fault) so that it follows the rule named.",
                    )
                    .on(leaf)
                    .cite("RFC 5280 6.1")
                    .with("webpki_error", format!("{other:?}"))
                    .label("rejected"),
                );
            }
        }
    }

    /// A self-signed certificate that is its own root is in the verdict's store.
    fn in_store(&self, certificate: &Certificate) -> bool {
        let der = CertificateDer::from(certificate.der.as_slice());
        webpki::anchor_from_trusted_cert(&der).is_ok_and(|a| {
            self.verdict_anchors.iter().any(|v| {
                v.subject.as_ref() == a.subject.as_ref()
                    && v.subject_public_key_info.as_ref() == a.subject_public_key_info.as_ref()
            })
        })
    }

    /// A CA as a chain's first certificate: where its chain (as grouped) ends.
    fn judge_ca(&self, leaf: CertRef, chain: &crate::chain::Chain, findings: &mut Vec<Finding>) -> ChainVerdict {
        let mut verdict = self.empty(leaf, false);
        verdict.ca = true;
        verdict.path = chain.certificates.clone();
        let Some(&top_ref) = chain.certificates.last() else { return verdict };
        let Some(top) = certificate(self.workspace, top_ref) else { return verdict };
        match chain.links.last() {
            Some(ChainLink::SelfSigned) => {
                let top_der = CertificateDer::from(top.der.as_slice());
                let anchor = webpki::anchor_from_trusted_cert(&top_der).ok();
                let in_store = anchor.as_ref().and_then(|a| {
                    self.verdict_anchors.iter().find(|v| {
                        v.subject.as_ref() == a.subject.as_ref()
                            && v.subject_public_key_info.as_ref() == a.subject_public_key_info.as_ref()
                    })
                });
                match in_store {
                    Some(anchor) => findings.push(self.trusted(&mut verdict, top_ref, None, anchor)),
                    None => {
                        verdict.anchor = Some(top.display_name());
                        verdict.store = Some("loaded here only".into());
                        findings.push(self.root_outside(top_ref, &top.display_name()));
                    }
                }
            }
            Some(ChainLink::MissingIssuer(_)) => {
                // The issuer may be a store's root that is not loaded.
                let anchor = self
                    .verdict_anchors
                    .iter()
                    .find(|a| crate::trust::anchor_names(a, &top.issuer) && signed_by_anchor(top, a));
                match anchor {
                    Some(anchor) => findings.push(self.trusted(&mut verdict, leaf, Some(&top.display_name()), anchor)),
                    None => findings.push(self.missing_issuer(top_ref, top)),
                }
            }
            // Broken links and loops are said by the chain's own findings.
            _ => {}
        }
        verdict
    }

    /// The chain reaches `anchor`, a root of a store the verdict is for: the verdict records it,
    /// and the finding says it of `at`: "'from' leads to the root …", or, when the chain is the
    /// root alone (`from` None), "'root' is a root in …".
    fn trusted(
        &self,
        verdict: &mut ChainVerdict,
        at: CertRef,
        from: Option<&str>,
        anchor: &TrustAnchor<'_>,
    ) -> Finding {
        let root = crate::trust::anchor_name(anchor);
        let store = self.anchors.store_of(anchor);
        let words = store.map(|s| self.anchors.store_words(s)).unwrap_or_default();
        let finding = match from {
            Some(from) => Finding::new(
                Severity::Info,
                "trust.trusted",
                Category::Trust,
                format!("'{from}' leads to the root '{root}', one of {words}."),
                "Clients that trust this root accept the chain, if nothing else below stops them.",
                "Nothing to do.",
            )
            .with("root", &root)
            .label("trusted"),
            None => Finding::new(
                Severity::Info,
                "trust.trusted",
                Category::Trust,
                format!("'{root}' is a root in {words}."),
                "Clients with this store trust what it issues, if nothing else stops them.",
                "Nothing to do.",
            )
            .label("trusted root"),
        };
        verdict.anchor = Some(root);
        verdict.store = Some(words.clone());
        verdict.anchored_in = store;
        verdict.trusted = true;
        finding.on(at).with("store", words)
    }

    fn empty(&self, leaf: CertRef, host: bool) -> ChainVerdict {
        ChainVerdict {
            leaf,
            path: vec![leaf],
            purpose: Purpose::Server,
            ca: false,
            host,
            name: None,
            anchor: None,
            store: None,
            anchored_in: None,
            trusted: false,
            verdict: Verdict { status: super::Status::Ok, headline: String::new() },
        }
    }

    /// The anchor's certificate, when it was loaded (a file's root, a given root loaded too).
    fn loaded_root(&self, anchor: &TrustAnchor<'_>) -> Option<CertRef> {
        self.roots.get(&(anchor.subject.as_ref(), anchor.subject_public_key_info.as_ref())).copied()
    }

    fn host_name(&self, input: usize) -> Option<String> {
        let extras = self.workspace.extras.get(input)?;
        let connection = extras.connection.as_ref()?;
        connection.sni.clone().or_else(|| Some(connection.address.ip().to_string()))
    }
}

/// Whether `certificate` is signed by the anchor's key.
fn signed_by_anchor(certificate: &Certificate, anchor: &TrustAnchor<'_>) -> bool {
    // The anchor holds the SPKI's content: wrap it again in its SEQUENCE.
    let spki = crate::load::wrap_sequence(anchor.subject_public_key_info.as_ref());
    certificate.is_signed_by_key(&spki).is_ok()
}

fn index_by_subject<'a>(files: &[(CertRef, &'a Certificate)]) -> HashMap<&'a [u8], Vec<usize>> {
    let mut by_subject: HashMap<&[u8], Vec<usize>> = HashMap::new();
    for (i, (_, c)) in files.iter().enumerate() {
        by_subject.entry(c.subject.der.as_slice()).or_default().push(i);
    }
    by_subject
}

/// The certificates that could be on a path up from `leaf`, by issuer names (and key
/// identifiers, for names encoded differently): a bundle of thousands is not handed whole to
/// the path builder for every leaf.
fn reachable<'a>(
    leaf: &Certificate,
    files: &[(CertRef, &'a Certificate)],
    by_subject: &HashMap<&[u8], Vec<usize>>,
) -> Vec<(CertRef, &'a Certificate)> {
    // Same bounds as the chain grouping's: a budget, as webpki's path builder has one.
    const MAX: usize = 64;
    let mut found: Vec<usize> = Vec::new();
    let mut seen: HashSet<usize> = HashSet::new();
    let mut wanted: Vec<(&[u8], Option<&str>)> = vec![(leaf.issuer.der.as_slice(), leaf.authority_key_id())];
    while let Some((name, key_id)) = wanted.pop() {
        let mut hits: Vec<usize> = by_subject.get(name).cloned().unwrap_or_default();
        if hits.is_empty()
            && let Some(key_id) = key_id
        {
            hits = files
                .iter()
                .enumerate()
                .filter(|(_, (_, c))| c.subject_key_id() == Some(key_id))
                .map(|(i, _)| i)
                .collect();
        }
        for i in hits {
            if found.len() >= MAX {
                break;
            }
            let (_, c) = files[i];
            if c.der == leaf.der || !seen.insert(i) {
                continue;
            }
            found.push(i);
            if !c.self_signed {
                wanted.push((c.issuer.der.as_slice(), c.authority_key_id()));
            }
        }
    }
    found.into_iter().map(|i| files[i]).collect()
}

/// An end-entity certificate whose key usage is cRLSign alone: a CRL issuer's (RFC 5280
/// 4.2.1.3, 5.2.5), which signs CRLs for its CA and nothing else.
fn signs_crls_only(certificate: &Certificate) -> bool {
    !is_ca(certificate)
        && certificate.extensions.iter().any(|e| {
            matches!(&e.value, crate::model::Extension::KeyUsage(bits) if bits.iter().all(|b| b == "CRL signing") && !bits.is_empty())
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::{InputExtras, Options, Workspace, diagnose};

    #[test]
    fn an_unreadable_system_store_is_said_and_decides_only_when_it_is_the_store_asked_for() {
        let mut anchors = Anchors::offline(&[], "");
        anchors.system_error = Some("no system roots found".into());
        let revocation = crate::revocation::Revocation::default();
        let extras: [InputExtras; 0] = [];
        let workspace = Workspace { inputs: &[], chains: &[], revocation: &revocation, extras: &extras, named: None };
        let rows = [
            (TrustChoice::System, Some(Severity::Error), true),
            (TrustChoice::Any, Some(Severity::Notice), false),
            (TrustChoice::Mozilla, None, false),
        ];
        for (trust, severity, could_not_run) in rows {
            let options = Options { trust, ..Options::at(time::OffsetDateTime::UNIX_EPOCH) };
            let diagnosis = diagnose(&workspace, &anchors, &options);
            let found = diagnosis.findings.iter().find(|f| f.code == "trust.system_store_unreadable");
            assert_eq!(found.map(|f| f.severity), severity, "{trust:?}");
            assert_eq!(diagnosis.could_not_run(), could_not_run, "{trust:?}");
        }
    }
}
