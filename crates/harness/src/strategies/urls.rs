//! Request URLs.

use proptest::prelude::*;

/// A scheme the model accepts, shrinking towards `http`.
pub fn scheme() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        6 => Just("http"),
        6 => Just("https"),
        1 => Just("ws"),
        1 => Just("wss"),
    ]
}

/// A port suffix: mostly none, sometimes the default port written out or
/// another port.
pub fn port() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => Just(String::new()),
        1 => Just(":80".to_string()),
        1 => Just(":443".to_string()),
        1 => Just(":8080".to_string()),
    ]
}

/// A request path: the directory shapes that matter to the default-path and
/// path-match rules (RFC 6265bis §5.1.4), with dots, doubled slashes,
/// %-escapes and case, shrinking towards `/`.
pub fn path() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => proptest::sample::select(vec![
            "/", "/a", "/a/", "/a/b", "/a/b/", "/a/b/c", "/ab", "/b",
        ])
        .prop_map(str::to_string),
        2 => proptest::sample::select(vec![
            "/A", "/a//b", "/a/./b", "/a/../b", "/%61/b", "/a%2Fb", "/a;b", "/a b",
        ])
        .prop_map(str::to_string),
        1 => proptest::collection::vec("[a-z]{1,3}", 0..4)
            .prop_map(|segs| format!("/{}", segs.join("/"))),
    ]
}

/// An optional query, shrinking towards none.
pub fn query() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => Just(String::new()),
        1 => Just("?q=1".to_string()),
        1 => Just("?a=/b/c".to_string()),
    ]
}

/// A request URL on `host` (as produced by [`super::hosts`]).
pub fn request_url(host: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    (scheme(), host, port(), path(), query()).prop_map(|(scheme, host, port, path, query)| {
        format!("{scheme}://{host}{port}{path}{query}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strategies::hosts::host;
    use cookiecheck_model::RequestUri;
    use proptest::test_runner::TestRunner;

    #[test]
    fn every_url_is_one_the_model_accepts() {
        let mut runner = TestRunner::deterministic();
        runner
            .run(&request_url(host()), |u| {
                prop_assert!(RequestUri::parse(&u).is_ok(), "{u}");
                Ok(())
            })
            .expect("URLs parse");
    }
}
