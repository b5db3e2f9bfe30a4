"""The sign-in page: Dutch, plain HTML, no script, readable on a phone."""

from __future__ import annotations

from html import escape

PAGE = """<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Inloggen · Protocol Advisor</title>
<style>
  body {{ font-family: system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1f2328; }}
  main {{ max-width: 24rem; margin: 10vh auto; background: #fff; padding: 2rem;
         border-radius: 0.5rem; box-shadow: 0 1px 4px rgba(0,0,0,.15); }}
  h1 {{ font-size: 1.4rem; margin-top: 0; }}
  label {{ display: block; margin-top: 1rem; font-weight: 600; }}
  input {{ width: 100%; box-sizing: border-box; padding: 0.6rem; margin-top: 0.3rem;
          font-size: 1rem; border: 1px solid #6e7781; border-radius: 0.3rem; }}
  button, .school {{ display: block; width: 100%; box-sizing: border-box; margin-top: 1.5rem;
           padding: 0.7rem; font-size: 1rem; border-radius: 0.3rem; text-align: center; }}
  button {{ background: #0b5cad; color: #fff; border: 0; cursor: pointer; }}
  .school {{ color: #0b5cad; border: 1px solid #0b5cad; text-decoration: none; }}
  .error {{ background: #fff1f0; border: 1px solid #b42318; color: #7a1a12; padding: 0.7rem;
           border-radius: 0.3rem; }}
  .or {{ text-align: center; margin-top: 1.5rem; color: #57606a; }}
</style>
</head>
<body>
<main>
<h1>Protocol Advisor</h1>
<p>Internet en sociale media op school. Log in met je account.</p>
{message}
<form method="post" action="/login">
  <label for="username">Gebruikersnaam</label>
  <input id="username" name="username" type="text" autocomplete="username"
         autocapitalize="none" required value="{username}">
  <label for="password">Wachtwoord</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit">Inloggen</button>
</form>
{school}
</main>
</body>
</html>
"""


def login_page(
    message: str | None = None, username: str = "", school_label: str | None = None
) -> str:
    """The page, with an error (role=alert, read out by screen readers) when there is one."""
    shown = (
        f'<p class="error" role="alert" id="login-error">{escape(message)}</p>' if message else ""
    )
    school = (
        f'<p class="or">of</p><a class="school" href="/oidc/login" id="school-login">'
        f"{escape(school_label)}</a>"
        if school_label
        else ""
    )
    return PAGE.format(message=shown, username=escape(username[:64]), school=school)
