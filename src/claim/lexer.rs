//! Tokens of the claim language, each with the byte range it came from.

use super::location::Span;
use super::SyntaxError;

/// The longest expression accepted: a claim is a formula, not a program, and a bound on the
/// text bounds the parser's work.
pub const MAX_EXPRESSION_BYTES: usize = 16 * 1024;

#[derive(Clone, Debug, PartialEq)]
pub enum Token {
    /// A numeric literal exactly as written (`12`, `0.25`, `1e-3`).
    Number(String),
    Ident(String),
    /// A quoted string, for comparing set-valued parameters.
    Str(String),
    /// An operator or punctuation: `+ - * / ^ ( ) , < <= > >= == != =`.
    Symbol(&'static str),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Lexeme {
    pub token: Token,
    pub span: Span,
}

const SYMBOLS: [&str; 15] = ["<=", ">=", "==", "!=", "+", "-", "*", "/", "^", "(", ")", ",", "<", ">", "="];

/// Splits `text` into tokens; unknown characters and unterminated strings are errors at their
/// position.
pub fn tokenize(text: &str) -> Result<Vec<Lexeme>, SyntaxError> {
    if text.len() > MAX_EXPRESSION_BYTES {
        return Err(SyntaxError::new(
            Span::new(0, 0),
            format!("the expression is {} bytes long; at most {MAX_EXPRESSION_BYTES} are accepted", text.len()),
        ));
    }
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if c.is_ascii_digit() || (c == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            i = number_end(bytes, i);
            out.push(Lexeme { token: Token::Number(text[start..i].to_string()), span: Span::new(start, i) });
        } else if c.is_ascii_alphabetic() || c == b'_' {
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            out.push(Lexeme { token: Token::Ident(text[start..i].to_string()), span: Span::new(start, i) });
        } else if c == b'"' || c == b'\'' {
            let close =
                text[i + 1..].find(c as char).ok_or_else(|| SyntaxError::new(Span::new(start, text.len()), "unterminated string"))?;
            i += close + 2;
            out.push(Lexeme { token: Token::Str(text[start + 1..i - 1].to_string()), span: Span::new(start, i) });
        } else if let Some(symbol) = SYMBOLS.iter().find(|s| text[i..].starts_with(**s)) {
            i += symbol.len();
            out.push(Lexeme { token: Token::Symbol(symbol), span: Span::new(start, i) });
        } else {
            let ch = text[i..].chars().next().unwrap_or('?');
            let hint = match ch {
                '×' | '·' => " (write * for multiplication)",
                '≤' => " (write <=)",
                '≥' => " (write >=)",
                '−' => " (write - for minus)",
                '√' => " (write sqrt(x))",
                _ => "",
            };
            return Err(SyntaxError::new(Span::new(start, start + ch.len_utf8()), format!("unexpected character '{ch}'{hint}")));
        }
    }
    Ok(out)
}

/// The end of a numeric literal starting at `i`: digits, an optional fraction, an optional
/// exponent. Malformed forms (`1.2.3`, `1e`) are caught when the literal is read.
fn number_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
        i += 1;
    }
    if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
        let mut j = i + 1;
        if j < bytes.len() && (bytes[j] == b'+' || bytes[j] == b'-') {
            j += 1;
        }
        if j < bytes.len() && bytes[j].is_ascii_digit() {
            while j < bytes.len() && bytes[j].is_ascii_digit() {
                j += 1;
            }
            i = j;
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_operators_numbers_and_names() {
        let tokens: Vec<Token> = tokenize("exp(-2*n*t^2) <= 0.5e-3").unwrap().into_iter().map(|l| l.token).collect();
        assert_eq!(tokens[0], Token::Ident("exp".into()));
        assert_eq!(tokens[2], Token::Symbol("-"));
        assert!(tokens.contains(&Token::Symbol("<=")));
        assert_eq!(tokens.last(), Some(&Token::Number("0.5e-3".into())));
    }

    #[test]
    fn names_an_unexpected_character_with_a_hint() {
        let e = tokenize("a × b").unwrap_err();
        assert_eq!(e.span.start, 2);
        assert!(e.message.contains("write *"), "{}", e.message);
    }
}
