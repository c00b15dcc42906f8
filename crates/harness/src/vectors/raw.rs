//! The serde layer: the file's tables as written, every value with its span.
//!
//! Every key is optional here so that the conversion in [`super::convert`]
//! can report a missing key as a typed error with the table's location;
//! serde itself only rejects unknown keys (`deny_unknown_fields`) and values
//! of the wrong TOML type.

use super::raw_bytes::{RawBytes, RawPerProfile};
use serde::Deserialize;
use toml::Spanned;

/// A spanned list of spanned strings (`cites`, `profiles`, `requires`).
pub(crate) type SpannedList<T> = Spanned<Vec<Spanned<T>>>;

/// A whole vector file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFile {
    #[serde(default)]
    pub case: Vec<Spanned<RawCase>>,
    #[serde(default)]
    pub date: Vec<Spanned<RawDate>>,
    #[serde(default)]
    pub txt: Vec<Spanned<RawTxt>>,
}

/// The keys every kind of case has.
pub(crate) struct RawHeader<'a> {
    pub name: &'a Option<Spanned<String>>,
    pub note: &'a Option<Spanned<String>>,
    pub cites: &'a Option<SpannedList<String>>,
}

/// A `[[case]]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCase {
    pub name: Option<Spanned<String>>,
    pub note: Option<Spanned<String>>,
    pub cites: Option<SpannedList<String>>,
    pub profiles: Option<SpannedList<String>>,
    pub requires: Option<SpannedList<String>>,
    pub start: Option<Spanned<i64>>,
    pub step: Option<SpannedList<RawStep>>,
}

/// A `[[case.step]]` table: the union of every kind's keys.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawStep {
    pub set: Option<Spanned<String>>,
    pub get: Option<Spanned<String>>,
    pub advance: Option<Spanned<i64>>,
    pub end_session: Option<Spanned<bool>>,
    pub reload: Option<Spanned<bool>>,
    pub store: Option<Spanned<RawPerProfile<Vec<Spanned<RawCookie>>>>>,
    pub lines: Option<SpannedList<RawBytes>>,
    pub expect: Option<Spanned<RawPerProfile<RawBytes>>>,
    pub api: Option<Spanned<String>>,
    pub site: Option<Spanned<String>>,
    pub top_level: Option<Spanned<bool>>,
    pub method: Option<Spanned<String>>,
}

/// One expected cookie (in `store`, or in a txt case's `cookies`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawCookie {
    pub name: Option<Spanned<RawBytes>>,
    pub value: Option<Spanned<RawBytes>>,
    pub domain: Option<Spanned<String>>,
    pub path: Option<Spanned<String>>,
    pub host_only: Option<Spanned<bool>>,
    pub secure: Option<Spanned<bool>>,
    pub http_only: Option<Spanned<bool>>,
    pub same_site: Option<Spanned<String>>,
    pub persistent: Option<Spanned<bool>>,
    pub expires: Option<Spanned<i64>>,
}

/// A `[[date]]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDate {
    pub name: Option<Spanned<String>>,
    pub note: Option<Spanned<String>>,
    pub cites: Option<SpannedList<String>>,
    pub input: Option<Spanned<RawBytes>>,
    pub expect: Option<Spanned<String>>,
}

/// A `[[txt]]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawTxt {
    pub name: Option<Spanned<String>>,
    pub note: Option<Spanned<String>>,
    pub cites: Option<SpannedList<String>>,
    pub input: Option<Spanned<RawBytes>>,
    pub now: Option<Spanned<i64>>,
    pub cookies: Option<SpannedList<RawCookie>>,
    pub error_line: Option<Spanned<i64>>,
    pub output: Option<Spanned<String>>,
}

impl RawCase {
    pub(crate) fn header(&self) -> RawHeader<'_> {
        RawHeader {
            name: &self.name,
            note: &self.note,
            cites: &self.cites,
        }
    }
}

impl RawDate {
    pub(crate) fn header(&self) -> RawHeader<'_> {
        RawHeader {
            name: &self.name,
            note: &self.note,
            cites: &self.cites,
        }
    }
}

impl RawTxt {
    pub(crate) fn header(&self) -> RawHeader<'_> {
        RawHeader {
            name: &self.name,
            note: &self.note,
            cites: &self.cites,
        }
    }
}
