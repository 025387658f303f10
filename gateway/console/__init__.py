"""The web console: server-rendered pages under /console/ for staff and business partners.

Accounts are one more credential for the identities API keys carry (role + subject); every
page runs the public API's own routes through the same dispatcher, as the session's principal.
"""
