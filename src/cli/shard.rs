//! `check --shard K/N`: a deterministic partition of the selected claims across N runners.
//!
//! The unit is a claim together with its readings (a headline's verdict is derived from its
//! readings', so they must run in one shard). Units are assigned greedily, costliest first, to
//! the shard with the least cost so far (ties to the lower shard), so shards are balanced; the
//! cost is the spec's declared budget (`cases + search_cases`), not a timing, so the partition
//! is the same on every machine. Every claim runs exactly as it would unsharded (its random
//! stream is derived from the suite seed and its id alone), so each shard's verdicts equal the
//! unsharded run's, and `theoremcheck merge` puts the shards' `--json` lines back together.
//! A statistical claim's false-alarm budget is a fixed share per claim, independent of which
//! other claims run, so the suite-wide bound is the same sum whether or not it is sharded.

use std::collections::BTreeMap;
use theoremcheck::spec::Spec;

/// One shard of `count`, numbered from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

/// The most shards a run may be split into.
const MAX_SHARDS: usize = 1000;

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let (k, n) = text.split_once('/').ok_or_else(|| format!("'{text}' is not K/N (for example 2/4)"))?;
        let parse = |s: &str| s.trim().parse::<usize>().map_err(|_| format!("'{text}' is not K/N with whole numbers"));
        let (index, count) = (parse(k)?, parse(n)?);
        if !(1..=MAX_SHARDS).contains(&count) || !(1..=count).contains(&index) {
            return Err(format!("'{text}': need 1 ≤ K ≤ N ≤ {MAX_SHARDS}"));
        }
        Ok(Shard { index, count })
    }
}

/// The claims of `chosen` (sorted by id) that belong to `shard`, still sorted by id.
pub fn select(chosen: Vec<Spec>, shard: Shard) -> Vec<Spec> {
    // Each claim's unit: its headline's id if it is a reading of a chosen claim, else its own.
    let mut unit_of: BTreeMap<String, String> = chosen.iter().map(|s| (s.id.clone(), s.id.clone())).collect();
    for spec in &chosen {
        for reading in &spec.readings {
            if let Some(unit) = unit_of.get_mut(reading) {
                *unit = spec.id.clone();
            }
        }
    }
    let mut cost: BTreeMap<&str, u64> = BTreeMap::new();
    for spec in &chosen {
        *cost.entry(unit_of[&spec.id].as_str()).or_default() += u64::from(spec.cases) + u64::from(spec.search_cases) + 1;
    }
    let mut units: Vec<(&str, u64)> = cost.into_iter().collect();
    units.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut load = vec![0u64; shard.count];
    let mut shard_of: BTreeMap<String, usize> = BTreeMap::new();
    for (unit, c) in units {
        let lightest = (0..shard.count).min_by_key(|&i| (load[i], i)).unwrap_or(0);
        load[lightest] += c;
        shard_of.insert(unit.to_string(), lightest + 1);
    }
    chosen.into_iter().filter(|s| shard_of.get(&unit_of[&s.id]) == Some(&shard.index)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_the_catalogue_and_keep_readings_with_their_claim() {
        let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/spec"));
        let all = theoremcheck::spec::load_dir(root).unwrap();
        for count in [1, 2, 3, 7] {
            let shards: Vec<Vec<Spec>> = (1..=count).map(|index| select(all.clone(), Shard { index, count })).collect();
            let mut ids: Vec<&str> = shards.iter().flatten().map(|s| s.id.as_str()).collect();
            ids.sort_unstable();
            assert_eq!(ids, all.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), "every claim in exactly one of {count} shards");
            for shard in &shards {
                for spec in shard {
                    assert!(spec.readings.iter().all(|r| shard.iter().any(|s| &s.id == r)), "{}'s readings are in its shard", spec.id);
                }
            }
        }
        assert!("0/2".parse::<Shard>().is_err() && "3/2".parse::<Shard>().is_err() && "x".parse::<Shard>().is_err());
    }
}
