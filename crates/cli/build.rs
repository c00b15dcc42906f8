//! Rebuilds the binary when a bundled subject file changes: they are
//! built in (`include_dir!` in src/data_root.rs), and a new file is not
//! seen otherwise.
fn main() {
    println!("cargo:rerun-if-changed=subjects");
}
