//! Arbitrary bytes as a vector file: the loader returns cases or located
//! errors, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if data.len() > 64 * 1024 {
        return;
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = cookiecheck::vectors::load_file_all(Path::new("fuzz/input.toml"), text);
    }
});
