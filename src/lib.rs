//! zoufang: records of an environmental bureau's field-visit campaign (环保大走访活动) over one
//! SQLite file. `main.rs` only parses and dispatches; everything lives here so tests can call it.
pub mod cli;
pub mod demo;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod import;
pub mod io;
pub mod report;
pub mod store;
pub mod sync;
pub mod testing;
