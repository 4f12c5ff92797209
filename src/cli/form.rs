//! `zoufang form …`: the feedback forms — filled ones out (one row or one printable page per
//! visit), and a division's redesigned form in (`form define`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::Ctx;
use crate::domain::{dates, form};
use crate::io::output::{col, write_rows, Format, Value};
use crate::report::forms::{self, FilledForms, Select};
use crate::store::{forms as stored, ids};

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// 企业情况反馈表: filled forms of enterprise and cluster-zone visits
    #[command(
        after_help = "Example:\n  zoufang form enterprise --since 2012-03-01 --until 2012-03-31 --format csv --bom -o 企业反馈表.csv"
    )]
    Enterprise(Which),
    /// 农村和农户情况反馈表: filled forms of village visits
    #[command(
        after_help = "Example:\n  zoufang form village --visit 3fa2 --format md -o 反馈表/\n\nWith --format md -o FOLDER/ (a folder, existing or ending in /), the pages are written to\nFOLDER/<form>.md and each visit's photos and scans (its own and its findings') to FOLDER/photos/,\nlinked from its page by relative paths; with -o FILE.md, beside it in FILE_photos/."
    )]
    Village(Which),
    /// 基层环保部门情况反馈表: filled forms of county-bureau visits
    #[command(after_help = "Example:\n  zoufang form bureau --format md -o 县局反馈表.md")]
    Bureau(Which),
    /// 进村入企大走访活动情况反馈表: derived from every visit and its findings
    #[command(after_help = "Example:\n  zoufang form general --since 2012-03-01 --format md")]
    General(Which),
    /// Replace a form for this database with a new version (visits keep the version they were filled with)
    #[command(
        after_help = "Example:\n  zoufang form show village --format json > village.json   # edit it, then\n  zoufang form define village --from village.json"
    )]
    Define {
        kind: String,
        #[arg(long)]
        from: PathBuf,
    },
    /// Show a form's fields (json gives a definition that `form define` takes back)
    #[command(after_help = "Example:\n  zoufang form show enterprise")]
    Show {
        kind: String,
        #[arg(long)]
        version: Option<i64>,
    },
}

#[derive(clap::Args, Debug)]
pub struct Which {
    /// One visit
    #[arg(long, conflicts_with_all = ["since", "until"])]
    pub visit: Option<String>,
    #[arg(long)]
    pub since: Option<String>,
    #[arg(long)]
    pub until: Option<String>,
}

fn kind_arg(raw: &str) -> Result<&'static str> {
    form::KINDS.iter().copied().find(|k| *k == raw.trim()).ok_or_else(|| {
        crate::error::reject(crate::msg!("form-no-such-kind", raw = raw))
            .hint(crate::msg!("form-no-such-kind-hint"))
            .into()
    })
}

pub fn run(cmd: Cmd, ctx: &Ctx) -> Result<()> {
    match cmd {
        Cmd::Enterprise(w) => filled(ctx, Some("enterprise"), &w),
        Cmd::Village(w) => filled(ctx, Some("village"), &w),
        Cmd::Bureau(w) => filled(ctx, Some("bureau"), &w),
        Cmd::General(w) => filled(ctx, None, &w),
        Cmd::Define { kind, from } => {
            let kind = kind_arg(&kind)?;
            let text = std::fs::read_to_string(&from)
                .with_context(|| crate::t!("csv-cannot-read", path = from.as_path()))?;
            let def = form::parse_def(&text, kind)?;
            let mut store = ctx.open()?;
            let on = ctx.today.to_string();
            let v = store.write(&ctx.actor, |w| stored::define(w, &def, &on))?;
            crate::note!("{}", crate::t!("form-defined", title = def.title.as_str(), version = v));
            Ok(())
        }
        Cmd::Show { kind, version } => {
            let kind = kind_arg(&kind)?;
            let store = ctx.open()?;
            let def = match version {
                Some(v) => stored::version(store.conn(), kind, v)?,
                None => stored::current(store.conn(), kind)?.1,
            };
            if ctx.out.format == Format::Json {
                use std::io::Write as _;
                ctx.out.check_file()?;
                let mut out = crate::io::output::destination(&ctx.out)?;
                serde_json::to_writer_pretty(&mut out, &def)?;
                writeln!(out)?;
                return out.finish();
            }
            let rows: Vec<Vec<Value>> = def
                .fields
                .iter()
                .map(|f| {
                    vec![
                        Value::from(f.key.as_str()),
                        Value::from(f.label.as_str()),
                        Value::from(format!("{:?}", f.kind).to_lowercase()),
                        Value::Bool(f.required),
                        Value::from(
                            f.choices.iter().map(|(c, l)| format!("{c} {l}")).collect::<Vec<_>>().join(", "),
                        ),
                    ]
                })
                .collect();
            write_rows(
                &ctx.out,
                &def.title,
                vec![
                    col("key", "字段", "key"),
                    col("label", "名称", "label"),
                    col("type", "类型", "type"),
                    col("required", "必填", "required"),
                    col("choices", "选项", "choices"),
                ],
                &rows,
            )
        }
    }
}

fn filled(ctx: &Ctx, kind: Option<&str>, w: &Which) -> Result<()> {
    let store = ctx.open()?;
    let conn = store.conn();
    let sel = Select {
        visit: w.visit.as_deref().map(|v| ids::resolve(conn, "visits", "visit", v)).transpose()?,
        since: w.since.as_deref().map(dates::parse).transpose()?.map(|d| d.to_string()),
        until: w.until.as_deref().map(dates::parse).transpose()?.map(|d| d.to_string()),
    };
    let forms = match kind {
        Some(k) => forms::typed(conn, k, &sel)?,
        None => forms::general(conn, &sel)?,
    };
    match ctx.out.format {
        Format::Md => print_pages(ctx, conn, &forms),
        Format::Xlsx => crate::io::xlsx::write_forms(&ctx.out, &forms),
        Format::Table => {
            let rows: Vec<Vec<Value>> = forms.rows.iter().map(|(_, shown)| shown.clone()).collect();
            write_rows(&ctx.out, &forms.title, forms.columns.clone(), &rows)
        }
        _ => {
            let rows: Vec<Vec<Value>> = forms.rows.iter().map(|(codes, _)| codes.clone()).collect();
            write_rows(&ctx.out, &forms.title, forms.columns.clone(), &rows)
        }
    }
}

/// Whether `-o` names a folder for the pages (`form … --format md`): an existing folder, or a
/// path ending in a separator.
pub fn is_folder(p: &Path) -> bool {
    p.is_dir() || p.as_os_str().to_string_lossy().ends_with(['/', std::path::MAIN_SEPARATOR])
}

/// Whether a command writes form pages, which may go to a folder (`-o FOLDER/`).
pub fn writes_pages(cmd: &Cmd) -> bool {
    matches!(cmd, Cmd::Enterprise(_) | Cmd::Village(_) | Cmd::Bureau(_) | Cmd::General(_))
}

/// Where the pages and their photos go: (the page file, the photos' folder, the folder's name as
/// the page links it). `-o FOLDER/`: FOLDER/<title>.md and FOLDER/photos/. `-o FILE.md`:
/// FILE.md and FILE_photos/ beside it.
fn page_paths(out: &Path, title: &str) -> (PathBuf, PathBuf, String) {
    if is_folder(out) {
        (out.join(format!("{title}.md")), out.join("photos"), "photos".to_string())
    } else {
        let stem = out.file_stem().map_or_else(|| "forms".to_string(), |s| s.to_string_lossy().into_owned());
        let link = format!("{stem}_photos");
        (out.to_path_buf(), out.with_file_name(&link), link)
    }
}

/// A markdown link target: spaces and parentheses escaped, the rest as it is (UTF-8).
fn href(s: &str) -> String {
    s.replace('%', "%25").replace(' ', "%20").replace('(', "%28").replace(')', "%29")
}

/// The photos and scans of one visit (its own and its findings', not removed) as the end of its
/// page: written into `dir` (when the pages go to a file) and linked by relative path, or, on
/// standard output, listed with their ids. `written` counts them.
fn page_photos(
    ctx: &Ctx,
    conn: &rusqlite::Connection,
    visit: &str,
    dir: Option<(&Path, &str)>,
    written: &mut usize,
) -> Result<String> {
    use crate::domain::attachment::Target;
    use crate::store::attachments::{self, Filter};
    let rows = attachments::list(
        conn,
        &Filter { visit: Some(visit.to_string()), with_findings: true, ..Filter::default() },
    )?;
    if rows.is_empty() {
        return Ok(String::new());
    }
    let lang = ctx.out.lang;
    let mut md = String::from(match lang {
        crate::io::output::Lang::Zh => "\n## 附：佐证材料\n\n",
        crate::io::output::Lang::En => "\n## Evidence\n\n",
    });
    for r in &rows {
        let mut caption = super::attach::kind_label(&r.kind, lang);
        if !r.caption.trim().is_empty() {
            caption = format!("{caption}：{}", r.caption.trim());
        }
        caption = format!("{caption}（{}）", r.date());
        if r.target == Target::Finding {
            let what = match lang {
                crate::io::output::Lang::Zh => "问题",
                crate::io::output::Lang::En => "finding ",
            };
            caption = format!("{what}{} {caption}", ids::short(&r.record));
        }
        let caption = caption.replace(['[', ']', '|', '\n', '\r'], " ");
        let name = r.export_name();
        match dir {
            Some((dir, link)) => {
                let path = dir.join(&name);
                crate::io::output::check_target(&path, &ctx.db, true)?;
                std::fs::create_dir_all(dir)
                    .map_err(|e| crate::error::io_sentence(e, dir, "make the folder"))?;
                crate::io::output::write_private(&path, &attachments::blob(conn, &r.sha256)?)?;
                *written += 1;
                let target = href(&format!("{link}/{name}"));
                if r.mime.is_image() {
                    let _ = write!(md, "![{caption}]({target})\n\n{caption}\n\n");
                } else {
                    let _ = write!(md, "[{caption}]({target})\n\n");
                }
            }
            None => {
                let _ = writeln!(md, "- {caption}：{name}（{}）", ids::short(&r.id));
                *written += 1;
            }
        }
    }
    Ok(md)
}

/// One printable page per visit: the form's title, then label and answer per line, then the
/// visit's photos and scans (its own and its findings'). Written to a file or a folder, the
/// photos are written beside the page and linked by relative path (`page_paths`).
fn print_pages(ctx: &Ctx, conn: &rusqlite::Connection, forms: &FilledForms) -> Result<()> {
    let paths = ctx.out.path.as_deref().map(|p| page_paths(p, &forms.title));
    if let Some((page, _, _)) = &paths {
        crate::io::output::check_target(page, &ctx.db, true)?;
    }
    let mut out = String::new();
    let mut written = 0;
    for (i, (codes, shown)) in forms.rows.iter().enumerate() {
        if i > 0 {
            out.push_str("\n<div style=\"page-break-after: always\"></div>\n\n");
        }
        let _ = writeln!(out, "# {}\n", forms.title);
        let _ = writeln!(out, "| 项目 | 填写内容 |\n|---|---|");
        for (c, v) in forms.columns.iter().zip(shown) {
            let _ = writeln!(
                out,
                "| {} | {} |",
                c.label(ctx.out.lang),
                v.text().replace('|', "\\|").replace('\n', "<br>")
            );
        }
        let _ = writeln!(out, "\n填表人：__________　　被走访单位（签章）：__________　　日期：__________");
        if let Some(Value::Text(visit)) = codes.first() {
            let dir = paths.as_ref().map(|(_, d, l)| (d.as_path(), l.as_str()));
            out.push_str(&page_photos(ctx, conn, visit, dir, &mut written)?);
        }
    }
    if forms.rows.is_empty() {
        crate::note!("{}", crate::t!("form-no-visits", title = forms.title.as_str()));
    }
    match &paths {
        Some((page, dir, _)) => {
            if let Some(parent) = page.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)
                    .map_err(|e| crate::error::io_sentence(e, parent, "make the folder"))?;
            }
            crate::io::output::write_private(page, out.as_bytes())?;
            if written > 0 {
                crate::note!(
                    "{}",
                    crate::t!(
                        "form-pages-written",
                        page = page.as_path(),
                        pages = forms.rows.len(),
                        photos = written,
                        dir = dir.as_path()
                    )
                );
            }
            Ok(())
        }
        None => {
            use std::io::Write as _;
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(out.as_bytes())?;
            stdout.flush()?;
            if written > 0 {
                crate::note!("{}", crate::t!("form-photos-listed"));
            }
            Ok(())
        }
    }
}
