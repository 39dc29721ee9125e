//! Spawns the real application on port 0 with a fresh encrypted SQLite database and a clock the
//! test controls, and drives it like a client (Zero To Production's `spawn_app`). Everything
//! the application logs goes to one in-memory buffer that the privacy checks read (R8.4).

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use reqwest::header::{HeaderMap, SET_COOKIE};
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};
use tessera_core::FixedClock;
use tessera_store::{Location, MasterKey, Store};
use tessera_web::{AppState, Application, WebConfig};

pub const PASSWORD: &str = "velvet lantern orbit quietly";
pub const CLIENT_IP: &str = "127.0.0.7";

static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();

#[derive(Clone)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        if std::env::var_os("TEST_LOG").is_some() {
            std::io::stderr().write_all(buf)?;
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn init_logs() -> Arc<Mutex<Vec<u8>>> {
    LOGS.get_or_init(|| {
        let buf = Arc::new(Mutex::new(Vec::new()));
        let writer = Capture(buf.clone());
        tracing_subscriber::fmt()
            .with_env_filter("debug,sqlx=debug,hyper=info,h2=info")
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .init();
        buf
    })
    .clone()
}

/// Everything the application logged so far (all tests of this binary).
pub fn logs() -> String {
    String::from_utf8_lossy(&init_logs().lock().unwrap()).into_owned()
}

/// R8.4: fails if any of `secrets` appears in what the server wrote. A secret of digits only
/// (a rating code, a TOTP code) is searched as a number of its own: with every test's output
/// in one log, six random digits recur by chance inside ids and timestamps.
pub fn assert_logs_free_of(secrets: &[&str]) {
    let logs = logs();
    for s in secrets {
        assert!(!s.is_empty());
        if s.bytes().all(|b| b.is_ascii_digit()) {
            assert_logs_free_of_numbers(&[s]);
        } else {
            assert!(!logs.contains(s), "the server's output contains '{s}'");
        }
    }
}

pub struct TestApp {
    pub base: String,
    pub state: AppState,
    pub store: Store,
    pub clock: Arc<FixedClock>,
    /// Clients made from now on speak HTTP/2 (prior knowledge: no `Host` header, the
    /// authority is in the URI) instead of HTTP/1.1.
    pub h2: bool,
    /// The SQLite store's folder, when the app made its own store.
    _dir: Option<tempfile::TempDir>,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(configure: impl FnOnce(&mut WebConfig)) -> TestApp {
    init_logs();
    let (store, dir) = new_sqlite().await;
    serve(store, Some(dir), configure).await
}

/// A store of its own in a new folder, under a new master key.
pub async fn new_sqlite() -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(
        &Location::Sqlite {
            data_dir: dir.path().to_owned(),
        },
        &MasterKey::generate(),
    )
    .await
    .unwrap();
    (store, dir)
}

/// The application on a store the test opened itself (a restored backup, another backend).
pub async fn spawn_app_on(store: Store) -> TestApp {
    serve(store, None, |_| {}).await
}

async fn serve(
    store: Store,
    dir: Option<tempfile::TempDir>,
    configure: impl FnOnce(&mut WebConfig),
) -> TestApp {
    init_logs();
    let clock = Arc::new(FixedClock::new(time::OffsetDateTime::now_utc()));
    let mut cfg = WebConfig {
        pow_bits: 8,
        ..WebConfig::default()
    };
    configure(&mut cfg);
    let state = AppState::new(store.clone(), clock.clone(), cfg);
    let app = Application::bind(state.clone(), "127.0.0.1:0".parse().unwrap(), None)
        .await
        .unwrap();
    let addr = app.local_addr().unwrap();
    tokio::spawn(app.run());
    TestApp {
        base: format!("http://{addr}"),
        state,
        store,
        clock,
        h2: false,
        _dir: dir,
    }
}

impl TestApp {
    pub fn client(&self) -> Client {
        Client::speaking(&self.base, self.h2)
    }

    /// An invitation as `tessera invite` makes it.
    pub async fn invitation(&self) -> String {
        let (token, _) =
            tessera_app::accounts::create_invitation_in(&self.state.store, self.state.now(), None)
                .await
                .unwrap();
        token
    }

    /// A logged-in seller client.
    pub async fn seller(&self, name: &str) -> Client {
        let inv = self.invitation().await;
        let c = self.client();
        let r = c
            .post_json("/api/accounts", json!({"pseudonym": name, "password": PASSWORD, "account_type": "seller", "invitation": inv}))
            .await;
        assert_eq!(r.status(), 201, "seller sign-up");
        c.login(name, PASSWORD).await;
        c
    }

    pub async fn buyer(&self, name: &str) -> Client {
        let c = self.client();
        let r = c
            .post_json(
                "/api/accounts",
                json!({"pseudonym": name, "password": PASSWORD, "account_type": "buyer"}),
            )
            .await;
        assert_eq!(r.status(), 201, "buyer sign-up");
        c.login(name, PASSWORD).await;
        c
    }
}

/// An HTTP client with its own small cookie jar (reqwest's store would not send `Secure`
/// cookies over plain HTTP on loopback) and the CSRF token of its session.
pub struct Client {
    http: reqwest::Client,
    base: String,
    cookies: Mutex<BTreeMap<String, String>>,
    pub csrf: Mutex<Option<String>>,
}

impl Client {
    pub fn new(base: &str) -> Client {
        Client::speaking(base, false)
    }

    /// A client that speaks HTTP/2 with prior knowledge (`h2`) or HTTP/1.1 only.
    pub fn speaking(base: &str, h2: bool) -> Client {
        let b = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .local_address(CLIENT_IP.parse::<std::net::IpAddr>().ok());
        let http = if h2 {
            b.http2_prior_knowledge()
        } else {
            b.http1_only()
        }
        .build()
        .unwrap();
        Client {
            http,
            base: base.to_owned(),
            cookies: Mutex::new(BTreeMap::new()),
            csrf: Mutex::new(None),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .lock()
            .unwrap()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn absorb(&self, headers: &HeaderMap) {
        for v in headers.get_all(SET_COOKIE) {
            let v = v.to_str().unwrap();
            let first = v.split(';').next().unwrap();
            let (k, val) = first.split_once('=').unwrap();
            let mut jar = self.cookies.lock().unwrap();
            if val.is_empty() || v.contains("Max-Age=0") {
                jar.remove(k);
            } else {
                jar.insert(k.to_owned(), val.to_owned());
            }
        }
    }

    pub fn has_cookie(&self, name: &str) -> bool {
        self.cookies.lock().unwrap().contains_key(name)
    }

    /// A page's HTML as a German-speaking browser gets it.
    pub async fn page_de(&self, path: &str) -> String {
        self.request(Method::GET, path, None, &[("accept-language", "de")])
            .await
            .text()
            .await
            .unwrap()
    }

    pub async fn request(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
        extra: &[(&str, &str)],
    ) -> Response {
        let mut rb = self
            .http
            .request(method.clone(), format!("{}{}", self.base, path))
            .header("cookie", self.cookie_header());
        if method != Method::GET {
            if let Some(t) = self.csrf.lock().unwrap().clone() {
                rb = rb.header("x-csrf-token", t);
            }
        }
        for (k, v) in extra {
            rb = rb.header(*k, *v);
        }
        if let Some(b) = body {
            rb = rb.json(&b);
        }
        let r = rb.send().await.unwrap();
        self.absorb(r.headers());
        r
    }

    pub async fn get(&self, path: &str) -> Response {
        self.request(Method::GET, path, None, &[]).await
    }

    pub async fn get_html(&self, path: &str) -> String {
        let r = self.get(path).await;
        assert!(r.status().is_success(), "GET {path}: {}", r.status());
        r.text().await.unwrap()
    }

    pub async fn post_json(&self, path: &str, body: Value) -> Response {
        self.request(Method::POST, path, Some(body), &[]).await
    }

    pub async fn put_json(&self, path: &str, body: Value) -> Response {
        self.request(Method::PUT, path, Some(body), &[]).await
    }

    pub async fn delete_json(&self, path: &str, body: Option<Value>) -> Response {
        self.request(Method::DELETE, path, body, &[]).await
    }

    /// Posts a form the way a browser would after loading `page`: with the page's CSRF token.
    pub async fn submit(&self, page: &str, action: &str, fields: &[(&str, &str)]) -> Response {
        let html = self.get_html(page).await;
        let token = csrf_in(&html);
        self.post_form(action, &token, fields).await
    }

    pub async fn post_form(&self, action: &str, csrf: &str, fields: &[(&str, &str)]) -> Response {
        self.post_form_with(action, csrf, fields, &[]).await
    }

    pub async fn post_form_with(
        &self,
        action: &str,
        csrf: &str,
        fields: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Response {
        let mut form: Vec<(&str, &str)> = vec![("csrf", csrf)];
        form.extend_from_slice(fields);
        let mut rb = self
            .http
            .post(format!("{}{}", self.base, action))
            .header("cookie", self.cookie_header());
        for (k, v) in headers {
            rb = rb.header(*k, *v);
        }
        let r = rb.form(&form).send().await.unwrap();
        self.absorb(r.headers());
        r
    }

    /// Logs in through the API and keeps the session's CSRF token.
    pub async fn login(&self, pseudonym: &str, password: &str) -> Value {
        let r = self
            .post_json(
                "/api/session",
                json!({"pseudonym": pseudonym, "password": password}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK, "login of {pseudonym}");
        let v: Value = r.json().await.unwrap();
        *self.csrf.lock().unwrap() = Some(v["csrf_token"].as_str().unwrap().to_owned());
        v
    }
}

/// The CSRF token of the first form in a page.
pub fn csrf_in(html: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let i = html.find(marker).expect("page has a CSRF field") + marker.len();
    html[i..].split('"').next().unwrap().to_owned()
}

/// The text between `start` and the next `end` in `s`.
pub fn between<'a>(s: &'a str, start: &str, end: &str) -> &'a str {
    let i = s
        .find(start)
        .unwrap_or_else(|| panic!("'{start}' not in page"))
        + start.len();
    let rest = &s[i..];
    &rest[..rest.find(end).unwrap()]
}

impl Client {
    pub fn cookie_value(&self) -> String {
        self.cookies
            .lock()
            .unwrap()
            .get("__Host-tessera")
            .cloned()
            .unwrap_or_default()
    }

    pub fn set_cookie(&self, name: &str, value: &str) {
        self.cookies
            .lock()
            .unwrap()
            .insert(name.to_owned(), value.to_owned());
    }
}

/// R8.4 for short numbers (PINs): fails if one appears in the server's output as a number of
/// its own (not inside a longer one, such as a port or a latency).
pub fn assert_logs_free_of_numbers(numbers: &[&str]) {
    let logs = logs();
    for n in numbers {
        assert!(!n.is_empty());
        let found = logs.match_indices(n).any(|(i, _)| {
            let before = logs[..i].chars().next_back();
            let after = logs[i + n.len()..].chars().next();
            // Inside a longer number, a decimal or a hex token (ids, timestamps) it is not
            // this number: with every test's output in one log, six digits recur by chance.
            !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
                && !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
        });
        assert!(!found, "the server's output contains the number '{n}'");
    }
}
