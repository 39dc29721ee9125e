## Governance (SPEC §7): proposals, ballots, standing, the changelog.

dash-governance = Proposals and votes
proposals-title = Proposals and votes
proposals-explain = Members decide how Tessera works: the scoring, the rules, the committees. Every change is proposed here, discussed for at least 30 days and voted on for 14.
proposals-list = All proposals
proposals-none = No proposals yet.
proposals-back = Back to proposals
proposal-new = Write a proposal
proposal-new-explain = A proposal opens for comment at once. Voting starts 30 days later and lasts 14 days.
proposal-submit = Publish the proposal
proposal-field-title = Title
proposal-field-kind = Kind
proposal-field-specification = What exactly changes
proposal-field-rationale = Why
proposal-field-risks = Risks
proposal-field-alternatives = Alternatives considered
proposal-field-params = The complete new parameter set (algorithm proposals)
proposal-field-restore_version = The version to restore (rollback proposals)
proposal-field-committee = Committee (elections)
proposal-field-seats = Seats (elections)
proposal-field-member = Member recalled (recalls)
proposal-kind-details = Details for some kinds
proposal-params-help = Starts from the set in force; change only what you propose to change.
proposal-evidence = The safety model, measured: docs/safety-model.md in Tessera's documentation, made by "tessera simulate". Read it before you propose or vote on a change to the scoring.
proposal-kind-operational = Operational
proposal-kind-structural = Structural
proposal-kind-algorithm = Scoring algorithm
proposal-kind-constitutional = Constitutional
proposal-kind-election = Committee election
proposal-kind-recall = Recall
proposal-kind-rollback = Rollback of the scoring
threshold-majority = passes with more yes than no
threshold-two_thirds = passes with two thirds of yes and no
threshold-approval = seats go to the most approved
proposal-phase-comment = Open for comment. Voting from { $from } to { $until }.
proposal-phase-voting = Voting now, until the end of { $until }.
proposal-phase-closed = Closed. The vote ran from { $from } to { $until }.
proposal-by = proposed by
proposal-deleted-author = a former member
proposal-electorate = { $n } members were in good standing when the vote opened. Fingerprint of that roll: { $fingerprint }
proposal-my-token = Your token on the roll:
proposal-passed = Passed.
proposal-not-passed = Not passed.
proposal-petition-failed = The petition did not reach its signatures: no vote.
proposal-result = Yes { $yes }, no { $no }, abstained { $abstain }; { $turnout } ballots.
proposal-elected = Elected: { $names }.
proposal-petition = { $n } of { $needed } signatures needed for a vote.
proposal-sign = Sign the petition
proposal-signed-notice = Your signature is recorded. Nobody sees who signed.
proposal-candidates = Candidates
proposal-no-candidates = Nobody stands yet.
proposal-stand = Stand for election
proposal-standing-notice = You stand in this election.
proposal-text = The proposal
proposal-diff = What changes
proposal-diff-name = Parameter
proposal-diff-from = Now
proposal-diff-to = Proposed
proposal-check = Check the result
proposal-check-help = Find your receipt: it must carry your choice. Find your token: it must say you voted. The number of receipts equals the number of tokens marked as voted.
proposal-receipts = Receipts and choices
proposal-roll = The roll
roll-voted = voted
roll-not-voted = did not vote
proposal-comments = Comments
proposal-no-comments = No comments yet.
proposal-comment-label = Your comment
proposal-comment-submit = Post the comment
ballot-title = Your vote
ballot-help = Your vote is secret: the ballot box does not know who cast which ballot. You can vote once and cannot change it.
ballot-choice = Your choice
ballot-yes = Yes
ballot-no = No
ballot-abstain = Abstain
ballot-submit = Cast my vote
ballot-cast = Your vote is cast.
ballot-receipt = Your receipt:
ballot-receipt-keep = Keep it: it is shown only now. After the vote, find it in the published list to check your vote was counted as you cast it.
standing-new = You are in good standing (new member).
standing-paid = You are in good standing.
standing-waived = You are in good standing (waived).
standing-lapsed = You are not in good standing: ask the Governance committee.
standing-suspended = You are suspended and cannot vote.
committee-security = Security Committee
committee-disputes = Dispute Resolution Committee
committee-governance = Governance Committee
changelog-link = Changelog of the scoring
changelog-title = Changelog
changelog-explain = Every version of the scoring parameters, with the decision that made it. Nothing changes silently.
changelog-version = Version { $version }, enacted on { $on }
changelog-baseline = The charter's baseline.
changelog-proposal = Decided by proposal { $id }.
changelog-emergency = An emergency change by the Security Committee, in force until the members vote on it.
changelog-revert = The emergency change was reverted: its vote did not pass.
changelog-rollback = Restored by vote.
error-governance-forbidden = Only the committee responsible may do this.
error-proposal-not-found = No such proposal.
error-member-not-found = No such member.
error-proposal-invalid = Please correct these fields:
error-not-voting = The vote is not open.
error-already-voted = You have already voted.
error-not-in-good-standing = Only members in good standing when the vote opened can do this.
error-not-closed = This is published when the vote has closed.
error-governance-conflict = This cannot be done now.
proposal-quorum-met = Quorum: { $quorum } ballots needed, reached.
proposal-quorum-missed = Quorum: { $quorum } ballots needed, not reached.
audit-link = Audit log of privileged actions
audit-title = Audit log
audit-explain = Every privileged action, newest first: who, in which role, what, on what kind of thing. Never a rating or a message.
audit-none = Nothing yet.
audit-older = Older entries
audit-no-actor = the operator or the server
audit-role-member = member
audit-role-security = Security Committee
audit-role-disputes = Dispute Resolution Committee
audit-role-governance = Governance Committee
audit-role-moderator = coop moderator
audit-role-operator = operator
audit-action-committee_added = added to a committee
audit-action-committee_removed = removed from a committee
audit-action-standing_recorded = standing recorded
audit-action-approval_requested = approval requested
audit-action-approval_given = approval given
audit-action-ratings_viewed = ratings viewed
audit-action-ratings_excluded = ratings excluded
audit-action-reputation_restored = reputation restored
audit-action-member_suspended = member suspended
audit-action-emergency_requested = emergency change requested
audit-action-emergency_enacted = emergency change enacted
audit-action-emergency_reverted = emergency change reverted
audit-action-params_enacted = scoring parameters enacted
audit-action-proposal_closed = vote closed
audit-action-alert_moderated = alert decided
audit-action-coop_dissolved = coop dissolved
audit-object-member = a member
audit-object-committee = a committee
audit-object-proposal = a proposal
audit-object-params = the scoring parameters
audit-object-alert = a safety alert
audit-object-dispute = a dispute
audit-object-coop = a coop
emergency-banner = An emergency change of the scoring is in force until the members vote on it. See what changed.

## Disputes (R7.8) and the two-person rule (R7.9)
error-dispute-not-found = There is no such case.
error-approval-not-found = There is no such request.
error-dispute-recused = You are a party of this case, so you cannot act on it or sit on its panel.
disputes-title = Disputes
disputes-explain = A buyer can appeal his ratings, a seller can report a buyer, and a disputed safety alert becomes a case. The Dispute Resolution Committee mediates first; an arbitration panel of three decides; ten sellers can take a case to a membership vote. Each stage has 30 days.
disputes-list = Cases
disputes-none = There are no cases you can see.
disputes-back = Back to the disputes
dispute-back = Back to the case
dispute-new = Open a case
dispute-new-appeal = Appeal my ratings
dispute-new-report = Report a buyer
dispute-new-appeal-explain = Tell the committee why you think ratings of you are wrong. Do not write anything that identifies you or anyone else.
dispute-new-report-explain = Report a buyer to the Dispute Resolution Committee. Only the committee and the case's panel read what you write.
dispute-field-buyer = The buyer's pseudonym
dispute-field-context = What happened
dispute-field-context-help = Up to 4000 characters. Stored encrypted; deleted with your account.
dispute-submit = Open the case
dispute-kind-appeal = An appeal, opened { $on }
dispute-kind-report = A report, opened { $on }
dispute-kind-alert = A disputed safety alert, opened { $on }
dispute-stage = Stage:
dispute-stage-mediation = mediation
dispute-stage-arbitration = arbitration by a panel
dispute-stage-membership_vote = membership vote
dispute-stage-closed = closed
dispute-overdue = overdue
dispute-deadline = This stage ends on { $day }.
dispute-outcome = Outcome:
dispute-outcome-no_change = no change
dispute-outcome-ratings_excluded = ratings excluded from the scores
dispute-panel = Panel:
dispute-petition = { $n ->
    [one] One of { $needed } sellers has signed to take this case to a membership vote.
   *[other] { $n } of { $needed } sellers have signed to take this case to a membership vote.
}
dispute-sign = Sign for a membership vote
dispute-ratings-link = See the buyer's ratings (the panel only; logged)
dispute-pending-title = Exclusions waiting for a second member
dispute-pending = { $n ->
    [one] One rating to exclude
   *[other] { $n } ratings to exclude
}
dispute-approve = Approve as the second member
dispute-advance-title = Move the case on
dispute-field-to = Next stage
dispute-field-panel = The panel (for arbitration)
dispute-field-panel-member = Member
dispute-field-outcome = Outcome (when closing)
dispute-advance-help = A panel has three members of the committee who are not parties of the case. The outcome counts only when the case is closed.
dispute-advance-submit = Move on
dispute-advanced = The case is now at this stage: { $stage }.
dispute-ratings-title = The buyer's ratings
dispute-ratings-explain = Only the case's panel sees these, and every view is in the audit log. The sellers are not shown.
dispute-ratings-none = There are no counted ratings of this buyer.
dispute-ratings-caption = Counted ratings, newest first
dispute-ratings-exclude = Exclude
dispute-ratings-day = Day
dispute-ratings-safe = Safe
dispute-ratings-reliable = Reliable
dispute-ratings-verified = Verified
dispute-ratings-help = An exclusion takes effect only when a second member of the committee approves it.
dispute-exclude-submit = Request the exclusion
dispute-exclusion-requested = The exclusion is requested. A second member of the committee must approve it.
dispute-excluded = { $n ->
    [one] One rating is excluded from the scores.
   *[other] { $n } ratings are excluded from the scores.
}
dispute-flag-yes = yes
dispute-flag-no = no
dispute-flag-none = not given
disputes-link = Disputes

## The impact preview (R7.4)
impact-title = What this change would do
impact-computed = Computed on { $day } over the live data, in totals only. It is computed again when the vote opens.
impact-no-moves = No buyer would move to another trust band.
impact-moves-caption = Buyers who would move between trust bands
impact-from = From
impact-to = To
impact-buyers = Buyers
impact-band-high = high trust
impact-band-moderate = moderate trust
impact-band-low = low trust
impact-band-unknown = no record yet
impact-thresholds = { $n ->
    [one] Once a buyer would cross a seller's minimum trust, counting every seller and buyer.
   *[other] { $n } times a buyer would cross a seller's minimum trust, counting every seller and buyer.
}
impact-qs = { $n ->
    [one] One seller's own score would move by more than 0.1.
   *[other] { $n } sellers' own scores would move by more than 0.1.
}

## The yearly transparency report (R7.6)
transparency-title = Transparency report
transparency-explain = Every year the Governance committee reports how many legal requests for data the cooperative received and how it answered them. We hand over only what the law requires, tell the members concerned unless the law forbids it, and challenge requests that go too far.
transparency-none = No report has been published yet.
transparency-year = The year { $year }
transparency-received = Legal requests received: { $n }
transparency-disclosed = Answered with data: { $n }
transparency-refused = Refused or challenged: { $n }
transparency-notified = Requests whose members were told: { $n }
transparency-recorded = Entered on { $day }.
transparency-enter = Enter a year's report
transparency-enter-help = For the Governance committee. Entering a year again replaces its report; the audit log records that it happened.
transparency-field-year = Year
transparency-field-received = Legal requests received
transparency-field-disclosed = Of these, answered with data
transparency-field-refused = Of these, refused or challenged
transparency-field-notified = Of these, members told
transparency-field-summary = How they were answered
transparency-submit = Publish the report
transparency-link = Transparency report
audit-action-transparency_recorded = transparency report entered
audit-object-report = a transparency report

## Committee terms (R7.7)
error-term-limit = You have served three terms in a row on this committee. You can stand again after a pause of six months.

## The retroactive vote on an emergency change (R7.5), written by the server
emergency-vote-title = Confirm the emergency change of the scoring
emergency-vote-specification = The parameter set the Security Committee put in force as an emergency change.
emergency-vote-rationale = An emergency change must pass a vote within 14 days, or the previous set returns.
emergency-vote-risks = If it does not pass, the parameters in force before the change return automatically.
emergency-vote-alternatives = Vote no to restore the previous parameters.
error-dispute-no-buyer = No buyer has this pseudonym. Check the spelling.
audit-action-dispute_advanced = case moved on
dispute-field-ratings = The ratings to exclude
dispute-field-kind = The kind of case
dispute-field-alert = The alert

## The Security Committee's emergency page (R7.5, R7.9)
emergency-title = Emergency changes of the scoring
emergency-explain = For the Security Committee. One member asks for a change; it takes effect only when a second member approves it. Then every member sees a notice, and a vote on the change opens at once: if it does not pass within 14 days, the parameters in force before return by themselves.
emergency-waiting = Waiting for a second member
emergency-none-waiting = No change is waiting.
emergency-changes = What it changes
emergency-approve = Approve: put it in force now
emergency-yours = You asked for this change; another member of the committee must approve it.
emergency-ask = Ask for an emergency change
emergency-field-params = The complete parameter set
emergency-params-help = It starts from the set in force. Change only what the emergency needs.
emergency-field-reason = Why it cannot wait for a vote
emergency-submit = Ask for the change
emergency-requested = The change is asked for. It takes effect when a second member of the committee approves it.
emergency-link = Emergency changes (Security Committee)
dash-overdue-cases = { $count ->
    [one] One dispute has passed its deadline.
   *[other] { $count } disputes have passed their deadline.
}
error-restore-code-not-found = There is no such restore code, or it was used already.

approvals-title = Requests waiting for a second member
approvals-link = Requests waiting for a second member
approvals-explain = Excluding ratings, restoring a reputation, suspending an account after a vote, dissolving a coop and emergency changes each take effect only when a second member who may approve them does (the two-person rule). The one who asked cannot approve her own request.
approvals-waiting = Waiting
approvals-none = Nothing is waiting for you.
approvals-asked-on = asked for on
approvals-yours = you asked for this
approvals-approve = Approve
approvals-requested = Your request waits for a second member.
approvals-approved = Approved. It is in effect now.
approval-kind-emergency = An emergency change
approval-kind-exclusion = An exclusion of ratings
approval-kind-suspension = A suspension after a vote
approval-kind-restore = A reputation restore
approval-kind-dissolution = A coop's dissolution
approvals-suspend-heading = Suspend an account after a vote
approvals-suspend-explain = Only a membership vote can suspend an account. Name the account, the passed proposal that decided it, and the suspension's last day (at most a year ahead): until that day has passed the account cannot sign in, and a member is not in good standing. Leave the day empty to end a suspension early, as a later vote decided.
approvals-field-account = Pseudonym of the account
approvals-field-proposal = Proposal id of the vote
approvals-field-until = Last day of the suspension
approvals-until-help = Empty: end the current suspension.
approvals-suspend-submit = Ask for the suspension
approvals-restore-heading = Restore a reputation
approvals-restore-explain = A member who deleted her account because of a platform error or a safety concern, and asked for a restore code then, can have her ratings moved to her new account. Do this only once you have verified why she deleted it.
approvals-field-code = Restore code
approvals-field-new-account = Pseudonym of the new account
approvals-field-reason = What the committee verified
approvals-restore-submit = Ask for the restore
dispute-vote-link = The membership vote on this case
dispute-field-motion = Motion for a membership vote
dispute-motion-help = Only for a membership vote: what the members vote on. Name no party and no detail of the case; empty gives a standard motion.

## The Security Committee's abuse flags (R9.7)
security-title = Abuse flags
security-explain = Simple rules look for patterns that may be abuse. A flag is a reason to look closer, never a finding: nothing happens to anyone because of it. Only the Security Committee sees this page. Flags are deleted after 90 days.
security-none = No flags in the last 90 days.
security-flag-on = Raised on
security-flag-seller = seller { $name }
security-flag-buyer = buyer { $name }
security-flag-nobody = It names no account
security-flag-numbers = Count { $count }, threshold { $threshold }.
security-rule-brigading = Brigading
security-rule-brigading-explain = Several low ratings of one seller within 48 hours from buyer accounts younger than 14 days.
security-rule-unused_codes = Unused codes
security-rule-unused_codes-explain = Many of one seller's codes expired unused within 30 days.
security-rule-repeat_codes = Repeated codes
security-rule-repeat_codes-explain = One buyer rated one seller with several codes within 30 days.
security-rule-unverified_unsafe = Unverified unsafe flags
security-rule-unverified_unsafe-explain = One seller flagged one buyer unsafe several times within 7 days without any verified interaction between them.
security-rule-code_failures = Failed code attempts
security-rule-code_failures-explain = Failed code attempts of all buyers within one hour above the threshold.
