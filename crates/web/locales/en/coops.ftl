# Tessera, English: coops (SPEC R6.2).

coops-title = Coops
coops-explain = A coop is a group of members you choose to share safety alerts and discussions with: a city, an agency, a line of work, or a private circle. You are in no coop until you join one. Coops are never listed or searchable: you reach one only through an invitation from a member or a moderator's link.
coops-mine = Your coops
coops-none = You are in no coop yet.
coops-create = Start a coop
coops-field-name = Name
coops-field-kind = Kind
coops-field-scope = Scope (optional)
coops-scope-help = For example a city, or the kind of work. Leave empty for none.
coops-field-anonymous = Members may post alerts as "a member" (moderators still see who posted)
coops-field-min-days = Days of membership before posting alerts
coops-min-days-help = From 0 to 90. It applies to everyone, you included, counted from the day each became a member.
coops-create-submit = Start the coop
coop-kind-regional = Regional
coop-kind-agency = Agency
coop-kind-vertical = Line of work
coop-kind-private = Private
coop-state-invited = invited
coop-state-pending = waiting for approval
coop-state-member = member
coop-state-suspended = suspended
coop-state-left = left
coop-moderator = moderator
coop-members-count = { $n ->
    [one] 1 member
   *[other] { $n } members
}
coop-anonymous-yes = Alerts may be posted as "a member".
coop-anonymous-no = Alerts show who posted them.
coop-min-days-line = { $days ->
    [one] Members post alerts after 1 day of membership.
   *[other] Members post alerts after { $days } days of membership.
}
coop-your-state = You are:
coop-invitation = Invitation
coop-invitation-explain = You were invited to this coop. If you accept, its members see your pseudonym in the member list.
coop-accept = Accept the invitation
coop-decline = Decline
coop-pending-explain = You asked to join. A moderator will approve your request.
coop-withdraw = Withdraw the request
coop-members = Members
coop-col-member = Member
coop-col-state = State
coop-col-since = Since
coop-col-actions = Actions
coop-action-approve = Approve
coop-action-suspend = Suspend
coop-action-reinstate = Reinstate
coop-action-make_moderator = Make moderator
coop-suspended-explain = You are suspended in this coop: you can read, but not post or invite.
coop-invite = Invite a member
coop-invite-field = Her pseudonym
coop-invite-help = She sees the invitation on her coops page and decides whether to join.
coop-invite-submit = Invite
coop-link = Request link
coop-link-explain = Anyone with this link can ask to join; a moderator approves each request. Share it only with people you trust.
coop-link-create = Create a request link
coop-link-expires = Valid until { $day }.
coop-discussion = Start a discussion
coop-discussion-explain = Every member of the coop sees it under Messages and can write there; suspended members read it.
coop-discussion-title = Title (optional)
coop-discussion-submit = Start the discussion
coop-leave = Leave the coop
coop-leave-explain = Alerts you posted stay until they expire.
coop-leave-submit = Leave
coop-back = All your coops
coop-request-title = Ask to join a coop
coop-request-explain = A moderator gave you this link. Ask to join, and a moderator of the coop will approve your request.
coop-request-submit = Ask to join
coop-invited = { $name } is invited.
coop-joined = You are now a member.
coop-moderated = { $name } is now: { $state }.
dash-coops = Coops
error-coop-not-found = There is no such coop.
error-coop-no-seller = No member of this coop or of Tessera has this pseudonym.
error-coop-role = Your role in this coop does not allow this.
error-coop-conflict = That is not possible in her current state: she may already be invited or a member.
error-coop-link = This link is not valid: it may be mistyped or expired. Ask the moderator for a new one.
error-coop-invalid = Please check the form: the name (1 to 80 characters), the kind, the scope (at most 80 characters) and the days (0 to 90).
coop-dissolve-heading = Dissolve this coop
coop-dissolve-explain = A coop is dissolved only when a second member approves: another moderator, or a member of the Dispute Resolution Committee. Then its threads, messages, alerts, members and links are deleted at once.
coop-dissolve-reason = Why
coop-dissolve-submit = Ask to dissolve the coop
