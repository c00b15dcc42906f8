//! What the model answers on a case under some rule set, in the shape the
//! subject's transcript is compared with.

use crate::differ::{jar_agreement, parse_first_difference, Agreement, Transcript};
use crate::play::{record_case_with, CaseResult, StepRecord};
use crate::subject::Capabilities;
use crate::vectors::{Case, Step};
use cookiecheck_model::set_cookie::parse_set_cookie;
use cookiecheck_model::{Cookie, Profile, Time};

/// The case and the subject's claims, without the subject.
pub(super) struct Subjectless<'a> {
    pub(super) case: &'a Case,
    pub(super) caps: &'a Capabilities,
}

/// The model's answers under one rule set.
pub(super) enum Observation {
    /// A jar subject: the model's record of the case.
    Jar(Box<CaseResult>),
    /// A parser-only subject: the model's reading of every line, as text
    /// (only for telling whether two rule sets read the lines alike), and
    /// the rules, for comparing with the subject's readings.
    Parse(Vec<String>, Profile),
}

impl Subjectless<'_> {
    /// Plays the case on the model under `rules`.
    pub(super) fn observe(&self, rules: &Profile) -> Observation {
        if self.caps.parser_only {
            Observation::Parse(self.readings(rules), rules.clone())
        } else {
            Observation::Jar(Box::new(record_case_with(self.case, rules)))
        }
    }

    /// Whether the model's answers are the subject's.
    pub(super) fn agrees(&self, seen: &Observation, transcript: &Transcript) -> bool {
        match seen {
            Observation::Jar(record) => matches!(
                jar_agreement(record, transcript, self.caps),
                Agreement::Same | Agreement::TiesOnly
            ),
            Observation::Parse(_, rules) => {
                parse_first_difference(self.case, transcript, rules, self.caps).is_none()
            }
        }
    }

    /// Whether two rule sets give the same observable answers.
    pub(super) fn same(&self, a: &Observation, b: &Observation) -> bool {
        match (a, b) {
            (Observation::Jar(a), Observation::Jar(b)) => same_answers(a, b),
            (Observation::Parse(a, _), Observation::Parse(b, _)) => a == b,
            _ => false,
        }
    }

    /// The model parser's reading of every line (notes left out).
    fn readings(&self, rules: &Profile) -> Vec<String> {
        let mut now = self.case.start;
        let mut out = Vec::new();
        for step in &self.case.steps {
            match step {
                Step::Advance(s) => {
                    now = now.saturating_add(Time::try_from(*s).unwrap_or(Time::MAX))
                }
                Step::Set { url, lines, .. } => {
                    for line in lines {
                        out.push(match parse_set_cookie(line, rules, url.path(), now) {
                            Ok(c) => format!(
                                "{:?}",
                                (
                                    c.name,
                                    c.value,
                                    c.expires,
                                    c.max_age,
                                    c.domain,
                                    c.path,
                                    c.secure,
                                    c.http_only,
                                    c.same_site
                                )
                            ),
                            Err(rule) => format!("ignored {rule}"),
                        });
                    }
                }
                _ => {}
            }
        }
        out
    }
}

/// Whether two records send the same headers and list the same cookies.
fn same_answers(a: &CaseResult, b: &CaseResult) -> bool {
    a.steps.len() == b.steps.len()
        && a.steps.iter().zip(&b.steps).all(|pair| match pair {
            (StepRecord::Get(x), StepRecord::Get(y)) => x.header_bytes() == y.header_bytes(),
            (StepRecord::Store { cookies: x, .. }, StepRecord::Store { cookies: y, .. }) => {
                x.len() == y.len() && x.iter().zip(y).all(|(p, q)| visible(p) == visible(q))
            }
            _ => true,
        })
}

type Visible<'c> = (
    &'c [u8],
    &'c [u8],
    &'c str,
    &'c [u8],
    bool,
    bool,
    bool,
    bool,
    Time,
    cookiecheck_model::SameSite,
);

/// The fields of a cookie a subject can show.
fn visible(c: &Cookie) -> Visible<'_> {
    (
        &c.name,
        &c.value,
        &c.domain,
        &c.path,
        c.host_only,
        c.secure_only,
        c.http_only,
        c.persistent,
        c.expiry_time,
        c.same_site,
    )
}
