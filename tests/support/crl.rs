//! CRLs of the OCSP test CA made at test time by `openssl ca -gencrl`: scoped, base and delta.

use super::{fixture, openssl};

/// A CRL of the OCSP test CA (good 1001, revoked 1002), made now by `openssl ca -gencrl` with
/// this issuingDistributionPoint section (`openssl x509v3_config`), as DER.
pub fn scoped_crl(name: &str, idp: &str) -> certscope::Input {
    let index = std::fs::read_to_string(fixture("ocsp/index.txt")).unwrap();
    made_crl(name, &index, "01", &format!("issuingDistributionPoint = critical, @idp\n[idp]\n{idp}"))
}

/// One revoked line of an `openssl ca` index: serial, then `reason` (with a hold instruction
/// after a comma for certificateHold).
pub fn revoked_line(serial: &str, reason: &str) -> String {
    format!("R\t300101000000Z\t260301120000Z,{reason}\t{serial}\tunknown\t/CN=revoked {serial}\n")
}

/// A CRL of the OCSP test CA made now by `openssl ca -gencrl` from this index, numbered
/// `number` (hex), with these CRL extension lines (`openssl x509v3_config`), as loaded.
pub fn made_crl(name: &str, index: &str, number: &str, extensions: &str) -> certscope::Input {
    let dir = std::env::temp_dir().join(format!("certscope-crl-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ocsp = fixture("ocsp");
    std::fs::write(dir.join("index.txt"), index).unwrap();
    std::fs::write(dir.join("crlnumber"), format!("{number}\n")).unwrap();
    let config = format!(
        "[ca]\ndefault_ca = ca\n[ca]\ndatabase = {index}\ncrlnumber = {number}\ndefault_md = sha256\n\
         default_crl_days = 3650\ncrl_extensions = crl_ext\n[crl_ext]\n{extensions}\n",
        index = dir.join("index.txt").display(),
        number = dir.join("crlnumber").display(),
    );
    std::fs::write(dir.join("ca.cnf"), config).unwrap();
    let (pem, der) = (dir.join("crl.pem"), dir.join("crl.der"));
    let at = |file: &str| ocsp.join(file).to_str().unwrap().to_string();
    openssl(&[
        "ca",
        "-config",
        dir.join("ca.cnf").to_str().unwrap(),
        "-gencrl",
        "-cert",
        &at("ca.pem"),
        "-keyfile",
        &at("ca.key"),
        "-out",
        pem.to_str().unwrap(),
    ]);
    openssl(&["crl", "-in", pem.to_str().unwrap(), "-outform", "DER", "-out", der.to_str().unwrap()]);
    let input = certscope::load_bytes(&format!("{name}.crl"), &std::fs::read(&der).unwrap(), &Default::default());
    assert!(input.error.is_none() && input.revocation_lists.len() == 1, "{name}: {:?}", input.error);
    let _ = std::fs::remove_dir_all(&dir);
    input
}

/// A delta CRL (deltaCRLIndicator `base`, RFC 5280 5.2.4) numbered `number`, from this index.
pub fn delta_crl(name: &str, index: &str, number: &str, base: u32) -> certscope::Input {
    made_crl(name, index, number, &format!("2.5.29.27 = critical, ASN1:INTEGER:{base}"))
}
