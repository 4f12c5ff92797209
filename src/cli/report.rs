//! `zoufang report plan|progress|final`: the 2/25, 3/25 and 6/25 documents.

use anyhow::Result;
use chrono::Datelike;

use super::Ctx;
use crate::domain::dates;
use crate::io::output::Format;
use crate::io::progress::Progress;
use crate::io::{document, docx, xlsx};
use crate::report::campaign::{self, Kind, Period};
use crate::report::plan;

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// The implementation plan (实施方案, due 2/25)
    #[command(after_help = "Example:\n  zoufang report plan --format md -o 实施方案.md")]
    Plan(Args),
    /// Phased progress (阶段性进展, due 3/25): every figure for the period and cumulative
    #[command(
        after_help = "Example:\n  zoufang report progress --as-of 2012-03-25 --format xlsx -o 进展.xlsx"
    )]
    Progress(Args),
    /// The written report (书面报告, due 6/25), with one section per work item ready to edit
    #[command(
        after_help = "Example:\n  zoufang report final --as-of 2012-06-25 --format docx -o 书面报告.docx"
    )]
    Final(Args),
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Count only what is dated on or before this date (default: today, or the deliverable's
    /// deadline when today is outside the campaign's year)
    #[arg(long)]
    pub as_of: Option<String>,
    /// Start of the period (当期); default: the day after the previous deadline
    #[arg(long)]
    pub since: Option<String>,
}

pub fn run(cmd: Cmd, ctx: &Ctx) -> Result<()> {
    let (kind, a) = match cmd {
        Cmd::Plan(a) => (None, a),
        Cmd::Progress(a) => (Some(Kind::Progress), a),
        Cmd::Final(a) => (Some(Kind::Final), a),
    };
    // No memory map: since the reports read the narrow finding_spans and visits_report instead of
    // rebuilding every history, mapping the file no longer pays (0.56-0.60 s either way for the
    // province's final report) and only made the process look 1 GB large.
    let store = ctx.open()?;
    // A document is dated inside its campaign's year: without --as-of, today if today falls in
    // that year, else the deliverable's own deadline (2/25, 3/25, 6/25) of that year.
    let as_of = match a.as_of.as_deref().map(dates::parse).transpose()? {
        Some(d) => d,
        None if ctx.today.year() == store.campaign.year => ctx.today,
        None => dates::deadline(
            store.campaign.year,
            match kind {
                None => "02-25",
                Some(Kind::Progress) => "03-25",
                Some(Kind::Final) => "06-25",
            },
        ),
    };
    let since = a.since.as_deref().map(dates::parse).transpose()?;
    if let Some(s) = since.filter(|s| *s > as_of) {
        return Err(crate::error::reject(crate::msg!("report-since-after", since = s, as_of = as_of))
            .hint(crate::msg!("report-since-after-hint"))
            .into());
    }
    // A province's final report takes a moment: say it is working.
    let working = Progress::spinner(&crate::t!("report-progress"));
    let mut doc = match kind {
        None => plan::compute(store.conn(), &store.campaign, as_of)?,
        Some(k) => campaign::compute(
            store.conn(),
            &store.campaign,
            k,
            &Period::new(k, store.campaign.year, as_of, since),
        )?,
    };
    // A Word document shows the photos the report names (cases, hazards): their copies are made now.
    if ctx.out.format == Format::Docx {
        if let Some(w) = doc.written.as_mut() {
            let mut skipped = Vec::new();
            let e = crate::report::evidence::embed(store.conn(), w, &mut skipped)?;
            if e.photos > 0 {
                let mb = format!("{:.1}", e.bytes as f64 / 1_048_576.0);
                crate::note!("{}", crate::t!("report-photos-placed", n = e.photos, mb = mb));
            }
            for s in skipped {
                crate::note!("{}", crate::t!("report-photo-unreadable", photo = s.to_string()));
            }
        }
    }
    working.finish();
    match ctx.out.format {
        Format::Xlsx => xlsx::write_document(&ctx.out, &doc),
        Format::Docx => docx::write_document(&ctx.out, &doc),
        _ => document::write(&ctx.out, &doc),
    }
}
