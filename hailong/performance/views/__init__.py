"""Staff pages of the performance app, one module per page family."""
