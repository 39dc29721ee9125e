//! The client address, for the in-memory rate limits only (SPEC R9.3). Taken from
//! `X-Forwarded-For` only when the peer is the configured trusted proxy. Never logged (R8.4).

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, Request};
use axum::http::HeaderMap;

#[derive(Clone, Copy)]
pub struct ClientIp(pub IpAddr);

// No Debug that prints the address: it must not reach a log line by accident.
impl std::fmt::Debug for ClientIp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ClientIp(…)")
    }
}

pub fn client_ip(req: &Request, trusted_proxy: Option<IpAddr>) -> Option<IpAddr> {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())?;
    if Some(peer) == trusted_proxy {
        if let Some(ip) = forwarded_for(req.headers()) {
            return Some(ip);
        }
    }
    Some(peer)
}

/// The right-most address of `X-Forwarded-For`: the one the trusted proxy itself saw.
fn forwarded_for(headers: &HeaderMap) -> Option<IpAddr> {
    let v = headers
        .get_all("x-forwarded-for")
        .iter()
        .next_back()?
        .to_str()
        .ok()?;
    v.rsplit(',').next()?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;

    fn req(peer: &str, xff: Option<&str>) -> Request {
        let mut b = axum::http::Request::builder();
        if let Some(x) = xff {
            b = b.header("x-forwarded-for", x);
        }
        let mut r = b.body(Body::empty()).unwrap();
        r.extensions_mut()
            .insert(ConnectInfo::<SocketAddr>(peer.parse().unwrap()));
        r
    }

    #[test]
    fn r9_3_forwarded_for_only_from_the_trusted_proxy() {
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let r = req("10.0.0.1:5000", Some("198.51.100.7, 203.0.113.9"));
        assert_eq!(
            client_ip(&r, Some(proxy)),
            Some("203.0.113.9".parse().unwrap())
        );
        let spoof = req("192.0.2.5:5000", Some("203.0.113.9"));
        assert_eq!(
            client_ip(&spoof, Some(proxy)),
            Some("192.0.2.5".parse().unwrap())
        );
        assert_eq!(client_ip(&r, None), Some("10.0.0.1".parse().unwrap()));
    }
}
