//! Cookie-order differences the specifications leave open.
//!
//! RFC 6265bis §5.8.3 step 4 orders cookies by path length, then by
//! creation-time, and says nothing of cookies equal in both; the vectors
//! never depend on that order (`vectors/README.md`). A generated scenario
//! can set two cookies in the same second, so no engine may report a
//! subject that orders such a pair differently from the model.

use cookiecheck_model::set_cookie::trim_wsp;
use cookiecheck_model::Retrieval;

/// Whether the header `actual` differs from the model's retrieval `r` only
/// in the order of cookies of equal path length and creation-time.
pub(crate) fn ties_only(r: &Retrieval, actual: &[u8]) -> bool {
    let got = pairs(actual);
    let model = pairs(r.header_bytes());
    if got.len() != r.sent.len() || model.len() != r.sent.len() {
        return false;
    }
    // Walk the model's order in runs of equal (path length, creation-time);
    // the subject's pairs must be a permutation of each run, run by run.
    let mut i = 0;
    while i < r.sent.len() {
        let first = &r.sent[i];
        let run = r.sent[i..]
            .iter()
            .take_while(|c| {
                c.path.len() == first.path.len() && c.creation_time == first.creation_time
            })
            .count();
        let mut want = model[i..i + run].to_vec();
        let mut have = got[i..i + run].to_vec();
        want.sort();
        have.sort();
        if want != have {
            return false;
        }
        i += run;
    }
    true
}

/// The `; `-separated pairs of a cookie-string.
fn pairs(header: &[u8]) -> Vec<&[u8]> {
    if header.is_empty() {
        Vec::new()
    } else {
        header.split(|&b| b == b';').map(trim_wsp).collect()
    }
}
