//! `zoufang village add|list|show|import`: the village part of the area registry.

use anyhow::Result;

use super::area::{self, AddArgs, ImportArgs};
use super::Ctx;
use crate::domain::codes::Level;

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// Add one village (its township must be known)
    #[command(after_help = "Example:\n  zoufang village add 330523100201 --name 递铺村")]
    Add(AddArgs),
    /// List villages
    #[command(after_help = "Example:\n  zoufang village list --under 330523100")]
    List {
        #[arg(long)]
        under: Option<String>,
    },
    /// Show a village
    #[command(after_help = "Example:\n  zoufang village show 330523100201")]
    Show { code: String },
    /// Import villages from the NBS village layout
    #[command(after_help = "Example:\n  zoufang village import villages.csv")]
    Import(ImportArgs),
}

pub fn run(cmd: Cmd, ctx: &Ctx) -> Result<()> {
    match cmd {
        Cmd::Add(a) => area::add(ctx, &a, Some(Level::Village)),
        Cmd::List { under } => area::list(ctx, Some("village"), under.as_deref()),
        Cmd::Show { code } => area::show(ctx, &code),
        Cmd::Import(a) => area::import_file(&a, ctx, Some(Level::Village)),
    }
}
