//! Rebuilds the library when a bundled vector changes: they are built in
//! (`include_dir!` in src/vectors/load.rs), and a new file is not seen
//! otherwise.
fn main() {
    println!("cargo:rerun-if-changed=vectors");
}
