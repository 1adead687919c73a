//! The network, always off the UI thread: HTTP and LDAP with timeouts and size caps.

pub mod cancel;
pub mod http;
pub mod ldap;
pub mod starttls;
pub mod tls;

pub use cancel::Cancel;

pub use http::{FetchError, Fetched, Limits, fetch, post, route};
