//! Byte scans over whole field values, written so that the compiler can
//! vectorise them: each fixed-size chunk is tested without an early exit
//! (a `fold` of `|`), and only a chunk that holds a match is searched byte
//! by byte. Performance only: every function gives exactly what the plain
//! `iter().position` / `iter().any` it replaces gives (the tests compare
//! them on every position of a match and every length around a chunk).

/// Bytes tested per chunk (two 16-byte vectors).
const CHUNK: usize = 32;

/// The index of the first `needle` in `haystack`.
pub(crate) fn find_byte(haystack: &[u8], needle: u8) -> Option<usize> {
    let mut chunks = haystack.chunks_exact(CHUNK);
    let mut offset = 0;
    for chunk in &mut chunks {
        if chunk.iter().fold(false, |hit, &b| hit | (b == needle)) {
            return chunk.iter().position(|&b| b == needle).map(|i| offset + i);
        }
        offset += CHUNK;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| b == needle)
        .map(|i| offset + i)
}

/// Whether any byte of `haystack` satisfies `test` (which must be cheap and
/// branch-free to vectorise, like a range check).
pub(crate) fn any_byte(haystack: &[u8], test: impl Fn(u8) -> bool) -> bool {
    let mut chunks = haystack.chunks_exact(CHUNK);
    chunks.any(|chunk| chunk.iter().fold(false, |hit, &b| hit | test(b)))
        || chunks.remainder().iter().any(|&b| test(b))
}

/// Splits at every `sep`, like `<[u8]>::split(|&b| b == sep)`.
pub(crate) fn split_byte(haystack: &[u8], sep: u8) -> impl Iterator<Item = &[u8]> {
    let mut rest = Some(haystack);
    std::iter::from_fn(move || {
        let current = rest?;
        match find_byte(current, sep) {
            Some(i) => {
                rest = Some(&current[i + 1..]);
                Some(&current[..i])
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Inputs around the chunk size, with a mark at every position (and none).
    fn cases() -> Vec<(Vec<u8>, Option<usize>)> {
        let mut all = Vec::new();
        for len in [0, 1, 2, 31, 32, 33, 63, 64, 65, 100] {
            all.push((vec![b'a'; len], None));
            for at in 0..len {
                let mut v = vec![b'a'; len];
                v[at] = b';';
                all.push((v, Some(at)));
            }
        }
        all
    }

    #[test]
    fn find_byte_is_position() {
        for (v, at) in cases() {
            assert_eq!(find_byte(&v, b';'), at, "{v:?}");
            assert_eq!(find_byte(&v, b';'), v.iter().position(|&b| b == b';'));
        }
    }

    #[test]
    fn any_byte_is_any() {
        for (v, at) in cases() {
            assert_eq!(any_byte(&v, |b| b == b';'), at.is_some(), "{v:?}");
        }
    }

    #[test]
    fn split_byte_is_split() {
        let mut inputs: Vec<Vec<u8>> = cases().into_iter().map(|(v, _)| v).collect();
        inputs.push(b";;a;;".to_vec());
        inputs.push(vec![b';'; 70]);
        for v in inputs {
            let got: Vec<&[u8]> = split_byte(&v, b';').collect();
            let want: Vec<&[u8]> = v.split(|&b| b == b';').collect();
            assert_eq!(got, want, "{v:?}");
        }
    }
}
