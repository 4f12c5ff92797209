//! Output writers: one interface (`Sink`) fed by the same rows whatever the format. Every format
//! streams: csv, json and md row by row, tables through `io::table` (bounded memory, fitted to the
//! window on a terminal). Data goes to stdout (through the pager on a terminal, see `io::term`) or
//! `-o FILE`; messages go to stderr.

use std::borrow::Cow;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};

use super::table::Tone;
use crate::error::reject;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    Md,
    Xlsx,
    Docx,
}

pub use crate::i18n::Lang;

#[derive(Debug, Clone)]
pub struct OutputOpts {
    pub format: Format,
    pub path: Option<PathBuf>,
    pub lang: Lang,
    pub bom: bool,
}

/// A column: a stable English key (csv/json) and the labels people read (table/md).
#[derive(Debug, Clone)]
pub struct Column {
    pub key: Cow<'static, str>,
    pub zh: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

pub const fn col(key: &'static str, zh: &'static str, en: &'static str) -> Column {
    Column { key: Cow::Borrowed(key), zh: Cow::Borrowed(zh), en: Cow::Borrowed(en) }
}

impl Column {
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// A code of a closed set: csv and json carry the code, people read the label.
    Coded {
        code: String,
        label: String,
    },
}

impl Value {
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Value::Null => Cow::Borrowed(""),
            Value::Text(s) => Cow::Borrowed(s),
            Value::Int(i) => Cow::Owned(i.to_string()),
            Value::Float(f) => Cow::Owned(format!("{f:.1}")),
            Value::Bool(b) => Cow::Borrowed(if *b { "yes" } else { "no" }),
            Value::Coded { code, .. } => Cow::Borrowed(code),
        }
    }
    /// The text people read (tables, md, documents): labels in the chosen language, 是/否.
    pub fn human(&self) -> Cow<'_, str> {
        match self {
            Value::Bool(b) => Cow::Owned(if *b { crate::t!("yes") } else { crate::t!("no") }),
            Value::Coded { label, .. } => Cow::Borrowed(label),
            other => other.text(),
        }
    }
    /// A code of closed set `T`, read by people as its label.
    pub fn coded<T: crate::domain::sets::Closed>(code: impl Into<String>) -> Value {
        let code = code.into();
        let label = crate::domain::sets::label_of::<T>(&code);
        Value::Coded { code, label }
    }
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Null => serde_json::Value::Null,
            Value::Text(s) => serde_json::Value::String(s.clone()),
            Value::Int(i) => (*i).into(),
            Value::Float(f) => serde_json::Number::from_f64((*f * 10000.0).round() / 10000.0)
                .map(serde_json::Value::Number)
                .unwrap_or(serde_json::Value::Null),
            Value::Bool(b) => (*b).into(),
            Value::Coded { code, .. } => serde_json::Value::String(code.clone()),
        }
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Text(s)
    }
}
impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Text(s.to_string())
    }
}
impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Int(i)
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}
impl From<Option<String>> for Value {
    fn from(o: Option<String>) -> Self {
        o.map(Value::Text).unwrap_or(Value::Null)
    }
}

/// A cell a spreadsheet would run as a formula is neutralised with a leading apostrophe.
pub fn neutralise(s: &str) -> Cow<'_, str> {
    match s.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => Cow::Owned(format!("'{s}")),
        _ => Cow::Borrowed(s),
    }
}

/// Print one line on stdout (a new record's id), failing instead of panicking on a closed pipe.
pub fn print_line(line: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}")?;
    out.flush()?;
    Ok(())
}

/// Where rows go, one at a time.
pub trait Sink {
    fn row(&mut self, row: &[Value]) -> Result<()>;
    /// A row with what it means to the reader (overdue, due soon, closed): coloured in tables on a
    /// terminal, the same as `row` everywhere else.
    fn row_toned(&mut self, row: &[Value], tone: Tone) -> Result<()> {
        let _ = tone;
        self.row(row)
    }
    fn finish(self: Box<Self>) -> Result<()>;
}

/// Create (or truncate) an output file readable by its owner only: exports, reports and bundles
/// hold names and phone numbers.
pub fn create_private(path: &std::path::Path) -> Result<std::fs::File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path).with_context(|| format!("cannot write {}", path.display()))
}

/// Write a whole output file, owner-only.
pub fn write_private(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    let mut f = create_private(path)?;
    f.write_all(bytes).with_context(|| format!("cannot write {}", path.display()))?;
    f.sync_all().with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

fn destination(opts: &OutputOpts) -> Result<Box<dyn Write>> {
    Ok(match &opts.path {
        Some(p) => Box::new(BufWriter::new(create_private(p)?)),
        None => super::term::stdout(),
    })
}

/// A sink for `columns` in the chosen format. `title` heads table and md output.
pub fn sink(opts: &OutputOpts, title: &str, columns: Vec<Column>) -> Result<Box<dyn Sink>> {
    sink_brief(opts, title, columns, &[])
}

/// A sink for a list: `brief` names (by key) the columns shown in a narrow window when the table
/// goes to a terminal without `--wide` (`--columns` picks columns in every format).
pub fn sink_brief(
    opts: &OutputOpts,
    title: &str,
    columns: Vec<Column>,
    brief: &[&str],
) -> Result<Box<dyn Sink>> {
    sink_with(opts, title, columns, brief, &super::term::get().columns)
}

fn sink_with(
    opts: &OutputOpts,
    title: &str,
    columns: Vec<Column>,
    brief: &[&str],
    choice: &super::term::Columns,
) -> Result<Box<dyn Sink>> {
    if matches!(opts.format, Format::Xlsx | Format::Docx) {
        return Err(reject(
            format!("--format {:?} is not available for this command", opts.format).to_lowercase(),
        )
        .hint("use table, csv, json or md")
        .into());
    }
    // `--columns` is checked before anything is opened or written.
    let only = match choice {
        super::term::Columns::Only(want) => {
            let keys: Vec<String> = columns.iter().map(|c| c.key.to_string()).collect();
            Some(super::table::pick_only(&keys, want)?)
        }
        _ => None,
    };
    if opts.format == Format::Table {
        // To a file a table keeps its full width; on a terminal it fits the window. Tables apply
        // `--columns` themselves (they also choose the short set).
        let screen = if opts.path.is_some() {
            super::table::Screen::default()
        } else {
            super::table::Screen::current()
        };
        let out = destination(opts)?;
        let t = super::table::TableSink::new(out, &columns, brief, choice, opts.lang, title, screen)?;
        return Ok(Box::new(TableRows(t)));
    }
    let columns = match &only {
        Some(idx) => idx.iter().map(|&i| columns[i].clone()).collect(),
        None => columns,
    };
    // Text shown on a terminal is escaped; files and pipes get it as it is.
    let screen_text = opts.path.is_none() && super::term::get().stdout_tty;
    let out = destination(opts)?;
    let inner: Box<dyn Sink> = match opts.format {
        Format::Csv => Box::new(CsvSink::new(out, &columns, opts.bom, screen_text)?),
        Format::Json => Box::new(JsonSink { out, columns, first: true }),
        _ => Box::new(MdSink::new(out, &columns, opts.lang, title)?),
    };
    Ok(match only {
        Some(idx) => Box::new(Picked { inner, idx }),
        None => inner,
    })
}

/// `--columns` for csv, json and md: only those cells, in that order.
struct Picked {
    inner: Box<dyn Sink>,
    idx: Vec<usize>,
}

impl Sink for Picked {
    fn row(&mut self, row: &[Value]) -> Result<()> {
        let picked: Vec<Value> =
            self.idx.iter().map(|&i| row.get(i).cloned().unwrap_or(Value::Null)).collect();
        self.inner.row(&picked)
    }
    fn finish(self: Box<Self>) -> Result<()> {
        self.inner.finish()
    }
}

struct TableRows(super::table::TableSink<'static>);

impl Sink for TableRows {
    fn row(&mut self, row: &[Value]) -> Result<()> {
        self.0.row(row, Tone::Plain)
    }
    fn row_toned(&mut self, row: &[Value], tone: Tone) -> Result<()> {
        self.0.row(row, tone)
    }
    fn finish(self: Box<Self>) -> Result<()> {
        self.0.finish()
    }
}

/// Render a whole table.
pub fn write_rows(opts: &OutputOpts, title: &str, columns: Vec<Column>, rows: &[Vec<Value>]) -> Result<()> {
    let mut s = sink(opts, title, columns)?;
    for r in rows {
        s.row(r)?;
    }
    s.finish()
}

/// Render one record as label/value pairs (a `show` command).
pub fn write_record(opts: &OutputOpts, title: &str, fields: Vec<(Column, Value)>) -> Result<()> {
    match opts.format {
        Format::Table | Format::Md => {
            let columns = vec![col("field", "项目", "field"), col("value", "内容", "value")];
            let rows: Vec<Vec<Value>> = fields
                .iter()
                .map(|(c, v)| vec![Value::Text(c.label(opts.lang).to_string()), v.clone()])
                .collect();
            // One record reads down the page: `--columns` and the short set are for lists.
            let mut s = sink_with(opts, title, columns, &[], &super::term::Columns::Default)?;
            for r in &rows {
                s.row(r)?;
            }
            s.finish()
        }
        Format::Json => {
            let mut out = destination(opts)?;
            let map: serde_json::Map<String, serde_json::Value> =
                fields.iter().map(|(c, v)| (c.key.to_string(), v.to_json())).collect();
            let text = serde_json::to_string_pretty(&map)?;
            out.write_all(super::escape::json_safe(&text).as_bytes())?;
            writeln!(out)?;
            out.flush()?;
            Ok(())
        }
        _ => {
            let (cols, vals): (Vec<Column>, Vec<Value>) = fields.into_iter().unzip();
            write_rows(opts, title, cols, &[vals])
        }
    }
}

struct CsvSink {
    w: csv::Writer<Box<dyn Write>>,
    /// Shown on a terminal: text from outside escaped (a file or a pipe gets it unchanged).
    escape: bool,
}

impl CsvSink {
    fn new(mut out: Box<dyn Write>, columns: &[Column], bom: bool, escape: bool) -> Result<Self> {
        if bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let mut w = csv::Writer::from_writer(out);
        w.write_record(columns.iter().map(|c| c.key.as_ref()))?;
        Ok(CsvSink { w, escape })
    }
}

impl Sink for CsvSink {
    fn row(&mut self, row: &[Value]) -> Result<()> {
        for v in row {
            let t = v.text();
            let t = if self.escape { super::escape::text(&t) } else { t };
            self.w.write_field(neutralise(&t).as_bytes())?;
        }
        self.w.write_record(None::<&[u8]>)?;
        Ok(())
    }
    fn finish(mut self: Box<Self>) -> Result<()> {
        self.w.flush()?;
        Ok(())
    }
}

struct JsonSink {
    out: Box<dyn Write>,
    columns: Vec<Column>,
    first: bool,
}

impl Sink for JsonSink {
    fn row(&mut self, row: &[Value]) -> Result<()> {
        self.out.write_all(if self.first { b"[\n  " } else { b",\n  " })?;
        self.first = false;
        let map: serde_json::Map<String, serde_json::Value> =
            self.columns.iter().zip(row).map(|(c, v)| (c.key.to_string(), v.to_json())).collect();
        let text = serde_json::to_string(&serde_json::Value::Object(map))?;
        self.out.write_all(super::escape::json_safe(&text).as_bytes())?;
        Ok(())
    }
    fn finish(mut self: Box<Self>) -> Result<()> {
        self.out.write_all(if self.first { b"[]\n" } else { b"\n]\n" })?;
        self.out.flush()?;
        Ok(())
    }
}

/// Markdown, row by row (a markdown table needs no alignment).
struct MdSink {
    out: Box<dyn Write>,
}

impl MdSink {
    fn new(mut out: Box<dyn Write>, columns: &[Column], lang: Lang, title: &str) -> Result<MdSink> {
        if !title.is_empty() {
            writeln!(out, "## {}\n", super::escape::text(title))?;
        }
        writeln!(out, "{}", md_row(columns.iter().map(|c| c.label(lang))))?;
        writeln!(out, "|{}", "---|".repeat(columns.len()))?;
        Ok(MdSink { out })
    }
}

impl Sink for MdSink {
    fn row(&mut self, row: &[Value]) -> Result<()> {
        let cells: Vec<Cow<'_, str>> = row.iter().map(Value::human).collect();
        writeln!(self.out, "{}", md_row(cells.iter().map(|c| c.as_ref())))?;
        Ok(())
    }
    fn finish(mut self: Box<Self>) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }
}

/// Align rows for people: a terminal table (fitted to this process's window, see `io::table`) or
/// a markdown table.
pub fn render_grid(columns: &[Column], rows: &[Vec<String>], lang: Lang, md: bool, title: &str) -> String {
    render_grid_toned(columns, rows, &[], lang, md, title)
}

/// `render_grid` with a tone per row (colour on a terminal; ignored elsewhere).
pub fn render_grid_toned(
    columns: &[Column],
    rows: &[Vec<String>],
    tones: &[Tone],
    lang: Lang,
    md: bool,
    title: &str,
) -> String {
    use std::fmt::Write as _;
    if !md {
        return super::table::render(columns, rows, tones, lang, title, super::table::Screen::current());
    }
    let mut out = String::new();
    if !title.is_empty() {
        let _ = writeln!(out, "## {title}\n");
    }
    let _ = writeln!(out, "{}", md_row(columns.iter().map(|c| c.label(lang))));
    let _ = writeln!(out, "|{}", "---|".repeat(columns.len()));
    for r in rows {
        let _ = writeln!(out, "{}", md_row(r.iter().map(String::as_str)));
    }
    out
}

fn md_row<'a>(cells: impl Iterator<Item = &'a str>) -> String {
    let mut s = String::from("|");
    for c in cells {
        s.push(' ');
        s.push_str(&super::escape::cell(c).replace('|', "\\|").replace('\n', "<br>"));
        s.push_str(" |");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralise("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(neutralise("+8613800000000"), "'+8613800000000");
        assert_eq!(neutralise("@x"), "'@x");
        assert_eq!(neutralise("-1"), "'-1");
        assert_eq!(neutralise("0571"), "0571");
    }
}
