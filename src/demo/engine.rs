//! The demo's writer: every record goes through the domain's rules (codes, registries, group size
//! and leader, participants, discipline, duplicate visits, form answers, the finding lifecycle)
//! and then into prepared statements of the one demo transaction, with no SQL look-ups per row.

use std::collections::{BTreeMap, HashMap};

use anyhow::{Context, Result};
use chrono::{Datelike, Days, NaiveDate};
use rusqlite::{params, Statement, Transaction};
use serde_json::{Map, Value};

use super::rng::Rng;
use super::words::{self, Industry};
use super::Summary;
use crate::domain::codes::Level;
use crate::domain::form::{self, FormDef};
use crate::domain::group::{self, Quotas};
use crate::domain::reference::{self, WORK_ITEMS};
use crate::domain::registry::{self, AreaIndex, Enterprise, EnterpriseInput, Staff, StaffInput};
use crate::domain::visit::{self, Earlier};
use crate::domain::{finding, research};

/// A staff member as the demo knows them.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub leader: bool,
}

/// A visit group as the demo knows it: members are indexes into the staff list, leader first.
#[derive(Debug, Clone)]
pub struct Group {
    pub code: String,
    pub org: String,
    pub name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub quotas: Quotas,
    pub members: Vec<usize>,
    pub counties: Vec<String>,
}

/// What the demo knows of an enterprise beyond its registry row.
#[derive(Debug, Clone)]
pub struct EntFacts {
    pub tags: String,
    pub industry: &'static Industry,
}

/// A visit target.
#[derive(Debug, Clone)]
pub struct Target {
    pub kind: &'static str,
    pub code: String,
    pub county: String,
    pub name: String,
    /// The township (or county) a referral goes to.
    pub place: String,
    pub ent: Option<EntFacts>,
}

/// How many findings a visit gets: drawn per kind, or spread to hit an exact total.
pub enum FindingBudget {
    PerKind,
    Exact { visits_left: u64, findings_left: u64 },
}

struct Stmts<'t> {
    area: Statement<'t>,
    zone: Statement<'t>,
    enterprise: Statement<'t>,
    staff: Statement<'t>,
    group: Statement<'t>,
    member: Statement<'t>,
    group_county: Statement<'t>,
    plan: Statement<'t>,
    visit: Statement<'t>,
    participant: Statement<'t>,
    violation: Statement<'t>,
    finding: Statement<'t>,
    event: Statement<'t>,
    research: Statement<'t>,
    workplan: Statement<'t>,
    case: Statement<'t>,
    publicity: Statement<'t>,
    submission: Statement<'t>,
}

impl<'t> Stmts<'t> {
    fn new(tx: &'t Transaction) -> Result<Stmts<'t>> {
        Ok(Stmts {
            area: tx.prepare("INSERT INTO areas(code, name, level, parent) VALUES (?1, ?2, ?3, ?4)")?,
            zone: tx.prepare("INSERT INTO zones(code, name, county) VALUES (?1, ?2, ?3)")?,
            enterprise: tx.prepare(
                "INSERT INTO enterprises(uscc, name, county, village, industry, zone, tags, contact, phone)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?,
            staff: tx.prepare(
                "INSERT INTO staff(id, name, org, title, division, leader, lg_role, phone) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?,
            group: tx.prepare(
                "INSERT INTO groups(code, org, name, date_from, date_to, quota_counties, quota_villages, quota_enterprises, formed_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?,
            member: tx.prepare("INSERT INTO group_members(group_code, staff_id, role) VALUES (?1, ?2, ?3)")?,
            group_county: tx.prepare("INSERT INTO group_counties(group_code, county) VALUES (?1, ?2)")?,
            plan: tx.prepare(
                "INSERT INTO plans(group_code, target_kind, target_code, revisit_reason) VALUES (?1, ?2, ?3, NULL)",
            )?,
            visit: tx.prepare(
                "INSERT INTO visits(id, group_code, date, target_kind, target_code, county, item, method, discipline_ok,
                                    revisit_reason, notes, form_kind, form_version, answers, recorded_by, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            )?,
            participant: tx.prepare("INSERT INTO visit_participants(visit_id, staff_id) VALUES (?1, ?2)")?,
            violation: tx.prepare("INSERT INTO visit_violations(visit_id, code, note) VALUES (?1, ?2, ?3)")?,
            finding: tx.prepare(
                "INSERT INTO findings(id, visit_id, category, description, severity, route, division, refer_to, due, on_site, status, created_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?,
            event: tx.prepare(
                "INSERT INTO finding_events(id, finding_id, seq, date, from_status, to_status, satisfaction, note, who, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?,
            research: tx.prepare(
                "INSERT INTO research_reports(id, group_code, submitted_on, title, body, chars) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?,
            workplan: tx.prepare("INSERT INTO workplans(org, item, submitted_on) VALUES (?1, ?2, ?3)")?,
            case: tx.prepare(
                "INSERT INTO cases(id, date, item, county, title, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?,
            publicity: tx.prepare("INSERT INTO publicity(id, date, item, outlet, title) VALUES (?1, ?2, ?3, ?4, ?5)")?,
            submission: tx.prepare(
                "INSERT INTO deliverable_submissions(org, kind, submitted_on) VALUES (?1, ?2, ?3)",
            )?,
        })
    }
}

/// What a group saw, for its research report: figures and one line per visit (the first
/// `NOTE_LINES`).
#[derive(Debug, Default)]
pub struct Notes {
    villages: u32,
    enterprises: u32,
    others: u32,
    forums: u32,
    households: u64,
    questionnaires: u64,
    findings: u32,
    on_site: u32,
    categories: BTreeMap<&'static str, (u32, Vec<&'static str>)>,
    lines: Vec<String>,
}

const NOTE_LINES: usize = 30;

/// A finding as the research report mentions it.
struct Found {
    category: &'static str,
    text: &'static str,
    on_site: bool,
}

/// One step of a finding's history before it is written.
struct Step {
    date: NaiveDate,
    from: Option<&'static str>,
    to: &'static str,
    satisfaction: Option<&'static str>,
    note: String,
}

pub struct Engine<'t> {
    st: Stmts<'t>,
    /// Content draws.
    pub rng: Rng,
    /// Record ids, drawn apart from the content so that one does not shift the other.
    ids: Rng,
    pub org: String,
    pub year: i32,
    pub as_of: NaiveDate,
    pub idx: AreaIndex,
    zones: HashMap<String, String>,
    forms: Vec<(String, i64, FormDef)>,
    /// First visit of each target and the group each target is planned for, for 重复走访.
    visited: HashMap<(&'static str, String), (String, String, String)>,
    planned: HashMap<(&'static str, String), String>,
    pub staff: Vec<Person>,
    pub budget: FindingBudget,
    /// Share of visits with a discipline violation.
    pub violation_rate: f64,
    /// Chance that a finding's handling stops at each step (still pending at the demo date).
    pub stall: f64,
    pub summary: Summary,
    notes: HashMap<String, Notes>,
    seed: u64,
}

impl<'t> Engine<'t> {
    pub fn new(tx: &'t Transaction, org: &str, seed: u64, year: i32, as_of: NaiveDate) -> Result<Engine<'t>> {
        let idx = crate::store::registry::area_index(tx)?;
        let mut forms = Vec::new();
        for kind in form::KINDS {
            let (version, def) = crate::store::forms::current(tx, kind)?;
            forms.push((kind.to_string(), version, def));
        }
        Ok(Engine {
            st: Stmts::new(tx)?,
            rng: Rng::stream(seed, 1),
            ids: Rng::stream(seed, 2),
            org: org.to_string(),
            year,
            as_of,
            idx,
            zones: HashMap::new(),
            forms,
            visited: HashMap::new(),
            planned: HashMap::new(),
            staff: Vec::new(),
            budget: FindingBudget::PerKind,
            violation_rate: 0.02,
            stall: 0.10,
            summary: Summary::default(),
            notes: HashMap::new(),
            seed,
        })
    }

    /// Draw the next part of the demo from its own stream, so that a change in one part (say,
    /// how findings are drawn) leaves the others (work plans, cases…) as they were.
    pub fn part(&mut self, part: u64) {
        self.rng = Rng::stream(self.seed, 100 + part);
    }

    pub fn date(&self, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, month, day).unwrap_or(self.as_of)
    }

    fn year_end(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, 12, 31).unwrap_or(self.as_of)
    }

    // ---- registries ----

    /// A township or village, checked like `area import` checks it.
    pub fn area(&mut self, code: &str, name: &str, level: Level) -> Result<()> {
        let a = registry::area(&self.idx, &self.org, code, name, Some(level))?;
        self.st.area.execute(params![a.code, a.name, a.level as i64, a.parent])?;
        self.idx.areas.insert(a.code, (a.level, a.name));
        match level {
            Level::Township => self.summary.townships += 1,
            _ => self.summary.villages += 1,
        }
        Ok(())
    }

    pub fn zone(&mut self, code: &str, name: &str, county: &str) -> Result<()> {
        let county = registry::county(&self.idx, &self.org, county)?;
        self.st.zone.execute((code, name, &county))?;
        self.zones.insert(code.to_string(), county);
        self.summary.zones += 1;
        Ok(())
    }

    pub fn enterprise(&mut self, i: &EnterpriseInput) -> Result<Enterprise> {
        let zones = &self.zones;
        let e = registry::enterprise(&self.idx, &self.org, &|z: &str| zones.get(z).cloned(), i)?;
        self.st.enterprise.execute(params![
            e.uscc, e.name, e.county, e.village, e.industry, e.zone, e.tags, e.contact, e.phone
        ])?;
        self.summary.enterprises += 1;
        Ok(e)
    }

    /// A staff member; returns their index in `self.staff`.
    pub fn staff(&mut self, i: &StaffInput) -> Result<usize> {
        let s: Staff = registry::staff(&self.idx, &self.org, i)?;
        let id = self.ids.id();
        self.st
            .staff
            .execute(params![id, s.name, s.org, s.title, s.division, s.leader, s.lg_role, s.phone])?;
        self.staff.push(Person { id, name: s.name, leader: s.leader });
        self.summary.staff += 1;
        Ok(self.staff.len() - 1)
    }

    // ---- groups and plans ----

    pub fn group(&mut self, g: &Group) -> Result<()> {
        let code = group::check_code(&g.code)?;
        group::check_trip(g.from, g.to)?;
        let leader = &self.staff[g.members[0]];
        group::check_leader(&code, &leader.name, leader.leader)?;
        group::check_size(&code, g.members.len())?;
        for d in [g.from, g.to] {
            crate::domain::dates::in_year(&d.to_string(), self.year, "the trip")?;
        }
        let q = g.quotas;
        self.st.group.execute(params![
            code,
            g.org,
            g.name,
            g.from.to_string(),
            g.to.to_string(),
            q.counties,
            q.villages,
            q.enterprises,
            // Groups are formed with the implementation plan, before 2/25.
            g.from.min(crate::domain::dates::deadline(self.year, "02-20")).to_string()
        ])?;
        for (i, m) in g.members.iter().enumerate() {
            let role = if i == 0 { "leader" } else { "member" };
            self.st.member.execute((&code, &self.staff[*m].id, role))?;
        }
        for c in &g.counties {
            let c = registry::county(&self.idx, &self.org, c)?;
            self.st.group_county.execute((&code, &c))?;
        }
        self.summary.groups += 1;
        Ok(())
    }

    pub fn plan(&mut self, g: &Group, t: &Target) -> Result<()> {
        let key = (t.kind, t.code.clone());
        if let Some(other) = self.planned.get(&key) {
            if *other != g.code {
                anyhow::bail!(crate::t!("demo-planned-twice", kind = t.kind, code = t.code.as_str()));
            }
            return Ok(());
        }
        self.st.plan.execute((&g.code, t.kind, &t.code))?;
        self.planned.insert(key, g.code.clone());
        self.summary.plans += 1;
        Ok(())
    }

    // ---- visits ----

    fn method(&mut self, kind: &str) -> &'static str {
        match kind {
            "village" => self.rng.weighted(&[("onsite", 50), ("forum", 30), ("survey", 20)]),
            "enterprise" | "zone" => self.rng.weighted(&[("onsite", 75), ("forum", 25)]),
            other => visit::default_method(other),
        }
    }

    fn answers(&mut self, kind: &str, t: &Target, method: &str) -> Vec<(String, String)> {
        let r = &mut self.rng;
        let mut a: Vec<(&str, String)> = Vec::new();
        match kind {
            "village" => {
                let forum = method == "forum" || r.chance(0.2);
                a.push(("households", r.range(5, 40).to_string()));
                a.push(("population", r.range(300, 4200).to_string()));
                a.push(("water_supply", r.weighted(&[("central", 80), ("scattered", 20)]).to_string()));
                a.push((
                    "sewage_treatment",
                    r.weighted(&[("sewer", 35), ("septic", 35), ("settling", 20), ("direct", 10)])
                        .to_string(),
                ));
                a.push((
                    "garbage_collection",
                    r.weighted(&[("unified", 75), ("fixed", 20), ("none", 5)]).to_string(),
                ));
                a.push(("forum", if forum { "yes" } else { "no" }.to_string()));
                if forum {
                    a.push(("forum_attendees", r.range(8, 40).to_string()));
                }
                let q = if method == "survey" { r.range(20, 80) } else { r.range(0, 30) };
                a.push(("questionnaires", q.to_string()));
                let concerns = [
                    "drinking-water",
                    "sewage",
                    "garbage",
                    "livestock",
                    "industrial",
                    "farmland",
                    "river",
                    "odor",
                    "noise",
                ];
                let k = r.range(1, 3) as usize;
                let picked: Vec<&str> = r.subset(&concerns, k).into_iter().copied().collect();
                a.push(("concerns", picked.join(",")));
                a.push(("development_advice", r.pick(words::VILLAGE_ADVICE).to_string()));
                a.push(("practical_things", r.range(0, 3).to_string()));
                a.push(("suggestions", r.pick(words::VILLAGE_SUGGESTIONS).to_string()));
            }
            "enterprise" => {
                let facts = t.ent.as_ref();
                let polluting = facts.is_some_and(|f| f.industry.pollution);
                a.push((
                    "production",
                    r.weighted(&[("normal", 80), ("reduced", 15), ("suspended", 5)]).to_string(),
                ));
                let facilities = if t.kind == "zone" {
                    "normal"
                } else if polluting {
                    r.weighted(&[("normal", 70), ("partial", 20), ("idle", 10)])
                } else {
                    r.weighted(&[("normal", 55), ("partial", 5), ("none", 40)])
                };
                a.push(("facilities", facilities.to_string()));
                a.push(("key_polluter", if polluting && r.chance(0.4) { "yes" } else { "no" }.to_string()));
                let permits = ["eia", "acceptance", "discharge-permit", "online-monitoring"];
                let k = r.range(1, 4) as usize;
                a.push(("permits", permits[..k].join(",")));
                let mut diff: Vec<&str> = Vec::new();
                let tags = facts.map(|f| f.tags.as_str()).unwrap_or("");
                if tags.contains("difficulty:pollution") {
                    diff.push("pollution");
                }
                if tags.contains("difficulty:upgrading") {
                    diff.push("upgrading");
                }
                if tags.contains("difficulty:emission") {
                    diff.push("emission");
                }
                if r.chance(0.5) {
                    diff.push(*r.pick(&[
                        "approval",
                        "funding",
                        "technology",
                        "solid-waste",
                        "monitoring",
                        "policy",
                    ]));
                }
                if !diff.is_empty() {
                    a.push(("difficulties", diff.join(",")));
                    a.push(("difficulty_detail", r.pick(words::ENTERPRISE_DETAIL).to_string()));
                }
                a.push(("help_given", r.pick(words::ENTERPRISE_HELP).to_string()));
                a.push(("requests", r.pick(words::ENTERPRISE_REQUESTS).to_string()));
                a.push((
                    "satisfaction",
                    r.weighted(&[("satisfied", 80), ("basic", 17), ("unsatisfied", 3)]).to_string(),
                ));
            }
            _ => {
                let authorized = r.range(25, 80);
                let count = authorized - r.range(0, 8);
                a.push(("forum", "yes".to_string()));
                a.push(("attendees", r.range(12, 40).to_string()));
                a.push(("staff_authorized", authorized.to_string()));
                a.push(("staff_count", count.to_string()));
                a.push(("certified_inspectors", (count * r.range(35, 60) / 100).to_string()));
                a.push(("vehicles", r.range(2, 9).to_string()));
                let gaps =
                    ["staffing", "equipment", "funding", "monitoring", "enforcement", "informatization"];
                let k = r.range(1, 3) as usize;
                let picked: Vec<&str> = r.subset(&gaps, k).into_iter().copied().collect();
                a.push(("capacity_gaps", picked.join(",")));
                a.push(("business_difficulties", r.pick(words::BUREAU_DIFFICULTIES).to_string()));
                a.push(("help_requested", r.pick(words::BUREAU_HELP).to_string()));
            }
        }
        a.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    }

    fn findings_for(&mut self, kind: &str) -> usize {
        match &mut self.budget {
            FindingBudget::PerKind => {
                let r = &mut self.rng;
                if r.chance(0.08) {
                    return 0;
                }
                match kind {
                    "village" => r.range(1, 5) as usize,
                    "enterprise" => r.range(1, 5) as usize,
                    "reception" => r.range(1, 3) as usize,
                    _ => r.range(2, 4) as usize,
                }
            }
            FindingBudget::Exact { visits_left, findings_left } => {
                let n = if *visits_left <= 1 {
                    *findings_left
                } else {
                    let mean = *findings_left as f64 / *visits_left as f64;
                    let x = mean * (0.2 + 1.6 * self.rng.unit()) + self.rng.unit();
                    (x.floor() as u64).min(*findings_left)
                };
                *visits_left = visits_left.saturating_sub(1);
                *findings_left -= n;
                n as usize
            }
        }
    }

    /// Log a visit with its participants, discipline record, form and findings, every rule
    /// checked. Returns the visit id.
    pub fn visit(
        &mut self,
        g: &Group,
        t: &Target,
        date: NaiveDate,
        item: i64,
        revisit: Option<&str>,
    ) -> Result<String> {
        let date_s =
            crate::domain::dates::in_year(&date.to_string(), self.year, "the visit date")?.to_string();
        let method = self.method(t.kind);
        // Participants: the leader and some of the members.
        let members: Vec<(String, String)> =
            g.members.iter().map(|m| (self.staff[*m].id.clone(), self.staff[*m].name.clone())).collect();
        let k = self.rng.range(2.min(members.len() as i64), members.len() as i64) as usize;
        let mut who: Vec<usize> = vec![0];
        who.extend(self.rng.positions(members.len() - 1, k.saturating_sub(1)).into_iter().map(|p| p + 1));
        let participants: Vec<String> = who.iter().map(|i| members[*i].0.clone()).collect();
        visit::check_participants(&g.code, &members, &participants)?;
        let violations: Vec<String> = if self.rng.chance(self.violation_rate) {
            let (code, note) = self.rng.pick(words::VIOLATIONS);
            vec![format!("{code}:{note}")]
        } else {
            Vec::new()
        };
        let violations = visit::discipline(violations.is_empty(), &violations)?;
        let key = (t.kind, t.code.clone());
        if t.kind != "reception" {
            let mut earlier = Vec::new();
            if let Some((id, group, d)) = self.visited.get(&key) {
                earlier.push(Earlier::Visit { id: id.clone(), group: group.clone(), date: d.clone() });
            }
            if let Some(group) = self.planned.get(&key) {
                earlier.push(Earlier::Plan { group: group.clone() });
            }
            let describe =
                format!("{} {} {}", reference::label(&visit::TARGET_KINDS, t.kind), t.code, t.name);
            visit::check_duplicate(&describe, &g.code, &earlier, revisit)?;
        }
        let (form, filled) = match form::kind_for_target(t.kind) {
            Some(kind) => {
                let raw = self.answers(kind, t, method);
                let (_, version, def) = self
                    .forms
                    .iter()
                    .find(|f| f.0 == kind)
                    .with_context(|| crate::t!("demo-form-missing"))?;
                (Some((kind, *version)), def.validate(&raw)?)
            }
            None => (None, Map::new()),
        };
        let answers = serde_json::to_string(&filled)?;
        let notes = match t.kind {
            "village" => self.rng.pick(words::VILLAGE_NOTES).to_string(),
            "enterprise" | "zone" => self.rng.pick(words::ENTERPRISE_NOTES).to_string(),
            "reception" => self.rng.pick(words::RECEPTION_NOTES).to_string(),
            _ => "听取县局工作汇报，召开座谈会".to_string(),
        };
        let clerk = self.staff[*g.members.last().unwrap_or(&g.members[0])].name.clone();
        let id = self.ids.id();
        let stamp = self.rng.stamp(date);
        self.st.visit.execute(params![
            id,
            g.code,
            date_s,
            t.kind,
            t.code,
            t.county,
            item,
            method,
            violations.is_empty(),
            revisit,
            notes,
            form.map(|f| f.0),
            form.map(|f| f.1),
            answers,
            clerk,
            stamp
        ])?;
        for p in &participants {
            self.st.participant.execute((&id, p))?;
        }
        for (code, note) in &violations {
            self.st.violation.execute((&id, code, note))?;
            self.summary.violations += 1;
        }
        if t.kind != "reception" {
            self.visited.entry(key).or_insert_with(|| (id.clone(), g.code.clone(), date_s.clone()));
        }
        self.summary.visits += 1;
        let n = self.findings_for(t.kind);
        let mut found = Vec::with_capacity(n);
        for _ in 0..n {
            let seen: Vec<&'static str> = found.iter().map(|f: &Found| f.text).collect();
            found.push(self.finding(&id, date, item, t, &clerk, &seen)?);
        }
        self.note(g, t, date, method, &filled, &found);
        Ok(id)
    }

    // ---- findings ----

    fn category(&mut self, kind: &str, item: i64) -> &'static str {
        let r = &mut self.rng;
        if item == 5 {
            return "drinking-water";
        }
        match kind {
            "village" => r.weighted(&[
                ("rural", 40),
                ("water", 18),
                ("drinking-water", 8),
                ("air", 10),
                ("solid-waste", 8),
                ("noise", 6),
                ("soil", 2),
                ("other", 8),
            ]),
            "enterprise" | "zone" => r.weighted(&[
                ("water", 20),
                ("air", 20),
                ("solid-waste", 14),
                ("noise", 8),
                ("approval", 12),
                ("emission-reduction", 8),
                ("upgrading", 10),
                ("soil", 3),
                ("other", 5),
            ]),
            "bureau" => r.weighted(&[("capacity", 85), ("other", 15)]),
            _ => r.weighted(&[("petition", 70), ("noise", 10), ("air", 10), ("water", 10)]),
        }
    }

    fn finding(
        &mut self,
        visit_id: &str,
        vdate: NaiveDate,
        item: i64,
        t: &Target,
        who: &str,
        seen: &[&'static str],
    ) -> Result<Found> {
        let category = self.category(t.kind, item);
        let r = &mut self.rng;
        // A different problem from those already found on this visit, in the trade's terms
        // where it has its own.
        let trade = t.ent.as_ref().map(|f| words::trade_texts(f.industry.word, category)).unwrap_or(&[]);
        let mut text: &'static str = "";
        for _ in 0..4 {
            text = if !trade.is_empty() && r.chance(0.5) {
                r.pick::<&'static str>(trade)
            } else {
                r.pick::<&'static str>(words::finding_texts(category, t.kind == "village"))
            };
            if !seen.contains(&text) {
                break;
            }
        }
        let mut description = text.to_string();
        if t.kind == "reception" {
            description = format!("{}：{description}", t.code);
        }
        let severity = r.weighted(&[("low", 35), ("medium", 45), ("high", 20)]);
        let env_share = match category {
            "rural" | "drinking-water" | "petition" | "soil" | "other" => 0.45,
            _ => 0.7,
        };
        let route = if r.chance(env_share) { "env" } else { "other" };
        let on_site = route == "env" && r.chance(if t.kind == "reception" { 0.4 } else { 0.22 });
        let division = if r.chance(0.85) {
            WORK_ITEMS.iter().find(|w| w.code == item).map(|w| w.lead_division).unwrap_or("办公室")
        } else {
            *r.pick(words::OTHER_DIVISIONS)
        };
        let refer_to = if route == "other" {
            if t.kind == "enterprise" && r.chance(0.5) || r.chance(0.25) {
                let body = r.pick(words::REFERRAL_BODIES);
                if self.org.len() < 6 {
                    // A province or city bureau refers to the county's departments.
                    format!("{}{}", self.idx.name(&t.county), body.trim_start_matches('县'))
                } else {
                    body.to_string()
                }
            } else if r.chance(0.6) {
                super::registry::government(&t.place)
            } else {
                format!("{}党委、政府/作风办", t.place)
            }
        } else {
            String::new()
        };
        let created = vdate;
        let due = if on_site {
            None
        } else {
            let days = *r.pick(&[15u64, 20, 30, 30, 30, 45, 60]);
            Some((created + Days::new(days)).min(self.year_end()))
        };
        if item == 5 && due.is_none() && !on_site {
            anyhow::bail!(crate::t!("demo-hazard-needs-deadline"));
        }
        let id = self.ids.id();
        let short = &id[..8];
        // The history, walked through the domain's lifecycle until the demo date.
        let first = finding::initial(route, on_site);
        let first_note = match (on_site, route) {
            (true, _) => "现场解决".to_string(),
            (_, "other") => format!("转办 {refer_to}"),
            _ => format!("交办 {division}"),
        };
        let mut steps =
            vec![Step { date: created, from: None, to: first, satisfaction: None, note: first_note }];
        let mut status = first;
        let mut date = created;
        let mut reopened = 0;
        let stall = self.stall;
        loop {
            if status == "closed" || self.rng.chance(stall) {
                break;
            }
            let r = &mut self.rng;
            let (to, satisfaction, delay, note): (&'static str, Option<&'static str>, i64, String) =
                match status {
                    "open" => ("in-progress", None, r.range(1, 6), format!("{division}已受理，限期整改")),
                    "in-progress" => {
                        ("resolved", None, r.range(3, 25), "整改完成，经现场核查到位".to_string())
                    }
                    "referred" => ("acknowledged", None, r.range(1, 7), format!("{refer_to}已签收")),
                    "acknowledged" => {
                        ("resolved", None, r.range(5, 35), format!("{refer_to}答复：已落实整改措施"))
                    }
                    _ => {
                        let s = if reopened >= 1 {
                            r.weighted(&[("satisfied", 70), ("basic", 30)])
                        } else {
                            r.weighted(&[("satisfied", 65), ("basic", 25), ("unsatisfied", 10)])
                        };
                        let to = finding::follow_up(short, route, status, s)?;
                        let note = match s {
                            "satisfied" => "回访：群众满意，予以销号",
                            "basic" => "回访：基本满意，予以销号",
                            _ => "回访：整改不到位，群众不满意，重新办理",
                        };
                        (to, Some(s), r.range(2, 12), note.to_string())
                    }
                };
            if satisfaction.is_none() {
                finding::check_update(short, route, status, to)?;
            }
            let next = date + Days::new(delay as u64);
            if next > self.as_of {
                break;
            }
            if satisfaction == Some("unsatisfied") {
                reopened += 1;
            }
            steps.push(Step { date: next, from: Some(status), to, satisfaction, note });
            status = to;
            date = next;
        }
        self.st.finding.execute(params![
            id,
            visit_id,
            category,
            description,
            severity,
            route,
            division,
            refer_to,
            due.map(|d| d.to_string()),
            on_site,
            status,
            created.to_string()
        ])?;
        for (n, s) in steps.iter().enumerate() {
            let eid = self.ids.id();
            let stamp = self.rng.stamp(s.date);
            self.st.event.execute(params![
                eid,
                id,
                n as i64 + 1,
                s.date.to_string(),
                s.from,
                s.to,
                s.satisfaction,
                s.note,
                who,
                stamp
            ])?;
            self.summary.events += 1;
        }
        self.summary.findings += 1;
        Ok(Found { category, text, on_site })
    }

    /// Remember what the visit found, for the group's research report.
    fn note(
        &mut self,
        g: &Group,
        t: &Target,
        date: NaiveDate,
        method: &str,
        answers: &Map<String, Value>,
        found: &[Found],
    ) {
        let n = self.notes.entry(g.code.clone()).or_default();
        match t.kind {
            "village" => n.villages += 1,
            "enterprise" => n.enterprises += 1,
            _ => n.others += 1,
        }
        let forum = method == "forum" || answers.get("forum").and_then(Value::as_bool).unwrap_or(false);
        n.forums += u32::from(forum);
        let households = answers.get("households").and_then(Value::as_u64).unwrap_or(0);
        n.households += households;
        n.questionnaires += answers.get("questionnaires").and_then(Value::as_u64).unwrap_or(0);
        n.findings += found.len() as u32;
        for f in found {
            n.on_site += u32::from(f.on_site);
            let c = n.categories.entry(f.category).or_default();
            c.0 += 1;
            if c.1.len() < 3 && !c.1.contains(&f.text) {
                c.1.push(f.text);
            }
        }
        if n.lines.len() >= NOTE_LINES {
            return;
        }
        // An answer as the printed form shows it.
        let forms = &self.forms;
        let shown = |key: &str| -> String {
            let Some(v) = answers.get(key) else { return String::new() };
            forms
                .iter()
                .flat_map(|(_, _, d)| d.fields.iter())
                .find(|f| f.key == key)
                .map(|f| f.display(v))
                .unwrap_or_default()
        };
        let name = if t.kind == "village" { format!("{}{}", t.place, t.name) } else { t.name.clone() };
        let mut line = format!("{}月{}日，走访{name}", date.month(), date.day());
        let mut add = |text: String| {
            if !text.is_empty() {
                line.push('，');
                line.push_str(&text);
            }
        };
        match t.kind {
            "village" => {
                if forum {
                    add(format!("召开村民座谈会（{}人参加）", shown("forum_attendees")));
                }
                add(format!("入户走访农户{households}户"));
                add(format!("群众主要反映{}问题", shown("concerns")));
                add(format!("村里提出的发展思路：{}", shown("development_advice")));
                let s = shown("suggestions");
                if !s.is_empty() {
                    add(format!("群众建议{s}"));
                }
            }
            "enterprise" | "zone" => {
                if let Some(i) = &t.ent {
                    add(format!("该企业属{}", i.industry.label));
                }
                add(format!(
                    "生产经营状况：{}，环保设施运行：{}",
                    shown("production"),
                    shown("facilities")
                ));
                let d = shown("difficulties");
                if !d.is_empty() {
                    add(format!("反映的主要困难为{d}（{}）", shown("difficulty_detail")));
                }
                add(format!("现场帮扶：{}", shown("help_given")));
                let r = shown("requests");
                if !r.is_empty() {
                    add(format!("企业建议{r}"));
                }
            }
            "bureau" => add(format!(
                "听取县局工作汇报：编制{}人、实有{}人、持证执法{}人、执法车辆{}辆，能力建设难点为{}，{}；需上级协调：{}",
                shown("staff_authorized"),
                shown("staff_count"),
                shown("certified_inspectors"),
                shown("vehicles"),
                shown("capacity_gaps"),
                shown("business_difficulties"),
                shown("help_requested")
            )),
            _ => add("接待来访群众".to_string()),
        }
        if found.is_empty() {
            line.push_str("，未发现需要交办的问题。");
        } else {
            let texts: Vec<&str> = found.iter().map(|f| f.text).collect();
            let on_site = found.iter().filter(|f| f.on_site).count();
            line.push_str(&format!("；发现问题{}个：{}", found.len(), texts.join("；")));
            if on_site > 0 {
                line.push_str(&format!("，其中现场解决{on_site}个"));
            }
            line.push('。');
        }
        n.lines.push(line);
    }

    // ---- side records ----

    /// The research report (调研报告) of a group: its figures, what it saw on each visit, the
    /// problems by category, and the usual closing parts.
    pub fn research(&mut self, g: &Group, place: &str, submitted: NaiveDate) -> Result<()> {
        let title = format!("关于{place}环境保护工作的调研报告（{}）", g.name);
        let empty = Notes::default();
        let n = self.notes.get(&g.code).unwrap_or(&empty);
        let fill = |s: &str| s.replace("{p}", place);
        let mut body = format!("{title}\n\n一、基本情况\n");
        body.push_str(&format!(
            "按照活动统一部署，{}于{}月{}日至{}月{}日深入{place}开展走访调研，采取座谈会、实地察看、问卷调查和个别访谈相结合的方式，共走访村{}个、企业{}家、其他单位{}个，召开座谈会{}次，走访农户{}户，回收问卷{}份，收集困难和问题{}个，其中现场解决{}个。",
            g.name,
            g.from.month(),
            g.from.day(),
            g.to.month(),
            g.to.day(),
            n.villages,
            n.enterprises,
            n.others,
            n.forums,
            n.households,
            n.questionnaires,
            n.findings,
            n.on_site
        ));
        for p in words::REPORT_CONTEXT {
            body.push_str(&fill(p));
        }
        body.push_str("\n\n二、走访调研情况\n");
        for (i, line) in n.lines.iter().enumerate() {
            body.push_str(&format!("（{}）{line}\n", i + 1));
        }
        body.push_str("\n三、发现的主要问题\n");
        let mut categories: Vec<(&&str, &(u32, Vec<&str>))> = n.categories.iter().collect();
        let rank = |c: &str| reference::CATEGORIES.iter().position(|(k, _)| *k == c).unwrap_or(99);
        categories.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(rank(a.0).cmp(&rank(b.0))));
        for (i, (category, (count, texts))) in categories.into_iter().enumerate() {
            body.push_str(&format!(
                "{}. {}问题{count}个，主要表现为{}等。\n",
                i + 1,
                reference::label(&reference::CATEGORIES, category),
                texts.join("、")
            ));
        }
        for (heading, paragraphs) in [
            ("四、主要做法和成效", words::REPORT_PRACTICE),
            ("五、存在的困难和不足", words::REPORT_PROBLEMS),
            ("六、对策和建议", words::REPORT_ADVICE),
        ] {
            body.push_str(&format!("\n{heading}\n"));
            for (i, p) in paragraphs.iter().enumerate() {
                body.push_str(&format!("（{}）{}\n", i + 1, fill(p)));
            }
        }
        let chars = research::count_chars(&body);
        self.st.research.execute(params![
            self.ids.id(),
            g.code,
            submitted.to_string(),
            title,
            body,
            chars
        ])?;
        self.summary.research += 1;
        Ok(())
    }

    pub fn workplan(&mut self, item: i64, date: NaiveDate) -> Result<()> {
        self.st.workplan.execute(params![self.org, item, date.to_string()])?;
        self.summary.workplans += 1;
        Ok(())
    }

    pub fn case(
        &mut self,
        date: NaiveDate,
        item: i64,
        county: &str,
        title: &str,
        summary: &str,
    ) -> Result<()> {
        self.st.case.execute(params![self.ids.id(), date.to_string(), item, county, title, summary])?;
        self.summary.cases += 1;
        Ok(())
    }

    pub fn publicity(&mut self, date: NaiveDate, item: i64, outlet: &str, title: &str) -> Result<()> {
        self.st.publicity.execute(params![self.ids.id(), date.to_string(), item, outlet, title])?;
        self.summary.publicity += 1;
        Ok(())
    }

    pub fn submission(&mut self, org: &str, kind: &str, date: NaiveDate) -> Result<()> {
        registry::within_bureau(&self.org, org)?;
        if self.idx.level(org).is_none_or(|l| l > Level::County) {
            anyhow::bail!(crate::t!("demo-not-a-bureau", org = org));
        }
        self.st.submission.execute((org, kind, date.to_string()))?;
        self.summary.submissions += 1;
        Ok(())
    }

    /// A person's name that no other staff member has (staff are referred to by name).
    pub fn unique_name(&mut self, taken: &mut std::collections::HashSet<String>) -> String {
        loop {
            let n = person_name(&mut self.rng);
            if taken.insert(n.clone()) {
                return n;
            }
        }
    }
}

pub fn person_name(r: &mut Rng) -> String {
    let mut n = (*r.pick(words::SURNAMES)).to_string();
    n.push_str(r.pick::<&str>(words::GIVEN));
    if r.chance(0.7) {
        n.push_str(r.pick::<&str>(words::GIVEN));
    }
    n
}

/// A phone number: a mobile, or a landline with its area code (a leading zero that must survive).
pub fn phone(r: &mut Rng, area_code: &str) -> String {
    if r.chance(0.55) {
        format!("1{}{:09}", r.pick(&["3", "5", "8"]), r.range(0, 999_999_999))
    } else {
        format!("{area_code}-{}{:06}", r.range(5, 8), r.range(0, 999_999))
    }
}

/// An organization code (组织机构代码, GB 11714): eight characters and their check character.
pub fn org_code(r: &mut Rng) -> String {
    const W: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
    let body: String = if r.chance(0.3) {
        // Codes issued since the 2000s in Zhejiang often begin MA.
        format!("MA2{:05}", r.range(0, 99_999))
    } else {
        format!("{}{:07}", r.pick(&["1", "6", "7"]), r.range(0, 9_999_999))
    };
    let sum: u32 = body
        .chars()
        .zip(W)
        .map(|(c, w)| {
            let v = if c.is_ascii_digit() { c as u32 - '0' as u32 } else { c as u32 - 'A' as u32 + 10 };
            v * w
        })
        .sum();
    let check = match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        d => char::from_digit(d, 10).unwrap_or('0'),
    };
    format!("{body}{check}")
}

/// A unified social credit code of an enterprise registered in `county` (登记管理部门 9 = 工商,
/// 类别 1 = 企业).
pub fn uscc(r: &mut Rng, county: &str) -> String {
    let first17 = format!("91{county}{}", &org_code(r)[..9]);
    let check = crate::domain::codes::uscc_check_char(&first17).unwrap_or('0');
    format!("{first17}{check}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::codes::parse_uscc;

    #[test]
    fn credit_codes_verify() {
        let mut r = Rng::new(9);
        for _ in 0..2000 {
            let c = uscc(&mut r, "330523");
            assert_eq!(parse_uscc(&c).map_err(|e| e.message), Ok(c.clone()));
            assert!(c.starts_with("91330523"));
        }
    }

    #[test]
    fn phones_keep_their_leading_zero() {
        let mut r = Rng::new(4);
        let landlines: Vec<String> =
            (0..200).map(|_| phone(&mut r, "0572")).filter(|p| p.starts_with('0')).collect();
        assert!(!landlines.is_empty());
        assert!(landlines.iter().all(|p| p.len() == 12 && p.starts_with("0572-")));
    }
}
