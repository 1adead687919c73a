//! A verification result as a checklist: every check considered, each passed, failed with
//! why, or not applicable. Never a bare bool: the window shows the list, the report prints it.

/// One line of a checklist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    /// What was checked: "CRL signature by the issuer's key".
    pub name: &'static str,
    /// How it came out.
    pub outcome: Outcome,
}

/// How a check came out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// It holds.
    Pass,
    /// It does not, and why, in words.
    Fail(String),
    /// It does not apply here, and why.
    NotApplicable(String),
    /// It holds well enough for clients, but deserves fixing (a chain sent out of order).
    Warn(String),
}

impl Check {
    /// A check from a condition and the words for when it fails.
    pub fn require(name: &'static str, holds: bool, why: impl FnOnce() -> String) -> Self {
        Self { name, outcome: if holds { Outcome::Pass } else { Outcome::Fail(why()) } }
    }

    /// `pass`, `fail`, `not_applicable` or `warn`: the JSON `result`.
    pub fn result(&self) -> &'static str {
        match self.outcome {
            Outcome::Pass => "pass",
            Outcome::Fail(_) => "fail",
            Outcome::NotApplicable(_) => "not_applicable",
            Outcome::Warn(_) => "warn",
        }
    }

    /// The why, for a failure or a not-applicable.
    pub fn detail(&self) -> Option<&str> {
        match &self.outcome {
            Outcome::Pass => None,
            Outcome::Fail(why) | Outcome::NotApplicable(why) | Outcome::Warn(why) => Some(why),
        }
    }
}

/// The first failed check of a list, if any.
pub fn first_failure(checks: &[Check]) -> Option<&Check> {
    checks.iter().find(|c| matches!(c.outcome, Outcome::Fail(_)))
}
