//! certscope: load certificates from any common format, show every field, build chains,
//! and report in words people can act on.
//!
//! The library knows PKI and nothing of the screen; `app` (in the binary) draws what it says.

#![deny(missing_docs)]

pub mod asn1;
pub mod chain;
pub mod compare;
pub mod ct;
pub mod diagnose;
pub mod explain;
pub mod host;
pub mod inventory;
pub mod load;
pub mod model;
pub mod net;
mod parallel;
pub mod report;
pub mod revocation;
pub mod settings;
pub mod trust;
pub mod verification;

pub use chain::{Chain, ChainLink, build_chains};
pub use load::{Input, LoadError, LoadOptions, load_bytes, load_path};
pub use model::Certificate;
