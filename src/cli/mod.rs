//! The command line: global options resolved into a plain `Ctx`, and one module per command
//! (groups of commands as folders). Commands parse, call the domain and the store, and hand rows
//! to an output writer.

mod area;
mod ask;
mod attach;
mod backup;
mod case;
mod check;
mod conflict;
mod deliverable;
mod demo;
mod enterprise;
mod export;
mod finding;
mod finding_edit;
mod form;
mod group;
mod init;
mod log;
mod pick;
mod publicity;
mod report;
mod research;
mod sample;
mod staff;
mod status;
mod suggest;
mod sync;
mod target;
mod village;
mod visit;
mod workplan;
mod zone;

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Result;
use chrono::NaiveDate;
use clap::{CommandFactory, Parser, Subcommand};

use crate::domain::dates;
use crate::io::output::{Format, Lang, OutputOpts};
use crate::io::term::{self, ColorChoice};
use crate::msg;
use crate::store::{Actor, Store};

#[derive(Parser, Debug)]
#[command(
    name = "zoufang",
    version,
    about = "环保大走访活动 — field-visit campaign records for an environmental bureau",
    after_help = "Example:\n  zoufang init --org 330523 --year 2012\n  zoufang area import 安吉县村级.csv\n  zoufang enterprise list --format csv -o enterprises.csv"
)]
pub struct Cli {
    /// Database file (else $ZOUFANG_DB, else the platform data directory)
    #[arg(long, global = true, env = "ZOUFANG_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Output format
    #[arg(long, global = true, value_enum)]
    pub format: Option<Format>,
    /// Write the output to FILE instead of standard output
    #[arg(short = 'o', long, global = true, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Language of everything a person reads: messages, help, tables, documents
    #[arg(long, global = true, value_enum, env = "ZOUFANG_LANG", default_value = "zh")]
    pub lang: Lang,
    /// The date that due and overdue are judged against (YYYY-MM-DD)
    #[arg(long, global = true, env = "ZOUFANG_TODAY", value_name = "DATE")]
    pub today: Option<String>,
    /// Who is recorded in the audit log (else $ZOUFANG_USER, else the OS user)
    #[arg(long = "as", global = true, env = "ZOUFANG_USER", value_name = "USER")]
    pub as_user: Option<String>,
    /// Start CSV output with a byte-order mark, so that Excel opens it as UTF-8
    #[arg(long, global = true)]
    pub bom: bool,
    /// Never prompt; a missing value is an error (also when stdin is not a terminal)
    #[arg(long, global = true)]
    pub no_input: bool,
    /// Colour on a terminal (overdue red, due soon yellow, closed dimmed); NO_COLOR turns auto off
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value = "auto")]
    pub color: ColorChoice,
    /// Print long output straight to the terminal instead of through $PAGER (less)
    #[arg(long, global = true)]
    pub no_pager: bool,
    /// Tables on a terminal: every column, not the short set a narrow window gets
    #[arg(long, global = true, conflicts_with = "columns")]
    pub wide: bool,
    /// Only these columns, in this order (their English keys, as in csv: --columns id,date,status)
    #[arg(long, global = true, value_name = "KEY,…", value_delimiter = ',')]
    pub columns: Option<Vec<String>>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    Init(init::Args),
    Demo(demo::Args),
    Status(status::Args),
    Suggest(suggest::Args),
    #[command(subcommand)]
    Area(area::Cmd),
    #[command(subcommand)]
    Village(village::Cmd),
    #[command(subcommand)]
    Enterprise(enterprise::Cmd),
    #[command(subcommand)]
    Zone(zone::Cmd),
    #[command(subcommand)]
    Staff(staff::Cmd),
    #[command(subcommand)]
    Group(group::Cmd),
    #[command(subcommand)]
    Visit(visit::Cmd),
    #[command(subcommand)]
    Finding(finding::Cmd),
    #[command(subcommand)]
    Form(form::Cmd),
    #[command(subcommand)]
    Report(report::Cmd),
    Export(export::Args),
    /// Check the database's integrity and the campaign's rules
    Check(check::Args),
    /// Research reports (调研报告) of the groups
    Research(research::Args),
    /// Lead divisions' work plans (牵头处室工作方案)
    Workplan(workplan::Args),
    /// Typical cases (典型经验)
    Case(case::Args),
    /// Evidence (佐证材料): photos and scanned forms kept with visits, findings and cases
    Attach(attach::Args),
    /// Publicity items (宣传报道)
    Publicity(publicity::Args),
    /// Deliverables received from lower bureaus (and this bureau's own)
    Deliverable(deliverable::Args),
    /// Random spot checks (抽查)
    Sample(sample::Args),
    Log(log::Args),
    /// Laptop copies and roll-up: clone, export, import, status
    #[command(subcommand)]
    Sync(sync::Cmd),
    /// Conflicts and rule breaches left by sync imports
    #[command(subcommand)]
    Conflict(conflict::Cmd),
    Backup(backup::Args),
    /// Print shell completions: zoufang completions bash > /etc/bash_completion.d/zoufang
    Completions {
        shell: clap_complete::Shell,
    },
}

/// Everything a command needs to know about how it was called.
pub struct Ctx {
    pub db: PathBuf,
    pub out: OutputOpts,
    pub format_given: bool,
    pub today: NaiveDate,
    /// Whether --today (or $ZOUFANG_TODAY) was given, or today is the clock's.
    pub today_given: bool,
    pub actor: Actor,
    pub interactive: bool,
}

impl Ctx {
    pub fn open(&self) -> Result<Store> {
        Store::open(&self.db)
    }
}

fn default_db() -> PathBuf {
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("zoufang").join("zoufang.db")
}

fn os_user() -> String {
    std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "unknown".into())
}

/// The clap tree with its help in the process's language (`i18n::set_lang` first).
pub fn command() -> clap::Command {
    crate::i18n::help::localize(Cli::command())
}

pub fn run(cli: Cli) -> Result<()> {
    crate::i18n::set_lang(cli.lang);
    check_arguments()?;
    let today = match &cli.today {
        Some(t) => dates::parse(t)?,
        None => chrono::Local::now().date_naive(),
    };
    let command: Vec<String> = std::env::args().skip(1).collect();
    term::init(term::Wishes {
        color: cli.color,
        no_pager: cli.no_pager,
        no_input: cli.no_input,
        to_file: cli.output.is_some(),
        columns: match (&cli.columns, cli.wide) {
            (Some(keys), _) => term::Columns::Only(keys.clone()),
            (None, true) => term::Columns::Wide,
            (None, false) => term::Columns::Default,
        },
    });
    let ctx = Ctx {
        db: cli.db.clone().unwrap_or_else(default_db),
        out: OutputOpts::new(cli.format, cli.output.clone(), cli.lang, cli.bom),
        format_given: cli.format.is_some(),
        today,
        today_given: cli.today.is_some(),
        actor: Actor { user: cli.as_user.clone().unwrap_or_else(os_user), command: command.join(" ") },
        interactive: !cli.no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal(),
    };
    // `-o FILE` names rows or a document, except for the commands that write a database or a
    // bundle there. Both are checked before any command writes anything.
    // Form pages in markdown may go to a folder (`-o FOLDER/`): the page and the photos in it are
    // checked one by one as they are written.
    let page_folder = matches!(&cli.command, Command::Form(c) if form::writes_pages(c))
        && ctx.out.format == Format::Md
        && ctx.out.path.as_deref().is_some_and(form::is_folder);
    let rows = !matches!(
        &cli.command,
        Command::Backup(_) | Command::Sync(sync::Cmd::CloneDb | sync::Cmd::Export(_))
    ) && !page_folder;
    refuse_output_onto_database(&ctx, rows)?;
    if rows {
        // `-o FILE` whose extension names no format.
        ctx.out.check_file()?;
    }
    let db = ctx.db.clone();
    dispatch(cli.command, &ctx).map_err(|e| explain_engine(e, &db))
}

/// Text typed on the command line comes from outside too (a script may pass a spreadsheet's
/// cells): control characters other than tab and newline, and arguments past the longest text
/// zoufang keeps, are refused before anything runs.
fn check_arguments() -> Result<()> {
    use crate::domain::text::{check, TEXT_MAX};
    for (i, a) in std::env::args_os().enumerate().skip(1) {
        check(msg!("text-what-argument", i = i), &a.to_string_lossy(), TEXT_MAX)?;
    }
    Ok(())
}

/// `-o` naming the database (or one of its files, by any route) or another SQLite database would
/// destroy it: refuse before anything is opened.
fn refuse_output_onto_database(ctx: &Ctx, rows: bool) -> Result<()> {
    match &ctx.out.path {
        Some(out) => crate::io::output::check_target(out, &ctx.db, rows),
        None => Ok(()),
    }
}

/// The engine's errors (locked, full, damaged, cannot open…) said as what they mean for the
/// clerk, with a fix, instead of SQLite's bare words and error codes.
fn explain_engine(e: anyhow::Error, db: &std::path::Path) -> anyhow::Error {
    if e.downcast_ref::<crate::error::Rejected>().is_some()
        || e.downcast_ref::<crate::error::Failed>().is_some()
    {
        return e;
    }
    let Some(r) = e.chain().find_map(|c| c.downcast_ref::<rusqlite::Error>()) else { return e };
    let code = r.sqlite_error_code();
    let r = match r {
        rusqlite::Error::SqliteFailure(f, m) => rusqlite::Error::SqliteFailure(*f, m.clone()),
        _ => return e,
    };
    let explained = crate::store::engine_error(r, db);
    if code.is_some() && explained.downcast_ref::<rusqlite::Error>().is_none() {
        explained
    } else {
        e
    }
}

fn dispatch(command: Command, ctx: &Ctx) -> Result<()> {
    match command {
        Command::Init(a) => init::run(a, ctx),
        Command::Demo(a) => demo::run(a, ctx),
        Command::Status(a) => status::run(a, ctx),
        Command::Suggest(a) => suggest::run(a, ctx),
        Command::Area(c) => area::run(c, ctx),
        Command::Village(c) => village::run(c, ctx),
        Command::Enterprise(c) => enterprise::run(c, ctx),
        Command::Zone(c) => zone::run(c, ctx),
        Command::Staff(c) => staff::run(c, ctx),
        Command::Group(c) => group::run(c, ctx),
        Command::Visit(c) => visit::run(c, ctx),
        Command::Finding(c) => finding::run(c, ctx),
        Command::Form(c) => form::run(c, ctx),
        Command::Report(c) => report::run(c, ctx),
        Command::Export(a) => export::run(a, ctx),
        Command::Check(a) => check::run(a, ctx),
        Command::Research(a) => research::run(a, ctx),
        Command::Workplan(a) => workplan::run(a, ctx),
        Command::Case(a) => case::run(a, ctx),
        Command::Attach(a) => attach::run(a, ctx),
        Command::Publicity(a) => publicity::run(a, ctx),
        Command::Deliverable(a) => deliverable::run(a, ctx),
        Command::Sample(a) => sample::run(a, ctx),
        Command::Log(a) => log::run(a, ctx),
        Command::Sync(c) => sync::run(c, ctx),
        Command::Conflict(c) => conflict::run(c, ctx),
        Command::Backup(a) => backup::run(a, ctx),
        Command::Completions { shell } => {
            let mut cmd = crate::cli::command();
            // Into a buffer first: clap_complete panics when its writer fails (a closed pipe).
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut cmd, "zoufang", &mut buf);
            use std::io::Write as _;
            let mut out = std::io::stdout().lock();
            out.write_all(&buf)?;
            out.flush()?;
            Ok(())
        }
    }
}
