# Tessera, Deutsch: screening. Die Formulierungen folgen der Charta (seeds/000), wo sie eine vorgibt (SPEC R10.5).

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
dash-score = Ihr Ruf-Wert (Q_s): { $stars }/5,0. { $counted } von { $received } Bewertungen zählen.
dash-score-why = Warum nicht jede Bewertung zählt
dash-score-explain = Die Bewertung eines Kunden zählt im Verhältnis zu seiner eigenen Bilanz bei den Mitgliedern: Die Bewertung eines Kunden, den Mitglieder als sicher und zuverlässig erlebt haben, zählt voll; die eines Kunden ohne solche Bilanz zählt wenig oder gar nicht. So kann ein Kunde mit schlechter Bilanz Ihren Wert nicht aus Rache senken. Ihr Ruf-Wert ist der gewichtete Durchschnitt der Bewertungen, die zählen, von 0 bis 5.
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
lookup-terms = Was diese Werte bedeuten
lookup-terms-safe = Sicherheitswert (S_b): wie das schlechteste Viertel seiner Treffen verlief, von 0 bis 1. 1,0 heißt: Weniger als ein Viertel seiner Treffen wurde als unsicher bewertet, nicht keines. Lesen Sie immer die Zahl der unsicheren Bewertungen daneben.
lookup-terms-reliable = Zuverlässigkeitswert (R_b): dasselbe für das Einhalten von Absprachen.
lookup-terms-ci = Wahrscheinlicher Bereich (95-%-KI, Konfidenzintervall): wo der Wert mit 95 % Sicherheit läge, wenn Mitglieder ihn viel öfter getroffen hätten. Wenige Bewertungen ergeben einen weiten Bereich.
lookup-terms-trust = Vertrauenskoeffizient (T_b): Sicherheitswert mal Zuverlässigkeitswert, beide müssen also gut sein; von 0 bis 1. Unbekannt, bis er beide Arten von Bewertung hat.
lookup-terms-influence = Einflussgewicht (I_b): wie viel seine eigenen Bewertungen von Mitgliedern zählen: der Vertrauenskoeffizient hoch drei, er fällt also schnell (0,8 ergibt 0,51). Ein Kunde mit schlechter Bilanz kann dem Ruf eines Mitglieds nicht schaden.
lookup-look-alike = Dieses Pseudonym sieht aus wie das eines anderen Kontos. Prüfen Sie die Schreibweise mit dem Kunden.
lookup-submit = Suchen
lookup-share-signup = Er kann hier ein Konto anlegen:
lookup-buyer = Kunde:
lookup-safe = Sicherheitswert (S_b)
lookup-reliable = Zuverlässigkeitswert (R_b)
lookup-trust = Vertrauenskoeffizient (T_b)
lookup-influence = Einflussgewicht (I_b)
lookup-verified = Bestätigte Treffen
lookup-age = Alter des Kontos
lookup-detail = [{ $n } Treffen, wahrscheinlicher Bereich (95-%-KI): { $lo }–{ $hi }]
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
profile-copy = Link kopieren
codes-history = Verlauf der Bewertungscodes
codes-none = Keine Codes in den letzten 90 Tagen.
codes-invalidate = Alle unbenutzten Codes entwerten
codes-invalidated = { $n ->
    [one] 1 unbenutzter Code wurde entwertet.
   *[other] { $n } unbenutzte Codes wurden entwertet.
}
code-generated-ago = Erzeugt { $when }
code-generated-on = Erzeugt am { $day }
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
error-rating-excluded = Deine Bewertung dieses Käufers für diesen Tag wurde durch eine Streitfall-Entscheidung ausgeschlossen und kann nicht erneut abgegeben werden.
