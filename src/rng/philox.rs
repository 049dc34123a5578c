//! Philox4x32-10, the counter-based generator of Random123.
//!
//! # Formula
//! Ten rounds of `(c0, c1, c2, c3) ↦ (hi(M1·c2) ⊕ c1 ⊕ k0, lo(M1·c2), hi(M0·c0) ⊕ c3 ⊕ k1,
//! lo(M0·c0))` with `M0 = 0xD2511F53`, `M1 = 0xCD9E8D57`, the key bumped by the Weyl constants
//! `(0x9E3779B9, 0xBB67AE85)` between rounds.
//!
//! # Examples
//! ```
//! use theoremcheck::rng::philox4x32_10;
//! // Random123's kat_vectors: counter 0, key 0.
//! assert_eq!(philox4x32_10([0; 4], [0; 2]), [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]);
//! ```

const M0: u32 = 0xD251_1F53;
const M1: u32 = 0xCD9E_8D57;
const W0: u32 = 0x9E37_79B9;
const W1: u32 = 0xBB67_AE85;

fn mulhilo(a: u32, b: u32) -> (u32, u32) {
    let product = u64::from(a) * u64::from(b);
    ((product >> 32) as u32, product as u32)
}

/// One Philox4x32 block with 10 rounds: four 32-bit words from a counter and a key.
pub fn philox4x32_10(counter: [u32; 4], key: [u32; 2]) -> [u32; 4] {
    let (mut c, mut k) = (counter, key);
    for round in 0..10 {
        if round > 0 {
            k = [k[0].wrapping_add(W0), k[1].wrapping_add(W1)];
        }
        let (hi0, lo0) = mulhilo(M0, c[0]);
        let (hi1, lo1) = mulhilo(M1, c[2]);
        c = [hi1 ^ c[1] ^ k[0], lo1, hi0 ^ c[3] ^ k[1], lo0];
    }
    c
}

/// The generator keyed by a 64-bit seed; a block is addressed by `(stream, index)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Philox4x32 {
    key: [u32; 2],
}

impl Philox4x32 {
    pub fn new(seed: u64) -> Self {
        Philox4x32 { key: [seed as u32, (seed >> 32) as u32] }
    }

    /// The block at `(stream, index)`: the counter is `(index lo, index hi, stream lo, stream hi)`.
    pub fn block(&self, stream: u64, index: u64) -> [u32; 4] {
        philox4x32_10([index as u32, (index >> 32) as u32, stream as u32, (stream >> 32) as u32], self.key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The three philox4x32 10 lines of Random123's `examples/kat_vectors`
    /// (format: counter[4] key[2] → output[4]).
    const KAT: [([u32; 4], [u32; 2], [u32; 4]); 3] = [
        ([0, 0, 0, 0], [0, 0], [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]),
        ([u32::MAX; 4], [u32::MAX; 2], [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd]),
        ([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0], [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]),
    ];

    #[test]
    fn reproduces_the_random123_known_answers() {
        for (counter, key, expected) in KAT {
            assert_eq!(philox4x32_10(counter, key), expected, "counter {counter:08x?} key {key:08x?}");
        }
    }

    #[test]
    fn the_seed_is_the_key_and_stream_and_index_are_the_counter() {
        let g = Philox4x32::new(0x299f31d0_a4093822);
        assert_eq!(g.block(0x03707344_13198a2e, 0x85a308d3_243f6a88), KAT[2].2);
    }
}
