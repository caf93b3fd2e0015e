"""Access: users and their roles, password hashing, API tokens and browser sessions, login
throttling, and the permission checks every write and every non-public read goes through.
"""
