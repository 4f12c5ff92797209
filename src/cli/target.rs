//! The target options shared by `visit log` and `group plan-target`.

use anyhow::Result;
use rusqlite::Connection;

use crate::error::reject;
use crate::store::groups::{self, Target};
use crate::store::Campaign;

#[derive(clap::Args, Debug, Default, Clone)]
pub struct TargetArgs {
    /// A village: its code, or its name (with its township if need be) or a unique part of it
    #[arg(long, value_name = "CODE|NAME")]
    pub village: Option<String>,
    /// An enterprise: its credit code, or a unique part of its name
    #[arg(long, value_name = "USCC|NAME")]
    pub enterprise: Option<String>,
    /// A cluster zone: its code, or a unique part of its name
    #[arg(long, value_name = "CODE|NAME")]
    pub zone: Option<String>,
    /// A county environmental bureau: its county code, or the county's name
    #[arg(long, value_name = "COUNTY")]
    pub bureau: Option<String>,
    /// A leaders' reception (大接访), by its place
    #[arg(long, value_name = "PLACE")]
    pub reception: Option<String>,
}

impl TargetArgs {
    /// The one target given, if any: (kind, raw value). Two targets are refused.
    pub fn given(&self) -> Result<Option<(&'static str, &str)>> {
        let all = [
            ("village", &self.village),
            ("enterprise", &self.enterprise),
            ("zone", &self.zone),
            ("bureau", &self.bureau),
            ("reception", &self.reception),
        ];
        let mut given = all.iter().filter_map(|(k, v)| v.as_deref().map(|v| (*k, v)));
        let first = given.next();
        if given.next().is_some() {
            return Err(reject(crate::msg!("target-give-one")).into());
        }
        Ok(first)
    }

    pub fn resolve(&self, conn: &Connection, c: &Campaign) -> Result<Option<Target>> {
        match self.given()? {
            Some((kind, raw)) => Ok(Some(groups::target(conn, c, kind, raw)?)),
            None => Ok(None),
        }
    }
}
