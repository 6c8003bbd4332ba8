"""Start Announcement Timeline: `python main.py [FILE.db]` opens the window."""

from timeline_app.cli import main

raise SystemExit(main())
