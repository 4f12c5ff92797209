//! Evidence (佐证材料, SPEC §2 "Attachments"): what a file must be to be kept, whether a photo fits
//! the record it is attached to, the rule that a finding is closed (销号) on an `after` photo, and
//! how exported files are named. No I/O: the bytes are judged by `io::photo`, stored by
//! `store::attachments`.

use chrono::{NaiveDate, NaiveDateTime};

use crate::error::{reject, Checked};
use crate::msg;

/// Kinds of attachment, with their Chinese labels.
pub const KINDS: [(&str, &str); 5] =
    [("before", "整改前"), ("after", "整改后"), ("scene", "现场"), ("form", "反馈表"), ("other", "其他")];

/// Photos whose long side is longer than this are scaled down to it on the way in.
pub const MAX_SIDE: u32 = 2048;
/// Files larger than this are refused (a phone photo is 2–8 MB; a scanned form rarely 10 MB).
pub const MAX_FILE_BYTES: u64 = 25 * 1024 * 1024;
/// Images with more pixels than this are refused before decoding (memory stays bounded).
pub const MAX_PIXELS: u64 = 64_000_000;
/// The work item whose findings need an `after` photo to close unless the bureau says otherwise.
pub const DEFAULT_RULE_ITEM: i64 = 5;

/// The kinds of file kept, recognised by their content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mime {
    Jpeg,
    Png,
    Pdf,
}

impl Mime {
    pub fn as_str(self) -> &'static str {
        match self {
            Mime::Jpeg => "image/jpeg",
            Mime::Png => "image/png",
            Mime::Pdf => "application/pdf",
        }
    }
    pub fn parse(s: &str) -> Option<Mime> {
        match s {
            "image/jpeg" => Some(Mime::Jpeg),
            "image/png" => Some(Mime::Png),
            "application/pdf" => Some(Mime::Pdf),
            _ => None,
        }
    }
    pub fn extension(self) -> &'static str {
        match self {
            Mime::Jpeg => "jpg",
            Mime::Png => "png",
            Mime::Pdf => "pdf",
        }
    }
    pub fn is_image(self) -> bool {
        matches!(self, Mime::Jpeg | Mime::Png)
    }
}

/// What a file is, from its first bytes (its name is not trusted).
pub fn sniff(bytes: &[u8]) -> Option<Mime> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Mime::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Mime::Png)
    } else if bytes.starts_with(b"%PDF-") {
        Some(Mime::Pdf)
    } else {
        None
    }
}

/// Whether the file is whole: a truncated file misses the end marker of its format.
/// JPEG: an end-of-image marker after the last start-of-scan. PNG: the IEND chunk at the end.
/// PDF: `%%EOF` within its last kilobyte.
pub fn is_whole(mime: Mime, bytes: &[u8]) -> bool {
    match mime {
        Mime::Jpeg => {
            let last_sos = bytes.windows(2).rposition(|w| w == [0xFF, 0xDA]);
            match last_sos {
                Some(at) => bytes[at..].windows(2).any(|w| w == [0xFF, 0xD9]),
                None => false,
            }
        }
        Mime::Png => bytes.ends_with(b"IEND\xAE\x42\x60\x82"),
        Mime::Pdf => {
            let tail = &bytes[bytes.len().saturating_sub(1024)..];
            tail.windows(5).any(|w| w == b"%%EOF")
        }
    }
}

/// Check a file's size and content before anything is decoded or written. `name` is how the
/// person typed the file, for the message.
pub fn check_file(name: &str, bytes: &[u8]) -> Checked<Mime> {
    if bytes.is_empty() {
        return Err(reject(msg!("attach-empty-file", name = name)).hint(msg!("attach-empty-file-hint")));
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let mb = format!("{:.1}", bytes.len() as f64 / 1_048_576.0);
        return Err(reject(msg!("attach-too-big", name = name, mb = mb, max = MAX_FILE_BYTES / 1_048_576))
            .hint(msg!("attach-too-big-hint")));
    }
    let Some(mime) = sniff(bytes) else {
        return Err(reject(msg!("attach-not-photo", name = name)).hint(msg!("attach-not-photo-hint")));
    };
    if !is_whole(mime, bytes) {
        let kind = mime.extension().to_uppercase();
        return Err(
            reject(msg!("attach-truncated", name = name, kind = kind)).hint(msg!("attach-copy-again-hint"))
        );
    }
    Ok(mime)
}

/// Check an image's pixel size, read from its header, before it is decoded.
pub fn check_pixels(name: &str, width: u32, height: u32) -> Checked<()> {
    if width == 0 || height == 0 {
        return Err(reject(msg!("attach-no-pixels", name = name, width = width, height = height)));
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(reject(msg!(
            "attach-too-many-pixels",
            name = name,
            width = width,
            height = height,
            max = MAX_PIXELS / 1_000_000
        ))
        .hint(msg!("attach-too-many-pixels-hint")));
    }
    Ok(())
}

/// The size a photo is stored at: unchanged up to [`MAX_SIDE`] on its long side, else scaled so
/// the long side is [`MAX_SIDE`] (aspect kept, at least one pixel).
pub fn scaled_size(width: u32, height: u32) -> Option<(u32, u32)> {
    let long = width.max(height);
    if long <= MAX_SIDE {
        return None;
    }
    let scale =
        |v: u32| ((u64::from(v) * u64::from(MAX_SIDE) + u64::from(long) / 2) / u64::from(long)).max(1) as u32;
    Some((scale(width), scale(height)))
}

/// The record an attachment belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Visit,
    Finding,
    Case,
}

impl Target {
    pub fn key(self) -> &'static str {
        match self {
            Target::Visit => "visit",
            Target::Finding => "finding",
            Target::Case => "case",
        }
    }
}

/// What the photo's own date says against its record (SPEC §2: evidence that does not fit its
/// record is what an inspector looks for).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Misfit {
    /// Taken more than a day away from its visit's date.
    AwayFromVisit { taken: NaiveDate, visit: NaiveDate },
    /// An `after` photo taken before the finding was logged.
    AfterBeforeFinding { taken: NaiveDate, finding: NaiveDate },
}

impl Misfit {
    pub fn code(&self) -> &'static str {
        match self {
            Misfit::AwayFromVisit { .. } => "away-from-visit",
            Misfit::AfterBeforeFinding { .. } => "after-older-than-finding",
        }
    }
    /// What does not fit, in the reader's language.
    pub fn describe(&self) -> String {
        match self {
            Misfit::AwayFromVisit { taken, visit } => {
                let days = (*taken - *visit).num_days();
                if days < 0 {
                    crate::t!("misfit-before-visit", taken = *taken, visit = *visit, days = -days)
                } else {
                    crate::t!("misfit-after-visit", taken = *taken, visit = *visit, days = days)
                }
            }
            Misfit::AfterBeforeFinding { taken, finding } => {
                crate::t!("misfit-after-before-finding", taken = *taken, finding = *finding)
            }
        }
    }
}

/// Parse the EXIF date stored in `attachments.taken_at` (ISO, `YYYY-MM-DDTHH:MM:SS`).
pub fn taken_date(taken_at: &str) -> Option<NaiveDate> {
    NaiveDateTime::parse_from_str(taken_at, "%Y-%m-%dT%H:%M:%S").ok().map(|t| t.date())
}

/// Whether a photo fits its record. `visit` is the date of the visit it documents (the finding's
/// visit for a finding's photo); `finding` the date the finding was logged. An `after` photo is
/// judged against the finding (it is taken later by nature); every other kind against the visit.
/// Without an EXIF date nothing can be said.
pub fn misfits(
    kind: &str,
    taken: Option<NaiveDate>,
    visit: Option<NaiveDate>,
    finding: Option<NaiveDate>,
) -> Vec<Misfit> {
    let Some(taken) = taken else { return Vec::new() };
    let mut out = Vec::new();
    if kind == "after" {
        if let Some(f) = finding.filter(|f| taken < *f) {
            out.push(Misfit::AfterBeforeFinding { taken, finding: f });
        }
    } else if let Some(v) = visit.filter(|v| (taken - *v).num_days().abs() > 1) {
        out.push(Misfit::AwayFromVisit { taken, visit: v });
    }
    out
}

/// Whether closing a finding of work item `item` needs an `after` photo: the bureau's switch for
/// the item when it set one, else on for hazards (work item 5) only.
pub fn after_photo_required(item: i64, bureau_switch: Option<bool>) -> bool {
    bureau_switch.unwrap_or(item == DEFAULT_RULE_ITEM)
}

/// The rule's name, as messages and `attach rule` show it.
pub const CLOSE_RULE: &str = "after-photo-to-close";

/// The closing rule (SPEC §2): a finding of a work item whose bureau requires it is closed (销号)
/// only on an `after` photo (整改后照片) that has not been removed. Called by every path that
/// closes a finding: the follow-up that closes it, and a conflict resolution that sets it closed.
pub fn check_close(finding: &str, item: i64, required: bool, after_photos: usize) -> Checked<()> {
    if !required || after_photos > 0 {
        return Ok(());
    }
    Err(reject(msg!("attach-close-needs-after", finding = finding, rule = CLOSE_RULE, item = item))
        .hint(msg!("attach-close-needs-after-hint", finding = finding, item = item)))
}

/// Removing the last `after` photo of a finding closed on it would leave it closed without the
/// evidence its rule asks for: refused, with the way to replace a wrong photo.
pub fn last_after_photo(attachment: &str, finding: &str, item: i64) -> crate::error::Rejected {
    reject(msg!(
        "attach-last-after-photo",
        attachment = attachment,
        finding = finding,
        rule = CLOSE_RULE,
        item = item
    ))
    .hint(msg!("attach-last-after-photo-hint", finding = finding))
}

/// The file name an attachment is exported under, so that a person can tell what each file is:
/// `finding-7c1e2a3b_after_2012-04-03_9f2c1d0e.jpg` (record, its id, kind, date, attachment id).
pub fn export_name(target: Target, record: &str, kind: &str, date: &str, id: &str, mime: Mime) -> String {
    let clean = |s: &str| -> String {
        s.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(10).collect()
    };
    format!(
        "{}-{}_{}_{}_{}.{}",
        target.key(),
        clean(&record[..record.len().min(8)]),
        clean(kind),
        clean(date),
        clean(&id[..id.len().min(8)]),
        mime.extension()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn content_not_name() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(Mime::Jpeg));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some(Mime::Png));
        assert_eq!(sniff(b"%PDF-1.4\n"), Some(Mime::Pdf));
        assert_eq!(sniff(b"GIF89a"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn truncated_files_are_not_whole() {
        let jpeg = [0xFF, 0xD8, 0xFF, 0xDA, 1, 2, 3, 0xFF, 0xD9];
        assert!(is_whole(Mime::Jpeg, &jpeg));
        assert!(!is_whole(Mime::Jpeg, &jpeg[..7]));
        assert!(!is_whole(Mime::Jpeg, &[0xFF, 0xD8, 0xFF, 0xD9]), "no scan at all");
        assert!(is_whole(Mime::Pdf, b"%PDF-1.4\n...\n%%EOF\n"));
        assert!(!is_whole(Mime::Pdf, b"%PDF-1.4\n...\n"));
        assert!(check_file("x.jpg", &[])
            .unwrap_err()
            .message
            .render(crate::i18n::Lang::En)
            .contains("empty"));
        assert!(check_file("x.jpg", b"hello")
            .unwrap_err()
            .message
            .render(crate::i18n::Lang::En)
            .contains("not a JPEG"));
        assert!(check_file("x.jpg", &jpeg[..7])
            .unwrap_err()
            .message
            .render(crate::i18n::Lang::En)
            .contains("truncated"));
    }

    #[test]
    fn long_side_scaled_to_the_limit() {
        assert_eq!(scaled_size(2048, 1536), None);
        assert_eq!(scaled_size(4000, 3000), Some((2048, 1536)));
        assert_eq!(scaled_size(3000, 4000), Some((1536, 2048)));
        assert_eq!(scaled_size(10000, 1), Some((2048, 1)));
    }

    #[test]
    fn photo_dates_against_the_record() {
        let v = Some(d("2012-03-10"));
        let f = Some(d("2012-03-10"));
        assert!(misfits("scene", Some(d("2012-03-11")), v, None).is_empty());
        assert!(misfits("scene", Some(d("2012-03-09")), v, None).is_empty());
        assert_eq!(misfits("before", Some(d("2012-03-12")), v, f)[0].code(), "away-from-visit");
        assert_eq!(misfits("scene", Some(d("2012-03-01")), v, None).len(), 1);
        // An after photo is taken later by nature; only one older than the finding misfits.
        assert!(misfits("after", Some(d("2012-04-20")), v, f).is_empty());
        assert_eq!(misfits("after", Some(d("2012-03-09")), v, f)[0].code(), "after-older-than-finding");
        assert!(misfits("scene", None, v, f).is_empty());
    }

    #[test]
    fn closing_rule() {
        assert!(after_photo_required(5, None));
        assert!(!after_photo_required(1, None));
        assert!(!after_photo_required(5, Some(false)));
        assert!(after_photo_required(2, Some(true)));
        let e = check_close("7c1e2a3b", 5, true, 0).unwrap_err();
        assert!(e.message.render(crate::i18n::Lang::En).contains(CLOSE_RULE));
        assert!(check_close("7c1e2a3b", 5, true, 1).is_ok());
        assert!(check_close("7c1e2a3b", 5, false, 0).is_ok());
    }

    #[test]
    fn export_names_say_what_the_file_is() {
        let n =
            export_name(Target::Finding, "7c1e2a3bffff", "after", "2012-04-03", "9f2c1d0eaaaa", Mime::Jpeg);
        assert_eq!(n, "finding-7c1e2a3b_after_2012-04-03_9f2c1d0e.jpg");
        // Nothing from the database can climb out of the folder.
        let n = export_name(Target::Visit, "../../x", "a/b", "..", "id", Mime::Pdf);
        assert!(!n.contains('/') && !n.contains(".."), "{n}");
    }
}
