# Tessera, Deutsch: accounts. Die Formulierungen folgen der Charta (seeds/000), wo sie eine vorgibt (SPEC R10.5).

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
recovery-none-warning-codes = Ohne Wiederherstellungscodes bedeutet ein vergessenes Passwort ein verlorenes Konto. Niemand kann es für Sie zurücksetzen.
pow-explain = In der letzten Stunde wurden viele Konten erstellt, daher führt Ihr Browser eine kurze Sicherheitsprüfung durch, bevor das Formular gesendet wird.
pow-noscript = In der letzten Stunde wurden viele Konten erstellt. Die Registrierung braucht gerade JavaScript für eine kurze Sicherheitsprüfung. Bitte versuchen Sie es später noch einmal oder schalten Sie JavaScript ein.
codes-title = Ihre Wiederherstellungscodes
codes-explain = Schreiben Sie diese Codes auf und bewahren Sie sie sicher auf. Jeder Code funktioniert einmal. Sie werden nur jetzt angezeigt.
codes-saved = Ich habe sie gespeichert

## Settings
settings-title = Einstellungen
settings-preferences = Vorlieben
settings-screening = Prüfkriterien
settings-screening-help = Nur für Sie sichtbar und rein beratend: Eine Abfrage zeigt Ihnen, ob ein Kunde sie erfüllt. Tessera lehnt niemals selbst jemanden ab.
language-auto = Automatisch (aus meinem Browser)
preset-none = Keine Voreinstellung
preset-cautious = Vorsichtig: Vertrauen mindestens 0.9, mindestens 10 Bewertungen, keine Unsicher-Markierung
preset-moderate = Ausgewogen: Vertrauen mindestens 0.8, mindestens 5 Bewertungen, höchstens 1 Unsicher-Markierung
preset-open = Offen: Vertrauen mindestens 0.75, mindestens 3 Bewertungen, höchstens 2 Unsicher-Markierungen
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
recovery-status-codes = Unbenutzte Wiederherstellungscodes: { $codes }.
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
session-end-selected = Ausgewählte Sitzung beenden
session-end-others = Alle anderen Sitzungen beenden
sessions-end-explain = Wählen Sie oben eine Sitzung oder beenden Sie alle anderen. Bestätigen Sie mit Ihrem Passwort und, wenn die Anmeldung in zwei Schritten eingeschaltet ist, mit Ihrem Code.
notice-sessions-ended = Alle Ihre anderen Sitzungen wurden beendet.
totp-required-explain = Diese Kooperative verlangt von Verkäuferinnen die Anmeldung in zwei Schritten. Schalten Sie sie ein, um fortzufahren.
delete-restore-code = Ich möchte einen Wiederherstellungscode: Lösche ich wegen eines Fehlers der Plattform oder aus Sicherheitsgründen, kann der Schlichtungsausschuss damit meine Bewertungen auf ein neues Konto übertragen
deleted-restore-heading = Ihr Wiederherstellungscode
deleted-restore-explain = Dieser Code wird nur jetzt angezeigt. Haben Sie Ihr Konto wegen eines Fehlers der Plattform oder aus Sicherheitsgründen gelöscht, geben Sie ihn mit Ihrem neuen Pseudonym dem Schlichtungsausschuss: Zwei seiner Mitglieder können Ihre Bewertungen dann auf das neue Konto übertragen. Wer den Code hat, kann das beantragen; bewahren Sie ihn sicher auf, oder werfen Sie ihn weg, damit die Löschung endgültig ist.
error-account-suspended = Dieses Konto ist durch eine Abstimmung der Genossenschaft gesperrt. Die Sperre endet von selbst nach ihrem letzten Tag.
