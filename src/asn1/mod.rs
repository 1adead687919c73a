//! A DER (and BER) tree of any object, for the ASN.1 view and `certscope asn1`: each node's
//! offset, header and content lengths, depth, tag, and value in words, with OIDs named.
//!
//! The nodes are those `openssl asn1parse -i` prints for the same bytes, with the same tag
//! names and values (OIDs aside: openssl names them its own way; here `value` is the dotted
//! OID and `oid_name` its name). Headers are read by asn1-rs; nothing is trusted: a length past
//! the end, or a node nested too deep, ends the walk with an error in words, never a panic.

use serde::Serialize;
use x509_parser::asn1_rs::{Class, FromBer, Header, Length};

/// How deep nesting may go before the walk stops (real objects stay under 20).
const MAX_DEPTH: usize = 64;

/// One element.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Node {
    /// Where its header starts, from the start of the object.
    pub offset: usize,
    /// Its header's length (tag and length octets).
    pub header_length: usize,
    /// Its content's length; None for an indefinite length (BER).
    pub length: Option<usize>,
    /// How deep it sits: 0 for the outermost.
    pub depth: usize,
    /// Its tag as openssl names it: `SEQUENCE`, `INTEGER`, `cont [ 0 ]`.
    pub tag: String,
    /// Constructed (it holds elements) or primitive.
    pub constructed: bool,
    /// Its value in words, for primitives that have one (`01A2…` for an INTEGER, the text of a
    /// string, the dotted OID); None where openssl prints none.
    pub value: Option<String>,
    /// An OBJECT IDENTIFIER's name, when it has one.
    pub oid_name: Option<String>,
}

impl Node {
    /// The bytes it spans in the object, header included.
    pub fn span(&self) -> std::ops::Range<usize> {
        self.offset..self.offset + self.header_length + self.length.unwrap_or(0)
    }
}

/// The elements of an object, in order (a parent before its children), and how the walk ended.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tree {
    /// Every node read.
    pub nodes: Vec<Node>,
    /// Why the walk stopped before the end, if it did.
    pub error: Option<String>,
}

/// The direct children of node `index` (nodes are in order, a parent before its children).
pub fn children(nodes: &[Node], index: usize) -> Vec<usize> {
    let Some(parent) = nodes.get(index) else { return Vec::new() };
    nodes
        .iter()
        .enumerate()
        .skip(index + 1)
        .take_while(|(_, n)| n.depth > parent.depth)
        .filter(|(_, n)| n.depth == parent.depth + 1)
        .map(|(i, _)| i)
        .collect()
}

/// A part of a certificate (RFC 5280 4.1), to find its node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// `[0] EXPLICIT Version`.
    Version,
    /// `CertificateSerialNumber`.
    Serial,
    /// The signature algorithm inside the TBS.
    SignatureAlgorithm,
    /// The issuer Name.
    Issuer,
    /// The validity's notBefore.
    NotBefore,
    /// The validity's notAfter.
    NotAfter,
    /// The subject Name.
    Subject,
    /// The SubjectPublicKeyInfo.
    PublicKey,
    /// The extension with this OID.
    Extension(String),
    /// The subject's first attribute with this OID (its AttributeTypeAndValue).
    SubjectAttribute(String),
    /// The issuer's signature (the outer BIT STRING).
    Signature,
}

/// The node of a certificate's part, in the nodes of a certificate.
pub fn certificate_part(nodes: &[Node], part: &Part) -> Option<usize> {
    let outer = children(nodes, 0);
    let tbs_index = *outer.first()?;
    let mut tbs = children(nodes, tbs_index);
    // The version is optional: without it, v1, the serial comes first.
    let version = (nodes.get(*tbs.first()?)?.tag == "cont [ 0 ]").then(|| tbs.remove(0));
    let field = |n: usize| tbs.get(n).copied();
    let attribute = |name: usize, oid: &str| {
        children(nodes, name)
            .into_iter()
            .flat_map(|set| children(nodes, set))
            .find(|&pair| children(nodes, pair).first().is_some_and(|&o| nodes[o].value.as_deref() == Some(oid)))
    };
    match part {
        Part::Version => version,
        Part::Serial => field(0),
        Part::SignatureAlgorithm => field(1),
        Part::Issuer => field(2),
        Part::NotBefore => field(3).and_then(|v| children(nodes, v).first().copied()),
        Part::NotAfter => field(3).and_then(|v| children(nodes, v).get(1).copied()),
        Part::Subject => field(4),
        Part::PublicKey => field(5),
        Part::SubjectAttribute(oid) => attribute(field(4)?, oid),
        Part::Extension(oid) => {
            let wrapper = tbs.iter().copied().find(|&i| nodes[i].tag == "cont [ 3 ]")?;
            find_extension(nodes, &children(nodes, *children(nodes, wrapper).first()?), oid)
        }
        Part::Signature => outer.get(2).copied(),
    }
}

/// A part of a CSR (RFC 2986 4) or a CRL (RFC 5280 5.1), to find its node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListPart {
    /// A CSR's subject, or a CRL's issuer.
    Name,
    /// A CSR's SubjectPublicKeyInfo.
    PublicKey,
    /// A CRL's thisUpdate.
    ThisUpdate,
    /// A CRL's nextUpdate.
    NextUpdate,
    /// A CRL's revokedCertificates.
    Revoked,
    /// A CRL's extension (the CRL number: 2.5.29.20), or a CSR's requested extension.
    Extension(String),
    /// The signature algorithm (inside the signed part for a CRL, outside for a CSR).
    SignatureAlgorithm,
}

/// The node of a CSR's part, in the nodes of a CSR.
pub fn request_part(nodes: &[Node], part: &ListPart) -> Option<usize> {
    let outer = children(nodes, 0);
    let info = children(nodes, *outer.first()?);
    match part {
        ListPart::Name => info.get(1).copied(),
        ListPart::PublicKey => info.get(2).copied(),
        ListPart::SignatureAlgorithm => outer.get(1).copied(),
        ListPart::Extension(oid) => {
            // [0] attributes: extensionRequest { SEQUENCE OF Extension }.
            let attributes = info.iter().copied().find(|&i| nodes[i].tag == "cont [ 0 ]")?;
            let extensions: Vec<usize> = children(nodes, attributes)
                .into_iter()
                .flat_map(|attribute| children(nodes, attribute))
                .filter(|&i| nodes[i].tag == "SET")
                .flat_map(|set| children(nodes, set))
                .flat_map(|list| children(nodes, list))
                .collect();
            find_extension(nodes, &extensions, oid)
        }
        _ => None,
    }
}

/// The node of a CRL's part, in the nodes of a CRL.
pub fn list_part(nodes: &[Node], part: &ListPart) -> Option<usize> {
    let outer = children(nodes, 0);
    let mut tbs = children(nodes, *outer.first()?);
    // The version is optional (v2 CRLs carry it): without it the algorithm comes first.
    if nodes.get(*tbs.first()?)?.tag == "INTEGER" {
        tbs.remove(0);
    }
    let time = |i: &usize| matches!(nodes[*i].tag.as_str(), "UTCTIME" | "GENERALIZEDTIME");
    let next_update = tbs.get(3).filter(|i| time(i)).copied();
    let after_dates = if next_update.is_some() { 4 } else { 3 };
    match part {
        ListPart::SignatureAlgorithm => tbs.first().copied(),
        ListPart::Name => tbs.get(1).copied(),
        ListPart::ThisUpdate => tbs.get(2).copied(),
        ListPart::NextUpdate => next_update,
        ListPart::Revoked => tbs.get(after_dates).filter(|&&i| nodes[i].tag == "SEQUENCE").copied(),
        ListPart::Extension(oid) => {
            let wrapper = tbs.iter().copied().find(|&i| nodes[i].tag == "cont [ 0 ]")?;
            let extensions = children(nodes, *children(nodes, wrapper).first()?);
            find_extension(nodes, &extensions, oid)
        }
        ListPart::PublicKey => None,
    }
}

fn find_extension(nodes: &[Node], extensions: &[usize], oid: &str) -> Option<usize> {
    extensions
        .iter()
        .copied()
        .find(|&extension| children(nodes, extension).first().is_some_and(|&o| nodes[o].value.as_deref() == Some(oid)))
}

/// One object in a file: a PEM block, or the whole file when it is DER.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Object {
    /// The PEM label (`CERTIFICATE`), or None for a DER file.
    pub label: Option<String>,
    /// Its size in bytes.
    pub size: usize,
    /// Its elements.
    pub nodes: Vec<Node>,
    /// Why the walk stopped before the end, if it did.
    pub error: Option<String>,
    /// A PEM block's decoded bytes, which the offsets count in (None for DER: the file itself).
    #[serde(skip)]
    pub decoded: Option<Vec<u8>>,
}

/// The objects in a file: each PEM block (decoded), or the bytes themselves as DER.
pub fn objects(bytes: &[u8]) -> Vec<Object> {
    if crate::load::pem::looks_like_pem(bytes) {
        let blocks = crate::load::pem::blocks(bytes);
        if !blocks.is_empty() {
            return blocks
                .into_iter()
                .map(|block| match block.der {
                    Ok(der) => {
                        let tree = parse(&der);
                        let (size, nodes, error) = (der.len(), tree.nodes, tree.error);
                        Object { label: Some(block.label), size, nodes, error, decoded: Some(der) }
                    }
                    Err(why) => Object {
                        label: Some(block.label),
                        size: 0,
                        nodes: Vec::new(),
                        error: Some(format!("the PEM block at line {} does not decode: {why}", block.line)),
                        decoded: Some(Vec::new()),
                    },
                })
                .collect();
        }
    }
    let tree = parse(bytes);
    vec![Object { label: None, size: bytes.len(), nodes: tree.nodes, error: tree.error, decoded: None }]
}

/// Walks `bytes` as a sequence of BER/DER elements.
pub fn parse(bytes: &[u8]) -> Tree {
    let mut tree = Tree::default();
    if let Err(why) = walk(bytes, 0, 0, &mut tree.nodes) {
        tree.error = Some(why);
    }
    tree
}

/// Walks the elements in `bytes`, which starts at `base` in the object. Returns how many bytes
/// were used (up to and including an end-of-contents when `until_eoc`).
fn walk(bytes: &[u8], base: usize, depth: usize, nodes: &mut Vec<Node>) -> Result<usize, String> {
    walk_inner(bytes, base, depth, nodes, false)
}

fn walk_inner(
    bytes: &[u8],
    base: usize,
    depth: usize,
    nodes: &mut Vec<Node>,
    until_eoc: bool,
) -> Result<usize, String> {
    if depth > MAX_DEPTH {
        return Err(format!("nested deeper than {MAX_DEPTH} levels at byte {base}"));
    }
    let mut at = 0;
    while at < bytes.len() {
        let rest = &bytes[at..];
        let (content, header) =
            Header::from_ber(rest).map_err(|e| format!("no element can be read at byte {}: {e}", base + at))?;
        let header_length = rest.len() - content.len();
        let constructed = header.is_constructed();
        let eoc = header.class() == Class::Universal && header.tag().0 == 0 && !constructed;
        let length = match header.length() {
            Length::Definite(n) => Some(n),
            Length::Indefinite if constructed => None,
            Length::Indefinite => {
                return Err(format!("a primitive element with an indefinite length at byte {}", base + at));
            }
        };
        let mut node = Node {
            offset: base + at,
            header_length,
            length,
            depth,
            tag: tag_name(&header),
            constructed,
            value: None,
            oid_name: None,
        };
        match length {
            Some(n) => {
                let Some(body) = content.get(..n) else {
                    let why =
                        format!("the element at byte {} claims {n} bytes; only {} remain", base + at, content.len());
                    nodes.push(node);
                    if constructed {
                        // What is there is still worth seeing: its elements up to the break.
                        let _ = walk_inner(content, base + at + header_length, depth + 1, nodes, false);
                    }
                    return Err(why);
                };
                if !constructed {
                    (node.value, node.oid_name) = value(&header, body);
                }
                nodes.push(node);
                if constructed {
                    walk_inner(body, base + at + header_length, depth + 1, nodes, false)?;
                }
                at += header_length + n;
            }
            None => {
                nodes.push(node);
                let used = walk_inner(content, base + at + header_length, depth + 1, nodes, true)?;
                at += header_length + used;
            }
        }
        if until_eoc && eoc {
            return Ok(at);
        }
    }
    if until_eoc {
        return Err(format!("an indefinite length with no end-of-contents before byte {}", base + at));
    }
    Ok(at)
}

/// openssl's name of a tag (ASN1_tag2str and asn1_parse2's class prefixes).
fn tag_name(header: &Header<'_>) -> String {
    const UNIVERSAL: [&str; 31] = [
        "EOC",
        "BOOLEAN",
        "INTEGER",
        "BIT STRING",
        "OCTET STRING",
        "NULL",
        "OBJECT",
        "OBJECT DESCRIPTOR",
        "EXTERNAL",
        "REAL",
        "ENUMERATED",
        "EMBEDDED PDV",
        "UTF8STRING",
        "RELATIVE-OID",
        "TIME",
        "<ASN1 15>",
        "SEQUENCE",
        "SET",
        "NUMERICSTRING",
        "PRINTABLESTRING",
        "T61STRING",
        "VIDEOTEXSTRING",
        "IA5STRING",
        "UTCTIME",
        "GENERALIZEDTIME",
        "GRAPHICSTRING",
        "VISIBLESTRING",
        "GENERALSTRING",
        "UNIVERSALSTRING",
        "<ASN1 29>",
        "BMPSTRING",
    ];
    let number = header.tag().0;
    match header.class() {
        Class::Universal => {
            UNIVERSAL.get(number as usize).map_or_else(|| format!("<ASN1 {number}>"), |name| (*name).to_string())
        }
        Class::ContextSpecific => format!("cont [ {number} ]"),
        Class::Application => format!("appl [ {number} ]"),
        Class::Private => format!("priv [ {number} ]"),
    }
}

/// A primitive's value as openssl prints it (asn1_parse2), and an OID's name.
fn value(header: &Header<'_>, body: &[u8]) -> (Option<String>, Option<String>) {
    if header.class() != Class::Universal {
        return (None, None);
    }
    let text = |b: &[u8]| Some(String::from_utf8_lossy(b).into_owned());
    match header.tag().0 {
        // BOOLEAN: its octet as a number.
        1 => (body.first().map(|b| b.to_string()), None),
        // INTEGER, ENUMERATED: hex of the magnitude, leading zero octets dropped.
        2 | 10 => {
            // Not minimal (X.690 8.3.2): openssl says so and shows the octets.
            let redundant = matches!(body, [0x00, next, ..] if next & 0x80 == 0)
                || matches!(body, [0xff, next, ..] if next & 0x80 != 0);
            if redundant || body.is_empty() {
                let kind = if header.tag().0 == 2 { "INTEGER" } else { "ENUMERATED" };
                (Some(format!("BAD {kind}:[{}]", crate::model::hex(body).to_uppercase())), None)
            } else {
                (Some(integer(body)), None)
            }
        }
        // OCTET STRING: printable text as it is, else a hex dump.
        4 if body.is_empty() => (None, None),
        4 if body.iter().all(|&b| (b' '..=b'~').contains(&b) || matches!(b, b'\n' | b'\r' | b'\t')) => {
            (text(body), None)
        }
        4 => (Some(format!("[HEX DUMP]:{}", crate::model::hex(body).to_uppercase())), None),
        6 => {
            let oid = x509_parser::asn1_rs::Oid::new(std::borrow::Cow::Borrowed(body));
            match oid.to_id_string() {
                dotted if dotted.contains('.') => {
                    let name = oid_name(&dotted);
                    (Some(dotted), name)
                }
                _ => (Some("BAD OBJECT".into()), None),
            }
        }
        // The string and time types openssl prints as they are.
        12 | 18 | 19 | 20 | 21 | 22 | 23 | 24 | 25 | 26 | 27 => (text(body), None),
        _ => (None, None),
    }
}

fn integer(body: &[u8]) -> String {
    let negative = body.first().is_some_and(|b| b & 0x80 != 0);
    if negative {
        // Two's complement, shown as openssl does: a minus sign and the magnitude.
        let mut magnitude: Vec<u8> = body.iter().map(|b| !b).collect();
        for byte in magnitude.iter_mut().rev() {
            let (sum, carry) = byte.overflowing_add(1);
            *byte = sum;
            if !carry {
                break;
            }
        }
        let start = magnitude.iter().position(|&b| b != 0).unwrap_or(magnitude.len().saturating_sub(1));
        return format!("-{}", crate::model::hex(&magnitude[start..]).to_uppercase());
    }
    let start = body.iter().position(|&b| b != 0).unwrap_or(body.len().saturating_sub(1));
    match body.get(start..) {
        Some(digits) if !digits.is_empty() => crate::model::hex(digits).to_uppercase(),
        _ => "00".into(),
    }
}

/// An OID's name: certscope's own words where the model names it, else oid-registry's.
pub fn oid_name(dotted: &str) -> Option<String> {
    use crate::model::names;
    let ours = names::attribute_long_name(dotted)
        .or_else(|| names::signature_algorithm_name(dotted))
        .or_else(|| names::hash_algorithm_name(dotted))
        .or_else(|| names::key_algorithm_name(dotted))
        .or_else(|| names::curve_name(dotted).map(|(name, _)| name))
        .or_else(|| names::extension_name(dotted))
        .or_else(|| names::extended_key_usage_name(dotted))
        .or_else(|| names::policy_name(dotted));
    if let Some(name) = ours {
        return Some(name.to_string());
    }
    registry().get(&dotted.parse().ok()?).map(|entry| entry.sn().to_string())
}

fn registry() -> &'static x509_parser::oid_registry::OidRegistry<'static> {
    static REGISTRY: std::sync::OnceLock<x509_parser::oid_registry::OidRegistry<'static>> = std::sync::OnceLock::new();
    REGISTRY.get_or_init(|| x509_parser::oid_registry::OidRegistry::default().with_all_crypto().with_x509())
}

/// The lines `certscope asn1` prints, laid out as `openssl asn1parse -i` lays them out, with
/// OID names beside the dotted OIDs.
pub fn text(tree: &Tree) -> String {
    use std::fmt::Write as _;
    // Written straight into one string: a format! per field made this the cost of `certscope asn1`.
    let mut out = String::with_capacity(tree.nodes.len() * 64);
    for node in &tree.nodes {
        let _ = write!(out, "{:5}:d={:<2} hl={} l=", node.offset, node.depth, node.header_length);
        let _ = match node.length {
            Some(n) => write!(out, "{n:4}"),
            None => write!(out, "inf"),
        };
        out.push_str(if node.constructed { " cons: " } else { " prim: " });
        for _ in 0..node.depth {
            out.push(' ');
        }
        let _ = write!(out, "{:<18}", node.tag);
        match (&node.value, &node.oid_name) {
            (Some(value), Some(name)) => {
                let _ = write!(out, ":{value} ({name})");
            }
            (Some(value), None) if value.starts_with("[HEX DUMP]") => out.push_str(value),
            (Some(value), None) => {
                out.push(':');
                out.push_str(value);
            }
            _ => {}
        }
        out.push('\n');
    }
    if let Some(error) = &tree.error {
        let _ = writeln!(out, "Error: {error}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_sequence_is_walked_with_offsets_and_values() {
        // SEQUENCE { INTEGER 2, OID 2.5.4.3, PrintableString "ab", [0] { BOOLEAN true }, INTEGER -128 }
        let der = [
            0x30, 0x14, 0x02, 0x01, 0x02, 0x06, 0x03, 0x55, 0x04, 0x03, 0x13, 0x02, b'a', b'b', 0xa0, 0x03, 0x01, 0x01,
            0xff, 0x02, 0x01, 0x80,
        ];
        let tree = parse(&der);
        assert_eq!(tree.error, None);
        let tags: Vec<&str> = tree.nodes.iter().map(|n| n.tag.as_str()).collect();
        assert_eq!(tags, ["SEQUENCE", "INTEGER", "OBJECT", "PRINTABLESTRING", "cont [ 0 ]", "BOOLEAN", "INTEGER"]);
        assert_eq!(tree.nodes[1].value.as_deref(), Some("02"));
        assert_eq!(tree.nodes[2].value.as_deref(), Some("2.5.4.3"));
        assert_eq!(tree.nodes[2].oid_name.as_deref(), Some("Common name"));
        assert_eq!(tree.nodes[3].value.as_deref(), Some("ab"));
        assert_eq!((tree.nodes[5].offset, tree.nodes[5].depth, tree.nodes[5].value.as_deref()), (16, 2, Some("255")));
        assert_eq!(tree.nodes[6].value.as_deref(), Some("-80"));
    }

    #[test]
    fn a_length_past_the_end_and_deep_nesting_end_the_walk_in_words() {
        let truncated = parse(&[0x30, 0x10, 0x02, 0x01]);
        assert!(truncated.error.unwrap().contains("claims 16 bytes"));
        let deep: Vec<u8> = std::iter::repeat_n([0x30u8, 0x80], 200).flatten().collect();
        assert!(parse(&deep).error.unwrap().contains("nested deeper"));
    }

    #[test]
    fn a_certificates_parts_are_found_by_their_place_in_rfc_5280() {
        let pem = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ct/good.pem")).unwrap();
        let object = objects(&pem).remove(0);
        let nodes = &object.nodes;
        let at = |part: Part| certificate_part(nodes, &part).map(|i| &nodes[i]);
        assert_eq!(at(Part::Version).unwrap().tag, "cont [ 0 ]");
        assert_eq!(at(Part::Serial).unwrap().value.as_deref(), Some("7C000000000000000000000000000000"));
        assert_eq!(at(Part::NotBefore).unwrap().value.as_deref(), Some("260501000000Z"));
        assert_eq!(at(Part::NotAfter).unwrap().tag, "UTCTIME");
        assert_eq!(at(Part::Subject).unwrap().tag, "SEQUENCE");
        let san = at(Part::Extension("2.5.29.17".into())).unwrap();
        assert_eq!((san.tag.as_str(), san.depth), ("SEQUENCE", 4));
        let cn = certificate_part(nodes, &Part::SubjectAttribute("2.5.4.3".into())).unwrap();
        assert_eq!(nodes[children(nodes, cn)[1]].value.as_deref(), Some("good.ct.certscope.test"));
        assert_eq!(at(Part::Signature).unwrap().tag, "BIT STRING");
        assert_eq!(at(Part::Extension("1.2.3.4".into())), None);
    }

    #[test]
    fn a_crls_and_a_csrs_parts_are_found_by_their_place() {
        let fixture =
            |name: &str| std::fs::read(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let crl = objects(&fixture("intermediate.crl")).remove(0);
        let at = |part: ListPart| list_part(&crl.nodes, &part).map(|i| crl.nodes[i].tag.clone());
        assert_eq!(at(ListPart::Name).as_deref(), Some("SEQUENCE"));
        assert!(matches!(at(ListPart::ThisUpdate).as_deref(), Some("UTCTIME" | "GENERALIZEDTIME")));
        assert!(matches!(at(ListPart::NextUpdate).as_deref(), Some("UTCTIME" | "GENERALIZEDTIME")));
        assert_eq!(at(ListPart::Revoked).as_deref(), Some("SEQUENCE"));
        assert_eq!(at(ListPart::Extension("2.5.29.20".into())).as_deref(), Some("SEQUENCE"), "the CRL number");
        let csr = objects(&fixture("request.csr")).remove(0);
        let at = |part: ListPart| request_part(&csr.nodes, &part).map(|i| csr.nodes[i].tag.clone());
        assert_eq!(at(ListPart::Name).as_deref(), Some("SEQUENCE"));
        assert_eq!(at(ListPart::PublicKey).as_deref(), Some("SEQUENCE"));
        assert_eq!(at(ListPart::SignatureAlgorithm).as_deref(), Some("SEQUENCE"));
    }

    #[test]
    fn indefinite_lengths_end_at_their_end_of_contents() {
        let ber = [0x30, 0x80, 0x02, 0x01, 0x05, 0x00, 0x00];
        let tree = parse(&ber);
        assert_eq!(tree.error, None);
        assert_eq!(tree.nodes[0].length, None);
        assert_eq!(tree.nodes.last().unwrap().tag, "EOC");
    }
}
