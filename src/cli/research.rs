//! `zoufang research submit|list`: the groups' research reports (调研报告, about 5,000 characters,
//! due one week after the group's trip ends).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::NaiveDate;
use rusqlite::OptionalExtension;

use super::Ctx;
use crate::domain::dates;
use crate::domain::research::{count_chars, timeliness, CHARS_HIGH, CHARS_LOW, DUE_AFTER_TRIP_DAYS};
use crate::error::reject;
use crate::io::csv_in;
use crate::io::output::{col, write_rows, Format, Value};
use crate::store::ids;
use crate::{msg, t};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(clap::Subcommand, Debug)]
enum Cmd {
    /// Record a group's research report from a text file (UTF-8 or GBK)
    #[command(
        after_help = "Example:\n  zoufang research submit --group G1 --file G1调研报告.txt --date 2012-03-20 --title 关于安吉县竹产业环境问题的调研"
    )]
    Submit {
        /// The group's code
        #[arg(long)]
        group: String,
        /// The report as a plain-text file (UTF-8, or GBK as Chinese Windows saves it)
        #[arg(long)]
        file: PathBuf,
        /// Date the report came in (default: today)
        #[arg(long)]
        date: Option<String>,
        /// Title (default: the file name without its extension)
        #[arg(long)]
        title: Option<String>,
    },
    /// One row per group: due date, submission, length and state (on-time, late, missing, due)
    #[command(after_help = "Example:\n  zoufang research list\n  zoufang research list --format csv")]
    List,
}

pub fn run(a: Args, ctx: &Ctx) -> Result<()> {
    match a.cmd {
        Cmd::Submit { group, file, date, title } => submit(ctx, &group, &file, date.as_deref(), title),
        Cmd::List => list(ctx),
    }
}

/// The state as people read it (table and md in Chinese) or as scripts read it (csv, json, English).
pub fn state_value(ctx: &Ctx, code: &str) -> Value {
    let human = matches!(ctx.out.format, Format::Table | Format::Md);
    if human {
        Value::from(crate::i18n::Arg::word(format!("timeliness-{code}"), code).to_string())
    } else {
        Value::from(code)
    }
}

fn read_text(path: &Path) -> Result<String> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(reject(msg!("csv-no-file", path = path)).hint(msg!("research-no-file-hint")).into())
        }
        Err(e) => return Err(e).with_context(|| t!("csv-cannot-read", path = path)),
    };
    let text = csv_in::decode(&bytes, None).map_err(|e| {
        let mut e = e.prefixed(path.display());
        e.hint = Some(msg!("research-not-text-hint").into());
        e
    })?;
    Ok(text)
}

fn group_dates(conn: &rusqlite::Connection, group: &str) -> Result<(String, NaiveDate, NaiveDate)> {
    let row: Option<(String, String, String)> = conn
        .query_row("SELECT code, date_from, date_to FROM groups WHERE code = ?1", [group], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let Some((code, from, to)) = row else {
        return Err(reject(msg!("group-none", group = group)).hint(msg!("group-none-hint")).into());
    };
    Ok((code, dates::parse(&from)?, dates::parse(&to)?))
}

fn submit(ctx: &Ctx, group: &str, file: &Path, date: Option<&str>, title: Option<String>) -> Result<()> {
    let mut store = ctx.open()?;
    let year = store.campaign.year;
    let (group, from, to) = group_dates(store.conn(), &group.trim().to_uppercase())?;
    let date = match date {
        Some(d) => dates::in_year(d, year, "the report date")?,
        None => dates::in_year(&ctx.today.to_string(), year, "today's date")
            .map_err(|e| e.hint(msg!("research-date-hint", year = year.to_string())))?,
    };
    let body = read_text(file)?;
    let chars = count_chars(&body);
    if chars == 0 {
        return Err(reject(msg!("research-empty", path = file)).hint(msg!("research-empty-hint")).into());
    }
    let title = match title {
        Some(t) => t.trim().to_string(),
        None => file.file_stem().map(|s| s.to_string_lossy().trim().to_string()).unwrap_or_default(),
    };
    let due = crate::domain::research::due(to);
    let id = ids::new_id();
    let earlier: Option<String> = store
        .conn()
        .query_row("SELECT min(submitted_on) FROM research_reports WHERE group_code = ?1", [&group], |r| {
            r.get(0)
        })
        .optional()?
        .flatten();
    store.write(&ctx.actor, |w| {
        w.tx.execute(
            "INSERT INTO research_reports(id, group_code, submitted_on, title, body, chars) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            (&id, &group, date.to_string(), &title, &body, chars),
        )?;
        w.touch("research_report", &id);
        Ok(())
    })?;
    let group = group.as_str();
    crate::note!(
        "{}",
        t!("research-recorded", id = ids::short(&id), group = group, chars = chars, due = due)
    );
    match earlier {
        Some(first) => crate::note!("{}", t!("research-revised", group = group, first = first)),
        None if date > due => {
            crate::note!("{}", t!("research-late", days = (date - due).num_days(), due = due))
        }
        None => {}
    }
    if date < from {
        crate::note!("{}", t!("research-before-trip", date = date, from = from));
    }
    if !(CHARS_LOW..=CHARS_HIGH).contains(&chars) {
        crate::note!("{}", t!("research-length", chars = chars));
    }
    Ok(())
}

fn list(ctx: &Ctx) -> Result<()> {
    let store = ctx.open()?;
    // The first submission counts for the deadline; the length is that of the latest version.
    let mut stmt = store.conn().prepare(
        "SELECT g.code, date(g.date_to, '+' || ?1 || ' days'), r.first,
                (SELECT l.chars FROM research_reports l WHERE l.group_code = g.code
                  ORDER BY l.submitted_on DESC, l.rowid DESC LIMIT 1),
                coalesce(r.n, 0)
         FROM groups g
         LEFT JOIN (SELECT group_code, min(submitted_on) AS first, count(*) AS n
                    FROM research_reports GROUP BY group_code) r ON r.group_code = g.code
         ORDER BY g.code",
    )?;
    let raw = stmt
        .query_map([DUE_AFTER_TRIP_DAYS], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, i64>(4)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut rows = Vec::with_capacity(raw.len());
    for (group, due, submitted, chars, versions) in raw {
        let due_d = dates::parse(&due)?;
        let sub_d = submitted.as_deref().map(dates::parse).transpose()?;
        let state = timeliness(sub_d, due_d, ctx.today);
        rows.push(vec![
            Value::from(group),
            Value::from(due),
            Value::from(submitted),
            chars.map(Value::Int).unwrap_or(Value::Null),
            Value::Int(versions),
            state_value(ctx, state),
        ]);
    }
    write_rows(
        &ctx.out,
        "",
        vec![
            col("group", "走访组", "group"),
            col("due", "应交日期", "due"),
            col("submitted_on", "提交日期", "submitted on"),
            col("chars", "字数", "characters"),
            col("versions", "版本数", "versions"),
            col("state", "状态", "state"),
        ],
        &rows,
    )
}
