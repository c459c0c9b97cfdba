"""Chapter and figure numbers made from the reading order (the nav), never typed by hand.

`core.py` holds the rules (no MkDocs, no Markdown); `capability.py` is what the event
module calls, one method per event.
"""
