//! `zoufang visit log|list|show|void|edit`.

mod edit;
mod list;
mod log;
mod show;
mod void;

use anyhow::Result;

use super::Ctx;

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// Log a visit with its feedback form and discipline record (asks for what is missing on a terminal)
    #[command(
        after_help = "Example:\n  zoufang visit log --group G1 --date 2012-03-06 --village 330523001203 --participant 王局 --participant 李明 \\\n      --discipline-ok --answer households=12 --answer concerns=sewage,garbage"
    )]
    Log(Box<log::Args>),
    /// List visits
    #[command(
        after_help = "Example:\n  zoufang visit list --since 2012-03-01 --until 2012-03-31 --group G1 --kind village"
    )]
    List(list::Args),
    /// Show a visit with its form as filled
    #[command(after_help = "Example:\n  zoufang visit show 3fa2")]
    Show { id: String },
    /// Void a visit entered by mistake: kept and shown as voided, counted nowhere (nor its findings)
    #[command(after_help = "Example:\n  zoufang visit void 3fa2 --reason 重复录入")]
    Void(void::Args),
    /// Correct a visit recorded wrongly (date, participants, discipline, answers, notes), with the reason
    #[command(
        after_help = "Example:\n  zoufang visit edit 3fa2 --reason 日期录错 --date 2012-03-07 --answer households=15"
    )]
    Edit(Box<edit::Args>),
}

pub fn run(cmd: Cmd, ctx: &Ctx) -> Result<()> {
    match cmd {
        Cmd::Log(a) => log::run(*a, ctx),
        Cmd::List(a) => list::run(a, ctx),
        Cmd::Show { id } => show::run(&id, ctx),
        Cmd::Void(a) => void::run(a, ctx),
        Cmd::Edit(a) => edit::run(*a, ctx),
    }
}
