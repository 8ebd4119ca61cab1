from prepcoach.cli import main

raise SystemExit(main())
