//! Per-address token buckets (SPEC R9.3). In memory only: addresses are never persisted or
//! logged (R1.2, R8.4). Buckets idle long enough to be full again are dropped, so the map does
//! not grow without bound. An IPv6 client is keyed by its /64 (issue 11): one subscriber
//! usually holds a whole /64, so keying full addresses would give it 2^64 buckets.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr};

/// The bucket of an address: IPv4 as it is (also when mapped into IPv6), IPv6 by its /64.
fn bucket_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}
use std::sync::Mutex;
use std::time::Instant;

pub struct IpLimiter {
    per_minute: u32,
    burst: f64,
    buckets: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

impl IpLimiter {
    /// `per_minute` = 0 turns the limit off.
    pub fn new(per_minute: u32, burst: u32) -> IpLimiter {
        IpLimiter {
            per_minute,
            burst: f64::from(burst),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    pub fn enabled(&self) -> bool {
        self.per_minute > 0
    }

    /// Takes one token; `Err(seconds)` until the next one when the bucket is empty.
    pub fn check(&self, ip: IpAddr) -> Result<(), u64> {
        self.check_at(ip, Instant::now())
    }

    fn check_at(&self, ip: IpAddr, now: Instant) -> Result<(), u64> {
        if !self.enabled() {
            return Ok(());
        }
        let rate = f64::from(self.per_minute) / 60.0;
        let mut map = self
            .buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if map.len() > 100_000 {
            let burst = self.burst;
            map.retain(|_, (tokens, at)| {
                *tokens + now.duration_since(*at).as_secs_f64() * rate < burst
            });
        }
        let entry = map.entry(bucket_key(ip)).or_insert((self.burst, now));
        let refill = now.duration_since(entry.1).as_secs_f64() * rate;
        entry.0 = (entry.0 + refill).min(self.burst);
        entry.1 = now;
        if entry.0 >= 1.0 {
            entry.0 -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - entry.0) / rate).ceil() as u64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn r9_3_burst_then_refill() {
        let l = IpLimiter::new(60, 3);
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        let t = Instant::now();
        for _ in 0..3 {
            assert!(l.check_at(ip, t).is_ok());
        }
        assert_eq!(l.check_at(ip, t), Err(1));
        // Another address has its own bucket.
        assert!(l.check_at("192.0.2.2".parse().unwrap(), t).is_ok());
        assert!(l.check_at(ip, t + Duration::from_secs(1)).is_ok());
    }

    #[test]
    fn r9_3_ipv6_is_limited_by_its_64() {
        let l = IpLimiter::new(60, 2);
        let t = Instant::now();
        assert!(l.check_at("2001:db8:1:2::1".parse().unwrap(), t).is_ok());
        assert!(l
            .check_at("2001:db8:1:2:ffff::9".parse().unwrap(), t)
            .is_ok());
        // A third address of the same /64 shares the (now empty) bucket.
        assert_eq!(
            l.check_at("2001:db8:1:2:abcd::7".parse().unwrap(), t),
            Err(1)
        );
        // The next /64 has its own.
        assert!(l.check_at("2001:db8:1:3::1".parse().unwrap(), t).is_ok());
        // An IPv4-mapped address is the IPv4 address.
        assert!(l.check_at("192.0.2.9".parse().unwrap(), t).is_ok());
        assert!(l.check_at("::ffff:192.0.2.9".parse().unwrap(), t).is_ok());
        assert_eq!(l.check_at("192.0.2.9".parse().unwrap(), t), Err(1));
    }

    #[test]
    fn r9_3_zero_turns_the_limit_off() {
        let l = IpLimiter::new(0, 200);
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        for _ in 0..10_000 {
            assert!(l.check(ip).is_ok());
        }
    }
}
