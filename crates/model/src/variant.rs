//! Rule variants: the known ways real jars read the cookie rules differently,
//! as executable switches of the model.
//!
//! Each [`Variant`] is declared once in the catalogue below, with a stable
//! kebab-case id, the step it changes (its citation, in the vectors' data
//! form and in prose), one line saying what a jar following it does instead,
//! the base profiles on which it changes anything, and a *witness*: a
//! bundled vector whose outcome the variant changes. A [`Profile`] carries
//! a [`Variants`] set; the step that a variant changes reads it there
//! (`profile.has(Variant::…)`), and nothing else does. Variants that amount
//! to another setting of an existing profile switch (the 400-day cap, the
//! host-only flag in the identity, …) are applied to those fields once, by
//! [`Profile::with_variants`], so the step reads one field either way.
//!
//! The harness diagnoses a difference between a jar and the model by
//! searching for the smallest set of variants under which the model gives
//! the jar's answers (`cookiecheck::diagnose`). `docs/variants.md` is
//! generated from this catalogue (`cookiecheck variants --markdown`) and a
//! test keeps the two equal.

use crate::profile::{PathMatch, Profile, ProfileId};
use std::fmt;
use std::str::FromStr;

/// Everything the catalogue says about one variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VariantInfo {
    /// The stable kebab-case id.
    pub id: &'static str,
    /// The step it changes, in the vectors' `cites` form (`rfc6265bis:5.7/16`).
    pub cites: &'static str,
    /// The step it changes, in prose (`RFC 6265bis §5.7 step 16`).
    pub citation: &'static str,
    /// What a jar following it does instead, in one line.
    pub summary: &'static str,
    /// The base profiles on which the variant changes anything.
    pub bases: &'static [ProfileId],
    /// The base profiles whose text leaves room for this reading (a MAY, or
    /// a limit stated as a minimum): a difference it explains there is left
    /// open, not a departure.
    pub permitted: &'static [ProfileId],
    /// A bundled vector (case id) whose outcome the variant changes.
    pub witness: &'static str,
}

const BOTH: &[ProfileId] = &[ProfileId::Rfc6265, ProfileId::Rfc6265bis];
const RFC: &[ProfileId] = &[ProfileId::Rfc6265];
const BIS: &[ProfileId] = &[ProfileId::Rfc6265bis];
const NONE: &[ProfileId] = &[];

macro_rules! catalogue {
    ($(
        $(#[$doc:meta])*
        $name:ident {
            id: $id:literal,
            cites: $cites:literal,
            citation: $citation:literal,
            summary: $summary:literal,
            bases: $bases:expr,
            permitted: $permitted:expr,
            witness: $witness:literal $(,)?
        }
    ),+ $(,)?) => {
        /// A named rule variant (see the module documentation).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum Variant {
            $( $(#[$doc])* $name, )+
        }

        impl Variant {
            /// Every variant, in catalogue order.
            pub const ALL: &'static [Variant] = &[ $( Variant::$name, )+ ];

            /// The catalogue entry.
            pub fn info(self) -> &'static VariantInfo {
                match self {
                    $( Variant::$name => &VariantInfo {
                        id: $id,
                        cites: $cites,
                        citation: $citation,
                        summary: $summary,
                        bases: $bases,
                        permitted: $permitted,
                        witness: $witness,
                    }, )+
                }
            }
        }
    };
}

catalogue! {
    // ---- parsing the line: RFC 6265 §5.2, RFC 6265bis §5.6 ----
    /// Control octets are kept; the line is not ignored.
    CtlAllowed {
        id: "ctl-allowed",
        cites: "rfc6265bis:5.6/1",
        citation: "RFC 6265bis §5.6 step 1",
        summary: "control octets stay in the name and value; the line is not ignored",
        bases: BIS, permitted: NONE,
        witness: "parse/ctl/backspace-in-value",
    },
    /// Any control octet, HTAB included, ignores the line.
    HtabIsCtl {
        id: "htab-is-ctl",
        cites: "rfc6265bis:5.6/1",
        citation: "RFC 6265bis §5.6 step 1",
        summary: "a line holding any control octet, HTAB included, is ignored",
        bases: BIS, permitted: NONE,
        witness: "parse/ctl/htab-in-attribute-allowed",
    },
    /// The line ends at its first CR, LF or NUL; other control octets stay.
    CtlTruncatesLine {
        id: "ctl-truncates-line",
        cites: "rfc6265bis:5.6/1",
        citation: "RFC 6265bis §5.6 step 1, RFC 6265 §5.2",
        summary: "the line is cut at its first CR, LF or NUL and the other control octets are kept (the line is not ignored)",
        bases: BOTH, permitted: NONE,
        witness: "parse/ctl/lf-in-value",
    },
    /// A control octet in any pair ignores the line.
    CtlInPairRejected {
        id: "ctl-in-pair-rejected",
        cites: "rfc6265bis:5.6/1",
        citation: "RFC 6265bis §5.6 step 1, RFC 6265 §5.2",
        summary: "the line is cut at its first CR, LF or NUL, then ignored if the trimmed name or value of the cookie-pair or of any attribute holds %x01-1F (HTAB included) or %x7F",
        bases: BOTH, permitted: NONE,
        witness: "parse/ctl/htab-in-value-allowed",
    },
    /// A pair without `=`, or with an empty name, ignores the line.
    NoEqualsIgnored {
        id: "no-equals-ignored",
        cites: "rfc6265bis:5.6/3",
        citation: "RFC 6265bis §5.6 step 3",
        summary: "a pair without '=' or with an empty name ignores the line (no nameless cookies)",
        bases: BIS, permitted: NONE,
        witness: "parse/name-value/empty-name",
    },
    /// A pair without `=` is a nameless cookie.
    NoEqualsNameless {
        id: "no-equals-nameless",
        cites: "rfc6265:5.2/2",
        citation: "RFC 6265 §5.2 step 2",
        summary: "a pair without '=' (or with an empty name) is kept as a nameless cookie sent as its value alone",
        bases: RFC, permitted: NONE,
        witness: "parse/name-value/empty-name",
    },
    /// Trimming also removes CR, LF, VT and FF.
    TrimAsciiWhitespace {
        id: "trim-ascii-whitespace",
        cites: "rfc6265:5.2/4",
        citation: "RFC 6265 §5.2 step 4 and attribute step 5",
        summary: "names, values and attributes are trimmed of CR, LF, VT and FF as well as SP and HTAB (RFC 6265bis ignores such lines at step 1)",
        bases: RFC, permitted: NONE,
        witness: "parse/ctl/trailing-vt-not-trimmed",
    },
    /// Trimming removes the whitespace of a Latin-1 decoded string.
    TrimLatin1Whitespace {
        id: "trim-latin1-whitespace",
        cites: "rfc6265bis:5.6/4",
        citation: "RFC 6265 §5.2 step 4, RFC 6265bis §5.6 step 4 (and attribute step 5)",
        summary: "names, values and attributes are trimmed of the octets a Latin-1 decoded string trims as whitespace: 0x09-0x0D, 0x1C-0x1F, SP, 0x85 and 0xA0",
        bases: BOTH, permitted: NONE,
        witness: "parse/non-ascii/latin1-nel-not-ctl",
    },
    /// Trimming removes Unicode White_Space (as UTF-8) and ASCII whitespace.
    TrimUnicodeWhitespace {
        id: "trim-unicode-whitespace",
        cites: "rfc6265bis:5.6/4",
        citation: "RFC 6265 §5.2 step 4, RFC 6265bis §5.6 step 4 (and attribute step 5)",
        summary: "names, values and attributes are trimmed of Unicode White_Space as UTF-8: 0x09-0x0D, SP and the encoded NEL, NBSP, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000",
        bases: BOTH, permitted: NONE,
        witness: "parse/non-ascii/utf8-nbsp-not-trimmed",
    },
    /// A pair of DQUOTEs around the whole value is removed.
    ValueDquotesStripped {
        id: "value-dquotes-stripped",
        cites: "rfc6265bis:5.6/4",
        citation: "RFC 6265 §5.2 step 4, RFC 6265bis §5.6 step 4",
        summary: "a pair of DQUOTEs enclosing the whole (trimmed) cookie-value is removed",
        bases: BOTH, permitted: NONE,
        witness: "parse/name-value/quotes-kept",
    },
    /// A line that is not UTF-8 is ignored.
    NonUtf8LineIgnored {
        id: "non-utf8-line-ignored",
        cites: "rfc6265:5.2",
        citation: "RFC 6265 §5.2 and the §5.4 note (the algorithms work on octets), RFC 6265bis §5.6",
        summary: "a Set-Cookie line that is not valid UTF-8 is ignored (a jar whose parser takes a string)",
        bases: BOTH, permitted: NONE,
        witness: "parse/non-ascii/raw-0xff-in-value",
    },
    /// Only the first valid Expires attribute counts.
    FirstExpiresWins {
        id: "first-expires-wins",
        cites: "rfc6265:5.3/3",
        citation: "RFC 6265 §5.3 step 3, RFC 6265bis §5.7 step 6",
        summary: "of several valid Expires attributes of a line the first counts, not the last",
        bases: BOTH, permitted: NONE,
        witness: "expiry/expires/expires-last-wins-future",
    },
    /// The first of repeated attributes counts.
    FirstAttributeWins {
        id: "first-attribute-wins",
        cites: "rfc6265:5.3/3",
        citation: "RFC 6265 §5.3 steps 3, 4 and 7; RFC 6265bis §5.7 steps 6, 7, 11 and 17",
        summary: "of repeated attributes (Expires, Max-Age, Domain, Path, SameSite) the first appended to the cookie-attribute-list counts, not the last",
        bases: BOTH, permitted: NONE,
        witness: "parse/attributes/path-twice-last-wins",
    },
    /// An Expires value that does not parse erases an earlier valid one.
    InvalidExpiresClears {
        id: "invalid-expires-clears",
        cites: "rfc6265bis:5.6.1/2",
        citation: "RFC 6265 §5.2.1, RFC 6265bis §5.6.1 step 2",
        summary: "an Expires value that is not a cookie-date erases an earlier valid Expires of the line",
        bases: BOTH, permitted: NONE,
        witness: "expiry/expires/expires-invalid-last-does-not-override",
    },
    /// A Max-Age value that does not parse erases an earlier valid one.
    InvalidMaxAgeClears {
        id: "invalid-max-age-clears",
        cites: "rfc6265bis:5.6.2",
        citation: "RFC 6265 §5.2.2, RFC 6265bis §5.6.2 steps 1-3",
        summary: "a Max-Age value that is not an integer erases an earlier valid Max-Age of the line",
        bases: BOTH, permitted: NONE,
        witness: "expiry/max-age/max-age-invalid-last-does-not-override",
    },
    /// `Max-Age=+10` is read as 10.
    MaxAgePlusSign {
        id: "max-age-plus-sign",
        cites: "rfc6265bis:5.6.2/2",
        citation: "RFC 6265 §5.2.2, RFC 6265bis §5.6.2 step 2",
        summary: "a Max-Age of '+' followed by digits only is read as the number that follows",
        bases: BOTH, permitted: NONE,
        witness: "expiry/max-age/max-age-invalid-plus-sign-ignored",
    },
    /// The leading digits of Max-Age are read and the rest ignored.
    MaxAgeLeadingDigits {
        id: "max-age-leading-digits",
        cites: "rfc6265bis:5.6.2/3",
        citation: "RFC 6265 §5.2.2, RFC 6265bis §5.6.2 step 3",
        summary: "a Max-Age of digits (after an optional '-') followed by other characters is read from those digits ('1.5' is 1)",
        bases: BOTH, permitted: NONE,
        witness: "expiry/max-age/max-age-invalid-decimal-ignored",
    },
    /// A Max-Age that does not start with a digit expires the cookie.
    MaxAgeInvalidExpires {
        id: "max-age-invalid-expires",
        cites: "rfc6265bis:5.6.2/2",
        citation: "RFC 6265 §5.2.2, RFC 6265bis §5.6.2 step 2",
        summary: "a non-empty Max-Age that is no integer and does not start with a digit ('abc', '+1', '-', '-x', '--1') is read as 0 and expires the cookie",
        bases: BOTH, permitted: NONE,
        witness: "expiry/max-age/max-age-invalid-letters-ignored",
    },
    /// An empty Max-Age is the largest delta-seconds.
    MaxAgeEmptyPersistent {
        id: "max-age-empty-persistent",
        cites: "rfc6265bis:5.6.2/1",
        citation: "RFC 6265 §5.2.2, RFC 6265bis §5.6.2 step 1",
        summary: "an empty Max-Age value (`Max-Age=`) is read as the largest delta-seconds: the cookie is persistent (until the latest representable date, or the cookie-age-limit); a bare `Max-Age` stays ignored",
        bases: BOTH, permitted: NONE,
        witness: "expiry/max-age/max-age-invalid-empty-ignored",
    },
    /// `Max-Age=-` expires the cookie.
    MaxAgeLoneDashExpires {
        id: "max-age-lone-dash-expires",
        cites: "rfc6265bis:5.6.2/2",
        citation: "RFC 6265 §5.2.2, RFC 6265bis §5.6.2 step 2",
        summary: "'Max-Age=-' is read as a negative Max-Age and expires the cookie",
        bases: BOTH, permitted: NONE,
        witness: "expiry/max-age/max-age-invalid-lone-dash-ignored",
    },
    /// A Max-Age that is not an integer ignores the whole cookie.
    MaxAgeInvalidDropsCookie {
        id: "max-age-invalid-drops-cookie",
        cites: "rfc6265bis:5.6.2",
        citation: "RFC 6265 §5.2.2, RFC 6265bis §5.6.2 steps 1-3",
        summary: "a Max-Age that is not an integer ignores the whole cookie, not only the attribute",
        bases: BOTH, permitted: NONE,
        witness: "expiry/max-age/max-age-invalid-double-dash-ignored",
    },
    /// A Max-Age beyond a signed 64-bit integer is ignored.
    MaxAgeOverflowIgnored {
        id: "max-age-overflow-ignored",
        cites: "rfc6265bis:5.6.2/4",
        citation: "RFC 6265 §5.2.2, RFC 6265bis §5.6.2 step 4",
        summary: "a Max-Age whose magnitude does not fit a signed 64-bit integer is ignored instead of saturating",
        bases: BOTH, permitted: NONE,
        witness: "expiry/max-age/max-age-huge-saturates",
    },
    /// Expires values of 80 octets or more are ignored.
    DateLengthLimit {
        id: "date-length-limit",
        cites: "rfc6265bis:5.6.1",
        citation: "RFC 6265 §5.2.1, RFC 6265bis §5.6.1 step 1",
        summary: "an Expires value of 80 octets or more is ignored without being parsed",
        bases: BOTH, permitted: NONE,
        witness: "parse/size/expires-1024-applies",
    },
    /// Lifetimes are not capped at 400 days.
    NoLifetimeCap {
        id: "no-lifetime-cap",
        cites: "rfc6265bis:5.5",
        citation: "RFC 6265bis §5.5",
        summary: "Expires and Max-Age are not capped at 400 days",
        bases: BIS, permitted: NONE,
        witness: "examples/rfc6265bis/lang-expires-capped",
    },
    /// Attribute values over 1024 octets are applied.
    AttributeLengthUnlimited {
        id: "attribute-length-unlimited",
        cites: "rfc6265bis:5.6",
        citation: "RFC 6265bis §5.6 attribute step 6",
        summary: "attribute values longer than 1024 octets are applied",
        bases: BIS, permitted: NONE,
        witness: "parse/size/domain-1025-ignored-bis",
    },
    /// Name and value may exceed 4096 octets.
    NameValueLengthUnlimited {
        id: "name-value-length-unlimited",
        cites: "rfc6265bis:5.6/5",
        citation: "RFC 6265bis §5.6 step 5",
        summary: "name and value together may exceed 4096 octets",
        bases: BIS, permitted: NONE,
        witness: "parse/size/name-value-4097",
    },
    /// Name and value over 4096 octets ignore the line.
    NameValueLimit {
        id: "name-value-limit",
        cites: "rfc6265:6.1",
        citation: "RFC 6265 §6.1, RFC 6265bis §5.6 step 5",
        summary: "a cookie whose name and value exceed 4096 octets is ignored (RFC 6265 §6.1 asks for at least 4096 octets, so this is left open there)",
        bases: RFC, permitted: RFC,
        witness: "parse/size/name-value-4097",
    },
    /// An empty Domain attribute is ignored and an earlier one stands.
    EmptyDomainKeepsEarlier {
        id: "empty-domain-keeps-earlier",
        cites: "rfc6265bis:5.6.3",
        citation: "RFC 6265bis §5.6.3 step 1, §5.7 step 7",
        summary: "an empty Domain attribute is skipped, so an earlier Domain attribute stands",
        bases: BIS, permitted: NONE,
        witness: "domain/domain-attribute/empty-domain-after-domain",
    },
    /// An empty Domain attribute counts and makes the cookie host-only.
    EmptyDomainHostOnly {
        id: "empty-domain-host-only",
        cites: "rfc6265:5.2.3",
        citation: "RFC 6265 §5.2.3",
        summary: "an empty Domain attribute counts as the last Domain, so the cookie is host-only",
        bases: RFC, permitted: NONE,
        witness: "domain/domain-attribute/empty-domain-after-domain",
    },
    /// `Domain=.` ignores the cookie.
    DotDomainRejected {
        id: "dot-domain-rejected",
        cites: "rfc6265bis:5.6.3/2",
        citation: "RFC 6265 §5.2.3, RFC 6265bis §5.6.3 step 2",
        summary: "a Domain attribute that is a lone '.' ignores the cookie (instead of making it host-only)",
        bases: BOTH, permitted: NONE,
        witness: "domain/domain-attribute/domain-single-dot-host-only",
    },
    /// An empty Domain attribute (empty or `.`) ignores the cookie.
    EmptyDomainRejected {
        id: "empty-domain-rejected",
        cites: "rfc6265:5.2.3",
        citation: "RFC 6265 §5.2.3, RFC 6265bis §5.6.3",
        summary: "a Domain attribute that is empty (with or without '=') or a lone '.' ignores the cookie",
        bases: BOTH, permitted: NONE,
        witness: "domain/domain-attribute/empty-domain-host-only",
    },
    /// A line over 5000 octets is ignored.
    LineLengthLimit {
        id: "line-length-limit",
        cites: "rfc6265:6.1",
        citation: "RFC 6265 §6.1 (at least 4096 octets per cookie, attributes included), RFC 6265bis §5.6 steps 5-6 (limits on name+value and on each attribute only)",
        summary: "a Set-Cookie line longer than 5000 octets is ignored whatever its parts (RFC 6265 §6.1 asks for at least 4096 octets per cookie, so this is left open there)",
        bases: BOTH, permitted: RFC,
        witness: "parse/size/line-over-5000-octets-kept",
    },
    /// The Domain value is trimmed again after its leading dot goes.
    DomainTrimmedAfterDot {
        id: "domain-trimmed-after-dot",
        cites: "rfc6265:5.2.3",
        citation: "RFC 6265 §5.2.3, RFC 6265bis §5.6.3 step 2",
        summary: "whitespace after the leading '.' of a Domain value is trimmed too ('. example.com' is example.com, not ' example.com', which no host matches)",
        bases: BOTH, permitted: NONE,
        witness: "domain/domain-attribute/space-after-leading-dot-not-trimmed",
    },
    /// The Domain attribute keeps its case.
    DomainCaseKept {
        id: "domain-case-kept",
        cites: "rfc6265bis:5.6.3/3",
        citation: "RFC 6265 §5.2.3, RFC 6265bis §5.6.3 step 3",
        summary: "the Domain attribute is not converted to lower case, so an upper-case Domain fails the (case-sensitive) domain-match and the cookie is ignored",
        bases: BOTH, permitted: NONE,
        witness: "domain/domain-attribute/uppercase-domain-lowercased",
    },
    /// Every Domain attribute of the line is checked.
    EveryDomainChecked {
        id: "every-domain-checked",
        cites: "rfc6265:5.3/4",
        citation: "RFC 6265 §5.3 step 4, RFC 6265bis §5.7 step 7",
        summary: "every non-empty Domain attribute of the line must domain-match the host, not only the last",
        bases: BOTH, permitted: NONE,
        witness: "domain/domain-attribute/repeated-domain-mismatch-before-last-ignored",
    },
    /// A Path attribute without `=` is skipped.
    PathWithoutValueIgnored {
        id: "path-without-value-ignored",
        cites: "rfc6265bis:5.6.4",
        citation: "RFC 6265 §5.2.4, RFC 6265bis §5.6.4 step 1",
        summary: "a Path attribute without '=' is skipped, so an earlier Path stands (instead of the default-path)",
        bases: BOTH, permitted: NONE,
        witness: "parse/attributes/path-without-equals-overrides-earlier",
    },
    /// A Path not starting with `/` is kept as written.
    PathRelativeKept {
        id: "path-relative-kept",
        cites: "rfc6265bis:5.6.4",
        citation: "RFC 6265 §5.2.4, RFC 6265bis §5.6.4 step 1",
        summary: "a non-empty Path value that does not start with '/' is the cookie-path as written (which no request path matches)",
        bases: BOTH, permitted: NONE,
        witness: "parse/attributes/path-relative-uses-default",
    },
    /// A Path not starting with `/` gives `/`.
    PathRelativeRoot {
        id: "path-relative-root",
        cites: "rfc6265bis:5.6.4",
        citation: "RFC 6265 §5.2.4, RFC 6265bis §5.6.4 step 1",
        summary: "a non-empty Path value that does not start with '/' gives the cookie-path '/' (not the default-path)",
        bases: BOTH, permitted: NONE,
        witness: "path/path-match/path-not-slash-uses-default",
    },
    /// `Partitioned` without `Secure` ignores the cookie.
    PartitionedNeedsSecure {
        id: "partitioned-needs-secure",
        cites: "rfc6265bis:5.6",
        citation: "RFC 6265bis §5.6 attribute step 7, RFC 6265 §5.2 (unknown attributes are ignored)",
        summary: "a cookie with the Partitioned attribute (CHIPS) but without Secure is ignored",
        bases: BOTH, permitted: NONE,
        witness: "parse/attributes/partitioned-without-secure-ignored",
    },

    // ---- cookie dates: RFC 6265 §5.1.1, RFC 6265bis §5.1.1 ----
    /// Only the three HTTP date formats are recognised.
    DateHttpFormatsOnly {
        id: "date-http-formats-only",
        cites: "rfc6265bis:5.1.1",
        citation: "RFC 6265 §5.1.1, RFC 6265bis §5.1.1",
        summary: "only IMF-fixdate, RFC 850 and asctime dates (RFC 9110 §5.6.7), exactly as written, are cookie-dates (no token algorithm; with date-rfc1123-or-netscape-only, the layouts of both)",
        bases: BOTH, permitted: NONE,
        witness: "expiry/expires/expires-netscape-dashed-date-past",
    },
    /// Only IMF-fixdate and the Netscape form are recognised.
    DateRfc1123OrNetscapeOnly {
        id: "date-rfc1123-or-netscape-only",
        cites: "rfc6265bis:5.1.1",
        citation: "RFC 6265 §5.1.1, RFC 6265bis §5.1.1",
        summary: "only IMF-fixdate and the Netscape form 'Wdy, DD-Mon-YYYY HH:MM:SS GMT', exactly as written, are cookie-dates (the two layouts Go's net/http tries; no token algorithm)",
        bases: BOTH, permitted: NONE,
        witness: "expiry/expires/expires-netscape-format-past",
    },
    /// The cookie crate's fixed layouts, loosely matched.
    DateFixedLayoutsLoose {
        id: "date-fixed-layouts-loose",
        cites: "rfc6265bis:5.1.1",
        citation: "RFC 6265 §5.1.1, RFC 6265bis §5.1.1",
        summary: "only IMF-fixdate, RFC 850, asctime and the Netscape form 'DD-Mon-YYYY' are cookie-dates, each with the day name optional and a year of 1 to 4 digits (the Rust cookie crate's time layouts; no token algorithm)",
        bases: BOTH, permitted: NONE,
        witness: "expiry/expires/expires-one-digit-day-past-not-stored",
    },
    /// Two-digit years pivot at 50.
    TwoDigitYearPivot50 {
        id: "two-digit-year-pivot-50",
        cites: "rfc6265bis:5.1.1/3",
        citation: "RFC 6265 §5.1.1 steps 3-4, RFC 6265bis §5.1.1 steps 3-4",
        summary: "year-values 0-49 are 2000-2049 and 50-99 are 1950-1999 (not 0-69 and 70-99)",
        bases: BOTH, permitted: NONE,
        witness: "expiry/expires/expires-two-digit-year-60-is-2060",
    },
    /// Two-digit years are all in the 1900s.
    TwoDigitYear1900s {
        id: "two-digit-year-1900s",
        cites: "rfc6265bis:5.1.1/3",
        citation: "RFC 6265 §5.1.1 steps 3-4, RFC 6265bis §5.1.1 steps 3-4",
        summary: "every year-value 0-99 is in the 1900s (00 is 1900)",
        bases: BOTH, permitted: NONE,
        witness: "expiry/expires/expires-two-digit-year-30-is-2030",
    },
    /// Years before 1601 are accepted.
    DateEarlyYearsAccepted {
        id: "date-early-years-accepted",
        cites: "rfc6265bis:5.1.1/5",
        citation: "RFC 6265 §5.1.1 step 5, RFC 6265bis §5.1.1 step 5",
        summary: "a cookie-date with a year before 1601 is accepted, as the earliest representable date (a date in the past)",
        bases: BOTH, permitted: NONE,
        witness: "expiry/expires/expires-year-1600-ignored",
    },
    /// Impossible days roll over into the next month.
    DateDayOverflowRolls {
        id: "date-day-overflow-rolls",
        cites: "rfc6265bis:5.1.1/6",
        citation: "RFC 6265 §5.1.1 step 6, RFC 6265bis §5.1.1 step 6",
        summary: "a day-of-month beyond the end of its month (at most 31) rolls over into the next month (31 Feb 2015 is 3 Mar) instead of failing",
        bases: BOTH, permitted: NONE,
        witness: "expiry/expires/expires-31-feb-ignored",
    },
    /// Years before 1970 fail the date.
    DateBefore1970Invalid {
        id: "date-before-1970-invalid",
        cites: "rfc6265bis:5.1.1/5",
        citation: "RFC 6265 §5.1.1 step 5, RFC 6265bis §5.1.1 step 5",
        summary: "a cookie-date before 1970-01-01T00:00:00Z fails to parse (the Expires attribute is ignored)",
        bases: BOTH, permitted: NONE,
        witness: "expiry/expires/expires-year-1601-valid-past",
    },

    // ---- hosts and domains: §5.1.2, §5.1.3, RFC 6265 §5.3 steps 4-6, RFC 6265bis §5.7 steps 7-10 ----
    /// A non-ASCII Domain is converted to its A-label.
    NonAsciiDomainToALabel {
        id: "non-ascii-domain-to-a-label",
        cites: "rfc6265bis:5.7/8",
        citation: "RFC 6265bis §5.7 step 8, RFC 6265 §5.3 step 6",
        summary: "a non-ASCII Domain attribute is converted to its A-label (IDNA) and then checked like any other",
        bases: BOTH, permitted: NONE,
        witness: "domain/idn/non-ascii-domain-attribute-ignored",
    },
    /// Domain equal to an IP-address host gives a host-only cookie.
    IpDomainHostOnly {
        id: "ip-domain-host-only",
        cites: "rfc6265:5.3/6",
        citation: "RFC 6265 §5.3 step 6, RFC 6265bis §5.7 step 10",
        summary: "a Domain attribute equal to an IP-address host is accepted but the cookie is host-only",
        bases: BOTH, permitted: NONE,
        witness: "domain/ip/ipv4-domain-equal-to-host",
    },
    /// Domain equal to an IP-address host ignores the cookie.
    IpDomainRejected {
        id: "ip-domain-rejected",
        cites: "rfc6265bis:5.7/9",
        citation: "RFC 6265 §5.3 step 5, RFC 6265bis §5.7 step 9",
        summary: "a Domain attribute that is an IP address ignores the cookie",
        bases: BOTH, permitted: NONE,
        witness: "domain/ip/ipv4-domain-equal-to-host",
    },
    /// A Domain without an inner dot, other than `localhost`, ignores the cookie.
    DotlessDomainRejected {
        id: "dotless-domain-rejected",
        cites: "rfc6265:5.3/5",
        citation: "RFC 6265 §5.3 steps 5-6, RFC 6265bis §5.7 steps 9-10",
        summary: "a Domain attribute with no dot before its last character, other than `localhost`, ignores the cookie (a guard against top-level domains in place of a public suffix list)",
        bases: BOTH, permitted: NONE,
        witness: "domain/domain-attribute/single-label-domain-equal-to-host",
    },
    /// IP addresses domain-match by string suffix.
    IpSuffixDomainMatch {
        id: "ip-suffix-domain-match",
        cites: "rfc6265:5.1.3",
        citation: "RFC 6265 §5.1.3, RFC 6265bis §5.1.3",
        summary: "an IP-address host domain-matches by string suffix like a host name",
        bases: BOTH, permitted: NONE,
        witness: "domain/ip/ipv4-partial-domain-ignored",
    },
    /// Public suffixes are not rejected.
    PublicSuffixCheckOff {
        id: "public-suffix-check-off",
        cites: "rfc6265:5.3/5",
        citation: "RFC 6265 §5.3 step 5, RFC 6265bis §5.7 step 9",
        summary: "a Domain attribute that is a public suffix is accepted like any other",
        bases: BOTH, permitted: NONE,
        witness: "domain/public-suffix/domain-com-rejected",
    },
    /// A public-suffix Domain is rejected even when it is the host.
    PublicSuffixHostRejected {
        id: "public-suffix-host-rejected",
        cites: "rfc6265:5.3/5",
        citation: "RFC 6265 §5.3 step 5, RFC 6265bis §5.7 step 9",
        summary: "a public-suffix Domain attribute ignores the cookie even when it equals the request host",
        bases: BOTH, permitted: NONE,
        witness: "domain/public-suffix/host-is-public-suffix-becomes-host-only",
    },
    /// The public suffix list's implicit `*` rule is not applied.
    PublicSuffixNoDefaultRule {
        id: "public-suffix-no-default-rule",
        cites: "rfc6265:5.3/5",
        citation: "RFC 6265 §5.3 step 5, RFC 6265bis §5.7 step 9",
        summary: "only names the public suffix list lists are public suffixes (no implicit '*' rule for unlisted top-level names)",
        bases: BOTH, permitted: NONE,
        witness: "domain/public-suffix/unlisted-tld-is-public-suffix",
    },
    /// A trailing dot is removed from the request host.
    HostTrailingDotStripped {
        id: "host-trailing-dot-stripped",
        cites: "rfc6265:5.1.2",
        citation: "RFC 6265 §5.1.2, RFC 6265bis §5.1.2",
        summary: "a trailing '.' is removed from the request host, so example.com. and example.com share cookies",
        bases: BOTH, permitted: NONE,
        witness: "domain/host-only/trailing-dot-host-is-distinct",
    },
    /// The host is not converted to A-labels.
    HostNotIdnaCanonical {
        id: "host-not-idna-canonical",
        cites: "rfc6265:5.1.2",
        citation: "RFC 6265 §5.1.2, RFC 6265bis §5.1.2",
        summary: "a non-ASCII request host is used as written (lower-cased), not converted to A-labels",
        bases: BOTH, permitted: NONE,
        witness: "domain/idn/u-label-host-stored-as-a-label",
    },

    // ---- storing: RFC 6265 §5.3, RFC 6265bis §5.7 ----
    /// The host-only flag is part of a cookie's identity.
    HostOnlyInIdentity {
        id: "host-only-in-identity",
        cites: "rfc6265:5.3/11",
        citation: "RFC 6265 §5.3 step 11",
        summary: "a host-only cookie and a Domain cookie of the same name, domain and path are two cookies",
        bases: RFC, permitted: NONE,
        witness: "storage/host-only-key/store-host-only-and-domain",
    },
    /// The host-only flag is not part of a cookie's identity.
    HostOnlyNotInIdentity {
        id: "host-only-not-in-identity",
        cites: "rfc6265bis:5.7/23",
        citation: "RFC 6265bis §5.7 step 23",
        summary: "a host-only cookie and a Domain cookie of the same name, domain and path replace each other",
        bases: BIS, permitted: NONE,
        witness: "storage/host-only-key/host-only-then-domain",
    },
    /// Secure cookies from insecure origins are stored.
    SecureFromInsecureAllowed {
        id: "secure-from-insecure-allowed",
        cites: "rfc6265bis:5.7/13",
        citation: "RFC 6265bis §5.7 step 13",
        summary: "a Secure cookie set from an insecure origin is stored",
        bases: BIS, permitted: NONE,
        witness: "secure/attribute/secure-from-http-ignored-in-bis",
    },
    /// Secure cookies from insecure origins are ignored.
    SecureFromInsecureRejected {
        id: "secure-from-insecure-rejected",
        cites: "rfc6265bis:5.7/13",
        citation: "RFC 6265bis §5.7 step 13 (not in RFC 6265 §5.3)",
        summary: "a Secure cookie set from an insecure origin is ignored",
        bases: RFC, permitted: NONE,
        witness: "secure/attribute/secure-from-http-store",
    },
    /// No Strict Secure check.
    StrictSecureOff {
        id: "strict-secure-off",
        cites: "rfc6265bis:5.7/16",
        citation: "RFC 6265bis §5.7 step 16",
        summary: "an insecure origin may set a cookie that shadows a Secure cookie of the same name",
        bases: BIS, permitted: NONE,
        witness: "secure/strict-secure/blocks-same-path",
    },
    /// Strict Secure looks only within the registrable domain.
    StrictSecureRegistrableDomain {
        id: "strict-secure-registrable-domain",
        cites: "rfc6265bis:5.7/16",
        citation: "RFC 6265bis §5.7 step 16",
        summary: "the Strict Secure check compares only cookies of the new cookie's registrable domain (a Secure cookie on a public suffix host blocks nothing)",
        bases: BIS, permitted: NONE,
        witness: "secure/strict-secure/public-suffix-host-secure-blocks-subdomain",
    },
    /// SameSite=None without Secure is stored.
    SameSiteNoneInsecureAllowed {
        id: "same-site-none-insecure-allowed",
        cites: "rfc6265bis:5.7/19",
        citation: "RFC 6265bis §5.7 step 19",
        summary: "a SameSite=None cookie without Secure is stored",
        bases: BIS, permitted: NONE,
        witness: "same-site/parsing/none-without-secure-ignored",
    },
    /// A cookie without a valid SameSite attribute is treated as None.
    SameSiteDefaultNone {
        id: "same-site-default-none",
        cites: "rfc6265bis:5.8.3/3",
        citation: "RFC 6265bis §5.6.7, §5.7 step 18, §5.8.3 step 3",
        summary: "a cookie without a valid SameSite attribute is treated as SameSite=None: set and sent in cross-site contexts",
        bases: BIS, permitted: NONE,
        witness: "same-site/retrieval/default-not-sent-cross-site-subresource",
    },
    /// Lax-allowing-unsafe for fresh Default cookies.
    LaxAllowingUnsafe {
        id: "lax-allowing-unsafe",
        cites: "rfc6265bis:5.8.3/3",
        citation: "RFC 6265bis §5.8.3 step 3 (the 'Lax-allowing-unsafe' enforcement a user agent MAY apply)",
        summary: "a cookie without a SameSite attribute, at most 2 minutes old, also goes with a cross-site top-level request with an unsafe method",
        bases: BIS, permitted: BIS,
        witness: "same-site/retrieval/default-not-sent-cross-site-top-level-post",
    },
    /// Cookie prefixes compare case-sensitively.
    PrefixesCaseSensitive {
        id: "prefixes-case-sensitive",
        cites: "rfc6265bis:5.4",
        citation: "RFC 6265bis §5.4, §5.7 steps 20-21",
        summary: "the __Secure- and __Host- prefixes are recognised only in that exact case",
        bases: BIS, permitted: NONE,
        witness: "prefixes/rules/secure-prefix-attacker-case",
    },
    /// Cookie prefixes are enforced.
    PrefixesEnforced {
        id: "prefixes-enforced",
        cites: "rfc6265bis:5.4",
        citation: "RFC 6265bis §5.4, §5.7 steps 20-22 (not in RFC 6265)",
        summary: "the __Secure- and __Host- prefixes are enforced",
        bases: RFC, permitted: NONE,
        witness: "prefixes/rules/legacy-host-prefix-ordinary",
    },
    /// The prefixes are enforced, matched case-sensitively.
    PrefixesEnforcedCaseSensitive {
        id: "prefixes-enforced-case-sensitive",
        cites: "rfc6265bis:5.4",
        citation: "RFC 6265bis §5.4, §5.7 steps 20-22 (not in RFC 6265)",
        summary: "the __Secure- and __Host- prefixes are enforced, but only as written (case-sensitively): __SECURE-a is an ordinary name",
        bases: RFC, permitted: NONE,
        witness: "prefixes/rules/legacy-host-prefix-ordinary",
    },
    /// `__Host-` needs no Path attribute, only the path `/`.
    HostPrefixPathAttributeOptional {
        id: "host-prefix-path-attribute-optional",
        cites: "rfc6265bis:5.7/21",
        citation: "RFC 6265bis §5.7 step 21",
        summary: "a __Host- cookie whose path '/' comes from the default-path is accepted without a Path attribute",
        bases: BIS, permitted: NONE,
        witness: "prefixes/rules/host-prefix-default-root-path-rejected",
    },
    /// `__Host-` with an empty `Path=` is ignored.
    HostPrefixEmptyPathRejected {
        id: "host-prefix-empty-path-rejected",
        cites: "rfc6265bis:5.7/21",
        citation: "RFC 6265bis §5.7 step 21",
        summary: "a __Host- cookie whose Path attribute is not written as '/' (an empty 'Path=') is ignored",
        bases: BIS, permitted: NONE,
        witness: "prefixes/rules/host-prefix-empty-path-attribute-at-root",
    },
    /// A cookie is expired at its expiry-time, not only after it.
    ExpiredAtExpiryTime {
        id: "expired-at-expiry-time",
        cites: "rfc6265:5.3",
        citation: "RFC 6265 §5.3, RFC 6265bis §5.7 (expired: the expiry-time is in the past)",
        summary: "a cookie is expired when its expiry-time is now or earlier, not only when it has passed",
        bases: BOTH, permitted: NONE,
        witness: "expiry/max-age/max-age-60-still-sent-at-60",
    },

    // ---- paths: §5.1.4 ----
    /// Cookie paths match as plain prefixes.
    PathPrefixMatch {
        id: "path-prefix-match",
        cites: "rfc6265:5.1.4",
        citation: "RFC 6265 §5.1.4, RFC 6265bis §5.1.4",
        summary: "the cookie-path matches any request path it is a prefix of ('/foo' matches '/foobar')",
        bases: BOTH, permitted: NONE,
        witness: "path/path-match/foo-vs-foobar",
    },
    /// One trailing `/` is removed from cookie paths.
    PathTrailingSlashStripped {
        id: "path-trailing-slash-stripped",
        cites: "rfc6265:5.1.4",
        citation: "RFC 6265 §5.1.4, §5.2.4",
        summary: "one trailing '/' is removed from every cookie-path other than '/'",
        bases: BOTH, permitted: NONE,
        witness: "path/path-match/trailing-slash-not-parent",
    },
    /// The default-path keeps the trailing `/`.
    DefaultPathKeepsSlash {
        id: "default-path-keeps-slash",
        cites: "rfc6265:5.1.4",
        citation: "RFC 6265 §5.1.4 (default-path step 4)",
        summary: "the default-path keeps the request path up to and including its last '/'",
        bases: BOTH, permitted: NONE,
        witness: "path/default-path/two-segments",
    },
    /// The request path is percent-decoded before matching.
    RequestPathPercentDecoded {
        id: "request-path-percent-decoded",
        cites: "rfc6265:5.4/1",
        citation: "RFC 6265 §5.4 step 1, RFC 6265bis §5.8.3 step 3, §5.1.4",
        summary: "the request path is percent-decoded before the default-path and path-match",
        bases: BOTH, permitted: NONE,
        witness: "path/path-match/percent-encoded-identical",
    },

    // ---- retrieval: RFC 6265 §5.4, RFC 6265bis §5.8.3 ----
    /// Host-only cookies also go to subdomains.
    HostOnlyToSubdomains {
        id: "host-only-to-subdomains",
        cites: "rfc6265:5.4/1",
        citation: "RFC 6265 §5.4 step 1, RFC 6265bis §5.8.3 step 3",
        summary: "a host-only cookie is also sent to subdomains of its host",
        bases: BOTH, permitted: NONE,
        witness: "domain/host-only/not-sent-to-subdomain",
    },
    /// The Cookie header lists cookies in creation order.
    StoreOrder {
        id: "store-order",
        cites: "rfc6265:5.4/2",
        citation: "RFC 6265 §5.4 step 2, RFC 6265bis §5.8.3 step 4",
        summary: "the Cookie header lists cookies in creation order, not longer paths first",
        bases: BOTH, permitted: NONE,
        witness: "storage/order/longer-path-first",
    },
    /// The Cookie header lists cookies in the walk order of nested maps.
    StoreOrderGrouped {
        id: "store-order-grouped",
        cites: "rfc6265:5.4/2",
        citation: "RFC 6265 §5.4 step 2, RFC 6265bis §5.8.3 step 4",
        summary: "the Cookie header lists cookies grouped by domain, then by path, each group (and each name within it) in the order it was first stored; a slot keeps its place when its cookie is replaced or expires, until the session ends (a jar of nested insertion-ordered maps)",
        bases: BOTH, permitted: NONE,
        witness: "storage/order/grouped-by-path-of-first-use",
    },
    /// Equal path lengths are listed in the walk order of nested maps.
    EqualPathsGroupedByDomain {
        id: "equal-paths-grouped-by-domain",
        cites: "rfc6265:5.4/2",
        citation: "RFC 6265 §5.4 step 2, RFC 6265bis §5.8.3 step 4",
        summary: "cookies with equal path lengths are listed grouped by domain (host-only and domain cookies apart), then by path, each group in the order it was first stored, and in creation order within a group (a stable sort by path length over nested insertion-ordered maps)",
        bases: BOTH, permitted: NONE,
        witness: "storage/order/equal-path-not-grouped-by-domain",
    },
    /// Saving the jar makes SameSite=None and Partitioned cookies secure.
    SecureAddedOnSave {
        id: "secure-added-on-save",
        cites: "rfc6265:5.3/8",
        citation: "RFC 6265 §5.3 step 8, RFC 6265bis §5.7 step 12",
        summary: "a cookie whose line carried Partitioned, or whose last valid SameSite was None, becomes secure-only when the jar saves and reloads it at the end of a session (its serialiser writes Secure for them)",
        bases: BOTH, permitted: NONE,
        witness: "secure/attribute/partitioned-alone-not-secure-after-session",
    },
    /// Loopback hosts count as secure.
    LoopbackIsSecure {
        id: "loopback-is-secure",
        cites: "rfc6265:5.4/1",
        citation: "RFC 6265 §5.4 step 1 (RFC 6265bis §5.8.3 potentially trustworthy origins)",
        summary: "requests to the host localhost (exactly as written) and to loopback addresses (127.0.0.0/8, ::1) count as secure",
        bases: RFC, permitted: NONE,
        witness: "secure/trustworthy/localhost-http-is-secure",
    },
    /// Only localhost, 127.0.0.1 and ::1 count as secure.
    LoopbackIsSecureExact {
        id: "loopback-is-secure-exact",
        cites: "rfc6265:5.4/1",
        citation: "RFC 6265 §5.4 step 1 (RFC 6265bis §5.8.3 potentially trustworthy origins)",
        summary: "requests to exactly the hosts localhost, 127.0.0.1 and ::1 count as secure (not 127.0.0.2, a.localhost or localhost.)",
        bases: RFC, permitted: NONE,
        witness: "secure/trustworthy/localhost-http-is-secure",
    },
    /// `wss` is not a secure protocol.
    WssNotSecure {
        id: "wss-not-secure",
        cites: "rfc6265:5.4/1",
        citation: "RFC 6265 §5.4 step 1, RFC 6265bis §5.8.3 step 3",
        summary: "wss:// does not count as a secure protocol (only https does)",
        bases: BOTH, permitted: NONE,
        witness: "secure/attribute/secure-sent-on-wss",
    },
    /// WebSocket requests count as a non-HTTP API.
    WsIsNonHttp {
        id: "ws-is-non-http",
        cites: "rfc6265:5.3/10",
        citation: "RFC 6265 §5.3 step 10, §5.4 step 1; RFC 6265bis §5.7 step 15, §5.8.3 step 3",
        summary: "ws:// and wss:// requests count as a non-HTTP API: HttpOnly cookies are neither set nor sent there",
        bases: BOTH, permitted: NONE,
        witness: "http-only/http-only/ws-request-is-http",
    },
    /// Only http:// and https:// requests take part in cookies.
    HttpSchemesOnly {
        id: "http-schemes-only",
        cites: "rfc6265:5.3",
        citation: "RFC 6265 §5.3, §5.4; RFC 6265bis §5.7, §5.8.3 (the algorithms apply to every request-uri)",
        summary: "a request whose scheme is not http or https (ws, wss) neither sets nor receives any cookie",
        bases: BOTH, permitted: NONE,
        witness: "secure/attribute/plain-cookie-from-ws-sent-on-ws",
    },
}

impl Variant {
    /// The stable id.
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// The bit of this variant in a [`Variants`] set.
    const fn bit(self) -> u128 {
        1u128 << (self as u8)
    }

    /// Whether the variant changes anything on a jar following `base`.
    pub fn applies_to(self, base: ProfileId) -> bool {
        self.info().bases.contains(&base)
    }

    /// Whether `base`'s text leaves room for this reading.
    pub fn permitted_under(self, base: ProfileId) -> bool {
        self.info().permitted.contains(&base)
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// An id that names no variant of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownVariant(pub String);

impl fmt::Display for UnknownVariant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown variant `{}` (`cookiecheck variants` lists them)",
            self.0
        )
    }
}

impl std::error::Error for UnknownVariant {}

impl FromStr for Variant {
    type Err = UnknownVariant;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Variant::ALL
            .iter()
            .copied()
            .find(|v| v.id() == s)
            .ok_or_else(|| UnknownVariant(s.to_string()))
    }
}

/// A set of variants: one bit each, so that a step's check costs one AND.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Variants(u128);

impl Variants {
    /// No variant: the base rule set.
    pub const NONE: Variants = Variants(0);

    /// Whether `v` is in the set.
    #[inline]
    pub fn has(self, v: Variant) -> bool {
        self.0 & v.bit() != 0
    }

    /// The set of the listed variants (usable in constants).
    pub const fn of(list: &[Variant]) -> Variants {
        let mut bits = 0;
        let mut i = 0;
        while i < list.len() {
            bits |= list[i].bit();
            i += 1;
        }
        Variants(bits)
    }

    /// Whether the two sets share a variant: one AND, so that a step with
    /// several variants tests them all at once.
    #[inline]
    pub const fn intersects(self, other: Variants) -> bool {
        self.0 & other.0 != 0
    }

    /// The set with `v` added.
    pub fn with(self, v: Variant) -> Variants {
        Variants(self.0 | v.bit())
    }

    /// The union of two sets.
    pub fn union(self, other: Variants) -> Variants {
        Variants(self.0 | other.0)
    }

    /// Whether every variant of `self` is in `other`.
    pub fn is_subset(self, other: Variants) -> bool {
        self.0 & !other.0 == 0
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// How many variants.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The variants, in catalogue order.
    pub fn iter(self) -> impl Iterator<Item = Variant> {
        Variant::ALL.iter().copied().filter(move |v| self.has(*v))
    }

    /// The ids joined with `+` (`first-attribute-wins+store-order`), or `base`.
    pub fn label(self) -> String {
        if self.is_empty() {
            return "base".to_string();
        }
        self.iter().map(Variant::id).collect::<Vec<_>>().join("+")
    }
}

impl FromIterator<Variant> for Variants {
    fn from_iter<I: IntoIterator<Item = Variant>>(iter: I) -> Self {
        iter.into_iter().fold(Variants::NONE, Variants::with)
    }
}

impl fmt::Display for Variants {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

impl Profile {
    /// Whether the profile plays `v`.
    #[inline]
    pub fn has(&self, v: Variant) -> bool {
        self.variants.has(v)
    }

    /// This profile with `variants` added: the set is recorded, and the
    /// variants that are another setting of a profile switch set it here,
    /// once, so their step reads one field either way.
    pub fn with_variants(mut self, variants: Variants) -> Profile {
        self.variants = self.variants.union(variants);
        for v in variants.iter() {
            apply_switch(&mut self, v);
        }
        self
    }
}

/// The profile field a switch-like variant sets (the others change nothing here).
fn apply_switch(p: &mut Profile, v: Variant) {
    use Variant::*;
    match v {
        CtlAllowed => p.reject_ctl = false,
        // The line is cut at step 1 instead (`set_cookie::parse_set_cookie`).
        CtlTruncatesLine => p.reject_ctl = false,
        // The check moves into each pair instead (`set_cookie::parse_set_cookie`).
        CtlInPairRejected => p.reject_ctl = false,
        NoEqualsIgnored => p.nameless = false,
        NoEqualsNameless => p.nameless = true,
        NoLifetimeCap => p.max_lifetime = None,
        AttributeLengthUnlimited => p.max_attribute_value = None,
        NameValueLengthUnlimited => p.max_name_value = None,
        NameValueLimit => p.max_name_value = Some(4096),
        EmptyDomainKeepsEarlier => p.empty_domain_is_host_only = false,
        EmptyDomainHostOnly => p.empty_domain_is_host_only = true,
        PublicSuffixCheckOff => p.reject_public_suffixes = false,
        HostOnlyInIdentity => p.host_only_in_key = true,
        HostOnlyNotInIdentity => p.host_only_in_key = false,
        SecureFromInsecureAllowed => p.secure_needs_secure_origin = false,
        SecureFromInsecureRejected => p.secure_needs_secure_origin = true,
        StrictSecureOff => p.strict_secure = false,
        PrefixesEnforced => p.prefixes = true,
        // Matched as written in `prefixes::check_prefixes`.
        PrefixesEnforcedCaseSensitive => p.prefixes = true,
        PathPrefixMatch => p.path_match = PathMatch::Prefix,
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_parse_back() {
        let mut seen = std::collections::HashSet::new();
        for &v in Variant::ALL {
            let id = v.id();
            assert!(seen.insert(id), "duplicate id {id}");
            assert!(
                id.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{id} is not kebab-case"
            );
            assert_eq!(id.parse::<Variant>(), Ok(v));
        }
        assert!(Variant::ALL.len() <= 128, "Variants is a u128");
        assert!("no-such-variant".parse::<Variant>().is_err());
    }

    #[test]
    fn every_entry_cites_a_step_and_applies_somewhere() {
        for &v in Variant::ALL {
            let info = v.info();
            assert!(
                info.cites.starts_with("rfc6265:") || info.cites.starts_with("rfc6265bis:"),
                "{}: cites {}",
                info.id,
                info.cites
            );
            assert!(info.citation.contains('§'), "{}", info.id);
            assert!(!info.bases.is_empty(), "{}", info.id);
            assert!(
                info.permitted.iter().all(|p| info.bases.contains(p)),
                "{}",
                info.id
            );
        }
    }

    #[test]
    fn sets_hold_what_was_added() {
        let set: Variants = [Variant::StoreOrder, Variant::WssNotSecure]
            .into_iter()
            .collect();
        assert!(set.has(Variant::StoreOrder) && set.has(Variant::WssNotSecure));
        assert!(!set.has(Variant::WsIsNonHttp));
        assert_eq!(set.len(), 2);
        assert_eq!(set.label(), "store-order+wss-not-secure");
        assert!(Variants::NONE.with(Variant::StoreOrder).is_subset(set));
        assert_eq!(Variants::NONE.label(), "base");
    }

    #[test]
    fn switch_variants_set_their_profile_field() {
        let p = Profile::rfc6265bis().with_variants(Variants::NONE.with(Variant::NoLifetimeCap));
        assert_eq!(p.max_lifetime, None);
        assert!(p.has(Variant::NoLifetimeCap));
        let p = Profile::rfc6265().with_variants(Variants::NONE.with(Variant::HostOnlyInIdentity));
        assert!(p.host_only_in_key);
    }
}
