//! Visit targets and counties found by what a clerk types: a code, or a name or a unique part of
//! one (a village with or without its township, a county for its bureau, an enterprise's name or
//! credit code, a cluster zone's name). One place for every command that takes a target, and the
//! pick-lists of the interactive commands read the same candidates.

use anyhow::Result;
use rusqlite::Connection;

use crate::domain::sets::{word_of, TargetKind};
use crate::error::reject;
use crate::i18n::Arg;
use crate::msg;
use crate::store::Campaign;

/// A record a typed name may mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub code: String,
    pub name: String,
    /// The township of a village; empty for the other kinds.
    pub place: String,
    pub county: String,
}

impl Candidate {
    /// How it reads in a list: name, township, county, code.
    pub fn line(&self) -> String {
        let mut parts = vec![self.name.as_str()];
        if !self.place.is_empty() {
            parts.push(&self.place);
        }
        if !self.county.is_empty() && self.county != self.name {
            parts.push(&self.county);
        }
        parts.push(&self.code);
        crate::io::escape::one_line(&parts.join(" · ")).into_owned()
    }

    /// The names it answers to whole: 鄣吴村委会 is also 鄣吴村, with or without 鄣吴镇 before it.
    fn whole_names(&self) -> Vec<String> {
        let mut short = vec![self.name.clone()];
        for suffix in ["村民委员会", "居民委员会", "委会", "环保局"] {
            if let Some(s) = self.name.strip_suffix(suffix) {
                let s = if suffix == "村民委员会" { format!("{s}村") } else { s.to_string() };
                short.push(s);
            }
        }
        let mut all = short.clone();
        for s in &short {
            all.push(format!("{}{s}", self.place));
            all.push(format!("{}{}{s}", self.county, self.place));
        }
        all
    }

    /// Whether every word typed is part of its name, township, county or code.
    fn contains(&self, words: &[String]) -> bool {
        let hay = format!("{}{}{}{}", self.county, self.place, self.name, self.code.to_uppercase());
        words.iter().all(|w| hay.contains(w.as_str()) || hay.contains(&w.to_uppercase()))
    }
}

/// What a code or name is looked up among.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Among {
    Villages,
    Enterprises,
    Zones,
    /// Counties, as themselves (a group's counties, a reception's county) or as their bureau.
    Counties,
    Bureaus,
}

impl Among {
    pub fn of_target(kind: &str) -> Option<Among> {
        match kind {
            "village" => Some(Among::Villages),
            "enterprise" => Some(Among::Enterprises),
            "zone" => Some(Among::Zones),
            "bureau" => Some(Among::Bureaus),
            _ => None,
        }
    }

    /// The word for one of them in messages (村 / village …).
    fn word(self) -> Arg {
        match self {
            Among::Villages => word_of::<TargetKind>("village"),
            Among::Enterprises => word_of::<TargetKind>("enterprise"),
            Among::Zones => word_of::<TargetKind>("zone"),
            Among::Bureaus => word_of::<TargetKind>("bureau"),
            Among::Counties => Arg::word("target-word-county", "county"),
        }
    }

    fn list_command(self) -> &'static str {
        match self {
            Among::Villages => "zoufang area list --level village",
            Among::Enterprises => "zoufang enterprise list",
            Among::Zones => "zoufang zone list",
            Among::Counties | Among::Bureaus => "zoufang area list --level county",
        }
    }

    /// Whether `raw` is written as a code of this kind rather than a name.
    pub fn looks_like_code(self, raw: &str) -> bool {
        let raw = raw.trim();
        match self {
            Among::Villages | Among::Counties | Among::Bureaus => {
                !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit())
            }
            Among::Enterprises => raw.len() == 18 && raw.bytes().all(|b| b.is_ascii_alphanumeric()),
            Among::Zones => false,
        }
    }
}

/// Every candidate of `among` in the bureau's area, in code order (names for enterprises).
pub fn all(conn: &Connection, c: &Campaign, among: Among) -> Result<Vec<Candidate>> {
    let sql = match among {
        Among::Villages => {
            "SELECT v.code, v.name, coalesce(t.name, ''), coalesce(k.name, '')
             FROM areas v LEFT JOIN areas t ON t.code = v.parent LEFT JOIN areas k ON k.code = substr(v.code, 1, 6)
             WHERE v.level = 5 AND v.code LIKE ?1 || '%' ORDER BY v.code"
        }
        Among::Counties => {
            "SELECT code, name, '', name FROM areas WHERE level = 3 AND code LIKE ?1 || '%' ORDER BY code"
        }
        Among::Bureaus => {
            "SELECT code, name || '环保局', '', name FROM areas WHERE level = 3 AND code LIKE ?1 || '%' ORDER BY code"
        }
        Among::Enterprises => {
            "SELECT e.uscc, e.name, '', coalesce(k.name, '') FROM enterprises e LEFT JOIN areas k ON k.code = e.county
             WHERE e.county LIKE ?1 || '%' ORDER BY e.name, e.uscc"
        }
        Among::Zones => {
            "SELECT z.code, z.name, '', coalesce(k.name, '') FROM zones z LEFT JOIN areas k ON k.code = z.county
             WHERE z.county LIKE ?1 || '%' ORDER BY z.code"
        }
    };
    Ok(conn
        .prepare_cached(sql)?
        .query_map([&c.org], |r| {
            Ok(Candidate { code: r.get(0)?, name: r.get(1)?, place: r.get(2)?, county: r.get(3)? })
        })?
        .collect::<Result<_, _>>()?)
}

/// The candidates `raw` means: those it names whole if any (鄣吴村 is not 上鄣吴村), else those
/// it is a part of (every word of it, in any order).
pub fn matching(all: Vec<Candidate>, raw: &str) -> Vec<Candidate> {
    let words: Vec<String> = raw
        .split(|ch: char| ch.is_whitespace() || matches!(ch, '/' | '、' | '·'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let joined: String = words.concat();
    let found: Vec<Candidate> = all.into_iter().filter(|c| c.contains(&words)).collect();
    let whole: Vec<Candidate> = found.iter().filter(|c| c.whole_names().contains(&joined)).cloned().collect();
    if whole.is_empty() {
        found
    } else {
        whole
    }
}

const SHOWN: usize = 12;

/// The code of the one candidate of `among` named by `raw` (a code is returned as typed, for the
/// caller's own checks). Several: exit 3 listing them (name, code, county); none: exit 3.
pub fn code_of(conn: &Connection, c: &Campaign, among: Among, flag: &str, raw: &str) -> Result<String> {
    let raw = raw.trim();
    if among.looks_like_code(raw) {
        return Ok(raw.to_string());
    }
    if among == Among::Zones {
        let code = raw.to_uppercase();
        let known: bool = conn
            .prepare_cached("SELECT count(*) > 0 FROM zones WHERE code = ?1")?
            .query_row([&code], |r| r.get(0))?;
        if known {
            return Ok(code);
        }
    }
    if raw.is_empty() {
        return Err(reject(msg!("target-empty", what = among.word(), flag = flag)).into());
    }
    let found = matching(all(conn, c, among)?, raw);
    match found.as_slice() {
        [one] => Ok(one.code.clone()),
        [] => Err(reject(msg!("target-none", what = among.word(), raw = raw))
            .hint(msg!("target-none-hint", list = among.list_command()))
            .into()),
        several => {
            let mut lines: Vec<String> =
                several.iter().take(SHOWN).map(|x| format!("  {}", x.line())).collect();
            if several.len() > SHOWN {
                lines.push(crate::t!("target-more", n = several.len() - SHOWN));
            }
            Err(reject(msg!(
                "target-several",
                what = among.word(),
                raw = raw,
                n = several.len(),
                list = lines.join("\n")
            ))
            .hint(msg!("target-several-hint", flag = flag))
            .into())
        }
    }
}

/// A county of the bureau by its code or name (安吉县, 安吉): a group's counties, a reception's.
pub fn county(conn: &Connection, c: &Campaign, flag: &str, raw: &str) -> Result<String> {
    let code = code_of(conn, c, Among::Counties, flag, raw)?;
    let idx = super::registry::area_index(conn)?;
    Ok(crate::domain::registry::county(&idx, &c.org, &code)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn village(code: &str, name: &str, place: &str) -> Candidate {
        Candidate { code: code.into(), name: name.into(), place: place.into(), county: "安吉县".into() }
    }

    #[test]
    fn a_whole_name_outranks_a_part_and_words_narrow() {
        let all = vec![
            village("330523103207", "鄣吴村委会", "鄣吴镇"),
            village("330523103208", "上鄣吴村委会", "鄣吴镇"),
            village("330523104201", "景溪村委会", "杭垓镇"),
        ];
        let codes =
            |raw: &str| -> Vec<String> { matching(all.clone(), raw).into_iter().map(|c| c.code).collect() };
        assert_eq!(codes("鄣吴村"), ["330523103207"]);
        assert_eq!(codes("鄣吴镇鄣吴村"), ["330523103207"]);
        assert_eq!(codes("鄣吴"), ["330523103207", "330523103208"]);
        assert_eq!(codes("鄣吴镇 上"), ["330523103208"]);
        assert_eq!(codes("景溪"), ["330523104201"]);
        assert!(codes("递铺").is_empty());
    }

    #[test]
    fn codes_are_told_from_names() {
        assert!(Among::Villages.looks_like_code("330523103207"));
        assert!(!Among::Villages.looks_like_code("鄣吴村"));
        assert!(Among::Enterprises.looks_like_code("91330523MA28C1XX0X"));
        assert!(!Among::Enterprises.looks_like_code("天子湖化工"));
    }
}
