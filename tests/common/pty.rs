//! zoufang in a pseudo-terminal, as a clerk runs it: a window of `cols` columns (50 rows), a clean
//! environment pinned like `Env::cmd`'s. `run` reads to the end; a `Session` is driven key by key,
//! each key sent only once the screen shows what it answers (no sleeps).

use std::io::{Read, Write};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};

use super::Env;

/// The day every pty run is judged against (`$ZOUFANG_TODAY`).
pub const DAY: &str = "2012-04-15";

fn spawn(
    env: &Env,
    cols: u16,
    args: &[&str],
    vars: &[(&str, &str)],
) -> (Box<dyn Child + Send + Sync>, Box<dyn MasterPty + Send>) {
    let pair = native_pty_system()
        .openpty(PtySize { rows: 50, cols, pixel_width: 0, pixel_height: 0 })
        .expect("a pseudo-terminal");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_zoufang"));
    cmd.args(args);
    cmd.cwd(env.dir());
    cmd.env_clear();
    for (k, v) in [
        ("PATH", std::env::var("PATH").unwrap_or_default().as_str()),
        ("ZOUFANG_DB", env.db().to_str().expect("utf-8 path")),
        ("ZOUFANG_TODAY", DAY),
        ("ZOUFANG_USER", super::USER),
        ("HOME", env.dir().to_str().expect("utf-8 path")),
        ("LANG", "C.UTF-8"),
        ("TZ", "UTC"),
        ("TERM", "xterm-256color"),
    ] {
        cmd.env(k, v);
    }
    for (k, v) in vars {
        cmd.env(k, v);
    }
    let child = pair.slave.spawn_command(cmd).expect("zoufang starts in the pty");
    drop(pair.slave);
    (child, pair.master)
}

/// Everything read from the terminal so far, and whether the program has closed it.
type Screen = Arc<(Mutex<(Vec<u8>, bool)>, Condvar)>;

fn read_into(master: &dyn MasterPty) -> (Screen, std::thread::JoinHandle<()>) {
    let mut reader = master.try_clone_reader().expect("the pty's reader");
    let screen: Screen = Arc::new((Mutex::new((Vec::new(), false)), Condvar::new()));
    let s = Arc::clone(&screen);
    let thread = std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        loop {
            // Linux answers EIO once the last writer is gone: that is the end of the output.
            let n = reader.read(&mut buf).unwrap_or(0);
            let (lock, cv) = &*s;
            let mut got = lock.lock().expect("the screen");
            if n == 0 {
                got.1 = true;
                cv.notify_all();
                return;
            }
            got.0.extend_from_slice(&buf[..n]);
            cv.notify_all();
        }
    });
    (screen, thread)
}

/// Run zoufang to its end: (exit code, what the screen got, with `\r\n` read as `\n`).
pub fn run(env: &Env, cols: u16, args: &[&str], vars: &[(&str, &str)]) -> (u32, String) {
    let (mut child, master) = spawn(env, cols, args, vars);
    let (screen, reading) = read_into(&*master);
    let status = child.wait().expect("zoufang ends");
    drop(master);
    reading.join().expect("the reader thread");
    let out = screen.0.lock().expect("the screen").0.clone();
    (status.exit_code(), String::from_utf8_lossy(&out).replace("\r\n", "\n"))
}

/// The screen's text without its escape sequences (cursor moves, colour), as a person reads it.
pub fn plain(bytes: &[u8]) -> String {
    let s = String::from_utf8_lossy(bytes);
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        if chars.peek() == Some(&'[') {
            chars.next();
            // Parameters and intermediates, then one final byte.
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        } else {
            chars.next();
        }
    }
    out.replace("\r\n", "\n")
}

/// A program being driven through the terminal.
pub struct Session {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    screen: Screen,
    reading: Option<std::thread::JoinHandle<()>>,
    /// How much of the plain screen earlier `expect`s consumed.
    seen: usize,
}

/// Long enough for a loaded machine; a prompt that never comes fails the test, with the screen.
const PATIENCE: Duration = Duration::from_secs(60);

impl Session {
    pub fn start(env: &Env, args: &[&str], vars: &[(&str, &str)]) -> Session {
        let (child, master) = spawn(env, 100, args, vars);
        let writer = master.take_writer().expect("the pty's writer");
        let (screen, reading) = read_into(&*master);
        Session { child, master, writer, screen, reading: Some(reading), seen: 0 }
    }

    /// Wait until the screen shows `text` after what earlier waits consumed; returns the screen
    /// from there to the end of `text`.
    #[track_caller]
    pub fn expect(&mut self, text: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        let (lock, cv) = &*self.screen;
        let mut got = lock.lock().expect("the screen");
        loop {
            let now = plain(&got.0);
            if let Some(at) = now.get(self.seen..).and_then(|rest| rest.find(text)) {
                let end = self.seen + at + text.len();
                let part = now[self.seen..end].to_string();
                self.seen = end;
                return part;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !got.1 && !left.is_zero(),
                "waited for {text:?}; the screen has:\n{}",
                &now[self.seen.min(now.len())..]
            );
            got = cv.wait_timeout(got, left).expect("the screen").0;
        }
    }

    /// Type `keys` (text, or "\r" Enter, " " space, DOWN, UP, CTRL_C …).
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("typing into the pty");
        self.writer.flush().expect("typing into the pty");
    }

    /// Wait for the program to end: (exit code, the whole screen as text).
    pub fn finish(mut self) -> (u32, String) {
        let status = self.child.wait().expect("zoufang ends");
        drop(self.writer);
        drop(self.master);
        if let Some(r) = self.reading.take() {
            r.join().expect("the reader thread");
        }
        let out = self.screen.0.lock().expect("the screen").0.clone();
        (status.exit_code(), plain(&out))
    }
}

pub const DOWN: &str = "\u{1b}[B";
pub const UP: &str = "\u{1b}[A";
pub const BACKSPACE: &str = "\u{7f}";
pub const CTRL_C: &str = "\u{3}";
