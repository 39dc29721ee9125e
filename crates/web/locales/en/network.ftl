messages-title = Messages
messages-explain = Messages between members. Every message is deleted after its time, 30 days unless you chose otherwise; it says when.
messages-none = No conversations yet.
messages-empty = No messages yet.
messages-back = All conversations
messages-unread = { $n ->
    [one] 1 unread
   *[other] { $n } unread
}
thread-new = Start a conversation
thread-members = Pseudonym of the member, or several separated by commas for a group
thread-members-help = One pseudonym starts a direct conversation; several start a group, which each of them joins first.
thread-title = Title (optional)
thread-expiry = Delete messages after (days, optional)
thread-expiry-help = 1 to 90 days. Empty: your default from the settings.
thread-start = Start
thread-kind-direct = Direct conversation
thread-kind-group = Group conversation
thread-kind-coop = Coop discussion
thread-invited = invited
thread-invited-explain = You were invited to this group. Join it to read and write its messages.
thread-accept = Join the group
message-body = Message
message-send = Send
message-deleted-on = Deleted on { $when }
message-author-deleted = a deleted account
dash-unread-messages = { $count ->
    [0] No unread messages
    [one] 1 unread message
   *[other] { $count } unread messages
}
