## Mitbestimmung (SPEC §7): Vorschläge, Abstimmungen, Mitgliedsstatus, Änderungsprotokoll.

dash-governance = Vorschläge und Abstimmungen
proposals-title = Vorschläge und Abstimmungen
proposals-explain = Die Mitglieder entscheiden, wie Tessera arbeitet: die Bewertung, die Regeln, die Ausschüsse. Jede Änderung wird hier vorgeschlagen, mindestens 30 Tage besprochen und 14 Tage lang abgestimmt.
proposals-list = Alle Vorschläge
proposals-none = Noch keine Vorschläge.
proposals-back = Zurück zu den Vorschlägen
proposal-new = Vorschlag schreiben
proposal-new-explain = Ein Vorschlag ist sofort zur Diskussion offen. Die Abstimmung beginnt 30 Tage später und dauert 14 Tage.
proposal-submit = Vorschlag veröffentlichen
proposal-field-title = Titel
proposal-field-kind = Art
proposal-field-specification = Was genau sich ändert
proposal-field-rationale = Warum
proposal-field-risks = Risiken
proposal-field-alternatives = Erwogene Alternativen
proposal-field-params = Der vollständige neue Parametersatz (Vorschläge zur Bewertung)
proposal-field-restore_version = Die wiederherzustellende Version (Rücknahmen)
proposal-field-committee = Ausschuss (Wahlen)
proposal-field-seats = Sitze (Wahlen)
proposal-field-member = Abberufenes Mitglied (Abberufungen)
proposal-kind-details = Angaben für einige Arten
proposal-params-help = Beginnt mit dem geltenden Satz; ändere nur, was du ändern willst.
proposal-evidence = Das Sicherheitsmodell, gemessen: docs/safety-model.md in der Dokumentation von Tessera, erstellt mit „tessera simulate“. Lies es, bevor du eine Änderung der Bewertung vorschlägst oder darüber abstimmst.
proposal-kind-operational = Betrieb
proposal-kind-structural = Struktur
proposal-kind-algorithm = Bewertungsverfahren
proposal-kind-constitutional = Satzung
proposal-kind-election = Ausschusswahl
proposal-kind-recall = Abberufung
proposal-kind-rollback = Rücknahme einer Bewertungsänderung
threshold-majority = angenommen mit mehr Ja als Nein
threshold-two_thirds = angenommen mit zwei Dritteln von Ja und Nein
threshold-approval = die Sitze gehen an die meisten Zustimmungen
proposal-phase-comment = Zur Diskussion offen. Abstimmung vom { $from } bis { $until }.
proposal-phase-voting = Abstimmung läuft, bis zum Ende des { $until }.
proposal-phase-closed = Abgeschlossen. Die Abstimmung lief vom { $from } bis { $until }.
proposal-by = vorgeschlagen von
proposal-deleted-author = einem früheren Mitglied
proposal-electorate = { $n } Mitglieder waren bei Beginn der Abstimmung stimmberechtigt. Fingerabdruck dieser Liste: { $fingerprint }
proposal-my-token = Dein Zeichen auf der Liste:
proposal-passed = Angenommen.
proposal-not-passed = Nicht angenommen.
proposal-petition-failed = Die Petition hat ihre Unterschriften nicht erreicht: keine Abstimmung.
proposal-result = Ja { $yes }, Nein { $no }, Enthaltungen { $abstain }; { $turnout } Stimmzettel.
proposal-elected = Gewählt: { $names }.
proposal-petition = { $n } von { $needed } nötigen Unterschriften für eine Abstimmung.
proposal-sign = Petition unterschreiben
proposal-signed-notice = Deine Unterschrift ist gespeichert. Niemand sieht, wer unterschrieben hat.
proposal-candidates = Kandidatinnen
proposal-no-candidates = Noch kandidiert niemand.
proposal-stand = Kandidieren
proposal-standing-notice = Du kandidierst bei dieser Wahl.
proposal-text = Der Vorschlag
proposal-diff = Was sich ändert
proposal-diff-name = Parameter
proposal-diff-from = Jetzt
proposal-diff-to = Vorgeschlagen
proposal-check = Ergebnis prüfen
proposal-check-help = Suche deine Quittung: Sie muss deine Wahl tragen. Suche dein Zeichen: Es muss als abgestimmt markiert sein. Die Zahl der Quittungen ist gleich der Zahl der als abgestimmt markierten Zeichen.
proposal-receipts = Quittungen und Stimmen
proposal-roll = Die Liste
roll-voted = abgestimmt
roll-not-voted = nicht abgestimmt
proposal-comments = Kommentare
proposal-no-comments = Noch keine Kommentare.
proposal-comment-label = Dein Kommentar
proposal-comment-submit = Kommentar veröffentlichen
ballot-title = Deine Stimme
ballot-help = Deine Stimme ist geheim: Die Urne weiß nicht, wer welchen Stimmzettel abgegeben hat. Du kannst einmal abstimmen und es nicht ändern.
ballot-choice = Deine Wahl
ballot-yes = Ja
ballot-no = Nein
ballot-abstain = Enthaltung
ballot-submit = Stimme abgeben
ballot-cast = Deine Stimme ist abgegeben.
ballot-receipt = Deine Quittung:
ballot-receipt-keep = Bewahre sie auf: Sie wird nur jetzt angezeigt. Nach der Abstimmung findest du sie in der veröffentlichten Liste und kannst prüfen, dass deine Stimme so gezählt wurde, wie du sie abgegeben hast.
standing-new = Du bist stimmberechtigt (neues Mitglied).
standing-paid = Du bist stimmberechtigt.
standing-waived = Du bist stimmberechtigt (Beitrag erlassen).
standing-lapsed = Du bist nicht stimmberechtigt: Wende dich an den Ausschuss für Mitbestimmung.
standing-suspended = Du bist gesperrt und kannst nicht abstimmen.
committee-security = Sicherheitsausschuss
committee-disputes = Schlichtungsausschuss
committee-governance = Ausschuss für Mitbestimmung
changelog-link = Änderungsprotokoll der Bewertung
changelog-title = Änderungsprotokoll
changelog-explain = Jede Version der Bewertungsparameter, mit der Entscheidung, die sie eingeführt hat. Nichts ändert sich stillschweigend.
changelog-version = Version { $version }, in Kraft seit { $on }
changelog-baseline = Die Grundeinstellung der Charta.
changelog-proposal = Beschlossen mit Vorschlag { $id }.
changelog-emergency = Eine Notfalländerung durch den Sicherheitsausschuss, in Kraft, bis die Mitglieder darüber abstimmen.
changelog-revert = Die Notfalländerung wurde zurückgenommen: Ihre Abstimmung ging nicht durch.
changelog-rollback = Durch Abstimmung wiederhergestellt.
error-governance-forbidden = Nur der zuständige Ausschuss darf das.
error-proposal-not-found = Diesen Vorschlag gibt es nicht.
error-member-not-found = Dieses Mitglied gibt es nicht.
error-proposal-invalid = Bitte korrigiere diese Felder:
error-not-voting = Die Abstimmung ist nicht offen.
error-already-voted = Du hast schon abgestimmt.
error-not-in-good-standing = Das können nur Mitglieder, die bei Beginn der Abstimmung stimmberechtigt waren.
error-not-closed = Das wird nach dem Ende der Abstimmung veröffentlicht.
error-governance-conflict = Das geht jetzt nicht.
proposal-quorum-met = Quorum: { $quorum } Stimmzettel nötig, erreicht.
proposal-quorum-missed = Quorum: { $quorum } Stimmzettel nötig, nicht erreicht.
audit-link = Protokoll der besonderen Befugnisse
audit-title = Protokoll
audit-explain = Jede Handlung mit besonderen Befugnissen, die neueste zuerst: wer, in welcher Rolle, was, an welcher Art von Sache. Nie eine Bewertung oder eine Nachricht.
audit-none = Noch nichts.
audit-older = Ältere Einträge
audit-no-actor = der Betrieb oder der Server
audit-role-member = Mitglied
audit-role-security = Sicherheitsausschuss
audit-role-disputes = Schlichtungsausschuss
audit-role-governance = Ausschuss für Mitbestimmung
audit-role-moderator = Moderatorin einer Coop
audit-role-operator = Betrieb
audit-action-committee_added = in einen Ausschuss aufgenommen
audit-action-committee_removed = aus einem Ausschuss entfernt
audit-action-standing_recorded = Mitgliedsstatus eingetragen
audit-action-approval_requested = Zustimmung angefragt
audit-action-approval_given = Zustimmung gegeben
audit-action-ratings_viewed = Bewertungen eingesehen
audit-action-ratings_excluded = Bewertungen ausgeschlossen
audit-action-reputation_restored = Ruf wiederhergestellt
audit-action-member_suspended = Mitglied gesperrt
audit-action-emergency_requested = Notfalländerung angefragt
audit-action-emergency_enacted = Notfalländerung in Kraft gesetzt
audit-action-emergency_reverted = Notfalländerung zurückgenommen
audit-action-params_enacted = Bewertungsparameter in Kraft gesetzt
audit-action-proposal_closed = Abstimmung abgeschlossen
audit-action-alert_moderated = über eine Warnung entschieden
audit-action-coop_dissolved = Coop aufgelöst
audit-object-member = ein Mitglied
audit-object-committee = ein Ausschuss
audit-object-proposal = ein Vorschlag
audit-object-params = die Bewertungsparameter
audit-object-alert = eine Sicherheitswarnung
audit-object-dispute = ein Streitfall
audit-object-coop = eine Coop
emergency-banner = Eine Notfalländerung der Bewertung gilt, bis die Mitglieder darüber abstimmen. Sieh nach, was sich geändert hat.

## Streitfälle (R7.8) und Vier-Augen-Prinzip (R7.9)
error-dispute-not-found = Diesen Fall gibt es nicht.
error-approval-not-found = Diesen Antrag gibt es nicht.
error-dispute-recused = Du bist an diesem Fall beteiligt und kannst darin weder handeln noch im Schiedsgremium sitzen.
disputes-title = Streitfälle
disputes-explain = Ein Käufer kann Einspruch gegen seine Bewertungen erheben, eine Verkäuferin kann einen Käufer melden, und eine bestrittene Sicherheitswarnung wird zum Fall. Der Schlichtungsausschuss vermittelt zuerst; ein Schiedsgremium aus drei Mitgliedern entscheidet; zehn Verkäuferinnen können einen Fall zur Mitgliederabstimmung bringen. Jede Stufe hat 30 Tage.
disputes-list = Fälle
disputes-none = Es gibt keine Fälle, die du sehen kannst.
disputes-back = Zurück zu den Streitfällen
dispute-back = Zurück zum Fall
dispute-new = Einen Fall eröffnen
dispute-new-appeal = Einspruch gegen meine Bewertungen
dispute-new-report = Einen Käufer melden
dispute-new-appeal-explain = Sag dem Ausschuss, warum Bewertungen von dir falsch sind. Schreib nichts, was dich oder andere erkennbar macht.
dispute-new-report-explain = Melde einen Käufer dem Schlichtungsausschuss. Nur der Ausschuss und das Gremium des Falls lesen, was du schreibst.
dispute-field-buyer = Das Pseudonym des Käufers
dispute-field-context = Was passiert ist
dispute-field-context-help = Bis zu 4000 Zeichen. Verschlüsselt gespeichert; wird mit deinem Konto gelöscht.
dispute-submit = Fall eröffnen
dispute-kind-appeal = Ein Einspruch, eröffnet am { $on }
dispute-kind-report = Eine Meldung, eröffnet am { $on }
dispute-kind-alert = Eine bestrittene Sicherheitswarnung, eröffnet am { $on }
dispute-stage = Stufe:
dispute-stage-mediation = Vermittlung
dispute-stage-arbitration = Schiedsverfahren durch ein Gremium
dispute-stage-membership_vote = Mitgliederabstimmung
dispute-stage-closed = abgeschlossen
dispute-overdue = überfällig
dispute-deadline = Diese Stufe endet am { $day }.
dispute-outcome = Ergebnis:
dispute-outcome-no_change = keine Änderung
dispute-outcome-ratings_excluded = Bewertungen aus den Werten genommen
dispute-panel = Gremium:
dispute-petition = { $n ->
    [one] Eine von { $needed } Verkäuferinnen hat unterschrieben, um diesen Fall zur Mitgliederabstimmung zu bringen.
   *[other] { $n } von { $needed } Verkäuferinnen haben unterschrieben, um diesen Fall zur Mitgliederabstimmung zu bringen.
}
dispute-sign = Für eine Mitgliederabstimmung unterschreiben
dispute-ratings-link = Die Bewertungen des Käufers ansehen (nur das Gremium; protokolliert)
dispute-pending-title = Ausschlüsse, die auf ein zweites Mitglied warten
dispute-pending = { $n ->
    [one] Eine Bewertung auszuschließen
   *[other] { $n } Bewertungen auszuschließen
}
dispute-approve = Als zweites Mitglied zustimmen
dispute-advance-title = Den Fall weiterführen
dispute-field-to = Nächste Stufe
dispute-field-panel = Das Gremium (für das Schiedsverfahren)
dispute-field-panel-member = Mitglied
dispute-field-outcome = Ergebnis (beim Abschließen)
dispute-advance-help = Ein Gremium hat drei Mitglieder des Ausschusses, die nicht am Fall beteiligt sind. Das Ergebnis zählt nur, wenn der Fall abgeschlossen wird.
dispute-advance-submit = Weiterführen
dispute-advanced = Der Fall ist jetzt auf dieser Stufe: { $stage }.
dispute-ratings-title = Die Bewertungen des Käufers
dispute-ratings-explain = Nur das Gremium des Falls sieht sie, und jeder Aufruf steht im Protokoll. Die Verkäuferinnen werden nicht gezeigt.
dispute-ratings-none = Es gibt keine gezählten Bewertungen dieses Käufers.
dispute-ratings-caption = Gezählte Bewertungen, die neuesten zuerst
dispute-ratings-exclude = Ausschließen
dispute-ratings-day = Tag
dispute-ratings-safe = Sicher
dispute-ratings-reliable = Zuverlässig
dispute-ratings-verified = Bestätigt
dispute-ratings-help = Ein Ausschluss gilt erst, wenn ein zweites Mitglied des Ausschusses zustimmt.
dispute-exclude-submit = Ausschluss beantragen
dispute-exclusion-requested = Der Ausschluss ist beantragt. Ein zweites Mitglied des Ausschusses muss zustimmen.
dispute-excluded = { $n ->
    [one] Eine Bewertung ist aus den Werten genommen.
   *[other] { $n } Bewertungen sind aus den Werten genommen.
}
dispute-flag-yes = ja
dispute-flag-no = nein
dispute-flag-none = nicht angegeben
disputes-link = Streitfälle

## The impact preview (R7.4)
impact-title = Was diese Änderung bewirken würde
impact-computed = Berechnet am { $day } über die aktuellen Daten, nur in Summen. Bei Beginn der Abstimmung wird es neu berechnet.
impact-no-moves = Kein Käufer würde in eine andere Vertrauensstufe wechseln.
impact-moves-caption = Käufer, die die Vertrauensstufe wechseln würden
impact-from = Von
impact-to = Nach
impact-buyers = Käufer
impact-band-high = hohes Vertrauen
impact-band-moderate = mittleres Vertrauen
impact-band-low = niedriges Vertrauen
impact-band-unknown = noch keine Bewertungen
impact-thresholds = { $n ->
    [one] Einmal würde ein Käufer das Mindestvertrauen einer Verkäuferin überschreiten oder unterschreiten, über alle Verkäuferinnen und Käufer gezählt.
   *[other] { $n }-mal würde ein Käufer das Mindestvertrauen einer Verkäuferin überschreiten oder unterschreiten, über alle Verkäuferinnen und Käufer gezählt.
}
impact-qs = { $n ->
    [one] Bei einer Verkäuferin würde sich der eigene Wert um mehr als 0,1 ändern.
   *[other] Bei { $n } Verkäuferinnen würde sich der eigene Wert um mehr als 0,1 ändern.
}

## The yearly transparency report (R7.6)
transparency-title = Transparenzbericht
transparency-explain = Jedes Jahr berichtet der Governance-Ausschuss, wie viele rechtliche Anfragen nach Daten die Genossenschaft erhalten hat und wie sie beantwortet wurden. Wir geben nur heraus, was das Gesetz verlangt, informieren die betroffenen Mitglieder, sofern das Gesetz es nicht verbietet, und fechten zu weit gehende Anfragen an.
transparency-none = Es wurde noch kein Bericht veröffentlicht.
transparency-year = Das Jahr { $year }
transparency-received = Erhaltene rechtliche Anfragen: { $n }
transparency-disclosed = Mit Daten beantwortet: { $n }
transparency-refused = Abgelehnt oder angefochten: { $n }
transparency-notified = Anfragen, über die die betroffenen Mitglieder informiert wurden: { $n }
transparency-recorded = Eingetragen am { $day }.
transparency-enter = Den Bericht eines Jahres eintragen
transparency-enter-help = Für den Governance-Ausschuss. Wird ein Jahr erneut eingetragen, ersetzt das seinen Bericht; das Protokoll hält fest, dass es geschah.
transparency-field-year = Jahr
transparency-field-received = Erhaltene rechtliche Anfragen
transparency-field-disclosed = Davon mit Daten beantwortet
transparency-field-refused = Davon abgelehnt oder angefochten
transparency-field-notified = Davon Mitglieder informiert
transparency-field-summary = Wie sie beantwortet wurden
transparency-submit = Bericht veröffentlichen
transparency-link = Transparenzbericht
audit-action-transparency_recorded = Transparenzbericht eingetragen
audit-object-report = ein Transparenzbericht

## Committee terms (R7.7)
error-term-limit = Du warst drei Amtszeiten nacheinander in diesem Ausschuss. Nach einer Pause von sechs Monaten kannst du wieder kandidieren.

## The retroactive vote on an emergency change (R7.5), written by the server
emergency-vote-title = Die Notfalländerung der Bewertung bestätigen
emergency-vote-specification = Die Parameter, die der Sicherheitsausschuss als Notfalländerung in Kraft gesetzt hat.
emergency-vote-rationale = Eine Notfalländerung muss innerhalb von 14 Tagen eine Abstimmung bestehen, sonst gelten wieder die vorherigen Parameter.
emergency-vote-risks = Geht sie nicht durch, gelten automatisch wieder die Parameter von vor der Änderung.
emergency-vote-alternatives = Stimme mit Nein, um die vorherigen Parameter wiederherzustellen.
error-dispute-no-buyer = Kein Käufer hat dieses Pseudonym. Prüf die Schreibweise.
audit-action-dispute_advanced = Fall weitergeführt
dispute-field-ratings = Die auszuschließenden Bewertungen
dispute-field-kind = Die Art des Falls
dispute-field-alert = Die Warnung

## The Security Committee's emergency page (R7.5, R7.9)
emergency-title = Notfalländerungen der Bewertung
emergency-explain = Für den Sicherheitsausschuss. Ein Mitglied beantragt eine Änderung; sie gilt erst, wenn ein zweites Mitglied zustimmt. Dann sehen alle Mitglieder einen Hinweis, und sofort beginnt eine Abstimmung über die Änderung: Geht sie nicht innerhalb von 14 Tagen durch, gelten von selbst wieder die vorherigen Parameter.
emergency-waiting = Wartet auf ein zweites Mitglied
emergency-none-waiting = Keine Änderung wartet.
emergency-changes = Was sie ändert
emergency-approve = Zustimmen: jetzt in Kraft setzen
emergency-yours = Du hast diese Änderung beantragt; ein anderes Mitglied des Ausschusses muss zustimmen.
emergency-ask = Eine Notfalländerung beantragen
emergency-field-params = Alle Parameter
emergency-params-help = Es beginnt mit den geltenden Parametern. Ändere nur, was der Notfall verlangt.
emergency-field-reason = Warum es nicht auf eine Abstimmung warten kann
emergency-submit = Änderung beantragen
emergency-requested = Die Änderung ist beantragt. Sie gilt, wenn ein zweites Mitglied des Ausschusses zustimmt.
emergency-link = Notfalländerungen (Sicherheitsausschuss)
dash-overdue-cases = { $count ->
    [one] Ein Streitfall hat seine Frist überschritten.
   *[other] { $count } Streitfälle haben ihre Frist überschritten.
}
error-restore-code-not-found = Diesen Wiederherstellungscode gibt es nicht, oder er wurde schon benutzt.

approvals-title = Anträge, die auf ein zweites Mitglied warten
approvals-link = Anträge, die auf ein zweites Mitglied warten
approvals-explain = Bewertungen ausschließen, einen Ruf wiederherstellen, ein Konto nach einer Abstimmung sperren, eine Coop auflösen und Notfalländerungen wirken erst, wenn ein zweites dazu befugtes Mitglied zustimmt (Vier-Augen-Prinzip). Wer beantragt, kann dem eigenen Antrag nicht zustimmen.
approvals-waiting = Wartend
approvals-none = Nichts wartet auf dich.
approvals-asked-on = beantragt am
approvals-yours = dein Antrag
approvals-approve = Zustimmen
approvals-requested = Dein Antrag wartet auf ein zweites Mitglied.
approvals-approved = Zugestimmt. Es gilt ab sofort.
approval-kind-emergency = Eine Notfalländerung
approval-kind-exclusion = Ein Ausschluss von Bewertungen
approval-kind-suspension = Eine Sperre nach einer Abstimmung
approval-kind-restore = Eine Wiederherstellung des Rufs
approval-kind-dissolution = Die Auflösung einer Coop
approvals-suspend-heading = Ein Konto nach einer Abstimmung sperren
approvals-suspend-explain = Nur eine Abstimmung der Mitglieder kann ein Konto sperren. Nenne das Konto, den angenommenen Antrag, der es beschlossen hat, und den letzten Tag der Sperre (höchstens ein Jahr voraus): Bis dieser Tag vorbei ist, kann sich das Konto nicht anmelden, und ein Mitglied ist nicht stimmberechtigt. Lass den Tag leer, um eine Sperre vorzeitig zu beenden, wie eine spätere Abstimmung beschlossen hat.
approvals-field-account = Pseudonym des Kontos
approvals-field-proposal = Antragsnummer der Abstimmung
approvals-field-until = Letzter Tag der Sperre
approvals-until-help = Leer: die laufende Sperre beenden.
approvals-suspend-submit = Sperre beantragen
approvals-restore-heading = Einen Ruf wiederherstellen
approvals-restore-explain = Ein Mitglied, das sein Konto wegen eines Fehlers der Plattform oder aus Sicherheitsgründen gelöscht und dabei einen Wiederherstellungscode verlangt hat, kann seine Bewertungen auf sein neues Konto übertragen lassen. Tu das erst, wenn du geprüft hast, warum es gelöscht hat.
approvals-field-code = Wiederherstellungscode
approvals-field-new-account = Pseudonym des neuen Kontos
approvals-field-reason = Was der Ausschuss geprüft hat
approvals-restore-submit = Wiederherstellung beantragen
dispute-vote-link = Die Abstimmung der Mitglieder über diesen Fall
dispute-field-motion = Antrag für eine Abstimmung der Mitglieder
dispute-motion-help = Nur für eine Abstimmung der Mitglieder: worüber sie abstimmen. Nenne keine Beteiligten und keine Einzelheiten des Falls; leer ergibt einen Standardantrag.

## The Security Committee's abuse flags (R9.7)
security-title = Missbrauchshinweise
security-explain = Einfache Regeln suchen nach Mustern, die Missbrauch sein können. Ein Hinweis ist ein Grund, genauer hinzusehen, nie ein Befund: Niemandem geschieht deshalb etwas. Nur der Sicherheitsausschuss sieht diese Seite. Hinweise werden nach 90 Tagen gelöscht.
security-none = Keine Hinweise in den letzten 90 Tagen.
security-flag-on = Erkannt am
security-flag-seller = Verkäuferin { $name }
security-flag-buyer = Käufer { $name }
security-flag-nobody = Er nennt kein Konto
security-flag-numbers = Anzahl { $count }, Schwelle { $threshold }.
security-rule-brigading = Gezielte Abwertung
security-rule-brigading-explain = Mehrere schlechte Bewertungen einer Verkäuferin innerhalb von 48 Stunden von Käuferkonten, die jünger als 14 Tage sind.
security-rule-unused_codes = Ungenutzte Codes
security-rule-unused_codes-explain = Viele Codes einer Verkäuferin sind innerhalb von 30 Tagen ungenutzt abgelaufen.
security-rule-repeat_codes = Wiederholte Codes
security-rule-repeat_codes-explain = Ein Käufer hat eine Verkäuferin innerhalb von 30 Tagen mit mehreren Codes bewertet.
security-rule-unverified_unsafe = Unbestätigte Unsicher-Markierungen
security-rule-unverified_unsafe-explain = Eine Verkäuferin hat einen Käufer innerhalb von 7 Tagen mehrmals als unsicher markiert, ohne bestätigten Kontakt zwischen beiden.
security-rule-code_failures = Fehlgeschlagene Code-Eingaben
security-rule-code_failures-explain = Fehlgeschlagene Code-Eingaben aller Käufer innerhalb einer Stunde über der Schwelle.
