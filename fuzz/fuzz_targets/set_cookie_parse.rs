//! Arbitrary bytes as a Set-Cookie line under every profile: no panic,
//! limits hold, stored → written back → recreated, and sent back.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() > 8192 {
        return;
    }
    if let Err(e) = cookiecheck_model::invariants::check_set_cookie_line(data) {
        panic!("{e}\nline: {:?}", String::from_utf8_lossy(data));
    }
});
