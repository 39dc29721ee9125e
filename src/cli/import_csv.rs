//! Reading the import's CSV files (SPEC R4.10): the header check, rows with their line numbers,
//! and the large files parsed on every core.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};

#[derive(Debug)]
pub struct RowError {
    pub file: &'static str,
    pub line: u64,
    pub reason: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} line {}: {}", self.file, self.line, self.reason)
    }
}

pub fn row_err(file: &'static str, line: u64) -> impl Fn(String) -> RowError {
    move |reason| RowError { file, line, reason }
}

pub fn bar(path: &Path, what: &str) -> anyhow::Result<ProgressBar> {
    let len = std::fs::metadata(path).map_or(0, |m| m.len());
    let pb = ProgressBar::new(len);
    pb.set_style(
        ProgressStyle::with_template("{msg:>14} [{bar:40}] {bytes}/{total_bytes} {elapsed}")
            .context("progress template")?
            .progress_chars("=> "),
    );
    pb.set_message(what.to_owned());
    Ok(pb)
}

pub fn reader(path: &Path) -> anyhow::Result<csv::Reader<File>> {
    let f = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    Ok(csv::ReaderBuilder::new().has_headers(true).from_reader(f))
}

/// The progress bar moves every this many rows: once per row, its bookkeeping (a lock and a
/// clock read) was a visible part of a 20M-row import's profile (issue 4).
const PROGRESS_EVERY: u64 = 1 << 14;

/// Checks the header line; returns the byte offset where the rows start.
fn check_header(
    r: &mut csv::Reader<File>,
    file: &'static str,
    header: &'static [&'static str],
) -> anyhow::Result<u64> {
    let h = r
        .headers()
        .with_context(|| format!("{file}: cannot read the header"))?;
    let got: Vec<&str> = h.iter().map(str::trim).collect();
    anyhow::ensure!(
        got == header,
        "{file} line 1: expected the header {}, found {}",
        header.join(","),
        got.join(",")
    );
    Ok(r.position().byte())
}

/// A CSV syntax error as a row error.
fn csv_err(e: &csv::Error, file: &'static str, line_offset: u64) -> RowError {
    RowError {
        file,
        line: line_offset + e.position().map_or(0, csv::Position::line),
        reason: e.to_string(),
    }
}

/// The record's line, or why it is not a row of `fields` fields.
fn line_of(
    rec: &csv::StringRecord,
    file: &'static str,
    fields: usize,
    line_offset: u64,
) -> Result<u64, RowError> {
    let line = line_offset + rec.position().map_or(0, csv::Position::line);
    if rec.len() != fields {
        return Err(RowError {
            file,
            line,
            reason: format!("expected {fields} fields, found {}", rec.len()),
        });
    }
    Ok(line)
}

/// Rows of a CSV file with the expected header, as (line, fields).
pub fn rows<'a>(
    r: &'a mut csv::Reader<File>,
    file: &'static str,
    header: &'static [&'static str],
    pb: &'a ProgressBar,
) -> anyhow::Result<impl Iterator<Item = Result<(u64, csv::StringRecord), RowError>> + 'a> {
    check_header(r, file, header)?;
    let mut n = 0u64;
    Ok(r.records().map(move |rec| {
        let rec = rec.map_err(|e| csv_err(&e, file, 0))?;
        n += 1;
        if n.is_multiple_of(PROGRESS_EVERY) {
            pb.set_position(rec.position().map_or(0, csv::Position::byte));
        }
        Ok((line_of(&rec, file, header.len(), 0)?, rec))
    }))
}

/// The parts to cut a large file into: one per core, at most eight.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

/// Every row of a large CSV file, through `row`, in file order, parsed in `parts` threads (one
/// per core, [`cores`]): the file is cut at line starts into that many parts (issue 4: parsing
/// 20M ratings took 14 s of a 90 s import on one core). The error of the earliest bad line is
/// returned, as a single reader would, and the parts after it stop early.
///
/// A part begins after a newline. A quoted field holding a newline could be cut in two; no valid
/// row holds one (names, days, flags and vocabulary words have no newlines), so such a file fails
/// either way, possibly at a different line than a single reader would name.
pub fn parse_parallel<T: Send>(
    parts: usize,
    path: &Path,
    file: &'static str,
    header: &'static [&'static str],
    pb: &ProgressBar,
    row: impl Fn(u64, &csv::StringRecord) -> Result<T, RowError> + Sync,
) -> anyhow::Result<Result<Vec<T>, RowError>> {
    let start = check_header(&mut reader(path)?, file, header)?;
    let len = std::fs::metadata(path)
        .with_context(|| format!("cannot read {}", path.display()))?
        .len();
    let mut bounds = vec![start];
    for k in 1..parts {
        let at = start + (len - start) * k as u64 / parts as u64;
        bounds.push(next_line(path, at, len)?.max(*bounds.last().unwrap_or(&start)));
    }
    bounds.push(len);
    let failed = AtomicUsize::new(usize::MAX);
    let results: Vec<anyhow::Result<Result<Vec<T>, RowError>>> = std::thread::scope(|s| {
        let handles: Vec<_> = bounds
            .windows(2)
            .enumerate()
            .map(|(index, w)| {
                let part = Part {
                    index,
                    from: w[0],
                    to: w[1],
                    failed: &failed,
                };
                let row = &row;
                s.spawn(move || parse_part(path, file, header.len(), part, pb, row))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(anyhow::anyhow!("{file}: a parser thread failed")))
            })
            .collect()
    });
    let mut all = Vec::new();
    for part in results {
        match part? {
            Ok(rows) => all.extend(rows),
            Err(e) => return Ok(Err(e)),
        }
    }
    Ok(Ok(all))
}

/// The offset just after the first newline at or after `at` (or `len`).
fn next_line(path: &Path, at: u64, len: u64) -> anyhow::Result<u64> {
    let mut f = File::open(path)?;
    f.seek(SeekFrom::Start(at))?;
    let mut buf = vec![0u8; 64 * 1024];
    let mut pos = at;
    while pos < len {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        if let Some(i) = memchr::memchr(b'\n', &buf[..n]) {
            return Ok(pos + i as u64 + 1);
        }
        pos += n as u64;
    }
    Ok(len)
}

/// Newlines before `end`: the line number of the line that starts there, minus one.
fn lines_before(path: &Path, end: u64) -> anyhow::Result<u64> {
    let mut f = File::open(path)?.take(end);
    let mut buf = vec![0u8; 1 << 20];
    let mut lines = 0u64;
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            return Ok(lines);
        }
        lines += memchr::memchr_iter(b'\n', &buf[..n]).count() as u64;
    }
}

/// One part of the file, `from..to`, the `index`th. It stops early only when an earlier part
/// has failed: that part's error is then the earliest, whatever this part holds.
struct Part<'a> {
    index: usize,
    from: u64,
    to: u64,
    failed: &'a AtomicUsize,
}

fn parse_part<T>(
    path: &Path,
    file: &'static str,
    fields: usize,
    part: Part<'_>,
    pb: &ProgressBar,
    row: &(impl Fn(u64, &csv::StringRecord) -> Result<T, RowError> + Sync),
) -> anyhow::Result<Result<Vec<T>, RowError>> {
    let line_offset = lines_before(path, part.from)?;
    let mut f = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    f.seek(SeekFrom::Start(part.from))?;
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(f.take(part.to - part.from));
    let mut out = Vec::with_capacity(((part.to - part.from) / 24) as usize);
    let mut rec = csv::StringRecord::new();
    let (mut n, mut shown) = (0u64, 0u64);
    let fail = |e: RowError| {
        part.failed.fetch_min(part.index, Ordering::Relaxed);
        Ok(Err(e))
    };
    loop {
        match r.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return fail(csv_err(&e, file, line_offset)),
        }
        let value = line_of(&rec, file, fields, line_offset).and_then(|line| row(line, &rec));
        match value {
            Ok(v) => out.push(v),
            Err(e) => return fail(e),
        }
        n += 1;
        if n.is_multiple_of(PROGRESS_EVERY) {
            if part.failed.load(Ordering::Relaxed) < part.index {
                break;
            }
            let at = r.position().byte();
            pb.inc(at - shown);
            shown = at;
        }
    }
    pb.inc(r.position().byte().saturating_sub(shown));
    Ok(Ok(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &[&str] = &["name", "n"];

    fn file(body: &str) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        std::io::Write::write_all(&mut f, body.as_bytes()).unwrap();
        f
    }

    /// (line, name, n) for every row, or the failing (line, reason).
    type Parsed = Result<Vec<(u64, String, u32)>, (u64, String)>;

    /// A row whose n is not a number fails with its line.
    fn parse(parts: usize, body: &str) -> Parsed {
        let f = file(body);
        parse_parallel(
            parts,
            f.path(),
            "t.csv",
            HEADER,
            &ProgressBar::hidden(),
            |line, rec| {
                let n = rec[1]
                    .parse()
                    .map_err(|_| row_err("t.csv", line)(format!("bad n '{}'", &rec[1])))?;
                Ok((line, rec[0].to_owned(), n))
            },
        )
        .unwrap()
        .map_err(|e| (e.line, e.reason))
    }

    fn body(rows: usize) -> String {
        let mut s = String::from("name,n\n");
        for i in 0..rows {
            s.push_str(&format!("row{i},{i}\n"));
        }
        s
    }

    /// R4.10: cut into any number of parts, the rows come back whole, in file order, each with
    /// its line in the file (the header is line 1).
    #[test]
    fn r4_10_parts_give_the_rows_in_order_with_their_lines() {
        let text = body(1000);
        let one = parse(1, &text).unwrap();
        assert_eq!(one.len(), 1000);
        assert_eq!(one[0], (2, "row0".into(), 0));
        assert_eq!(one[999], (1001, "row999".into(), 999));
        for parts in [2, 3, 7, 64] {
            assert_eq!(parse(parts, &text).unwrap(), one, "{parts} parts");
        }
        // No trailing newline, and fewer rows than parts.
        assert_eq!(
            parse(5, "name,n\na,1\nb,2").unwrap(),
            vec![(2, "a".into(), 1), (3, "b".into(), 2)]
        );
        assert_eq!(parse(3, "name,n\n").unwrap(), vec![]);
    }

    /// R4.10: the earliest bad line is the one reported, whichever part it is in and whichever
    /// part fails first.
    #[test]
    fn r4_10_the_earliest_bad_line_is_reported() {
        let mut lines: Vec<String> = body(40_000).lines().map(str::to_owned).collect();
        // A bad line late in the file; then another, early, that must win over it.
        for (index, bad, reason) in [
            (30_000, "late,x", "bad n 'x'"),
            (10, "early,y", "bad n 'y'"),
        ] {
            lines[index] = bad.into();
            let text = lines.join("\n");
            for parts in [1, 2, 4] {
                let want = Err((index as u64 + 1, reason.to_owned()));
                assert_eq!(parse(parts, &text), want, "{parts} parts");
            }
        }
        lines[10] = "short".into();
        assert_eq!(
            parse(2, &lines.join("\n")).map_err(|(line, _)| line),
            Err(11),
            "a row with too few fields"
        );
    }

    #[test]
    fn r4_10_a_wrong_header_is_refused() {
        let f = file("name,count\na,1\n");
        let err = parse_parallel(
            2,
            f.path(),
            "t.csv",
            HEADER,
            &ProgressBar::hidden(),
            |_, _| Ok(()),
        )
        .unwrap_err();
        assert!(err
            .to_string()
            .contains("t.csv line 1: expected the header name,n"));
    }
}
