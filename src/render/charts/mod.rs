//! Charts and diagrams as inline SVG, laid out with a fixed font metric so
//! the bytes are the same on every machine.

pub mod text;

// Journey diagrams.
pub mod journey;
mod journey_cells;
pub mod journey_common;
mod journey_parts;
pub mod sparkline;
pub mod timeline;
