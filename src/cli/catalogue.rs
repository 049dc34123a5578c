//! `list` and `show`.

use super::selection::select;
use super::table;
use super::{proofs_dir, EXIT_OK};
use std::path::Path;
use theoremcheck::spec::load_dir;

pub fn list(spec_dir: &Path, family: Option<&str>, source: Option<&str>) -> Result<i32, String> {
    let specs = load_dir(spec_dir).map_err(|e| e.to_string())?;
    let chosen = select(&specs, &[], family, source)?;
    let mut rows = vec![vec!["id".to_string(), "recorded".into(), "rigor".into(), "title".into()]];
    for s in chosen {
        rows.push(vec![s.id.clone(), s.recorded.to_string(), format!("{:?}", s.rigor).to_lowercase(), s.title.clone()]);
    }
    print!("{}", table::render(&rows));
    Ok(EXIT_OK)
}

pub fn show(spec_dir: &Path, id: &str) -> Result<i32, String> {
    let specs = load_dir(spec_dir).map_err(|e| e.to_string())?;
    let spec = specs.iter().find(|s| s.id == id).ok_or_else(|| format!("no claim with id '{id}' in {}", spec_dir.display()))?;
    println!("{} — {}", spec.id, spec.title);
    println!("source:    {}", spec.source);
    println!("rigor:     {:?}", spec.rigor);
    println!("recorded:  {}", spec.recorded);
    if let Some(c) = &spec.condition {
        println!("condition: {c}");
    }
    println!("\n{}\n", spec.statement.trim());
    println!("parameters:");
    for (name, domain) in &spec.parameters {
        println!("  {name}: {}", domain.describe());
    }
    for (name, c) in &spec.constants {
        println!(
            "  constant {name} ∈ [{}, {}], claim weakens as it {}",
            c.min,
            c.max,
            match c.monotone {
                theoremcheck::spec::Monotone::Increasing => "grows",
                theoremcheck::spec::Monotone::Decreasing => "shrinks",
            }
        );
    }
    match &spec.claim {
        Some(data) => {
            println!("\nclaim (data, {}):\n{}", spec.path.display(), data.program);
            for edge in &data.edges {
                println!("  edge {edge}");
            }
        }
        None => println!("\nclaim: Rust, src/theorems/{}/{}.rs", spec.family(), spec.name()),
    }
    if let Some(scaled) = &spec.sensitivity {
        let stronger = match scaled.strong {
            theoremcheck::spec::Strong::Smaller => "smaller",
            theoremcheck::spec::Strong::Larger => "larger",
        };
        println!("\nsensitivity also scales the published constant '{}' ({stronger} is stronger)", scaled.constant);
    }
    if spec.id == "universality.width_claims" {
        println!("\nrecorded width claims:\n{}", theoremcheck::theorems::universality::width_table());
    }
    let proof = proofs_dir(spec_dir).join(spec.family()).join(format!("{}.md", spec.name()));
    if proof.is_file() {
        println!("\nproof: {}", proof.display());
    } else {
        println!("\nproof: none at {}", proof.display());
    }
    Ok(EXIT_OK)
}

/// `functions`: every function a claim or an `eval` expression may call.
pub fn functions() -> Result<i32, String> {
    println!("Functions of the claim language (arguments: int ⊂ rational ⊂ real; rational = exact):\n");
    for f in theoremcheck::claim::functions::table() {
        println!("  {:<58} {}", f.signature(), f.summary);
    }
    println!("\nSpecial forms:\n");
    for (form, summary) in theoremcheck::claim::functions::SPECIAL_FORMS {
        println!("  {form:<58} {summary}");
    }
    println!("\nOperators: + - * / ^ (integer powers stay exact), < <= > >= == !=, and or not; constant: pi");
    let l = theoremcheck::claim::DEFAULT_LIMITS;
    println!("Budget per evaluation: {} sum/prod terms, {} bits per exact value, {:?}, binomial n ≤ {}", l.terms, l.bits, l.time, l.trials);
    Ok(EXIT_OK)
}
