//! Excel workbooks as a bureau exchanges them: a first sheet 汇总表 (a merged title, 填报单位 and
//! 截至日期, a two-level header, one row per unit and 合计), then a sheet per table. Every sheet has
//! borders, a frozen header, widths that fit Chinese text and a print set-up (A4, one page wide,
//! header rows repeated, page numbers in the footer); codes and phone numbers are text cells; rates
//! are percentages with one decimal; column charts where a chart says more than a table.
//! In Chinese the detail sheets leave out the internal codes (the JSON and CSV keep them).

use anyhow::{Context, Result};
use rust_xlsxwriter::{Chart, ChartType, Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet};
use unicode_width::UnicodeWidthStr;

use super::document::{Document, Section, Summary};
use super::output::{neutralise, Column, Lang, OutputOpts, Value};
use crate::error::reject;
use crate::report::forms::FilledForms;

/// Sections drawn as a column chart: (section key, label column key, value column key).
const CHARTS: &[(&str, &str, &str)] =
    &[("visits_by_week", "week", "visits"), ("findings_by_status", "label", "count")];

/// Columns holding internal codes or keys, left out of a Chinese workbook: each such section has
/// a column with the Chinese name next to it.
const CODE_COLUMNS: &[&str] = &["measure", "state", "status", "category", "visit", "group"];

/// Excel's paper size number for A4.
const A4: u8 = 9;
const FOOTER: &str = "&C第 &P 页，共 &N 页";
const FONT: &str = "宋体";

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

/// The formats of a workbook: every cell bordered, in a font a Chinese Windows has.
struct Formats {
    title: Format,
    line: Format,
    head: Format,
    text: Format,
    int: Format,
    float: Format,
    percent: Format,
    total_text: Format,
    total_int: Format,
    total_percent: Format,
}

impl Formats {
    fn new() -> Formats {
        let cell = Format::new().set_font_name(FONT).set_font_size(11).set_border(FormatBorder::Thin);
        let head = cell
            .clone()
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap()
            .set_background_color(Color::RGB(0xD9D9D9));
        Formats {
            title: Format::new()
                .set_font_name(FONT)
                .set_font_size(18)
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            line: Format::new().set_font_name(FONT).set_font_size(11),
            head,
            text: cell.clone().set_num_format("@").set_align(FormatAlign::VerticalCenter),
            int: cell.clone().set_num_format("0"),
            float: cell.clone().set_num_format("0.0"),
            percent: cell.clone().set_num_format("0.0%"),
            total_text: cell.clone().set_bold().set_align(FormatAlign::Center),
            total_int: cell.clone().set_bold().set_num_format("0"),
            total_percent: cell.set_bold().set_num_format("0.0%"),
        }
    }
}

/// The width of a column whose longest text is `s`, in Excel's units (a CJK character is two).
fn width_of(s: &str) -> f64 {
    UnicodeWidthStr::width(s) as f64 * 1.1 + 2.0
}

/// Write one value; `percent` writes 61.4 as 61.4 %.
fn write_cell(ws: &mut Worksheet, row: u32, col: u16, v: &Value, percent: bool, f: &Formats) -> Result<()> {
    match v {
        Value::Null => {
            ws.write_blank(row, col, &f.text)?;
        }
        Value::Int(i) if percent => {
            ws.write_number_with_format(row, col, *i as f64 / 100.0, &f.percent)?;
        }
        Value::Float(x) if percent => {
            ws.write_number_with_format(row, col, *x / 100.0, &f.percent)?;
        }
        Value::Int(i) => {
            ws.write_number_with_format(row, col, *i as f64, &f.int)?;
        }
        Value::Float(x) => {
            ws.write_number_with_format(row, col, *x, &f.float)?;
        }
        Value::Bool(_) | Value::Coded { .. } => {
            ws.write_string_with_format(row, col, v.human().as_ref(), &f.text)?;
        }
        // Text stays text: a code or phone number never loses a leading zero, and nothing runs as a formula.
        Value::Text(s) => {
            ws.write_string_with_format(row, col, neutralise(s).as_ref(), &f.text)?;
        }
    }
    Ok(())
}

/// A4, one page wide, the header rows on every page, page numbers in the footer.
fn print_setup(
    ws: &mut Worksheet,
    header_rows: (u32, u32),
    last_row: u32,
    last_col: u16,
    landscape: bool,
) -> Result<()> {
    ws.set_paper_size(A4);
    if landscape {
        ws.set_landscape();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(header_rows.0, header_rows.1)?;
    ws.set_print_area(0, 0, last_row.max(header_rows.1), last_col)?;
    ws.set_print_center_horizontally(true);
    ws.set_footer(FOOTER);
    Ok(())
}

/// A table on a sheet of its own: bordered, header frozen and filtered, widths after the texts.
fn table_sheet(
    ws: &mut Worksheet,
    headers: &[String],
    percent: &[bool],
    rows: &[Vec<Value>],
    f: &Formats,
) -> Result<()> {
    let mut widths: Vec<f64> = headers.iter().map(|h| width_of(h).max(8.0)).collect();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &f.head)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate().take(headers.len()) {
            write_cell(ws, r as u32 + 1, c as u16, v, percent.get(c).copied().unwrap_or(false), f)?;
            widths[c] = widths[c].max(width_of(&v.text()));
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, w.min(60.0))?;
    }
    ws.set_row_height(0, 30)?;
    ws.set_freeze_panes(1, 0)?;
    let last_col = headers.len().saturating_sub(1) as u16;
    let last_row = rows.len() as u32;
    ws.autofilter(0, 0, last_row, last_col)?;
    print_setup(ws, (0, 0), last_row, last_col, headers.len() > 6)?;
    Ok(())
}

/// The columns of a section a reader of `lang` sees, by index.
fn shown_columns(s: &Section, lang: Lang) -> Vec<usize> {
    (0..s.columns.len())
        .filter(|i| lang == Lang::En || !CODE_COLUMNS.contains(&s.columns[*i].key.as_ref()))
        .collect()
}

fn is_rate(c: &Column) -> bool {
    c.key.contains("rate")
}

/// The 汇总表.
fn summary_sheet(ws: &mut Worksheet, s: &Summary, f: &Formats) -> Result<()> {
    let n: usize = s.groups.iter().map(|(_, c)| c.len()).sum();
    let last_col = n as u16;
    ws.merge_range(0, 0, 0, last_col, &s.title, &f.title)?;
    ws.set_row_height(0, 36)?;
    // 填报单位 on the left, 截至日期 on the right.
    let half = last_col / 2;
    if let Some(l) = s.lines.first() {
        ws.merge_range(1, 0, 1, half, l, &f.line)?;
    }
    if let Some(l) = s.lines.get(1) {
        let right = f.line.clone().set_align(FormatAlign::Right);
        ws.merge_range(1, half + 1, 1, last_col, l, &right)?;
    }
    // The two-level header.
    ws.merge_range(2, 0, 3, 0, &s.unit, &f.head)?;
    let mut col = 1u16;
    let mut widths = vec![width_of(&s.unit).max(12.0)];
    for (top, cols) in &s.groups {
        let last = col + cols.len() as u16 - 1;
        if last > col {
            ws.merge_range(2, col, 2, last, top, &f.head)?;
        } else {
            ws.write_string_with_format(2, col, top, &f.head)?;
        }
        for c in cols {
            ws.write_string_with_format(3, col, &c.label, &f.head)?;
            widths.push(width_of(&c.label).max(9.0));
            col += 1;
        }
    }
    ws.set_row_height(3, 30)?;
    let percent: Vec<bool> = s.groups.iter().flat_map(|(_, c)| c.iter().map(|c| c.percent)).collect();
    let mut row = 4u32;
    for (name, values) in &s.rows {
        ws.write_string_with_format(row, 0, neutralise(name).as_ref(), &f.text)?;
        widths[0] = widths[0].max(width_of(name));
        for (i, v) in values.iter().enumerate() {
            write_cell(ws, row, i as u16 + 1, v, percent.get(i).copied().unwrap_or(false), f)?;
        }
        row += 1;
    }
    ws.write_string_with_format(row, 0, &s.total.0, &f.total_text)?;
    for (i, v) in s.total.1.iter().enumerate() {
        let c = i as u16 + 1;
        match v {
            Value::Int(x) => ws.write_number_with_format(row, c, *x as f64, &f.total_int)?,
            Value::Float(x) if percent.get(i).copied().unwrap_or(false) => {
                ws.write_number_with_format(row, c, *x / 100.0, &f.total_percent)?
            }
            Value::Float(x) => ws.write_number_with_format(row, c, *x, &f.total_int)?,
            _ => ws.write_blank(row, c, &f.total_int)?,
        };
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, w.min(40.0))?;
    }
    ws.set_freeze_panes(4, 1)?;
    print_setup(ws, (0, 3), row, last_col, true)?;
    Ok(())
}

pub fn write_document(opts: &OutputOpts, doc: &Document) -> Result<()> {
    let path = path(opts)?;
    let mut wb = Workbook::new();
    let f = Formats::new();
    let mut taken = Vec::new();
    if let Some(s) = &doc.summary {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name("汇总表", &mut taken))?;
        summary_sheet(ws, s, &f)?;
    }
    for s in doc.sections.iter().filter(|s| !s.columns.is_empty()) {
        let name = sheet_name(&s.title_zh, &mut taken);
        let ws = wb.add_worksheet();
        ws.set_name(&name)?;
        let shown = shown_columns(s, opts.lang);
        let headers: Vec<String> = shown
            .iter()
            .map(|&i| {
                let l = s.columns[i].label(opts.lang);
                if is_rate(&s.columns[i]) {
                    l.trim_end_matches('%').to_string()
                } else {
                    l.to_string()
                }
            })
            .collect();
        let percent: Vec<bool> = shown.iter().map(|&i| is_rate(&s.columns[i])).collect();
        let rows: Vec<Vec<Value>> = s
            .rows
            .iter()
            .map(|r| shown.iter().map(|&i| r.get(i).cloned().unwrap_or(Value::Null)).collect())
            .collect();
        table_sheet(ws, &headers, &percent, &rows, &f)?;
        let at = |key: &str| shown.iter().position(|&i| s.columns[i].key == key);
        if let Some((_, label, value)) = CHARTS.iter().find(|(k, _, _)| *k == s.key) {
            if let (Some(label_col), Some(value_col), false) = (at(label), at(value), s.rows.is_empty()) {
                let last = s.rows.len() as u32;
                let (lc, vc) = (label_col as u16, value_col as u16);
                let mut chart = Chart::new(ChartType::Column);
                chart
                    .add_series()
                    .set_categories((name.as_str(), 1, lc, last, lc))
                    .set_values((name.as_str(), 1, vc, last, vc))
                    .set_name(headers[value_col].as_str());
                chart.title().set_name(&s.title_zh);
                chart.legend().set_hidden();
                ws.insert_chart(1, headers.len() as u16 + 1, &chart)?;
            }
        }
    }
    save(&mut wb, path)
}

pub fn write_forms(opts: &OutputOpts, forms: &FilledForms) -> Result<()> {
    let path = path(opts)?;
    let mut wb = Workbook::new();
    let f = Formats::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name(&forms.title, &mut Vec::new()))?;
    let headers: Vec<String> = forms.columns.iter().map(|c| c.label(opts.lang).to_string()).collect();
    let rows: Vec<Vec<Value>> = forms.rows.iter().map(|(_, shown)| shown.clone()).collect();
    table_sheet(ws, &headers, &vec![false; headers.len()], &rows, &f)?;
    save(&mut wb, path)
}

/// Save owner-only: a workbook holds names and phone numbers.
fn save(wb: &mut Workbook, path: &std::path::Path) -> Result<()> {
    let bytes = wb.save_to_buffer().with_context(|| format!("cannot write {}", path.display()))?;
    super::output::write_private(path, &bytes)
}
