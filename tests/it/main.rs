//! The integration tests, one binary (one link instead of one per file):
//! each module drives the real `cxsite` binary on real projects.

mod common;

mod bounds;
mod broken_projects;
mod changes;
mod chart_text;
mod charts;
mod check_format;
mod config_paths;
mod coverage;
mod data_doc;
mod editor;
mod evidence;
mod export;
mod find;
mod format_doc;
mod fuzz_seeds;
mod hosting;
mod journey;
mod layers;
mod leak;
mod markdown_assets;
mod metaphors;
mod mindmap;
mod output_safety;
mod outside_resources;
mod own_study;
mod pdf;
mod portfolio;
mod property;
mod reference_graph;
mod report_repeats;
mod schema;
mod serve;
mod site;
mod sources;
mod special_files;
mod templates;
mod theme_contract;
