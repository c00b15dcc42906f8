//! The node shim (`shims/node/tough_shim.js`) translates request contexts
//! into tough-cookie's `sameSiteContext` without deciding cookie rules.
//!
//! Without `node` or `shims/node/node_modules` (`npm ci --prefix
//! shims/node`) the test prints a notice and passes.

use cookiecheck::subject::{ProcessCommand, ProcessSubject, Subject};
use cookiecheck_model::{RequestContext, RequestUri, SiteStatus};
use std::path::PathBuf;
use std::time::Duration;

fn node_shim() -> Option<ProcessSubject> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    if !root
        .join("shims/node/node_modules/tough-cookie/package.json")
        .exists()
    {
        eprintln!(
            "notice: shims/node/node_modules is missing (npm ci --prefix shims/node); skipped"
        );
        return None;
    }
    let mut command = ProcessCommand::new(PathBuf::from("node"), &["shims/node/tough_shim.js"]);
    command.cwd = Some(root);
    command.request_limit = Duration::from_secs(20);
    match ProcessSubject::start(command) {
        Ok(s) => Some(s),
        Err(e) => {
            eprintln!("notice: the node shim did not start ({e}); skipped");
            None
        }
    }
}

fn uri(s: &str) -> RequestUri {
    RequestUri::parse(s).expect("a request URI")
}

#[test]
fn a_cross_site_top_level_post_sets_lax_and_strict_cookies() {
    let Some(mut jar) = node_shim() else { return };
    jar.reset().expect("reset");
    let url = uri("https://example.com/");
    let post = |top_level| RequestContext {
        site: SiteStatus::CrossSite,
        top_level,
        safe_method: false,
        ..RequestContext::default()
    };
    // RFC 6265bis §5.7 step 18.3: a top-level navigation may create a
    // cookie with any SameSite value, whatever its method.
    let lines = [
        b"lax=1; SameSite=Lax".to_vec(),
        b"strict=1; SameSite=Strict".to_vec(),
    ];
    jar.set_cookies(&url, &lines, &post(true), 1_704_067_200)
        .expect("set");
    // Step 18.4: not from a nested (non-top-level) cross-site request.
    jar.set_cookies(
        &url,
        &[b"nested=1; SameSite=Lax".to_vec()],
        &post(false),
        1_704_067_200,
    )
    .expect("set");
    let header = jar
        .cookie_header(&url, &RequestContext::default(), 1_704_067_200)
        .expect("get")
        .unwrap_or_default();
    assert_eq!(String::from_utf8_lossy(&header), "lax=1; strict=1");
    // §5.8.3 step 3: the same cross-site POST reads none of them (Lax
    // cookies go only with a safe method).
    let header = jar
        .cookie_header(&url, &post(true), 1_704_067_200)
        .expect("get")
        .unwrap_or_default();
    assert_eq!(String::from_utf8_lossy(&header), "");
}
