//! R8.6: with a certificate, the server speaks TLS 1.3 only.

use std::sync::Arc;

use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName};
use tessera_core::SystemClock;
use tessera_store::{Location, MasterKey, Store};
use tessera_web::{AppState, Application, WebConfig};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

async fn client(
    versions: &[&'static rustls::SupportedProtocolVersion],
    root: &CertificateDer<'static>,
    port: u16,
) -> Result<String, std::io::Error> {
    let mut roots = rustls::RootCertStore::empty();
    roots.add(root.clone()).unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let cfg = rustls::ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(versions)
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let connector = tokio_rustls::TlsConnector::from(Arc::new(cfg));
    let tcp = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
    let mut tls = connector
        .connect(ServerName::try_from("localhost").unwrap(), tcp)
        .await?;
    tls.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await?;
    let mut out = String::new();
    tls.read_to_string(&mut out).await?;
    Ok(out)
}

#[tokio::test]
async fn r8_6_tls_1_2_is_refused_and_tls_1_3_accepted() {
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
    let der = CertificateDer::from(cert.cert.der().to_vec());
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(cert.key_pair.serialize_der()));
    let tls = tessera_web::tls::from_parts(vec![der.clone()], key).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(
        &Location::Sqlite {
            data_dir: dir.path().to_owned(),
        },
        &MasterKey::generate(),
    )
    .await
    .unwrap();
    let state = AppState::new(store, Arc::new(SystemClock), WebConfig::default());
    let app = Application::bind(state, "127.0.0.1:0".parse().unwrap(), Some(tls))
        .await
        .unwrap();
    let port = app.local_addr().unwrap().port();
    tokio::spawn(app.run());

    let old = client(&[&rustls::version::TLS12], &der, port).await;
    assert!(old.is_err(), "a TLS 1.2 handshake must fail, got {old:?}");
    let ok = client(&[&rustls::version::TLS13], &der, port)
        .await
        .expect("TLS 1.3 handshake");
    assert!(ok.starts_with("HTTP/1.1 200"), "{ok}");
    assert!(ok.ends_with("ok"));
}
