//! The report as Markdown, for a ticket.

use std::fmt::Write as _;

use super::Report;
use crate::model::time::rfc3339;

/// The report as Markdown, for a ticket: the verdict, the findings with their fixes, the
/// chains, then the details as the text report prints them.
pub fn to_markdown(report: &Report<'_>) -> String {
    use crate::diagnose::Severity;
    let Report { inputs, diagnosis, now, .. } = *report;
    let mut out = String::new();
    let verdict = &diagnosis.verdict;
    let _ = writeln!(out, "# certscope report\n");
    let _ = writeln!(
        out,
        "**Verdict: {}.** {}\n",
        verdict.status.word().to_uppercase(),
        markdown_escape(&verdict.headline)
    );
    let _ = writeln!(out, "Judged {} over {} input(s).\n", rfc3339(now), inputs.len());
    let shown: Vec<&crate::diagnose::Finding> =
        diagnosis.findings.iter().filter(|f| f.severity != Severity::Info).collect();
    if shown.is_empty() {
        let _ = writeln!(out, "No problems found.\n");
    } else {
        let _ = writeln!(out, "## Findings\n");
        for finding in &shown {
            let rule = finding.citation.as_deref().map(|c| format!(" ({})", markdown_escape(c))).unwrap_or_default();
            let _ = writeln!(
                out,
                "- **{}** `{}`: {}\n  - Why: {}\n  - Fix: {}{rule}",
                finding.word(diagnosis.strict),
                finding.code,
                markdown_escape(&finding.message),
                markdown_escape(&finding.why),
                markdown_escape(&finding.fix)
            );
        }
        out.push('\n');
    }
    if !diagnosis.chains.is_empty() {
        let _ = writeln!(out, "## Chains\n");
        for chain in &diagnosis.chains {
            let names: Vec<String> = chain
                .path
                .iter()
                .filter_map(|r| inputs.get(r.input)?.certificates.get(r.index))
                .map(|c| format!("'{}'", markdown_escape(&c.display_name())))
                .collect();
            let _ = writeln!(
                out,
                "- {} ({}): {}",
                names.join(" <- "),
                chain.verdict.status.word(),
                markdown_escape(&chain.verdict.headline)
            );
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## Details\n\n~~~text");
    let mut details = String::new();
    super::text::details_text(&mut details, report);
    out.push_str(details.replace("~~~", "~ ~ ~").trim_end());
    let _ = writeln!(out, "\n~~~");
    out
}

/// Markdown's own characters in plain text, escaped.
fn markdown_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(ch, '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|') {
            escaped.push('\\');
        }
        escaped.push(ch);
    }
    escaped
}
