# Tessera, Deutsch: Prüf-Links (SPEC R4.11), die Höchstzahl an Unsicher-Markierungen und die
# Warnung (R4.6, R3.8), und die Hilfeseite, die beides erklärt.

## Einstellungen: „höchstens N Unsicher-Markierungen“ (R4.6)
field-max-unsafe = Höchstzahl an Unsicher-Markierungen
help-max-unsafe = Zum Beispiel 0 oder 1. Der Sicherheitswert kann 1,0 sein, obwohl ein Kunde bei jedem fünften Treffen unsicher war; hier zählen die Markierungen selbst. Leer lassen für keine Höchstzahl.
error-max-unsafe = Die Höchstzahl an Unsicher-Markierungen muss eine ganze Zahl von 0 bis 10000 sein.
pref-missed-max-unsafe = mehr Unsicher-Markierungen als Ihre Höchstzahl

## Die Warnung über der Vertrauensstufe (R3.8)
lookup-unsafe-warning = Als unsicher markiert von { $sellers ->
    [one] 1 Mitglied
   *[other] { $sellers } Mitgliedern
} bei { $flagged } von { $n ->
    [one] 1 Treffen
   *[other] { $n } Treffen
}.
lookup-unsafe-warning-score = Der Sicherheitswert kann das nicht zeigen
lookup-see-why = warum

## Wer fragt (R4.11)
lookup-control-verified = Bestätigt: Wer Ihnen diesen Code gegeben hat, verfügt über dieses Konto
lookup-control-unverified = Jeder kann ein Pseudonym nennen: Bitten Sie um einen Prüfcode, um sicher zu sein
lookup-code-field = Oder geben Sie einen Prüfcode des Kunden ein
lookup-code-help = 10 Zeichen, etwa K7F29-QXM3T. Er gilt einmal und zeigt, zu welchem Konto er gehört.
lookup-code-submit = Code prüfen
error-link-not-found = Dieser Prüfcode oder Link gilt nicht: Er ist vielleicht falsch geschrieben, schon verwendet oder abgelaufen. Bitten Sie den Kunden um einen neuen.
error-too-many-links = Sie haben 20 offene Prüf-Links. Warten Sie, bis einige verwendet oder abgelaufen sind.

## Die Link-Seite für Besucherinnen, die nicht angemeldet sind
link-login-title = Prüf-Link
link-login-text = Jemand hat Ihnen einen Prüf-Link gegeben. Er zeigt einem Mitglied einmal, zu welchem Konto er gehört. Fahren Sie fort; vielleicht werden Sie zuerst um die Anmeldung gebeten.
link-login-continue = Weiter zur Bilanz

## Das Dashboard des Kunden
links-title = Zeigen Sie einem Mitglied, dass Sie es sind
links-explain = Jeder kann behaupten, Sie zu sein. Erstellen Sie einen Prüf-Link und schicken Sie ihn dem Mitglied, das Sie treffen, oder lesen Sie ihr den Code vor: Sie sieht Ihre Bilanz und weiß, dass Sie es wirklich sind. Jeder Link gilt einmal und { $hours } Stunden lang.
links-create = Prüf-Link erstellen
links-created = Ihr neuer Prüf-Link:
links-code = Oder lesen Sie diesen Code vor:
links-expires = Gültig bis { $time } (UTC), einmal.
links-used = { $used ->
    [one] 1 Ihrer Prüf-Links wurde in den letzten 90 Tagen verwendet.
   *[other] { $used } Ihrer Prüf-Links wurden in den letzten 90 Tagen verwendet.
} Von wem, erfahren Sie nie.
links-open = { $open ->
    [one] 1 Link ist offen.
   *[other] { $open } Links sind offen.
}
links-copy = Link kopieren

## Hilfe (docs/algorithm.md in einfachen Worten)
help-title = So funktioniert die Prüfung
help-link = So funktioniert die Prüfung
help-unsafe-title = Warum Unsicher-Markierungen neben dem Wert stehen
help-unsafe-1 = Der Sicherheitswert betrachtet das schlechteste Viertel der Treffen eines Kunden. War weniger als ein Viertel davon unsicher, reicht das schlechteste Viertel noch in sichere Treffen, und der Wert bleibt 1,0: Ein Kunde, der bei 5 von 25 Treffen unsicher war, hat den Wert 1,0.
help-unsafe-2 = Deshalb zeigt jede Abfrage auch, wie viele Treffen als unsicher markiert wurden und von wie vielen Mitgliedern, in Rot über dem Wert, und Sie können in den Einstellungen eine Höchstzahl an Unsicher-Markierungen festlegen. Die Voreinstellungen erlauben keine (vorsichtig), eine (ausgewogen) oder zwei (offen).
help-links-title = Prüf-Links: Ist er es wirklich?
help-links-1 = Ein Pseudonym beweist nichts darüber, wer Ihnen schreibt: Jeder kann sagen „Ich bin steady_sam“, und Sie sähen die Bilanz von steady_sam.
help-links-2 = Deshalb kann ein Kunde auf seinem Dashboard einen Prüf-Link erstellen und Ihnen schicken oder Ihnen den 10-stelligen Code vorlesen. Öffnen Sie den Link oder geben Sie den Code auf der Abfrageseite ein, sehen Sie seine Bilanz mit der Überschrift „Bestätigt“: Wer Ihnen den Code gegeben hat, verfügt über dieses Konto.
help-links-3 = Ein Link gilt einmal und 24 Stunden lang (die Genossenschaft kann das per Abstimmung ändern). Der Kunde sieht, wie viele seiner Links verwendet wurden, nie von wem. Falsche Codes zählen zu Ihren stündlichen Abfragen, deshalb lassen sich Codes nicht erraten.
