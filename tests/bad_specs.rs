//! Malformed specs are refused with a message that names the file, the line and the problem.
//! Each case here is a spec a user could plausibly write by mistake.

use std::path::Path;
use theoremcheck::spec::{load_dir, parse_spec};

const GOOD: &str = r#"id = "demo.claim"
title = "t"
statement = "s"
rigor = "exact"
verdict = "holds"
cases = 10

[source]
citation = "c"

[parameters]
n = { kind = "integer", min = 1, max = 5 }
"#;

fn error_for(text: &str) -> theoremcheck::spec::SpecError {
    parse_spec(text, Path::new("spec/demo/claim.toml"), Some("demo.claim")).expect_err("the spec must be refused")
}

#[test]
fn the_good_spec_parses() {
    let spec = parse_spec(GOOD, Path::new("spec/demo/claim.toml"), Some("demo.claim")).unwrap();
    assert_eq!(spec.family(), "demo");
    assert_eq!(spec.min_cases, 5);
}

#[test]
fn an_unknown_key_is_named_with_its_line() {
    let e = error_for(&GOOD.replace("cases = 10", "cases = 10\ncasse = 3"));
    assert_eq!(e.line, Some(7), "{e}");
    assert!(e.problem.contains("casse"), "{e}");
    assert!(e.to_string().starts_with("spec/demo/claim.toml:7:"), "{e}");
}

#[test]
fn a_wrong_type_is_named() {
    let e = error_for(&GOOD.replace("cases = 10", "cases = \"ten\""));
    assert_eq!(e.line, Some(6), "{e}");
}

#[test]
fn min_above_max_is_named_with_the_parameter() {
    let e = error_for(&GOOD.replace("min = 1, max = 5", "min = 6, max = 5"));
    assert!(e.problem.contains("parameter 'n'") && e.problem.contains("greater than"), "{e}");
    assert_eq!(e.line, Some(12), "{e}");
}

#[test]
fn an_empty_domain_is_refused() {
    let text = GOOD
        .replace(r#"n = { kind = "integer", min = 1, max = 5 }"#, r#"p = { kind = "rational", min = "1/2", max = "1/2", open = "min" }"#);
    assert!(error_for(&text).problem.contains("empty"));
    let text = GOOD.replace(r#"n = { kind = "integer", min = 1, max = 5 }"#, r#"law = { kind = "set", values = [] }"#);
    assert!(error_for(&text).problem.contains("at least one value"));
}

#[test]
fn a_float_literal_is_refused_because_it_was_rounded() {
    let text = GOOD.replace(r#"n = { kind = "integer", min = 1, max = 5 }"#, r#"p = { kind = "rational", min = 0.1, max = "1" }"#);
    let e = error_for(&text);
    assert!(e.problem.contains("TOML float"), "{e}");
}

#[test]
fn an_id_that_does_not_match_its_path_is_refused() {
    let e = error_for(&GOOD.replace("demo.claim", "demo.other"));
    assert!(e.problem.contains("does not match"), "{e}");
    assert_eq!(e.line, Some(1));
    let e = error_for(&GOOD.replace("demo.claim", "Demo-Claim"));
    assert!(e.problem.contains("family.name"), "{e}");
}

#[test]
fn grid_values_must_lie_in_their_domains() {
    let e = error_for(&format!("{GOOD}\n[tightness]\ngrid = {{ n = [1, 9] }}\n"));
    assert!(e.problem.contains("outside the domain"), "{e}");
    let e = error_for(&format!("{GOOD}\n[tightness]\ngrid = {{ m = [1] }}\n"));
    assert!(e.problem.contains("not a parameter"), "{e}");
}

#[test]
fn min_cases_above_cases_is_refused() {
    let e = error_for(&GOOD.replace("cases = 10", "cases = 10\nmin_cases = 11"));
    assert!(e.problem.contains("exceeds"), "{e}");
}

#[test]
fn a_duplicate_id_in_a_directory_is_refused() {
    let dir = std::env::temp_dir().join(format!("theoremcheck-dup-{}", std::process::id()));
    let family = dir.join("demo");
    std::fs::create_dir_all(&family).unwrap();
    std::fs::write(family.join("claim.toml"), GOOD).unwrap();
    // Same id in a second file: its own path check fails first, which is the message users see.
    std::fs::write(family.join("copy.toml"), GOOD).unwrap();
    let e = load_dir(&dir).expect_err("must be refused");
    assert!(e.problem.contains("does not match") || e.problem.contains("duplicate"), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}
