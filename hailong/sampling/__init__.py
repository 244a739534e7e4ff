"""Sampling (chọn mẫu): Slovin sizes, stratified draws, invitations, and phone interviews."""
