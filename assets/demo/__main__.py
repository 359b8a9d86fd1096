"""Build or serve the offline demo portal.

python -m assets.demo build DIR          # site + rendered seed PDF + expected.json
python -m assets.demo serve DIR [--port N]
"""

from __future__ import annotations

import argparse
import json
import threading
from pathlib import Path

from assets.demo.portal_site import build_demo_portal
from assets.demo.server import serve_directory


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assets.demo", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="write the demo portal (with the seed PDF) into DIR")
    build.add_argument("dir", type=Path)
    serve = commands.add_parser("serve", help="serve DIR on 127.0.0.1 until interrupted")
    serve.add_argument("dir", type=Path)
    serve.add_argument("--port", type=int, default=0, help="port (default: any free port)")
    args = parser.parse_args(argv)

    if args.command == "build":
        portal = build_demo_portal(args.dir)
        print(f"demo portal written to {portal.root_dir.resolve()}")
        print(f"start page: {portal.start_path}")
        print(f"seed PDF:   {portal.seed_pdf.resolve()}")
        return 0

    start_path = _start_path(args.dir)
    with serve_directory(args.dir, args.port) as base_url:
        print(f"serving {args.dir.resolve()} at {base_url}{start_path}  (Ctrl-C to stop)", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    return 0


def _start_path(root: Path) -> str:
    """The start page recorded by `build`, or the site root for any other directory."""
    expected = root / "expected.json"
    if expected.is_file():
        return str(json.loads(expected.read_text(encoding="utf-8")).get("start_url", "/"))
    return "/"


if __name__ == "__main__":
    raise SystemExit(main())
