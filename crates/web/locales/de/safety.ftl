# Tessera, Deutsch: Buddys, Check-ins, PINs, Notruf und Alarme (SPEC R6.6, R6.7).

## Fehler
error-no-seller = Kein Mitglied mit diesem Pseudonym.
error-buddy-myself = Du kannst nicht dein eigener Buddy sein.
error-too-many-buddies = Du hast schon 5 Buddys (gefragt oder angenommen). Beende eine Verbindung, um jemand anderen zu fragen.
error-buddy-asked = Du hast dieses Mitglied schon gefragt.
error-buddy-direction = Gib an, welche Verbindung endet: direction ist watches_me oder i_watch.
error-checkin-open = Du hast schon einen offenen Check-in.
error-checkin-minutes = Ein Check-in dauert 15 Minuten bis 12 Stunden (720 Minuten).
error-checkin-note = Die Notiz darf höchstens 1000 Zeichen haben.
error-watch-until = „Bereit“ geht höchstens 12 Stunden ab jetzt.
error-pin-format = Eine PIN hat 4 bis 8 Ziffern.
error-pins-equal = Check-in-PIN und Notfall-PIN müssen verschieden sein.
error-pin-invalid = Diese PIN stimmt nicht. Dein Check-in bleibt offen.
error-no-extensions-left = Dieser Check-in wurde schon 4-mal verlängert.

## Der Notruf auf jeder Seite (unauffällig: er sagt nur „Gespeichert“)
panic-button = Speichern
panic-label = Speichern
panic-saved-title = Gespeichert
panic-saved = Gespeichert.

## Die Check-in-Seite
checkin-title = Check-in
checkin-intro = Starte einen Check-in, bevor du jemanden triffst. Wenn du bis zur gewählten Zeit nicht „Ich bin sicher“ sagst, bekommen deine Buddys einen Alarm mit deiner Notiz, auch wenn dein Telefon aus ist.
checkin-on-watch = { $n ->
    [one] 1 deiner Buddys ist gerade bereit.
   *[other] { $n } deiner Buddys sind gerade bereit.
}
checkin-open = Dein Check-in läuft bis { $time } (UTC).
checkin-soon = Weniger als 5 Minuten übrig: sag „Ich bin sicher“ oder verlängere.
checkin-extensions-left = Verlängerungen übrig: { $n }
checkin-minutes = Minuten bis zum Alarm (15 bis 720)
checkin-note = Notiz für deine Buddys (freiwillig: wo du bist, wen du triffst)
checkin-note-help = Verschlüsselt. Niemand liest sie, außer dein Check-in wird verpasst oder du löst einen Alarm aus. Bei „Ich bin sicher“ wird sie vernichtet.
checkin-buyer = Pseudonym des Kunden (freiwillig)
checkin-start = Check-in starten
checkin-pin = PIN (falls du eine gesetzt hast)
checkin-safe = Ich bin sicher
checkin-extend = Um 30 Minuten verlängern
checkin-ended = Dein Check-in ist beendet.
checkin-panic-help = Der Knopf „Speichern“ oben auf jeder Seite schickt deinen Buddys sofort einen stillen Alarm, mit der Notiz eines offenen Check-ins. Er zeigt nur „Gespeichert“.
checkin-buddies-link = Buddys, „Bereit“ und PINs

## Buddys und PINs
buddies-title = Buddys und PINs
buddies-intro = Buddys sind Mitglieder, denen du vertraust. Nimmt eine an, passt sie auf dich auf: Sie bekommt deine Alarme. Um gegenseitig aufeinander aufzupassen, fragt jede die andere. Höchstens 5.
buddies-watch-me = Passen auf mich auf
buddies-i-watch = Ich passe auf
buddies-pending = gefragt, noch nicht angenommen
buddies-active = aktiv
buddies-none = Noch niemand.
buddies-ask = Ein Mitglied bitten, auf dich aufzupassen
buddies-pseudonym = Ihr Pseudonym
buddies-ask-button = Fragen
buddies-accept = Annehmen
buddies-end = Beenden
buddies-asked = Gefragt.
buddies-watch-title = Bereit
buddies-watch-help = Sag, wann du für die Mitglieder da bist, auf die du aufpasst; ihre Check-in-Seite zeigt, wie viele Buddys bereit sind.
buddies-watch-until = Du bist bereit bis { $time } (UTC).
buddies-watch-hours = Stunden
buddies-watch-start = Ich bin bereit
buddies-watch-end = Nicht mehr bereit
buddies-pins-title = PINs
buddies-pins-help = Mit einer Check-in-PIN braucht „Ich bin sicher“ diese PIN, damit niemand mit deinem Telefon deinen Check-in beenden kann. Die Notfall-PIN beendet einen Check-in auf dem Bildschirm genau wie „Ich bin sicher“, schickt deinen Buddys aber einen stillen Alarm.
buddies-checkin-pin = Check-in-PIN (4 bis 8 Ziffern, leer zum Entfernen)
buddies-duress-pin = Notfall-PIN (4 bis 8 Ziffern, leer zum Entfernen)
buddies-password = Dein Passwort
buddies-pin-save = PIN speichern
buddies-pin-saved = PIN gespeichert.

## Alarme (für Buddys)
alarms-title = Alarme
alarms-none = Keine Alarme.
alarms-open-count = { $n ->
    [one] 1 offener Alarm eines Mitglieds, auf das du aufpasst
   *[other] { $n } offene Alarme von Mitgliedern, auf die du aufpasst
}
alarm-kind-missed_checkin = Check-in verpasst
alarm-kind-panic = Notruf
alarm-kind-duress = Notfall-PIN
alarm-case = Fall { $case }
alarm-raised = Ausgelöst { $time } (UTC)
alarm-seller = Mitglied: { $seller }
alarm-note = Notiz: { $note }
alarm-buyer = Kunde: { $buyer }
alarm-late = Sie hat sich verspätet gemeldet, um { $time } (UTC).
alarm-acked = { $name } kümmert sich.
alarm-ack = Ich kümmere mich
alarm-close = Schließen
alarm-closed = Geschlossen
dash-checkin = Check-in
dash-alarms = Alarme
settings-buddies = Buddys, „Bereit“ und PINs
