//! Hand-written deserialisers for the two value shapes serde's derive cannot
//! express with spans kept: *bytes* (a string or an array of parts) and a
//! value that is either the same for all profiles or a table keyed by profile.
//!
//! `#[serde(untagged)]` would buffer the value and lose the spans, so these
//! visitors dispatch on the TOML type themselves; nested values are still
//! deserialised by the `toml` crate, which keeps their spans.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;
use toml::Spanned;

/// *Bytes* as written (README "Byte strings").
#[derive(Debug)]
pub(crate) enum RawBytes {
    /// A TOML string: its UTF-8 encoding.
    Text(String),
    /// An array of parts, concatenated in order.
    Parts(Vec<Spanned<RawPart>>),
}

/// One part of a byte-string array.
#[derive(Debug)]
pub(crate) enum RawPart {
    /// A TOML string.
    Text(String),
    /// `{ hex = "…" }`.
    Hex(Spanned<String>),
    /// `{ repeat = "…", count = N }`.
    Repeat {
        text: Spanned<String>,
        count: Spanned<i64>,
    },
    /// A table with some other combination of `hex`, `repeat` and `count`.
    Malformed,
}

/// A value for all profiles, or a table of values keyed by profile name.
#[derive(Debug)]
pub(crate) enum RawPerProfile<T> {
    /// The same value for every profile.
    Same(T),
    /// `{ <profile> = <value>, … }`, keys in file order.
    PerProfile(Vec<(Spanned<String>, Spanned<T>)>),
}

struct BytesVisitor;

impl<'de> Visitor<'de> for BytesVisitor {
    type Value = RawBytes;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("bytes: a string or an array of parts")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<RawBytes, E> {
        Ok(RawBytes::Text(s.to_string()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawBytes, A::Error> {
        let mut parts = Vec::new();
        while let Some(part) = seq.next_element()? {
            parts.push(part);
        }
        Ok(RawBytes::Parts(parts))
    }
}

impl<'de> Deserialize<'de> for RawBytes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(BytesVisitor)
    }
}

struct PartVisitor;

const PART_KEYS: &[&str] = &["hex", "repeat", "count"];

impl<'de> Visitor<'de> for PartVisitor {
    type Value = RawPart;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "a byte-string part: a string, { hex = \"..\" } or { repeat = \"..\", count = N }",
        )
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<RawPart, E> {
        Ok(RawPart::Text(s.to_string()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawPart, A::Error> {
        let (mut hex, mut repeat, mut count) = (None, None, None);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "hex" => hex = Some(map.next_value::<Spanned<String>>()?),
                "repeat" => repeat = Some(map.next_value::<Spanned<String>>()?),
                "count" => count = Some(map.next_value::<Spanned<i64>>()?),
                other => return Err(de::Error::unknown_field(other, PART_KEYS)),
            }
        }
        Ok(match (hex, repeat, count) {
            (Some(hex), None, None) => RawPart::Hex(hex),
            (None, Some(text), Some(count)) => RawPart::Repeat { text, count },
            _ => RawPart::Malformed,
        })
    }
}

impl<'de> Deserialize<'de> for RawPart {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(PartVisitor)
    }
}

struct PerProfileVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for PerProfileVisitor<T> {
    type Value = RawPerProfile<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value for every profile, or a table keyed by profile")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
        T::deserialize(de::value::StrDeserializer::<E>::new(s)).map(RawPerProfile::Same)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(RawPerProfile::Same)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            entries.push((key, map.next_value::<Spanned<T>>()?));
        }
        Ok(RawPerProfile::PerProfile(entries))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for RawPerProfile<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(PerProfileVisitor(PhantomData))
    }
}
