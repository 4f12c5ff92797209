//! `zoufang group create|add-member|remove-member|plan-target|list|show`.

use anyhow::Result;
use rusqlite::params;

use super::target::TargetArgs;
use super::Ctx;
use crate::domain::{dates, group, visit};
use crate::error::reject;
use crate::io::output::{col, write_record, write_rows, Value};
use crate::store::query;
use crate::store::registry::{area_index, resolve_staff};
use crate::store::{groups, Store};
use crate::{msg, t};

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// Form a visit group (at most 5 people including its leader)
    #[command(
        after_help = "Example:\n  zoufang group create G1 --leader 王局 --member 李明 --member 张华 --county 330523 --from 2012-03-05 --to 2012-03-09"
    )]
    Create(CreateArgs),
    /// Add a member to a group
    #[command(after_help = "Example:\n  zoufang group add-member G1 赵强")]
    AddMember { group: String, staff: String },
    /// Remove a member from a group (not its leader)
    #[command(after_help = "Example:\n  zoufang group remove-member G1 赵强")]
    RemoveMember { group: String, staff: String },
    /// Make one person the group's only leader (the other leaders stay as members), e.g. after
    /// a merge of two databases that each formed the group with its own leader
    #[command(
        name = "set-leader",
        after_help = "Example:\n  zoufang group set-leader G6 陈局 --reason \"两台笔记本各自建了G6，以局里安排为准\""
    )]
    SetLeader {
        group: String,
        staff: String,
        /// Why, for the audit log
        #[arg(long)]
        reason: String,
    },
    /// Plan a target for a group
    #[command(
        after_help = "Example:\n  zoufang group plan-target G1 --village 330523001203\n  zoufang group plan-target G1 --enterprise 91330523MA2B12345X"
    )]
    PlanTarget {
        group: String,
        #[command(flatten)]
        target: TargetArgs,
        /// Plan it although another group has it or it was visited, for this reason
        #[arg(long)]
        revisit: Option<String>,
    },
    /// List the groups with their progress against quotas
    #[command(after_help = "Example:\n  zoufang group list --format csv")]
    List,
    /// Show a group: members, counties, planned and visited targets against the quotas
    #[command(after_help = "Example:\n  zoufang group show G1")]
    Show { group: String },
}

#[derive(clap::Args, Debug)]
pub struct CreateArgs {
    pub code: Option<String>,
    #[arg(long)]
    pub leader: Option<String>,
    #[arg(long)]
    pub member: Vec<String>,
    /// Linked counties (repeatable)
    #[arg(long)]
    pub county: Vec<String>,
    #[arg(long)]
    pub from: Option<String>,
    #[arg(long)]
    pub to: Option<String>,
    #[arg(long, default_value = "")]
    pub name: String,
    #[arg(long)]
    pub quota_counties: Option<i64>,
    #[arg(long)]
    pub quota_villages: Option<i64>,
    #[arg(long)]
    pub quota_enterprises: Option<i64>,
}

pub fn run(cmd: Cmd, ctx: &Ctx) -> Result<()> {
    match cmd {
        Cmd::Create(a) => create(ctx, a),
        Cmd::AddMember { group, staff } => add_member(ctx, &group, &staff),
        Cmd::RemoveMember { group, staff } => remove_member(ctx, &group, &staff),
        Cmd::SetLeader { group, staff, reason } => set_leader(ctx, &group, &staff, &reason),
        Cmd::PlanTarget { group, target, revisit } => plan(ctx, &group, &target, revisit.as_deref()),
        Cmd::List => export(ctx),
        Cmd::Show { group } => show(ctx, &group),
    }
}

fn staff_leader(store: &Store, id: &str) -> Result<(String, bool)> {
    Ok(store
        .conn()
        .query_row("SELECT name, leader FROM staff WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

fn create(ctx: &Ctx, mut a: CreateArgs) -> Result<()> {
    let mut store = ctx.open()?;
    if ctx.interactive {
        super::ask::group::fill(store.conn(), &store.campaign, &mut a)?;
    }
    use super::ask::given;
    let (code, leader, from, to) = (
        given(&a.code, "CODE")?,
        given(&a.leader, "--leader")?,
        given(&a.from, "--from")?,
        given(&a.to, "--to")?,
    );
    let code = group::check_code(&code)?;
    if store
        .conn()
        .query_row("SELECT count(*) FROM groups WHERE code = ?1", [&code], |r| r.get::<_, i64>(0))?
        > 0
    {
        return Err(reject(msg!("group-exists", code = code.as_str()))
            .hint(msg!("group-exists-hint"))
            .into());
    }
    let year = store.campaign.year;
    let from = dates::in_year(&from, year, "the trip start")?;
    let to = dates::in_year(&to, year, "the trip end")?;
    group::check_trip(from, to)?;
    let leader = resolve_staff(store.conn(), &leader)?;
    let (leader_name, is_leader) = staff_leader(&store, &leader)?;
    group::check_leader(&code, &leader_name, is_leader)?;
    let mut members = Vec::new();
    for m in &a.member {
        let id = resolve_staff(store.conn(), m)?;
        if id != leader && !members.contains(&id) {
            members.push(id);
        }
    }
    group::check_size(&code, members.len() + 1)?;
    let mut counties = Vec::new();
    for c in &a.county {
        let c = crate::store::targets::county(store.conn(), &store.campaign, "--county", c)?;
        if !counties.contains(&c) {
            counties.push(c);
        }
    }
    // Formed today, and at the latest when its trip starts (a clerk may enter it afterwards).
    let formed_on = ctx.today.min(from).max(dates::deadline(year, "01-01")).to_string();
    let q = group::default_quotas(store.campaign.level);
    for (flag, v) in [
        ("--quota-counties", a.quota_counties),
        ("--quota-villages", a.quota_villages),
        ("--quota-enterprises", a.quota_enterprises),
    ] {
        if let Some(n) = v {
            crate::domain::fields::check_quota(flag, n)?;
        }
    }
    let org = store.campaign.org.clone();
    store.write(&ctx.actor, |w| {
        w.tx.execute(
            "INSERT INTO groups(code, org, name, date_from, date_to, quota_counties, quota_villages, quota_enterprises, formed_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                code,
                org,
                a.name.trim(),
                from.to_string(),
                to.to_string(),
                a.quota_counties.unwrap_or(q.counties),
                a.quota_villages.unwrap_or(q.villages),
                a.quota_enterprises.unwrap_or(q.enterprises),
                formed_on
            ],
        )?;
        w.tx.execute("INSERT INTO group_members(group_code, staff_id, role) VALUES (?1, ?2, 'leader')", (&code, &leader))?;
        for m in &members {
            w.tx.execute("INSERT INTO group_members(group_code, staff_id, role) VALUES (?1, ?2, 'member')", (&code, m))?;
        }
        for c in &counties {
            w.tx.execute("INSERT INTO group_counties(group_code, county) VALUES (?1, ?2)", (&code, c))?;
        }
        w.touch("group", &code);
        Ok(())
    })?;
    crate::note!(
        "{}",
        t!(
            "group-created",
            code = code.as_str(),
            leader = leader_name.as_str(),
            n = members.len(),
            from = from,
            to = to
        )
    );
    Ok(())
}

fn add_member(ctx: &Ctx, g: &str, s: &str) -> Result<()> {
    let mut store = ctx.open()?;
    let g = groups::get(store.conn(), g)?;
    let id = resolve_staff(store.conn(), s)?;
    // The rules are checked inside the write transaction: two clerks adding members at once take
    // turns, and the second sees the first's member.
    let members = store.write(&ctx.actor, |w| {
        let members = groups::members(&w.tx, &g.code)?;
        if members.iter().any(|(m, _, _)| *m == id) {
            return Err(reject(msg!("group-already-member", who = s, group = g.code.as_str())).into());
        }
        group::check_size(&g.code, members.len() + 1)?;
        w.tx.execute(
            "INSERT INTO group_members(group_code, staff_id, role) VALUES (?1, ?2, 'member')",
            (&g.code, &id),
        )?;
        w.touch("group", &g.code);
        Ok(members)
    })?;
    crate::note!("{}", t!("group-joined", who = s, group = g.code.as_str(), n = members.len() + 1));
    Ok(())
}

fn remove_member(ctx: &Ctx, g: &str, s: &str) -> Result<()> {
    let mut store = ctx.open()?;
    let g = groups::get(store.conn(), g)?;
    let id = resolve_staff(store.conn(), s)?;
    let members = groups::members(store.conn(), &g.code)?;
    match members.iter().find(|(m, _, _)| *m == id) {
        None => return Err(reject(msg!("group-not-member", who = s, group = g.code.as_str())).into()),
        Some((_, _, role)) if role == "leader" => {
            return Err(reject(msg!("group-keeps-leader", who = s, group = g.code.as_str())).into())
        }
        Some(_) => {}
    }
    let visited: i64 = store.conn().query_row(
        "SELECT count(*) FROM visit_participants p JOIN visits v ON v.id = p.visit_id WHERE v.group_code = ?1 AND p.staff_id = ?2",
        (&g.code, &id),
        |r| r.get(0),
    )?;
    if visited > 0 {
        return Err(
            reject(msg!("group-member-visited", who = s, n = visited, group = g.code.as_str())).into()
        );
    }
    store.write(&ctx.actor, |w| {
        w.tx.execute("DELETE FROM group_members WHERE group_code = ?1 AND staff_id = ?2", (&g.code, &id))?;
        w.touch("group", &g.code);
        Ok(())
    })?;
    crate::note!("{}", t!("group-left", who = s, group = g.code.as_str()));
    Ok(())
}

fn set_leader(ctx: &Ctx, g: &str, s: &str, reason: &str) -> Result<()> {
    if reason.trim().is_empty() {
        return Err(reject(msg!("group-leader-needs-reason")).into());
    }
    let mut store = ctx.open()?;
    let g = groups::get(store.conn(), g)?;
    let id = resolve_staff(store.conn(), s)?;
    let (name, is_leader) = staff_leader(&store, &id)?;
    group::check_leader(&g.code, &name, is_leader)?;
    let demoted = store.write(&ctx.actor, |w| {
        let members = groups::members(&w.tx, &g.code)?;
        if !members.iter().any(|(m, _, _)| *m == id) {
            group::check_size(&g.code, members.len() + 1)?;
            w.tx.execute(
                "INSERT INTO group_members(group_code, staff_id, role) VALUES (?1, ?2, 'leader')",
                (&g.code, &id),
            )?;
        }
        let demoted = w.tx.execute(
            "UPDATE group_members SET role = 'member' WHERE group_code = ?1 AND staff_id <> ?2 AND role = 'leader'",
            (&g.code, &id),
        )?;
        w.tx.execute("UPDATE group_members SET role = 'leader' WHERE group_code = ?1 AND staff_id = ?2", (&g.code, &id))?;
        w.touch("group", &g.code);
        w.touch("reason", reason.trim());
        Ok(demoted)
    })?;
    let said = if demoted > 0 {
        t!("group-leads-demoted", name = name.as_str(), group = g.code.as_str(), n = demoted)
    } else {
        t!("group-leads", name = name.as_str(), group = g.code.as_str())
    };
    crate::note!("{said}");
    Ok(())
}

fn plan(ctx: &Ctx, g: &str, t: &TargetArgs, revisit: Option<&str>) -> Result<()> {
    let mut store = ctx.open()?;
    let g = groups::get(store.conn(), g)?;
    let Some(target) = t.resolve(store.conn(), &store.campaign)? else {
        return Err(reject(msg!("group-plan-needs-target")).into());
    };
    if target.kind == "reception" {
        return Err(reject(msg!("group-plan-reception")).into());
    }
    store.write(&ctx.actor, |w| {
        // Checked inside the write transaction, so that two plans at once cannot both pass.
        let earlier = groups::earlier(&w.tx, target.kind, &target.code)?;
        if earlier.iter().any(|e| matches!(e, visit::Earlier::Plan { group } if *group == g.code)) {
            return Err(reject(msg!(
                "group-already-planned",
                target = target.describe(),
                group = g.code.as_str()
            ))
            .into());
        }
        visit::check_duplicate(&target.describe(), &g.code, &earlier, revisit)?;
        w.tx.execute(
            "INSERT INTO plans(group_code, target_kind, target_code, revisit_reason) VALUES (?1, ?2, ?3, ?4)",
            (&g.code, target.kind, &target.code, revisit),
        )?;
        w.touch("plan", &format!("{}:{}:{}", g.code, target.kind, target.code));
        Ok(())
    })?;
    crate::note!("{}", t!("group-planned", target = target.describe(), group = g.code.as_str()));
    Ok(())
}

/// The groups with their progress: `group list` and `export groups`.
pub fn export(ctx: &Ctx) -> Result<()> {
    let store = ctx.open()?;
    let rows = query::rows(store.conn(), groups::PROGRESS_SQL, [None::<String>])?;
    write_rows(
        &ctx.out,
        "",
        vec![
            col("group", "走访组", "group"),
            col("name", "名称", "name"),
            col("from", "开始", "from"),
            col("to", "结束", "to"),
            col("leader", "组长", "leader"),
            col("people", "人数", "people"),
            col("visits", "走访次数", "visits"),
            col("counties", "已到县", "counties"),
            col("quota_counties", "县配额", "county quota"),
            col("villages", "已访村", "villages"),
            col("quota_villages", "村配额", "village quota"),
            col("enterprises", "已访企业", "enterprises"),
            col("quota_enterprises", "企业配额", "enterprise quota"),
            col("planned", "计划目标", "planned"),
        ],
        &rows,
    )
}

fn show(ctx: &Ctx, code: &str) -> Result<()> {
    let store = ctx.open()?;
    let conn = store.conn();
    let g = groups::get(conn, code)?;
    let members = groups::members(conn, &g.code)?;
    let idx = area_index(conn)?;
    let counties: Vec<String> =
        groups::counties(conn, &g.code)?.iter().map(|c| format!("{c} {}", idx.name(c))).collect();
    let count = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [&g.code], |r| r.get(0))?) };
    let visited_counties = count("SELECT count(DISTINCT county) FROM live_visits WHERE group_code = ?1")?;
    let villages = count(
        "SELECT count(DISTINCT target_code) FROM live_visits WHERE group_code = ?1 AND target_kind = 'village'",
    )?;
    let enterprises = count(
        "SELECT count(DISTINCT target_code) FROM live_visits WHERE group_code = ?1 AND target_kind = 'enterprise'",
    )?;
    let visits = count("SELECT count(*) FROM live_visits WHERE group_code = ?1")?;
    let due = dates::parse(&g.date_to).map(group::research_due)?;
    let planned: Vec<String> = conn
        .prepare(
            "SELECT p.target_kind, p.target_code,
                    EXISTS (SELECT 1 FROM live_visits v WHERE v.target_kind = p.target_kind AND v.target_code = p.target_code AND v.group_code = p.group_code)
             FROM plans p WHERE p.group_code = ?1 ORDER BY p.target_kind, p.target_code",
        )?
        .query_map([&g.code], |r| {
            let done: bool = r.get(2)?;
            Ok(format!("{} {}{}", r.get::<_, String>(0)?, r.get::<_, String>(1)?, if done { " ✓" } else { "" }))
        })?
        .collect::<Result<_, _>>()?;
    let people: Vec<String> = members
        .iter()
        .map(|(_, n, role)| if role == "leader" { format!("{n}(组长)") } else { n.clone() })
        .collect();
    write_record(
        &ctx.out,
        &format!("走访组 {}", g.code),
        vec![
            (col("group", "走访组", "group"), Value::from(g.code.as_str())),
            (col("name", "名称", "name"), Value::from(g.name.as_str())),
            (col("trip", "走访时间", "trip"), Value::from(format!("{} ~ {}", g.date_from, g.date_to))),
            (col("members", "成员", "members"), Value::from(people.join("、"))),
            (col("people", "人数", "people"), Value::Int(members.len() as i64)),
            (col("counties", "联系县", "linked counties"), Value::from(counties.join("、"))),
            (col("visits", "走访次数", "visits"), Value::Int(visits)),
            (
                col("counties_visited", "已到县/配额", "counties visited / quota"),
                Value::from(format!("{visited_counties}/{}", g.quota_counties)),
            ),
            (
                col("villages_visited", "已访村/配额", "villages visited / quota"),
                Value::from(format!("{villages}/{}", g.quota_villages)),
            ),
            (
                col("enterprises_visited", "已访企业/配额", "enterprises visited / quota"),
                Value::from(format!("{enterprises}/{}", g.quota_enterprises)),
            ),
            (
                col("planned", "计划目标(✓已访)", "planned targets (✓ visited)"),
                Value::from(planned.join("\n")),
            ),
            (col("research_due", "调研报告截止", "research report due"), Value::from(due.to_string())),
        ],
    )
}
