//! Camera-like photos for trying and benchmarking `zoufang attach` (bench/attach.sh):
//! `cargo run --release --example gen_photos -- DIR N [WIDTH HEIGHT NOISE QUALITY]` writes N
//! JPEGs (default 4000×3000, grain 48, quality 92: about 3 MB each), each different, each with an
//! EXIF date (2012-03-06, a minute apart) and a GPS position in Anji county.
#[path = "../tests/photos/mod.rs"]
mod photos;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(n)) = (args.first(), args.get(1).and_then(|n| n.parse::<u32>().ok())) else {
        eprintln!("usage: gen_photos DIR N [WIDTH HEIGHT NOISE QUALITY]");
        std::process::exit(2);
    };
    let num = |i: usize, d: u32| args.get(i).and_then(|v| v.parse().ok()).unwrap_or(d);
    let (w, h, noise, q) = (num(2, 4000), num(3, 3000), num(4, 48), num(5, 92));
    std::fs::create_dir_all(dir).expect("make the folder");
    let mut total = 0usize;
    for i in 0..n {
        let taken = format!("2012:03:06 {:02}:{:02}:00", 8 + i / 60 % 10, i % 60);
        let lat = 30.63 + f64::from(i % 100) * 0.001;
        let jpeg = photos::jpeg_q(w, h, i + 1, noise as u8, q as u8);
        let bytes = photos::with_exif(&jpeg, &taken, Some((lat, 119.68)));
        total += bytes.len();
        std::fs::write(format!("{dir}/IMG_{i:04}.jpg"), bytes).expect("write a photo");
    }
    eprintln!("{n} photos, {:.1} MB in all", total as f64 / 1_048_576.0);
}
