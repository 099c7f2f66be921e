import os

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls made by the
# tests themselves (factories, assertions) must still be allowed there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = ["tests.browser.fixtures"]
