//! Charts and diagrams as inline SVG, laid out with a fixed font metric so
//! the bytes are the same on every machine.

pub mod layout;
pub mod palette;
pub mod svg;
pub mod text;
