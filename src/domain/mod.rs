//! The domain: codes, reference data and rules, without I/O. Every path that writes calls these.
pub mod attachment;
pub mod codes;
pub mod correction;
pub mod dates;
pub mod divisions;
pub mod fields;
pub mod finding;
pub mod form;
pub mod group;
pub mod reference;
pub mod registry;
pub mod research;
pub mod sample;
pub mod sets;
pub mod text;
pub mod visit;
