"""Staff pages of the campaigns app (split by sub-domain)."""
