//! Shrinking a scenario that did not come from a strategy (a fuzzer's
//! input): greedy removal of events, lines, attributes and octets while a
//! predicate still holds, the way delta debugging does.

use crate::scenario::{Event, Scenario};

/// The smallest scenario found from `scenario` for which `holds` is still
/// true, trying at most `limit` candidates. `holds(scenario)` must be true.
pub fn reduce(
    scenario: Scenario,
    limit: usize,
    mut holds: impl FnMut(&Scenario) -> bool,
) -> Scenario {
    let mut best = scenario;
    let tries = std::cell::Cell::new(0usize);
    let mut try_it = |candidate: Scenario, best: &mut Scenario| -> bool {
        if tries.get() >= limit {
            return false;
        }
        tries.set(tries.get() + 1);
        if holds(&candidate) {
            *best = candidate;
            true
        } else {
            false
        }
    };
    loop {
        let before = best.clone();
        // Whole events, last first (later events depend on earlier ones).
        let mut i = best.events.len();
        while i > 0 {
            i -= 1;
            if best.events.len() > 1 {
                let mut c = best.clone();
                c.events.remove(i);
                try_it(c, &mut best);
            }
        }
        // Lines, then `;`-separated parts of lines, then single octets.
        for e in 0..best.events.len() {
            let mut l = lines_of(&best, e);
            while l > 0 {
                l -= 1;
                if lines_of(&best, e) > 1 {
                    let c = edit_lines(&best, e, |lines| {
                        lines.remove(l);
                    });
                    try_it(c, &mut best);
                }
            }
            for l in 0..lines_of(&best, e) {
                let mut part = parts_of(&best, e, l);
                while part > 1 {
                    part -= 1;
                    let c = edit_line(&best, e, l, |line| remove_part(line, part));
                    try_it(c, &mut best);
                }
                let mut at = line_len(&best, e, l);
                while at > 0 {
                    at -= 1;
                    let c = edit_line(&best, e, l, |line| {
                        if at < line.len() {
                            line.remove(at);
                        }
                    });
                    try_it(c, &mut best);
                }
            }
        }
        if best == before || tries.get() >= limit {
            return best;
        }
    }
}

fn lines_of(s: &Scenario, e: usize) -> usize {
    match s.events.get(e) {
        Some(Event::Set { lines, .. }) => lines.len(),
        _ => 0,
    }
}

fn parts_of(s: &Scenario, e: usize, l: usize) -> usize {
    match s.events.get(e) {
        Some(Event::Set { lines, .. }) => lines
            .get(l)
            .map_or(0, |line| line.split(|&b| b == b';').count()),
        _ => 0,
    }
}

fn line_len(s: &Scenario, e: usize, l: usize) -> usize {
    match s.events.get(e) {
        Some(Event::Set { lines, .. }) => lines.get(l).map_or(0, Vec::len),
        _ => 0,
    }
}

fn edit_lines(s: &Scenario, e: usize, f: impl FnOnce(&mut Vec<Vec<u8>>)) -> Scenario {
    let mut c = s.clone();
    if let Some(Event::Set { lines, .. }) = c.events.get_mut(e) {
        f(lines);
    }
    c
}

fn edit_line(s: &Scenario, e: usize, l: usize, f: impl FnOnce(&mut Vec<u8>)) -> Scenario {
    edit_lines(s, e, |lines| {
        if let Some(line) = lines.get_mut(l) {
            f(line);
        }
    })
}

/// Removes the `index`-th `;`-separated part (never the first, the pair).
fn remove_part(line: &mut Vec<u8>, index: usize) {
    let parts: Vec<&[u8]> = line.split(|&b| b == b';').collect();
    if index == 0 || index >= parts.len() {
        return;
    }
    let kept: Vec<&[u8]> = parts
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != index)
        .map(|(_, p)| *p)
        .collect();
    *line = kept.join(&b';');
}

#[cfg(test)]
mod tests {
    use super::*;
    use cookiecheck_model::RequestContext;

    fn set(line: &str) -> Event {
        Event::Set {
            url: "http://example.com/".into(),
            lines: vec![line.as_bytes().to_vec(), b"b=2".to_vec()],
            ctx: RequestContext::default(),
            method: "GET".into(),
        }
    }

    #[test]
    fn reduces_to_the_octets_that_matter() {
        let s = Scenario {
            events: vec![set("a=1; Path=/x; Secure"), Event::Store, set("c=3")],
            ..Scenario::default()
        };
        // "Holds" while some line still contains "Sec".
        let holds = |s: &Scenario| {
            s.events.iter().any(|e| match e {
                Event::Set { lines, .. } => lines.iter().any(|l| l.windows(3).any(|w| w == b"Sec")),
                _ => false,
            })
        };
        let small = reduce(s, 10_000, holds);
        assert_eq!(small.events.len(), 1);
        let Event::Set { lines, .. } = &small.events[0] else {
            panic!("a set event remains")
        };
        assert_eq!(lines, &vec![b"Sec".to_vec()]);
    }
}
