"""Announcement Timeline: what each company announced, and when, checked against its sources."""

__version__ = "0.1.0"
