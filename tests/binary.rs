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
        Server::start_with(data_dir, &[])
    }

    fn start_with(data_dir: &std::path::Path, extra: &[&str]) -> Server {
        let mut child = Command::new(BIN)
            .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
            .arg(data_dir)
            .args(extra)
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
    secrets.push(seller_csrf.clone());

    // Screening flows: pseudonyms travel in paths and queries, codes in bodies (R8.4).
    let r = http
        .get(format!("{base}/api/buyer/WatchedBuyer/reputation"))
        .header("cookie", &seller_cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = http
        .get(format!("{base}/lookup?pseudonym=WatchedBuyer"))
        .header("cookie", &seller_cookie)
        .send()
        .await
        .unwrap();
    assert!(r.text().await.unwrap().contains("WatchedBuyer"));
    let r = http
        .post(format!("{base}/api/ratings/submit"))
        .header("cookie", &seller_cookie)
        .header("x-csrf-token", &seller_csrf)
        .json(&json!({"buyer": "WatchedBuyer", "safe": true, "reliable": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let r = http
        .post(format!("{base}/api/codes/generate"))
        .header("cookie", &seller_cookie)
        .header("x-csrf-token", &seller_csrf)
        .json(&json!({"buyer": "WatchedBuyer"}))
        .send()
        .await
        .unwrap();
    let code = r.json::<Value>().await.unwrap()["code"]
        .as_str()
        .unwrap()
        .to_owned();
    secrets.push(code.clone());
    let r = http
        .post(format!("{base}/api/ratings/submit_rating"))
        .header("cookie", &buyer_cookie)
        .header("x-csrf-token", &buyer_csrf)
        .json(&json!({"seller": "BootSeller", "code": code, "listing_accuracy": "accurate", "punctuality": "on_time", "professionalism": "professional"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let r = http
        .get(format!("{base}/api/seller/BootSeller/profile"))
        .send()
        .await
        .unwrap();
    let profile = r.json::<Value>().await.unwrap()["profile_url"]
        .as_str()
        .unwrap()
        .to_owned();
    secrets.push(profile.trim_start_matches("/verify/").to_owned());
    let r = http.get(format!("{base}{profile}")).send().await.unwrap();
    assert_eq!(r.status(), 200);

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

fn run_ok(args: &[&str], dir: &std::path::Path) -> String {
    let out = Command::new(BIN)
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .env_remove("TESSERA_DB_KEY")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

async fn login(http: &reqwest::Client, base: &str, who: &str, pw: &str) -> (String, String) {
    let r = http
        .post(format!("{base}/api/session"))
        .json(&json!({"pseudonym": who, "password": pw}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "login {who}");
    let cookie = cookie_of(&r, "__Host-tessera").unwrap();
    let v: Value = r.json().await.unwrap();
    (cookie, v["csrf_token"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn r3_8_r7_4_demo_then_serve_shows_a_working_product() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_ok(&["demo"], dir.path());
    assert!(out.contains("blindspot_ben"), "{out}");
    let params = run_ok(&["params", "show"], dir.path());
    assert!(params.starts_with("version 1"), "{params}");
    assert!(
        params.contains("q = 0.25") && params.contains("k = 3.0"),
        "{params}"
    );
    let history = run_ok(&["params", "history"], dir.path());
    assert!(history.contains("charter baseline"));
    // A second demo into the same folder is refused.
    let again = Command::new(BIN)
        .args(["demo", "--data-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!again.status.success());

    let server = Server::start(dir.path());
    assert!(server.bootstrap.is_none(), "the demo has sellers");
    let http = client();
    let (cookie, _) = login(&http, &server.base, "anna", "demo lantern orchard river").await;
    let v: Value = http
        .get(format!(
            "{}/api/buyer/blindspot_ben/reputation",
            server.base
        ))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["safe"]["score"], 1.0);
    assert_eq!(v["safe"]["flagged"], 5);
    assert_eq!(v["safe"]["n"], 25);
    let me: Value = http
        .get(format!("{}/api/seller/me/reputation", server.base))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["received"], 4, "released: 4 ratings from codes");
    // risky_ray's and flaky_finn's ratings count for nothing: their influence is below ε.
    assert_eq!(me["counted"], 2);
    server.stop();
}

#[tokio::test]
async fn r4_10_import_validates_every_row_and_claims_work() {
    let src = tempfile::tempdir().unwrap();
    let w = |name: &str, body: &str| std::fs::write(src.path().join(name), body).unwrap();
    w(
        "users.csv",
        "pseudonym,account_type\ns000001,seller\ns000002,seller\nb0000001,buyer\nb0000002,buyer\n",
    );
    w("ratings.csv", "seller,buyer,day,safe,reliable\ns000001,b0000001,2024-05-13,1,1\ns000002,b0000001,2024-05-14,0,1\ns000001,b0000001,2024-05-13,1,0\ns000001,b0000009,2024-05-15,1,1\n");
    w("buyer_ratings.csv", "buyer,seller,day,listing_accuracy,punctuality,professionalism\nb0000001,s000001,2024-05-13,accurate,no_show,professional\n");
    let dir = tempfile::tempdir().unwrap();
    // Line 5 names an unknown buyer: the whole ratings file is refused, with the line.
    let out = Command::new(BIN)
        .args(["import", "--data-dir"])
        .arg(dir.path())
        .arg(src.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("ratings.csv line 5") && err.contains("b0000009"),
        "{err}"
    );
    assert!(err.contains("nothing of ratings.csv was imported"), "{err}");
    // Fix it; import again (users already there are kept), with claim links.
    w("ratings.csv", "seller,buyer,day,safe,reliable\ns000001,b0000001,2024-05-13,1,1\ns000002,b0000001,2024-05-14,0,1\ns000001,b0000001,2024-05-13,1,0\n");
    let links = dir.path().join("claims.csv");
    let out = Command::new(BIN)
        .args([
            "import",
            "--base-url",
            "http://placeholder",
            "--claim-links",
        ])
        .arg(&links)
        .arg("--data-dir")
        .arg(dir.path())
        .arg(src.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("imported 0 new accounts, 3 ratings, 1 buyer ratings"),
        "{stdout}"
    );
    let claims = std::fs::read_to_string(&links).unwrap_or_default();
    // The accounts were created by the first (refused) run, so this run claims none of them.
    assert_eq!(claims.lines().count(), 0, "{claims}");

    // A fresh database: accounts, links, and a claim through the web.
    let dir2 = tempfile::tempdir().unwrap();
    let links2 = dir2.path().join("claims.csv");
    let out = Command::new(BIN)
        .args(["import", "--claim-links"])
        .arg(&links2)
        .arg("--data-dir")
        .arg(dir2.path())
        .arg(src.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let claims = std::fs::read_to_string(&links2).unwrap();
    assert_eq!(claims.lines().count(), 4);
    let line = claims.lines().find(|l| l.starts_with("s000001,")).unwrap();
    let token = line.rsplit('/').next().unwrap().to_owned();
    let server = Server::start(dir2.path());
    let http = client();
    // Imported accounts cannot log in before they are claimed.
    let r = http
        .post(format!("{}/api/session", server.base))
        .json(&json!({"pseudonym": "s000001", "password": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let page = http
        .get(format!("{}/claim/{token}", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let anon = cookie_of(&page, "__Host-tessera-csrf").unwrap();
    let csrf = csrf_in(&page.text().await.unwrap());
    let pw = "granite willow ferry compass";
    let r = http
        .post(format!("{}/claim/{token}", server.base))
        .header("cookie", &anon)
        .form(&[("csrf", csrf.as_str()), ("password", pw)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (cookie, _) = login(&http, &server.base, "s000001", pw).await;
    let v: Value = http
        .get(format!("{}/api/buyer/b0000001/reputation", server.base))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    // The repeated seller/buyer/day row replaced the earlier one: reliable 0, not 1.
    assert_eq!(v["interactions"], 2);
    assert_eq!(v["sellers"], 2);
    assert_eq!(v["safe"]["flagged"], 1);
    assert_eq!(v["reliable"]["flagged"], 1);
    // The link was single use.
    let again = http
        .get(format!("{}/claim/{token}", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 403);
    let out = server.stop();
    assert!(!out.contains(&token), "claim tokens are never logged");
}

/// R4.4 across processes: two servers on one PostgreSQL database, 50 concurrent redemptions of
/// one code, exactly one success. Runs when TEST_DATABASE_URL is set.
#[tokio::test]
async fn r4_4_fifty_redemptions_two_processes_one_postgres() {
    let Ok(url) = std::env::var("TEST_DATABASE_URL") else {
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            b"NOTE: TEST_DATABASE_URL is not set: the two-process PostgreSQL redemption test was skipped.\n",
        );
        return;
    };
    let name = format!("tessera_race_{}", std::process::id());
    let admin = Command::new("psql")
        .arg(&url)
        .args([
            "-q",
            "-c",
            &format!("DROP DATABASE IF EXISTS {name}"),
            "-c",
            &format!("CREATE DATABASE {name}"),
        ])
        .output()
        .unwrap();
    assert!(
        admin.status.success(),
        "{}",
        String::from_utf8_lossy(&admin.stderr)
    );
    let mut parsed = reqwest::Url::parse(&url).unwrap();
    parsed.set_path(&format!("/{name}"));
    let db = parsed.to_string();
    let key = "5a".repeat(32);
    let dirs = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
    let start = |d: &std::path::Path| {
        let mut child = Command::new(BIN)
            .args([
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--database-url",
                &db,
                "--data-dir",
            ])
            .arg(d)
            .env("TESSERA_DB_KEY", &key)
            .env("TESSERA_LIMITS_IP_PER_MINUTE", "0")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut link = None;
        let base = loop {
            let line = lines.next().unwrap().unwrap();
            if line.contains("/join/") {
                link = Some(line.trim().to_owned());
            }
            if let Some(a) = line.strip_prefix("Tessera is listening on ") {
                break a.trim().to_owned();
            }
        };
        std::thread::spawn(move || for _ in lines {});
        (child, base, link)
    };
    let (mut a, base_a, link) = start(dirs[0].path());
    let (mut b, base_b, _) = start(dirs[1].path());
    let http = client();
    let token = link.unwrap().rsplit('/').next().unwrap().to_owned();
    let pw = "copper meadow lantern sail";
    let r = http.post(format!("{base_a}/api/accounts")).json(&json!({"pseudonym": "racer", "password": pw, "account_type": "seller", "invitation": token})).send().await.unwrap();
    assert_eq!(r.status(), 201);
    let r = http
        .post(format!("{base_b}/api/accounts"))
        .json(&json!({"pseudonym": "runner", "password": pw, "account_type": "buyer"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let (sc, scsrf) = login(&http, &base_a, "racer", pw).await;
    let v: Value = http
        .post(format!("{base_a}/api/codes/generate"))
        .header("cookie", &sc)
        .header("x-csrf-token", &scsrf)
        .json(&json!({}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let code = v["code"].as_str().unwrap().to_owned();
    let mut sessions = Vec::new();
    for i in 0..50 {
        let base = if i % 2 == 0 { &base_a } else { &base_b };
        let (c, t) = login(&http, base, "runner", pw).await;
        sessions.push((base.clone(), c, t));
    }
    let body = json!({"seller": "racer", "code": code, "listing_accuracy": "accurate", "punctuality": "on_time", "professionalism": "professional"});
    let tasks: Vec<_> = sessions
        .into_iter()
        .map(|(base, c, t)| {
            let http = http.clone();
            let body = body.clone();
            tokio::spawn(async move {
                http.post(format!("{base}/api/ratings/submit_rating"))
                    .header("cookie", c)
                    .header("x-csrf-token", t)
                    .json(&body)
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    let _ = a.kill();
    let _ = b.kill();
    let _ = a.wait();
    let _ = b.wait();
    let _ = Command::new("psql")
        .arg(&url)
        .args(["-q", "-c", &format!("DROP DATABASE IF EXISTS {name}")])
        .output();
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| [201, 409, 429].contains(s)),
        "{statuses:?}"
    );
}
