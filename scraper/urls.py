"""URL canonicalisation (one key per article) and small URL helpers."""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

# Tracking parameters added by social sites, mail tools and analytics; never part of an article's identity.
TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|msclkid|zarsrc|zaloapp|gidzl|_ga|_gl|mc_cid|mc_eid|"
                      r"igshid|yclid|refid|s_cid|cmpid|fb_action_ids|fb_source)$", re.I)
# Session and framework state: PHP/Java/ASP.NET sessions, Liferay redirects and auth tokens,
# Oracle ADF window state on WebCenter (_afrLoop, _adf.ctrl-state).
SESSION = re.compile(r"^(phpsessid|jsessionid|sid|sessionid|aspsessionid\w*|cfid|cftoken|"
                     r"_afrloop|_afrwindowid|_afrwindowmode|_adf\.ctrl-state|p_auth|redirect|"
                     r"inheritredirect|backurl|returnurl)$", re.I)
_PATH_SESSION = re.compile(r";(jsessionid|phpsessid|sid)=[^/?#]*", re.I)
_SAFE_PATH = "/:@!$&'()*+,;=-._~%"
DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str, drop: re.Pattern | None = None) -> str:
    """The key a page is stored under: no fragment, tracking or session parameters; sorted query.

    Example: canonical_url("HTTPS://A.gov.vn:443/tin?id=2&utm_source=zalo#x") == "https://a.gov.vn/tin?id=2"
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    netloc = host
    if parts.port and parts.port != DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{parts.port}"
    path = _PATH_SESSION.sub("", parts.path) or "/"
    path = quote(unquote(path), safe=_SAFE_PATH)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not TRACKING.match(k) and not SESSION.match(k) and not (drop and drop.match(k))]
    query.sort()
    return urlunsplit((scheme, netloc, path, urlencode(query, quote_via=quote, safe="/:,"), ""))


def netloc(url: str) -> str:
    """host[:port] as politeness counts it: one queue per netloc."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return f"{host}:{parts.port}" if parts.port else host


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def same_site(url: str, hosts: frozenset[str]) -> bool:
    """True when url's host is one of the portal's hosts (with or without www.)."""
    host = host_of(url)
    return host in hosts or host.removeprefix("www.") in hosts


def absolute(base: str, href: str | None) -> str | None:
    """href resolved against base; None for mail, script, telephone and empty links."""
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
        return None
    url = urljoin(base, href)
    return url if url.startswith(("http://", "https://")) else None


def is_http_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in value
