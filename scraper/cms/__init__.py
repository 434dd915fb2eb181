"""CMS adapters, listed once: each portal's `cms` names one of these."""
from __future__ import annotations

from scraper.cms import dnn, generic, joomla, liferay, nukeviet, sharepoint, webcenter, wordpress
from scraper.cms.base import Adapter, Link, Listing, ParsedArticle, field
from scraper.cms.page import HtmlPage
from schema import ThiduaError


def registry(*classes: type[Adapter]) -> dict[str, Adapter]:
    """name → adapter instance; a duplicate name or an adapter without versions is a programming error."""
    found: dict[str, Adapter] = {}
    for cls in classes:
        if cls.name in found:
            raise RuntimeError(f"two CMS adapters named {cls.name!r}")
        if not cls.versions:
            raise RuntimeError(f"CMS adapter {cls.name!r} has no Version class")
        found[cls.name] = cls()
    return found


ADAPTERS = registry(liferay.Liferay, webcenter.WebCenter, sharepoint.SharePoint, dnn.DNN, joomla.Joomla,
                    nukeviet.NukeViet, wordpress.WordPress, generic.Generic)


def get_adapter(name: str) -> Adapter:
    try:
        return ADAPTERS[name]
    except KeyError:
        raise ThiduaError(f"unknown cms {name!r} (known: {', '.join(ADAPTERS)})") from None


__all__ = ["ADAPTERS", "Adapter", "HtmlPage", "Link", "Listing", "ParsedArticle", "field", "get_adapter", "registry"]
