//! `zoufang conflict list|resolve`: what a merge could not settle alone.

use anyhow::Result;

use super::Ctx;
use crate::io::output::{col, write_rows, Format, Value};
use crate::sync::{conflicts, rules, values};
use crate::t;

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// Records changed on both sides (field by field: mine and theirs), and rule breaches after merges
    #[command(after_help = "Example:\n  zoufang conflict list\n  zoufang conflict list --all --format json")]
    List {
        /// Include resolved conflicts
        #[arg(long)]
        all: bool,
    },
    /// Settle one conflict: keep this database's version, theirs, or set fields
    #[command(
        after_help = "The chosen version is written like any change (audited, and sent on by sync), and the other databases that met the same conflict take it too.\n\nExample:\n  zoufang conflict resolve 3 --keep theirs\n  zoufang conflict resolve 4 --keep status=resolved"
    )]
    Resolve {
        /// The conflict's number, as `conflict list` shows it
        id: i64,
        /// mine (this database's version), theirs (the bundle's), or FIELD=VALUE… set on this
        /// database's version
        #[arg(long, required = true, num_args = 1.., value_name = "mine|theirs|FIELD=VALUE")]
        keep: Vec<String>,
    },
}

pub fn run(cmd: Cmd, ctx: &Ctx) -> Result<()> {
    match cmd {
        Cmd::List { all } => list(ctx, all),
        Cmd::Resolve { id, keep } => {
            let keep = conflicts::parse_keep(&keep)?;
            let mut store = ctx.open()?;
            let c = conflicts::get(store.conn(), id)?;
            let settled = conflicts::resolve(&mut store, &ctx.actor, id, &keep, &ctx.today.to_string())?;
            let how = match &keep {
                conflicts::Keep::Mine => t!("conflict-kept-mine"),
                conflicts::Keep::Theirs => t!("conflict-kept-theirs"),
                conflicts::Keep::Fields(f) => {
                    let fields = f.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(", ");
                    t!("conflict-kept-fields", fields = fields)
                }
            };
            let (table, record) = (c.table.as_str(), c.record());
            crate::note!("{}", t!("conflict-resolved", id = id, how = how, table = table, record = record));
            let others: Vec<String> = settled.iter().filter(|s| **s != id).map(i64::to_string).collect();
            if !others.is_empty() {
                crate::note!("{}", t!("conflict-also-settled", ids = others.join(", ")));
            }
            Ok(())
        }
    }
}

fn list(ctx: &Ctx, all: bool) -> Result<()> {
    let store = ctx.open()?;
    let conn = store.conn();
    let mut rows: Vec<Vec<Value>> = Vec::new();
    let found = conflicts::list(conn, all)?;
    let human = matches!(ctx.out.format, Format::Table | Format::Md);
    for c in &found {
        let cols = values::columns(conn, &c.table)?;
        // People read the label, scripts the code.
        let what = match (&c.resolution, human) {
            (Some(r), true) => t!("conflict-what-resolved", what = c.what().label(), how = r.as_str()),
            (Some(r), false) => format!("{} (resolved: {r})", c.what().code()),
            (None, true) => c.what().label(),
            (None, false) => c.what().code().to_string(),
        };
        let fields = c.fields(&cols);
        let base = |field: String, mine: String, theirs: String| {
            vec![
                Value::Int(c.id),
                Value::from(what.as_str()),
                Value::from(c.table.as_str()),
                Value::from(c.record()),
                Value::from(field),
                Value::from(mine),
                Value::from(theirs),
            ]
        };
        if fields.is_empty() || c.local.is_none() || c.theirs.is_none() {
            let side = |j: &Option<serde_json::Value>, none: String| match j {
                Some(_) => t!("conflict-side-record"),
                None => none,
            };
            if c.local.is_none() || c.theirs.is_none() {
                rows.push(base(
                    String::new(),
                    side(&c.local, t!("conflict-side-missing-here")),
                    side(&c.theirs, t!("conflict-side-deleted-there")),
                ));
            }
        }
        for (f, m, t) in fields {
            rows.push(base(f, values::show(&m), values::show(&t)));
        }
    }
    let breaches = rules::breaches(conn)?;
    for b in &breaches {
        rows.push(vec![
            Value::from(if human { t!("conflict-rule") } else { "rule".to_string() }),
            Value::from(b.kind),
            Value::from(b.table),
            Value::from(b.record.as_str()),
            Value::from(""),
            Value::from(b.items.join(", ")),
            Value::from(b.detail.as_str()),
        ]);
    }
    if rows.is_empty() && !ctx.format_given {
        crate::note!("{}", t!("conflict-none-open"));
        return Ok(());
    }
    write_rows(
        &ctx.out,
        "",
        vec![
            col("id", "编号", "id"),
            col("kind", "类型", "kind"),
            col("table", "表", "table"),
            col("record", "记录", "record"),
            col("field", "字段", "field"),
            col("mine", "本地", "mine"),
            col("theirs", "对方", "theirs"),
        ],
        &rows,
    )?;
    let open = found.iter().filter(|c| c.resolved_at.is_none()).count();
    if open > 0 {
        crate::note!("{}", t!("conflict-settle-each"));
    }
    if !breaches.is_empty() {
        crate::note!("{}", t!("conflict-breaches-repaired"));
    }
    Ok(())
}
