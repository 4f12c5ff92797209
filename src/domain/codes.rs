//! Identification codes: statistical division codes (统计用区划代码) and unified social credit
//! codes (统一社会信用代码, GB 32100-2015). Pure functions, no I/O.

use crate::error::{reject, Checked};
use crate::msg;

/// Levels of the division hierarchy, by code length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Province = 1,
    City = 2,
    County = 3,
    Township = 4,
    Village = 5,
}

impl Level {
    pub fn from_len(len: usize) -> Option<Level> {
        match len {
            2 => Some(Level::Province),
            4 => Some(Level::City),
            6 => Some(Level::County),
            9 => Some(Level::Township),
            12 => Some(Level::Village),
            _ => None,
        }
    }
    pub fn from_i64(n: i64) -> Option<Level> {
        [Level::Province, Level::City, Level::County, Level::Township, Level::Village]
            .into_iter()
            .find(|l| *l as i64 == n)
    }
    pub fn code_len(self) -> usize {
        match self {
            Level::Province => 2,
            Level::City => 4,
            Level::County => 6,
            Level::Township => 9,
            Level::Village => 12,
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::City => "city",
            Level::County => "county",
            Level::Township => "township",
            Level::Village => "village",
        }
    }
    pub fn zh(self) -> &'static str {
        match self {
            Level::Province => "省",
            Level::City => "市",
            Level::County => "县",
            Level::Township => "乡镇",
            Level::Village => "村",
        }
    }
    /// The level said in the reader's language (村, township …), for messages.
    pub fn word(self) -> crate::i18n::Arg {
        crate::i18n::Arg::word(format!("level-{}", self.key()), self.key())
    }
    pub fn parse(s: &str) -> Checked<Level> {
        [Level::Province, Level::City, Level::County, Level::Township, Level::Village]
            .into_iter()
            .find(|l| l.key() == s || l.zh() == s)
            .ok_or_else(|| reject(msg!("level-unknown", level = s)).hint(msg!("level-unknown-hint")))
    }
}

/// Parse a division code into its canonical short form. Accepts the 12-digit padded form the NBS
/// tables print (`330523000000` is the county `330523`).
pub fn parse_division(raw: &str) -> Checked<(String, Level)> {
    let s = raw.trim();
    // Quoted in messages escaped and cut: a code from a file may hold anything.
    let raw = &crate::io::escape::quote(raw, 40);
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(reject(msg!("division-not-a-code", raw = raw)).hint(msg!("division-not-a-code-hint")));
    }
    let canonical = if s.len() == 12 {
        // Trailing all-zero segments in a 12-digit code mean a higher level.
        if &s[9..] != "000" {
            s
        } else if &s[6..9] != "000" {
            &s[..9]
        } else if &s[4..6] != "00" {
            &s[..6]
        } else if &s[2..4] != "00" {
            &s[..4]
        } else {
            &s[..2]
        }
    } else {
        s
    };
    let level = Level::from_len(canonical.len()).ok_or_else(|| {
        reject(msg!("division-wrong-length", raw = raw, n = s.len())).hint(msg!("division-not-a-code-hint"))
    })?;
    if canonical.ends_with("00") && level != Level::Province && canonical.len() <= 6 {
        return Err(reject(msg!("division-ends-in-00", raw = raw)));
    }
    Ok((canonical.to_string(), level))
}

/// The parent code of a canonical division code (its prefix one level up).
pub fn parent_code(code: &str) -> Option<&str> {
    match code.len() {
        4 => Some(&code[..2]),
        6 => Some(&code[..4]),
        9 => Some(&code[..6]),
        12 => Some(&code[..9]),
        _ => None,
    }
}

/// True when `code` is `area` itself or lies inside it.
pub fn is_within(code: &str, area: &str) -> bool {
    code.starts_with(area)
}

const USCC_CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// The check character (18th) of the first 17 characters of a credit code, or None if one of them
/// is outside the code's alphabet.
pub fn uscc_check_char(first17: &str) -> Option<char> {
    let mut sum = 0u32;
    let bytes = first17.as_bytes();
    if bytes.len() != 17 {
        return None;
    }
    for (i, b) in bytes.iter().enumerate() {
        let v = USCC_CHARS.iter().position(|c| c == b)? as u32;
        sum += v * USCC_WEIGHTS[i];
    }
    let check = (31 - sum % 31) % 31;
    Some(USCC_CHARS[check as usize] as char)
}

/// Validate a unified social credit code; returns it upper-cased.
pub fn parse_uscc(raw: &str) -> Checked<String> {
    let s = raw.trim().to_ascii_uppercase();
    // Quoted for a message only: a file of 100,000 good codes needs none.
    let shown = || crate::io::escape::quote(raw.trim(), 40);
    if s.chars().count() != 18 {
        return Err(reject(msg!("uscc-wrong-length", code = shown(), n = raw.trim().chars().count())));
    }
    if let Some(bad) = s.chars().find(|c| !c.is_ascii() || !USCC_CHARS.contains(&(*c as u8))) {
        let bad = crate::io::escape::one_line(&bad.to_string()).into_owned();
        return Err(reject(msg!("uscc-bad-character", code = shown(), bad = bad))
            .hint(msg!("uscc-bad-character-hint")));
    }
    let expected = uscc_check_char(&s[..17]).unwrap_or('?');
    let got = s.as_bytes()[17] as char;
    if expected != got {
        return Err(reject(msg!("uscc-bad-check", code = shown(), expected = expected, got = got))
            .hint(msg!("uscc-bad-check-hint")));
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_credit_codes_pass() {
        // Published codes of well-known companies.
        for c in ["91110000802100433B", "91440300708461136T"] {
            assert_eq!(parse_uscc(c).map_err(|e| e.to_string()), Ok(c.to_string()), "{c}");
        }
    }

    #[test]
    fn wrong_check_char_names_the_right_one() {
        let e = parse_uscc("91110000802100433C").unwrap_err();
        assert!(e.message.render(crate::i18n::Lang::En).contains("should be 'B'"), "{}", e.message);
    }

    #[test]
    fn padded_division_codes_are_shortened() {
        assert_eq!(parse_division("330523000000").unwrap().0, "330523");
        assert_eq!(parse_division("330523100000").unwrap().0, "330523100");
        assert_eq!(parse_division("330523100201").unwrap(), ("330523100201".into(), Level::Village));
        assert_eq!(parse_division("330000000000").unwrap().0, "33");
        assert!(parse_division("33052").is_err());
        assert!(parse_division("3305ab").is_err());
        assert!(parse_division("").is_err());
    }

    /// GB 32100-2015 written again here, from the standard, independently of `uscc_check_char`:
    /// the weights are 3^i mod 31 and the check character is the one whose value makes the
    /// weighted sum a multiple of 31. A test that checked codes with the function that made them
    /// could not catch a wrong weight or alphabet in both.
    fn gb32100_check(body: &str) -> char {
        const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        let mut weight = 1u32;
        let mut sum = 0u32;
        for ch in body.chars() {
            sum += ALPHABET.find(ch).expect("a code character") as u32 * weight;
            weight = weight * 3 % 31;
        }
        ALPHABET.chars().nth(((31 - sum % 31) % 31) as usize).unwrap()
    }

    /// Published credit codes of real companies (from their business licences): outside vectors.
    #[test]
    fn real_published_credit_codes_verify() {
        for code in [
            "91330100799655058B", // 阿里巴巴（中国）有限公司
            "914403001922038216", // 华为技术有限公司
            "9144030071526726XG", // 深圳市腾讯计算机系统有限公司
            "91110108551385082Q", // 小米科技有限责任公司
        ] {
            assert_eq!(parse_uscc(code).unwrap(), code);
            assert_eq!(gb32100_check(&code[..17]), code.chars().last().unwrap(), "{code}");
            let wrong: String = code[..17]
                .chars()
                .chain(std::iter::once(if code.ends_with('0') { '1' } else { '0' }))
                .collect();
            assert!(parse_uscc(&wrong).is_err(), "{wrong} has the wrong check character");
        }
    }

    proptest! {
        #![proptest_config(crate::testing::proptest_config("domain::codes", 256))]

        #[test]
        fn check_characters_agree_with_an_independent_gb32100(body in "[0-9A-HJ-NPQRTUWXY]{17}") {
            let c = uscc_check_char(&body).unwrap();
            prop_assert_eq!(c, gb32100_check(&body));
            let full = format!("{body}{c}");
            prop_assert_eq!(parse_uscc(&full).unwrap(), full);
        }

        #[test]
        fn one_changed_character_is_caught(body in "[0-9A-HJ-NPQRTUWXY]{17}", pos in 0usize..17, delta in 1usize..31) {
            let c = uscc_check_char(&body).unwrap();
            let mut bytes: Vec<u8> = body.into_bytes();
            let idx = USCC_CHARS.iter().position(|x| *x == bytes[pos]).unwrap();
            bytes[pos] = USCC_CHARS[(idx + delta) % 31];
            let changed = format!("{}{}", String::from_utf8(bytes).unwrap(), c);
            prop_assert!(parse_uscc(&changed).is_err());
        }

        #[test]
        fn division_parse_never_panics(s in "\\PC{0,20}") {
            let _ = parse_division(&s);
        }

        #[test]
        fn division_parent_is_prefix(code in "[1-6][1-9](0[1-9]|[1-9][0-9])(0[1-9]|[1-9][0-9])") {
            let (c, level) = parse_division(&code).unwrap();
            prop_assert_eq!(level, Level::County);
            let parent = parent_code(&c).unwrap();
            prop_assert!(c.starts_with(parent));
            prop_assert_eq!(parse_division(parent).unwrap().1, Level::City);
        }

        #[test]
        fn uscc_parse_never_panics(s in "\\PC{0,30}") {
            let _ = parse_uscc(&s);
        }
    }
}
