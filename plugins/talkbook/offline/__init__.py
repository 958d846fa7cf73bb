"""``talkbook/offline``: the course keeps working offline after the first visit."""
