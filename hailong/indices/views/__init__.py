"""Staff pages of the indices: the ward dashboard, its drill-down, the city ranking, exports."""
