//! Where an expression came from, so that every error names the file, line and column.

use std::fmt;
use std::path::PathBuf;

/// A byte range inside one expression's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn to(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

/// One expression's text and where its first character sits in its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExprSource {
    /// The file (a spec), or a pseudo-name such as `<eval>`.
    pub file: PathBuf,
    /// The key it was written under (`lhs`, `let.q`, `assume[1]`).
    pub key: String,
    pub text: String,
    /// 1-based line and column of `text`'s first character.
    pub line: usize,
    pub column: usize,
}

impl ExprSource {
    /// A stand-alone expression (an `eval` request, a test): line 1, column 1.
    pub fn detached(key: &str, text: &str) -> Self {
        ExprSource { file: PathBuf::from("<expression>"), key: key.into(), text: text.into(), line: 1, column: 1 }
    }

    /// The 1-based line and column of byte `offset` of the text.
    pub fn position(&self, offset: usize) -> Position {
        let before = &self.text[..floor_char_boundary(&self.text, offset)];
        match before.rfind('\n') {
            Some(newline) => Position { line: self.line + before.matches('\n').count(), column: before[newline + 1..].chars().count() + 1 },
            None => Position { line: self.line, column: self.column + before.chars().count() },
        }
    }

    pub fn at(&self, span: Span) -> Located {
        Located { file: self.file.clone(), key: self.key.clone(), position: self.position(span.start) }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// A place in a spec: `file:line:column (key)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    pub file: PathBuf,
    pub key: String,
    pub position: Position,
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{} (in {})", self.file.display(), self.position.line, self.position.column, self.key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_and_lines_count_newlines() {
        let source = ExprSource { file: "f.toml".into(), key: "lhs".into(), text: "a +\n  ε*b".into(), line: 7, column: 9 };
        assert_eq!(source.position(2), Position { line: 7, column: 11 });
        assert_eq!(source.position(source.text.find('b').unwrap()), Position { line: 8, column: 5 });
    }
}
