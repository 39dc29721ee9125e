//! Look-alike buyers (SPEC R2.2): a new pseudonym that looks like an existing one is refused,
//! but an import may bring two that look alike, and both keep working. A seller who looks one up
//! is told, so she checks the spelling with the client.

use tessera_core::BuyerId;

use super::ScreeningError;
use crate::App;

/// Whether another account's pseudonym has the same confusable skeleton as this buyer's.
pub async fn looks_alike(app: &App, buyer: BuyerId) -> Result<bool, ScreeningError> {
    Ok(app.store.has_look_alike(buyer).await?)
}
