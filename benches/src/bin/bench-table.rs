//! Prints the ratio table of the last `cargo bench -p cookiecheck-benches`
//! run as markdown.
//!
//! Usage: `cargo run -p cookiecheck-benches --bin bench-table [CRITERION_DIR]`.
//! The directory defaults to `$CARGO_TARGET_DIR/criterion`, else the
//! workspace's `target/criterion`.

use cookiecheck_benches::table::{read_all, render};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("CARGO_TARGET_DIR").map(|t| PathBuf::from(t).join("criterion"))
        })
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/criterion"));
    match read_all(&dir) {
        Ok(measurements) => {
            print!("{}", render(&measurements));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("bench-table: {e}");
            ExitCode::from(2)
        }
    }
}
