//! The universality family beyond the generic suite: the width table's data and its conflicts
//! (Li–Duan–Ji–Cai v1 against the later lower bounds, named with both sources), the exact
//! network evaluator against independent evaluations, the constructions against their claimed
//! widths, and typed errors on bad input (zero dimensions, ε ≤ 0, layer shapes that do not
//! chain, non-finite weights).

use rug::Rational;
use theoremcheck::engine::{Instance, Outcome, Theorem, Value};
use theoremcheck::reference::Decision;
use theoremcheck::theorems::universality::construct::{interpolant_1d, max_of_affine, tangent_planes, AffinePiece};
use theoremcheck::theorems::universality::network::{Activation, Layer, Network, NetworkError};
use theoremcheck::theorems::universality::piecewise::network_pieces;
use theoremcheck::theorems::universality::width_data::{claim, claims, WidthError};
use theoremcheck::theorems::universality::{
    pairs, sup_error_unit_cube, width_table, ClaimSet, SeparableQuadratic, WidthConsistency, WidthWitnessConvex, WidthWitnessInterpolant,
    GRID_MAX,
};

fn q(a: i64, b: i64) -> Rational {
    Rational::from((a, b))
}

fn dims(dx: i64, dy: i64) -> Instance {
    Instance::default().with("d_x", Value::Integer(dx)).with("d_y", Value::Integer(dy))
}

fn decide(t: &dyn Theorem, i: &Instance) -> Decision {
    match t.evaluate(i, &Instance::default(), 64).expect("evaluates") {
        Outcome::Compared(c) => c.decide(),
        Outcome::HypothesisNotMet(why) => panic!("vacuous: {why}"),
        Outcome::Unevaluable { reason, .. } => panic!("unevaluable: {reason}"),
    }
}

/// Every (d_x, d_y) of the grid where the claim set has a lower bound above an upper bound.
fn conflict_points(set: ClaimSet) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for dx in 1..=GRID_MAX {
        for dy in 1..=GRID_MAX {
            if pairs(set, dx, dy).unwrap().iter().any(|p| p.margin() < 0) {
                out.push((dx, dy));
            }
        }
    }
    out
}

#[test]
fn the_current_claims_never_conflict_on_the_grid() {
    assert_eq!(conflict_points(ClaimSet::Current), vec![]);
}

#[test]
fn li_duan_ji_cai_v1_conflicts_exactly_where_recorded() {
    // v1 gives max(d_x + 1, d_y) for d_y ≠ d_x + 1; Kim–Min–Park / Yang–Zhou–Zhou / Rochau et al.
    // need d_y + 1 when d_x < d_y ≤ 2d_x, and Hwang's 4 at (2, 2) lifts to larger dimensions.
    let points = conflict_points(ClaimSet::All);
    let mut expected = vec![(2, 2)];
    expected.extend((1..=GRID_MAX).flat_map(|dx| (dx + 2..=(2 * dx).min(GRID_MAX)).map(move |dy| (dx, dy))));
    expected.sort();
    assert_eq!(points, expected);
    for &(dx, dy) in &points {
        let found = pairs(ClaimSet::All, dx, dy).unwrap();
        assert!(found
            .iter()
            .filter(|p| p.margin() < 0)
            .all(|p| p.upper.claim.key == "li2023_v1_exact" || p.lower.claim.key == "li2023_v1_exact"));
    }
    println!("v1 conflict points: {points:?}");
}

#[test]
fn the_two_four_conflict_names_both_claims_and_sources() {
    let t = WidthConsistency::with_superseded();
    assert_eq!(decide(&t, &dims(2, 4)), Decision::False);
    let text = t.describe(&dims(2, 4)).unwrap();
    for needle in ["CONFLICT at (d_x, d_y) = (2, 4)", "li2023_v1_exact", "2305.18460v1", "kim2024_uniform_lower", "2309.10402v2"] {
        assert!(text.contains(needle), "missing {needle}: {text}");
    }
    assert_eq!(decide(&WidthConsistency::current(), &dims(2, 4)), Decision::True);
}

#[test]
fn the_table_records_the_seed_statements_and_cites_every_source() {
    let v1 = claim("li2023_v1_exact").unwrap();
    assert_eq!(v1.width_at(2, 3).unwrap(), Some(4)); // max(3, 3) + 1[3 = 3]
    assert_eq!(v1.width_at(2, 4).unwrap(), Some(4));
    assert_eq!(claim("rnn_uniform_early").unwrap().width_at(3, 2).unwrap(), Some(7));
    assert_eq!(claim("rnn_lp").unwrap().width_at(3, 2).unwrap(), Some(4));
    assert_eq!(claim("kim2024_lp_exact").unwrap().width_at(1, 1).unwrap(), Some(2));
    assert_eq!(claim("park2021_lp_exact").unwrap().width_at(2, 5).unwrap(), Some(5));
    for c in claims() {
        assert!(!c.paper.is_empty() && !c.version.is_empty() && !c.statement.is_empty() && !c.verification.is_empty(), "{}", c.key);
    }
    let table = width_table();
    assert!(claims().iter().all(|c| table.contains(c.key)));
    assert!(table.contains("max(d_x + 1, d_y) + 1[d_y = d_x + 1]"));
}

#[test]
fn zero_dimensions_are_typed_errors() {
    let c = claim("park2021_lp_exact").unwrap();
    assert_eq!(c.width_at(0, 1), Err(WidthError::ZeroDimension { name: "d_x" }));
    assert_eq!(c.width_at(1, 0), Err(WidthError::ZeroDimension { name: "d_y" }));
    assert!(pairs(ClaimSet::Current, 0, 3).is_err());
    assert!(WidthConsistency::current().evaluate(&dims(0, 2), &Instance::default(), 64).is_err());
    assert!(claim("no_such_claim").is_err());
}

#[test]
fn non_positive_epsilon_is_a_typed_error() {
    let convex = Instance::default()
        .with("d_x", Value::Integer(1))
        .with("a1", Value::Number(q(1, 2)))
        .with("a2", Value::Number(q(0, 1)))
        .with("c1", Value::Number(q(1, 2)))
        .with("c2", Value::Number(q(0, 1)));
    for eps in [q(0, 1), q(-1, 4)] {
        let e = WidthWitnessConvex::catalogue()
            .evaluate(&convex.clone().with("eps", Value::Number(eps.clone())), &Instance::default(), 64)
            .unwrap_err();
        assert!(e.to_string().contains("ε must be positive"), "{e}");
        let interp = Instance::default()
            .with("target", Value::Choice("quadratic".into()))
            .with("a", Value::Number(q(1, 1)))
            .with("b", Value::Number(q(0, 1)))
            .with("seed", Value::Integer(0))
            .with("eps", Value::Number(eps));
        assert!(WidthWitnessInterpolant::catalogue().evaluate(&interp, &Instance::default(), 64).is_err());
    }
}

#[test]
fn networks_whose_shapes_do_not_chain_or_whose_weights_are_not_finite_are_refused() {
    let one = || vec![vec![Rational::from(1)]];
    let a = Layer::new(one(), vec![Rational::new()], Activation::Relu).unwrap();
    let b = Layer::new(vec![vec![Rational::from(1), Rational::from(1)]], vec![Rational::new()], Activation::Identity).unwrap();
    assert_eq!(Network::new(1, vec![a.clone(), b]), Err(NetworkError::ShapeMismatch { layer: 1, expected: 1, found: 2 }));
    assert_eq!(Network::new(2, vec![a.clone()]), Err(NetworkError::ShapeMismatch { layer: 0, expected: 2, found: 1 }));
    assert_eq!(Network::new(0, vec![a.clone()]), Err(NetworkError::ZeroInput(0)));
    assert_eq!(Network::new(1, vec![]), Err(NetworkError::Empty));
    assert!(matches!(Layer::new(one(), vec![], Activation::Relu), Err(NetworkError::BiasLength { .. })));
    assert!(matches!(
        Layer::new(vec![vec![Rational::from(1)], vec![]], vec![Rational::new(), Rational::new()], Activation::Relu),
        Err(NetworkError::RaggedWeights { .. })
    ));
    assert!(matches!(
        Layer::from_f64(3, &[vec![1.0, f64::NAN]], &[0.0], Activation::Relu),
        Err(NetworkError::NonFiniteWeight { layer: 3, row: 0, col: 1, .. })
    ));
    assert!(matches!(Layer::from_f64(0, &[vec![1.0]], &[f64::INFINITY], Activation::Relu), Err(NetworkError::NonFiniteBias { .. })));
    assert!(matches!(Activation::leaky(q(3, 2)), Err(NetworkError::BadSlope(_))));
    let net = Network::new(1, vec![a]).unwrap();
    assert!(matches!(net.eval(&[Rational::new(), Rational::new()]), Err(NetworkError::InputLength { .. })));
    assert!(matches!(network_pieces(&net, &Rational::from(1), &Rational::new()), Err(NetworkError::EmptyInterval { .. })));
}

#[test]
fn exact_pieces_agree_with_pointwise_evaluation() {
    // A width-3 leaky/ReLU network with f64 weights converted exactly.
    let l0 = Layer::from_f64(0, &[vec![2.0], vec![-1.5], vec![0.75]], &[-0.5, 0.25, -0.125], Activation::leaky(q(1, 4)).unwrap()).unwrap();
    let l1 = Layer::from_f64(1, &[vec![1.0, -2.0, 0.5], vec![-0.5, 1.0, 1.0]], &[0.0, -0.25], Activation::Relu).unwrap();
    let l2 = Layer::from_f64(2, &[vec![1.0, -1.0]], &[0.5], Activation::Identity).unwrap();
    let net = Network::new(1, vec![l0, l1, l2]).unwrap();
    assert_eq!((net.width(), net.depth()), (3, 3));
    let g = &network_pieces(&net, &q(-2, 1), &q(2, 1)).unwrap()[0];
    for k in -64..=64 {
        let x = q(k, 32);
        assert_eq!(g.at(&x), net.eval(std::slice::from_ref(&x)).unwrap()[0], "at {x}");
    }
}

#[test]
fn the_constructions_have_the_claimed_width_and_compute_what_the_proofs_say() {
    let values: Vec<Rational> = [0, 3, -1, 2, 2].iter().map(|&v| q(v, 4)).collect();
    let net = interpolant_1d(&values).unwrap();
    assert_eq!(net.width(), 2);
    for (k, v) in values.iter().enumerate() {
        assert_eq!(&net.eval(&[q(k as i64, 4)]).unwrap()[0], v);
    }
    let pieces = vec![
        AffinePiece { gradient: vec![q(1, 1), q(-1, 1)], offset: q(0, 1) },
        AffinePiece { gradient: vec![q(-2, 1), q(1, 2)], offset: q(1, 1) },
        AffinePiece { gradient: vec![q(0, 1), q(0, 1)], offset: q(1, 3) },
    ];
    let net = max_of_affine(2, &pieces).unwrap();
    assert_eq!(net.width(), 3);
    for (i, j) in [(0, 0), (1, 3), (4, 4), (2, 1)] {
        let x = vec![q(i, 4), q(j, 4)];
        let expected = pieces
            .iter()
            .map(|p| Rational::from(&p.gradient[0] * &x[0]) + Rational::from(&p.gradient[1] * &x[1]) + p.offset.clone())
            .max()
            .unwrap();
        assert_eq!(net.eval(&x).unwrap()[0], expected);
    }
}

#[test]
fn the_box_search_brackets_the_exact_one_dimensional_error() {
    // In 1-D the tangent construction's exact error is a/(4n²), attained at the ends of [0,1].
    let f = SeparableQuadratic { a: vec![q(1, 2)], c: vec![q(1, 3)] };
    let net = max_of_affine(1, &tangent_planes(&f, 4)).unwrap();
    let bound = sup_error_unit_cube(&net, &f, &q(1, 1), 10_000);
    let exact = q(1, 128);
    assert!(bound.lower <= exact && bound.upper.as_ref().is_some_and(|u| *u >= exact), "{bound:?}");
    let tight = sup_error_unit_cube(&net, &f, &q(1, 100), 10_000);
    assert!(tight.upper.as_ref().is_some_and(|u| *u < q(1, 100)), "{tight:?}");
}

#[test]
fn the_box_search_upper_bound_dominates_the_exact_error_on_a_dense_grid_in_two_dimensions() {
    // Soundness regression: the certified upper bound must be ≥ the exact error at every point.
    let f = SeparableQuadratic { a: vec![q(1, 2), q(3, 8)], c: vec![q(1, 3), q(5, 7)] };
    let net = max_of_affine(2, &tangent_planes(&f, 4)).unwrap();
    let bound = sup_error_unit_cube(&net, &f, &q(1, 40), 20_000);
    let upper = bound.upper.clone().expect("bounded");
    let mut worst = Rational::new();
    for i in 0..=32 {
        for j in 0..=32 {
            let x = vec![q(i, 32), q(j, 32)];
            let e = (f.at(&x) - &net.eval(&x).unwrap()[0]).abs();
            worst = worst.max(e);
        }
    }
    // The proof's bound Σa/(4n²) = 7/512 is attained at grid corners.
    assert_eq!(worst, q(7, 512));
    assert!(bound.lower <= worst && worst <= upper && upper < q(1, 40), "{bound:?}");
}
