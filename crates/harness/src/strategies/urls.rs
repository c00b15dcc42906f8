//! Request URLs.

use crate::subject::Schemes;
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

/// A scheme among `schemes`, with [`scheme`]'s weights. With every scheme
/// it is [`scheme`] itself, so a subject reaching all of them gets the same
/// scenarios from a seed as before schemes were declared.
pub fn scheme_among(schemes: Schemes) -> BoxedStrategy<&'static str> {
    if schemes == Schemes::ALL {
        return scheme().boxed();
    }
    let weighted: Vec<(u32, BoxedStrategy<&'static str>)> =
        [("http", 6), ("https", 6), ("ws", 1), ("wss", 1)]
            .into_iter()
            .filter(|(s, _)| schemes.allows(s))
            .map(|(s, w)| (w, Just(s).boxed()))
            .collect();
    proptest::strategy::Union::new_weighted(weighted).boxed()
}

/// A request URL on `host` (as produced by [`super::hosts`]), on one of
/// `schemes`.
pub fn request_url(
    host: impl Strategy<Value = String>,
    schemes: Schemes,
) -> impl Strategy<Value = String> {
    (scheme_among(schemes), host, port(), path(), query()).prop_map(
        |(scheme, host, port, path, query)| format!("{scheme}://{host}{port}{path}{query}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strategies::hosts::host;
    use cookiecheck_model::RequestUri;
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    #[test]
    fn every_url_is_one_the_model_accepts() {
        let mut runner = TestRunner::deterministic();
        runner
            .run(&request_url(host(), Schemes::ALL), |u| {
                prop_assert!(RequestUri::parse(&u).is_ok(), "{u}");
                Ok(())
            })
            .expect("URLs parse");
    }

    #[test]
    fn only_the_schemes_given_are_used() {
        let mut runner = TestRunner::deterministic();
        for (schemes, allowed) in [
            (Schemes::HTTP, &["http"][..]),
            (Schemes::HTTP_HTTPS, &["http", "https"][..]),
        ] {
            let mut seen = std::collections::BTreeSet::new();
            for _ in 0..200 {
                let u = request_url(host(), schemes)
                    .new_tree(&mut runner)
                    .expect("a value")
                    .current();
                let scheme = u.split("://").next().unwrap_or_default().to_string();
                assert!(allowed.contains(&scheme.as_str()), "{u}");
                seen.insert(scheme);
            }
            assert_eq!(seen.len(), allowed.len(), "{seen:?}");
        }
    }
}
