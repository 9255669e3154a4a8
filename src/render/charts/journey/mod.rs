//! The journey diagrams, drawn directly as SVG: the journey map
//! ([`map`], with its step cards and lane cells in `map_cells`, the
//! emotion lane and legend in `map_emotion`, and its print pieces in
//! [`map_print`]); the timeline of touchpoints against the customer's moments
//! ([`timeline`], its print pieces in [`timeline_print`], the longest
//! unattended stretch in [`unattended`]); and the sparkline and insight
//! mini-map ([`sparkline`]). [`common`] holds what they share; [`style`]
//! the rules that the map and timeline carry once instead of on every element.

pub mod common;
pub mod map;
mod map_cells;
mod map_emotion;
pub mod map_print;
pub mod sparkline;
pub mod style;
pub mod timeline;
pub mod timeline_print;
pub mod unattended;
