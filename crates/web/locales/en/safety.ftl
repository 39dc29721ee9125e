# Tessera, English: buddies, check-ins, PINs, panic and alarms (SPEC R6.6, R6.7).

## Errors
error-no-seller = No member with this pseudonym.
error-buddy-myself = You cannot be your own buddy.
error-too-many-buddies = You already have 5 buddies (asked or accepted). End one to ask someone else.
error-buddy-asked = You asked this member already.
error-buddy-direction = Say which relation ends: direction is watches_me or i_watch.
error-checkin-open = You have a check-in open already.
error-checkin-minutes = A check-in lasts from 15 minutes to 12 hours (720 minutes).
error-checkin-note = The note can have at most 1000 characters.
error-watch-until = "On watch" can last at most 12 hours from now.
error-pin-format = A PIN is 4 to 8 digits.
error-pins-equal = The check-in PIN and the duress PIN must be different.
error-pin-invalid = This PIN is not right. Your check-in is still open.
error-no-extensions-left = This check-in was already extended 4 times.

## The panic control on every seller page (discreet: it only says "Saved")
panic-button = Save
panic-label = Save
panic-saved-title = Saved
panic-saved = Saved.

## The check-in page
checkin-title = Check-in
checkin-intro = Start a check-in before you meet someone. If you have not said "I'm safe" by the time you set, your buddies get an alarm with your note, even if your phone is off.
checkin-on-watch = { $n ->
    [one] 1 of your buddies is on watch now.
   *[other] { $n } of your buddies are on watch now.
}
checkin-open = Your check-in runs until { $time } (UTC).
checkin-soon = Less than 5 minutes left: say "I'm safe" or extend it.
checkin-extensions-left = Extensions left: { $n }
checkin-minutes = Minutes until the alarm (15 to 720)
checkin-note = Note for your buddies (optional: where you are, who you meet)
checkin-note-help = Encrypted. Nobody reads it unless your check-in is missed or you raise an alarm. It is destroyed when you say "I'm safe".
checkin-buyer = The client's pseudonym (optional)
checkin-start = Start check-in
checkin-pin = PIN (if you set one)
checkin-safe = I'm safe
checkin-extend = Extend by 30 minutes
checkin-ended = Your check-in has ended.
checkin-panic-help = The "Save" button at the top of every page sends a silent alarm to your buddies at once, with the note of an open check-in. It only says "Saved".
checkin-buddies-link = Buddies, "on watch" and PINs

## Buddies and PINs
buddies-title = Buddies and PINs
buddies-intro = Buddies are members you trust. When one accepts, she watches over you: she gets your alarms. To watch over each other, each of you asks. At most 5.
buddies-watch-me = Watch over me
buddies-i-watch = I watch over
buddies-pending = asked, not yet accepted
buddies-active = active
buddies-none = None yet.
buddies-ask = Ask a member to watch over you
buddies-pseudonym = Her pseudonym
buddies-ask-button = Ask
buddies-accept = Accept
buddies-end = End
buddies-asked = Asked.
buddies-watch-title = On watch
buddies-watch-help = Say when you are there for the members you watch over; their check-in page shows how many buddies are on watch.
buddies-watch-until = You are on watch until { $time } (UTC).
buddies-watch-hours = Hours
buddies-watch-start = I am on watch
buddies-watch-end = End my watch
buddies-pins-title = PINs
buddies-pins-help = With a check-in PIN, "I'm safe" needs it, so someone holding your phone cannot end your check-in. The duress PIN ends a check-in exactly like "I'm safe" on the screen but sends your buddies a silent alarm.
buddies-checkin-pin = Check-in PIN (4 to 8 digits, empty to remove)
buddies-duress-pin = Duress PIN (4 to 8 digits, empty to remove)
buddies-password = Your password
buddies-pin-save = Save PIN
buddies-pin-saved = PIN saved.

## Alarms (for buddies)
alarms-title = Alarms
alarms-none = No alarms.
alarms-open-count = { $n ->
    [one] 1 open alarm of a member you watch over
   *[other] { $n } open alarms of members you watch over
}
alarm-kind-missed_checkin = Missed check-in
alarm-kind-panic = Panic
alarm-kind-duress = Duress
alarm-case = Case { $case }
alarm-raised = Raised { $time } (UTC)
alarm-seller = Member: { $seller }
alarm-note = Note: { $note }
alarm-buyer = Client: { $buyer }
alarm-late = She checked in late, at { $time } (UTC).
alarm-acked = { $name } is on it.
alarm-ack = I'm on it
alarm-close = Close
alarm-closed = Closed
dash-checkin = Check-in
dash-alarms = Alarms
settings-buddies = Buddies, "on watch" and PINs
