//! Key handling and field encryption (SPEC R8.2). One 256-bit master key, from `TESSERA_DB_KEY`
//! or a key file created on first start, keys SQLCipher directly; HKDF derives separate keys for
//! field encryption (XChaCha20-Poly1305) and for keyed hashes (HMAC-SHA256). Keys never appear in
//! logs (no `Debug` prints them) or in the database.

use std::io::Write;
use std::path::Path;

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use rand::RngCore;
use secrecy::{ExposeSecret, SecretBox, SecretString};
use sha2::Sha256;

use crate::StoreError;

pub const KEY_FILE: &str = "tessera.key";

pub struct MasterKey(SecretBox<[u8; 32]>);

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MasterKey(…)")
    }
}

/// How the key was found, so the CLI can warn once when it created a key file.
#[derive(Debug, PartialEq, Eq)]
pub enum KeySource {
    Environment,
    ExistingFile,
    CreatedFile,
}

impl MasterKey {
    /// Parses 64 hexadecimal characters (256 bits).
    pub fn from_hex(hex: &str) -> Result<MasterKey, StoreError> {
        let bytes = data_encoding::HEXLOWER_PERMISSIVE
            .decode(hex.trim().as_bytes())
            .map_err(|_| StoreError::Key("the key must be 64 hexadecimal characters".into()))?;
        let arr: [u8; 32] = bytes
            .try_into()
            .map_err(|_| StoreError::Key("the key must be 64 hexadecimal characters".into()))?;
        Ok(MasterKey(SecretBox::new(Box::new(arr))))
    }

    pub fn generate() -> MasterKey {
        let mut k = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut k);
        MasterKey(SecretBox::new(Box::new(k)))
    }

    /// `TESSERA_DB_KEY` (passed in as `env_key`) wins; otherwise the key file in `data_dir`,
    /// created with mode 0600 when missing.
    pub fn load_or_create(
        env_key: Option<&SecretString>,
        data_dir: &Path,
    ) -> Result<(MasterKey, KeySource), StoreError> {
        if let Some(k) = env_key {
            return Ok((
                MasterKey::from_hex(k.expose_secret())?,
                KeySource::Environment,
            ));
        }
        let path = data_dir.join(KEY_FILE);
        match std::fs::read_to_string(&path) {
            Ok(s) => Ok((MasterKey::from_hex(&s)?, KeySource::ExistingFile)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // A database without its key file was made under another key (TESSERA_DB_KEY,
                // or a key file kept elsewhere): a new key would not open it, and would leave a
                // key file beside it that opens nothing. Say so instead (R8.2, R9.1).
                if data_dir.join(crate::SQLITE_FILE).exists() {
                    return Err(StoreError::Key(format!(
                        "{} exists but {} does not: give the key it was made with \
                         (TESSERA_DB_KEY, or its key file back in the folder)",
                        data_dir.join(crate::SQLITE_FILE).display(),
                        path.display()
                    )));
                }
                create_private_dir(data_dir)?;
                let key = MasterKey::generate();
                let mut opts = std::fs::OpenOptions::new();
                opts.write(true).create_new(true);
                #[cfg(unix)]
                {
                    use std::os::unix::fs::OpenOptionsExt;
                    opts.mode(0o600);
                }
                let mut f = opts.open(&path).map_err(StoreError::Io)?;
                f.write_all(key.to_hex().as_bytes())
                    .map_err(StoreError::Io)?;
                f.sync_all().map_err(StoreError::Io)?;
                Ok((key, KeySource::CreatedFile))
            }
            Err(e) => Err(StoreError::Io(e)),
        }
    }

    fn to_hex(&self) -> String {
        data_encoding::HEXLOWER.encode(self.0.expose_secret())
    }

    /// The value for `PRAGMA key`: a raw key in SQLCipher's `x'…'` blob syntax.
    pub(crate) fn sqlcipher_pragma(&self) -> String {
        format!("\"x'{}'\"", self.to_hex())
    }

    fn derive(&self, purpose: &str) -> [u8; 32] {
        let hk = Hkdf::<Sha256>::new(Some(b"tessera"), self.0.expose_secret());
        let mut out = [0u8; 32];
        // 32 bytes is always a valid HKDF-SHA256 output length.
        if hk.expand(purpose.as_bytes(), &mut out).is_err() {
            unreachable!("HKDF output length is fixed and valid");
        }
        out
    }
}

/// Keys derived from the master key, cheap to clone.
#[derive(Clone)]
pub struct Crypto {
    field: std::sync::Arc<XChaCha20Poly1305>,
    mac_key: std::sync::Arc<SecretBox<[u8; 32]>>,
}

impl Crypto {
    pub fn new(key: &MasterKey) -> Crypto {
        let field_key = key.derive("tessera field encryption v1");
        let mac_key = key.derive("tessera keyed hash v1");
        Crypto {
            field: std::sync::Arc::new(XChaCha20Poly1305::new(&field_key.into())),
            mac_key: std::sync::Arc::new(SecretBox::new(Box::new(mac_key))),
        }
    }

    /// Encrypts a field; `context` (e.g. "totp") is bound as associated data so a value cannot
    /// be moved to another column.
    pub fn seal(&self, context: &str, plaintext: &[u8]) -> Vec<u8> {
        let mut nonce = [0u8; 24];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let ct = self
            .field
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plaintext,
                    aad: context.as_bytes(),
                },
            )
            .unwrap_or_default();
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ct);
        out
    }

    pub fn open(&self, context: &str, sealed: &[u8]) -> Result<Vec<u8>, StoreError> {
        if sealed.len() < 24 {
            return Err(StoreError::Decrypt);
        }
        let (nonce, ct) = sealed.split_at(24);
        self.field
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ct,
                    aad: context.as_bytes(),
                },
            )
            .map_err(|_| StoreError::Decrypt)
    }

    /// HMAC-SHA256 under a purpose label: stable, not reversible without the server key.
    pub fn keyed_hash(&self, purpose: &str, data: &[u8]) -> [u8; 32] {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(self.mac_key.expose_secret())
            .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
        mac.update(purpose.as_bytes());
        mac.update(&[0]);
        mac.update(data);
        mac.finalize().into_bytes().into()
    }
}

/// SHA-256 of a high-entropy token (sessions, invitations): enough, since the token itself is
/// 128+ random bits and never stored (R2.3, R2.7).
pub fn token_hash(token: &str) -> Vec<u8> {
    use sha2::Digest;
    Sha256::digest(token.as_bytes()).to_vec()
}

/// `n` bytes from the OS CSPRNG (salts).
pub fn random_bytes(n: usize) -> Vec<u8> {
    let mut b = vec![0u8; n];
    rand::rngs::OsRng.fill_bytes(&mut b);
    b
}

/// A random token of `bytes` bytes, base32 without padding (URL- and form-safe).
pub fn random_token(bytes: usize) -> String {
    let mut b = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut b);
    data_encoding::BASE32_NOPAD.encode(&b).to_ascii_lowercase()
}

/// Argon2id with the parameters of R2.4 (m=19456 KiB, t=2, p=1).
pub fn argon2id() -> argon2::Argon2<'static> {
    // Constants that `Params::new` accepts; the fallback is never taken.
    let params = argon2::Params::new(19_456, 2, 1, Some(32)).unwrap_or_default();
    argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
}

/// The stored form of a recovery code (R2.6, ASVS 6.5.2): Argon2id of the SHA-256 of its
/// normalised text under the set's salt. Over the SHA-256, so that codes stored before the
/// salt (as that SHA-256) can be wrapped without knowing them. Slow: call off the runtime.
pub fn recovery_code_hash(digest: &[u8], salt: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; 32];
    if argon2id()
        .hash_password_into(digest, salt, &mut out)
        .is_err()
    {
        // Only a salt shorter than 8 bytes fails; ours are 16. An empty hash matches nothing.
        out.clear();
    }
    out
}

/// Creates the data folder (and missing parents) for its owner only, 0700: the database and
/// the key file are nobody else's business (`tessera doctor` checks it, R9.6). A folder that
/// exists keeps the mode its operator gave it.
pub(crate) fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir).map_err(StoreError::Io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r8_2_sealed_fields_round_trip_and_bind_their_context() {
        let c = Crypto::new(&MasterKey::generate());
        let sealed = c.seal("totp", b"secret bytes");
        assert!(!sealed.windows(12).any(|w| w == b"secret bytes"));
        assert_eq!(c.open("totp", &sealed).unwrap(), b"secret bytes");
        assert!(c.open("note", &sealed).is_err());
        let other = Crypto::new(&MasterKey::generate());
        assert!(other.open("totp", &sealed).is_err());
    }

    #[test]
    fn r8_2_key_file_is_created_with_mode_0600_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let (k1, s1) = MasterKey::load_or_create(None, dir.path()).unwrap();
        assert_eq!(s1, KeySource::CreatedFile);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(KEY_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let (k2, s2) = MasterKey::load_or_create(None, dir.path()).unwrap();
        assert_eq!(s2, KeySource::ExistingFile);
        assert_eq!(k1.to_hex(), k2.to_hex());
        assert!(!format!("{k1:?}").contains(&k1.to_hex()));
    }

    #[test]
    fn r8_2_r9_1_no_new_key_for_a_database_that_has_none() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(crate::SQLITE_FILE),
            b"encrypted under another key",
        )
        .unwrap();
        let err = MasterKey::load_or_create(None, dir.path()).unwrap_err();
        assert!(err.to_string().contains("TESSERA_DB_KEY"), "{err}");
        assert!(!dir.path().join(KEY_FILE).exists(), "no stray key file");
    }

    #[test]
    fn r2_3_tokens_carry_at_least_128_bits() {
        let t = random_token(20);
        assert_eq!(t.len(), 32); // 160 bits in base32
        assert_ne!(t, random_token(20));
    }
}
