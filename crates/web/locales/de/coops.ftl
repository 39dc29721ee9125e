# Tessera, Deutsch: Coops (SPEC R6.2).

coops-title = Coops
coops-explain = Eine Coop ist eine Gruppe von Mitgliedern, die Sie wählen, um Sicherheitswarnungen und Gespräche zu teilen: eine Stadt, eine Agentur, ein Arbeitsbereich oder ein privater Kreis. Sie sind in keiner Coop, bis Sie einer beitreten. Coops werden nie aufgelistet und sind nicht durchsuchbar: Sie erreichen eine nur über die Einladung eines Mitglieds oder den Link einer Moderatorin.
coops-mine = Ihre Coops
coops-none = Sie sind noch in keiner Coop.
coops-create = Eine Coop gründen
coops-field-name = Name
coops-field-kind = Art
coops-field-scope = Bereich (freiwillig)
coops-scope-help = Zum Beispiel eine Stadt oder die Art der Arbeit. Leer lassen für keinen.
coops-field-anonymous = Mitglieder dürfen Warnungen als „ein Mitglied“ veröffentlichen (Moderatorinnen sehen trotzdem, wer)
coops-field-min-days = Tage der Mitgliedschaft vor der ersten Warnung
coops-min-days-help = Von 0 bis 90. Gilt für alle, auch für Sie, gezählt ab dem Tag, an dem jede Mitglied wurde.
coops-create-submit = Coop gründen
coop-kind-regional = Regional
coop-kind-agency = Agentur
coop-kind-vertical = Arbeitsbereich
coop-kind-private = Privat
coop-state-invited = eingeladen
coop-state-pending = wartet auf Bestätigung
coop-state-member = Mitglied
coop-state-suspended = gesperrt
coop-state-left = ausgetreten
coop-moderator = Moderatorin
coop-members-count = { $n ->
    [one] 1 Mitglied
   *[other] { $n } Mitglieder
}
coop-anonymous-yes = Warnungen dürfen als „ein Mitglied“ erscheinen.
coop-anonymous-no = Warnungen zeigen, wer sie veröffentlicht hat.
coop-min-days-line = { $days ->
    [one] Mitglieder veröffentlichen Warnungen nach 1 Tag Mitgliedschaft.
   *[other] Mitglieder veröffentlichen Warnungen nach { $days } Tagen Mitgliedschaft.
}
coop-your-state = Sie sind:
coop-invitation = Einladung
coop-invitation-explain = Sie wurden in diese Coop eingeladen. Wenn Sie annehmen, sehen ihre Mitglieder Ihr Pseudonym in der Mitgliederliste.
coop-accept = Einladung annehmen
coop-decline = Ablehnen
coop-pending-explain = Sie haben um Aufnahme gebeten. Eine Moderatorin wird Ihre Anfrage bestätigen.
coop-withdraw = Anfrage zurückziehen
coop-members = Mitglieder
coop-col-member = Mitglied
coop-col-state = Status
coop-col-since = Seit
coop-col-actions = Aktionen
coop-action-approve = Bestätigen
coop-action-suspend = Sperren
coop-action-reinstate = Wieder aufnehmen
coop-action-make_moderator = Zur Moderatorin machen
coop-suspended-explain = Sie sind in dieser Coop gesperrt: Sie können lesen, aber nichts veröffentlichen und niemanden einladen.
coop-invite = Ein Mitglied einladen
coop-invite-field = Ihr Pseudonym
coop-invite-help = Sie sieht die Einladung auf ihrer Coops-Seite und entscheidet, ob sie beitritt.
coop-invite-submit = Einladen
coop-link = Anfrage-Link
coop-link-explain = Wer diesen Link hat, kann um Aufnahme bitten; eine Moderatorin bestätigt jede Anfrage. Teilen Sie ihn nur mit Menschen, denen Sie vertrauen.
coop-link-create = Anfrage-Link erstellen
coop-link-expires = Gültig bis { $day }.
coop-discussion = Eine Diskussion beginnen
coop-discussion-explain = Alle Mitglieder der Coop sehen sie unter Nachrichten und können dort schreiben; gesperrte Mitglieder lesen mit.
coop-discussion-title = Titel (freiwillig)
coop-discussion-submit = Diskussion beginnen
coop-leave = Die Coop verlassen
coop-leave-explain = Ihre Warnungen bleiben, bis sie ablaufen.
coop-leave-submit = Verlassen
coop-back = Alle Ihre Coops
coop-request-title = Um Aufnahme in eine Coop bitten
coop-request-explain = Eine Moderatorin hat Ihnen diesen Link gegeben. Bitten Sie um Aufnahme, und eine Moderatorin der Coop bestätigt Ihre Anfrage.
coop-request-submit = Um Aufnahme bitten
coop-invited = { $name } ist eingeladen.
coop-joined = Sie sind jetzt Mitglied.
coop-moderated = { $name } ist jetzt: { $state }.
dash-coops = Coops
error-coop-not-found = Diese Coop gibt es nicht.
error-coop-no-seller = Kein Mitglied dieser Coop oder von Tessera hat dieses Pseudonym.
error-coop-role = Ihre Rolle in dieser Coop erlaubt das nicht.
error-coop-conflict = Das geht in ihrem jetzigen Status nicht: Sie ist vielleicht schon eingeladen oder Mitglied.
error-coop-link = Dieser Link gilt nicht: Er ist vielleicht falsch geschrieben oder abgelaufen. Bitten Sie die Moderatorin um einen neuen.
error-coop-invalid = Bitte prüfen Sie das Formular: den Namen (1 bis 80 Zeichen), die Art, den Bereich (höchstens 80 Zeichen) und die Tage (0 bis 90).
coop-dissolve-heading = Diese Coop auflösen
coop-dissolve-explain = Eine Coop wird erst aufgelöst, wenn ein zweites Mitglied zustimmt: eine andere Moderatorin oder ein Mitglied des Schlichtungsausschusses. Dann werden ihre Unterhaltungen, Nachrichten, Warnungen, Mitglieder und Links sofort gelöscht.
coop-dissolve-reason = Warum
coop-dissolve-submit = Auflösung der Coop beantragen
