//! What the interactive commands ask a clerk at a terminal for what their flags left out, through
//! the pick-lists of `cli::pick`. Used only when `Ctx::interactive`.

pub mod finding;
pub mod group;
pub mod visit;

use crate::error::{reject, Rejected};
use crate::msg;

/// A value the flags left out, where nothing can be asked: exit 3 naming the flag.
pub fn given<T: Clone>(v: &Option<T>, flag: &str) -> Result<T, Rejected> {
    v.clone().ok_or_else(|| reject(msg!("ask-missing", flag = flag)).hint(msg!("ask-missing-hint")))
}
