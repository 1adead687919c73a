//! The network, always off the UI thread: HTTP with timeouts and size caps.

pub mod http;
pub mod tls;

pub use http::{FetchError, Fetched, Limits, fetch, post, route};
