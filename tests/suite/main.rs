//! The integration tests, one binary with a module per topic: polars and the library are
//! linked once, not once per topic. Run one topic with `cargo test --test suite topic::`
//! (`cargo test --test suite fuzz:: -- --nocapture`).

mod bench;
mod build;
mod common;
mod converted;
mod diagnostics;
mod directives;
mod docx;
mod encodings;
mod fuzz;
mod gold;
mod layouts;
mod own_corpus;
mod report;
mod seed;
mod shared_corpus;
mod synth;
