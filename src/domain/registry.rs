//! Rules for the registries: areas, enterprises, zones and staff. Every path that writes them
//! (single add, edit, bulk import, sync) goes through these checks.

use std::collections::HashMap;

use super::codes::{self, Level};
use super::reference;
use super::text;
use crate::error::{reject, Checked};
use crate::i18n::Later;
use crate::msg;

/// What the database knows of areas: code → (level, name). Loaded once per command.
#[derive(Default)]
pub struct AreaIndex {
    pub areas: HashMap<String, (Level, String)>,
}

impl AreaIndex {
    pub fn level(&self, code: &str) -> Option<Level> {
        self.areas.get(code).map(|a| a.0)
    }
    pub fn name(&self, code: &str) -> &str {
        self.areas.get(code).map(|a| a.1.as_str()).unwrap_or("")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    pub code: String,
    pub name: String,
    pub level: Level,
    pub parent: Option<String>,
}

/// Refuse a code outside the bureau's own area.
pub fn within_bureau(org: &str, code: &str) -> Checked<()> {
    if codes::is_within(code, org) {
        Ok(())
    } else {
        Err(reject(msg!("area-outside-bureau", code = code, org = org))
            .hint(msg!("area-outside-bureau-hint")))
    }
}

/// A township or village to add under the bureau. Its parent must already be known.
pub fn area(idx: &AreaIndex, org: &str, code: &str, name: &str, want: Option<Level>) -> Checked<Area> {
    let (code, level) = codes::parse_division(code)?;
    if let Some(w) = want {
        if w != level {
            return Err(reject(msg!("area-wrong-level", code = code, level = level.word(), want = w.word())));
        }
    }
    if level < Level::Township {
        return Err(reject(msg!("area-built-in", code = code, level = level.word())));
    }
    within_bureau(org, &code)?;
    let name = &text::name(msg!("text-what-area-name", code = code), name)?;
    if name.is_empty() {
        return Err(reject(msg!("area-empty-name", code = code)));
    }
    let parent = codes::parent_code(&code).map(str::to_string);
    if let Some(p) = &parent {
        if idx.level(p).is_none() {
            let what = if level == Level::Village { Level::Township } else { Level::County };
            return Err(reject(msg!(
                "area-parent-missing",
                code = code,
                name = name,
                what = what.word(),
                parent = p
            ))
            .hint(msg!("area-parent-missing-hint")));
        }
    }
    Ok(Area { code, name: name.to_string(), level, parent })
}

/// A county of the bureau, as typed by a user.
pub fn county(idx: &AreaIndex, org: &str, raw: &str) -> Checked<String> {
    let (code, level) = codes::parse_division(raw)?;
    if level != Level::County {
        return Err(reject(msg!(
            "area-wrong-level",
            code = code,
            level = level.word(),
            want = Level::County.word()
        )));
    }
    if idx.level(&code).is_none() {
        return Err(reject(msg!("area-county-not-in-province", code = code)));
    }
    within_bureau(org, &code)?;
    Ok(code)
}

/// A village of the bureau, as typed by a user.
pub fn village(idx: &AreaIndex, org: &str, raw: &str) -> Checked<String> {
    let (code, level) = codes::parse_division(raw)?;
    if level != Level::Village {
        return Err(reject(msg!(
            "area-wrong-level",
            code = code,
            level = level.word(),
            want = Level::Village.word()
        )));
    }
    within_bureau(org, &code)?;
    if idx.level(&code).is_none() {
        return Err(reject(msg!("area-village-missing", code = code)).hint(msg!("area-village-missing-hint")));
    }
    Ok(code)
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Enterprise {
    pub uscc: String,
    pub name: String,
    pub county: String,
    pub village: Option<String>,
    pub industry: String,
    pub zone: Option<String>,
    pub tags: String,
    pub contact: String,
    pub phone: String,
}

/// What a user typed for an enterprise, before checks.
#[derive(Debug, Default, Clone)]
pub struct EnterpriseInput<'a> {
    pub uscc: &'a str,
    pub name: &'a str,
    pub county: &'a str,
    pub village: &'a str,
    pub industry: &'a str,
    pub zone: &'a str,
    pub tags: &'a str,
    pub contact: &'a str,
    pub phone: &'a str,
}

/// Check an enterprise: credit code, name, county under the bureau, village inside that county,
/// zone known (`zone_county` gives a zone's county), tags from SPEC §2.
pub fn enterprise(
    idx: &AreaIndex,
    org: &str,
    zone_county: &dyn Fn(&str) -> Option<String>,
    i: &EnterpriseInput,
) -> Checked<Enterprise> {
    let uscc = codes::parse_uscc(i.uscc)?;
    let name = &text::name(Later(|| msg!("text-what-enterprise-name", uscc = &uscc)), i.name)?;
    if name.is_empty() {
        return Err(reject(msg!("enterprise-empty-name", uscc = uscc)));
    }
    let county = county(idx, org, i.county)?;
    let village = match i.village.trim() {
        "" => None,
        v => {
            let v = village(idx, org, v)?;
            if !v.starts_with(&county) {
                return Err(reject(msg!("enterprise-village-not-in-county", village = v, county = county)));
            }
            Some(v)
        }
    };
    let zone = match i.zone.trim() {
        "" => None,
        z => match zone_county(z) {
            Some(c) if c == county => Some(z.to_uppercase()),
            Some(c) => {
                return Err(reject(msg!(
                    "enterprise-zone-other-county",
                    zone = z,
                    zone_county = c,
                    county = county
                )))
            }
            None => return Err(reject(msg!("zone-unknown", zone = z)).hint(msg!("zone-unknown-hint"))),
        },
    };
    let industry = text::name(Later(|| msg!("text-what-enterprise-industry", uscc = &uscc)), i.industry)?;
    let contact = text::name(Later(|| msg!("text-what-enterprise-contact", uscc = &uscc)), i.contact)?;
    let phone = text::name(Later(|| msg!("text-what-enterprise-phone", uscc = &uscc)), i.phone)?;
    Ok(Enterprise {
        uscc,
        name: name.to_string(),
        county,
        village,
        industry,
        zone,
        tags: reference::parse_tags(i.tags)?,
        contact,
        phone,
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staff {
    pub name: String,
    pub org: String,
    pub title: String,
    pub division: String,
    pub leader: bool,
    pub lg_role: Option<String>,
    pub phone: String,
}

pub const LG_ROLES: [(&str, &str); 3] = [("head", "组长"), ("deputy", "副组长"), ("member", "成员")];

/// What a user typed for a staff member, before checks.
#[derive(Debug, Default, Clone)]
pub struct StaffInput<'a> {
    pub name: &'a str,
    pub org: &'a str,
    pub title: &'a str,
    pub division: &'a str,
    pub leader: bool,
    pub lg_role: &'a str,
    pub phone: &'a str,
}

/// Check a staff member: a name, an org that is this bureau or inside it, a known role.
pub fn staff(idx: &AreaIndex, bureau: &str, i: &StaffInput) -> Checked<Staff> {
    let StaffInput { name, org, title, division, leader, lg_role, phone } = *i;
    let name = &text::name(msg!("text-what-staff-name"), name)?;
    if name.is_empty() {
        return Err(reject(msg!("staff-empty-name")));
    }
    let org = match org.trim() {
        "" => bureau.to_string(),
        o => {
            let (code, level) = codes::parse_division(o)?;
            if level > Level::County {
                return Err(reject(msg!("staff-org-not-bureau", code = code)));
            }
            within_bureau(bureau, &code)?;
            if idx.level(&code).is_none() {
                return Err(reject(msg!("staff-org-unknown", code = code)));
            }
            code
        }
    };
    let lg_role = match lg_role.trim() {
        "" => None,
        r => Some(reference::lookup(&LG_ROLES, r, "leading-group role")?.to_string()),
    };
    Ok(Staff {
        name: name.to_string(),
        org,
        title: text::name(msg!("text-what-staff-title", name = name), title)?,
        division: text::name(msg!("text-what-staff-division", name = name), division)?,
        leader,
        lg_role,
        phone: text::name(msg!("text-what-staff-phone", name = name), phone)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn idx() -> AreaIndex {
        let mut i = AreaIndex::default();
        for (c, l) in [
            ("33", Level::Province),
            ("3305", Level::City),
            ("330523", Level::County),
            ("330523100", Level::Township),
            ("330523100201", Level::Village),
            ("330522", Level::County),
        ] {
            i.areas.insert(c.into(), (l, "x".into()));
        }
        i
    }

    #[test]
    fn villages_need_their_township() {
        assert!(area(&idx(), "330523", "330523100202", "新村", None).is_ok());
        let e = area(&idx(), "330523", "330523101001", "新村", None).unwrap_err();
        assert!(e.message.render(crate::i18n::Lang::En).contains("township 330523101"), "{}", e.message);
        assert!(area(&idx(), "330523", "330522100001", "别县", None).is_err());
        assert!(area(&idx(), "330523", "330523100202", " ", None).is_err());
    }

    #[test]
    fn enterprise_rules() {
        let none = |_: &str| None;
        let ok = EnterpriseInput {
            uscc: "91110000802100433B",
            name: "甲",
            county: "330523",
            village: "330523100201",
            ..Default::default()
        };
        assert!(enterprise(&idx(), "330523", &none, &ok).is_ok());
        let other_county = EnterpriseInput { county: "330522", ..ok.clone() };
        assert!(enterprise(&idx(), "330523", &none, &other_county).is_err());
        let bad_village = EnterpriseInput { village: "330523100299", ..ok.clone() };
        assert!(enterprise(&idx(), "330523", &none, &bad_village).is_err());
        let unknown_zone = EnterpriseInput { zone: "Z9", ..ok };
        assert!(enterprise(&idx(), "330523", &none, &unknown_zone).is_err());
    }
}
