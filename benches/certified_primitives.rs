//! Timing of the certified `eval` primitives, one JSON line per case, for the peer comparison
//! (`benches/peer/run.sh` runs this beside python-flint/Arb and mpmath on the same cases).
//!
//! Each case is a line of `eval` input; the time is that of `theoremcheck::eval::answer_line`
//! (parse, evaluate, render), the median of repeated calls after one warm-up call.
//! `--baseline` times, for the binomial functions, the exact-rational path that `eval` used
//! before the truncated sums (exact sum, then rounded outward), for before/after figures.
//!
//!     cargo bench --bench certified_primitives -- --cases benches/peer/certified_cases.jsonl
//!     cargo bench --bench certified_primitives -- --cases FILE --baseline --min-reps 1 --max-reps 1 --no-warm-up
//!
//! Output per case: `{"impl":"ours","case":i,"fn":..,"median_s":..,"reps":..,"rel_width":..}`.

use std::time::Instant;
use theoremcheck::eval::{answer_line, evaluate};
use theoremcheck::reference::{binomial_cdf, binomial_pmf, binomial_tail_upper, parse_rational, Enclosure};

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut cases, mut min_time, mut max_reps, mut baseline) =
        (String::from("benches/peer/certified_cases.jsonl"), 0.3f64, 200usize, false);
    let (mut min_reps, mut warm_up, mut round) = (3usize, true, 0u32);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--cases" => cases = args.next().expect("--cases FILE"),
            "--min-time" => min_time = args.next().and_then(|s| s.parse().ok()).expect("--min-time SECONDS"),
            "--max-reps" => max_reps = args.next().and_then(|s| s.parse().ok()).expect("--max-reps N"),
            "--baseline" => baseline = true,
            "--min-reps" => min_reps = args.next().and_then(|s| s.parse().ok()).expect("--min-reps N"),
            "--no-warm-up" => warm_up = false,
            "--round" => round = args.next().and_then(|s| s.parse().ok()).expect("--round R"),
            "--bench" => {}
            other => {
                panic!("unknown argument {other} (known: --cases, --min-time, --max-reps, --min-reps, --no-warm-up, --round, --baseline)")
            }
        }
    }
    let text = std::fs::read_to_string(&cases).unwrap_or_else(|e| panic!("{cases}: {e}"));
    for (i, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        let request: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        let function = request["fn"].as_str().expect("fn").to_string();
        let arguments = request["args"].as_object().expect("args").clone();
        let prec = request["prec"].as_u64().unwrap_or(256) as u32;
        let run: Box<dyn Fn() -> Enclosure> = if baseline {
            let Some(f) = exact_binomial(&function) else { continue };
            let n = arguments["n"].as_u64().expect("n") as u32;
            let k = arguments["k"].as_u64().expect("k") as u32;
            let p = parse_rational(arguments["p"].as_str().expect("p")).expect("p");
            Box::new(move || Enclosure::exact(f(n, k, &p).expect("valid")).to_interval(prec + 2).into())
        } else {
            let (function, arguments) = (function.clone(), arguments.clone());
            let line = line.to_string();
            Box::new(move || {
                std::hint::black_box(answer_line(&line));
                evaluate(&function, &arguments, prec).expect("valid case")
            })
        };
        // The timed call is answer_line alone (or the exact path); `run` also evaluates once more
        // for the width, outside the timing, on the warm-up call. Without a warm-up (for the
        // slow exact path) the first timed call gives the width.
        let mut times = Vec::new();
        let mut rel_width = None;
        if warm_up {
            rel_width = Some(run().relative_width(64).to_f64());
        }
        let started = Instant::now();
        while times.len() < min_reps || (started.elapsed().as_secs_f64() < min_time && times.len() < max_reps) {
            let t = Instant::now();
            if baseline {
                let value = std::hint::black_box(run());
                times.push(t.elapsed().as_secs_f64());
                rel_width.get_or_insert_with(|| value.relative_width(64).to_f64());
            } else {
                std::hint::black_box(answer_line(line));
                times.push(t.elapsed().as_secs_f64());
                rel_width.get_or_insert_with(|| run().relative_width(64).to_f64());
            }
        }
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        let label = if baseline { "ours_exact_before" } else { "ours" };
        println!(
            "{}",
            serde_json::json!({"impl": label, "round": round, "case": i, "fn": function, "args": arguments, "median_s": median, "reps": times.len(), "rel_width": rel_width})
        );
    }
}

type ExactFn = fn(u32, u32, &rug::Rational) -> Result<rug::Rational, theoremcheck::reference::BinomialError>;

fn exact_binomial(function: &str) -> Option<ExactFn> {
    match function {
        "binomial_tail_upper" => Some(binomial_tail_upper),
        "binomial_cdf" => Some(binomial_cdf),
        "binomial_pmf" => Some(binomial_pmf),
        _ => None,
    }
}
