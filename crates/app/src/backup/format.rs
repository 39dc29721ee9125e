//! The backup's lines (see the module above): writing the store's items as JSON, and reading
//! them back with every line checked.

use std::io::{self, BufRead, Write};

use data_encoding::BASE64;
use serde_json::{json, Map, Value as Json};
use tessera_store::backup::{Item, Moved, Sink, Source, Value};

use super::BackupError;

/// The backup format this version writes and the newest it reads.
pub const FORMAT: u32 = 1;

pub(super) struct LineSink<W: Write + Send> {
    out: W,
    rows: u64,
    progress: Box<dyn Fn(u64) + Send>,
}

impl<W: Write + Send> LineSink<W> {
    pub(super) fn new(out: W, progress: Box<dyn Fn(u64) + Send>) -> Self {
        LineSink {
            out,
            rows: 0,
            progress,
        }
    }

    pub(super) fn header(&mut self, schema: i64, made_on: &str, backend: &str) -> io::Result<()> {
        self.line(&json!({
            "tessera_backup": FORMAT,
            "schema": schema,
            "made_on": made_on,
            "backend": backend,
        }))
    }

    pub(super) fn end(&mut self, moved: &Moved) -> io::Result<()> {
        (self.progress)(self.rows);
        self.line(&json!({"end": {"tables": moved.tables, "rows": moved.rows}}))
    }

    pub(super) fn into_inner(self) -> W {
        self.out
    }

    fn line(&mut self, v: &Json) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, v)?;
        self.out.write_all(b"\n")
    }
}

impl<W: Write + Send> Sink for LineSink<W> {
    fn put(&mut self, item: Item) -> io::Result<()> {
        let line = match item {
            Item::Table { name, columns } => json!({"table": name, "columns": columns}),
            Item::Row(values) => {
                self.rows += 1;
                if self.rows.is_multiple_of(10_000) {
                    (self.progress)(self.rows);
                }
                Json::Array(values.into_iter().map(to_json).collect())
            }
            Item::Sequence { table, next } => json!({"sequence": table, "next": next}),
        };
        self.line(&line)
    }
}

fn to_json(v: Value) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Int(i) => json!(i),
        Value::Real(f) => json!({ "f": f }),
        Value::Bool(b) => json!(b),
        Value::Text(s) => Json::String(s),
        Value::Bytes(b) => json!({ "b": BASE64.encode(&b) }),
    }
}

fn from_json(v: Json) -> Option<Value> {
    Some(match v {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(b),
        Json::Number(n) => Value::Int(n.as_i64()?),
        Json::String(s) => Value::Text(s),
        Json::Object(mut m) if m.len() == 1 => {
            if let Some(f) = m.remove("f") {
                Value::Real(f.as_f64()?)
            } else {
                let b = m.remove("b")?;
                Value::Bytes(BASE64.decode(b.as_str()?.as_bytes()).ok()?)
            }
        }
        _ => return None,
    })
}

pub(super) struct Header {
    pub format: u64,
    pub schema: i64,
    pub made_on: String,
    pub backend: String,
}

/// Reads and checks the first line. An I/O error here is age refusing the first chunk.
pub(super) fn read_header(lines: &mut dyn BufRead) -> Result<Header, BackupError> {
    let mut first = String::new();
    lines
        .read_line(&mut first)
        .map_err(|e| BackupError::Damaged(e.to_string()))?;
    let v: Json = serde_json::from_str(&first).map_err(|_| BackupError::NotABackup)?;
    let format = v
        .get("tessera_backup")
        .and_then(Json::as_u64)
        .ok_or(BackupError::NotABackup)?;
    Ok(Header {
        format,
        schema: v.get("schema").and_then(Json::as_i64).unwrap_or(0),
        made_on: v
            .get("made_on")
            .and_then(Json::as_str)
            .unwrap_or("")
            .to_owned(),
        backend: v
            .get("backend")
            .and_then(Json::as_str)
            .unwrap_or("")
            .to_owned(),
    })
}

/// The lines after the header, as the store's items. The stream must close with an `end` line
/// whose count matches what came before it; anything else is an error, so the import that
/// reads it rolls back.
pub(super) struct LineSource {
    lines: Box<dyn BufRead + Send>,
    buf: String,
    rows: u64,
    tables: usize,
    ended: bool,
    progress: Box<dyn Fn(u64) + Send>,
}

fn bad(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.to_owned())
}

impl LineSource {
    pub(super) fn new(lines: Box<dyn BufRead + Send>) -> Self {
        LineSource {
            lines,
            buf: String::new(),
            rows: 0,
            tables: 0,
            ended: false,
            progress: Box::new(|_| {}),
        }
    }

    pub(super) fn with_progress(mut self, progress: Box<dyn Fn(u64) + Send>) -> Self {
        self.progress = progress;
        self
    }
}

impl Source for LineSource {
    fn next_item(&mut self) -> io::Result<Option<Item>> {
        if self.ended {
            return Ok(None);
        }
        self.buf.clear();
        if self.lines.read_line(&mut self.buf)? == 0 {
            return Err(bad("the backup ends before its last line"));
        }
        let v: Json = serde_json::from_str(&self.buf).map_err(|_| bad("a line is not JSON"))?;
        match v {
            Json::Array(values) => {
                self.rows += 1;
                if self.rows.is_multiple_of(10_000) {
                    (self.progress)(self.rows);
                }
                let values = values
                    .into_iter()
                    .map(from_json)
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| bad("a row holds a value of no known kind"))?;
                Ok(Some(Item::Row(values)))
            }
            Json::Object(m) => self.object(m),
            _ => Err(bad("a line is neither a row nor a table")),
        }
    }
}

impl LineSource {
    fn object(&mut self, mut m: Map<String, Json>) -> io::Result<Option<Item>> {
        if let Some(name) = m.remove("table") {
            let name = name.as_str().ok_or_else(|| bad("a table without a name"))?;
            let columns = m
                .remove("columns")
                .and_then(|c| serde_json::from_value::<Vec<String>>(c).ok())
                .ok_or_else(|| bad("a table without columns"))?;
            self.tables += 1;
            return Ok(Some(Item::Table {
                name: name.to_owned(),
                columns,
            }));
        }
        if let Some(table) = m.remove("sequence") {
            let table = table
                .as_str()
                .ok_or_else(|| bad("a sequence without a table"))?;
            let next = m
                .get("next")
                .and_then(Json::as_i64)
                .ok_or_else(|| bad("a sequence without a value"))?;
            return Ok(Some(Item::Sequence {
                table: table.to_owned(),
                next,
            }));
        }
        if let Some(end) = m.remove("end") {
            let rows = end.get("rows").and_then(Json::as_u64);
            let tables = end.get("tables").and_then(Json::as_u64);
            if rows != Some(self.rows) || tables != u64::try_from(self.tables).ok() {
                return Err(bad("the backup's last line does not match its rows"));
            }
            (self.progress)(self.rows);
            self.ended = true;
            return Ok(None);
        }
        Err(bad("a line of no known kind"))
    }
}
