"""Rewrite the expected JSON of golden CMS pages: python -m tests.scraper.refresh_golden [adapter ...]

Read the diff before committing it.
"""
from __future__ import annotations

import json
import sys

from scraper.cms import ADAPTERS
from tests.scraper.cms_golden import golden_cases, produce


def main(names: list[str]) -> None:
    for name in names or list(ADAPTERS):
        for case in golden_cases(name):
            data = produce(ADAPTERS[name], case)
            case.json_path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                      encoding="utf-8")
            print(f"{case.json_path.relative_to(case.json_path.parents[3])}")


if __name__ == "__main__":
    main(sys.argv[1:])
