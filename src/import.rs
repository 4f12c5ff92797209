//! Bulk import: check every row first, then write all of them in one transaction — or, with any
//! bad row and no `--skip-bad`, write nothing and list every bad row with its file line.

use anyhow::Result;

use crate::error::{reject, Checked};
use crate::i18n::Arg;
use crate::io::csv_in::{BadRow, Next, Row, Stream, Table};
use crate::io::progress::Progress;
use crate::store::registry::Outcome;
use crate::store::{Actor, Store, Writer};
use crate::{msg, t};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: usize,
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
    // A screenful of bad rows is enough to act on; the count says how many more there are.
    const SHOWN: usize = 30;
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
            match write(w, item)? {
                Outcome::Added => summary.added += 1,
                Outcome::Updated => summary.updated += 1,
                Outcome::Unchanged => summary.unchanged += 1,
            }
        }
        Ok(())
    })?;
    progress.finish();
    Ok(summary)
}

/// Rows written between two flushes of the sync capture (see `Writer::flush_capture`): the
/// capture holds about this many rows in memory.
const CAPTURE_ROWS: usize = 20_000;

/// [`run`] for a file read as a stream (`enterprise import`): memory stays bounded whatever the
/// file's size. Each row is checked and written as it is read, in one transaction; the keys seen
/// go to a temporary table (on disk when large), which finds a key the file repeats. A bad row
/// without `--skip-bad` rolls everything back: nothing is written, as with [`run`], and every bad
/// row is counted (the first ones listed).
pub fn run_streamed<T>(
    store: &mut Store,
    actor: &Actor,
    what: &str,
    stream: &mut Stream,
    skip_bad: bool,
    mut check: impl FnMut(&Row) -> Checked<(String, T)>,
    mut write: impl FnMut(&mut Writer, &T) -> Result<Outcome>,
) -> Result<Summary> {
    let what = &what_word(what);
    note_unknown_columns(&stream.unknown_columns, what);
    const SHOWN: usize = 30;
    let mut bad: Vec<BadRow> = Vec::new();
    let mut bad_count = 0usize;
    let mut note_bad = |bad: &mut Vec<BadRow>, b: BadRow| {
        bad_count += 1;
        if bad.len() < SHOWN {
            bad.push(b);
        }
        bad_count
    };
    let mut summary = Summary::default();
    // A bar over the file's bytes on a terminal (nothing when piped).
    let progress = Progress::new(stream.size, &t!("import-progress", what = what));
    let result = store.write(actor, |w| {
        w.tx.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS zf_import_keys (key TEXT PRIMARY KEY, line INTEGER NOT NULL) WITHOUT ROWID;
             DELETE FROM temp.zf_import_keys;",
        )?;
        let mut since_flush = 0usize;
        let mut failed = 0usize;
        let mut seen = 0u64;
        loop {
            // How far the file is read, as of the previous record.
            if seen.is_multiple_of(1024) {
                progress.set(stream.at);
            }
            seen += 1;
            let Some(next) = stream.next_row()? else { break };
            let row = match next {
                Next::Row(row) => row,
                Next::Bad(b) => {
                    failed = note_bad(&mut bad, b);
                    continue;
                }
            };
            let (key, item) = match check(&row) {
                Ok(x) => x,
                Err(e) => {
                    failed = note_bad(&mut bad, BadRow { line: row.line, reason: e.message.to_string() });
                    continue;
                }
            };
            let line = row.line;
            let first = w
                .tx
                .prepare_cached("INSERT INTO temp.zf_import_keys VALUES (?1, ?2) ON CONFLICT DO NOTHING")?
                .execute(rusqlite::params![key, line as i64])?;
            if first == 0 {
                let at: i64 = w
                    .tx
                    .prepare_cached("SELECT line FROM temp.zf_import_keys WHERE key = ?1")?
                    .query_row([&key], |r| r.get(0))?;
                failed = note_bad(&mut bad, BadRow { line, reason: t!("import-repeated", key = key, at = at) });
                continue;
            }
            // With a bad row and no --skip-bad nothing is written: the rest is only checked.
            if failed > 0 && !skip_bad {
                continue;
            }
            match write(w, &item)? {
                Outcome::Added => summary.added += 1,
                Outcome::Updated => summary.updated += 1,
                Outcome::Unchanged => summary.unchanged += 1,
            }
            since_flush += 1;
            if since_flush == CAPTURE_ROWS {
                w.flush_capture()?;
                since_flush = 0;
            }
        }
        w.tx.execute_batch("DELETE FROM temp.zf_import_keys")?;
        if failed > 0 && !skip_bad {
            let listing = listing(&bad, failed, SHOWN);
            return Err(reject(msg!(
                "import-bad-rows",
                bad = failed,
                total = stream.records,
                what = what,
                listing = listing
            ))
            .hint(msg!("import-bad-rows-hint"))
            .into());
        }
        Ok(failed)
    });
    progress.finish();
    let bad_count = result?;
    if bad_count > 0 {
        crate::note!("{}", t!("import-skipped", n = bad_count, listing = listing(&bad, bad_count, SHOWN)));
    }
    summary.rejected = bad_count;
    Ok(summary)
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
