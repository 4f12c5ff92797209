//! Input files in, rendered output out.
pub mod csv_in;
pub mod output;
