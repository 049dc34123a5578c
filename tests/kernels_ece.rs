//! Differential and determinism tests of the ECE kernel (`kernels::cpu::ece`).
//!
//! The kernel must bin exactly like the rational reference (`reference::ece::bin_of`), agree
//! with `sample_ece` / `sample_mce` / `sample_reliability` within the budget
//! `tolerances::ece_abs_budget` (derived there), and be bit-identical for 1, 2 and 3 threads.
//! Inputs come from the differential harness's generator (`kernels::diff::adversarial_confidences`):
//! confidences exactly on bin edges (as floats) and their neighbours, 0 and 1, subnormals, one
//! crowded bin; and, here, a single point and all mass in one bin.

use rug::Rational;
use theoremcheck::kernels::cpu::ece::{bin_index, ece, EceKernelError, EceOutput};
use theoremcheck::kernels::diff::{adversarial_confidences, Splitmix};
use theoremcheck::kernels::tolerances::ece_abs_budget;
use theoremcheck::reference::ece::{bin_of, sample_ece, sample_mce, sample_reliability};

fn check_against_reference(conf64: &[f64], conf_r: Vec<Rational>, correct: &[bool], bins: u32, out: &EceOutput) {
    let budget = Rational::from_f64(ece_abs_budget(conf64.len() as u64, bins)).unwrap();
    let close = |x: f64, r: &Rational, what: &str| {
        let d = (Rational::from_f64(x).unwrap() - r).abs();
        assert!(d <= budget, "{what}: kernel {x} vs exact {} (n = {}, B = {bins})", r.to_f64(), conf64.len());
    };
    close(out.ece, &sample_ece(&conf_r, correct, bins).unwrap(), "ECE");
    close(out.mce, &sample_mce(&conf_r, correct, bins).unwrap(), "MCE");
    let rel = sample_reliability(&conf_r, correct, bins).unwrap();
    assert_eq!(rel.len(), out.bins.len(), "same non-empty bins");
    for (r, k) in rel.iter().zip(&out.bins) {
        assert_eq!(r.bin, k.bin);
        close(k.mean_confidence, &r.mean_confidence, "bin mean confidence");
        close(k.accuracy, &r.accuracy, "bin accuracy");
    }
}

#[test]
fn binning_matches_the_exact_reference_on_edges() {
    let mut g = Splitmix::from_state(1);
    for bins in [1u32, 2, 3, 7, 10, 15, 100, 1000, 12345] {
        for c in adversarial_confidences(&mut g, 2000, bins) {
            let exact = bin_of(&Rational::from_f64(c).unwrap(), bins);
            assert_eq!(bin_index(c, bins), exact, "c = {c:e}, B = {bins}");
            let c32 = c as f32;
            if (0.0..=1.0).contains(&c32) {
                let exact32 = bin_of(&Rational::from_f64(f64::from(c32)).unwrap(), bins);
                assert_eq!(bin_index(f64::from(c32), bins), exact32, "f32 c = {c32:e}, B = {bins}");
            }
        }
    }
}

#[test]
fn f64_kernel_agrees_with_exact_ece() {
    let mut g = Splitmix::from_state(2);
    for (n, bins) in [(1usize, 1u32), (1, 15), (5, 3), (200, 10), (3000, 15), (2500, 100), (40_000, 7)] {
        let conf = adversarial_confidences(&mut g, n, bins);
        let correct: Vec<bool> = (0..n).map(|_| g.next_u64() % 3 != 0).collect();
        let out = ece(&conf, &correct, bins).unwrap();
        let conf_r = conf.iter().map(|c| Rational::from_f64(*c).unwrap()).collect();
        check_against_reference(&conf, conf_r, &correct, bins, &out);
    }
}

#[test]
fn f32_kernel_agrees_with_exact_ece_including_skewed_bins() {
    let mut g = Splitmix::from_state(3);
    for (n, bins, skew) in [(3000usize, 15u32, false), (3000, 10, true), (20_000, 20, true)] {
        let conf: Vec<f32> =
            (0..n).map(|_| if skew { 0.95 + 0.05 * g.unit() as f32 } else { g.unit() as f32 }).map(|c: f32| c.clamp(0.0, 1.0)).collect();
        let correct: Vec<bool> = (0..n).map(|_| g.next_u64() % 2 == 0).collect();
        let out = ece(&conf, &correct, bins).unwrap();
        let conf64: Vec<f64> = conf.iter().map(|c| f64::from(*c)).collect();
        let conf_r = conf64.iter().map(|c| Rational::from_f64(*c).unwrap()).collect();
        check_against_reference(&conf64, conf_r, &correct, bins, &out);
    }
}

#[test]
fn bit_identical_for_one_two_three_threads_and_repeated_runs() {
    let mut g = Splitmix::from_state(4);
    let n = 300_000;
    let conf: Vec<f32> = (0..n).map(|_| g.unit() as f32).collect();
    let correct: Vec<bool> = (0..n).map(|_| g.next_u64() % 2 == 0).collect();
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| ece(&conf, &correct, 15).unwrap())
    };
    let first = run(1);
    for threads in [1, 2, 3, 2, 3] {
        let again = run(threads);
        assert_eq!(again.ece.to_bits(), first.ece.to_bits(), "{threads} threads");
        assert_eq!(again.mce.to_bits(), first.mce.to_bits());
        assert_eq!(again, first);
    }
}

#[test]
fn bad_inputs_are_typed_errors() {
    assert_eq!(ece(&[0.5f64], &[true], 0), Err(EceKernelError::ZeroBins));
    assert_eq!(ece(&[0.5f64], &[], 10), Err(EceKernelError::LengthMismatch { conf: 1, correct: 0 }));
    assert_eq!(ece::<f64>(&[], &[], 10), Err(EceKernelError::Empty));
    assert_eq!(ece(&[0.5, f64::NAN, 2.0], &[true; 3], 10), Err(EceKernelError::NotANumber { index: 1 }));
    assert_eq!(ece(&[0.5f32, 1.5], &[true; 2], 10), Err(EceKernelError::ConfidenceOutOfRange { index: 1, value: 1.5 }));
    assert!(matches!(ece(&[-0.0f64, -1e-300], &[true; 2], 10), Err(EceKernelError::ConfidenceOutOfRange { index: 1, .. })));
}

#[test]
fn nan_rows_can_be_skipped_and_are_counted() {
    use theoremcheck::kernels::cpu::ece::ece_skipping_nan;
    let conf = [0.9f64, f64::NAN, 0.3, f64::NAN];
    let correct = [true, false, false, true];
    let out = ece_skipping_nan(&conf, &correct, 10).unwrap();
    assert_eq!(out.skipped, 2);
    assert_eq!(out.output, ece(&[0.9, 0.3], &[true, false], 10).unwrap());
    assert_eq!(ece_skipping_nan(&[f64::NAN], &[true], 10), Err(EceKernelError::AllSkipped { skipped: 1 }));
    // Skipping NaN does not excuse out-of-range values.
    assert_eq!(ece_skipping_nan(&[f64::NAN, 1.5], &[true; 2], 10), Err(EceKernelError::ConfidenceOutOfRange { index: 1, value: 1.5 }));
}

#[test]
fn top_label_matrix_equals_pairwise_ece_of_derived_pairs() {
    use theoremcheck::kernels::cpu::ece_top_label::ece_top_label;
    let mut g = Splitmix::from_state(5);
    for (rows, classes, bins) in [(1usize, 1usize, 1u32), (50, 2, 10), (3000, 4, 15), (70_000, 3, 7)] {
        // Quantised probabilities make ties (first maximal class wins) frequent.
        let probs: Vec<f32> = (0..rows * classes).map(|_| (g.next_u64() % 9) as f32 / 8.0).collect();
        let labels: Vec<u32> = (0..rows).map(|_| (g.next_u64() % classes as u64) as u32).collect();
        let (conf, correct): (Vec<f32>, Vec<bool>) = probs
            .chunks(classes)
            .zip(&labels)
            .map(|(row, label)| {
                let best = (0..classes).fold(0, |b, c| if row[c] > row[b] { c } else { b });
                (row[best], best == *label as usize)
            })
            .unzip();
        assert_eq!(ece_top_label(&probs, classes, &labels, bins).unwrap(), ece(&conf, &correct, bins).unwrap(), "{rows}×{classes}");
    }
}

#[test]
fn top_label_bad_inputs_are_typed_errors() {
    use theoremcheck::kernels::cpu::ece_top_label::ece_top_label;
    assert_eq!(ece_top_label(&[0.5f64, 0.5], 0, &[0], 10), Err(EceKernelError::ZeroClasses));
    assert_eq!(ece_top_label(&[0.5f64, 0.5, 0.1], 2, &[0, 1], 10), Err(EceKernelError::MatrixShape { len: 3, rows: 2, classes: 2 }));
    assert_eq!(ece_top_label(&[0.5f64, 0.5], 2, &[2], 10), Err(EceKernelError::LabelOutOfRange { row: 0, label: 2, classes: 2 }));
    // NaN compares unequal to itself, so match on the shape of the error.
    assert!(matches!(
        ece_top_label(&[0.5f64, 0.5, 0.2, f64::NAN], 2, &[0, 1], 10),
        Err(EceKernelError::ProbabilityOutOfRange { row: 1, class: 1, value }) if value.is_nan()
    ));
    assert_eq!(ece_top_label(&[0.5f64, 1.25], 2, &[0], 10), Err(EceKernelError::ProbabilityOutOfRange { row: 0, class: 1, value: 1.25 }));
    assert_eq!(ece_top_label::<f32>(&[], 2, &[], 10), Err(EceKernelError::Empty));
}

#[test]
fn f32_fast_binning_is_exact_on_edges_up_to_the_exact_product_limit() {
    // f32 inputs with B ≤ 2²⁹ take the correction-free path; 2²⁹ + 1 takes the corrected one; huge
    // B must not allocate per-bin memory.
    let mut g = Splitmix::from_state(6);
    for bins in [1u32, 3, 10, 15, 12345, 1 << 20, 1 << 29, (1 << 29) + 1, u32::MAX] {
        for c in adversarial_confidences(&mut g, 300, bins.min(1 << 16)) {
            let c32 = (c as f32).clamp(0.0, 1.0);
            let exact = bin_of(&Rational::from_f64(f64::from(c32)).unwrap(), bins);
            let out = ece(&[c32], &[true], bins).unwrap();
            assert_eq!(out.bins[0].bin, exact, "f32 c = {c32:e}, B = {bins}");
        }
    }
}

#[test]
fn many_chunks_agree_with_exact_ece_at_half_a_million_points() {
    // 2¹⁹ f32 points span 8 chunks: the chunk-ordered merge must stay within the budget too.
    let mut g = Splitmix::from_state(7);
    let n = 1 << 19;
    let conf: Vec<f32> = (0..n).map(|_| (g.unit() as f32).clamp(0.0, 1.0)).collect();
    let correct: Vec<bool> = conf.iter().map(|c| (g.unit() as f32) < *c).collect();
    let out = ece(&conf, &correct, 15).unwrap();
    let conf64: Vec<f64> = conf.iter().map(|c| f64::from(*c)).collect();
    let conf_r = conf64.iter().map(|c| Rational::from_f64(*c).unwrap()).collect();
    check_against_reference(&conf64, conf_r, &correct, 15, &out);
}
