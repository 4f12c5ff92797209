//! Input files in, rendered output out.
pub mod csv_in;
pub mod document;
pub mod docx;
pub mod output;
pub mod xlsx;
