"""Serve the scene-timeline app: ``python app.py [STORY] [--host H] [--port P] [--debug]``.

The same as ``scene-timeline serve``; Desperado is shown when no story is named.
"""

import sys

from timeline.cli import main

if __name__ == "__main__":
    sys.exit(main(["serve", *sys.argv[1:]]))
