//! What a simulation publishes: docs/safety-model.md, its figures and the summary it was
//! written from. Nothing here depends on the time or the machine, so the same seed and
//! configuration write the same bytes.

mod claims;
mod document;
mod numbers;
pub mod plots;

use std::path::Path;

use crate::Results;

pub use document::document;

/// The document's file name, and the folder of its figures and summary beside it.
pub const DOCUMENT: &str = "safety-model.md";
pub const FOLDER: &str = "safety-model";

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("could not write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("could not draw {figure}: {reason}")]
    Plot { figure: String, reason: String },
    #[error("could not write the summary: {0}")]
    Json(#[from] serde_json::Error),
}

/// The summary as stored beside the document: JSON with one run (or threshold row) per line,
/// so a change shows as the lines of the runs it moved; numbers rounded to six places.
pub fn summary_json(r: &Results) -> Result<String, ReportError> {
    let line = |v: &dyn erased::Json| -> Result<String, ReportError> {
        Ok(serde_json::to_string(&round(v.value()?))?)
    };
    let rows = |items: Vec<String>| items.join(",\n");
    let thresholds = r
        .thresholds
        .iter()
        .map(|t| line(t))
        .collect::<Result<Vec<_>, _>>()?;
    let runs = r
        .runs
        .iter()
        .map(|x| line(x))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(format!(
        "{{\n\"seed\": {},\n\"config\": {},\n\"param_sets\": {},\n\"thresholds\": [\n{}\n],\n\"runs\": [\n{}\n]\n}}\n",
        r.seed,
        line(&r.config)?,
        line(&r.param_sets)?,
        rows(thresholds),
        rows(runs)
    ))
}

/// Anything serialisable, as a JSON value (keeps `summary_json` to one closure).
mod erased {
    pub trait Json {
        fn value(&self) -> Result<serde_json::Value, serde_json::Error>;
    }

    impl<T: serde::Serialize> Json for T {
        fn value(&self) -> Result<serde_json::Value, serde_json::Error> {
            serde_json::to_value(self)
        }
    }
}

fn round(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Number(n) if n.is_f64() => n
            .as_f64()
            .and_then(|f| serde_json::Number::from_f64((f * 1e6).round() / 1e6))
            .map_or(Value::Null, Value::Number),
        Value::Array(a) => Value::Array(a.into_iter().map(round).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, round(v))).collect()),
        other => other,
    }
}

/// Writes `DIR/safety-model.md`, `DIR/safety-model/*.svg` and `DIR/safety-model/summary.json`.
pub fn write(r: &Results, dir: &Path) -> Result<Vec<String>, ReportError> {
    let folder = dir.join(FOLDER);
    let put = |path: &Path, text: &str| {
        std::fs::write(path, text).map_err(|source| ReportError::Write {
            path: path.display().to_string(),
            source,
        })
    };
    std::fs::create_dir_all(&folder).map_err(|source| ReportError::Write {
        path: folder.display().to_string(),
        source,
    })?;
    let (text, figures) = document(r)?;
    let mut written = Vec::new();
    for (name, svg) in &figures {
        let p = folder.join(name);
        put(&p, svg)?;
        written.push(p.display().to_string());
    }
    let p = folder.join("summary.json");
    put(&p, &summary_json(r)?)?;
    written.push(p.display().to_string());
    let p = dir.join(DOCUMENT);
    put(&p, &text)?;
    written.push(p.display().to_string());
    Ok(written)
}
