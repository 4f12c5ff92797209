//! Output writers: one interface (`Sink`) fed by the same rows whatever the format. Every format
//! streams: csv, json and md row by row, tables through `io::table` (bounded memory, fitted to the
//! window on a terminal). Data goes to stdout (through the pager on a terminal, see `io::term`) or
//! `-o FILE`; messages go to stderr.

use std::borrow::Cow;
use std::cell::RefCell;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use anyhow::Result;

use super::table::Tone;
use crate::error::reject;
use crate::msg;

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
    /// `-o FILE` with no `--format` and an extension that names no format: refused by every
    /// command that writes rows or a document there (`backup` and `sync` take any name).
    pub unknown_extension: bool,
}

/// The formats `-o FILE` takes from its extension when no `--format` is given.
pub const EXTENSIONS: &[(&str, Format)] = &[
    ("csv", Format::Csv),
    ("json", Format::Json),
    ("md", Format::Md),
    ("xlsx", Format::Xlsx),
    ("docx", Format::Docx),
];

/// The format a file name's extension asks for (case-insensitive).
pub fn format_of_extension(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    EXTENSIONS.iter().find(|(e, _)| *e == ext).map(|(_, f)| *f)
}

impl OutputOpts {
    /// The output options of a command line: `--format`, else the extension of `-o FILE`, else a
    /// table.
    pub fn new(format: Option<Format>, path: Option<PathBuf>, lang: Lang, bom: bool) -> OutputOpts {
        let from_ext = path.as_deref().and_then(format_of_extension);
        let unknown_extension = format.is_none() && path.is_some() && from_ext.is_none();
        OutputOpts {
            format: format.or(from_ext).unwrap_or(Format::Table),
            path,
            lang,
            bom,
            unknown_extension,
        }
    }

    /// Refuse `-o FILE` whose extension names no format when no `--format` was given.
    pub fn check_file(&self) -> Result<()> {
        if !self.unknown_extension {
            return Ok(());
        }
        let path = self.path.as_deref().unwrap_or(Path::new(""));
        let list: Vec<String> = EXTENSIONS.iter().map(|(e, _)| format!(".{e}")).collect();
        let path = super::escape::one_line(&path.display().to_string()).into_owned();
        Err(reject(msg!("output-unknown-extension", path = path, known = list.join(" ")))
            .hint(msg!("output-unknown-extension-hint"))
            .into())
    }
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

/// An output file being written: a temporary file beside its final name (same folder, so the
/// rename cannot cross filesystems), readable by its owner only (exports, reports and bundles hold
/// names and phone numbers). `commit` syncs it and renames it into place; dropped without
/// `commit` (a refusal, an error, a full disk) it is removed and the previous file is untouched.
pub struct AtomicFile {
    tmp: tempfile::NamedTempFile,
    dest: PathBuf,
}

/// The file a path finally names: a symlink's target (so that the rename replaces the file the
/// link points at, not the link), else the path itself.
pub fn resolve(dest: &Path) -> PathBuf {
    match std::fs::symlink_metadata(dest) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(dest).unwrap_or_else(|_| {
            // A dangling link: follow it one step, as the kernel would on create.
            match std::fs::read_link(dest) {
                Ok(t) if t.is_absolute() => t,
                Ok(t) => dest.parent().map(|p| p.join(&t)).unwrap_or(t),
                Err(_) => dest.to_path_buf(),
            }
        }),
        _ => dest.to_path_buf(),
    }
}

/// A temporary file in the folder of `dest`, named after it and after this process
/// (`.NAME.PID.RANDOM.zoufang-tmp`), owner-only. What a killed command left beside the same name
/// is removed first, so a kill leaves a temporary only until the next write there.
pub fn temp_beside(dest: &Path) -> Result<tempfile::NamedTempFile> {
    let dir = match dest.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    sweep_dead_temporaries(&dir, &name);
    tempfile::Builder::new()
        .prefix(&format!(".{name}.{}.", std::process::id()))
        .suffix(".zoufang-tmp")
        .tempfile_in(&dir)
        .map_err(|e| crate::error::io_sentence(e, &dir, "write a file in"))
}

/// Remove the temporaries (and a temporary database's `-wal`, `-shm`, `-journal`) of `name` whose
/// process is gone. Only where `/proc` tells which processes live; a live writer's are kept.
fn sweep_dead_temporaries(dir: &Path, name: &str) {
    let proc = Path::new("/proc/self");
    if !proc.exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let prefix = format!(".{name}.");
    for e in entries.flatten() {
        let file = e.file_name();
        let Some(rest) = file.to_str().and_then(|f| f.strip_prefix(&prefix)) else { continue };
        let Some((pid, tail)) = rest.split_once('.') else { continue };
        let ours = tail.contains(".zoufang-tmp") || tail.ends_with("zoufang-tmp");
        if !ours || pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        if !Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Sync the folder holding `path`, so that a rename into it survives a power cut.
pub fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

impl AtomicFile {
    pub fn create(dest: &Path) -> Result<AtomicFile> {
        let dest = resolve(dest);
        let tmp = temp_beside(&dest)?;
        Ok(AtomicFile { tmp, dest })
    }

    pub fn path(&self) -> &Path {
        &self.dest
    }

    /// Sync the complete file and rename it into place.
    pub fn commit(mut self) -> Result<()> {
        let dest = self.dest.clone();
        let f = self.tmp.as_file_mut();
        f.flush().and_then(|_| f.sync_all()).map_err(|e| crate::error::io_sentence(e, &dest, "write"))?;
        self.tmp.persist(&dest).map_err(|e| crate::error::io_sentence(e.error, &dest, "write"))?;
        sync_dir(&dest);
        Ok(())
    }
}

impl Write for AtomicFile {
    /// A failed write says what failed in words (a full disk, a size limit), whoever wraps it.
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.tmp.as_file_mut().write(buf).map_err(|e| {
            let kind = e.kind();
            std::io::Error::new(kind, crate::error::io_sentence(e, &self.dest, "write").to_string())
        })
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.tmp.as_file_mut().flush()
    }
}

impl std::io::Seek for AtomicFile {
    fn seek(&mut self, pos: std::io::SeekFrom) -> std::io::Result<u64> {
        self.tmp.as_file_mut().seek(pos)
    }
}

/// Write a whole output file: beside it, synced, renamed into place.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = AtomicFile::create(path)?;
    f.write_all(bytes).map_err(|e| crate::error::io_sentence(e, path, "write"))?;
    f.commit()
}

/// A path made absolute and free of symlinks as far as it exists: the file itself if it exists,
/// else its folder's real path joined with its name.
fn real_path(p: &Path) -> Option<PathBuf> {
    if let Ok(c) = std::fs::canonicalize(p) {
        return Some(c);
    }
    let p = resolve(p);
    let name = p.file_name()?;
    let dir = match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Some(std::fs::canonicalize(dir).ok()?.join(name))
}

/// Whether two paths name one file: the same device and inode (a hard link, a symlink, another
/// spelling of the path), or, where one does not exist yet, the same real path.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    match (real_path(a), real_path(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// What the first bytes of an existing file say it is, if it is an SQLite file zoufang must never
/// write over: a database (its 16-byte header) or a write-ahead log (its magic number).
pub fn sqlite_kind(path: &Path) -> Option<&'static str> {
    use std::io::Read as _;
    let mut head = [0u8; 16];
    let mut f = std::fs::File::open(path).ok()?;
    let mut n = 0;
    while n < head.len() {
        match f.read(&mut head[n..]) {
            Ok(0) | Err(_) => break,
            Ok(k) => n += k,
        }
    }
    if n == 16 && &head == b"SQLite format 3\0" {
        return Some("an SQLite database");
    }
    if n >= 4 && head[..3] == [0x37, 0x7f, 0x06] && matches!(head[3], 0x82 | 0x83) {
        return Some("an SQLite write-ahead log");
    }
    None
}

/// Refuse `-o dest` when it is the database `db` or one of its files (`-wal`, `-shm`,
/// `-journal`) by any route — the same path, a symlink, a hard link — or, with `rows`
/// (rows or a document, not a database or a bundle, whose commands say so in their own words),
/// when it already holds an SQLite database or log. Overwriting an ordinary file is fine.
pub fn check_target(dest: &Path, db: &Path, rows: bool) -> Result<()> {
    let shown = || super::escape::one_line(&dest.display().to_string()).into_owned();
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut file = db.as_os_str().to_owned();
        file.push(suffix);
        let file = PathBuf::from(file);
        if same_file(dest, &file) {
            let which = if suffix.is_empty() {
                msg!("output-the-database")
            } else {
                msg!("output-database-file", suffix = &suffix[1..])
            };
            let file = super::escape::one_line(&file.display().to_string()).into_owned();
            return Err(reject(msg!("output-onto-database", path = shown(), which = which, file = file))
                .hint(msg!("output-is-database-hint"))
                .into());
        }
    }
    if !rows {
        return Ok(());
    }
    if std::fs::metadata(dest).map(|m| m.is_dir()).unwrap_or(false) {
        return Err(reject(msg!("output-is-folder", path = shown()))
            .hint(msg!("output-is-folder-hint"))
            .into());
    }
    if let Some(kind) = sqlite_kind(dest) {
        let kind =
            if kind.contains("log") { msg!("output-sqlite-log") } else { msg!("output-sqlite-database") };
        return Err(reject(msg!("output-onto-sqlite", path = shown(), kind = kind))
            .hint(msg!("output-onto-sqlite-hint"))
            .into());
    }
    Ok(())
}

/// Where a sink's bytes go: standard output (or the pager), or an `AtomicFile` renamed into
/// place by `finish`. The file is shared so that a writer that takes any `Write` (a table) can
/// write to it while `finish` keeps the right to put it in place.
pub enum Dest {
    Stdout(Box<dyn Write>),
    File(Rc<RefCell<BufWriter<AtomicFile>>>),
}

impl Write for Dest {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Dest::Stdout(w) => w.write(buf),
            Dest::File(w) => w.borrow_mut().write(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Dest::Stdout(w) => w.flush(),
            Dest::File(w) => w.borrow_mut().flush(),
        }
    }
}

/// A second handle on a `Dest::File`, for a writer that owns its `Write`.
struct SharedFile(Rc<RefCell<BufWriter<AtomicFile>>>);

impl Write for SharedFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.borrow_mut().flush()
    }
}

impl Dest {
    /// Split into a `Write` for a writer that owns one, and what `finish` needs afterwards (the
    /// file to put in place; nothing for standard output).
    fn split(self) -> (Box<dyn Write>, Option<Dest>) {
        match self {
            Dest::Stdout(w) => (w, None),
            Dest::File(f) => (Box::new(SharedFile(f.clone())), Some(Dest::File(f))),
        }
    }

    /// Everything written: flush standard output, or put the file in place. Every other handle
    /// on the file must be dropped first.
    pub fn finish(self) -> Result<()> {
        match self {
            Dest::Stdout(mut w) => Ok(w.flush()?),
            Dest::File(f) => {
                let w = Rc::try_unwrap(f)
                    .map_err(|_| anyhow::anyhow!(crate::t!("output-still-writing")))?
                    .into_inner();
                let path = w.get_ref().path().to_path_buf();
                let f =
                    w.into_inner().map_err(|e| crate::error::io_sentence(e.into_error(), &path, "write"))?;
                f.commit()
            }
        }
    }
}

pub fn destination(opts: &OutputOpts) -> Result<Dest> {
    Ok(match &opts.path {
        Some(p) => Dest::File(Rc::new(RefCell::new(BufWriter::new(AtomicFile::create(p)?)))),
        None => Dest::Stdout(super::term::stdout()),
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
    check_rows_format(opts)?;
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
        let (out, file) = destination(opts)?.split();
        let t = super::table::TableSink::new(out, &columns, brief, choice, opts.lang, title, screen)?;
        return Ok(Box::new(TableRows(t, file)));
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

/// A table, and the file it goes to (put in place once the table is done).
struct TableRows(super::table::TableSink<'static>, Option<Dest>);

impl Sink for TableRows {
    fn row(&mut self, row: &[Value]) -> Result<()> {
        self.0.row(row, Tone::Plain)
    }
    fn row_toned(&mut self, row: &[Value], tone: Tone) -> Result<()> {
        self.0.row(row, tone)
    }
    fn finish(self: Box<Self>) -> Result<()> {
        self.0.finish()?;
        match self.1 {
            Some(file) => file.finish(),
            None => Ok(()),
        }
    }
}

/// Whether rows can be written in the chosen format (and to the chosen file): call it before a
/// command writes anything to the database, so that a refusal comes first.
pub fn check_rows_format(opts: &OutputOpts) -> Result<()> {
    opts.check_file()?;
    match opts.format {
        Format::Xlsx | Format::Docx => {
            let format = format!("{:?}", opts.format).to_lowercase();
            Err(reject(msg!("output-format-not-here", format = format))
                .hint(msg!("output-format-not-here-hint"))
                .into())
        }
        _ => Ok(()),
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
            opts.check_file()?;
            let mut out = destination(opts)?;
            let map: serde_json::Map<String, serde_json::Value> =
                fields.iter().map(|(c, v)| (c.key.to_string(), v.to_json())).collect();
            let text = serde_json::to_string_pretty(&map)?;
            out.write_all(super::escape::json_safe(&text).as_bytes())?;
            writeln!(out)?;
            out.finish()
        }
        _ => {
            let (cols, vals): (Vec<Column>, Vec<Value>) = fields.into_iter().unzip();
            write_rows(opts, title, cols, &[vals])
        }
    }
}

struct CsvSink {
    w: csv::Writer<Dest>,
    /// Shown on a terminal: text from outside escaped (a file or a pipe gets it unchanged).
    escape: bool,
}

impl CsvSink {
    fn new(mut out: Dest, columns: &[Column], bom: bool, escape: bool) -> Result<Self> {
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
    fn finish(self: Box<Self>) -> Result<()> {
        let out = self.w.into_inner().map_err(|e| anyhow::anyhow!("{}", e.error()))?;
        out.finish()
    }
}

struct JsonSink {
    out: Dest,
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
        self.out.finish()
    }
}

/// Markdown, row by row (a markdown table needs no alignment).
struct MdSink {
    out: Dest,
}

impl MdSink {
    fn new(mut out: Dest, columns: &[Column], lang: Lang, title: &str) -> Result<MdSink> {
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
    fn finish(self: Box<Self>) -> Result<()> {
        self.out.finish()
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
