//! The model's invariants on generated scenarios (`cookiecheck::scenario`),
//! under every profile: no panic, nothing expired sent, header order,
//! unique identities, limits, creation-time kept on replacement, Set-Cookie
//! and cookies.txt round trips. The seed is fixed and the case count bounded,
//! so the run is the same every time; `PROPTEST_CASES` raises the count
//! locally.

use cookiecheck::scenario::invariants::check_model;
use cookiecheck::scenario::{scenario, ScenarioConfig};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 384,
        rng_seed: RngSeed::Fixed(6265),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_model_keeps_its_invariants_on_generated_scenarios(s in scenario(&ScenarioConfig::everything())) {
        if let Err(v) = check_model(&s) {
            return Err(TestCaseError::fail(format!("{v}\nscenario:\n{s}")));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2048,
        rng_seed: RngSeed::Fixed(6265),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Parse → write → parse is stable, and limits hold, under every
    /// profile, on well-formed lines and near misses.
    #[test]
    fn generated_lines_survive_parse_write_parse(
        line in cookiecheck::strategies::lines::set_cookie_line(
            &cookiecheck::strategies::hosts::Site::example()
        )
    ) {
        if let Err(e) = cookiecheck_model::invariants::check_parse_line(&line) {
            return Err(TestCaseError::fail(format!("{e}\nline: {:?}", String::from_utf8_lossy(&line))));
        }
    }

    /// The same on arbitrary bytes.
    #[test]
    fn arbitrary_bytes_survive_parse_write_parse(line in proptest::collection::vec(any::<u8>(), 0..200)) {
        if let Err(e) = cookiecheck_model::invariants::check_parse_line(&line) {
            return Err(TestCaseError::fail(format!("{e}\nline: {line:?}")));
        }
    }
}
