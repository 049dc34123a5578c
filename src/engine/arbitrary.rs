//! `quickcheck::Arbitrary` for the public instance types, for users who write their properties
//! with quickcheck rather than proptest.

use super::instance::{Instance, Value};
use quickcheck::{Arbitrary, Gen};
use rug::Rational;

impl Arbitrary for Value {
    fn arbitrary(g: &mut Gen) -> Self {
        match u8::arbitrary(g) % 3 {
            0 => Value::Integer(i64::arbitrary(g)),
            1 => {
                let den = i64::from(u16::arbitrary(g)).max(1);
                Value::Number(Rational::from((i64::from(i32::arbitrary(g)), den)))
            }
            _ => Value::Choice(g.choose(&["a", "b", "uniform", "gibbs"]).expect("non-empty").to_string()),
        }
    }

    fn shrink(&self) -> Box<dyn Iterator<Item = Self>> {
        match self {
            Value::Integer(i) => Box::new(i.shrink().map(Value::Integer)),
            Value::Number(r) => {
                // Toward integers, then toward zero.
                let mut simpler = Vec::new();
                if *r.denom() != 1 {
                    simpler.push(Value::Number(r.clone().trunc()));
                }
                if *r != 0 {
                    simpler.push(Value::Number(Rational::new()));
                }
                Box::new(simpler.into_iter())
            }
            Value::Choice(_) => Box::new(std::iter::empty()),
        }
    }
}

impl Arbitrary for Instance {
    fn arbitrary(g: &mut Gen) -> Self {
        let names = ["n", "p", "t", "law", "k"];
        let count = usize::arbitrary(g) % (names.len() + 1);
        Instance(names[..count].iter().map(|n| (n.to_string(), Value::arbitrary(g))).collect())
    }

    fn shrink(&self) -> Box<dyn Iterator<Item = Self>> {
        let entries: Vec<(String, Value)> = self.0.clone().into_iter().collect();
        Box::new(entries.shrink().map(|e| Instance(e.into_iter().collect())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::parse_rational;

    quickcheck::quickcheck! {
        /// The replay format is lossless: every value survives the JSON round trip exactly.
        fn json_round_trip_is_exact(instance: Instance) -> bool {
            let json = instance.to_json();
            instance.0.iter().all(|(name, value)| match (value, &json[name]) {
                (Value::Integer(i), j) => j.as_i64() == Some(*i),
                (Value::Number(r), j) => j.as_str().and_then(|s| parse_rational(s).ok()).as_ref() == Some(r),
                (Value::Choice(c), j) => j.as_str() == Some(c.as_str()),
            })
        }
    }
}
