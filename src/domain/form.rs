//! Feedback forms (情况反馈表) as data: a definition of fields shipped in the binary (`forms/`),
//! replaceable per database, and the validation of a visit's answers against it.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{reject, Checked};
use crate::i18n::Msg;
use crate::msg;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    Choice,
    Multi,
    YesNo,
    Integer,
    Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormField {
    pub key: String,
    pub label: String,
    #[serde(rename = "type")]
    pub kind: FieldType,
    #[serde(default)]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormDef {
    pub kind: String,
    pub title: String,
    #[serde(default)]
    pub division: String,
    pub fields: Vec<FormField>,
}

pub const KINDS: [&str; 3] = ["enterprise", "village", "bureau"];

/// The default forms of SPEC §5, version 1 of every database.
pub fn default_def(kind: &str) -> Option<&'static str> {
    match kind {
        "enterprise" => Some(include_str!("../../forms/enterprise.json")),
        "village" => Some(include_str!("../../forms/village.json")),
        "bureau" => Some(include_str!("../../forms/bureau.json")),
        _ => None,
    }
}

/// The form a target kind is filled with: zones use the enterprise form, receptions none.
pub fn kind_for_target(target_kind: &str) -> Option<&'static str> {
    match target_kind {
        "enterprise" | "zone" => Some("enterprise"),
        "village" => Some("village"),
        "bureau" => Some("bureau"),
        _ => None,
    }
}

/// Parse and check a form definition (as `form define` receives it).
pub fn parse_def(text: &str, kind: &str) -> Checked<FormDef> {
    let def: FormDef = serde_json::from_str(text).map_err(|e| {
        reject(msg!("form-def-invalid", detail = e.to_string())).hint(msg!("form-def-invalid-hint"))
    })?;
    if def.kind != kind {
        return Err(reject(msg!("form-def-wrong-kind", def = def.kind.as_str(), kind = kind)));
    }
    if def.fields.is_empty() {
        return Err(reject(msg!("form-def-no-fields")));
    }
    let mut seen = std::collections::HashSet::new();
    for f in &def.fields {
        if f.key.is_empty()
            || !f.key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(reject(msg!("form-def-bad-key", key = f.key.as_str())));
        }
        if !seen.insert(f.key.as_str()) {
            return Err(reject(msg!("form-def-key-twice", key = f.key.as_str())));
        }
        let has_choices = matches!(f.kind, FieldType::Choice | FieldType::Multi);
        if has_choices == f.choices.is_empty() {
            return Err(reject(msg!("form-def-choices", key = f.key.as_str())));
        }
    }
    Ok(def)
}

impl FormDef {
    fn field(&self, key: &str) -> Option<&FormField> {
        self.fields.iter().find(|f| f.key == key || f.label == key)
    }

    /// Check raw answers (key or label → typed text) and give the JSON object that is stored.
    /// Several choices are comma-separated; a choice may be its code or its label.
    pub fn validate(&self, answers: &[(String, String)]) -> Checked<Map<String, Value>> {
        let mut out = Map::new();
        for (k, raw) in answers {
            let f = self.field(k.trim()).ok_or_else(|| {
                let keys: Vec<&str> = self.fields.iter().map(|f| f.key.as_str()).collect();
                reject(msg!("form-no-field", title = self.title.as_str(), key = k.as_str()))
                    .hint(msg!("form-fields-are", keys = keys.join(", ")))
            })?;
            let raw = raw.trim();
            if raw.is_empty() {
                continue;
            }
            out.insert(f.key.clone(), f.parse(raw)?);
        }
        for f in self.fields.iter().filter(|f| f.required) {
            if !out.contains_key(&f.key) {
                return Err(reject(msg!(
                    "form-required",
                    title = self.title.as_str(),
                    label = f.label.as_str(),
                    key = f.key.as_str()
                ))
                .hint(msg!(
                    "form-required-hint",
                    key = f.key.as_str(),
                    allowed = f.allowed_msg()
                )));
            }
        }
        Ok(out)
    }

    /// The answers as stored (`stored`) with some changed (`visit edit --answer`): each given
    /// answer replaces the field's, an empty one clears it, and the whole is validated again as
    /// `visit log` validates it (a required field cleared is refused).
    pub fn amend(
        &self,
        stored: &Map<String, Value>,
        given: &[(String, String)],
    ) -> Checked<Map<String, Value>> {
        let mut raw = answers_from_map(stored.clone());
        for (k, v) in given {
            match self.field(k.trim()) {
                Some(f) => {
                    raw.retain(|(old, _)| *old != f.key);
                    raw.push((f.key.clone(), v.clone()));
                }
                // Left in, for `validate` to refuse with the form's fields listed.
                None => raw.push((k.clone(), v.clone())),
            }
        }
        self.validate(&raw)
    }
}

impl FormField {
    /// What may be written, for messages and prompts.
    pub fn allowed(&self) -> String {
        self.allowed_msg().to_string()
    }

    /// [`allowed`](Self::allowed) as a message, said when shown.
    pub fn allowed_msg(&self) -> Msg {
        match self.kind {
            FieldType::Choice | FieldType::Multi => {
                let list: Vec<String> = self.choices.iter().map(|(c, l)| format!("{c} {l}")).collect();
                let list = list.join(", ");
                if self.kind == FieldType::Multi {
                    msg!("form-allowed-several", list = list)
                } else {
                    msg!("form-allowed-one", list = list)
                }
            }
            FieldType::YesNo => msg!("form-allowed-yes-no"),
            FieldType::Integer => msg!("form-allowed-integer"),
            FieldType::Text => msg!("form-allowed-text"),
        }
    }

    fn choice(&self, raw: &str) -> Checked<String> {
        let s = raw.trim();
        self.choices.iter().find(|(c, l)| c == s || l == s).map(|(c, _)| c.clone()).ok_or_else(|| {
            reject(msg!("form-bad-choice", label = self.label.as_str(), key = self.key.as_str(), raw = raw))
                .hint(msg!("form-allowed", allowed = self.allowed_msg()))
        })
    }

    pub fn parse(&self, raw: &str) -> Checked<Value> {
        Ok(match self.kind {
            FieldType::Text => Value::String(raw.to_string()),
            FieldType::Integer => {
                let n: u32 = raw.parse().map_err(|_| {
                    reject(msg!(
                        "form-not-integer",
                        label = self.label.as_str(),
                        key = self.key.as_str(),
                        raw = raw
                    ))
                })?;
                Value::from(n)
            }
            FieldType::YesNo => Value::Bool(crate::domain::reference::parse_yes_no(raw).map_err(|_| {
                reject(msg!(
                    "form-not-yes-no",
                    label = self.label.as_str(),
                    key = self.key.as_str(),
                    raw = raw
                ))
            })?),
            FieldType::Choice => Value::String(self.choice(raw)?),
            FieldType::Multi => {
                let mut codes = Vec::new();
                for part in raw.split([',', '，', ';', '、']).map(str::trim).filter(|p| !p.is_empty()) {
                    let c = self.choice(part)?;
                    if !codes.contains(&c) {
                        codes.push(c);
                    }
                }
                Value::Array(codes.into_iter().map(Value::String).collect())
            }
        })
    }

    /// How a stored answer reads on a printed form (labels, not codes).
    pub fn display(&self, v: &Value) -> String {
        let label = |c: &str| {
            self.choices.iter().find(|(k, _)| k == c).map(|(_, l)| l.clone()).unwrap_or_else(|| c.to_string())
        };
        match v {
            Value::String(s) if self.kind == FieldType::Choice => label(s),
            Value::String(s) => s.clone(),
            Value::Bool(b) => if *b { "是" } else { "否" }.to_string(),
            Value::Array(a) => a.iter().filter_map(Value::as_str).map(label).collect::<Vec<_>>().join("、"),
            Value::Null => String::new(),
            other => other.to_string(),
        }
    }
}

/// One answer given on the command line (`--answer KEY=VALUE`): the key (or label) and the text.
pub fn answer_arg(kv: &str) -> Checked<(String, String)> {
    let (k, v) = kv.split_once('=').ok_or_else(|| {
        reject(crate::msg!("visit-answer-not-key-value", raw = kv))
            .hint(crate::msg!("visit-answer-not-key-value-hint"))
    })?;
    Ok((k.trim().to_string(), v.to_string()))
}

/// A form file (`--form-file F.json`): an object of key → string, number, bool or list.
pub fn answers_from_json(text: &str) -> Checked<Vec<(String, String)>> {
    let v: Value =
        serde_json::from_str(text).map_err(|e| reject(msg!("form-file-not-json", detail = e.to_string())))?;
    let Value::Object(map) = v else {
        return Err(reject(msg!("form-file-not-object")));
    };
    Ok(answers_from_map(map))
}

/// Answers as a JSON object (a form file, or as stored) back into typed text, field by field.
fn answers_from_map(map: Map<String, Value>) -> Vec<(String, String)> {
    map.into_iter()
        .map(|(k, v)| {
            let raw = match v {
                Value::String(s) => s,
                Value::Array(a) => a
                    .iter()
                    .map(|x| x.as_str().map(str::to_string).unwrap_or_else(|| x.to_string()))
                    .collect::<Vec<_>>()
                    .join(","),
                Value::Bool(b) => if b { "yes" } else { "no" }.to_string(),
                Value::Null => String::new(),
                other => other.to_string(),
            };
            (k, raw)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn form(kind: &str) -> FormDef {
        parse_def(default_def(kind).unwrap(), kind).unwrap()
    }

    fn a(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn default_forms_parse() {
        for k in KINDS {
            assert_eq!(form(k).kind, k);
        }
    }

    #[test]
    fn codes_and_labels_are_both_accepted() {
        let f = form("village");
        let out = f
            .validate(&a(&[("households", "12"), ("concerns", "sewage,生活垃圾"), ("供水方式", "集中式")]))
            .unwrap();
        assert_eq!(out["households"], 12);
        assert_eq!(out["concerns"], serde_json::json!(["sewage", "garbage"]));
        assert_eq!(out["water_supply"], "central");
    }

    #[test]
    fn required_and_choices_are_enforced_with_labels() {
        let f = form("enterprise");
        let e = f.validate(&a(&[("production", "normal")])).unwrap_err();
        assert!(e.message.contains("环保设施运行"), "{}", e.message);
        let e = f.validate(&a(&[("production", "booming"), ("facilities", "normal")])).unwrap_err();
        assert!(e.message.contains("生产经营状况") && e.hint.unwrap().contains("减产限产"));
        assert!(form("village").validate(&a(&[("households", "-3")])).is_err());
        assert!(form("village").validate(&a(&[("households", "3"), ("colour", "red")])).is_err());
    }

    #[test]
    fn amended_answers_are_validated_whole() {
        let f = form("village");
        let stored = f.validate(&a(&[("households", "3"), ("concerns", "sewage")])).unwrap();
        let out = f.amend(&stored, &a(&[("走访农户数", "5"), ("concerns", "")])).unwrap();
        assert_eq!(out["households"], 5);
        assert!(!out.contains_key("concerns"), "an empty answer clears the field");
        assert!(f.amend(&stored, &a(&[("households", "")])).is_err(), "a required field stays");
        assert!(f.amend(&stored, &a(&[("households", "many")])).is_err());
        assert!(f.amend(&stored, &a(&[("colour", "red")])).is_err());
        assert_eq!(f.amend(&stored, &[]).unwrap(), stored);
    }

    #[test]
    fn bad_definitions_are_refused() {
        assert!(parse_def("{}", "village").is_err());
        assert!(parse_def(default_def("village").unwrap(), "bureau").is_err());
        let dup = r#"{"kind":"bureau","title":"t","fields":[{"key":"a","label":"A","type":"text"},{"key":"a","label":"B","type":"text"}]}"#;
        assert!(parse_def(dup, "bureau").is_err());
    }

    proptest! {
        #[test]
        fn answer_parsing_never_panics(k in "\\PC{0,12}", v in "\\PC{0,20}") {
            for kind in KINDS {
                let _ = form(kind).validate(&[(k.clone(), v.clone())]);
            }
            let _ = answers_from_json(&v);
        }
    }
}
