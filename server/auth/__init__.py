"""Authentication: RS256 JWT verification (Auth0 or the dev issuer)."""
