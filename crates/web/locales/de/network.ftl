messages-title = Nachrichten
messages-explain = Nachrichten zwischen Mitgliedern. Jede Nachricht wird nach ihrer Zeit gelöscht, nach 30 Tagen, wenn Sie nichts anderes gewählt haben; sie sagt, wann.
messages-none = Noch keine Unterhaltungen.
messages-empty = Noch keine Nachrichten.
messages-back = Alle Unterhaltungen
messages-unread = { $n ->
    [one] 1 ungelesen
   *[other] { $n } ungelesen
}
thread-new = Eine Unterhaltung beginnen
thread-members = Pseudonym des Mitglieds, oder mehrere, durch Kommas getrennt, für eine Gruppe
thread-members-help = Ein Pseudonym beginnt eine direkte Unterhaltung; mehrere beginnen eine Gruppe, der jede zuerst beitritt.
thread-title = Titel (freiwillig)
thread-expiry = Nachrichten löschen nach (Tagen, freiwillig)
thread-expiry-help = 1 bis 90 Tage. Leer: Ihre Voreinstellung aus den Einstellungen.
thread-start = Beginnen
thread-kind-direct = Direkte Unterhaltung
thread-kind-group = Gruppenunterhaltung
thread-kind-coop = Diskussion der Kooperative
thread-invited = eingeladen
thread-invited-explain = Sie wurden in diese Gruppe eingeladen. Treten Sie ihr bei, um ihre Nachrichten zu lesen und zu schreiben.
thread-accept = Der Gruppe beitreten
message-body = Nachricht
message-send = Senden
message-deleted-on = Gelöscht am { $when }
message-author-deleted = ein gelöschtes Konto
dash-unread-messages = { $count ->
    [0] Keine ungelesenen Nachrichten
    [one] 1 ungelesene Nachricht
   *[other] { $count } ungelesene Nachrichten
}
