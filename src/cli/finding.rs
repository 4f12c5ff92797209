//! `zoufang finding add|update|follow-up|list|show` (and `edit`, in finding_edit.rs): the problem ledger (问题台账).

use anyhow::Result;
use rusqlite::params;

use super::export::{coded, text, Filter};
use super::Ctx;
use crate::domain::dates;
use crate::domain::reference::WORK_ITEMS;
use crate::domain::sets::{Category, FindingStatus, Route, Satisfaction, Severity};
use crate::error::reject;
use crate::io::output::{col, write_record, write_rows, Value};
use crate::io::table::finding_tone;
use crate::msg;
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
        #[arg(long, value_enum)]
        status: FindingStatus,
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
        #[arg(long, value_enum)]
        satisfaction: Satisfaction,
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
    /// Correct a finding recorded wrongly (description, category, deadline, division), with the reason
    #[command(
        after_help = "Example:\n  zoufang finding edit 7c1e --reason 类别选错 --category air --due 2012-05-15"
    )]
    Edit(super::finding_edit::Args),
}

#[derive(clap::Args, Debug)]
pub struct AddArgs {
    #[arg(long)]
    pub visit: Option<String>,
    /// Category (or its Chinese label); default petition on a reception
    #[arg(long, value_enum)]
    pub category: Option<Category>,
    #[arg(long)]
    pub desc: Option<String>,
    /// How it is handled
    #[arg(long, value_enum)]
    pub route: Option<Route>,
    /// Handling division (主办处室); default: the lead division of the visit's work item
    #[arg(long)]
    pub assign: Option<String>,
    /// Who a referred finding goes to (route other)
    #[arg(long)]
    pub refer_to: Option<String>,
    /// Deadline (办理时限); default 30 days after the finding; required for hazards
    #[arg(long)]
    pub due: Option<String>,
    #[arg(long, value_enum, default_value = "medium")]
    pub severity: Severity,
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
    #[arg(long, value_enum)]
    pub status: Option<FindingStatus>,
    #[arg(long, value_enum)]
    pub route: Option<Route>,
    #[arg(long)]
    pub division: Option<String>,
    #[arg(long, value_enum)]
    pub category: Option<Category>,
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
            let to = status.code();
            let date = change_date(ctx, store.campaign.year, date.as_deref())?;
            let note = required_note(&note)?;
            store.write(&ctx.actor, |w| findings::update(w, &id, to, &date, &note, &ctx.actor.user))?;
            crate::note!("{}", crate::t!("finding-now", id = ids::short(&id), status = status.label()));
            Ok(())
        }
        Cmd::FollowUp { id, satisfaction, note, date } => {
            let mut store = ctx.open()?;
            let id = ids::resolve(store.conn(), "findings", "finding", &id)?;
            let s = satisfaction.code();
            let date = change_date(ctx, store.campaign.year, date.as_deref())?;
            let note = required_note(&note)?;
            let to =
                store.write(&ctx.actor, |w| findings::follow_up(w, &id, s, &date, &note, &ctx.actor.user))?;
            let to = FindingStatus::from_code(to);
            let what =
                if to == FindingStatus::Closed { "finding-closed-now" } else { "finding-reopened-now" };
            let line = crate::i18n::render(
                crate::i18n::lang(),
                what,
                &[
                    ("id", crate::i18n::Arg::Str(ids::short(&id).to_string())),
                    ("status", crate::i18n::Arg::Str(to.label())),
                ],
            );
            crate::note!("{line}");
            Ok(())
        }
        Cmd::List(a) => list(ctx, a),
        Cmd::Show { id } => show(ctx, &id),
        Cmd::Edit(a) => super::finding_edit::run(a, ctx),
    }
}

/// The date of a change: given, or today — in the campaign year either way.
fn change_date(ctx: &Ctx, year: i32, raw: Option<&str>) -> Result<String> {
    let today = ctx.today.to_string();
    Ok(dates::in_year(raw.unwrap_or(&today), year, "the date of the change")
        .map_err(|e| if raw.is_none() { e.hint(msg!("finding-date-hint")) } else { e })?
        .to_string())
}

/// Every change keeps a note (SPEC §2).
fn required_note(raw: &str) -> Result<String> {
    let n = raw.trim();
    if n.is_empty() {
        return Err(reject(msg!("finding-needs-note")).into());
    }
    Ok(n.to_string())
}

fn add(ctx: &Ctx, mut a: AddArgs) -> Result<()> {
    let mut store = ctx.open()?;
    let conn = store.conn();
    let year = store.campaign.year;
    if ctx.interactive {
        super::ask::finding::fill(conn, &store.campaign, &mut a)?;
    }
    use super::ask::given;
    let (visit, route, desc) =
        (given(&a.visit, "--visit")?, given(&a.route, "--route")?, given(&a.desc, "--desc")?);
    let visit_id = ids::resolve(conn, "visits", "visit", &visit)?;
    let Some((visit_date, item, target_kind)) = findings::visit_facts(conn, &visit_id)? else {
        return Err(reject(msg!("finding-no-visit", visit = visit.as_str())).into());
    };
    crate::store::corrections::refuse_voided(conn, &visit_id)?;
    let category = match &a.category {
        Some(c) => c.code(),
        None if target_kind == "reception" => "petition",
        None => {
            return Err(reject(msg!("finding-no-category")).hint(msg!("finding-no-category-hint")).into())
        }
    };
    let route = route.code();
    let severity = a.severity.code();
    let refer_to = a.refer_to.clone().unwrap_or_default().trim().to_string();
    if route == "other" && refer_to.is_empty() {
        return Err(reject(msg!("finding-refer-to-needed")).into());
    }
    if route == "env" && !refer_to.is_empty() {
        return Err(reject(msg!("finding-refer-to-not-for-env")).into());
    }
    if a.on_site && route == "other" {
        return Err(reject(msg!("finding-on-site-is-env")).into());
    }
    crate::domain::fields::check_description(&desc)?;
    let date = match &a.date {
        Some(d) => dates::in_year(d, year, "the finding date")?.to_string(),
        None => visit_date.clone(),
    };
    crate::domain::fields::check_found_after_visit(&date, &visit_date)?;
    let due = match &a.due {
        Some(d) => Some(crate::domain::fields::check_due(d, &date, year)?),
        None if a.on_site || item == 5 => {
            crate::domain::fields::check_hazard_due(item, a.on_site, None)?;
            None
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
        description: desc.trim().to_string(),
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
        "{}",
        crate::t!(
            "finding-logged",
            id = ids::short(&id),
            category = Category::from_code(&f.category).label(),
            status = FindingStatus::from_code(crate::domain::finding::initial(&f.route, f.on_site)).label()
        )
    );
    Ok(())
}

fn list(ctx: &Ctx, a: ListArgs) -> Result<()> {
    let mut f = Filter::parse(ctx, a.county.as_deref(), None, None)?;
    f.status = a.status.map(|s| s.to_string());
    f.category = a.category.map(|c| c.to_string());
    f.route = a.route.map(|r| r.to_string());
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
         FROM live_findings f JOIN visits v ON v.id = f.visit_id
         WHERE (?1 IS NULL OR f.created_on >= ?1) AND (?2 IS NULL OR f.created_on <= ?2)
           AND (?3 IS NULL OR v.county LIKE ?3 || '%') AND (?4 IS NULL OR f.status = ?4)
           AND (?5 IS NULL OR f.category = ?5) AND (?6 IS NULL OR f.route = ?6) AND (?7 IS NULL OR f.division = ?7)
           AND (NOT ?10 OR is_overdue(f.status, f.due, ?8))
         ORDER BY f.created_on, f.id",
        params![f.since, f.until, f.county, f.status, f.category, f.route, f.division, today, short, f.overdue],
        |r| {
            let mut v: Vec<Value> = (0..12).map(|i| text(r, i)).collect::<rusqlite::Result<_>>()?;
            // Closed sets: codes for scripts, labels for people.
            v[4] = coded::<Category>(&v[4]);
            v[6] = coded::<Severity>(&v[6]);
            v[7] = coded::<Route>(&v[7]);
            v[11] = coded::<FindingStatus>(&v[11]);
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
        &crate::t!("finding-title"),
        vec![
            (col("id", "编号", "id"), Value::from(id.as_str())),
            (col("visit", "走访记录", "visit"), Value::from(f.0)),
            (col("date", "登记日期", "date"), Value::from(f.10)),
            (col("category", "问题类别", "category"), Value::coded::<Category>(f.1)),
            (col("description", "问题描述", "description"), Value::from(f.2)),
            (col("severity", "程度", "severity"), Value::coded::<Severity>(f.3)),
            (col("route", "办理方式", "route"), Value::coded::<Route>(f.4)),
            (col("division", "主办处室", "division"), Value::from(f.5)),
            (col("refer_to", "转办对象", "referred to"), Value::from(f.6)),
            (col("due", "办理时限", "due"), Value::from(f.7)),
            (col("on_site", "现场解决", "on site"), Value::Bool(f.8)),
            (col("status", "状态", "status"), Value::coded::<FindingStatus>(f.9.as_str())),
            (col("overdue", "逾期", "overdue"), Value::Bool(overdue)),
            (
                col("corrections", "更正记录", "corrections"),
                Value::from(crate::store::corrections::history_text(conn, &id)?),
            ),
        ],
    )?;
    if matches!(ctx.out.format, crate::io::output::Format::Table | crate::io::output::Format::Md) {
        let mut stmt = conn.prepare(
            "SELECT date, coalesce(from_status, ''), to_status, coalesce(satisfaction, ''), who, note FROM finding_events
             WHERE finding_id = ?1 ORDER BY seq, id",
        )?;
        let rows = stmt
            .query_map([&id], |r| {
                let mut v =
                    (0..6).map(|i| Ok(Value::Text(r.get(i)?))).collect::<rusqlite::Result<Vec<_>>>()?;
                v[1] = coded::<FindingStatus>(&v[1]);
                v[2] = coded::<FindingStatus>(&v[2]);
                v[3] = coded::<Satisfaction>(&v[3]);
                Ok(v)
            })?
            .collect::<Result<Vec<_>, _>>()?;
        write_rows(
            &ctx.out,
            &crate::t!("finding-history-title"),
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
