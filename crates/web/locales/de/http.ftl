# Tessera, Deutsch: Ablehnungen, die vor einem Handler entstehen (Issue 10, error_shape.rs).

error-method-not-allowed = Diese Adresse nimmt diese Art von Anfrage nicht an.
error-request = Die Anfrage konnte nicht gelesen werden. Prüfen Sie die Adresse und den Inhalt.
