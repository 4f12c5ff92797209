//! Reading the spreadsheets clerks really have: UTF-8 (with or without BOM) or GBK/GB18030,
//! columns in any order, headers as English keys or Chinese labels, every row with its file line.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result};

use crate::error::{reject, Checked};
use crate::{msg, t};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Encoding {
    Utf8,
    Gbk,
    Gb18030,
}

/// Decode file bytes: an explicit encoding if given, else BOM, then strict UTF-8, then GB18030.
pub fn decode(bytes: &[u8], forced: Option<Encoding>) -> Checked<String> {
    let utf8 = |b: &[u8]| {
        std::str::from_utf8(b)
            .map(str::to_string)
            .map_err(|e| reject(msg!("csv-not-utf8", at = e.valid_up_to())).hint(msg!("csv-not-utf8-hint")))
    };
    let gb = |b: &[u8]| {
        let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(b);
        if had_errors {
            Err(reject(msg!("csv-not-text")).hint(msg!("csv-save-as-utf8-hint")))
        } else {
            Ok(text.into_owned())
        }
    };
    match forced {
        Some(Encoding::Utf8) => utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)),
        Some(Encoding::Gbk | Encoding::Gb18030) => gb(bytes),
        None => {
            if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
                utf8(rest)
            } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
                Err(reject(msg!("csv-utf16")).hint(msg!("csv-save-as-utf8-hint")))
            } else if let Ok(s) = std::str::from_utf8(bytes) {
                Ok(s.to_string())
            } else {
                gb(bytes)
            }
        }
    }
}

/// A column an import layout knows: its English key and the header names it may appear under.
pub struct Field {
    pub key: &'static str,
    pub aliases: &'static [&'static str],
    pub required: bool,
}

/// One data row: its line in the file and the values of the known columns.
pub struct Row<'a> {
    pub line: u64,
    values: &'a csv::StringRecord,
    index: &'a HashMap<&'static str, usize>,
}

impl Row<'_> {
    /// The trimmed value of a column, "" if the file has no such column.
    pub fn get(&self, key: &str) -> &str {
        self.index.get(key).and_then(|i| self.values.get(*i)).map(str::trim).unwrap_or("")
    }
    pub fn has(&self, key: &str) -> bool {
        self.index.contains_key(key)
    }
}

/// A parsed file: header mapping plus raw records.
pub struct Table {
    index: HashMap<&'static str, usize>,
    pub unknown_columns: Vec<String>,
    records: Vec<(u64, csv::StringRecord)>,
    width: usize,
}

/// A row the file could not give: its line and why.
#[derive(Debug, Clone)]
pub struct BadRow {
    pub line: u64,
    pub reason: String,
}

impl Table {
    /// Rows with the right number of fields, and bad rows for the others.
    pub fn rows(&self) -> (Vec<Row<'_>>, Vec<BadRow>) {
        let mut good = Vec::with_capacity(self.records.len());
        let mut bad = Vec::new();
        for (line, rec) in &self.records {
            if rec.len() != self.width {
                bad.push(BadRow {
                    line: *line,
                    reason: t!("csv-bad-width", n = rec.len(), width = self.width),
                });
                continue;
            }
            if let Some((i, n)) = rec
                .iter()
                .enumerate()
                .filter(|(_, f)| f.len() > FIELD_MAX)
                .map(|(i, f)| (i, f.chars().count()))
                .find(|(_, n)| *n > FIELD_MAX)
            {
                bad.push(BadRow {
                    line: *line,
                    reason: t!("csv-field-too-long", field = i + 1, n = n, max = FIELD_MAX),
                });
                continue;
            }
            good.push(Row { line: *line, values: rec, index: &self.index });
        }
        (good, bad)
    }
    pub fn len(&self) -> usize {
        self.records.len()
    }
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

/// Most characters in one field of an import file (the longest free text zoufang keeps).
pub const FIELD_MAX: usize = crate::domain::text::TEXT_MAX;
/// Most columns in an import file's header: the layouts have under 10, a clerk's spreadsheet a
/// few dozen.
pub const COLUMNS_MAX: usize = 1_000;

/// Parse CSV text against a layout. Missing required columns reject the whole file.
pub fn parse(text: &str, layout: &[Field]) -> Checked<Table> {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).has_headers(false).from_reader(text.as_bytes());
    let mut records = rdr.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(reject(msg!("csv-bad-header", detail = e.to_string()))),
        None => return Err(reject(msg!("csv-empty")).hint(msg!("csv-empty-hint"))),
    };
    let (index, unknown) = map_header(&header, layout)?;
    let lines = LineIndex::new(text);
    let mut out = Vec::new();
    for rec in records {
        let rec = rec.map_err(|e| reject(msg!("csv-unreadable", detail = e.to_string())))?;
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue; // a blank line, or a row of empty cells
        }
        let line = rec.position().map(|p| lines.line_at(text, p.byte() as usize)).unwrap_or(0);
        out.push((line, rec));
    }
    Ok(Table { index, unknown_columns: unknown, records: out, width: header.len() })
}

/// Which column of the header is which field of the layout; the columns it does not know.
type HeaderMap = (HashMap<&'static str, usize>, Vec<String>);

fn map_header(header: &csv::StringRecord, layout: &[Field]) -> Checked<HeaderMap> {
    if header.len() > COLUMNS_MAX {
        return Err(reject(msg!("csv-too-many-columns", n = header.len(), max = COLUMNS_MAX))
            .hint(msg!("csv-too-many-columns-hint")));
    }
    let mut index = HashMap::new();
    let mut unknown = Vec::new();
    for (i, name) in header.iter().enumerate() {
        let name = name.trim();
        match layout.iter().find(|f| f.key.eq_ignore_ascii_case(name) || f.aliases.contains(&name)) {
            Some(f) => {
                if index.insert(f.key, i).is_some() {
                    return Err(reject(msg!("csv-column-twice", column = f.key)));
                }
            }
            None => unknown.push(name.to_string()),
        }
    }
    let missing: Vec<String> = layout
        .iter()
        .filter(|f| f.required && !index.contains_key(f.key))
        .map(|f| t!("csv-column-named", key = f.key, alias = *f.aliases.first().unwrap_or(&"")))
        .collect();
    if !missing.is_empty() {
        let found = crate::io::escape::quote(&header.iter().collect::<Vec<_>>().join(","), 200);
        return Err(reject(msg!("csv-missing-columns", columns = missing.join(", ")))
            .hint(msg!("csv-missing-columns-hint", found = found)));
    }
    Ok((index, unknown))
}

/// Byte offsets where lines start, so that a record is reported on the line a person sees in an
/// editor, whatever the line ends (\n, \r\n or \r) and however many blank lines came before.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let b = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\r' if b.get(i + 1) == Some(&b'\n') => {
                    i += 2;
                    starts.push(i);
                }
                b'\r' | b'\n' => {
                    i += 1;
                    starts.push(i);
                }
                _ => i += 1,
            }
        }
        LineIndex { starts }
    }

    /// The 1-based line of the first non-line-break byte at or after `byte`.
    fn line_at(&self, text: &str, byte: usize) -> u64 {
        let b = text.as_bytes();
        let mut at = byte.min(b.len());
        while at < b.len() && (b[at] == b'\r' || b[at] == b'\n') {
            at += 1;
        }
        self.starts.partition_point(|s| *s <= at) as u64
    }
}

/// Read and decode a file, then parse it against a layout.
pub fn read(path: &Path, forced: Option<Encoding>, layout: &[Field]) -> Result<Table> {
    let bytes = match std::fs::read(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(no_file(path).into()),
        other => other.with_context(|| t!("csv-cannot-read", path = path))?,
    };
    let text = decode(&bytes, forced).map_err(|e| e.prefixed(path.display()))?;
    Ok(parse(&text, layout)?)
}

/// A file read as a stream, one record at a time, for imports of any size: memory holds the
/// current record and a small read buffer, never the file. Decoded as [`decode`] decides (BOM,
/// then UTF-8 if the whole file is valid UTF-8 — checked in a first streaming pass —, else
/// GB18030); rows carry the line a person sees in an editor, as [`parse`] gives them.
pub struct Stream {
    index: HashMap<&'static str, usize>,
    pub unknown_columns: Vec<String>,
    width: usize,
    reader: csv::Reader<Lines<Box<dyn Read>>>,
    rec: csv::StringRecord,
    /// Records read so far, blank ones and the header not counted.
    pub records: usize,
    /// The file's size in bytes, and how far the reading has got (for a progress bar).
    pub size: u64,
    pub at: u64,
}

/// What [`Stream::next_row`] gives: a row with the header's width, or a bad one.
pub enum Next<'a> {
    Row(Row<'a>),
    Bad(BadRow),
}

/// The decoder's word for bytes that are no text it reads (said as `csv-not-text`).
const NEITHER: &str = "the file is neither UTF-8 nor GBK/GB18030 text";

impl Stream {
    pub fn open(path: &Path, forced: Option<Encoding>, layout: &[Field]) -> Result<Stream> {
        let opened = |p: &Path| match std::fs::File::open(p) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(no_file(p).into()),
            other => other.with_context(|| t!("csv-cannot-read", path = p)),
        };
        // Decoding errors name the file, as `read` does.
        let named = |e: crate::error::Rejected| e.prefixed(path.display());
        let mut head = [0u8; 3];
        let n = read_up_to(&mut opened(path)?, &mut head)?;
        let head = &head[..n];
        let bom = head.starts_with(b"\xEF\xBB\xBF");
        let utf8 = match forced {
            Some(Encoding::Utf8) => true,
            Some(Encoding::Gbk | Encoding::Gb18030) => false,
            None if bom => true,
            None if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") => {
                return Err(named(reject(msg!("csv-utf16")).hint(msg!("csv-save-as-utf8-hint"))).into())
            }
            None => false,
        };
        // Valid UTF-8 or not, found in one streaming pass (the whole file, as `decode` judges).
        let invalid = if utf8 || forced.is_none() { utf8_error(&mut opened(path)?)? } else { None };
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        let mut file = std::io::BufReader::with_capacity(256 * 1024, opened(path)?);
        let input: Box<dyn Read> = if utf8 || (forced.is_none() && invalid.is_none()) {
            if let Some(at) = invalid {
                let at = if bom { at.saturating_sub(3) } else { at };
                return Err(
                    named(reject(msg!("csv-not-utf8", at = at)).hint(msg!("csv-not-utf8-hint"))).into()
                );
            }
            if bom {
                let mut skip = [0u8; 3];
                file.read_exact(&mut skip)?;
            }
            Box::new(file)
        } else {
            Box::new(Gb18030 {
                inner: file,
                dec: encoding_rs::GB18030.new_decoder_without_bom_handling(),
                raw: vec![0; 64 * 1024],
                out: vec![0; 256 * 1024],
                at: 0,
                end: 0,
                done: false,
            })
        };
        let mut reader =
            csv::ReaderBuilder::new().flexible(true).has_headers(false).from_reader(Lines::new(input));
        let mut header = csv::StringRecord::new();
        match reader.read_record(&mut header) {
            Ok(true) => {}
            Ok(false) => return Err(reject(msg!("csv-empty")).hint(msg!("csv-empty-hint")).into()),
            Err(e) => return Err(read_error(&e, true).into()),
        }
        let (index, unknown) = map_header(&header, layout)?;
        Ok(Stream {
            index,
            unknown_columns: unknown,
            width: header.len(),
            reader,
            rec: csv::StringRecord::new(),
            records: 0,
            size,
            at: 0,
        })
    }

    /// The next record that is not blank, or None at the end of the file. A file that cannot be
    /// read on (not text, broken quoting) is an error.
    pub fn next_row(&mut self) -> Checked<Option<Next<'_>>> {
        loop {
            match self.reader.read_record(&mut self.rec) {
                Ok(false) => return Ok(None),
                Ok(true) => {}
                Err(e) => return Err(read_error(&e, false)),
            }
            if self.rec.iter().all(|f| f.trim().is_empty()) {
                continue; // a blank line, or a row of empty cells
            }
            self.records += 1;
            let byte = self.rec.position().map(|p| p.byte()).unwrap_or(0);
            self.at = byte;
            let line = self.reader.get_mut().line_at(byte);
            if self.rec.len() != self.width {
                return Ok(Some(Next::Bad(BadRow {
                    line,
                    reason: t!("csv-bad-width", n = self.rec.len(), width = self.width),
                })));
            }
            return Ok(Some(Next::Row(Row { line, values: &self.rec, index: &self.index })));
        }
    }
}

/// A record the reader could not read, in the header line or after it.
fn read_error(e: &csv::Error, header: bool) -> crate::error::Rejected {
    if let csv::ErrorKind::Io(io) = e.kind() {
        if io.kind() == std::io::ErrorKind::InvalidData && io.to_string() == NEITHER {
            return reject(msg!("csv-not-text")).hint(msg!("csv-save-as-utf8-hint"));
        }
    }
    let detail = e.to_string();
    reject(if header {
        msg!("csv-bad-header", detail = detail)
    } else {
        msg!("csv-unreadable", detail = detail)
    })
}

/// A file named that is not there.
fn no_file(path: &Path) -> crate::error::Rejected {
    reject(msg!("csv-no-file", path = path)).hint(msg!("csv-no-file-hint"))
}

/// Where a file stops being valid UTF-8 (a byte offset), read in one streaming pass.
fn utf8_error(r: &mut dyn Read) -> Result<Option<usize>> {
    let mut buf = vec![0u8; 256 * 1024];
    let mut carry = 0usize;
    let mut base = 0usize;
    loop {
        let n = read_up_to(r, &mut buf[carry..])?;
        let len = carry + n;
        if len == 0 {
            return Ok(None);
        }
        match std::str::from_utf8(&buf[..len]) {
            Ok(_) => {
                if n == 0 {
                    return Ok(None);
                }
                base += len;
                carry = 0;
            }
            Err(e) => {
                let good = e.valid_up_to();
                // An incomplete character at the end of the buffer may finish in the next read.
                if e.error_len().is_some() || n == 0 {
                    return Ok(Some(base + good));
                }
                buf.copy_within(good..len, 0);
                carry = len - good;
                base += good;
            }
        }
        if n == 0 {
            return Ok(None);
        }
    }
}

fn read_up_to(r: &mut dyn Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut at = 0;
    while at < buf.len() {
        match r.read(&mut buf[at..]) {
            Ok(0) => break,
            Ok(n) => at += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(at)
}

/// GB18030 decoded to UTF-8 as it is read. Undecodable bytes are an error.
struct Gb18030<R: Read> {
    inner: R,
    dec: encoding_rs::Decoder,
    raw: Vec<u8>,
    out: Vec<u8>,
    at: usize,
    end: usize,
    done: bool,
}

impl<R: Read> Read for Gb18030<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.end && !self.done {
            let n = read_up_to(&mut self.inner, &mut self.raw)?;
            let last = n < self.raw.len();
            let mut from = 0;
            self.at = 0;
            self.end = 0;
            loop {
                let (result, read, written, errors) =
                    self.dec.decode_to_utf8(&self.raw[from..n], &mut self.out[self.end..], last);
                if errors {
                    return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, NEITHER));
                }
                from += read;
                self.end += written;
                match result {
                    encoding_rs::CoderResult::InputEmpty => break,
                    encoding_rs::CoderResult::OutputFull => {
                        // Grow the output buffer; bounded by the raw chunk's decoded size.
                        let len = self.out.len();
                        self.out.resize(len * 2, 0);
                    }
                }
            }
            self.done = last;
        }
        let k = buf.len().min(self.end - self.at);
        buf[..k].copy_from_slice(&self.out[self.at..self.at + k]);
        self.at += k;
        Ok(k)
    }
}

/// Passes the file through, noting for each line that has content the offset of its first
/// content byte and its line number (line breaks \n, \r\n or \r), so that a record's byte
/// offset can be turned into the line a person sees (as [`LineIndex::line_at`] does for a whole
/// text). Only the lines not yet asked about are kept: a few buffers' worth.
struct Lines<R: Read> {
    inner: R,
    pos: u64,
    line: u64,
    cr: bool,
    content: bool,
    pending: std::collections::VecDeque<(u64, u64)>,
}

impl<R: Read> Lines<R> {
    fn new(inner: R) -> Lines<R> {
        Lines { inner, pos: 0, line: 1, cr: false, content: false, pending: Default::default() }
    }

    /// The 1-based line of the first non-line-break byte at or after `byte`; offsets asked about
    /// must not decrease.
    fn line_at(&mut self, byte: u64) -> u64 {
        while self.pending.front().is_some_and(|(at, _)| *at < byte) {
            self.pending.pop_front();
        }
        self.pending.front().map_or(self.line, |(_, line)| *line)
    }
}

impl<R: Read> Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for b in &buf[..n] {
            match *b {
                b'\n' if self.cr => self.cr = false,
                b'\r' | b'\n' => {
                    self.line += 1;
                    self.cr = *b == b'\r';
                    self.content = false;
                }
                _ => {
                    self.cr = false;
                    if !self.content {
                        self.content = true;
                        self.pending.push_back((self.pos, self.line));
                    }
                }
            }
            self.pos += 1;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const LAYOUT: &[Field] = &[
        Field { key: "uscc", aliases: &["统一社会信用代码"], required: true },
        Field { key: "name", aliases: &["企业名称"], required: true },
        Field { key: "phone", aliases: &["联系电话"], required: false },
    ];

    #[test]
    fn gbk_and_bom_are_detected() {
        let text = "企业名称,统一社会信用代码\n某某公司,X\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(decode(&gbk, None).unwrap(), text);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode(&bom, None).unwrap(), text);
    }

    #[test]
    fn chinese_headers_in_any_order_map_to_keys() {
        let t = parse("联系电话,企业名称,统一社会信用代码,备注\n0571123,甲,X,z\n", LAYOUT).unwrap();
        assert_eq!(t.unknown_columns, vec!["备注"]);
        let (rows, bad) = t.rows();
        assert!(bad.is_empty());
        assert_eq!(rows[0].get("phone"), "0571123");
        assert_eq!(rows[0].line, 2);
    }

    #[test]
    fn short_rows_are_bad_with_their_line() {
        let t = parse("uscc,name\na,b\nc\n", LAYOUT).unwrap();
        let (_, bad) = t.rows();
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].line, 3);
    }

    #[test]
    fn lines_count_blank_lines_and_crlf() {
        let t = parse("uscc,name\r\na,b\r\n\r\n\r\nc\r\n", LAYOUT).unwrap();
        let (_, bad) = t.rows();
        assert_eq!(bad[0].line, 5);
        let t = parse("uscc,name\ra,b\rc\r", LAYOUT).unwrap();
        assert_eq!(t.rows().1[0].line, 3);
    }

    #[test]
    fn missing_required_column_rejects_file() {
        assert!(parse("name\nx\n", LAYOUT).is_err());
    }

    proptest! {
        #![proptest_config(crate::testing::proptest_config("io::csv_in", 256))]

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            if let Ok(text) = decode(&bytes, None) {
                if let Ok(t) = parse(&text, LAYOUT) {
                    let (rows, _) = t.rows();
                    for r in rows { let _ = r.get("uscc"); }
                }
            }
        }
    }
}
