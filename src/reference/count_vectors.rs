//! Count vectors: the outcomes of `k` draws over `a` symbols as counts per symbol, enumerated,
//! with their number and multinomial coefficients (exact).

use rug::Integer;

/// The number of count vectors of `k` draws over `a` symbols, `C(k + a − 1, a − 1)`.
pub fn count_vectors(k: u32, a: usize) -> Integer {
    Integer::from(Integer::binomial_u(k + a as u32 - 1, a as u32 - 1))
}

/// Calls `f` on every count vector of `k` draws over `a` symbols, in lexicographic order.
pub fn for_each_count_vector<E>(k: u32, a: usize, mut f: impl FnMut(&[u32]) -> Result<(), E>) -> Result<(), E> {
    fn rec<E>(c: &mut Vec<u32>, left: u32, a: usize, f: &mut dyn FnMut(&[u32]) -> Result<(), E>) -> Result<(), E> {
        if c.len() + 1 == a {
            c.push(left);
            let r = f(c);
            c.pop();
            return r;
        }
        for v in (0..=left).rev() {
            c.push(v);
            rec(c, left - v, a, f)?;
            c.pop();
        }
        Ok(())
    }
    let mut c = Vec::with_capacity(a);
    rec(&mut c, k, a, &mut f)
}

/// Multinomial coefficient `K! / Π c_x!`, exact.
pub fn multinomial(c: &[u32]) -> Integer {
    let mut left: u32 = c.iter().sum();
    let mut out = Integer::from(1);
    for &v in c {
        out *= Integer::from(Integer::binomial_u(left, v));
        left -= v;
    }
    out
}
