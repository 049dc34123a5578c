//! One SVG per claim: the ratio or margin across the grid.
//!
//! The x axis is the grid parameter with the most values (an integer one on ties, since sample
//! sizes are what such grids sweep), on a log10 scale when its values are positive and span a
//! decade or more; every combination of the other parameters is one line. Ratios and positive
//! margins are plotted as log10 of the value, computed from the enclosure's midpoint with MPFR's
//! exponent range, because tails like 10^-3000 are far below what `f64` or a plotting library's
//! log axis can hold. A dashed line marks where the claim is tight (for a margin on a log axis
//! that is at −∞, and no line is drawn). Plots are for reading only;
//! nothing is decided from them.

use super::gather::{midpoint, value_text};
use super::{GridReport, ReportError};
use crate::engine::Value;
use crate::spec::Measure;
use plotters::prelude::*;

const SIZE: (u32, u32) = (900, 560);

/// Line colours: dark enough to read on white, distinct from the grey tight line.
const COLORS: [RGBColor; 10] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 60, 160),
    RGBColor(230, 159, 0),
    RGBColor(170, 30, 40),
    RGBColor(40, 40, 40),
    RGBColor(86, 180, 233),
    RGBColor(120, 100, 20),
];

/// How one axis maps values to plot coordinates.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scale {
    Linear,
    Log10,
}

/// The SVG text of the plot for claim `id`.
pub fn svg(id: &str, g: &GridReport) -> Result<String, ReportError> {
    let err = |e: &dyn std::fmt::Display| ReportError::Plot { id: id.to_string(), problem: e.to_string() };
    let x_name = x_axis(g);
    let x_values = x_values(g, &x_name);
    let x_scale =
        if x_values.iter().all(|(_, v)| v.is_some_and(|v| v > 0.0)) && span(&x_values) >= 10.0 { Scale::Log10 } else { Scale::Linear };
    let x_at = |text: &str| -> f64 {
        let (i, v) = x_values.iter().enumerate().find(|(_, (t, _))| t == text).map(|(i, (_, v))| (i, *v)).unwrap_or((0, None));
        match (x_scale, v) {
            (Scale::Log10, Some(v)) => v.log10(),
            (Scale::Linear, Some(v)) => v,
            (_, None) => i as f64,
        }
    };
    let y_scale = if g.points.iter().filter_map(|p| p.measure.as_ref()).all(|m| m.lo(64) > 0) { Scale::Log10 } else { Scale::Linear };
    let y_of = |m: &crate::reference::Enclosure| -> Option<f64> {
        let mid = midpoint(m);
        let y = match y_scale {
            Scale::Log10 => mid.log10().to_f64(),
            Scale::Linear => mid.to_f64(),
        };
        y.is_finite().then_some(y)
    };

    // One series per combination of the other parameters, in grid order.
    let mut series: Vec<(String, Vec<(f64, f64)>)> = Vec::new();
    for p in &g.points {
        let label: Vec<String> =
            p.instance.0.iter().filter(|(k, _)| **k != x_name).map(|(k, v)| format!("{k} = {}", value_text(v))).collect();
        let label = label.join(", ");
        let Some(y) = p.measure.as_ref().and_then(y_of) else { continue };
        let x = x_at(&p.instance.0.get(&x_name).map(value_text).unwrap_or_default());
        match series.iter_mut().find(|(l, _)| *l == label) {
            Some((_, pts)) => pts.push((x, y)),
            None => series.push((label, vec![(x, y)])),
        }
    }
    // Where the claim is tight, in plot coordinates: a ratio of 1 (log10 1 = 0), a margin of 0.
    // A margin on a log axis has its tight value at −∞, so no line is drawn for it.
    let tight_y = match (g.measure, y_scale) {
        (Measure::Ratio, Scale::Log10) => Some(0.0),
        (Measure::Ratio, Scale::Linear) => Some(1.0),
        (Measure::Margin, Scale::Linear) => Some(0.0),
        (Measure::Margin, Scale::Log10) => None,
    };
    let xs: Vec<f64> = series.iter().flat_map(|(_, p)| p.iter().map(|q| q.0)).collect();
    let mut ys: Vec<f64> = series.iter().flat_map(|(_, p)| p.iter().map(|q| q.1)).collect();
    ys.extend(tight_y);
    let x_range = padded(&xs, 0.04);
    let y_range = padded(&ys, 0.06);

    let y_desc = match y_scale {
        Scale::Log10 => format!("log10({})", g.definition()),
        Scale::Linear => g.definition().to_string(),
    };
    let x_desc = match x_scale {
        Scale::Log10 => format!("{x_name} (log scale)"),
        Scale::Linear => x_name.clone(),
    };
    let categorical = x_values.iter().any(|(_, v)| v.is_none());
    let x_labels: Vec<String> = x_values.iter().map(|(t, _)| t.clone()).collect();
    let x_format = |v: &f64| -> String {
        match x_scale {
            _ if categorical => {
                x_labels.get(v.round().max(0.0) as usize).filter(|_| (v - v.round()).abs() < 1e-9).cloned().unwrap_or_default()
            }
            Scale::Log10 => compact(10f64.powf(*v)),
            Scale::Linear => compact(*v),
        }
    };
    // Ticks within float noise of zero print as 0, not as -2.2e-16.
    let y_noise = (y_range.1 - y_range.0).abs() * 1e-9;
    let y_format = |v: &f64| if v.abs() <= y_noise { "0".to_string() } else { compact(*v) };
    let x_ticks = match x_scale {
        _ if categorical => x_labels.len(),
        // One tick per decade, so that labels are round numbers.
        Scale::Log10 => (x_range.1.floor() - x_range.0.ceil()) as usize + 1,
        Scale::Linear => 8,
    };

    let mut text = String::new();
    {
        let root = SVGBackend::with_string(&mut text, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(|e| err(&e))?;
        let caption = format!("{id}: {} {} across the grid ({} is tight)", g.measure_name(), g.definition(), g.tight_value());
        let mut chart = ChartBuilder::on(&root)
            .caption(caption, ("sans-serif", 20))
            .margin(16)
            .x_label_area_size(44)
            .y_label_area_size(72)
            .build_cartesian_2d(x_range.0..x_range.1, y_range.0..y_range.1)
            .map_err(|e| err(&e))?;
        chart
            .configure_mesh()
            .x_desc(x_desc)
            .y_desc(y_desc)
            .x_labels(x_ticks.max(2))
            .x_label_formatter(&x_format)
            .y_label_formatter(&y_format)
            .light_line_style(WHITE.mix(0.0))
            .draw()
            .map_err(|e| err(&e))?;
        if let Some(tight_y) = tight_y {
            chart
                .draw_series(DashedLineSeries::new(vec![(x_range.0, tight_y), (x_range.1, tight_y)], 6, 4, BLACK.mix(0.6).stroke_width(1)))
                .map_err(|e| err(&e))?
                .label(format!("tight ({} = {})", g.definition(), g.tight_value()))
                .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], BLACK.mix(0.6)));
        }
        for (i, (label, points)) in series.iter().enumerate() {
            let color = COLORS[i % COLORS.len()];
            chart
                .draw_series(LineSeries::new(points.iter().copied(), color.stroke_width(2)))
                .map_err(|e| err(&e))?
                .label(label.clone())
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(2)));
            chart.draw_series(points.iter().map(|&(x, y)| Circle::new((x, y), 3, color.filled()))).map_err(|e| err(&e))?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerLeft)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.4))
            .label_font(("sans-serif", 13))
            .draw()
            .map_err(|e| err(&e))?;
        root.present().map_err(|e| err(&e))?;
    }
    Ok(text)
}

/// The parameter on the x axis: the most values, then integer-valued, then the first by name.
fn x_axis(g: &GridReport) -> String {
    let is_integer = |name: &str| g.points.first().is_some_and(|p| matches!(p.instance.0.get(name), Some(Value::Integer(_))));
    let mut best: Option<(&str, (usize, bool))> = None;
    for (name, values) in &g.axes {
        let key = (values.len(), is_integer(name));
        if best.is_none_or(|(_, b)| key > b) {
            best = Some((name, key));
        }
    }
    best.map(|(n, _)| n.to_string()).unwrap_or_default()
}

/// The x axis's values in grid order, with their numeric value (`None` for set members).
fn x_values(g: &GridReport, name: &str) -> Vec<(String, Option<f64>)> {
    let mut out: Vec<(String, Option<f64>)> = Vec::new();
    for p in &g.points {
        let Some(v) = p.instance.0.get(name) else { continue };
        let text = value_text(v);
        if out.iter().any(|(t, _)| *t == text) {
            continue;
        }
        let number = match v {
            Value::Integer(i) => Some(*i as f64),
            Value::Number(r) => Some(r.to_f64()),
            Value::Choice(_) => None,
        };
        out.push((text, number));
    }
    out
}

/// max / min of the positive numeric values (1 when there are fewer than two).
fn span(values: &[(String, Option<f64>)]) -> f64 {
    let nums: Vec<f64> = values.iter().filter_map(|(_, v)| *v).collect();
    let (lo, hi) = nums.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    if nums.len() < 2 || lo <= 0.0 {
        1.0
    } else {
        hi / lo
    }
}

/// The range of `values` widened by `fraction` of its width on each side (by 1 when flat).
fn padded(values: &[f64], fraction: f64) -> (f64, f64) {
    let (lo, hi) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    if !lo.is_finite() || !hi.is_finite() {
        return (-1.0, 1.0);
    }
    let width = hi - lo;
    if width <= f64::EPSILON * hi.abs().max(1.0) {
        let pad = (hi.abs() * 0.1).max(1.0);
        return (lo - pad, hi + pad);
    }
    (lo - width * fraction, hi + width * fraction)
}

/// A tick label: short, without float noise.
fn compact(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let a = v.abs();
    if (1e-3..1e5).contains(&a) {
        let text = format!("{v:.3}");
        let text = text.trim_end_matches('0').trim_end_matches('.');
        if text == "-0" {
            "0".into()
        } else {
            text.to_string()
        }
    } else {
        format!("{v:.1e}")
    }
}
