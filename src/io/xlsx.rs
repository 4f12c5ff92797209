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
use crate::t;

/// Sections drawn as a column chart: (section key, label column key, value column key).
const CHARTS: &[(&str, &str, &str)] =
    &[("visits_by_week", "week", "visits"), ("findings_by_status", "label", "count")];

/// Columns holding internal codes or keys, left out of a Chinese workbook: each such section has
/// a column with the Chinese name next to it.
const CODE_COLUMNS: &[&str] = &["measure", "state", "status", "category", "visit", "group", "lead_of"];

/// Excel's paper size number for A4.
const A4: u8 = 9;
const FONT: &str = "宋体";

fn path(opts: &OutputOpts) -> Result<&std::path::Path> {
    opts.path.as_deref().ok_or_else(|| {
        reject(crate::msg!("output-xlsx-needs-file")).hint(crate::msg!("output-xlsx-needs-file-hint")).into()
    })
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
    sheet_title: Format,
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
            sheet_title: Format::new()
                .set_font_name(FONT)
                .set_font_size(14)
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
    ws.set_footer(t!("xlsx-footer"));
    Ok(())
}

/// A table on a sheet of its own: a merged title above it, bordered, header frozen and filtered,
/// widths after the texts.
fn table_sheet(
    ws: &mut Worksheet,
    title: &str,
    headers: &[String],
    percent: &[bool],
    rows: &[Vec<Value>],
    f: &Formats,
) -> Result<()> {
    let last_col = headers.len().saturating_sub(1) as u16;
    // The header's row: under the title, or first on a sheet without one (a form's rows).
    let top = u32::from(!title.is_empty());
    if top == 1 {
        if last_col > 0 {
            ws.merge_range(0, 0, 0, last_col, title, &f.sheet_title)?;
        } else {
            ws.write_string_with_format(0, 0, title, &f.sheet_title)?;
        }
        ws.set_row_height(0, 28)?;
    }
    let mut widths: Vec<f64> = headers.iter().map(|h| width_of(h).max(8.0)).collect();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(top, c as u16, h, &f.head)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate().take(headers.len()) {
            write_cell(ws, r as u32 + top + 1, c as u16, v, percent.get(c).copied().unwrap_or(false), f)?;
            widths[c] = widths[c].max(width_of(&v.text()));
        }
    }
    if rows.is_empty() {
        // An empty table says so (无), rather than leaving a reader to wonder.
        ws.write_string_with_format(top + 1, 0, t!("doc-nothing"), &f.text)?;
    }
    for w in widths.iter_mut() {
        *w = w.min(60.0);
    }
    // The title (14 pt) is never cut: narrow tables widen to hold it.
    let title_w = width_of(title) * 1.3;
    let sum: f64 = widths.iter().sum();
    if sum < title_w {
        let more = (title_w - sum) / widths.len().max(1) as f64;
        widths.iter_mut().for_each(|w| *w += more);
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_row_height(top, 30)?;
    ws.set_freeze_panes(top + 1, 0)?;
    let last_row = rows.len().max(1) as u32 + top;
    ws.autofilter(top, 0, last_row, last_col)?;
    print_setup(ws, (0, top), last_row, last_col, headers.len() > 6)?;
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

/// The 汇总表: title, 填报单位 and 截至日期, the header in two levels (three when every figure
/// splits into 当期 and 累计), a row per unit, 合计.
fn summary_sheet(ws: &mut Worksheet, s: &Summary, f: &Formats) -> Result<()> {
    let per = s.sub.len().max(1) as u16;
    let figures: usize = s.groups.iter().map(|(_, c)| c.len()).sum();
    let last_col = figures as u16 * per;
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
    let head_last: u32 = if s.sub.is_empty() { 3 } else { 4 };
    ws.merge_range(2, 0, head_last, 0, &s.unit, &f.head)?;
    let merge = |ws: &mut Worksheet, r0: u32, c0: u16, r1: u32, c1: u16, text: &str| -> Result<()> {
        if r0 == r1 && c0 == c1 {
            ws.write_string_with_format(r0, c0, text, &f.head)?;
        } else {
            ws.merge_range(r0, c0, r1, c1, text, &f.head)?;
        }
        Ok(())
    };
    let mut col = 1u16;
    let mut widths = vec![width_of(&s.unit).max(12.0)];
    let mut percent = Vec::new();
    for (top, cols) in &s.groups {
        merge(ws, 2, col, 2, col + cols.len() as u16 * per - 1, top)?;
        for c in cols {
            merge(ws, 3, col, 3, col + per - 1, &c.label)?;
            // A label wider than its sub-columns wraps onto the header row's two lines.
            let w = (width_of(&c.label) / f64::from(per)).max(if s.sub.is_empty() { 9.0 } else { 7.0 });
            for (i, sub) in s.sub.iter().enumerate() {
                ws.write_string_with_format(4, col + i as u16, sub, &f.head)?;
            }
            for _ in 0..per {
                widths.push(w);
                percent.push(c.percent);
            }
            col += per;
        }
    }
    ws.set_row_height(3, 30)?;
    let mut row = head_last + 1;
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
    ws.set_freeze_panes(head_last + 1, 1)?;
    print_setup(ws, (0, head_last), row, last_col, true)?;
    Ok(())
}

pub fn write_document(opts: &OutputOpts, doc: &Document) -> Result<()> {
    let path = path(opts)?;
    let mut wb = Workbook::new();
    let f = Formats::new();
    let mut taken = Vec::new();
    if let Some(s) = &doc.summary {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(&t!("xlsx-summary-sheet"), &mut taken))?;
        summary_sheet(ws, s, &f)?;
    }
    let as_of = doc
        .header
        .iter()
        .find(|(k, _)| k == "as_of")
        .and_then(|(_, v)| crate::domain::dates::parse(&v.text()).ok());
    for s in doc.sections.iter().filter(|s| !s.columns.is_empty()) {
        let title = s.title(opts.lang);
        let name = sheet_name(title, &mut taken);
        let sheet_title = match as_of {
            Some(d) => t!("doc-sheet-title", title = title, date = crate::report::written::long_date(d)),
            None => title.to_string(),
        };
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
        table_sheet(ws, &sheet_title, &headers, &percent, &rows, &f)?;
        let at = |key: &str| shown.iter().position(|&i| s.columns[i].key == key);
        if let Some((_, label, value)) = CHARTS.iter().find(|(k, _, _)| *k == s.key) {
            if let (Some(label_col), Some(value_col), false) = (at(label), at(value), s.rows.is_empty()) {
                let last = s.rows.len() as u32 + 1;
                let (lc, vc) = (label_col as u16, value_col as u16);
                let mut chart = Chart::new(ChartType::Column);
                chart
                    .add_series()
                    .set_categories((name.as_str(), 2, lc, last, lc))
                    .set_values((name.as_str(), 2, vc, last, vc))
                    .set_name(headers[value_col].as_str());
                chart.title().set_name(title);
                chart.legend().set_hidden();
                ws.insert_chart(2, headers.len() as u16 + 1, &chart)?;
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
    table_sheet(ws, "", &headers, &vec![false; headers.len()], &rows, &f)?;
    save(&mut wb, path)
}

/// Save owner-only: a workbook holds names and phone numbers.
fn save(wb: &mut Workbook, path: &std::path::Path) -> Result<()> {
    let bytes = wb.save_to_buffer().with_context(|| format!("cannot write {}", path.display()))?;
    super::output::write_private(path, &bytes)
}
