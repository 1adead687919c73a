//! The trust stores a verdict is for: Mozilla's roots, the system's, the roots given; read
//! once, and named in words.

use rustls_pki_types::{CertificateDer, TrustAnchor};

/// Which store the verdict is for (`--trust`, the window's choice).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TrustChoice {
    /// Any of them: the roots given, the system's, Mozilla's. A loaded root in none of them is
    /// a private PKI (a warning).
    #[default]
    Any,
    /// Mozilla's roots (and the roots given): a chain ending elsewhere is untrusted (an error).
    Mozilla,
    /// The system's roots (and the roots given).
    System,
}

impl TrustChoice {
    /// `any`, `mozilla`, `system`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Any => "any",
            Self::Mozilla => "mozilla",
            Self::System => "system",
        }
    }
}

/// The trust stores, read once (the system's from the disk: off the UI thread).
#[derive(Clone)]
pub struct Anchors {
    given: Vec<(TrustAnchor<'static>, String)>,
    mozilla: Vec<TrustAnchor<'static>>,
    system: Vec<TrustAnchor<'static>>,
    /// Why the system store could not be read, when it could not: said as a finding.
    pub system_error: Option<String>,
    /// Where the given roots came from, for the words: "the roots in ca.pem".
    pub given_words: String,
}

/// Which store a chain's root is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)] // the names say it
pub enum Store {
    Given,
    Mozilla,
    System,
}

impl Anchors {
    /// Mozilla's roots, the system's (read now) and the given ones (DER).
    pub fn load(given: &[Vec<u8>], given_words: &str) -> Self {
        let mut anchors = Self::offline(given, given_words);
        match crate::trust::TrustStore::System.anchors() {
            Ok(system) => anchors.system = system,
            Err(why) => anchors.system_error = Some(why),
        }
        anchors
    }

    /// Mozilla's roots and the given ones; no system store (tests, and before it is read).
    pub fn offline(given: &[Vec<u8>], given_words: &str) -> Self {
        let given = given
            .iter()
            .filter_map(|der| {
                let anchor = webpki::anchor_from_trusted_cert(&CertificateDer::from(der.as_slice())).ok()?.to_owned();
                let name = crate::trust::anchor_name(&anchor);
                Some((anchor, name))
            })
            .collect();
        Self {
            given,
            mozilla: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
            system: Vec::new(),
            system_error: None,
            given_words: given_words.to_string(),
        }
    }

    /// These stores with other given roots (the window's Host options' CA file, as it changes).
    pub fn with_given(&self, given: &[Vec<u8>], given_words: &str) -> Self {
        Self {
            mozilla: self.mozilla.clone(),
            system: self.system.clone(),
            system_error: self.system_error.clone(),
            ..Self::only(given, given_words)
        }
    }

    /// The anchors of one store, from what was read: the system's store is not read again.
    pub fn of_store(&self, store: &crate::trust::TrustStore) -> Result<Vec<TrustAnchor<'static>>, String> {
        match store {
            crate::trust::TrustStore::Mozilla => Ok(self.mozilla.clone()),
            crate::trust::TrustStore::System => match &self.system_error {
                Some(why) => Err(why.clone()),
                None => Ok(self.system.clone()),
            },
            custom => custom.anchors(),
        }
    }

    /// No store at all but the given roots (tests of private PKIs).
    pub fn only(given: &[Vec<u8>], given_words: &str) -> Self {
        Self { mozilla: Vec::new(), ..Self::offline(given, given_words) }
    }

    pub(super) fn for_choice(&self, choice: TrustChoice) -> Vec<TrustAnchor<'static>> {
        let mut all: Vec<TrustAnchor<'static>> = self.given.iter().map(|(a, _)| a.clone()).collect();
        if choice != TrustChoice::System {
            all.extend(self.mozilla.iter().cloned());
        }
        if choice != TrustChoice::Mozilla {
            all.extend(self.system.iter().cloned());
        }
        all
    }

    /// The SubjectPublicKeyInfo (DER) of a root named `name` (a Name's DER), in any store:
    /// what a certificate issued by a root needs for its SCTs' signatures.
    pub(crate) fn key_of_root_named(&self, name: &[u8]) -> Option<Vec<u8>> {
        use der::{Decode, Encode};
        let contents = der::asn1::AnyRef::from_der(name).ok()?;
        let anchor = self
            .given
            .iter()
            .map(|(a, _)| a)
            .chain(&self.mozilla)
            .chain(&self.system)
            .find(|a| a.subject.as_ref() == contents.value())?;
        der::asn1::AnyRef::new(der::Tag::Sequence, anchor.subject_public_key_info.as_ref()).ok()?.to_der().ok()
    }

    pub(super) fn store_of(&self, anchor: &TrustAnchor<'_>) -> Option<Store> {
        let same = |a: &TrustAnchor<'_>| {
            a.subject.as_ref() == anchor.subject.as_ref()
                && a.subject_public_key_info.as_ref() == anchor.subject_public_key_info.as_ref()
        };
        if self.given.iter().any(|(a, _)| same(a)) {
            Some(Store::Given)
        } else if self.mozilla.iter().any(same) {
            Some(Store::Mozilla)
        } else if self.system.iter().any(same) {
            Some(Store::System)
        } else {
            None
        }
    }

    pub(super) fn store_words(&self, store: Store) -> String {
        match store {
            Store::Given if self.given_words.is_empty() => "the roots given".into(),
            Store::Given => self.given_words.clone(),
            Store::Mozilla => "Mozilla's roots".into(),
            Store::System => "the system's roots".into(),
        }
    }

    /// Words for the store a choice names: "Mozilla's roots", "any trust store".
    pub fn choice_words(&self, choice: TrustChoice) -> String {
        let given =
            if self.given.is_empty() { String::new() } else { format!(" or {}", self.store_words(Store::Given)) };
        match choice {
            TrustChoice::Any => format!("any trust store here (Mozilla's roots, the system's{given})"),
            TrustChoice::Mozilla => format!("Mozilla's roots{given}"),
            TrustChoice::System => format!("the system's roots{given}"),
        }
    }
}
