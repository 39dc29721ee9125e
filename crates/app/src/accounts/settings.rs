//! Account settings (SPEC R2.12): language, the screening preferences of R4.6 (or one of the
//! presets of charter 11.9) and the message expiry default of R6.3. Which languages exist is
//! the web layer's to know; it hands over a checked language code.

use tessera_core::prefs::Preset;
use tessera_store::accounts::{Account, Settings};

use super::AccountsError;
use crate::App;

/// The seller's screening preferences (R4.6).
#[derive(Debug, Clone, PartialEq)]
pub struct ScreeningPrefs {
    pub min_trust: Option<f64>,
    pub min_ratings: Option<i64>,
    /// At most this many unsafe flags (R3.8's blind spot); `None`: no maximum.
    pub max_unsafe: Option<i64>,
    pub unknown_is_below: bool,
}

/// A change to the settings; `None` leaves a setting as it is.
#[derive(Debug, Clone, Default)]
pub struct SettingsChange {
    /// `Some(None)`: follow the browser; `Some(Some(code))`: a supported language's code.
    pub language: Option<Option<String>>,
    pub screening: Option<ScreeningPrefs>,
    /// "cautious", "moderate" or "open" instead of `screening`.
    pub preset: Option<String>,
    pub message_expiry_days: Option<i64>,
}

/// Screening presets of charter 11.9 with the unsafe maximum of R4.6 (core's `Preset`).
pub fn preset(name: &str) -> Option<ScreeningPrefs> {
    let p = Preset::parse(name)?.preferences();
    let count = |m: Option<u64>| m.map(|m| i64::try_from(m).unwrap_or(i64::MAX));
    Some(ScreeningPrefs {
        min_trust: p.min_trust,
        min_ratings: count(p.min_ratings),
        max_unsafe: count(p.max_unsafe),
        unknown_is_below: p.unknown_is_below,
    })
}

/// R4.6: the ranges of the screening preferences.
fn check_prefs(sc: &ScreeningPrefs) -> Result<(), AccountsError> {
    if sc
        .min_trust
        .is_some_and(|t| !(0.0..=1.0).contains(&t) || t.is_nan())
    {
        return Err(AccountsError::MinTrust);
    }
    if sc.min_ratings.is_some_and(|n| !(0..=10_000).contains(&n)) {
        return Err(AccountsError::MinRatings);
    }
    if sc.max_unsafe.is_some_and(|n| !(0..=10_000).contains(&n)) {
        return Err(AccountsError::MaxUnsafe);
    }
    Ok(())
}

/// Validates and applies a change to a copy of the current settings.
pub fn apply_settings(current: &Settings, c: SettingsChange) -> Result<Settings, AccountsError> {
    let mut s = current.clone();
    if let Some(l) = c.language {
        s.language = l;
    }
    // Explicit values are checked also when a preset replaces them: an invalid value is
    // refused whatever else the request says (issue 10, the API's documented ranges).
    if let Some(sc) = &c.screening {
        check_prefs(sc)?;
    }
    let screening = match c.preset.as_deref() {
        Some(p) => Some(preset(p).ok_or(AccountsError::Preset)?),
        None => c.screening,
    };
    if let Some(sc) = screening {
        check_prefs(&sc)?;
        s.min_trust = sc.min_trust;
        s.min_ratings = sc.min_ratings;
        s.max_unsafe = sc.max_unsafe;
        s.unknown_is_below = sc.unknown_is_below;
    }
    if let Some(d) = c.message_expiry_days {
        // R6.3: messages expire after at most 90 days.
        if !(1..=90).contains(&d) {
            return Err(AccountsError::MessageExpiry);
        }
        s.message_expiry_days = d;
    }
    Ok(s)
}

/// Applies and stores a settings change; returns the new settings.
pub async fn update_settings(
    app: &App,
    account: &Account,
    c: SettingsChange,
) -> Result<Settings, AccountsError> {
    let s = apply_settings(&account.settings, c)?;
    app.store.update_settings(account.id, &s).await?;
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r4_6_presets_and_bounds() {
        let s = Settings::default();
        let c = SettingsChange {
            preset: Some("cautious".into()),
            ..Default::default()
        };
        let new = apply_settings(&s, c).unwrap();
        assert_eq!((new.min_trust, new.min_ratings), (Some(0.9), Some(10)));
        assert_eq!(new.max_unsafe, Some(0));
        assert!(new.unknown_is_below);
        for (p, max) in [("moderate", 1), ("open", 2)] {
            let c = SettingsChange {
                preset: Some(p.into()),
                ..Default::default()
            };
            assert_eq!(apply_settings(&s, c).unwrap().max_unsafe, Some(max), "{p}");
        }
        let bad = |c: SettingsChange| apply_settings(&s, c).unwrap_err();
        assert!(matches!(
            bad(SettingsChange {
                preset: Some("reckless".into()),
                ..Default::default()
            }),
            AccountsError::Preset
        ));
        assert!(matches!(
            bad(SettingsChange {
                screening: Some(ScreeningPrefs {
                    min_trust: Some(1.5),
                    min_ratings: None,
                    max_unsafe: None,
                    unknown_is_below: false
                }),
                ..Default::default()
            }),
            AccountsError::MinTrust
        ));
        assert!(matches!(
            bad(SettingsChange {
                screening: Some(ScreeningPrefs {
                    min_trust: None,
                    min_ratings: None,
                    max_unsafe: Some(-1),
                    unknown_is_below: false
                }),
                ..Default::default()
            }),
            AccountsError::MaxUnsafe
        ));
        // R6.3: at most 90 days.
        assert!(matches!(
            bad(SettingsChange {
                message_expiry_days: Some(91),
                ..Default::default()
            }),
            AccountsError::MessageExpiry
        ));
    }
}
