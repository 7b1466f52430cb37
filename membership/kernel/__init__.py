"""Shared infrastructure that every app of the portal may import: it knows no app."""
