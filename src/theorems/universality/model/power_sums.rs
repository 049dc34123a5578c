//! Power sums, elementary symmetric polynomials and Newton's identities, exactly.

use rug::Rational;

/// `p_q = Σ x^q` for `q = 1..=m`.
pub fn power_sums(xs: &[Rational], m: usize) -> Vec<Rational> {
    (1..=m)
        .map(|q| {
            xs.iter()
                .map(|x| {
                    let mut v = Rational::from(1);
                    for _ in 0..q {
                        v *= x;
                    }
                    v
                })
                .sum()
        })
        .collect()
}

/// `e_0..=e_M` from the expansion of `Π (t − x_i) = Σ (−1)^k e_k t^{M−k}`.
pub fn elementary_direct(xs: &[Rational]) -> Vec<Rational> {
    let mut e = vec![Rational::from(1)];
    for x in xs {
        let mut next = e.clone();
        next.push(Rational::new());
        for k in 1..next.len() {
            next[k] += Rational::from(x * &e[k - 1]);
        }
        e = next;
    }
    e
}

/// `e_0..=e_M` from the power sums by Newton's identities `k e_k = Σ_{i=1}^{k} (−1)^{i−1} e_{k−i} p_i`.
pub fn elementary_from_power_sums(p: &[Rational]) -> Vec<Rational> {
    let mut e = vec![Rational::from(1)];
    for k in 1..=p.len() {
        let mut acc = Rational::new();
        for i in 1..=k {
            let term = Rational::from(&e[k - i] * &p[i - 1]);
            if i % 2 == 1 {
                acc += term;
            } else {
                acc -= term;
            }
        }
        e.push(acc / Rational::from(k as u32));
    }
    e
}
