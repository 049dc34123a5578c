//! `eval`: JSON lines in, JSON lines out.
//!
//! Every input line gets exactly one output line, in order, so a client can pair them: a blank
//! line, a line that is not UTF-8 and a line longer than the budget are answered with
//! `{"error": ...}` like any other bad request. A request runs under the [`Budget`]; when the
//! reader of our output goes away, we stop at once instead of computing answers nobody reads.

use super::EXIT_OK;
use clap::Args;
use std::io::{BufRead, ErrorKind, Read, Write};
use theoremcheck::eval::budget::{DEFAULT_MAX_DIGITS, DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_WORK};
use theoremcheck::eval::Budget;

/// The status of a process whose output pipe closed (as if killed by SIGPIPE).
const EXIT_CLOSED_PIPE: i32 = 141;

#[derive(Args)]
pub struct EvalArgs {
    /// Decimal digits allowed in one number (numerator and denominator together).
    #[arg(long, value_name = "DIGITS", default_value_t = DEFAULT_MAX_DIGITS, value_parser = clap::value_parser!(u64).range(1..))]
    max_digits: u64,
    /// Estimated work allowed per request, in bit operations (2^34 is about 1–3 s on one core);
    /// see README "Budgets" for how each function's work is estimated.
    #[arg(long, value_name = "UNITS", default_value_t = DEFAULT_MAX_WORK, value_parser = clap::value_parser!(u64).range(1..))]
    max_work: u64,
    /// Bytes allowed in one request line.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_LINE_BYTES)]
    max_line_bytes: usize,
}

pub fn run(args: EvalArgs) -> Result<i32, String> {
    if args.max_line_bytes == 0 {
        return Err("--max-line-bytes must be at least 1".into());
    }
    let budget = Budget { max_digits: args.max_digits, max_work: args.max_work, max_line_bytes: args.max_line_bytes };
    super::output_watch::exit_when_stdout_closes(EXIT_CLOSED_PIPE);
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    loop {
        let answer = match read_line(&mut input, budget.max_line_bytes) {
            Err(e) => return Err(format!("cannot read standard input: {e}")),
            Ok(Line::End) => break,
            Ok(Line::TooLong(bytes)) => serde_json::json!({"error": format!(
                "budget exceeded: the line has at least {bytes} bytes; the limit is {} (raise it with --max-line-bytes)",
                budget.max_line_bytes
            )}),
            Ok(Line::Text(bytes)) => match String::from_utf8(bytes) {
                Ok(line) => theoremcheck::eval::answer_line_within(&line, &budget),
                Err(e) => serde_json::json!({"error": format!("the line is not valid UTF-8: {}", e.utf8_error())}),
            },
        };
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

enum Line {
    /// One line without its terminator (`\n` or `\r\n`), as raw bytes.
    Text(Vec<u8>),
    /// A line longer than the limit, consumed up to its end; how many bytes it had.
    TooLong(usize),
    End,
}

/// Reads one line as bytes (so invalid UTF-8 costs that line only), holding at most `limit`
/// bytes of it in memory.
fn read_line(input: &mut impl BufRead, limit: usize) -> std::io::Result<Line> {
    let mut bytes = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let read = input.by_ref().take(cap).read_until(b'\n', &mut bytes)?;
    if read == 0 {
        return Ok(Line::End);
    }
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
        return Ok(Line::Text(bytes));
    }
    if bytes.len() <= limit {
        return Ok(Line::Text(bytes)); // the last line, without a newline
    }
    // Too long: skip the rest of the line without keeping it.
    let mut total = bytes.len();
    loop {
        let buffer = input.fill_buf()?;
        if buffer.is_empty() {
            return Ok(Line::TooLong(total));
        }
        match buffer.iter().position(|&b| b == b'\n') {
            Some(i) => {
                input.consume(i + 1);
                return Ok(Line::TooLong(total + i));
            }
            None => {
                let n = buffer.len();
                total += n;
                input.consume(n);
            }
        }
    }
}
