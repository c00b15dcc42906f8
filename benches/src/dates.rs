//! Cookie-date strings for the date benchmarks, by family, each drawn from a
//! golden vector under `vectors/dates/` (the id is beside each string, so the
//! expected reading is documented there).

/// A family of date strings.
#[derive(Debug, Clone, Copy)]
pub struct DateFamily {
    /// The family name.
    pub name: &'static str,
    /// The strings, as `(vector id, input)`.
    pub dates: &'static [(&'static str, &'static str)],
    /// Whether the inputs are RFC 2822 dates that `time`'s `Rfc2822` parser
    /// is expected to read; only then is it benchmarked on them (timing a
    /// parser's error path against a successful parse says nothing).
    pub rfc2822: bool,
}

impl DateFamily {
    /// The total size of the strings in octets.
    pub fn bytes(&self) -> u64 {
        self.dates.iter().map(|(_, d)| d.len() as u64).sum()
    }
}

/// IMF-fixdate (RFC 1123 form), what nearly every server sends, and its
/// weekday-less RFC 2822 variant.
pub const IMF_FIXDATE: DateFamily = DateFamily {
    name: "imf-fixdate",
    dates: &[
        ("dates/formats/rfc1123", "Wed, 21 Oct 2015 07:28:00 GMT"),
        (
            "dates/formats/rfc1123-classic-example",
            "Sun, 06 Nov 1994 08:49:37 GMT",
        ),
        ("dates/bounds/year-9999", "Fri, 31 Dec 9999 23:59:59 GMT"),
        ("dates/formats/no-weekday", "21 Oct 2015 07:28:00 GMT"),
    ],
    rfc2822: true,
};

/// The two obsolete HTTP-date forms (RFC 850 and asctime) and the Netscape one.
pub const OBSOLETE: DateFamily = DateFamily {
    name: "obsolete-forms",
    dates: &[
        ("dates/formats/rfc850", "Wednesday, 21-Oct-15 07:28:00 GMT"),
        ("dates/formats/asctime", "Wed Oct 21 07:28:00 2015"),
        (
            "dates/formats/asctime-space-padded-day",
            "Sun Nov  6 08:49:37 1994",
        ),
        (
            "dates/formats/netscape-dashes-four-digit-year",
            "Wed, 21-Oct-2015 07:28:00 GMT",
        ),
    ],
    rfc2822: false,
};

/// Dates the algorithm rejects: out-of-range fields, other formats, junk.
pub const INVALID: DateFamily = DateFamily {
    name: "invalid",
    dates: &[
        ("dates/bounds/hour-24-invalid", "21 Oct 2015 24:00:00"),
        (
            "dates/bounds/february-29-2015-invalid",
            "29 Feb 2015 00:00:00",
        ),
        ("dates/formats/iso-8601-invalid", "2015-10-21T07:28:00Z"),
        ("dates/formats/unix-timestamp-invalid", "1445412480"),
        (
            "dates/formats/missing-year-invalid",
            "Wed, 21 Oct 07:28:00 GMT",
        ),
    ],
    rfc2822: false,
};

/// Every family, in report order.
pub const FAMILIES: [DateFamily; 3] = [IMF_FIXDATE, OBSOLETE, INVALID];

/// `x=y; Expires=<date>`: how a date reaches a Set-Cookie parser.
pub fn expires_line(date: &str) -> String {
    format!("x=y; Expires={date}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use cookiecheck::vectors::{bundled_vectors_dir, load_tree};

    #[test]
    fn every_date_is_its_vectors_input_and_families_are_valid_or_invalid_as_named() {
        let tree = load_tree(&bundled_vectors_dir());
        assert!(tree.errors.is_empty(), "{:?}", tree.errors);
        let cases: Vec<_> = tree.files.iter().flat_map(|f| &f.dates).collect();
        for family in FAMILIES {
            for (id, input) in family.dates {
                let case = cases
                    .iter()
                    .find(|c| c.id == *id)
                    .unwrap_or_else(|| panic!("no date vector {id}"));
                assert_eq!(case.input, input.as_bytes(), "{id}");
                // The invalid family holds only invalid dates, the others only valid ones.
                assert_eq!(case.expect.is_none(), family.name == "invalid", "{id}");
            }
        }
    }

    #[test]
    fn time_reads_the_families_marked_rfc2822() {
        use time::format_description::well_known::Rfc2822;
        for family in FAMILIES.iter().filter(|f| f.rfc2822) {
            for (id, input) in family.dates {
                let parsed = time::OffsetDateTime::parse(input, &Rfc2822);
                assert!(parsed.is_ok(), "{id}: {parsed:?}");
            }
        }
    }
}
