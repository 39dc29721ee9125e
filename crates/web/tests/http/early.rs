//! Issue 10 part 4: answers given before the body is read (401, 403, 405, 413) reach the client
//! and leave the HTTP/1.1 keep-alive connection usable; 413 and 405 use the API's JSON error
//! shape on API paths (405 with `Allow`), and pages answer TRACE and PUT with 405.
//! A raw TCP client, so that nothing between the test and the server reads or retries for it.

use std::collections::HashMap;

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::TcpStream;

use crate::common::{spawn_app, TestApp};

struct Raw {
    reader: BufReader<OwnedReadHalf>,
    writer: Option<OwnedWriteHalf>,
}

struct Answer {
    status: u16,
    headers: HashMap<String, String>,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap()
    }
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map_or("", String::as_str)
    }
}

impl Raw {
    async fn connect(app: &TestApp) -> Raw {
        let addr = app.base.trim_start_matches("http://");
        let (r, w) = TcpStream::connect(addr).await.unwrap().into_split();
        Raw {
            reader: BufReader::new(r),
            writer: Some(w),
        }
    }

    /// Sends a request with `body` (written by a task of its own, so that a server that answers
    /// early cannot deadlock the test) and reads one answer.
    async fn send(&mut self, method: &str, path: &str, headers: &[&str], body: Vec<u8>) -> Answer {
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {}\r\n",
            body.len()
        );
        for h in headers {
            head.push_str(h);
            head.push_str("\r\n");
        }
        head.push_str("\r\n");
        let mut w = self.writer.take().unwrap();
        let writing = tokio::spawn(async move {
            w.write_all(head.as_bytes()).await.unwrap();
            // A server that closed early makes this fail; the answer decides the test.
            let _ = w.write_all(&body).await;
            w
        });
        let answer = self.read_answer().await;
        self.writer = Some(writing.await.unwrap());
        answer
    }

    async fn read_answer(&mut self) -> Answer {
        let mut line = String::new();
        self.reader.read_line(&mut line).await.unwrap();
        assert!(line.starts_with("HTTP/1.1 "), "status line: {line:?}");
        let status = line[9..12].parse().unwrap();
        let mut headers = HashMap::new();
        loop {
            line.clear();
            self.reader.read_line(&mut line).await.unwrap();
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            let (k, v) = l.split_once(':').unwrap();
            headers.insert(k.to_ascii_lowercase(), v.trim().to_owned());
        }
        let mut body = Vec::new();
        if let Some(n) = headers.get("content-length") {
            body.resize(n.parse().unwrap(), 0);
            self.reader.read_exact(&mut body).await.unwrap();
        } else if headers.get("transfer-encoding").map(String::as_str) == Some("chunked") {
            loop {
                line.clear();
                self.reader.read_line(&mut line).await.unwrap();
                let n = usize::from_str_radix(line.trim(), 16).unwrap();
                let mut chunk = vec![0; n + 2];
                self.reader.read_exact(&mut chunk).await.unwrap();
                if n == 0 {
                    break;
                }
                body.extend_from_slice(&chunk[..n]);
            }
        }
        Answer {
            status,
            headers,
            body,
        }
    }

    /// The connection still works: a second request on it is answered.
    async fn still_usable(&mut self) {
        let a = self.send("GET", "/healthz", &[], Vec::new()).await;
        assert_eq!(a.status, 200);
        assert_eq!(a.body, b"ok");
    }
}

const JSON: &str = "Content-Type: application/json";

fn big_json(len: usize) -> Vec<u8> {
    let mut b = br#"{"pseudonym":""#.to_vec();
    b.resize(len - 2, b'a');
    b.extend_from_slice(br#""}"#);
    b
}

#[tokio::test]
async fn issue10_a_2_mb_post_gets_413_json_and_the_connection_stays_usable() {
    let app = spawn_app().await;
    let mut c = Raw::connect(&app).await;
    for round in 0..3 {
        let a = c
            .send("POST", "/api/accounts", &[JSON], big_json(2 * 1024 * 1024))
            .await;
        assert_eq!(a.status, 413, "round {round}");
        assert_eq!(a.json()["error"], "too_large");
        assert!(a.header("content-type").starts_with("application/json"));
        assert_ne!(a.header("connection"), "close");
        c.still_usable().await;
    }
    // A page form: the same, with the error page.
    let a = c
        .send(
            "POST",
            "/login",
            &["Content-Type: application/x-www-form-urlencoded"],
            vec![b'a'; 2 * 1024 * 1024],
        )
        .await;
    assert!(a.status == 413 || a.status == 403, "{}", a.status);
    assert!(a.header("content-type").starts_with("text/html"));
    c.still_usable().await;
}

#[tokio::test]
async fn issue10_r2_8_early_401_and_403_leave_the_connection_usable() {
    let app = spawn_app().await;
    let mut c = Raw::connect(&app).await;
    // 401: no session; the body is never read by the handler.
    let a = c
        .send("POST", "/api/invitations", &[JSON], big_json(200 * 1024))
        .await;
    assert_eq!(a.status, 401);
    assert_eq!(a.json()["error"], "unauthenticated");
    c.still_usable().await;
    // 403: a foreign Origin (R2.8) is refused before the body is read.
    let a = c
        .send(
            "POST",
            "/api/accounts",
            &[JSON, "Origin: https://evil.example"],
            big_json(200 * 1024),
        )
        .await;
    assert_eq!(a.status, 403);
    assert_eq!(a.json()["error"], "forbidden");
    c.still_usable().await;
    // 403 on a page form without the CSRF cookie.
    let a = c
        .send(
            "POST",
            "/settings/password",
            &["Content-Type: application/x-www-form-urlencoded"],
            vec![b'x'; 50 * 1024],
        )
        .await;
    assert_eq!(a.status, 403);
    c.still_usable().await;
}

#[tokio::test]
async fn issue10_405_is_json_with_allow_on_the_api_and_a_page_on_pages() {
    let app = spawn_app().await;
    let mut c = Raw::connect(&app).await;
    let a = c
        .send("PUT", "/api/accounts", &[JSON], big_json(100 * 1024))
        .await;
    assert_eq!(a.status, 405);
    assert_eq!(a.json()["error"], "method_not_allowed");
    assert!(a.json()["message"].as_str().unwrap().len() > 10);
    assert!(a.header("allow").contains("POST"), "{:?}", a.headers);
    c.still_usable().await;
    let a = c
        .send("PATCH", "/api/session", &[JSON], b"{}".to_vec())
        .await;
    assert_eq!(a.status, 405);
    let allow = a.header("allow");
    for m in ["GET", "POST", "DELETE"] {
        assert!(allow.contains(m), "{allow}");
    }
    assert_eq!(a.json()["error"], "method_not_allowed");
    // Pages: TRACE and PUT answer 405 with the error page (not the CSRF refusal).
    for (method, path, want) in [
        ("TRACE", "/login", "POST"),
        ("PUT", "/settings", "GET"),
        ("PUT", "/login", "POST"),
        ("DELETE", "/", "GET"),
    ] {
        let a = c
            .send(
                method,
                path,
                &["Accept-Language: de"],
                vec![b'x'; 10 * 1024],
            )
            .await;
        assert_eq!(a.status, 405, "{method} {path}");
        assert!(a.header("allow").contains(want), "{method} {path}");
        assert!(a.header("content-type").starts_with("text/html"));
        let html = String::from_utf8(a.body.clone()).unwrap();
        assert!(html.contains("Diese Adresse nimmt"), "{html}");
        assert!(
            !html.contains("Formular ist abgelaufen"),
            "not the CSRF page"
        );
        c.still_usable().await;
    }
}

#[tokio::test]
async fn issue10_api_extractor_refusals_use_the_json_shape() {
    let app = spawn_app().await;
    let mut c = Raw::connect(&app).await;
    // A body that is not JSON, and a missing content type: 400 in the API's shape.
    for headers in [&["Content-Type: text/plain"][..], &[][..]] {
        let a = c
            .send("POST", "/api/session", headers, b"pseudonym=x".to_vec())
            .await;
        assert_eq!(a.status, 400, "{headers:?}");
        assert_eq!(a.json()["error"], "invalid_input");
    }
    // A path parameter that is not valid UTF-8 once decoded.
    let a = c
        .send("GET", "/api/seller/%FF%FE/profile", &[], Vec::new())
        .await;
    assert!(a.status == 400 || a.status == 404, "{}", a.status);
    assert!(a.header("content-type").starts_with("application/json"));
    c.still_usable().await;
}
