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
//!
//! A bundle is written and read as a stream ([`write_to`], [`Reader`]): only the header is held
//! in memory, each changeset passes through in chunks, and the checksum is computed on the way.
//! [`encode`] and [`decode`] are the same format for bundles already in memory.

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Read, Write};

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
    /// Replica ids the sender had before it was found to be a copy of another file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
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
            BundleError::NotABundle => f.write_str(&crate::t!("bundle-not-a-bundle")),
            BundleError::NewerFormat(v) => {
                f.write_str(&crate::t!("bundle-newer-format", version = *v, max = FORMAT))
            }
            BundleError::Truncated { have, want } => {
                f.write_str(&crate::t!("bundle-truncated", have = *have, want = want.to_string()))
            }
            BundleError::TrailingBytes { have, want } => {
                f.write_str(&crate::t!("bundle-wrong-length", have = *have, want = want.to_string()))
            }
            BundleError::Checksum => f.write_str(&crate::t!("bundle-checksum")),
            BundleError::Damaged(why) => f.write_str(&crate::t!("bundle-damaged", why = why.as_str())),
        }
    }
}

impl std::error::Error for BundleError {}

/// CRC-32 (IEEE 802.3, reflected, as zip and PNG use it).
pub fn crc32(bytes: &[u8]) -> u32 {
    crc32fast::hash(bytes)
}

/// The checksum of a bundle file, computed in one streaming pass. `Ok(true)` when the trailer
/// matches what precedes it; a file shorter than a trailer is `Ok(false)`.
pub fn checksum_matches(r: &mut dyn Read) -> io::Result<bool> {
    let mut h = crc32fast::Hasher::new();
    let mut buf = vec![0u8; 256 * 1024];
    // The last TRAILER bytes seen so far are held back: they may be the trailer.
    let mut tail: Vec<u8> = Vec::with_capacity(TRAILER * 2);
    loop {
        let n = match r.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n >= TRAILER {
            h.update(&tail);
            h.update(&buf[..n - TRAILER]);
            tail.clear();
            tail.extend_from_slice(&buf[n - TRAILER..n]);
        } else {
            tail.extend_from_slice(&buf[..n]);
            let spill = tail.len().saturating_sub(TRAILER);
            h.update(&tail[..spill]);
            tail.drain(..spill);
        }
    }
    Ok(tail.len() == TRAILER && h.finalize() == le_u32(&tail))
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

/// Where a streamed bundle's changesets come from: called once per entry, in order, to write
/// exactly that entry's `len` bytes.
pub type Body<'a> = dyn FnMut(usize, &mut dyn Write) -> anyhow::Result<()> + 'a;

/// Counts and checksums what passes through to the file.
struct Summing<'w> {
    out: &'w mut dyn Write,
    crc: crc32fast::Hasher,
    n: u64,
}

impl Write for Summing<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let k = self.out.write(buf)?;
        self.crc.update(&buf[..k]);
        self.n += k as u64;
        Ok(k)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Write a bundle as a stream, in the format [`encode`] writes: `metas` gives each entry's
/// (origin, seq, length) and `body` writes its bytes. Returns the bundle's size in bytes. A body
/// that writes another number of bytes than announced is an error (the bundle would be damaged).
pub fn write_to(
    out: &mut dyn Write,
    mut header: Header,
    metas: &[EntryInfo],
    body: &mut Body,
) -> anyhow::Result<u64> {
    let mut origins: Vec<String> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let mut refs = Vec::with_capacity(metas.len());
    let mut ids = Vec::with_capacity(metas.len());
    let mut ranges: BTreeMap<String, [i64; 2]> = BTreeMap::new();
    for m in metas {
        let o = *index.entry(m.origin.clone()).or_insert_with(|| {
            origins.push(m.origin.clone());
            origins.len() - 1
        });
        refs.push(EntryRef { o, seq: m.seq, len: m.len });
        ids.push((m.id.clone(), m.prev.clone()));
        let r = ranges.entry(m.origin.clone()).or_insert([m.seq, m.seq]);
        r[0] = r[0].min(m.seq);
        r[1] = r[1].max(m.seq);
    }
    header.format = FORMAT;
    header.origins = origins;
    header.entries = refs;
    header.ids = ids;
    header.ranges = ranges;
    let json = serde_json::to_vec(&header)?;
    let body_len: u64 = metas.iter().map(|m| m.len as u64).sum();
    let mut w = Summing { out, crc: crc32fast::Hasher::new(), n: 0 };
    w.write_all(MAGIC)?;
    w.write_all(&FORMAT.to_le_bytes())?;
    w.write_all(&u32::try_from(json.len())?.to_le_bytes())?;
    w.write_all(&body_len.to_le_bytes())?;
    w.write_all(&json)?;
    drop(json);
    for (i, m) in metas.iter().enumerate() {
        let before = w.n;
        body(i, &mut w)?;
        if w.n - before != m.len as u64 {
            anyhow::bail!(crate::t!(
                "bundle-change-length",
                origin = m.origin.as_str(),
                seq = m.seq,
                got = w.n - before,
                want = m.len
            ));
        }
    }
    let crc = w.crc.clone().finalize();
    let n = w.n;
    w.out.write_all(&crc.to_le_bytes())?;
    Ok(n + TRAILER as u64)
}

/// One changeset of a bundle, without its bytes: its place, identity and length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryInfo {
    pub origin: String,
    pub seq: i64,
    pub id: String,
    pub prev: Option<String>,
    pub len: usize,
}

/// A bundle read as a stream: [`Reader::open`] checks the envelope against the file's length and
/// reads the header; [`Reader::next_entry`] then gives each changeset's bytes through
/// [`Reader::read_entry`], in order; [`Reader::finish`] reads the trailer and tells whether the
/// checksum of everything read matches. Nothing read is to be trusted before `finish` says so.
pub struct Reader<R: Read> {
    inner: R,
    crc: crc32fast::Hasher,
    pub header: Header,
    next: usize,
    /// Bytes of the current entry not read yet.
    left: u64,
}

impl<R: Read> Reader<R> {
    /// Read the envelope and the header of a bundle of `size` bytes.
    pub fn open(mut inner: R, size: u64) -> Result<Reader<R>, BundleError> {
        let mut buf = [0u8; FIXED];
        let got = read_up_to(&mut inner, &mut buf).map_err(|e| BundleError::Damaged(e.to_string()))?;
        let fixed = &buf[..got];
        let (format, h, b) = envelope(fixed, size)?;
        let (have, want) = (usize::try_from(size).unwrap_or(usize::MAX), size as u128);
        let mut crc = crc32fast::Hasher::new();
        crc.update(fixed);
        // The header fits in the file (checked above), so this allocation is bounded by it.
        let mut json = vec![0u8; h as usize];
        inner.read_exact(&mut json).map_err(|_| BundleError::Truncated { have, want })?;
        crc.update(&json);
        let header: Header = serde_json::from_slice(&json).map_err(|e| {
            BundleError::Damaged(crate::t!("bundle-unreadable-header", detail = e.to_string()))
        })?;
        if header.format != format {
            return Err(BundleError::Damaged(crate::t!("bundle-header-format")));
        }
        if !header.ids.is_empty() && header.ids.len() != header.entries.len() {
            return Err(BundleError::Damaged(crate::t!("bundle-ids-mismatch")));
        }
        let total = header.entries.iter().try_fold(0u128, |acc, e| acc.checked_add(e.len as u128));
        if total != Some(b) {
            return Err(BundleError::Damaged(crate::t!("bundle-body-mismatch")));
        }
        for e in &header.entries {
            if header.origins.get(e.o).is_none() {
                return Err(BundleError::Damaged(crate::t!("bundle-unknown-origin", n = e.o)));
            }
            if e.seq < 1 {
                return Err(BundleError::Damaged(crate::t!("bundle-seq-out-of-range", seq = e.seq)));
            }
        }
        Ok(Reader { inner, crc, header, next: 0, left: 0 })
    }

    /// Move on to the next changeset (skipping what is left of the current one). None after the
    /// last.
    pub fn next_entry(&mut self) -> io::Result<Option<EntryInfo>> {
        self.skip_rest()?;
        let Some(e) = self.header.entries.get(self.next) else { return Ok(None) };
        let origin = self.header.origins.get(e.o).cloned().unwrap_or_default();
        // Bundles of zoufang before exchange version 4 identify changes by (origin, seq).
        let (id, prev) = match self.header.ids.get(self.next) {
            Some((id, prev)) => (id.clone(), prev.clone()),
            None => (super::log::legacy_id(&origin, e.seq), super::log::legacy_prev(&origin, e.seq)),
        };
        self.next += 1;
        self.left = e.len as u64;
        Ok(Some(EntryInfo { origin, seq: e.seq, id, prev, len: e.len }))
    }

    /// The current changeset's bytes, as a reader that ends where the changeset ends.
    pub fn read_entry(&mut self) -> EntryBytes<'_, R> {
        EntryBytes { r: self }
    }

    fn skip_rest(&mut self) -> io::Result<()> {
        let mut sink = [0u8; 64 * 1024];
        while self.left > 0 {
            let n = self.read_some(&mut sink)?;
            if n == 0 {
                return Err(io::Error::new(io::ErrorKind::UnexpectedEof, crate::t!("bundle-ended-early")));
            }
        }
        Ok(())
    }

    fn read_some(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let cap = buf.len().min(usize::try_from(self.left).unwrap_or(usize::MAX));
        if cap == 0 {
            return Ok(0);
        }
        let n = self.inner.read(&mut buf[..cap])?;
        if n == 0 {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, crate::t!("bundle-ended-early")));
        }
        self.crc.update(&buf[..n]);
        self.left -= n as u64;
        Ok(n)
    }

    /// Read whatever is left and the trailer: Ok when the checksum matches everything read.
    pub fn finish(mut self) -> Result<(), BundleError> {
        let damaged = |e: io::Error| BundleError::Damaged(e.to_string());
        while self.next_entry().map_err(damaged)?.is_some() {}
        self.skip_rest().map_err(damaged)?;
        let mut trailer = [0u8; TRAILER];
        self.inner.read_exact(&mut trailer).map_err(damaged)?;
        let mut extra = [0u8; 1];
        if read_up_to(&mut self.inner, &mut extra).map_err(damaged)? != 0 {
            return Err(BundleError::Damaged(crate::t!("bundle-grew")));
        }
        if self.crc.finalize() != le_u32(&trailer) {
            return Err(BundleError::Checksum);
        }
        Ok(())
    }
}

/// The bytes of one changeset of a [`Reader`] (checksummed as they pass).
pub struct EntryBytes<'r, R: Read> {
    r: &'r mut Reader<R>,
}

impl<R: Read> Read for EntryBytes<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.r.read_some(buf)
    }
}

/// Check the fixed part of a bundle of `size` bytes: magic, format, and that the lengths it
/// announces add up to the size. Returns (format, header length, body length).
fn envelope(fixed: &[u8], size: u64) -> Result<(u16, u128, u128), BundleError> {
    if fixed.len() < MAGIC.len() || &fixed[..MAGIC.len()] != MAGIC {
        // A prefix of the magic is a truncated bundle; anything else is not a bundle at all.
        if !fixed.is_empty() && MAGIC.starts_with(fixed) {
            return Err(BundleError::Truncated { have: fixed.len(), want: FIXED as u128 });
        }
        return Err(BundleError::NotABundle);
    }
    if fixed.len() < FIXED {
        return Err(BundleError::Truncated { have: fixed.len(), want: FIXED as u128 });
    }
    let format = le_u16(&fixed[8..10]);
    if format == 0 {
        return Err(BundleError::Damaged(crate::t!("bundle-format-zero")));
    }
    if format > FORMAT {
        return Err(BundleError::NewerFormat(format));
    }
    let h = le_u32(&fixed[10..14]) as u128;
    let b = le_u64(&fixed[14..22]) as u128;
    let want = FIXED as u128 + h + b + TRAILER as u128;
    let have = usize::try_from(size).unwrap_or(usize::MAX);
    if (size as u128) < want {
        return Err(BundleError::Truncated { have, want });
    }
    if (size as u128) > want {
        return Err(BundleError::TrailingBytes { have, want });
    }
    Ok((format, h, b))
}

/// Check the envelope of a bundle file of `size` bytes (see [`Reader::open`]) without reading
/// further than its fixed part.
pub fn check_envelope(r: &mut dyn Read, size: u64) -> Result<(), BundleError> {
    let mut buf = [0u8; FIXED];
    let got = read_up_to(r, &mut buf).map_err(|e| BundleError::Damaged(e.to_string()))?;
    envelope(&buf[..got], size).map(|_| ())
}

/// Read until `buf` is full or the input ends; the number of bytes read.
fn read_up_to(r: &mut dyn Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut at = 0;
    while at < buf.len() {
        match r.read(&mut buf[at..]) {
            Ok(0) => break,
            Ok(n) => at += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(at)
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
        return Err(BundleError::Damaged(crate::t!("bundle-format-zero")));
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
        .map_err(|e| BundleError::Damaged(crate::t!("bundle-unreadable-header", detail = e.to_string())))?;
    if !header.ids.is_empty() && header.ids.len() != header.entries.len() {
        return Err(BundleError::Damaged(crate::t!("bundle-ids-mismatch")));
    }
    if header.format != format {
        return Err(BundleError::Damaged(crate::t!("bundle-header-format")));
    }
    let body = &content[FIXED + h..];
    let total = header.entries.iter().try_fold(0usize, |acc, e| acc.checked_add(e.len));
    if total != Some(b) || body.len() != b {
        return Err(BundleError::Damaged(crate::t!("bundle-body-mismatch")));
    }
    let mut entries = Vec::with_capacity(header.entries.len());
    let mut at = 0usize;
    for e in &header.entries {
        let Some(origin) = header.origins.get(e.o) else {
            return Err(BundleError::Damaged(crate::t!("bundle-unknown-origin", n = e.o)));
        };
        if e.seq < 1 {
            return Err(BundleError::Damaged(crate::t!("bundle-seq-out-of-range", seq = e.seq)));
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
                aliases: vec![],
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

    fn stream_sample() -> (Vec<u8>, Vec<Entry>) {
        let bytes = sample();
        let b = decode(&bytes).unwrap();
        (bytes, b.entries)
    }

    fn read_all(bytes: &[u8]) -> Result<Vec<Entry>, BundleError> {
        let mut r = Reader::open(bytes, bytes.len() as u64)?;
        let mut out = Vec::new();
        while let Some(info) = r.next_entry().map_err(|e| BundleError::Damaged(e.to_string()))? {
            let mut cs = Vec::new();
            r.read_entry().read_to_end(&mut cs).map_err(|e| BundleError::Damaged(e.to_string()))?;
            assert_eq!(cs.len(), info.len);
            out.push(Entry {
                origin: info.origin,
                seq: info.seq,
                id: info.id,
                prev: info.prev,
                changeset: cs,
            });
        }
        r.finish()?;
        Ok(out)
    }

    #[test]
    fn streamed_writing_gives_the_bytes_encode_gives() {
        let (bytes, entries) = stream_sample();
        let header = decode(&bytes).unwrap().header;
        let metas: Vec<EntryInfo> = entries
            .iter()
            .map(|e| EntryInfo {
                origin: e.origin.clone(),
                seq: e.seq,
                id: e.id.clone(),
                prev: e.prev.clone(),
                len: e.changeset.len(),
            })
            .collect();
        let mut out = Vec::new();
        let n = write_to(&mut out, header.clone(), &metas, &mut |i, w| {
            // in small pieces, as a blob is read
            for c in entries[i].changeset.chunks(2) {
                w.write_all(c)?;
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(out, bytes);
        assert_eq!(n, bytes.len() as u64);
        // A body that writes fewer bytes than announced is refused.
        let mut out = Vec::new();
        assert!(write_to(&mut out, header, &metas, &mut |_, _| Ok(())).is_err());
    }

    #[test]
    fn streamed_reading_gives_the_entries_decode_gives() {
        let (bytes, entries) = stream_sample();
        assert_eq!(read_all(&bytes).unwrap(), entries);
        assert!(checksum_matches(&mut &bytes[..]).unwrap());
        // Entries skipped unread are still checksummed.
        let mut r = Reader::open(&bytes[..], bytes.len() as u64).unwrap();
        r.next_entry().unwrap();
        r.finish().unwrap();
    }

    #[test]
    fn streamed_reading_refuses_every_truncation_and_bit_flip() {
        let s = sample();
        for cut in 0..s.len() {
            assert!(read_all(&s[..cut]).is_err(), "cut at {cut}");
            assert!(!checksum_matches(&mut &s[..cut]).unwrap(), "cut at {cut}");
        }
        for i in 0..s.len() {
            let mut bad = s.clone();
            bad[i] ^= 0x10;
            assert!(read_all(&bad).is_err(), "flip at {i}");
            assert!(!checksum_matches(&mut &bad[..]).unwrap(), "flip at {i}");
        }
        // A file that is longer than it says, or grows while it is read.
        let mut longer = s.clone();
        longer.push(0);
        assert!(read_all(&longer).is_err());
        let mut r = Reader::open(&longer[..], s.len() as u64).unwrap();
        while r.next_entry().unwrap().is_some() {}
        assert!(r.finish().is_err());
    }
}
