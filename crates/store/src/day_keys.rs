//! Encryption that forgets (issue 12 §3; SPEC R8.2, R8.3): texts that expire (message bodies,
//! alert texts, sealed check-in notes) are encrypted with XChaCha20-Poly1305 under a random key
//! of the day they expire, kept in `day_keys` wrapped by the master key. [`Store::shred_day_keys`]
//! (run by the purge) deletes every key whose day has passed; after that no copy of the database
//! (free pages, the WAL, an SSD's remapped blocks, a backup) can give the texts back, whether or
//! not their rows were still there.
//!
//! A sealed value is `day (8 bytes, big-endian) ‖ nonce (24) ‖ ciphertext`; the associated data
//! binds the caller's context and the day, so a value cannot be moved to another column or
//! relabelled with a later day. Keys are created on first use by whichever process gets there
//! first (`ON CONFLICT DO NOTHING`, then read back), so two processes share one key per day.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;

use crate::crypto::random_bytes;
use crate::{Result, Store, StoreError};

const DAY_SECS: i64 = 86_400;

/// The day (since 1970-01-01, UTC) a moment falls on.
pub(crate) fn day_of(unix: i64) -> i64 {
    unix.div_euclid(DAY_SECS)
}

/// The first 8 bytes of every value sealed under `day`. Big-endian, so for the days of this
/// era (positive) SQL compares the prefixes of two sealed values in the order of their days:
/// `substr(note, 1, 8) <= $1` finds what is sealed under `day` or earlier on both backends.
pub(crate) fn day_prefix(day: i64) -> [u8; 8] {
    day.to_be_bytes()
}

fn aad(context: &str, day: i64) -> Vec<u8> {
    let mut a = context.as_bytes().to_vec();
    a.push(0);
    a.extend_from_slice(&day.to_be_bytes());
    a
}

fn wrap_context(day: i64) -> String {
    format!("day-key {day}")
}

impl Store {
    /// The cipher of `day`, created if `create` and it does not exist yet; `None` when it was
    /// shredded (or never made).
    async fn day_cipher(&self, day: i64, create: bool) -> Result<Option<XChaCha20Poly1305>> {
        if let Some(c) = self.day_keys.get(day) {
            return Ok(Some(c));
        }
        if create {
            let key = random_bytes(32);
            let wrapped = self.crypto().seal(&wrap_context(day), &key);
            self.db
                .write()
                .execute(
                    "INSERT INTO day_keys (day, wrapped) VALUES ($1, $2) \
                     ON CONFLICT (day) DO NOTHING",
                    &[day.into(), (&wrapped[..]).into()],
                )
                .await?;
        }
        let wrapped = self
            .db
            .read()
            .fetch_optional(
                "SELECT wrapped FROM day_keys WHERE day = $1",
                &[day.into()],
                |r| r.opt_bytes(0),
            )
            .await?
            .flatten();
        let Some(wrapped) = wrapped else {
            return Ok(None);
        };
        let key = self.crypto().open(&wrap_context(day), &wrapped)?;
        let cipher = XChaCha20Poly1305::new_from_slice(&key).map_err(|_| StoreError::Decrypt)?;
        self.day_keys.put(day, cipher.clone());
        Ok(Some(cipher))
    }

    /// Encrypts `plaintext` under the key of the day `expires_at` falls on.
    pub async fn seal_until(
        &self,
        expires_at: i64,
        context: &str,
        plaintext: &[u8],
    ) -> Result<Vec<u8>> {
        let day = day_of(expires_at);
        let cipher = self
            .day_cipher(day, true)
            .await?
            .ok_or(StoreError::Decrypt)?;
        let mut nonce = [0u8; 24];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let ct = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plaintext,
                    aad: &aad(context, day),
                },
            )
            .map_err(|_| StoreError::Decrypt)?;
        let mut out = day.to_be_bytes().to_vec();
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&ct);
        Ok(out)
    }

    /// Decrypts a value from [`Store::seal_until`]; `None` once its day's key is shredded.
    /// `Decrypt` for a value that was tampered with or sealed under another context.
    pub async fn open_sealed(&self, context: &str, sealed: &[u8]) -> Result<Option<Vec<u8>>> {
        if sealed.len() < 8 + 24 {
            return Err(StoreError::Decrypt);
        }
        let (day, rest) = sealed.split_at(8);
        let mut d = [0u8; 8];
        d.copy_from_slice(day);
        let day = i64::from_be_bytes(d);
        let Some(cipher) = self.day_cipher(day, false).await? else {
            return Ok(None);
        };
        let (nonce, ct) = rest.split_at(24);
        cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ct,
                    aad: &aad(context, day),
                },
            )
            .map(Some)
            .map_err(|_| StoreError::Decrypt)
    }

    /// Deletes the keys of every day that has ended by `now` (R8.3): whatever was sealed until
    /// then can no longer be read. Idempotent, so several processes may run it.
    ///
    /// SQLite overwrites the deleted rows in place (`secure_delete`) and the purge truncates the
    /// WAL afterwards. PostgreSQL leaves a deleted row's bytes in the table's pages until they
    /// are reused, even after a plain `VACUUM` (which compacts a page without clearing its free
    /// space), where anyone with a copy of the files and the master key could unwrap the key:
    /// so after a shredding `VACUUM FULL` writes `day_keys` (a hundred rows at most) into new
    /// files and the old ones are deleted. The server's own WAL (`pg_wal`, and any archive of
    /// it) is outside the store's reach: see docs/operator.md, "Keys".
    pub async fn shred_day_keys(&self, now: i64) -> Result<u64> {
        self.day_keys.forget_before(day_of(now));
        let db = self.db.write();
        let shredded = db
            .execute("DELETE FROM day_keys WHERE day < $1", &[day_of(now).into()])
            .await?;
        if shredded > 0 && matches!(self.db, crate::db::Db::Postgres(_)) {
            db.execute("VACUUM FULL day_keys", &[]).await?;
        }
        Ok(shredded)
    }
}

#[cfg(test)]
mod tests {
    use super::day_of;

    #[test]
    fn r8_3_a_moment_falls_on_its_utc_day() {
        assert_eq!(day_of(0), 0);
        assert_eq!(day_of(86_399), 0);
        assert_eq!(day_of(86_400), 1);
        assert_eq!(day_of(-1), -1);
    }
}
