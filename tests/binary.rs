//! Drives the real `tessera` binary: first start and bootstrap link (R2.3, R9.1), `invite`,
//! `migrate`, and the output test of R8.4: everything the server writes during a full flow is
//! captured and searched for the client's address, pseudonyms, passwords, tokens and codes.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_tessera");
const CLIENT_IP: &str = "127.0.0.9";

struct Server {
    child: Child,
    base: String,
    bootstrap: Option<String>,
    output: Arc<Mutex<String>>,
}

impl Server {
    fn start(data_dir: &std::path::Path) -> Server {
        let mut child = Command::new(BIN)
            .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
            .arg(data_dir)
            .env_remove("TESSERA_DB_KEY")
            .env("TESSERA_LOG", "debug")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start tessera serve");
        let output = Arc::new(Mutex::new(String::new()));
        let mut err = child.stderr.take().unwrap();
        let o = output.clone();
        std::thread::spawn(move || {
            let mut s = String::new();
            let _ = err.read_to_string(&mut s);
            o.lock().unwrap().push_str(&s);
        });
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut bootstrap = None;
        let base = loop {
            let line = lines.next().expect("server exited early").unwrap();
            output.lock().unwrap().push_str(&format!("{line}\n"));
            if line.contains("/join/") {
                bootstrap = Some(line.trim().to_owned());
            }
            if let Some(addr) = line.strip_prefix("Tessera is listening on ") {
                break addr.trim().to_owned();
            }
        };
        let o = output.clone();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                o.lock().unwrap().push_str(&format!("{line}\n"));
            }
        });
        Server {
            child,
            base,
            bootstrap,
            output,
        }
    }

    fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        std::thread::sleep(std::time::Duration::from_millis(200));
        let out = self.output.lock().unwrap().clone();
        out
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .local_address(CLIENT_IP.parse::<std::net::IpAddr>().ok())
        .build()
        .unwrap()
}

fn cookie_of(r: &reqwest::Response, name: &str) -> Option<String> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap().to_owned())
}

fn csrf_in(html: &str) -> String {
    let m = "name=\"csrf\" value=\"";
    let i = html.find(m).unwrap() + m.len();
    html[i..].split('"').next().unwrap().to_owned()
}

#[tokio::test]
async fn r2_3_r8_4_first_start_bootstrap_and_nothing_private_in_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path());
    let link = server
        .bootstrap
        .clone()
        .expect("R2.3: a bootstrap link on first start");
    let token = link.rsplit('/').next().unwrap().to_owned();
    let base = server.base.clone();
    let http = client();
    let seller_pw = "amber orchard whistle canyon";
    let buyer_pw = "pebble lantern saffron drift";
    let mut secrets: Vec<String> = vec![
        CLIENT_IP.into(),
        "BootSeller".into(),
        "bootseller".into(),
        "WatchedBuyer".into(),
        "watchedbuyer".into(),
        "ghost-user".into(),
        seller_pw.into(),
        buyer_pw.into(),
        "buyer.recovery@example.net".into(),
    ];

    // Join with the bootstrap link, as a browser would.
    let page = http.get(&link).send().await.unwrap();
    let anon = cookie_of(&page, "__Host-tessera-csrf").unwrap();
    let csrf = csrf_in(&page.text().await.unwrap());
    let r = http
        .post(format!("{base}/join/{token}"))
        .header("cookie", &anon)
        .form(&[
            ("csrf", csrf.as_str()),
            ("pseudonym", "BootSeller"),
            ("password", seller_pw),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        303,
        "the first seller is created from the bootstrap link"
    );
    let seller_cookie = cookie_of(&r, "__Host-tessera").unwrap();
    secrets.push(seller_cookie.split('=').nth(1).unwrap().to_owned());
    let dash = http
        .get(format!("{base}/dashboard"))
        .header("cookie", &seller_cookie)
        .send()
        .await
        .unwrap();
    assert!(dash.text().await.unwrap().contains("Welcome, BootSeller"));

    // A buyer signs up with recovery data, fails to log in, logs in, is invited nowhere.
    let r = http
        .post(format!("{base}/api/accounts"))
        .json(
            &json!({"pseudonym": "WatchedBuyer", "password": buyer_pw, "account_type": "buyer",
                      "recovery_email": "buyer.recovery@example.net", "recovery_codes": true}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let v: Value = r.json().await.unwrap();
    for c in v["recovery_codes"].as_array().unwrap() {
        secrets.push(c.as_str().unwrap().to_owned());
    }
    for who in ["WatchedBuyer", "ghost-user"] {
        let r = http
            .post(format!("{base}/api/session"))
            .json(&json!({"pseudonym": who, "password": "wrong wrong wrong"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);
    }
    // Lookups by pseudonym in a path must log the route template, not the path.
    let _ = http
        .get(format!("{base}/join/ghost-user"))
        .send()
        .await
        .unwrap();
    let r = http
        .post(format!("{base}/api/session"))
        .json(&json!({"pseudonym": "WatchedBuyer", "password": buyer_pw}))
        .send()
        .await
        .unwrap();
    let buyer_cookie = cookie_of(&r, "__Host-tessera").unwrap();
    let v: Value = r.json().await.unwrap();
    let buyer_csrf = v["csrf_token"].as_str().unwrap().to_owned();
    secrets.push(buyer_cookie.split('=').nth(1).unwrap().to_owned());
    secrets.push(buyer_csrf.clone());

    // The seller creates an invitation through the API.
    let r = http
        .get(format!("{base}/api/session"))
        .header("cookie", &seller_cookie)
        .send()
        .await
        .unwrap();
    let seller_csrf = r.json::<Value>().await.unwrap()["csrf_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = http
        .post(format!("{base}/api/invitations"))
        .header("cookie", &seller_cookie)
        .header("x-csrf-token", &seller_csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let inv: Value = r.json().await.unwrap();
    secrets.push(inv["token"].as_str().unwrap().to_owned());
    secrets.push(seller_csrf);

    // The buyer deletes his account.
    let r = http
        .delete(format!("{base}/api/account"))
        .header("cookie", &buyer_cookie)
        .header("x-csrf-token", &buyer_csrf)
        .json(&json!({"password": buyer_pw}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);

    let out = server.stop();
    assert!(
        out.contains("route=/api/session"),
        "request lines are logged:\n{out}"
    );
    assert!(
        out.contains("route=/join/{token}"),
        "route templates, not paths:\n{out}"
    );
    // The bootstrap token is printed on purpose (R2.3), once, and never logged.
    assert_eq!(out.matches(&token).count(), 1, "{out}");
    for s in &secrets {
        assert!(
            !out.contains(s.as_str()),
            "R8.4: the server's output contains '{s}':\n{out}"
        );
    }
    let key = std::fs::read_to_string(dir.path().join("tessera.key")).unwrap();
    assert!(!out.contains(key.trim()), "the key is never printed");
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let p = entry.unwrap().path();
        let bytes = std::fs::read(&p).unwrap();
        assert!(
            !bytes.starts_with(b"SQLite format 3"),
            "{} is plaintext SQLite",
            p.display()
        );
    }

    // Second start: a seller exists, so no bootstrap link.
    let again = Server::start(dir.path());
    assert!(again.bootstrap.is_none());
    again.stop();
}

#[test]
fn r2_3_invite_prints_one_url_ending_in_the_token() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .args(["invite", "--base-url", "https://coop.example", "--data-dir"])
        .arg(dir.path())
        .env_remove("TESSERA_DB_KEY")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    let token = lines[0]
        .strip_prefix("https://coop.example/join/")
        .expect("…/join/<token>");
    assert!(token.len() >= 26 && token.chars().all(|c| c.is_ascii_alphanumeric()));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("keep the key elsewhere"),
        "first start warns about the key file"
    );
}

#[test]
fn r9_2_migrate_with_an_explicit_key() {
    let dir = tempfile::tempdir().unwrap();
    let key = "ab".repeat(32);
    let run = |k: &str| {
        Command::new(BIN)
            .args(["migrate", "--data-dir"])
            .arg(dir.path())
            .env("TESSERA_DB_KEY", k)
            .output()
            .unwrap()
    };
    let out = run(&key);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("up to date"));
    assert!(
        !dir.path().join("tessera.key").exists(),
        "no key file when TESSERA_DB_KEY is set"
    );
    // The wrong key cannot open the database, and says so without printing either key.
    let out = run(&"cd".repeat(32));
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains(&key) && !err.contains(&"cd".repeat(32)));
}
