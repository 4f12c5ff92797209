//! Small real files made by the tests themselves (no binaries checked in): JPEG photos with an
//! EXIF block written byte by byte here (date taken, GPS), PNG pictures, a one-page PDF.
#![allow(dead_code)]

use image::{ImageBuffer, Rgb};

/// A picture `w`×`h` whose pixels follow from `seed` (different seeds, different bytes).
/// `noise` 0..=255 adds grain, which is what makes camera JPEGs large.
pub fn pixels(w: u32, h: u32, seed: u32, noise: u8) -> ImageBuffer<Rgb<u8>, Vec<u8>> {
    let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    ImageBuffer::from_fn(w, h, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let n = if noise == 0 { 0 } else { (state % u32::from(noise)) as u8 };
        let r = ((x * 255 / w.max(1)) as u8).wrapping_add(seed as u8).wrapping_add(n);
        let g = ((y * 255 / h.max(1)) as u8).wrapping_add(n / 2);
        let b = (((x + y) / 7) as u8).wrapping_add((seed >> 8) as u8).wrapping_sub(n);
        Rgb([r, g, b])
    })
}

/// A JPEG (quality `q`) of `pixels(w, h, seed, noise)`.
pub fn jpeg_q(w: u32, h: u32, seed: u32, noise: u8, q: u8) -> Vec<u8> {
    let img = pixels(w, h, seed, noise);
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, q)
        .encode_image(&img)
        .expect("encode a JPEG");
    out
}

pub fn jpeg(w: u32, h: u32, seed: u32) -> Vec<u8> {
    jpeg_q(w, h, seed, 0, 85)
}

/// A JPEG carrying an EXIF block: `taken` as "YYYY:MM:DD HH:MM:SS", and optionally a GPS
/// position (degrees north, degrees east; negative is south/west).
pub fn jpeg_with_exif(w: u32, h: u32, seed: u32, taken: &str, gps: Option<(f64, f64)>) -> Vec<u8> {
    let plain = jpeg(w, h, seed);
    with_exif(&plain, taken, gps)
}

/// Insert an EXIF APP1 segment right after a JPEG's start-of-image marker.
pub fn with_exif(jpeg: &[u8], taken: &str, gps: Option<(f64, f64)>) -> Vec<u8> {
    assert_eq!(&jpeg[..2], &[0xFF, 0xD8]);
    let tiff = exif_tiff(taken, gps);
    let mut seg = Vec::new();
    seg.extend_from_slice(&[0xFF, 0xE1]);
    let len = (2 + 6 + tiff.len()) as u16;
    seg.extend_from_slice(&len.to_be_bytes());
    seg.extend_from_slice(b"Exif\0\0");
    seg.extend_from_slice(&tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&seg);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// A little-endian TIFF structure: IFD0 pointing at an Exif IFD (DateTimeOriginal) and a GPS IFD.
fn exif_tiff(taken: &str, gps: Option<(f64, f64)>) -> Vec<u8> {
    assert_eq!(taken.len(), 19, "EXIF dates are 'YYYY:MM:DD HH:MM:SS'");
    fn entry(out: &mut Vec<u8>, tag: u16, typ: u16, count: u32, value: [u8; 4]) {
        out.extend_from_slice(&tag.to_le_bytes());
        out.extend_from_slice(&typ.to_le_bytes());
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&value);
    }
    const ASCII: u16 = 2;
    const LONG: u16 = 4;
    const RATIONAL: u16 = 5;
    let n0: u32 = if gps.is_some() { 2 } else { 1 };
    let ifd0 = 8u32;
    let exif_ifd = ifd0 + 2 + 12 * n0 + 4;
    let date_at = exif_ifd + 2 + 12 + 4;
    let gps_ifd = date_at + 20;
    let lat_at = gps_ifd + 2 + 12 * 4 + 4;
    let lon_at = lat_at + 24;

    let mut t = b"II*\0".to_vec();
    t.extend_from_slice(&ifd0.to_le_bytes());
    // IFD0
    t.extend_from_slice(&(n0 as u16).to_le_bytes());
    entry(&mut t, 0x8769, LONG, 1, exif_ifd.to_le_bytes());
    if gps.is_some() {
        entry(&mut t, 0x8825, LONG, 1, gps_ifd.to_le_bytes());
    }
    t.extend_from_slice(&0u32.to_le_bytes());
    // Exif IFD: DateTimeOriginal
    assert_eq!(t.len() as u32, exif_ifd);
    t.extend_from_slice(&1u16.to_le_bytes());
    entry(&mut t, 0x9003, ASCII, 20, date_at.to_le_bytes());
    t.extend_from_slice(&0u32.to_le_bytes());
    assert_eq!(t.len() as u32, date_at);
    t.extend_from_slice(taken.as_bytes());
    t.push(0);
    if let Some((lat, lon)) = gps {
        assert_eq!(t.len() as u32, gps_ifd);
        t.extend_from_slice(&4u16.to_le_bytes());
        entry(&mut t, 1, ASCII, 2, [if lat < 0.0 { b'S' } else { b'N' }, 0, 0, 0]);
        entry(&mut t, 2, RATIONAL, 3, lat_at.to_le_bytes());
        entry(&mut t, 3, ASCII, 2, [if lon < 0.0 { b'W' } else { b'E' }, 0, 0, 0]);
        entry(&mut t, 4, RATIONAL, 3, lon_at.to_le_bytes());
        t.extend_from_slice(&0u32.to_le_bytes());
        for v in [lat.abs(), lon.abs()] {
            let deg = v.trunc();
            let min = ((v - deg) * 60.0).trunc();
            let sec = ((v - deg) * 60.0 - min) * 60.0;
            for (num, den) in [(deg as u32, 1u32), (min as u32, 1), ((sec * 1000.0).round() as u32, 1000)] {
                t.extend_from_slice(&num.to_le_bytes());
                t.extend_from_slice(&den.to_le_bytes());
            }
        }
        assert_eq!(t.len() as u32, lon_at + 24);
    }
    t
}

/// A PNG of `pixels(w, h, seed, 0)`.
pub fn png(w: u32, h: u32, seed: u32) -> Vec<u8> {
    let img = pixels(w, h, seed, 0);
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png).expect("encode a PNG");
    out
}

/// A valid one-page PDF (A4, with one line of text), cross-reference offsets computed.
pub fn pdf(text: &str) -> Vec<u8> {
    let stream = format!("BT /F1 24 Tf 72 760 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1)
            .as_bytes(),
    );
    out
}
