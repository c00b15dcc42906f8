//! Arbitrary bytes as a Set-Cookie line, to the model's parser under every
//! profile: no panic, limits hold, parse → write → parse is stable
//! (`invariants::check_parse_line`). The jar-level round trip (store, write
//! back, store again, send) is checked by `scenario_model`.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() > 8192 {
        return;
    }
    if let Err(e) = cookiecheck_model::invariants::check_parse_line(data) {
        panic!("{e}\nline: {:?}", String::from_utf8_lossy(data));
    }
});
