//! The views: each draws from the state it is given and returns the commands the user gave
//! (as egui's demo apps do); none changes the state itself.

pub mod asn1;
pub mod compare;
pub mod details;
pub mod diagram;
pub mod explain;
pub mod inventory;
pub mod revocation;
pub mod settings;
pub mod toolbar;
pub mod tree;
pub mod verdict;
pub mod welcome;
