//! Chains: ordered leaf to root, each link's signature checked, breaks named.

mod support;

use certscope::build_chains;
use certscope::chain::{CertRef, ChainLink};
use support::*;

fn names(inputs: &[certscope::Input], refs: &[CertRef]) -> Vec<String> {
    refs.iter().map(|r| inputs[r.input].certificates[r.index].display_name()).collect()
}

#[test]
fn a_full_chain_is_ordered_leaf_to_root_and_complete() {
    for file in ["chain.pem", "chain-der.p7b", "chain-messy.pem"] {
        let inputs = [load(file)];
        let chains = build_chains(&inputs);
        assert_eq!(chains.len(), 1, "{file}");
        assert!(chains[0].complete, "{file}");
        assert_eq!(
            names(&inputs, &chains[0].certificates),
            ["p256.certscope.test", "certscope Test Intermediate CA", "certscope Test Root CA"],
            "{file}: DER p7b sorts its SET differently; the chain must not care"
        );
        assert_eq!(chains[0].links, [ChainLink::Verified, ChainLink::Verified, ChainLink::SelfSigned]);
        assert!(chains[0].problems().is_empty());
    }
}

#[test]
fn a_missing_intermediate_is_named_with_where_to_get_it() {
    let inputs = [load("missing-intermediate.pem")];
    let chains = build_chains(&inputs);
    let broken = chains.iter().find(|c| !c.complete).expect("the leaf's chain is incomplete");
    assert_eq!(
        broken.problems(),
        ["issuer 'certscope Test Intermediate CA' of 'p256.certscope.test' is not among the loaded certificates \
          (its certificate is published at http://pki.certscope.test/intermediate.der)"]
    );
    // The root on its own is a complete (one-certificate) chain.
    assert!(chains.iter().any(|c| c.complete && c.certificates.len() == 1));
}

#[test]
fn a_same_named_issuer_with_another_key_does_not_verify() {
    let inputs = [load("bad-signature.pem")];
    let chains = build_chains(&inputs);
    let leaf_chain = chains.iter().find(|c| names(&inputs, &c.certificates)[0] == "p256.certscope.test").unwrap();
    assert!(!leaf_chain.complete);
    let problems = leaf_chain.problems();
    assert!(
        problems[0].starts_with(
            "signature of 'p256.certscope.test' does not verify with the key of 'certscope Test Intermediate CA'"
        ),
        "{problems:?}"
    );
}

#[test]
fn the_real_issuer_wins_over_a_rogue_one_with_the_same_name() {
    let inputs = [load("bad-signature.pem"), load("intermediate.pem")];
    let chains = build_chains(&inputs);
    let leaf_chain = chains.iter().find(|c| names(&inputs, &c.certificates)[0] == "p256.certscope.test").unwrap();
    assert!(leaf_chain.complete);
    assert_eq!(leaf_chain.certificates[1], CertRef { input: 1, index: 0 });
}

#[test]
fn chains_span_inputs_and_duplicates_count_once() {
    let inputs = [load("leaf-p256.pem"), load("chain.pem"), load("root.der")];
    let chains = build_chains(&inputs);
    assert_eq!(chains.len(), 1, "the leaf in chain.pem and root.der are duplicates");
    assert!(chains[0].complete);
    assert_eq!(chains[0].certificates[0], CertRef { input: 0, index: 0 });
}

#[test]
fn leaves_of_each_key_type_verify_under_the_ec_intermediate() {
    let inputs = [load("leaf-rsa.pem"), load("leaf-ed25519.pem"), load("leaf-p256.pem"), load("chain.pem")];
    let chains = build_chains(&inputs);
    assert_eq!(chains.len(), 3);
    assert!(chains.iter().all(|c| c.complete && c.certificates.len() == 3));
}

#[test]
fn an_issuer_name_encoded_differently_is_found_by_its_key_identifier() {
    let inputs = [load("issuer-name-encoding.pem")];
    let (leaf, ca) = (&inputs[0].certificates[0], &inputs[0].certificates[1]);
    assert_ne!(leaf.issuer.der, ca.subject.der, "the fixture's names differ byte for byte");
    assert_eq!(leaf.issuer.text, ca.subject.text, "but read the same");
    let chains = build_chains(&inputs);
    assert_eq!(chains.len(), 1);
    assert!(chains[0].complete, "{:?}", chains[0].problems());
    assert_eq!(chains[0].certificates.len(), 3);
}
