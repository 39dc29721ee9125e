//! Security events in the log (ASVS 16.3.1–16.3.3, issue 11): one line each, with the event's
//! name; the web layer's request span adds the route. Never a pseudonym, an address, a token or
//! a code (SPEC R8.4): the only field is the name, from this closed list.

/// What happened. Failures and refusals are warnings; changes the owner made are information.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecurityEvent {
    /// A wrong password, an unknown pseudonym or a wrong TOTP code at login (R2.9).
    LoginFailed,
    /// A login-type attempt refused by the throttle before it was evaluated (R2.9).
    Throttled,
    /// A wrong password or code where an account re-authenticates (R2.10, ASVS 6.3.4).
    ReauthFailed,
    /// A wrong recovery code, or a wrong TOTP code on a recovery link (R2.6).
    RecoveryFailed,
    /// A recovery link revoked after too many wrong TOTP codes (R2.6).
    RecoveryLinkRevoked,
    /// A password set by recovery, by code or by link (R2.6).
    RecoveryUsed,
    PasswordChanged,
    TotpEnabled,
    TotpDisabled,
    RecoveryCodesRenewed,
    RecoveryEmailChanged,
    /// Sessions ended because credentials changed or the owner asked (R2.7, ASVS 7.4.3).
    SessionsEnded,
    AccountDeleted,
    /// A wrong rating code (R4.5), or one refused past the hourly limit.
    CodeFailed,
    CodeThrottled,
    /// A state-changing request without a valid CSRF token (R2.8).
    CsrfRefused,
    /// A state-changing request from a foreign Origin (R2.8).
    OriginRefused,
}

impl SecurityEvent {
    pub fn name(self) -> &'static str {
        use SecurityEvent as E;
        match self {
            E::LoginFailed => "login_failed",
            E::Throttled => "throttled",
            E::ReauthFailed => "reauthentication_failed",
            E::RecoveryFailed => "recovery_failed",
            E::RecoveryLinkRevoked => "recovery_link_revoked",
            E::RecoveryUsed => "recovery_used",
            E::PasswordChanged => "password_changed",
            E::TotpEnabled => "totp_enabled",
            E::TotpDisabled => "totp_disabled",
            E::RecoveryCodesRenewed => "recovery_codes_renewed",
            E::RecoveryEmailChanged => "recovery_email_changed",
            E::SessionsEnded => "sessions_ended",
            E::AccountDeleted => "account_deleted",
            E::CodeFailed => "code_failed",
            E::CodeThrottled => "code_throttled",
            E::CsrfRefused => "csrf_refused",
            E::OriginRefused => "origin_refused",
        }
    }

    fn is_failure(self) -> bool {
        use SecurityEvent as E;
        matches!(
            self,
            E::LoginFailed
                | E::Throttled
                | E::ReauthFailed
                | E::RecoveryFailed
                | E::RecoveryLinkRevoked
                | E::CodeFailed
                | E::CodeThrottled
                | E::CsrfRefused
                | E::OriginRefused
        )
    }
}

/// Writes the event's one line (target `tessera::security`).
pub fn log(e: SecurityEvent) {
    if e.is_failure() {
        tracing::warn!(target: "tessera::security", event = e.name(), "security event");
    } else {
        tracing::info!(target: "tessera::security", event = e.name(), "security event");
    }
}
