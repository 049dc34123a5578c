//! What a check saw, instance by instance: counts, undecided comparisons, the tightest
//! non-degenerate instance, the best starting points for the targeted search, and whether every
//! comparison was between exact rationals.

use super::decide::Decided;
use super::instance::Instance;
use super::search::{offer, scores, Starts};
use super::slack::relative_slack;
use super::theorem::Theorem;
use super::verdict::{RigorLabel, Slack, Witness};
use crate::reference::Decision;
use crate::spec::Spec;

/// Starting points kept for the targeted search.
const SEARCH_STARTS: usize = 8;

#[derive(Default)]
pub struct Tally {
    pub tried: u64,
    pub met: u64,
    pub undecided: u64,
    pub first_undecided: Option<Instance>,
    /// Instances with no comparable value, and the first with its reason.
    pub unevaluable: u64,
    pub first_unevaluable: Option<(Instance, String)>,
    pub slack: Slack,
    /// The instances with the smallest score under each search objective, ascending.
    pub starts: Starts,
    /// Whether some compared instance had a side that is not an exact rational.
    pub inexact: bool,
    /// Evaluations spent by the targeted search.
    pub searched: u64,
}

impl Tally {
    pub fn record(&mut self, theorem: &dyn Theorem, spec: &Spec, instance: &Instance, decided: &Decided) {
        self.tried += 1;
        if let Decided::Unevaluable(reason) = decided {
            self.unevaluable += 1;
            self.first_unevaluable.get_or_insert_with(|| (instance.clone(), reason.clone()));
            return;
        }
        let Decided::Compared { comparison, decision, precision } = decided else { return };
        self.met += 1;
        if comparison.lhs.as_exact().is_none() || comparison.rhs.as_exact().is_none() {
            self.inexact = true;
        }
        for (best, score) in self.starts.iter_mut().zip(scores(comparison, &spec.range)) {
            if let Some(score) = score {
                offer(best, &score, instance, SEARCH_STARTS);
            }
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

    /// What was actually done to compare the sides (`statistical`: what the theorem says its
    /// evaluation is, never what the spec declares).
    pub fn rigor(&self, statistical: bool) -> RigorLabel {
        if self.met == 0 {
            RigorLabel::NotEvaluated
        } else if statistical {
            RigorLabel::Statistical
        } else if self.inexact {
            RigorLabel::Certified
        } else {
            RigorLabel::Exact
        }
    }
}
