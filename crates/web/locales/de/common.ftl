# Tessera, Deutsch: common. Die Formulierungen folgen der Charta (seeds/000), wo sie eine vorgibt (SPEC R10.5).

## Layout
skip-to-content = Zum Inhalt springen
nav-label = Hauptmenü
nav-dashboard = Übersicht
nav-settings = Einstellungen
nav-logout = Abmelden
nav-login = Anmelden
nav-signup = Kundenkonto erstellen
quick-exit = Schnell verlassen
quick-exit-hint = Verlässt diese Seite sofort. Sie können auch zweimal Esc drücken.
footer-text = Tessera wird von seinen Mitgliedern betrieben. Es speichert keine echten Namen, keine Kontaktdaten und keine Standorte.
back-home = Zurück zur Startseite

## Home
home-title = Überprüfung, der Sie vertrauen können, ohne Ihren Namen preiszugeben
home-lead = Tessera ist ein vertraulicher Prüfdienst, betrieben von einer Genossenschaft unabhängig Selbstständiger. Mitglieder sehen vor einem Termin nach, wie sicher und zuverlässig sich eine Kundin oder ein Kunde bei anderen Mitgliedern verhalten hat, und bewerten jeden Termin im Anschluss.
home-how-title = So funktioniert es
home-how-1 = Kunden erstellen ein Konto unter einem Pseudonym ihrer Wahl. Es werden weder ein echter Name noch eine Telefonnummer oder E-Mail-Adresse benötigt.
home-how-2 = Vor einem Termin sucht ein Mitglied das Pseudonym des Kunden und sieht, wie sicher und zuverlässig er sich bei anderen Mitgliedern verhalten hat.
home-how-3 = Nach einem Termin kann das Mitglied dem Kunden einen sechsstelligen Code geben. Nur mit diesem Code kann der Kunde das Mitglied im Gegenzug bewerten.
home-privacy-title = Ihre Privatsphäre
home-privacy = Tessera fragt nie nach Ihrer echten Identität, Ihrem Standort oder Ihren Kontakten. Es speichert keine IP-Adressen. Daten werden nur tagesgenau gespeichert, nicht minutengenau. Sie können Ihr Konto jederzeit löschen.
home-create-buyer = Kundenkonto erstellen
home-sellers-invite = Mitglieder treten auf Einladung eines anderen Mitglieds bei.

## Forms
field-pseudonym = Pseudonym
field-password = Passwort
field-current-password = Aktuelles Passwort
field-new-password = Neues Passwort
field-totp = Code aus Ihrer Authenticator-App
field-totp-if-enabled = Code aus Ihrer Authenticator-App (nur wenn Sie sie eingeschaltet haben)
field-recovery-email = E-Mail zur Wiederherstellung (optional)
field-recovery-codes = Einmal-Wiederherstellungscodes erstellen
field-recovery-code = Wiederherstellungscode
field-language = Sprache
field-min-trust = Mindest-Vertrauenswert (0 bis 1)
field-min-ratings = Mindestanzahl an Bewertungen
field-unknown-below = "Noch keine Einträge" als unter meinen Vorgaben behandeln
field-preset = Oder eine Voreinstellung verwenden
field-message-expiry = Meine Nachrichten aufbewahren für (Tage)
help-pseudonym = 3 bis 32 Buchstaben, Ziffern, Punkte, Unterstriche oder Bindestriche. Verwenden Sie nicht Ihren echten Namen.
help-password = Mindestens 12 Zeichen. Einige zusammenhanglose Wörter hintereinander ergeben ein starkes Passwort.
help-recovery-email = Wir speichern nur eine unkenntlich gemachte Form davon (einen Hash), nie die Adresse selbst. Wenn Sie Ihr Passwort vergessen, geben Sie die Adresse erneut ein, und wir senden einmalig einen Link dorthin.
help-recovery-email-settings = Leer lassen und speichern, um sie zu entfernen.
help-totp = Sechs Ziffern aus der Authenticator-App auf Ihrem Telefon.
help-min-trust = Zum Beispiel 0.8. Leer lassen für keinen Mindestwert.
help-message-expiry = Von 1 bis 90 Tagen. Abgelaufene Nachrichten werden gelöscht, nicht nur ausgeblendet.
save = Speichern

## Dashboards
dash-title = Übersicht
dash-welcome = Willkommen, { $name }
dash-quick-actions = Schnellaktionen
dash-invite-seller = Ein Mitglied einladen
dash-update-settings = Kontoeinstellungen ändern
dash-activity = Letzte Aktivitäten
dash-open-invitations = { $count ->
    [one] 1 offene Einladung
   *[other] { $count } offene Einladungen
}
buyer-rep-title = Ihr Ruf
buyer-rep-none = Noch keine Bewertungen.
buyer-rep-explain = Mitglieder bewerten, ob ein Termin sicher war und ob Sie zuverlässig waren. Bleiben Sie weiterhin sicher und zuverlässig, um Ihren Zugang zu behalten.
