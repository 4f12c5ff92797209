//! Excel workbooks: a sheet per table, Chinese headers, codes and phone numbers as text cells,
//! and column charts where a chart says more than a table.

use anyhow::{Context, Result};
use rust_xlsxwriter::{Chart, ChartType, Format, Workbook, Worksheet};

use super::document::Document;
use super::output::{neutralise, OutputOpts, Value};
use crate::error::reject;
use crate::report::forms::FilledForms;

/// Sections whose figures are drawn as a column chart: (section key, label column, value column).
const CHARTS: &[(&str, usize, usize)] = &[("visits_by_week", 0, 1), ("findings_by_status", 1, 4)];

fn path(opts: &OutputOpts) -> Result<&std::path::Path> {
    opts.path
        .as_deref()
        .ok_or_else(|| reject("an xlsx workbook is written to a file").hint("add -o FILE.xlsx").into())
}

/// A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the workbook.
fn sheet_name(title: &str, taken: &mut Vec<String>) -> String {
    let clean: String = title.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(28).collect();
    let mut name = if clean.is_empty() { "Sheet".to_string() } else { clean };
    let base = name.clone();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{base}{n}");
        n += 1;
    }
    taken.push(name.clone());
    name
}

fn write_cell(ws: &mut Worksheet, row: u32, col: u16, v: &Value, text: &Format) -> Result<()> {
    match v {
        Value::Null => {}
        Value::Int(i) => {
            ws.write_number(row, col, *i as f64)?;
        }
        Value::Float(f) => {
            ws.write_number(row, col, *f)?;
        }
        Value::Bool(_) | Value::Coded { .. } => {
            ws.write_string(row, col, v.human().as_ref())?;
        }
        // Text stays text: a code or phone number never loses a leading zero, and nothing runs as a formula.
        Value::Text(s) => {
            ws.write_string_with_format(row, col, neutralise(s).as_ref(), text)?;
        }
    }
    Ok(())
}

fn table_sheet(
    ws: &mut Worksheet,
    headers: &[String],
    rows: &[Vec<Value>],
    bold: &Format,
    text: &Format,
) -> Result<()> {
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, bold)?;
        ws.set_column_width(
            c as u16,
            (unicode_width::UnicodeWidthStr::width(h.as_str()) as f64 + 2.0).max(10.0),
        )?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            write_cell(ws, r as u32 + 1, c as u16, v, text)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

pub fn write_document(opts: &OutputOpts, doc: &Document) -> Result<()> {
    let path = path(opts)?;
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let mut taken = Vec::new();
    for s in doc.sections.iter().filter(|s| !s.columns.is_empty()) {
        let name = sheet_name(&s.title_zh, &mut taken);
        let ws = wb.add_worksheet();
        ws.set_name(&name)?;
        let headers: Vec<String> = s.columns.iter().map(|c| c.label(opts.lang).to_string()).collect();
        table_sheet(ws, &headers, &s.rows, &bold, &text)?;
        if let Some((_, label_col, value_col)) = CHARTS.iter().find(|(k, _, _)| *k == s.key) {
            if !s.rows.is_empty() {
                let last = s.rows.len() as u32;
                let mut chart = Chart::new(ChartType::Column);
                chart
                    .add_series()
                    .set_categories((name.as_str(), 1, *label_col as u16, last, *label_col as u16))
                    .set_values((name.as_str(), 1, *value_col as u16, last, *value_col as u16))
                    .set_name(headers[*value_col].as_str());
                chart.title().set_name(&s.title_zh);
                chart.legend().set_hidden();
                ws.insert_chart(1, s.columns.len() as u16 + 1, &chart)?;
            }
        }
    }
    save(&mut wb, path)
}

pub fn write_forms(opts: &OutputOpts, forms: &FilledForms) -> Result<()> {
    let path = path(opts)?;
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name(&forms.title, &mut Vec::new()))?;
    let headers: Vec<String> = forms.columns.iter().map(|c| c.label(opts.lang).to_string()).collect();
    let rows: Vec<Vec<Value>> = forms.rows.iter().map(|(_, shown)| shown.clone()).collect();
    table_sheet(ws, &headers, &rows, &bold, &text)?;
    save(&mut wb, path)
}

/// Save owner-only: a workbook holds names and phone numbers.
fn save(wb: &mut Workbook, path: &std::path::Path) -> Result<()> {
    let bytes = wb.save_to_buffer().with_context(|| format!("cannot write {}", path.display()))?;
    super::output::write_private(path, &bytes)
}
