//! `zoufang form …`: the feedback forms — filled ones out (one row or one printable page per
//! visit), and a division's redesigned form in (`form define`).

use std::fmt::Write as _;
use std::path::PathBuf;

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
    #[command(after_help = "Example:\n  zoufang form village --visit 3fa2 --format md")]
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
        crate::error::reject(format!("there is no '{raw}' form to define"))
            .hint("the typed forms are enterprise, village and bureau; the general form is derived")
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
            let text =
                std::fs::read_to_string(&from).with_context(|| format!("cannot read {}", from.display()))?;
            let def = form::parse_def(&text, kind)?;
            let mut store = ctx.open()?;
            let on = ctx.today.to_string();
            let v = store.write(&ctx.actor, |w| stored::define(w, &def, &on))?;
            crate::note!(
                "the {} form is now version {v}; earlier visits keep the version they were filled with",
                def.title
            );
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
        Format::Md => print_pages(ctx, &forms),
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

/// One printable page per visit: the form's title, then label and answer per line.
fn print_pages(ctx: &Ctx, forms: &FilledForms) -> Result<()> {
    let mut out = String::new();
    for (i, (_, shown)) in forms.rows.iter().enumerate() {
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
    }
    if forms.rows.is_empty() {
        crate::note!("no visits with the {} in that range", forms.title);
    }
    match &ctx.out.path {
        Some(p) => crate::io::output::write_private(p, out.as_bytes()),
        None => {
            use std::io::Write as _;
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(out.as_bytes())?;
            stdout.flush()?;
            Ok(())
        }
    }
}
