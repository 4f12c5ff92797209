//! Input files in, rendered output out.
pub mod csv_in;
pub mod document;
pub mod output;
pub mod xlsx;
