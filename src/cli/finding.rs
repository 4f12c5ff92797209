//! `zoufang finding add|update|follow-up|list|show`: the problem ledger (问题台账).

use anyhow::Result;
use rusqlite::params;

use super::export::{text, Filter};
use super::Ctx;
use crate::domain::dates;
use crate::domain::finding::{ROUTES, SATISFACTION, SEVERITIES, STATUSES};
use crate::domain::reference::{self, CATEGORIES, WORK_ITEMS};
use crate::error::reject;
use crate::io::output::{col, write_record, write_rows, Value};
use crate::io::table::finding_tone;
use crate::store::findings::{self, NewFinding};
use crate::store::ids;

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// Log a difficulty or problem found on a visit
    #[command(
        after_help = "Example:\n  zoufang finding add --visit 3fa2 --category water --desc 生活污水直排 --route env --due 2012-04-30\n  zoufang finding add --visit 3fa2 --category rural --desc 垃圾清运不及时 --route other --refer-to 递铺镇政府\n  zoufang finding add --visit 3fa2 --category noise --desc 夜间施工 --route env --on-site"
    )]
    Add(AddArgs),
    /// Move a finding on: in-progress, resolved (route env); acknowledged, resolved (route other)
    #[command(
        after_help = "Example:\n  zoufang finding update 7c1e --status in-progress --note 已交办污染防治科"
    )]
    Update {
        id: String,
        #[arg(long)]
        status: String,
        #[arg(long)]
        note: String,
        /// When it happened (default: today)
        #[arg(long)]
        date: Option<String>,
    },
    /// Record the follow-up (回访) of a resolved finding: satisfied/basic closes it, unsatisfied reopens it
    #[command(
        name = "follow-up",
        after_help = "Example:\n  zoufang finding follow-up 7c1e --satisfaction satisfied --note 群众满意"
    )]
    FollowUp {
        id: String,
        #[arg(long)]
        satisfaction: String,
        #[arg(long)]
        note: String,
        #[arg(long)]
        date: Option<String>,
    },
    /// List findings
    #[command(
        after_help = "Example:\n  zoufang finding list --overdue\n  zoufang finding list --status referred --county 330523 --format csv"
    )]
    List(ListArgs),
    /// Show a finding with its whole history
    #[command(after_help = "Example:\n  zoufang finding show 7c1e")]
    Show { id: String },
}

#[derive(clap::Args, Debug)]
pub struct AddArgs {
    #[arg(long)]
    pub visit: String,
    /// water, air, solid-waste, noise, soil, drinking-water, rural, approval, emission-reduction, upgrading, capacity, petition, other (or the Chinese label); default petition on a reception
    #[arg(long)]
    pub category: Option<String>,
    #[arg(long)]
    pub desc: String,
    /// env (本级办理) or other (转办)
    #[arg(long)]
    pub route: String,
    /// Handling division (主办处室); default: the lead division of the visit's work item
    #[arg(long)]
    pub assign: Option<String>,
    /// Who a referred finding goes to (route other)
    #[arg(long)]
    pub refer_to: Option<String>,
    /// Deadline (办理时限); default 30 days after the finding; required for hazards
    #[arg(long)]
    pub due: Option<String>,
    #[arg(long, default_value = "medium")]
    pub severity: String,
    /// Solved on the spot (现场解决)
    #[arg(long)]
    pub on_site: bool,
    /// Date it was found (default: the visit's date)
    #[arg(long)]
    pub date: Option<String>,
    #[arg(long, default_value = "")]
    pub note: String,
}

#[derive(clap::Args, Debug, Default)]
pub struct ListArgs {
    #[arg(long)]
    pub status: Option<String>,
    #[arg(long)]
    pub route: Option<String>,
    #[arg(long)]
    pub division: Option<String>,
    #[arg(long)]
    pub category: Option<String>,
    #[arg(long)]
    pub county: Option<String>,
    /// Only findings past their deadline and not resolved
    #[arg(long)]
    pub overdue: bool,
}

pub fn run(cmd: Cmd, ctx: &Ctx) -> Result<()> {
    match cmd {
        Cmd::Add(a) => add(ctx, a),
        Cmd::Update { id, status, note, date } => {
            let mut store = ctx.open()?;
            let id = ids::resolve(store.conn(), "findings", "finding", &id)?;
            let to = reference::lookup(&STATUSES, &status, "status")?;
            let date = change_date(ctx, store.campaign.year, date.as_deref())?;
            let note = required_note(&note)?;
            store.write(&ctx.actor, |w| findings::update(w, &id, to, &date, &note, &ctx.actor.user))?;
            crate::note!("finding {} is now {to}", ids::short(&id));
            Ok(())
        }
        Cmd::FollowUp { id, satisfaction, note, date } => {
            let mut store = ctx.open()?;
            let id = ids::resolve(store.conn(), "findings", "finding", &id)?;
            let s = reference::lookup(&SATISFACTION, &satisfaction, "satisfaction")?;
            let date = change_date(ctx, store.campaign.year, date.as_deref())?;
            let note = required_note(&note)?;
            let to =
                store.write(&ctx.actor, |w| findings::follow_up(w, &id, s, &date, &note, &ctx.actor.user))?;
            let what = if to == "closed" { "closed (销号)" } else { "reopened (重办)" };
            crate::note!("finding {} {what}: now {to}", ids::short(&id));
            Ok(())
        }
        Cmd::List(a) => list(ctx, a),
        Cmd::Show { id } => show(ctx, &id),
    }
}

/// The date of a change: given, or today — in the campaign year either way.
fn change_date(ctx: &Ctx, year: i32, raw: Option<&str>) -> Result<String> {
    let today = ctx.today.to_string();
    Ok(dates::in_year(raw.unwrap_or(&today), year, "the date of the change")
        .map_err(|e| if raw.is_none() { e.hint("give the date with --date YYYY-MM-DD") } else { e })?
        .to_string())
}

/// Every change keeps a note (SPEC §2).
fn required_note(raw: &str) -> Result<String> {
    let n = raw.trim();
    if n.is_empty() {
        return Err(reject("the change needs a note (--note): what was done, by whom").into());
    }
    Ok(n.to_string())
}

fn add(ctx: &Ctx, a: AddArgs) -> Result<()> {
    let mut store = ctx.open()?;
    let conn = store.conn();
    let year = store.campaign.year;
    let visit_id = ids::resolve(conn, "visits", "visit", &a.visit)?;
    let Some((visit_date, item, target_kind)) = findings::visit_facts(conn, &visit_id)? else {
        return Err(reject(format!("no visit {}", a.visit)).into());
    };
    let category = match &a.category {
        Some(c) => reference::lookup(&CATEGORIES, c, "category")?,
        None if target_kind == "reception" => "petition",
        None => {
            return Err(reject("the finding has no category")
                .hint("add --category, e.g. water, air, rural")
                .into())
        }
    };
    let route = reference::lookup(&ROUTES, &a.route, "route")?;
    let severity = reference::lookup(&SEVERITIES, &a.severity, "severity")?;
    let refer_to = a.refer_to.clone().unwrap_or_default().trim().to_string();
    if route == "other" && refer_to.is_empty() {
        return Err(reject("a referred finding (route other) needs --refer-to: the local government or department it goes to").into());
    }
    if route == "env" && !refer_to.is_empty() {
        return Err(reject("--refer-to is for route other; the bureau handles route env itself").into());
    }
    if a.on_site && route == "other" {
        return Err(
            reject("a finding solved on the spot (--on-site) is the bureau's own: use --route env").into()
        );
    }
    crate::domain::fields::check_description(&a.desc)?;
    let date = match &a.date {
        Some(d) => dates::in_year(d, year, "the finding date")?.to_string(),
        None => visit_date.clone(),
    };
    if date < visit_date {
        return Err(reject(format!("the finding is dated {date}, before its visit ({visit_date})")).into());
    }
    let due = match &a.due {
        Some(d) => Some(crate::domain::fields::check_due(d, &date, year)?),
        None if a.on_site => None,
        None if item == 5 => {
            return Err(reject("a hazard (work item 5) needs a rectification deadline")
                .hint("add --due YYYY-MM-DD")
                .into())
        }
        // 30 days, but never past the campaign's last day.
        None => Some(
            (dates::parse(&date)? + chrono::Days::new(30)).min(dates::deadline(year, "12-31")).to_string(),
        ),
    };
    let division = match &a.assign {
        Some(d) if !d.trim().is_empty() => d.trim().to_string(),
        _ => WORK_ITEMS
            .iter()
            .find(|w| w.code == item)
            .map(|w| w.lead_division.to_string())
            .unwrap_or_default(),
    };
    let note = if a.note.is_empty() {
        match (a.on_site, route) {
            (true, _) => "现场解决".to_string(),
            (_, "other") => format!("转办 {refer_to}"),
            _ => format!("交办 {division}"),
        }
    } else {
        a.note.clone()
    };
    let f = NewFinding {
        visit_id,
        category: category.to_string(),
        description: a.desc.trim().to_string(),
        severity: severity.to_string(),
        route: route.to_string(),
        division,
        refer_to,
        due,
        on_site: a.on_site,
        date,
        note,
    };
    let id = store.write(&ctx.actor, |w| findings::add(w, &f, &ctx.actor.user))?;
    crate::io::output::print_line(ids::short(&id))?;
    crate::note!(
        "logged finding {} ({}, {})",
        ids::short(&id),
        f.category,
        crate::domain::finding::initial(&f.route, f.on_site)
    );
    Ok(())
}

fn list(ctx: &Ctx, a: ListArgs) -> Result<()> {
    let mut f = Filter::parse(ctx, a.county.as_deref(), None, None)?;
    f.status = a
        .status
        .as_deref()
        .map(|s| reference::lookup(&STATUSES, s, "status"))
        .transpose()?
        .map(str::to_string);
    f.category = a
        .category
        .as_deref()
        .map(|c| reference::lookup(&CATEGORIES, c, "category"))
        .transpose()?
        .map(str::to_string);
    f.route =
        a.route.as_deref().map(|r| reference::lookup(&ROUTES, r, "route")).transpose()?.map(str::to_string);
    f.division = a.division;
    f.overdue = a.overdue;
    export(ctx, &f, true)
}

/// Findings, one row each: `export findings` and `finding list`.
pub fn export(ctx: &Ctx, f: &Filter, short: bool) -> Result<()> {
    let today = ctx.today.to_string();
    super::export::list(
        ctx,
        vec![
            col("id", "编号", "id"),
            col("date", "登记日期", "date"),
            col("visit", "走访记录", "visit"),
            col("county", "所在县", "county"),
            col("category", "问题类别", "category"),
            col("description", "问题描述", "description"),
            col("severity", "程度", "severity"),
            col("route", "办理方式", "route"),
            col("division", "主办处室", "division"),
            col("refer_to", "转办对象", "referred to"),
            col("due", "办理时限", "due"),
            col("status", "状态", "status"),
            col("on_site", "现场解决", "on site"),
            col("overdue", "逾期", "overdue"),
        ],
        &["id", "date", "category", "description", "status", "due", "overdue"],
        "SELECT CASE WHEN ?9 THEN substr(f.id, 1, 8) ELSE f.id END, f.created_on,
                CASE WHEN ?9 THEN substr(f.visit_id, 1, 8) ELSE f.visit_id END, v.county, f.category, f.description,
                f.severity, f.route, f.division, f.refer_to, f.due, f.status, f.on_site,
                is_overdue(f.status, f.due, ?8)
         FROM findings f JOIN visits v ON v.id = f.visit_id
         WHERE (?1 IS NULL OR f.created_on >= ?1) AND (?2 IS NULL OR f.created_on <= ?2)
           AND (?3 IS NULL OR v.county LIKE ?3 || '%') AND (?4 IS NULL OR f.status = ?4)
           AND (?5 IS NULL OR f.category = ?5) AND (?6 IS NULL OR f.route = ?6) AND (?7 IS NULL OR f.division = ?7)
           AND (NOT ?10 OR is_overdue(f.status, f.due, ?8))
         ORDER BY f.created_on, f.id",
        params![f.since, f.until, f.county, f.status, f.category, f.route, f.division, today, short, f.overdue],
        |r| {
            let mut v: Vec<Value> = (0..12).map(|i| text(r, i)).collect::<rusqlite::Result<_>>()?;
            v.push(Value::Bool(r.get(12)?));
            v.push(Value::Bool(r.get(13)?));
            Ok(v)
        },
        |r| {
            let status: String = r.get(11)?;
            let due: Option<String> = r.get(10)?;
            Ok(finding_tone(&status, due.as_deref().and_then(|d| dates::parse(d).ok()), ctx.today))
        },
    )
}

fn show(ctx: &Ctx, raw: &str) -> Result<()> {
    let store = ctx.open()?;
    let conn = store.conn();
    let id = ids::resolve(conn, "findings", "finding", raw)?;
    type Row = (String, String, String, String, String, String, String, Option<String>, bool, String, String);
    let f: Row = conn.query_row(
        "SELECT visit_id, category, description, severity, route, division, refer_to, due, on_site, status, created_on FROM findings WHERE id = ?1",
        [&id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?)),
    )?;
    let overdue = crate::domain::finding::is_overdue(
        &f.9,
        f.7.as_deref().and_then(|d| dates::parse(d).ok()),
        ctx.today,
    );
    write_record(
        &ctx.out,
        "问题台账",
        vec![
            (col("id", "编号", "id"), Value::from(id.as_str())),
            (col("visit", "走访记录", "visit"), Value::from(f.0)),
            (col("date", "登记日期", "date"), Value::from(f.10)),
            (
                col("category", "问题类别", "category"),
                Value::from(format!("{} {}", f.1, reference::label(&CATEGORIES, &f.1))),
            ),
            (col("description", "问题描述", "description"), Value::from(f.2)),
            (col("severity", "程度", "severity"), Value::from(reference::label(&SEVERITIES, &f.3))),
            (col("route", "办理方式", "route"), Value::from(reference::label(&ROUTES, &f.4))),
            (col("division", "主办处室", "division"), Value::from(f.5)),
            (col("refer_to", "转办对象", "referred to"), Value::from(f.6)),
            (col("due", "办理时限", "due"), Value::from(f.7)),
            (col("on_site", "现场解决", "on site"), Value::Bool(f.8)),
            (
                col("status", "状态", "status"),
                Value::from(format!("{} {}", f.9, reference::label(&STATUSES, &f.9))),
            ),
            (col("overdue", "逾期", "overdue"), Value::Bool(overdue)),
        ],
    )?;
    if matches!(ctx.out.format, crate::io::output::Format::Table | crate::io::output::Format::Md) {
        let mut stmt = conn.prepare(
            "SELECT date, coalesce(from_status, ''), to_status, coalesce(satisfaction, ''), who, note FROM finding_events
             WHERE finding_id = ?1 ORDER BY seq, id",
        )?;
        let rows = stmt
            .query_map([&id], |r| {
                (0..6).map(|i| Ok(Value::Text(r.get(i)?))).collect::<rusqlite::Result<Vec<_>>>()
            })?
            .collect::<Result<Vec<_>, _>>()?;
        write_rows(
            &ctx.out,
            "办理记录",
            vec![
                col("date", "日期", "date"),
                col("from", "原状态", "from"),
                col("to", "新状态", "to"),
                col("satisfaction", "满意度", "satisfaction"),
                col("who", "经办人", "who"),
                col("note", "说明", "note"),
            ],
            &rows,
        )?;
        super::attach::show_for_finding(ctx, conn, &id)?;
    }
    Ok(())
}
