# Tessera, English: screening links (SPEC R4.11), the unsafe-flag preference and warning (R4.6,
# R3.8), and the help page that explains both.

## Settings: "at most N unsafe flags" (R4.6)
field-max-unsafe = Maximum number of unsafe flags
help-max-unsafe = For example 0 or 1. The safety score can be 1.0 for a client who was unsafe in one meeting out of five; this counts the flags themselves. Leave empty for no maximum.
error-max-unsafe = The maximum number of unsafe flags must be a whole number from 0 to 10000.
pref-missed-max-unsafe = more unsafe flags than your maximum

## The warning above the score band (R3.8)
lookup-unsafe-warning = Flagged unsafe by { $sellers ->
    [one] 1 seller
   *[other] { $sellers } sellers
} in { $flagged } of { $n ->
    [one] 1 meeting
   *[other] { $n } meetings
}.
lookup-unsafe-warning-score = The safety score cannot show this
lookup-see-why = see why

## Who is asking (R4.11)
lookup-control-verified = Verified: whoever gave you this code controls this account
lookup-control-unverified = Anyone can claim a pseudonym: ask for a screening code to be sure
lookup-code-field = Or enter a screening code from the client
lookup-code-help = 10 characters, such as K7F29-QXM3T. It can be used once and shows whose account it belongs to.
lookup-code-submit = Check code
error-link-not-found = This screening code or link is not valid: it may be mistyped, already used or expired. Ask the client for a new one.
error-too-many-links = You have 20 open screening links. Wait until some are used or expire.

## The link page for a visitor who is not logged in
link-login-title = Screening link
link-login-text = Someone gave you a screening link. It shows a member whose account it belongs to, once. Continue; you may be asked to log in first.
link-login-continue = Continue to the record

## The buyer's dashboard
links-title = Prove who you are to a member
links-explain = Anyone can say they are you. Create a screening link and send it to the member you are meeting, or read her the code: she will see your record and know that it is really you. Each link works once and for { $hours } hours.
links-create = Create screening link
links-created = Your new screening link:
links-code = Or read out this code:
links-expires = Valid until { $time } (UTC), once.
links-used = { $used ->
    [one] 1 of your screening links was used in the last 90 days.
   *[other] { $used } of your screening links were used in the last 90 days.
} You are never told by whom.
links-open = { $open ->
    [one] 1 link is open.
   *[other] { $open } links are open.
}
links-copy = Copy link

## Help (docs/algorithm.md in plain words)
help-title = How screening works
help-link = How screening works
help-unsafe-title = Why unsafe flags are shown apart from the score
help-unsafe-1 = The safety score looks at the worst quarter of a client's meetings. If fewer than a quarter of them were unsafe, the worst quarter still reaches safe meetings and the score stays at 1.0: a client who was unsafe in 5 of 25 meetings scores 1.0.
help-unsafe-2 = So every lookup also shows how many meetings were flagged unsafe and by how many members, in red above the score, and you can set a maximum number of unsafe flags in your settings. The presets allow none (cautious), one (moderate) or two (open).
help-links-title = Screening links: is this really him?
help-links-1 = A pseudonym proves nothing about who is messaging you: anyone can say "I am steady_sam" and you would see steady_sam's record.
help-links-2 = So a client can create a screening link on his dashboard and send it to you, or read you its 10-character code. When you open the link or type the code on the lookup page, you see his record headed "Verified": whoever gave you the code controls that account.
help-links-3 = A link works once and for 24 hours (the cooperative can change this by a vote). The client sees how many of his links were used, never by whom. Wrong codes count toward your hourly lookups, so codes cannot be guessed.
