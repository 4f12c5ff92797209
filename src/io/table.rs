//! Tables for people on a terminal: they fit the window, stream, and colour what needs attention.
//!
//! - **Fit.** On a terminal (`term::get().width`), the columns share the window: short columns
//!   (ids, dates, codes) keep their width, the widest text columns (descriptions, names) wrap inside
//!   their cells; widths are display widths (CJK counted as two). When every column cannot fit, a
//!   list shows its short set of columns (`brief`) unless `--wide` or `--columns` says otherwise.
//!   Piped or written to a file, a table keeps its full width, as before.
//! - **Bounded memory.** Rows are held up to `SAMPLE`; a longer table on a terminal takes its widths
//!   from that sample (the window bounds them anyway) and is then written `CHUNK` rows at a time,
//!   one box continued; piped, the rows are spooled to an unnamed temporary file while their widths
//!   are measured, then written from it. Memory does not grow with the row count.
//! - **Escaped.** Every cell is passed through `escape::cell`: no text from a file drives the
//!   terminal.
//! - **Colour** (`Tone`), only when `term::get().color`: overdue and late red, due soon yellow,
//!   closed dimmed. Without colour the bytes are the same as a plain table.
//!
//! Drawing is comfy-table's: this module decides the columns' widths and feeds it rows in chunks.

use std::io::{BufReader, Seek, Write};

use anyhow::{Context, Result};
use comfy_table::{Attribute, Cell, CellAlignment, Color, ColumnConstraint, Table, Width};
use unicode_width::UnicodeWidthStr;

use super::escape;
use super::output::{Column, Lang, Value};
use super::term::{self, Columns};

/// What a row means to the person reading it; drawn only with colour on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tone {
    #[default]
    Plain,
    /// Overdue, late: red.
    Alert,
    /// Due within three days: yellow.
    Warn,
    /// Closed (销号), done with: dimmed.
    Done,
}

impl Tone {
    fn code(self) -> &'static str {
        match self {
            Tone::Plain => "p",
            Tone::Alert => "a",
            Tone::Warn => "w",
            Tone::Done => "d",
        }
    }
    fn from_code(s: &str) -> Tone {
        match s {
            "a" => Tone::Alert,
            "w" => Tone::Warn,
            "d" => Tone::Done,
            _ => Tone::Plain,
        }
    }
}

/// The tone of a finding as a clerk reads the ledger on `today`: closed dimmed, an open one past
/// its due date red, an open one due within three days yellow. `status` is the stored code.
pub fn finding_tone(status: &str, due: Option<chrono::NaiveDate>, today: chrono::NaiveDate) -> Tone {
    match status {
        "closed" => Tone::Done,
        "resolved" => Tone::Plain,
        _ => match due {
            Some(d) if d < today => Tone::Alert,
            Some(d) if (d - today).num_days() <= 3 => Tone::Warn,
            _ => Tone::Plain,
        },
    }
}

/// Where a table is drawn.
#[derive(Debug, Clone, Default)]
pub struct Screen {
    /// The window's width; `None`: no limit (piped, a file).
    pub width: Option<usize>,
    pub color: bool,
}

impl Screen {
    /// This process's terminal (see `io::term`).
    pub fn current() -> Screen {
        let t = term::get();
        Screen { width: t.width, color: t.color }
    }
}

/// Rows held before a long table starts streaming.
pub const SAMPLE: usize = 1000;
/// Rows drawn at a time once streaming.
pub const CHUNK: usize = 500;
/// A column is not squeezed below its longest unbreakable word (a date, a credit code of 18) up
/// to this width.
const FLOOR_CAP: usize = 20;

/// Borders and padding of a table of `n` columns: `│ a ┆ b │`.
pub fn overhead(n: usize) -> usize {
    3 * n + 1
}

/// Display width and longest unbreakable run (a word of narrow characters: wide characters break
/// anywhere) of a cell's text, over its lines.
pub fn measure(s: &str) -> (usize, usize) {
    let mut width = 0;
    let mut word = 0;
    for line in s.split('\n') {
        width = width.max(UnicodeWidthStr::width(line));
        let mut run = 0;
        for c in line.chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if c == ' ' || w > 1 {
                run = 0;
            } else {
                run += w;
                word = word.max(run);
            }
        }
    }
    (width, word)
}

/// Content widths for columns `natural` wide (header included; `content`: their cells alone),
/// with unbreakable words `floor` wide, in a window `width` wide. When everything fits, every
/// column keeps its width; else the narrow columns keep theirs and the wide ones share what is
/// left (max-min fair), none below its longest word while that is possible, none below 2 (one CJK
/// character).
pub fn fit(natural: &[usize], content: &[usize], floor: &[usize], width: usize) -> Vec<usize> {
    let nat: Vec<usize> = natural.iter().map(|&w| w.max(1)).collect();
    let budget = width.saturating_sub(overhead(nat.len()));
    if nat.iter().sum::<usize>() <= budget {
        return nat;
    }
    let min: Vec<usize> = nat.iter().zip(floor).map(|(&n, &f)| f.clamp(2, FLOOR_CAP).min(n)).collect();
    let min_sum: usize = min.iter().sum();
    if min_sum >= budget {
        // Not even the words fit: the longest words are cut first (a level no column exceeds),
        // none below 2 unless it is narrower.
        let floors: Vec<usize> = min.iter().map(|&m| m.min(2)).collect();
        let room = budget.saturating_sub(floors.iter().sum());
        let more = share(&min.iter().zip(&floors).map(|(m, f)| m - f).collect::<Vec<_>>(), room);
        return floors.iter().zip(more).map(|(f, m)| f + m).collect();
    }
    // What each column wants beyond its floor is its cells' width: a header wider than its cells
    // wraps rather than take room from the text.
    let want: Vec<usize> = content.iter().zip(&min).map(|(&c, &m)| c.max(m) - m).collect();
    let more = share(&want, budget - min_sum);
    min.iter().zip(more).map(|(m, x)| m + x).collect()
}

/// Max-min fair shares of `room` among `wants`: a want smaller than the even share is met, the
/// rest share what remains evenly.
fn share(wants: &[usize], room: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..wants.len()).collect();
    order.sort_by_key(|&i| wants[i]);
    let mut got = vec![0; wants.len()];
    let mut left = room;
    for (k, &i) in order.iter().enumerate() {
        let n = wants.len() - k;
        let even = left / n;
        let extra = usize::from(!left.is_multiple_of(n) && wants[i] > even);
        got[i] = wants[i].min(even + extra);
        left -= got[i];
    }
    got
}

/// Draw `rows` (already escaped, already picked) as comfy-table lines, columns `widths` wide.
fn draw(
    header: Option<&[String]>,
    rows: &[(Vec<String>, Tone)],
    widths: &[usize],
    color: bool,
) -> Vec<String> {
    let mut t = Table::new();
    t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
    t.force_no_tty();
    if color {
        // crossterm, which writes comfy-table's styles, obeys NO_COLOR by itself; the decision
        // was made in `io::term` (where `--color always` beats NO_COLOR).
        crossterm::style::force_color_output(true);
        t.enforce_styling();
    }
    if let Some(h) = header {
        t.set_header(h);
    }
    for (cells, tone) in rows {
        t.add_row(cells.iter().map(|c| {
            let cell = Cell::new(c).set_alignment(CellAlignment::Left);
            match (color, tone) {
                (false, _) | (_, Tone::Plain) => cell,
                (true, Tone::Alert) => cell.fg(Color::Red),
                (true, Tone::Warn) => cell.fg(Color::Yellow),
                (true, Tone::Done) => cell.add_attribute(Attribute::Dim),
            }
        }));
    }
    if t.column_count() == widths.len() {
        t.set_constraints(
            widths
                .iter()
                .map(|&w| ColumnConstraint::Absolute(Width::Fixed(u16::try_from(w + 2).unwrap_or(u16::MAX)))),
        );
    }
    t.lines().collect()
}

/// The widths and columns of a table, decided once.
struct Layout {
    pick: Vec<usize>,
    widths: Vec<usize>,
}

/// A table written row by row to `out`.
pub struct TableSink<'a> {
    out: Box<dyn Write + 'a>,
    headers: Vec<String>,
    keys: Vec<String>,
    brief: Vec<usize>,
    only: Option<Vec<usize>>,
    wide: bool,
    title: String,
    screen: Screen,
    held: Vec<(Vec<String>, Tone)>,
    /// Display width of each header, and of the widest cell and longest word seen.
    header: Vec<usize>,
    natural: Vec<usize>,
    floor: Vec<usize>,
    layout: Option<Layout>,
    spool: Option<csv::Writer<std::fs::File>>,
    bottom: Option<String>,
    started: bool,
}

impl<'a> TableSink<'a> {
    /// A table of `columns`; `brief` names (by key) the columns a list shows in a narrow window;
    /// `choice` is `--wide`/`--columns` (already checked against the keys by `pick_only`).
    pub fn new(
        out: Box<dyn Write + 'a>,
        columns: &[Column],
        brief: &[&str],
        choice: &Columns,
        lang: Lang,
        title: &str,
        screen: Screen,
    ) -> Result<TableSink<'a>> {
        let keys: Vec<String> = columns.iter().map(|c| c.key.to_string()).collect();
        let headers: Vec<String> = columns.iter().map(|c| escape::cell(c.label(lang)).into_owned()).collect();
        let measured: Vec<(usize, usize)> = headers.iter().map(|h| measure(h)).collect();
        Ok(TableSink {
            out,
            brief: keys
                .iter()
                .enumerate()
                .filter(|(_, k)| brief.contains(&k.as_str()))
                .map(|(i, _)| i)
                .collect(),
            only: match choice {
                Columns::Only(want) => Some(pick_only(&keys, want)?),
                _ => None,
            },
            wide: *choice == Columns::Wide,
            keys,
            headers,
            title: title.to_string(),
            screen,
            held: Vec::new(),
            header: measured.iter().map(|m| m.0).collect(),
            natural: vec![0; measured.len()],
            floor: vec![0; measured.len()],
            layout: None,
            spool: None,
            bottom: None,
            started: false,
        })
    }

    pub fn row(&mut self, row: &[Value], tone: Tone) -> Result<()> {
        let cells: Vec<String> = row.iter().map(|v| escape::cell(&v.human()).into_owned()).collect();
        if self.layout.is_none() {
            for (i, c) in cells.iter().enumerate().take(self.natural.len()) {
                let (w, f) = measure(c);
                self.natural[i] = self.natural[i].max(w);
                self.floor[i] = self.floor[i].max(f);
            }
        }
        if let Some(spool) = &mut self.spool {
            spool.write_field(tone.code())?;
            spool.write_record(&cells)?;
            return Ok(());
        }
        self.held.push((cells, tone));
        match self.layout {
            None if self.held.len() >= SAMPLE => {
                if self.screen.width.is_some() {
                    // On a terminal: the sample's widths, then stream.
                    self.layout = Some(self.decide());
                    self.flush_held(false)?;
                } else {
                    // Piped: spool, measuring every row, to keep the full width.
                    let file = tempfile::tempfile().with_context(|| crate::t!("table-no-temporary-file"))?;
                    let mut w = csv::WriterBuilder::new().flexible(true).from_writer(file);
                    for (cells, tone) in self.held.drain(..) {
                        w.write_field(tone.code())?;
                        w.write_record(&cells)?;
                    }
                    self.spool = Some(w);
                }
            }
            Some(_) if self.held.len() >= CHUNK => self.flush_held(false)?,
            _ => {}
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<()> {
        if let Some(spool) = self.spool.take() {
            self.layout = Some(self.decide());
            let mut file = spool.into_inner().map_err(|e| e.into_error())?;
            file.flush()?;
            file.rewind()?;
            let mut r =
                csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(BufReader::new(file));
            for rec in r.records() {
                let rec = rec?;
                let tone = Tone::from_code(rec.get(0).unwrap_or(""));
                self.held.push((rec.iter().skip(1).map(str::to_string).collect(), tone));
                if self.held.len() >= CHUNK {
                    self.flush_held(false)?;
                }
            }
        }
        if self.layout.is_none() {
            self.layout = Some(self.decide());
        }
        self.flush_held(true)?;
        self.out.flush()?;
        Ok(())
    }

    /// Which columns, how wide.
    fn decide(&self) -> Layout {
        let all: Vec<usize> = (0..self.keys.len()).collect();
        let pick = match (&self.only, self.screen.width) {
            (Some(only), _) => only.clone(),
            (None, Some(width)) if !self.wide && !self.brief.is_empty() => {
                let full: usize =
                    self.natural.iter().zip(&self.header).map(|(n, h)| *n.max(h).max(&1)).sum::<usize>()
                        + overhead(all.len());
                if full <= width {
                    all
                } else {
                    self.brief.clone()
                }
            }
            _ => all,
        };
        let natural: Vec<usize> = pick.iter().map(|&i| self.natural[i].max(self.header[i])).collect();
        // A short header is not broken (问题描述, status), unless its column's cells are narrower:
        // then it may wrap down to two CJK characters (发现/问题 over a count).
        let floor: Vec<usize> = pick
            .iter()
            .map(|&i| self.floor[i].max(self.header[i].min(8).min(self.natural[i].max(4))))
            .collect();
        let widths = match self.screen.width {
            Some(width) => {
                fit(&natural, &pick.iter().map(|&i| self.natural[i]).collect::<Vec<_>>(), &floor, width)
            }
            None => natural.iter().map(|&w| w.max(1)).collect(),
        };
        Layout { pick, widths }
    }

    /// Draw the held rows as the next piece of the one box: the header (and title) first, the
    /// bottom border only at the end.
    fn flush_held(&mut self, last: bool) -> Result<()> {
        let Some(layout) = &self.layout else { return Ok(()) };
        if self.started && self.held.is_empty() {
            if last {
                if let Some(b) = &self.bottom {
                    writeln!(self.out, "{b}")?;
                }
            }
            return Ok(());
        }
        let rows: Vec<(Vec<String>, Tone)> = self
            .held
            .drain(..)
            .map(|(cells, tone)| {
                (layout.pick.iter().map(|&i| cells.get(i).cloned().unwrap_or_default()).collect(), tone)
            })
            .collect();
        let header: Vec<String> = layout.pick.iter().map(|&i| self.headers[i].clone()).collect();
        let mut lines =
            draw((!self.started).then_some(header.as_slice()), &rows, &layout.widths, self.screen.color);
        if self.started && !lines.is_empty() {
            lines.remove(0);
        }
        let bottom = lines.pop();
        if !self.started && !self.title.is_empty() {
            writeln!(self.out, "{}", escape::text(&self.title))?;
        }
        for l in &lines {
            writeln!(self.out, "{l}")?;
        }
        if last {
            if let Some(b) = &bottom {
                writeln!(self.out, "{b}")?;
            }
        }
        self.bottom = bottom;
        self.started = true;
        Ok(())
    }
}

/// `--columns a,b`: the indices of those keys, in that order; an unknown key is refused with the
/// list of keys.
pub fn pick_only(keys: &[String], want: &[String]) -> Result<Vec<usize>> {
    want.iter()
        .map(|w| {
            keys.iter().position(|k| k == w.trim()).ok_or_else(|| {
                let column = escape::text(w.trim()).into_owned();
                crate::error::reject(crate::msg!("table-no-such-column", column = column))
                    .hint(crate::msg!("table-columns-are", columns = keys.join(",")))
                    .into()
            })
        })
        .collect()
}

/// Render a whole small table (the dashboard's and the reports' sections) for `screen`.
pub fn render(
    columns: &[Column],
    rows: &[Vec<String>],
    tones: &[Tone],
    lang: Lang,
    title: &str,
    screen: Screen,
) -> String {
    let mut buf = Vec::new();
    let result = (|| -> Result<()> {
        let mut t = TableSink::new(Box::new(&mut buf), columns, &[], &Columns::Default, lang, title, screen)?;
        for (i, r) in rows.iter().enumerate() {
            let values: Vec<Value> = r.iter().map(|s| Value::Text(s.clone())).collect();
            t.row(&values, tones.get(i).copied().unwrap_or_default())?;
        }
        t.finish()
    })();
    debug_assert!(result.is_ok(), "writing a table into memory cannot fail");
    String::from_utf8(buf).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::output::col;

    fn lines_fit(text: &str, width: usize) {
        for l in text.lines() {
            assert!(UnicodeWidthStr::width(l) <= width, "{} > {width}: {l}", UnicodeWidthStr::width(l));
        }
    }

    #[test]
    fn fit_keeps_narrow_columns_and_wraps_wide_ones() {
        // id, date, category, description, status, due, overdue at 80 columns.
        let w = fit(&[8, 10, 6, 60, 6, 10, 4], &[8, 10, 6, 60, 6, 10, 4], &[8, 10, 2, 2, 2, 10, 4], 80);
        assert_eq!(w.iter().sum::<usize>() + overhead(7), 80);
        assert_eq!(&w[..3], &[8, 10, 6]);
        assert_eq!(&w[4..], &[6, 10, 4]);
        assert_eq!(w[3], 80 - overhead(7) - 44);
        // Everything fits: untouched.
        assert_eq!(fit(&[3, 4], &[3, 4], &[3, 4], 80), vec![3, 4]);
        // A header wider than its cells (发现问题 over a count) wraps rather than take the text's room.
        let w = fit(&[8, 40, 8], &[8, 40, 1], &[8, 2, 4], 40);
        assert_eq!(w, vec![8, 40 - overhead(3) - 12, 4]);
        // Fourteen columns in 80: every one at least 2 wide, the total within the window.
        let w = fit(&[8; 14], &[8; 14], &[8; 14], 80);
        assert!(w.iter().all(|&x| x >= 2) && w.iter().sum::<usize>() + overhead(14) <= 80, "{w:?}");
    }

    #[test]
    fn share_is_max_min_fair() {
        assert_eq!(share(&[2, 30, 30], 20), vec![2, 9, 9]);
        assert_eq!(share(&[1, 1, 1], 10), vec![1, 1, 1]);
        assert_eq!(share(&[10, 10], 5), vec![3, 2]);
    }

    #[test]
    fn measure_counts_cjk_as_two() {
        assert_eq!(measure("安吉县"), (6, 0));
        assert_eq!(measure("2012-03-05 安吉"), (15, 10));
        assert_eq!(measure("ab\n安吉县环保局"), (12, 2));
    }

    fn cols(n: usize) -> Vec<Column> {
        (0..n)
            .map(|i| {
                let k: &'static str = Box::leak(format!("c{i}").into_boxed_str());
                col(k, k, k)
            })
            .collect()
    }

    fn table(rows: usize, width: Option<usize>, brief: &[&str], choice: &Columns) -> String {
        let mut buf = Vec::new();
        {
            let mut t = TableSink::new(
                Box::new(&mut buf),
                &cols(3),
                brief,
                choice,
                Lang::En,
                "",
                Screen { width, color: false },
            )
            .unwrap();
            for i in 0..rows {
                let desc = "安吉县某企业污水处理设施出水氨氮超标，需要整改".repeat(1 + i % 3);
                t.row(
                    &[Value::Int(i as i64), Value::Text(desc), Value::Text(format!("row-{i}"))],
                    Tone::Plain,
                )
                .unwrap();
            }
            t.finish().unwrap();
        }
        String::from_utf8(buf).unwrap()
    }

    /// One box: every line has its vertical borders at the same display columns.
    fn one_box(text: &str) {
        let seps = |l: &str| -> Vec<usize> {
            let mut at = 0;
            let mut v = Vec::new();
            for c in l.chars() {
                if "│┆┌┐└┘├┤┬┴┼╞╡╪".contains(c) {
                    v.push(at);
                }
                at += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            }
            v
        };
        let first = seps(text.lines().next().unwrap());
        for l in text.lines() {
            assert_eq!(seps(l), first, "{l}");
        }
    }

    #[test]
    fn a_long_table_streams_as_one_box_within_the_window() {
        let n = SAMPLE + CHUNK + 7;
        let text = table(n, Some(60), &[], &Columns::Default);
        lines_fit(&text, 60);
        one_box(&text);
        assert_eq!(text.lines().filter(|l| l.starts_with('┌')).count(), 1);
        assert_eq!(text.lines().filter(|l| l.starts_with('└')).count(), 1);
        // Every row, once (the sample saw ids of three digits: later ones wrap inside their cell).
        assert_eq!(text.lines().filter(|l| l.contains("┆ row-")).count(), n);
    }

    #[test]
    fn a_long_piped_table_is_the_same_as_drawn_whole() {
        let n = SAMPLE + CHUNK + 3;
        let streamed = table(n, None, &[], &Columns::Default);
        // comfy-table drawing every row at once, as the writer did before it streamed.
        let mut whole = Table::new();
        whole.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
        whole.force_no_tty();
        whole.set_header(vec!["c0", "c1", "c2"]);
        for i in 0..n {
            let desc = "安吉县某企业污水处理设施出水氨氮超标，需要整改".repeat(1 + i % 3);
            whole.add_row(vec![i.to_string(), desc, format!("row-{i}")]);
        }
        assert_eq!(streamed, format!("{whole}\n"));
    }

    #[test]
    fn narrow_windows_get_the_short_set_unless_wide() {
        let brief = table(3, Some(40), &["c0", "c2"], &Columns::Default);
        assert!(!brief.contains("安吉"), "{brief}");
        lines_fit(&brief, 40);
        let wide = table(3, Some(40), &["c0", "c2"], &Columns::Wide);
        assert!(wide.contains("安吉"));
        lines_fit(&wide, 40);
        let only = table(3, Some(40), &[], &Columns::Only(vec!["c2".into()]));
        assert!(only.contains("row-2") && !only.contains("c0"));
        // A wide window shows everything.
        let all = table(3, Some(400), &["c0"], &Columns::Default);
        assert!(all.contains("安吉"));
    }

    #[test]
    fn unknown_column_is_refused_with_the_list() {
        let e = pick_only(&["id".into(), "date".into()], &["id".into(), "nope".into()]).unwrap_err();
        let r = e.downcast_ref::<crate::error::Rejected>().unwrap().to_string();
        assert!(r.contains("nope") && r.contains("id,date"), "{r}");
    }

    #[test]
    fn colour_marks_rows_and_only_when_on() {
        let cols = cols(2);
        let rows = vec![vec!["a".to_string(), "b".to_string()], vec!["c".into(), "d".into()]];
        let tones = [Tone::Alert, Tone::Done];
        let plain = render(&cols, &rows, &tones, Lang::En, "", Screen { width: Some(80), color: false });
        assert!(!plain.contains('\u{1b}'));
        let coloured = render(&cols, &rows, &tones, Lang::En, "", Screen { width: Some(80), color: true });
        assert!(coloured.contains("\u{1b}[38;5;9m") || coloured.contains("\u{1b}[31m"), "{coloured:?}");
        assert!(coloured.contains("\u{1b}[2m"), "{coloured:?}");
    }

    #[test]
    fn finding_tones() {
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let today = d("2012-04-15");
        assert_eq!(finding_tone("referred", Some(d("2012-04-14")), today), Tone::Alert);
        assert_eq!(finding_tone("referred", Some(d("2012-04-18")), today), Tone::Warn);
        assert_eq!(finding_tone("referred", Some(d("2012-04-19")), today), Tone::Plain);
        assert_eq!(finding_tone("closed", Some(d("2012-04-01")), today), Tone::Done);
        assert_eq!(finding_tone("resolved", Some(d("2012-04-01")), today), Tone::Plain);
        assert_eq!(finding_tone("open", None, today), Tone::Plain);
    }

    #[test]
    fn hostile_cells_are_escaped() {
        let cols = cols(1);
        let rows = vec![vec!["X\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{8}\u{202e}".to_string()]];
        let out = render(&cols, &rows, &[], Lang::En, "", Screen { width: Some(80), color: true });
        assert!(!out.chars().any(escape::is_unsafe), "{out:?}");
        assert!(out.contains("\\u{1b}]0;PWNED"));
    }
}
