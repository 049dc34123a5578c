//! `eval`: JSON lines in, JSON lines out.

use super::EXIT_OK;
use std::io::{BufRead, Write};

pub fn run() -> Result<i32, String> {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in stdin.lock().lines() {
        let line = line.map_err(|e| format!("cannot read standard input: {e}"))?;
        if line.trim().is_empty() {
            continue;
        }
        let answer = theoremcheck::eval::answer_line(&line);
        writeln!(out, "{answer}").map_err(|e| format!("cannot write standard output: {e}"))?;
    }
    out.flush().map_err(|e| format!("cannot write standard output: {e}"))?;
    Ok(EXIT_OK)
}
