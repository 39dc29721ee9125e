# Tessera, English: accounts. Wording follows the charter (seeds/000) where it gives one (SPEC R10.5).

## Sign-up and joining
signup-title = Create buyer account
signup-intro = With a buyer account you build a reputation with the members you meet, and you can rate a member after a meeting when she gives you a code.
signup-submit = Create account
signup-done = Your account is ready.
join-title = Join the cooperative
join-intro = You were invited by a member. Choose a pseudonym and a password to create your member account.
join-submit = Join
recovery-title = Account recovery
recovery-explain = Choose how you could get back into your account if you forget your password.
recovery-none-warning = Without a recovery e-mail or recovery codes, a lost password means a lost account. Nobody can reset it for you.
recovery-none-warning-codes = Without recovery codes, a lost password means a lost account. Nobody can reset it for you.
pow-explain = Many accounts were created in the last hour, so your browser does a short security check before the form is sent.
pow-noscript = Many accounts were created in the last hour. Sign-up needs JavaScript for a short security check right now. Please try again later, or turn JavaScript on.
codes-title = Your recovery codes
codes-explain = Write these codes down and keep them somewhere safe. Each code works once. They are shown only now.
codes-saved = I have saved them

## Settings
settings-title = Settings
settings-preferences = Preferences
settings-screening = Screening preferences
settings-screening-help = Private to you and advisory only: a lookup tells you whether a client meets them. Tessera never declines anyone by itself.
language-auto = Automatic (from my browser)
preset-none = No preset
preset-cautious = Cautious: trust at least 0.9, at least 10 ratings, no unsafe flag
preset-moderate = Moderate: trust at least 0.8, at least 5 ratings, at most 1 unsafe flag
preset-open = Open: trust at least 0.75, at least 3 ratings, at most 2 unsafe flags
settings-invitations = Invite a member
settings-invitations-help = An invitation link works once and for 14 days. You can have up to 3 open invitations.
invitation-create = Create invitation link
invitation-created = New invitation link:
invitation-open-until = Open invitation, valid until { $day }
settings-password = Password
settings-password-change = Change password
settings-totp = Two-step login
totp-off = Two-step login is off. With it on, logging in also needs a code from an authenticator app on your phone.
totp-on = Two-step login is on.
totp-start = Turn on two-step login
totp-setup-explain = Scan this code with your authenticator app, or type the secret below into it. Then enter the six-digit code it shows.
totp-secret-text = Secret:
totp-confirm = Confirm and turn on
totp-disable = Turn off two-step login
recovery-status = Recovery e-mail: { $email ->
    [yes] set
   *[no] not set
}. Unused recovery codes: { $codes }.
recovery-status-codes = Unused recovery codes: { $codes }.
recovery-email-save = Save recovery e-mail
recovery-codes-new = Make new recovery codes
settings-sessions = Where you are logged in
session-created = Logged in on
session-last-seen = Last active on
session-action = Action
session-this = This session
session-end = End session
settings-delete = Delete account
delete-explain = Deleting is immediate and cannot be undone. Your pseudonym becomes free; ratings stay only as anonymous pattern data that no pseudonym leads to. Everything else is deleted at once.
delete-confirm = Yes, delete my account now
delete-submit = Delete my account
deleted-title = Your account is deleted
deleted-text = Your account and everything attached to your pseudonym are gone.
notice-saved = Saved.
notice-password-changed = Your password is changed. Your other sessions were ended.
notice-totp-on = Two-step login is on.
notice-totp-off = Two-step login is off.
notice-email-saved = Your recovery e-mail is saved (as a hash).
notice-email-removed = Your recovery e-mail is removed.
notice-session-ended = The session was ended.

## Recovery
recover-title = Get back into your account
recover-with-code = With a recovery code
recover-with-email = With your recovery e-mail
recover-set-password = Set new password
recover-send-link = Send recovery link
recover-mail-sent = If the pseudonym and address match, we have sent a link to that address. It works once and for 30 minutes.
mail-recovery-subject = Your recovery link
mail-recovery-body = Someone asked to reset the password of your account. If it was you, open this link within 30 minutes:

    { $link }

    If it was not you, ignore this message.
session-end-selected = End the selected session
session-end-others = End all other sessions
sessions-end-explain = Choose a session above, or end all the others. Confirm with your password, and with your code if two-step login is on.
notice-sessions-ended = All your other sessions were ended.
totp-required-explain = This cooperative requires two-step login for sellers. Turn it on to continue.
delete-restore-code = Give me a restore code: if I delete because of a platform error or a safety concern, the Dispute Resolution Committee can move my ratings to a new account with it
deleted-restore-heading = Your restore code
deleted-restore-explain = This code is shown only now. If you deleted your account because of a platform error or a safety concern, give it to the Dispute Resolution Committee with your new pseudonym: two of its members can then move your ratings to the new account. Anyone who has the code can ask for this, so keep it safe, or throw it away to make the deletion final.
error-account-suspended = This account is suspended by a vote of the cooperative. The suspension ends by itself after its last day.
