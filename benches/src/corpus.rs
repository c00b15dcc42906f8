//! The Set-Cookie corpus of the parse benchmarks.
//!
//! Three families are read from `data/set-cookie.txt` (hand-written lines in
//! the shapes common server stacks emit; the file's header says where they
//! come from). The `long-value` family is generated here, deterministically:
//! values of 256, 1024 and 4000 octets drawn from the base64url alphabet by
//! a fixed linear congruential generator, the sizes of signed session blobs
//! and JWTs that real sites send (4000 stays under the 4096-octet
//! name-and-value limit of RFC 6265bis §5.6 step 5, so every parser keeps it).

/// The checked-in part of the corpus.
const DATA: &str = include_str!("../data/set-cookie.txt");

/// One family of Set-Cookie field values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Family {
    /// The family name (`session`, `long-value`, `many-attributes`, `bad-dates`).
    pub name: String,
    /// The field values, each valid UTF-8 without control characters.
    pub lines: Vec<String>,
}

impl Family {
    /// The total size of the lines in octets (criterion's `Throughput::Bytes`).
    pub fn bytes(&self) -> u64 {
        self.lines.iter().map(|l| l.len() as u64).sum()
    }
}

/// Every family: the checked-in ones and `long-value`.
///
/// # Panics
///
/// When the compiled-in data file is malformed; the unit tests load it, so a
/// malformed file fails `cargo test` before it can reach a benchmark.
pub fn families() -> Vec<Family> {
    let mut all = match parse(DATA) {
        Ok(f) => f,
        Err(e) => panic!("benches/data/set-cookie.txt: {e}"),
    };
    all.insert(1, long_values());
    all
}

/// Reads the `[family]` / one-line-per-value format of `data/set-cookie.txt`.
pub fn parse(text: &str) -> Result<Vec<Family>, String> {
    let mut families: Vec<Family> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let n = n + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            if families.iter().any(|f| f.name == name) {
                return Err(format!("line {n}: family `{name}` appears twice"));
            }
            families.push(Family {
                name: name.to_string(),
                lines: Vec::new(),
            });
            continue;
        }
        if line.chars().any(|c| c.is_control()) {
            return Err(format!("line {n}: control character"));
        }
        match families.last_mut() {
            Some(f) => f.lines.push(line.to_string()),
            None => return Err(format!("line {n}: a value before the first [family]")),
        }
    }
    if let Some(empty) = families.iter().find(|f| f.lines.is_empty()) {
        return Err(format!("family `{}` has no line", empty.name));
    }
    Ok(families)
}

/// The generated `long-value` family.
pub fn long_values() -> Family {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    // Knuth's MMIX LCG constants; the seed is arbitrary and fixed.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        // The high bits of an LCG are the well-mixed ones.
        ALPHABET[(state >> 58) as usize] as char
    };
    let mut value = |len: usize| (0..len).map(|_| next()).collect::<String>();
    let lines = vec![
        format!("session={}; Path=/; Secure; HttpOnly", value(256)),
        format!(
            "jwt={}; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Lax",
            value(1024)
        ),
        format!("blob={}; Path=/", value(4000)),
    ];
    Family {
        name: "long-value".to_string(),
        lines,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checked_in_families_load_in_file_order() {
        let names: Vec<String> = families().into_iter().map(|f| f.name).collect();
        assert_eq!(
            names,
            ["session", "long-value", "many-attributes", "bad-dates"]
        );
    }

    #[test]
    fn long_values_have_the_documented_sizes_and_alphabet() {
        let f = long_values();
        let values: Vec<&str> = f
            .lines
            .iter()
            .map(|l| {
                let pair = l.split(';').next().unwrap_or("");
                pair.split_once('=').map_or("", |(_, v)| v)
            })
            .collect();
        assert_eq!(
            values.iter().map(|v| v.len()).collect::<Vec<_>>(),
            [256, 1024, 4000]
        );
        assert!(values.iter().all(|v| v
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')));
        // Deterministic: a second call gives the same lines.
        assert_eq!(long_values(), f);
    }

    #[test]
    fn malformed_corpus_files_are_errors() {
        assert!(parse("a=1\n").unwrap_err().contains("before the first"));
        assert!(parse("[x]\n").unwrap_err().contains("no line"));
        assert!(parse("[x]\na=1\n[x]\nb=2\n").unwrap_err().contains("twice"));
        assert!(parse("[x]\na=\u{7}1\n").unwrap_err().contains("control"));
    }
}
