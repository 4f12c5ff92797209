//! The bundle file: a small versioned envelope around changesets.
//!
//! ```text
//! offset  size  content
//! 0       8     magic "ZFBUNDLE"
//! 8       2     format version, u16 little-endian (this zoufang writes 1)
//! 10      4     header length H, u32 LE
//! 14      8     body length B, u64 LE
//! 22      H     header: UTF-8 JSON (see `Header`)
//! 22+H    B     body: the changesets, back to back, lengths in the header's entry list
//! 22+H+B  4     CRC-32 (IEEE) of every byte before it, u32 LE
//! ```
//!
//! Decoding checks everything against the actual length before trusting it: a truncated,
//! bit-flipped or made-up file gives a [`BundleError`], never a panic or a large allocation.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

pub const MAGIC: &[u8; 8] = b"ZFBUNDLE";
pub const FORMAT: u16 = 1;
const FIXED: usize = 8 + 2 + 4 + 8;
const TRAILER: usize = 4;

/// The campaign a bundle belongs to (SPEC §6: province and year).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignId {
    pub province: String,
    pub year: i32,
}

/// The database that wrote the bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sender {
    pub replica: String,
    pub org: String,
    #[serde(default)]
    pub name: String,
    /// Set when the sender is a laptop copy: the bureau database it was cloned from.
    #[serde(default)]
    pub clone_of: Option<String>,
    #[serde(default)]
    pub clone_of_org: Option<String>,
}

/// One changeset of the body: the replica that made it, its sequence number there, its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryRef {
    /// Index into `Header::origins`.
    pub o: usize,
    pub seq: i64,
    pub len: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub format: u16,
    /// The sender's schema version (PRAGMA user_version).
    pub schema: i64,
    pub campaign: CampaignId,
    pub sender: Sender,
    /// The replica the bundle was made for, if it was made for one (`--to`).
    #[serde(default)]
    pub to: Option<String>,
    pub created_at: String,
    /// The sender's holdings: for each origin replica, it holds that replica's changes 1..n.
    /// The receiver records this as the sender's acknowledgement.
    pub have: BTreeMap<String, i64>,
    /// Sequence range carried, per origin replica: [first, last].
    pub ranges: BTreeMap<String, [i64; 2]>,
    pub origins: Vec<String>,
    pub entries: Vec<EntryRef>,
    /// Per line of the sender, the id of its last change there (with `have`: exactly which
    /// changes the sender holds). Absent in bundles of zoufang before exchange version 2.
    #[serde(default)]
    pub tips: BTreeMap<String, String>,
    /// Each entry's identity, in the order of `entries`: its id and the id of the change before
    /// it in its line. Absent in bundles of zoufang before exchange version 2, whose changes are
    /// identified by (origin, seq).
    #[serde(default)]
    pub ids: Vec<(String, Option<String>)>,
}

/// One changeset with its identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub origin: String,
    pub seq: i64,
    /// The change's id, and the id of the change before it in its line.
    pub id: String,
    pub prev: Option<String>,
    pub changeset: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundle {
    pub header: Header,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleError {
    NotABundle,
    NewerFormat(u16),
    Truncated { have: usize, want: u128 },
    TrailingBytes { have: usize, want: u128 },
    Checksum,
    Damaged(String),
}

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BundleError::NotABundle => write!(f, "it is not a zoufang sync bundle"),
            BundleError::NewerFormat(v) => {
                write!(f, "it was written by a newer zoufang (bundle format {v}; this zoufang reads up to {FORMAT})")
            }
            BundleError::Truncated { have, want } => {
                write!(f, "it is truncated: {have} bytes of the {want} it should have")
            }
            BundleError::TrailingBytes { have, want } => {
                write!(f, "it is damaged: {have} bytes where {want} were expected")
            }
            BundleError::Checksum => write!(f, "it is damaged: the checksum does not match its contents"),
            BundleError::Damaged(why) => write!(f, "it is damaged: {why}"),
        }
    }
}

impl std::error::Error for BundleError {}

/// CRC-32 (IEEE 802.3, reflected, as zip and PNG use it).
pub fn crc32(bytes: &[u8]) -> u32 {
    const fn table() -> [u32; 256] {
        let mut t = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
                k += 1;
            }
            t[i] = c;
            i += 1;
        }
        t
    }
    const TABLE: [u32; 256] = table();
    let mut c = 0xFFFF_FFFFu32;
    for b in bytes {
        c = TABLE[((c ^ u32::from(*b)) & 0xFF) as usize] ^ (c >> 8);
    }
    c ^ 0xFFFF_FFFF
}

/// Write a bundle. `header.origins`, `entries` and `ranges` are filled in from `entries`.
pub fn encode(mut header: Header, entries: &[Entry]) -> Vec<u8> {
    let mut origins: Vec<String> = Vec::new();
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    let mut refs = Vec::with_capacity(entries.len());
    let mut ids = Vec::with_capacity(entries.len());
    let mut ranges: BTreeMap<String, [i64; 2]> = BTreeMap::new();
    for e in entries {
        let o = *index.entry(&e.origin).or_insert_with(|| {
            origins.push(e.origin.clone());
            origins.len() - 1
        });
        refs.push(EntryRef { o, seq: e.seq, len: e.changeset.len() });
        ids.push((e.id.clone(), e.prev.clone()));
        let r = ranges.entry(e.origin.clone()).or_insert([e.seq, e.seq]);
        r[0] = r[0].min(e.seq);
        r[1] = r[1].max(e.seq);
    }
    header.format = FORMAT;
    header.origins = origins;
    header.entries = refs;
    header.ids = ids;
    header.ranges = ranges;
    // Serialising plain structs of strings and numbers cannot fail.
    let json = serde_json::to_vec(&header).unwrap_or_default();
    let body: usize = entries.iter().map(|e| e.changeset.len()).sum();
    let mut out = Vec::with_capacity(FIXED + json.len() + body + TRAILER);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&(json.len() as u32).to_le_bytes());
    out.extend_from_slice(&(body as u64).to_le_bytes());
    out.extend_from_slice(&json);
    for e in entries {
        out.extend_from_slice(&e.changeset);
    }
    let crc = crc32(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    out
}

fn le_u16(b: &[u8]) -> u16 {
    let mut a = [0u8; 2];
    a.copy_from_slice(&b[..2]);
    u16::from_le_bytes(a)
}
fn le_u32(b: &[u8]) -> u32 {
    let mut a = [0u8; 4];
    a.copy_from_slice(&b[..4]);
    u32::from_le_bytes(a)
}
fn le_u64(b: &[u8]) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[..8]);
    u64::from_le_bytes(a)
}

/// Read a bundle, checking its envelope, lengths and checksum. Does not judge its contents
/// (campaign, schema, sender): that is the importer's business.
pub fn decode(bytes: &[u8]) -> Result<Bundle, BundleError> {
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        // A prefix of the magic is a truncated bundle; anything else is not a bundle at all.
        if !bytes.is_empty() && MAGIC.starts_with(bytes) {
            return Err(BundleError::Truncated { have: bytes.len(), want: FIXED as u128 });
        }
        return Err(BundleError::NotABundle);
    }
    if bytes.len() < FIXED {
        return Err(BundleError::Truncated { have: bytes.len(), want: FIXED as u128 });
    }
    let format = le_u16(&bytes[8..10]);
    if format == 0 {
        return Err(BundleError::Damaged("format version 0".into()));
    }
    if format > FORMAT {
        return Err(BundleError::NewerFormat(format));
    }
    let h = le_u32(&bytes[10..14]) as u128;
    let b = le_u64(&bytes[14..22]) as u128;
    let want = FIXED as u128 + h + b + TRAILER as u128;
    let have = bytes.len();
    if (have as u128) < want {
        return Err(BundleError::Truncated { have, want });
    }
    if (have as u128) > want {
        return Err(BundleError::TrailingBytes { have, want });
    }
    // From here on every length fits in `have`.
    let (h, b) = (h as usize, b as usize);
    let (content, trailer) = bytes.split_at(have - TRAILER);
    if crc32(content) != le_u32(trailer) {
        return Err(BundleError::Checksum);
    }
    let header: Header = serde_json::from_slice(&content[FIXED..FIXED + h])
        .map_err(|e| BundleError::Damaged(format!("unreadable header ({e})")))?;
    if !header.ids.is_empty() && header.ids.len() != header.entries.len() {
        return Err(BundleError::Damaged("the changes' ids do not match the changes".into()));
    }
    if header.format != format {
        return Err(BundleError::Damaged("the header's format differs from the envelope's".into()));
    }
    let body = &content[FIXED + h..];
    let total = header.entries.iter().try_fold(0usize, |acc, e| acc.checked_add(e.len));
    if total != Some(b) || body.len() != b {
        return Err(BundleError::Damaged("the changesets do not add up to the body".into()));
    }
    let mut entries = Vec::with_capacity(header.entries.len());
    let mut at = 0usize;
    for e in &header.entries {
        let Some(origin) = header.origins.get(e.o) else {
            return Err(BundleError::Damaged(format!("entry refers to unknown origin #{}", e.o)));
        };
        if e.seq < 1 {
            return Err(BundleError::Damaged(format!("sequence number {} out of range", e.seq)));
        }
        let end = at + e.len; // cannot overflow: the sum was checked above
        let (id, prev) = match header.ids.get(entries.len()) {
            Some((id, prev)) => (id.clone(), prev.clone()),
            None => (super::log::legacy_id(origin, e.seq), super::log::legacy_prev(origin, e.seq)),
        };
        entries.push(Entry {
            origin: origin.clone(),
            seq: e.seq,
            id,
            prev,
            changeset: body[at..end].to_vec(),
        });
        at = end;
    }
    Ok(Bundle { header, entries })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        let header = Header {
            format: 0,
            schema: 1,
            campaign: CampaignId { province: "33".into(), year: 2012 },
            sender: Sender {
                replica: "aa".into(),
                org: "330523".into(),
                name: String::new(),
                clone_of: None,
                clone_of_org: None,
            },
            to: None,
            created_at: "2012-03-10T00:00:00+08:00".into(),
            have: BTreeMap::from([("aa".into(), 2)]),
            ranges: BTreeMap::new(),
            origins: vec![],
            entries: vec![],
            tips: BTreeMap::new(),
            ids: vec![],
        };
        let entries = vec![
            Entry { origin: "aa".into(), seq: 1, id: "i1".into(), prev: None, changeset: vec![1, 2, 3] },
            Entry {
                origin: "bb".into(),
                seq: 4,
                id: "i2".into(),
                prev: Some("i0".into()),
                changeset: vec![],
            },
            Entry {
                origin: "aa".into(),
                seq: 2,
                id: "i3".into(),
                prev: Some("i1".into()),
                changeset: vec![9; 10],
            },
        ];
        encode(header, &entries)
    }

    #[test]
    fn crc_known_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn round_trip() {
        let b = decode(&sample()).unwrap();
        assert_eq!(b.entries.len(), 3);
        assert_eq!(b.entries[2].changeset, vec![9; 10]);
        assert_eq!(b.entries[1].origin, "bb");
        assert_eq!(b.header.ranges["aa"], [1, 2]);
    }

    #[test]
    fn every_truncation_and_bit_flip_is_refused() {
        let s = sample();
        for cut in 0..s.len() {
            assert!(decode(&s[..cut]).is_err(), "cut at {cut}");
        }
        for i in 0..s.len() {
            let mut bad = s.clone();
            bad[i] ^= 0x10;
            assert!(decode(&bad).is_err(), "flip at {i}");
        }
        let mut longer = s.clone();
        longer.push(0);
        assert!(decode(&longer).is_err());
    }

    #[test]
    fn newer_format_is_named() {
        let mut s = sample();
        s[8] = 9;
        assert_eq!(decode(&s), Err(BundleError::NewerFormat(9)));
    }
}
