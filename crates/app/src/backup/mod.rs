//! `tessera backup` and `tessera restore` (SPEC R9.5): the store's export as JSON lines,
//! encrypted with age under a passphrase (scrypt) or recipients' keys.
//!
//! The file, once decrypted, is one JSON value per line:
//!
//! ```text
//! {"tessera_backup":1,"schema":19,"made_on":"2026-12-04","backend":"sqlite"}
//! {"table":"accounts","columns":["id","pseudonym",...]}
//! [1,"mira",...]                      one row; bytes as {"b":"base64"}, reals as {"f":0.5}
//! {"sequence":"accounts","next":42}
//! {"end":{"tables":44,"rows":1234}}
//! ```
//!
//! age authenticates every 64 KiB chunk and the last one, so an altered or cut file is refused
//! while it is read; the `end` line makes a file cut at a chunk boundary by other means fail
//! too. The restore runs in one transaction, so a refused file leaves nothing behind.

mod format;
mod prune;

use std::io::{BufRead, BufReader, BufWriter, Read, Write};

use secrecy::SecretString;
use tessera_store::backup::{ImportError, Moved};
use tessera_store::{Store, StoreError};

pub use format::FORMAT;
pub use prune::{prune, BACKUP_PREFIX, BACKUP_SUFFIX};

/// scrypt's work factor for a passphrase: N = 2^18, as the `age` tool uses, about 256 MiB of
/// memory and a second on a small server. age would otherwise pick one for the machine that
/// writes the backup (2^20, 1 GiB, on the benchmark machine), which a smaller machine might
/// then not be able to restore.
const SCRYPT_LOG_N: u8 = 18;

/// The most a restore accepts (2^20, 1 GiB): a file asking for more is refused rather than
/// tying the machine up (age's own advice).
const SCRYPT_MAX_LOG_N: u8 = 20;

/// How a backup is encrypted.
pub enum Lock {
    Passphrase(SecretString),
    /// age recipients (`age1…` public keys).
    Recipients(Vec<String>),
}

/// How a backup is decrypted.
pub enum Unlock {
    Passphrase(SecretString),
    /// The contents of an age identity file (`AGE-SECRET-KEY-1…` lines).
    Identities(String),
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("the passphrase is empty")]
    EmptyPassphrase,
    #[error("not a valid age recipient: {0}")]
    BadRecipient(String),
    #[error("the identity file holds no usable age identity")]
    BadIdentity,
    #[error("this file is not an age-encrypted Tessera backup")]
    NotABackup,
    #[error("the passphrase or identity does not open this backup")]
    WrongKey,
    #[error("this backup was encrypted with a passphrase; give --passphrase-file")]
    NeedsPassphrase,
    #[error("this backup was encrypted to a recipient key; give --identity")]
    NeedsIdentity,
    #[error(
        "this backup was written by a newer Tessera (backup format {format}, schema {schema}); \
         this one reads format {FORMAT} up to schema {known}: restore with a newer tessera"
    )]
    Newer {
        format: u64,
        schema: i64,
        known: i64,
    },
    #[error("the backup file is damaged or cut short: {0}")]
    Damaged(String),
    #[error(transparent)]
    Import(ImportError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("could not write the backup: {0}")]
    Write(#[source] std::io::Error),
}

impl From<ImportError> for BackupError {
    fn from(e: ImportError) -> BackupError {
        match e {
            // An age error surfaces as a read error in the middle of the stream.
            ImportError::Read(io) => BackupError::Damaged(io.to_string()),
            ImportError::Malformed(m) => BackupError::Damaged(m.to_owned()),
            other => BackupError::Import(other),
        }
    }
}

/// Writes an encrypted backup of `store` to `out`; `progress` hears the rows written so far.
pub async fn backup<W: Write + Send>(
    store: &Store,
    out: W,
    lock: &Lock,
    today: &str,
    progress: Box<dyn Fn(u64) + Send>,
) -> Result<Moved, BackupError> {
    let encryptor = match lock {
        Lock::Passphrase(p) => {
            if secrecy::ExposeSecret::expose_secret(p).is_empty() {
                return Err(BackupError::EmptyPassphrase);
            }
            let mut recipient = age::scrypt::Recipient::new(p.clone());
            recipient.set_work_factor(SCRYPT_LOG_N);
            age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
                .map_err(|e| BackupError::BadRecipient(e.to_string()))?
        }
        Lock::Recipients(keys) => {
            let recipients = keys
                .iter()
                .map(|k| {
                    k.trim()
                        .parse::<age::x25519::Recipient>()
                        .map_err(|_| BackupError::BadRecipient(k.clone()))
                })
                .collect::<Result<Vec<_>, _>>()?;
            age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
                .map_err(|e| BackupError::BadRecipient(e.to_string()))?
        }
    };
    let writer = encryptor
        .wrap_output(BufWriter::with_capacity(1 << 16, out))
        .map_err(BackupError::Write)?;
    let version = store.schema_version().await?;
    let mut sink = format::LineSink::new(writer, progress);
    sink.header(version.applied, today, store.backend())
        .map_err(BackupError::Write)?;
    let moved = store.export(&mut sink).await?;
    sink.end(&moved).map_err(BackupError::Write)?;
    let buffered = sink.into_inner().finish().map_err(BackupError::Write)?;
    let mut inner = buffered
        .into_inner()
        .map_err(|e| BackupError::Write(e.into_error()))?;
    inner.flush().map_err(BackupError::Write)?;
    Ok(moved)
}

/// An opened backup: the key worked and the header is one this version reads. Nothing has
/// been written anywhere yet.
pub struct Opened {
    lines: format::LineSource,
    pub schema: i64,
    pub made_on: String,
    pub backend: String,
}

/// Decrypts the header of a backup and checks its version, before any database is touched.
pub fn open<R: Read + Send + 'static>(
    input: R,
    unlock: &Unlock,
    known_schema: i64,
) -> Result<Opened, BackupError> {
    let decryptor = age::Decryptor::new_buffered(BufReader::new(input)).map_err(|e| match e {
        age::DecryptError::UnknownFormat | age::DecryptError::InvalidHeader => {
            BackupError::NotABackup
        }
        other => BackupError::Damaged(other.to_string()),
    })?;
    let reader: Box<dyn Read + Send> = match unlock {
        Unlock::Passphrase(p) => {
            if !decryptor.is_scrypt() {
                return Err(BackupError::NeedsIdentity);
            }
            let mut identity = age::scrypt::Identity::new(p.clone());
            identity.set_max_work_factor(SCRYPT_MAX_LOG_N);
            Box::new(
                decryptor
                    .decrypt(std::iter::once(&identity as &dyn age::Identity))
                    .map_err(decrypt_error)?,
            )
        }
        Unlock::Identities(text) => {
            if decryptor.is_scrypt() {
                return Err(BackupError::NeedsPassphrase);
            }
            let identities = age::IdentityFile::from_buffer(text.as_bytes())
                .map_err(|_| BackupError::BadIdentity)?
                .into_identities()
                .map_err(|_| BackupError::BadIdentity)?;
            if identities.is_empty() {
                return Err(BackupError::BadIdentity);
            }
            Box::new(
                decryptor
                    .decrypt(identities.iter().map(|i| i.as_ref() as &dyn age::Identity))
                    .map_err(decrypt_error)?,
            )
        }
    };
    let mut lines: Box<dyn BufRead + Send> = Box::new(BufReader::with_capacity(1 << 16, reader));
    let header = format::read_header(&mut lines)?;
    if header.format > u64::from(FORMAT) || header.schema > known_schema {
        return Err(BackupError::Newer {
            format: header.format,
            schema: header.schema,
            known: known_schema,
        });
    }
    Ok(Opened {
        lines: format::LineSource::new(lines),
        schema: header.schema,
        made_on: header.made_on,
        backend: header.backend,
    })
}

fn decrypt_error(e: age::DecryptError) -> BackupError {
    match e {
        age::DecryptError::DecryptionFailed
        | age::DecryptError::NoMatchingKeys
        | age::DecryptError::KeyDecryptionFailed => BackupError::WrongKey,
        age::DecryptError::InvalidHeader | age::DecryptError::UnknownFormat => {
            BackupError::NotABackup
        }
        other => BackupError::Damaged(other.to_string()),
    }
}

/// Loads an opened backup into `store`, which must be empty; `progress` hears the rows loaded.
pub async fn restore(
    store: &Store,
    opened: Opened,
    progress: Box<dyn Fn(u64) + Send>,
) -> Result<Moved, BackupError> {
    let mut source = opened.lines.with_progress(progress);
    Ok(store.import(&mut source).await?)
}
