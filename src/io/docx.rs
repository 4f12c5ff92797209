//! Word documents laid out as a 党政机关公文 (GB/T 9704-2012), written as WordprocessingML by hand
//! so that every property is where Word's schema wants it:
//! - A4; top margin 37 mm, left 28 mm, text block 156 × 225 mm (right 26 mm, bottom 35 mm);
//! - body 3号 (16 pt) 仿宋_GB2312 on a grid of 22 lines × 28 characters;
//! - title 2号 (22 pt) 方正小标宋简体, centred; headings `一、` 黑体, `（一）` 楷体_GB2312, `1.` bold 仿宋;
//! - page numbers "— 1 —" in 4号 宋体 one character in from the outside corner (odd right, even left);
//! - the bureau and the date (2012年6月25日) at the end, placed as §7.3.5.3 places an unsealed one.
//!
//! The fonts are named as a Chinese Windows names them, each with its usual substitute in the font
//! table (仿宋_GB2312 → 仿宋 (FangSong), 楷体_GB2312 → 楷体 (KaiTi), 方正小标宋简体 → 宋体 (SimSun)), so
//! Word and WPS use the 公文 fonts where they are installed and the system's own otherwise.
//!
//! A document is a list of blocks (`io::document::Block`): headings, paragraphs, tables, pictures.
//! `write` takes any such list, so a report can add photographs as it adds paragraphs.

use std::fmt::Write as _;
use std::io::Write as _;

use anyhow::Result;
use unicode_width::UnicodeWidthStr;

use super::document::{Block, Document, Photos, Picture, Table, Written};
use super::output::{OutputOpts, Value};
use crate::error::reject;

/// Twips (1/20 pt) in a millimetre.
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;
pub const PAGE_W_MM: f64 = 210.0;
pub const PAGE_H_MM: f64 = 297.0;
pub const MARGIN_TOP_MM: f64 = 37.0;
pub const MARGIN_LEFT_MM: f64 = 28.0;
pub const TEXT_W_MM: f64 = 156.0;
pub const TEXT_H_MM: f64 = 225.0;
/// Lines and characters of the body text on a page.
pub const LINES: u32 = 22;
pub const CHARS: u32 = 28;

pub const FONT_BODY: &str = "仿宋_GB2312";
pub const FONT_TITLE: &str = "方正小标宋简体";
pub const FONT_H1: &str = "黑体";
pub const FONT_H2: &str = "楷体_GB2312";
pub const FONT_PAGE: &str = "宋体";
const FONT_LATIN: &str = "Times New Roman";

/// Half-points: 3号 16 pt, 2号 22 pt, 4号 14 pt, 小四 12 pt, 五号 10.5 pt.
const SZ_BODY: u32 = 32;
const SZ_TITLE: u32 = 44;
const SZ_PAGE: u32 = 28;
const SZ_TABLE: u32 = 24;
const SZ_TABLE_WIDE: u32 = 21;
/// Tables of more than eight columns (a breakdown's figures): 小五, 9 pt.
const SZ_TABLE_NARROW: u32 = 18;

/// The font table: each font with the name Word falls back to when it is not installed.
const FONTS: &[(&str, &str, &str)] = &[
    // (name, substitute, pitch)
    ("仿宋_GB2312", "仿宋", "fixed"),
    ("仿宋", "FangSong", "fixed"),
    ("楷体_GB2312", "楷体", "fixed"),
    ("楷体", "KaiTi", "fixed"),
    ("黑体", "SimHei", "fixed"),
    ("宋体", "SimSun", "variable"),
    ("方正小标宋简体", "宋体", "variable"),
];

fn twips(mm: f64) -> i64 {
    (mm * TWIPS_PER_MM).round() as i64
}

/// The line pitch of the body grid in twips: 225 mm ÷ 22 lines (28.95 pt).
pub fn line_pitch() -> i64 {
    (TEXT_H_MM / f64::from(LINES) * TWIPS_PER_MM).floor() as i64
}

/// The spacing between body characters in twentieths of a point (`w:spacing`), so that exactly 28
/// characters of 16 pt fill the 156 mm line: 156 mm is 442.2 pt, 28 × 15.75 pt = 441 pt. (Word's
/// character grid would do the same in Word, but LibreOffice gives every 16 pt character two
/// cells of a 15.8 pt grid; a spacing reads the same everywhere.)
pub fn char_spacing() -> i64 {
    let line_pt = TEXT_W_MM / 25.4 * 72.0;
    let pitch_twentieths = (line_pt / f64::from(CHARS) * 20.0).floor() as i64;
    pitch_twentieths - i64::from(SZ_BODY) * 10
}

/// XML-escape text.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// A run of text; a run starting with `【` and ending with `】` is highlighted for a person to fill.
fn run(text: &str, rpr: &str) -> String {
    let mut rpr = rpr.to_string();
    if text.starts_with('【') && text.ends_with('】') {
        rpr.push_str("<w:highlight w:val=\"yellow\"/>");
    }
    let rpr = if rpr.is_empty() { String::new() } else { format!("<w:rPr>{rpr}</w:rPr>") };
    format!("<w:r>{rpr}<w:t xml:space=\"preserve\">{}</w:t></w:r>", esc(text))
}

/// The runs of a paragraph's text: the `【…】` parts on their own (highlighted).
fn runs(text: &str, rpr: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('【') {
        let Some(j) = rest[i..].find('】').map(|j| i + j + '】'.len_utf8()) else { break };
        if i > 0 {
            out.push_str(&run(&rest[..i], rpr));
        }
        out.push_str(&run(&rest[i..j], rpr));
        rest = &rest[j..];
    }
    if !rest.is_empty() {
        out.push_str(&run(rest, rpr));
    }
    out
}

fn para(style: &str, ppr: &str, body: &str) -> String {
    format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\"/>{ppr}</w:pPr>{body}</w:p>")
}

/// The width of a text in body characters (a CJK character is one, a digit half).
fn chars_wide(s: &str) -> f64 {
    UnicodeWidthStr::width(s) as f64 / 2.0
}

/// Write `doc` as a Word document: its written form if it has one, else its sections laid out.
pub fn write_document(opts: &OutputOpts, doc: &Document) -> Result<()> {
    let path = opts.path.as_deref().ok_or_else(|| {
        reject(crate::msg!("output-docx-needs-file")).hint(crate::msg!("output-docx-needs-file-hint"))
    })?;
    let written = match &doc.written {
        Some(w) => w.clone(),
        None => from_sections(doc, opts),
    };
    let bytes = build(&written)?;
    super::output::write_private(path, &bytes)
}

/// A document without a written form: a heading and a table per section.
fn from_sections(doc: &Document, opts: &OutputOpts) -> Written {
    let mut w = Written { title: doc.title.clone(), ..Written::default() };
    for (k, v) in &doc.header {
        w.blocks.push(Block::Para(format!("{}：{}", super::document::header_label(k, opts.lang), v.human())));
    }
    for s in &doc.sections {
        let level = if s.title_zh.starts_with('（') { 2 } else { 1 };
        w.blocks.push(Block::Heading(level, s.title(opts.lang).to_string()));
        w.blocks.extend(s.text.iter().cloned().map(Block::Para));
        if !s.columns.is_empty() {
            w.blocks.push(Block::Table(Table {
                caption: String::new(),
                header: s.columns.iter().map(|c| c.label(opts.lang).to_string()).collect(),
                rows: s.rows.clone(),
                pairs: None,
            }));
        }
    }
    w
}

/// The bytes of the .docx file (a zip of WordprocessingML parts).
pub fn build(w: &Written) -> Result<Vec<u8>> {
    let mut body = String::new();
    let mut media: Vec<(String, &Picture)> = Vec::new();
    body.push_str(&para("Title", "", &runs(&w.title, "")));
    // One empty line under the title.
    body.push_str(&para("Normal", "", ""));
    if let Some(a) = &w.addressee {
        body.push_str(&para("Normal", "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>", &runs(a, "")));
    }
    for b in &w.blocks {
        match b {
            Block::Heading(level, text) => {
                body.push_str(&para(&format!("Heading{}", level.clamp(&1, &3)), "", &runs(text, "")))
            }
            Block::Para(text) => body.push_str(&para("Normal", "", &runs(text, ""))),
            Block::Table(t) => table(&mut body, t),
            Block::Picture(p) => {
                let n = media.len() + 1;
                media.push((format!("media/image{n}.{}", p.ext), p));
                picture(&mut body, p, n);
            }
            Block::Photos(row) => {
                let first = media.len() + 1;
                for p in row.photos.iter().filter_map(|p| p.picture.as_ref()) {
                    let n = media.len() + 1;
                    media.push((format!("media/image{n}.{}", p.ext), p));
                }
                photo_row(&mut body, row, first);
            }
        }
    }
    signature(&mut body, w);
    let _ = write!(
        body,
        "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooterOdd\"/>\
         <w:footerReference w:type=\"even\" r:id=\"rIdFooterEven\"/>\
         <w:pgSz w:w=\"{}\" w:h=\"{}\"/>\
         <w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" w:left=\"{}\" w:header=\"851\" w:footer=\"{}\" w:gutter=\"0\"/>\
         <w:cols w:space=\"425\"/>\
         <w:docGrid w:type=\"lines\" w:linePitch=\"{}\"/></w:sectPr>",
        twips(PAGE_W_MM),
        twips(PAGE_H_MM),
        twips(MARGIN_TOP_MM),
        twips(PAGE_W_MM - MARGIN_LEFT_MM - TEXT_W_MM),
        twips(PAGE_H_MM - MARGIN_TOP_MM - TEXT_H_MM),
        twips(MARGIN_LEFT_MM),
        // The page number's line sits 7 mm under the text block (GB/T 9704 §7.5).
        twips(PAGE_H_MM - MARGIN_TOP_MM - TEXT_H_MM - 7.0 - 5.0),
        line_pitch(),
    );
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\" xmlns:wp=\"{WP}\" xmlns:a=\"{A}\" xmlns:pic=\"{PIC}\">\
         <w:body>{body}</w:body></w:document>"
    );

    let mut rels = String::from(
        "<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
         <Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>\
         <Relationship Id=\"rIdFonts\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/>\
         <Relationship Id=\"rIdFooterOdd\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>\
         <Relationship Id=\"rIdFooterEven\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer2.xml\"/>",
    );
    for (i, (name, _)) in media.iter().enumerate() {
        let _ = write!(
            rels,
            "<Relationship Id=\"rIdImage{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"{name}\"/>",
            i + 1
        );
    }
    let rels = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{rels}</Relationships>"
    );

    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), CONTENT_TYPES.as_bytes().to_vec()),
        ("_rels/.rels".into(), ROOT_RELS.as_bytes().to_vec()),
        ("docProps/core.xml".into(), core(w).into_bytes()),
        ("word/document.xml".into(), document.into_bytes()),
        ("word/_rels/document.xml.rels".into(), rels.into_bytes()),
        ("word/styles.xml".into(), styles().into_bytes()),
        ("word/settings.xml".into(), SETTINGS.as_bytes().to_vec()),
        ("word/fontTable.xml".into(), font_table().into_bytes()),
        ("word/footer1.xml".into(), footer(true).into_bytes()),
        ("word/footer2.xml".into(), footer(false).into_bytes()),
    ];
    for (name, bytes) in parts {
        zip.start_file(name, opts)?;
        zip.write_all(&bytes)?;
    }
    // Photos are compressed already: stored as they are (deflate would gain nothing, slowly).
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, p) in &media {
        zip.start_file(format!("word/{name}"), if p.ext == "png" { opts } else { stored })?;
        zip.write_all(&p.bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const PIC: &str = "http://schemas.openxmlformats.org/drawingml/2006/picture";

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Default Extension=\"png\" ContentType=\"image/png\"/>\
<Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>\
<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
<Override PartName=\"/word/footer2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
</Types>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
</Relationships>";

/// Odd and even pages carry different footers (the page number at the outside corner).
const SETTINGS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:defaultTabStop w:val=\"420\"/><w:evenAndOddHeaders/><w:characterSpacingControl w:val=\"compressPunctuation\"/>\
<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
</w:settings>";

fn core(w: &Written) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:creator>{}</dc:creator></cp:coreProperties>",
        esc(&w.title),
        esc(&w.issuer)
    )
}

fn fonts(east_asia: &str) -> String {
    format!(
        "<w:rFonts w:ascii=\"{FONT_LATIN}\" w:hAnsi=\"{FONT_LATIN}\" w:eastAsia=\"{east_asia}\" w:cs=\"{FONT_LATIN}\"/>"
    )
}

fn styles() -> String {
    let pitch = line_pitch();
    // Body lines exactly one grid line apart; two characters' indent on the first line.
    let body_ppr =
        format!("<w:spacing w:line=\"{pitch}\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:jc w:val=\"both\"/>");
    let style = |id: &str, name: &str, ppr: &str, rpr: &str, extra: &str| {
        format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>{extra}<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
        )
    };
    let based = "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>";
    let heading = |level: u8, font: &str, bold: bool| {
        style(
            &format!("Heading{level}"),
            &format!("heading {level}"),
            &format!(
                "<w:keepNext/><w:spacing w:line=\"{pitch}\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:jc w:val=\"both\"/><w:outlineLvl w:val=\"{}\"/>",
                level - 1
            ),
            &format!(
                "{}{}<w:spacing w:val=\"{}\"/><w:sz w:val=\"{SZ_BODY}\"/><w:szCs w:val=\"{SZ_BODY}\"/>",
                fonts(font),
                if bold { "<w:b/><w:bCs/>" } else { "<w:b w:val=\"0\"/><w:bCs w:val=\"0\"/>" },
                char_spacing()
            ),
            based,
        )
    };
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:styles xmlns:w=\"{W}\">\
         <w:docDefaults><w:rPrDefault><w:rPr>{}<w:kern w:val=\"2\"/><w:sz w:val=\"{SZ_BODY}\"/><w:szCs w:val=\"{SZ_BODY}\"/>\
         <w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>\
         <w:pPrDefault><w:pPr><w:widowControl w:val=\"0\"/><w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>",
        fonts(FONT_BODY)
    );
    s.push_str(&style(
        "Normal",
        "Normal",
        &body_ppr,
        &format!(
            "{}<w:spacing w:val=\"{}\"/><w:sz w:val=\"{SZ_BODY}\"/><w:szCs w:val=\"{SZ_BODY}\"/>",
            fonts(FONT_BODY),
            char_spacing()
        ),
        "<w:qFormat/>",
    ));
    s.push_str(&style(
        "Title",
        "Title",
        &format!("<w:spacing w:line=\"{}\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/><w:outlineLvl w:val=\"0\"/>", pitch * 5 / 4),
        &format!("{}<w:spacing w:val=\"0\"/><w:sz w:val=\"{SZ_TITLE}\"/><w:szCs w:val=\"{SZ_TITLE}\"/>", fonts(FONT_TITLE)),
        based,
    ));
    s.push_str(&heading(1, FONT_H1, false));
    s.push_str(&heading(2, FONT_H2, false));
    s.push_str(&heading(3, FONT_BODY, true));
    // Tables and their captions: single-spaced, off the grid, so a row is as tall as its text.
    s.push_str(&style(
        "TableCaption",
        "表格标题",
        "<w:keepNext/><w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"120\" w:after=\"60\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/>",
        &format!("{}<w:spacing w:val=\"0\"/><w:sz w:val=\"{SZ_PAGE}\"/><w:szCs w:val=\"{SZ_PAGE}\"/>", fonts(FONT_H1)),
        based,
    ));
    s.push_str(&style(
        "TableText",
        "表格文字",
        "<w:snapToGrid w:val=\"0\"/><w:spacing w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"left\"/>",
        &format!("{}<w:spacing w:val=\"0\"/><w:sz w:val=\"{SZ_TABLE}\"/><w:szCs w:val=\"{SZ_TABLE}\"/>", fonts(FONT_BODY)),
        "<w:basedOn w:val=\"Normal\"/><w:qFormat/>",
    ));
    // Photos: each caption under its photo, the row's title under the row (五号 仿宋, 小四 黑体).
    s.push_str(&style(
        "PhotoCaption",
        "照片说明",
        "<w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"40\" w:after=\"40\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/>",
        &format!("{}<w:spacing w:val=\"0\"/><w:sz w:val=\"{SZ_TABLE_WIDE}\"/><w:szCs w:val=\"{SZ_TABLE_WIDE}\"/>", fonts(FONT_BODY)),
        based,
    ));
    s.push_str(&style(
        "FigureTitle",
        "图题",
        "<w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"60\" w:after=\"240\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/>",
        &format!("{}<w:spacing w:val=\"0\"/><w:sz w:val=\"{SZ_TABLE}\"/><w:szCs w:val=\"{SZ_TABLE}\"/>", fonts(FONT_H1)),
        based,
    ));
    s.push_str(&style(
        "Footer",
        "footer",
        "<w:snapToGrid w:val=\"0\"/><w:spacing w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>",
        &format!("{}<w:spacing w:val=\"0\"/><w:sz w:val=\"{SZ_PAGE}\"/><w:szCs w:val=\"{SZ_PAGE}\"/>", fonts(FONT_PAGE)),
        "<w:basedOn w:val=\"Normal\"/>",
    ));
    s.push_str(
        "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>\
         <w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"85\" w:type=\"dxa\"/>\
         <w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>",
    );
    s.push_str("</w:styles>");
    s
}

fn font_table() -> String {
    let mut s =
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:fonts xmlns:w=\"{W}\">");
    for (name, alt, pitch) in FONTS {
        let _ = write!(
            s,
            "<w:font w:name=\"{name}\"><w:altName w:val=\"{alt}\"/><w:charset w:val=\"86\"/><w:family w:val=\"modern\"/><w:pitch w:val=\"{pitch}\"/></w:font>"
        );
    }
    let _ = write!(
        s,
        "<w:font w:name=\"{FONT_LATIN}\"><w:charset w:val=\"00\"/><w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/></w:font></w:fonts>"
    );
    s
}

/// The page number, "— 1 —" in 4号 宋体, one character in from the outside edge of the text block.
fn footer(odd: bool) -> String {
    let rpr = format!("{}<w:sz w:val=\"{SZ_PAGE}\"/><w:szCs w:val=\"{SZ_PAGE}\"/>", fonts(FONT_PAGE));
    let r = |inner: &str| format!("<w:r><w:rPr>{rpr}</w:rPr>{inner}</w:r>");
    let ppr = if odd {
        "<w:ind w:right=\"280\" w:firstLine=\"0\"/><w:jc w:val=\"right\"/>"
    } else {
        "<w:ind w:left=\"280\" w:firstLine=\"0\"/><w:jc w:val=\"left\"/>"
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:ftr xmlns:w=\"{W}\" xmlns:r=\"{R}\">\
         <w:p><w:pPr><w:pStyle w:val=\"Footer\"/>{ppr}</w:pPr>{}{}{}{}{}{}{}</w:p></w:ftr>",
        r("<w:t xml:space=\"preserve\">— </w:t>"),
        r("<w:fldChar w:fldCharType=\"begin\"/>"),
        r("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"),
        r("<w:fldChar w:fldCharType=\"separate\"/>"),
        r("<w:t>1</w:t>"),
        r("<w:fldChar w:fldCharType=\"end\"/>"),
        r("<w:t xml:space=\"preserve\"> —</w:t>"),
    )
}

/// A cell's text and whether it is a figure (right-aligned).
fn cell(v: &Value) -> (String, bool) {
    match v {
        Value::Null => (String::new(), false),
        Value::Int(_) | Value::Float(_) => (v.human().into_owned(), true),
        Value::Bool(_) | Value::Coded { .. } => (v.human().into_owned(), false),
        Value::Text(t) => {
            // A leading zero marks a code (kept left) unless the text is a rate such as 0.0%.
            let figure = !t.is_empty()
                && t.trim_end_matches('%').parse::<f64>().is_ok()
                && (!t.starts_with('0') || t.ends_with('%'))
                && t.len() < 12;
            (t.clone(), figure || t == "—")
        }
    }
}

/// A table across the text block: a caption, a header row repeated on every page, borders,
/// figures right-aligned, widths after their contents.
fn table(out: &mut String, t: &Table) {
    if !t.caption.is_empty() {
        out.push_str(&para("TableCaption", "", &runs(&t.caption, "")));
    }
    let n = t.header.len().max(1);
    let sz = if n > 8 {
        SZ_TABLE_NARROW
    } else if n > 6 {
        SZ_TABLE_WIDE
    } else {
        SZ_TABLE
    };
    let rpr = format!("<w:sz w:val=\"{sz}\"/><w:szCs w:val=\"{sz}\"/>");
    let head_rpr = format!("{}{rpr}", fonts(FONT_H1));
    // Widths: each column after its widest text (capped), scaled to the block's width.
    // A header of four or more characters may take two lines; a figure never wraps.
    let mut want: Vec<f64> = t
        .header
        .iter()
        .map(|h| {
            let w = chars_wide(h);
            if h.contains(' ') {
                // Latin words wrap between words, never inside one.
                h.split(' ').map(chars_wide).fold(0.0, f64::max)
            } else if w > 6.0 || (w > 4.0 && n > 6) {
                (w / 2.0).ceil()
            } else {
                w
            }
        })
        .collect();
    for r in &t.rows {
        for (i, v) in r.iter().enumerate().take(n) {
            let (text, figure) = cell(v);
            // Digits and % are wider than half a CJK character in most fonts: a figure gets room
            // to spare so that it never wraps ("100.0%" on two lines).
            let w = if figure { chars_wide(&text) * 1.1 + 0.3 } else { chars_wide(&text).min(12.0) + 0.3 };
            want[i] = want[i].max(w);
        }
    }
    let total_w = twips(TEXT_W_MM);
    // In twips: the text at the table's size plus the cell's margins; what is left of the block's
    // width is shared out evenly; if the texts need more than the width, every column shrinks.
    let need: Vec<f64> = want.iter().map(|w| w.max(2.0) * f64::from(sz) * 10.0 + 230.0).collect();
    let sum: f64 = need.iter().sum();
    let spare = (total_w as f64 - sum) / n as f64;
    // Too wide: the columns of text (names, which may wrap) give way first; the figures and the
    // short words (当期, 累计, 是) keep their room unless even they do not fit.
    let figures: Vec<bool> = (0..n)
        .map(|i| {
            !t.rows.is_empty()
                && t.rows.iter().all(|r| {
                    r.get(i).is_none_or(|v| {
                        let (text, figure) = cell(v);
                        figure || chars_wide(&text) <= 2.5
                    })
                })
        })
        .collect();
    let fixed: f64 = need.iter().zip(&figures).filter(|(_, f)| **f).map(|(w, _)| w).sum();
    let widths: Vec<i64> = need
        .iter()
        .zip(&figures)
        .map(|(w, figure)| {
            if spare >= 0.0 {
                (w + spare) as i64
            } else if fixed < total_w as f64 * 0.85 {
                if *figure {
                    *w as i64
                } else {
                    (w * (total_w as f64 - fixed) / (sum - fixed)) as i64
                }
            } else {
                (w * total_w as f64 / sum) as i64
            }
        })
        .collect();
    let border =
        |side: &str| format!("<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>");
    let _ = write!(
        out,
        "<w:tbl><w:tblPr><w:tblW w:w=\"{total_w}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>{}{}{}{}{}{}</w:tblBorders>\
         <w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
        border("top"),
        border("left"),
        border("bottom"),
        border("right"),
        border("insideH"),
        border("insideV")
    );
    for w in &widths {
        let _ = write!(out, "<w:gridCol w:w=\"{w}\"/>");
    }
    out.push_str("</w:tblGrid>");
    // Where a cell stands in a pair of rows (当期 above 累计): the first of a merged cell, its
    // continuation, or a cell of its own.
    #[derive(Clone, Copy, PartialEq)]
    enum Merge {
        Own,
        Start,
        Continue,
    }
    let row = |out: &mut String, cells: Vec<(String, bool)>, header: bool, merges: &[Merge], keep: bool| {
        out.push_str("<w:tr><w:trPr><w:cantSplit/>");
        if header {
            out.push_str("<w:tblHeader/>");
        }
        out.push_str("</w:trPr>");
        for (i, (text, figure)) in cells.into_iter().enumerate() {
            let jc = if header {
                "center"
            } else if figure {
                "right"
            } else {
                "left"
            };
            let merge = merges.get(i).copied().unwrap_or(Merge::Own);
            let vmerge = match merge {
                Merge::Own => "",
                Merge::Start => "<w:vMerge w:val=\"restart\"/>",
                Merge::Continue => "<w:vMerge/>",
            };
            // The first row of a pair keeps with the next, so a page never parts 当期 from 累计.
            let keep = if keep { "<w:keepNext/>" } else { "" };
            let text = if merge == Merge::Continue { String::new() } else { text };
            let _ = write!(
                out,
                "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/>{vmerge}<w:vAlign w:val=\"center\"/></w:tcPr>{}</w:tc>",
                widths.get(i).copied().unwrap_or(0),
                para(
                    "TableText",
                    &format!("{keep}<w:jc w:val=\"{jc}\"/>"),
                    &if text.is_empty() { String::new() } else { run(&text, if header { &head_rpr } else { &rpr }) }
                )
            );
        }
        out.push_str("</w:tr>");
    };
    row(out, t.header.iter().map(|h| (h.clone(), false)).collect(), true, &[], false);
    for (k, r) in t.rows.iter().enumerate() {
        let mut cells: Vec<(String, bool)> = r.iter().take(n).map(cell).collect();
        cells.resize(n, (String::new(), false));
        let first_of_pair = k % 2 == 0;
        let merges: Vec<Merge> = match &t.pairs {
            Some(cols) => (0..n)
                .map(|i| match (cols.contains(&i), first_of_pair) {
                    (false, _) => Merge::Own,
                    (true, true) => Merge::Start,
                    (true, false) => Merge::Continue,
                })
                .collect(),
            None => Vec::new(),
        };
        row(out, cells, false, &merges, t.pairs.is_some() && first_of_pair);
    }
    out.push_str("</w:tbl>");
    // A table is followed by a paragraph (Word needs one before the next table or the end).
    out.push_str(&para("TableText", "", ""));
}

const EMU_PER_MM: f64 = 36000.0;

/// The run drawing picture `n` (its media part `rIdImage{n}`) `w_mm` × `h_mm` on the page.
fn drawing(p: &Picture, n: usize, w_mm: f64, h_mm: f64) -> String {
    let (cx, cy) = ((w_mm * EMU_PER_MM) as i64, (h_mm * EMU_PER_MM) as i64);
    format!(
        "<w:r><w:drawing>\
         <wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:docPr id=\"{n}\" name=\"图{n}\"/>\
         <a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>\
         <pic:nvPicPr><pic:cNvPr id=\"{n}\" name=\"image{n}.{}\"/><pic:cNvPicPr/></pic:nvPicPr>\
         <pic:blipFill><a:blip r:embed=\"rIdImage{n}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
         <pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr>\
         </pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>",
        p.ext
    )
}

/// The size a picture is drawn at: as wide as `max_w` mm, unless that makes it taller than
/// `max_h` mm (a portrait photo), then as tall as `max_h` (aspect kept).
pub fn fit_mm(width_px: u32, height_px: u32, max_w: f64, max_h: f64) -> (f64, f64) {
    let ratio = f64::from(height_px.max(1)) / f64::from(width_px.max(1));
    let w = max_w;
    if w * ratio <= max_h {
        (w, w * ratio)
    } else {
        (max_h / ratio, max_h)
    }
}

/// A picture inline, centred, at most the text block's width, with its caption under it.
fn picture(out: &mut String, p: &Picture, n: usize) {
    let w_mm = p.width_mm.clamp(10.0, TEXT_W_MM);
    let h_mm = w_mm * f64::from(p.height_px.max(1)) / f64::from(p.width_px.max(1));
    let _ = write!(
        out,
        "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/><w:keepNext/><w:jc w:val=\"center\"/></w:pPr>{}</w:p>",
        drawing(p, n, w_mm, h_mm)
    );
    if !p.caption.is_empty() {
        out.push_str(&para("TableCaption", "", &runs(&p.caption, "")));
    }
}

/// Widest and tallest a photo is drawn: alone, two thirds of the block's width and 110 mm; two
/// or more side by side, the cell's width (less 4 mm of margin) and 90 mm — so that a pair and its
/// captions take under half a page and two pairs fit on one.
pub const PHOTO_ALONE_MM: (f64, f64) = (104.0, 110.0);
pub const PHOTO_SIDE_H_MM: f64 = 90.0;

/// Photos side by side in a borderless table (one cell each, its caption under the photo), the
/// row's title under the table. The row is kept whole on one page, with its title.
fn photo_row(out: &mut String, row: &Photos, first: usize) {
    let shown: Vec<(&Picture, &str)> =
        row.photos.iter().filter_map(|p| p.picture.as_ref().map(|pic| (pic, p.caption.as_str()))).collect();
    if shown.is_empty() {
        return;
    }
    let n = shown.len();
    let total_w = twips(TEXT_W_MM);
    let cell_w = total_w / n as i64;
    let cell_mm = TEXT_W_MM / n as f64;
    let nil = |side: &str| format!("<w:{side} w:val=\"nil\"/>");
    let _ = write!(
        out,
        "<w:tbl><w:tblPr><w:tblW w:w=\"{total_w}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>{}{}{}{}{}{}</w:tblBorders>\
         <w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
        nil("top"),
        nil("left"),
        nil("bottom"),
        nil("right"),
        nil("insideH"),
        nil("insideV")
    );
    for _ in 0..n {
        let _ = write!(out, "<w:gridCol w:w=\"{cell_w}\"/>");
    }
    out.push_str("</w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr>");
    for (i, (p, caption)) in shown.iter().enumerate() {
        let (w_mm, h_mm) = if n == 1 {
            fit_mm(p.width_px, p.height_px, PHOTO_ALONE_MM.0, PHOTO_ALONE_MM.1)
        } else {
            fit_mm(p.width_px, p.height_px, cell_mm - 4.0, PHOTO_SIDE_H_MM)
        };
        let _ = write!(
            out,
            "<w:tc><w:tcPr><w:tcW w:w=\"{cell_w}\" w:type=\"dxa\"/><w:vAlign w:val=\"bottom\"/></w:tcPr>\
             <w:p><w:pPr><w:pStyle w:val=\"TableText\"/><w:keepNext/><w:jc w:val=\"center\"/></w:pPr>{}</w:p>{}</w:tc>",
            drawing(p, first + i, w_mm, h_mm),
            para("PhotoCaption", "<w:keepNext/>", &runs(caption, ""))
        );
    }
    out.push_str("</w:tr></w:tbl>");
    // The title follows the table (Word needs a paragraph between two tables anyway).
    out.push_str(&para("FigureTitle", "", &runs(&row.title, "")));
}

/// The issuing bureau and the date, as GB/T 9704 §7.3.5.3 places them on a document without a
/// seal: one empty line under the text, the bureau two characters in from the right, the date on
/// the next line starting two characters to the right of the bureau's first character.
fn signature(out: &mut String, w: &Written) {
    if w.issuer.is_empty() {
        return;
    }
    let date = date_text(w.date);
    let (wi, wd) = (chars_wide(&w.issuer), chars_wide(&date));
    let issuer_right = 2.0 + (wd - wi).max(0.0);
    let date_right = (wi - wd).max(0.0);
    let char_twips = f64::from(SZ_BODY) * 10.0; // one 16 pt character
    out.push_str(&para("Normal", "", ""));
    for (text, right) in [(&w.issuer, issuer_right), (&date, date_right)] {
        out.push_str(&para(
            "Normal",
            &format!(
                "<w:ind w:right=\"{}\" w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"right\"/>",
                (right * char_twips).round() as i64
            ),
            &runs(text, ""),
        ));
    }
}

/// A date in the reader's language: 2012年6月25日, or 25 June 2012.
pub fn date_text(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    match crate::i18n::lang() {
        super::output::Lang::Zh => date_zh(d),
        super::output::Lang::En => crate::t!(
            "doc-date",
            date = crate::t!("doc-month-day", month = d.month() as i64, day = d.day() as i64),
            year = d.year().to_string()
        ),
    }
}

/// A date as a 公文 writes it: 2012年6月25日 (Arabic numerals, no leading zeros).
pub fn date_zh(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_is_22_lines_of_28_characters() {
        assert_eq!(line_pitch(), 579, "225 mm / 22 lines");
        let pitch_pt = 16.0 + char_spacing() as f64 / 20.0;
        let chars = (TEXT_W_MM / 25.4 * 72.0 / pitch_pt).floor();
        assert_eq!(chars, 28.0);
        assert_eq!(twips(MARGIN_TOP_MM), 2098);
        assert_eq!(twips(MARGIN_LEFT_MM), 1587);
    }

    #[test]
    fn placeholders_are_runs_of_their_own() {
        let r = runs("截至6月25日，【请补充：做法】。", "");
        assert_eq!(r.matches("<w:r>").count(), 3, "{r}");
        assert_eq!(r.matches("highlight").count(), 1, "{r}");
    }

    #[test]
    fn photos_fit_their_box() {
        // Landscape 4:3 in a pair's cell (74 mm × 90 mm): as wide as the cell.
        let (w, h) = fit_mm(1280, 960, 74.0, PHOTO_SIDE_H_MM);
        assert!((w - 74.0).abs() < 1e-9 && (h - 55.5).abs() < 1e-9, "{w}×{h}");
        // Portrait 9:16: as tall as allowed, narrower than the cell.
        let (w, h) = fit_mm(720, 1280, 74.0, PHOTO_SIDE_H_MM);
        assert!((h - 90.0).abs() < 1e-9 && w < 74.0, "{w}×{h}");
        // Alone: two thirds of the block's width at most.
        let (w, _) = fit_mm(1280, 960, PHOTO_ALONE_MM.0, PHOTO_ALONE_MM.1);
        assert!(w <= TEXT_W_MM * 2.0 / 3.0 + 0.1);
    }

    #[test]
    fn a_date_in_chinese() {
        assert_eq!(
            date_zh(chrono::NaiveDate::from_ymd_opt(2012, 6, 25).unwrap_or_default()),
            "2012年6月25日"
        );
    }
}
