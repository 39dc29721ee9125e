//! The document's figures: SVG drawn by `plotters`, no JavaScript, no fonts embedded (the
//! reader's browser sets the text). Each returns the SVG text.

use plotters::prelude::*;

/// One line of a figure.
pub struct Line {
    pub label: String,
    pub points: Vec<(f64, f64)>,
}

const COLOURS: [RGBColor; 5] = [
    RGBColor(0, 90, 181),
    RGBColor(220, 50, 32),
    RGBColor(0, 140, 70),
    RGBColor(120, 60, 160),
    RGBColor(90, 90, 90),
];

/// A line chart with points, axis names and a legend.
pub fn lines(
    title: &str,
    x_desc: &str,
    y_desc: &str,
    series: &[Line],
    legend: SeriesLabelPosition,
) -> Result<String, String> {
    let pts = series.iter().flat_map(|s| s.points.iter());
    let (mut x0, mut x1, mut y1) = (f64::INFINITY, f64::NEG_INFINITY, 0.0f64);
    for (x, y) in pts {
        x0 = x0.min(*x);
        x1 = x1.max(*x);
        y1 = y1.max(*y);
    }
    if !x0.is_finite() || !x1.is_finite() {
        (x0, x1) = (0.0, 1.0);
    }
    let pad = ((x1 - x0) * 0.05).max(0.01);
    let y1 = if y1 <= 0.0 { 1.0 } else { y1 * 1.15 };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (640, 400)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 18))
            .margin(12)
            .x_label_area_size(44)
            .y_label_area_size(60)
            .build_cartesian_2d((x0 - pad)..(x1 + pad), 0.0..y1)
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .x_desc(x_desc)
            .y_desc(y_desc)
            .light_line_style(WHITE)
            .draw()
            .map_err(|e| e.to_string())?;
        for (i, s) in series.iter().enumerate() {
            let c = COLOURS[i % COLOURS.len()];
            chart
                .draw_series(LineSeries::new(s.points.clone(), c.stroke_width(2)))
                .map_err(|e| e.to_string())?
                .label(s.label.clone())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 20, y)], c.stroke_width(2))
                });
            chart
                .draw_series(s.points.iter().map(|p| Circle::new(*p, 3, c.filled())))
                .map_err(|e| e.to_string())?;
        }
        chart
            .configure_series_labels()
            .position(legend)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .draw()
            .map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn issue_15_a_figure_is_svg_with_its_labels_and_no_script() {
        let svg = lines(
            "Title",
            "harm",
            "meetings",
            &[Line {
                label: "cautious".into(),
                points: vec![(0.05, 10.0), (0.5, 2.0)],
            }],
            SeriesLabelPosition::UpperRight,
        )
        .unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
        for text in ["Title", "harm", "meetings", "cautious"] {
            assert!(svg.contains(text), "{text}");
        }
        assert!(!svg.contains("<script"));
        assert_eq!(
            svg,
            lines(
                "Title",
                "harm",
                "meetings",
                &[Line {
                    label: "cautious".into(),
                    points: vec![(0.05, 10.0), (0.5, 2.0)]
                }],
                SeriesLabelPosition::UpperRight,
            )
            .unwrap()
        );
    }
}
