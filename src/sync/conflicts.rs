//! Conflicts kept by `sync import` (both versions of a record changed on both sides) and their
//! resolution: the chosen row is written through `Store::write`, so it is audited and itself
//! captured for sync, together with a `conflict_resolutions` record that settles the same
//! conflict in the other databases.

use anyhow::Result;
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{Map, Value as Json};

use super::import::ConflictWhat;
use super::values::{self, ident, Column};
use crate::error::reject;
use crate::msg;
use crate::store::{ids, Actor, Store};

/// A conflict as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    pub id: i64,
    pub at: String,
    pub peer: String,
    pub origin: String,
    pub seq: i64,
    pub kind: String,
    pub op: String,
    pub table: String,
    pub pk: String,
    pub local: Option<Json>,
    pub theirs: Option<Json>,
    pub resolved_at: Option<String>,
    pub resolution: Option<String>,
    /// The fingerprint a resolution of it carries, when it is not that of its two versions (a
    /// disagreement between resolutions).
    pub settles: Option<String>,
}

impl Stored {
    /// What happened: `label()` for people, `code()` for scripts.
    pub fn what(&self) -> ConflictWhat {
        match (self.kind.as_str(), self.op.as_str()) {
            ("data", "delete") => ConflictWhat::DeletedThereChangedHere,
            ("data", _) => ConflictWhat::ChangedOnBothSides,
            ("notfound", _) => ConflictWhat::ChangedThereMissingHere,
            ("conflict", _) => ConflictWhat::AddedOnBothSides,
            ("resolution", _) => ConflictWhat::ResolvedDifferently,
            _ => ConflictWhat::Other,
        }
    }

    /// The record's key for people: the key values joined by '/', long ids shortened.
    pub fn record(&self) -> String {
        record_label(&self.pk)
    }

    /// The fields whose two versions differ: (field, mine, theirs), in column order.
    pub fn fields(&self, cols: &[Column]) -> Vec<(String, Json, Json)> {
        let empty = Map::new();
        let mine = self.local.as_ref().and_then(Json::as_object).unwrap_or(&empty);
        let theirs = self.theirs.as_ref().and_then(Json::as_object).unwrap_or(&empty);
        let mut names: Vec<String> = cols.iter().map(|c| c.name.clone()).collect();
        for k in mine.keys().chain(theirs.keys()) {
            if !names.contains(k) {
                names.push(k.clone());
            }
        }
        names
            .into_iter()
            .filter_map(|n| {
                let m = mine.get(&n).cloned().unwrap_or(Json::Null);
                let t = theirs.get(&n).cloned().unwrap_or(Json::Null);
                (m != t).then_some((n, m, t))
            })
            .collect()
    }
}

pub fn record_label(pk: &str) -> String {
    match serde_json::from_str::<Vec<Json>>(pk) {
        Ok(parts) => parts
            .iter()
            .map(|p| match p {
                Json::String(s) if s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit()) => {
                    ids::short(s).to_string()
                }
                other => values::show(other),
            })
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => pk.to_string(),
    }
}

fn parse(text: Option<String>) -> Option<Json> {
    text.and_then(|t| serde_json::from_str(&t).ok())
}

const SELECT: &str = "SELECT id, at, peer, origin, seq, kind, op, tbl, pk, local, theirs, resolved_at, resolution, settles FROM sync_conflicts";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Stored> {
    Ok(Stored {
        id: r.get(0)?,
        at: r.get(1)?,
        peer: r.get(2)?,
        origin: r.get(3)?,
        seq: r.get(4)?,
        kind: r.get(5)?,
        op: r.get(6)?,
        table: r.get(7)?,
        pk: r.get(8)?,
        local: parse(r.get(9)?),
        theirs: parse(r.get(10)?),
        resolved_at: r.get(11)?,
        resolution: r.get(12)?,
        settles: r.get(13)?,
    })
}

/// Open conflicts (or all, with `all`), oldest first.
pub fn list(conn: &Connection, all: bool) -> Result<Vec<Stored>> {
    let sql = if all {
        format!("{SELECT} ORDER BY id")
    } else {
        format!("{SELECT} WHERE resolved_at IS NULL ORDER BY id")
    };
    let rows = conn.prepare(&sql)?.query_map([], from_row)?.collect::<Result<_, _>>()?;
    Ok(rows)
}

pub fn open_count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL", [], |r| r.get(0))?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Stored> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| reject(msg!("conflict-none", id = id)).hint(msg!("conflict-none-hint")).into())
}

/// What `conflict resolve --keep` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Keep {
    Mine,
    Theirs,
    /// This database's version with these fields set.
    Fields(Vec<(String, String)>),
}

pub fn parse_keep(args: &[String]) -> Result<Keep> {
    match args {
        [one] if one == "mine" => Ok(Keep::Mine),
        [one] if one == "theirs" => Ok(Keep::Theirs),
        [] => Err(reject(msg!("conflict-keep-which")).into()),
        many if many.iter().any(|a| a == "mine" || a == "theirs") => {
            Err(reject(msg!("conflict-keep-one")).into())
        }
        many => {
            let mut out = Vec::new();
            for a in many {
                let Some((f, v)) = a.split_once('=') else {
                    return Err(reject(msg!("conflict-keep-bad", value = a.as_str()))
                        .hint(msg!("conflict-keep-bad-hint"))
                        .into());
                };
                out.push((f.trim().to_string(), v.to_string()));
            }
            Ok(Keep::Fields(out))
        }
    }
}

/// A typed value for a column from what a person typed.
fn typed(col: &Column, raw: &str) -> Result<Json> {
    Ok(match col.decl.as_str() {
        "INTEGER" | "INT" => match raw.trim().parse::<i64>() {
            Ok(i) => Json::from(i),
            Err(_) if raw.trim().eq_ignore_ascii_case("null") => Json::Null,
            Err(_) => {
                return Err(
                    reject(msg!("conflict-not-whole-number", field = col.name.as_str(), raw = raw)).into()
                )
            }
        },
        "REAL" => match raw.trim().parse::<f64>() {
            Ok(f) => serde_json::Number::from_f64(f).map(Json::Number).unwrap_or(Json::Null),
            Err(_) => {
                return Err(reject(msg!("conflict-not-number", field = col.name.as_str(), raw = raw)).into())
            }
        },
        _ => Json::String(raw.to_string()),
    })
}

/// The fingerprint of a conflict: its record and its two versions, in either order, so that the
/// two databases that met the same conflict compute the same value.
pub fn fingerprint(table: &str, pk: &str, a: Option<&Json>, b: Option<&Json>) -> String {
    let show = |j: Option<&Json>| j.map(Json::to_string).unwrap_or_else(|| "null".into());
    let (a, b) = (show(a), show(b));
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    format!("{:016x}", values::fnv64(format!("{table}\n{pk}\n{lo}\n{hi}").as_bytes()))
}

/// Settle conflict `id` on date `today`. Returns the ids of the conflicts it settled (others on
/// the same record are settled with it, since the whole chosen row is written).
pub fn resolve(store: &mut Store, actor: &Actor, id: i64, keep: &Keep, today: &str) -> Result<Vec<i64>> {
    let c = get(store.conn(), id)?;
    if let Some(how) = &c.resolved_at {
        return Err(reject(msg!(
            "conflict-already-resolved",
            id = id,
            how = c.resolution.as_deref().unwrap_or("?"),
            at = how.as_str()
        ))
        .into());
    }
    let cols = values::columns(store.conn(), &c.table)?;
    if cols.is_empty() || super::is_local_table(&c.table) {
        return Err(reject(msg!("conflict-unknown-table", id = id, table = c.table.as_str())).into());
    }
    let (chosen, how) = match keep {
        Keep::Mine => (c.local.clone(), "mine"),
        Keep::Theirs => (c.theirs.clone(), "theirs"),
        Keep::Fields(fields) => {
            let mut row = match c.local.clone().or_else(|| c.theirs.clone()) {
                Some(Json::Object(m)) => m,
                _ => Map::new(),
            };
            for (f, v) in fields {
                let Some(col) = cols.iter().find(|c| c.name == *f) else {
                    let names: Vec<&str> = cols.iter().filter(|c| !c.pk).map(|c| c.name.as_str()).collect();
                    return Err(reject(msg!(
                        "conflict-no-field",
                        table = c.table.as_str(),
                        field = f.as_str()
                    ))
                    .hint(msg!("conflict-fields-are", fields = names.join(", ")))
                    .into());
                };
                if col.pk {
                    return Err(reject(msg!("conflict-key-field", field = f.as_str())).into());
                }
                row.insert(f.clone(), typed(col, v)?);
            }
            // The rules of the commands that normally write these fields, and nothing else.
            crate::domain::fields::check_row(&c.table, &mut row, store.campaign.year)?;
            (Some(Json::Object(row)), "fields")
        }
    };
    let settles = c
        .settles
        .clone()
        .unwrap_or_else(|| fingerprint(&c.table, &c.pk, c.local.as_ref(), c.theirs.as_ref()));
    let label = c.record();
    store.write(actor, |w| {
        if c.table == "findings" {
            let org = w.campaign.org.clone();
            finding_event(&w.tx, &org, &c.pk, chosen.as_ref(), id, how, &actor.user, today)?;
        }
        write_row(&w.tx, &c.table, &c.pk, chosen.as_ref())?;
        w.tx.execute(
            "INSERT INTO conflict_resolutions(id, tbl, pk, settles, row, decided_by, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                ids::new_id(),
                c.table,
                c.pk,
                settles,
                chosen.as_ref().map(Json::to_string),
                actor.user,
                super::now()
            ],
        )?;
        let settled: Vec<i64> = w
            .tx
            .prepare("SELECT id FROM sync_conflicts WHERE tbl = ?1 AND pk = ?2 AND resolved_at IS NULL ORDER BY id")?
            .query_map(params![c.table, c.pk], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let now = super::now();
        for s in &settled {
            let how = if *s == id { how } else { "with-other" };
            w.tx.execute(
                "UPDATE sync_conflicts SET resolved_at = ?2, resolution = ?3, resolved_by = ?4 WHERE id = ?1",
                params![s, now, how, actor.user],
            )?;
            w.touch("conflict", &s.to_string());
        }
        w.touch(&c.table, &label);
        Ok(settled)
    })
}

/// A finding's status is never changed without a line in its history (SPEC §2): settling a
/// conflict over it records the change like `finding update` does.
#[allow(clippy::too_many_arguments)]
fn finding_event(
    conn: &Connection,
    org: &str,
    pk: &str,
    chosen: Option<&Json>,
    conflict: i64,
    how: &str,
    who: &str,
    today: &str,
) -> Result<()> {
    let Some(id) = serde_json::from_str::<Vec<Json>>(pk)
        .ok()
        .and_then(|k| k.first().and_then(|v| v.as_str().map(String::from)))
    else {
        return Ok(());
    };
    let Some(to) = chosen.and_then(|r| r.get("status")).and_then(Json::as_str) else { return Ok(()) };
    // Where its history ends (read as the reports and `check` read it), not the status the
    // record holds: the merged history may already have reached the chosen status.
    let current: Option<(String, String, Option<String>, Option<String>)> = conn
        .query_row(
            "SELECT status, route, (SELECT max(date) FROM finding_events WHERE finding_id = ?1),
                    (SELECT to_status FROM finding_events WHERE finding_id = ?1 ORDER BY seq DESC, date DESC, id DESC LIMIT 1)
             FROM findings WHERE id = ?1",
            [&id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((status, route, last, end)) = current else { return Ok(()) };
    let from = end.unwrap_or(status);
    if from == to {
        return Ok(());
    }
    // Closing (销号) by a resolution passes the rule the follow-up that closes passes.
    if to == "closed" {
        crate::store::attachments::check_close(conn, org, &id)?;
    }
    // A resolution moves a finding only as `finding update` would: never back.
    crate::domain::finding::check_update(ids::short(&id), &route, &from, to).map_err(|e| {
        reject(msg!(
            "conflict-history-reached",
            why = e.message.to_string(),
            status = crate::domain::sets::word_of::<crate::domain::sets::FindingStatus>(&from)
        ))
        .hint(msg!("conflict-history-reached-hint"))
    })?;
    let date = match last {
        Some(l) if l.as_str() > today => l,
        _ => today.to_string(),
    };
    conn.execute(
        "INSERT INTO finding_events(id, finding_id, seq, date, from_status, to_status, note, who, recorded_at)
         VALUES (?1, ?2, (SELECT coalesce(max(seq), 0) + 1 FROM finding_events WHERE finding_id = ?2),
                 ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            ids::new_id(),
            id,
            date,
            from,
            to,
            crate::t!("conflict-history-note", id = conflict, how = how),
            who,
            super::now()
        ],
    )?;
    Ok(())
}

/// Make the record `pk` of `table` hold `row` (a JSON object, column → value), or be absent when
/// `row` is None. Only exchanged tables; identifiers come from the schema, values are bound.
pub fn write_row(conn: &Connection, table: &str, pk: &str, row: Option<&Json>) -> Result<()> {
    if super::is_local_table(table) {
        return Err(reject(msg!("conflict-table-not-exchanged", table = table)).into());
    }
    let cols = values::columns(conn, table)?;
    if cols.is_empty() {
        return Err(reject(msg!("conflict-no-table", table = table)).into());
    }
    let key: Vec<Json> = serde_json::from_str(pk).map_err(|_| reject(msg!("conflict-bad-key", key = pk)))?;
    let pk_cols: Vec<&Column> = cols.iter().filter(|c| c.pk).collect();
    if key.len() != pk_cols.len() {
        return Err(reject(msg!("conflict-key-misfit", key = pk, table = table)).into());
    }
    let key: Vec<Value> = key.iter().map(values::from_json).collect::<Result<_>>()?;
    let where_: Vec<String> =
        pk_cols.iter().enumerate().map(|(i, c)| format!("{} = ?{}", ident(&c.name), i + 1)).collect();
    let where_ = where_.join(" AND ");
    let t = ident(table);
    let exists = conn
        .query_row(&format!("SELECT 1 FROM {t} WHERE {where_}"), rusqlite::params_from_iter(&key), |_| Ok(()))
        .optional()?
        .is_some();
    // The database's own checks (NOT NULL, CHECK, UNIQUE, references) in plain words: SQLite's
    // message names SQL, not the clerk's fields.
    let failed = |e: rusqlite::Error| -> anyhow::Error {
        let why = match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ConstraintViolation) => msg!("conflict-write-constraint"),
            _ => msg!("conflict-write-refused"),
        };
        reject(msg!("conflict-cannot-write", table = table, record = record_label(pk), why = why))
            .hint(msg!("conflict-cannot-write-hint"))
            .into()
    };
    let Some(row) = row else {
        if exists {
            conn.execute(&format!("DELETE FROM {t} WHERE {where_}"), rusqlite::params_from_iter(&key))
                .map_err(failed)?;
        }
        return Ok(());
    };
    let Some(obj) = row.as_object() else {
        return Err(reject(msg!("conflict-not-a-row", table = table, record = record_label(pk))).into());
    };
    let mut key_iter = key.iter();
    let mut vals: Vec<Value> = Vec::with_capacity(cols.len());
    for c in &cols {
        let v = if c.pk {
            key_iter.next().cloned().unwrap_or(Value::Null)
        } else {
            obj.get(&c.name).map(values::from_json).transpose()?.unwrap_or(Value::Null)
        };
        vals.push(v);
    }
    if exists {
        let rest: Vec<(usize, &Column)> = cols.iter().enumerate().filter(|(_, c)| !c.pk).collect();
        if rest.is_empty() {
            return Ok(());
        }
        let n = key.len();
        let set: Vec<String> = rest
            .iter()
            .enumerate()
            .map(|(j, (_, c))| format!("{} = ?{}", ident(&c.name), n + j + 1))
            .collect();
        let mut args: Vec<Value> = key.clone();
        args.extend(rest.iter().map(|(i, _)| vals[*i].clone()));
        conn.execute(
            &format!("UPDATE {t} SET {} WHERE {where_}", set.join(", ")),
            rusqlite::params_from_iter(&args),
        )
        .map_err(failed)?;
    } else {
        let names: Vec<String> = cols.iter().map(|c| ident(&c.name)).collect();
        let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
        conn.execute(
            &format!("INSERT INTO {t} ({}) VALUES ({})", names.join(", "), marks.join(", ")),
            rusqlite::params_from_iter(&vals),
        )
        .map_err(failed)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keep_arguments() {
        assert_eq!(parse_keep(&["mine".into()]).unwrap(), Keep::Mine);
        assert_eq!(parse_keep(&["theirs".into()]).unwrap(), Keep::Theirs);
        assert_eq!(
            parse_keep(&["status=resolved".into(), "note=a=b".into()]).unwrap(),
            Keep::Fields(vec![("status".into(), "resolved".into()), ("note".into(), "a=b".into())])
        );
        assert!(parse_keep(&["yours".into()]).is_err());
        assert!(parse_keep(&["mine".into(), "theirs".into()]).is_err());
        assert!(parse_keep(&[]).is_err());
    }

    #[test]
    fn fingerprint_ignores_which_side_is_which() {
        let a = serde_json::json!({"status": "open"});
        let b = serde_json::json!({"status": "resolved"});
        assert_eq!(
            fingerprint("findings", "[\"x\"]", Some(&a), Some(&b)),
            fingerprint("findings", "[\"x\"]", Some(&b), Some(&a))
        );
        assert_ne!(
            fingerprint("findings", "[\"x\"]", Some(&a), Some(&b)),
            fingerprint("findings", "[\"y\"]", Some(&a), Some(&b))
        );
    }

    #[test]
    fn write_row_updates_inserts_and_deletes() {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch("CREATE TABLE t (a TEXT, b INTEGER, v TEXT, PRIMARY KEY (a, b)) STRICT;").unwrap();
        let row = serde_json::json!({"a": "k", "b": 1, "v": "one"});
        write_row(&c, "t", "[\"k\",1]", Some(&row)).unwrap();
        let row = serde_json::json!({"a": "k", "b": 1, "v": "two"});
        write_row(&c, "t", "[\"k\",1]", Some(&row)).unwrap();
        let v: String = c.query_row("SELECT v FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(v, "two");
        write_row(&c, "t", "[\"k\",1]", None).unwrap();
        let n: i64 = c.query_row("SELECT count(*) FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 0);
        assert!(write_row(&c, "meta", "[1]", None).is_err());
        assert!(write_row(&c, "t", "[1]", None).is_err());
    }

    #[test]
    fn records_are_labelled_short() {
        assert_eq!(record_label("[\"65ad8091eeb44868b362524b286f154f\"]"), "65ad8091");
        assert_eq!(record_label("[\"G1\",\"abc\"]"), "G1/abc");
    }
}
