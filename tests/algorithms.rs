//! Signature algorithms beyond the common ones, verified by aws-lc-rs.
//!
//! Post-quantum chains: the test PKI's root, intermediate and leaf remade with ML-DSA-65 keys
//! (FIPS 204; RFC 9881 for the identifiers), each signed again by its issuer's ML-DSA key with
//! aws-lc-rs. certscope checks every link and rustls-webpki's trust verdict accepts the chain;
//! one changed byte in a signature is caught.

mod support;

use aws_lc_rs::signature::{KeyPair as _, ML_DSA_65_SIGNING, PqdsaKeyPair};
use der::asn1::{BitString, ObjectIdentifier};
use der::{Decode as _, Encode as _};
use support::*;
use x509_cert::Certificate;
use x509_cert::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

/// id-ml-dsa-65 (RFC 9881 2): the key's algorithm and the signature's, without parameters.
const ML_DSA_65: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.18");

fn algorithm() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned { oid: ML_DSA_65, parameters: None }
}

/// `fixture`'s certificate with `key` as its key, signed by `issuer`.
fn remade(fixture: &str, key: &PqdsaKeyPair, issuer: &PqdsaKeyPair) -> Vec<u8> {
    let der = &load(fixture).certificates[0].der;
    let mut cert = Certificate::from_der(der).unwrap();
    cert.tbs_certificate.subject_public_key_info = SubjectPublicKeyInfoOwned {
        algorithm: algorithm(),
        subject_public_key: BitString::from_bytes(key.public_key().as_ref()).unwrap(),
    };
    cert.tbs_certificate.signature = algorithm();
    let tbs = cert.tbs_certificate.to_der().unwrap();
    let mut signature = vec![0; ML_DSA_65_SIGNING.signature_len()];
    let len = issuer.sign(&tbs, &mut signature).unwrap();
    signature.truncate(len);
    cert.signature_algorithm = algorithm();
    cert.signature = BitString::from_bytes(&signature).unwrap();
    cert.to_der().unwrap()
}

fn pem(der: &[u8]) -> String {
    certscope::load::to_pem("CERTIFICATE", der)
}

struct Chain {
    dir: std::path::PathBuf,
    root: Vec<u8>,
    intermediate: Vec<u8>,
    leaf: Vec<u8>,
}

fn ml_dsa_chain(name: &str) -> Chain {
    let [root_key, intermediate_key, leaf_key] = [(); 3].map(|()| PqdsaKeyPair::generate(&ML_DSA_65_SIGNING).unwrap());
    let dir = std::env::temp_dir().join(format!("certscope-pq-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    Chain {
        dir,
        root: remade("root.pem", &root_key, &root_key),
        intermediate: remade("intermediate.pem", &intermediate_key, &root_key),
        leaf: remade("leaf-p256.pem", &leaf_key, &intermediate_key),
    }
}

/// `certscope report --json` on the leaf and intermediate, with the root as the only anchor.
fn judged(chain: &Chain, leaf: &[u8]) -> serde_json::Value {
    let root = chain.dir.join("root.pem");
    let served = chain.dir.join("served.pem");
    std::fs::write(&root, pem(&chain.root)).unwrap();
    std::fs::write(&served, pem(leaf) + &pem(&chain.intermediate)).unwrap();
    let out =
        certscope().args(["report", "--json", "--time", NOW, "--ca-file"]).arg(&root).arg(&served).output().unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
}

fn codes(value: &serde_json::Value) -> Vec<String> {
    value["findings"].as_array().unwrap().iter().map(|f| format!("{}:{}", f["severity"], f["code"])).collect()
}

#[test]
fn an_ml_dsa_chain_verifies_link_by_link_and_is_trusted() {
    let chain = ml_dsa_chain("good");
    // The library's own link check, as the window's chain view shows it.
    let leaf = certscope::Certificate::from_der(&chain.leaf).unwrap();
    let intermediate = certscope::Certificate::from_der(&chain.intermediate).unwrap();
    let root = certscope::Certificate::from_der(&chain.root).unwrap();
    assert_eq!(leaf.is_signed_by(&intermediate), Ok(()));
    assert_eq!(intermediate.is_signed_by(&root), Ok(()));
    assert!(root.self_signed, "a self-signed ML-DSA root is recognised as self-signed");
    assert!(leaf.is_signed_by(&root).is_err(), "the wrong issuer's key does not verify");

    let value = judged(&chain, &chain.leaf);
    let codes = codes(&value);
    assert!(codes.iter().any(|c| c.contains("algorithm.post_quantum")), "{codes:?}");
    // The test PKI's leaf is no publicly-trusted one (the BR lints say so); nothing else is wrong.
    let errors: Vec<_> = codes.iter().filter(|c| c.starts_with("\"error\"") && !c.contains("lint.cabf_br")).collect();
    assert!(errors.is_empty(), "no error for a good ML-DSA chain: {codes:?}");
    assert!(codes.iter().any(|c| c.contains("trust.trusted")), "{codes:?}");
    assert!(!codes.iter().any(|c| c.contains("algorithm.unsupported")), "{codes:?}");
    let judged = &value["chain_verdicts"][0];
    assert_eq!(judged["trusted"], true, "rustls-webpki accepts the ML-DSA chain: {judged:#}");
    assert_eq!(judged["anchor"], "certscope Test Root CA", "{judged:#}");
    assert_eq!(judged["path"].as_array().unwrap().len(), 2, "leaf and intermediate up to the anchor: {judged:#}");
    std::fs::remove_dir_all(&chain.dir).ok();
}

#[test]
fn a_changed_ml_dsa_signature_is_caught() {
    let chain = ml_dsa_chain("bad");
    let mut leaf = chain.leaf.clone();
    let last = leaf.len() - 10;
    leaf[last] ^= 0x01;
    let intermediate = certscope::Certificate::from_der(&chain.intermediate).unwrap();
    let broken = certscope::Certificate::from_der(&leaf).unwrap();
    assert!(broken.is_signed_by(&intermediate).is_err());

    let value = judged(&chain, &leaf);
    assert_eq!(value["verdict"]["status"], "error", "{:?}", codes(&value));
    assert_eq!(value["chain_verdicts"][0]["trusted"], false);
    std::fs::remove_dir_all(&chain.dir).ok();
}

/// ECDSA on P-521 with SHA-512 (RFC 5758 3.2), which x509-parser's table leaves out: made by
/// openssl at test time, checked by certscope and trusted by rustls-webpki.
#[test]
fn a_p521_chain_verifies() {
    let dir = std::env::temp_dir().join(format!("certscope-p521-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let at = |name: &str| dir.join(name).display().to_string();
    let curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-521", "-nodes", "-sha512"];
    let mut root = vec!["req", "-x509", "-days", "30", "-subj", "/CN=P-521 Test Root"];
    root.extend(curve);
    let (root_key, root_pem) = (at("root.key"), at("root.pem"));
    root.extend(["-keyout", &root_key, "-out", &root_pem, "-addext", "basicConstraints=critical,CA:true"]);
    openssl(&root);
    let mut request = vec!["req", "-new", "-subj", "/CN=p521.certscope.test"];
    request.extend(curve);
    let (leaf_key, leaf_csr, leaf_pem) = (at("leaf.key"), at("leaf.csr"), at("leaf.pem"));
    request.extend(["-keyout", &leaf_key, "-out", &leaf_csr]);
    openssl(&request);
    let extensions = at("ext.cnf");
    std::fs::write(&extensions, "subjectAltName=DNS:p521.certscope.test\nextendedKeyUsage=serverAuth\n").unwrap();
    openssl(&[
        "x509",
        "-req",
        "-in",
        &leaf_csr,
        "-CA",
        &root_pem,
        "-CAkey",
        &root_key,
        "-days",
        "20",
        "-sha512",
        "-set_serial",
        "0x5a21",
        "-extfile",
        &extensions,
        "-out",
        &leaf_pem,
    ]);

    let root = certscope::load::load_path(std::path::Path::new(&root_pem), &Default::default());
    let leaf = certscope::load::load_path(std::path::Path::new(&leaf_pem), &Default::default());
    let (root, leaf) = (&root.certificates[0], &leaf.certificates[0]);
    assert_eq!(leaf.public_key.curve.as_deref(), Some("P-521"));
    assert_eq!(leaf.is_signed_by(root), Ok(()));
    assert!(root.self_signed);

    let out = certscope()
        .args(["report", "--json", "--hostname", "p521.certscope.test", "--ca-file", &root_pem, &leaf_pem])
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["chain_verdicts"][0]["trusted"], true, "{:?}", codes(&value));
    std::fs::remove_dir_all(&dir).ok();
}
