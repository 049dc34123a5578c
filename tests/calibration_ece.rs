//! The exact ECE reference and the `eval` function `ece`: values agree with an independent
//! per-point computation (explicit edge comparisons instead of `⌈cB⌉ − 1`), the bin convention
//! is the catalogue's ((lo, hi], first bin closed at 0, exact edges j/B), and every bad input is
//! a typed error naming the problem.

use rug::Rational;
use serde_json::{json, Map, Value};
use theoremcheck::eval::evaluate;
use theoremcheck::reference::ece::{population_ece, population_mce, sample_ece, sample_mce, sample_reliability, Atom, EceError};
use theoremcheck::reference::parse_rational;
use theoremcheck::theorems::calibration::scenario::SplitMix;

fn q(n: i64, d: i64) -> Rational {
    Rational::from((n, d))
}

/// Bin by walking the edges: the first j with c ≤ (j+1)/B (so c = 0 and c = 1/B land in bin 0).
fn bin_by_edges(c: &Rational, bins: u32) -> u32 {
    (0..bins).find(|j| *c <= Rational::from((j + 1, bins))).expect("c ≤ 1")
}

fn independent_ece(conf: &[Rational], correct: &[bool], bins: u32) -> Rational {
    let n = conf.len() as u32;
    (0..bins)
        .map(|b| {
            let gap: Rational = conf
                .iter()
                .zip(correct)
                .filter(|(c, _)| bin_by_edges(c, bins) == b)
                .map(|(c, ok)| Rational::from(u8::from(*ok)) - c.clone())
                .sum();
            gap.abs()
        })
        .sum::<Rational>()
        / n
}

#[test]
fn sample_ece_matches_an_independent_computation() {
    let mut rng = SplitMix::new(11);
    for round in 0..300 {
        let n = 1 + (rng.next_u64() % 40) as usize;
        let bins = 1 + (rng.next_u64() % 20) as u32;
        let den = 1 + rng.next_u64() % 40;
        // Confidences on a grid that hits the bin edges often.
        let conf: Vec<Rational> = (0..n).map(|_| Rational::from((rng.range(0, den), den))).collect();
        let correct: Vec<bool> = (0..n).map(|_| rng.next_u64() & 1 == 1).collect();
        let ece = sample_ece(&conf, &correct, bins).unwrap();
        assert_eq!(ece, independent_ece(&conf, &correct, bins), "round {round}");
        let mce = sample_mce(&conf, &correct, bins).unwrap();
        assert!(mce >= ece, "MCE ≥ ECE");
    }
}

#[test]
fn edges_belong_to_the_lower_bin_and_zero_to_the_first() {
    // 0 and 1/10 share bin 0; 1/5 is in bin 1 = (1/10, 1/5].
    let diagram = sample_reliability(&[q(0, 1), q(1, 10), q(1, 5)], &[true, false, true], 10).unwrap();
    assert_eq!(diagram.len(), 2);
    assert_eq!((diagram[0].bin, diagram[0].weight.clone(), diagram[0].accuracy.clone()), (0, q(2, 3), q(1, 2)));
    assert_eq!(diagram[0].mean_confidence, q(1, 20));
    assert_eq!((diagram[1].bin, diagram[1].lo.clone(), diagram[1].hi.clone()), (1, q(1, 10), q(1, 5)));
}

#[test]
fn population_ece_of_a_finite_support_predictor() {
    // Two atoms: conf 9/10 right with prob 7/10; conf 6/10 right with prob 6/10.
    let atoms = [
        Atom { mass: q(1, 4), confidence: q(9, 10), accuracy: q(7, 10) },
        Atom { mass: q(3, 4), confidence: q(6, 10), accuracy: q(6, 10) },
    ];
    assert_eq!(population_ece(&atoms, 10).unwrap(), q(1, 4) * q(2, 10));
    assert_eq!(population_mce(&atoms, 10).unwrap(), q(2, 10));
    // One bin merges them: |1/4·(−2/10) + 0| = 1/20.
    assert_eq!(population_ece(&atoms, 1).unwrap(), q(1, 20));
}

#[test]
fn reference_bad_inputs_are_typed_errors() {
    assert_eq!(sample_ece(&[q(1, 2)], &[true], 0), Err(EceError::ZeroBins));
    assert_eq!(sample_ece(&[q(1, 2), q(1, 3)], &[true], 10), Err(EceError::LengthMismatch { conf: 2, correct: 1 }));
    assert!(matches!(sample_ece(&[q(-1, 2)], &[true], 10), Err(EceError::ConfidenceOutOfRange { index: 0, .. })));
    assert!(matches!(sample_ece(&[q(1, 2), q(11, 10)], &[true, true], 10), Err(EceError::ConfidenceOutOfRange { index: 1, .. })));
    let negative = [Atom { mass: q(-1, 1), confidence: q(1, 2), accuracy: q(1, 2) }];
    assert!(matches!(population_ece(&negative, 10), Err(EceError::NegativeMass { index: 0, .. })));
    assert_eq!(theoremcheck::reference::ece::confidences_from_f64(&[0.25, f64::INFINITY]), Err(EceError::NotANumber { index: 1 }));
}

fn eval(args: Value) -> Result<(Rational, Rational), String> {
    let map: Map<String, Value> = args.as_object().unwrap().clone();
    let e = evaluate("ece", &map, 256).map_err(|e| e.to_string())?;
    let (lo, hi) = e.decimal_bounds(80);
    Ok((parse_rational(&lo).unwrap(), parse_rational(&hi).unwrap()))
}

#[test]
fn eval_ece_encloses_the_exact_value() {
    let (lo, hi) = eval(json!({"conf": ["0.9", "0.9", "3/10"], "correct": [1, 0, 0], "bins": 10})).unwrap();
    let exact = q(2, 3) * q(4, 10) + q(1, 3) * q(3, 10);
    assert!(lo <= exact && exact <= hi);
    assert!(Rational::from(&hi - &lo) < Rational::from((1, 1u64 << 60)));
    // Exact edge: 0.1 with B = 10 is bin 0 together with 0.
    let (lo, hi) = eval(json!({"conf": ["0", "0.1"], "correct": [0, 0], "bins": 10})).unwrap();
    assert!(lo <= q(1, 20) && q(1, 20) <= hi);
}

#[test]
fn eval_ece_bad_inputs_name_the_problem() {
    let cases = [
        (json!({"conf": ["1.5"], "correct": [1], "bins": 10}), "outside [0, 1]"),
        (json!({"conf": ["NaN"], "correct": [1], "bins": 10}), "not finite"),
        (json!({"conf": ["0.5", "0.5"], "correct": [1], "bins": 10}), "same length"),
        (json!({"conf": ["0.5"], "correct": [1], "bins": 0}), "bins"),
        (json!({"conf": ["0.5"], "correct": [2], "bins": 10}), "0 or 1"),
        (json!({"conf": [0.5], "correct": [1], "bins": 10}), "'conf' at index 0"),
        (json!({"conf": "0.5", "correct": [1], "bins": 10}), "must be an array"),
        (json!({"correct": [1], "bins": 10}), "missing argument 'conf'"),
        (json!({"conf": [], "correct": [], "bins": 10}), "no points"),
        (json!({"conf": ["0.5"], "correct": [1], "bins": 10, "extra": 1}), "unknown argument"),
    ];
    for (args, needle) in cases {
        let err = eval(args.clone()).expect_err("must be refused");
        assert!(err.contains(needle), "{args}: '{err}' does not mention '{needle}'");
        assert!(err.starts_with("ece:"), "{err}");
    }
}

#[test]
fn eval_lists_ece() {
    assert!(theoremcheck::eval::FUNCTION_NAMES.contains(&"ece"));
    let line = theoremcheck::eval::answer_line(r#"{"fn":"ece","args":{"conf":["1"],"correct":[1],"bins":3}}"#);
    assert_eq!(line["lo"], "0");
}
