//! Photos and scans on their way in: checked by content (`domain::attachment`), their EXIF date,
//! place and orientation read, photos past the size limit scaled down, and the stored bytes
//! hashed (SHA-256) for content addressing. Also the smaller copies documents embed.

use std::io::Cursor;

use anyhow::Result;
use image::{DynamicImage, ImageFormat, ImageReader, Limits};
use sha2::{Digest, Sha256};

use crate::domain::attachment::{self as rules, Mime};
use crate::error::reject;

/// What the photo says about itself (EXIF).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Exif {
    /// Date and time taken, `YYYY-MM-DDTHH:MM:SS` in the camera's local time.
    pub taken_at: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// EXIF orientation 1–8 (how the picture must be turned to stand upright).
    pub orientation: Option<u32>,
}

/// Bytes ready to be stored, with what the blob row records about them.
#[derive(Debug, Clone)]
pub struct Stored {
    pub sha256: String,
    pub mime: Mime,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub bytes: Vec<u8>,
}

/// A file prepared for attaching: the copy kept for showing, and the original when it differs
/// and was asked for.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub shown: Stored,
    pub original: Option<Stored>,
    pub exif: Exif,
    /// The photo was scaled down: (from width, from height).
    pub scaled_from: Option<(u32, u32)>,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn format_of(mime: Mime) -> Option<ImageFormat> {
    match mime {
        Mime::Jpeg => Some(ImageFormat::Jpeg),
        Mime::Png => Some(ImageFormat::Png),
        Mime::Pdf => None,
    }
}

/// Read the EXIF date, GPS position and orientation, if the file has them. A file without EXIF,
/// or with EXIF that cannot be read, just has none: it is not refused for that.
pub fn read_exif(bytes: &[u8]) -> Exif {
    use exif::{In, Tag, Value};
    let Ok(e) = exif::Reader::new().read_from_container(&mut Cursor::new(bytes)) else {
        return Exif::default();
    };
    let ascii = |tag: Tag| -> Option<Vec<u8>> {
        match &e.get_field(tag, In::PRIMARY)?.value {
            Value::Ascii(v) => v.first().cloned(),
            _ => None,
        }
    };
    let taken_at = [Tag::DateTimeOriginal, Tag::DateTimeDigitized, Tag::DateTime]
        .into_iter()
        .find_map(|t| ascii(t).and_then(|a| exif::DateTime::from_ascii(&a).ok()))
        .and_then(|d| {
            let date =
                chrono::NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))?;
            let time =
                chrono::NaiveTime::from_hms_opt(u32::from(d.hour), u32::from(d.minute), u32::from(d.second))?;
            Some(date.and_time(time).format("%Y-%m-%dT%H:%M:%S").to_string())
        });
    let degrees = |tag: Tag, reference: Tag, negative: u8, limit: f64| -> Option<f64> {
        let v = match &e.get_field(tag, In::PRIMARY)?.value {
            Value::Rational(r) if r.len() >= 3 => {
                r[0].to_f64() + r[1].to_f64() / 60.0 + r[2].to_f64() / 3600.0
            }
            _ => return None,
        };
        let sign = match ascii(reference) {
            Some(r) if r.first() == Some(&negative) => -1.0,
            _ => 1.0,
        };
        let v = sign * v;
        (v.is_finite() && v.abs() <= limit).then_some((v * 1e6).round() / 1e6)
    };
    let lat = degrees(Tag::GPSLatitude, Tag::GPSLatitudeRef, b'S', 90.0);
    let lon = degrees(Tag::GPSLongitude, Tag::GPSLongitudeRef, b'W', 180.0);
    let orientation = e
        .get_field(Tag::Orientation, In::PRIMARY)
        .and_then(|f| f.value.get_uint(0))
        .filter(|o| (1..=8).contains(o));
    Exif { taken_at, lat, lon, orientation }
}

/// Decode an image with its size checked against the limits first.
fn decode(name: &str, bytes: &[u8], mime: Mime) -> Result<DynamicImage> {
    let Some(format) = format_of(mime) else { anyhow::bail!(crate::t!("photo-not-an-image", name = name)) };
    let unreadable = |e: image::ImageError| unreadable(name, mime, &e);
    let (w, h) =
        ImageReader::with_format(Cursor::new(bytes), format).into_dimensions().map_err(unreadable)?;
    rules::check_pixels(name, w, h)?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(w);
    limits.max_image_height = Some(h);
    limits.max_alloc = Some(rules::MAX_PIXELS * 8);
    reader.limits(limits);
    Ok(reader.decode().map_err(unreadable)?)
}

/// An image that its decoder refuses: damaged, or not what its first bytes claim.
fn unreadable(name: &str, mime: Mime, e: &image::ImageError) -> crate::error::Rejected {
    let kind = mime.extension().to_uppercase();
    reject(crate::msg!("photo-unreadable", name = name, kind = kind, detail = e.to_string()))
        .hint(crate::msg!("photo-unreadable-hint"))
}

fn encode(img: &DynamicImage, mime: Mime, jpeg_quality: u8) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    match mime {
        Mime::Jpeg => {
            let rgb = img.to_rgb8();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, jpeg_quality).encode_image(&rgb)?;
        }
        Mime::Png => {
            img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)?;
        }
        Mime::Pdf => anyhow::bail!(crate::t!("photo-pdf-not-encoded")),
    }
    Ok(out)
}

fn upright(mut img: DynamicImage, orientation: Option<u32>) -> DynamicImage {
    if let Some(o) =
        orientation.and_then(|o| u8::try_from(o).ok()).and_then(image::metadata::Orientation::from_exif)
    {
        img.apply_orientation(o);
    }
    img
}

fn stored(bytes: Vec<u8>, mime: Mime, dims: Option<(u32, u32)>) -> Stored {
    Stored { sha256: sha256_hex(&bytes), mime, width: dims.map(|d| d.0), height: dims.map(|d| d.1), bytes }
}

/// Check a file as far as can be done without decoding it: its size and content (`check_file`)
/// and, for a photo, the pixel size its header states. `attach add` checks every file so before
/// it writes anything, then prepares them one at a time.
pub fn precheck(name: &str, bytes: &[u8]) -> Result<()> {
    let mime = rules::check_file(name, bytes)?;
    let Some(format) = format_of(mime) else { return Ok(()) };
    let (w, h) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|e| unreadable(name, mime, &e))?;
    rules::check_pixels(name, w, h)?;
    Ok(())
}

/// Check a file and make what is stored of it. `name` names the file in messages. Photos longer
/// than `MAX_SIDE` are scaled down (and turned upright, since the scaled copy has no EXIF); the
/// original is kept beside only with `keep_original`. Deterministic: the same file gives the same
/// bytes and hash, so attaching it again, anywhere, stores nothing new.
pub fn prepare(name: &str, bytes: Vec<u8>, keep_original: bool) -> Result<Prepared> {
    let mime = rules::check_file(name, &bytes)?;
    if mime == Mime::Pdf {
        return Ok(Prepared {
            shown: stored(bytes, mime, None),
            original: None,
            exif: Exif::default(),
            scaled_from: None,
        });
    }
    let exif = read_exif(&bytes);
    // Decoding the whole picture proves it is whole and readable, not only its header.
    let img = decode(name, &bytes, mime)?;
    let (w, h) = (img.width(), img.height());
    let Some((nw, nh)) = rules::scaled_size(w, h) else {
        return Ok(Prepared {
            shown: stored(bytes, mime, Some((w, h))),
            original: None,
            exif,
            scaled_from: None,
        });
    };
    let small = img.resize_exact(nw, nh, image::imageops::FilterType::Triangle);
    drop(img);
    let small = upright(small, exif.orientation);
    let dims = (small.width(), small.height());
    let out = encode(&small, mime, 85)?;
    let original = keep_original.then(|| stored(bytes, mime, Some((w, h))));
    Ok(Prepared { shown: stored(out, mime, Some(dims)), original, exif, scaled_from: Some((w, h)) })
}

/// The copy a document embeds: a JPEG (of `quality`) at most `side` pixels on its long side,
/// upright. Documents with hundreds of photos stay a sensible size.
pub fn report_copy(bytes: &[u8], mime: Mime, side: u32, quality: u8) -> Result<(Vec<u8>, u32, u32)> {
    let img = decode(&crate::t!("photo-the-stored-photo"), bytes, mime)?;
    let exif = read_exif(bytes);
    let (w, h) = (img.width(), img.height());
    let long = w.max(h);
    let img = if long > side {
        let s = |v: u32| ((u64::from(v) * u64::from(side)) / u64::from(long)).max(1) as u32;
        img.resize_exact(s(w), s(h), image::imageops::FilterType::Triangle)
    } else {
        img
    };
    let img = upright(img, exif.orientation);
    let (w, h) = (img.width(), img.height());
    Ok((encode(&img, Mime::Jpeg, quality)?, w, h))
}
