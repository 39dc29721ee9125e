# Tessera, English: auth. Wording follows the charter (seeds/000) where it gives one (SPEC R10.5).

## Login
login-title = Log in
login-submit = Log in
login-forgot = Forgot your password?
login-no-account = No account yet?
