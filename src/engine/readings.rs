//! Vague claims checked under readings: a headline spec lists `readings = [ids]`, each reading is
//! its own claim, and the headline's verdict is derived from theirs (refuted under every reading
//! → refuted; holds under every reading → holds; otherwise conditional, listing which).

use super::verdict::{CheckReport, Verdict};
use crate::spec::Spec;

/// Replaces the verdict of every headline claim that lists readings by the one derived from
/// its readings' verdicts (a reading that failed to run counts as `error`, so the headline is at best conditional). `check_of`
/// reaches the check report inside a result.
pub fn settle_readings<T, E>(results: &mut [Result<T, E>], chosen: &[Spec], check_of: fn(&mut T) -> &mut CheckReport) {
    let verdicts: Vec<(String, &'static str)> = results
        .iter_mut()
        .filter_map(|r| r.as_mut().ok())
        .map(|r| {
            let c = check_of(r);
            (c.id.clone(), c.verdict.label())
        })
        .collect();
    for (spec, result) in chosen.iter().zip(results.iter_mut()) {
        let Ok(report) = result else { continue };
        if spec.readings.is_empty() {
            continue;
        }
        let readings =
            spec.readings.iter().map(|id| (id.clone(), verdicts.iter().find(|(r, _)| r == id).map_or("error", |(_, v)| *v))).collect();
        check_of(report).verdict = Verdict::from_readings(readings);
    }
}
