//! Certified enclosures of the eigenvalues of a symmetric rational matrix.
//!
//! # Method
//! 1. An approximate orthogonal eigenbasis `V`: nalgebra's `SymmetricEigen` in `f64`,
//!    re-orthonormalised at the working precision, then cyclic Jacobi sweeps at the working precision on `Vᵀ A V` (so a higher precision gives a
//!    tighter `V`, and the precision ladder can decide what 64 bits leave open). Nothing in this
//!    step needs to be right: it only picks the basis.
//! 2. With `V` fixed (its entries are exact floats), interval arithmetic with outward rounding
//!    encloses `B = Vᵀ A V` and `G = Vᵀ V` entry by entry.
//! 3. Gershgorin on `G` (symmetric): its eigenvalues lie in `[1 − ρ, 1 + ρ]`,
//!    `ρ = max_k Σ_j |G_kj − δ_kj|`. Ostrowski's theorem (`B = S A Sᵀ` with `S = Vᵀ`):
//!    `λ_k(B) = θ_k λ_k(A)` with `θ_k ∈ [λ_min(G), λ_max(G)]`, eigenvalues sorted.
//! 4. Gershgorin on `B`: every eigenvalue lies in a disc `B_kk ± Σ_{j≠k} |B_kj|`, and a connected
//!    component of `m` discs holds exactly `m` eigenvalues. The discs are widened to cover every
//!    matrix in the entrywise enclosure, which only merges components. Components are disjoint
//!    intervals, so sorted eigenvalues map to sorted components, and each eigenvalue of `A` in a
//!    component `C` lies in `C / [1 − ρ, 1 + ρ]`.
//!
//! The result is one interval per eigenvalue (with multiplicity), not matched to eigenvectors.

use super::interval::Interval;
use nalgebra::DMatrix;
use rug::float::Round;
use rug::ops::AddAssignRound;
use rug::{Float, Rational};

/// Why no enclosure came out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EigenError {
    /// The matrix is empty, not square, or not symmetric.
    NotSymmetric,
    /// The approximate basis is too far from orthogonal to certify anything (`ρ ≥ 1/2`).
    BasisNotOrthogonal,
}

/// Entrywise `f64` copy, for the starting basis only.
fn to_f64(a: &[Vec<Rational>]) -> DMatrix<f64> {
    let n = a.len();
    DMatrix::from_fn(n, n, |i, j| a[i][j].to_f64())
}

/// `Vᵀ M V` with round-to-nearest floats (approximate: for choosing the basis only).
fn congruence(m: &[Vec<Float>], v: &[Vec<Float>], prec: u32) -> Vec<Vec<Float>> {
    let n = m.len();
    let mv: Vec<Vec<Float>> =
        (0..n).map(|i| (0..n).map(|j| Float::with_val(prec, Float::dot((0..n).map(|k| (&m[i][k], &v[k][j]))))).collect()).collect();
    (0..n).map(|i| (0..n).map(|j| Float::with_val(prec, Float::dot((0..n).map(|k| (&v[k][i], &mv[k][j]))))).collect()).collect()
}

/// Cyclic Jacobi sweeps on `b` (symmetric), accumulating the rotations into `v`.
fn jacobi_refine(b: &mut [Vec<Float>], v: &mut [Vec<Float>], prec: u32) {
    let n = b.len();
    let tiny = Float::with_val(prec, Float::i_exp(1, -(prec as i32) + 4));
    for _sweep in 0..12 {
        let mut rotated = false;
        for p in 0..n {
            for q in p + 1..n {
                let scale = Float::with_val(prec, b[p][p].abs_ref()) + Float::with_val(prec, b[q][q].abs_ref()) + 1u32;
                if Float::with_val(prec, b[p][q].abs_ref()) <= Float::with_val(prec, &tiny * &scale) {
                    continue;
                }
                rotated = true;
                // t = sign(τ)/(|τ| + √(1 + τ²)) with τ = (b_qq − b_pp)/(2 b_pq): the smaller rotation.
                let tau = Float::with_val(prec, &b[q][q] - &b[p][p]) / Float::with_val(prec, &b[p][q] * 2u32);
                let root = (Float::with_val(prec, tau.square_ref()) + 1u32).sqrt();
                let mut t = Float::with_val(prec, 1) / (Float::with_val(prec, tau.abs_ref()) + root);
                if tau.is_sign_negative() {
                    t = -t;
                }
                let c = Float::with_val(prec, 1) / (Float::with_val(prec, t.square_ref()) + 1u32).sqrt();
                let s = Float::with_val(prec, &t * &c);
                rotate(b, v, p, q, &c, &s, prec);
            }
        }
        if !rotated {
            return;
        }
    }
}

/// `b ← Jᵀ b J`, `v ← v J` for the plane rotation `J` in `(p, q)`.
fn rotate(b: &mut [Vec<Float>], v: &mut [Vec<Float>], p: usize, q: usize, c: &Float, s: &Float, prec: u32) {
    let mix = |x: &Float, y: &Float| {
        let new_x = Float::with_val(prec, c * x) - Float::with_val(prec, s * y);
        let new_y = Float::with_val(prec, s * x) + Float::with_val(prec, c * y);
        (new_x, new_y)
    };
    for row in b.iter_mut() {
        let (x, y) = mix(&row[p], &row[q]);
        row[p] = x;
        row[q] = y;
    }
    // Rows p < q (the sweep only rotates pairs with p < q).
    let (upper, lower) = b.split_at_mut(q);
    for (bp, bq) in upper[p].iter_mut().zip(lower[0].iter_mut()) {
        let (x, y) = mix(bp, bq);
        *bp = x;
        *bq = y;
    }
    for row in v.iter_mut() {
        let (x, y) = mix(&row[p], &row[q]);
        row[p] = x;
        row[q] = y;
    }
}

/// Modified Gram–Schmidt on the columns of `v` (run twice: "twice is enough"). A column that
/// collapses is left as it is; the certificate then refuses the basis through `ρ`.
fn orthonormalise(v: &mut [Vec<Float>], prec: u32) {
    let n = v.len();
    for j in 0..n {
        for i in 0..j {
            let dot = Float::with_val(prec, Float::dot((0..n).map(|k| (&v[k][i], &v[k][j]))));
            for row in v.iter_mut() {
                let step = Float::with_val(prec, &dot * &row[i]);
                row[j] -= step;
            }
        }
        let norm = Float::with_val(prec, Float::dot((0..n).map(|k| (&v[k][j], &v[k][j])))).sqrt();
        if norm.is_zero() || !norm.is_finite() {
            continue;
        }
        for row in v.iter_mut() {
            row[j] /= &norm;
        }
    }
}

/// The approximate eigenbasis at `prec` bits (columns of the result).
fn approximate_basis(a: &[Vec<Rational>], prec: u32) -> Vec<Vec<Float>> {
    let n = a.len();
    let start = nalgebra::SymmetricEigen::new(to_f64(a)).eigenvectors;
    let mut v: Vec<Vec<Float>> = (0..n).map(|i| (0..n).map(|j| Float::with_val(prec, start[(i, j)])).collect()).collect();
    if v.iter().flatten().any(|x| !x.is_finite()) {
        v = (0..n).map(|i| (0..n).map(|j| Float::with_val(prec, u32::from(i == j))).collect()).collect();
    }
    // The f64 basis is orthogonal only to ~1e-16, which would cap the enclosures' width there
    // (through ρ); re-orthonormalised at `prec` bits it is orthogonal to ~2^-prec.
    orthonormalise(&mut v, prec);
    orthonormalise(&mut v, prec);
    let m: Vec<Vec<Float>> = a.iter().map(|row| row.iter().map(|x| Float::with_val(prec, x)).collect()).collect();
    let mut b = congruence(&m, &v, prec);
    jacobi_refine(&mut b, &mut v, prec);
    v
}

/// `Vᵀ M V` enclosed entrywise, `M` given as intervals and `V` as exact floats.
fn enclosed_congruence(m: &[Vec<Interval>], v: &[Vec<Float>], prec: u32) -> Vec<Vec<Interval>> {
    let n = m.len();
    let zero = || Interval::point(Float::with_val(prec, 0));
    let point = |x: &Float| Interval::point(x.clone());
    let mv: Vec<Vec<Interval>> = (0..n)
        .map(|i| (0..n).map(|j| (0..n).fold(zero(), |acc, k| acc.add(&m[i][k].mul(&point(&v[k][j]), prec), prec))).collect())
        .collect();
    (0..n).map(|i| (0..n).map(|j| (0..n).fold(zero(), |acc, k| acc.add(&point(&v[k][i]).mul(&mv[k][j], prec), prec))).collect()).collect()
}

/// `max(|lo|, |hi|)`, rounded up (exact: a copy of an endpoint).
fn magnitude(x: &Interval) -> Float {
    let lo = Float::with_val(x.lo().prec(), x.lo().abs_ref());
    let hi = Float::with_val(x.hi().prec(), x.hi().abs_ref());
    if lo > hi {
        lo
    } else {
        hi
    }
}

/// Gershgorin discs of an interval matrix, widened to cover every member, as intervals.
fn discs(b: &[Vec<Interval>], prec: u32) -> Vec<Interval> {
    let n = b.len();
    (0..n)
        .map(|k| {
            let mut radius = Float::with_val(prec, 0);
            for j in (0..n).filter(|&j| j != k) {
                radius.add_assign_round(magnitude(&b[k][j]), Round::Up);
            }
            let r = Interval::new(Float::with_val(prec, -&radius), radius).unwrap_or_else(|| Interval::entire(prec));
            b[k][k].add(&r, prec)
        })
        .collect()
}

/// One interval per eigenvalue of the symmetric rational matrix `a` (rows), with multiplicity,
/// in increasing order of the components they come from.
pub fn symmetric_eigenvalue_enclosures(a: &[Vec<Rational>], prec: u32) -> Result<Vec<Interval>, EigenError> {
    let n = a.len();
    if n == 0 || a.iter().any(|row| row.len() != n) || (0..n).any(|i| (0..i).any(|j| a[i][j] != a[j][i])) {
        return Err(EigenError::NotSymmetric);
    }
    let v = approximate_basis(a, prec);
    let m: Vec<Vec<Interval>> = a.iter().map(|row| row.iter().map(|x| Interval::from_rational(x, prec)).collect()).collect();
    let identity: Vec<Vec<Interval>> =
        (0..n).map(|i| (0..n).map(|j| Interval::point(Float::with_val(prec, u32::from(i == j)))).collect()).collect();
    let gram = enclosed_congruence(&identity, &v, prec);
    // ρ bounds |λ(G) − 1| (Gershgorin on G − I).
    let mut rho = Float::with_val(prec, 0);
    for (k, row) in gram.iter().enumerate() {
        let mut sum = Float::with_val(prec, 0);
        for (j, g) in row.iter().enumerate() {
            let entry = if j == k { g.sub(&identity[k][k], prec) } else { g.clone() };
            sum.add_assign_round(magnitude(&entry), Round::Up);
        }
        if sum > rho {
            rho = sum;
        }
    }
    if rho >= 0.5 || !rho.is_finite() {
        return Err(EigenError::BasisNotOrthogonal);
    }
    let theta = Interval::new(Float::with_val_round(prec, 1 - &rho, Round::Down).0, Float::with_val_round(prec, 1 + &rho, Round::Up).0)
        .ok_or(EigenError::BasisNotOrthogonal)?;
    let b = enclosed_congruence(&m, &v, prec);
    let mut disc = discs(&b, prec);
    disc.sort_by(|x, y| x.lo().partial_cmp(y.lo()).unwrap_or(std::cmp::Ordering::Equal));
    // Merge overlapping discs into components; each contributes as many eigenvalues as discs.
    let mut out = Vec::with_capacity(n);
    let mut start = 0;
    while start < n {
        let mut hull = disc[start].clone();
        let mut end = start + 1;
        while end < n && disc[end].lo() <= hull.hi() {
            hull = hull.hull(&disc[end]);
            end += 1;
        }
        let eigenvalue = hull.div(&theta, prec);
        out.extend(std::iter::repeat_n(eigenvalue, end - start));
        start = end;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(a: i64, b: i64) -> Rational {
        Rational::from((a, b))
    }

    #[test]
    fn a_two_by_two_with_irrational_eigenvalues_is_enclosed() {
        // [[1, 1/2], [1/2, 1]] has eigenvalues 1/2 and 3/2.
        let a = vec![vec![r(1, 1), r(1, 2)], vec![r(1, 2), r(1, 1)]];
        for prec in [64, 256] {
            let e = symmetric_eigenvalue_enclosures(&a, prec).unwrap();
            assert_eq!(e.len(), 2);
            assert!(e[0].contains_rational(&r(1, 2)) && e[1].contains_rational(&r(3, 2)));
            assert!(e[1].width() < Float::with_val(64, Float::i_exp(1, -(prec as i32) + 20)), "{prec}: {}", e[1].width());
        }
    }

    #[test]
    fn a_repeated_eigenvalue_counts_twice() {
        // All-ones 3 × 3: eigenvalues 3, 0, 0.
        let a = vec![vec![r(1, 1); 3]; 3];
        let e = symmetric_eigenvalue_enclosures(&a, 128).unwrap();
        assert_eq!(e.len(), 3);
        assert_eq!(e.iter().filter(|x| x.contains_rational(&r(0, 1))).count(), 2);
        assert!(e.iter().any(|x| x.contains_rational(&r(3, 1))));
    }

    #[test]
    fn a_non_symmetric_matrix_is_refused() {
        let a = vec![vec![r(1, 1), r(1, 2)], vec![r(0, 1), r(1, 1)]];
        assert_eq!(symmetric_eigenvalue_enclosures(&a, 64), Err(EigenError::NotSymmetric));
    }
}
