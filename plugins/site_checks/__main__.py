"""python -m site_checks [PATH] [--only links,html] [--site-url URL] [--all-pages] [--index-files]"""

import argparse
import sys

from campaign.problems import CampaignError

from .problems import ChecksFailed
from .runner import NAMES, check_site


def main(argv=None):
    """Run the checks; return the exit code: 0 all passed, 1 a check failed, 2 a bad option or a missing tool."""
    parser = argparse.ArgumentParser(prog="python -m site_checks", description=__doc__)
    parser.add_argument("path", nargs="?", default="output", help="the built site (output)")
    parser.add_argument("--only", default="", help=f"comma-separated checks among {', '.join(NAMES)}")
    parser.add_argument("--site-url", default="", help="absolute links under this URL count as internal")
    parser.add_argument("--all-pages", action="store_true", help="browser checks on every page, not one per type")
    parser.add_argument("--index-files", action="store_true", help="links must end in index.html (the bundle)")
    args = parser.parse_args(argv)
    try:
        check_site(args.path, only=args.only or None, site_url=args.site_url, all_pages=args.all_pages,
                   require_index_files=args.index_files)
    except ChecksFailed:
        return ChecksFailed.exit_code  # the report above names every problem
    except CampaignError as error:
        print(f"site_checks: {error}", file=sys.stderr)
        return error.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
