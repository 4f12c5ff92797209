//! `zoufang suggest`: representative targets for a group — unvisited, unplanned villages and
//! enterprises in its counties, those with difficulties and problems first.

use anyhow::Result;

use super::Ctx;
use crate::domain::reference::{self, ENTERPRISE_TAGS};
use crate::io::output::{col, write_rows, Value};
use crate::store::groups;

/// Suggest targets for a group, with the reason each ranks where it does
#[derive(clap::Args, Debug)]
#[command(after_help = "Example:\n  zoufang suggest --group G1 --n 10")]
pub struct Args {
    #[arg(long)]
    pub group: String,
    #[arg(long, default_value_t = 10)]
    pub n: usize,
}

pub fn run(a: Args, ctx: &Ctx) -> Result<()> {
    let store = ctx.open()?;
    let conn = store.conn();
    let g = groups::get(conn, &a.group)?;
    // Scores: 3 per difficulty tag, 1 for a key project, 2 per problem already found nearby
    // (on visits to the same village or to enterprises in it). Ties break by code.
    let sql = "
        WITH gc AS (SELECT county FROM group_counties WHERE group_code = ?1),
        nearby AS (
            SELECT coalesce(CASE v.target_kind WHEN 'village' THEN v.target_code END, e.village) AS village, count(f.id) AS n
            FROM live_findings f JOIN visits v ON v.id = f.visit_id
            LEFT JOIN enterprises e ON v.target_kind = 'enterprise' AND e.uscc = v.target_code
            GROUP BY 1),
        cand AS (
            SELECT 'enterprise' AS kind, e.uscc AS code, e.name AS name, e.tags AS tags,
                   coalesce((SELECT n FROM nearby WHERE nearby.village = e.village), 0) AS problems,
                   0 AS tagged_enterprises
            FROM enterprises e WHERE e.county IN gc
            UNION ALL
            SELECT 'village', a.code, a.name, '',
                   coalesce((SELECT n FROM nearby WHERE nearby.village = a.code), 0),
                   (SELECT count(*) FROM enterprises e WHERE e.village = a.code AND e.tags LIKE '%difficulty:%')
            FROM areas a WHERE a.level = 5 AND substr(a.code, 1, 6) IN gc)
        SELECT kind, code, name, tags, problems, tagged_enterprises FROM cand c
        WHERE NOT EXISTS (SELECT 1 FROM live_visits v WHERE v.target_kind = c.kind AND v.target_code = c.code)
          AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.target_kind = c.kind AND p.target_code = c.code)";
    let mut stmt = conn.prepare(sql)?;
    let mut cands: Vec<(i64, String, String, String, String)> = stmt
        .query_map([&g.code], |r| {
            let kind: String = r.get(0)?;
            let tags: String = r.get(3)?;
            let problems: i64 = r.get(4)?;
            let tagged: i64 = r.get(5)?;
            let difficulties: Vec<&str> = tags.split(';').filter(|t| t.starts_with("difficulty:")).collect();
            let key_project = tags.split(';').any(|t| t == "key-project");
            let score = 3 * difficulties.len() as i64 + i64::from(key_project) + 2 * problems + 2 * tagged;
            let mut why = Vec::new();
            if !difficulties.is_empty() {
                let labels: Vec<&str> =
                    difficulties.iter().map(|t| reference::label(&ENTERPRISE_TAGS, t)).collect();
                why.push(labels.join("、"));
            }
            if key_project {
                why.push("重大项目".into());
            }
            if problems > 0 {
                why.push(format!("附近已发现问题 {problems} 个"));
            }
            if tagged > 0 {
                why.push(format!("村内困难企业 {tagged} 家"));
            }
            if why.is_empty() {
                why.push("尚未走访".into());
            }
            Ok((score, kind, r.get(1)?, r.get(2)?, why.join("；")))
        })?
        .collect::<Result<_, _>>()?;
    cands.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let rows: Vec<Vec<Value>> = cands
        .into_iter()
        .take(a.n)
        .enumerate()
        .map(|(i, (score, kind, code, name, why))| {
            vec![
                Value::Int(i as i64 + 1),
                Value::from(kind),
                Value::from(code),
                Value::from(name),
                Value::Int(score),
                Value::from(why),
            ]
        })
        .collect();
    write_rows(
        &ctx.out,
        "",
        vec![
            col("rank", "序号", "rank"),
            col("kind", "类型", "kind"),
            col("code", "代码", "code"),
            col("name", "名称", "name"),
            col("score", "得分", "score"),
            col("reason", "推荐理由", "reason"),
        ],
        &rows,
    )
}
