//! The count-vector aggregation engine against brute force: for small K every evidence
//! *sequence* is enumerated, the aggregated posterior computed directly from the definition
//! (product over items, normalised), and accuracy / ECE / TV accumulated per sequence. The
//! engine's count-vector sums must agree exactly (w = 1) or enclose the exact value (w < 1,
//! where the argmax is invariant under the monotone map t ↦ t^w). Also: duplicated evidence,
//! typed errors for bad tables, and the K-in-the-thousands path's speed.

use rug::ops::Pow;
use rug::Rational;
use std::collections::BTreeMap;
use std::time::Instant;
use theoremcheck::reference::ece::bin_of;
use theoremcheck::reference::Enclosure;
use theoremcheck::theorems::calibration::aggregation::{population, AggregationError, Aggregator, Model, Root, Setup};

fn q(n: i64, d: i64) -> Rational {
    Rational::from((n, d))
}

struct Brute {
    accuracy: Rational,
    ece: Rational,
    tv: Rational,
}

/// Direct enumeration of all `symbols^draws` sequences; each draw seen `copies` times.
fn brute(model: &Model, root: &[Rational], factors: &[Vec<Rational>], draws: u32, copies: u32, bins: u32) -> Brute {
    let (classes, symbols) = (model.classes(), model.symbols());
    let mut accuracy = Rational::new();
    let mut bin_gap: BTreeMap<u32, Rational> = BTreeMap::new();
    let mut tv = Rational::new();
    for index in 0..(symbols as u64).pow(draws) {
        let mut seq = Vec::new();
        let mut rest = index;
        for _ in 0..draws {
            seq.push((rest % symbols as u64) as usize);
            rest /= symbols as u64;
        }
        let joint: Vec<Rational> =
            (0..classes).map(|y| seq.iter().fold(model.prior()[y].clone(), |p, x| p * &model.likelihood()[y][*x])).collect();
        let score: Vec<Rational> =
            (0..classes).map(|y| seq.iter().fold(root[y].clone(), |s, x| s * factors[*x][y].clone().pow(copies))).collect();
        let total: Rational = score.iter().sum();
        let mass: Rational = joint.iter().sum();
        let mut top = 0;
        for y in 1..classes {
            if score[y] > score[top] {
                top = y;
            }
        }
        let conf = Rational::from(&score[top] / &total);
        accuracy += &joint[top];
        *bin_gap.entry(bin_of(&conf, bins)).or_default() += &joint[top] - Rational::from(&mass * &conf);
        for y in 0..classes {
            tv += (Rational::from(&mass * &score[y]) / &total - &joint[y]).abs() / 2;
        }
    }
    Brute { accuracy, ece: bin_gap.into_values().map(Rational::abs).sum(), tv }
}

fn models() -> Vec<Model> {
    vec![
        Model::new(vec![q(1, 2), q(1, 2)], vec![vec![q(3, 4), q(1, 4)], vec![q(1, 4), q(3, 4)]]).unwrap(),
        Model::new(vec![q(2, 3), q(1, 3)], vec![vec![q(3, 5), q(1, 5), q(1, 5)], vec![q(1, 6), q(1, 2), q(1, 3)]]).unwrap(),
        Model::new(vec![q(1, 2), q(1, 4), q(1, 4)], vec![vec![q(1, 2), q(1, 2)], vec![q(1, 5), q(4, 5)], vec![q(2, 3), q(1, 3)]]).unwrap(),
    ]
}

#[test]
fn exact_path_equals_brute_force_for_lpf_spn_and_bayes() {
    for model in models() {
        let classes = model.classes();
        for (draws, copies) in [(1, 1), (3, 1), (5, 1), (2, 3), (4, 2)] {
            let spn = Aggregator::lpf_spn(model.posterior_factors(), vec![q(1, 1); model.symbols()]).unwrap();
            let p = population(&Setup { model: &model, aggregator: &spn, draws, copies }, 10, 64).unwrap();
            let b = brute(&model, &vec![q(1, 1); classes], &model.posterior_factors(), draws, copies, 10);
            assert!(p.exact);
            assert_eq!(p.accuracy, Enclosure::exact(b.accuracy.clone()), "K={draws} d={copies}");
            assert_eq!(p.ece, Enclosure::exact(b.ece.clone()), "K={draws} d={copies}");
            assert_eq!(p.expected_tv, Enclosure::exact(b.tv.clone()), "K={draws} d={copies}");
            let factors: Vec<Vec<Rational>> =
                (0..model.symbols()).map(|x| (0..classes).map(|y| model.likelihood()[y][x].clone()).collect()).collect();
            let bayes = Aggregator::bayes(&model).unwrap();
            let pb = population(&Setup { model: &model, aggregator: &bayes, draws, copies: 1 }, 10, 64).unwrap();
            let bb = brute(&model, model.prior(), &factors, draws, 1, 10);
            assert_eq!(pb.accuracy, Enclosure::exact(bb.accuracy));
            assert_eq!(pb.ece, Enclosure::zero());
            assert_eq!(bb.ece, 0);
        }
    }
}

#[test]
fn tempered_path_encloses_the_exact_accuracy() {
    // For equal weights w, argmax Π Φ^w = argmax Π Φ, so the accuracy equals the w = 1 accuracy.
    for model in models() {
        let classes = model.classes();
        for w in [q(1, 2), q(1, 3), q(7, 8)] {
            let spn = Aggregator::lpf_spn(model.posterior_factors(), vec![w.clone(); model.symbols()]).unwrap();
            let p = population(&Setup { model: &model, aggregator: &spn, draws: 5, copies: 1 }, 10, 64).unwrap();
            assert!(!p.exact);
            let b = brute(&model, &vec![q(1, 1); classes], &model.posterior_factors(), 5, 1, 10);
            assert!(p.accuracy.contains(&b.accuracy), "w = {w}: {} vs {}", p.accuracy, b.accuracy);
        }
    }
}

#[test]
fn prior_corrected_root_recovers_bayes_for_any_prior() {
    for model in models() {
        for draws in [1u32, 4, 7] {
            let root = Root::PriorPower { prior: model.prior().to_vec(), exponent: 1 - i64::from(draws) };
            let agg = Aggregator::new(root, model.posterior_factors(), vec![q(1, 1); model.symbols()]).unwrap();
            let p = population(&Setup { model: &model, aggregator: &agg, draws, copies: 1 }, 10, 64).unwrap();
            assert_eq!(p.expected_tv, Enclosure::zero());
            assert_eq!(p.ece, Enclosure::zero());
        }
    }
}

#[test]
fn bad_tables_and_parameters_are_typed_errors() {
    assert!(matches!(
        Model::new(vec![q(1, 2), q(1, 2)], vec![vec![q(1, 2), q(1, 4)], vec![q(1, 2), q(1, 2)]]),
        Err(AggregationError::RowSum { class: 0, .. })
    ));
    assert!(matches!(Model::new(vec![q(1, 2), q(1, 4)], vec![vec![q(1, 1)], vec![q(1, 1)]]), Err(AggregationError::PriorSum(_))));
    assert!(matches!(Model::new(vec![], vec![]), Err(AggregationError::NoClasses)));
    assert!(matches!(Model::new(vec![q(1, 1)], vec![vec![q(3, 2), q(-1, 2)]]), Err(AggregationError::Negative { .. })));
    let f = vec![vec![q(1, 2), q(1, 2)]];
    assert!(matches!(Aggregator::lpf_spn(f.clone(), vec![q(0, 1)]), Err(AggregationError::WeightOutOfRange { symbol: 0, .. })));
    assert!(matches!(Aggregator::lpf_spn(f.clone(), vec![q(5, 4)]), Err(AggregationError::WeightOutOfRange { .. })));
    assert!(matches!(Aggregator::lpf_spn(vec![vec![q(1, 1), q(0, 1)]], vec![q(1, 1)]), Err(AggregationError::FactorNotPositive { .. })));
    let model = Model::new(vec![q(1, 2), q(1, 2)], vec![vec![q(1, 1)], vec![q(1, 1)]]).unwrap();
    let agg = Aggregator::lpf_spn(f, vec![q(1, 1)]).unwrap();
    let setup = |draws, copies| Setup { model: &model, aggregator: &agg, draws, copies };
    assert_eq!(population(&setup(0, 1), 10, 64).unwrap_err(), AggregationError::NoItems);
    assert_eq!(population(&setup(1, 0), 10, 64).unwrap_err(), AggregationError::ZeroCopies);
    assert_eq!(population(&setup(1, 1), 0, 64).unwrap_err(), AggregationError::ZeroBins);
    assert!(AggregationError::WeightOutOfRange { symbol: 0, value: "0".into() }.to_string().contains("outside (0, 1]"));
}

#[test]
fn binary_evidence_with_thousands_of_items_is_fast() {
    let model = Model::new(vec![q(3, 5), q(2, 5)], vec![vec![q(11, 20), q(9, 20)], vec![q(9, 20), q(11, 20)]]).unwrap();
    let spn = Aggregator::lpf_spn(model.posterior_factors(), vec![q(1, 2), q(3, 4)]).unwrap();
    let started = Instant::now();
    let p = population(&Setup { model: &model, aggregator: &spn, draws: 3000, copies: 1 }, 10, 64).unwrap();
    assert_eq!(p.vectors, 3001);
    assert!(!p.undecided_bins);
    assert!(started.elapsed().as_secs() < 20, "took {:?}", started.elapsed());
}
