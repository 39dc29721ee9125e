# Tessera, Deutsch. Die Formulierungen folgen der Charta (seeds/000), wo sie eine vorgibt (SPEC R10.5).

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

## Errors
error-title = Etwas ist schiefgelaufen
error-not-found = Nicht gefunden.
error-page-not-found = Diese Seite gibt es nicht.
error-unauthenticated = Bitte melden Sie sich an.
error-internal = Bei uns ist etwas schiefgelaufen. Es wurde nichts geändert.
error-too-large = Die Anfrage ist zu groß.
error-json = Die Anfrage konnte nicht gelesen werden. Senden Sie gültiges JSON mit den in der API beschriebenen Feldern.
error-conflict = Das gibt es bereits.
error-csrf = Dieses Formular ist abgelaufen oder stammt von einer anderen Website. Laden Sie die Seite neu und versuchen Sie es noch einmal.
error-rate-limited = Zu viele Anfragen. Warten Sie einen Moment und versuchen Sie es noch einmal.
error-invalid-credentials = Anmeldung fehlgeschlagen. Prüfen Sie Pseudonym, Passwort und Code.
error-totp-required = Geben Sie den Code aus Ihrer Authenticator-App ein.
error-throttled = Zu viele fehlgeschlagene Anmeldungen. Warten Sie etwas, bevor Sie es noch einmal versuchen.
error-pseudonym-short = Ein Pseudonym braucht mindestens 3 Zeichen.
error-pseudonym-long = Ein Pseudonym darf höchstens 32 Zeichen haben.
error-pseudonym-chars = Ein Pseudonym darf nur Buchstaben, Ziffern, Punkte, Unterstriche und Bindestriche enthalten.
error-pseudonym-taken = Dieses Pseudonym ist bereits vergeben. Wählen Sie ein anderes.
error-password-short = Verwenden Sie mindestens 12 Zeichen für Ihr Passwort.
error-password-long = Verwenden Sie höchstens 128 Zeichen für Ihr Passwort.
error-password-weak = Dieses Passwort ist zu leicht zu erraten. Versuchen Sie es mit einigen zusammenhanglosen Wörtern hintereinander.
error-email = Das sieht nicht wie eine E-Mail-Adresse aus.
error-account-type = Die Kontoart muss "buyer" oder "seller" sein.
error-invitation-invalid = Diese Einladung ist nicht gültig. Sie wurde vielleicht schon verwendet oder ist abgelaufen. Bitten Sie ein Mitglied um eine neue.
error-pow-required = Bitte warten Sie, bis Ihr Browser die kurze Sicherheitsprüfung abgeschlossen hat, und senden Sie das Formular dann noch einmal.
error-sellers-only = Das können nur Mitglieder.
error-too-many-invitations = Sie haben bereits 3 offene Einladungen. Warten Sie, bis eine verwendet wird oder abläuft.
error-reauth = Ihr aktuelles Passwort war nicht korrekt. Es wurde nichts geändert.
error-totp = Dieser Code ist nicht korrekt. Prüfen Sie die Uhrzeit auf Ihrem Telefon und versuchen Sie es noch einmal.
error-recovery-code = Dieser Wiederherstellungscode ist für dieses Pseudonym nicht gültig.
error-recovery-link = Dieser Wiederherstellungslink ist nicht mehr gültig. Fordern Sie einen neuen an.
error-language = Wählen Sie Englisch, Deutsch oder automatisch.
error-preset = Wählen Sie vorsichtig, ausgewogen oder offen.
error-min-trust = Das Mindestvertrauen muss eine Zahl von 0 bis 1 sein, zum Beispiel 0.8.
error-min-ratings = Die Mindestanzahl an Bewertungen muss eine ganze Zahl von 0 bis 10000 sein.
error-expiry = Nachrichten können 1 bis 90 Tage aufbewahrt werden.
error-delete-confirm = Setzen Sie das Häkchen, um zu bestätigen, dass Sie Ihr Konto löschen möchten.

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

## Sign-up and joining
signup-title = Kundenkonto erstellen
signup-intro = Mit einem Kundenkonto bauen Sie sich bei den Mitgliedern, die Sie treffen, einen Ruf auf, und Sie können ein Mitglied nach einem Termin bewerten, wenn es Ihnen einen Code gibt.
signup-submit = Konto erstellen
signup-done = Ihr Konto ist bereit.
join-title = Der Genossenschaft beitreten
join-intro = Sie wurden von einem Mitglied eingeladen. Wählen Sie ein Pseudonym und ein Passwort, um Ihr Mitgliedskonto zu erstellen.
join-submit = Beitreten
recovery-title = Kontowiederherstellung
recovery-explain = Wählen Sie, wie Sie wieder Zugang zu Ihrem Konto bekommen können, falls Sie Ihr Passwort vergessen.
recovery-none-warning = Ohne E-Mail zur Wiederherstellung oder Wiederherstellungscodes bedeutet ein vergessenes Passwort ein verlorenes Konto. Niemand kann es für Sie zurücksetzen.
pow-explain = In der letzten Stunde wurden viele Konten erstellt, daher führt Ihr Browser eine kurze Sicherheitsprüfung durch, bevor das Formular gesendet wird.
pow-noscript = In der letzten Stunde wurden viele Konten erstellt. Die Registrierung braucht gerade JavaScript für eine kurze Sicherheitsprüfung. Bitte versuchen Sie es später noch einmal oder schalten Sie JavaScript ein.
codes-title = Ihre Wiederherstellungscodes
codes-explain = Schreiben Sie diese Codes auf und bewahren Sie sie sicher auf. Jeder Code funktioniert einmal. Sie werden nur jetzt angezeigt.
codes-saved = Ich habe sie gespeichert

## Login
login-title = Anmelden
login-submit = Anmelden
login-forgot = Passwort vergessen?
login-no-account = Noch kein Konto?

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

## Settings
settings-title = Einstellungen
settings-preferences = Vorlieben
settings-screening = Prüfkriterien
settings-screening-help = Nur für Sie sichtbar und rein beratend: Eine Abfrage zeigt Ihnen, ob ein Kunde sie erfüllt. Tessera lehnt niemals selbst jemanden ab.
language-auto = Automatisch (aus meinem Browser)
preset-none = Keine Voreinstellung
preset-cautious = Vorsichtig: Vertrauen mindestens 0.9, mindestens 10 Bewertungen
preset-moderate = Ausgewogen: Vertrauen mindestens 0.8, mindestens 5 Bewertungen
preset-open = Offen: Vertrauen mindestens 0.75, mindestens 3 Bewertungen
settings-invitations = Ein Mitglied einladen
settings-invitations-help = Ein Einladungslink funktioniert einmal und 14 Tage lang. Sie können bis zu 3 offene Einladungen haben.
invitation-create = Einladungslink erstellen
invitation-created = Neuer Einladungslink:
invitation-open-until = Offene Einladung, gültig bis { $day }
settings-password = Passwort
settings-password-change = Passwort ändern
settings-totp = Anmeldung in zwei Schritten
totp-off = Die Anmeldung in zwei Schritten ist ausgeschaltet. Wenn sie eingeschaltet ist, brauchen Sie zur Anmeldung zusätzlich einen Code aus einer Authenticator-App auf Ihrem Telefon.
totp-on = Die Anmeldung in zwei Schritten ist eingeschaltet.
totp-start = Anmeldung in zwei Schritten einschalten
totp-setup-explain = Scannen Sie diesen Code mit Ihrer Authenticator-App oder geben Sie das unten stehende Geheimnis dort ein. Geben Sie dann den sechsstelligen Code ein, den die App anzeigt.
totp-secret-text = Geheimnis:
totp-confirm = Bestätigen und einschalten
totp-disable = Anmeldung in zwei Schritten ausschalten
recovery-status = E-Mail zur Wiederherstellung: { $email ->
    [yes] hinterlegt
   *[no] nicht hinterlegt
}. Unbenutzte Wiederherstellungscodes: { $codes }.
recovery-email-save = E-Mail zur Wiederherstellung speichern
recovery-codes-new = Neue Wiederherstellungscodes erstellen
settings-sessions = Wo Sie angemeldet sind
session-created = Angemeldet am
session-last-seen = Zuletzt aktiv am
session-action = Aktion
session-this = Diese Sitzung
session-end = Sitzung beenden
settings-delete = Konto löschen
delete-explain = Das Löschen erfolgt sofort und kann nicht rückgängig gemacht werden. Ihr Pseudonym wird wieder frei; Bewertungen bleiben nur als anonyme Musterdaten erhalten, die auf kein Pseudonym zurückführen. Alles andere wird sofort gelöscht.
delete-confirm = Ja, mein Konto jetzt löschen
delete-submit = Mein Konto löschen
deleted-title = Ihr Konto ist gelöscht
deleted-text = Ihr Konto und alles, was mit Ihrem Pseudonym verbunden war, ist entfernt.
notice-saved = Gespeichert.
notice-password-changed = Ihr Passwort wurde geändert. Ihre anderen Sitzungen wurden beendet.
notice-totp-on = Die Anmeldung in zwei Schritten ist eingeschaltet.
notice-totp-off = Die Anmeldung in zwei Schritten ist ausgeschaltet.
notice-email-saved = Ihre E-Mail zur Wiederherstellung ist gespeichert (als Hash).
notice-email-removed = Ihre E-Mail zur Wiederherstellung wurde entfernt.
notice-session-ended = Die Sitzung wurde beendet.

## Recovery
recover-title = Wieder Zugang zu Ihrem Konto erhalten
recover-with-code = Mit einem Wiederherstellungscode
recover-with-email = Mit Ihrer E-Mail zur Wiederherstellung
recover-set-password = Neues Passwort festlegen
recover-send-link = Wiederherstellungslink senden
recover-mail-sent = Wenn Pseudonym und Adresse zusammenpassen, haben wir einen Link an diese Adresse gesendet. Er funktioniert einmal und 30 Minuten lang.
mail-recovery-subject = Ihr Wiederherstellungslink
mail-recovery-body = Jemand hat angefordert, das Passwort Ihres Kontos zurückzusetzen. Wenn Sie das waren, öffnen Sie diesen Link innerhalb von 30 Minuten:

    { $link }

    Wenn Sie das nicht waren, ignorieren Sie diese Nachricht.

## Screening errors (R4.1–R4.5; the code errors are the charter's words)
error-buyers-only = Das können nur Kundenkonten.
error-lookup-limit = Sie haben in der letzten Stunde sehr viele Abfragen gemacht. Bitte warten Sie etwas.
error-no-buyer = Kein Kundenkonto mit diesem Pseudonym. Sie können ihm den Link zur Anmeldung geben.
error-rating-empty = Beantworten Sie mindestens eine Frage: sicher oder zuverlässig.
error-rating-day = Der Tag muss heute oder höchstens 90 Tage zurück liegen, geschrieben als JJJJ-MM-TT.
error-too-many-codes = Sie haben 50 unbenutzte Codes. Verwenden oder entwerten Sie einige, bevor Sie neue erzeugen.
error-code-invalid = Code ungültig oder abgelaufen
error-code-used = Code bereits verwendet
error-code-attempts = Zu viele Fehlversuche
error-rating-fields = Wählen Sie je eine Antwort für Angaben, Pünktlichkeit und Professionalität.
error-not-member = Kein Mitglied mit diesem Pseudonym.

## Screening screens (charter 12.4, 12.6, 16.2, 16.3)
yes = Ja
no = Nein
cancel = Abbrechen
dash-lookup = Ruf eines Kunden abfragen
dash-generate-code = Bewertungscode für ein Treffen erzeugen
dash-rate-buyer = Bewertung für ein Treffen abgeben
dash-rate-seller = Ein Mitglied mit einem Code bewerten
dash-unused-codes = { $count ->
    [one] 1 unbenutzter Bewertungscode erzeugt
   *[other] { $count } unbenutzte Bewertungscodes erzeugt
}
dash-your-reputation = Ihr Ruf
dash-score = Ihr Ruf (Q_s): { $stars }/5,0 (aus { $counted } Bewertungen)
dash-score-none = Noch keine Bewertungen freigegeben. Erhaltene Bewertungen erscheinen, sobald 3 eingegangen oder 30 Tage vergangen sind.
dash-score-none-counting = Noch zählt keine Bewertung: Die bisher freigegebenen stammen von Kunden, deren eigene Bilanz ihnen kein Gewicht gibt.
dash-received = Bewertungen, die Sie erhalten haben (ohne Angabe, von wem)
dash-release-help = Zum Schutz vor Vergeltung erscheinen neue Bewertungen gesammelt: nach 3 neuen Bewertungen oder nach 30 Tagen.
dash-profile-link = Ihr Profil-Link
dash-profile-help = Geben Sie ihn Kunden, damit sie prüfen können, dass Sie Mitglied sind, und ein Konto anlegen. Er zeigt nur Ihr Pseudonym.
buyer-safe-line = Sicherheitswert: { $score } (aus { $n } Treffen; unsicher: { $flagged })
buyer-reliable-line = Zuverlässigkeitswert: { $score } (aus { $n } Treffen; unzuverlässig: { $flagged })
buyer-as-of = Stand: { $day }.
buyer-rep-meaning = Was das bedeutet
buyer-rep-delay = Ihre Werte werden gesammelt aktualisiert, sobald neue Bewertungen mindestens eine Woche alt sind und von mindestens zwei Mitgliedern stammen, damit kein einzelnes Treffen erkennbar ist.
lookup-title = Kunden abfragen
lookup-field = Kunden nach Pseudonym suchen
lookup-submit = Suchen
lookup-share-signup = Er kann hier ein Konto anlegen:
lookup-buyer = Kunde:
lookup-safe = Sicherheitswert (S_b)
lookup-reliable = Zuverlässigkeitswert (R_b)
lookup-trust = Vertrauenskoeffizient (T_b)
lookup-influence = Einflussgewicht (I_b)
lookup-verified = Bestätigte Treffen
lookup-age = Alter des Kontos
lookup-detail = [{ $n } Treffen, 95-%-KI: { $lo }–{ $hi }]
lookup-detail-none = [{ $n } Treffen]
lookup-unknown = noch keine Bilanz
lookup-unsafe-count = Unsicher: { $flagged } von { $n } Bewertungen (von { $sellers } Mitgliedern)
lookup-unreliable-count = Unzuverlässig: { $flagged } von { $n } Bewertungen (von { $sellers } Mitgliedern)
lookup-verified-count = { $verified } von { $n } Bewertungen stammen aus bestätigten Treffen
lookup-new-account = neues Konto
lookup-age-months = { $months ->
    [one] 1 Monat
   *[other] { $months } Monate
}
lookup-bar-safe = Sicherheitswert mit 95-%-Intervall
lookup-bar-reliable = Zuverlässigkeitswert mit 95-%-Intervall
lookup-low-sample = Kleine Stichprobe: mit Vorsicht deuten
lookup-no-alerts = Keine aktiven Warnungen nennen dieses Pseudonym.
lookup-params = Berechnet mit den Bewertungsparametern, Version { $version }.
lookup-history = Meine Bewertungen dieses Kunden
lookup-report = Problem melden
band-high = Dieser Kunde hat hohes Vertrauen.
band-moderate = Dieser Kunde hat mittleres Vertrauen. Mit Vorsicht deuten.
band-low = Dieser Kunde hat geringes Vertrauen.
band-unknown = Noch keine Bilanz: Niemand hat diesen Kunden bewertet.
pref-meets = Erfüllt Ihre Prüfkriterien.
pref-misses = Erfüllt Ihre Prüfkriterien nicht: { $which }.
pref-missed-min-trust = Vertrauen unter Ihrem Minimum
pref-missed-min-ratings = weniger Bewertungen als Ihr Minimum
pref-missed-no-record = noch keine Bilanz
report-recorded = Ihre Meldung ist für den Schlichtungsausschuss festgehalten. Er meldet sich über das Mitgliedernetz bei Ihnen.
history-title = Meine Bewertungen dieses Kunden
history-heading = Ihre Bewertungen von { $buyer }. Nur Sie sehen sie.
history-none = Sie haben diesen Kunden nicht bewertet.
history-day = Tag
history-verified = Bestätigt
history-back = Zurück zur Abfrage
rate-title = Kunden bewerten
rate-buyer = Pseudonym des Kunden
rate-safe = Sicher
rate-reliable = Zuverlässig
rate-safe-q = War dieses Treffen sicher?
rate-reliable-q = War dieser Kunde zuverlässig?
rate-day = Tag des Treffens
rate-day-help = Heute oder bis zu 90 Tage zurück. Nur der Tag wird gespeichert.
rate-submit = Bewertung abschicken
rate-saved = Ihre Bewertung von { $buyer } für den { $day } ist gespeichert.
rate-updated = Ihre Bewertung von { $buyer } für den { $day } ist aktualisiert.
codes-gen-title = Bewertungscode erzeugen
rcodes-explain = Mit diesem Code kann ein Kunde Sie bewerten.
codes-only-after = Geben Sie diesen Code nur nach einem abgeschlossenen Treffen weiter.
codes-bind = Nur für diesen Kunden (freiwillig)
codes-bind-help = Wenn Sie sein Pseudonym eingeben, kann nur er den Code verwenden.
codes-generate = Code erzeugen
codes-another = Weiteren erzeugen
codes-generated = Code erzeugt:
codes-provide = Geben Sie diesen Code Ihrem Kunden, damit er das Treffen bewerten kann.
codes-this-code = Dieser Code:
codes-valid-days = ist { $days } Tage gültig
codes-once = kann nur einmal verwendet werden
codes-untraceable = lässt keinen Rückschluss auf die Identität des Kunden zu
codes-bound-to = Nur { $buyer } kann ihn verwenden.
codes-copy = Code kopieren
codes-history = Verlauf der Bewertungscodes
codes-none = Keine Codes in den letzten 90 Tagen.
codes-invalidate = Alle unbenutzten Codes entwerten
codes-invalidated = { $n ->
    [one] 1 unbenutzter Code wurde entwertet.
   *[other] { $n } unbenutzte Codes wurden entwertet.
}
code-generated-ago = Erzeugt { $when }
code-status-unused = Status: Unbenutzt
code-status-used = Status: Verwendet
code-status-expired = Status: Abgelaufen (unbenutzt)
ago-minutes = vor { $n } Min.
ago-hours = { $n ->
    [one] vor 1 Stunde
   *[other] vor { $n } Stunden
}
ago-days = { $n ->
    [one] vor 1 Tag
   *[other] vor { $n } Tagen
}
ago-weeks = { $n ->
    [one] vor 1 Woche
   *[other] vor { $n } Wochen
}
rs-title = Bewerten Sie Ihr Treffen mit einem Mitglied
rs-seller = Pseudonym des Mitglieds
rs-code = Geben Sie zuerst den Bewertungscode ein, den Sie erhalten haben:
rs-code-help = 6 Ziffern
rs-verify = Code prüfen
rs-verified = Code bestätigt ✓
rs-heading = Bewerten Sie Ihr Treffen mit: { $seller }
rs-accuracy = Übereinstimmung mit den Angaben
rs-punctuality = Pünktlichkeit
rs-professionalism = Professionalität
rs-weighted = Hinweis: Ihre Bewertung wird nach Ihren Sicherheits- und Zuverlässigkeitswerten gewichtet.
rs-done-title = Vielen Dank
rs-done = Ihre Bewertung von { $seller } ist gespeichert. Sie kann nicht geändert werden.
error-no-interaction = Sie müssen ein Treffen abgeschlossen haben, bevor Sie bewerten können
vocab-accurate = Zutreffend
vocab-minor-deviation = Kleine Abweichung
vocab-significant-deviation = Deutliche Abweichung
vocab-on-time = Pünktlich
vocab-slightly-late = Etwas verspätet
vocab-very-late = Sehr verspätet
vocab-did-not-show = Nicht erschienen
vocab-professional = Professionell
vocab-adequate = Angemessen
vocab-unprofessional = Unprofessionell
profile-uses = Dieses Mitglied nutzt Tessera zur Sicherheitsprüfung.
profile-to-interact = Für ein Treffen mit diesem Mitglied:
profile-step-1 = Legen Sie ein Kundenkonto an (falls Sie keins haben)
profile-step-2 = Vereinbaren Sie die Einzelheiten direkt mit dem Mitglied, außerhalb dieser Seite
profile-step-3 = Nach dem Treffen gibt Ihnen das Mitglied einen Code, mit dem Sie eine Rückmeldung geben können
profile-learn-more = Mehr über Tessera
profile-rate = Dieses Mitglied bewerten
claim-title = Konto übernehmen
claim-intro = Ihre Genossenschaft hat Ihre Daten zu Tessera übertragen. Wählen Sie ein Passwort, um dieses Konto zu nutzen. Wiederherstellungsoptionen können Sie danach in den Einstellungen hinzufügen.
claim-submit = Passwort setzen und anmelden
error-claim-invalid = Dieser Link zur Übernahme ist nicht mehr gültig. Bitten Sie Ihre Koordination um einen neuen.
continue = Weiter
