//! An `arbitrary` scenario (`cookiecheck::scenario::Scenario`) played on the
//! model under every profile: no panic, nothing expired sent, header order,
//! unique identities, limits, creation-time kept on replacement, Set-Cookie
//! and cookies.txt round trips (`scenario::invariants::check_model`).
#![no_main]
use cookiecheck::scenario::invariants::check_model;
use cookiecheck::scenario::Scenario;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|scenario: Scenario| {
    if let Err(v) = check_model(&scenario) {
        panic!("{v}\nscenario:\n{scenario}");
    }
});
