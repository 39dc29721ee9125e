# Tessera, Deutsch: auth. Die Formulierungen folgen der Charta (seeds/000), wo sie eine vorgibt (SPEC R10.5).

## Login
login-title = Anmelden
login-submit = Anmelden
login-forgot = Passwort vergessen?
login-no-account = Noch kein Konto?
