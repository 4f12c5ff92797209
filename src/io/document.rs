//! A document of several titled tables (the dashboard, the reports): computed once, rendered as
//! terminal tables, markdown, JSON (every figure under stable keys), and — through the report
//! writers — xlsx and docx.

use std::fmt::Write as _;
use std::io::Write;

use unicode_width::UnicodeWidthStr;

use anyhow::Result;

use super::output::{render_grid, render_grid_toned, Column, Format, Lang, OutputOpts, Value};
use super::table::Tone;

pub struct Section {
    /// Stable key for JSON and sheet names.
    pub key: &'static str,
    pub title_zh: String,
    pub title_en: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Value>>,
    /// Quota bars (label, done, target) drawn under the table on a terminal.
    pub bars: Vec<(String, i64, i64)>,
    /// Paragraphs of prose that go with the section (markdown, docx).
    pub text: Vec<String>,
    /// What each row means to the reader (late, due soon, done): colour on a terminal only. Rows
    /// past the end of this list are plain.
    pub tones: Vec<Tone>,
}

impl Section {
    pub fn new(key: &'static str, zh: &str, en: &str, columns: Vec<Column>) -> Section {
        Section {
            key,
            title_zh: zh.to_string(),
            title_en: en.to_string(),
            columns,
            rows: Vec::new(),
            bars: Vec::new(),
            text: Vec::new(),
            tones: Vec::new(),
        }
    }
    pub fn title(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.title_zh,
            Lang::En => &self.title_en,
        }
    }
}

pub struct Document {
    pub title: String,
    /// Lines under the title: the bureau, the date, the period.
    pub header: Vec<(String, Value)>,
    pub sections: Vec<Section>,
    /// The document as a person writes it (the docx): prose, the tables that say more, the
    /// signature. None: the docx lays the sections out as they are.
    pub written: Option<Written>,
    /// The 汇总表 a workbook opens with.
    pub summary: Option<Summary>,
}

impl Document {
    pub fn new(title: String, header: Vec<(String, Value)>, sections: Vec<Section>) -> Document {
        Document { title, header, sections, written: None, summary: None }
    }
}

/// A document for people, in reading order: what the docx writer lays out as a 公文
/// (GB/T 9704-2012). Every text in it is what the reader sees: Chinese labels, no codes.
#[derive(Debug, Clone, Default)]
pub struct Written {
    pub title: String,
    /// 主送机关 (the line under the title, ending in a colon), if any.
    pub addressee: Option<String>,
    pub blocks: Vec<Block>,
    /// 发文机关署名 and 成文日期 at the end.
    pub issuer: String,
    pub date: chrono::NaiveDate,
}

#[derive(Debug, Clone)]
pub enum Block {
    /// Level 1 `一、` (黑体), 2 `（一）` (楷体), 3 `1.` (bold 仿宋); the text carries its number.
    Heading(u8, String),
    /// A paragraph of body text; a `【请补充：…】` in it is left for a person and highlighted.
    Para(String),
    Table(Table),
    Picture(Picture),
    /// Photographs side by side (a hazard's 整改前/整改后 pair, a typical case's pictures), each
    /// with its caption under it, the row titled under them (图N …).
    Photos(Photos),
}

/// A table in a written document: a caption, Chinese headers, rows of values (numbers are
/// right-aligned; a rate is text such as "61.4%").
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub caption: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Value>>,
    /// Rows come in pairs (当期 above 累计) when set: the columns listed are one cell spanning
    /// both rows of a pair (the unit's name, a quota), and a pair is never split across pages.
    /// Every figure of a breakdown then has both without doubling the table's width.
    pub pairs: Option<Vec<usize>>,
}

/// A picture (PNG or JPEG bytes) shown across the text block's width at most, with a caption.
#[derive(Debug, Clone)]
pub struct Picture {
    pub bytes: Vec<u8>,
    /// "png" or "jpeg".
    pub ext: &'static str,
    /// Size in pixels (for the aspect ratio).
    pub width_px: u32,
    pub height_px: u32,
    /// Width on the page in millimetres (at most the text block's 156 mm).
    pub width_mm: f64,
    pub caption: String,
}

/// A row of photographs in a borderless table, one cell per photo. The report names the stored
/// photos (`Photo::blob`); the pictures are made from them only when a document embeds them
/// (`report::evidence::embed`), so a report written as text never decodes a photo.
#[derive(Debug, Clone, Default)]
pub struct Photos {
    pub photos: Vec<Photo>,
    /// The row's title under it: 图3 递铺村：排污口未封堵.
    pub title: String,
}

#[derive(Debug, Clone)]
pub struct Photo {
    /// The stored photo's SHA-256 (`blobs.sha256`) and its type.
    pub blob: String,
    pub mime: &'static str,
    pub caption: String,
    /// The copy the document embeds, once made.
    pub picture: Option<Picture>,
}

/// The 汇总表: a merged title, 填报单位 and 截至日期, a two-level header, one row per unit and
/// the total.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub title: String,
    /// "填报单位：…" and "截至日期：…" lines.
    pub lines: Vec<String>,
    /// The first column's header (e.g. 走访组 or 县（市、区）), spanning both header rows.
    pub unit: String,
    /// Upper header cells, each over its lower header cells.
    pub groups: Vec<(String, Vec<SummaryColumn>)>,
    /// When not empty, every column splits into these (当期, 累计): a third header row, and one
    /// value per sub-column in the rows.
    pub sub: Vec<String>,
    /// One row per unit: its name, then one value per lower header cell (per sub-column).
    pub rows: Vec<(String, Vec<Value>)>,
    pub total: (String, Vec<Value>),
}

#[derive(Debug, Clone)]
pub struct SummaryColumn {
    pub label: String,
    /// A percentage (the value is 61.4 for 61.4%).
    pub percent: bool,
}

/// How a header key reads in a document for people (JSON keeps the key).
pub fn header_label(key: &str, lang: Lang) -> &str {
    let zh = match key {
        "org" => "单位代码",
        "as_of" => "截至日期",
        "today" => "日期",
        "period" => "当期",
        "cumulative" => "累计",
        _ => key,
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => key,
    }
}

/// A bar of `width` cells for done/target.
pub fn bar(done: i64, target: i64, width: usize) -> String {
    let filled = if target <= 0 {
        width
    } else {
        ((done.max(0) as f64 / target as f64).min(1.0) * width as f64).round() as usize
    };
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

pub fn write(opts: &OutputOpts, doc: &Document) -> Result<()> {
    match opts.format {
        Format::Json => {
            let mut sections = serde_json::Map::new();
            for s in &doc.sections {
                let rows: Vec<serde_json::Value> = s
                    .rows
                    .iter()
                    .map(|r| {
                        serde_json::Value::Object(
                            s.columns.iter().zip(r).map(|(c, v)| (c.key.to_string(), v.to_json())).collect(),
                        )
                    })
                    .collect();
                sections.insert(s.key.to_string(), serde_json::Value::Array(rows));
            }
            let header: serde_json::Map<String, serde_json::Value> =
                doc.header.iter().map(|(k, v)| (k.clone(), v.to_json())).collect();
            let out = serde_json::json!({ "title": doc.title, "header": header, "sections": sections });
            let text = serde_json::to_string_pretty(&out)? + "\n";
            emit(opts, super::escape::json_safe(&text).as_bytes())
        }
        Format::Table | Format::Md => {
            let md = opts.format == Format::Md;
            let mut buf = String::new();
            if md {
                let _ = writeln!(buf, "# {}\n", super::escape::text(&doc.title));
                for (k, v) in &doc.header {
                    let _ = writeln!(
                        buf,
                        "- {}: {}",
                        header_label(k, opts.lang),
                        super::escape::text(&v.human())
                    );
                }
            } else {
                let _ = writeln!(buf, "{}", super::escape::text(&doc.title));
                for (k, v) in &doc.header {
                    let _ = writeln!(
                        buf,
                        "  {}: {}",
                        header_label(k, opts.lang),
                        super::escape::text(&v.human())
                    );
                }
            }
            for s in &doc.sections {
                buf.push('\n');
                if s.columns.is_empty() {
                    let _ = writeln!(buf, "{}{}", if md { "## " } else { "" }, s.title(opts.lang));
                    if md {
                        buf.push('\n');
                    }
                } else {
                    let rows: Vec<Vec<String>> =
                        s.rows.iter().map(|r| r.iter().map(|v| v.human().into_owned()).collect()).collect();
                    if md && rows.is_empty() {
                        // An empty table says so (无) rather than printing a bare header.
                        let _ = writeln!(buf, "## {}\n", s.title(opts.lang));
                        for p in &s.text {
                            let _ = writeln!(buf, "{p}\n");
                        }
                        let _ = writeln!(buf, "{}\n", crate::t!("doc-nothing"));
                        continue;
                    }
                    if md {
                        let _ = writeln!(buf, "## {}\n", s.title(opts.lang));
                        for p in &s.text {
                            let _ = writeln!(buf, "{p}\n");
                        }
                        buf.push_str(&render_grid(&s.columns, &rows, opts.lang, true, ""));
                        continue;
                    }
                    buf.push_str(&render_grid_toned(
                        &s.columns,
                        &rows,
                        &s.tones,
                        opts.lang,
                        false,
                        s.title(opts.lang),
                    ));
                }
                for p in &s.text {
                    let _ = writeln!(buf, "{}{}", super::escape::text(p), if md { "\n" } else { "" });
                }
                if !md {
                    let width =
                        s.bars.iter().map(|(l, _, _)| UnicodeWidthStr::width(l.as_str())).max().unwrap_or(0);
                    for (label, done, target) in &s.bars {
                        let pad = width - UnicodeWidthStr::width(label.as_str());
                        let _ = writeln!(
                            buf,
                            "  {}{} {} {done}/{target}",
                            super::escape::cell(label),
                            " ".repeat(pad),
                            bar(*done, *target, 20)
                        );
                    }
                }
            }
            emit(opts, buf.as_bytes())
        }
        Format::Csv => {
            // One table per section, each under a `# key` line, for a quick look in a spreadsheet.
            let mut buf = Vec::new();
            if opts.bom {
                buf.extend_from_slice("\u{feff}".as_bytes());
            }
            for (i, s) in doc.sections.iter().enumerate() {
                buf.extend_from_slice(format!("{}# {}\n", if i > 0 { "\n" } else { "" }, s.key).as_bytes());
                let mut w = csv::Writer::from_writer(&mut buf);
                w.write_record(s.columns.iter().map(|c| c.key.as_ref()))?;
                for r in &s.rows {
                    w.write_record(r.iter().map(|v| super::output::neutralise(&v.text()).into_owned()))?;
                }
                w.flush()?;
            }
            emit(opts, &buf)
        }
        Format::Xlsx | Format::Docx => Err(crate::error::reject(crate::msg!(
            "output-format-not-here",
            format = if opts.format == Format::Xlsx { "xlsx" } else { "docx" }
        ))
        .hint(crate::msg!("output-format-not-here-hint"))
        .into()),
    }
}

fn emit(opts: &OutputOpts, bytes: &[u8]) -> Result<()> {
    match &opts.path {
        Some(p) => super::output::write_private(p, bytes),
        None => {
            let mut out = super::term::stdout();
            out.write_all(bytes)?;
            out.flush()?;
            Ok(())
        }
    }
}
