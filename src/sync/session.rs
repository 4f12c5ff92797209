//! The only `unsafe` code of zoufang: a small safe wrapper over SQLite's session extension
//! (compiled into the bundled SQLite through `LIBSQLITE3_FLAGS`, see ENGINEERING.md).
//!
//! - [`Session`] records the changes made on a connection to every exchanged table (the local
//!   bookkeeping tables of [`super::is_local_table`] are filtered out) and hands them out as a
//!   changeset, which may be taken before the transaction commits.
//! - [`changes`] reads a changeset into plain Rust values.
//! - [`apply`] applies a changeset with a conflict handler written in Rust.
//! - The streaming forms read and write through Rust readers and writers in small chunks, so that
//!   memory stays bounded whatever a changeset's size: [`Session::changeset_to`],
//!   [`for_each_change`], [`apply_from`]. SQLite calls back into [`read_input`] and
//!   [`write_output`] while the call runs; an I/O error there stops SQLite and is reported.
//!
//! Everything that crosses the boundary is copied into owned Rust values before the handler sees
//! it; no pointer from SQLite outlives the call that produced it.

use std::ffi::{c_char, c_int, c_uchar, c_void, CStr};
use std::io::{Read, Write};
use std::marker::PhantomData;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr::{self, NonNull};

use crate::error::reject;
use crate::{msg, t};
use anyhow::{anyhow, bail, Result};
use rusqlite::ffi;
use rusqlite::types::Value;
use rusqlite::Connection;

/// What a change does to its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Insert,
    Update,
    Delete,
}

impl Op {
    pub fn key(self) -> &'static str {
        match self {
            Op::Insert => "insert",
            Op::Update => "update",
            Op::Delete => "delete",
        }
    }
}

/// One row change of a changeset. `old` and `new` hold one slot per column; a slot is `None` when
/// the changeset does not carry that column (an UPDATE carries the primary key and the changed
/// columns only).
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub table: String,
    pub op: Op,
    pub pk: Vec<bool>,
    pub old: Vec<Option<Value>>,
    pub new: Vec<Option<Value>>,
}

impl Change {
    pub fn columns(&self) -> usize {
        self.pk.len()
    }
    /// The primary-key values, in column order.
    pub fn key(&self) -> Vec<Value> {
        let src = if self.op == Op::Insert { &self.new } else { &self.old };
        self.pk
            .iter()
            .zip(src)
            .filter(|(is_pk, _)| **is_pk)
            .map(|(_, v)| v.clone().unwrap_or(Value::Null))
            .collect()
    }
}

/// The kinds of conflict SQLite reports while applying a changeset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictKind {
    /// UPDATE/DELETE: the row exists but differs from the change's old values.
    Data,
    /// UPDATE/DELETE: the row does not exist.
    NotFound,
    /// INSERT: a row with that primary key exists.
    Conflict,
    /// A NOT NULL, CHECK or UNIQUE constraint would be broken.
    Constraint,
    /// Foreign keys are broken once all changes are in (reported once, at the end).
    ForeignKey,
}

/// What SQLite hands the conflict handler, copied into Rust values.
#[derive(Debug, Clone)]
pub struct Conflict {
    pub kind: ConflictKind,
    /// The change (absent for `ForeignKey`, which is about the changeset as a whole).
    pub change: Option<Change>,
    /// The local row in the way (for `Data` and `Conflict`).
    pub current: Option<Vec<Value>>,
    /// Number of broken foreign keys (for `ForeignKey`).
    pub foreign_keys: i32,
}

/// The handler's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Skip this change.
    Omit,
    /// Stop and roll the whole changeset back.
    Abort,
}

/// Whether [`apply`] ran to the end or was stopped by the handler (nothing of it kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    Done,
    Aborted,
}

/// A session recording the changes made on one connection. Lives no longer than the connection.
pub struct Session<'c> {
    raw: NonNull<ffi::sqlite3_session>,
    _conn: PhantomData<&'c Connection>,
}

/// Table filter shared by sessions and `apply`: exchanged tables only.
unsafe extern "C" fn exchanged_table(_ctx: *mut c_void, table: *const c_char) -> c_int {
    if table.is_null() {
        return 0;
    }
    // SAFETY: SQLite passes the table's name as a valid NUL-terminated string that lives for the
    // duration of this call; we only read it here.
    let name = unsafe { CStr::from_ptr(table) };
    match name.to_str() {
        Ok(n) => c_int::from(!super::is_local_table(n)),
        Err(_) => 0,
    }
}

fn error_text(rc: c_int) -> String {
    // SAFETY: sqlite3_errstr returns a pointer to a static, NUL-terminated English message for any
    // result code (never NULL in the bundled SQLite); it is copied at once.
    let p = unsafe { ffi::sqlite3_errstr(rc) };
    if p.is_null() {
        return format!("SQLite error {rc}");
    }
    // SAFETY: checked non-NULL above; the string is static.
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

impl<'c> Session<'c> {
    /// Start recording every change to the exchanged tables of `conn`'s main database.
    pub fn attach(conn: &'c Connection) -> Result<Session<'c>> {
        let mut raw: *mut ffi::sqlite3_session = ptr::null_mut();
        // SAFETY: `conn.handle()` is the live sqlite3* of a connection that outlives the session
        // ('c); "main" is a NUL-terminated literal; `raw` is a valid out-pointer.
        let rc = unsafe { ffi::sqlite3session_create(conn.handle(), c"main".as_ptr(), &mut raw) };
        let Some(raw) = NonNull::new(raw).filter(|_| rc == ffi::SQLITE_OK) else {
            bail!(t!("session-cannot-start", detail = error_text(rc)));
        };
        let session = Session { raw, _conn: PhantomData };
        // SAFETY: `session.raw` is the valid session just created; the filter is a plain function
        // that ignores its context pointer, so passing NULL is fine.
        unsafe {
            ffi::sqlite3session_table_filter(session.raw.as_ptr(), Some(exchanged_table), ptr::null_mut())
        };
        // SAFETY: valid session; a NULL table name attaches every table (subject to the filter).
        let rc = unsafe { ffi::sqlite3session_attach(session.raw.as_ptr(), ptr::null()) };
        if rc != ffi::SQLITE_OK {
            bail!(t!("session-cannot-attach", detail = error_text(rc)));
        }
        Ok(session)
    }

    /// The changes recorded so far, as a changeset (empty when nothing changed). May be called
    /// inside the transaction, before COMMIT.
    pub fn changeset(&self) -> Result<Vec<u8>> {
        let mut n: c_int = 0;
        let mut p: *mut c_void = ptr::null_mut();
        // SAFETY: valid session; `n` and `p` are valid out-pointers. On success SQLite allocates
        // `n` bytes at `p` with sqlite3_malloc, which we copy and free below.
        let rc = unsafe { ffi::sqlite3session_changeset(self.raw.as_ptr(), &mut n, &mut p) };
        let out = if rc == ffi::SQLITE_OK && !p.is_null() && n > 0 {
            // SAFETY: SQLite reported `n` readable bytes at `p`.
            unsafe { std::slice::from_raw_parts(p as *const u8, n as usize) }.to_vec()
        } else {
            Vec::new()
        };
        if !p.is_null() {
            // SAFETY: `p` was allocated by SQLite for us and is not used after this.
            unsafe { ffi::sqlite3_free(p) };
        }
        if rc != ffi::SQLITE_OK {
            bail!(t!("session-cannot-read", detail = error_text(rc)));
        }
        Ok(out)
    }
}

impl Session<'_> {
    /// Write the changes recorded so far, as a changeset, to `out` in chunks (SQLite's
    /// `sqlite3session_changeset_strm`): the changeset is never held whole in memory.
    pub fn changeset_to(&self, out: &mut dyn Write) -> Result<()> {
        let mut sink = Output { writer: out, error: None };
        // SAFETY: valid session; `sink` outlives the call and is reached only through the pointer
        // SQLite hands back to `write_output`, synchronously on this thread.
        let rc = unsafe {
            ffi::sqlite3session_changeset_strm(
                self.raw.as_ptr(),
                Some(write_output),
                &mut sink as *mut Output as *mut c_void,
            )
        };
        if let Some(e) = sink.error {
            bail!(t!("session-cannot-write", detail = e.to_string()));
        }
        if rc != ffi::SQLITE_OK {
            bail!(t!("session-cannot-read", detail = error_text(rc)));
        }
        Ok(())
    }
}

/// A Rust reader SQLite pulls a changeset from (`xInput`), with the error that stopped it.
struct Input<'r> {
    reader: &'r mut dyn Read,
    error: Option<String>,
}

/// A Rust writer SQLite pushes a changeset to (`xOutput`), with the error that stopped it.
struct Output<'w> {
    writer: &'w mut dyn Write,
    error: Option<String>,
}

/// SQLite's `xInput`: fill up to `*n` bytes at `data`; `*n = 0` is the end of the input.
unsafe extern "C" fn read_input(ctx: *mut c_void, data: *mut c_void, n: *mut c_int) -> c_int {
    // SAFETY: `ctx` is the `Input` the caller passed with this callback; SQLite calls back
    // synchronously on the caller's thread while the `Input` is alive and not otherwise borrowed.
    let input = unsafe { &mut *(ctx as *mut Input) };
    // SAFETY: SQLite passes a valid pointer to the capacity it wants filled.
    let want = unsafe { *n }.max(0) as usize;
    if want == 0 || data.is_null() {
        return ffi::SQLITE_OK;
    }
    // SAFETY: SQLite's buffer at `data` has room for `want` bytes, is ours to write during this
    // call, and does not overlap anything Rust holds.
    let buf = unsafe { std::slice::from_raw_parts_mut(data as *mut u8, want) };
    let read = catch_unwind(AssertUnwindSafe(|| loop {
        match input.reader.read(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            other => break other,
        }
    }));
    match read {
        Ok(Ok(k)) => {
            // SAFETY: as above; `k <= want` fits in a c_int.
            unsafe { *n = k as c_int };
            ffi::SQLITE_OK
        }
        Ok(Err(e)) => {
            input.error = Some(e.to_string());
            ffi::SQLITE_IOERR
        }
        Err(_) => {
            input.error = Some(t!("session-internal-reading"));
            ffi::SQLITE_IOERR
        }
    }
}

/// SQLite's `xOutput`: take `n` bytes at `data`.
unsafe extern "C" fn write_output(ctx: *mut c_void, data: *const c_void, n: c_int) -> c_int {
    // SAFETY: `ctx` is the `Output` the caller passed with this callback, alive and not otherwise
    // borrowed while SQLite calls back synchronously on the caller's thread.
    let output = unsafe { &mut *(ctx as *mut Output) };
    if n <= 0 || data.is_null() {
        return ffi::SQLITE_OK;
    }
    // SAFETY: SQLite hands `n` readable bytes at `data`, valid for this call.
    let bytes = unsafe { std::slice::from_raw_parts(data as *const u8, n as usize) };
    match catch_unwind(AssertUnwindSafe(|| output.writer.write_all(bytes))) {
        Ok(Ok(())) => ffi::SQLITE_OK,
        Ok(Err(e)) => {
            output.error = Some(e.to_string());
            ffi::SQLITE_IOERR
        }
        Err(_) => {
            output.error = Some(t!("session-internal-writing"));
            ffi::SQLITE_IOERR
        }
    }
}

/// Call `f` with every change of the changeset read from `input`, one at a time (SQLite's
/// `sqlite3changeset_start_strm`): only the current change is in memory. A damaged changeset, or
/// an error from `f`, stops the reading with an error.
pub fn for_each_change(input: &mut dyn Read, f: &mut dyn FnMut(Change) -> Result<()>) -> Result<()> {
    let mut src = Box::new(Input { reader: input, error: None });
    let mut raw: *mut ffi::sqlite3_changeset_iter = ptr::null_mut();
    // SAFETY: `src` is boxed (its address is stable) and outlives the iterator, which is finished
    // or dropped below before `src`; `raw` is a valid out-pointer. The iterator calls back into
    // `read_input` only from within the sqlite3changeset_* calls made on this thread.
    let rc = unsafe {
        ffi::sqlite3changeset_start_strm(&mut raw, Some(read_input), &mut *src as *mut Input as *mut c_void)
    };
    let it = Iter(raw);
    if rc != ffi::SQLITE_OK || it.0.is_null() {
        bail!(t!(
            "session-unreadable-changeset",
            detail = src.error.take().unwrap_or_else(|| error_text(rc))
        ));
    }
    loop {
        // SAFETY: `it.0` is a live iterator whose input `src` is alive.
        let rc = unsafe { ffi::sqlite3changeset_next(it.0) };
        match rc {
            ffi::SQLITE_ROW => {
                // SAFETY: positioned on a change after SQLITE_ROW.
                let change = unsafe { read_change(it.0)? };
                f(change)?;
            }
            ffi::SQLITE_DONE => break,
            _ => bail!(t!(
                "session-damaged-changeset",
                detail = src.error.take().unwrap_or_else(|| error_text(rc))
            )),
        }
    }
    let rc = it.finish();
    if rc != ffi::SQLITE_OK {
        bail!(t!("session-damaged-changeset", detail = src.error.take().unwrap_or_else(|| error_text(rc))));
    }
    drop(src);
    Ok(())
}

impl Drop for Session<'_> {
    fn drop(&mut self) {
        // SAFETY: the session is valid and deleted exactly once, while its connection is still open
        // (the borrow 'c guarantees the connection outlives `self`).
        unsafe { ffi::sqlite3session_delete(self.raw.as_ptr()) };
    }
}

/// Copy one sqlite3_value into an owned value.
///
/// # Safety
/// `v` must be NULL or a valid sqlite3_value for the duration of the call.
unsafe fn owned(v: *mut ffi::sqlite3_value) -> Option<Value> {
    if v.is_null() {
        return None;
    }
    // SAFETY (whole block): `v` is valid per the function contract; the text/blob pointers are read
    // for the byte counts SQLite reports, right after fetching them, and copied at once.
    unsafe {
        Some(match ffi::sqlite3_value_type(v) {
            ffi::SQLITE_INTEGER => Value::Integer(ffi::sqlite3_value_int64(v)),
            ffi::SQLITE_FLOAT => Value::Real(ffi::sqlite3_value_double(v)),
            ffi::SQLITE_TEXT => {
                let p = ffi::sqlite3_value_text(v);
                let n = ffi::sqlite3_value_bytes(v);
                if p.is_null() || n <= 0 {
                    Value::Text(String::new())
                } else {
                    let bytes = std::slice::from_raw_parts(p, n as usize);
                    Value::Text(String::from_utf8_lossy(bytes).into_owned())
                }
            }
            ffi::SQLITE_BLOB => {
                let p = ffi::sqlite3_value_blob(v) as *const u8;
                let n = ffi::sqlite3_value_bytes(v);
                if p.is_null() || n <= 0 {
                    Value::Blob(Vec::new())
                } else {
                    Value::Blob(std::slice::from_raw_parts(p, n as usize).to_vec())
                }
            }
            _ => Value::Null,
        })
    }
}

type ValueGetter =
    unsafe extern "C" fn(*mut ffi::sqlite3_changeset_iter, c_int, *mut *mut ffi::sqlite3_value) -> c_int;

/// Read `n` column values through one of sqlite3changeset_old/new/conflict.
///
/// # Safety
/// `it` must point at a current change of a live iterator for which `get` is allowed.
unsafe fn values(
    it: *mut ffi::sqlite3_changeset_iter,
    n: c_int,
    get: ValueGetter,
) -> Result<Vec<Option<Value>>> {
    let mut out = Vec::with_capacity(n.max(0) as usize);
    for i in 0..n {
        let mut v: *mut ffi::sqlite3_value = ptr::null_mut();
        // SAFETY: per the contract `it` is positioned on a change with `n` columns and `get` is
        // valid for it; `v` is a valid out-pointer; the value is copied before the next call.
        let rc = unsafe { get(it, i, &mut v) };
        if rc != ffi::SQLITE_OK {
            bail!(t!("session-unreadable-change", detail = error_text(rc)));
        }
        // SAFETY: `v` is NULL or a value valid until the iterator moves on.
        out.push(unsafe { owned(v) });
    }
    Ok(out)
}

/// Read the iterator's current change.
///
/// # Safety
/// `it` must be a live iterator positioned on a change (after SQLITE_ROW from next, or inside a
/// conflict handler for a kind other than FOREIGN_KEY).
unsafe fn read_change(it: *mut ffi::sqlite3_changeset_iter) -> Result<Change> {
    let mut tab: *const c_char = ptr::null();
    let mut ncol: c_int = 0;
    let mut op: c_int = 0;
    let mut indirect: c_int = 0;
    // SAFETY: valid positioned iterator and valid out-pointers.
    let rc = unsafe { ffi::sqlite3changeset_op(it, &mut tab, &mut ncol, &mut op, &mut indirect) };
    if rc != ffi::SQLITE_OK || tab.is_null() || ncol < 0 {
        bail!(t!("session-unreadable-change", detail = error_text(rc)));
    }
    // SAFETY: SQLite returned a NUL-terminated table name valid while the iterator stays here.
    let table = unsafe { CStr::from_ptr(tab) }.to_string_lossy().into_owned();
    let mut pk: *mut c_uchar = ptr::null_mut();
    let mut npk: c_int = 0;
    // SAFETY: as above.
    let rc = unsafe { ffi::sqlite3changeset_pk(it, &mut pk, &mut npk) };
    if rc != ffi::SQLITE_OK || pk.is_null() || npk != ncol {
        bail!(t!("session-unreadable-change-to", table = table, detail = error_text(rc)));
    }
    // SAFETY: SQLite reported an array of `npk` flags at `pk`.
    let pk: Vec<bool> =
        unsafe { std::slice::from_raw_parts(pk, npk as usize) }.iter().map(|b| *b != 0).collect();
    let op = match op {
        ffi::SQLITE_INSERT => Op::Insert,
        ffi::SQLITE_UPDATE => Op::Update,
        ffi::SQLITE_DELETE => Op::Delete,
        other => bail!(t!("session-unknown-change-kind", kind = other, table = table)),
    };
    let none = || vec![None; ncol as usize];
    // SAFETY: old values exist for UPDATE/DELETE, new values for INSERT/UPDATE; the iterator is
    // positioned on this change.
    let old = if op == Op::Insert { none() } else { unsafe { values(it, ncol, ffi::sqlite3changeset_old)? } };
    let new = if op == Op::Delete { none() } else { unsafe { values(it, ncol, ffi::sqlite3changeset_new)? } };
    Ok(Change { table, op, pk, old, new })
}

/// Finalizes a changeset iterator when dropped.
struct Iter(*mut ffi::sqlite3_changeset_iter);

impl Iter {
    fn finish(mut self) -> c_int {
        let it = std::mem::replace(&mut self.0, ptr::null_mut());
        // SAFETY: `it` is the live iterator; finalized once (Drop sees NULL afterwards).
        unsafe { ffi::sqlite3changeset_finalize(it) }
    }
}

impl Drop for Iter {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: the live iterator, finalized once.
            unsafe { ffi::sqlite3changeset_finalize(self.0) };
        }
    }
}

/// Every change of a changeset. A damaged changeset gives an error, never a crash.
pub fn changes(changeset: &[u8]) -> Result<Vec<Change>> {
    if changeset.is_empty() {
        return Ok(Vec::new());
    }
    let n = c_int::try_from(changeset.len()).map_err(|_| anyhow!(t!("session-changeset-too-large")))?;
    // SQLite's API takes a mutable pointer; give it a buffer of our own that outlives the iterator.
    let mut buf = changeset.to_vec();
    let mut raw: *mut ffi::sqlite3_changeset_iter = ptr::null_mut();
    // SAFETY: `buf` holds `n` bytes and lives until after the iterator is finalized (`it` is
    // dropped or finished before `buf` at the end of this function); `raw` is an out-pointer.
    let rc = unsafe { ffi::sqlite3changeset_start(&mut raw, n, buf.as_mut_ptr() as *mut c_void) };
    let it = Iter(raw);
    if rc != ffi::SQLITE_OK || it.0.is_null() {
        bail!(t!("session-unreadable-changeset", detail = error_text(rc)));
    }
    let mut out = Vec::new();
    loop {
        // SAFETY: `it.0` is a live iterator over `buf`.
        let rc = unsafe { ffi::sqlite3changeset_next(it.0) };
        match rc {
            ffi::SQLITE_ROW => {
                // SAFETY: positioned on a change after SQLITE_ROW.
                out.push(unsafe { read_change(it.0)? });
            }
            ffi::SQLITE_DONE => break,
            _ => bail!(t!("session-damaged-changeset", detail = error_text(rc))),
        }
    }
    let rc = it.finish();
    if rc != ffi::SQLITE_OK {
        bail!(t!("session-damaged-changeset", detail = error_text(rc)));
    }
    drop(buf);
    Ok(out)
}

/// Deletes a changegroup when dropped.
struct Group(*mut ffi::sqlite3_changegroup);

impl Drop for Group {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: the live changegroup, deleted once.
            unsafe { ffi::sqlite3changegroup_delete(self.0) };
        }
    }
}

/// Combine changesets into one, grouped by table (SQLite's changegroup). Changes to the same row
/// are merged, so callers combine only changesets that touch distinct rows.
pub fn combine(changesets: &[&[u8]]) -> Result<Vec<u8>> {
    let mut raw: *mut ffi::sqlite3_changegroup = ptr::null_mut();
    // SAFETY: `raw` is a valid out-pointer.
    let rc = unsafe { ffi::sqlite3changegroup_new(&mut raw) };
    let group = Group(raw);
    if rc != ffi::SQLITE_OK || group.0.is_null() {
        return Err(reject(msg!("session-bundle-damaged", detail = error_text(rc)))
            .hint(msg!("session-ask-again-hint"))
            .into());
    }
    for cs in changesets.iter().filter(|c| !c.is_empty()) {
        let n = c_int::try_from(cs.len()).map_err(|_| anyhow!(t!("session-changeset-too-large")))?;
        let mut buf = cs.to_vec();
        // SAFETY: valid changegroup; `buf` holds `n` bytes for the duration of the call (the
        // changegroup copies what it keeps).
        let rc = unsafe { ffi::sqlite3changegroup_add(group.0, n, buf.as_mut_ptr() as *mut c_void) };
        if rc != ffi::SQLITE_OK {
            return Err(reject(msg!("session-bundle-damaged", detail = error_text(rc)))
                .hint(msg!("session-ask-again-hint"))
                .into());
        }
    }
    let mut n: c_int = 0;
    let mut p: *mut c_void = ptr::null_mut();
    // SAFETY: valid changegroup; out-pointers valid; the output is allocated by SQLite for us.
    let rc = unsafe { ffi::sqlite3changegroup_output(group.0, &mut n, &mut p) };
    let out = if rc == ffi::SQLITE_OK && !p.is_null() && n > 0 {
        // SAFETY: SQLite reported `n` readable bytes at `p`.
        unsafe { std::slice::from_raw_parts(p as *const u8, n as usize) }.to_vec()
    } else {
        Vec::new()
    };
    if !p.is_null() {
        // SAFETY: allocated by SQLite for us, not used after this.
        unsafe { ffi::sqlite3_free(p) };
    }
    if rc != ffi::SQLITE_OK {
        return Err(reject(msg!("session-bundle-damaged", detail = error_text(rc)))
            .hint(msg!("session-ask-again-hint"))
            .into());
    }
    Ok(out)
}

struct ApplyCtx<'h> {
    handler: &'h mut dyn FnMut(&Conflict) -> Action,
    error: Option<String>,
    /// The handler asked to abort (SQLite then returns SQLITE_ABORT, or SQLITE_CONSTRAINT when
    /// it was about foreign keys).
    aborted: bool,
}

unsafe extern "C" fn on_conflict(
    ctx: *mut c_void,
    kind: c_int,
    it: *mut ffi::sqlite3_changeset_iter,
) -> c_int {
    // SAFETY: `ctx` is the `ApplyCtx` that `apply` passed, alive and not otherwise borrowed for the
    // whole apply call (SQLite calls back synchronously on the same thread).
    let ctx = unsafe { &mut *(ctx as *mut ApplyCtx) };
    let read = || -> Result<Conflict> {
        let kind = match kind {
            ffi::SQLITE_CHANGESET_DATA => ConflictKind::Data,
            ffi::SQLITE_CHANGESET_NOTFOUND => ConflictKind::NotFound,
            ffi::SQLITE_CHANGESET_CONFLICT => ConflictKind::Conflict,
            ffi::SQLITE_CHANGESET_CONSTRAINT => ConflictKind::Constraint,
            ffi::SQLITE_CHANGESET_FOREIGN_KEY => ConflictKind::ForeignKey,
            other => bail!(t!("session-unknown-conflict-kind", kind = other)),
        };
        if kind == ConflictKind::ForeignKey {
            let mut n: c_int = 0;
            // SAFETY: inside a FOREIGN_KEY callback the iterator supports only this call.
            unsafe { ffi::sqlite3changeset_fk_conflicts(it, &mut n) };
            return Ok(Conflict { kind, change: None, current: None, foreign_keys: n });
        }
        // SAFETY: inside a DATA/NOTFOUND/CONFLICT/CONSTRAINT callback the iterator is positioned
        // on the change in question.
        let change = unsafe { read_change(it)? };
        let current = if matches!(kind, ConflictKind::Data | ConflictKind::Conflict) {
            // SAFETY: sqlite3changeset_conflict is allowed in DATA and CONFLICT callbacks.
            let row = unsafe { values(it, change.columns() as c_int, ffi::sqlite3changeset_conflict)? };
            Some(row.into_iter().map(|v| v.unwrap_or(Value::Null)).collect())
        } else {
            None
        };
        Ok(Conflict { kind, change: Some(change), current, foreign_keys: 0 })
    };
    let conflict = match read() {
        Ok(c) => c,
        Err(e) => {
            ctx.error = Some(e.to_string());
            return ffi::SQLITE_CHANGESET_ABORT;
        }
    };
    // A panic must not unwind into C: catch it and abort the apply instead.
    match catch_unwind(AssertUnwindSafe(|| (ctx.handler)(&conflict))) {
        Ok(Action::Omit) => ffi::SQLITE_CHANGESET_OMIT,
        Ok(Action::Abort) => {
            ctx.aborted = true;
            ffi::SQLITE_CHANGESET_ABORT
        }
        Err(_) => {
            ctx.error = Some(t!("session-internal-handler"));
            ffi::SQLITE_CHANGESET_ABORT
        }
    }
}

/// Apply `changeset` to `conn`'s main database, asking `handler` about every conflict. The
/// changes to local bookkeeping tables are never applied. Runs inside a savepoint of its own: when
/// aborted, nothing of the changeset is kept.
pub fn apply(
    conn: &Connection,
    changeset: &[u8],
    handler: &mut dyn FnMut(&Conflict) -> Action,
) -> Result<Applied> {
    if changeset.is_empty() {
        return Ok(Applied::Done);
    }
    let n = c_int::try_from(changeset.len()).map_err(|_| anyhow!(t!("session-changeset-too-large")))?;
    let mut buf = changeset.to_vec();
    let mut ctx = ApplyCtx { handler, error: None, aborted: false };
    // SAFETY: `conn.handle()` is a live connection used only on this thread; `buf` holds `n` bytes
    // and outlives the call; `ctx` outlives the call and is only reached through the pointer given
    // to SQLite while the call runs; both callbacks match the signatures SQLite expects; no rebase
    // buffer is requested (NULL out-pointers are allowed).
    let rc = unsafe {
        ffi::sqlite3changeset_apply_v2(
            conn.handle(),
            n,
            buf.as_mut_ptr() as *mut c_void,
            Some(exchanged_table),
            Some(on_conflict),
            &mut ctx as *mut ApplyCtx as *mut c_void,
            ptr::null_mut(),
            ptr::null_mut(),
            0,
        )
    };
    drop(buf);
    if let Some(e) = ctx.error {
        bail!("{e}");
    }
    match rc {
        ffi::SQLITE_OK => Ok(Applied::Done),
        _ if ctx.aborted => Ok(Applied::Aborted),
        _ => Err(reject(msg!("session-cannot-apply", detail = error_text(rc)))
            .hint(msg!("session-cannot-apply-hint"))
            .into()),
    }
}

/// [`apply`], reading the changeset from `input` in chunks (SQLite's
/// `sqlite3changeset_apply_v2_strm`): memory stays bounded whatever the changeset's size.
pub fn apply_from(
    conn: &Connection,
    input: &mut dyn Read,
    handler: &mut dyn FnMut(&Conflict) -> Action,
) -> Result<Applied> {
    let mut src = Input { reader: input, error: None };
    let mut ctx = ApplyCtx { handler, error: None, aborted: false };
    // SAFETY: `conn.handle()` is a live connection used only on this thread; `src` and `ctx`
    // outlive the call and are reached only through the pointers given to SQLite while the call
    // runs (synchronously, on this thread); the callbacks match the signatures SQLite expects; no
    // rebase buffer is requested (NULL out-pointers are allowed).
    let rc = unsafe {
        ffi::sqlite3changeset_apply_v2_strm(
            conn.handle(),
            Some(read_input),
            &mut src as *mut Input as *mut c_void,
            Some(exchanged_table),
            Some(on_conflict),
            &mut ctx as *mut ApplyCtx as *mut c_void,
            ptr::null_mut(),
            ptr::null_mut(),
            0,
        )
    };
    if let Some(e) = src.error {
        bail!(t!("session-cannot-read-changes", detail = e));
    }
    if let Some(e) = ctx.error {
        bail!("{e}");
    }
    match rc {
        ffi::SQLITE_OK => Ok(Applied::Done),
        _ if ctx.aborted => Ok(Applied::Aborted),
        _ => Err(reject(msg!("session-cannot-apply", detail = error_text(rc)))
            .hint(msg!("session-cannot-apply-hint"))
            .into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Connection {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch(
            "PRAGMA foreign_keys = ON;
             CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER, s TEXT) STRICT;
             CREATE TABLE child (id TEXT PRIMARY KEY, t_id TEXT NOT NULL REFERENCES t(id)) STRICT;
             CREATE TABLE nopk (x INTEGER);
             CREATE TABLE audit (seq INTEGER PRIMARY KEY, what TEXT);",
        )
        .unwrap();
        c
    }

    fn capture(c: &Connection, sql: &str) -> Vec<u8> {
        let s = Session::attach(c).unwrap();
        c.execute_batch(sql).unwrap();
        s.changeset().unwrap()
    }

    #[test]
    fn records_exchanged_tables_only() {
        let c = db();
        let cs = capture(
            &c,
            "INSERT INTO t VALUES ('a', 1, 'x'); INSERT INTO nopk VALUES (1); INSERT INTO audit(what) VALUES ('w');",
        );
        let ch = changes(&cs).unwrap();
        assert_eq!(ch.len(), 1, "{ch:?}");
        assert_eq!(ch[0].table, "t");
        assert_eq!(ch[0].op, Op::Insert);
        assert_eq!(ch[0].pk, vec![true, false, false]);
        assert_eq!(ch[0].new[2], Some(Value::Text("x".into())));
        assert_eq!(ch[0].key(), vec![Value::Text("a".into())]);
    }

    #[test]
    fn nothing_changed_gives_an_empty_changeset() {
        let c = db();
        assert!(capture(&c, "SELECT 1").is_empty());
        assert!(changes(&[]).unwrap().is_empty());
    }

    #[test]
    fn changeset_taken_inside_a_transaction() {
        let mut c = db();
        let tx = c.transaction().unwrap();
        let s = Session::attach(&tx).unwrap();
        tx.execute("INSERT INTO t VALUES ('a', 1, 'x')", []).unwrap();
        let cs = s.changeset().unwrap();
        drop(s);
        tx.commit().unwrap();
        assert_eq!(changes(&cs).unwrap().len(), 1);
    }

    #[test]
    fn update_carries_key_and_changed_columns() {
        let c = db();
        c.execute("INSERT INTO t VALUES ('a', 1, 'x')", []).unwrap();
        let cs = capture(&c, "UPDATE t SET n = 2 WHERE id = 'a'");
        let ch = &changes(&cs).unwrap()[0];
        assert_eq!(ch.op, Op::Update);
        assert_eq!(ch.old, vec![Some(Value::Text("a".into())), Some(Value::Integer(1)), None]);
        assert_eq!(ch.new[1], Some(Value::Integer(2)));
        assert_eq!(ch.new[2], None);
    }

    #[test]
    fn applies_and_reports_data_conflicts_with_the_local_row() {
        let a = db();
        let b = db();
        for c in [&a, &b] {
            c.execute("INSERT INTO t VALUES ('a', 1, 'x')", []).unwrap();
        }
        let cs = capture(&a, "UPDATE t SET n = 2 WHERE id = 'a'; INSERT INTO t VALUES ('b', 5, 'y')");
        b.execute("UPDATE t SET n = 3 WHERE id = 'a'", []).unwrap();
        let mut seen = Vec::new();
        let r = apply(&b, &cs, &mut |c| {
            seen.push(c.clone());
            Action::Omit
        })
        .unwrap();
        assert_eq!(r, Applied::Done);
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].kind, ConflictKind::Data);
        assert_eq!(seen[0].current.as_ref().unwrap()[1], Value::Integer(3));
        let n: i64 = b.query_row("SELECT n FROM t WHERE id = 'a'", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 3, "kept local");
        let k: i64 = b.query_row("SELECT count(*) FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(k, 2, "the other change applied");
    }

    #[test]
    fn reapplying_raises_conflict_for_inserts() {
        let a = db();
        let cs = capture(&a, "INSERT INTO t VALUES ('a', 1, 'x')");
        let mut kinds = Vec::new();
        apply(&a, &cs, &mut |c| {
            kinds.push(c.kind);
            Action::Omit
        })
        .unwrap();
        assert_eq!(kinds, vec![ConflictKind::Conflict]);
    }

    #[test]
    fn broken_foreign_keys_abort_everything() {
        let a = db();
        let b = db();
        a.execute("INSERT INTO t VALUES ('p', 1, 'x')", []).unwrap();
        let cs = capture(&a, "INSERT INTO child VALUES ('c', 'p'); INSERT INTO t VALUES ('q', 2, 'y')");
        let mut kinds = Vec::new();
        let r = apply(&b, &cs, &mut |c| {
            kinds.push(c.kind);
            Action::Abort
        })
        .unwrap();
        assert_eq!(r, Applied::Aborted);
        assert_eq!(kinds, vec![ConflictKind::ForeignKey]);
        let k: i64 = b.query_row("SELECT count(*) FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(k, 0, "rolled back");
    }

    #[test]
    fn applied_changes_are_recorded_by_a_session_on_the_target() {
        let a = db();
        let b = db();
        let cs = capture(&a, "INSERT INTO t VALUES ('a', 1, 'x')");
        let s = Session::attach(&b).unwrap();
        apply(&b, &cs, &mut |_| Action::Omit).unwrap();
        assert_eq!(changes(&s.changeset().unwrap()).unwrap().len(), 1);
    }

    #[test]
    fn local_tables_are_never_applied() {
        let a = db();
        let b = db();
        // Capture an audit insert by hand through a session on a database where audit is not local.
        a.execute_batch("CREATE TABLE other (id INTEGER PRIMARY KEY, v TEXT);").unwrap();
        let cs = capture(&a, "INSERT INTO other VALUES (1, 'v')");
        // Rename the table inside the changeset bytes is not possible; instead check the filter.
        let name = std::ffi::CString::new("audit").unwrap();
        // SAFETY: a valid NUL-terminated name.
        assert_eq!(unsafe { exchanged_table(ptr::null_mut(), name.as_ptr()) }, 0);
        let name = std::ffi::CString::new("visits").unwrap();
        // SAFETY: as above.
        assert_eq!(unsafe { exchanged_table(ptr::null_mut(), name.as_ptr()) }, 1);
        // A changeset for a table the target lacks is skipped, not a crash.
        apply(&b, &cs, &mut |_| Action::Omit).unwrap();
    }

    #[test]
    fn combined_changesets_group_changes_by_table() {
        let a = db();
        let one = capture(&a, "INSERT INTO t VALUES ('a', 1, 'x'); INSERT INTO child VALUES ('c1', 'a')");
        let two = capture(&a, "INSERT INTO t VALUES ('b', 2, 'y'); INSERT INTO child VALUES ('c2', 'b')");
        let both = combine(&[&one, &two, &[]]).unwrap();
        let ch = changes(&both).unwrap();
        let tables: Vec<&str> = ch.iter().map(|c| c.table.as_str()).collect();
        assert_eq!(ch.len(), 4);
        assert!(
            tables == ["t", "t", "child", "child"] || tables == ["child", "child", "t", "t"],
            "{tables:?}"
        );
        let b = db();
        assert_eq!(apply(&b, &both, &mut |_| Action::Abort).unwrap(), Applied::Done);
        assert!(combine(&[b"not a changeset"]).is_err());
    }

    #[test]
    fn damaged_changesets_are_errors_not_crashes() {
        let a = db();
        let cs = capture(&a, "INSERT INTO t VALUES ('a', 1, 'some text'); UPDATE t SET n = 7");
        for cut in 0..cs.len() {
            let _ = changes(&cs[..cut]);
            let b = db();
            let _ = apply(&b, &cs[..cut], &mut |_| Action::Omit);
        }
        for i in 0..cs.len() {
            for bit in [0x01u8, 0x80] {
                let mut bad = cs.clone();
                bad[i] ^= bit;
                let _ = changes(&bad);
                let b = db();
                let _ = apply(&b, &bad, &mut |_| Action::Omit);
            }
        }
        assert!(changes(b"garbage that is not a changeset").is_err());
    }

    /// Hands out at most `chunk` bytes a read, and fails after `fail_after` bytes if set.
    struct Trickle<'a> {
        data: &'a [u8],
        at: usize,
        chunk: usize,
        fail_after: Option<usize>,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.fail_after.is_some_and(|f| self.at >= f) {
                return Err(std::io::Error::other("the disk went away"));
            }
            let n = buf.len().min(self.chunk).min(self.data.len() - self.at);
            buf[..n].copy_from_slice(&self.data[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    fn trickle(data: &[u8], chunk: usize) -> Trickle<'_> {
        Trickle { data, at: 0, chunk, fail_after: None }
    }

    fn big(c: &Connection, rows: usize) -> Vec<u8> {
        let s = Session::attach(c).unwrap();
        let mut st = c.prepare("INSERT INTO t VALUES (?1, ?2, ?3)").unwrap();
        for i in 0..rows {
            st.execute(rusqlite::params![format!("k{i:06}"), i as i64, "x".repeat(i % 300)]).unwrap();
        }
        c.execute("UPDATE t SET n = -n WHERE id < 'k000100'", []).unwrap();
        s.changeset().unwrap()
    }

    #[test]
    fn streamed_changeset_equals_the_whole_one() {
        let c = db();
        let s = Session::attach(&c).unwrap();
        for i in 0..3000 {
            c.execute("INSERT INTO t VALUES (?1, ?2, 'some text')", rusqlite::params![format!("k{i}"), i])
                .unwrap();
        }
        let whole = s.changeset().unwrap();
        let mut streamed = Vec::new();
        s.changeset_to(&mut streamed).unwrap();
        assert!(whole.len() > 64 * 1024, "spans several of SQLite's output chunks");
        assert_eq!(streamed, whole);
    }

    #[test]
    fn streamed_reading_sees_every_change_in_order_whatever_the_chunks() {
        let a = db();
        let cs = big(&a, 2000);
        let whole = changes(&cs).unwrap();
        for chunk in [1, 7, 4096, usize::MAX] {
            let mut seen = Vec::new();
            for_each_change(&mut trickle(&cs, chunk), &mut |c| {
                seen.push(c);
                Ok(())
            })
            .unwrap();
            assert_eq!(seen, whole, "chunk {chunk}");
        }
    }

    #[test]
    fn streamed_apply_equals_the_whole_apply() {
        let a = db();
        let cs = big(&a, 2000);
        let dump = |c: &Connection| -> Vec<(String, i64, String)> {
            let mut st = c.prepare("SELECT id, n, s FROM t ORDER BY id").unwrap();
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(|r| r.unwrap()).collect()
        };
        let b = db();
        assert_eq!(apply_from(&b, &mut trickle(&cs, 13), &mut |_| Action::Abort).unwrap(), Applied::Done);
        assert_eq!(dump(&b), dump(&a));
        // Conflicts reach the handler with the local row, as in `apply`.
        let mut kinds = Vec::new();
        apply_from(&b, &mut trickle(&cs, 4096), &mut |c| {
            kinds.push(c.kind);
            Action::Omit
        })
        .unwrap();
        assert_eq!(kinds.len(), 2000);
        assert!(kinds.iter().all(|k| *k == ConflictKind::Conflict));
    }

    #[test]
    fn a_read_error_mid_stream_applies_nothing() {
        let a = db();
        let cs = big(&a, 2000);
        let b = db();
        let mut failing = Trickle { data: &cs, at: 0, chunk: 4096, fail_after: Some(cs.len() / 2) };
        let err = apply_from(&b, &mut failing, &mut |_| Action::Omit).unwrap_err();
        assert!(err.to_string().contains("the disk went away"), "{err}");
        let k: i64 = b.query_row("SELECT count(*) FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(k, 0, "rolled back");
        let mut failing = Trickle { data: &cs, at: 0, chunk: 4096, fail_after: Some(cs.len() / 2) };
        assert!(for_each_change(&mut failing, &mut |_| Ok(())).is_err());
        // A truncated stream is an error too, never a crash, and applies nothing.
        for cut in [1, cs.len() / 3, cs.len() - 1] {
            let b = db();
            let _ = apply_from(&b, &mut trickle(&cs[..cut], 4096), &mut |_| Action::Omit);
            assert!(for_each_change(&mut trickle(&cs[..cut], 4096), &mut |_| Ok(())).is_err(), "cut {cut}");
        }
    }

    #[test]
    fn an_error_from_the_callback_stops_the_reading() {
        let a = db();
        let cs = big(&a, 10);
        let mut n = 0;
        let err = for_each_change(&mut trickle(&cs, 4096), &mut |_| {
            n += 1;
            if n == 3 {
                bail!("enough")
            }
            Ok(())
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "enough");
        assert_eq!(n, 3);
    }
}
