//! CSV for spreadsheets and inventories: one row per distinct certificate, the columns of the
//! window's inventory table (`crate::inventory::COLUMNS`), its verdict from the diagnosis.

use super::Report;

/// The report as CSV, header first.
pub fn to_csv(report: &Report<'_>) -> String {
    let inputs: Vec<&crate::load::Input> = report.inputs.iter().collect();
    let csv = crate::inventory::to_csv(&crate::inventory::rows(&inputs, report.diagnosis, report.now));
    // The caller ends the output with one newline.
    csv.trim_end_matches('\n').to_string()
}
