//! Bad input never panics and never yields a false "good": every truncation and every
//! single-bit flip of real files is loaded, and no modified certificate ever sits in a
//! complete chain.

mod support;

use std::collections::HashSet;

use certscope::load::{LoadError, LoadOptions, load_bytes, load_path};
use certscope::{build_chains, model::hex};
use support::*;

#[test]
fn every_truncation_of_every_format_loads_without_panic() {
    for (file, step) in [
        ("leaf-p256.der", 1),
        ("intermediate-crl.der", 1),
        ("request.der", 1),
        ("chain-der.p7b", 1),
        ("signed-ber.p7s", 3),
        ("chain.pem", 1),
        ("empty-password.p12", 17), // each try runs the key derivation: sample the prefixes
    ] {
        let bytes = std::fs::read(fixture(file)).unwrap();
        for end in (0..bytes.len()).step_by(step) {
            let input = load_bytes(file, &bytes[..end], &LoadOptions::default());
            if file.ends_with(".der") {
                // A strict prefix of one DER item is never a whole item.
                assert!(input.item_count() == 0 && input.error.is_some(), "{file}[..{end}] loaded");
            }
            let _ = build_chains(&[input]);
        }
    }
}

#[test]
fn no_single_bit_flip_in_a_leaf_gives_a_complete_chain() {
    let leaf = std::fs::read(fixture("leaf-p256.der")).unwrap();
    let issuers = load("chain.pem");
    let originals: HashSet<String> = issuers.certificates.iter().map(|c| hex(&c.sha256)).collect();
    let mut still_parsed = 0;
    for bit in 0..leaf.len() * 8 {
        let mut flipped = leaf.clone();
        flipped[bit / 8] ^= 1 << (bit % 8);
        let input = load_bytes("flipped", &flipped, &LoadOptions::default());
        still_parsed += input.certificates.len();
        let inputs = [input, issuers.clone()];
        for chain in build_chains(&inputs) {
            if !chain.complete {
                continue;
            }
            for r in &chain.certificates {
                let fingerprint = hex(&inputs[r.input].certificates[r.index].sha256);
                assert!(originals.contains(&fingerprint), "bit {bit}: a modified certificate is in a complete chain");
            }
        }
    }
    assert!(still_parsed > 1000, "most flips still parse ({still_parsed}): the signature check is what rejects them");
}

#[test]
fn bit_flips_in_containers_never_panic() {
    for file in ["chain-der.p7b", "intermediate-crl.der", "request.der", "root.der"] {
        let bytes = std::fs::read(fixture(file)).unwrap();
        for bit in 0..bytes.len() * 8 {
            let mut flipped = bytes.clone();
            flipped[bit / 8] ^= 1 << (bit % 8);
            let input = load_bytes(file, &flipped, &LoadOptions::default());
            let _ = build_chains(&[input]);
        }
    }
}

#[test]
fn a_one_gigabyte_file_is_refused_without_being_read() {
    let dir = std::env::temp_dir().join(format!("certscope-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.pem");
    // Sparse: no disk used, and reading it would take seconds and a gigabyte of memory.
    std::fs::File::create(&path).unwrap().set_len(1 << 30).unwrap();
    let input = load_path(&path, &LoadOptions::default());
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(input.error, Some(LoadError::TooLarge { size: 1 << 30, limit: 20 * 1024 * 1024 }));
}

#[test]
fn random_bytes_never_panic() {
    // A fixed xorshift stream: the same cases every run.
    let mut state: u64 = 0x1fed_f00d;
    for length in [0usize, 1, 2, 3, 16, 100, 1000, 5000] {
        for _ in 0..200 {
            let bytes: Vec<u8> = (0..length)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    state as u8
                })
                .collect();
            let mut framed = vec![0x30, 0x82, (length >> 8) as u8, length as u8];
            framed.extend(&bytes);
            for candidate in [&bytes, &framed] {
                let input = load_bytes("random", candidate, &LoadOptions::default());
                assert!(input.certificates.is_empty() || input.error.is_none());
            }
        }
    }
}

#[test]
fn the_diagnosis_of_every_bit_flip_never_panics_and_never_accepts_the_forgery() {
    // The leaf, flipped bit by bit, beside its real issuers and judged against its real root:
    // whatever still parses is judged an error (a signature that fails, an issuer not found),
    // never "ok" and never "clients accept it".
    let leaf = std::fs::read(fixture("leaf-p256.der")).unwrap();
    let issuers = [load("intermediate.pem"), load("root.pem")];
    let root = issuers[1].certificates[0].der.clone();
    let anchors = certscope::diagnose::Anchors::only(&[root], "the test root");
    let now = certscope::model::time::parse_rfc3339(NOW).unwrap();
    let mut judged = 0;
    for bit in 0..leaf.len() * 8 {
        let mut flipped = leaf.clone();
        flipped[bit / 8] ^= 1 << (bit % 8);
        let input = load_bytes("flipped", &flipped, &LoadOptions::default());
        if input.certificates.is_empty() {
            continue;
        }
        let inputs = [input, issuers[0].clone(), issuers[1].clone()];
        let diagnosis = diagnose_files(&inputs, &anchors, &certscope::diagnose::Options::at(now));
        let flipped_leaf = certscope::chain::CertRef { input: 0, index: 0 };
        let verdict = diagnosis.chain_of(flipped_leaf).map(|c| c.verdict.status);
        assert_eq!(verdict, Some(certscope::diagnose::Status::Error), "bit {bit}: {:?}", diagnosis.verdict);
        judged += 1;
    }
    assert!(judged > 1000, "most flips still parse ({judged})");
}

/// A folder of `files` copies of the test leaf, and a FIFO among them, in a fresh temporary folder.
fn folder_with_a_fifo(name: &str, files: usize) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("certscope-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let leaf = std::fs::read(fixture("leaf-p256.pem")).unwrap();
    for n in 0..files {
        std::fs::write(dir.join(format!("{n:04}.pem")), &leaf).unwrap();
    }
    let made = std::process::Command::new("mkfifo").arg(dir.join("0000-pipe.pem")).status().unwrap();
    assert!(made.success(), "mkfifo");
    dir
}

#[test]
fn a_fifo_in_a_folder_is_passed_over_not_waited_on() {
    // Opening a FIFO blocks until something writes to it: the folder's loading would never end.
    let dir = folder_with_a_fifo("fifo", 3);
    let (done, finished) = std::sync::mpsc::channel();
    let folder = dir.clone();
    std::thread::spawn(move || done.send(certscope::load::load_paths(&[folder], &LoadOptions::default())));
    let loaded = finished.recv_timeout(std::time::Duration::from_secs(10)).expect("the folder's loading returned");
    let names: Vec<String> =
        loaded.iter().map(|(path, _)| path.file_name().unwrap().to_string_lossy().into()).collect();
    assert_eq!(names, ["0000.pem", "0001.pem", "0002.pem"]);
    assert!(loaded.iter().all(|(_, input)| input.certificates.len() == 1));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_cancelled_folder_load_starts_no_further_file() {
    let dir = folder_with_a_fifo("cancelled", 400);
    let files = certscope::load::expand_paths(std::slice::from_ref(&dir));
    assert_eq!(files.len(), 400);
    let cancel = certscope::net::Cancel::new();
    let _entered = cancel.enter();
    let mut batches = Vec::new();
    certscope::load::load_files_in_batches(&files, &LoadOptions::default(), 48, |batch, done, total| {
        batches.push((batch.len(), done, total));
        cancel.cancel(); // the window's Stop, while the first batch lands
        true
    });
    assert_eq!(batches, [(48, 48, 400)], "one batch, then nothing started");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_folder_over_the_file_cap_is_cut_and_says_so() {
    use certscope::load::{MAX_FOLDER_FILES, list_files};
    let dir = std::env::temp_dir().join(format!("certscope-cap-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for n in 0..=MAX_FOLDER_FILES {
        std::fs::File::create(dir.join(format!("{n:06}.pem"))).unwrap();
    }
    let (files, cut) = list_files(std::slice::from_ref(&dir));
    assert!(cut, "one file over the cap");
    assert_eq!(files.len(), MAX_FOLDER_FILES);
    assert!(files.last().unwrap().ends_with(format!("{:06}.pem", MAX_FOLDER_FILES - 1)), "the first in name order");
    std::fs::remove_file(dir.join(format!("{MAX_FOLDER_FILES:06}.pem"))).unwrap();
    let (files, cut) = list_files(std::slice::from_ref(&dir));
    assert_eq!((files.len(), cut), (MAX_FOLDER_FILES, false), "at the cap, nothing is cut");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bit_flips_in_a_pkcs12_never_panic_and_never_load_changed_certificates() {
    // The MAC covers the certificates: a flip anywhere either stops the file (a MAC or parse
    // error) or, outside what the MAC covers, leaves the very same certificates.
    let options = LoadOptions { password: Some("correct horse".into()), ..LoadOptions::default() };
    let bytes = std::fs::read(fixture("modern.p12")).unwrap();
    let original = load_bytes("modern.p12", &bytes, &options);
    assert!(original.error.is_none() && !original.certificates.is_empty(), "{:?}", original.error);
    let ders: Vec<&[u8]> = original.certificates.iter().map(|c| c.der.as_slice()).collect();
    // Each try runs the key derivation: sample the bytes, every bit position in turn.
    for (n, at) in (0..bytes.len()).step_by(5).enumerate() {
        let mut flipped = bytes.clone();
        flipped[at] ^= 1 << (n % 8);
        let input = load_bytes("flipped.p12", &flipped, &options);
        if input.error.is_none() {
            let got: Vec<&[u8]> = input.certificates.iter().map(|c| c.der.as_slice()).collect();
            assert_eq!(got, ders, "byte {at} flipped, and different certificates loaded");
        }
    }
}
