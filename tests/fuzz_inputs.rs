//! A fuzzing campaign that stays (issue 18): proptest-driven fuzz targets for the three parsers
//! that read a user's text — the spec loader, the `eval` line parser and evaluator, and
//! `--replay` instances. Each must answer every input (a value or a typed error), never panic.
//! Inputs are drawn around the valid forms (real specs with lines dropped, duplicated or
//! mutated; requests with arbitrary names, arguments and precisions; instances with values of
//! every JSON kind), so the parsers' deeper paths are reached, plus raw arbitrary strings.
//! The runs are bounded (a few seconds in `cargo test`); a longer campaign raises the case count
//! with `THEOREMCHECK_FUZZ_CASES` (see README, Budgets).

mod common;
use common::root;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::path::Path;
use theoremcheck::eval::{answer_line_within, Budget};

/// Cases per target: small by default, raised for a longer campaign.
fn cases() -> u32 {
    std::env::var("THEOREMCHECK_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(200)
}

fn runner() -> TestRunner {
    TestRunner::new(Config { cases: cases(), failure_persistence: None, ..Config::default() })
}

/// The catalogue's spec texts, as seeds for mutation.
fn spec_texts() -> Vec<String> {
    let mut texts: Vec<String> = common::catalogue_specs().iter().map(|s| std::fs::read_to_string(&s.path).unwrap()).collect();
    texts.truncate(24);
    texts
}

/// A line-level mutation of a text: drop, duplicate, or replace one line, or cut the text.
fn mutate(text: &str, op: u8, at: usize, junk: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if lines.is_empty() {
        return junk.to_string();
    }
    let i = at % lines.len();
    match op % 5 {
        0 => {
            lines.remove(i);
        }
        1 => {
            let line = lines[i].clone();
            lines.insert(i, line);
        }
        2 => lines[i] = junk.to_string(),
        3 => {
            let line = &lines[i];
            let cut = line.char_indices().map(|(j, _)| j).nth(at % (line.chars().count() + 1)).unwrap_or(line.len());
            lines[i] = format!("{}{junk}", &line[..cut]);
        }
        _ => lines.truncate(i),
    }
    lines.join("\n")
}

#[test]
fn fuzz_the_spec_loader() {
    let texts = spec_texts();
    let junk = prop_oneof![
        Just("max = 99999999999999999999".to_string()),
        Just("min = \"1/0\"".to_string()),
        Just("cases = 0".to_string()),
        Just("grid = { n = [] }".to_string()),
        Just("[parameters.zz]".to_string()),
        Just("kind = \"integer\"".to_string()),
        ".{0,40}",
    ];
    let strategy = (0..texts.len(), any::<u8>(), any::<usize>(), junk);
    runner()
        .run(&strategy, |(which, op, at, junk)| {
            let text = mutate(&texts[which], op, at, &junk);
            // Ok or a typed error naming the file; a panic fails the test.
            if let Err(e) = theoremcheck::spec::parse_spec(&text, Path::new("fuzz.toml"), None) {
                prop_assert!(e.to_string().starts_with("fuzz.toml"));
            }
            Ok(())
        })
        .unwrap();
    runner()
        .run(&".{0,200}", |text| {
            let _ = theoremcheck::spec::parse_spec(&text, Path::new("fuzz.toml"), None);
            Ok(())
        })
        .unwrap();
}

/// A small budget, so that every admitted request is cheap and the run stays short.
fn small_budget() -> Budget {
    Budget { max_digits: 60, max_work: 1 << 26, max_line_bytes: 4096 }
}

fn number() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        (-3i64..1000).prop_map(serde_json::Value::from),
        Just(serde_json::json!(u64::MAX)),
        Just(serde_json::json!(0.5)),
        Just(serde_json::json!(null)),
        Just(serde_json::json!([])),
        Just(serde_json::json!(["1/2", 1, "x"])),
        "(-?[0-9]{1,4}(/[0-9]{1,4})?|0\\.[0-9]{1,6}|1e-[0-9]{1,3}|nan|inf|)".prop_map(serde_json::Value::from),
    ]
}

#[test]
fn fuzz_the_eval_line_parser_and_evaluator() {
    let names = prop_oneof![proptest::sample::select(theoremcheck::eval::FUNCTION_NAMES).prop_map(str::to_string), "[a-z_]{0,12}"];
    let keys =
        proptest::sample::select(vec!["n", "k", "p", "q", "c", "x", "delta", "emp_risk", "kl", "lambda", "conf", "correct", "bins", "zz"]);
    let args = proptest::collection::btree_map(keys, number(), 0..6);
    let prec = prop_oneof![Just(None), (0u64..70000).prop_map(Some)];
    let request = (names, args, prec).prop_map(|(f, a, prec)| {
        let mut r = serde_json::json!({"fn": f, "args": a});
        if let Some(p) = prec {
            r["prec"] = p.into();
        }
        r.to_string()
    });
    let budget = small_budget();
    let check = |line: &str| -> Result<(), TestCaseError> {
        let answer = answer_line_within(line, &budget);
        let ok = answer.get("error").is_some_and(serde_json::Value::is_string)
            || (answer["lo"].is_string() && answer["hi"].is_string() && answer["width_met"].is_boolean());
        prop_assert!(ok, "{line} -> {answer}");
        Ok(())
    };
    runner().run(&request, |line| check(&line)).unwrap();
    runner().run(&"\\PC{0,80}", |line| check(&line)).unwrap();
}

#[test]
fn fuzz_replay_parsing() {
    let specs = common::catalogue_specs();
    let hoeffding = specs.iter().find(|s| s.id == "concentration.hoeffding").unwrap().clone();
    let keys = proptest::sample::select(vec!["n", "p", "u", "zz"]);
    let instance = proptest::collection::btree_map(keys, number(), 0..5).prop_map(|m| serde_json::json!(m).to_string());
    runner()
        .run(&instance, |text| {
            if let Ok(i) = theoremcheck::engine::Instance::from_json(&text, &hoeffding) {
                prop_assert!(hoeffding.contains(&i), "{text} was accepted outside the domain");
            }
            Ok(())
        })
        .unwrap();
    runner()
        .run(&"\\PC{0,80}", |text| {
            let _ = theoremcheck::engine::Instance::from_json(&text, &hoeffding);
            Ok(())
        })
        .unwrap();
    let _ = root();
}
