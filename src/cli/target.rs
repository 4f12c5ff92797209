//! The target options shared by `visit log` and `group plan-target`.

use anyhow::Result;
use rusqlite::Connection;

use crate::error::reject;
use crate::store::groups::{self, Target};
use crate::store::Campaign;

#[derive(clap::Args, Debug, Default, Clone)]
pub struct TargetArgs {
    /// A village, by its 12-digit code
    #[arg(long, value_name = "CODE")]
    pub village: Option<String>,
    /// An enterprise, by its credit code
    #[arg(long, value_name = "USCC")]
    pub enterprise: Option<String>,
    /// A cluster zone, by its code
    #[arg(long, value_name = "CODE")]
    pub zone: Option<String>,
    /// A county environmental bureau, by its county code
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
            return Err(
                reject("give one target: --village, --enterprise, --zone, --bureau or --reception").into()
            );
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
