//! Keeps user-chosen URLs off the server's own network: a DNS resolver that drops private,
//! loopback and link-local addresses, and the same check for IP literals (which skip DNS).

use std::net::{IpAddr, SocketAddr};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use url::{Host, Url};

/// Marker in the resolver's error, so the caller can tell a refusal from a DNS failure.
pub const BLOCKED: &str = "resolves only to private or local addresses";

/// Resolves with the system resolver, then keeps only public addresses. Checking here rather
/// than before the request closes the gap where DNS answers differently the second time.
pub struct PublicOnly;

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_string();
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let public: Vec<SocketAddr> = found.into_iter().filter(|a| !is_private_ip(a.ip())).collect();
            if public.is_empty() {
                return Err(format!("{host} {BLOCKED}").into());
            }
            Ok(Box::new(public.into_iter()) as Addrs)
        })
    }
}

/// A URL whose host is an IP address (no DNS involved) that is private or local.
pub fn is_private_literal(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => is_private_ip(IpAddr::V4(ip)),
        Some(Host::Ipv6(ip)) => is_private_ip(IpAddr::V6(ip)),
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost") || name.ends_with(".localhost"),
        None => true,
    }
}

pub fn is_private_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                // 100.64.0.0/10, carrier-grade NAT: often a provider's internal network.
                || (v4.octets()[0] == 100 && (v4.octets()[1] & 0xC0) == 64)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_private_ip(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00 // unique local
                || (first & 0xffc0) == 0xfe80 // link local
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_and_private_addresses_are_refused_and_public_ones_are_not() {
        for private in ["127.0.0.1", "10.1.2.3", "192.168.0.1", "169.254.169.254", "100.64.0.1", "::1", "fd00::1", "::ffff:127.0.0.1"] {
            assert!(is_private_ip(private.parse().expect("ip")), "{private}");
        }
        for public in ["93.184.216.34", "2606:4700::1111"] {
            assert!(!is_private_ip(public.parse().expect("ip")), "{public}");
        }
        assert!(is_private_literal(&Url::parse("http://localhost:8080/").expect("url")));
        assert!(!is_private_literal(&Url::parse("https://example.org/").expect("url")));
    }
}

#[cfg(test)]
mod resolver_tests {
    use reqwest::dns::Resolve;

    use super::*;

    #[tokio::test]
    async fn a_name_that_resolves_only_to_loopback_is_refused() {
        let name: Name = "localhost".parse().expect("name");
        let error = PublicOnly.resolve(name).await.err().expect("refused");
        assert!(error.to_string().contains(BLOCKED), "{error}");
    }
}
