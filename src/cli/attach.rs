//! `zoufang attach add|list|show|export|remove|rule`: evidence (佐证材料) — photos and scanned
//! forms kept with the visits, findings and typical cases they prove.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::Ctx;
use crate::domain::attachment::{self as rules, Target, KINDS};
use crate::domain::{dates, reference};
use crate::error::reject;
use crate::io::output::{col, write_record, write_rows, Column, Format, Lang, Value};
use crate::io::photo::{self, Prepared};
use crate::store::attachments::{self, Filter, NewAttachment, Row};
use crate::store::ids;
use crate::{msg, t};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    cmd: Cmd,
}

/// The record a command is about: exactly one of them (for `add`), at most one (for the others).
#[derive(clap::Args, Debug, Default)]
#[group(multiple = false)]
pub struct Record {
    /// A visit (id prefix)
    #[arg(long)]
    visit: Option<String>,
    /// A finding (id prefix)
    #[arg(long)]
    finding: Option<String>,
    /// A typical case (id prefix)
    #[arg(long = "case")]
    case: Option<String>,
}

#[derive(clap::Subcommand, Debug)]
enum Cmd {
    /// Attach photos (JPEG, PNG) or scans (PDF) to a visit, a finding or a typical case
    #[command(
        after_help = "Example:\n  zoufang attach add --finding 7c1e --kind before 排污口.jpg\n  zoufang attach add --finding 7c1e --kind after --caption 已封堵 IMG_0412.jpg\n  zoufang attach add --visit 3fa2 --kind form 反馈表.pdf\n\nPhotos longer than 2,048 px are scaled down (--keep-original keeps the file as given too).\nThe photo's own date and GPS position (EXIF) are kept; a photo taken more than a day away\nfrom its visit, or an 'after' photo older than its finding, is warned about."
    )]
    Add {
        #[command(flatten)]
        record: Record,
        /// The files (photos or scans); the same file attached again is stored once
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// before (整改前), after (整改后), scene (现场), form (反馈表), other (其他)
        #[arg(long, default_value = "scene")]
        kind: String,
        #[arg(long, default_value = "")]
        caption: String,
        /// Keep the file as given besides the scaled-down copy
        #[arg(long)]
        keep_original: bool,
    },
    /// List attachments (all, or a record's; a visit's include its findings')
    #[command(
        after_help = "Example:\n  zoufang attach list --finding 7c1e\n  zoufang attach list --kind after --format csv"
    )]
    List {
        #[command(flatten)]
        record: Record,
        #[arg(long)]
        kind: Option<String>,
        /// Include removed attachments
        #[arg(long)]
        removed: bool,
    },
    /// Show one attachment: its record, EXIF date and place, size, and whether it fits its record
    #[command(after_help = "Example:\n  zoufang attach show 9f2c")]
    Show { id: String },
    /// Write the files into a folder, named so a person can tell what each is
    #[command(
        after_help = "Example:\n  zoufang attach export --to 佐证材料/\n  zoufang attach export --finding 7c1e --to out/\n\nFiles are named RECORD-ID_KIND_DATE_ATTACHMENT.ext (e.g. finding-7c1e2a3b_after_2012-04-03_9f2c1d0e.jpg);\nindex.csv beside them lists each file's record, kind, caption, date and place."
    )]
    Export {
        #[command(flatten)]
        record: Record,
        /// The folder (made if missing)
        #[arg(long = "to", value_name = "DIR")]
        to: PathBuf,
        /// The originals, where they were kept, instead of the scaled copies
        #[arg(long)]
        originals: bool,
    },
    /// Remove an attachment (a correction: it stays in the history with the reason)
    #[command(after_help = "Example:\n  zoufang attach remove 9f2c --reason 误传，非本村照片")]
    Remove {
        id: String,
        #[arg(long)]
        reason: String,
        /// When (default: today)
        #[arg(long)]
        date: Option<String>,
    },
    /// Show or switch the rule "closing a finding (销号) needs an after photo", per work item
    #[command(
        after_help = "Example:\n  zoufang attach rule\n  zoufang attach rule --item 5 on\n  zoufang attach rule --item village on\n\nOn by default for hazard checks (work item 5)."
    )]
    Rule {
        /// Work item: 1-9, its key or its Chinese name
        #[arg(long, requires = "switch")]
        item: Option<String>,
        /// on or off
        #[arg(value_parser = ["on", "off"], requires = "item")]
        switch: Option<String>,
    },
}

pub fn run(a: Args, ctx: &Ctx) -> Result<()> {
    match a.cmd {
        Cmd::Add { record, files, kind, caption, keep_original } => {
            add(ctx, &record, &files, &kind, &caption, keep_original)
        }
        Cmd::List { record, kind, removed } => list(ctx, &record, kind.as_deref(), removed),
        Cmd::Show { id } => show(ctx, &id),
        Cmd::Export { record, to, originals } => export(ctx, &record, &to, originals),
        Cmd::Remove { id, reason, date } => remove(ctx, &id, &reason, date.as_deref()),
        Cmd::Rule { item, switch } => rule(ctx, item.as_deref(), switch.as_deref()),
    }
}

pub fn kind_label(kind: &str, _lang: Lang) -> String {
    crate::i18n::Arg::word(format!("attach-kind-{kind}"), kind).to_string()
}

/// The record named by `--visit/--finding/--case`, resolved to its whole id.
fn resolve(conn: &rusqlite::Connection, r: &Record) -> Result<Option<(Target, String)>> {
    Ok(match (&r.visit, &r.finding, &r.case) {
        (Some(v), _, _) => Some((Target::Visit, ids::resolve(conn, "visits", "visit", v)?)),
        (_, Some(f), _) => Some((Target::Finding, ids::resolve(conn, "findings", "finding", f)?)),
        (_, _, Some(c)) => Some((Target::Case, ids::resolve(conn, "cases", "case", c)?)),
        _ => None,
    })
}

/// Read one file named on the command line, refusing what cannot be a photo or scan before
/// reading it whole (a directory, a missing file, one over the size limit).
fn read_file(path: &Path) -> Result<Vec<u8>> {
    let name = path.display();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(reject(msg!("attach-missing-file", name = name.to_string())).into())
        }
        Err(e) => return Err(unreadable(path, &e).into()),
    };
    if meta.is_dir() {
        return Err(reject(msg!("attach-is-folder", name = name.to_string()))
            .hint(msg!("attach-is-folder-hint"))
            .into());
    }
    if meta.len() > rules::MAX_FILE_BYTES {
        // Refused on its size alone: not read into memory.
        let mb = format!("{:.1}", meta.len() as f64 / 1_048_576.0);
        return Err(reject(msg!(
            "attach-too-big",
            name = name.to_string(),
            mb = mb,
            max = rules::MAX_FILE_BYTES / 1_048_576
        ))
        .hint(msg!("attach-too-big-hint"))
        .into());
    }
    std::fs::read(path).map_err(|e| unreadable(path, &e).into())
}

fn unreadable(path: &Path, e: &std::io::Error) -> crate::error::Rejected {
    reject(msg!("attach-unreadable", name = path, detail = e.to_string()))
}

fn kb(bytes: usize) -> String {
    if bytes >= 1_048_576 {
        format!("{:.1} MB", bytes as f64 / 1_048_576.0)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// Stored bytes of photos after which `attach add` logs its sync capture so far (memory bounded).
const FLUSH_BYTES: usize = 16 * 1024 * 1024;

/// What `attach add` reports of each file once stored.
struct Done {
    id: String,
    stored_new: bool,
    exif: photo::Exif,
    scaled_from: Option<(u32, u32)>,
    width: u32,
    height: u32,
    size: usize,
    image: bool,
}

impl Done {
    fn of(p: &Prepared, a: attachments::Added) -> Done {
        Done {
            id: a.id,
            stored_new: a.stored_new,
            exif: p.exif.clone(),
            scaled_from: p.scaled_from,
            width: p.shown.width.unwrap_or(0),
            height: p.shown.height.unwrap_or(0),
            size: p.shown.bytes.len(),
            image: p.shown.mime.is_image(),
        }
    }
}

fn add(
    ctx: &Ctx,
    record: &Record,
    files: &[PathBuf],
    kind: &str,
    caption: &str,
    keep_original: bool,
) -> Result<()> {
    let mut store = ctx.open()?;
    let Some((target, id)) = resolve(store.conn(), record)? else {
        return Err(reject(msg!("attach-say-what")).into());
    };
    let kind = reference::lookup(&KINDS, kind, "attachment kind")?;
    // Every file is read and checked (all but decoding) before anything is written: one bad file,
    // nothing attached. Then each is read again, prepared and stored in turn, so that memory holds
    // one photo at a time whatever the number of files; the capture for sync is logged every
    // `FLUSH_BYTES` of stored bytes. A file that fails to decode there rolls the whole write back.
    for f in files {
        photo::precheck(&f.display().to_string(), &read_file(f)?)?;
    }
    let (visit_date, finding_date) = attachments::record_dates(store.conn(), target, &id)?;
    let today = ctx.today.to_string();
    let added: Vec<(String, Done)> = store.write(&ctx.actor, |w| {
        let mut out = Vec::new();
        let mut pending = 0usize;
        for f in files {
            let name = f.display().to_string();
            let p = photo::prepare(&name, read_file(f)?, keep_original)?;
            let file_name =
                Path::new(&name).file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
            let a = attachments::add(
                w,
                &NewAttachment {
                    target,
                    record: &id,
                    kind,
                    caption: caption.trim(),
                    file_name: &file_name,
                    prepared: &p,
                    added_on: &today,
                    who: &ctx.actor.user,
                },
            )?;
            pending += p.shown.bytes.len() + p.original.as_ref().map_or(0, |o| o.bytes.len());
            out.push((name, Done::of(&p, a)));
            drop(p);
            if pending >= FLUSH_BYTES {
                w.flush_capture()?;
                pending = 0;
            }
        }
        Ok(out)
    })?;
    for (name, p) in &added {
        crate::io::output::print_line(ids::short(&p.id))?;
        let mut what = vec![record_text(target, ids::short(&id)), kind_label(kind, ctx.out.lang)];
        if let Some(t) = &p.exif.taken_at {
            what.push(t!("attach-taken", at = t.replace('T', " ")));
        }
        if let (Some(lat), Some(lon)) = (p.exif.lat, p.exif.lon) {
            what.push(format!("GPS {lat:.5},{lon:.5}"));
        }
        if let Some((w, h)) = p.scaled_from {
            let (from, to) = (format!("{w}×{h}"), format!("{}×{}", p.width, p.height));
            what.push(t!("attach-scaled", from = from, to = to));
        }
        what.push(if p.stored_new { kb(p.size) } else { t!("attach-already-stored") });
        let sep = t!("attach-list-sep");
        crate::note!(
            "{}",
            t!("attach-attached", id = ids::short(&p.id), name = name.as_str(), what = what.join(&sep))
        );
        let taken = p.exif.taken_at.as_deref().and_then(rules::taken_date);
        for m in rules::misfits(kind, taken, visit_date, finding_date) {
            crate::note!("{}", t!("attach-warning", name = name.as_str(), what = m.describe()));
        }
        if p.exif.taken_at.is_none() && p.image {
            crate::note!("{}", t!("attach-no-exif", name = name.as_str()));
        }
    }
    Ok(())
}

fn columns() -> Vec<Column> {
    vec![
        col("id", "编号", "id"),
        col("record", "所属记录", "record"),
        col("kind", "类型", "kind"),
        col("caption", "说明", "caption"),
        col("taken_at", "拍摄时间", "taken"),
        col("gps", "拍摄位置", "GPS"),
        col("size_kb", "大小(KB)", "size (KB)"),
        col("pixels", "像素", "pixels"),
        col("file", "原文件名", "file"),
        col("warning", "核查提示", "warning"),
        col("removed", "已撤除", "removed"),
    ]
}

fn gps(r: &Row) -> Value {
    match (r.lat, r.lon) {
        (Some(a), Some(b)) => Value::Text(format!("{a:.5},{b:.5}")),
        _ => Value::Null,
    }
}

fn misfit_text(r: &Row) -> String {
    r.misfits.iter().map(|m| m.describe()).collect::<Vec<_>>().join(&t!("attach-list-sep"))
}

/// "走访 1a2b3c4d" / "visit 1a2b3c4d": the record an attachment belongs to, for people.
fn record_text(target: Target, id: &str) -> String {
    t!(
        "attach-record",
        what = crate::i18n::Arg::word(format!("record-{}", target.key()), target.key()),
        id = id
    )
}

fn cells(r: &Row, ctx: &Ctx, short: bool) -> Vec<Value> {
    let human = matches!(ctx.out.format, Format::Table | Format::Md);
    let lang = ctx.out.lang;
    let id = if short { ids::short(&r.id) } else { &r.id };
    let rec = if short { ids::short(&r.record) } else { &r.record };
    vec![
        Value::from(id),
        Value::Text(if human { record_text(r.target, rec) } else { format!("{} {rec}", r.target.key()) }),
        Value::Text(if human { kind_label(&r.kind, lang) } else { r.kind.clone() }),
        Value::from(r.caption.as_str()),
        Value::from(r.taken_at.as_ref().map(|t| if human { t.replace('T', " ") } else { t.clone() })),
        gps(r),
        Value::Int((r.size + 1023) / 1024),
        match (r.width, r.height) {
            (Some(w), Some(h)) => Value::Text(format!("{w}×{h}")),
            _ => Value::Null,
        },
        Value::from(r.file_name.as_str()),
        if human {
            Value::Text(misfit_text(r))
        } else {
            Value::Text(r.misfits.iter().map(|m| m.code()).collect::<Vec<_>>().join(";"))
        },
        Value::Bool(r.removed_on.is_some()),
    ]
}

fn filter(conn: &rusqlite::Connection, record: &Record) -> Result<Filter> {
    let mut f = Filter::default();
    match resolve(conn, record)? {
        Some((Target::Visit, id)) => {
            f.visit = Some(id);
            f.with_findings = true;
        }
        Some((Target::Finding, id)) => f.finding = Some(id),
        Some((Target::Case, id)) => f.case = Some(id),
        None => {}
    }
    Ok(f)
}

fn list(ctx: &Ctx, record: &Record, kind: Option<&str>, removed: bool) -> Result<()> {
    let store = ctx.open()?;
    let mut f = filter(store.conn(), record)?;
    f.kind = kind.map(|k| reference::lookup(&KINDS, k, "attachment kind")).transpose()?.map(str::to_string);
    f.include_removed = removed;
    let rows = attachments::list(store.conn(), &f)?;
    let short = matches!(ctx.out.format, Format::Table | Format::Md);
    let out: Vec<Vec<Value>> = rows.iter().map(|r| cells(r, ctx, short)).collect();
    write_rows(&ctx.out, &t!("attach-evidence-title"), columns(), &out)
}

fn show(ctx: &Ctx, raw: &str) -> Result<()> {
    let store = ctx.open()?;
    let id = ids::resolve(store.conn(), "attachments", "attachment", raw)?;
    let r = attachments::get(store.conn(), &id)?;
    let human = matches!(ctx.out.format, Format::Table | Format::Md);
    let mut fields: Vec<(Column, Value)> = columns().into_iter().zip(cells(&r, ctx, false)).collect();
    fields.retain(|(c, _)| c.key != "removed");
    fields.extend([
        (col("mime", "文件类型", "type"), Value::from(r.mime.as_str())),
        (col("sha256", "内容校验(SHA-256)", "SHA-256"), Value::from(r.sha256.as_str())),
        (
            col("original_kb", "原件大小(KB)", "original (KB)"),
            r.original_size.map(|s| Value::Int((s + 1023) / 1024)).unwrap_or(Value::Null),
        ),
        (col("visit_date", "走访日期", "visit date"), Value::from(r.visit_date.map(|d| d.to_string()))),
        (col("added_on", "上传日期", "added on"), Value::from(r.added_on.as_str())),
        (col("added_by", "上传人", "added by"), Value::from(r.added_by.as_str())),
        (col("removed_on", "撤除日期", "removed on"), Value::from(r.removed_on.clone())),
        (col("removed_by", "撤除人", "removed by"), Value::from(r.removed_by.clone())),
        (col("removed_reason", "撤除原因", "reason removed"), Value::from(r.removed_reason.clone())),
        (col("export_name", "导出文件名", "exported as"), Value::Text(r.export_name())),
    ]);
    if human {
        fields.retain(|(_, v)| !matches!(v, Value::Null) && v.text() != "");
    }
    write_record(&ctx.out, &crate::t!("attach-evidence-title"), fields)
}

fn export(ctx: &Ctx, record: &Record, to: &Path, originals: bool) -> Result<()> {
    let store = ctx.open()?;
    let conn = store.conn();
    let f = filter(conn, record)?;
    let rows = attachments::list(conn, &f)?;
    if to.exists() && !to.is_dir() {
        return Err(reject(crate::msg!("attach-export-not-a-folder", path = to)).into());
    }
    std::fs::create_dir_all(to).with_context(|| format!("cannot make the folder {}", to.display()))?;
    let mut index = csv::Writer::from_writer(Vec::new());
    index.write_record([
        "file",
        "attachment",
        "record",
        "kind",
        "caption",
        "taken_at",
        "lat",
        "lon",
        "added_on",
        "warning",
        "sha256",
    ])?;
    let mut bytes_out = 0usize;
    for r in &rows {
        // One file in memory at a time.
        let sha = if originals { r.original.as_deref().unwrap_or(&r.sha256) } else { &r.sha256 };
        let bytes = attachments::blob(conn, sha)?;
        let name = r.export_name();
        crate::io::output::write_private(&to.join(&name), &bytes)?;
        bytes_out += bytes.len();
        let s = |o: Option<f64>| o.map(|v| format!("{v:.6}")).unwrap_or_default();
        index.write_record([
            name.as_str(),
            r.id.as_str(),
            &format!("{} {}", r.target.key(), r.record),
            r.kind.as_str(),
            crate::io::output::neutralise(&r.caption).as_ref(),
            r.taken_at.as_deref().unwrap_or(""),
            &s(r.lat),
            &s(r.lon),
            r.added_on.as_str(),
            &r.misfits.iter().map(|m| m.code()).collect::<Vec<_>>().join(";"),
            sha,
        ])?;
    }
    let index = index.into_inner().map_err(|e| anyhow::anyhow!("index.csv: {e}"))?;
    crate::io::output::write_private(&to.join("index.csv"), &index)?;
    crate::note!("{}", t!("attach-exported", n = rows.len(), size = kb(bytes_out), folder = to));
    Ok(())
}

fn remove(ctx: &Ctx, raw: &str, reason: &str, date: Option<&str>) -> Result<()> {
    let mut store = ctx.open()?;
    let id = ids::resolve(store.conn(), "attachments", "attachment", raw)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(reject(msg!("attach-remove-needs-reason")).into());
    }
    let today = ctx.today.to_string();
    let date =
        dates::in_year(date.unwrap_or(&today), store.campaign.year, "the date of the removal")?.to_string();
    let r = attachments::get(store.conn(), &id)?;
    store.write(&ctx.actor, |w| attachments::remove(w, &id, &date, reason, &ctx.actor.user))?;
    let record = record_text(r.target, ids::short(&r.record));
    crate::note!("{}", t!("attach-removed", id = ids::short(&id), record = record, reason = reason));
    if r.target == Target::Finding && r.kind == "after" {
        let left = attachments::list(
            store.conn(),
            &Filter { finding: Some(r.record.clone()), kind: Some("after".into()), ..Filter::default() },
        )?;
        if left.is_empty() {
            crate::note!("{}", t!("attach-no-after-left", finding = ids::short(&r.record)));
        }
    }
    Ok(())
}

fn rule(ctx: &Ctx, item: Option<&str>, switch: Option<&str>) -> Result<()> {
    let mut store = ctx.open()?;
    if let (Some(item), Some(switch)) = (item, switch) {
        let me = crate::sync::Identity::read(store.conn())?;
        if let Some(org) = &me.clone_of_org {
            return Err(reject(msg!("attach-rule-on-laptop", org = org.as_str())).into());
        }
        let code = reference::work_item(item)?.code;
        let on = switch == "on";
        store.write(&ctx.actor, |w| attachments::set_rule(w, code, on, &ctx.actor.user))?;
        let said = if on {
            t!("attach-rule-on", rule = rules::CLOSE_RULE, item = code)
        } else {
            t!("attach-rule-off", rule = rules::CLOSE_RULE, item = code)
        };
        crate::note!("{said}");
        return Ok(());
    }
    let org = store.campaign.org.clone();
    let human = matches!(ctx.out.format, Format::Table | Format::Md);
    let rows: Vec<Vec<Value>> = attachments::rules(store.conn(), &org)?
        .into_iter()
        .map(|(item, key, on, set)| {
            vec![
                Value::Int(item),
                Value::Text(key),
                Value::Bool(on),
                Value::Text(match (human, set) {
                    (true, true) => t!("attach-rule-set-by-bureau"),
                    (true, false) => t!("attach-rule-set-by-default"),
                    (false, true) => "bureau".into(),
                    (false, false) => "default".into(),
                }),
            ]
        })
        .collect();
    write_rows(
        &ctx.out,
        &t!("attach-rule-title"),
        vec![
            col("item", "工作事项", "work item"),
            col("key", "代码", "key"),
            col("after_photo_to_close", "销号须有整改后照片", "after photo to close"),
            col("set_by", "设定", "set by"),
        ],
        &rows,
    )
}

/// The evidence section of `finding show`: its attachments, what does not fit, and whether the
/// closing rule asks for an `after` photo it lacks.
pub fn show_for_finding(ctx: &Ctx, conn: &rusqlite::Connection, finding: &str) -> Result<()> {
    let rows = attachments::list(conn, &Filter { finding: Some(finding.to_string()), ..Filter::default() })?;
    let mut cols = columns();
    cols.retain(|c| !matches!(c.key.as_ref(), "record" | "removed" | "file"));
    let keep = |v: Vec<Value>| -> Vec<Value> {
        v.into_iter().enumerate().filter(|(i, _)| !matches!(i, 1 | 8 | 10)).map(|(_, v)| v).collect()
    };
    let out: Vec<Vec<Value>> = rows.iter().map(|r| keep(cells(r, ctx, true))).collect();
    if !out.is_empty() {
        write_rows(&ctx.out, &t!("attach-evidence-title"), cols, &out)?;
    }
    for r in rows.iter().filter(|r| !r.misfits.is_empty()) {
        let kind = kind_label(&r.kind, ctx.out.lang);
        let what = misfit_text(r);
        crate::note!("{}", t!("attach-warning-attachment", id = ids::short(&r.id), kind = kind, what = what));
    }
    Ok(())
}
