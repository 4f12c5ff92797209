//! Documents computed once as data (`io::document::Document`) and rendered by the writers:
//! the morning dashboard and the 2/25, 3/25 and 6/25 reports.
pub mod campaign;
pub mod evidence;
pub mod forms;
pub mod plan;
pub mod query;
pub mod status;
pub mod tally;
pub mod written;
