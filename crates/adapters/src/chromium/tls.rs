//! The test server's certificate: self-signed, made at start-up, never
//! written to disk. Chromium is told to accept it by the SHA-256 of its
//! SubjectPublicKeyInfo (`--ignore-certificate-errors-spki-list`), so
//! certificate errors are ignored for this one key only; a certificate
//! with any other key still fails.

use base64::Engine as _;
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::ServerConfig;
use std::sync::Arc;

/// A TLS identity for the proxy's https tunnels.
pub(crate) struct TlsIdentity {
    /// The rustls server configuration (HTTP/1.1 only: no ALPN, so Chromium
    /// never speaks HTTP/2 to the tunnel).
    pub(crate) config: Arc<ServerConfig>,
    /// base64 of the SHA-256 of the certificate's SubjectPublicKeyInfo, the
    /// form `--ignore-certificate-errors-spki-list` takes.
    pub(crate) spki_sha256: String,
}

impl TlsIdentity {
    /// A fresh key pair and a self-signed certificate for it. The names in
    /// the certificate do not matter (the SPKI pin covers name mismatches),
    /// so it names one reserved test name.
    pub(crate) fn generate() -> Result<TlsIdentity, String> {
        let certified = rcgen::generate_simple_self_signed(vec!["cookiecheck.test".to_string()])
            .map_err(|e| format!("generating the test certificate: {e}"))?;
        let spki = certified.key_pair.public_key_der();
        let digest = ring::digest::digest(&ring::digest::SHA256, &spki);
        let spki_sha256 = base64::engine::general_purpose::STANDARD.encode(digest.as_ref());
        let key =
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(certified.key_pair.serialize_der()));
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| format!("TLS versions: {e}"))?
            .with_no_client_auth()
            .with_single_cert(vec![certified.cert.der().clone()], key)
            .map_err(|e| format!("TLS server configuration: {e}"))?;
        Ok(TlsIdentity {
            config: Arc::new(config),
            spki_sha256,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pin_is_a_base64_sha256() {
        let id = TlsIdentity::generate().expect("an identity");
        let raw = base64::engine::general_purpose::STANDARD
            .decode(&id.spki_sha256)
            .expect("base64");
        assert_eq!(raw.len(), 32);
        // Two identities never share a key.
        let other = TlsIdentity::generate().expect("an identity");
        assert_ne!(id.spki_sha256, other.spki_sha256);
    }
}
