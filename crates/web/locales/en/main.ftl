# Tessera, English. Wording follows the charter (seeds/000) where it gives one (SPEC R10.5).

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

## Errors
error-title = Something went wrong
error-not-found = Not found.
error-page-not-found = This page does not exist.
error-unauthenticated = Please log in.
error-internal = Something went wrong on our side. Nothing was changed.
error-too-large = The request is too large.
error-json = The request could not be read. Send valid JSON with the fields described in the API.
error-conflict = This already exists.
error-csrf = This form has expired or came from another site. Reload the page and try again.
error-rate-limited = Too many requests. Wait a moment and try again.
error-invalid-credentials = Login failed. Check your pseudonym, password and code.
error-totp-required = Enter the code from your authenticator app.
error-throttled = Too many failed logins. Wait a little before you try again.
error-pseudonym-short = A pseudonym needs at least 3 characters.
error-pseudonym-long = A pseudonym can have at most 32 characters.
error-pseudonym-chars = A pseudonym may contain only letters, digits, dots, underscores and hyphens.
error-pseudonym-taken = This pseudonym is already taken. Choose another one.
error-password-short = Use at least 12 characters for your password.
error-password-long = Use at most 128 characters for your password.
error-password-weak = This password is too easy to guess. Try a few unrelated words together.
error-email = This does not look like an e-mail address.
error-account-type = The account type must be "buyer" or "seller".
error-invitation-invalid = This invitation is not valid. It may have been used already or expired. Ask a member for a new one.
error-pow-required = Please wait until your browser has finished the short security check, then send the form again.
error-sellers-only = Only members can do this.
error-too-many-invitations = You already have 3 open invitations. Wait until one is used or expires.
error-reauth = Your current password was not correct. Nothing was changed.
error-totp = That code is not correct. Check the time on your phone and try again.
error-recovery-code = This recovery code is not valid for this pseudonym.
error-recovery-link = This recovery link is not valid any more. Ask for a new one.
error-language = Choose English, German or automatic.
error-preset = Choose cautious, moderate or open.
error-min-trust = The minimum trust must be a number from 0 to 1, such as 0.8.
error-min-ratings = The minimum number of ratings must be a whole number from 0 to 10000.
error-expiry = Messages can be kept from 1 to 90 days.
error-delete-confirm = Tick the box to confirm that you want to delete your account.

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
pow-explain = Many accounts were created in the last hour, so your browser does a short security check before the form is sent.
pow-noscript = Many accounts were created in the last hour. Sign-up needs JavaScript for a short security check right now. Please try again later, or turn JavaScript on.
codes-title = Your recovery codes
codes-explain = Write these codes down and keep them somewhere safe. Each code works once. They are shown only now.
codes-saved = I have saved them

## Login
login-title = Log in
login-submit = Log in
login-forgot = Forgot your password?
login-no-account = No account yet?

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

## Settings
settings-title = Settings
settings-preferences = Preferences
settings-screening = Screening preferences
settings-screening-help = Private to you and advisory only: a lookup tells you whether a client meets them. Tessera never declines anyone by itself.
language-auto = Automatic (from my browser)
preset-none = No preset
preset-cautious = Cautious: trust at least 0.9, at least 10 ratings
preset-moderate = Moderate: trust at least 0.8, at least 5 ratings
preset-open = Open: trust at least 0.75, at least 3 ratings
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

## Screening errors (R4.1–R4.5; the code errors are the charter's words)
error-buyers-only = Only buyer accounts can do this.
error-lookup-limit = You have made many lookups in the last hour. Please wait a little.
error-no-buyer = No buyer account with this pseudonym. You can share the sign-up link with him.
error-rating-empty = Answer at least one question: safe or reliable.
error-rating-day = The day must be today or up to 90 days back, written as YYYY-MM-DD.
error-too-many-codes = You have 50 unused codes. Use or invalidate some before you generate more.
error-code-invalid = Code invalid or expired
error-code-used = Code already used
error-code-attempts = Too many failed attempts
error-rating-fields = Choose one answer for listing accuracy, punctuality and professionalism.
error-not-member = No member with this pseudonym.

## Screening screens (charter 12.4, 12.6, 16.2, 16.3)
yes = Yes
no = No
cancel = Cancel
dash-lookup = Look up buyer reputation
dash-generate-code = Generate rating code for recent interaction
dash-rate-buyer = Submit rating for recent interaction
dash-rate-seller = Rate a seller with a code
dash-unused-codes = { $count ->
    [one] 1 unused rating code generated
   *[other] { $count } unused rating codes generated
}
dash-your-reputation = Your reputation
dash-score = Your reputation (Q_s): { $stars }/5.0 (based on { $counted } ratings)
dash-score-none = No ratings released yet. Ratings you receive are shown once 3 have arrived or 30 days have passed.
dash-score-none-counting = No rating counts yet: the ratings released so far come from buyers whose own record gives them no weight.
dash-received = Ratings you received (without who gave them)
dash-release-help = To protect you from retaliation, new ratings appear in batches: after 3 new ratings or 30 days.
dash-profile-link = Your profile link
dash-profile-help = Share it with clients so they can check that you are a member and create an account. It shows only your pseudonym.
buyer-safe-line = Safe score: { $score } (based on { $n } interactions; unsafe: { $flagged })
buyer-reliable-line = Reliable score: { $score } (based on { $n } interactions; unreliable: { $flagged })
buyer-as-of = As of { $day }.
buyer-rep-meaning = What this means
buyer-rep-delay = Your scores are updated in batches, once new ratings are at least a week old and come from at least two members, so that no single meeting can be singled out.
lookup-title = Look up a buyer
lookup-field = Search buyer by pseudonym
lookup-submit = Search
lookup-share-signup = He can create an account here:
lookup-buyer = Buyer:
lookup-safe = Safe score (S_b)
lookup-reliable = Reliable score (R_b)
lookup-trust = Trust coefficient (T_b)
lookup-influence = Influence weight (I_b)
lookup-verified = Verified interactions
lookup-age = Account age
lookup-detail = [{ $n } interactions, 95% CI: { $lo }–{ $hi }]
lookup-detail-none = [{ $n } interactions]
lookup-unknown = no record yet
lookup-unsafe-count = Unsafe: { $flagged } of { $n } ratings (from { $sellers } sellers)
lookup-unreliable-count = Unreliable: { $flagged } of { $n } ratings (from { $sellers } sellers)
lookup-verified-count = { $verified } of { $n } ratings come from verified interactions
lookup-new-account = new account
lookup-age-months = { $months ->
    [one] 1 month
   *[other] { $months } months
}
lookup-bar-safe = Safe score with its 95% interval
lookup-bar-reliable = Reliable score with its 95% interval
lookup-low-sample = Low sample size: interpret with caution
lookup-no-alerts = No active alerts name this pseudonym.
lookup-params = Computed with scoring parameters version { $version }.
lookup-history = My history with this buyer
lookup-report = Report an issue
band-high = This buyer has high trust.
band-moderate = This buyer has moderate trust. Interpret with caution.
band-low = This buyer has low trust.
band-unknown = No record yet: nobody has rated this buyer.
pref-meets = Meets your preferences.
pref-misses = Does not meet your preferences: { $which }.
pref-missed-min-trust = trust below your minimum
pref-missed-min-ratings = fewer ratings than your minimum
pref-missed-no-record = no record yet
report-recorded = Your report is recorded for the Dispute Resolution Committee. It will contact you through the seller network.
history-title = My history with this buyer
history-heading = Your ratings of { $buyer }. Only you see these.
history-none = You have not rated this buyer.
history-day = Day
history-verified = Verified
history-back = Back to the lookup
rate-title = Rate buyer
rate-buyer = Buyer pseudonym
rate-safe = Safe
rate-reliable = Reliable
rate-safe-q = Was this interaction safe?
rate-reliable-q = Was this buyer reliable?
rate-day = Day of the interaction
rate-day-help = Today or up to 90 days back. Only the day is kept.
rate-submit = Submit rating
rate-saved = Your rating of { $buyer } for { $day } is saved.
rate-updated = Your rating of { $buyer } for { $day } is updated.
codes-gen-title = Generate Rating Code
rcodes-explain = This code allows a buyer to submit a rating for you.
codes-only-after = Only provide this code to buyers after a completed interaction.
codes-bind = Only for this buyer (optional)
codes-bind-help = If you enter his pseudonym, only he can use the code.
codes-generate = Generate Code
codes-another = Generate Another
codes-generated = Code generated:
codes-provide = Provide this code to your buyer so they can rate the interaction.
codes-this-code = This code:
codes-valid-days = Is valid for { $days } days
codes-once = Can be used only once
codes-untraceable = Cannot be traced back to buyer's identity
codes-bound-to = Only { $buyer } can use it.
codes-copy = Copy Code
codes-history = Rating Code History
codes-none = No codes in the last 90 days.
codes-invalidate = Invalidate all unused codes
codes-invalidated = { $n ->
    [one] 1 unused code was invalidated.
   *[other] { $n } unused codes were invalidated.
}
code-generated-ago = Generated { $when }
code-status-unused = Status: Unused
code-status-used = Status: Used
code-status-expired = Status: Expired (unused)
ago-minutes = { $n } min ago
ago-hours = { $n ->
    [one] 1 hour ago
   *[other] { $n } hours ago
}
ago-days = { $n ->
    [one] 1 day ago
   *[other] { $n } days ago
}
ago-weeks = { $n ->
    [one] 1 week ago
   *[other] { $n } weeks ago
}
rs-title = Rate your experience with seller
rs-seller = Seller pseudonym
rs-code = First, enter the rating code provided by the seller:
rs-code-help = 6 digits
rs-verify = Verify Code
rs-verified = Code verified ✓
rs-heading = Rate your experience with seller: { $seller }
rs-accuracy = Listing accuracy
rs-punctuality = Punctuality
rs-professionalism = Professionalism
rs-weighted = Note: Your rating will be weighted based on your safety and reliability scores.
rs-done-title = Thank you
rs-done = Your rating of { $seller } is saved. It cannot be changed.
error-no-interaction = You must complete an interaction before rating
vocab-accurate = Accurate
vocab-minor-deviation = Minor deviation
vocab-significant-deviation = Significant deviation
vocab-on-time = On time
vocab-slightly-late = Slightly late
vocab-very-late = Very late
vocab-did-not-show = Did not show
vocab-professional = Professional
vocab-adequate = Adequate
vocab-unprofessional = Unprofessional
profile-uses = This seller uses Tessera for safety screening.
profile-to-interact = To interact with this seller:
profile-step-1 = Create a buyer account (if you don't have one)
profile-step-2 = Contact the seller off-platform to arrange details
profile-step-3 = After your interaction, the seller will provide you a code to submit feedback
profile-learn-more = Learn more about Tessera
profile-rate = Rate this seller
claim-title = Claim your account
claim-intro = Your cooperative moved your records to Tessera. Choose a password to start using this account. You can add recovery options in settings afterwards.
claim-submit = Set password and log in
error-claim-invalid = This claim link is not valid any more. Ask your coordinator for a new one.
continue = Continue
