//! `eval`: JSON lines in, JSON lines out.

use super::EXIT_OK;
use std::io::{BufRead, ErrorKind, Write};

/// The status of a process whose output pipe closed (as if killed by SIGPIPE).
const EXIT_CLOSED_PIPE: i32 = 141;

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
        match writeln!(out, "{answer}") {
            Ok(()) => {}
            Err(e) if e.kind() == ErrorKind::BrokenPipe => return Ok(EXIT_CLOSED_PIPE),
            Err(e) => return Err(format!("cannot write standard output: {e}")),
        }
    }
    match out.flush() {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(EXIT_CLOSED_PIPE),
        Err(e) => Err(format!("cannot write standard output: {e}")),
        Ok(()) => Ok(EXIT_OK),
    }
}
