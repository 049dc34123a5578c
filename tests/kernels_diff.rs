//! Every kernel operation's differential harness (`kernels::diff::ops()`) on the CPU backend:
//! each output must be certified within its derived error budget against the rug reference —
//! no kernel bug, no violated bound, and no output left undecided because the reference was too
//! loose. Also checks that the harness detects a wrong kernel value (it can fail).

use theoremcheck::kernels::diff::{classify, ops, Backend, Classification, DiffConfig};
use theoremcheck::reference::Enclosure;

#[test]
fn every_operation_is_within_budget_on_generated_inputs() {
    let config = DiffConfig { cases: 24, max_n: 1_500, seed: 20261128, backend: Backend::Cpu };
    for op in ops() {
        let report = op.run(&config).unwrap_or_else(|e| panic!("{}: {e}", op.name()));
        assert_eq!(report.cases, config.cases, "{}", op.name());
        assert!(report.outputs > 0, "{} compared nothing", op.name());
        assert!(report.all_within(), "{}: {:#?}", op.name(), &report.disagreements[..report.disagreements.len().min(5)]);
    }
}

#[test]
fn a_wrong_value_is_classified_as_a_kernel_bug() {
    let exact = Enclosure::exact(rug::Rational::from((1, 3)));
    let off = 1.0 / 3.0 + 1e-9;
    assert_eq!(classify(off, &exact, 1e-12).classification, Classification::KernelBug);
    assert_eq!(classify(1.0 / 3.0, &exact, 1e-15).classification, Classification::Within);
}

#[test]
fn cuda_backend_without_the_feature_is_a_typed_error() {
    if cfg!(feature = "cuda") {
        return;
    }
    let config = DiffConfig { backend: Backend::Cuda, ..DiffConfig::default() };
    for op in ops() {
        assert!(op.run(&config).is_err(), "{} ran on a backend that is not built", op.name());
    }
}
