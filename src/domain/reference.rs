//! Reference data of SPEC §1: the same codes in every database. Seeded by `init`, and used by the
//! domain to parse what a user types (a code or its Chinese label).

use crate::error::{reject, Checked};
use crate::msg;

pub struct WorkItem {
    pub code: i64,
    pub key: &'static str,
    pub name_zh: &'static str,
    pub lead_division: &'static str,
}

pub const WORK_ITEMS: [WorkItem; 9] = [
    WorkItem { code: 1, key: "village", name_zh: "进农村、访农家", lead_division: "生态处" },
    WorkItem {
        code: 2, key: "enterprise", name_zh: "进企业、解难题", lead_division: "污染防治处"
    },
    WorkItem {
        code: 3,
        key: "cluster",
        name_zh: "产业集聚区、年度重大项目环保服务",
        lead_division: "建设处",
    },
    WorkItem {
        code: 4, key: "reception", name_zh: "领导干部大接访", lead_division: "执法稽查总队"
    },
    WorkItem {
        code: 5,
        key: "hazard",
        name_zh: "环境安全隐患排查(饮用水水源)",
        lead_division: "执法稽查总队",
    },
    WorkItem {
        code: 6,
        key: "dual-service",
        name_zh: "“服务企业、服务基层”专项行动",
        lead_division: "人事处",
    },
    WorkItem {
        code: 7, key: "research", name_zh: "“改善发展环境”百组调研", lead_division: "办公室"
    },
    WorkItem {
        code: 8, key: "publicity", name_zh: "“走基层、转作风、改文风”", lead_division: "宣教中心"
    },
    WorkItem { code: 9, key: "bureau", name_zh: "访县局、强基础", lead_division: "人事处" },
];

/// Work item 5, whose findings are the hazards the reports count apart (隐患排查整改).
pub const HAZARD_ITEM: i64 = WORK_ITEMS[4].code;

/// A work item by its number, key or Chinese name.
pub fn work_item(raw: &str) -> Checked<&'static WorkItem> {
    let s = raw.trim();
    WORK_ITEMS.iter().find(|w| w.code.to_string() == s || w.key == s || w.name_zh == s).ok_or_else(|| {
        reject(msg!("ref-unknown-work-item", raw = raw)).hint(msg!(
            "ref-unknown-work-item-hint",
            keys =
                "village, enterprise, cluster, reception, hazard, dual-service, research, publicity, bureau"
        ))
    })
}

pub const PROHIBITIONS: [(&str, &str); 5] = [
    ("meals", "吃请和报销"),
    ("gifts", "有价证券或礼品"),
    ("entertainment", "公款娱乐"),
    ("against-will", "违背群众意愿"),
    ("escort", "层层陪同和迎送"),
];

pub const CATEGORIES: [(&str, &str); 13] = [
    ("water", "水污染"),
    ("air", "大气污染"),
    ("solid-waste", "固废危废"),
    ("noise", "噪声"),
    ("soil", "土壤"),
    ("drinking-water", "饮用水源安全"),
    ("rural", "农村环境"),
    ("approval", "环评与审批"),
    ("emission-reduction", "总量减排"),
    ("upgrading", "转型升级"),
    ("capacity", "基层能力建设"),
    ("petition", "信访诉求"),
    ("other", "其他"),
];

pub const DELIVERABLES: [(&str, &str, &str); 3] =
    [("plan", "实施方案", "02-25"), ("progress", "阶段性进展", "03-25"), ("final", "书面报告", "06-25")];

pub const ENTERPRISE_TAGS: [(&str, &str); 7] = [
    ("difficulty:pollution", "污染防治困难"),
    ("difficulty:upgrading", "转型升级困难"),
    ("difficulty:emission", "总量减排困难"),
    ("promising", "发展前景好"),
    ("featured", "有特色"),
    ("env-industry", "环保产业"),
    ("key-project", "重大项目"),
];

/// Look a code up in a (code, label) table by its code or its Chinese label.
pub fn lookup<'a>(table: &'a [(&'a str, &'a str)], raw: &str, what: &str) -> Checked<&'a str> {
    let s = raw.trim();
    table.iter().find(|(c, l)| *c == s || *l == s).map(|(c, _)| *c).ok_or_else(|| {
        let codes: Vec<&str> = table.iter().map(|(c, _)| *c).collect();
        let what = crate::i18n::Arg::word(format!("ref-what-{}", what.replace(' ', "-")), what);
        reject(msg!("ref-unknown", what = what, raw = raw))
            .hint(msg!("ref-use-one-of", codes = codes.join(", ")))
    })
}

/// The label of a prohibition (五不准) in the process's language.
pub fn prohibition_label(code: &str) -> String {
    crate::i18n::lookup(&format!("prohibition-{code}")).unwrap_or_else(|| code.to_string())
}

/// The name of work item `code` in the process's language.
pub fn work_item_name(code: i64) -> String {
    crate::i18n::lookup(&format!("work-item-{code}")).unwrap_or_else(|| code.to_string())
}

pub fn label<'a>(table: &'a [(&'a str, &'a str)], code: &str) -> &'a str {
    table.iter().find(|(c, _)| *c == code).map(|(_, l)| *l).unwrap_or("")
}

/// Parse a `;`- or `,`-separated tag list into sorted, de-duplicated tag codes.
pub fn parse_tags(raw: &str) -> Checked<String> {
    let mut tags: Vec<&str> = Vec::new();
    for part in raw.split([';', ',', '；', '，']).map(str::trim).filter(|p| !p.is_empty()) {
        tags.push(lookup(&ENTERPRISE_TAGS, part, "enterprise tag")?);
    }
    tags.sort_unstable();
    tags.dedup();
    Ok(tags.join(";"))
}

/// yes/no as a clerk's spreadsheet writes it.
pub fn parse_yes_no(raw: &str) -> Checked<bool> {
    match raw.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "是" | "有" => Ok(true),
        "no" | "n" | "false" | "0" | "否" | "无" | "" => Ok(false),
        _ => Err(reject(msg!("ref-not-yes-no", raw = raw)).hint(msg!("ref-not-yes-no-hint"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_labels_both_parse() {
        assert_eq!(lookup(&CATEGORIES, "水污染", "category").unwrap(), "water");
        assert_eq!(lookup(&CATEGORIES, "water", "category").unwrap(), "water");
        assert!(lookup(&CATEGORIES, "fire", "category").is_err());
        assert_eq!(work_item("2").unwrap().key, "enterprise");
        assert_eq!(work_item("hazard").unwrap().code, 5);
        assert_eq!(HAZARD_ITEM, work_item("hazard").unwrap().code);
    }

    #[test]
    fn tags_are_normalised() {
        assert_eq!(
            parse_tags("promising; difficulty:pollution;promising").unwrap(),
            "difficulty:pollution;promising"
        );
        assert!(parse_tags("rich").is_err());
        assert_eq!(parse_tags("").unwrap(), "");
    }

    #[test]
    fn yes_no_variants() {
        for y in ["是", "yes", "TRUE", "1"] {
            assert!(parse_yes_no(y).unwrap());
        }
        for n in ["否", "no", "false", "0"] {
            assert!(!parse_yes_no(n).unwrap());
        }
        assert!(parse_yes_no("maybe").is_err());
    }
}
