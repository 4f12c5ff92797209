//! Bulk import: check every row first, then write all of them in one transaction — or, with any
//! bad row and no `--skip-bad`, write nothing and list every bad row with its file line.

use anyhow::Result;
use rusqlite::types::ValueRef;

use crate::error::{reject, Checked};
use crate::i18n::Arg;
use crate::io::csv_in::{BadRow, Next, Row, Stream, Table};
use crate::io::progress::Progress;
use crate::store::bulk::{Bulk, Run, Sorted, RUN_BYTES};
use crate::store::registry::Outcome;
use crate::store::rows;
use crate::store::{Actor, Store, Writer};
use crate::{msg, t};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: usize,
}

impl Summary {
    fn count(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Added => self.added += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Unchanged => self.unchanged += 1,
        }
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&t!(
            "import-summary",
            added = self.added,
            updated = self.updated,
            unchanged = self.unchanged,
            rejected = self.rejected
        ))
    }
}

/// Check `table` row by row with `check` (which gives each item and its key), refuse duplicate
/// keys inside the file, then write the good rows with `write`.
pub fn run<T>(
    store: &mut Store,
    actor: &Actor,
    what: &str,
    table: &Table,
    skip_bad: bool,
    mut check: impl FnMut(&Row) -> Checked<(String, T)>,
    mut write: impl FnMut(&mut Writer, &T) -> Result<Outcome>,
) -> Result<Summary> {
    let what = &what_word(what);
    note_unknown_columns(&table.unknown_columns, what);
    let (rows, mut bad) = table.rows();
    // Checked, then written: one bar over both passes (a province's enterprises take seconds).
    let progress = Progress::new(2 * rows.len() as u64, &t!("import-progress", what = what));
    let mut good: Vec<(String, u64, T)> = Vec::with_capacity(rows.len());
    for row in &rows {
        progress.inc(1);
        match check(row) {
            Ok((key, item)) => good.push((key, row.line, item)),
            Err(e) => bad.push(BadRow { line: row.line, reason: e.message.to_string() }),
        }
    }
    drop(rows);
    // Written in key order: the table's B-tree then grows at its end instead of splitting pages
    // all over, which is most of the difference on a large file. In that order a key the file
    // repeats sits next to its first line.
    good.sort_unstable_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    good.dedup_by(|(key, line, _), (first, at, _)| {
        let repeated = key == first;
        if repeated {
            bad.push(BadRow { line: *line, reason: t!("import-repeated", key = key.as_str(), at = *at) });
        }
        repeated
    });
    bad.sort_by_key(|b| b.line);
    let listing = listing(&bad[..bad.len().min(SHOWN)], bad.len(), SHOWN);
    if !bad.is_empty() && !skip_bad {
        return Err(reject(msg!(
            "import-bad-rows",
            bad = bad.len(),
            total = table.len(),
            what = what,
            listing = listing
        ))
        .hint(msg!("import-bad-rows-hint"))
        .into());
    }
    if !bad.is_empty() {
        crate::note!("{}", t!("import-skipped", n = bad.len(), listing = listing));
    }
    let mut summary = Summary { rejected: bad.len(), ..Summary::default() };
    progress.set_len(progress.position() + good.len() as u64);
    store.write(actor, |w| {
        for (_, _, item) in &good {
            progress.inc(1);
            summary.count(write(w, item)?);
        }
        Ok(())
    })?;
    progress.finish();
    Ok(summary)
}

/// Bad rows kept to list: the first [`SHOWN`] by file line, however many there are.
#[derive(Default)]
struct BadRows {
    first: Vec<BadRow>,
    count: usize,
}

/// A screenful of bad rows is enough to act on; the count says how many more there are.
const SHOWN: usize = 30;

impl BadRows {
    fn note(&mut self, b: BadRow) {
        self.count += 1;
        self.first.push(b);
        // Rows repeated in the file are found in key order, not line order: keep the earliest.
        if self.first.len() >= 4 * SHOWN {
            self.settle();
        }
    }

    fn settle(&mut self) {
        self.first.sort_by_key(|b| b.line);
        self.first.truncate(SHOWN);
    }

    fn listing(&mut self) -> String {
        self.settle();
        listing(&self.first, self.count, SHOWN)
    }
}

/// [`run`] for a file read as a stream (`enterprise import`), in bounded memory whatever the
/// file's size: each row is checked as it is read and packed into a run ([`bulk::Run`]); a full
/// run, and the last, is written in key order, all in one transaction. A bad row without
/// `--skip-bad` rolls everything back: nothing is written, as with [`run`], and every bad row is
/// counted (the first ones listed). A key the file repeats is found next to its first row in key
/// order, or, when the file takes more than one run, in a temporary table of the keys written.
#[allow(clippy::too_many_arguments)]
pub fn run_streamed<T>(
    store: &mut Store,
    actor: &Actor,
    what: &str,
    stream: &mut Stream,
    skip_bad: bool,
    table: &rows::Table,
    mut check: impl FnMut(&Row) -> Checked<T>,
    values: fn(&T) -> Vec<ValueRef<'_>>,
) -> Result<Summary> {
    let what = &what_word(what);
    note_unknown_columns(&stream.unknown_columns, what);
    // A bar over the file's bytes, read then written, on a terminal (nothing when piped).
    let progress = Progress::new(2 * stream.size, &t!("import-progress", what = what));
    let mut out = RunWriter {
        skip_bad,
        multi: false,
        written: 0,
        progress: &progress,
        bad: BadRows::default(),
        summary: Summary::default(),
    };
    let result = store.write(actor, |w| {
        let mut bulk = Bulk::begin(w, table)?;
        let mut run = Run::default();
        let mut run_from = 0u64;
        let mut seen = 0u64;
        loop {
            if seen.is_multiple_of(1024) {
                progress.set(stream.at + out.written);
            }
            seen += 1;
            let Some(next) = stream.next_row()? else { break };
            let row = match next {
                Next::Row(row) => row,
                Next::Bad(b) => {
                    out.bad.note(b);
                    continue;
                }
            };
            match check(&row) {
                Ok(item) => run.push(&values(&item), row.line)?,
                Err(e) => out.bad.note(BadRow { line: row.line, reason: e.message.to_string() }),
            }
            if run.bytes() >= RUN_BYTES {
                if !out.multi {
                    w.tx.execute_batch(
                        "CREATE TEMP TABLE IF NOT EXISTS zf_import_keys (key TEXT PRIMARY KEY, line INTEGER NOT NULL) WITHOUT ROWID;
                         DELETE FROM temp.zf_import_keys;",
                    )?;
                    out.multi = true;
                }
                out.write(w, &mut bulk, run.drain_sorted(), stream.at, stream.at - run_from)?;
                run_from = stream.at;
            }
        }
        out.write(w, &mut bulk, run.drain_sorted(), stream.at, stream.at - run_from)?;
        bulk.finish(w)?;
        if out.multi {
            w.tx.execute_batch("DELETE FROM temp.zf_import_keys")?;
        }
        if out.bad.count > 0 && !skip_bad {
            return Err(reject(msg!(
                "import-bad-rows",
                bad = out.bad.count,
                total = stream.records,
                what = what,
                listing = out.bad.listing()
            ))
            .hint(msg!("import-bad-rows-hint"))
            .into());
        }
        Ok(())
    });
    let RunWriter { mut bad, mut summary, .. } = out;
    progress.finish();
    result?;
    if bad.count > 0 {
        crate::note!("{}", t!("import-skipped", n = bad.count, listing = bad.listing()));
    }
    summary.rejected = bad.count;
    Ok(summary)
}

/// Writes the runs of [`run_streamed`].
struct RunWriter<'p> {
    skip_bad: bool,
    /// The file takes more than one run: keys are checked against those of the runs before.
    multi: bool,
    /// File bytes whose rows are written, for the progress bar.
    written: u64,
    progress: &'p Progress,
    bad: BadRows,
    summary: Summary,
}

impl RunWriter<'_> {
    fn write(
        &mut self,
        w: &mut Writer,
        bulk: &mut Bulk,
        run: Sorted,
        read_at: u64,
        run_bytes: u64,
    ) -> Result<()> {
        let n = run.len().max(1) as u64;
        let mut first: Option<(&[u8], u64)> = None;
        for (i, row) in run.iter().enumerate() {
            if i % 1024 == 0 {
                self.progress.set(read_at + self.written + run_bytes * i as u64 / n);
            }
            let repeated = match first {
                Some((key, at)) if key == row.key => Some(at),
                _ if self.multi => written_before(&w.tx, row.key, row.line)?,
                _ => None,
            };
            first = Some((row.key, repeated.unwrap_or(row.line)));
            if let Some(at) = repeated {
                let key = String::from_utf8_lossy(row.key);
                self.bad.note(BadRow {
                    line: row.line,
                    reason: t!("import-repeated", key = key.as_ref(), at = at),
                });
                continue;
            }
            // With a bad row and no --skip-bad nothing is written: the rest is only checked.
            if self.bad.count > 0 && !self.skip_bad {
                continue;
            }
            self.summary.count(bulk.upsert(w, &row)?.outcome());
        }
        self.written += run_bytes;
        Ok(())
    }
}

/// The line of the row that brought `key` in an earlier run, or `None` (and the key is noted as
/// written at `line`).
fn written_before(tx: &rusqlite::Connection, key: &[u8], line: u64) -> Result<Option<u64>> {
    let key = String::from_utf8_lossy(key);
    let added = tx
        .prepare_cached("INSERT INTO temp.zf_import_keys VALUES (?1, ?2) ON CONFLICT DO NOTHING")?
        .execute(rusqlite::params![key, line as i64])?;
    if added == 1 {
        return Ok(None);
    }
    let at: i64 = tx
        .prepare_cached("SELECT line FROM temp.zf_import_keys WHERE key = ?1")?
        .query_row([&key], |r| r.get(0))?;
    Ok(Some(at as u64))
}

/// The bad rows shown (a screenful), one per line, and how many more there are.
fn listing(bad: &[BadRow], count: usize, shown: usize) -> String {
    let mut lines: Vec<String> =
        bad.iter().map(|b| t!("import-bad-line", line = b.line, reason = b.reason.as_str())).collect();
    if count > shown {
        lines.push(t!("import-more-bad", n = count - shown));
    }
    lines.join("\n")
}

/// What is imported (`township`, `enterprise` …) said in the reader's language.
fn what_word(what: &str) -> Arg {
    Arg::word(format!("import-what-{what}"), what)
}

/// Columns the layout does not know, named one per line, a screenful at most: a header of a
/// million columns is not a million notes.
fn note_unknown_columns(columns: &[String], what: &Arg) {
    const NAMED: usize = 10;
    for col in columns.iter().take(NAMED) {
        let column = crate::io::escape::quote(col, 60);
        crate::note!("{}", t!("import-unknown-column", column = column, what = what));
    }
    if columns.len() > NAMED {
        crate::note!("{}", t!("import-more-unknown-columns", n = columns.len() - NAMED));
    }
}
