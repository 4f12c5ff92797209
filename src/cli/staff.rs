//! `zoufang staff add|list|show|import`: the bureau's cadres (干部).

use std::path::PathBuf;

use anyhow::Result;

use super::export::{self, Filter};
use super::Ctx;
use crate::domain::reference::{self, parse_yes_no};
use crate::domain::registry::{self, StaffInput, LG_ROLES};
use crate::error::reject;
use crate::import;
use crate::io::csv_in::{self, Encoding, Field};
use crate::io::output::{col, write_record, Value};
use crate::store::ids;
use crate::store::registry::{
    area_index, insert_staff, resolve_staff, staff_named, update_staff, upsert_staff, Outcome, StaffRef,
};
use crate::{msg, t};

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// Add a staff member (a name already recorded adds another person of that name, unless --same)
    #[command(
        after_help = "Two people may share a name: refer to them as 李明@生态处 (name@division) or by id.\n\nExample:\n  zoufang staff add 王建国 --title 副局长 --division 生态科 --leader --role deputy\n  zoufang staff add 李明 --division 污染防治处              # a second 李明\n  zoufang staff add 李明 --division 生态处 --title 科长 --same  # the 李明 already recorded, updated"
    )]
    Add {
        name: String,
        /// This is the person already recorded under this name: update them instead of adding another
        #[arg(long, conflicts_with_all = ["same_as", "another"])]
        same: bool,
        /// Update this person (id, name@division or unique name) with the name and fields given
        #[arg(long, value_name = "STAFF", conflicts_with = "another")]
        same_as: Option<String>,
        /// Add another person even though one of the same name, bureau and division is recorded
        #[arg(long)]
        another: bool,
        /// The bureau they belong to (default: this database's bureau)
        #[arg(long, default_value = "")]
        org: String,
        #[arg(long, default_value = "")]
        title: String,
        #[arg(long, default_value = "")]
        division: String,
        /// A leader (领导): may lead a visit group
        #[arg(long)]
        leader: bool,
        /// Role in the leading group: head 组长, deputy 副组长, member 成员
        #[arg(long, default_value = "")]
        role: String,
        #[arg(long, default_value = "")]
        phone: String,
    },
    /// List staff
    #[command(after_help = "Example:\n  zoufang staff list --format csv")]
    List,
    /// Show a staff member (by id prefix or unique name)
    #[command(after_help = "Example:\n  zoufang staff show 王建国")]
    Show { staff: String },
    /// Import staff from CSV: name 姓名, org 单位, title 职务, division 处室, leader 是否领导
    #[command(after_help = "Example:\n  zoufang staff import 干部名单.csv")]
    Import {
        file: PathBuf,
        #[arg(long)]
        skip_bad: bool,
        #[arg(long, value_enum)]
        encoding: Option<Encoding>,
    },
}

const LAYOUT: &[Field] = &[
    Field { key: "name", aliases: &["姓名"], required: true },
    Field { key: "org", aliases: &["单位"], required: false },
    Field { key: "title", aliases: &["职务"], required: false },
    Field { key: "division", aliases: &["处室", "科室"], required: false },
    Field { key: "leader", aliases: &["是否领导", "领导"], required: false },
    Field { key: "role", aliases: &["领导小组职务", "领导小组"], required: false },
    Field { key: "phone", aliases: &["联系电话", "电话"], required: false },
];

pub fn run(cmd: Cmd, ctx: &Ctx) -> Result<()> {
    match cmd {
        Cmd::Add { name, same, same_as, another, org, title, division, leader, role, phone } => {
            let mut store = ctx.open()?;
            let idx = area_index(store.conn())?;
            let s = registry::staff(
                &idx,
                &store.campaign.org,
                &StaffInput {
                    name: &name,
                    org: &org,
                    title: &title,
                    division: &division,
                    leader,
                    lg_role: &role,
                    phone: &phone,
                },
            )?;
            // Who is meant: a person named explicitly, the one person of this name, or nobody yet.
            let target = match (&same_as, same) {
                (Some(r), _) => Some(resolve_staff(store.conn(), r)?),
                (None, true) => Some(resolve_staff(store.conn(), &s.name).map_err(|e| {
                    match e.downcast::<crate::error::Rejected>() {
                        Ok(r) => r.hint(msg!("staff-same-which-hint", name = s.name.as_str())).into(),
                        Err(e) => e,
                    }
                })?),
                (None, false) => None,
            };
            let namesakes = staff_named(store.conn(), &s.name)?;
            if target.is_none() && !another {
                let twins: Vec<&StaffRef> =
                    namesakes.iter().filter(|r| r.org == s.org && r.division == s.division).collect();
                if let Some(t) = twins.first() {
                    return Err(reject(msg!(
                        "staff-already-recorded",
                        who = t.qualified(),
                        org = t.org.as_str(),
                        id = ids::short(&t.id)
                    ))
                    .hint(msg!("staff-already-recorded-hint"))
                    .into());
                }
            }
            let (id, outcome) = store.write(&ctx.actor, |w| match &target {
                Some(id) => Ok((id.clone(), update_staff(w, id, &s)?)),
                None => Ok((insert_staff(w, &s)?, Outcome::Added)),
            })?;
            let key = match outcome {
                Outcome::Added => "staff-added",
                Outcome::Updated => "staff-updated",
                Outcome::Unchanged => "staff-unchanged",
            };
            let me = StaffRef {
                id: id.clone(),
                name: s.name.clone(),
                org: s.org.clone(),
                division: s.division.clone(),
                title: s.title.clone(),
            };
            let said = crate::i18n::Msg::new(key).arg("id", ids::short(&id)).arg("who", me.qualified());
            crate::note!("{said}");
            let others: Vec<String> = namesakes
                .iter()
                .filter(|r| r.id != id)
                .map(|r| format!("{} ({})", r.qualified(), ids::short(&r.id)))
                .collect();
            if outcome == Outcome::Added && !others.is_empty() {
                crate::note!("{}", t!("staff-namesakes", who = me.qualified(), others = others.join(", ")));
            }
            Ok(())
        }
        Cmd::List => export::staff(ctx, &Filter::default()),
        Cmd::Show { staff } => {
            let store = ctx.open()?;
            let id = resolve_staff(store.conn(), &staff)?;
            let (name, org, title, division, leader, role, phone): (
                String,
                String,
                String,
                String,
                bool,
                Option<String>,
                String,
            ) = store.conn().query_row(
                "SELECT name, org, title, division, leader, lg_role, phone FROM staff WHERE id = ?1",
                [&id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
            )?;
            let groups: Vec<String> = store
                .conn()
                .prepare("SELECT group_code || CASE role WHEN 'leader' THEN ?2 ELSE '' END FROM group_members WHERE staff_id = ?1 ORDER BY group_code")?
                .query_map([&id, &crate::t!("staff-leader-mark")], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            write_record(
                &ctx.out,
                "",
                vec![
                    (col("id", "编号", "id"), Value::from(id.as_str())),
                    (col("name", "姓名", "name"), Value::from(name)),
                    (col("org", "单位", "org"), Value::from(org)),
                    (col("title", "职务", "title"), Value::from(title)),
                    (col("division", "处室", "division"), Value::from(division)),
                    (col("leader", "领导", "leader"), Value::Bool(leader)),
                    (
                        col("role", "领导小组职务", "leading-group role"),
                        Value::from(role.map(|r| {
                            crate::i18n::lookup(&format!("lg-role-{r}"))
                                .unwrap_or_else(|| reference::label(&LG_ROLES, &r).to_string())
                        })),
                    ),
                    (col("phone", "联系电话", "phone"), Value::from(phone)),
                    (col("groups", "所在走访组", "groups"), Value::from(groups.join(", "))),
                ],
            )
        }
        Cmd::Import { file, skip_bad, encoding } => {
            let mut store = ctx.open()?;
            let table = csv_in::read(&file, encoding, LAYOUT)?;
            let idx = area_index(store.conn())?;
            let bureau = store.campaign.org.clone();
            // A row is matched by name, bureau and division; two people recorded with all three
            // the same cannot be told apart by a list.
            let mut recorded: std::collections::HashMap<(String, String, String), usize> = Default::default();
            {
                let mut stmt = store.conn().prepare("SELECT name, org, division FROM staff")?;
                let mut rows = stmt.query([])?;
                while let Some(r) = rows.next()? {
                    *recorded.entry((r.get(0)?, r.get(1)?, r.get(2)?)).or_default() += 1;
                }
            }
            let summary = import::run(
                &mut store,
                &ctx.actor,
                "staff",
                &table,
                skip_bad,
                |row| {
                    let leader = parse_yes_no(row.get("leader"))?;
                    let s = registry::staff(
                        &idx,
                        &bureau,
                        &StaffInput {
                            name: row.get("name"),
                            org: row.get("org"),
                            title: row.get("title"),
                            division: row.get("division"),
                            leader,
                            lg_role: row.get("role"),
                            phone: row.get("phone"),
                        },
                    )?;
                    let n = recorded
                        .get(&(s.name.clone(), s.org.clone(), s.division.clone()))
                        .copied()
                        .unwrap_or(0);
                    if n > 1 {
                        let who = format!("{}@{}", s.name, s.division);
                        return Err(reject(msg!(
                            "staff-import-twins",
                            n = n,
                            who = who,
                            org = s.org.as_str()
                        )));
                    }
                    Ok((format!("{}@{}@{}", s.name, s.org, s.division), s))
                },
                |w, s| Ok(upsert_staff(w, s)?.1),
            )?;
            crate::note!("{}: {summary}", file.display());
            Ok(())
        }
    }
}
