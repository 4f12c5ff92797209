//! Input files in, rendered output out.
pub mod csv_in;
pub mod document;
pub mod docx;
pub mod escape;
pub mod output;
pub mod photo;
pub mod progress;
pub mod table;
pub mod term;
pub mod xlsx;
