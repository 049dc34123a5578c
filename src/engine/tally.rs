//! What a check saw, instance by instance: counts, undecided comparisons, the tightest
//! non-degenerate instance, the best starting points for the targeted search, and whether every
//! comparison was between exact rationals.

use super::decide::Decided;
use super::instance::Instance;
use super::slack::{relative_slack, search_objective};
use super::theorem::Theorem;
use super::verdict::{RigorLabel, Slack, Witness};
use crate::reference::Decision;
use crate::spec::{Rigor, Spec};
use rug::Float;

/// Starting points kept for the targeted search.
const SEARCH_STARTS: usize = 8;

#[derive(Default)]
pub struct Tally {
    pub tried: u64,
    pub met: u64,
    pub undecided: u64,
    pub first_undecided: Option<Instance>,
    pub slack: Slack,
    /// The instances with the smallest search objective, ascending.
    pub starts: Vec<(Float, Instance)>,
    /// Whether some compared instance had a side that is not an exact rational.
    pub inexact: bool,
    /// Evaluations spent by the targeted search.
    pub searched: u64,
}

impl Tally {
    pub fn record(&mut self, theorem: &dyn Theorem, spec: &Spec, instance: &Instance, decided: &Decided) {
        self.tried += 1;
        let Decided::Compared { comparison, decision, precision } = decided else { return };
        self.met += 1;
        if comparison.lhs.as_exact().is_none() || comparison.rhs.as_exact().is_none() {
            self.inexact = true;
        }
        if let Some(objective) = search_objective(comparison, &spec.range) {
            self.offer_start(objective, instance);
        }
        match decision {
            Decision::Undecided => {
                self.undecided += 1;
                self.first_undecided.get_or_insert_with(|| instance.clone());
            }
            Decision::True => match relative_slack(comparison, &spec.range) {
                Some(slack) => {
                    if self.slack.tightest.as_ref().is_none_or(|(best, _)| slack < *best) {
                        let witness = Witness {
                            instance: instance.clone(),
                            derived: theorem.describe(instance),
                            comparison: comparison.clone(),
                            precision: *precision,
                        };
                        self.slack.tightest = Some((slack, witness));
                    }
                }
                _ => self.slack.degenerate += 1,
            },
            Decision::False => {}
        }
    }

    fn offer_start(&mut self, objective: Float, instance: &Instance) {
        if self.starts.iter().any(|(_, i)| i == instance) {
            return;
        }
        let at = self.starts.partition_point(|(s, _)| *s <= objective);
        if at < SEARCH_STARTS {
            self.starts.insert(at, (objective, instance.clone()));
            self.starts.truncate(SEARCH_STARTS);
        }
    }

    /// What was actually done to compare the sides.
    pub fn rigor(&self, spec: &Spec) -> RigorLabel {
        if self.met == 0 {
            RigorLabel::NotEvaluated
        } else if spec.rigor == Rigor::Statistical {
            RigorLabel::Statistical
        } else if self.inexact {
            RigorLabel::Certified
        } else {
            RigorLabel::Exact
        }
    }
}
