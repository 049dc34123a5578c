//! Reading and validating spec files.

use super::{ConstantSpec, Domain, GridValue, RationalLit, RecordedVerdict, Rigor, ScaledConstant, Source, Spec, Tightness};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// A spec that cannot be used, with the file, the line (1-based) where known, and the problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecError {
    pub file: PathBuf,
    pub line: Option<usize>,
    /// 1-based column, for errors inside a claim's expressions.
    pub column: Option<usize>,
    pub problem: String,
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(f, "{}:{}:{}: {}", self.file.display(), line, column, self.problem),
            (Some(line), None) => write!(f, "{}:{}: {}", self.file.display(), line, self.problem),
            _ => write!(f, "{}: {}", self.file.display(), self.problem),
        }
    }
}

impl std::error::Error for SpecError {}

/// The file as written, before validation.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpec {
    id: Spanned<String>,
    title: String,
    source: Source,
    statement: String,
    #[serde(default)]
    condition: Option<String>,
    rigor: Rigor,
    verdict: RecordedVerdict,
    cases: Spanned<u32>,
    #[serde(default)]
    min_cases: Option<Spanned<u32>>,
    #[serde(default)]
    search_cases: Option<u32>,
    #[serde(default)]
    range: Option<Spanned<[RationalLit; 2]>>,
    #[serde(default)]
    readings: Vec<String>,
    #[serde(default)]
    parameters: BTreeMap<String, Spanned<Domain>>,
    #[serde(default)]
    constants: BTreeMap<String, Spanned<ConstantSpec>>,
    #[serde(default)]
    tightness: Option<Spanned<Tightness>>,
    #[serde(default)]
    claim: Option<super::claim_table::RawClaim>,
    #[serde(default)]
    sensitivity: Option<Spanned<ScaledConstant>>,
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].bytes().filter(|&b| b == b'\n').count() + 1
}

/// Parses and validates spec text. `path` is where it came from (for messages), and, when
/// `expected_id` is given, the id the path implies.
pub fn parse_spec(text: &str, path: &Path, expected_id: Option<&str>) -> Result<Spec, SpecError> {
    let error = |line: Option<usize>, problem: String| SpecError { file: path.to_path_buf(), line, column: None, problem };
    let raw: RawSpec = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start));
        error(line, e.message().to_string())
    })?;
    let at = |span: std::ops::Range<usize>| Some(line_of(text, span.start));

    let id = raw.id.get_ref().clone();
    let id_line = at(raw.id.span());
    let valid_part = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    match id.split_once('.') {
        Some((family, name)) if valid_part(family) && valid_part(name) => {}
        _ => return Err(error(id_line, format!("id '{id}' must be 'family.name' in lowercase letters, digits and '_'"))),
    }
    if let Some(expected) = expected_id {
        if id != expected {
            return Err(error(id_line, format!("id '{id}' does not match the file's path, which implies '{expected}'")));
        }
    }
    let cases = *raw.cases.get_ref();
    if !(1..=super::limits::MAX_CASES).contains(&cases) {
        return Err(error(at(raw.cases.span()), format!("cases = {cases} is outside 1..={}", super::limits::MAX_CASES)));
    }
    if let Some(search) = raw.search_cases.filter(|s| *s > super::limits::MAX_CASES) {
        return Err(error(None, format!("search_cases = {search} exceeds {}", super::limits::MAX_CASES)));
    }
    let min_cases = match &raw.min_cases {
        Some(m) if *m.get_ref() > cases => {
            return Err(error(at(m.span()), format!("min_cases = {} exceeds cases = {cases}", m.get_ref())));
        }
        Some(m) => *m.get_ref(),
        None => cases.div_ceil(2),
    };
    let range = match raw.range {
        None => None,
        Some(r) => {
            let line = at(r.span());
            let [min, max] = r.into_inner();
            if min.0 >= max.0 {
                return Err(error(line, format!("range = [{min}, {max}] is empty: the first end must be below the second")));
            }
            Some((min, max))
        }
    };
    if let Some(bad) = raw.readings.iter().find(|r| !r.starts_with(&format!("{id}_"))) {
        return Err(error(id_line, format!("reading '{bad}' must be named '{id}_<reading>'")));
    }
    let mut parameters = BTreeMap::new();
    for (name, domain) in raw.parameters {
        if let Some(problem) = domain.get_ref().problem().or_else(|| super::limits::domain_beyond_limits(domain.get_ref())) {
            return Err(error(at(domain.span()), format!("parameter '{name}': {problem}")));
        }
        parameters.insert(name, domain.into_inner());
    }
    let mut constants = BTreeMap::new();
    for (name, constant) in raw.constants {
        let c = constant.get_ref();
        if c.min.0 > c.max.0 {
            return Err(error(at(constant.span()), format!("constant '{name}': min = {} is greater than max = {}", c.min, c.max)));
        }
        if parameters.contains_key(&name) {
            return Err(error(at(constant.span()), format!("'{name}' is declared both as a parameter and as a constant")));
        }
        if let Some(v) = c.report_at.iter().find(|v| v.0 < c.min.0 || v.0 > c.max.0) {
            return Err(error(at(constant.span()), format!("constant '{name}': report_at value {v} is outside [{}, {}]", c.min, c.max)));
        }
        constants.insert(name, constant.into_inner());
    }
    let tightness = match raw.tightness {
        None => None,
        Some(t) => {
            let line = at(t.span());
            let t = t.into_inner();
            validate_grid(&t, &parameters).map_err(|p| error(line, p))?;
            if let Some(problem) = super::limits::grid_beyond_limits(&t) {
                return Err(error(line, problem));
            }
            Some(t)
        }
    };
    let mut spec = Spec {
        id,
        title: raw.title,
        source: raw.source,
        statement: raw.statement,
        condition: raw.condition,
        rigor: raw.rigor,
        recorded: raw.verdict,
        cases,
        min_cases,
        search_cases: raw.search_cases.unwrap_or(cases),
        range,
        readings: raw.readings,
        parameters,
        constants,
        tightness,
        sensitivity: None,
        claim: None,
        path: path.to_path_buf(),
    };
    if let Some(raw_claim) = raw.claim {
        spec.claim = Some(super::claim_table::compile(raw_claim, &spec, text, path)?);
    }
    if let Some(scaled) = raw.sensitivity {
        let line = at(scaled.span());
        let scaled = scaled.into_inner();
        if let Some(claim) = &spec.claim {
            claim.source.scaled_constant_problem(&scaled.constant).map_or(Ok(()), |p| Err(error(line, format!("[sensitivity]: {p}"))))?;
        }
        spec.sensitivity = Some(scaled);
    }
    Ok(spec)
}

fn validate_grid(t: &Tightness, parameters: &BTreeMap<String, Domain>) -> Result<(), String> {
    for (name, values) in &t.grid {
        let domain = parameters.get(name).ok_or_else(|| format!("tightness grid names '{name}', which is not a parameter"))?;
        if values.is_empty() {
            return Err(format!("tightness grid for '{name}' is empty"));
        }
        for v in values {
            grid_value_in_domain(v, domain).map_err(|p| format!("tightness grid value for '{name}': {p}"))?;
        }
    }
    if let Some(missing) = parameters.keys().find(|k| !t.grid.contains_key(*k)) {
        return Err(format!("tightness grid gives no values for parameter '{missing}'"));
    }
    Ok(())
}

/// Checks that a grid value has the domain's kind and lies inside it.
pub(crate) fn grid_value_in_domain(v: &GridValue, domain: &Domain) -> Result<(), String> {
    let inside = match (v, domain) {
        (GridValue::Integer(i), Domain::Integer { .. }) => domain.contains_integer(*i),
        (GridValue::Integer(i), Domain::Rational { .. } | Domain::Real { .. }) => domain.contains_rational(&rug::Rational::from(*i)),
        (GridValue::Text(s), Domain::Rational { .. } | Domain::Real { .. }) => {
            let r = crate::reference::parse_rational(s).map_err(|e| e.to_string())?;
            domain.contains_rational(&r)
        }
        (GridValue::Text(s), Domain::Set { .. }) => domain.contains_choice(s),
        (v, d) => return Err(format!("{v:?} does not fit a {} domain", d.kind())),
    };
    if inside {
        Ok(())
    } else {
        Err(format!("{} is outside the domain {}", grid_text(v), domain.describe()))
    }
}

fn grid_text(v: &GridValue) -> String {
    match v {
        GridValue::Integer(i) => i.to_string(),
        GridValue::Text(s) => s.clone(),
    }
}

fn read_spec_text(path: &Path) -> Result<String, SpecError> {
    std::fs::read_to_string(path).map_err(|e| SpecError {
        file: path.to_path_buf(),
        line: None,
        column: None,
        problem: format!("cannot read: {e}"),
    })
}

/// Reads one spec file; `root` is the spec directory, used to derive the expected id.
pub fn load_file(path: &Path, root: &Path) -> Result<Spec, SpecError> {
    let text = read_spec_text(path)?;
    let expected = expected_id(path, root);
    parse_spec(&text, path, expected.as_deref())
}

/// A spec directly in the spec folder: its id may name any family, but its name part must be
/// the file's stem, so that `--replay` and error messages still point at one file.
fn load_flat_file(path: &Path) -> Result<Spec, SpecError> {
    let text = read_spec_text(path)?;
    let spec = parse_spec(&text, path, None)?;
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    if spec.name() != stem {
        return Err(SpecError {
            file: path.to_path_buf(),
            line: None,
            column: None,
            problem: format!("id '{}' must end in '.{stem}', the file's name", spec.id),
        });
    }
    Ok(spec)
}

fn push_unique(specs: &mut Vec<Spec>, spec: Spec, path: PathBuf) -> Result<(), SpecError> {
    if let Some(other) = specs.iter().find(|s| s.id == spec.id) {
        return Err(SpecError {
            file: path,
            line: None,
            column: None,
            problem: format!("duplicate id '{}', also declared in {}", spec.id, other.path.display()),
        });
    }
    specs.push(spec);
    Ok(())
}

/// `root/family/name.toml` implies id `family.name`.
fn expected_id(path: &Path, root: &Path) -> Option<String> {
    let relative = path.strip_prefix(root).ok()?;
    let parts: Vec<_> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    match parts.as_slice() {
        [family, file] => Some(format!("{family}.{}", file.strip_suffix(".toml")?)),
        _ => None,
    }
}

/// Hidden entries (`.name`) are not specs: editors keep lock files (`.#name.toml`, often a
/// dangling link) and swap files there, and one must not break every command.
fn is_hidden(entry: &std::fs::DirEntry) -> bool {
    entry.file_name().to_string_lossy().starts_with('.')
}

/// Reads every `*.toml` under `root/<family>/` and directly in `root/` (a flat folder of a user's
/// bounds), hidden files skipped, sorted by id. An id used twice is an error.
pub fn load_dir(root: &Path) -> Result<Vec<Spec>, SpecError> {
    let dir_error = |p: &Path, e: std::io::Error| SpecError {
        file: p.to_path_buf(),
        line: None,
        column: None,
        problem: format!("cannot read directory: {e}"),
    };
    let mut specs: Vec<Spec> = Vec::new();
    let mut families: Vec<_> =
        std::fs::read_dir(root).map_err(|e| dir_error(root, e))?.collect::<Result<_, _>>().map_err(|e| dir_error(root, e))?;
    families.sort_by_key(|e| e.path());
    for family in families.into_iter().filter(|e| !is_hidden(e)) {
        let family_path = family.path();
        if !family_path.is_dir() {
            if family_path.extension().is_some_and(|e| e == "toml") {
                // A user's folder of bounds may be flat: `mybounds/<name>.toml` with any family.
                let spec = load_flat_file(&family_path)?;
                push_unique(&mut specs, spec, family_path)?;
            }
            continue;
        }
        let mut files: Vec<_> = std::fs::read_dir(&family_path)
            .map_err(|e| dir_error(&family_path, e))?
            .collect::<Result<_, _>>()
            .map_err(|e| dir_error(&family_path, e))?;
        files.sort_by_key(|e| e.path());
        for file in files.into_iter().filter(|e| !is_hidden(e)) {
            let path = file.path();
            if path.extension().is_some_and(|e| e == "toml") {
                let spec = load_file(&path, root)?;
                push_unique(&mut specs, spec, path)?;
            }
        }
    }
    specs.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(specs)
}
