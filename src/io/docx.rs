//! Word documents (the written report, 书面报告) that open in Word and WPS: a title, a heading per
//! section, its prose, and its table.

use anyhow::Result;
use docx_rs::{BreakType, Docx, Paragraph, Run, Style, StyleType, Table, TableCell, TableRow};

use super::document::Document;
use super::output::{OutputOpts, Value};
use crate::error::reject;

const FONT_SIZE: usize = 24; // half-points: 12 pt body text

fn para(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text).size(FONT_SIZE))
}

fn heading(text: &str, level: usize) -> Paragraph {
    Paragraph::new().style(&format!("Heading{level}")).add_run(Run::new().add_text(text).bold())
}

pub fn write_document(opts: &OutputOpts, doc: &Document) -> Result<()> {
    let path = opts
        .path
        .as_deref()
        .ok_or_else(|| reject("a Word document is written to a file").hint("add -o FILE.docx"))?;
    let mut d = Docx::new()
        .add_style(Style::new("Heading1", StyleType::Paragraph).name("heading 1").size(32).bold())
        .add_style(Style::new("Heading2", StyleType::Paragraph).name("heading 2").size(28).bold())
        .add_style(Style::new("Title", StyleType::Paragraph).name("Title").size(40).bold())
        // No paragraph alignment: docx-rs writes <w:jc> after <w:rPr>, an order Word's schema refuses.
        .add_paragraph(
            Paragraph::new().style("Title").add_run(Run::new().add_text(&doc.title).size(40).bold()),
        );
    for (k, v) in &doc.header {
        d = d.add_paragraph(para(&format!("{}: {}", super::document::header_label(k, opts.lang), v.text())));
    }
    for s in &doc.sections {
        // Sections of the outline (one per work item) sit under the report's numbered parts.
        let level = if s.title_zh.starts_with('（') { 2 } else { 1 };
        d = d.add_paragraph(heading(s.title(opts.lang), level));
        for p in &s.text {
            d = d.add_paragraph(para(p));
        }
        if !s.columns.is_empty() {
            let header = TableRow::new(
                s.columns
                    .iter()
                    .map(|c| {
                        TableCell::new().add_paragraph(
                            Paragraph::new().add_run(Run::new().add_text(c.label(opts.lang)).bold()),
                        )
                    })
                    .collect(),
            );
            let mut rows = vec![header];
            for r in &s.rows {
                rows.push(TableRow::new(
                    r.iter().map(|v| TableCell::new().add_paragraph(para(&cell(v)))).collect(),
                ));
            }
            d = d.add_table(Table::new(rows));
            d = d.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::TextWrapping)));
        }
    }
    let file = super::output::create_private(path)?;
    let mut xml = d.build();
    xml.document = schema_order(&xml.document);
    xml.styles = schema_order(&xml.styles);
    xml.pack(file).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    Ok(())
}

/// docx-rs writes an empty `<w:rPr />` first inside `<w:pPr>`, where the OOXML schema wants
/// `<w:pStyle>` first; Word is strict about that order. An empty rPr says nothing, so drop it.
fn schema_order(xml: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(xml)
        .replace("<w:pPr><w:rPr /></w:pPr>", "")
        .replace("<w:pPr><w:rPr />", "<w:pPr>")
        .into_bytes()
}

fn cell(v: &Value) -> String {
    match v {
        Value::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        other => other.text().into_owned(),
    }
}
