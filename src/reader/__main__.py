import sys

if sys.argv[1:2] == ["--search-worker"]:  # reader.searchrows.WORKER_FLAG: not a second reader
    from reader.searchrows import serve

    sys.exit(serve())

from reader import qtload

qtload.defer_standard_modules()  # first: see there
from reader.cli import main  # noqa: E402

sys.exit(main())
