//! The headless report: the same model and the same diagnosis as the window, drawn as text
//! for people (`text`), Markdown for a ticket (`markdown`), CSV for an inventory (`csv`) or
//! JSON for tools (`json`, whose
//! wire types live apart from the model, so the format changes only on purpose: field names
//! named by issues are a contract; add fields freely, never rename or drop one).

mod csv;
mod json;
mod markdown;
mod text;

use time::{OffsetDateTime, UtcOffset};

use crate::chain::Chain;
use crate::diagnose::Diagnosis;
use crate::load::Input;
use crate::revocation::Revocation;

pub use crate::diagnose::InputExtras;
pub use csv::to_csv;
pub use json::{to_json, write_json};
pub use markdown::to_markdown;
pub use text::{to_text, write_text};

/// Exit status of `certscope report`.
pub mod exit {
    /// Everything loaded and no check failed.
    pub const OK: u8 = 0;
    /// A check failed (revocation, validation: later issues).
    pub const CHECK_FAILED: u8 = 1;
    /// Could not run: unreadable input, bad flags.
    pub const COULD_NOT_RUN: u8 = 2;
}

/// The exit status from the diagnosis: 2 when a named input could not be read (or a host
/// reached); else 1 when a finding is an error (a lint's only when strict); else 0.
pub fn exit_code(diagnosis: &Diagnosis) -> u8 {
    if diagnosis.could_not_run() {
        exit::COULD_NOT_RUN
    } else if diagnosis.has_errors() {
        exit::CHECK_FAILED
    } else {
        exit::OK
    }
}

/// Everything a report draws: what was loaded and what the diagnosis concluded.
#[derive(Clone, Copy)]
pub struct Report<'a> {
    /// The inputs.
    pub inputs: &'a [Input],
    /// The chains as grouped.
    pub chains: &'a [Chain],
    /// Every revocation answer.
    pub revocation: &'a Revocation,
    /// Per input: connection, validation checklist, staple, fetched certificates.
    pub extras: &'a [InputExtras],
    /// The one diagnosis.
    pub diagnosis: &'a Diagnosis,
    /// When it was judged.
    pub now: OffsetDateTime,
    /// The local time zone, for readable times.
    pub local: UtcOffset,
}
