//! Evidence (佐证材料): photos and scans attached to visits, findings and cases — stored once by
//! content, scaled down, their EXIF read; the closing rule; export and removal; carried by bundles
//! from a laptop to the bureau and the city. Every file is made by the test (tests/photos).

mod photos;
mod sync_support;

use std::collections::BTreeMap;

use sync_support::{summary, World, VILLAGES};

/// A visit of G1 to `village` for work item `item` on 2012-03-06; returns its full id.
fn visit_item(w: &World, db: &str, village: &str, item: &str) -> String {
    let short = w.ok(
        db,
        &[
            "visit",
            "log",
            "--group",
            "G1",
            "--date",
            "2012-03-06",
            "--village",
            village,
            "--item",
            item,
            "--participant",
            "王局",
            "--discipline-ok",
            "--answer",
            "households=3",
        ],
    );
    w.query_text(db, &format!("SELECT id FROM visits WHERE id >= '{short}' AND id < '{short}g'"))
}

/// A hazard finding (work item 5) moved on to resolved; returns its full id.
fn resolved_hazard(w: &World, db: &str, village: &str) -> String {
    let v = visit_item(w, db, village, "5");
    let short = w.ok(
        db,
        &[
            "finding",
            "add",
            "--visit",
            &v[..8],
            "--category",
            "water",
            "--desc",
            "排污口未封堵",
            "--route",
            "env",
            "--due",
            "2012-04-30",
        ],
    );
    let f = w.query_text(db, &format!("SELECT id FROM findings WHERE id >= '{short}' AND id < '{short}g'"));
    w.ok(db, &["finding", "update", &f[..8], "--status", "in-progress", "--note", "交办"]);
    w.ok(db, &["finding", "update", &f[..8], "--status", "resolved", "--note", "已封堵"]);
    f
}

fn attach(w: &World, db: &str, args: &[&str]) -> (String, String) {
    let mut a = vec!["attach", "add"];
    a.extend_from_slice(args);
    let (code, out, err) = w.run(db, &a);
    assert_eq!(code, 0, "attach add {args:?}\n--- stdout\n{out}\n--- stderr\n{err}");
    (out.trim().to_string(), err)
}

fn data_counts(w: &World, db: &str) -> BTreeMap<String, i64> {
    let mut s = w.snapshot(db);
    s.remove("audit");
    s
}

/// Attach: a JPEG with EXIF date and GPS, a PNG and a one-page PDF; the same photo again is
/// stored once; list and show say what each is.
#[test]
fn attach_keeps_files_once_with_their_exif() {
    let w = World::new();
    w.bureau("b.db");
    let v = w.visit("b.db", VILLAGES[0], None);
    let f = w.finding("b.db", &v, "生活污水直排");
    std::fs::write(
        w.path("outfall.jpg"),
        photos::jpeg_with_exif(320, 240, 1, "2012:03:06 10:21:07", Some((30.6381, -119.68))),
    )
    .unwrap();
    std::fs::write(w.path("map.png"), photos::png(200, 100, 2)).unwrap();
    std::fs::write(w.path("反馈表.pdf"), photos::pdf("feedback form")).unwrap();

    let (ids, err) =
        attach(&w, "b.db", &["--finding", &f[..8], "--kind", "before", "--caption", "排污口", "outfall.jpg"]);
    assert_eq!(ids.len(), 8, "the new attachment's short id on stdout: {ids}");
    assert!(err.contains("拍摄于 2012-03-06 10:21:07") && err.contains("GPS 30.63810,-119.68000"), "{err}");
    let row = w.rows(
        "b.db",
        "SELECT a.kind, a.caption, a.taken_at, a.lat, a.lon, a.file_name, b.mime, b.width, b.height, b.size = length(b.bytes)
         FROM attachments a JOIN blobs b ON b.sha256 = a.blob",
    );
    assert_eq!(
        row,
        ["Text(\"before\")|Text(\"排污口\")|Text(\"2012-03-06T10:21:07\")|Real(30.6381)|Real(-119.68)|Text(\"outfall.jpg\")|Text(\"image/jpeg\")|Integer(320)|Integer(240)|Integer(1)"]
    );
    // Not scaled: the file's bytes kept exactly, keyed by their SHA-256.
    let bytes = std::fs::read(w.path("outfall.jpg")).unwrap();
    let conn = w.conn("b.db");
    let (sha, stored): (String, Vec<u8>) =
        conn.query_row("SELECT sha256, bytes FROM blobs", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!(stored, bytes);
    assert_eq!(sha, zoufang::io::photo::sha256_hex(&bytes));
    assert_eq!(sha.len(), 64);

    // The same photo on the visit, and a PNG and a PDF (a name that says nothing of the content).
    std::fs::copy(w.path("反馈表.pdf"), w.path("scan.jpg")).unwrap();
    let (_, err) = attach(&w, "b.db", &["--visit", &v[..8], "outfall.jpg", "map.png", "scan.jpg"]);
    assert!(err.contains("此前已存：没有新增字节"), "{err}");
    assert_eq!(w.count("b.db", "attachments"), 4);
    assert_eq!(w.count("b.db", "blobs"), 3, "the photo attached twice is stored once");
    assert_eq!(
        w.rows("b.db", "SELECT mime FROM blobs ORDER BY mime"),
        ["Text(\"application/pdf\")", "Text(\"image/jpeg\")", "Text(\"image/png\")"]
    );

    // list: a visit's attachments include its findings'.
    let (code, out, _) = w.run("b.db", &["attach", "list", "--visit", &v[..8], "--format", "csv"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "id,record,kind,caption,taken_at,gps,size_kb,pixels,file,warning,removed");
    assert_eq!(lines.len(), 5, "{out}");
    let (_, out, _) = w.run("b.db", &["attach", "list", "--finding", &f[..8], "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["taken_at"], "2012-03-06T10:21:07");
    assert_eq!(rows[0]["gps"], "30.63810,-119.68000");

    // show
    let first = &w.ids("b.db", "attachments").into_iter().next().unwrap();
    let out = w.ok("b.db", &["--lang", "en", "attach", "show", &first[..8]]);
    assert!(out.contains("SHA-256") && out.contains("exported as"), "{out}");
}

/// A photo past 2,048 px is scaled down on the way in (the original kept only when asked).
#[test]
fn large_photos_are_scaled_down() {
    let w = World::new();
    w.bureau("b.db");
    let v = w.visit("b.db", VILLAGES[0], None);
    std::fs::write(w.path("wide.jpg"), photos::jpeg_with_exif(2600, 80, 3, "2012:03:06 09:00:00", None))
        .unwrap();
    std::fs::write(w.path("tall.png"), photos::png(40, 4100, 4)).unwrap();
    let (_, err) = attach(&w, "b.db", &["--visit", &v[..8], "wide.jpg", "tall.png"]);
    assert!(err.contains("已缩小：2600×80 → 2048×63"), "{err}");
    assert!(err.contains("已缩小：40×4100 → 20×2048"), "{err}");
    assert_eq!(
        w.rows("b.db", "SELECT b.mime, b.width, b.height, a.original IS NULL, a.taken_at FROM attachments a JOIN blobs b ON b.sha256 = a.blob ORDER BY b.width"),
        [
            "Text(\"image/png\")|Integer(20)|Integer(2048)|Integer(1)|Null",
            "Text(\"image/jpeg\")|Integer(2048)|Integer(63)|Integer(1)|Text(\"2012-03-06T09:00:00\")"
        ],
        "scaled copies only, and the EXIF date read from the original"
    );
    // The stored copy is itself a whole, readable picture of the new size.
    let conn = w.conn("b.db");
    let stored: Vec<u8> =
        conn.query_row("SELECT bytes FROM blobs WHERE mime = 'image/jpeg'", [], |r| r.get(0)).unwrap();
    let img = image::load_from_memory(&stored).unwrap();
    assert_eq!((img.width(), img.height()), (2048, 63));

    // Asked to, the original is kept beside.
    std::fs::write(w.path("wide2.jpg"), photos::jpeg(2500, 60, 5)).unwrap();
    attach(&w, "b.db", &["--visit", &v[..8], "--keep-original", "wide2.jpg"]);
    assert_eq!(w.count("b.db", "blobs"), 4);
    assert_eq!(
        w.rows("b.db", "SELECT o.width, o.size FROM attachments a JOIN blobs o ON o.sha256 = a.original"),
        [format!("Integer(2500)|Integer({})", std::fs::metadata(w.path("wide2.jpg")).unwrap().len())]
    );
}

/// A photo taken more than a day from its visit, or an 'after' photo older than its finding, is
/// warned about when attached and shown by `finding show`.
#[test]
fn photos_that_do_not_fit_their_record_are_warned_about() {
    let w = World::new();
    w.bureau("b.db");
    let v = w.visit("b.db", VILLAGES[0], None); // 2012-03-06
    let f = w.finding("b.db", &v, "生活污水直排"); // logged 2012-03-06
    std::fs::write(w.path("late.jpg"), photos::jpeg_with_exif(64, 48, 6, "2012:03:20 08:00:00", None))
        .unwrap();
    std::fs::write(w.path("ok.jpg"), photos::jpeg_with_exif(64, 48, 7, "2012:03:07 18:00:00", None)).unwrap();
    std::fs::write(w.path("old.jpg"), photos::jpeg_with_exif(64, 48, 8, "2012:02:28 08:00:00", None))
        .unwrap();
    std::fs::write(w.path("noexif.jpg"), photos::jpeg(64, 48, 9)).unwrap();

    let (_, err) = attach(&w, "b.db", &["--lang", "en", "--visit", &v[..8], "late.jpg", "ok.jpg"]);
    assert!(
        err.contains("warning: late.jpg: taken 2012-03-20, 14 days after the visit (2012-03-06)"),
        "{err}"
    );
    assert!(!err.contains("warning: ok.jpg"), "a day away is fine: {err}");
    let (_, err) = attach(&w, "b.db", &["--finding", &f[..8], "--kind", "after", "old.jpg", "noexif.jpg"]);
    assert!(err.contains("整改后照片拍摄于 2012-02-28，早于问题登记（2012-03-06）"), "{err}");
    assert!(err.contains("noexif.jpg 没有 EXIF 拍摄日期"), "{err}");

    let (code, out, err) = w.run("b.db", &["--lang", "en", "finding", "show", &f[..8]]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Evidence") && out.contains("2012-02-28 08:00:00"), "{out}");
    assert!(
        err.contains("an 'after' photo taken 2012-02-28, before the finding was logged (2012-03-06)"),
        "{err}"
    );
    let (_, out, _) = w.run("b.db", &["attach", "list", "--format", "csv"]);
    assert_eq!(out.matches("away-from-visit").count(), 1, "{out}");
    assert_eq!(out.matches("after-older-than-finding").count(), 1, "{out}");
}

/// Not a photo or scan, empty, truncated, a folder, too large, missing: exit 3, the file named,
/// nothing written — even when the other files of the command were good.
#[test]
fn bad_files_are_refused_and_nothing_is_written() {
    let w = World::new();
    w.bureau("b.db");
    let v = w.visit("b.db", VILLAGES[0], None);
    std::fs::write(w.path("good.jpg"), photos::jpeg(64, 48, 1)).unwrap();
    std::fs::write(w.path("notes.jpg"), "这不是照片").unwrap();
    std::fs::write(w.path("empty.png"), "").unwrap();
    let jpeg = photos::jpeg(64, 48, 2);
    std::fs::write(w.path("cut.jpg"), &jpeg[..jpeg.len() - 40]).unwrap();
    let png = photos::png(64, 48, 3);
    std::fs::write(w.path("cut.png"), &png[..png.len() - 20]).unwrap();
    let pdf = photos::pdf("x");
    std::fs::write(w.path("cut.pdf"), &pdf[..pdf.len() / 2]).unwrap();
    std::fs::create_dir(w.path("photos")).unwrap();
    // 26 MB without writing 26 MB: a sparse file is refused on its size, unread.
    let big = std::fs::File::create(w.path("huge.jpg")).unwrap();
    big.set_len(26 * 1024 * 1024).unwrap();
    // A JPEG whose header says 10000×10000 pixels: refused before it is decoded.
    let mut giant = photos::jpeg(16, 16, 4);
    let sof = giant.windows(2).position(|b| b == [0xFF, 0xC0]).unwrap();
    giant[sof + 5..sof + 9].copy_from_slice(&[0x27, 0x10, 0x27, 0x10]);
    std::fs::write(w.path("giant.jpg"), giant).unwrap();

    let before = data_counts(&w, "b.db");
    for (file, says) in [
        ("notes.jpg", "is not a JPEG or PNG photo or a PDF"),
        ("empty.png", "is empty"),
        ("cut.jpg", "is truncated"),
        ("cut.png", "is truncated"),
        ("cut.pdf", "is truncated"),
        ("photos", "is a folder"),
        ("huge.jpg", "is 26.0 MB, over the limit of 25 MB"),
        ("giant.jpg", "is 10000×10000 pixels, over the limit"),
        ("missing.jpg", "does not exist"),
    ] {
        let err = w.refused("b.db", &["--lang", "en", "attach", "add", "--visit", &v[..8], "good.jpg", file]);
        assert!(err.contains(&format!("{file} {says}")), "{file}: {err}");
        assert!(err.contains("nothing was attached"), "{file}: {err}");
        assert_eq!(data_counts(&w, "b.db"), before, "{file}: something was written");
    }
    // And what needs a record has one.
    let err = w.refused("b.db", &["attach", "add", "good.jpg"]);
    assert!(err.contains("--visit ID、--finding ID 或 --case ID"), "{err}");
    let err = w.refused("b.db", &["attach", "add", "--visit", &v[..8], "--kind", "selfie", "good.jpg"]);
    assert!(err.contains("没有“selfie”这种附件类别"), "{err}");
    assert_eq!(data_counts(&w, "b.db"), before);
}

/// Closing a hazard finding (销号) needs an 'after' photo: refused without one (exit 3, the rule
/// named), accepted with one; a removed photo does not count; the bureau switches the rule per
/// work item.
#[test]
fn closing_a_hazard_needs_an_after_photo() {
    let w = World::new();
    w.bureau("b.db");
    let f = resolved_hazard(&w, "b.db", VILLAGES[0]);
    std::fs::write(w.path("before.jpg"), photos::jpeg(64, 48, 1)).unwrap();
    std::fs::write(w.path("after.jpg"), photos::jpeg(64, 48, 2)).unwrap();
    attach(&w, "b.db", &["--finding", &f[..8], "--kind", "before", "before.jpg"]);

    let close = ["finding", "follow-up", &f[..8], "--satisfaction", "satisfied", "--note", "群众满意"];
    let before = data_counts(&w, "b.db");
    let err = w.refused("b.db", &[&["--lang", "en"][..], &close[..]].concat());
    assert!(err.contains("after-photo-to-close") && err.contains("work item 5"), "{err}");
    assert!(err.contains(&format!("attach add --finding {}", &f[..8])), "the fix is named: {err}");
    assert_eq!(data_counts(&w, "b.db"), before, "nothing written");
    assert_eq!(w.query_text("b.db", &format!("SELECT status FROM findings WHERE id = '{f}'")), "resolved");

    // An after photo that was removed does not count.
    let a = attach(&w, "b.db", &["--finding", &f[..8], "--kind", "after", "after.jpg"]).0;
    w.ok("b.db", &["attach", "remove", &a, "--reason", "拍错了地点"]);
    let err = w.refused("b.db", &close);
    assert!(err.contains("after-photo-to-close"), "{err}");

    // With one, it closes.
    attach(&w, "b.db", &["--finding", &f[..8], "--kind", "after", "--caption", "已封堵", "after.jpg"]);
    w.ok("b.db", &close);
    assert_eq!(w.query_text("b.db", &format!("SELECT status FROM findings WHERE id = '{f}'")), "closed");

    // An unsatisfied follow-up reopens without any photo.
    let g = resolved_hazard(&w, "b.db", VILLAGES[1]);
    w.ok("b.db", &["finding", "follow-up", &g[..8], "--satisfaction", "unsatisfied", "--note", "仍有异味"]);

    // The bureau switches the rule off for hazards, on for village visits (work item 1).
    let h = resolved_hazard(&w, "b.db", VILLAGES[2]);
    let out = w.ok("b.db", &["attach", "rule", "--format", "csv"]);
    assert!(out.contains("\n5,hazard,yes,default"), "{out}");
    assert!(out.contains("\n1,village,no,default"), "{out}");
    w.ok("b.db", &["attach", "rule", "--item", "5", "off"]);
    w.ok("b.db", &["attach", "rule", "--item", "village", "on"]);
    let out = w.ok("b.db", &["attach", "rule", "--format", "csv"]);
    assert!(out.contains("\n5,hazard,no,bureau") && out.contains("\n1,village,yes,bureau"), "{out}");
    w.ok("b.db", &["finding", "follow-up", &h[..8], "--satisfaction", "basic", "--note", "基本满意"]);
    let v = w.visit("b.db", VILLAGES[3], None);
    let k = w.finding("b.db", &v, "垃圾乱堆");
    w.update("b.db", &k, "in-progress");
    w.update("b.db", &k, "resolved");
    let err =
        w.refused("b.db", &["finding", "follow-up", &k[..8], "--satisfaction", "satisfied", "--note", "好"]);
    assert!(err.contains("after-photo-to-close") && err.contains("工作事项 1 的问题"), "{err}");

    // A laptop copy takes the bureau's rules and cannot set its own.
    w.ok("b.db", &["sync", "clone", "-o", "l.db"]);
    let err = w.refused("l.db", &["attach", "rule", "--item", "1", "off"]);
    assert!(err.contains("笔记本副本"), "{err}");
    let err =
        w.refused("l.db", &["finding", "follow-up", &k[..8], "--satisfaction", "satisfied", "--note", "好"]);
    assert!(err.contains("after-photo-to-close"), "{err}");
}

/// Export writes each file under a name that says what it is, with an index; remove keeps the
/// attachment in the history with its reason.
#[test]
fn export_names_files_and_remove_keeps_history() {
    let w = World::new();
    w.bureau("b.db");
    let v = w.visit("b.db", VILLAGES[0], None);
    let f = w.finding("b.db", &v, "生活污水直排");
    std::fs::write(
        w.path("a.jpg"),
        photos::jpeg_with_exif(64, 48, 1, "2012:03:06 11:00:00", Some((30.6, 119.7))),
    )
    .unwrap();
    std::fs::write(w.path("b.pdf"), photos::pdf("form")).unwrap();
    std::fs::write(w.path("c.png"), photos::png(30, 30, 3)).unwrap();
    let a = attach(&w, "b.db", &["--finding", &f[..8], "--kind", "before", "a.jpg"]).0;
    let b = attach(&w, "b.db", &["--visit", &v[..8], "--kind", "form", "b.pdf"]).0;
    let c = attach(&w, "b.db", &["--visit", &v[..8], "c.png"]).0;

    w.ok("b.db", &["attach", "export", "--to", "out"]);
    let mut names: Vec<String> = std::fs::read_dir(w.path("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            format!("finding-{}_before_2012-03-06_{a}.jpg", &f[..8]),
            "index.csv".to_string(),
            format!("visit-{}_form_2012-03-10_{b}.pdf", &v[..8]),
            format!("visit-{}_scene_2012-03-10_{c}.png", &v[..8]),
        ],
        "record and id, kind, date (taken, else attached)"
    );
    assert_eq!(
        std::fs::read(w.path(&format!("out/{}", names[0]))).unwrap(),
        std::fs::read(w.path("a.jpg")).unwrap()
    );
    assert_eq!(
        std::fs::read(w.path(&format!("out/{}", names[2]))).unwrap(),
        std::fs::read(w.path("b.pdf")).unwrap()
    );
    let index = std::fs::read_to_string(w.path("out/index.csv")).unwrap();
    assert!(
        index.starts_with("file,attachment,record,kind,caption,taken_at,lat,lon,added_on,warning,sha256\n")
    );
    assert!(index.contains("2012-03-06T11:00:00,30.600000,119.700000"), "{index}");

    // Remove needs a reason; what is removed stays, listed with --removed, and is not exported.
    let err = w.refused("b.db", &["attach", "remove", &c, "--reason", " "]);
    assert!(err.contains("须写明理由"), "{err}");
    w.ok("b.db", &["attach", "remove", &c, "--reason", "与本次走访无关"]);
    assert_eq!(w.count("b.db", "attachments"), 3, "kept");
    assert_eq!(
        w.rows(
            "b.db",
            &format!("SELECT removed_on, removed_by, removed_reason FROM attachments WHERE id LIKE '{c}%'")
        ),
        ["Text(\"2012-03-10\")|Text(\"tester\")|Text(\"与本次走访无关\")"]
    );
    let err = w.refused("b.db", &["attach", "remove", &c, "--reason", "again"]);
    assert!(err.contains("已于 2012-03-10 撤除"), "{err}");
    let (_, out, _) = w.run("b.db", &["attach", "list", "--format", "csv"]);
    assert_eq!(out.lines().count(), 3, "{out}");
    let (_, out, _) = w.run("b.db", &["attach", "list", "--removed", "--format", "csv"]);
    assert_eq!(out.lines().count(), 4, "{out}");
    assert!(out.lines().any(|l| l.starts_with(&c) && l.ends_with(",yes")), "{out}");
    w.ok("b.db", &["attach", "export", "--visit", &v[..8], "--to", "out2"]);
    assert_eq!(
        std::fs::read_dir(w.path("out2")).unwrap().count(),
        3,
        "a.jpg (the visit's finding), b.pdf, index"
    );
    // Removal is in the audit log.
    let log = w.ok("b.db", &["log", "--format", "csv"]);
    assert!(log.contains("attach remove"), "{log}");
}

/// Photos go from two laptops to the bureau and on to the city; every bundle imported twice;
/// the same photo taken up by two routes is stored once everywhere, byte for byte.
#[test]
fn photos_travel_laptop_to_bureau_to_city() {
    let w = World::new();
    w.bureau("b.db");
    w.ok("city.db", &["init", "--org", "3305", "--year", "2012"]);
    let v0 = w.visit("b.db", VILLAGES[0], None);
    w.ok("b.db", &["sync", "clone", "-o", "l1.db"]);
    w.ok("b.db", &["sync", "clone", "-o", "l2.db"]);

    std::fs::write(
        w.path("same.jpg"),
        photos::jpeg_with_exif(400, 300, 1, "2012:03:06 10:00:00", Some((30.6, 119.7))),
    )
    .unwrap();
    std::fs::write(w.path("big.jpg"), photos::jpeg(2300, 200, 2)).unwrap();
    std::fs::write(w.path("form.pdf"), photos::pdf("form")).unwrap();
    let v1 = w.visit("l1.db", VILLAGES[1], None);
    let f1 = w.finding("l1.db", &v1, "垃圾清运不及时");
    attach(&w, "l1.db", &["--visit", &v1[..8], "same.jpg", "big.jpg", "form.pdf"]);
    attach(&w, "l1.db", &["--finding", &f1[..8], "--kind", "before", "same.jpg"]);
    // The second laptop attaches the very same photo to the bureau's visit.
    attach(&w, "l2.db", &["--visit", &v0[..8], "same.jpg"]);

    for l in ["l1.db", "l2.db"] {
        let file = format!("{l}.zfb");
        w.export(l, &file, &[]);
        let s = summary(&w.import("b.db", &file));
        assert_eq!(s[3], 0, "no conflicts: {s:?}");
        let before = w.snapshot("b.db");
        assert_eq!(summary(&w.import("b.db", &file)), [0, 0, 0, 0], "{file} again changes nothing");
        assert_eq!(w.snapshot("b.db"), before);
    }
    assert_eq!(w.count("b.db", "attachments"), 5);
    assert_eq!(w.count("b.db", "blobs"), 3, "same.jpg came from both laptops and is stored once");

    w.export("b.db", "county.zfb", &["--to", "3305"]);
    for _ in 0..2 {
        w.import("city.db", "county.zfb");
    }
    // The second laptop's bundle reaching the city by another road: nothing new.
    let before = w.snapshot("city.db");
    let (code, _, _) = w.run("city.db", &["sync", "import", "l2.db.zfb"]);
    assert_eq!(code, 3, "a laptop's bundle goes to its own bureau");
    assert_eq!(w.snapshot("city.db"), before);

    let blobs = "SELECT sha256, mime, size, width, height, hex(bytes) FROM blobs ORDER BY sha256";
    let links = "SELECT id, coalesce(visit_id, finding_id), kind, blob, taken_at, lat, lon FROM attachments ORDER BY id";
    for db in ["b.db", "city.db"] {
        assert_eq!(w.rows(db, blobs), w.rows("l1.db", blobs), "blobs in {db}");
        assert_eq!(w.rows(db, links).len(), 5, "attachments in {db}");
    }
    assert_eq!(w.rows("city.db", links), w.rows("b.db", links));
    // The stored bytes still hash to their key after the journey.
    let conn = w.conn("city.db");
    let mut st = conn.prepare("SELECT sha256, bytes FROM blobs").unwrap();
    let pairs: Vec<(String, Vec<u8>)> =
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(|r| r.unwrap()).collect();
    for (sha, bytes) in pairs {
        assert_eq!(zoufang::io::photo::sha256_hex(&bytes), sha);
    }
    // And the city can export them.
    w.ok("city.db", &["attach", "export", "--to", "city-out"]);
    assert_eq!(std::fs::read_dir(w.path("city-out")).unwrap().count(), 6);
}

/// Every part of a docx, by name.
fn docx_parts(path: &std::path::Path) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut parts = BTreeMap::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut part, &mut bytes).unwrap();
        parts.insert(part.name().to_string(), bytes);
    }
    parts
}

/// The written report (docx) shows a typical case's photos under the case and, for a hazard,
/// the 整改前/整改后 pair side by side in a borderless two-cell table with their dates; each
/// picture a JPEG copy at most 1,280 px long (not the stored photo), drawn within the page;
/// scans (PDF) and removed photos are not placed; the text formats and the progress report
/// carry no pictures.
#[test]
fn final_report_shows_case_photos_and_hazard_pairs() {
    let w = World::new();
    w.bureau("b.db");
    let f = resolved_hazard(&w, "b.db", VILLAGES[0]);
    // A hazard with a before photo only: no pair, nothing placed for it.
    let g = resolved_hazard(&w, "b.db", VILLAGES[1]);
    w.ok(
        "b.db",
        &[
            "case",
            "add",
            "--title",
            "递铺村生活污水治理经验",
            "--item",
            "village",
            "--county",
            "330523",
            "--date",
            "2012-03-08",
        ],
    );
    let case = w.query_text("b.db", "SELECT id FROM cases");
    std::fs::write(w.path("before.jpg"), photos::jpeg_with_exif(1600, 1200, 1, "2012:03:06 10:00:00", None))
        .unwrap();
    std::fs::write(w.path("after.jpg"), photos::jpeg_with_exif(1600, 1200, 2, "2012:03:20 15:00:00", None))
        .unwrap();
    std::fs::write(w.path("only.jpg"), photos::jpeg(640, 480, 3)).unwrap();
    std::fs::write(w.path("case1.png"), photos::png(300, 200, 4)).unwrap();
    std::fs::write(w.path("case2.jpg"), photos::jpeg(900, 1600, 5)).unwrap();
    std::fs::write(w.path("gone.jpg"), photos::jpeg(320, 240, 6)).unwrap();
    std::fs::write(w.path("case.pdf"), photos::pdf("case")).unwrap();
    attach(&w, "b.db", &["--finding", &f[..8], "--kind", "before", "before.jpg"]);
    attach(&w, "b.db", &["--finding", &f[..8], "--kind", "after", "--caption", "已封堵", "after.jpg"]);
    attach(&w, "b.db", &["--finding", &g[..8], "--kind", "before", "only.jpg"]);
    attach(
        &w,
        "b.db",
        &["--case", &case[..8], "--caption", "治理后的沟渠", "case1.png", "case2.jpg", "case.pdf"],
    );
    let gone = attach(&w, "b.db", &["--case", &case[..8], "gone.jpg"]).0;
    w.ok("b.db", &["attach", "remove", &gone, "--reason", "不是这个村"]);

    let (code, _, err) =
        w.run("b.db", &["report", "final", "--as-of", "2012-06-25", "--format", "docx", "-o", "final.docx"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("文档中放入了 4 张照片"), "{err}");
    let parts = docx_parts(&w.path("final.docx"));
    let media: Vec<(&String, &Vec<u8>)> =
        parts.iter().filter(|(n, _)| n.starts_with("word/media/")).collect();
    assert_eq!(
        media.len(),
        4,
        "before, after and the case's two pictures (not its PDF, not the removed one, not a lone before): {:?}",
        media.iter().map(|m| m.0).collect::<Vec<_>>()
    );
    let mut longest = 0;
    for (name, bytes) in &media {
        assert!(name.ends_with(".jpeg"), "{name}");
        let img = image::load_from_memory_with_format(bytes, image::ImageFormat::Jpeg).unwrap();
        let long = img.width().max(img.height());
        assert!(long <= 1280, "{name} is the document's copy: {}×{}", img.width(), img.height());
        assert!(bytes.len() < 600_000, "{name} is {} bytes", bytes.len());
        longest = longest.max(long);
    }
    assert_eq!(longest, 1280, "the 1600-px photos are scaled to 1280 px");
    let text = |name: &str| String::from_utf8(parts[name].clone()).unwrap();
    assert!(text("[Content_Types].xml").contains("Extension=\"jpeg\" ContentType=\"image/jpeg\""));
    let rels = text("word/_rels/document.xml.rels");
    let doc = text("word/document.xml");
    for (name, _) in &media {
        let target = name.trim_start_matches("word/");
        let rel = rels
            .split("<Relationship ")
            .find(|r| r.contains(&format!("Target=\"{target}\"")))
            .unwrap_or_else(|| panic!("{name} has no relationship: {rels}"));
        assert!(rel.contains("relationships/image"), "{rel}");
        let id = rel.split("Id=\"").nth(1).and_then(|r| r.split('"').next()).unwrap();
        assert_eq!(doc.matches(&format!("r:embed=\"{id}\"")).count(), 1, "{id} drawn once");
    }
    assert_eq!(doc.matches("<w:drawing>").count(), 4);
    assert_eq!(doc.matches("<pic:pic>").count(), 4);

    // Every picture drawn within the text block (156 mm), a pair's each within its half.
    let emu_mm = |s: &str| s.parse::<f64>().unwrap() / 36000.0;
    let extents: Vec<(f64, f64)> = doc
        .split("<wp:extent cx=\"")
        .skip(1)
        .map(|s| {
            let cx = s.split('"').next().unwrap();
            let cy = s.split("cy=\"").nth(1).unwrap().split('"').next().unwrap();
            (emu_mm(cx), emu_mm(cy))
        })
        .collect();
    assert_eq!(extents.len(), 4);
    for (cx, cy) in &extents {
        assert!(*cx <= 78.0 && *cx > 40.0 && *cy <= 90.0 && *cy > 40.0, "{cx}×{cy} mm");
    }

    // The hazard's pair: one borderless table, two cells, before then after, dated.
    let pair_at = doc.find("整改前（2012年3月6日）").expect("the before caption");
    let table_start = doc[..pair_at].rfind("<w:tbl>").unwrap();
    let table_end = pair_at + doc[pair_at..].find("</w:tbl>").unwrap();
    let pair = &doc[table_start..table_end];
    assert_eq!(pair.matches("<w:tc>").count(), 2, "{pair}");
    assert_eq!(pair.matches("<w:drawing>").count(), 2);
    assert!(pair.contains("整改后：已封堵（2012年3月20日）"), "{pair}");
    assert!(pair.contains("<w:insideV w:val=\"nil\"/>") && !pair.contains("w:val=\"single\""), "borderless");
    let after_pair = &doc[table_end..];
    assert!(after_pair.contains("排污口未封堵"), "the pair's title names the finding");
    assert!(
        doc.contains("隐患整改前后对比见图2。"),
        "the case's two pictures are one row, 图1; the pair 图2"
    );
    assert!(doc.find("环境安全隐患排查整改").unwrap() < pair_at, "under the hazards' section");

    // The case's pictures: under the case, side by side, its caption and kind named.
    let case_at = doc.find("典型经验：递铺村生活污水治理经验。").unwrap();
    let first_pic = doc.find("<w:drawing>").unwrap();
    assert!(case_at < first_pic && first_pic < pair_at);
    assert!(
        doc.contains("现场：治理后的沟渠（2012年3月10日）"),
        "kind, caption and the day attached (no EXIF)"
    );
    assert!(doc.contains("图1 典型经验：递铺村生活污水治理经验"));

    // No pictures in the progress report or the text formats.
    w.ok("b.db", &["report", "progress", "--as-of", "2012-03-25", "--format", "docx", "-o", "progress.docx"]);
    assert!(!docx_parts(&w.path("progress.docx")).keys().any(|n| n.starts_with("word/media/")));
    let md = w.ok("b.db", &["report", "final", "--as-of", "2012-06-25", "--format", "md"]);
    assert!(!md.contains("整改前（"), "{md}");
}

/// `form … --format md` to a folder writes the pages and, in photos/, each visit's photos and
/// scans (its own and its findings', not the removed ones, not another visit's), linked from its
/// page by relative paths that resolve to the stored bytes; to FILE.md, beside it in
/// FILE_photos/; on standard output they are listed, nothing written.
#[test]
fn form_pages_link_the_visit_photos() {
    let w = World::new();
    w.bureau("b.db");
    let v = w.visit("b.db", VILLAGES[0], None);
    let f = w.finding("b.db", &v, "生活污水直排");
    let other = w.visit("b.db", VILLAGES[1], None);
    std::fs::write(w.path("scene.jpg"), photos::jpeg_with_exif(320, 240, 1, "2012:03:06 10:00:00", None))
        .unwrap();
    std::fs::write(w.path("outfall.png"), photos::png(200, 100, 2)).unwrap();
    std::fs::write(w.path("form.pdf"), photos::pdf("feedback form")).unwrap();
    std::fs::write(w.path("wrong.jpg"), photos::jpeg(64, 48, 3)).unwrap();
    std::fs::write(w.path("elsewhere.jpg"), photos::jpeg(64, 48, 4)).unwrap();
    attach(&w, "b.db", &["--visit", &v[..8], "--caption", "座谈会 (村委会)", "scene.jpg"]);
    attach(&w, "b.db", &["--visit", &v[..8], "--kind", "form", "form.pdf"]);
    attach(&w, "b.db", &["--finding", &f[..8], "--kind", "before", "--caption", "排污口", "outfall.png"]);
    let wrong = attach(&w, "b.db", &["--visit", &v[..8], "wrong.jpg"]).0;
    w.ok("b.db", &["attach", "remove", &wrong, "--reason", "拍错了"]);
    attach(&w, "b.db", &["--visit", &other[..8], "elsewhere.jpg"]);

    // A folder (not there yet, named with a trailing slash): the page and photos/ in it.
    let (code, _, err) =
        w.run("b.db", &["form", "village", "--visit", &v[..8], "--format", "md", "-o", "out/"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("3 张照片和扫描件"), "{err}");
    let page = std::fs::read_to_string(w.path("out/农村和农户情况反馈表.md")).unwrap();
    let mut files: Vec<String> = std::fs::read_dir(w.path("out/photos"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    files.sort();
    assert_eq!(files.len(), 3, "the visit's photo and scan and its finding's photo: {files:?}");
    assert!(files
        .iter()
        .any(|n| n.starts_with(&format!("finding-{}_before_", &f[..8])) && n.ends_with(".png")));
    assert!(files.iter().any(|n| n.starts_with(&format!("visit-{}_form_", &v[..8])) && n.ends_with(".pdf")));
    // Every link is relative and opens the stored bytes.
    let links: Vec<&str> = page.split("](").skip(1).map(|s| s.split(')').next().unwrap()).collect();
    assert_eq!(links.len(), 3, "{page}");
    let conn = w.conn("b.db");
    for link in &links {
        assert!(link.starts_with("photos/") && !link.contains(".."), "{link}");
        let bytes = std::fs::read(w.path("out").join(link)).unwrap_or_else(|e| panic!("{link}: {e}"));
        let stored: i64 = conn
            .query_row(
                "SELECT count(*) FROM blobs WHERE sha256 = ?1",
                [zoufang::io::photo::sha256_hex(&bytes)],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(stored, 1, "{link} is a stored file");
    }
    assert!(
        page.contains("![现场：座谈会 (村委会)（2012-03-06）]("),
        "the caption, with the EXIF date: {page}"
    );
    assert!(page.contains(&format!("![问题{} 整改前：排污口（", &f[..8])), "{page}");
    assert!(page.contains("[反馈表（2012-03-10）](photos/visit-"), "a scan is linked, not shown: {page}");
    assert!(page.find("填写内容").unwrap() < page.find("佐证材料").unwrap(), "the photos after the form");

    // -o FILE.md: beside it in FILE_photos/, both visits' pages, each with its own photos.
    std::fs::create_dir(w.path("pages")).unwrap();
    w.ok("b.db", &["form", "village", "--format", "md", "-o", "pages/村反馈表.md"]);
    let page = std::fs::read_to_string(w.path("pages/村反馈表.md")).unwrap();
    assert_eq!(std::fs::read_dir(w.path("pages/村反馈表_photos")).unwrap().count(), 4);
    let pages: Vec<&str> = page.split("page-break-after").collect();
    assert_eq!(pages.len(), 2, "{page}");
    for p in pages {
        let links = p.matches("](村反馈表_photos/").count();
        if p.contains(&other) {
            assert_eq!(links, 1, "the other visit's page, its one photo: {p}");
            assert!(p.contains(&format!("](村反馈表_photos/visit-{}_scene_", &other[..8])), "{p}");
        } else {
            assert!(p.contains(&v), "{p}");
            assert_eq!(links, 3, "{p}");
        }
    }

    // Standard output: the photos listed with their ids, no file written.
    let before: Vec<_> = std::fs::read_dir(w.path(".")).unwrap().map(|e| e.unwrap().file_name()).collect();
    let (code, out, err) = w.run("b.db", &["form", "village", "--visit", &v[..8], "--format", "md"]);
    assert_eq!(code, 0, "{err}");
    let listed =
        format!("- 问题{} 整改前：排污口（2012-03-10）：finding-{}_before_2012-03-10_", &f[..8], &f[..8]);
    assert!(out.contains(&listed), "{out}");
    assert_eq!(out.matches("\n- ").count(), 3, "{out}");
    assert!(err.contains("照片只列出，未写出"), "{err}");
    let after: Vec<_> = std::fs::read_dir(w.path(".")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(before, after);

    // A folder is still refused for the other formats.
    let err = w.refused("b.db", &["form", "village", "--format", "csv", "-o", "out"]);
    assert!(err.contains("是文件夹"), "{err}");
}

/// Every write refuses to close a finding without the 'after' photo its rule asks for, but a merge
/// can make one: the laptop closes a hazard on its photo while the bureau removes that photo.
/// `check` lists it under the rule (exit 3), `conflict list` names the repair, and attaching a
/// photo repairs it. Removing the last 'after' photo of a closed finding is refused.
#[test]
fn a_merge_that_closes_without_the_after_photo_is_listed() {
    let w = World::new();
    w.bureau("b.db");
    let f = resolved_hazard(&w, "b.db", VILLAGES[0]);
    std::fs::write(w.path("after.jpg"), photos::jpeg(64, 48, 1)).unwrap();
    std::fs::write(w.path("again.jpg"), photos::jpeg(64, 48, 2)).unwrap();
    let a = attach(&w, "b.db", &["--finding", &f[..8], "--kind", "after", "after.jpg"]).0;
    w.ok("b.db", &["sync", "clone", "-o", "l.db"]);
    w.ok("l.db", &["finding", "follow-up", &f[..8], "--satisfaction", "satisfied", "--note", "群众满意"]);
    // On the laptop the finding is closed on that photo: its removal is refused, nothing written.
    let before = data_counts(&w, "l.db");
    let err = w.refused("l.db", &["--lang", "en", "attach", "remove", &a, "--reason", "拍错了地点"]);
    assert!(err.contains("after-photo-to-close") && err.contains("only 'after' photo"), "{err}");
    assert!(err.contains(&format!("attach add --finding {} --kind after", &f[..8])), "{err}");
    assert_eq!(data_counts(&w, "l.db"), before);
    // Meanwhile the bureau, where the finding is still resolved, removes it.
    w.ok("b.db", &["attach", "remove", &a, "--reason", "拍错了地点"]);
    w.ok("b.db", &["check"]);
    w.export("l.db", "l.zfb", &[]);
    w.import("b.db", "l.zfb");
    assert_eq!(w.query_text("b.db", &format!("SELECT status FROM findings WHERE id = '{f}'")), "closed");

    let (code, out, err) = w.run("b.db", &["check", "--format", "csv"]);
    assert_eq!(code, 3, "{out}{err}");
    let line = out.lines().find(|l| l.contains("after-photo-to-close")).unwrap_or_else(|| panic!("{out}"));
    assert!(line.contains(&f[..8]) && line.contains("工作事项 5"), "{line}");
    let list = w.ok("b.db", &["conflict", "list", "--format", "csv"]);
    let line = list.lines().find(|l| l.contains("after-photo-to-close")).unwrap_or_else(|| panic!("{list}"));
    assert!(
        line.contains(&f[..8]) && line.contains("zoufang attach add --finding ID --kind after"),
        "{line}"
    );

    // The repair: the right photo attached.
    attach(&w, "b.db", &["--finding", &f[..8], "--kind", "after", "again.jpg"]);
    w.ok("b.db", &["check"]);
}

/// A finding closed before the closing rule applied to it (here: while the bureau had it off)
/// never had an 'after' photo and was closed rightly then: `check` does not list it, and turning
/// the rule on does not make it a breach.
#[test]
fn a_finding_closed_before_the_rule_applied_is_not_a_breach() {
    let w = World::new();
    w.bureau("b.db");
    let f = resolved_hazard(&w, "b.db", VILLAGES[0]);
    w.ok("b.db", &["attach", "rule", "--item", "5", "off"]);
    w.ok("b.db", &["finding", "follow-up", &f[..8], "--satisfaction", "satisfied", "--note", "群众满意"]);
    w.ok("b.db", &["attach", "rule", "--item", "5", "on"]);
    w.ok("b.db", &["check"]);
    let (_, out, _) = w.run("b.db", &["conflict", "list", "--format", "csv"]);
    assert!(!out.contains("after-photo-to-close"), "{out}");
}

/// Many large photos in one `attach add`: stored one at a time, the sync capture logged in pieces
/// (every 16 MB of stored bytes) so that memory stays bounded, and the pieces carry every photo
/// to the bureau; a bad file among them still writes nothing.
#[test]
fn many_large_photos_in_one_command_are_logged_in_pieces() {
    let w = World::new();
    w.bureau("b.db");
    w.ok("b.db", &["sync", "clone", "-o", "l.db"]);
    let v = w.visit("l.db", VILLAGES[0], None);
    // Grainy photos at the stored size limit (2048×2048, not scaled): about 5 MB each.
    let mut names = Vec::new();
    let mut total = 0;
    for i in 0..4 {
        let name = format!("IMG_{i}.jpg");
        let bytes = photos::jpeg_q(2048, 2048, 10 + i, 255, 98);
        total += bytes.len();
        std::fs::write(w.path(&name), bytes).unwrap();
        names.push(name);
    }
    assert!(total > 17 * 1024 * 1024, "{total} bytes: more than one piece");
    let own = |db: &str| {
        let r = w.replica(db);
        w.query_i64(db, &format!("SELECT count(*) FROM sync_log WHERE origin = '{r}'"))
    };
    // One bad file last, whose header is sound (it passes the checks made before writing) but
    // whose pixels are damaged (a PNG with a broken IDAT checksum): found only as it is decoded,
    // after the others were stored and a piece logged — and still nothing is written.
    std::fs::write(w.path("bad.png"), {
        let mut png = photos::png(64, 48, 1);
        let idat = png.windows(4).position(|b| b == b"IDAT").unwrap();
        png[idat + 6] ^= 0x55;
        png
    })
    .unwrap();
    let before = (own("l.db"), data_counts(&w, "l.db"));
    let mut args: Vec<&str> = vec!["attach", "add", "--visit", &v[..8]];
    args.extend(names.iter().map(String::as_str));
    let mut bad = [&["--lang", "en"][..], &args[..]].concat();
    bad.push("bad.png");
    let err = w.refused("l.db", &bad);
    assert!(err.contains("bad.png cannot be read as a PNG"), "{err}");
    assert_eq!((own("l.db"), data_counts(&w, "l.db")), before, "nothing written: {err}");

    let logged = own("l.db");
    w.ok("l.db", &args);
    assert!(own("l.db") - logged >= 2, "the capture logged in pieces: {} entries", own("l.db") - logged);
    assert_eq!(w.count("l.db", "blobs"), 4);
    w.export("l.db", "l.zfb", &[]);
    w.import("b.db", "l.zfb");
    assert_eq!(w.count("b.db", "blobs"), 4);
    assert_eq!(
        w.rows("b.db", "SELECT sha256 FROM blobs ORDER BY 1"),
        w.rows("l.db", "SELECT sha256 FROM blobs ORDER BY 1")
    );
}
