//! Arbitrary bytes through the cookie-date algorithm: no panic, results in
//! 1601..=9999 that format back to themselves.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() > 1024 {
        return;
    }
    if let Err(e) = cookiecheck_model::invariants::check_cookie_date(data) {
        panic!("{e}\ninput: {:?}", String::from_utf8_lossy(data));
    }
});
