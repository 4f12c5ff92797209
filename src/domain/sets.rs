//! Closed sets of values as types: a finding's status, route, severity, satisfaction and category;
//! a visit's method and target kind. Each is stored and exchanged by its English code (csv, json,
//! the database, bundles) and read by people as its label in their language (catalogue ids
//! `<set>-<code>` in `locales/*/labels.ftl`).
//!
//! Each type: `code()`, `label(lang)`, `FromStr` (the code or the Chinese label), clap `ValueEnum`
//! (so `--help` lists the values and completions complete them; the Chinese label is an alias),
//! `ToSql`/`FromSql`. A code this build does not know (written by a newer peer) is kept as
//! `Unknown(code)` — shown as it is, never silently counted as something else.

use std::str::FromStr;

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::error::Rejected;
use crate::i18n::{self, Lang};

/// What every closed set offers beyond its own type.
pub trait Closed: Sized + 'static {
    /// The catalogue prefix of the labels: `finding-status` for `finding-status-open`.
    const SET: &'static str;
    fn code(&self) -> &str;
    fn known() -> &'static [Self];
    /// The label people read, in `lang`.
    fn label(&self, lang: Lang) -> String {
        let key = format!("{}-{}", Self::SET, self.code());
        if i18n::has(lang, &key) {
            i18n::render(lang, &key, &[])
        } else {
            self.code().to_string()
        }
    }
}

macro_rules! closed_set {
    ($(#[$m:meta])* $name:ident, $set:literal, $what:literal { $($var:ident = $code:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($var,)+
            /// A code this build does not know (from a newer peer).
            Unknown(String),
        }

        impl Closed for $name {
            const SET: &'static str = $set;
            fn code(&self) -> &str {
                match self {
                    $(Self::$var => $code,)+
                    Self::Unknown(s) => s,
                }
            }
            fn known() -> &'static [Self] {
                &[$(Self::$var),+]
            }
        }

        impl $name {
            pub fn code(&self) -> &str {
                Closed::code(self)
            }
            /// The label in the process's language.
            pub fn label(&self) -> String {
                Closed::label(self, i18n::lang())
            }
            /// From a stored code: unknown codes are kept as they are.
            pub fn from_code(code: &str) -> Self {
                match code {
                    $($code => Self::$var,)+
                    other => Self::Unknown(other.to_string()),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl FromStr for $name {
            type Err = Rejected;
            /// The code or the label (Chinese or English), as a clerk types it.
            fn from_str(raw: &str) -> Result<Self, Rejected> {
                parse_known::<Self>(raw, $what)
            }
        }

        impl clap::ValueEnum for $name {
            fn value_variants<'a>() -> &'a [Self] {
                Self::known()
            }
            fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
                match self {
                    Self::Unknown(_) => None,
                    v => Some(clap::builder::PossibleValue::new(v.code().to_string()).alias(Closed::label(v, Lang::Zh))),
                }
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.code()))
            }
        }

        impl FromSql for $name {
            fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> {
                v.as_str().map(Self::from_code)
            }
        }
    };
}

fn parse_known<T: Closed + Clone>(raw: &str, what: &'static str) -> Result<T, Rejected> {
    let s = raw.trim();
    let found = T::known()
        .iter()
        .find(|v| v.code() == s || v.label(Lang::Zh) == s || v.label(Lang::En).eq_ignore_ascii_case(s));
    match found {
        Some(v) => Ok(v.clone()),
        None => {
            let values: Vec<String> = T::known()
                .iter()
                .map(|v| match i18n::lang() {
                    Lang::Zh => format!("{}（{}）", v.code(), v.label(Lang::Zh)),
                    Lang::En => v.code().to_string(),
                })
                .collect();
            let what = i18n::render(i18n::lang(), what, &[]);
            Err(crate::error::reject(crate::msg!("set-unknown-value", what = what, value = raw)).hint(
                crate::msg!(
                    "set-use-one-of",
                    values = values.join(&i18n::render(i18n::lang(), "clap-list-sep", &[]))
                ),
            ))
        }
    }
}

closed_set!(
    /// A finding's place in its lifecycle (see `domain::finding`).
    FindingStatus, "finding-status", "set-finding-status" {
        Open = "open",
        InProgress = "in-progress",
        Referred = "referred",
        Acknowledged = "acknowledged",
        Resolved = "resolved",
        Closed = "closed",
    }
);

closed_set!(
    /// Handled by the bureau itself (本级办理) or referred (转办).
    Route, "route", "set-route" {
        Env = "env",
        Other = "other",
    }
);

closed_set!(
    /// How serious a finding is.
    Severity, "severity", "set-severity" {
        Low = "low",
        Medium = "medium",
        High = "high",
    }
);

closed_set!(
    /// What the people concerned said at the follow-up (回访).
    Satisfaction, "satisfaction", "set-satisfaction" {
        Satisfied = "satisfied",
        Basic = "basic",
        Unsatisfied = "unsatisfied",
    }
);

closed_set!(
    /// A finding's category (问题类别).
    Category, "category", "set-category" {
        Water = "water",
        Air = "air",
        SolidWaste = "solid-waste",
        Noise = "noise",
        Soil = "soil",
        DrinkingWater = "drinking-water",
        Rural = "rural",
        Approval = "approval",
        EmissionReduction = "emission-reduction",
        Upgrading = "upgrading",
        Capacity = "capacity",
        Petition = "petition",
        Other = "other",
    }
);

closed_set!(
    /// How a visit was made (走访方式).
    Method, "method", "set-method" {
        Forum = "forum",
        Survey = "survey",
        Onsite = "onsite",
        Reception = "reception",
    }
);

closed_set!(
    /// What a visit went to.
    TargetKind, "target-kind", "set-target-kind" {
        Village = "village",
        Enterprise = "enterprise",
        Zone = "zone",
        Bureau = "bureau",
        Reception = "reception",
    }
);

/// A code of closed set `T` as a message's variable: its label in the language the message is
/// read in.
pub fn word_of<T: Closed>(code: &str) -> crate::i18n::Arg {
    crate::i18n::Arg::word(format!("{}-{code}", T::SET), code)
}

/// The label of `code` in set `T`, in the process's language (a table cell for people).
pub fn label_of<T: Closed>(code: &str) -> String {
    match T::known().iter().find(|v| v.code() == code) {
        Some(v) => v.label(i18n::lang()),
        None => code.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{finding, reference, visit};

    /// The Chinese labels people type are the ones the domain's tables know.
    fn same<T: Closed>(table: &[(&str, &str)]) {
        let codes: Vec<&str> = T::known().iter().map(|v| v.code()).collect();
        let table_codes: Vec<&str> = table.iter().map(|(c, _)| *c).collect();
        assert_eq!(codes, table_codes, "{}", T::SET);
        for (code, zh) in table {
            let v = T::known().iter().find(|v| v.code() == *code).unwrap();
            assert_eq!(v.label(Lang::Zh), *zh, "{}-{code}", T::SET);
            assert!(v.label(Lang::En).is_ascii() && v.label(Lang::En) != *code || v.label(Lang::En) == *code);
        }
    }

    #[test]
    fn labels_match_the_domain_tables() {
        same::<FindingStatus>(&finding::STATUSES);
        same::<Route>(&finding::ROUTES);
        same::<Severity>(&finding::SEVERITIES);
        same::<Satisfaction>(&finding::SATISFACTION);
        same::<Category>(&reference::CATEGORIES);
        same::<Method>(&visit::METHODS);
        same::<TargetKind>(&visit::TARGET_KINDS);
    }

    #[test]
    fn codes_and_labels_parse_and_unknown_codes_are_kept() {
        assert_eq!("水污染".parse::<Category>().unwrap(), Category::Water);
        assert_eq!("water".parse::<Category>().unwrap(), Category::Water);
        assert_eq!("Water pollution".parse::<Category>().unwrap(), Category::Water);
        assert!("fire".parse::<Category>().is_err());
        assert_eq!(Route::from_code("split"), Route::Unknown("split".into()));
        assert_eq!(Route::from_code("split").code(), "split");
    }
}
