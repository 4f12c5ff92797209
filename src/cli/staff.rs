//! `zoufang staff add|list|show|import`: the bureau's cadres (干部).

use std::path::PathBuf;

use anyhow::Result;

use super::export::{self, Filter};
use super::Ctx;
use crate::domain::reference::{self, parse_yes_no};
use crate::domain::registry::{self, StaffInput, LG_ROLES};
use crate::import;
use crate::io::csv_in::{self, Encoding, Field};
use crate::io::output::{col, write_record, Value};
use crate::store::ids;
use crate::store::registry::{area_index, resolve_staff, upsert_staff, Outcome};

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// Add a staff member
    #[command(
        after_help = "Example:\n  zoufang staff add 王建国 --title 副局长 --division 生态科 --leader --role deputy"
    )]
    Add {
        name: String,
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
        Cmd::Add { name, org, title, division, leader, role, phone } => {
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
            let (id, outcome) = store.write(&ctx.actor, |w| upsert_staff(w, &s))?;
            let (id, name) = (ids::short(&id), &s.name);
            let said = match outcome {
                Outcome::Added => crate::t!("staff-added", id = id, name = name),
                Outcome::Updated => crate::t!("staff-updated", id = id, name = name),
                Outcome::Unchanged => crate::t!("staff-unchanged", id = id, name = name),
            };
            crate::note!("{said}");
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
                    Ok((format!("{}@{}", s.name, s.org), s))
                },
                |w, s| Ok(upsert_staff(w, s)?.1),
            )?;
            crate::note!("{}: {summary}", file.display());
            Ok(())
        }
    }
}
