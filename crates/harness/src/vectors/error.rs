//! Loading errors: every one names the file, the 1-based line and column,
//! and what was expected.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A position in a vector file: the file as it was named to the loader and
/// the 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    /// The file.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

impl Location {
    /// The location of byte `offset` of `text` (clamped to the text).
    pub fn at_offset(file: &Path, text: &str, offset: usize) -> Location {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..offset].chars().count() + 1;
        Location {
            file: file.to_path_buf(),
            line,
            column,
        }
    }

    /// The start of a span, or of the file when the span is unknown.
    pub fn at_span(file: &Path, text: &str, span: Option<Range<usize>>) -> Location {
        Location::at_offset(file, text, span.map_or(0, |s| s.start))
    }

    /// The beginning of `file`, for errors about the file as a whole.
    pub fn file_start(file: &Path) -> Location {
        Location {
            file: file.to_path_buf(),
            line: 1,
            column: 1,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// Why a vector file (or tree) could not be loaded. Each variant carries the
/// [`Location`] of the offending value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The file or directory could not be read.
    #[error("{at}: cannot read: {message}")]
    Io {
        /// The file or directory.
        at: Location,
        /// The operating system's message.
        message: String,
    },
    /// The file is not valid TOML.
    #[error("{at}: TOML syntax error: {message}")]
    Syntax {
        /// Where the parser stopped.
        at: Location,
        /// The parser's message.
        message: String,
    },
    /// A key that the format does not define.
    #[error("{at}: unknown key `{key}`: expected {expected}")]
    UnknownKey {
        /// The key.
        at: Location,
        /// The key as written.
        key: String,
        /// The keys allowed there.
        expected: String,
    },
    /// A value of the wrong TOML type (a string where a table belongs …).
    #[error("{at}: {message}")]
    WrongType {
        /// The value.
        at: Location,
        /// What was found and what was expected.
        message: String,
    },
    /// A required key is absent.
    #[error("{at}: missing key `{key}` in {table}")]
    MissingKey {
        /// The table that lacks it.
        at: Location,
        /// The key.
        key: &'static str,
        /// What the table is (`[[case]]`, `a set step` …).
        table: &'static str,
    },
    /// A key that is defined by the format but not allowed in this place.
    #[error("{at}: key `{key}` is not allowed {place}")]
    KeyNotAllowed {
        /// The key's value.
        at: Location,
        /// The key.
        key: &'static str,
        /// Where it was found (`on an advance step` …).
        place: String,
    },
    /// The file is not at `<area>/<topic>.toml`, or its area or topic is not kebab-case.
    #[error("{at}: a vector file must be at <area>/<topic>.toml with kebab-case names ([a-z0-9-]+), found `{path}`")]
    BadPath {
        /// The file.
        at: Location,
        /// The path relative to the vector root.
        path: String,
    },
    /// A case name that is not kebab-case (`[a-z0-9-]+`).
    #[error("{at}: bad name `{name}`: expected kebab-case ([a-z0-9-]+)")]
    BadName {
        /// The name's value.
        at: Location,
        /// The name as written.
        name: String,
    },
    /// Two cases with the same id.
    #[error("{at}: duplicate id `{id}` (first defined at {first})")]
    DuplicateId {
        /// The second definition.
        at: Location,
        /// The id.
        id: String,
        /// The first definition.
        first: Location,
    },
    /// A `note` that is empty or spans several lines.
    #[error("{at}: `note` must be one non-empty line")]
    BadNote {
        /// The note's value.
        at: Location,
    },
    /// A list that must not be empty (`cites`, `step`, `lines`, `profiles`).
    #[error("{at}: `{key}` must not be empty")]
    EmptyList {
        /// The list.
        at: Location,
        /// The key.
        key: &'static str,
    },
    /// A citation not of the form `<source>:<section>[/<step>]`.
    #[error("{at}: bad citation `{cite}`: {reason}")]
    BadCite {
        /// The citation's value.
        at: Location,
        /// The citation as written.
        cite: String,
        /// What was expected.
        reason: String,
    },
    /// A profile name that is not `rfc6265`, `rfc6265bis` or `netscape`.
    #[error("{at}: unknown profile `{name}`: expected rfc6265, rfc6265bis or netscape")]
    UnknownProfile {
        /// The name.
        at: Location,
        /// The name as written.
        name: String,
    },
    /// A profile listed twice in `profiles`.
    #[error("{at}: profile `{name}` is listed twice")]
    DuplicateProfile {
        /// The second mention.
        at: Location,
        /// The profile.
        name: String,
    },
    /// A per-profile `expect` or `store` table lacks a profile the case applies to.
    #[error("{at}: the per-profile `{key}` table lacks `{profile}`: it must name exactly the profiles the case applies to ({applicable})")]
    MissingProfileExpectation {
        /// The table.
        at: Location,
        /// `expect` or `store`.
        key: &'static str,
        /// The missing profile.
        profile: String,
        /// The profiles the case applies to.
        applicable: String,
    },
    /// A per-profile `expect` or `store` table names a profile the case does not apply to.
    #[error("{at}: the per-profile `{key}` table names `{profile}`, which the case does not apply to ({applicable})")]
    ExtraProfileExpectation {
        /// The key naming the profile.
        at: Location,
        /// `expect` or `store`.
        key: &'static str,
        /// The extra profile.
        profile: String,
        /// The profiles the case applies to.
        applicable: String,
    },
    /// A step without a kind key, or with several.
    #[error("{at}: a step needs exactly one of `set`, `get`, `advance`, `end-session`, `reload`, `store`; found {found}")]
    StepKind {
        /// The step (or its second kind key).
        at: Location,
        /// The kind keys found (`none` or a list).
        found: String,
    },
    /// A URL that is not an absolute http, https, ws or wss URL with a host.
    #[error("{at}: bad URL `{url}`: {reason}")]
    BadUrl {
        /// The URL's value.
        at: Location,
        /// The URL as written.
        url: String,
        /// The model's reason.
        reason: String,
    },
    /// A `{ hex = … }` part that is not whitespace-separated hex pairs.
    #[error("{at}: bad hex `{hex}`: expected hex pairs such as \"ff 00 7f\"")]
    BadHex {
        /// The hex string.
        at: Location,
        /// The hex string as written.
        hex: String,
    },
    /// A `{ repeat, count }` part whose count is negative or over 1 000 000.
    #[error("{at}: repeat count {count} is out of range: expected 0 to 1000000")]
    BadRepeatCount {
        /// The count.
        at: Location,
        /// The count as written.
        count: i64,
    },
    /// A byte-string part table that is neither `{ hex }` nor `{ repeat, count }`.
    #[error("{at}: bad byte-string part: expected a string, {{ hex = \"..\" }} or {{ repeat = \"..\", count = N }}")]
    BadPart {
        /// The part.
        at: Location,
    },
    /// A date `expect` that is neither `invalid` nor `YYYY-MM-DDTHH:MM:SSZ`.
    #[error("{at}: bad date `{text}`: expected \"invalid\" or a UTC instant YYYY-MM-DDTHH:MM:SSZ")]
    BadDate {
        /// The value.
        at: Location,
        /// The text as written.
        text: String,
    },
    /// A value outside the allowed set (`api`, `site`, `same-site`, `requires`,
    /// a negative `advance`, `end-session = false` …).
    #[error("{at}: bad value {value} for `{key}`: expected {expected}")]
    BadValue {
        /// The value.
        at: Location,
        /// The key.
        key: &'static str,
        /// The value as written.
        value: String,
        /// What is allowed.
        expected: &'static str,
    },
    /// Two keys that exclude each other, or neither of two keys of which one is required.
    #[error("{at}: {message}")]
    Conflict {
        /// The table or the second key.
        at: Location,
        /// Which keys.
        message: &'static str,
    },
}

impl LoadError {
    /// Where the error is.
    pub fn location(&self) -> &Location {
        use LoadError::*;
        match self {
            Io { at, .. }
            | Syntax { at, .. }
            | UnknownKey { at, .. }
            | WrongType { at, .. }
            | MissingKey { at, .. }
            | KeyNotAllowed { at, .. }
            | BadPath { at, .. }
            | BadName { at, .. }
            | DuplicateId { at, .. }
            | BadNote { at }
            | EmptyList { at, .. }
            | BadCite { at, .. }
            | UnknownProfile { at, .. }
            | DuplicateProfile { at, .. }
            | MissingProfileExpectation { at, .. }
            | ExtraProfileExpectation { at, .. }
            | StepKind { at, .. }
            | BadUrl { at, .. }
            | BadHex { at, .. }
            | BadRepeatCount { at, .. }
            | BadPart { at }
            | BadDate { at, .. }
            | BadValue { at, .. }
            | Conflict { at, .. } => at,
        }
    }

    /// Classifies a deserialisation error from the `toml` crate. The crate
    /// has no error kinds, only messages; serde's fixed wording for unknown
    /// fields is the one distinction that matters here.
    pub(crate) fn from_toml(file: &Path, text: &str, err: &toml::de::Error) -> LoadError {
        let at = Location::at_span(file, text, err.span());
        let message = err.message().trim().to_string();
        if let Some(rest) = message.strip_prefix("unknown field `") {
            if let Some((key, tail)) = rest.split_once('`') {
                let expected = tail
                    .trim_start_matches(',')
                    .trim()
                    .trim_start_matches("expected")
                    .trim();
                let expected = match expected {
                    "" => "no other key".to_string(),
                    "there are no fields" => "no key here".to_string(),
                    e => e.to_string(),
                };
                return LoadError::UnknownKey {
                    at,
                    key: key.to_string(),
                    expected,
                };
            }
        }
        LoadError::WrongType { at, message }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_one_based_lines_and_character_columns() {
        let text = "a = 1\nb = \"é\" x\n";
        let at = |o| {
            let l = Location::at_offset(Path::new("f.toml"), text, o);
            (l.line, l.column)
        };
        assert_eq!(at(0), (1, 1));
        assert_eq!(at(6), (2, 1));
        // `x` follows a two-byte character: column counts characters.
        assert_eq!(at(text.find('x').expect("x is there")), (2, 9));
        assert_eq!(at(10_000), (3, 1));
    }
}
