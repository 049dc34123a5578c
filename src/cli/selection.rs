//! Choosing claims by id, family and source, shared by `list`, `check` and `report`.

use theoremcheck::spec::Spec;

/// The specs named by `ids` (all when empty) that pass the family and source filters, in id
/// order. An id that does not exist, or an empty selection, is a usage error.
pub fn select<'a>(specs: &'a [Spec], ids: &[String], family: Option<&str>, source: Option<&str>) -> Result<Vec<&'a Spec>, String> {
    if let Some(missing) = ids.iter().find(|id| !specs.iter().any(|s| &s.id == *id)) {
        return Err(format!("no claim with id '{missing}'"));
    }
    let source = source.map(str::to_lowercase);
    let chosen: Vec<&Spec> = specs
        .iter()
        .filter(|s| ids.is_empty() || ids.contains(&s.id))
        .filter(|s| family.is_none_or(|f| s.family() == f))
        .filter(|s| source.as_deref().is_none_or(|src| s.source.to_string().to_lowercase().contains(src)))
        .collect();
    if chosen.is_empty() {
        return Err(format!("no claim matches the ids and filters given (family {family:?}, source {source:?})"));
    }
    Ok(chosen)
}
