//! Arbitrary file bytes through the cookies.txt reader: no panic, and what
//! it accepts round-trips through the writer.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() > 64 * 1024 {
        return;
    }
    if let Err(e) = cookiecheck_model::invariants::check_cookies_txt(data) {
        panic!("{e}\nfile: {:?}", String::from_utf8_lossy(data));
    }
});
