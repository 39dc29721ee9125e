# Tessera, English: common. Wording follows the charter (seeds/000) where it gives one (SPEC R10.5).

## Layout
skip-to-content = Skip to content
nav-label = Main
nav-dashboard = Dashboard
nav-settings = Settings
nav-logout = Log out
nav-login = Log in
nav-signup = Create buyer account
quick-exit = Quick exit
quick-exit-hint = Leaves this site at once. You can also press Esc twice.
footer-text = Tessera is run by its members. It keeps no real names, no contact data and no locations.
back-home = Back to the home page

## Home
home-title = Screening you can trust, without giving up your name
home-lead = Tessera is a private screening service run by a cooperative of independent workers. Members check how safe and reliable a client has been with other members before they meet, and rate each meeting afterwards.
home-how-title = How it works
home-how-1 = Clients create an account under a pseudonym of their choice. No real name, phone number or e-mail is needed.
home-how-2 = Before a meeting, a member looks up the client's pseudonym and sees how safe and reliable he has been with other members.
home-how-3 = After a meeting, the member may give the client a six-digit code. Only with that code can the client rate her back.
home-privacy-title = Your privacy
home-privacy = Tessera never asks for your real identity, your location or your contacts. It keeps no IP addresses. Dates are kept to the day, not the minute. You can delete your account at any time.
home-create-buyer = Create buyer account
home-sellers-invite = Members join by invitation from another member.

## Forms
field-pseudonym = Pseudonym
field-password = Password
field-current-password = Current password
field-new-password = New password
field-totp = Code from your authenticator app
field-totp-if-enabled = Code from your authenticator app (only if you turned it on)
field-recovery-email = Recovery e-mail (optional)
field-recovery-codes = Give me one-time recovery codes
field-recovery-code = Recovery code
field-language = Language
field-min-trust = Minimum trust coefficient (0 to 1)
field-min-ratings = Minimum number of ratings
field-unknown-below = Treat "no record yet" as below my preferences
field-preset = Or use a preset
field-message-expiry = Keep my messages for (days)
help-pseudonym = 3 to 32 letters, digits, dots, underscores or hyphens. Do not use your real name.
help-password = At least 12 characters. A few unrelated words together make a strong password.
help-recovery-email = We store only a scrambled form of it (a hash), never the address itself. If you forget your password, you type it again and we send a link to it once.
help-recovery-email-settings = Leave empty and save to remove it.
help-totp = Six digits from the authenticator app on your phone.
help-min-trust = For example 0.8. Leave empty for no minimum.
help-message-expiry = From 1 to 90 days. Messages are deleted, not hidden, when they expire.
save = Save

## Dashboards
dash-title = Dashboard
dash-welcome = Welcome, { $name }
dash-quick-actions = Quick actions
dash-invite-seller = Invite a member
dash-update-settings = Update account settings
dash-activity = Recent activity
dash-open-invitations = { $count ->
    [one] 1 open invitation
   *[other] { $count } open invitations
}
buyer-rep-title = Your reputation
buyer-rep-none = No ratings yet.
buyer-rep-explain = Members rate whether a meeting was safe and whether you were reliable. Continue being safe and reliable to keep your access.
