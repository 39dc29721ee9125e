# Tessera, English: screening. Wording follows the charter (seeds/000) where it gives one (SPEC R10.5).

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
dash-score = Your reputation score (Q_s): { $stars }/5.0. { $counted } of { $received } ratings count.
dash-score-why = Why not every rating counts
dash-score-explain = A client's rating counts in proportion to his own record with members: a rating from a client whom members found safe and reliable counts fully; one from a client without such a record counts little or not at all. This keeps a client with a bad record from lowering your score out of revenge. Your reputation score is the weighted average of the ratings that count, from 0 to 5.
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
lookup-terms = What these scores mean
lookup-terms-safe = Safe score (S_b): how the worst quarter of his meetings went, from 0 to 1. 1.0 means fewer than a quarter of his meetings were rated unsafe, not none: always read the unsafe count beside it.
lookup-terms-reliable = Reliable score (R_b): the same for keeping to what was agreed.
lookup-terms-ci = Likely range (95% CI, confidence interval): where the score would lie, with 95% certainty, if members had met him far more often. Few ratings give a wide range.
lookup-terms-trust = Trust coefficient (T_b): the safe score times the reliable score, so both must be good; from 0 to 1. Unknown until he has both kinds of rating.
lookup-terms-influence = Influence weight (I_b): how much his own ratings of members count: the trust coefficient cubed, so it falls fast (0.8 gives 0.51). A client with a bad record cannot harm a member's reputation.
lookup-look-alike = This pseudonym looks like another account's. Check the spelling with the client.
lookup-submit = Search
lookup-share-signup = He can create an account here:
lookup-buyer = Buyer:
lookup-safe = Safe score (S_b)
lookup-reliable = Reliable score (R_b)
lookup-trust = Trust coefficient (T_b)
lookup-influence = Influence weight (I_b)
lookup-verified = Verified interactions
lookup-age = Account age
lookup-detail = [{ $n } interactions, likely range (95% CI): { $lo }–{ $hi }]
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
codes-copy = Copy code
profile-copy = Copy link
codes-history = Rating Code History
codes-none = No codes in the last 90 days.
codes-invalidate = Invalidate all unused codes
codes-invalidated = { $n ->
    [one] 1 unused code was invalidated.
   *[other] { $n } unused codes were invalidated.
}
code-generated-ago = Generated { $when }
code-generated-on = Generated on { $day }
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
error-rating-excluded = Your rating of this buyer for this day was excluded by a dispute decision and cannot be given again.
